"""The rows of an average-growth target: the target as catalogued, one row per growth scenario
and one per custom scenario (an assumed path from the latest actual, ``docs/methods.md`` §5).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.data.scenarios import CustomScenario
from analysis.engine import progress as pg
from analysis.engine import projections as pj
from analysis.engine import uncertainty as un
from analysis.engine.result import TARGET_SCENARIO, scenario_id
from analysis.engine.rows.common import (
    TargetContext,
    drift_columns,
    empty_row,
    finish,
    margins,
    met_value,
)
from analysis.engine.rows.level import level_row


def growth_rows(ctx: TargetContext, rates_pct: Iterable[float],
                customs: Iterable[CustomScenario]) -> list[dict]:
    """The target's row, then one per constant rate and one per custom scenario.

    The average growth ``g*`` over ``b..T`` is the level ``v* = v_b (1 + g*)^(T − b)`` of the
    index (a range is classed against its low end); each scenario rate ``r`` is the level
    ``v_b (1 + r)^(T − b)`` (:func:`~analysis.engine.rows.level.level_row` for both).
    """
    target, sign, T, obs = ctx.target, ctx.sign, ctx.T, ctx.obs
    b = obs.base_year
    vb = float(obs.values.loc[b]) if b is not None else np.nan
    horizon = T - b if b is not None else np.nan
    g_met = met_value(target, sign)
    flags = ["target_is_range_low_end"] if target["comparator"] == "range" else []
    rows = [level_row(ctx, TARGET_SCENARIO, vb * (1 + g_met / 100) ** horizon, np.nan, flags)]
    for rate in rates_pct:
        rows.append(level_row(ctx, scenario_id(rate), vb * (1 + rate / 100) ** horizon, rate))
    for sc in customs:
        rows.append(_custom_row(ctx, sc, g_met))
    return rows


def _custom_row(ctx: TargetContext, sc: CustomScenario, g_met: float) -> dict:
    """Row of a custom scenario: an assumed path from the latest actual, judged by its average
    ``(I_T / I_b)^(1/(T − b)) − 1`` over the whole programme period against ``g*``.
    """
    obs, target = ctx.obs, ctx.target
    path, flags = _custom_path(ctx, sc)
    row = empty_row(target, sc.name, ctx.sign, ctx.method, list(obs.flags) + flags, obs.unit)
    row["flags"].append("assumption")
    if path is None:
        return finish(row)
    b, t, T = obs.base_year, int(path.index[0]), ctx.T
    vb, vt, v_end = float(obs.values.loc[b]), float(path.iloc[0]), float(path.iloc[-1])
    ctx.path(sc.name, "scenario", path)
    implied = float(pj.compound_growth_pct(vb, v_end, T - b))
    v_star = vb * (1 + g_met / 100) ** (T - b)
    meets = ctx.met(implied, g_met, unit="pct_per_year")
    observed = float(pj.compound_growth_pct(vb, vt, t - b)) if t > b else np.nan
    required = float(pj.compound_growth_pct(vt, v_star, T - t)) if t < T else np.nan
    row.update(
        base_year=b, base_value=vb, latest_year=t, latest_value=vt,
        latest_status=obs.meta["status"].get(t) if t in obs.meta.index else None,
        target_value=v_star, observed_pace=observed, required_pace=required,
        target_pace=g_met, implied_average_pct=implied, met=bool(meets),
        n_annual_values=len(obs.values) - 1,
        progress_class=pg.SCENARIO_MEETS if meets else pg.SCENARIO_FALLS_SHORT,
        pace_unit="pct_per_year",
    )
    margins(row, implied, g_met, "pct_per_year")
    if ctx.drift is not None and t < T:
        row["probability_met"] = un.probability_met(v_end, T - t, v_star, ctx.drift, ctx.sign)
        drift_columns(row, ctx.drift)
    return finish(row)


def _custom_path(ctx: TargetContext, sc: CustomScenario) -> tuple[pd.Series | None, list[str]]:
    """Index/level path t..T under a custom scenario (see analysis.data.scenarios): the years
    before the scenario's first one at the current pace, flagged; a missing later year leaves
    the scenario without a path.
    """
    obs = ctx.obs
    if obs.base_year is None or obs.values.empty:
        return None, []
    t = int(obs.values.index.max())
    flags = []
    rates = {}
    observed = pj.compound_growth_pct(obs.values.loc[obs.base_year], obs.values.loc[t],
                                      t - obs.base_year)
    for y in range(t + 1, ctx.T + 1):
        if y in sc.growth_pct_by_year:
            rates[y] = sc.growth_pct_by_year[y]
        elif y < sc.first_year and not np.isnan(observed):
            rates[y] = observed
            flags.append(f"filled_at_current_pace:{y}")
        else:
            return None, [f"scenario_incomplete:{y}"]
    if any(y <= t for y in sc.growth_pct_by_year):
        flags.append("scenario_years_replaced_by_actuals")
    return pj.path_by_yearly_growth(float(obs.values.loc[t]), t, rates), flags
