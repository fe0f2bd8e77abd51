"""Acceptance tests of analysis.engine.assess on tiny inline data; numbers computed by hand."""

from __future__ import annotations

import io
import json
import math
from contextlib import redirect_stderr, redirect_stdout

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import DEFAULT_TARGETS

from analysis.cli import main
from analysis.data.scenarios import CustomScenario
from analysis.engine.assess import INDEX_UNIT, SUMMARY_COLUMNS, assess
from analysis.engine.progress import CLASS_ORDER, CLASSES

NAN = float("nan")


def target(tid, ind, kind, comparator="at_least", value=NAN, low=NAN, high=NAN, unit="pct",
           direction="higher", period_start=2021, target_year=2030, price_basis=""):
    return dict(target_id=tid, indicator_id=ind, group="economy", name_vi=tid, name_en=tid,
                text_vi=tid, unit=unit, kind=kind, comparator=comparator, value=value, low=low,
                high=high, period_start=period_start, target_year=target_year,
                price_basis=price_basis, direction=direction, section="II.2", note="")


def actual(ind, period, value, unit="pct", status="official", qualifier="exact"):
    return dict(indicator_id=ind, period=str(period), value=float(value), unit=unit, status=status,
                qualifier=qualifier, price_basis="", published="2025", source_title="t",
                source_url=f"https://example.org/{ind}/{period}", quote="q", choice="", note="")


def run(targets, actuals, **kw):
    return assess({"targets": pd.DataFrame(targets), "actuals": pd.DataFrame(actuals)}, **kw)


def row(result, tid, scenario="target"):
    s = result.summary
    hit = s[(s["target_id"] == tid) & (s["scenario"] == scenario)]
    assert len(hit) == 1, hit
    return hit.iloc[0]


GRDP = target("grdp", "grdp_growth_pct", "avg_growth", "range", low=9, high=11,
              unit="pct_per_year")


def grdp_rates(rates: dict, status="official"):
    return [actual("grdp_growth_pct", y, g, "pct_per_year", status) for y, g in rates.items()]


# Worked example of docs/methods.md §1: index 2020 = 100, 2024 = 129, target 10 %/yr.
# Rates 7.5 % and 20 % then 0 and 0: 1.075 * 1.20 = 1.29, so the index is 129 in 2024.
WORKED = grdp_rates({2021: 7.5, 2022: 20, 2023: 0, 2024: 0})


def test_worked_example_of_methods_md():
    r = run([GRDP], WORKED)
    x = row(r, "grdp", "10pct")
    assert r.year == 2024
    assert x["base_year"] == 2020 and x["base_value"] == 100
    assert x["latest_year"] == 2024 and x["latest_value"] == pytest.approx(129.0)
    # g_obs = 1.29 ** (1/4) - 1: ln 1.29 = 0.254642, / 4 = 0.063661, exp -> 1.065731 = 6.57 %
    assert x["observed_pace"] == pytest.approx(6.5731, abs=1e-3)
    # v* = 100 * 1.1 ** 10 = 259.3742; (259.3742 / 129) ** (1/6) = 2.010653 ** (1/6)
    # ln 2.010653 = 0.698460, / 6 = 0.116410, exp -> 1.123456 = 12.35 %
    assert x["target_value"] == pytest.approx(259.3742, abs=1e-3)
    assert x["required_pace"] == pytest.approx(12.3456, abs=1e-3)
    # acceleration 12.3456 - 6.5731 = 5.77 pp (methods.md: +5.8)
    assert x["acceleration_pp"] == pytest.approx(5.7725, abs=1e-3)
    # R = 6.5731 / 10 = 0.657 (0.66); 0.60 <= R < 0.95 -> acceleration needed
    assert x["ratio"] == pytest.approx(0.6573, abs=1e-3)
    assert x["progress_class"] == "acceleration_needed"
    # P: v_hat = 129 * 1.065731 ** 6 = 129 * 1.465137 = 189.003; (189.003-100)/(259.374-100)
    # = 89.003 / 159.374 = 0.558 (0.56)
    assert x["expected_value_ratio"] == pytest.approx(0.5585, abs=1e-3)
    assert x["unit"] == INDEX_UNIT and x["pace_unit"] == "pct_per_year"


def test_range_target_row_is_classed_against_the_low_end():
    r = run([GRDP], WORKED)
    t = row(r, "grdp")
    # against 9 %: R = 6.5731 / 9 = 0.7303 -> acceleration needed
    assert t["ratio"] == pytest.approx(0.7303, abs=1e-3)
    assert t["target_value"] == pytest.approx(100 * 1.09**10)
    assert "target_is_range_low_end" in t["flags"]
    # one row per scenario plus the target row
    assert list(r.summary["scenario"]) == ["target", "9pct", "10pct", "11pct"]
    # 11 %: R = 6.5731 / 11 = 0.5976 -> insufficient
    assert row(r, "grdp", "11pct")["progress_class"] == "insufficient"


def test_scenarios_none_takes_low_mid_high_from_the_catalogue():
    r = run([GRDP], WORKED, scenarios=None)
    assert list(r.summary["scenario"]) == ["target", "9pct", "10pct", "11pct"]
    r = run([GRDP], WORKED, scenarios=(8.5,))
    assert list(r.summary["scenario"]) == ["target", "8.5pct"]


def test_summary_columns_start_with_the_agreed_ones():
    r = run([GRDP], WORKED)
    assert list(r.summary.columns[:16]) == SUMMARY_COLUMNS[:16] == [
        "target_id", "indicator_id", "scenario", "unit", "base_year", "base_value",
        "latest_year", "latest_value", "latest_status", "target_value", "observed_pace",
        "required_pace", "acceleration_pp", "ratio", "progress_class", "probability_met"]
    assert set(r.paths["kind"]) == {"actual", "scenario", "current_pace", "required"}
    # current pace in 2030 = v_hat = 189.003 (see the worked example)
    cp = r.paths[(r.paths["kind"] == "current_pace") & (r.paths["year"] == 2030)]
    assert cp["value"].iloc[0] == pytest.approx(189.003, abs=1e-2)


def test_percentage_points_a_year():
    forest = target("forest", "forest_cover_pct", "coverage_pct", value=56)
    r = run([forest], [actual("forest_cover_pct", 2020, 50.5),
                       actual("forest_cover_pct", 2023, 51.87, status="reported")])
    x = row(r, "forest")
    # observed (51.87 - 50.5) / 3 = 0.456667 pp/yr; from base (56 - 50.5) / 10 = 0.55
    # required (56 - 51.87) / 7 = 0.59; R = 0.456667 / 0.55 = 0.8303
    assert x["observed_pace"] == pytest.approx(0.456667, abs=1e-6)
    assert x["target_pace"] == pytest.approx(0.55)
    assert x["required_pace"] == pytest.approx(0.59)
    assert x["acceleration_pp"] == pytest.approx(0.133333, abs=1e-6)
    assert x["ratio"] == pytest.approx(0.830303, abs=1e-6)
    assert x["progress_class"] == "acceleration_needed"
    assert x["pace_unit"] == "pp_per_year"
    assert x["latest_status"] == "reported" and "reported:2023" in x["flags"]


def test_target_already_achieved_with_shifted_base_and_bound():
    tourists = target("tourists", "tourist_arrivals", "level", "more_than", value=2e6,
                      unit="arrivals")
    r = run([tourists], [actual("tourist_arrivals", 2021, 375_000, "arrivals", "estimate"),
                         actual("tourist_arrivals", 2025, 2_100_000, "arrivals", "estimate",
                                "more_than")])
    x = row(r, "tourists")
    # d (v_t - v*) = 2.1 mn - 2.0 mn >= 0 -> achieved, whatever R
    assert x["progress_class"] == "achieved"
    # no 2020 value: the base is the earliest annual value after it
    assert x["base_year"] == 2021 and x["base_value"] == 375_000
    assert "base_year_shifted:2021" in x["flags"] and "bound:2025:more_than" in x["flags"]
    # observed (2.1 / 0.375) ** (1/4) - 1 = 5.6 ** 0.25 - 1 = 1.538 - 1 = 53.8 %
    assert x["observed_pace"] == pytest.approx(53.83, abs=0.01)


def test_moving_away():
    urban = target("urban", "urbanisation_rate_pct", "coverage_pct", value=40)
    r = run([urban], [actual("urbanisation_rate_pct", 2020, 20),
                      actual("urbanisation_rate_pct", 2024, 19)])
    x = row(r, "urban")
    # observed (19 - 20) / 4 = -0.25 pp/yr; from base (40 - 20) / 10 = 2; R = -0.125
    assert x["ratio"] == pytest.approx(-0.125)
    assert x["progress_class"] == "moving_away"


def test_lower_is_better_share():
    agri = target("agri", "agriculture_share_pct_of_grdp", "share_of_grdp", "about", value=10.1,
                  unit="pct_of_grdp", direction="lower")
    r = run([agri], [actual("agriculture_share_pct_of_grdp", 2020, 14.0, "pct_of_grdp"),
                     actual("agriculture_share_pct_of_grdp", 2024, 12.0, "pct_of_grdp")])
    x = row(r, "agri")
    # observed (12 - 14) / 4 = -0.5 pp/yr; from base (10.1 - 14) / 10 = -0.39
    # R = d * obs / |base| = -1 * -0.5 / 0.39 = 1.2821 -> on track
    assert x["ratio"] == pytest.approx(1.282051, abs=1e-6)
    assert x["progress_class"] == "on_track"
    # required (10.1 - 12) / 6 = -0.316667; acceleration d (req - obs) = -(0.183333) = -0.1833
    assert x["required_pace"] == pytest.approx(-0.316667, abs=1e-6)
    assert x["acceleration_pp"] == pytest.approx(-0.183333, abs=1e-6)


def test_pace_target_poverty_reduction():
    pov = target("pov", "poverty_rate_multidim_pct", "change_pp_per_year", "range", low=2, high=3,
                 unit="pp_per_year", direction="lower")
    r = run([pov], [actual("poverty_rate_multidim_pct", 2021, 27.9),
                    actual("poverty_rate_multidim_pct", 2024, 19.46)])
    x = row(r, "pov")
    # observed (19.46 - 27.9) / 3 = -2.813333 pp/yr; target pace -2 (low end, falling)
    # R = -1 * -2.813333 / 2 = 1.406667 -> on track (never "achieved" before 2030)
    assert x["observed_pace"] == pytest.approx(-2.813333, abs=1e-6)
    assert x["target_pace"] == -2
    assert x["ratio"] == pytest.approx(1.406667, abs=1e-6)
    assert x["progress_class"] == "on_track"
    # level the pace reaches by 2030: 27.9 - 2 * 9 = 9.9; the catch-up (9.9 - 19.46) / 6 =
    # -1.593333 would ask less than the 2 points the target asks of every year: the pace
    # required is the target's own, -2 (an economist must not read 1.59 as enough)
    assert x["target_value"] == pytest.approx(9.9)
    assert x["required_pace"] == -2
    assert "required_is_target_pace" in x["flags"]
    # acceleration d (req - obs) = -1 * (-2 - -2.813333) = -0.813333: no acceleration needed
    assert x["acceleration_pp"] == pytest.approx(-0.813333, abs=1e-6)
    assert x["unit"] == "pct" and x["base_year"] == 2021


def test_a_pace_target_behind_requires_the_catch_up():
    pov = target("pov", "poverty_rate_multidim_pct", "change_pp_per_year", "range", low=2, high=3,
                 unit="pp_per_year", direction="lower")
    r = run([pov], [actual("poverty_rate_multidim_pct", 2021, 27.9),
                    actual("poverty_rate_multidim_pct", 2024, 25.9)])
    x = row(r, "pov")
    # observed (25.9 - 27.9) / 3 = -0.666667 pp/yr, behind the 2 points a year: the period's
    # average needs (9.9 - 25.9) / 6 = -2.666667 a year from now, more than the stated 2
    assert x["required_pace"] == pytest.approx(-2.666667, abs=1e-6)
    assert "required_is_target_pace" not in x["flags"]


def test_a_series_with_a_gap_year_stops_the_chain():
    r = run([GRDP], grdp_rates({2021: 5, 2022: 5, 2023: 5, 2025: 10, 2026: 10}))
    x = row(r, "grdp", "9pct")
    # the chain stops before the missing 2024: latest year 2023, index 100 × 1.05³ = 115.7625,
    # observed 5 %
    assert x["latest_year"] == 2023 and x["latest_value"] == pytest.approx(115.7625)
    assert x["observed_pace"] == pytest.approx(5.0)
    assert "gap:2024" in x["flags"] and "ignored_after_gap:2025,2026" in x["flags"]
    # required from 2023 at 9 %: v* = 100 × 1.09^10 = 236.7364; (236.7364 / 115.7625)^(1/7)
    # = 2.045018^(1/7); ln 2.045018 = 0.715406, / 7 = 0.102201, exp -> 1.107606 = 10.761 %
    assert x["required_pace"] == pytest.approx(10.7606, abs=1e-3)
    actual_years = r.paths[r.paths["kind"] == "actual"]["year"].tolist()
    assert actual_years == [2020, 2021, 2022, 2023]


def test_a_chain_of_one_rate_before_its_gap_is_too_few_rates():
    # one rate (2021) before the missing 2022: too few rates (fewer than 3), so no required
    # growth, no probability and no band, though the rate itself is shown
    r = run([GRDP], grdp_rates({2021: 5, 2023: 10, 2024: 10}))
    for scenario in ("target", "9pct", "10pct", "11pct"):
        x = row(r, "grdp", scenario)
        assert x["progress_class"] == "too_few_rates" and x["observed_pace"] == pytest.approx(5)
        assert pd.isna(x["required_pace"]) and pd.isna(x["probability_met"])
    assert r.required_growth.empty
    assert not set(r.paths["kind"]) & {"required", "band", "current_pace"}


def test_cumulative_target_sum_and_gap():
    plant = target("plant", "forest_planting_ha", "cumulative", value=20000, unit="ha")
    rows = [actual("forest_planting_ha", y, v, "ha") for y, v in
            {2021: 2000, 2022: 1500, 2024: 3000}.items()]
    x = row(run([plant], rows), "plant")
    # sum 2021-2022 = 3500 (stops at the missing 2023); 1750 ha/yr against 20000/10 = 2000
    # R = 0.875; required (20000 - 3500) / 8 = 2062.5
    assert x["latest_year"] == 2022 and x["latest_value"] == 3500
    assert x["ratio"] == pytest.approx(0.875)
    assert x["required_pace"] == pytest.approx(2062.5)
    assert x["progress_class"] == "acceleration_needed"
    assert "gap:2023" in x["flags"]


def test_year_limits_the_actuals_and_partial_years_are_ignored():
    rows = WORKED + grdp_rates({2025: 50}) + [
        actual("grdp_growth_pct", "2026-9M", 99, "pct_per_year", "partial-year")]
    r = run([GRDP], rows, year=2024)
    assert r.year == 2024 and row(r, "grdp")["latest_value"] == pytest.approx(129.0)
    r = run([GRDP], rows)
    assert r.year == 2025 and row(r, "grdp")["latest_value"] == pytest.approx(129 * 1.5)


def test_no_data():
    t = target("beds", "hospital_beds_per_10k_people", "level", "more_than", value=40,
               unit="per_10k_people")
    x = row(run([t], [actual("other", 2024, 1)]), "beds")
    assert x["progress_class"] == "no_data" and pd.isna(x["base_year"])


def test_custom_scenario_is_one_path_from_the_latest_actual():
    sc = CustomScenario("flat10", {y: 10.0 for y in range(2025, 2031)}, "10", "10",
                        indicator_id="grdp_growth_pct")
    late = CustomScenario("late", {y: 10.0 for y in range(2026, 2031)}, "x", "x",
                          indicator_id="grdp_growth_pct")
    r = run([GRDP], WORKED, custom_scenarios=[sc, late])
    p = r.paths
    mine = p[(p["scenario"] == "flat10") & (p["kind"] == "scenario")]
    # one series, from the latest actual (2024, 129) to 2030: 129 * 1.1 ** 6 = 228.5309
    assert list(mine["year"]) == list(range(2024, 2031))
    assert mine["value"].iloc[0] == pytest.approx(129.0)
    assert mine["value"].iloc[-1] == pytest.approx(228.5309, abs=1e-3)
    assert p[(p["scenario"] == "flat10") & (p["kind"] != "scenario")].empty
    x = row(r, "grdp", "flat10")
    # implied 2021-2030 average: 2.285309 ** (1/10) - 1; ln 2.285309 = 0.826501 -> 0.082650
    # -> exp = 1.086162: 8.62 % a year, below the 9 % low end: falls short
    assert x["implied_average_pct"] == pytest.approx(8.6162, abs=1e-3)
    assert x["progress_class"] == "scenario_falls_short" and "assumption" in x["flags"]
    # 2025 has neither an actual nor a rate: it continues at the observed 6.5731 %
    y = row(r, "grdp", "late")
    assert "filled_at_current_pace:2025" in y["flags"]
    late_path = p[(p["scenario"] == "late") & (p["kind"] == "scenario")]
    assert late_path["value"].iloc[-1] == pytest.approx(129 * 1.065731 * 1.1**5, rel=1e-5)
    # custom scenarios are assumptions: no required-growth rows of their own
    assert set(r.required_growth["scenario"]) == {"target", "9pct", "10pct", "11pct"}


def test_a_flat_path_that_meets_the_average_is_not_insufficient():
    # actuals 2021-2025 as shipped (index 129.5972 in 2025), then a flat 13 % for 2026-2030:
    # 129.5972 * 1.13 ** 5 = 129.5972 * 1.842435 = 238.7741; implied 2021-2030 average
    # 2.387741 ** 0.1 - 1: ln 2.387741 = 0.870343 -> 0.087034 -> 1.090934: 9.09 % >= 9 %
    rates = grdp_rates({2021: 5.6, 2022: 7.7, 2023: -2.77, 2024: 9.0, 2025: 7.52}, "estimate")
    flat = CustomScenario("flat13", {y: 13.0 for y in range(2026, 2031)}, "13", "13",
                          indicator_id="grdp_growth_pct")
    r = run([GRDP], rates, custom_scenarios=[flat])
    x = row(r, "grdp", "flat13")
    assert x["implied_average_pct"] == pytest.approx(9.0934, abs=1e-3)
    assert x["progress_class"] == "scenario_meets" and bool(x["met"])
    checks = r.scenario_checks.set_index(["scenario", "against"])
    assert bool(checks.loc[("flat13", "9pct"), "meets"])
    assert not bool(checks.loc[("flat13", "10pct"), "meets"])
    # the current pace (5.322 %) implies 129.5972 * 1.05322 ** 5 = 167.954 in 2030:
    # 1.67954 ** 0.1 - 1 = 5.322 % over 2021-2030, which meets none
    cp = checks.loc[("current_pace", "9pct")]
    assert cp["implied_average_pct"] == pytest.approx(5.322, abs=1e-3) and not bool(cp["meets"])


def test_probability_and_band_are_centred_on_the_current_pace():
    # history 2011-2018: 8 rates alternating 5 and 15; programme 2021-2024: 7.5, 20, 0, 0
    hist = {y: (5 if y % 2 else 15) for y in range(2011, 2019)}
    r = run([GRDP], WORKED + grdp_rates(hist))
    bp = r.band_parameters.iloc[0]
    # drift: the programme's four rates; (ln 1.075 + ln 1.2 + 0 + 0) / 4 = (0.072321 +
    # 0.182322) / 4 = 0.063661 = ln 1.065731, the observed 6.5731 % a year
    assert bp["n_years"] == 4 and bp["years"] == "2021,2022,2023,2024"
    assert bp["mean_log_growth"] == pytest.approx(0.063661, abs=1e-6)
    assert bp["mean_growth_pct"] == pytest.approx(6.5731, abs=1e-3)
    # volatility: all 12 rates (no break: 20 % and 0 % are not far enough out), ln values
    # 4 x 0.048790, 4 x 0.139762, 0.072321, 0.182322, 0, 0
    assert bp["n_volatility_years"] == 12 and bp["break_years"] == ""
    band = r.paths[r.paths["kind"] == "band"]
    median = band[band["quantile"] == 0.5].set_index("year")["value"]
    current = r.paths[r.paths["kind"] == "current_pace"].set_index("year")["value"]
    assert list(median.index) == list(current.index) == list(range(2024, 2031))
    assert list(median) == pytest.approx(list(current))  # the band sits on the current pace
    p = [row(r, "grdp", s)["probability_met"] for s in ("9pct", "10pct", "11pct")]
    assert 0 < p[2] < p[1] < p[0] < 1
    x = row(r, "grdp", "10pct")
    assert x["drift_pct"] == pytest.approx(6.5731, abs=1e-3) and x["drift_years"] == "2021-2024"


def test_structural_break_before_the_programme_is_left_out_of_the_volatility():
    # 2011-2015 at 6 %, 2016 at +40 % (a break), programme 2021-2024 the worked example
    hist = {2011: 6, 2012: 6.5, 2013: 5.5, 2014: 6, 2015: 7, 2016: 40}
    r = run([GRDP], WORKED + grdp_rates(hist))
    bp = r.band_parameters.iloc[0]
    assert bp["break_years"] == "2016" and "2016" not in bp["volatility_years"]
    assert bp["sd_with_breaks"] > bp["sd_log_growth"]


def test_more_than_95_is_not_met_by_95():
    hi = target("hi", "health_insurance_coverage_pct", "coverage_pct", "more_than", value=95)
    r = run([hi], [actual("health_insurance_coverage_pct", 2020, 90),
                   actual("health_insurance_coverage_pct", 2025, 95)])
    x = row(r, "hi")
    assert not bool(x["met"]) and x["progress_class"] != "achieved"
    # 95.1 > 95: met
    r = run([hi], [actual("health_insurance_coverage_pct", 2020, 90),
                   actual("health_insurance_coverage_pct", 2025, 95.1)])
    assert row(r, "hi")["progress_class"] == "achieved"


def test_about_a_structure_share_judged_by_distance_in_the_wanted_direction():
    serv = target("serv", "services_share_pct_of_grdp", "share_of_grdp", "about", value=33.4,
                  unit="pct_of_grdp")
    # from 30 % in 2020: 33.0 in 2025 is within 0.5 pp of 33.4 -> achieved
    r = run([serv], [actual("services_share_pct_of_grdp", 2020, 30, "pct_of_grdp"),
                     actual("services_share_pct_of_grdp", 2025, 33.0, "pct_of_grdp")])
    assert row(r, "serv")["progress_class"] == "achieved"
    # 36.3 is 2.9 pp past 33.4 in the direction it came from: overshot, not achieved
    r = run([serv], [actual("services_share_pct_of_grdp", 2020, 30, "pct_of_grdp"),
                     actual("services_share_pct_of_grdp", 2025, 36.3, "pct_of_grdp")])
    x = row(r, "serv")
    assert x["progress_class"] == "overshot" and not bool(x["met"])
    # change still needed: 33.4 - 36.3 = -2.9 pp
    assert x["gap_to_target"] == pytest.approx(-2.9)


def test_a_share_moving_down_to_its_target_is_judged_downwards():
    # services catalogued "higher", but from 38 % the programme's 33.4 % means a fall
    serv = target("serv", "services_share_pct_of_grdp", "share_of_grdp", "about", value=33.4,
                  unit="pct_of_grdp")
    r = run([serv], [actual("services_share_pct_of_grdp", 2020, 38, "pct_of_grdp"),
                     actual("services_share_pct_of_grdp", 2025, 36, "pct_of_grdp")])
    x = row(r, "serv")
    # observed (36 - 38) / 5 = -0.4 pp/yr; from base (33.4 - 38) / 10 = -0.46; d = -1:
    # R = 0.4 / 0.46 = 0.8696 -> acceleration needed (not "moving away")
    assert "direction_from_base:lower" in x["flags"]
    assert x["ratio"] == pytest.approx(0.869565, abs=1e-6)
    assert x["progress_class"] == "acceleration_needed"


def test_one_observation_is_not_no_data():
    urban = target("urban", "urbanisation_rate_pct", "coverage_pct", value=40)
    r = run([urban], [actual("urbanisation_rate_pct", 2022, 17.69)])
    x = row(r, "urban")
    # one value (2022): level, year, gap 40 - 17.69 = 22.31 pp, pace required from 2022:
    # 22.31 / 8 = 2.78875 pp a year; no observed pace, so no ratio
    assert x["progress_class"] == "one_observation"
    assert x["latest_year"] == 2022 and x["latest_value"] == pytest.approx(17.69)
    assert x["gap_to_target"] == pytest.approx(22.31)
    assert x["required_pace"] == pytest.approx(2.78875)
    assert np.isnan(x["observed_pace"]) and np.isnan(x["ratio"])
    assert bool(x["base_year_shifted"]) and "base_year_shifted:2022" in x["flags"]


def test_an_average_growth_target_with_one_rate_is_not_classed():
    industry = target("ind", "industry_growth_pct", "avg_growth", "more_than", value=8,
                      unit="pct_per_year")
    r = run([industry], [actual("industry_growth_pct", 2025, 10.6, "pct_per_year", "estimate")])
    x = row(r, "ind")
    # one rate (2025) in 2021-2030: the base silently became 2024 before; now it says so
    assert x["n_annual_values"] == 1 and x["progress_class"] == "too_few_rates"
    assert x["base_year"] == 2024 and bool(x["base_year_shifted"])
    # with three rates in its period it is classed: 2023-2025 at 10 % -> on track
    r = run([industry], [actual("industry_growth_pct", y, 10, "pct_per_year")
                         for y in (2021, 2022, 2023)])
    assert row(r, "ind")["progress_class"] == "on_track"


def test_final_review_has_no_required_pace_and_gives_the_margin():
    forest = target("forest", "forest_cover_pct", "coverage_pct", value=54, target_year=2025)
    r = run([forest], [actual("forest_cover_pct", 2020, 50.5),
                       actual("forest_cover_pct", 2025, 53.2, status="estimate")])
    x = row(r, "forest")
    assert x["progress_class"] == "not_achieved" and np.isnan(x["required_pace"])
    # 53.2 - 54 = -0.8 pp, resting on an estimate
    assert x["margin"] == pytest.approx(-0.8) and bool(x["rests_on_estimate"])
    gdp = target("gdp", "grdp_current_bn_vnd", "level", "at_least", value=30000, unit="bn_vnd",
                 target_year=2025)
    r = run([gdp], [actual("grdp_current_bn_vnd", 2020, 20486, "bn_vnd"),
                    actual("grdp_current_bn_vnd", 2025, 31500, "bn_vnd")])
    y = row(r, "gdp")
    # 31,500 / 30,000 - 1 = +5 %
    assert y["progress_class"] == "achieved" and y["margin_pct"] == pytest.approx(5.0)


# ---- property tests ------------------------------------------------------------------------


def _level_class(vb, vt, v_star, t=2024):
    lvl = target("x", "x_level", "level", value=v_star, unit="bn_vnd")
    r = run([lvl], [actual("x_level", 2020, vb, "bn_vnd"), actual("x_level", t, vt, "bn_vnd")])
    return row(r, "x")


@settings(max_examples=60, deadline=None)
@given(vb=st.floats(10, 1000), growth=st.floats(0.01, 3), gain=st.floats(-0.5, 2),
       rel=st.floats(1e-9, 1e-4))
def test_a_small_change_never_jumps_over_a_neighbour_class(vb, growth, gain, rel):
    v_star = vb * (1 + growth)  # the target asks for improvement
    vt = vb * (1 + gain)
    a = _level_class(vb, vt, v_star)["progress_class"]
    b = _level_class(vb, vt * (1 + rel), v_star)["progress_class"]
    assert abs(CLASS_ORDER.index(a) - CLASS_ORDER.index(b)) <= 1


@settings(max_examples=40, deadline=None)
@given(vb=st.floats(10, 1000), v1=st.floats(0.5, 3), dv=st.floats(0.001, 1))
def test_ratio_rises_with_observed_growth(vb, v1, dv):
    v_star = vb * 3
    r1 = _level_class(vb, vb * v1, v_star)["ratio"]
    r2 = _level_class(vb, vb * (v1 + dv), v_star)["ratio"]
    assert r2 > r1


# ---- command line --------------------------------------------------------------------------


def _cli(argv):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse
            code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_cli_csv_has_a_row_for_every_catalogued_target():
    code, out, err = _cli(["assess", "--format", "csv"])
    assert code == 0, err
    table = pd.read_csv(io.StringIO(out))
    catalogue = pd.read_csv(DEFAULT_TARGETS)
    assert set(catalogue["target_id"]) == set(table["target_id"])
    targets_rows = table[table["scenario"] == "target"]
    assert len(targets_rows) == len(catalogue)
    grdp = table[table["target_id"] == "grdp_growth_pct_per_year"]["scenario"].tolist()
    assert grdp[:4] == ["target", "9pct", "10pct", "11pct"]
    assert set(table[table["scenario"] == "target"]["progress_class"]) <= set(CLASSES)


def test_cli_json_and_table_and_scenarios_option():
    code, out, _ = _cli(["assess", "--format", "json", "--scenarios", "8", "12"])
    assert code == 0
    records = json.loads(out)
    scen = [r["scenario"] for r in records if r["target_id"] == "grdp_growth_pct_per_year"]
    assert scen[:3] == ["target", "8pct", "12pct"]
    code, out, _ = _cli(["assess", "--year", "2023", "--lang", "en"])
    assert code == 0 and "Assessment year: 2023" in out
    code, out, _ = _cli(["assess", "--year", "2023"])
    assert code == 0 and "Năm đánh giá: 2023" in out


def test_the_table_speaks_the_reports_words_and_rounds_as_the_report():
    # issue #9 and #24: headings, target names, classes in the report's words, probabilities
    # in per cent, numbers rounded as the report prints them
    code, out, err = _cli(["assess"])
    assert code == 0, err
    lines = out.splitlines()
    header = lines[3]
    for heading in ("Chỉ tiêu", "Kịch bản", "Năm gốc", "Thực hiện gần nhất", "Mục tiêu 2030",
                    "Nhịp thực tế", "Nhịp cần đạt", "Tỷ số R", "Đánh giá", "Xác suất đạt"):
        assert heading in header
    body = "\n".join(lines[3:])
    for code_word in ("target_id", "progress_class", "insufficient", "no_data",
                      "one_observation", "e-05", "grdp_growth_pct_per_year"):
        assert code_word not in body
    (grdp,) = [line for line in lines if line.startswith("Tăng trưởng GRDP bình quân")
               and "  mục tiêu  " in line]
    # index 1.056 · 1.077 · 0.9723 · 1.09 · 1.0752 = 1.29597 → "chỉ số 129,6" (the report's one
    # decimal of an index); 1.29597^(1/5) − 1 = 5.32 %/yr; (1.09^10 / 1.29597)^(1/5) − 1 =
    # 12.81 %/yr; R = observed / the target's own pace = 5.32 / 9 = 0.59; p = 0.00617 → "1%"
    # (at least 0.5 %); the target's row states the target as catalogued, "9–11%/năm", and the
    # 9 % scenario's row the level it reaches: 100 · 1.09^10 = 236.7
    assert "chỉ số 129,6 (2025, ước tính)" in grdp and "5,32%/năm" in grdp
    assert "12,81%/năm" in grdp and "+7,48\u00a0điểm %" in grdp and "Tiến độ chậm" in grdp
    assert grdp.rstrip().endswith(" 1%") and "9–11%/năm" in grdp
    (nine,) = [line for line in lines if line.startswith("Tăng trưởng GRDP bình quân")
               and "  9%/năm  " in line]
    assert "chỉ số 236,7" in nine
    (eleven,) = [line for line in lines if line.startswith("Tăng trưởng GRDP bình quân")
                 and "  11%/năm  " in line]
    assert eleven.rstrip().endswith("< 1%")  # 6.47e-05 is below 0.5 %
    # per capita (65.5 / 40)^(1/5) − 1 = 10.37 %; budget (3573 / 2000)^(1/4) − 1 = 15.61 %;
    # arrivals (1,470,000 / 375,000)^(1/4) − 1 = 40.71 %: the report's two decimals
    assert "10,37%/năm" in body and "15,61%/năm" in body and "40,71%/năm" in body
    assert "20.486\u00a0tỷ đồng (2020)" in body and "khoảng 63.600\u00a0tỷ đồng" in body
    # health insurance: 95 against "trên 95%", the target as worded, not a bare "95%"
    (insurance,) = [line for line in lines if line.startswith("Tỷ lệ tham gia bảo hiểm y tế")]
    assert "trên 95%" in insurance
    assert "Một quan sát, chưa đánh giá được nhịp" in body and "Chưa có số liệu" in body
    code, out, _ = _cli(["assess", "--lang", "en"])
    assert "Observed pace" in out and "12.81%/yr" in out and "Insufficient progress" in out
    assert "index 129.6 (2025, estimate)" in out


def test_cli_bad_input_exits_2(tmp_path):
    bad = tmp_path / "actuals.csv"
    bad.write_text("indicator_id,period,value\ngrdp_growth_pct,20x4,abc\n", encoding="utf-8")
    code, _, err = _cli(["assess", "--actuals", str(bad), "--lang", "en"])
    assert code == 2 and "problem" in err
    yml = tmp_path / "s.yaml"
    yml.write_text("version: 1\nscenarios:\n  a:\n    label_vi: a\n    label_en: a\n"
                   "    growth_pct: {2029: 10}\n", encoding="utf-8")
    code, _, err = _cli(["assess", "--scenarios-file", str(yml), "--lang", "en"])
    assert code == 2 and "stops before 2030" in err
    code, _, _ = _cli(["assess", "--scenarios", "9,x"])
    assert code == 2


def test_shipped_data_grdp_uses_every_annual_rate_since_2020():
    code, out, _ = _cli(["assess", "--format", "csv"])
    table = pd.read_csv(io.StringIO(out))
    g = table[(table["target_id"] == "grdp_growth_pct_per_year") & (table["scenario"] == "target")]
    assert int(g["base_year"].iloc[0]) == 2020
    assert not math.isnan(g["probability_met"].iloc[0])
    assert np.isfinite(g["ratio"].iloc[0])


#: The columns ``assess --format csv`` printed before programmes became data (issue 11):
#: the rows and these columns stay; new columns may only be added.
COLUMNS_BEFORE_PROGRAMMES = [
    "target_id", "indicator_id", "scenario", "unit", "base_year", "base_value", "latest_year",
    "latest_value", "latest_status", "target_value", "observed_pace", "required_pace",
    "acceleration_pp", "ratio", "progress_class", "probability_met", "pace_unit",
    "target_pace", "expected_value_ratio", "scenario_rate_pct", "kind", "comparator",
    "direction", "target_year", "flags", "met", "gap_to_target", "margin", "margin_pct",
    "n_annual_values", "base_year_shifted", "rests_on_estimate", "implied_average_pct",
    "drift_pct", "drift_years", "volatility_pp"]


def test_cli_csv_of_the_default_programme_pinned_by_hand():
    code, out, err = _cli(["assess", "--format", "csv"])
    assert code == 0, err
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns)[:len(COLUMNS_BEFORE_PROGRAMMES)] == COLUMNS_BEFORE_PROGRAMMES
    rows = table.set_index(["target_id", "scenario"])
    # GRDP: 2021-2025 rates 5.6, 7.7, -2.77, 9.0, 7.52 -> index 129.5972 in 2025; the target's
    # low end, 9 %/yr to 2030, needs ((1.09^10) / 1.295972)^(1/5) - 1 = 12.81 %/yr
    g = rows.loc[("grdp_growth_pct_per_year", "target")]
    index = 1.056 * 1.077 * 0.9723 * 1.09 * 1.0752
    assert g["latest_value"] == pytest.approx(100 * index, abs=1e-3)
    assert g["observed_pace"] == pytest.approx(100 * (index ** 0.2 - 1), abs=1e-4)
    assert g["required_pace"] == pytest.approx(100 * ((1.09 ** 10 / index) ** 0.2 - 1), abs=1e-3)
    # forest cover 50.5 % (2020) -> 54 % (2025): 0.70 pp/yr against (56 - 54) / 5 = 0.40 pp/yr
    f = rows.loc[("forest_cover_pct", "target")]
    assert (f["observed_pace"], f["required_pace"]) == (pytest.approx(0.7), pytest.approx(0.4))
    assert f["progress_class"] == "on_track"
    # budget revenue: "trên 2.000" in 2021 (no 2020 value) -> 3,573 in 2025:
    # (3573/2000)^(1/4) - 1 = 15.61 %/yr; "trên 5.000" by 2030 needs (5000/3573)^(1/5) - 1
    bud = rows.loc[("budget_revenue_bn_vnd", "target")]
    assert int(bud["base_year"]) == 2021
    assert bud["observed_pace"] == pytest.approx(100 * ((3573 / 2000) ** 0.25 - 1), abs=1e-3)
    assert bud["required_pace"] == pytest.approx(100 * ((5000 / 3573) ** 0.2 - 1), abs=1e-3)
    # health insurance 95 % in 2025 against "trên 95%": not met, one observation
    h = rows.loc[("health_insurance_coverage_pct", "target")]
    assert h["progress_class"] == "one_observation" and not bool(h["met"])
