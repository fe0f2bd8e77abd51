"""The tables built from every target's rows: the scenarios, the band parameters, every assumed
path against every growth scenario, and the levels each path reaches in T.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.engine import progress as pg
from analysis.engine import projections as pj
from analysis.engine import uncertainty as un
from analysis.engine.derived import derive_levels, role_values
from analysis.engine.observed import drift, observe
from analysis.engine.result import (
    BAND_PARAMETER_COLUMNS,
    CURRENT_PACE_SCENARIO,
    DERIVED_LEVEL_COLUMNS,
    INDEX_UNIT,
    SCENARIO_CHECK_COLUMNS,
    SCENARIO_COLUMNS,
    TARGET_SCENARIO,
    Assessment,
    drift_of,
    real_index_of,
    scenario_id,
)
from analysis.engine.rows.common import number
from analysis.roles import GRDP_NOMINAL, GRDP_PER_CAPITA, POPULATION


def rates_of(target: Mapping, scenarios: tuple[float, ...] | None) -> tuple[float, ...]:
    """The constant-rate scenarios of a target: a range growth target's (given, or its low, mid
    and high end); none for others.
    """
    if target["kind"] != "avg_growth" or target["comparator"] != "range":
        return ()
    if scenarios is None:
        low, high = number(target["low"]), number(target["high"])
        return tuple(dict.fromkeys((low, (low + high) / 2, high)))
    return tuple(float(r) for r in scenarios)


def scenario_table(targets, scenarios, customs) -> pd.DataFrame:
    """Every scenario: the target as catalogued, the constant rates of each range growth target,
    the custom scenarios with their own labels (columns :data:`SCENARIO_COLUMNS`).
    """
    rows = [{"scenario": TARGET_SCENARIO, "kind": "target", "rate_pct": np.nan,
             "label_vi": None, "label_en": None, "indicator_id": None, "note_vi": "",
             "note_en": ""}]
    rng = targets[(targets["kind"] == "avg_growth") & (targets["comparator"] == "range")]
    for t in rng.to_dict("records"):
        for r in rates_of(t, scenarios):
            rows.append({"scenario": scenario_id(r), "kind": "rate", "rate_pct": float(r),
                         "label_vi": None, "label_en": None, "indicator_id": t["indicator_id"],
                         "note_vi": "", "note_en": ""})
    for c in customs:
        rows.append({"scenario": c.name, "kind": "custom", "rate_pct": np.nan,
                     "label_vi": c.label_vi, "label_en": c.label_en,
                     "indicator_id": c.indicator_id, "note_vi": c.note_vi,
                     "note_en": c.note_en})
    return pd.DataFrame(rows, columns=SCENARIO_COLUMNS).drop_duplicates("scenario")


def band_table(targets, grouped, info, params, base_year,
               walks: Mapping[str, un.Drift | None] | None = None) -> pd.DataFrame:
    """Random-walk parameters behind each band (for the methods annex); ``walks``: those already
    estimated, by target id (:func:`analysis.engine.target.assess_target`).
    """
    rows = []
    walks = walks or {}
    for t in targets.to_dict("records"):
        if t["kind"] not in params.band_kinds:
            continue
        if t["target_id"] in walks:
            d = walks[t["target_id"]]
        else:
            measure = info.get(t["indicator_id"], {}).get("measure", "level")
            obs = observe(t, grouped, measure, t["unit"], base_year, params)
            d = drift(t, grouped, measure, params, obs)
        if d is None:
            continue
        rows.append({"target_id": t["target_id"], "indicator_id": t["indicator_id"],
                     "n_years": d.n, "first_year": min(d.years), "last_year": max(d.years),
                     "years": ",".join(map(str, d.years)), "mean_log_growth": d.mean_log_growth,
                     "sd_log_growth": d.sd_log_growth, "mean_growth_pct": d.mean_growth_pct,
                     "drift_window": str(params.drift_window),
                     "n_volatility_years": len(d.volatility_years),
                     "volatility_years": ",".join(map(str, d.volatility_years)),
                     "break_years": ",".join(map(str, d.break_years)),
                     "sd_with_breaks": d.sd_with_breaks})
    return pd.DataFrame(rows, columns=BAND_PARAMETER_COLUMNS)


def scenario_checks(result: Assessment) -> pd.DataFrame:
    """Every assumed path (current pace, custom scenarios) against every growth scenario.

    For each average-growth target with scenario rows: the average growth a path implies over the
    whole programme period, ``(I_T / I_b)^(1/(T − b)) − 1``, whether it meets each scenario's
    rate (and the target as catalogued), and the probability of meeting it under the band around
    that path (``docs/methods.md`` §4–5).
    """
    s, p = result.summary, result.paths
    rows = []
    for target_id, group in s[s["kind"] == "avg_growth"].groupby("target_id", sort=False):
        main = group[group["scenario"] == TARGET_SCENARIO]
        if len(group) < 2 or main.empty or pd.isna(main["latest_year"].iloc[0]):
            continue
        m = main.iloc[0]
        b, t, T = int(m["base_year"]), int(m["latest_year"]), int(m["target_year"])
        vb = float(m["base_value"])
        if t >= T:
            continue
        walk = drift_of(result, target_id)
        sign = pg.direction_sign(str(m["direction"]))
        against = [(TARGET_SCENARIO, float(m["target_pace"]))] + [
            (str(r["scenario"]), float(r["scenario_rate_pct"]))
            for r in group[group["scenario_rate_pct"].notna() & group["implied_average_pct"]
                           .isna()].to_dict("records") if r["scenario"] != TARGET_SCENARIO]
        mine = p[(p["target_id"] == target_id) & (p["unit"] == m["unit"])]
        paths = {CURRENT_PACE_SCENARIO: mine[mine["kind"] == "current_pace"]}
        for sid in group.loc[group["implied_average_pct"].notna(), "scenario"]:
            paths[str(sid)] = mine[(mine["kind"] == "scenario") & (mine["scenario"] == sid)]
        for sid, path in paths.items():
            if path.empty:
                continue
            end = float(path.sort_values("year")["value"].iloc[-1])
            implied = float(pj.compound_growth_pct(vb, end, T - b))
            for name, rate in against:
                v_star = vb * (1 + rate / 100) ** (T - b)
                prob = (un.probability_met(end, T - t, v_star, walk, sign) if walk is not None
                        else np.nan)
                rows.append({"target_id": target_id, "scenario": sid,
                             "implied_average_pct": implied, "against": name,
                             "threshold_pct": rate, "meets": bool(implied >= rate),
                             "probability_met": prob})
    return pd.DataFrame(rows, columns=SCENARIO_CHECK_COLUMNS)


def derived_levels(result: Assessment) -> pd.DataFrame:
    """Population, nominal and per-capita GRDP in T for every path of each growth target.

    The paths: the current pace (scenario ``current_pace``) and each scenario row; one call of
    :func:`analysis.engine.derived.derive_levels` each, as the explorer makes for its path
    (``docs/methods.md`` §6).
    """
    s, p = result.summary, result.paths
    rows = []
    annual = role_values(result.annual, result.roles)
    growth = s[(s["kind"] == "avg_growth") & (s["unit"] == INDEX_UNIT)]
    for target_id, group in growth.groupby("target_id", sort=False):
        if len(group) < 2:  # only the growth targets with scenarios
            continue
        T = int(group["target_year"].iloc[0])
        index_paths = p[(p["target_id"] == target_id) & (p["unit"] == INDEX_UNIT)]
        for sid in [CURRENT_PACE_SCENARIO, *group["scenario"].tolist()]:
            index = real_index_of(index_paths, None if sid == CURRENT_PACE_SCENARIO else sid)
            if T not in index.index:
                continue
            lv = derive_levels(index, annual, T, result.params.level_assumptions, result.roles)
            a = lv.anchors
            rows.append({
                "target_id": target_id, "scenario": sid, "target_year": T,
                "real_index_target_year": float(index.loc[T]),
                "population_target_year_persons": lv.population_target_year_persons,
                "nominal_grdp_target_year_bn_vnd": lv.nominal_grdp_target_year_bn_vnd,
                "grdp_per_capita_target_year_mn_vnd": lv.grdp_per_capita_target_year_mn_vnd,
                "deflator_pct": lv.deflator_pct, "population_growth_pct": lv.population_growth_pct,
                "population_year": a[POPULATION].year if POPULATION in a else None,
                "nominal_year": a[GRDP_NOMINAL].year if GRDP_NOMINAL in a else None,
                "per_capita_year": a[GRDP_PER_CAPITA].year if GRDP_PER_CAPITA in a else None,
                "flags": ";".join(lv.flags)})
    return pd.DataFrame(rows, columns=DERIVED_LEVEL_COLUMNS)
