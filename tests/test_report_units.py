"""Fast tests of the report's building blocks: escaping, translations, formatting, dates."""

import datetime as dt
import re
import string

import pytest

from analysis.errors import InputError
from analysis.i18n import LANGUAGES, t, table
from analysis.programme import load_programme
from analysis.report import formatting as fmt
from analysis.report.context import Published, cutoff_date, undated_after
from analysis.report.latex import Column, escape, escape_url, longtable
from analysis.report.parameters import parse_report_date, source_date_epoch
from analysis.report.typeset import latex_error, missing_characters

#: Keys whose languages legitimately use different placeholders.
DIFFERENT_PLACEHOLDERS = {
    "doc.months",  # vi "tháng 01/2026" uses the number, en the month name
    "doc.place_date",  # vi "ngày 01 tháng 12 năm 2026", en the date in words
}


def _fields(text: str) -> set[str]:
    return {f[1] for f in string.Formatter().parse(text) if f[1]}


def test_every_key_has_both_languages_and_the_same_placeholders():
    problems = []
    for key, entry in table().items():
        if set(entry) != set(LANGUAGES):
            problems.append(f"{key}: languages {sorted(entry)}")
            continue
        if key not in DIFFERENT_PLACEHOLDERS and _fields(entry["vi"]) != _fields(entry["en"]):
            problems.append(f"{key}: {_fields(entry['vi'])} vs {_fields(entry['en'])}")
    assert not problems, "\n".join(problems)


def test_every_key_the_code_uses_is_in_the_table():
    from pathlib import Path

    src = Path(__file__).resolve().parents[1] / "src" / "analysis"
    used = set()
    for f in src.rglob("*.py"):
        used |= set(re.findall(r'\bt\("([a-z_.0-9-]+)"', f.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in table())
    assert not missing, missing


def test_translation_fills_placeholders():
    assert t("headline.first.final", "vi", n=4, with_data=11) == "4/11 chỉ tiêu có số liệu đạt"
    assert t("headline.first.final", "en", n=4, with_data=11) == "4/11 targets with data achieved"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50%", r"50\%"),
        ("a_b", r"a\_b"),
        ("$x$", r"\$x\$"),
        ("{}", r"\{\}"),
        ("\\input", r"\textbackslash{}input"),
        ("^^5c", r"\textasciicircum{}\textasciicircum{}5c"),
        ("~", r"\textasciitilde{}"),
        ("#&", r"\#\&"),
        ("--", "-{}-{}"),
        ("[x]", "{[}x{]}"),
        ("a\n\nb", "a b"),
    ],
)
def test_escape_makes_specials_literal(text, expected):
    assert escape(text) == expected


def test_escaped_text_has_no_active_special_left():
    nasty = "\\ { } $ & # ^ _ % ~ \\input{x} \\end{document} ^^5c \x0c \x00"
    out = escape(nasty)
    # every backslash starts one of the commands escape() writes
    commands = set(re.findall(r"\\([A-Za-z]+|.)", out))
    assert commands <= {"textbackslash", "{", "}", "$", "&", "#", "%", "_",
                        "textasciicircum", "textasciitilde"}, commands
    for ch in "$&#^_%~":
        assert not re.search(rf"(?<!\\){re.escape(ch)}", out.replace(r"\textasciicircum{}", "")
                             .replace(r"\textasciitilde{}", "")), ch


def test_url_escape_allows_breaks_and_escapes():
    out = escape_url("https://x.vn/a_b?c=1&d=%20#f")
    assert r"\_" in out and r"\&" in out and r"\%" in out and r"\#" in out
    assert r"\allowbreak" in out


def test_longtable_checks_row_length():
    with pytest.raises(ValueError):
        longtable([Column("a", 0.5)], [["x", "y"]])


def test_formatting_vi_and_en():
    assert fmt.value(63600, "bn_vnd", "vi") == "63.600\u00a0tỷ đồng"
    assert fmt.value(63600, "bn_vnd", "en") == "63,600\u00a0bn VND"
    assert fmt.growth(7.52, "vi") == "7,52%/năm"
    assert fmt.growth(-2.77, "en", per_year=False) == "\u22122.77%"
    assert fmt.value(51.87, "pct", "vi") == "51,87%"
    assert fmt.value(50.5, "pct", "vi") == "50,5%"
    assert fmt.period("2024-9M", "vi") == "9T/2024"
    assert fmt.period("2024-9M", "en") == "9M 2024"
    assert fmt.target({"unit": "pct_per_year", "comparator": "range", "low": 9, "high": 11,
                       "value": None}, "vi") == "9–11%/năm"
    # review #21: "không quá 0" communes is "none left"
    assert fmt.target({"unit": "count", "comparator": "at_most", "value": 0}, "vi") \
        == "không còn (0)"
    assert fmt.target({"unit": "count", "comparator": "at_most", "value": 3}, "vi") \
        == "không quá 3"


def test_cutoff_date_and_report_date_are_two_dates():
    pubs = ["2025", "2025-11", "2026-01", "", "2024-06-30"]
    assert cutoff_date(pubs) == Published(2026, 1)
    assert Published(2026, 1).format("vi") == "tháng 01/2026"
    assert Published(2026, 1, 15).format("vi") == "15/01/2026"
    # the PDF's stamp is the report date, not the cut-off: 2026-12-01 00:00 UTC =
    # (56 * 365 + 14 + 334) days after 1970-01-01 = 20788 days * 86400 = 1796083200
    assert source_date_epoch(dt.date(2026, 12, 1), environ={}) == 1796083200
    assert source_date_epoch(dt.date(2026, 12, 1), environ={"SOURCE_DATE_EPOCH": "86400"}) == 86400
    assert parse_report_date("2026-12-01") == dt.date(2026, 12, 1)
    assert parse_report_date(None) == dt.date.today()
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        parse_report_date("01/12/2026")


def test_values_typed_without_a_date_after_the_cut_off_are_found():
    # review #10: a 2026 value typed without its publication date made a 2026 report say
    # "Số liệu cập nhật đến: 14/01/2026"
    import pandas as pd

    used = pd.DataFrame({
        "period": ["2025", "2025", "2026-9M", "2026", "2026", "2021-2025"],
        "published": ["2026-01-14", "", None, "", "2026-03", ""],
    })
    cutoff = Published(2026, 1, 14)
    # 2025 (ends December 2025, before January 2026) and 2021–2025 are not later; 2026-9M ends
    # in September 2026 and 2026 in December 2026, both after January 2026 and undated; the
    # 2026 value published 2026-03 has a date
    assert undated_after(used, cutoff)["period"].tolist() == ["2026-9M", "2026"]
    # a cut-off of a month ("tháng 09/2026") covers the nine months, not the year
    assert undated_after(used, Published(2026, 9))["period"].tolist() == ["2026"]
    assert undated_after(used, None)["period"].tolist() == ["2025", "2026-9M", "2026",
                                                            "2021-2025"]


def test_the_report_says_a_later_value_has_no_date(tmp_path):
    from support import DEFAULT_ACTUALS

    from analysis.report import chapters as rc

    actuals = tmp_path / "actuals.csv"
    rows = DEFAULT_ACTUALS.read_text(encoding="utf-8")
    actuals.write_text(rows + "grdp_per_capita_mn_vnd,2026,70.1,mn_vnd_per_person,estimate,"
                       "exact,,,Nguồn thử,https://example.org/a,secondary,câu trích,,\n",
                       encoding="utf-8")
    r = rc.setup(rc.ReportParameters(actuals_path=str(actuals), report_date="2026-12-07"))
    assert r.year == 2026
    assert r.cutoff_text() == ("14/01/2026; 1 giá trị của kỳ sau ngày đó (2026) không ghi ngày "
                               "công bố")
    default = rc.setup(rc.ReportParameters(report_date="2026-12-07"))
    assert default.cutoff_text() == "14/01/2026"  # every later value has its date


def test_xelatex_log_parsing():
    log = ("This is XeTeX\n! Undefined control sequence.\nl.12 \\foo\n\n"
           "Missing character: There is no 😀 (U+1F600) in font [texgyretermes-regular.otf]/OT!\n")
    assert latex_error(log).startswith("! Undefined control sequence.")
    assert missing_characters(log) == ["😀 (U+1F600) in texgyretermes-regular.otf"]


def test_report_filename_names_the_programme():
    assert load_programme("26-ctr-tu").report_filename(2024, "en") == "26-ctr-tu-2024-en.pdf"


def test_a_table_wider_than_the_line_is_refused():
    # 1.10 of the line width ran under the page header of the landscape annex
    from analysis.report import latex

    cols = [latex.Column("a", 0.6), latex.Column("b", 0.5)]
    with pytest.raises(ValueError, match="1.100"):
        latex.longtable(cols, [["x", "y"]])
    assert "longtable" in latex.longtable([latex.Column("a", 0.5), latex.Column("b", 0.5)],
                                          [["x", "y"]])


def test_values_to_verify_set_the_chosen_apart_from_the_replaced():
    # review #16: the annex said "được dùng" of row 68 (79, per capita 2025), which 65.5
    # replaces, and of the duplicate row 95 (row 99 is chosen for tourist arrivals 2024)
    from analysis.report import chapters as rc
    from analysis.report import verify

    r = rc.setup(rc.ReportParameters(report_date="2026-12-07"))
    html = [b.to_html() for b in verify.annex(r)]
    chosen, replaced = html[2], html[4]
    assert html[1].startswith("<p>Các giá trị dưới đây là giá trị được chọn")
    assert html[3].startswith("<p>Các giá trị dưới đây không được dùng")
    assert "dòng 68," in replaced and "dòng 95," in replaced and "dòng 68," not in chosen
    assert "dòng 99," in chosen and "dòng 74," in chosen
    assert "2023: 1.000.000 thay đổi +167% so với 2021 (dòng 93: 375.000)" in chosen


def test_the_conflicts_table_says_an_unknown_date_in_words():
    # review #22: "(báo cáo, bản sao thứ cấp, ?)" in annex B.3
    from analysis.report import chapters as rc
    from analysis.report.chapters.annexes import _conflicts

    r = rc.setup(rc.ReportParameters(report_date="2026-12-07"))
    text = "".join(b.to_html() for b in _conflicts(r) if hasattr(b, "to_html"))
    # population 2022: 482.100 (reported, secondary copy, no publication date in actuals.csv)
    assert "482.100" in text and "bản sao thứ cấp, không rõ ngày)" in text
    assert ", ?)" not in text and "?," not in text
