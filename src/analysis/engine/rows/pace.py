"""The row of a target stated as a pace of a level series: poverty falling 2–3 points a year
(kind ``change_pp_per_year``).
"""

from __future__ import annotations

import numpy as np

from analysis.engine import progress as pg
from analysis.engine import projections as pj
from analysis.engine.observed import point_flags
from analysis.engine.result import TARGET_SCENARIO
from analysis.engine.rows.common import (
    TargetContext,
    base_shift_flag,
    empty_row,
    estimate_flag,
    finish,
    margins,
    only_the_base,
    used_values,
    verdict,
)

#: Flag of a pace target whose required pace is its stated pace (the years so far were ahead).
REQUIRED_IS_TARGET_PACE = "required_is_target_pace"


def pace_row(ctx: TargetContext, magnitude) -> dict:
    """Row for a target stated as a pace (pp a year) of a level series.

    The stated magnitude (the low end of a range) is the target pace ``p* = d · |magnitude|``;
    the observed pace ``(v_t − v_b) / (t − b)`` is compared with it (``R = d · observed /
    |p*|``), the value the pace would reach is ``v* = v_b + p* (T − b)``, and a pace is met only
    over the whole period: never ``achieved`` before T (``docs/methods.md`` §1).

    The pace required from ``t`` is what every remaining year must do: the stated pace ``p*``
    (a reduction of 2 points *a year* is asked of each year), or more when the years so far fell
    short and the average over the period needs the catch-up ``(v* − v_t) / (T − t)``. A
    province ahead of the pace is never told that less than ``p*`` will do (flag
    ``required_is_target_pace``).
    """
    obs, sign, T, target = ctx.obs, ctx.sign, ctx.T, ctx.target
    row = empty_row(target, TARGET_SCENARIO, sign, "pace", list(obs.flags), obs.unit)
    target_pace = sign * abs(magnitude)
    row["target_pace"] = target_pace
    if obs.base_year is None or obs.values.empty:
        row["flags"].append("no_annual_actual_since_base")
        return finish(row)
    b, t = obs.base_year, int(obs.values.index.max())
    vb, vt = float(obs.values.loc[b]), float(obs.values.loc[t])
    v_star = vb + target_pace * (T - b)
    observed = pj.linear_pace(vb, vt, t - b) if t > b else np.nan
    required = pj.linear_pace(vt, v_star, T - t) if t < T else np.nan
    if t < T and sign * required < sign * target_pace:  # ahead: the stated pace each year
        required = target_pace
        row["flags"].append(REQUIRED_IS_TARGET_PACE)
    ratio = pg.progress_ratio(observed, target_pace, sign) if t > b else np.nan
    # a pace is met only over the whole period: at the target year, by the average pace
    met = bool(t >= T and t > b and pg.target_met(sign * observed, abs(magnitude),
                                                  _pace_comparator(target), 1))
    row.update(
        base_year=b, base_value=vb, latest_year=t, latest_value=vt,
        latest_status=obs.meta["status"].get(t), target_value=v_star, observed_pace=observed,
        required_pace=required, acceleration_pp=sign * (required - observed), ratio=ratio,
        expected_value_ratio=(pg.expected_value_ratio(vb, vt + observed * (T - t), v_star)
                              if t > b else np.nan),
        met=met, n_annual_values=len(obs.values),
    )
    if t > b:
        margins(row, sign * observed, abs(magnitude), "pp_per_year")
    estimate_flag(row)
    base_shift_flag(ctx, row, b)
    row["flags"] += point_flags(obs, sorted({b, t}), target)
    row["used_values"] = used_values(obs, b, t)
    row["progress_class"] = verdict(ctx, row, met, ratio)
    only_the_base(row)
    ctx.path(TARGET_SCENARIO, "scenario", pj.linear_path(vb, b, T, target_pace))
    if t < T:
        ctx.path(TARGET_SCENARIO, "required", pj.linear_path(vt, t, T, required))
    return finish(row)


def _pace_comparator(target) -> str:
    """A pace range "2–3 điểm %/năm" is met from its low end; other comparators as stated."""
    return "at_least" if target["comparator"] == "range" else target["comparator"]
