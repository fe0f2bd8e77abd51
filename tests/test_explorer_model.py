"""analysis.explorer.model on its own, without widgets: tiny inline data, numbers by hand.

The province of these tests (every number below is worked out from it in the comments):

* real GRDP growth 2021–2023: 5 %, 8 %, 10 %, so the index (2020 = 100) is
  100 × 1.05 = 105 (2021), × 1.08 = 113.4 (2022), × 1.10 = 124.74 (2023);
* GRDP at current prices 20,000 bn VND in 2022; GRDP per capita 50 mn VND in 2023;
* population 400,000 in 2021 and 408,040 in 2023 (= 400,000 × 1.01², a trend of 1 % a year);
* forest cover 48 % in 2018, 50 % in 2020 and 53 % in 2023.

The programme: GRDP growth 9–11 % a year over 2021–2030 (base 2020), GRDP at current prices of
60,000 bn VND and GRDP per capita of 120 mn VND in 2030, forest cover of at least 56 %.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.engine.assess import assess
from analysis.explorer.model import (
    GrowthModel,
    level_targets,
    path_of,
    sources_of,
    target_path,
    target_row,
)
from analysis.roles import GRDP_NOMINAL, GRDP_PER_CAPITA

NAN = float("nan")
INDICATORS = pd.DataFrame([
    dict(indicator_id="growth", unit="pct_per_year", measure="growth_rate", role="grdp_growth"),
    dict(indicator_id="nominal", unit="bn_vnd", measure="level", role="grdp_nominal"),
    dict(indicator_id="per_capita", unit="mn_vnd", measure="level", role="grdp_per_capita"),
    dict(indicator_id="population", unit="persons", measure="level", role="population"),
    dict(indicator_id="forest", unit="pct", measure="level", role=""),
]).assign(grdp_structures="", level_series="")


def _target(tid, ind, kind, unit, comparator="at_least", value=NAN, low=NAN, high=NAN):
    return dict(target_id=tid, indicator_id=ind, group="economy", name_vi=tid, name_en=tid,
                text_vi=tid, unit=unit, kind=kind, comparator=comparator, value=value, low=low,
                high=high, period_start=2021, target_year=2030, price_basis="",
                direction="higher", section="I", note="")


TARGETS = pd.DataFrame([
    _target("grdp", "growth", "avg_growth", "pct_per_year", "range", low=9, high=11),
    _target("grdp_nominal", "nominal", "level", "bn_vnd", value=60_000),
    _target("grdp_per_capita", "per_capita", "level", "mn_vnd", value=120),
    _target("forest_cover", "forest", "coverage_pct", "pct", value=56),
])


def _actual(ind, year, value, unit, title="Cục Thống kê tỉnh: Niên giám thống kê", choice=""):
    return dict(indicator_id=ind, period=str(year), value=float(value), unit=unit,
                status="official", qualifier="exact", price_basis="", published=str(year + 1),
                source_title=title, source_url=f"https://example.org/{ind}/{year}", quote="q",
                choice=choice, note="")


ACTUALS = pd.DataFrame([
    _actual("growth", 2021, 5, "pct_per_year", "Cục Thống kê tỉnh: Niên giám thống kê 2021"),
    _actual("growth", 2022, 7, "pct_per_year", "Báo Tin nhanh: Tăng trưởng ước 7%",
            choice="ignore"),
    _actual("growth", 2022, 8, "pct_per_year", "Báo Điện tử Chính phủ: Tăng trưởng 2022"),
    _actual("growth", 2023, 10, "pct_per_year", "Báo cáo kinh tế - xã hội năm 2023 của tỉnh"),
    _actual("nominal", 2022, 20_000, "bn_vnd"),
    _actual("per_capita", 2023, 50, "mn_vnd"),
    _actual("population", 2021, 400_000, "persons"),
    _actual("population", 2023, 408_040, "persons"),
    _actual("forest", 2018, 48, "pct", "Báo Nông nghiệp: Độ che phủ rừng năm 2018"),
    _actual("forest", 2020, 50, "pct"),
    _actual("forest", 2023, 53, "pct"),
])


@pytest.fixture(scope="module")
def assessment():
    return assess({"targets": TARGETS, "actuals": ACTUALS, "indicators": INDICATORS})


@pytest.fixture(scope="module")
def model(assessment):
    return GrowthModel.of(assessment, TARGETS, "grdp")


# I_2023 = 100 × 1.05 × 1.08 × 1.10 = 124.74
INDEX_2023 = 124.74
# flat 10 % a year for 2024–2030 (7 years): 1.1^7 = 1.9487171, I_2030 = 124.74 × 1.9487171
# = 243.08297
FLAT_10_INDEX_2030 = 243.08297


def test_the_model_starts_from_the_latest_actual(model):
    assert (model.base_year, model.latest_year, model.target_year) == (2020, 2023, 2030)
    assert model.years == [2024, 2025, 2026, 2027, 2028, 2029, 2030]
    assert model.horizon_years == 7
    assert model.latest_index == pytest.approx(INDEX_2023, abs=1e-9)
    assert list(model.actual_index.round(6)) == [100.0, 105.0, 113.4, 124.74]
    # the rates of a 9–11 % target: its low, mid and high end
    assert model.scenario_rates_pct == (9.0, 10.0, 11.0)
    # population trend: ln P on the year through (2021, ln 400,000) and (2023, ln 408,040):
    # slope ln(1.0201) / 2 = ln 1.01, so 1 % a year
    assert model.population_trend_pct == pytest.approx(1.0, abs=1e-9)


def test_level_targets_and_choices_come_from_the_roles(assessment, model):
    assert level_targets(TARGETS, assessment.roles) == {
        GRDP_NOMINAL: "grdp_nominal", GRDP_PER_CAPITA: "grdp_per_capita"}
    assert model.level_targets == {GRDP_NOMINAL: 60_000.0, GRDP_PER_CAPITA: 120.0}
    assert model.choices == ["grdp", "grdp_nominal", "grdp_per_capita"]


def test_a_flat_rate_compounded_to_the_target_year(model):
    o = model.compute({y: 10.0 for y in model.years}, 4.0, 1.0, "grdp")
    assert o["index_target_year"] == pytest.approx(FLAT_10_INDEX_2030, abs=1e-4)
    # 2026: 124.74 × 1.1^3 = 124.74 × 1.331 = 166.02894
    assert o["path_index"].loc[2026] == pytest.approx(166.02894, abs=1e-4)
    assert list(o["path_index"].index) == [2023, *range(2024, 2031)]
    assert o["assumed_average_growth_pct"] == pytest.approx(10.0, abs=1e-9)
    # over the whole period 2021–2030: (243.08297 / 100)^(1/10) − 1; ln 2.4308297 = 0.888232,
    # / 10 = 0.0888232, exp → 1.092887: 9.2887 % a year
    assert o["implied_average_pct"] == pytest.approx(9.2887, abs=1e-3)


def test_the_growth_still_required(model):
    o = model.compute({y: 10.0 for y in model.years}, 4.0, 1.0, "grdp")
    # the target is classed on its low end, 9 %: v* = 100 × 1.09^10 = 236.73637;
    # (236.73637 / 124.74)^(1/7) − 1 = 1.897839^(1/7) − 1: ln 1.897839 = 0.640710, / 7
    # = 0.091530, exp → 1.095851: 9.585 % a year (the assessment's own number)
    assert o["required_index"] == pytest.approx(236.73637, abs=1e-4)
    assert o["required_growth_pct"] == pytest.approx(9.585, abs=1e-3)
    assert o["gap_pp"] == pytest.approx(10.0 - 9.585, abs=1e-3)
    # each scenario: 10 %: 100 × 1.1^10 = 259.37425 → (259.37425 / 124.74)^(1/7) − 1 = 11.024 %;
    # 11 %: 100 × 1.11^10 = 283.94210 → (283.94210 / 124.74)^(1/7) − 1 = 12.469 %
    assert o["required_by_scenario_pct"]["10pct"] == pytest.approx(11.024, abs=1e-3)
    assert o["required_by_scenario_pct"]["11pct"] == pytest.approx(12.469, abs=1e-3)


def test_the_target_year_levels_from_a_deflator_and_population_growth(model):
    o = model.compute({y: 10.0 for y in model.years}, 4.0, 1.0, "grdp")
    # population from its latest value (408,040 in 2023) at 1 %: 408,040 × 1.01^7
    # = 408,040 × 1.0721354 = 437,474.1
    assert o["population_target_year_persons"] == pytest.approx(437_474.1, abs=0.1)
    # nominal GRDP from its latest value (20,000 in 2022, index 113.4), real index and a 4 %
    # deflator: 20,000 × (243.08297 / 113.4) × 1.04^8 = 20,000 × 2.1435888 × 1.3685691
    # = 58,673.0 bn VND
    assert o["nominal_grdp_target_year_bn_vnd"] == pytest.approx(58_673.0, abs=0.1)
    # per capita from its own latest value (50 in 2023, index 124.74, population 408,040):
    # 50 × (243.08297 / 124.74) × 1.04^7 × 408,040 / 437,474.1 = 50 × 1.1^7 × 1.04^7 / 1.01^7
    # = 50 × 1.9487171 × 1.3159318 / 1.0721354 = 119.592 mn VND
    assert o["grdp_per_capita_target_year_mn_vnd"] == pytest.approx(119.592, abs=1e-3)


def test_the_growth_a_level_target_requires(model):
    # GRDP at current prices, 60,000 in 2030: the real index it needs, from its 2022 anchor,
    # 113.4 × (60,000 / 20,000) / 1.04^8 = 340.2 / 1.3685691 = 248.5808; from I_2023 = 124.74:
    # (248.5808 / 124.74)^(1/7) − 1 = 1.992791^(1/7) − 1 = 10.352 % a year
    o = model.compute({y: 10.0 for y in model.years}, 4.0, 1.0, "grdp_nominal")
    assert o["required_index"] == pytest.approx(248.5808, abs=1e-3)
    assert o["required_growth_pct"] == pytest.approx(10.352, abs=1e-3)
    assert o["gap_pp"] == pytest.approx(10.0 - 10.352, abs=1e-3)
    # per capita, 120 in 2030, from 50 in 2023: 124.74 × (120 / 50) × 1.01^7 / 1.04^7
    # = 299.376 × 1.0721354 / 1.3159318 = 243.9120 → (243.9120 / 124.74)^(1/7) − 1 = 10.054 %
    o = model.compute({y: 10.0 for y in model.years}, 4.0, 1.0, "grdp_per_capita")
    assert o["required_index"] == pytest.approx(243.9120, abs=1e-3)
    assert o["required_growth_pct"] == pytest.approx(10.054, abs=1e-3)
    # a higher deflator asks for less real growth: at 6 %, 340.2 / 1.06^8 = 340.2 / 1.5938481
    # = 213.4457 → (213.4457 / 124.74)^(1/7) − 1 = 1.711124^(1/7) − 1 = 7.976 %
    o = model.compute({y: 10.0 for y in model.years}, 6.0, 1.0, "grdp_nominal")
    assert o["required_growth_pct"] == pytest.approx(7.976, abs=1e-3)


def test_rates_by_year(model):
    rates = {y: 10.0 for y in model.years} | {2024: 12.0, 2025: 8.0}
    o = model.compute(rates, 4.0, 1.0, "grdp")
    # 2025: 124.74 × 1.12 × 1.08 = 150.88550; 2030: × 1.1^5 = 150.88550 × 1.61051 = 243.00261
    assert o["path_index"].loc[2025] == pytest.approx(150.88550, abs=1e-4)
    assert o["index_target_year"] == pytest.approx(243.00261, abs=1e-4)
    # average 2024–2030: (1.12 × 1.08 × 1.61051)^(1/7) − 1 = 1.9480728^(1/7) − 1 = 9.9948 %
    assert o["assumed_average_growth_pct"] == pytest.approx(9.9948, abs=1e-3)


def test_no_band_and_no_probability_without_enough_history(model):
    # three growth rates, fewer than the five years of history a random walk needs
    # (uncertainty.MIN_HISTORY_YEARS): no band, no probability, rather than a made-up one
    o = model.compute({y: 10.0 for y in model.years}, 4.0, 1.0, "grdp")
    assert model.drift is None and o["band_index"] is None
    assert math.isnan(o["probability_target"])
    assert all(math.isnan(p) for p in o["probability_by_scenario"].values())


def test_a_target_that_is_not_in_the_growth_panel_is_refused(model):
    with pytest.raises(KeyError):
        model.compute({y: 10.0 for y in model.years}, 4.0, 1.0, "forest_cover")


def test_any_target_at_an_assumed_pace(assessment):
    # forest cover, linear: 53 % in 2023; at +0.5 pp a year, 2030 = 53 + 7 × 0.5 = 56.5 % meets
    # "at least 56 %"; at +0.4 pp, 53 + 2.8 = 55.8 % does not
    tp = target_path(assessment, TARGETS, "forest_cover", 0.5)
    assert tp.value_reached == pytest.approx(56.5, abs=1e-9) and tp.met is True
    assert tp.pace_unit == "pp_per_year" and list(tp.path.index) == list(range(2023, 2031))
    tp = target_path(assessment, TARGETS, "forest_cover", 0.4)
    assert tp.value_reached == pytest.approx(55.8, abs=1e-9) and tp.met is False
    # GRDP at current prices, compound: 20,000 in 2022; at 10 % a year,
    # 20,000 × 1.1^8 = 20,000 × 2.1435888 = 42,871.78: short of 60,000
    tp = target_path(assessment, TARGETS, "grdp_nominal", 10.0)
    assert tp.value_reached == pytest.approx(42_871.78, abs=0.01) and tp.met is False
    assert tp.pace_unit == "pct_per_year"


def test_rows_and_paths_of_the_assessment(assessment):
    assert target_row(assessment, "forest_cover")["latest_value"] == 53
    with pytest.raises(KeyError):
        target_row(assessment, "forest_cover", "10pct")
    # forest cover at its observed pace, (53 − 50) / 3 = 1 pp a year: 2030 = 53 + 7 = 60
    current = path_of(assessment, "forest_cover", "current_pace")
    assert current.loc[2030] == pytest.approx(60.0, abs=1e-9)


def test_sources_of_the_values_a_chart_draws(assessment):
    s = sources_of(assessment, ACTUALS, "grdp")
    # the three rates chained; 2022's ignored row is not one of them; the publisher is the
    # title's part before ": ", or the whole title when it has none
    assert list(s["year"]) == [2021, 2022, 2023]
    assert list(s["value"]) == [5.0, 8.0, 10.0]
    assert list(s["publisher"]) == ["Cục Thống kê tỉnh", "Báo Điện tử Chính phủ",
                                    "Báo cáo kinh tế - xã hội năm 2023 của tỉnh"]
    # a level target rests on its base and latest values (forest cover 2020 and 2023), and its
    # actual line draws every value of its series, 2018 too
    forest = sources_of(assessment, ACTUALS, "forest_cover")
    assert list(forest["year"]) == [2018, 2020, 2023]
    assert list(forest["publisher"]) == ["Báo Nông nghiệp", "Cục Thống kê tỉnh",
                                         "Cục Thống kê tỉnh"]
    # a chart that draws fewer years names fewer sources, never fewer than the verdict uses
    assert list(sources_of(assessment, ACTUALS, "forest_cover", [2023])["year"]) == [2020, 2023]
    # GRDP at current prices rests on one value (2022): the base of a level is a value, kept
    assert list(sources_of(assessment, ACTUALS, "grdp_nominal")["year"]) == [2022]
