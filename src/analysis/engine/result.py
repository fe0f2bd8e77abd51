"""The result of an assessment: its frames, their columns, and the scenario ids they hold."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.engine import uncertainty as un
from analysis.engine.params import AssessmentParams
from analysis.roles import NO_ROLES, IndicatorRoles

#: Scenario id of the row that assesses the target as catalogued.
TARGET_SCENARIO = "target"
#: Scenario id of the path at the observed pace (in :attr:`Assessment.scenario_checks`).
CURRENT_PACE_SCENARIO = "current_pace"
#: Unit of a chained growth index.
INDEX_UNIT = "index_base_100"

SUMMARY_COLUMNS = [
    "target_id", "indicator_id", "scenario", "unit", "base_year", "base_value", "latest_year",
    "latest_value", "latest_status", "target_value", "observed_pace", "required_pace",
    "acceleration_pp", "ratio", "progress_class", "probability_met",
    # extras
    "pace_unit", "target_pace", "expected_value_ratio", "scenario_rate_pct", "kind",
    "comparator", "direction", "target_year", "flags",
    # added with the verdict rules (docs/methods.md)
    "met", "gap_to_target", "margin", "margin_pct", "n_annual_values", "base_year_shifted",
    "rests_on_estimate", "implied_average_pct", "drift_pct", "drift_years", "volatility_pp",
    # the values the verdict rests on (indicator:year;...), and the years an average covers
    "used_values", "average_years",
]
PATH_COLUMNS = ["target_id", "indicator_id", "scenario", "year", "value", "kind", "quantile",
                "unit"]
REQUIRED_GROWTH_COLUMNS = [
    "target_id", "indicator_id", "scenario", "year", "required_growth_pct",
    "scenario_growth_pct", "observed_pace_pct", "acceleration_pp", "required_value", "unit",
]
#: ``label_vi`` and ``label_en`` are a custom scenario's own labels (its scenarios file); the
#: target and the rate scenarios have none: ``scenario``, ``kind`` and ``rate_pct`` say what
#: they are, and the report and the explorer name them in their language.
SCENARIO_COLUMNS = ["scenario", "kind", "rate_pct", "label_vi", "label_en", "indicator_id",
                    "note_vi", "note_en"]
DERIVED_LEVEL_COLUMNS = ["target_id", "scenario", "target_year", "real_index_target_year",
                         "population_target_year_persons", "nominal_grdp_target_year_bn_vnd",
                         "grdp_per_capita_target_year_mn_vnd",
                         "deflator_pct", "population_growth_pct", "population_year",
                         "nominal_year", "per_capita_year", "flags"]
SCENARIO_CHECK_COLUMNS = ["target_id", "scenario", "implied_average_pct", "against",
                          "threshold_pct", "meets", "probability_met"]
BAND_PARAMETER_COLUMNS = ["target_id", "indicator_id", "n_years", "first_year", "last_year",
                          "years", "mean_log_growth", "sd_log_growth", "mean_growth_pct",
                          "drift_window", "n_volatility_years", "volatility_years",
                          "break_years", "sd_with_breaks"]


def scenario_id(rate_pct: float) -> str:
    """Scenario id of a constant growth rate: ``9pct``, ``10.5pct``."""
    return f"{float(rate_pct):g}pct"


@dataclass
class Assessment:
    """Result of :func:`analysis.engine.assess.assess`: tidy frames (columns in the
    ``*_COLUMNS`` constants).
    """

    year: int | None
    base_year: int
    summary: pd.DataFrame
    paths: pd.DataFrame
    required_growth: pd.DataFrame
    consistency: pd.DataFrame
    scenarios: pd.DataFrame
    band_parameters: pd.DataFrame
    params: AssessmentParams
    scenario_checks: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=SCENARIO_CHECK_COLUMNS))
    derived_levels: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=DERIVED_LEVEL_COLUMNS))
    annual: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Which of the province's indicators is GRDP, the population, ... (:mod:`analysis.roles`).
    roles: IndicatorRoles = NO_ROLES

    def real_index(self, target_id: str, scenario: str | None = None) -> pd.Series:
        """The real index of a growth target: its actual path, then ``scenario``'s path to T.

        ``scenario`` None gives the path at the current pace; a scenario id gives that
        scenario's path (for a rate scenario, the path from the base year at that rate).
        """
        p = self.paths
        return real_index_of(p[(p["target_id"] == target_id) & (p["unit"] == INDEX_UNIT)],
                             scenario)


def real_index_of(index_paths: pd.DataFrame, scenario: str | None = None) -> pd.Series:
    """:meth:`Assessment.real_index` from the index paths of one target (its rows of
    :attr:`Assessment.paths` in :data:`INDEX_UNIT`), for a caller that reads several of them.
    """
    mine = index_paths
    actual = mine[mine["kind"] == "actual"].set_index("year")["value"]
    if scenario is None:
        ahead = mine[mine["kind"] == "current_pace"]
    else:
        ahead = mine[(mine["kind"] == "scenario") & (mine["scenario"] == scenario)]
    ahead = ahead.set_index("year")["value"]
    ahead = ahead[ahead.index > (actual.index.max() if not actual.empty else -1)]
    return pd.concat([actual, ahead]).sort_index()


def drift_of(assessment: Assessment, target_id: str) -> un.Drift | None:
    """The random walk behind a target's band, rebuilt from :attr:`Assessment.band_parameters`."""
    bp = assessment.band_parameters
    rows = bp[bp["target_id"] == target_id]
    if rows.empty:
        return None
    r = rows.iloc[0]

    def years(text) -> tuple[int, ...]:
        return tuple(int(y) for y in str(text).split(",") if y.strip().isdigit())

    return un.Drift(int(r["n_years"]), float(r["mean_log_growth"]), float(r["sd_log_growth"]),
                    years(r["years"]), years(r["volatility_years"]), years(r["break_years"]),
                    float(r["sd_with_breaks"]))
