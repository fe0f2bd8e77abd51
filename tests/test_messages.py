"""Messages in the user's language: the language rule, rendering, and every message translated."""

import ast
import pickle
import re
from pathlib import Path

import pytest

from analysis import messages
from analysis.cli import main
from analysis.data.commentary import META_KEYS
from analysis.errors import InputError, Problem
from analysis.i18n import LANGUAGES, table
from analysis.messages import Num, current_lang, env_lang, language, render, set_process_lang, text
from analysis.report.parameters import ReportParameters

SRC = Path(__file__).resolve().parents[1] / "src" / "analysis"
FIXTURES = Path(__file__).parent / "fixtures" / "data"


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [(63600, "63600", "63600"), (63.6, "63,6", "63.6"), (-2.77, "-2,77", "-2.77"),
     # "1,234" or "1.234" could be read two ways: a trailing zero settles it
     (1.234, "1,2340", "1.2340"), (1234, "1234", "1234")],
)
def test_numbers_in_messages_cannot_be_misread(value, vi, en):
    assert Num(value).render("vi") == vi
    assert Num(value).render("en") == en


def test_rounded_and_signed_numbers():
    assert Num(41.35, 1, signed=True).render("vi") == "+41,4"
    assert Num(-0.5, 2, signed=True).render("en") == "-0.50"


def test_the_language_rule(monkeypatch):
    monkeypatch.delenv(messages.ENV_VAR, raising=False)
    assert env_lang() == "vi" and current_lang() == "vi"  # Vietnamese by default
    monkeypatch.setenv(messages.ENV_VAR, "en")
    assert current_lang() == "en"  # the environment
    with language("vi"):
        assert current_lang() == "vi"  # --lang wins over the environment
    monkeypatch.setenv(messages.ENV_VAR, "fr")  # not a product language: ignored
    assert current_lang() == "vi"
    set_process_lang("en")  # the notebook kernel speaks the report's language
    try:
        assert current_lang() == "en"
    finally:
        set_process_lang(None)
    assert current_lang() == "vi"


def test_a_problem_keeps_where_what_found_expected_in_both_languages():
    p = Problem("data/actuals.xlsx", text("msg.number.invalid"), row=7, column="value",
                cell="D7", sheet="actuals", found="bảy", expected=text("msg.number.expected"))
    assert p.render("vi") == (
        "actuals.xlsx, trang 'actuals', ô D7, cột 'value': không phải là số (thấy 'bảy'; cần "
        "một số, gõ kiểu Việt Nam (63.600 hoặc 7,52) hoặc số không có dấu phân cách (63600 "
        "hoặc 7.52))")
    assert p.render("en") == (
        "actuals.xlsx, sheet 'actuals', cell D7, column 'value': not a number (found 'bảy'; "
        "expected a number, typed the Vietnamese way (63.600 or 7,52) or as a plain number "
        "(63600 or 7.52))")
    q = Problem("", text("msg.rates.none"), parameter="--scenarios")
    assert q.render("vi").startswith("tham số --scenarios: không có kịch bản nào")


def test_input_error_prints_in_its_language_and_survives_pickling():
    error = InputError([Problem("a.csv", text("msg.file.empty"))], lang="en")
    assert str(error) == "1 problem in the input:\n  - a.csv: empty file"
    assert error.render("vi") == "1 lỗi trong dữ liệu đầu vào:\n  - a.csv: tệp rỗng"
    # what IPython (and papermill) print instead of a traceback
    assert error._render_traceback_() == ["1 problem in the input:", "  - a.csv: empty file"]
    again = pickle.loads(pickle.dumps(error))  # batch workers send errors back
    assert again.render("vi") == error.render("vi")


def test_names_from_the_data_in_both_languages():
    assert render({"vi": "Dân số", "en": "Population"}, "en") == "Population"
    assert render([Num(7.5), "x"], "vi") == "7,5, x"


def _problem_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in ("Problem", "Finding", "_file_problem"):
                yield node


def test_no_message_is_a_plain_string():
    """Every Problem's message comes from the translation table (a Text), never a literal."""
    offenders = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _problem_calls(tree):
            args = list(call.args[1:2]) + [k.value for k in call.keywords if k.arg == "message"]
            for arg in args:
                if isinstance(arg, ast.Constant | ast.JoinedStr):
                    offenders.append(f"{path.relative_to(SRC)}:{call.lineno}")
    assert not offenders, offenders


def test_no_key_is_written_twice_in_a_translation_file():
    # YAML lets a later key silently replace an earlier one: two commands' "--format" helps
    # once shared one key, and batch printed assess's help. The product's own YAML reader
    # refuses a repeated key, naming its line.
    from analysis import safe_yaml
    from analysis.i18n import TABLE_DIR

    for path in sorted(TABLE_DIR.glob("*.yaml")):
        safe_yaml.read(path)  # raises InputError on a repeated key


def test_every_message_key_the_code_uses_is_in_the_table():
    used, dynamic = set(), set()
    for path in SRC.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'"((?:msg|word)\.[a-z_.0-9-]+)"', source))
        dynamic |= set(re.findall(r'f"((?:msg|word)\.[^"]*\{[^"]*)"', source))
    prefixes = {k.rsplit(".", 1)[0] for k in table()}  # "word.qualifier" begins keys
    missing = sorted(k for k in used if k not in table() and k not in prefixes)
    assert not missing, missing
    # the keys built at run time, one per value they can take
    expected = {
        "msg.field.{spec['name']}": [],  # optional: a generic text when absent
        "msg.foreign.{what}": ["msg.foreign.indicator"],
        "msg.foreign.{what}.expected": ["msg.foreign.indicator.expected"],
        "msg.value.implausible.{indicator['measure']}": [
            f"msg.value.implausible.{m}" for m in
            ("share", "coverage", "growth_rate", "change_pp", "level", "count", "area")],
        "msg.batch.col.{k}": [f"msg.batch.col.{k}" for k in ("file", "pages", "seconds",
                                                              "status")],
        "msg.batch.status.{o.status}": ["msg.batch.status.ok", "msg.batch.status.failed"],
        "msg.plaus.impossible.{bound}": ["msg.plaus.impossible.positive",
                                         "msg.plaus.impossible.non_negative"],
        "msg.head_field.{key}": [f"msg.head_field.{k}" for k in META_KEYS],
        "msg.language.{code}": [f"msg.language.{c}" for c in LANGUAGES],
        "msg.final.language.{part}": [f"msg.final.language.{p}" for p in ("fields", "chapters",
                                                                          "both")],
    }
    assert dynamic <= set(expected), dynamic - set(expected)
    absent = [k for keys in expected.values() for k in keys if k not in table()]
    assert not absent, absent


@pytest.mark.parametrize("command", [
    ["check", "--actuals", "missing.csv"],
    ["assess", "--actuals", "missing.csv"],
    ["template", "--out", "no-such-folder/x.xlsx"],
    ["report", "--actuals", "missing.csv"],
])
def test_every_command_speaks_vietnamese_by_default_and_english_on_request(
        command, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(messages.ENV_VAR, raising=False)
    assert main(command) == 2
    err = capsys.readouterr().err
    assert err.startswith("1 lỗi trong dữ liệu đầu vào:")
    assert main([*command, "--lang", "en"]) == 2
    assert capsys.readouterr().err.startswith("1 problem in the input:")
    monkeypatch.setenv(messages.ENV_VAR, "en")
    assert main(command) == 2
    assert capsys.readouterr().err.startswith("1 problem in the input:")
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_usage_errors_are_translated(capsys):
    with pytest.raises(SystemExit) as info:
        main(["check", "--year", "2024"])
    assert info.value.code == 2
    assert "lỗi: tham số không được biết: --year 2024" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["check", "--year", "2024", "--lang", "en"])
    assert "error: unrecognized arguments: --year 2024" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["assess", "--year", "abc"])
    assert "tham số --year: 'abc' không phải là năm" in capsys.readouterr().err


def test_an_input_error_in_the_notebook_speaks_the_report_language(monkeypatch, tmp_path):
    from analysis.report.context import setup

    monkeypatch.delenv(messages.ENV_VAR, raising=False)
    with pytest.raises(InputError) as info:
        setup(ReportParameters(lang="en", actuals_path=str(tmp_path / "missing.csv")))
    assert str(info.value) == "1 problem in the input:\n  - missing.csv: file not found"
    assert info.value._render_traceback_()[0] == "1 problem in the input:"
    assert current_lang() == "vi"  # nothing left behind in this process


def test_a_number_in_a_report_annex_is_written_the_reports_way():
    # review #16: "1000000", "3573" in the printed annex; on a terminal the form that cannot be
    # misread stays
    from analysis.messages import Num, report_numbers
    from analysis.report.formatting import message_number

    assert Num(1000000).render("vi") == "1000000" and Num(-2.77).render("vi") == "-2,77"
    with report_numbers(message_number):
        assert Num(1000000).render("vi") == "1.000.000"
        assert Num(1000000).render("en") == "1,000,000"
        assert Num(-2.77).render("vi") == "\u22122,77" and Num(239.8).render("vi") == "239,8"
        assert Num(41.35, 1).render("vi") == "41,4" and Num(3, signed=True).render("vi") == "+3"
    assert Num(3573).render("vi") == "3573"  # the block is over
