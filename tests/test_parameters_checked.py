"""Parameters checked before anything runs: a scenario given twice, a commentary path that
does not exist or is not UTF-8. Each is refused with exit status 2 and a message naming the
parameter or the file, before any notebook runs (in a draft as in a final report).
"""

import pytest
from support import cli, to_cp1258

from analysis.data.scenarios import parse_rates
from analysis.engine.assess import assess
from analysis.errors import InputError
from analysis.report import render as render_module
from analysis.report.parameters import ReportParameters

SCENARIOS = """version: 1
scenarios:
  {name}:
    label_vi: Phục hồi
    label_en: Recovery
    growth_pct: {{2026: 9, 2027: 9, 2028: 9, 2029: 9, 2030: 9}}
"""


@pytest.fixture
def no_notebook(monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("the notebook must not run")

    monkeypatch.setattr(render_module, "render_notebook", refuse)


def report(tmp_path, *words) -> tuple[int, str]:
    """``report --out <tmp>/out WORDS``: exit status and standard error."""
    code, _, err = cli(["report", "--out", str(tmp_path / "out"), *words])
    return code, err


# a rate given twice ------------------------------------------------------------------------

@pytest.mark.parametrize("given", [["9", "9"], ["9", "9.0"], ["9;10;9"], ["9", "10", "9,0"],
                                   [9, 9.0]])
def test_a_rate_given_twice_is_refused(given):
    with pytest.raises(InputError) as exc:
        parse_rates(given)
    repeated = [p for p in exc.value.problems if p.key == "msg.rates.repeated"]
    if "9,0" in given:  # a comma is refused on its own (9.0 or the rates 9 and 0?)
        assert [p.key for p in exc.value.problems] == ["msg.rates.comma"]
        return
    assert len(repeated) == 1 and repeated[0].parameter == "--scenarios"


@pytest.mark.parametrize("command", ["assess", "report"])
def test_scenarios_9_9_exits_2_with_the_parameter(tmp_path, command, no_notebook):
    if command == "assess":
        code, _, err = cli(["assess", "--scenarios", "9", "9", "--lang", "en"])
    else:
        code, err = report(tmp_path, "--scenarios", "9", "9", "--lang", "en")
    assert code == 2
    assert "parameter --scenarios: this rate is given already (as 9)" in err
    assert "Traceback" not in err


def test_the_notebook_parameter_refuses_a_repeated_rate():
    with pytest.raises(InputError) as exc:
        ReportParameters(scenarios="[9, 9]")
    assert [p.parameter for p in exc.value.problems] == ["scenarios"]
    assert exc.value.problems[0].key == "msg.rates.repeated"


def test_the_engine_merges_a_repeated_rate():
    # a library caller's (9, 9): one 9 %/yr scenario, not a crash
    from analysis.data.loaders import load_dataset

    result = assess(load_dataset(), scenarios=(9, 9.0))
    scenarios = result.summary["scenario"].dropna().tolist()
    assert scenarios.count("9pct") == 1


def test_a_scenario_written_twice_in_the_file_is_refused(tmp_path):
    body = SCENARIOS.format(name="phuc-hoi") + SCENARIOS.format(name="phuc-hoi").split(
        "scenarios:\n", 1)[1]
    path = tmp_path / "s.yaml"
    path.write_text(body, encoding="utf-8")
    code, _, err = cli(["assess", "--scenarios-file", str(path), "--lang", "en"])
    assert code == 2
    # lines 1-6 the first scenario, line 7 the same name again
    assert "s.yaml, row 7: the key 'phuc-hoi' is given twice" in err


@pytest.mark.parametrize("name", ["9pct", "10pct", "target", "current_pace"])
def test_a_custom_scenario_named_like_another_is_refused(tmp_path, name, no_notebook):
    path = tmp_path / "s.yaml"
    path.write_text(SCENARIOS.format(name=name), encoding="utf-8")
    code, _, err = cli(["assess", "--scenarios-file", str(path), "--lang", "en"])
    assert code == 2
    assert f"s.yaml, key 'scenarios.{name}': scenario '{name}': this name is already" in err
    code, err = report(tmp_path, "--scenarios-file", str(path))
    assert code == 2 and f"scenarios.{name}" in err


# the commentary ---------------------------------------------------------------------------

@pytest.mark.parametrize("final", [False, True])
def test_a_commentary_path_that_does_not_exist_is_an_error(tmp_path, final, no_notebook):
    words = ["--commentary", str(tmp_path / "typo.md"), "--lang", "en"]
    code, err = report(tmp_path, *words, *(["--final"] if final else []))
    assert code == 2
    assert "typo.md, parameter --commentary: commentary file or folder not found" in err
    assert "chapter" not in err  # the missing file is named, not the chapters it would fill


@pytest.mark.parametrize("final", [False, True])
def test_a_commentary_file_that_is_not_utf8_is_an_error(tmp_path, final, no_notebook):
    path = tmp_path / "2025.vi.md"
    path.write_bytes(to_cp1258("## chapter: summary\nKinh tế tăng trưởng khá\n"))
    code, err = report(tmp_path, "--commentary", str(path), "--lang", "en",
                       *(["--final"] if final else []))
    assert code == 2
    assert "2025.vi.md, row 2: the file is not UTF-8 text" in err
    assert "UnicodeDecodeError" not in err
