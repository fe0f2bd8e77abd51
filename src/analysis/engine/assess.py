"""Assessment of every target: base, latest value, paces, verdict, scenarios and band.

One function, :func:`assess`, turns the target catalogue and the actuals into tidy frames the
report, the explorer and the command line share. The arithmetic is in
:mod:`analysis.engine.projections` (paces and paths), :mod:`analysis.engine.progress` (whether a
target is met, the ratio R and the classes), :mod:`analysis.engine.uncertainty` (band and
probability) and :mod:`analysis.engine.consistency`; this module decides, per kind of target,
which values enter them. The rules are written out in ``docs/methods.md``; each choice is a
named parameter of :class:`AssessmentParams`:

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
- **Pace by kind** (:data:`PACE_METHOD_BY_KIND`): ``avg_growth`` and ``level`` compound;
  ``share_of_grdp`` and ``coverage_pct`` linear in pp a year; ``count`` and ``area`` linear;
  ``change_pp_per_year`` compares the observed pp-a-year change with the stated pace;
  ``cumulative`` compares the sum since ``period_start`` with the pro-rata share of the total.
- **Thin series.** One annual value since the base: the row gives the level, its year, the gap
  to the target and the pace required from that year, and its class is ``one_observation``.
  An average-growth target with fewer than ``min_rates_for_average`` annual rates inside its
  own period is ``too_few_rates``, and one rule holds for it everywhere (:func:`_too_few_rates`):
  no required growth, drift, probability, band or current-pace path, in any of its rows (the
  scenarios and custom scenarios too), and no row of :attr:`Assessment.band_parameters`.
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
from dataclasses import dataclass, field, fields, replace

import numpy as np
import pandas as pd

from analysis.data.periods import annual_mask, format_years
from analysis.data.scenarios import CustomScenario
from analysis.data.statuses import NOT_FINAL_STATUSES
from analysis.engine import progress as pg
from analysis.engine import projections as pj
from analysis.engine import uncertainty as un
from analysis.engine.derived import DEFAULT_DEFLATOR_PCT, LevelAssumptions, derive_levels
from analysis.errors import InputError, Problem
from analysis.messages import text
from analysis.roles import GRDP_NOMINAL, GRDP_PER_CAPITA, NO_ROLES, POPULATION, IndicatorRoles
from analysis.roles import roles_of as _roles_of

#: How the pace of each kind of target is measured.
PACE_METHOD_BY_KIND: Mapping[str, str] = {
    "avg_growth": "compound",
    "level": "compound",
    "share_of_grdp": "linear",
    "coverage_pct": "linear",
    "count": "linear",
    "area": "linear",
    "change_pp_per_year": "pace",
    "cumulative": "cumulative",
}
#: Scenario id of the row that assesses the target as catalogued.
TARGET_SCENARIO = "target"
#: Scenario id of the path at the observed pace (in :attr:`Assessment.scenario_checks`).
CURRENT_PACE_SCENARIO = "current_pace"
#: Unit of a chained growth index.
INDEX_UNIT = "index_base_100"
#: Fewest annual growth rates inside its own period an average-growth target is classed on:
#: with one or two rates a single year (a drought, a new power plant) decides a ten-year verdict.
MIN_RATES_FOR_AVERAGE = 3

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
SCENARIO_COLUMNS = ["scenario", "kind", "rate_pct", "label_vi", "label_en", "indicator_id", "note"]
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
_EMPTY_ANNUAL = pd.DataFrame({
    "indicator_id": pd.Series(dtype=object), "year": pd.Series(dtype=int),
    "value": pd.Series(dtype=float), "unit": pd.Series(dtype=object),
    "status": pd.Series(dtype=object), "qualifier": pd.Series(dtype=object),
    "price_basis": pd.Series(dtype=object), "conflict": pd.Series(dtype=bool)})


@dataclass(frozen=True)
class AssessmentParams:
    """Every economic choice of the assessment, with its default (see the module docstring)."""

    on_track_min_ratio: float = pg.ON_TRACK_MIN_RATIO
    acceleration_min_ratio: float = pg.ACCELERATION_MIN_RATIO
    insufficient_min_ratio: float = pg.INSUFFICIENT_MIN_RATIO
    about_tolerance_pp: float = pg.ABOUT_TOLERANCE_PP
    about_tolerance_pct: float = pg.ABOUT_TOLERANCE_PCT
    min_rates_for_average: int = MIN_RATES_FOR_AVERAGE
    pace_method_by_kind: Mapping[str, str] = field(
        default_factory=lambda: dict(PACE_METHOD_BY_KIND))
    #: Growth-rate indicator -> the level series its growth may be read from (same price basis);
    #: None: the ``level_series`` column of the province's indicators (:mod:`analysis.roles`).
    growth_level_indicators: Mapping[str, str] | None = None
    drift_window: str | int = un.DRIFT_WINDOW_PROGRAMME
    #: First year of the growth history the volatility is estimated from; None: the first year
    #: of the series (a programme sets it in ``programme.yaml``, ``assessment:``).
    volatility_history_start: int | None = None
    break_modified_z: float = un.BREAK_MODIFIED_Z
    break_years: tuple[int, ...] | None = None
    min_history_years: int = un.MIN_HISTORY_YEARS
    band_quantiles: tuple[float, ...] = un.BAND_QUANTILES
    band_kinds: tuple[str, ...] = ("avg_growth",)
    deflator_pct: float = DEFAULT_DEFLATOR_PCT
    population_growth_pct: float | None = None

    @property
    def level_assumptions(self) -> LevelAssumptions:
        """The assumptions of :mod:`analysis.engine.derived` (deflator, population growth)."""
        return LevelAssumptions(self.deflator_pct, self.population_growth_pct)


@dataclass
class Assessment:
    """Result of :func:`assess`: tidy frames (columns in the ``*_COLUMNS`` constants)."""

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
        mine = p[(p["target_id"] == target_id) & (p["unit"] == INDEX_UNIT)]
        actual = mine[mine["kind"] == "actual"].set_index("year")["value"]
        if scenario is None:
            ahead = mine[mine["kind"] == "current_pace"]
        else:
            ahead = mine[(mine["kind"] == "scenario") & (mine["scenario"] == scenario)]
        ahead = ahead.set_index("year")["value"]
        ahead = ahead[ahead.index > (actual.index.max() if not actual.empty else -1)]
        return pd.concat([actual, ahead]).sort_index()


# ---------------------------------------------------------------------------------------------
# inputs


def _frames(data) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame | None]:
    if isinstance(data, Mapping):
        return data["targets"], data["actuals"], data.get("indicators")
    if isinstance(data, tuple | list):
        return data[0], data[1], (data[2] if len(data) > 2 else None)
    return data.targets, data.actuals, getattr(data, "indicators", None)


def chosen_values(actuals: pd.DataFrame) -> pd.DataFrame:
    """One row per (indicator_id, period): the loader's choice, or the rows as they are.

    A frame that already carries ``n_candidates`` was chosen by
    :func:`analysis.data.selection.choose_values`; otherwise rows with ``choice == "ignore"`` are
    dropped and, if some (indicator, period) still has several rows, the selection rule is
    applied.
    """
    if "n_candidates" in actuals.columns:
        return actuals
    df = actuals
    if "choice" in df.columns:
        df = df[df["choice"].fillna("").astype(str) != "ignore"]
    if df.duplicated(["indicator_id", "period"]).any():
        from analysis.data.selection import choose_values

        return choose_values(actuals)
    return df


def annual_values(actuals: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """Annual chosen values: ``indicator_id, year, value, unit, status, qualifier, price_basis,
    conflict``.

    A period counts as annual when it is a plain year and its status is not ``partial-year``.
    """
    df = chosen_values(actuals)
    period = df["period"].astype(str)
    if "status" not in df.columns:
        df = df.assign(status="")
    annual = annual_mask(df)  # the one rule (analysis.data.periods.is_annual)
    df = df[annual]
    out = pd.DataFrame(
        {
            "indicator_id": df["indicator_id"].astype(str).to_numpy(),
            "year": period[annual].astype(int).to_numpy(),
            "value": pd.to_numeric(df["value"], errors="coerce").to_numpy(dtype=float),
            "unit": _col(df, "unit", ""),
            "status": df["status"].astype(str).to_numpy(),
            "qualifier": _col(df, "qualifier", "exact"),
            "price_basis": _col(df, "price_basis", ""),
            "conflict": (df["conflict"].fillna(False).astype(bool).to_numpy()
                         if "conflict" in df.columns else np.zeros(len(df), dtype=bool)),
        }
    )
    if year is not None:
        out = out[out["year"] <= int(year)]
    return out.dropna(subset=["value"]).sort_values(["indicator_id", "year"], kind="stable")


def _col(df, name, default):
    if name not in df.columns:
        return np.full(len(df), default, dtype=object)
    return df[name].fillna(default).astype(str).replace("", default).to_numpy(dtype=object)


def _num(x) -> float:
    try:
        out = float(x)
    except (TypeError, ValueError):
        return float("nan")
    return out


# ---------------------------------------------------------------------------------------------
# observed series


@dataclass
class _Observed:
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


def by_indicator(annual: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Annual values split by indicator, each indexed by year (done once per assessment)."""
    return {str(k): g.set_index("year") for k, g in annual.groupby("indicator_id", sort=False)}


def _series(annual: pd.DataFrame | Mapping[str, pd.DataFrame], indicator_id: str) -> pd.DataFrame:
    if isinstance(annual, Mapping):
        found = annual.get(indicator_id)
        return found if found is not None else _EMPTY_ANNUAL.set_index("year")
    return annual[annual["indicator_id"] == indicator_id].set_index("year")


def _growth_rates(annual, indicator_id, level_indicator) -> tuple[pd.DataFrame, list[str]]:
    """Annual growth rates with meta; gaps filled from consecutive levels of the same basis."""
    rates = _series(annual, indicator_id)[["value", "status", "qualifier", "price_basis",
                                           "conflict"]]
    flags = []
    if level_indicator:
        lv = _series(annual, level_indicator)
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


def _level_series(params: AssessmentParams, indicator_id: str) -> str | None:
    """The level series whose values give the growth of ``indicator_id``, if any."""
    return (params.growth_level_indicators or {}).get(indicator_id)


def _flag_years(flag: str, keep) -> str | None:
    """Keep only the years of a ``name:y1,y2`` flag for which ``keep(year)`` holds."""
    name, _, years = flag.partition(":")
    kept = [y for y in years.split(",") if y and keep(int(y))]
    return f"{name}:{','.join(kept)}" if kept else None


def _observe(target, annual, measure, indicator_unit, base_year, params) -> _Observed:
    ind = target["indicator_id"]
    if target["kind"] == "avg_growth" and measure == "growth_rate":
        level_ind = _level_series(params, ind)
        rates, level_flags = _growth_rates(annual, ind, level_ind)
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
        return _Observed(chain.index, meta, chain.index, INDEX_UNIT, chain.base_year, flags,
                         ind, level_ind, derived, chained=True)
    s = _series(annual, ind)
    after = s[s.index >= base_year]
    b = int(after.index.min()) if not after.empty else None
    unit = indicator_unit if measure != "growth_rate" else INDEX_UNIT
    if target["kind"] == "avg_growth" and b is not None:  # a level series for a growth target
        index = after["value"] / after["value"].iloc[0] * pj.INDEX_BASE_VALUE
        return _Observed(index, after, index, INDEX_UNIT, b, [], ind)
    return _Observed(after["value"], after, s["value"], unit, b, [], ind)


def _level_series_index(annual, level_ind, base_year, chain_index) -> _Observed | None:
    """The growth of a level series read from its own values, when the chain of annual rates
    stops earlier than the levels do (a missing year breaks a chain of rates, not a comparison of
    two levels): the index is each level over the first level since the base year, so the
    average growth from there to the latest level is exact. None when the rates reach as far, or
    the levels are too few or of mixed price bases.
    """
    if not level_ind:
        return None
    levels = _series(annual, level_ind)
    levels = levels[levels.index >= base_year]
    bases = set(levels["price_basis"]) if not levels.empty else set()
    reach = int(chain_index.index.max()) if len(chain_index) else None
    if (len(levels) < 2 or len(bases) > 1 or "not_stated" in bases
            or (reach is not None and int(levels.index.max()) <= reach)):
        return None
    index = levels["value"] / levels["value"].iloc[0] * pj.INDEX_BASE_VALUE
    return _Observed(index, levels, index, INDEX_UNIT, int(levels.index.min()),
                     [f"growth_from_level_series:{level_ind}"], level_ind)


def _point_flags(obs: _Observed, years: Iterable[int], target) -> list[str]:
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


# ---------------------------------------------------------------------------------------------
# one target


def _met_value(target, sign) -> float:
    """The value that meets the target: the value, or the end of a range that still meets it."""
    if target["comparator"] == "range":
        low, high = _num(target["low"]), _num(target["high"])
        if target["kind"] == "change_pp_per_year":
            return min(abs(low), abs(high))
        return low if sign > 0 else high
    return _num(target["value"])


def _pace_unit(method, unit) -> str:
    if method == "compound":
        return "pct_per_year"
    if unit in ("pct", "pct_of_grdp", "pp_per_year"):
        return "pp_per_year"
    return f"{unit}_per_year"


@dataclass
class _Ctx:
    target: Mapping
    sign: int
    T: int
    method: str
    obs: _Observed
    params: AssessmentParams
    drift: un.Drift | None
    final: bool = False  # a final review: the assessment year is the target year
    paths: list = field(default_factory=list)
    required: list = field(default_factory=list)

    def path(self, scenario, kind, series: pd.Series, unit=None, quantile=np.nan):
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


def _empty_row(target, scenario, sign, method, flags, obs_unit=None) -> dict:
    unit = obs_unit or target["unit"]
    return {
        "target_id": target["target_id"], "indicator_id": target["indicator_id"],
        "scenario": scenario, "unit": unit, "base_year": None, "base_value": np.nan,
        "latest_year": None, "latest_value": np.nan, "latest_status": None,
        "target_value": np.nan, "observed_pace": np.nan, "required_pace": np.nan,
        "acceleration_pp": np.nan, "ratio": np.nan, "progress_class": pg.NO_DATA,
        "probability_met": np.nan, "pace_unit": _pace_unit(method, target["unit"]),
        "target_pace": np.nan, "expected_value_ratio": np.nan, "scenario_rate_pct": np.nan,
        "kind": target["kind"], "comparator": target["comparator"],
        "direction": target["direction"], "target_year": int(target["target_year"]),
        "flags": flags, "met": False, "gap_to_target": np.nan, "margin": np.nan,
        "margin_pct": np.nan, "n_annual_values": 0, "base_year_shifted": False,
        "rests_on_estimate": False, "implied_average_pct": np.nan, "drift_pct": np.nan,
        "drift_years": "", "volatility_pp": np.nan, "used_values": "", "average_years": "",
    }


def _verdict(ctx: _Ctx, row: dict, met: bool, ratio: float, *, overshot: bool = False) -> str:
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


def _margins(row: dict, value: float, target_value: float, unit: str) -> None:
    """``margin`` (value − target, pp for per-cent units) and ``margin_pct`` (levels only)."""
    row["margin"] = value - target_value
    row["gap_to_target"] = target_value - value
    if unit not in pg.PERCENT_UNITS and target_value:
        row["margin_pct"] = (value / target_value - 1.0) * 100.0


def _only_the_base(row: dict) -> None:
    """A row with no value since its base year keeps the base, and nothing else: no latest
    value (the base year's is not one), no gap, no pace required, no margin.
    """
    if row["progress_class"] != pg.NO_DATA or row["latest_year"] != row["base_year"]:
        return
    row.update(latest_year=None, latest_value=np.nan, latest_status=None, required_pace=np.nan,
               acceleration_pp=np.nan, gap_to_target=np.nan, margin=np.nan, margin_pct=np.nan,
               met=False, rests_on_estimate=False, used_values="")


def _estimate_flag(row: dict) -> None:
    row["rests_on_estimate"] = bool(row["latest_status"] in NOT_FINAL_STATUSES)


def _level_row(ctx: _Ctx, scenario, v_star, rate_pct=np.nan, flags=()) -> dict:
    """Row for a level-like target (compound or linear pace) against ``v_star`` in T."""
    obs, sign, T, target = ctx.obs, ctx.sign, ctx.T, ctx.target
    method = ctx.method
    row = _empty_row(target, scenario, sign, method, list(obs.flags) + list(flags), obs.unit)
    row["scenario_rate_pct"] = rate_pct
    if obs.base_year is None or obs.values.empty:
        row["flags"].append("no_annual_actual_since_base")
        return _finish(row)
    b = obs.base_year
    t = int(obs.values.index.max())
    vb, vt = float(obs.values.loc[b]), float(obs.values.loc[t])
    kind = target["kind"]
    if kind in pg.TWO_SIDED_KINDS and vb != v_star and not np.isnan(v_star):
        wanted = int(np.sign(v_star - vb))
        if wanted != sign:  # the programme wants the share to move the other way from its base
            row["flags"].append(f"direction_from_base:{'higher' if wanted > 0 else 'lower'}")
            sign = wanted
            ctx = replace(ctx, sign=wanted)
    if method == "compound" and min(vb, vt, v_star) <= 0:
        method = "linear"
        row["flags"].append("nonpositive_value_linear_pace")
    pace = pj.compound_growth_pct if method == "compound" else pj.linear_pace
    observed = pace(vb, vt, t - b)
    target_pace = pace(vb, v_star, T - b)
    required = pace(vt, v_star, T - t) if t < T else np.nan
    n_values = len(obs.values) - 1 if kind == "avg_growth" else len(obs.values)
    if kind == "avg_growth":
        # judged on rates: the average the index at t amounts to over the whole period b..T
        g_target = rate_pct if not np.isnan(rate_pct) else _met_value(target, sign)
        whole = float(pj.compound_growth_pct(vb, vt, T - b))
        met = ctx.met(whole, g_target, unit="pct_per_year",
                      comparator="at_least" if scenario != TARGET_SCENARIO else None)
        margin_value, margin_target, margin_unit = observed, g_target, "pct_per_year"
    else:
        met = ctx.met(vt, v_star)
        margin_value, margin_target, margin_unit = vt, v_star, target["unit"]
    overshot = (kind in pg.TWO_SIDED_KINDS and not met
                and pg.is_overshot(vt, v_star, vb, tolerance=pg.about_tolerance(
                    v_star, target["unit"], ctx.params.about_tolerance_pp,
                    ctx.params.about_tolerance_pct)))
    ratio = pg.progress_ratio(observed, target_pace, sign) if t > b else np.nan
    if method == "compound":
        expected = float(pj.level_after_growth(vt, observed, T - t))
    else:
        expected = vt + observed * (T - t)
    row.update(
        base_year=b, base_value=vb, latest_year=t, latest_value=vt,
        latest_status=obs.meta["status"].get(t) if t in obs.meta.index else None,
        target_value=v_star, observed_pace=observed if t > b else np.nan,
        required_pace=required, acceleration_pp=sign * (required - observed) if t > b
        else np.nan, ratio=ratio, target_pace=target_pace,
        expected_value_ratio=pg.expected_value_ratio(vb, expected, v_star) if t > b else np.nan,
        pace_unit=_pace_unit(method, target["unit"]), met=bool(met), n_annual_values=n_values,
    )
    _margins(row, margin_value, margin_target, margin_unit)
    _estimate_flag(row)
    if b > ctx.target["_base_year"]:
        row["flags"].append(f"base_year_shifted:{b}")
        row["base_year_shifted"] = True
    if t == b:
        row["flags"].append("no_actual_since_base")
    row["flags"] += _point_flags(obs, _used_years(obs, b, t), target)
    row["used_values"] = _used_values(obs, b, t)
    if kind == "avg_growth" and t > b:
        row["average_years"] = f"{b + 1}-{t}"
        if b + 1 > _period_start(ctx):  # the first years of the target's period are missing
            row["flags"].append(f"short_average:{b + 1}-{t}")
    row["progress_class"] = _verdict(ctx, row, met, ratio, overshot=overshot)
    _only_the_base(row)
    if method == "compound" and ctx.drift is not None and t < T and t > b:
        centre = float(pj.level_after_growth(vt, observed, T - t))
        row["probability_met"] = un.probability_met(centre, T - t, v_star, ctx.drift, sign)
        _drift_columns(row, ctx.drift)
    make = pj.growth_path if method == "compound" else pj.linear_path
    ctx.path(scenario, "scenario", make(vb, b, T, target_pace))
    if t < T and not np.isnan(required):
        ctx.path(scenario, "required", make(vt, t, T, required))
        if kind == "avg_growth":
            for y in range(t + 1, T + 1):
                ctx.required.append((target["target_id"], target["indicator_id"], scenario, y,
                                     required, rate_pct, observed, row["acceleration_pp"],
                                     float(pj.level_after_growth(vt, required, y - t)), obs.unit))
    return _finish(row)


def _period_start(ctx: _Ctx) -> int:
    """The first year of the target's own period (``period_start``; else the programme's)."""
    start = _num(ctx.target.get("period_start"))
    return int(start) if not np.isnan(start) else int(ctx.target["_base_year"]) + 1


def _drift_columns(row: dict, drift: un.Drift) -> None:
    row["drift_pct"] = drift.mean_growth_pct
    row["drift_years"] = _years_span(drift.years)
    row["volatility_pp"] = drift.sd_growth_pp


def _years_span(years: Iterable[int]) -> str:
    """The years as the one rule writes a list (:func:`analysis.data.periods.format_years`), in
    the CSV's typography: ``first-last`` for an unbroken run of three or more, else ``a,b,c``.
    """
    return format_years(years, dash="-", separator=",")


def _used_years(obs: _Observed, b, t) -> list[int]:
    """The years of ``obs`` the verdict rests on: every chained rate, else the base and the
    latest value (a pace or an average read from two levels uses nothing in between).
    """
    if obs.chained:
        return [y for y in obs.values.index if y > b]
    return sorted({b, t})


def _used_values(obs: _Observed, b, t) -> str:
    """``indicator:year`` of every actual value the verdict rests on (column ``used_values``):
    a rate computed from two levels stands for those two levels.
    """
    keys = []
    for y in _used_years(obs, b, t):
        if y in obs.derived_years and obs.level_indicator:
            keys += [f"{obs.level_indicator}:{y - 1}", f"{obs.level_indicator}:{y}"]
        else:
            keys.append(f"{obs.indicator}:{y}")
    return ";".join(dict.fromkeys(keys))


def _finish(row) -> dict:
    row["flags"] = ";".join(dict.fromkeys(f for f in row["flags"] if f))
    return row


def _custom_row(ctx: _Ctx, sc: CustomScenario, g_met: float) -> dict:
    """Row of a custom scenario: an assumed path from the latest actual, judged by its average."""
    obs, target = ctx.obs, ctx.target
    path, flags = _custom_path(ctx, sc)
    row = _empty_row(target, sc.name, ctx.sign, ctx.method, list(obs.flags) + flags, obs.unit)
    row["flags"].append("assumption")
    if path is None:
        return _finish(row)
    b, t, T = obs.base_year, int(path.index[0]), ctx.T
    vb, vt, v_end = float(obs.values.loc[b]), float(path.iloc[0]), float(path.iloc[-1])
    ctx.path(sc.name, "scenario", path)
    implied = float(pj.compound_growth_pct(vb, v_end, T - b))
    v_star = vb * (1 + g_met / 100) ** (T - b)
    meets = ctx.met(implied, g_met, unit="pct_per_year")
    observed = float(pj.compound_growth_pct(vb, vt, t - b)) if t > b else np.nan
    required = float(pj.compound_growth_pct(vt, v_star, T - t)) if t < T else np.nan
    row.update(
        base_year=b, base_value=vb, latest_year=t, latest_value=vt,
        latest_status=obs.meta["status"].get(t) if t in obs.meta.index else None,
        target_value=v_star, observed_pace=observed, required_pace=required,
        target_pace=g_met, implied_average_pct=implied, met=bool(meets),
        n_annual_values=len(obs.values) - 1,
        progress_class=pg.SCENARIO_MEETS if meets else pg.SCENARIO_FALLS_SHORT,
        pace_unit="pct_per_year",
    )
    _margins(row, implied, g_met, "pct_per_year")
    if ctx.drift is not None and t < T:
        row["probability_met"] = un.probability_met(v_end, T - t, v_star, ctx.drift, ctx.sign)
        _drift_columns(row, ctx.drift)
    return _finish(row)


def _pace_row(ctx: _Ctx, magnitude) -> dict:
    """Row for a target stated as a pace (pp a year) of a level series."""
    obs, sign, T, target = ctx.obs, ctx.sign, ctx.T, ctx.target
    row = _empty_row(target, TARGET_SCENARIO, sign, "pace", list(obs.flags), obs.unit)
    target_pace = sign * abs(magnitude)
    row["target_pace"] = target_pace
    if obs.base_year is None or obs.values.empty:
        row["flags"].append("no_annual_actual_since_base")
        return _finish(row)
    b, t = obs.base_year, int(obs.values.index.max())
    vb, vt = float(obs.values.loc[b]), float(obs.values.loc[t])
    v_star = vb + target_pace * (T - b)
    observed = pj.linear_pace(vb, vt, t - b) if t > b else np.nan
    required = pj.linear_pace(vt, v_star, T - t) if t < T else np.nan
    ratio = pg.progress_ratio(observed, target_pace, sign) if t > b else np.nan
    # a pace is met only over the whole period: at the target year, by the average pace
    met = bool(t >= T and t > b and pg.target_met(sign * observed, abs(magnitude),
                                                  _pace_comparator(target), 1))
    row.update(
        base_year=b, base_value=vb, latest_year=t, latest_value=vt,
        latest_status=obs.meta["status"].get(t), target_value=v_star, observed_pace=observed,
        required_pace=required, acceleration_pp=sign * (required - observed), ratio=ratio,
        expected_value_ratio=(pg.expected_value_ratio(vb, vt + observed * (T - t), v_star)
                              if t > b else np.nan),
        met=met, n_annual_values=len(obs.values),
    )
    if t > b:
        _margins(row, sign * observed, abs(magnitude), "pp_per_year")
    _estimate_flag(row)
    if b > ctx.target["_base_year"]:
        row["flags"].append(f"base_year_shifted:{b}")
        row["base_year_shifted"] = True
    row["flags"] += _point_flags(obs, sorted({b, t}), target)
    row["used_values"] = _used_values(obs, b, t)
    row["progress_class"] = _verdict(ctx, row, met, ratio)
    _only_the_base(row)
    ctx.path(TARGET_SCENARIO, "scenario", pj.linear_path(vb, b, T, target_pace))
    if t < T:
        ctx.path(TARGET_SCENARIO, "required", pj.linear_path(vt, t, T, required))
    return _finish(row)


def _pace_comparator(target) -> str:
    """A pace range "2–3 điểm %/năm" is met from its low end; other comparators as stated."""
    return "at_least" if target["comparator"] == "range" else target["comparator"]


def _cumulative_row(ctx: _Ctx, v_star, annual_series: pd.DataFrame) -> dict:
    """Row for a total over period_start..T: cumulative sum against the pro-rata share."""
    target, sign, T = ctx.target, ctx.sign, ctx.T
    start = int(target["period_start"])
    row = _empty_row(target, TARGET_SCENARIO, sign, "cumulative", [], target["unit"])
    s = annual_series[annual_series.index >= start]
    years = []
    for y in range(start, int(s.index.max()) + 1 if not s.empty else start):
        if y not in s.index:
            row["flags"].append(f"gap:{y}")
            break
        years.append(y)
    ignored = [y for y in s.index if not years or y > years[-1]]
    if ignored:
        row["flags"].append("ignored_after_gap:" + ",".join(map(str, ignored)))
    b = start - 1
    target_pace = v_star / (T - b)
    row.update(base_year=b, base_value=0.0, target_value=v_star, target_pace=target_pace)
    if not years:
        row["flags"].append("no_annual_actual_since_base")
        return _finish(row)
    cum = s.loc[years, "value"].cumsum()
    t = years[-1]
    total = float(cum.iloc[-1])
    observed = total / (t - b)
    required = (v_star - total) / (T - t) if t < T else np.nan
    ratio = pg.progress_ratio(observed, target_pace, sign)
    met = ctx.met(total, v_star)
    row.update(
        latest_year=t, latest_value=total, latest_status=s.loc[t, "status"],
        observed_pace=observed, required_pace=required,
        acceleration_pp=sign * (required - observed), ratio=ratio,
        expected_value_ratio=pg.expected_value_ratio(0.0, total + observed * (T - t), v_star),
        met=bool(met), n_annual_values=len(years),
    )
    _margins(row, total, v_star, target["unit"])
    _estimate_flag(row)
    obs = _Observed(cum, s.loc[years], cum, target["unit"], b, indicator=target["indicator_id"])
    row["flags"] += _point_flags(obs, years, target)
    row["used_values"] = ";".join(f"{obs.indicator}:{y}" for y in years)
    row["progress_class"] = _verdict(replace(ctx, obs=obs), row, met, ratio)
    ctx.path(TARGET_SCENARIO, "actual", pd.concat([pd.Series({b: 0.0}), cum]))
    ctx.path(TARGET_SCENARIO, "scenario", pj.linear_path(0.0, b, T, target_pace))
    if t < T:
        ctx.path(TARGET_SCENARIO, "required", pj.linear_path(total, t, T, required))
        ctx.path(None, "current_pace", pj.linear_path(total, t, T, observed))
    return _finish(row)


def _custom_path(ctx: _Ctx, sc: CustomScenario) -> tuple[pd.Series | None, list[str]]:
    """Index/level path t..T under a custom scenario (see analysis.data.scenarios)."""
    obs = ctx.obs
    if obs.base_year is None or obs.values.empty:
        return None, []
    t = int(obs.values.index.max())
    flags = []
    rates = {}
    observed = pj.compound_growth_pct(obs.values.loc[obs.base_year], obs.values.loc[t],
                                      t - obs.base_year)
    for y in range(t + 1, ctx.T + 1):
        if y in sc.growth_pct_by_year:
            rates[y] = sc.growth_pct_by_year[y]
        elif y < sc.first_year and not np.isnan(observed):
            rates[y] = observed
            flags.append(f"filled_at_current_pace:{y}")
        else:
            return None, [f"scenario_incomplete:{y}"]
    if any(y <= t for y in sc.growth_pct_by_year):
        flags.append("scenario_years_replaced_by_actuals")
    return pj.path_by_yearly_growth(float(obs.values.loc[t]), t, rates), flags


def assess_target(target: Mapping, annual: pd.DataFrame | Mapping[str, pd.DataFrame],
                  indicator: Mapping, base_year: int,
                  params: AssessmentParams, rates_pct: Iterable[float] = (),
                  customs: Iterable[CustomScenario] = (),
                  year: int | None = None) -> tuple[list, list, list]:
    """Summary rows, path tuples and required-growth tuples for one target (see module doc).

    ``annual`` is :func:`annual_values` (or its :func:`by_indicator` split); ``indicator`` holds
    the ``unit`` and ``measure`` of the target's indicator. When the assessment ``year`` is the
    target year or later (a final review) no year remains: no scenarios, no required pace, no
    probability, and a target whose target-year value is not published has no verdict
    (:data:`~analysis.engine.progress.NO_TARGET_YEAR_VALUE`).
    """
    target = dict(target)
    measure = indicator.get("measure", "level")
    target["_base_year"] = base_year
    sign = pg.direction_sign(target["direction"])
    T = int(target["target_year"])
    method = params.pace_method_by_kind[target["kind"]]
    obs = _observe(target, annual, measure, indicator.get("unit") or target["unit"], base_year,
                   params)
    drift = None
    if method == "compound" and target["kind"] in params.band_kinds:
        drift = _drift(target, annual, measure, params, obs)
    final = year is not None and int(year) >= T
    ctx = _Ctx(target, sign, T, method, obs, params, drift, final)
    if final:
        rates_pct, customs = (), ()
    if method == "cumulative":
        series = _series(annual, target["indicator_id"])
        rows = [_cumulative_row(ctx, _met_value(target, sign), series)]
        return _no_year_left(rows, final), ctx.paths, ctx.required
    if not obs.history.empty:
        ctx.path(None, "actual", obs.history)
    if method == "pace":
        return _no_year_left([_pace_row(ctx, _met_value(target, sign))], final), ctx.paths, \
            ctx.required
    rows = []
    if target["kind"] == "avg_growth":
        b = obs.base_year
        vb = float(obs.values.loc[b]) if b is not None else np.nan
        horizon = T - b if b is not None else np.nan
        g_met = _met_value(target, sign)
        flags = ["target_is_range_low_end"] if target["comparator"] == "range" else []
        rows.append(_level_row(ctx, TARGET_SCENARIO, vb * (1 + g_met / 100) ** horizon,
                               np.nan, flags))
        for rate in rates_pct:
            rows.append(_level_row(ctx, scenario_id(rate), vb * (1 + rate / 100) ** horizon, rate))
        for sc in customs:
            rows.append(_custom_row(ctx, sc, g_met))
    else:
        rows.append(_level_row(ctx, TARGET_SCENARIO, _met_value(target, sign)))
    if rows[0]["progress_class"] == pg.TOO_FEW_RATES:
        return _too_few_rates(rows, ctx.paths + _level_paths(ctx, annual))
    _current_and_band(ctx, rows[0])
    return _no_year_left(rows, final), ctx.paths + _level_paths(ctx, annual), ctx.required


def _not_measurable(row: dict) -> dict:
    """A target the programme declares unmeasurable: its values stay, its verdict goes."""
    row.update(progress_class=pg.NOT_MEASURABLE, met=False, ratio=np.nan,
               required_pace=np.nan, acceleration_pp=np.nan, probability_met=np.nan,
               expected_value_ratio=np.nan)
    row["flags"] = ";".join(f for f in (row["flags"], "not_measurable") if f)
    return row


#: Paths that rest on the drift or on a required pace, dropped for a thin series.
PACE_PATH_KINDS = ("required", "current_pace", "band")


def _too_few_rates(rows: list[dict], paths: list) -> tuple[list, list, list]:
    """A growth target with fewer than ``min_rates_for_average`` annual rates in its period:
    one or two years say nothing about a ten-year pace, so nothing that rests on its pace is
    given (the one rule of the module docstring): no required growth or acceleration, no drift,
    no probability, no current-pace path, no band; the rates observed and the scenarios' own
    paths stay.
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


def _level_paths(ctx: _Ctx, annual: pd.DataFrame) -> list:
    """Index paths again in levels, where the mapped level series has a value in the base year."""
    ind = ctx.target["indicator_id"]
    level_ind = _level_series(ctx.params, ind)
    if ctx.obs.unit != INDEX_UNIT or ctx.obs.base_year is None or not level_ind:
        return []
    lv = _series(annual, level_ind)
    if ctx.obs.base_year not in lv.index:
        return []
    scale = float(lv.loc[ctx.obs.base_year, "value"]) / pj.INDEX_BASE_VALUE
    unit = str(lv.loc[ctx.obs.base_year, "unit"]) or level_ind
    return [(*p[:4], p[4] * scale, p[5], p[6], unit) for p in ctx.paths if p[7] == INDEX_UNIT]


def _current_and_band(ctx: _Ctx, row: Mapping) -> None:
    """The path at the observed pace from t to T, and the band centred on it."""
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


def _drift(target, annual, measure, params, obs) -> un.Drift | None:
    """The random walk of a compound target: drift window and volatility history (module doc)."""
    ind = target["indicator_id"]
    if measure == "growth_rate":
        rates, _ = _growth_rates(annual, ind, _level_series(params, ind))
        history = un.growth_history(rates["value"], None, params.volatility_history_start)
    else:
        history = un.growth_history(None, _series(annual, ind)["value"],
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
    drift = un.estimate_random_walk(window, history, params.break_modified_z, params.break_years,
                                    params.min_history_years)
    return drift


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


def scenario_id(rate_pct: float) -> str:
    """Scenario id of a constant growth rate: ``9pct``, ``10.5pct``."""
    return f"{float(rate_pct):g}pct"


# ---------------------------------------------------------------------------------------------
# all targets


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


def _rates_of(target: Mapping, scenarios: tuple[float, ...] | None) -> tuple[float, ...]:
    """The constant-rate scenarios of a target: a range growth target's (given, or its low, mid
    and high end); none for others.
    """
    if target["kind"] != "avg_growth" or target["comparator"] != "range":
        return ()
    if scenarios is None:
        low, high = _num(target["low"]), _num(target["high"])
        return tuple(dict.fromkeys((low, (low + high) / 2, high)))
    return tuple(float(r) for r in scenarios)


def _all_rates(targets: pd.DataFrame, scenarios) -> set[float]:
    """The constant rates of every target (:func:`_rates_of`)."""
    return {r for target in targets.to_dict("records") for r in _rates_of(target, scenarios)}


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


def _params(params: AssessmentParams | Mapping | None) -> AssessmentParams:
    if params is None:
        return AssessmentParams()
    if isinstance(params, Mapping):
        known = {f.name for f in fields(AssessmentParams)}
        unknown = set(params) - known
        if unknown:
            raise ValueError(f"unknown assessment parameters: {sorted(unknown)}")
        tuples = {k: tuple(v) for k, v in params.items() if isinstance(v, list)}
        return replace(AssessmentParams(), **{**params, **tuples})
    return params


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
    params = _params(params)
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
    _check_customs(customs, targets, _all_rates(targets, scenarios))
    rows, paths, required = [], [], []
    used_rates: set[float] = set()
    grouped = by_indicator(annual)
    for target in targets.to_dict("records"):
        rates = _rates_of(target, scenarios)
        used_rates.update(rates)
        mine = [c for c in customs if c.indicator_id == target["indicator_id"]
                and target["kind"] == "avg_growth"]
        r, p, q = assess_target(target, grouped, info.get(target["indicator_id"], {}),
                                base_year, params, rates, mine, year)
        if target["target_id"] in not_measurable:
            r = [_not_measurable(row) for row in r]
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
    from analysis.engine.consistency import consistency_checks

    cons = consistency_checks(targets, annual, base_year,  # the scenarios' real growth rates
                              sorted(used_rates or {float(r) for r in scenarios or ()}),
                              params.level_assumptions, roles)
    thin = set(summary.loc[summary["progress_class"] == pg.TOO_FEW_RATES, "target_id"])
    bands = _band_table(targets[~targets["target_id"].isin(thin)], grouped, info, params,
                        base_year)
    result = Assessment(year, base_year, summary, path_df, req_df, cons,
                        _scenario_table(targets, scenarios, customs), bands, params,
                        annual=annual, roles=roles)
    result.scenario_checks = _scenario_checks(result)
    result.derived_levels = _derived_levels(result)
    return result


def _derived_levels(result: Assessment) -> pd.DataFrame:
    """Population, nominal and per-capita GRDP in T for every path of each growth target.

    The paths: the current pace (scenario ``current_pace``) and each scenario row; one call of
    :func:`analysis.engine.derived.derive_levels` each, as the explorer makes for its path.
    """
    s = result.summary
    rows = []
    growth = s[(s["kind"] == "avg_growth") & (s["unit"] == INDEX_UNIT)]
    for target_id, group in growth.groupby("target_id", sort=False):
        if len(group) < 2:  # only the growth targets with scenarios
            continue
        T = int(group["target_year"].iloc[0])
        for sid in [CURRENT_PACE_SCENARIO, *group["scenario"].tolist()]:
            index = result.real_index(target_id, None if sid == CURRENT_PACE_SCENARIO else sid)
            if T not in index.index:
                continue
            lv = derive_levels(index, result.annual, T, result.params.level_assumptions,
                               result.roles)
            a = lv.anchors
            rows.append({
                "target_id": target_id, "scenario": sid, "target_year": T,
                "real_index_target_year": float(index.loc[T]),
                "population_target_year_persons": lv.population_target_year_persons,
                "nominal_grdp_target_year_bn_vnd": lv.nominal_grdp_target_year_bn_vnd,
                "grdp_per_capita_target_year_mn_vnd": lv.grdp_per_capita_target_year_mn_vnd,
                "deflator_pct": lv.deflator_pct, "population_growth_pct": lv.population_growth_pct,
                "population_year": a[POPULATION].year if POPULATION in a else None,
                "nominal_year": a[GRDP_NOMINAL].year if GRDP_NOMINAL in a else None,
                "per_capita_year": a[GRDP_PER_CAPITA].year if GRDP_PER_CAPITA in a else None,
                "flags": ";".join(lv.flags)})
    return pd.DataFrame(rows, columns=DERIVED_LEVEL_COLUMNS)


def _band_table(targets, grouped, info, params, base_year) -> pd.DataFrame:
    """Random-walk parameters behind each band (for the methods annex)."""
    rows = []
    for t in targets.to_dict("records"):
        if t["kind"] not in params.band_kinds:
            continue
        measure = info.get(t["indicator_id"], {}).get("measure", "level")
        obs = _observe(t, grouped, measure, t["unit"], base_year, params)
        d = _drift(t, grouped, measure, params, obs)
        if d is None:
            continue
        rows.append({"target_id": t["target_id"], "indicator_id": t["indicator_id"],
                     "n_years": d.n, "first_year": min(d.years), "last_year": max(d.years),
                     "years": ",".join(map(str, d.years)), "mean_log_growth": d.mean_log_growth,
                     "sd_log_growth": d.sd_log_growth, "mean_growth_pct": d.mean_growth_pct,
                     "drift_window": str(params.drift_window),
                     "n_volatility_years": len(d.volatility_years),
                     "volatility_years": ",".join(map(str, d.volatility_years)),
                     "break_years": ",".join(map(str, d.break_years)),
                     "sd_with_breaks": d.sd_with_breaks})
    return pd.DataFrame(rows, columns=BAND_PARAMETER_COLUMNS)


def _scenario_table(targets, scenarios, customs) -> pd.DataFrame:
    rows = [{"scenario": TARGET_SCENARIO, "kind": "target", "rate_pct": np.nan,
             "label_vi": "Mục tiêu", "label_en": "Target", "indicator_id": None, "note": ""}]
    rng = targets[(targets["kind"] == "avg_growth") & (targets["comparator"] == "range")]
    for t in rng.to_dict("records"):
        low, high = _num(t["low"]), _num(t["high"])
        rates = (low, (low + high) / 2, high) if scenarios is None else scenarios
        for r in rates:
            rows.append({"scenario": scenario_id(r), "kind": "rate", "rate_pct": float(r),
                         "label_vi": f"{float(r):g}%/năm".replace(".", ","),
                         "label_en": f"{float(r):g}%/yr", "indicator_id": t["indicator_id"],
                         "note": ""})
    for c in customs:
        rows.append({"scenario": c.name, "kind": "custom", "rate_pct": np.nan,
                     "label_vi": c.label_vi, "label_en": c.label_en,
                     "indicator_id": c.indicator_id, "note": c.note})
    return pd.DataFrame(rows, columns=SCENARIO_COLUMNS).drop_duplicates("scenario")


def _scenario_checks(result: Assessment) -> pd.DataFrame:
    """Every assumed path (current pace, custom scenarios) against every growth scenario.

    For each average-growth target with scenario rows: the average growth a path implies over the
    whole programme period, whether it meets each scenario's rate (and the target as
    catalogued), and the probability of meeting it under the band around that path.
    """
    s, p = result.summary, result.paths
    rows = []
    for target_id, group in s[s["kind"] == "avg_growth"].groupby("target_id", sort=False):
        main = group[group["scenario"] == TARGET_SCENARIO]
        if len(group) < 2 or main.empty or pd.isna(main["latest_year"].iloc[0]):
            continue
        m = main.iloc[0]
        b, t, T = int(m["base_year"]), int(m["latest_year"]), int(m["target_year"])
        vb = float(m["base_value"])
        if t >= T:
            continue
        drift = drift_of(result, target_id)
        sign = pg.direction_sign(str(m["direction"]))
        against = [(TARGET_SCENARIO, float(m["target_pace"]))] + [
            (str(r["scenario"]), float(r["scenario_rate_pct"]))
            for r in group[group["scenario_rate_pct"].notna() & group["implied_average_pct"]
                           .isna()].to_dict("records") if r["scenario"] != TARGET_SCENARIO]
        mine = p[(p["target_id"] == target_id) & (p["unit"] == m["unit"])]
        paths = {CURRENT_PACE_SCENARIO: mine[mine["kind"] == "current_pace"]}
        for sid in group.loc[group["implied_average_pct"].notna(), "scenario"]:
            paths[str(sid)] = mine[(mine["kind"] == "scenario") & (mine["scenario"] == sid)]
        for sid, path in paths.items():
            if path.empty:
                continue
            end = float(path.sort_values("year")["value"].iloc[-1])
            implied = float(pj.compound_growth_pct(vb, end, T - b))
            for name, rate in against:
                v_star = vb * (1 + rate / 100) ** (T - b)
                prob = (un.probability_met(end, T - t, v_star, drift, sign) if drift is not None
                        else np.nan)
                rows.append({"target_id": target_id, "scenario": sid,
                             "implied_average_pct": implied, "against": name,
                             "threshold_pct": rate, "meets": bool(implied >= rate),
                             "probability_met": prob})
    return pd.DataFrame(rows, columns=SCENARIO_CHECK_COLUMNS)
