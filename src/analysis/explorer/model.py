"""The scenario explorer's arithmetic, without widgets: testable on its own.

The explorer adds no method of its own (``docs/methods.md`` §4–6). It takes one assessment
(:func:`analysis.engine.assess.assess`, the same call as the report) and, for an assumed real
growth path of the growth target, calls the same functions as the report:

- **Path.** The real index (base year = 100) continues from ``I_t`` with the assumed rates
  (:func:`analysis.engine.projections.path_by_yearly_growth`):
  ``I_y = I_t · Π_{t<k≤y} (1 + g_k)``; its average ``(I_T / I_t)^(1/(T − t)) − 1`` over the
  years assumed, and ``(I_T / I_b)^(1/(T − b)) − 1`` over the whole programme period.
- **Band and probabilities.** :func:`analysis.engine.uncertainty.band_around` and
  :func:`~analysis.engine.uncertainty.probability_met` around the assumed path, with the
  report's own random walk (:func:`analysis.engine.result.drift_of`): the report centres them on
  the current pace, so a flat path at the current pace gives the report's probability exactly.
- **Levels in T.** :func:`analysis.engine.derived.derive_levels` (population, nominal and
  per-capita GRDP, each from its latest annual actual) and
  :func:`~analysis.engine.derived.real_index_needed` for the level targets at current prices,
  under the assumed deflator and population growth; the report's table of 2030 levels makes the
  same calls for its paths.
- **Growth still required** for the selected target: for the growth target, the assessment's
  own ``required_pace``; for a level target, ``(I*_T / I_t)^(1/(T − t)) − 1``.

:func:`target_path` does the same for any other target: an assumed pace from its latest value
to the target year, and the value reached. :func:`sources_of` lists the published values a
target's actual line rests on, with their sources, for the line under the chart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.data.periods import annual_mask
from analysis.engine import progress as pg
from analysis.engine import projections as pj
from analysis.engine import uncertainty as un
from analysis.engine.annual import chosen_values
from analysis.engine.consistency import level_target
from analysis.engine.derived import (
    LevelAssumptions,
    derive_levels,
    population_trend_pct,
    real_index_needed,
    role_values,
)
from analysis.engine.result import TARGET_SCENARIO, Assessment, drift_of, scenario_id
from analysis.roles import GRDP_NOMINAL, GRDP_PER_CAPITA, IndicatorRoles

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


def level_targets(targets: pd.DataFrame, roles: IndicatorRoles) -> dict[str, str]:
    """``{role: target_id}`` of the level targets at current prices the growth panel bears on:
    the targets measured by the province's GRDP at current prices and its GRDP per capita.
    """
    out = {}
    for role in (GRDP_NOMINAL, GRDP_PER_CAPITA):
        hit = level_target(targets, getattr(roles, role) or None)
        if hit is not None:
            out[role] = str(hit["target_id"])
    return out


@dataclass
class GrowthModel:
    """Everything the growth panel computes, from one assessment.

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
    level_target_ids : mapping of str to str
        The same level targets by role → target id (what :meth:`compute` is asked about).

    Attributes
    ----------
    base_year, latest_year, target_year : int
        ``b``, ``t`` (the latest annual actual) and ``T``.
    base_index, latest_index : float
        ``I_b`` (100) and ``I_t``.
    years : list of int
        The years assumed, ``t + 1 .. T``; ``horizon_years`` is ``T − t``.
    actual_index, current_pace_index : pandas.Series
        The actual index to ``t``, and the path at the current pace from ``t`` to ``T``.
    scenario_index : dict of str to pandas.Series
        Each rate scenario's path from the base year, by scenario id; ``scenario_level`` its
        index in ``T`` and ``required_by_scenario_pct`` the growth it still requires.
    drift : analysis.engine.uncertainty.Drift or None
        The report's random walk of the growth target (None: no band).
    population_trend_pct : float
        The log-linear trend of the population actuals, % a year.
    """

    assessment: Assessment
    growth_target_id: str
    level_targets: Mapping[str, float]
    scenario_rates_pct: tuple[float, ...]
    level_target_ids: Mapping[str, str]

    @classmethod
    def of(cls, assessment: Assessment, targets: pd.DataFrame,
           growth_target_id: str) -> GrowthModel:
        """The model of a programme's growth target: its level targets at current prices from
        the catalogue ``targets``, its rate scenarios from the assessment's rows.
        """
        ids = level_targets(targets, assessment.roles)
        values = targets.set_index("target_id")["value"]
        s = assessment.summary
        rates = s[(s["target_id"] == growth_target_id) & s["scenario_rate_pct"].notna()
                  & (s["scenario"] != TARGET_SCENARIO)]["scenario_rate_pct"]
        return cls(assessment, growth_target_id,
                   {role: float(values.loc[tid]) for role, tid in ids.items()},
                   tuple(float(r) for r in rates), ids)

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
        self._levels_annual = role_values(a.annual, a.roles)  # what the levels rest on
        self.population_trend_pct = population_trend_pct(self._levels_annual, a.roles)

    @property
    def choices(self) -> list[str]:
        """The targets the growth panel can look at: the growth target, then the level
        targets at current prices.
        """
        return [self.growth_target_id, *self.level_target_ids.values()]

    def _role(self, target_id: str) -> str:
        """The role of a level target's indicator (what :attr:`level_targets` is keyed by)."""
        for role, tid in self.level_target_ids.items():
            if tid == target_id:
                return role
        raise KeyError(f"{target_id!r} is not a target of the growth panel: {self.choices}")

    def real_index(self, path: pd.Series) -> pd.Series:
        """The actual index, then ``path`` after the latest year."""
        return pd.concat([self.actual_index, path[path.index > self.latest_year]]).sort_index()

    def required_index(self, target_id: str, assumptions: LevelAssumptions,
                       path: pd.Series | None = None) -> float:
        """The real index in T the selected target needs (the growth target: its own level)."""
        if target_id == self.growth_target_id:
            return self.growth_target_level
        role = self._role(target_id)
        return real_index_needed(role, self.level_targets[role],
                                 self.real_index(path if path is not None else pd.Series(
                                     dtype=float)), self._levels_annual, self.target_year,
                                 assumptions, self.assessment.roles)

    def compute(self, growth_by_year: Mapping[int, float], deflator_pct: float,
                population_growth_pct: float, target_id: str) -> dict:
        """All outputs for one set of assumptions: real growth by year, the deflator's and the
        population's growth (% a year), and ``target_id``, the target looked at (one of
        :attr:`choices`).

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
        levels_T = derive_levels(self.real_index(path), self._levels_annual, self.target_year,
                                 assumptions, self.assessment.roles)
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


#: Separator of a source title's publisher from its headline (``publisher: headline``, the
#: ``source_title`` column of ``data/schema/actuals.schema.json``).
PUBLISHER_SEPARATOR = ": "
SOURCE_COLUMNS = ["indicator_id", "year", "value", "status", "publisher", "source_title",
                  "source_url"]


def sources_of(assessment: Assessment, actuals: pd.DataFrame, target_id: str,
               years: Iterable[int] | None = None) -> pd.DataFrame:
    """The published values behind a target's actual line, each with its source.

    The values: those its verdict rests on (``used_values`` of its summary row), and every
    other annual value of the same indicators in the ``years`` drawn (default: the years of its
    actual path), but for its base year when that year's value is not used (an index of chained
    rates is 100 there by definition; a total starts from 0). Each is the value chosen for that
    indicator and year (:func:`analysis.engine.annual.chosen_values`), with its status, its
    source's title and address, and its publisher: the title's part before ``": "`` (the whole
    title when it has none).

    Columns :data:`SOURCE_COLUMNS`, by indicator (in the order of ``used_values``) and year;
    empty when the target has no value since its base year.
    """
    row = target_row(assessment, target_id)
    used = [(ind, int(year)) for ind, _, year in
            (k.rpartition(":") for k in str(row["used_values"] or "").split(";") if k)]
    if years is None:
        years = path_of(assessment, target_id, "actual", unit=str(row["unit"]) or None).index
    base = None if pd.isna(row["base_year"]) else int(row["base_year"])
    indicators = list(dict.fromkeys(ind for ind, _ in used))
    keys = set(used) | {(ind, int(y)) for ind in indicators for y in years
                        if int(y) != base or (ind, base) in used}
    chosen = chosen_values(actuals)
    chosen = chosen[chosen["indicator_id"].isin({ind for ind, _ in keys})]
    chosen = chosen[annual_mask(chosen)]
    rows = []
    for r in chosen.to_dict("records"):
        key = (str(r["indicator_id"]), int(r["period"]))
        if key not in keys:
            continue
        title = str(r.get("source_title") or "")
        rows.append({"indicator_id": key[0], "year": key[1], "value": float(r["value"]),
                     "status": str(r.get("status") or ""),
                     "publisher": title.split(PUBLISHER_SEPARATOR, 1)[0].strip(),
                     "source_title": title, "source_url": str(r.get("source_url") or "")})
    out = pd.DataFrame(rows, columns=SOURCE_COLUMNS)
    order = {ind: k for k, ind in enumerate(indicators)}
    return out.sort_values(["indicator_id", "year"], key=lambda c: c.map(order)
                           if c.name == "indicator_id" else c, kind="stable",
                           ignore_index=True)


__all__ = ["GrowthModel", "TargetPath", "level_targets", "path_of", "sources_of", "target_path",
           "target_row"]
