"""Assessment of every target: base, latest value, paces, verdict, scenarios and band.

One function, :func:`assess`, turns the target catalogue and the actuals into tidy frames the
report, the explorer and the command line share. The arithmetic is in
:mod:`analysis.engine.projections` (paces and paths), :mod:`analysis.engine.progress` (whether a
target is met, the ratio R and the classes), :mod:`analysis.engine.uncertainty` (band and
probability) and :mod:`analysis.engine.consistency`; the modules below decide, per kind of
target, which values enter them:

====================================  =========================================================
:mod:`analysis.engine.params`         :class:`AssessmentParams`, every choice named below
:mod:`analysis.engine.annual`         the annual values used (the loader's choice, by year)
:mod:`analysis.engine.observed`       the series a target is assessed on, its flags, its drift
:mod:`analysis.engine.target`         one target: its rows, paths, band; thin series, final
                                      review, unmeasurable targets
:mod:`analysis.engine.rows`           one row builder per kind of target
:mod:`analysis.engine.tables`         the scenarios, band parameters, scenario checks and
                                      levels in T, from every target's rows
:mod:`analysis.engine.result`         :class:`Assessment`, its columns and its scenario ids
====================================  =========================================================

This module holds the orchestration: the inputs checked, every target assessed, the tables
built. The rules are written out in ``docs/methods.md``; each choice is a named parameter of
:class:`AssessmentParams`:

- **Values used.** Only annual values (period ``YYYY``, status not partial-year) of the value
  chosen for each (indicator, period) by :func:`analysis.data.selection.choose_values`;
  estimates are used and flagged (``latest_status``, ``rests_on_estimate`` and ``flags``);
  bounds ("trên 40") are used as their value and flagged ``bound``. ``year=Y`` uses only
  actuals with year ≤ Y.
- **Base.** The value in the base year; if missing, the earliest annual value after it, flagged
  ``base_year_shifted`` (column ``base_year_shifted`` and the ``base_year`` column say so).
- **Met.** The comparator is honoured (:func:`analysis.engine.progress.target_met`): "trên 95"
  is not met by 95; "khoảng X" within ``about_tolerance_pp`` / ``about_tolerance_pct``; a share
  of GRDP is two-sided and one past its target in the wanted direction (the direction from its
  base value to the target) is ``overshot``.
- **Pace by kind** (:data:`~analysis.engine.params.PACE_METHOD_BY_KIND`): ``avg_growth`` and
  ``level`` compound; ``share_of_grdp`` and ``coverage_pct`` linear in pp a year; ``count`` and
  ``area`` linear; ``change_pp_per_year`` compares the observed pp-a-year change with the stated
  pace; ``cumulative`` compares the sum since ``period_start`` with the pro-rata share of the total.
- **Thin series.** One annual value since the base: the row gives the level, its year, the gap
  to the target and the pace required from that year, and its class is ``one_observation``.
  An average-growth target with fewer than ``min_rates_for_average`` annual rates inside its
  own period is ``too_few_rates``, and one rule holds for it everywhere
  (:mod:`analysis.engine.target`): no required growth, drift, probability, band or current-pace
  path, in any of its rows (the scenarios and custom scenarios too), and no row of
  :attr:`Assessment.band_parameters`.
- **Average-growth targets** become levels ``v* = v_b (1 + g*)^(T − b)``. A growth-rate series
  is chained into an index (base = 100) that stops at the first missing year (never filled;
  flag ``gap``). A range (GRDP 9–11 %) is classed against its low end; each scenario rate and
  each custom scenario gets its own row.
- **Custom scenarios** are assumptions: one path each, from the latest actual onwards; the row
  gives the average growth the path implies over the whole programme period
  (``implied_average_pct``) and whether that meets the target (``scenario_meets`` or
  ``scenario_falls_short``); :attr:`Assessment.scenario_checks` compares every path (current
  pace and custom scenarios) with every growth scenario.
- **Pace targets** (poverty −2 to −3 pp a year): the stated magnitude (low end of a range) is
  the target pace; never ``achieved`` before T.
- **Final review.** When the latest year is the target year there is no required pace: the
  class is ``achieved`` or ``not_achieved`` and ``margin`` (value minus target, in the target's
  unit: pp for percentages) and ``margin_pct`` (per cent of the target, for levels) say by how
  much.
- **Traffic light** uses R (Eurostat/Open SDG); the UN SD expected-value ratio P is the
  cross-check column ``expected_value_ratio``. ``probability_met`` comes from the random walk
  (:mod:`analysis.engine.uncertainty`) for the kinds in ``band_kinds``, centred on the current
  pace (its drift is the programme period's own average; ``drift_pct``, ``drift_years`` and
  ``volatility_pp`` say which), where the volatility history holds at least
  ``min_history_years`` annual rates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

import pandas as pd

from analysis.data.scenarios import CustomScenario
from analysis.engine import progress as pg
from analysis.engine.annual import annual_values, by_indicator, chosen_values
from analysis.engine.consistency import consistency_checks
from analysis.engine.params import (
    MIN_RATES_FOR_AVERAGE,
    PACE_METHOD_BY_KIND,
    AssessmentParams,
    assessment_params,
)
from analysis.engine.result import (
    BAND_PARAMETER_COLUMNS,
    CURRENT_PACE_SCENARIO,
    DERIVED_LEVEL_COLUMNS,
    INDEX_UNIT,
    PATH_COLUMNS,
    REQUIRED_GROWTH_COLUMNS,
    SCENARIO_CHECK_COLUMNS,
    SCENARIO_COLUMNS,
    SUMMARY_COLUMNS,
    TARGET_SCENARIO,
    Assessment,
    drift_of,
    scenario_id,
)
from analysis.engine.tables import (
    band_table,
    derived_levels,
    rates_of,
    scenario_checks,
    scenario_table,
)
from analysis.engine.target import assess_target, unmeasurable_row
from analysis.errors import InputError, Problem
from analysis.messages import text
from analysis.roles import roles_of as _roles_of

#: The names other layers import from here (their homes are the modules of the table above).
__all__ = [
    "BAND_PARAMETER_COLUMNS", "CURRENT_PACE_SCENARIO", "DERIVED_LEVEL_COLUMNS", "INDEX_UNIT",
    "MIN_RATES_FOR_AVERAGE", "PACE_METHOD_BY_KIND", "PATH_COLUMNS", "REQUIRED_GROWTH_COLUMNS",
    "SCENARIO_CHECK_COLUMNS", "SCENARIO_COLUMNS", "SUMMARY_COLUMNS", "TARGET_SCENARIO",
    "Assessment", "AssessmentParams", "annual_values", "assess", "assess_target", "by_indicator",
    "chosen_values", "drift_of", "scenario_id",
]


# ---------------------------------------------------------------------------------------------
# inputs


def _frames(data) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame | None]:
    if isinstance(data, Mapping):
        return data["targets"], data["actuals"], data.get("indicators")
    if isinstance(data, tuple | list):
        return data[0], data[1], (data[2] if len(data) > 2 else None)
    return data.targets, data.actuals, getattr(data, "indicators", None)


def _indicator_info(indicators: pd.DataFrame | None, actuals: pd.DataFrame) -> dict[str, dict]:
    """``{indicator_id: {"unit", "measure"}}`` from the indicators frame, else from the actuals.

    Without an indicators frame an indicator in ``pct_per_year`` is read as a growth rate.
    """
    if indicators is not None and {"unit", "measure"} <= set(indicators.columns):
        return {str(r["indicator_id"]): {"unit": str(r["unit"]), "measure": str(r["measure"])}
                for r in indicators.to_dict("records")}
    out = {}
    if "unit" in actuals.columns:
        firsts = actuals.drop_duplicates("indicator_id")[["indicator_id", "unit"]]
        for ind, unit in firsts.itertuples(index=False):
            unit = str(unit) if isinstance(unit, str) and unit else None
            out[str(ind)] = {"unit": unit,
                             "measure": "growth_rate" if unit == "pct_per_year" else "level"}
    return out


def _all_rates(targets: pd.DataFrame, scenarios) -> set[float]:
    """The constant rates of every target (:func:`_rates_of`)."""
    return {r for target in targets.to_dict("records") for r in rates_of(target, scenarios)}


def _check_customs(customs, targets, rates: Iterable[float] = ()) -> None:
    """Custom scenarios project a growth target, under a name no other scenario has."""
    growth_ids = set(targets.loc[targets["kind"] == "avg_growth", "indicator_id"].astype(str))
    problems = [
        Problem(sc.source or "<scenarios>", text("msg.scenario.of", name=sc.name,
                                                 message=text("msg.scenario.no_growth_target")),
                column=f"scenarios.{sc.name}.indicator_id",
                found=sc.indicator_id, expected=", ".join(sorted(growth_ids)))
        for sc in customs if sc.indicator_id not in growth_ids
    ]
    taken = {TARGET_SCENARIO, CURRENT_PACE_SCENARIO, *(scenario_id(r) for r in rates)}
    problems += [
        Problem(sc.source or "<scenarios>", text("msg.scenario.of", name=sc.name,
                                                 message=text("msg.scenario.name_taken")),
                yaml_key=f"scenarios.{sc.name}", found=sc.name,
                expected=text("msg.scenario.name_taken.expected",
                              names=", ".join(sorted(taken))))
        for sc in customs if sc.name in taken
    ]
    if problems:
        raise InputError(problems)


def assess(
    dataset_or_frames,
    year: int | None = None,
    scenarios: Iterable[float] | None = None,
    custom_scenarios: Mapping[str, CustomScenario] | Iterable[CustomScenario] | None = None,
    base_year: int | None = None,
    params: AssessmentParams | Mapping | None = None,
    not_measurable: Iterable[str] | None = None,
) -> Assessment:
    """Assess every target of the catalogue against the actuals.

    Parameters
    ----------
    dataset_or_frames
        An :class:`analysis.data.loaders.Dataset` (``.targets``, ``.actuals``, ``.indicators``),
        a mapping with those keys, or a tuple ``(targets, actuals[, indicators])`` of DataFrames
        with the columns of the data contract.
    year : int, optional
        Assessment year: only actuals with year ≤ ``year`` are used. None: the latest year with
        an annual actual.
    scenarios : iterable of float, optional
        Constant growth rates (% a year) for range growth targets; None: each target's low,
        mid and high (9, 10 and 11 for a 9–11 %/yr target).
    custom_scenarios : mapping or iterable of CustomScenario, optional
        From :func:`analysis.data.scenarios.load_scenarios`.
    base_year : int, optional
        The programme's base year; None: the year before the first programme year of the
        catalogue (the earliest ``period_start``).
    params : AssessmentParams or mapping, optional
        Overrides of the named choices (a programme's ``assessment:`` block); the level series
        of the growth rates, when not given, come from the indicators' ``level_series``.
    not_measurable : iterable of str, optional
        Targets the programme declares cannot be measured any more (``not_measurable`` in
        ``programme.yaml``): class ``not_measurable``, no verdict and nothing required. None:
        those of the dataset (:attr:`analysis.data.loaders.Dataset.not_measurable`).

    Returns
    -------
    Assessment
    """
    targets, actuals, indicators = _frames(dataset_or_frames)
    roles = _roles_of(indicators)
    params = assessment_params(params)
    if params.growth_level_indicators is None:
        params = replace(params, growth_level_indicators=dict(roles.level_series))
    if not_measurable is None:
        not_measurable = getattr(dataset_or_frames, "not_measurable", None) or ()
    not_measurable = set(not_measurable)
    if base_year is None:
        base_year = int(pd.to_numeric(targets["period_start"]).min()) - 1
    annual_all = annual_values(actuals)
    if year is None:
        year = int(annual_all["year"].max()) if not annual_all.empty else None
    annual = annual_all if year is None else annual_all[annual_all["year"] <= int(year)]
    info = _indicator_info(indicators, actuals)
    customs = [c if c.indicator_id else replace(c, indicator_id=roles.grdp_growth)
               for c in (custom_scenarios.values() if isinstance(custom_scenarios, Mapping)
                         else (custom_scenarios or []))]
    if scenarios is not None:  # a rate given twice is one scenario (the command line refuses
        scenarios = tuple(dict.fromkeys(float(r) for r in scenarios))  # it, parse_rates)
    all_rates = _all_rates(targets, scenarios)
    _check_customs(customs, targets, all_rates)
    rows, paths, required = [], [], []
    walks: dict = {}  # each band's random walk, estimated once
    grouped = by_indicator(annual)
    for target in targets.to_dict("records"):
        rates = rates_of(target, scenarios)
        mine = [c for c in customs if c.indicator_id == target["indicator_id"]
                and target["kind"] == "avg_growth"]
        r, p, q = assess_target(target, grouped, info.get(target["indicator_id"], {}),
                                base_year, params, rates, mine, year, walks)
        if target["target_id"] in not_measurable:
            r = [unmeasurable_row(row) for row in r]
            p = [path for path in p if path[5] != "required"]
            q = []
        rows += r
        paths += p
        required += q
    summary = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    for col in ("base_year", "latest_year", "target_year"):
        summary[col] = summary[col].astype("Int64")
    path_df = pd.DataFrame(paths, columns=PATH_COLUMNS).astype({"year": int})
    req_df = pd.DataFrame(required, columns=REQUIRED_GROWTH_COLUMNS).astype({"year": int})
    cons = consistency_checks(targets, annual, base_year,  # the scenarios' real growth rates
                              sorted(all_rates or {float(r) for r in scenarios or ()}),
                              params.level_assumptions, roles)
    thin = set(summary.loc[summary["progress_class"] == pg.TOO_FEW_RATES, "target_id"])
    bands = band_table(targets[~targets["target_id"].isin(thin)], grouped, info, params,
                       base_year, walks)
    result = Assessment(year, base_year, summary, path_df, req_df, cons,
                        scenario_table(targets, scenarios, customs), bands, params,
                        annual=annual, roles=roles)
    result.scenario_checks = scenario_checks(result)
    result.derived_levels = derived_levels(result)
    return result
