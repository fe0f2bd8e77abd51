"""Levels in the target year that follow from a real growth path: population, GRDP at current
prices and GRDP per capita (``docs/methods.md`` §6).

The report (its consistency chapter and the table of paths) and the scenario explorer call the
same function, :func:`derive_levels`, with the same inputs, so one growth path gives one set of
target-year figures. Which of the province's indicators is the population, GRDP at current
prices and GRDP per capita is data: the roles of its ``indicators.csv``
(:class:`analysis.roles.IndicatorRoles`); a province without one of them gets NaN for the
levels that need it. Each level starts from the **latest annual actual** of its own series (its
*anchor*), never from an older one:

- **Population** ``P_T = P_p (1 + g)^(T − p)``, from the latest annual population ``P_p`` (year
  ``p``) at ``g`` a year. ``g`` is an assumption; by default the log-linear trend of every annual
  population value (least squares of ``ln P`` on the year, :func:`population_trend_pct`).
- **GRDP at current prices** ``N_T = N_n (I_T / I_n) (1 + d)^(T − n)``, from the latest annual
  level ``N_n``, moved by the real GRDP index ``I`` (chained from the real growth rates, base
  year = 100; actual to ``t``, the path after) and by the GRDP deflator, growing ``d`` a year.
  No deflator is published for the province: ``d`` is an assumption
  (:data:`DEFAULT_DEFLATOR_PCT`).
- **GRDP per capita** ``C_T = C_c (I_T / I_c) (1 + d)^(T − c) · P_c / P_T`` from the latest
  per-capita value ``C_c``, with ``P_c = P_p (1 + g)^(c − p)``: real growth and prices raise it,
  population growth dilutes it.

The real index a level target needs in T inverts the same formulas (:func:`real_index_needed`):
``I*_T = I_n (v* / N_n) / (1 + d)^(T − n)`` for a level at current prices, and
``I*_T = I_c (v* / C_c) (P_T / P_c) / (1 + d)^(T − c)`` for a per-capita level.

An anchor year without a real index value (before the base year) gives NaN, flagged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.roles import GRDP_NOMINAL, GRDP_PER_CAPITA, NO_ROLES, POPULATION, IndicatorRoles

#: GRDP deflator growth assumed when none is given, % a year: a round assumption, since no GRDP
#: deflator is published for the province (set it in the explorer or the report's parameters).
DEFAULT_DEFLATOR_PCT = 3.0
#: Million VND in a billion VND.
MN_PER_BN = 1000.0


@dataclass(frozen=True)
class Anchor:
    """The latest annual actual of one series: year, value and status."""

    year: int
    value: float
    status: str = ""


@dataclass(frozen=True)
class LevelAssumptions:
    """The two assumptions behind the derived levels, % a year (None: the population trend)."""

    deflator_pct: float = DEFAULT_DEFLATOR_PCT
    population_growth_pct: float | None = None


@dataclass(frozen=True)
class DerivedLevels:
    """Population, nominal GRDP and per-capita GRDP in the target year, with what they rest on
    (``anchors``: the latest actual of each series, by role: ``population``, ``grdp_nominal``,
    ``grdp_per_capita``).
    """

    target_year: int
    population_target_year_persons: float
    nominal_grdp_target_year_bn_vnd: float
    grdp_per_capita_target_year_mn_vnd: float
    population_growth_pct: float
    deflator_pct: float
    anchors: Mapping[str, Anchor] = field(default_factory=dict)
    flags: tuple[str, ...] = ()


def role_values(annual: pd.DataFrame, roles: IndicatorRoles = NO_ROLES) -> pd.DataFrame:
    """The rows of ``annual`` the levels rest on: the population, GRDP at current prices and
    GRDP per capita (all :func:`derive_levels` and :func:`real_index_needed` read; a caller that
    derives levels for several paths gives them these few rows rather than every value).
    """
    ids = [getattr(roles, r) for r in (POPULATION, GRDP_NOMINAL, GRDP_PER_CAPITA)]
    return annual[annual["indicator_id"].isin([i for i in ids if i])]


def latest_anchor(annual: pd.DataFrame, indicator_id: str | None) -> Anchor | None:
    """The latest annual value of ``indicator_id`` in ``annual`` (columns of annual_values);
    None without one (or without an indicator).
    """
    if indicator_id is None:
        return None
    rows = annual[annual["indicator_id"] == indicator_id]
    if rows.empty:
        return None
    i = int(rows["year"].to_numpy().argmax())  # one value a year: the latest is the largest
    status = rows["status"].iat[i] if "status" in rows.columns else ""
    return Anchor(int(rows["year"].iat[i]), float(rows["value"].iat[i]), str(status))


def population_trend_pct(annual: pd.DataFrame, roles: IndicatorRoles = NO_ROLES) -> float:
    """Growth a year of the log-linear trend of every annual value of the population (the
    indicator with the role ``population``); NaN with fewer than two.
    """
    rows = annual[annual["indicator_id"] == roles.population]
    if len(rows) < 2:
        return float("nan")
    slope, _ = np.polyfit(rows["year"].to_numpy(dtype=float),
                          np.log(rows["value"].to_numpy(dtype=float)), 1)
    return float(np.expm1(slope) * 100.0)


def _growth(assumptions: LevelAssumptions, annual: pd.DataFrame, roles: IndicatorRoles) -> float:
    g = assumptions.population_growth_pct
    return population_trend_pct(annual, roles) if g is None else float(g)


def _at(index: pd.Series, year: int) -> float:
    return float(index.get(int(year), np.nan))


def derive_levels(real_index: pd.Series, annual: pd.DataFrame, target_year: int,
                  assumptions: LevelAssumptions = LevelAssumptions(),
                  roles: IndicatorRoles = NO_ROLES) -> DerivedLevels:
    """The levels in ``target_year`` under a real GRDP index path (module docstring).

    Parameters
    ----------
    real_index : pandas.Series
        Real GRDP index by year (base year = 100): the actual years and then the path to
        ``target_year``.
    annual : pandas.DataFrame
        Annual actual values (:func:`analysis.engine.assess.annual_values`), up to the
        assessment year.
    target_year : int
        The year T.
    assumptions : LevelAssumptions
        Deflator growth and population growth (% a year).
    roles : IndicatorRoles
        Which indicators are the population, GRDP at current prices and GRDP per capita.
    """
    T = int(target_year)
    g = _growth(assumptions, annual, roles)
    d = float(assumptions.deflator_pct)
    anchors = {role: a for role, a in (
        (r, latest_anchor(annual, getattr(roles, r)))
        for r in (POPULATION, GRDP_NOMINAL, GRDP_PER_CAPITA)) if a is not None}
    flags = []
    i_T = _at(real_index, T)
    pop = anchors.get(POPULATION)
    pop_T = pop.value * (1 + g / 100) ** (T - pop.year) if pop else np.nan
    nominal_T = per_capita_T = np.nan
    nom = anchors.get(GRDP_NOMINAL)
    if nom:
        i_n = _at(real_index, nom.year)
        if np.isnan(i_n):
            flags.append(f"no_real_index_in:{nom.year}")
        nominal_T = nom.value * i_T / i_n * (1 + d / 100) ** (T - nom.year)
    pc = anchors.get(GRDP_PER_CAPITA)
    if pc and pop:
        i_c = _at(real_index, pc.year)
        if np.isnan(i_c):
            flags.append(f"no_real_index_in:{pc.year}")
        pop_c = pop.value * (1 + g / 100) ** (pc.year - pop.year)
        per_capita_T = pc.value * i_T / i_c * (1 + d / 100) ** (T - pc.year) * pop_c / pop_T
    return DerivedLevels(T, float(pop_T), float(nominal_T), float(per_capita_T), float(g), d,
                         anchors, tuple(flags))


def real_index_needed(role: str, target_value: float, real_index: pd.Series,
                      annual: pd.DataFrame, target_year: int,
                      assumptions: LevelAssumptions = LevelAssumptions(),
                      roles: IndicatorRoles = NO_ROLES) -> float:
    """Real GRDP index in T that a level target at current prices needs (module docstring).

    ``role`` is :data:`~analysis.roles.GRDP_NOMINAL` or :data:`~analysis.roles.GRDP_PER_CAPITA`
    (the indicator comes from ``roles``); NaN when an anchor or its index value is missing.
    """
    if role not in (GRDP_NOMINAL, GRDP_PER_CAPITA):
        raise ValueError(f"no rule for the real index a target of the role {role!r} needs")
    T = int(target_year)
    d = float(assumptions.deflator_pct)
    anchor = latest_anchor(annual, getattr(roles, role))
    if anchor is None:
        return float("nan")
    i_a = _at(real_index, anchor.year)
    needed = i_a * float(target_value) / anchor.value / (1 + d / 100) ** (T - anchor.year)
    if role == GRDP_NOMINAL:
        return float(needed)
    pop = latest_anchor(annual, roles.population)
    if pop is None:
        return float("nan")
    g = _growth(assumptions, annual, roles)
    return float(needed * (1 + g / 100) ** (T - anchor.year))
