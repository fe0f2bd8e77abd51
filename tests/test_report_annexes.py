"""The data annex (Phụ lục B) and the summary's line about the values used, built as blocks
(no render) from the shipped data; every expected number is read from the actuals' rows, cited
here by row, and worked out by hand.
"""

from __future__ import annotations

import html
import re

import pytest

from analysis.report.chapters.annexes import data_annex
from analysis.report.context import setup
from analysis.report.document import GroupRow, Table
from analysis.report.inline import inline_html
from analysis.report.parameters import ReportParameters


@pytest.fixture(scope="module")
def reports():
    """The default report (26-CTr/TU, 2025) in both languages, set up once."""
    return {lang: setup(ReportParameters(lang=lang, report_date="2026-12-01"))
            for lang in ("vi", "en")}


def text_of(block) -> str:
    """A block's text as printed (its HTML without tags)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", block.to_html()))


def cells(table: Table) -> list[list[str]]:
    """The text of each cell of each row of a table (group rows left out)."""
    return [[html.unescape(re.sub(r"<[^>]+>", "", inline_html(c))) for c in row]
            for row in table.rows if not isinstance(row, GroupRow)]


def values_table(r) -> Table:
    """Table B.1, the values used."""
    return next(b for b in data_annex(r) if isinstance(b, Table) and b.label == "tab:data")


def test_a_partial_year_growth_rate_is_a_change_on_the_same_months_not_a_rate_a_year(reports):
    # grdp_growth_pct 2024-6M 5.54 (row 13) and 2024-9M 11.63 (row 14), partial-year: changes
    # on the first 6 and 9 months of 2023, printed as per cent, with what they compare with
    vi = cells(values_table(reports["vi"]))
    assert ["6T/2024", "5,54% so với cùng kỳ", "một phần năm"] in [r[:3] for r in vi]
    assert any(r[:2] == ["9T/2024", "11,63% so với cùng kỳ"] for r in vi)
    en = cells(values_table(reports["en"]))
    assert any(r[1] == "5.54% year on year" for r in en)
    # no partial-year value is printed as a rate a year
    partial = [r for r in vi if r[2] == "một phần năm"]
    assert partial and not [r for r in partial if "/năm" in r[1]]
