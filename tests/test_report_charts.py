"""The report's charts, read from the figures' own line data (no render).

Expected years and values come from the shipped actuals (data/provinces/lai-chau/actuals.csv),
cited here by row.
"""

from __future__ import annotations

import pytest

from analysis.report import charts
from analysis.report.chart_style import Line, draw_lines, new_figure
from analysis.report.context import setup
from analysis.report.parameters import ReportParameters


@pytest.fixture(scope="module")
def report():
    """The default report (26-CTr/TU, 2025, Vietnamese), set up once."""
    return setup(ReportParameters(report_date="2026-12-01"))


def drawn_lines(fig) -> list[list[float]]:
    """The x data of every line drawn with a visible line style (markers alone excluded; the
    target's horizontal line, drawn in axes coordinates, excluded)."""
    out = []
    for ax in fig.axes:
        for line in ax.get_lines():
            if line.get_linestyle() in ("None", "", " ") or line.get_transform() != ax.transData:
                continue
            out.append([float(x) for x in line.get_xdata()])
    return out


def test_draw_lines_never_joins_across_a_missing_year():
    fig, (ax,) = new_figure()
    draw_lines(ax, [Line([2020, 2021, 2023, 2024], [1.0, 2.0, 4.0, 5.0], "Thực tế")])
    # two runs, 2020–2021 and 2023–2024; nothing drawn from 2021 to 2023
    assert sorted(drawn_lines(fig)) == [[2020.0, 2021.0], [2023.0, 2024.0]]


def test_the_tourism_chart_leaves_2022_a_gap_and_names_it(report):
    # tourist_arrivals (actuals.csv): 2021 375,000 (row 93), no 2022 value, 2023 1,000,000
    # (row 94), 2024 1,359,000 (row 95, reported, chosen over row 99's estimate), 2025 1,470,000
    # (row 97): the actual line is 2021 alone, then 2023–2025
    fig = charts.level_chart(report, "tourist_arrivals").figure
    for xs in drawn_lines(fig):
        assert not (min(xs) < 2022 < max(xs)), xs  # no line crosses the missing year
    (ax,) = fig.axes
    actual = [line for line in ax.get_lines() if line.get_label() == "Thực tế cả năm"]
    assert [list(line.get_xdata()) for line in actual] == [[2021]]  # the labelled first run
    assert [t.get_text() for t in ax.texts if "chưa có số liệu" in t.get_text()] == [
        "2022: chưa có số liệu"]
