"""Assessment of every target: base, latest value, paces, progress class, scenarios and band.

One function, :func:`assess`, turns the target catalogue and the actuals into tidy frames the
report, the explorer and the command line share. The arithmetic is in
:mod:`analysis.engine.projections` (paces and paths), :mod:`analysis.engine.progress` (ratio R and classes),
:mod:`analysis.engine.uncertainty` (band and probability) and :mod:`analysis.engine.consistency`; this module
decides, per kind of target, which values enter them (``shared/research/methods.md`` §1–3).

Choices (each a named parameter of :class:`AssessmentParams`):

- **Values used.** Only annual values (period ``YYYY``, status not partial-year) of the value
  chosen for each (indicator, period) by :func:`analysis.data.selection.choose_values`; estimates are
  used and flagged (``latest_status`` and ``flags``); bounds ("trên 40") are used as their value
  and flagged ``bound``. ``year=Y`` uses only actuals with year ≤ Y.
- **Base.** The value in the base year (2020); if missing, the earliest annual value after it,
  flagged ``base_year_shifted`` (the ``base_year`` column shows the year used).
- **Pace by kind** (:data:`PACE_METHOD_BY_KIND`): ``avg_growth`` and ``level`` compound;
  ``share_of_grdp`` and ``coverage_pct`` linear in pp a year; ``count`` and ``area`` linear
  (units and hectares are added a year; compounding fails from small or zero bases);
  ``change_pp_per_year`` compares the observed pp-a-year change of the level with the stated
  pace; ``cumulative`` compares the sum of annual values since ``period_start`` with the
  pro-rata share of the total.
- **Average-growth targets** become levels ``v* = v_b (1 + g*)^(T − b)``. A growth-rate series is
  chained into an index (base = 100) that stops at the first missing year (never filled; flag
  ``gap``). A range (GRDP 9–11 %) is classed against its low end (the rate that still "meets"
  the target); each scenario rate (default: the ``scenarios`` argument, 9, 10, 11; None → the
  catalogue's low, mid and high) and each custom scenario gets its own row.
- **Pace targets** (poverty −2 to −3 pp a year): the stated magnitude (low end of a range),
  signed by the direction is the target pace; ``target_value`` is the level it would reach in T from
  the base and ``required_pace`` the pace over the remaining years that would still bring the
  whole-period average to the target pace. A pace target is never ``achieved`` before T.
- **Cumulative targets**: the sum runs from ``period_start`` and stops at the first missing year
  (flag ``gap``); the base is 0 in ``period_start − 1``.
- **Direction**: ``d = −1`` where lower is better; ``acceleration_pp = d · (required −
  observed)``, positive when the pace must quicken in the good direction (pp of growth for
  compound paces, otherwise the pace unit of ``pace_unit``).
- **Traffic light** uses R (Eurostat/Open SDG); the UN SD expected-value ratio P is given as the
  cross-check column ``expected_value_ratio``. ``probability_met`` comes from the random-walk band
  where at least ``min_history_years`` annual growth rates exist, for the kinds in
  ``band_kinds`` (default: average-growth targets only, i.e. GRDP in practice: the nominal level
  series mix price bases and are too short for a volatility estimate), else it is empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace

import numpy as np
import pandas as pd

from analysis.data.scenarios import CustomScenario
from analysis.engine import progress as pg
from analysis.engine import projections as pj
from analysis.engine import uncertainty as un
from analysis.errors import InputError, Problem
from analysis.messages import text

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
#: Level series whose consecutive annual values give a growth rate where the rate series has none
#: (same price basis only).
GROWTH_LEVEL_INDICATORS: Mapping[str, str] = {
    "grdp_growth_pct": "grdp_constant_2010_bn_vnd",
    "export_import_growth_pct": "export_import_turnover_mn_usd",
}
#: Default constant growth scenarios (% a year) for range growth targets.
DEFAULT_SCENARIO_RATES_PCT = (9.0, 10.0, 11.0)
#: Base year of the 2021–2030 programme.
BASE_YEAR = 2020
#: Scenario id of the row that assesses the target as catalogued.
TARGET_SCENARIO = "target"
#: Unit of a chained growth index.
INDEX_UNIT = "index_base_100"
#: Statuses that are flagged as not final when used.
NOT_FINAL_STATUSES = ("estimate", "reported", "preliminary")

SUMMARY_COLUMNS = [
    "target_id", "indicator_id", "scenario", "unit", "base_year", "base_value", "latest_year",
    "latest_value", "latest_status", "target_value", "observed_pace", "required_pace",
    "acceleration_pp", "ratio", "progress_class", "probability_met",
    # extras
    "pace_unit", "target_pace", "expected_value_ratio", "scenario_rate_pct", "kind",
    "comparator", "direction", "target_year", "flags",
]
PATH_COLUMNS = ["target_id", "indicator_id", "scenario", "year", "value", "kind", "quantile",
                "unit"]
REQUIRED_GROWTH_COLUMNS = [
    "target_id", "indicator_id", "scenario", "year", "required_growth_pct",
    "scenario_growth_pct", "observed_pace_pct", "acceleration_pp", "required_value", "unit",
]
SCENARIO_COLUMNS = ["scenario", "kind", "rate_pct", "label_vi", "label_en", "indicator_id", "note"]
BAND_PARAMETER_COLUMNS = ["target_id", "indicator_id", "n_years", "first_year", "last_year",
                          "years", "mean_log_growth", "sd_log_growth", "mean_growth_pct"]
_ANNUAL = re.compile(r"^\d{4}$")
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
    pace_method_by_kind: Mapping[str, str] = field(
        default_factory=lambda: dict(PACE_METHOD_BY_KIND))
    growth_level_indicators: Mapping[str, str] = field(
        default_factory=lambda: dict(GROWTH_LEVEL_INDICATORS))
    growth_history_start: int = un.GROWTH_HISTORY_START
    min_history_years: int = un.MIN_HISTORY_YEARS
    band_quantiles: tuple[float, ...] = un.BAND_QUANTILES
    band_kinds: tuple[str, ...] = ("avg_growth",)


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
    status = df["status"].astype(str) if "status" in df.columns else pd.Series("", index=df.index)
    annual = period.str.match(_ANNUAL) & (status != "partial-year")
    df = df[annual]
    out = pd.DataFrame(
        {
            "indicator_id": df["indicator_id"].astype(str).to_numpy(),
            "year": period[annual].astype(int).to_numpy(),
            "value": pd.to_numeric(df["value"], errors="coerce").to_numpy(dtype=float),
            "unit": _col(df, "unit", ""),
            "status": status[annual].to_numpy(),
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


def _flag_years(flag: str, keep) -> str | None:
    """Keep only the years of a ``name:y1,y2`` flag for which ``keep(year)`` holds."""
    name, _, years = flag.partition(":")
    kept = [y for y in years.split(",") if y and keep(int(y))]
    return f"{name}:{','.join(kept)}" if kept else None


def _observe(target, annual, measure, indicator_unit, base_year, params) -> _Observed:
    ind = target["indicator_id"]
    if target["kind"] == "avg_growth" and measure == "growth_rate":
        rates, level_flags = _growth_rates(annual, ind, params.growth_level_indicators.get(ind))
        chain = pj.chain_growth_index(rates["value"], base_year)
        used = set(chain.index.index[1:])
        flags = [f for f in (_flag_years(f, used.__contains__) for f in level_flags) if f]
        if chain.gap_year is not None:
            flags.append(f"gap:{chain.gap_year}")
        if chain.ignored_years:
            flags.append("ignored_after_gap:" + ",".join(map(str, chain.ignored_years)))
        meta = rates.reindex(chain.index.index)
        return _Observed(chain.index, meta, chain.index, INDEX_UNIT, chain.base_year, flags)
    s = _series(annual, ind)
    after = s[s.index >= base_year]
    b = int(after.index.min()) if not after.empty else None
    unit = indicator_unit if measure != "growth_rate" else INDEX_UNIT
    if target["kind"] == "avg_growth" and b is not None:  # a level series for a growth target
        index = after["value"] / after["value"].iloc[0] * pj.INDEX_BASE_VALUE
        return _Observed(index, after, index, INDEX_UNIT, b, [])
    return _Observed(after["value"], after, s["value"], unit, b, [])


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
    paths: list = field(default_factory=list)
    required: list = field(default_factory=list)

    def path(self, scenario, kind, series: pd.Series, unit=None, quantile=np.nan):
        for y, v in series.items():
            self.paths.append((self.target["target_id"], self.target["indicator_id"], scenario,
                               int(y), float(v), kind, quantile, unit or self.obs.unit))


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
        "flags": flags,
    }


def _level_row(ctx: _Ctx, scenario, v_star, rate_pct=np.nan, flags=(),
               yearly_rates: Mapping[int, float] | None = None) -> dict:
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
    if method == "compound" and min(vb, vt, v_star) <= 0:
        method = "linear"
        row["flags"].append("nonpositive_value_linear_pace")
    pace = pj.compound_growth_pct if method == "compound" else pj.linear_pace
    observed = pace(vb, vt, t - b)
    target_pace = pace(vb, v_star, T - b)
    required = pace(vt, v_star, T - t)
    achieved = pg.is_achieved(vt, v_star, sign)
    ratio = pg.progress_ratio(observed, target_pace, sign) if t > b else np.nan
    if method == "compound":
        expected = float(pj.level_after_growth(vt, observed, T - t))
    else:
        expected = vt + observed * (T - t)
    row.update(
        base_year=b, base_value=vb, latest_year=t, latest_value=vt,
        latest_status=obs.meta["status"].get(t) if t in obs.meta.index else None,
        target_value=v_star, observed_pace=observed, required_pace=required,
        acceleration_pp=sign * (required - observed), ratio=ratio, target_pace=target_pace,
        expected_value_ratio=pg.expected_value_ratio(vb, expected, v_star) if t > b else np.nan,
        pace_unit=_pace_unit(method, target["unit"]),
    )
    if b > ctx.target["_base_year"]:
        row["flags"].append(f"base_year_shifted:{b}")
    if t == b:
        row["flags"].append("no_actual_since_base")
    row["flags"] += _point_flags(obs, _used_years(obs, b, t), target)
    row["progress_class"] = _classify(ratio, achieved, ctx.params)
    if method == "compound" and ctx.drift is not None and t < T:
        row["probability_met"] = un.probability_met(vt, T - t, v_star, ctx.drift, sign)
    # paths: scenario (from base at the target pace) and required (from t)
    make = pj.growth_path if method == "compound" else pj.linear_path
    ctx.path(scenario, "scenario", make(vb, b, T, target_pace))
    if t < T and not np.isnan(required):
        ctx.path(scenario, "required", make(vt, t, T, required))
        if target["kind"] == "avg_growth":
            for y in range(t + 1, T + 1):
                own = yearly_rates.get(y, np.nan) if yearly_rates else rate_pct
                ctx.required.append((target["target_id"], target["indicator_id"], scenario, y,
                                     required, own, observed, row["acceleration_pp"],
                                     float(pj.level_after_growth(vt, required, y - t)), obs.unit))
    return _finish(row)


def _used_years(obs: _Observed, b, t) -> list[int]:
    if obs.unit == INDEX_UNIT and obs.meta["status"].notna().any():
        return [y for y in obs.values.index if y > b]  # every chained rate matters
    return sorted({b, t})


def _classify(ratio, achieved, params: AssessmentParams) -> str:
    return pg.classify(ratio, achieved, params.on_track_min_ratio, params.acceleration_min_ratio,
                       params.insufficient_min_ratio)


def _finish(row) -> dict:
    row["flags"] = ";".join(dict.fromkeys(f for f in row["flags"] if f))
    return row


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
    observed = pj.linear_pace(vb, vt, t - b)
    required = pj.linear_pace(vt, v_star, T - t)
    ratio = pg.progress_ratio(observed, target_pace, sign) if t > b else np.nan
    achieved = bool(t >= T and sign * (observed - target_pace) >= 0)
    row.update(
        base_year=b, base_value=vb, latest_year=t, latest_value=vt,
        latest_status=obs.meta["status"].get(t), target_value=v_star, observed_pace=observed,
        required_pace=required, acceleration_pp=sign * (required - observed), ratio=ratio,
        expected_value_ratio=(pg.expected_value_ratio(vb, vt + observed * (T - t), v_star)
                              if t > b else np.nan),
    )
    if b > ctx.target["_base_year"]:
        row["flags"].append(f"base_year_shifted:{b}")
    row["flags"] += _point_flags(obs, sorted({b, t}), target)
    row["progress_class"] = _classify(ratio, achieved, ctx.params)
    ctx.path(TARGET_SCENARIO, "scenario", pj.linear_path(vb, b, T, target_pace))
    if t < T:
        ctx.path(TARGET_SCENARIO, "required", pj.linear_path(vt, t, T, required))
    return _finish(row)


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
    row.update(
        latest_year=t, latest_value=total, latest_status=s.loc[t, "status"],
        observed_pace=observed, required_pace=required,
        acceleration_pp=sign * (required - observed), ratio=ratio,
        expected_value_ratio=pg.expected_value_ratio(0.0, total + observed * (T - t), v_star),
    )
    obs = _Observed(cum, s.loc[years], cum, target["unit"], b)
    row["flags"] += _point_flags(obs, years, target)
    row["progress_class"] = _classify(ratio, pg.is_achieved(total, v_star, sign), ctx.params)
    ctx.path(TARGET_SCENARIO, "actual", pd.concat([pd.Series({b: 0.0}), cum]))
    ctx.path(TARGET_SCENARIO, "scenario", pj.linear_path(0.0, b, T, target_pace))
    if t < T:
        ctx.path(TARGET_SCENARIO, "required", pj.linear_path(total, t, T, required))
        ctx.path(None, "current_pace", pj.linear_path(total, t, T, observed))
    return _finish(row)


def _custom_path(ctx: _Ctx, sc: CustomScenario) -> tuple[pd.Series | None, list[str]]:
    """Index/level path t..T under a custom scenario (see analysis.data.scenarios for the rules)."""
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
                  customs: Iterable[CustomScenario] = ()) -> tuple[list, list, list]:
    """Summary rows, path tuples and required-growth tuples for one target (see module doc).

    ``annual`` is :func:`annual_values` (or its :func:`by_indicator` split); ``indicator`` holds
    the ``unit`` and ``measure`` of the target's indicator.
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
    ctx = _Ctx(target, sign, T, method, obs, params, drift)
    if method == "cumulative":
        series = _series(annual, target["indicator_id"])
        rows = [_cumulative_row(ctx, _met_value(target, sign), series)]
        return rows, ctx.paths, ctx.required
    if not obs.history.empty:
        ctx.path(None, "actual", obs.history)
    if method == "pace":
        return [_pace_row(ctx, _met_value(target, sign))], ctx.paths, ctx.required
    rows = []
    if target["kind"] == "avg_growth":
        b = obs.base_year
        vb = float(obs.values.loc[b]) if b is not None else np.nan
        horizon = T - b if b is not None else np.nan
        g_met = _met_value(target, sign)
        flags = ["target_is_range_low_end"] if target["comparator"] == "range" else []
        rows.append(_level_row(ctx, TARGET_SCENARIO, vb * (1 + g_met / 100) ** horizon, g_met,
                               flags))
        for rate in rates_pct:
            rows.append(_level_row(ctx, scenario_id(rate), vb * (1 + rate / 100) ** horizon, rate))
        for sc in customs:
            path, flags = _custom_path(ctx, sc)
            if path is None:
                rows.append(_finish(_empty_row(target, sc.name, sign, method, obs.flags + flags,
                                               obs.unit)))
                continue
            ctx.path(sc.name, "scenario", path)
            own = {int(y): float((path.loc[y] / path.loc[y - 1] - 1) * 100)
                   for y in path.index[1:]}
            rows.append(_level_row(ctx, sc.name, float(path.iloc[-1]), np.nan, flags, own))
    else:
        rows.append(_level_row(ctx, TARGET_SCENARIO, _met_value(target, sign)))
    _current_and_band(ctx, rows[0])
    return rows, ctx.paths + _level_paths(ctx, annual), ctx.required


def _level_paths(ctx: _Ctx, annual: pd.DataFrame) -> list:
    """Index paths again in levels, where the mapped level series has a value in the base year."""
    ind = ctx.target["indicator_id"]
    level_ind = ctx.params.growth_level_indicators.get(ind)
    if ctx.obs.unit != INDEX_UNIT or ctx.obs.base_year is None or not level_ind:
        return []
    lv = _series(annual, level_ind)
    if ctx.obs.base_year not in lv.index:
        return []
    scale = float(lv.loc[ctx.obs.base_year, "value"]) / pj.INDEX_BASE_VALUE
    unit = str(lv.loc[ctx.obs.base_year, "unit"]) or level_ind
    return [(*p[:4], p[4] * scale, p[5], p[6], unit) for p in ctx.paths if p[7] == INDEX_UNIT]


def _current_and_band(ctx: _Ctx, row: Mapping) -> None:
    if row["latest_year"] is None or np.isnan(row["observed_pace"]):
        return
    t, vt = int(row["latest_year"]), float(row["latest_value"])
    if t >= ctx.T:
        return
    make = pj.growth_path if row["pace_unit"] == "pct_per_year" else pj.linear_path
    ctx.path(None, "current_pace", make(vt, t, ctx.T, row["observed_pace"]))
    if ctx.drift is not None and row["pace_unit"] == "pct_per_year":
        b = un.band(vt, t, ctx.T, ctx.drift, ctx.params.band_quantiles)
        for y, q, v in b.itertuples(index=False):
            ctx.paths.append((ctx.target["target_id"], ctx.target["indicator_id"], None, int(y),
                              float(v), "band", float(q), ctx.obs.unit))


def _drift(target, annual, measure, params, obs) -> un.Drift | None:
    ind = target["indicator_id"]
    if measure == "growth_rate":
        rates, _ = _growth_rates(annual, ind, params.growth_level_indicators.get(ind))
        hist = un.growth_history(rates["value"], None, params.growth_history_start)
    else:
        hist = un.growth_history(None, _series(annual, ind)["value"], params.growth_history_start)
    if len(hist) < params.min_history_years:
        return None
    return un.estimate_drift(hist)


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


def _check_customs(customs, targets) -> None:
    growth_ids = set(targets.loc[targets["kind"] == "avg_growth", "indicator_id"].astype(str))
    problems = [
        Problem(sc.source or "<scenarios>", text("msg.scenario.of", name=sc.name,
                                                 message=text("msg.scenario.no_growth_target")),
                column=f"scenarios.{sc.name}.indicator_id",
                found=sc.indicator_id, expected=", ".join(sorted(growth_ids)))
        for sc in customs if sc.indicator_id not in growth_ids
    ]
    if problems:
        raise InputError(problems)


def assess(
    dataset_or_frames,
    year: int | None = None,
    scenarios: Iterable[float] | None = DEFAULT_SCENARIO_RATES_PCT,
    custom_scenarios: Mapping[str, CustomScenario] | Iterable[CustomScenario] | None = None,
    base_year: int = BASE_YEAR,
    params: AssessmentParams | Mapping | None = None,
) -> Assessment:
    """Assess every target of the catalogue against the actuals.

    Parameters
    ----------
    dataset_or_frames
        An :class:`analysis.data.loaders.Dataset` (``.targets``, ``.actuals``, ``.indicators``), a
        mapping with those keys, or a tuple ``(targets, actuals[, indicators])`` of DataFrames
        with the columns of the data contract.
    year : int, optional
        Assessment year: only actuals with year ≤ ``year`` are used. None: the latest year with
        an annual actual.
    scenarios : iterable of float, optional
        Constant growth rates (% a year) for range growth targets; None: the catalogue's low,
        mid and high.
    custom_scenarios : mapping or iterable of CustomScenario, optional
        From :func:`analysis.data.scenarios.load_scenarios`.
    base_year : int
        Base year (2020).
    params : AssessmentParams or mapping, optional
        Overrides of the named choices.

    Returns
    -------
    Assessment
    """
    if params is None:
        params = AssessmentParams()
    elif isinstance(params, Mapping):
        known = {f.name for f in fields(AssessmentParams)}
        unknown = set(params) - known
        if unknown:
            raise ValueError(f"unknown assessment parameters: {sorted(unknown)}")
        params = replace(AssessmentParams(), **params)
    targets, actuals, indicators = _frames(dataset_or_frames)
    annual_all = annual_values(actuals)
    if year is None:
        year = int(annual_all["year"].max()) if not annual_all.empty else None
    annual = annual_all if year is None else annual_all[annual_all["year"] <= int(year)]
    info = _indicator_info(indicators, actuals)
    customs = list(custom_scenarios.values() if isinstance(custom_scenarios, Mapping)
                   else (custom_scenarios or []))
    _check_customs(customs, targets)
    rows, paths, required = [], [], []
    grouped = by_indicator(annual)
    for target in targets.to_dict("records"):
        if target["kind"] == "avg_growth" and target["comparator"] == "range":
            if scenarios is None:
                low, high = _num(target["low"]), _num(target["high"])
                rates = (low, (low + high) / 2, high)
            else:
                rates = tuple(float(r) for r in scenarios)
        else:
            rates = ()
        mine = [c for c in customs if c.indicator_id == target["indicator_id"]
                and target["kind"] == "avg_growth"]
        r, p, q = assess_target(target, grouped, info.get(target["indicator_id"], {}),
                                base_year, params, rates, mine)
        rows += r
        paths += p
        required += q
    summary = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    for col in ("base_year", "latest_year", "target_year"):
        summary[col] = summary[col].astype("Int64")
    path_df = pd.DataFrame(paths, columns=PATH_COLUMNS).astype({"year": int})
    req_df = pd.DataFrame(required, columns=REQUIRED_GROWTH_COLUMNS).astype({"year": int})
    from analysis.engine.consistency import consistency_checks

    all_rates = sorted({float(r) for r in (scenarios or DEFAULT_SCENARIO_RATES_PCT)})
    cons = consistency_checks(targets, annual, base_year, all_rates)
    return Assessment(year, base_year, summary, path_df, req_df, cons,
                      _scenario_table(targets, scenarios, customs),
                      _band_table(targets, grouped, info, params), params)


def _band_table(targets, grouped, info, params) -> pd.DataFrame:
    """Random-walk parameters behind each band (for the methods annex)."""
    rows = []
    for t in targets.to_dict("records"):
        if t["kind"] not in params.band_kinds:
            continue
        measure = info.get(t["indicator_id"], {}).get("measure", "level")
        d = _drift(t, grouped, measure, params, None)
        if d is None:
            continue
        rows.append({"target_id": t["target_id"], "indicator_id": t["indicator_id"],
                     "n_years": d.n, "first_year": min(d.years), "last_year": max(d.years),
                     "years": ",".join(map(str, d.years)), "mean_log_growth": d.mean_log_growth,
                     "sd_log_growth": d.sd_log_growth, "mean_growth_pct": d.mean_growth_pct})
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
