"""What a report reads about a target: its row, its values, its names, its scenarios.

The queries the chapters (:mod:`analysis.report.chapters`) and the charts
(:mod:`analysis.report.charts`) share. Each takes the :class:`~analysis.report.context.Report`
and a target (or indicator) id and returns a frame, a row or a text; the chapters make
sentences and tables of them (:mod:`analysis.report.chapters.base`), the charts lines and bars.
Nothing here names a particular target, programme or province.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.periods import is_annual
from analysis.data.statuses import PARTIAL_STATUS
from analysis.engine import progress as pg
from analysis.engine.assess import TARGET_SCENARIO
from analysis.i18n import has
from analysis.report import formatting as fmt
from analysis.report.context import Report


def targets(r: Report) -> pd.DataFrame:
    """The programme's targets, indexed by target id (the id kept as a column too)."""
    return r.targets_by_id


def name(r: Report, target_id: str) -> str:
    """A target's name in the report's language."""
    return str(targets(r).loc[target_id, f"name_{r.lang}"])


def indicator_name(r: Report, indicator_id: str) -> str:
    """An indicator's name in the report's language (its id when unknown)."""
    ind = r.indicators_by_id
    if indicator_id in ind.index:
        return str(ind.loc[indicator_id, f"name_{r.lang}"])
    return indicator_id


def indicator_unit(r: Report, indicator_id: str) -> str:
    """An indicator's unit code."""
    ind = r.indicators_by_id
    return str(ind.loc[indicator_id, "unit"]) if indicator_id in ind.index else ""


def short_indicator(r: Report, indicator_id: str) -> str:
    """A short label for a chart tick (``short.<id>`` in the table), else the full name."""
    key = f"short.{indicator_id}"
    return r.t(key) if has(key) else indicator_name(r, indicator_id)


def main_rows(r: Report) -> pd.DataFrame:
    """One summary row per target: the row that assesses it as catalogued."""
    return r.main_rows


def row(r: Report, target_id: str) -> dict | None:
    """A target's summary row as a dict, or None."""
    rows = main_rows(r)
    return rows.loc[target_id].to_dict() if target_id in rows.index else None


def class_of(row_: dict | None) -> str:
    """The progress class of a row (no data for none)."""
    return pg.NO_DATA if row_ is None else str(row_["progress_class"])


def values_of(r: Report, indicator_id: str, annual: bool | None = None) -> pd.DataFrame:
    """Used values of one indicator, oldest first; ``annual`` filters annual / not annual."""
    u = r.used
    u = u[u["indicator_id"] == indicator_id]
    if annual is not None and len(u):
        annuals = [is_annual(p, s) for p, s in zip(u["period"], u["status"], strict=True)]
        u = u[[a == annual for a in annuals]]
    key = u["period"].map(lambda p: (fmt.period_end_year(p), len(str(p)), str(p)))
    return u.assign(_k=key).sort_values("_k").drop(columns="_k")


def partial_values(r: Report, indicator_id: str) -> pd.DataFrame:
    """Used part-year values of one indicator."""
    u = values_of(r, indicator_id)
    return u[u["status"] == PARTIAL_STATUS]


def target_text(r: Report, target_id: str) -> str:
    """The target as the programme states it: ``9–11%/năm``, ``trên 95%``."""
    return fmt.target(targets(r).loc[target_id].to_dict(), r.lang)


def source_line(r: Report, extra: str | None = None) -> list:
    """A figure's source line."""
    text = r.t("doc.source_default") + (f"; {extra}" if extra else "")
    return [r.t("doc.source", text=text)]


def scenario_rows(r: Report, target_id: str) -> pd.DataFrame:
    """Summary rows of a growth target for each scenario (rates, then custom scenarios)."""
    s = r.assessment.summary
    return s[(s["target_id"] == target_id) & (s["scenario"] != TARGET_SCENARIO)]


def rate_rows(r: Report, target_id: str) -> pd.DataFrame:
    """The constant-rate scenarios of a growth target."""
    rows = scenario_rows(r, target_id)
    return rows[~rows["flags"].astype(str).str.contains("assumption")]


def custom_rows(r: Report, target_id: str) -> pd.DataFrame:
    """The custom scenarios (assumptions) of a growth target."""
    rows = scenario_rows(r, target_id)
    return rows[rows["flags"].astype(str).str.contains("assumption")]


def scenario_label(r: Report, row_: dict) -> str:
    """A scenario's label: its rate (``9%/năm``) or its name from the scenarios file."""
    sc = r.assessment.scenarios.set_index("scenario")
    if not fmt.is_missing(row_.get("scenario_rate_pct")):
        rate = float(row_["scenario_rate_pct"])
        return r.t("scenario.rate", rate=fmt.growth(rate, r.lang,
                                                    decimals=0 if rate.is_integer() else 1))
    sid = row_["scenario"]
    return str(sc.loc[sid, f"label_{r.lang}"]) if sid in sc.index else str(sid)


def missing_years(r: Report, indicator_id: str) -> list[int]:
    """Years from the base year to the assessment year with no annual value."""
    have = set(values_of(r, indicator_id, annual=True)["year"].astype(int))
    return [y for y in range(r.base_year, r.year + 1) if y not in have]
