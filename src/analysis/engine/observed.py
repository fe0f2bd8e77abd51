"""The series a target is assessed on (its levels, or its growth rates chained into an index),
the flags of the values in it, and the random walk behind its band.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from analysis.data.statuses import NOT_FINAL_STATUSES
from analysis.engine import projections as pj
from analysis.engine import uncertainty as un
from analysis.engine.annual import series
from analysis.engine.params import AssessmentParams
from analysis.engine.result import INDEX_UNIT


@dataclass
class Observed:
    """The series a target is assessed on: values by year from the base year on."""

    values: pd.Series  # year -> value, from base year used to latest year
    meta: pd.DataFrame  # year -> status, qualifier, price_basis, conflict (years in `values`)
    history: pd.Series  # year -> value for the 'actual' path (may start before the base)
    unit: str
    base_year: int | None
    flags: list[str] = field(default_factory=list)
    indicator: str = ""  # whose values are in `values` (for a chain: the rates')
    level_indicator: str | None = None  # the levels some chained rates were computed from
    derived_years: tuple[int, ...] = ()  # the chained rates computed from two levels
    chained: bool = False  # a chain of annual rates: every rate is used, not only b and t


def growth_rates(annual, indicator_id, level_indicator) -> tuple[pd.DataFrame, list[str]]:
    """Annual growth rates with meta; gaps filled from consecutive levels of the same basis."""
    rates = series(annual, indicator_id)[["value", "status", "qualifier", "price_basis",
                                          "conflict"]]
    flags = []
    if level_indicator:
        lv = series(annual, level_indicator)
        extra = []
        for y in lv.index:
            if y in rates.index or (y - 1) not in lv.index:
                continue
            a, b = lv.loc[y - 1], lv.loc[y]
            if (a["price_basis"] != b["price_basis"] or b["price_basis"] == "not_stated"
                    or a["value"] <= 0):
                continue
            worse = b["status"] if b["status"] != "official" else a["status"]
            extra.append({"year": y, "value": (b["value"] / a["value"] - 1) * 100, "status": worse,
                          "qualifier": "exact", "price_basis": b["price_basis"],
                          "conflict": bool(a["conflict"] or b["conflict"])})
        if extra:
            rates = pd.concat([rates, pd.DataFrame(extra).set_index("year")]).sort_index()
            flags.append("growth_from_levels:" + ",".join(str(e["year"]) for e in extra))
    return rates, flags


def _flag_years(flag: str, keep) -> str | None:
    """Keep only the years of a ``name:y1,y2`` flag for which ``keep(year)`` holds."""
    name, _, years = flag.partition(":")
    kept = [y for y in years.split(",") if y and keep(int(y))]
    return f"{name}:{','.join(kept)}" if kept else None


def observe(target, annual, measure, indicator_unit, base_year,
            params: AssessmentParams) -> Observed:
    """The series ``target`` is assessed on, from the base year on (module docstring of
    :mod:`analysis.engine.assess`: a growth-rate series is chained into an index that stops at
    its first missing year; a level series for a growth target becomes an index too).
    """
    ind = target["indicator_id"]
    if target["kind"] == "avg_growth" and measure == "growth_rate":
        level_ind = params.level_series(ind)
        rates, level_flags = growth_rates(annual, ind, level_ind)
        chain = pj.chain_growth_index(rates["value"], base_year)
        from_levels = _level_series_index(annual, level_ind, base_year, chain.index)
        if from_levels is not None:
            return from_levels
        used = set(chain.index.index[1:])
        flags = [f for f in (_flag_years(f, used.__contains__) for f in level_flags) if f]
        derived = tuple(int(y) for f in flags if f.startswith("growth_from_levels:")
                        for y in f.partition(":")[2].split(","))
        if chain.gap_year is not None:
            flags.append(f"gap:{chain.gap_year}")
        if chain.ignored_years:
            flags.append("ignored_after_gap:" + ",".join(map(str, chain.ignored_years)))
        meta = rates.reindex(chain.index.index)
        return Observed(chain.index, meta, chain.index, INDEX_UNIT, chain.base_year, flags,
                        ind, level_ind, derived, chained=True)
    s = series(annual, ind)
    after = s[s.index >= base_year]
    b = int(after.index.min()) if not after.empty else None
    unit = indicator_unit if measure != "growth_rate" else INDEX_UNIT
    if target["kind"] == "avg_growth" and b is not None:  # a level series for a growth target
        index = after["value"] / after["value"].iloc[0] * pj.INDEX_BASE_VALUE
        return Observed(index, after, index, INDEX_UNIT, b, [], ind)
    return Observed(after["value"], after, s["value"], unit, b, [], ind)


def _level_series_index(annual, level_ind, base_year, chain_index) -> Observed | None:
    """The growth of a level series read from its own values, when the chain of annual rates
    stops earlier than the levels do (a missing year breaks a chain of rates, not a comparison of
    two levels): the index is each level over the first level since the base year, so the
    average growth from there to the latest level is exact. None when the rates reach as far, or
    the levels are too few or of mixed price bases.
    """
    if not level_ind:
        return None
    levels = series(annual, level_ind)
    levels = levels[levels.index >= base_year]
    bases = set(levels["price_basis"]) if not levels.empty else set()
    reach = int(chain_index.index.max()) if len(chain_index) else None
    if (len(levels) < 2 or len(bases) > 1 or "not_stated" in bases
            or (reach is not None and int(levels.index.max()) <= reach)):
        return None
    index = levels["value"] / levels["value"].iloc[0] * pj.INDEX_BASE_VALUE
    return Observed(index, levels, index, INDEX_UNIT, int(levels.index.min()),
                    [f"growth_from_level_series:{level_ind}"], level_ind)


def point_flags(obs: Observed, years: Iterable[int], target) -> list[str]:
    """Flags of the values of ``years``: bounds, statuses not final, conflicts, price bases."""
    flags = []
    meta = obs.meta.reindex([y for y in years if y in obs.meta.index])
    for y, row in meta.iterrows():
        if row["qualifier"] not in ("exact", "", None) and not pd.isna(row["qualifier"]):
            flags.append(f"bound:{y}:{row['qualifier']}")
        if row["status"] in NOT_FINAL_STATUSES:
            flags.append(f"{row['status']}:{y}")
        if bool(row["conflict"]):
            flags.append(f"conflict:{y}")
        if row["price_basis"] == "not_stated":
            flags.append(f"price_basis_not_stated:{y}")
        elif (target.get("price_basis") and row["price_basis"]
              and row["price_basis"] != target["price_basis"] and obs.unit != INDEX_UNIT):
            flags.append(f"price_basis_{row['price_basis']}:{y}")
    return flags


def drift(target, annual, measure, params: AssessmentParams, obs) -> un.Drift | None:
    """The random walk of a compound target: drift window and volatility history (module
    docstring of :mod:`analysis.engine.assess`, ``docs/methods.md`` §4).
    """
    ind = target["indicator_id"]
    if measure == "growth_rate":
        rates, _ = growth_rates(annual, ind, params.level_series(ind))
        history = un.growth_history(rates["value"], None, params.volatility_history_start)
    else:
        history = un.growth_history(None, series(annual, ind)["value"],
                                    params.volatility_history_start)
    if obs is None or obs.base_year is None or obs.values.empty:
        return None
    t = int(obs.values.index.max())
    history = history[history.index <= t]
    if params.drift_window == un.DRIFT_WINDOW_PROGRAMME and obs.unit == INDEX_UNIT:
        used = [y for y in obs.values.index if y > obs.base_year]  # the rates chained
        window = history.reindex(used).dropna()
    else:
        window = un.drift_window(history, obs.base_year, t, params.drift_window)
    return un.estimate_random_walk(window, history, params.break_modified_z, params.break_years,
                                   params.min_history_years)
