"""What every row builder shares: the target's context, an empty row, the verdict in the order
of ``docs/methods.md`` §3, the margins, and the values a verdict rests on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.data.periods import format_years
from analysis.data.statuses import NOT_FINAL_STATUSES
from analysis.engine import progress as pg
from analysis.engine import uncertainty as un
from analysis.engine.observed import Observed
from analysis.engine.params import AssessmentParams


def number(x) -> float:
    """``x`` as a float; NaN when it is not a number (an empty cell of the catalogue)."""
    try:
        out = float(x)
    except (TypeError, ValueError):
        return float("nan")
    return out


def met_value(target, sign) -> float:
    """The value that meets the target: the value, or the end of a range that still meets it."""
    if target["comparator"] == "range":
        low, high = number(target["low"]), number(target["high"])
        if target["kind"] == "change_pp_per_year":
            return min(abs(low), abs(high))
        return low if sign > 0 else high
    return number(target["value"])


def pace_unit(method, unit) -> str:
    """The unit of a pace measured by ``method`` on a series in ``unit``."""
    if method == "compound":
        return "pct_per_year"
    if unit in ("pct", "pct_of_grdp", "pp_per_year"):
        return "pp_per_year"
    return f"{unit}_per_year"


@dataclass
class TargetContext:
    """One target being assessed: its direction, target year, pace method, observed series,
    parameters and random walk; the paths and required growth its rows add.
    """

    target: Mapping
    sign: int
    T: int
    method: str
    obs: Observed
    params: AssessmentParams
    drift: un.Drift | None
    final: bool = False  # a final review: the assessment year is the target year
    paths: list = field(default_factory=list)
    required: list = field(default_factory=list)

    def path(self, scenario, kind, series: pd.Series, unit=None, quantile=np.nan):
        """Add a path (year → value) of ``kind`` for ``scenario``."""
        for y, v in series.items():
            self.paths.append((self.target["target_id"], self.target["indicator_id"], scenario,
                               int(y), float(v), kind, quantile, unit or self.obs.unit))

    def met(self, value, target_value, *, unit=None, comparator=None) -> bool:
        """Whether ``value`` meets ``target_value`` under the target's comparator."""
        return pg.target_met(value, target_value, comparator or self.target["comparator"],
                             self.sign, kind=self.target["kind"],
                             unit=unit or self.target["unit"],
                             tolerance_pp=self.params.about_tolerance_pp,
                             tolerance_pct=self.params.about_tolerance_pct)

    def period_start(self) -> int:
        """The first year of the target's own period (``period_start``; else the
        programme's).
        """
        start = number(self.target.get("period_start"))
        return int(start) if not np.isnan(start) else int(self.target["_base_year"]) + 1


def empty_row(target, scenario, sign, method, flags, obs_unit=None) -> dict:
    """A summary row with the target's own columns and nothing observed (class no data)."""
    unit = obs_unit or target["unit"]
    return {
        "target_id": target["target_id"], "indicator_id": target["indicator_id"],
        "scenario": scenario, "unit": unit, "base_year": None, "base_value": np.nan,
        "latest_year": None, "latest_value": np.nan, "latest_status": None,
        "target_value": np.nan, "observed_pace": np.nan, "required_pace": np.nan,
        "acceleration_pp": np.nan, "ratio": np.nan, "progress_class": pg.NO_DATA,
        "probability_met": np.nan, "pace_unit": pace_unit(method, target["unit"]),
        "target_pace": np.nan, "expected_value_ratio": np.nan, "scenario_rate_pct": np.nan,
        "kind": target["kind"], "comparator": target["comparator"],
        "direction": target["direction"], "target_year": int(target["target_year"]),
        "flags": flags, "met": False, "gap_to_target": np.nan, "margin": np.nan,
        "margin_pct": np.nan, "n_annual_values": 0, "base_year_shifted": False,
        "rests_on_estimate": False, "implied_average_pct": np.nan, "drift_pct": np.nan,
        "drift_years": "", "volatility_pp": np.nan, "used_values": "", "average_years": "",
    }


def verdict(ctx: TargetContext, row: dict, met: bool, ratio: float, *,
            overshot: bool = False) -> str:
    """The class of a row, in the order of ``docs/methods.md`` §3."""
    t, b = row["latest_year"], row["base_year"]
    if row["kind"] == "avg_growth":
        n = row["n_annual_values"]
        if n == 0:
            return pg.NO_DATA
        if n < ctx.params.min_rates_for_average:
            return pg.TOO_FEW_RATES
    if t is not None and t == b and b <= ctx.target["_base_year"]:
        return pg.NO_DATA  # the base year's value alone: nothing observed since the base
    if met:
        return pg.ACHIEVED
    if t is not None and t >= ctx.T:
        return pg.NOT_ACHIEVED
    if ctx.final:  # the target year is over but its value is not published yet: no verdict
        return pg.NO_TARGET_YEAR_VALUE
    if overshot:
        return pg.OVERSHOT
    if t is not None and t == b:
        return pg.ONE_OBSERVATION
    return pg.classify(ratio, False, ctx.params.on_track_min_ratio,
                       ctx.params.acceleration_min_ratio, ctx.params.insufficient_min_ratio)


def margins(row: dict, value: float, target_value: float, unit: str) -> None:
    """``margin`` (value − target, pp for per-cent units) and ``margin_pct`` (levels only)."""
    row["margin"] = value - target_value
    row["gap_to_target"] = target_value - value
    if unit not in pg.PERCENT_UNITS and target_value:
        row["margin_pct"] = (value / target_value - 1.0) * 100.0


def only_the_base(row: dict) -> None:
    """A row with no value since its base year keeps the base, and nothing else: no latest
    value (the base year's is not one), no gap, no pace required, no margin.
    """
    if row["progress_class"] != pg.NO_DATA or row["latest_year"] != row["base_year"]:
        return
    row.update(latest_year=None, latest_value=np.nan, latest_status=None, required_pace=np.nan,
               acceleration_pp=np.nan, gap_to_target=np.nan, margin=np.nan, margin_pct=np.nan,
               met=False, rests_on_estimate=False, used_values="")


def estimate_flag(row: dict) -> None:
    """``rests_on_estimate``: the latest value's status is not final."""
    row["rests_on_estimate"] = bool(row["latest_status"] in NOT_FINAL_STATUSES)


def base_shift_flag(ctx: TargetContext, row: dict, b: int) -> None:
    """Flag a base year later than the programme's (its value was missing)."""
    if b > ctx.target["_base_year"]:
        row["flags"].append(f"base_year_shifted:{b}")
        row["base_year_shifted"] = True


def drift_columns(row: dict, drift: un.Drift) -> None:
    """The random walk's drift, its years and the volatility, in the row."""
    row["drift_pct"] = drift.mean_growth_pct
    row["drift_years"] = _years_span(drift.years)
    row["volatility_pp"] = drift.sd_growth_pp


def _years_span(years: Iterable[int]) -> str:
    """The years as the one rule writes a list (:func:`analysis.data.periods.format_years`), in
    the CSV's typography: ``first-last`` for an unbroken run of three or more, else ``a,b,c``.
    """
    return format_years(years, dash="-", separator=",")


def used_years(obs: Observed, b, t) -> list[int]:
    """The years of ``obs`` the verdict rests on: every chained rate, else the base and the
    latest value (a pace or an average read from two levels uses nothing in between).
    """
    if obs.chained:
        return [y for y in obs.values.index if y > b]
    return sorted({b, t})


def used_values(obs: Observed, b, t) -> str:
    """``indicator:year`` of every actual value the verdict rests on (column ``used_values``):
    a rate computed from two levels stands for those two levels.
    """
    keys = []
    for y in used_years(obs, b, t):
        if y in obs.derived_years and obs.level_indicator:
            keys += [f"{obs.level_indicator}:{y - 1}", f"{obs.level_indicator}:{y}"]
        else:
            keys.append(f"{obs.indicator}:{y}")
    return ";".join(dict.fromkeys(keys))


def finish(row) -> dict:
    """The row with its flags joined (``a;b``), each once."""
    row["flags"] = ";".join(dict.fromkeys(f for f in row["flags"] if f))
    return row
