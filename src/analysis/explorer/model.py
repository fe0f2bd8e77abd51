"""The scenario explorer's arithmetic, without widgets: testable on its own.

The explorer adds no method of its own (``docs/methods.md`` §4–6). It takes one assessment
(:func:`analysis.engine.assess.assess`, the same call as the report) and, for an assumed real
growth path of the growth target, calls the same functions as the report:

- **Path.** The real index (base year = 100) continues from ``I_t`` with the assumed rates
  (:func:`analysis.engine.projections.path_by_yearly_growth`).
- **Band and probabilities.** :func:`analysis.engine.uncertainty.band_around` and
  :func:`~analysis.engine.uncertainty.probability_met` around the assumed path, with the
  report's own random walk (:func:`analysis.engine.assess.drift_of`): the report centres them on
  the current pace, so a flat path at the current pace gives the report's probability exactly.
- **Levels in T.** :func:`analysis.engine.derived.derive_levels` (population, nominal and
  per-capita GRDP, each from its latest annual actual) and
  :func:`~analysis.engine.derived.real_index_needed` for the level targets at current prices,
  under the assumed deflator and population growth; the report's table of 2030 levels makes the
  same calls for its paths.
- **Growth still required** for the selected target: for the growth target, the assessment's
  own ``required_pace``; for a level target, ``(I*_T / I_t)^(1/(T − t)) − 1``.

:func:`target_path` does the same for any other target: an assumed pace from its latest value
to the target year, and the value reached.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.engine import progress as pg
from analysis.engine import projections as pj
from analysis.engine import uncertainty as un
from analysis.engine.assess import TARGET_SCENARIO, Assessment, drift_of, scenario_id
from analysis.engine.derived import (
    LevelAssumptions,
    derive_levels,
    population_trend_pct,
    real_index_needed,
)

#: Band drawn around the assumed path: outer (90 %) and inner (50 %) quantile pairs.
OUTER_BAND = un.BAND_90
INNER_BAND = un.BAND_50


def target_row(assessment: Assessment, target_id: str, scenario: str = TARGET_SCENARIO):
    """The summary row of one target and scenario (KeyError when there is none)."""
    s = assessment.summary
    rows = s[(s["target_id"] == target_id) & (s["scenario"] == scenario)]
    if rows.empty:
        raise KeyError(f"the assessment has no row for target {target_id!r}, scenario {scenario!r}")
    return rows.iloc[0]


def path_of(assessment: Assessment, target_id: str, kind: str, scenario=None,
            unit: str | None = None) -> pd.Series:
    """One path of the assessment (year → value), e.g. ``actual`` or ``current_pace``."""
    p = assessment.paths
    sel = (p["target_id"] == target_id) & (p["kind"] == kind)
    sel &= p["scenario"].isna() if scenario is None else (p["scenario"] == scenario)
    if unit is not None:
        sel &= p["unit"] == unit
    rows = p[sel].sort_values("year")
    return pd.Series(rows["value"].to_numpy(), index=rows["year"].to_numpy(), dtype=float)


@dataclass
class GrowthModel:
    """Everything the GRDP view computes, from one assessment.

    Parameters
    ----------
    assessment : Assessment
        The assessment the report prints (same data, same parameters).
    growth_target_id : str
        The average-growth target whose real index is projected.
    level_targets : mapping of str to float
        Level targets at current prices the controls bear on, by the role of their indicator
        (:data:`~analysis.roles.GRDP_NOMINAL`, :data:`~analysis.roles.GRDP_PER_CAPITA`) →
        target value.
    scenario_rates_pct : tuple of float
        The constant-growth scenarios compared.
    """

    assessment: Assessment
    growth_target_id: str
    level_targets: Mapping[str, float]
    scenario_rates_pct: tuple[float, ...]

    def __post_init__(self) -> None:
        a, gid = self.assessment, self.growth_target_id
        growth = target_row(a, gid)
        if pd.isna(growth["latest_year"]):
            raise ValueError(f"no annual actual of {gid}: the explorer has nothing to start "
                             f"from ({growth['flags']})")
        self.base_year = int(growth["base_year"])
        self.base_index = float(growth["base_value"])
        self.latest_year = int(growth["latest_year"])
        self.latest_index = float(growth["latest_value"])
        self.target_year = int(growth["target_year"])
        self.index_unit = str(growth["unit"])
        self.years = list(range(self.latest_year + 1, self.target_year + 1))
        self.horizon_years = self.target_year - self.latest_year
        self.actual_index = path_of(a, gid, "actual", unit=self.index_unit)
        self.current_pace_index = path_of(a, gid, "current_pace", unit=self.index_unit)
        self.scenario_index = {
            scenario_id(r): path_of(a, gid, "scenario", scenario_id(r), unit=self.index_unit)
            for r in self.scenario_rates_pct}
        self.scenario_level = {sid: float(p.loc[self.target_year])
                               for sid, p in self.scenario_index.items()}
        self.required_by_scenario_pct = {
            sid: float(target_row(a, gid, sid)["required_pace"]) for sid in self.scenario_index}
        self.growth_target_required_pct = float(growth["required_pace"])
        self.growth_target_level = float(growth["target_value"])
        self.drift = drift_of(a, gid)
        self.population_trend_pct = population_trend_pct(a.annual, a.roles)

    def real_index(self, path: pd.Series) -> pd.Series:
        """The actual index, then ``path`` after the latest year."""
        return pd.concat([self.actual_index, path[path.index > self.latest_year]]).sort_index()

    def required_index(self, target_id: str, assumptions: LevelAssumptions,
                       path: pd.Series | None = None) -> float:
        """The real index in T the selected target needs (the growth target: its own level)."""
        if target_id == self.growth_target_id:
            return self.growth_target_level
        return real_index_needed(target_id, self.level_targets[target_id],
                                 self.real_index(path if path is not None else pd.Series(
                                     dtype=float)), self.assessment.annual, self.target_year,
                                 assumptions, self.assessment.roles)

    def compute(self, growth_by_year: Mapping[int, float], deflator_pct: float,
                population_growth_pct: float, target_id: str) -> dict:
        """All outputs for one set of assumptions.

        Returns
        -------
        dict
            ``growth_by_year_pct``, ``assumed_average_growth_pct`` (t+1..T),
            ``implied_average_pct`` (the whole programme period b+1..T), ``path_index``
            (Series t..T), ``index_target_year``, ``band_index`` (DataFrame year × quantile, or
            None), ``target_id``, ``required_index``, ``required_growth_pct``, ``gap_pp``,
            ``required_by_scenario_pct``, ``probability_by_scenario``, ``probability_target``,
            ``deflator_pct``, ``population_growth_pct``, ``population_target_year_persons``,
            ``nominal_grdp_target_year_bn_vnd``, ``grdp_per_capita_target_year_mn_vnd``,
            ``latest_year``, ``target_year``.
        """
        rates = {int(y): float(g) for y, g in growth_by_year.items()}
        path = pj.path_by_yearly_growth(self.latest_index, self.latest_year, rates)
        index_T = float(path.iloc[-1])
        average = float(pj.compound_growth_pct(self.latest_index, index_T, self.horizon_years))
        implied = float(pj.compound_growth_pct(self.base_index, index_T,
                                               self.target_year - self.base_year))
        assumptions = LevelAssumptions(float(deflator_pct), float(population_growth_pct))
        required_index = float(self.required_index(target_id, assumptions, path))
        band = None
        probabilities = {sid: np.nan for sid in self.scenario_level}
        probability_target = np.nan
        if self.drift is not None:
            quantiles = (*OUTER_BAND, *INNER_BAND)
            band = un.band_around(path, self.drift, quantiles).pivot(
                index="year", columns="quantile", values="value")
            levels = np.array([*self.scenario_level.values(), required_index])
            p = un.probability_met(index_T, self.horizon_years, levels, self.drift)
            probabilities = dict(zip(self.scenario_level, map(float, p[:-1]), strict=True))
            probability_target = float(p[-1])
        if target_id == self.growth_target_id:
            required = self.growth_target_required_pct  # the assessment's own number
        else:
            required = float(pj.compound_growth_pct(self.latest_index, required_index,
                                                    self.horizon_years))
        levels_T = derive_levels(self.real_index(path), self.assessment.annual,
                                 self.target_year, assumptions, self.assessment.roles)
        return {
            "latest_year": self.latest_year,
            "target_year": self.target_year,
            "growth_by_year_pct": rates,
            "assumed_average_growth_pct": average,
            "implied_average_pct": implied,
            "path_index": path,
            "index_target_year": index_T,
            "band_index": band,
            "target_id": target_id,
            "required_index": required_index,
            "required_growth_pct": float(required),
            "gap_pp": float(average - required),
            "required_by_scenario_pct": dict(self.required_by_scenario_pct),
            "probability_by_scenario": probabilities,
            "probability_target": probability_target,
            "deflator_pct": float(deflator_pct),
            "population_growth_pct": float(population_growth_pct),
            "population_target_year_persons": levels_T.population_target_year_persons,
            "nominal_grdp_target_year_bn_vnd": levels_T.nominal_grdp_target_year_bn_vnd,
            "grdp_per_capita_target_year_mn_vnd": levels_T.grdp_per_capita_target_year_mn_vnd,
            "levels": levels_T,
        }


@dataclass(frozen=True)
class TargetPath:
    """An assumed pace for one target from its latest value to the target year."""

    target_id: str
    path: pd.Series
    value_reached: float
    target_value: float
    met: bool
    pace_unit: str


def target_path(assessment: Assessment, targets: pd.DataFrame, target_id: str,
                pace: float) -> TargetPath | None:
    """The path of one target at an assumed pace, and whether the value reached meets it.

    The pace is in the target's pace unit (``pace_unit`` of its summary row: % a year for
    compound kinds, pp or units a year for linear ones). None when the target has no annual
    value to start from.
    """
    row = target_row(assessment, target_id)
    if pd.isna(row["latest_year"]):
        return None
    t, T, vt = int(row["latest_year"]), int(row["target_year"]), float(row["latest_value"])
    make = pj.growth_path if row["pace_unit"] == "pct_per_year" else pj.linear_path
    path = make(vt, t, T, float(pace))
    reached = float(path.iloc[-1])
    tgt = targets.set_index("target_id").loc[target_id]
    v_star = float(row["target_value"])
    met = pg.target_met(reached, v_star, str(tgt["comparator"]),
                        pg.direction_sign(str(tgt["direction"])), kind=str(tgt["kind"]),
                        unit=str(tgt["unit"]),
                        tolerance_pp=assessment.params.about_tolerance_pp,
                        tolerance_pct=assessment.params.about_tolerance_pct)
    return TargetPath(target_id, path, reached, v_star, bool(met), str(row["pace_unit"]))


__all__ = ["GrowthModel", "TargetPath", "target_path", "target_row", "path_of"]
