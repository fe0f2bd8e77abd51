"""The row of a target judged on its value in T: a level, a share of GRDP, a coverage rate, a
count or an area, and an average growth read as its index (compound or linear pace).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from analysis.engine import progress as pg
from analysis.engine import projections as pj
from analysis.engine import uncertainty as un
from analysis.engine.observed import point_flags
from analysis.engine.result import TARGET_SCENARIO
from analysis.engine.rows.common import (
    TargetContext,
    base_shift_flag,
    drift_columns,
    empty_row,
    estimate_flag,
    finish,
    margins,
    met_value,
    only_the_base,
    pace_unit,
    used_values,
    used_years,
    verdict,
)


def level_row(ctx: TargetContext, scenario, v_star, rate_pct=np.nan, flags=()) -> dict:
    """Row for a level-like target (compound or linear pace) against ``v_star`` in T.

    Paces (``docs/methods.md`` §1): compound ``g_obs = (v_t / v_b)^(1/(t − b)) − 1``, linear
    ``(v_t − v_b) / (t − b)``; the target pace from ``v_b`` to ``v*`` over ``T − b``, the pace
    still required from ``v_t`` over ``T − t``; ``R = d · g_obs / |target pace|`` (§3). A share
    of GRDP is two-sided (§2): its wanted direction is the one from its base value to ``v*``, and
    a share past ``v*`` in that direction is overshot. An average-growth target is judged on the
    average its index at t amounts to over the whole period ``b..T``, ``(I_t / I_b)^(1/(T − b))
    − 1`` against ``g*``.
    """
    obs, sign, T, target = ctx.obs, ctx.sign, ctx.T, ctx.target
    method = ctx.method
    row = empty_row(target, scenario, sign, method, list(obs.flags) + list(flags), obs.unit)
    row["scenario_rate_pct"] = rate_pct
    if obs.base_year is None or obs.values.empty:
        row["flags"].append("no_annual_actual_since_base")
        return finish(row)
    b = obs.base_year
    t = int(obs.values.index.max())
    vb, vt = float(obs.values.loc[b]), float(obs.values.loc[t])
    kind = target["kind"]
    if kind in pg.TWO_SIDED_KINDS and vb != v_star and not np.isnan(v_star):
        wanted = int(np.sign(v_star - vb))
        if wanted != sign:  # the programme wants the share to move the other way from its base
            row["flags"].append(f"direction_from_base:{'higher' if wanted > 0 else 'lower'}")
            sign = wanted
            ctx = replace(ctx, sign=wanted)
    if method == "compound" and min(vb, vt, v_star) <= 0:
        method = "linear"
        row["flags"].append("nonpositive_value_linear_pace")
    pace = pj.compound_growth_pct if method == "compound" else pj.linear_pace
    observed = pace(vb, vt, t - b)
    target_pace = pace(vb, v_star, T - b)
    required = pace(vt, v_star, T - t) if t < T else np.nan
    n_values = len(obs.values) - 1 if kind == "avg_growth" else len(obs.values)
    if kind == "avg_growth":
        # judged on rates: the average the index at t amounts to over the whole period b..T
        g_target = rate_pct if not np.isnan(rate_pct) else met_value(target, sign)
        whole = float(pj.compound_growth_pct(vb, vt, T - b))
        met = ctx.met(whole, g_target, unit="pct_per_year",
                      comparator="at_least" if scenario != TARGET_SCENARIO else None)
        margin_value, margin_target, margin_unit = observed, g_target, "pct_per_year"
    else:
        met = ctx.met(vt, v_star)
        margin_value, margin_target, margin_unit = vt, v_star, target["unit"]
    overshot = (kind in pg.TWO_SIDED_KINDS and not met
                and pg.is_overshot(vt, v_star, vb, tolerance=pg.about_tolerance(
                    v_star, target["unit"], ctx.params.about_tolerance_pp,
                    ctx.params.about_tolerance_pct)))
    ratio = pg.progress_ratio(observed, target_pace, sign) if t > b else np.nan
    if method == "compound":
        expected = float(pj.level_after_growth(vt, observed, T - t))
    else:
        expected = vt + observed * (T - t)
    row.update(
        base_year=b, base_value=vb, latest_year=t, latest_value=vt,
        latest_status=obs.meta["status"].get(t) if t in obs.meta.index else None,
        target_value=v_star, observed_pace=observed if t > b else np.nan,
        required_pace=required, acceleration_pp=sign * (required - observed) if t > b
        else np.nan, ratio=ratio, target_pace=target_pace,
        expected_value_ratio=pg.expected_value_ratio(vb, expected, v_star) if t > b else np.nan,
        pace_unit=pace_unit(method, target["unit"]), met=bool(met), n_annual_values=n_values,
    )
    margins(row, margin_value, margin_target, margin_unit)
    estimate_flag(row)
    base_shift_flag(ctx, row, b)
    if t == b:
        row["flags"].append("no_actual_since_base")
    row["flags"] += point_flags(obs, used_years(obs, b, t), target)
    row["used_values"] = used_values(obs, b, t)
    if kind == "avg_growth" and t > b:
        row["average_years"] = f"{b + 1}-{t}"
        if b + 1 > ctx.period_start():  # the first years of the target's period are missing
            row["flags"].append(f"short_average:{b + 1}-{t}")
    row["progress_class"] = verdict(ctx, row, met, ratio, overshot=overshot)
    only_the_base(row)
    if method == "compound" and ctx.drift is not None and t < T and t > b:
        centre = float(pj.level_after_growth(vt, observed, T - t))
        row["probability_met"] = un.probability_met(centre, T - t, v_star, ctx.drift, sign)
        drift_columns(row, ctx.drift)
    make = pj.growth_path if method == "compound" else pj.linear_path
    ctx.path(scenario, "scenario", make(vb, b, T, target_pace))
    if t < T and not np.isnan(required):
        ctx.path(scenario, "required", make(vt, t, T, required))
        if kind == "avg_growth":
            for y in range(t + 1, T + 1):
                ctx.required.append((target["target_id"], target["indicator_id"], scenario, y,
                                     required, rate_pct, observed, row["acceleration_pp"],
                                     float(pj.level_after_growth(vt, required, y - t)), obs.unit))
    return finish(row)
