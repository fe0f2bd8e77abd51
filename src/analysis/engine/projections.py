"""Projection arithmetic: observed and required paces, and the paths they draw to the target year.

Method (``docs/methods.md`` §1). With base year *b*, latest year *t*, target year *T*,
observed values ``v_b``, ``v_t`` and target ``v*``:

- compound paces, in % a year: observed ``g_obs = (v_t / v_b) ** (1 / (t - b)) - 1``; from the
  base ``g_base = (v* / v_b) ** (1 / (T - b)) - 1``; still required ``g_req = (v* / v_t) **
  (1 / (T - t)) - 1``;
- linear paces, in units (pp for percentages) a year: ``(v_t - v_b) / (t - b)`` and so on;
- an average-growth target ``g*`` over b..T is the level ``v* = v_b * (1 + g*) ** (T - b)``;
  with an index (``v_b = 100``) it needs only the yearly growth rates, which
  :func:`chain_growth_index` chains into an index.

Gap rule (a documented choice): a chained index needs every year's growth rate. The chain
starts at the base year and **stops at the first year whose annual growth rate is missing**;
rates after the gap are not used (the level they would start from is unknown) and the caller
flags them. A gap is never filled. Level series need no chaining: a missing middle year does not
change ``v_t / v_b``.

Every rate in this module is in **percent** (``*_pct``); every function is pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

#: Value of a chained index in its base year.
INDEX_BASE_VALUE = 100.0


def compound_growth_pct(start_value, end_value, years):
    """Average compound growth in % a year from ``start_value`` to ``end_value`` over ``years``.

    NaN where ``years <= 0`` or a value is not positive (compounding is undefined there).
    """
    start = np.asarray(start_value, dtype=float)
    end = np.asarray(end_value, dtype=float)
    n = np.asarray(years, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ok = (n > 0) & (start > 0) & (end > 0)
        out = np.where(ok, (np.abs(end / start)) ** (1.0 / np.where(n > 0, n, 1.0)) - 1.0, np.nan)
    out = out * 100.0
    return float(out) if out.ndim == 0 else out


def linear_pace(start_value, end_value, years):
    """Average change a year (pp a year for percentages), NaN where ``years <= 0``."""
    start = np.asarray(start_value, dtype=float)
    end = np.asarray(end_value, dtype=float)
    n = np.asarray(years, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(n > 0, (end - start) / np.where(n > 0, n, 1.0), np.nan)
    return float(out) if out.ndim == 0 else out


def level_after_growth(start_value, growth_pct, years):
    """Level reached from ``start_value`` after ``years`` years at ``growth_pct`` % a year."""
    return np.asarray(start_value, dtype=float) * (
        1.0 + np.asarray(growth_pct, dtype=float) / 100.0
    ) ** np.asarray(years, dtype=float)


def growth_path(start_value: float, start_year: int, end_year: int, growth_pct: float) -> pd.Series:
    """Compound path from ``start_year`` (at ``start_value``) to ``end_year``, indexed by year."""
    years = np.arange(int(start_year), int(end_year) + 1)
    values = level_after_growth(start_value, growth_pct, years - int(start_year))
    return pd.Series(values, index=pd.Index(years, name="year"), dtype=float)


def linear_path(start_value: float, start_year: int, end_year: int, pace: float) -> pd.Series:
    """Straight-line path from ``start_year`` to ``end_year`` changing by ``pace`` a year."""
    years = np.arange(int(start_year), int(end_year) + 1)
    values = float(start_value) + float(pace) * (years - int(start_year))
    return pd.Series(values, index=pd.Index(years, name="year"), dtype=float)


def path_by_yearly_growth(
    start_value: float, start_year: int, growth_pct_by_year: Mapping[int, float]
) -> pd.Series:
    """Path from ``start_year`` applying each later year's own growth rate (% a year).

    ``growth_pct_by_year`` must hold every year from ``start_year + 1`` to its last year.
    """
    years = sorted(int(y) for y in growth_pct_by_year)
    expected = list(range(int(start_year) + 1, int(start_year) + 1 + len(years)))
    if years != expected:
        raise ValueError(f"growth rates must cover consecutive years from {start_year + 1}: "
                         f"{years}")
    factors = np.cumprod([1.0 + float(growth_pct_by_year[y]) / 100.0 for y in years])
    values = np.concatenate([[float(start_value)], float(start_value) * factors])
    return pd.Series(
        values, index=pd.Index([int(start_year), *years], name="year"), dtype=float
    )


@dataclass(frozen=True)
class ChainedIndex:
    """Yearly growth rates chained into an index.

    Attributes
    ----------
    index : pandas.Series
        Index values by year, ``INDEX_BASE_VALUE`` in ``base_year``; empty if no chain starts.
    base_year : int or None
        Year the chain starts (the requested base year, or the year before the first available
        rate after it when the base year's successor is missing).
    gap_year : int or None
        First missing year after the chain started (the chain stops before it).
    ignored_years : tuple of int
        Years with a growth rate that were not used because they come after the gap.
    """

    index: pd.Series
    base_year: int | None
    gap_year: int | None = None
    ignored_years: tuple[int, ...] = field(default_factory=tuple)


def chain_growth_index(
    growth_pct_by_year: pd.Series,
    base_year: int,
    last_year: int | None = None,
    base_value: float = INDEX_BASE_VALUE,
) -> ChainedIndex:
    """Chain annual growth rates (% a year, indexed by year) into an index.

    The index is ``base_value`` in the base year and each later year multiplies by
    ``1 + g / 100``. If the rate for ``base_year + 1`` is missing, the chain starts at the year
    before the first rate after the base year (the caller flags the shifted base). The chain
    stops at the first missing year (see the module's gap rule).

    Parameters
    ----------
    growth_pct_by_year : pandas.Series
        Annual growth rates in %, indexed by integer year.
    base_year : int
        Requested base year (the year before the programme's first year).
    last_year : int, optional
        Ignore rates after this year.
    base_value : float
        Index value in the base year.
    """
    rates = growth_pct_by_year.dropna()
    rates.index = rates.index.astype(int)
    rates = rates[rates.index > base_year]
    if last_year is not None:
        rates = rates[rates.index <= last_year]
    rates = rates.sort_index()
    if rates.empty:
        return ChainedIndex(pd.Series(dtype=float, index=pd.Index([], name="year")), None)
    start = int(rates.index[0]) - 1
    years = [start]
    values = [float(base_value)]
    gap_year = None
    for year in range(start + 1, int(rates.index[-1]) + 1):
        if year not in rates.index:
            gap_year = year
            break
        years.append(year)
        values.append(values[-1] * (1.0 + float(rates.loc[year]) / 100.0))
    ignored = tuple(int(y) for y in rates.index if gap_year is not None and y > gap_year)
    series = pd.Series(values, index=pd.Index(years, name="year"), dtype=float)
    return ChainedIndex(series, start, gap_year, ignored)
