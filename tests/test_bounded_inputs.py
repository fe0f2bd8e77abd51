"""Inputs that would exhaust the machine or leak a file are refused with a message.

The class: every YAML a user gives (a programme, a scenarios file, a commentary's front matter,
the notebook's ``scenarios`` parameter) refuses aliases, so a "billion laughs" never expands
(it took 105 s and 3 GB before); a printed list of problems is capped with a count of the rest;
a CSV cell, a table file, a YAML file and a text file have a size limit; a file that is not a
table of its kind (e.g. a link to a system file) is refused without echoing its content.
"""

import shutil

import pytest
from support import DEFAULT_ACTUALS, PROGRAMME_DIR, cli

from analysis.data import table_reader
from analysis.errors import MAX_LISTED, InputError
from analysis.report import render as render_module
from analysis.report.parameters import ReportParameters

#: Nine levels of nine aliases: 9^9 ≈ 387 million strings if it were expanded.
BOMB = "\n".join(
    ['lol0: &l0 "lol"']
    + [f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10)])


@pytest.fixture
def no_notebook(monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("the notebook must not run")

    monkeypatch.setattr(render_module, "render_notebook", refuse)


def programme_copy(tmp_path, edit):
    folder = tmp_path / "prog"
    shutil.copytree(PROGRAMME_DIR, folder)
    yaml_file = folder / "programme.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    for name in ("targets.csv", "reference_values.csv", "tasks.csv"):
        assert name in text
    text = text.replace("../../provinces/", str(PROGRAMME_DIR.parent.parent / "provinces") + "/")
    yaml_file.write_text(edit(text), encoding="utf-8")
    return folder


def test_an_alias_in_a_programme_is_refused_with_its_line(tmp_path):
    folder = programme_copy(tmp_path, lambda t: t.replace(
        "  vi: Chương trình hành động số 26-CTr/TU ngày",
        "  vi: &t Chương trình hành động số 26-CTr/TU ngày").replace(
        "short_title:\n  vi: Chương trình hành động số 26-CTr/TU", "short_title:\n  vi: *t"))
    code, _, err = cli(["check", "--programme", str(folder), "--lang", "en"])
    assert code == 2
    assert "programme.yaml, row 9: the YAML holds an alias (*name): not allowed" in err


def test_a_billion_laughs_in_a_scenarios_file_is_refused(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(BOMB + "\nversion: 1\nscenarios:\n  x:\n    label_vi: *l9\n",
                    encoding="utf-8")
    code, _, err = cli(["assess", "--scenarios-file", str(path), "--lang", "en"])
    assert code == 2
    assert "s.yaml, row 2: the YAML holds an alias" in err  # the first alias, line 2


def test_a_billion_laughs_in_the_commentary_front_matter_is_refused(tmp_path, no_notebook):
    path = tmp_path / "2025.vi.md"
    path.write_text("---\n" + BOMB + "\nrecipients: *l9\n---\n## chapter: summary\nText\n",
                    encoding="utf-8")
    for final in ([], ["--final"]):
        code, _, err = cli(["report", "--commentary", str(path), "--out", str(tmp_path / "o"),
                            "--lang", "en", *final])
        assert code == 2
        assert "2025.vi.md, row 3: the YAML holds an alias" in err  # line 1 is ---


def test_an_alias_in_the_notebook_parameter_is_refused():
    with pytest.raises(InputError) as exc:
        ReportParameters(scenarios="[&a 9, *a]")
    assert [p.parameter for p in exc.value.problems] == ["scenarios"]


def test_a_key_given_twice_in_a_programme_is_refused(tmp_path):
    folder = programme_copy(tmp_path, lambda t: t.replace("base_year: 2020",
                                                          "base_year: 2020\nbase_year: 2021"))
    code, _, err = cli(["check", "--programme", str(folder), "--lang", "en"])
    assert code == 2 and "the key 'base_year' is given twice" in err


def test_a_yaml_file_over_the_limit_is_refused(tmp_path, monkeypatch):
    from analysis import safe_yaml

    monkeypatch.setattr(safe_yaml, "MAX_YAML_BYTES", 100)
    path = tmp_path / "s.yaml"
    path.write_text("version: 1\n# " + "x" * 200 + "\n", encoding="utf-8")
    code, _, err = cli(["assess", "--scenarios-file", str(path), "--lang", "en"])
    assert code == 2 and "s.yaml: file too large (0 KB; at most 0 KB)" in err


# the printed list ---------------------------------------------------------------------------

def test_the_printed_error_list_is_capped_with_a_count(tmp_path):
    lines = DEFAULT_ACTUALS.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "dups.csv"
    path.write_text("\n".join([lines[0], *[lines[1]] * 3000]) + "\n", encoding="utf-8")
    code, _, err = cli(["check", "--actuals", str(path), "--lang", "en"])
    assert code == 2
    printed = err.splitlines()
    # 3000 copies of one row: rows 3..3001 repeat row 2, 2999 errors; 50 printed, 2949 counted
    assert printed[0] == "2999 problems in the input:"
    assert len(printed) == 1 + MAX_LISTED + 1 == 52
    assert printed[-1] == "  - … and 2949 more not printed (fix the ones above and run again to " \
                          "see the rest)"


# sizes ----------------------------------------------------------------------------------

def test_a_csv_cell_over_the_limit_names_its_row(tmp_path):
    lines = DEFAULT_ACTUALS.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "long.csv"
    lines[4] = lines[4] + "x" * (table_reader.MAX_CELL_CHARS + 10)  # the note cell of row 5
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = cli(["check", "--actuals", str(path), "--lang", "en"])
    assert code == 2
    assert "long.csv, row 5: a cell longer than 131072 characters" in err
    assert "_csv.Error" not in err and "Traceback" not in err


def test_a_table_file_over_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(table_reader, "MAX_TABLE_BYTES", 1000)
    code, _, err = cli(["check", "--lang", "en"])
    assert code == 2 and "actuals.csv: file too large" in err


# not a table ------------------------------------------------------------------------------

def test_a_link_to_a_file_that_is_not_a_table_does_not_echo_it(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("token-4711:x:0:0:very secret\nline two\n", encoding="utf-8")
    link = tmp_path / "actuals.csv"
    link.symlink_to(secret)
    code, _, err = cli(["check", "--actuals", str(link), "--lang", "en"])
    assert code == 2
    assert "token-4711" not in err and "secret" not in err.replace(str(secret), "")
    assert "actuals.csv: not a table of this kind: its first 10 rows name none of the required " \
           f"columns (the file is a link to {secret.resolve()})" in err


def test_a_table_missing_some_columns_still_names_each(tmp_path):
    lines = DEFAULT_ACTUALS.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "actuals.csv"
    path.write_text("\n".join([lines[0].replace("quote", "qoute"), *lines[1:3]]) + "\n",
                    encoding="utf-8")
    code, _, err = cli(["check", "--actuals", str(path), "--lang", "en"])
    assert code == 2 and "column 'quote': missing required column" in err


@pytest.mark.parametrize(("target", "message"), [
    ("/dev/zero", "this is not a regular file"), ("/tmp", "this is a folder, not a file")])
def test_a_link_to_a_folder_or_device_is_not_read(tmp_path, target, message):
    link = tmp_path / "actuals.csv"
    link.symlink_to(target)
    code, _, err = cli(["check", "--actuals", str(link), "--lang", "en"])
    assert code == 2 and f"actuals.csv: {message}" in err
