"""Consistency of the target-year targets with each other and with the data.

Three checks (``docs/methods.md`` §1 and §6), for a programme with a level target of GRDP at
current prices (and one of GRDP per capita): the indicators are those with the roles
``grdp_nominal``, ``grdp_per_capita`` and ``population`` in the province's ``indicators.csv``
(:class:`analysis.roles.IndicatorRoles`).

1. **Nominal growth implied by the GRDP level target.** A target of ``v*`` bn VND at current
   prices in T, from the base-year level ``v_b`` in the data (flagged when it is an estimate or
   its price basis is not stated), is ``(v* / v_b) ** (1 / (T − b)) − 1`` a year in nominal
   terms (63,600 from 20,486 over ten years: ≈ 12.0 %).
2. **Deflator implied under each real-growth scenario.** Nominal = real × prices, so the GRDP
   deflator must grow ``(1 + nominal) / (1 + real) − 1`` a year (≈ 2.7 % at 9 % real growth,
   ≈ 0.9 % at 11 %, for the 12.0 % above); the cumulative deflator T/b is reported too.
3. **Population implied by the level and per-capita targets.** The level target over the
   per-capita target (63,600 bn VND / 116.6 mn VND per person = 545,455 persons), against the
   population projected to T from the latest annual actual at the assumed population growth
   (:func:`analysis.engine.derived.derive_levels`, the rule the explorer uses too). A
   projection above the implied population means the per-capita target needs more GRDP than
   the level target (or slower population growth).

Each check is one row of a tidy frame (:data:`CONSISTENCY_COLUMNS`).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.engine import projections as pj
from analysis.engine.derived import (
    MN_PER_BN,
    LevelAssumptions,
    latest_anchor,
    population_trend_pct,
)
from analysis.roles import NO_ROLES, IndicatorRoles

CONSISTENCY_COLUMNS = ["check_id", "scenario", "year", "value", "unit", "flags"]


def implied_deflator_growth_pct(nominal_growth_pct, real_growth_pct):
    """Deflator growth ``(1 + nominal) / (1 + real) − 1`` in % a year (vectorised)."""
    return ((1 + np.asarray(nominal_growth_pct, float) / 100)
            / (1 + np.asarray(real_growth_pct, float) / 100) - 1) * 100


def implied_population(grdp_bn_vnd: float, per_capita_mn_vnd: float) -> float:
    """Population (persons) at which a GRDP level and a per-capita level agree."""
    return grdp_bn_vnd * MN_PER_BN / per_capita_mn_vnd


def level_target(targets: pd.DataFrame, indicator_id: str | None):
    """The first level target measured by ``indicator_id`` (a row of ``targets``), or None: the
    target a role's indicator bears on (GRDP at current prices, GRDP per capita).
    """
    if indicator_id is None:
        return None
    rows = targets[(targets["indicator_id"] == indicator_id) & (targets["kind"] == "level")]
    return None if rows.empty else rows.iloc[0]


def consistency_checks(
    targets: pd.DataFrame,
    annual: pd.DataFrame,
    base_year: int,
    real_growth_rates_pct: Iterable[float],
    assumptions: LevelAssumptions | None = None,
    roles: IndicatorRoles = NO_ROLES,
) -> pd.DataFrame:
    """The checks of the module docstring as a tidy frame (:data:`CONSISTENCY_COLUMNS`).

    ``annual`` has the columns of :func:`analysis.engine.assess.annual_values`; ``assumptions``
    default to :class:`LevelAssumptions`' own defaults; ``roles`` say which indicators are GRDP
    at current prices, GRDP per capita and the population (none: no check).
    """
    assumptions = assumptions or LevelAssumptions()
    rows = []

    def add(check, value, unit, scenario=None, year=None, flags=()):
        rows.append({"check_id": check, "scenario": scenario, "year": year, "value": value,
                     "unit": unit, "flags": ";".join(flags)})

    level_t = level_target(targets, roles.grdp_nominal)
    pc_t = level_target(targets, roles.grdp_per_capita)
    if level_t is not None:
        T = int(level_t["target_year"])
        v_star = float(level_t["value"])
        base = annual[(annual["indicator_id"] == roles.grdp_nominal)
                      & (annual["year"] == base_year)]
        flags = []
        if base.empty:
            nominal, vb = np.nan, np.nan
            flags.append(f"no_value_in_{base_year}")
        else:
            vb = float(base["value"].iloc[0])
            basis = base["price_basis"].iloc[0]
            if basis != "current":
                flags.append(f"price_basis_{basis or 'not_stated'}")
            if base["status"].iloc[0] != "official":
                flags.append(str(base["status"].iloc[0]))
            nominal = pj.compound_growth_pct(vb, v_star, T - base_year)
        add("grdp_base_level", vb, "bn_vnd", year=base_year, flags=flags)
        add("grdp_nominal_growth_implied", nominal, "pct_per_year", year=T, flags=flags)
        for r in real_growth_rates_pct:
            sc = f"{float(r):g}pct"
            add("grdp_deflator_growth_implied", float(implied_deflator_growth_pct(nominal, r)),
                "pct_per_year", scenario=sc, year=T, flags=flags)
            add("grdp_deflator_cumulative_implied",
                100 * (v_star / vb) / (1 + r / 100) ** (T - base_year), f"index_{base_year}_100",
                scenario=sc, year=T, flags=flags)
    if level_t is not None and pc_t is not None:
        T = int(pc_t["target_year"])
        implied = implied_population(float(level_t["value"]), float(pc_t["value"]))
        add("population_implied", implied, "persons", year=T)
        anchor = latest_anchor(annual, roles.population)
        growth = (population_trend_pct(annual, roles) if assumptions.population_growth_pct is None
                  else float(assumptions.population_growth_pct))
        flags = [] if anchor is not None else ["no_population_data"]
        projected = (anchor.value * (1 + growth / 100) ** (T - anchor.year) if anchor
                     else np.nan)
        add("population_growth_assumed", growth, "pct_per_year",
            year=anchor.year if anchor else None, flags=flags)
        add("population_projected", projected, "persons", year=T, flags=flags)
        add("population_implied_vs_projected_pct", (implied / projected - 1) * 100, "pct",
            year=T, flags=flags)
        add("grdp_per_capita_at_projected_population",
            float(level_t["value"]) * MN_PER_BN / projected, "mn_vnd_per_person",
            year=T, flags=flags)
    out = pd.DataFrame(rows, columns=CONSISTENCY_COLUMNS)
    out["year"] = out["year"].astype("Int64")
    return out
