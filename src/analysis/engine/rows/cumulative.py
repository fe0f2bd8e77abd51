"""The row of a total over the target's period (kind ``cumulative``: forest planted 2021–2030):
the sum so far against its pro-rata share of the total.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from analysis.engine import progress as pg
from analysis.engine import projections as pj
from analysis.engine.observed import Observed, point_flags
from analysis.engine.result import TARGET_SCENARIO
from analysis.engine.rows.common import (
    TargetContext,
    empty_row,
    estimate_flag,
    finish,
    margins,
    verdict,
)


def cumulative_row(ctx: TargetContext, v_star, annual_series: pd.DataFrame) -> dict:
    """Row for a total over period_start..T: cumulative sum against the pro-rata share.

    With ``b = period_start − 1``: the target pace is ``v* / (T − b)`` a year, the observed pace
    the sum to t over ``t − b``, the pace still required ``(v* − sum) / (T − t)``; the sum stops
    at the first missing year (``docs/methods.md`` §1).
    """
    target, sign, T = ctx.target, ctx.sign, ctx.T
    start = int(target["period_start"])
    row = empty_row(target, TARGET_SCENARIO, sign, "cumulative", [], target["unit"])
    s = annual_series[annual_series.index >= start]
    years = []
    for y in range(start, int(s.index.max()) + 1 if not s.empty else start):
        if y not in s.index:
            row["flags"].append(f"gap:{y}")
            break
        years.append(y)
    ignored = [y for y in s.index if not years or y > years[-1]]
    if ignored:
        row["flags"].append("ignored_after_gap:" + ",".join(map(str, ignored)))
    b = start - 1
    target_pace = v_star / (T - b)
    row.update(base_year=b, base_value=0.0, target_value=v_star, target_pace=target_pace)
    if not years:
        row["flags"].append("no_annual_actual_since_base")
        return finish(row)
    cum = s.loc[years, "value"].cumsum()
    t = years[-1]
    total = float(cum.iloc[-1])
    observed = total / (t - b)
    required = (v_star - total) / (T - t) if t < T else np.nan
    ratio = pg.progress_ratio(observed, target_pace, sign)
    met = ctx.met(total, v_star)
    row.update(
        latest_year=t, latest_value=total, latest_status=s.loc[t, "status"],
        observed_pace=observed, required_pace=required,
        acceleration_pp=sign * (required - observed), ratio=ratio,
        expected_value_ratio=pg.expected_value_ratio(0.0, total + observed * (T - t), v_star),
        met=bool(met), n_annual_values=len(years),
    )
    margins(row, total, v_star, target["unit"])
    estimate_flag(row)
    obs = Observed(cum, s.loc[years], cum, target["unit"], b, indicator=target["indicator_id"])
    row["flags"] += point_flags(obs, years, target)
    row["used_values"] = ";".join(f"{obs.indicator}:{y}" for y in years)
    row["progress_class"] = verdict(replace(ctx, obs=obs), row, met, ratio)
    ctx.path(TARGET_SCENARIO, "actual", pd.concat([pd.Series({b: 0.0}), cum]))
    ctx.path(TARGET_SCENARIO, "scenario", pj.linear_path(0.0, b, T, target_pace))
    if t < T:
        ctx.path(TARGET_SCENARIO, "required", pj.linear_path(total, t, T, required))
        ctx.path(None, "current_pace", pj.linear_path(total, t, T, observed))
    return finish(row)
