"""The final review of the five-year plan 2021-2025 (``data/programmes/lai-chau-2021-2025``):
the assessment year is the target year, so each target is achieved or not achieved, by how
much, and on what kind of value; nothing is required or predicted any more.

Every expected number is worked out here from the rows of the shipped actuals (cited by value,
status and source) and the plan's wording, not read from the engine.
"""

from __future__ import annotations

import csv
import math
import shutil
import subprocess

import pytest
from pypdf import PdfReader
from support import DEFAULT_ACTUALS

from analysis.data.loaders import load_programme_data
from analysis.engine import progress as pg
from analysis.engine.assess import TARGET_SCENARIO, assess
from analysis.programme import load_programme
from analysis.report.parameters import ReportParameters

PLAN = load_programme("lai-chau-2021-2025")


def _rows(path=DEFAULT_ACTUALS) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def summary():
    result = assess(load_programme_data(PLAN), year=2025, base_year=PLAN.base_year)
    s = result.summary
    return s[s["scenario"] == TARGET_SCENARIO].set_index("target_id")


def test_the_plan_is_a_final_review_with_no_scenario_and_no_required_pace(summary):
    assert PLAN.base_year == 2020 and PLAN.target_year == 2025 and PLAN.is_final_review(2025)
    result = assess(load_programme_data(PLAN), year=2025, base_year=PLAN.base_year)
    s = result.summary
    assert (s["scenario"] == TARGET_SCENARIO).all()  # no 9 %, 9.5 %, 10 % rows
    assert s["required_pace"].isna().all() and s["probability_met"].isna().all()


def test_growth_target_not_achieved_by_hand(summary):
    # the annual GRDP growth rates used (actuals.csv): 2021 5.6 (estimate), 2022 7.7
    # (estimate), 2023 -2.77 (preliminary), 2024 9.0 (estimate), 2025 7.52 (estimate, the
    # year-end review, marked choice=use over the November 8.2)
    rates = {2021: 5.6, 2022: 7.7, 2023: -2.77, 2024: 9.0, 2025: 7.52}
    chosen = {int(r["period"]): float(r["value"]) for r in _rows()
              if r["indicator_id"] == "grdp_growth_pct" and r["period"] in map(str, rates)
              and r["choice"] in ("use", "")}
    assert chosen[2023] == -2.77 and chosen[2021] == 5.6
    index = math.prod(1 + g / 100 for g in rates.values())  # 1.295972
    average = 100 * (index ** (1 / 5) - 1)  # 5.322 %/yr
    assert round(average, 2) == 5.32
    row = summary.loc["grdp_growth_pct_per_year"]
    assert row["progress_class"] == pg.NOT_ACHIEVED
    assert row["latest_value"] == pytest.approx(100 * index, abs=1e-4)
    # "9 - 10%/năm": missed by the low end, 5.32 - 9 = -3.68 pp; on estimates
    assert row["margin"] == pytest.approx(average - 9, abs=1e-6)
    assert round(row["margin"], 2) == -3.68 and bool(row["rests_on_estimate"])


def test_levels_achieved_by_hand(summary):
    # budget revenue 2025: 3,573 bn VND (estimate) against "3.000 tỷ đồng": +573, +19.10 %
    row = summary.loc["budget_revenue_bn_vnd"]
    assert row["progress_class"] == pg.ACHIEVED
    assert row["margin"] == 573 and round(row["margin_pct"], 2) == round(573 / 3000 * 100, 2)
    assert bool(row["rests_on_estimate"])
    # GRDP per capita 2025: 65.5 mn VND (the Vietnamese source; the tier rule prefers it to a
    # translated 79) against 65: +0.5, +0.77 %
    row = summary.loc["grdp_per_capita_mn_vnd"]
    assert row["latest_value"] == 65.5 and row["progress_class"] == pg.ACHIEVED
    assert row["margin"] == pytest.approx(0.5) and round(row["margin_pct"], 2) == 0.77


def test_growth_of_a_level_series_read_from_its_levels(summary):
    # "tổng lượt khách du lịch tăng bình quân 20%/năm": no 2020 value; arrivals 375,000 (2021,
    # estimate) ... 1,470,000 (2025, estimate "khoảng"). The rates alone break at 2023 (no 2022
    # level), the levels do not: (1470000 / 375000)^(1/4) - 1 = 40.71 %/yr from 2021
    row = summary.loc["tourist_arrivals_growth_pct_per_year"]
    assert int(row["base_year"]) == 2021 and int(row["latest_year"]) == 2025
    assert row["observed_pace"] == pytest.approx(100 * ((1470000 / 375000) ** 0.25 - 1))
    assert row["progress_class"] == pg.ACHIEVED and bool(row["base_year_shifted"])


def test_bounds_judged_as_bounds(summary):
    # "trên 226.000 tấn" and 226 nghìn tấn in 2025: equal to the bound, so not more than it
    row = summary.loc["grain_output_tonnes"]
    assert row["latest_value"] == 226000 and row["progress_class"] == pg.NOT_ACHIEVED
    assert row["margin"] == 0 and not bool(row["met"])
    # "trên 57,5% xã đạt chuẩn nông thôn mới": the latest value is 41.49 % in 2022; with no
    # 2025 value there is no verdict, and the gap is 57.5 - 41.49 = 16.01 pp
    row = summary.loc["communes_ntm_pct"]
    assert row["progress_class"] == pg.NO_TARGET_YEAR_VALUE
    assert int(row["latest_year"]) == 2022 and round(row["gap_to_target"], 2) == 16.01


def test_a_share_is_two_sided_in_the_final_review(tmp_path):
    # The shipped data hold no 2025 structure of GRDP: the shares have no data, not a verdict.
    result = assess(load_programme_data(PLAN), year=2025, base_year=PLAN.base_year)
    s = result.summary.set_index("target_id")
    assert s.loc["agriculture_share_pct_of_grdp", "progress_class"] == pg.NO_DATA
    # With two 2025 shares added (invented for this test, not data): "khoảng 12,44%" is met by
    # 12.0 (0.44 pp off, within the 0.5 pp tolerance of "about"), "khoảng 42,42%" is missed by
    # 41.8 (0.62 pp off), both as estimates.
    actuals = tmp_path / "actuals.csv"
    shutil.copy(DEFAULT_ACTUALS, actuals)
    rows = _rows()
    extra = []
    for indicator, value in (("agriculture_share_pct_of_grdp", "12.0"),
                             ("industry_construction_share_pct_of_grdp", "41.8")):
        row = {k: "" for k in rows[0]}
        row.update(indicator_id=indicator, period="2025", value=value, unit="pct_of_grdp",
                   status="estimate", qualifier="exact", price_basis="current",
                   published="2026-01", source_title="Invented for a test",
                   source_url="https://example.org/invented", source_tier="other_press",
                   quote="invented")
        extra.append(row)
    with actuals.open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n").writerows(extra)
    s = assess(load_programme_data(PLAN, actuals), year=2025,
               base_year=PLAN.base_year).summary.set_index("target_id")
    agriculture = s.loc["agriculture_share_pct_of_grdp"]
    assert agriculture["progress_class"] == pg.ACHIEVED
    assert agriculture["margin"] == pytest.approx(12.0 - 12.44)
    industry = s.loc["industry_construction_share_pct_of_grdp"]
    assert industry["progress_class"] == pg.NOT_ACHIEVED
    assert industry["margin"] == pytest.approx(41.8 - 42.42)


def test_the_summary_count_by_hand(summary):
    # achieved: GRDP per capita, budget revenue, forest cover (54 % against "đạt 54%"), tourist
    # arrivals' growth (40.71 %/yr against 20)
    met = sorted(summary.index[summary["progress_class"] == pg.ACHIEVED])
    assert met == ["budget_revenue_bn_vnd", "forest_cover_pct", "grdp_per_capita_mn_vnd",
                   "tourist_arrivals_growth_pct_per_year"]
    assert len(summary) == 34


def _text(pdf) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_final_review_renders_with_its_verdicts(tmp_path, lang):
    from analysis.report.render import render_report

    pdf = render_report(ReportParameters(programme="lai-chau-2021-2025", lang=lang,
                                         report_date="2026-12-01"), out_dir=tmp_path)
    assert pdf.name == f"lai-chau-2021-2025-2025-{lang}.pdf"
    # the PDF's properties name this plan (its short and full titles in its programme.yaml),
    # in the report's language, not another programme
    reader = PdfReader(pdf)
    title = {"vi": "Báo cáo tổng kết thực hiện các chỉ tiêu giai đoạn 2021–2025 – Kế hoạch phát "
                   "triển kinh tế - xã hội 5 năm 2021-2025 – Năm đánh giá: 2025",
             "en": "Final review of the targets of 2021–2025 – Five-year socio-economic "
                   "development plan 2021–2025 – Assessment year: 2025"}[lang]
    assert reader.metadata.title == title
    assert reader.metadata.subject.startswith(
        {"vi": "Kế hoạch phát triển kinh tế - xã hội 5 năm giai đoạn 2021-2025 tỉnh Lai Châu",
         "en": "Lai Châu five-year socio-economic development plan 2021–2025"}[lang])
    assert reader.trailer["/Root"]["/Lang"] == {"vi": "vi-VN", "en": "en-GB"}[lang]
    flat = _text(pdf)
    if lang == "vi":
        # 4 achieved of the 11 targets with data (34 - 22 without data - 1 not measurable)
        assert "4/11 chỉ tiêu có số liệu đạt; 3 không đạt;" in flat and "4/34" not in flat
        assert "5,32%/năm, thấp hơn mục tiêu 9–10%/năm" in flat
        assert "−3,68 điểm %" in flat or "-3,68 điểm %" in flat
        assert "+573 tỷ đồng (+19,10%)" in flat
        assert "(bằng đúng ngưỡng, chưa vượt qua)" in flat
        assert "Chưa có số liệu năm 2025" in flat
        assert "Quỹ đạo cần đạt" not in flat  # no required path drawn: no year remains
    else:
        assert "4/11 targets with data achieved; 3 not achieved;" in flat
        assert "+573 bn VND (+19.10%)" in flat
        assert "(at the threshold, not past it)" in flat
        assert "No 2025 value yet" in flat
        assert "Path required" not in flat


@pytest.mark.parametrize("programme", ["lai-chau-2021-2025", "lai-chau-quy-hoach-2021-2030"])
def test_a_plan_is_never_called_a_programme(programme):
    # review #20: "giai đoạn Chương trình", "theo đúng cách Chương trình diễn đạt" in a five-year
    # plan and a master plan; the texts name the period or the target, or the document by its
    # own short title
    import re

    from analysis.report import chapters as rc

    r = rc.setup(ReportParameters(programme, None, "vi", report_date="2026-12-07"))
    blocks = [*rc.executive_summary(r), *rc.status_table(r), *rc.chapters(r),
              *rc.other_targets(r), *rc.methods_annex(r), *rc.data_annex(r)]
    text = "\n".join(b.to_html() for b in blocks if hasattr(b, "to_html"))
    assert "Hướng mục tiêu đặt ra" in text  # the methods annex is there
    # "Chương trình ngành" (sector programmes) is a group of targets, not the document
    found = [m.group(0) for m in re.finditer(r".{0,30}[Cc]hương trình(?! ngành).{0,30}", text)]
    assert not found, found


def test_the_final_review_compares_rates_with_rates_and_says_none_left():
    # review #21: "Năm 2025 đạt chỉ số 129,6 (ước tính); mục tiêu năm 2025: 9–10%/năm" set an
    # index against a rate; "không quá 0" communes
    from analysis.report import chapters as rc
    from analysis.report.chapters import base as b

    r = rc.setup(ReportParameters("lai-chau-2021-2025", None, "vi", report_date="2026-12-07"))

    def text(target_id):
        return "".join(x if isinstance(x, str) else x.to_html()
                       for x in b.target_sentence(r, target_id))

    # index 1.295972 (test_growth_target_not_achieved_by_hand): 1.295972^(1/5) − 1 = 5.32 %/yr
    growth = text("grdp_growth_pct_per_year")
    assert "Tăng bình quân giai đoạn 2021–2025 đạt 5,32%/năm (năm 2025: chỉ số 129,6, ước" \
        in growth, growth
    assert "mục tiêu: 9–10%/năm" in growth
    assert "không còn (0)" in text("communes_below_15_criteria_count")
    # cereal output: one value, 226,000 t in 2025, the target year itself: no base "moved"
    from analysis.report import queries as q
    assert b.base_cell(r, q.row(r, "grain_output_tonnes")) == "–"
    (moved,) = [x.to_html() for x in rc.executive_summary(r)
                if hasattr(x, "to_html") and "Năm gốc của" in x.to_html()]
    assert moved.startswith("<p>Năm gốc của 5 chỉ tiêu") and "lương thực" not in moved
    headings = [x.text for x in rc.chapters(r) if type(x).__name__ == "Heading"]
    assert "Quỹ đạo tăng trưởng so với mục tiêu" in headings  # a final review has no scenarios
    assert "Quỹ đạo tăng trưởng và các kịch bản" not in headings
