"""The report's tables built as blocks (no render) from the shipped data: the status table, the
year-by-year table (Biểu, Phụ lục C) and the growth chapter's tables. Every expected cell is
worked out here by hand from the programme's wording and the actuals' rows.
"""

from __future__ import annotations

import html
import re

import pytest

from analysis.report.chapters.results import results_table
from analysis.report.chapters.status import status_table
from analysis.report.context import setup
from analysis.report.document import GroupRow, Table
from analysis.report.inline import inline_html
from analysis.report.parameters import ReportParameters


def cell_text(cell) -> str:
    """A cell as printed, its line breaks as spaces."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline_html(cell))).split())


def rows_by_name(table: Table) -> dict[str, list[str]]:
    """The rows of a table by the start of their first cell (the target's name)."""
    out = {}
    for row in table.rows:
        if not isinstance(row, GroupRow):
            texts = [cell_text(c) for c in row]
            out[texts[0]] = texts
    return out


def find(rows: dict[str, list[str]], name: str) -> list[str]:
    """The row whose first cell starts with ``name``."""
    (hit,) = [v for k, v in rows.items() if k.startswith(name)]
    return hit


def table(blocks, label: str) -> Table:
    return next(b for b in blocks if isinstance(b, Table) and b.label == label)


@pytest.fixture(scope="module")
def report():
    """The default report (26-CTr/TU, 2025, Vietnamese), set up once."""
    return setup(ReportParameters(report_date="2026-12-01"))


@pytest.fixture(scope="module")
def plan_report():
    """The final review of the five-year plan 2021–2025, set up once."""
    return setup(ReportParameters(programme="lai-chau-2021-2025", report_date="2026-12-01"))


def test_a_total_over_the_period_has_no_base_value_in_either_table(report, plan_report):
    # "Tổng vốn đầu tư toàn xã hội 2021-2030" and "Trồng rừng mới …" are totals over 2021–2030
    # (kind cumulative, period_start 2021): nothing was invested "in 2020"; both tables print
    # the same base: "– (cộng dồn từ 2021)"
    status = rows_by_name(table(status_table(report), "tab:status"))
    results = rows_by_name(table(results_table(report), "tab:results"))
    for name in ("Tổng vốn đầu tư toàn xã hội 2021-2030", "Trồng rừng mới"):
        assert find(status, name)[1] == "– (cộng dồn từ 2021)"
        assert find(results, name)[2] == "– (cộng dồn từ 2021)"
    # the plan 2021–2025: jobs and vocational training are totals over 2021–2025
    status = rows_by_name(table(status_table(plan_report), "tab:status"))
    for name in ("Giải quyết việc làm", "Đào tạo nghề"):
        assert find(status, name)[1] == "– (cộng dồn từ 2021)"


def test_a_pace_asked_of_every_year_is_required_as_stated(report):
    # poverty (actuals.csv): 27.9 % in 2021 (the base: the first year on the 2021–2025
    # standard), 19.46 % in 2024; target "giảm 2–3 điểm %/năm". Observed (19.46 − 27.9) / 3 =
    # −2.81 a year. The level the pace reaches, 27.9 − 2 × 9 = 9.9 in 2030, would need only
    # (9.9 − 19.46) / 6 = −1.59 a year from 2024: the row must not say that is enough; every
    # year is asked for 2 points
    row = find(rows_by_name(table(status_table(report), "tab:status")), "Giảm tỷ lệ nghèo")
    assert row[3] == "−2,00 điểm %/năm (mục tiêu mỗi năm)"
    assert row[4] == "−2,81 điểm %/năm"
    assert "1,59" not in " ".join(row)
