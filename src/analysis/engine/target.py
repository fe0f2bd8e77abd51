"""One target: its observed series, its rows (by kind, :mod:`analysis.engine.rows`), its paths at
the current pace, its band and its paths in levels, and the rules for a thin series, a final
review and a target the programme declares unmeasurable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from analysis.data.scenarios import CustomScenario
from analysis.engine import progress as pg
from analysis.engine import projections as pj
from analysis.engine import uncertainty as un
from analysis.engine.annual import series
from analysis.engine.observed import drift, observe
from analysis.engine.params import AssessmentParams
from analysis.engine.result import INDEX_UNIT, TARGET_SCENARIO
from analysis.engine.rows.common import TargetContext, met_value
from analysis.engine.rows.cumulative import cumulative_row
from analysis.engine.rows.growth import growth_rows
from analysis.engine.rows.level import level_row
from analysis.engine.rows.pace import pace_row

#: Paths that rest on the drift or on a required pace, dropped for a thin series.
PACE_PATH_KINDS = ("required", "current_pace", "band")


def assess_target(target: Mapping, annual: pd.DataFrame | Mapping[str, pd.DataFrame],
                  indicator: Mapping, base_year: int,
                  params: AssessmentParams, rates_pct: Iterable[float] = (),
                  customs: Iterable[CustomScenario] = (),
                  year: int | None = None,
                  walks: dict[str, un.Drift | None] | None = None) -> tuple[list, list, list]:
    """Summary rows, path tuples and required-growth tuples for one target (see the module
    docstring of :mod:`analysis.engine.assess`).

    ``annual`` is :func:`~analysis.engine.annual.annual_values` (or its
    :func:`~analysis.engine.annual.by_indicator` split); ``indicator`` holds the ``unit`` and
    ``measure`` of the target's indicator. When the assessment ``year`` is the target year or
    later (a final review) no year remains: no scenarios, no required pace, no probability, and
    a target whose target-year value is not published has no verdict
    (:data:`~analysis.engine.progress.NO_TARGET_YEAR_VALUE`). ``walks``, when given, receives
    the random walk estimated for the target's band, under its id (the band table reads it there
    rather than estimating it again).
    """
    target = dict(target)
    measure = indicator.get("measure", "level")
    target["_base_year"] = base_year
    sign = pg.direction_sign(target["direction"])
    T = int(target["target_year"])
    method = params.pace_method_by_kind[target["kind"]]
    obs = observe(target, annual, measure, indicator.get("unit") or target["unit"], base_year,
                  params)
    walk = None
    if method == "compound" and target["kind"] in params.band_kinds:
        walk = drift(target, annual, measure, params, obs)
        if walks is not None:
            walks[target["target_id"]] = walk
    final = year is not None and int(year) >= T
    ctx = TargetContext(target, sign, T, method, obs, params, walk, final)
    if final:
        rates_pct, customs = (), ()
    if method == "cumulative":
        own = series(annual, target["indicator_id"])
        rows = [cumulative_row(ctx, met_value(target, sign), own)]
        return _no_year_left(rows, final), ctx.paths, ctx.required
    if not obs.history.empty:
        ctx.path(None, "actual", obs.history)
    if method == "pace":
        return _no_year_left([pace_row(ctx, met_value(target, sign))], final), ctx.paths, \
            ctx.required
    if target["kind"] == "avg_growth":
        rows = growth_rows(ctx, rates_pct, customs)
    else:
        rows = [level_row(ctx, TARGET_SCENARIO, met_value(target, sign))]
    if rows[0]["progress_class"] == pg.TOO_FEW_RATES:
        return _too_few_rates(rows, ctx.paths + _level_paths(ctx, annual))
    _current_and_band(ctx, rows[0])
    return _no_year_left(rows, final), ctx.paths + _level_paths(ctx, annual), ctx.required


def unmeasurable_row(row: dict) -> dict:
    """A target the programme declares unmeasurable: its values stay, its verdict goes."""
    row.update(progress_class=pg.NOT_MEASURABLE, met=False, ratio=np.nan,
               required_pace=np.nan, acceleration_pp=np.nan, probability_met=np.nan,
               expected_value_ratio=np.nan)
    row["flags"] = ";".join(f for f in (row["flags"], "not_measurable") if f)
    return row


def _too_few_rates(rows: list[dict], paths: list) -> tuple[list, list, list]:
    """A growth target with fewer than ``min_rates_for_average`` annual rates in its period:
    one or two years say nothing about a ten-year pace, so nothing that rests on its pace is
    given (the one rule of the module docstring of :mod:`analysis.engine.assess`): no required
    growth or acceleration, no drift, no probability, no current-pace path, no band; the rates
    observed and the scenarios' own paths stay.
    """
    for row in rows:
        row.update(required_pace=np.nan, acceleration_pp=np.nan, probability_met=np.nan,
                   drift_pct=np.nan, drift_years="", volatility_pp=np.nan)
    return rows, [p for p in paths if p[5] not in PACE_PATH_KINDS], []


def _no_year_left(rows: list[dict], final: bool) -> list[dict]:
    """In a final review nothing remains to be required or predicted."""
    if final:
        for row in rows:
            row.update(required_pace=np.nan, acceleration_pp=np.nan, probability_met=np.nan)
    return rows


def _level_paths(ctx: TargetContext, annual: pd.DataFrame) -> list:
    """Index paths again in levels, where the mapped level series has a value in the base year."""
    ind = ctx.target["indicator_id"]
    level_ind = ctx.params.level_series(ind)
    if ctx.obs.unit != INDEX_UNIT or ctx.obs.base_year is None or not level_ind:
        return []
    lv = series(annual, level_ind)
    if ctx.obs.base_year not in lv.index:
        return []
    scale = float(lv.loc[ctx.obs.base_year, "value"]) / pj.INDEX_BASE_VALUE
    unit = str(lv.loc[ctx.obs.base_year, "unit"]) or level_ind
    return [(*p[:4], p[4] * scale, p[5], p[6], unit) for p in ctx.paths if p[7] == INDEX_UNIT]


def _current_and_band(ctx: TargetContext, row: Mapping) -> None:
    """The path at the observed pace from t to T, and the band centred on it
    (``docs/methods.md`` §4).
    """
    if row["latest_year"] is None or np.isnan(row["observed_pace"]):
        return
    t, vt = int(row["latest_year"]), float(row["latest_value"])
    if t >= ctx.T:
        return
    make = pj.growth_path if row["pace_unit"] == "pct_per_year" else pj.linear_path
    current = make(vt, t, ctx.T, row["observed_pace"])
    ctx.path(None, "current_pace", current)
    if ctx.drift is not None and row["pace_unit"] == "pct_per_year":
        b = un.band_around(current, ctx.drift, ctx.params.band_quantiles)
        for y, q, v in b.itertuples(index=False):
            ctx.paths.append((ctx.target["target_id"], ctx.target["indicator_id"], None, int(y),
                              float(v), "band", float(q), ctx.obs.unit))
