"""Parameters that behave: scenario rates on the command line and in the notebook, YAML rates."""

import subprocess
import sys
from pathlib import Path

import pytest

from analysis import PROJECT_ROOT
from analysis.cli import main
from analysis.data.scenarios import PLAUSIBLE_GROWTH_PCT, load_scenarios, parse_rates
from analysis.errors import InputError
from analysis.report import render as render_module
from analysis.report.parameters import ReportParameters

NOTEBOOK = PROJECT_ROOT / "notebooks" / "assessment.ipynb"


@pytest.mark.parametrize(("given", "rates"), [
    ("9 10 11", (9.0, 10.0, 11.0)), ("9;10;11", (9.0, 10.0, 11.0)), ("9.5", (9.5,)),
    (["9", "10.5"], (9.0, 10.5)), ([7, 8], (7.0, 8.0)), ("  -2  ", (-2.0,)),
])
def test_rates(given, rates):
    assert parse_rates(given) == rates


def test_a_comma_is_refused_with_how_to_write_it():
    with pytest.raises(InputError) as info:
        parse_rates("9,5")
    (p,) = info.value.problems
    assert p.render("vi") == (
        "tham số --scenarios: có dấu phẩy: trong tiếng Việt dấu phẩy là dấu thập phân, nên không "
        "dùng nó để ngăn cách các kịch bản (thấy '9,5'; cần 9.5 nếu là một kịch bản (dấu chấm "
        "thập phân), hoặc 9 5 (cách nhau bằng dấu cách) nếu là nhiều kịch bản)")
    assert "9.5 for one scenario (decimal point), or 9 5" in p.render("en")
    with pytest.raises(InputError) as info:
        parse_rates("9,10,11")  # the old syntax
    assert "các kịch bản cách nhau bằng dấu cách: 9 10 11" in info.value.render("vi")


def test_the_same_bounds_everywhere(tmp_path):
    low, high = PLAUSIBLE_GROWTH_PCT
    assert (low, high) == (-50.0, 100.0)
    for bad in ("150", "-51", "100.5"):
        with pytest.raises(InputError) as info:
            parse_rates(bad)
        assert "từ -50 đến 100 %/năm" in info.value.render("vi")
    assert parse_rates("100") == (100.0,) and parse_rates("-50") == (-50.0,)
    yaml = tmp_path / "s.yaml"
    yaml.write_text("version: 1\nscenarios:\n  a:\n    label_vi: a\n    label_en: a\n"
                    "    growth_pct: {2026: 150, 2027: 10, 2028: 10, 2029: 10, 2030: 10}\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_scenarios(yaml)
    assert "từ -50 đến 100 %/năm" in info.value.render("vi")  # the same bound, the same words


def _yaml(tmp_path, rates: str):
    path = tmp_path / "s.yaml"
    path.write_text("version: 1\nscenarios:\n  a:\n    label_vi: a\n    label_en: a\n"
                    f"    growth_pct:\n{rates}", encoding="utf-8")
    return path


def test_the_yaml_accepts_the_number_forms_of_the_data_files(tmp_path):
    rates = ("      2026: 9,5\n      2027: \"10,25\"\n      2028: 11.5\n      2029: 12\n"
             "      2030: '1.205,7e0'\n")
    with pytest.raises(InputError):
        load_scenarios(_yaml(tmp_path, rates))  # "1.205,7e0" is no number in any form
    ok = "      2026: 9,5\n      2027: \"10,25\"\n      2028: 11\n      2029: 12\n      2030: 10\n"
    assert load_scenarios(_yaml(tmp_path, ok))["a"].growth_pct_by_year == {
        2026: 9.5, 2027: 10.25, 2028: 11.0, 2029: 12.0, 2030: 10.0}


def test_the_yaml_reads_12_000_as_the_data_files_do(tmp_path):
    # YAML alone would read 12.000 as twelve; typed the Vietnamese way it is twelve thousand,
    # which is not a growth rate: refused, not silently twelve
    rates = "      2026: 12.000\n      2027: 10\n      2028: 10\n      2029: 10\n      2030: 10\n"
    with pytest.raises(InputError) as info:
        load_scenarios(_yaml(tmp_path, rates))
    assert "scenarios.a.growth_pct.2026" in info.value.render("en")
    assert "(found '12.000'" in info.value.render("en")


@pytest.mark.parametrize("argv", [["report", "--scenarios", "9,5"],
                                  ["report", "--scenarios", "150"],
                                  ["assess", "--scenarios", "9,5"],
                                  ["assess", "--scenarios", "9", "150"]])
def test_commands_refuse_bad_rates_with_exit_2(argv, capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(render_module, "render_notebook", lambda *a, **k: 1 / 0)
    out = ["--out", str(tmp_path)] if argv[0] == "report" else []
    assert main([*argv, *out]) == 2
    assert "tham số --scenarios" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_report_takes_scenarios(monkeypatch, tmp_path):
    seen = {}

    def fake(notebook, parameters, pdf_path, **_):
        seen.update(parameters)
        return pdf_path

    monkeypatch.setattr(render_module, "render_notebook", fake)
    assert main(["report", "--scenarios", "8.5", "12", "--out", str(tmp_path)]) == 0
    assert seen["scenarios"] == [8.5, 12]


# ------------------------------------------------------------------------ notebook parameters


@pytest.mark.parametrize(("given", "year"), [(2024, 2024), ("2024", 2024), (2024.0, 2024),
                                             (None, None), ("None", None), ("", None)])
def test_assessment_year_forms(given, year):
    assert ReportParameters(assessment_year=given).assessment_year == year


@pytest.mark.parametrize(("given", "rates"), [
    ("[7, 8]", (7, 8)), ("[7,8]", (7, 8)), ("[9.5, 10]", (9.5, 10)), ("7 8", (7, 8)),
    ([9, 10, 11], (9, 10, 11)), ((9.5,), (9.5,)), (10, (10,)), (["9,5"], None),
])
def test_scenarios_as_papermill_gives_them(given, rates):
    if rates is None:
        with pytest.raises(InputError):
            ReportParameters(scenarios=given)
    else:
        assert ReportParameters(scenarios=given).scenarios == rates


def test_bad_parameters_get_one_message_in_the_report_language():
    with pytest.raises(InputError) as info:
        ReportParameters(assessment_year="abc", scenarios="[7, x]", show_band="maybe", lang="en")
    rendered = str(info.value)  # in the report's language, English here
    assert rendered.startswith("3 problems in the input:")
    assert "parameter assessment_year: value cannot be used (found 'abc'; expected a year" in \
        rendered
    assert "parameter scenarios: growth rate is not a number (found 'x'" in rendered
    assert "parameter show_band" in rendered
    with pytest.raises(InputError) as info:
        ReportParameters(lang="fr")
    assert "tham số lang: giá trị không dùng được (thấy 'fr'; cần một trong vi, en)" in \
        str(info.value)
    assert ReportParameters(show_band="false").show_band is False


@pytest.mark.slow
def test_papermill_takes_a_list_and_a_year_as_text(tmp_path):
    out = tmp_path / "out.ipynb"
    result = subprocess.run(
        [sys.executable, "-m", "papermill", str(NOTEBOOK), str(out), "-p", "scenarios", "[7, 8]",
         "-p", "assessment_year", "2024", "--no-progress-bar"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    row = 'text-align:left\\">{}%/năm</td>'  # a scenario's row in the required-growth table
    assert row.format(7) in text and row.format(8) in text and row.format(9) not in text


@pytest.mark.slow
def test_papermill_shows_one_clear_message_for_a_bad_value(tmp_path):
    out = tmp_path / "out.ipynb"
    result = subprocess.run(
        [sys.executable, "-m", "papermill", str(NOTEBOOK), str(out), "-p", "assessment_year",
         "abc", "--no-progress-bar"], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode != 0
    assert "TypeError" not in result.stderr
    message = result.stderr.split('Exception encountered at "In [3]":', 1)[1].strip()
    assert message.splitlines() == [
        "1 lỗi trong dữ liệu đầu vào:",
        "  - tham số assessment_year: giá trị không dùng được (thấy 'abc'; cần một năm, ví dụ "
        "2024 (papermill: -p assessment_year 2024), hoặc None cho năm cuối có số liệu cả năm)"]
    assert Path(out).is_file()  # papermill keeps the notebook with the message in its cell
