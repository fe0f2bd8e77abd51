"""Headlines that cannot mislead, and the classes behind them.

* The summary line counts the targets achieved against the targets **with data**, then every
  other class with its own count; the same words in the report's summary and in ``assess``.
* ``not_measurable`` is a class of its own: counted apart, its reason in the row, no data asked.
* A series whose only value since the base year is the base year's own has no data since the
  base (not "one observation").
* An average over fewer years than its target's period says which years it covers, and names
  the published average that covers the missing years.
* A "values to verify" mark only under a verdict that uses the value with the warning.

Every expected number is worked out here from the rows of the shipped CSV files.
"""

from __future__ import annotations

import csv
import html
import math
import re

import numpy as np
import pandas as pd
import pytest
from support import DEFAULT_ACTUALS, cli

from analysis.data.loaders import load_programme_data
from analysis.engine import progress as pg
from analysis.engine.assess import TARGET_SCENARIO, assess
from analysis.programme import load_programme
from analysis.report import headline
from analysis.report.parameters import ReportParameters

PLAN = load_programme("lai-chau-2021-2025")
PROGRAMME = load_programme("26-ctr-tu")


def _rows(path=DEFAULT_ACTUALS) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _targets(prog) -> list[dict]:
    with prog.targets.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _annual_years(indicator: str) -> set[int]:
    """Years with an annual value of ``indicator`` in actuals.csv (not ignored, not partial)."""
    return {int(r["period"]) for r in _rows() if r["indicator_id"] == indicator
            and r["period"].isdigit() and r["status"] != "partial-year"
            and r["choice"] != "ignore"}


def _text(blocks) -> str:
    """The words of report blocks (their HTML, tags removed), one space between words."""
    from analysis.report.document import Figure

    out = " ".join(b.to_html() for b in blocks if not isinstance(b, Figure))
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", out)).split())
    return re.sub(r" ([:;,.)])", r"\1", words)  # a tag's end is no space before punctuation


@pytest.fixture(scope="module")
def plan_summary():
    s = assess(load_programme_data(PLAN), year=2025, base_year=PLAN.base_year).summary
    return s[s["scenario"] == TARGET_SCENARIO].set_index("target_id", drop=False)


@pytest.fixture(scope="module")
def plan_report():
    from analysis.report.context import setup

    return setup(ReportParameters("lai-chau-2021-2025", 2025, "vi", report_date="2026-12-01"))


@pytest.fixture(scope="module")
def plan_report_en():
    from analysis.report.context import setup

    return setup(ReportParameters("lai-chau-2021-2025", 2025, "en", report_date="2026-12-01"))


@pytest.fixture(scope="module")
def programme_report():
    from analysis.report.context import setup

    return setup(ReportParameters("26-ctr-tu", 2025, "vi", report_date="2026-12-01"))


# ---- the line itself -------------------------------------------------------------------------

def test_the_line_names_its_denominators():
    # 34 targets: 4 achieved, 3 not achieved, 3 without a 2025 value, 1 with too few rates,
    # 22 without data, 1 not measurable; with data: 34 - 22 - 1 = 11
    counts = headline.Counts(34, {pg.ACHIEVED: 4, pg.NOT_ACHIEVED: 3,
                                  pg.NO_TARGET_YEAR_VALUE: 3, pg.TOO_FEW_RATES: 1,
                                  pg.NO_DATA: 22, pg.NOT_MEASURABLE: 1}, final=True)
    assert counts.with_data == 11
    assert headline.headline(counts, "vi", 2025) == (
        "4/11 chỉ tiêu có số liệu đạt; 3 không đạt; 3 chưa có số liệu năm 2025; 1 quá ít năm "
        "số liệu để đánh giá tốc độ bình quân; 22 chưa có số liệu; 1 không đo được.")
    assert headline.headline(counts, "en", 2025) == (
        "4/11 targets with data achieved; 3 not achieved; 3 without a 2025 value yet; 1 with "
        "too few annual rates to judge the average; 22 without data; 1 not measurable.")


def test_a_class_no_target_has_is_left_out_but_the_first_is_always_there():
    counts = headline.Counts(5, {pg.ON_TRACK: 2, pg.NO_DATA: 3})
    # 5 - 3 without data = 2 with data, none achieved
    assert headline.headline(counts, "vi", 2030) == (
        "0/2 chỉ tiêu có số liệu đã đạt mục tiêu; 2 đúng tiến độ; 3 chưa có số liệu.")


def test_every_class_has_its_words_in_both_languages():
    from analysis.i18n import t

    for klass in pg.CLASSES:
        if klass != pg.ACHIEVED:
            for lang in ("vi", "en"):
                assert t(f"headline.class.{klass}", lang, n=7, target_year=2030).startswith("7 ")


def test_the_final_review_line_by_hand(plan_summary):
    # With data: a target whose indicator has an annual value 2021-2025 in actuals.csv (the
    # tourism growth target is measured by its level series, tourist_arrivals), except the
    # district count, which the plan declares not measurable.
    measured_by = {"tourist_arrivals_growth_pct": "tourist_arrivals"}
    targets = _targets(PLAN)
    with_data = {t["target_id"] for t in targets
                 if _annual_years(measured_by.get(t["indicator_id"], t["indicator_id"]))
                 & set(range(2021, 2026))} - set(PLAN.not_measurable)
    assert len(targets) == 34 and len(with_data) == 11
    assert set(plan_summary.index[~plan_summary["progress_class"].isin(pg.WITHOUT_DATA)]) \
        == with_data
    count = headline.counts(assess(load_programme_data(PLAN), year=2025,
                                   base_year=2020).summary, final=True)
    # achieved: per capita, budget, tourism growth, forest (test_final_review.py); not achieved:
    # GRDP growth 5.32 < 9, grain 226,000 not "trên 226.000", villages 99 < 100; no 2025 value:
    # new-rural communes (2022), tea area (2024), poverty (2024); too few rates: agriculture
    # growth (2024 and 2025 only); 34 - 11 - 1 = 22 without data
    assert headline.headline(count, "vi", 2025) == (
        "4/11 chỉ tiêu có số liệu đạt; 3 không đạt; 3 chưa có số liệu năm 2025; 1 quá ít năm "
        "số liệu để đánh giá tốc độ bình quân; 22 chưa có số liệu; 1 không đo được.")


def test_the_counts_add_up_to_the_catalogue():
    for prog in (PLAN, PROGRAMME):
        result = assess(load_programme_data(prog), year=2025, base_year=prog.base_year)
        count = headline.counts(result.summary, prog.is_final_review(2025))
        numbers = [int(n) for n in re.findall(r"(?:^|; )(\d+)", headline.headline(
            count, "vi", prog.target_year))]
        assert sum(numbers) == len(_targets(prog)) == count.total


def test_the_same_words_in_assess_and_in_the_report(plan_report, plan_report_en):
    from analysis.report.chapters.summary import executive_summary

    for lang, report in (("vi", plan_report), ("en", plan_report_en)):
        code, out, err = cli(["assess", "--programme", "lai-chau-2021-2025", "--lang", lang])
        assert code == 0, err
        line = out.splitlines()[1]
        expected = ("4/11 chỉ tiêu có số liệu đạt;" if lang == "vi"
                    else "4/11 targets with data achieved;")
        assert line.startswith(expected)
        assert line in _text(executive_summary(report))
    # the old count over every target is gone
    assert "4/34" not in _text(executive_summary(plan_report))


def test_assess_keeps_csv_clean_and_says_the_line_on_stderr():
    code, out, err = cli(["assess", "--format", "csv"])
    assert code == 0
    assert out.splitlines()[0].startswith("target_id,")
    # 26-CTr/TU: 40 targets, 21 without data, 1 not measurable: 18 with data
    assert err.splitlines()[0].startswith("1/18 chỉ tiêu có số liệu đã đạt mục tiêu;")
    # the target by its name, not its id
    assert "Không đo được: Số đơn vị cấp huyện đạt chuẩn nông thôn mới" in err


# ---- not measurable --------------------------------------------------------------------------

def test_not_measurable_is_a_class_of_its_own(plan_summary, plan_report):
    from analysis.report.chapters.annexes import data_annex
    from analysis.report.chapters.status import status_cells

    row = plan_summary.loc["districts_ntm_count"]
    assert row["progress_class"] == pg.NOT_MEASURABLE and not row["met"]
    assert math.isnan(row["required_pace"]) and "not_measurable" in row["flags"]
    # its reason is in its row of the status table
    cells = _text([_as_paragraph(status_cells(plan_report, row.to_dict(),
                                              "districts_ntm_count"))])
    assert "Không đo được" in cells and "Cấp huyện đã bỏ từ 01/7/2025" in cells
    # no data asked for it: named apart in the data-needed list, with its reason
    annex = _text(data_annex(plan_report))
    needed, apart = annex.split("Không yêu cầu số liệu cho 1 chỉ tiêu")
    needed = needed[needed.index("Số liệu cần có để đánh giá đầy đủ"):]
    assert "Số đơn vị cấp huyện đạt chuẩn nông thôn mới" not in needed
    assert "Số đơn vị cấp huyện đạt chuẩn nông thôn mới: Cấp huyện đã bỏ" in apart


def _as_paragraph(cells):
    from analysis.report.document import Paragraph

    parts = []
    for c in cells:
        parts += (c if isinstance(c, list) else [c]) + [" "]
    return Paragraph(parts)


def test_a_target_declared_not_measurable_keeps_its_values_and_loses_its_verdict():
    # the forest cover of 26-CTr/TU declared not measurable (for this test): its values stay
    # (50.5 % in 2020, 54 % in 2025), the verdict and the pace required go
    data = load_programme_data(PROGRAMME)
    s = assess(data, year=2025, base_year=2020, not_measurable=["forest_cover_pct"]).summary
    row = s[s["target_id"] == "forest_cover_pct"].iloc[0]
    assert row["progress_class"] == pg.NOT_MEASURABLE
    assert (row["base_value"], row["latest_value"]) == (50.5, 54.0)
    assert math.isnan(row["required_pace"]) and math.isnan(row["probability_met"])


# ---- the base year alone ---------------------------------------------------------------------

def test_the_base_year_alone_is_no_data_since_the_base():
    # trained_labour_certified_pct: 10.9 (2011), 11.8, 14.4, 14, 13.5, 13.9 (2020): nothing
    # after the base year 2020
    assert max(_annual_years("trained_labour_certified_pct")) == 2020
    s = assess(load_programme_data(PROGRAMME), year=2025, base_year=2020).summary
    row = s[s["target_id"] == "trained_labour_certified_pct"].iloc[0]
    assert row["progress_class"] == pg.NO_DATA
    assert (int(row["base_year"]), row["base_value"]) == (2020, 13.9)
    assert pd.isna(row["latest_year"]) and math.isnan(row["required_pace"])


def _frames(values: dict[int, float]):
    targets = pd.DataFrame([{
        "target_id": "t", "indicator_id": "x", "group": "g", "name_vi": "T", "name_en": "T",
        "unit": "pct", "kind": "coverage_pct", "comparator": "at_least", "value": 80.0,
        "low": np.nan, "high": np.nan, "period_start": 2021, "target_year": 2030,
        "price_basis": "", "direction": "higher"}])
    actuals = pd.DataFrame([{"indicator_id": "x", "period": str(y), "value": v, "unit": "pct",
                             "status": "official", "qualifier": "exact"}
                            for y, v in values.items()])
    return targets, actuals


@pytest.mark.parametrize(("values", "expected"), [
    ({2020: 50.0}, pg.NO_DATA),                        # the base alone
    ({2018: 40.0, 2020: 50.0}, pg.NO_DATA),            # history up to the base
    ({2020: 50.0, 2023: 56.0}, pg.ON_TRACK),           # one value after the base: a pace
    ({2023: 56.0}, pg.ONE_OBSERVATION),                # base moved to 2023: one observation
])
def test_thin_series_by_hand(values, expected):
    # {2020: 50, 2023: 56}: 2 pp a year against (80 - 50) / 10 = 3 needed: R = 0.67 ...
    # that would be acceleration needed; with 2023 at 59: 3 pp/yr, R = 1, on track
    if expected == pg.ON_TRACK:
        values = {2020: 50.0, 2023: 59.0}
    row = assess(_frames(values), year=2025, base_year=2020).summary.iloc[0]
    assert row["progress_class"] == expected


# ---- an average over a shorter period ----------------------------------------------------------

def test_the_short_average_says_its_years(plan_summary, plan_report):
    from analysis.report.chapters.base import target_sentence
    from analysis.report.chapters.status import status_cells

    # tourist arrivals: no 2020 level, 375,000 in 2021 and 1,470,000 in 2025: the average is
    # (1470000 / 375000)^(1/4) - 1 = 40.71 %/yr over the rates of 2022-2025, four of the five
    # years of the target's period 2021-2025
    row = plan_summary.loc["tourist_arrivals_growth_pct_per_year"]
    assert row["average_years"] == "2022-2025"
    assert "short_average:2022-2025" in row["flags"]
    assert row["observed_pace"] == pytest.approx(100 * ((1470000 / 375000) ** 0.25 - 1))
    # GRDP growth has its five rates 2021-2025: the full period, no flag
    grdp = plan_summary.loc["grdp_growth_pct_per_year"]
    assert grdp["average_years"] == "2021-2025" and "short_average" not in grdp["flags"]
    # the chapter's sentence: the years covered, and the published 2021-2023 average (33.2,
    # reported; actuals.csv) that covers 2021, not combined with the annual values
    published = [r for r in _rows() if r["indicator_id"] == "tourist_arrivals_growth_pct"
                 and r["period"] == "2021-2023"]
    assert [(r["value"], r["status"]) for r in published] == [("33.2", "reported")]
    sentence = _text([_as_paragraph(target_sentence(plan_report,
                                                    "tourist_arrivals_growth_pct_per_year"))])
    assert ("chỉ tính được cho giai đoạn 2022–2025 (4 năm), ngắn hơn giai đoạn 2021–2025 "
            "của chỉ tiêu, vì chưa có tốc độ tăng năm 2021") in sentence
    assert ("Số bình quân giai đoạn 2021–2023 đã công bố (33,2%/năm, báo cáo) có tính năm "
            "2021; báo cáo không ghép số này") in sentence
    # and the row of the status table
    cells = _text([_as_paragraph(status_cells(plan_report, row.to_dict(),
                                              "tourist_arrivals_growth_pct_per_year"))])
    assert "bình quân 2022–2025, ngắn hơn giai đoạn 2021–2025" in cells


# ---- values to verify ------------------------------------------------------------------------

def test_a_mark_only_under_a_verdict_that_uses_the_value(plan_report, programme_report):
    from analysis.report.verify import warnings_for

    warned = {(w.indicator_id, w.period) for w in plan_report.dataset.warnings}
    # the published 2021-2023 GRDP average (3.91, row 9) disagrees with the annual rates: a
    # warning in the annex, but the verdict uses the annual rates 2021-2025, not the average
    assert ("grdp_growth_pct", "2021-2023") in warned
    assert warnings_for(plan_report, "grdp_growth_pct_per_year") == []
    # budget revenue: the 2025 value (3,573, +51 % on 2,365) is the verdict's latest value
    assert [w.period for w in warnings_for(plan_report, "budget_revenue_bn_vnd")] == ["2025"]
    # tourist arrivals 2023 and 2024 break the series (warnings), but the level target of
    # 26-CTr/TU is judged on its base (2021) and latest (2025) values only
    assert {("tourist_arrivals", "2023"), ("tourist_arrivals", "2024")} <= warned
    assert warnings_for(programme_report, "tourist_arrivals") == []
    assert warnings_for(plan_report, "tourist_arrivals_growth_pct_per_year") == []


def test_the_values_a_verdict_rests_on(plan_summary):
    # a chain of rates: every rate 2021-2025; a level: its base and latest values; a growth
    # read from two levels: those two levels
    assert plan_summary.loc["grdp_growth_pct_per_year", "used_values"] == ";".join(
        f"grdp_growth_pct:{y}" for y in range(2021, 2026))
    assert plan_summary.loc["budget_revenue_bn_vnd", "used_values"] == \
        "budget_revenue_bn_vnd:2021;budget_revenue_bn_vnd:2025"
    assert plan_summary.loc["tourist_arrivals_growth_pct_per_year", "used_values"] == \
        "tourist_arrivals:2021;tourist_arrivals:2025"


# ---- wording ---------------------------------------------------------------------------------

def test_a_pace_shortfall_is_written_in_points_a_year(plan_summary, plan_report):
    from analysis.report.chapters.base import gap_text

    # poverty: 27.9 % (2021) to 19.46 % (2024): (19.46 - 27.9) / 3 = -2.813 pp a year against
    # a reduction of 3: 3 - 2.813 = 0.19 points a year short
    row = plan_summary.loc["poverty_rate_multidim_reduction_pp_per_year"]
    assert row["gap_to_target"] == pytest.approx(3 - (27.9 - 19.46) / 3)
    assert gap_text(plan_report, row.to_dict()) == "0,19\u00a0điểm %/năm"


def test_the_english_final_review_reads_as_english(plan_report_en):
    from analysis.report.chapters.summary import executive_summary

    text = _text(executive_summary(plan_report_en))
    assert ("covers the 34 quantitative targets of the Five-year socio-economic development "
            "plan 2021–2025, on the values published") in text
    assert "for 2021–2025" not in text  # the title names the period already
    assert "rests on a value that is" not in text and "already met" not in text
    assert "The target was achieved." in text
    assert "The verdict rests on an estimate, which may change" in text
    assert "4 targets: reached the target;" in text and "1 target: no longer measurable" in text
