"""How well the actual values cover each target: which years have what kind of value.

For each target's indicator, the value chosen for every period (:func:`analysis.data.selection.
choose_values`) is put in one class per calendar year:

* **annual**: a full calendar-year value whose status is not an estimate (official,
  preliminary, reported);
* **estimate only**: the year's chosen value is a provincial estimate (no more final value);
* **partial-year only**: the year has no full-year value, only a value for its first months;
* values for several years (``2021-2025``) are listed as periods of their own.

A target whose indicator has no value at all is reported as having no data.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.periods import MONTHS_PER_YEAR, format_years
from analysis.data.selection import choose_values
from analysis.data.statuses import ESTIMATE
from analysis.messages import text


def year_classes(chosen: pd.DataFrame) -> pd.DataFrame:
    """Years of each indicator by class.

    Parameters
    ----------
    chosen : pandas.DataFrame
        As returned by :func:`analysis.data.selection.choose_values`.

    Returns
    -------
    pandas.DataFrame
        Indexed by indicator_id, columns ``annual``, ``estimate_only``, ``partial_only``
        (sorted lists of int years) and ``multi_year`` (list of period strings).
    """
    out = {}
    for indicator, rows in chosen.groupby("indicator_id", sort=True):
        annual = rows.loc[rows["is_annual"]]
        full = set(annual["year"])
        partial = rows.loc[rows["months"] < MONTHS_PER_YEAR, "year"]
        out[indicator] = {
            "annual": sorted(int(y) for y in annual.loc[annual["status"] != ESTIMATE,
                                                        "year"]),
            "estimate_only": sorted(int(y) for y in annual.loc[annual["status"]
                                                               == ESTIMATE, "year"]),
            "partial_only": sorted({int(y) for y in partial if y not in full}),
            "multi_year": sorted(rows.loc[rows["start_year"] < rows["year"], "period"]),
        }
    frame = pd.DataFrame.from_dict(out, orient="index")
    frame.index.name = "indicator_id"
    return frame


def target_coverage(targets: pd.DataFrame, actuals: pd.DataFrame) -> pd.DataFrame:
    """Coverage of every target by the actual values of its indicator.

    Parameters
    ----------
    targets : pandas.DataFrame
        As returned by :func:`analysis.data.targets.load_targets`.
    actuals : pandas.DataFrame
        As returned by :func:`analysis.data.actuals.load_actuals` (all candidates).

    Returns
    -------
    pandas.DataFrame
        One row per target in catalogue order: ``target_id``, ``indicator_id``, ``annual``,
        ``estimate_only``, ``partial_only`` (lists of int years), ``multi_year`` (list of
        periods), ``latest_year`` (Int64: last year with a full-year value, annual or
        estimate), ``has_data`` (bool).
    """
    classes = year_classes(choose_values(actuals))
    frame = targets[["target_id", "indicator_id"]].join(classes, on="indicator_id")
    for column in ("annual", "estimate_only", "partial_only", "multi_year"):
        frame[column] = [v if isinstance(v, list) else [] for v in frame[column]]
    frame["latest_year"] = pd.array(
        [max(a + e) if a + e else pd.NA
         for a, e in zip(frame["annual"], frame["estimate_only"], strict=True)], dtype="Int64")
    frame["has_data"] = frame["indicator_id"].isin(classes.index)
    return frame.reset_index(drop=True)


def coverage_table(coverage: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """Printable coverage: years as lists (:func:`analysis.data.periods.format_years`), and
    "no data" in ``lang`` (default the messages' language) where nothing is known.

    Parameters
    ----------
    coverage : pandas.DataFrame
        As returned by :func:`target_coverage`.

    Returns
    -------
    pandas.DataFrame
        Columns target, indicator, annual, estimate only, partial-year only, multi-year (str).
    """
    table = pd.DataFrame({
        "target": coverage["target_id"],
        "indicator": coverage["indicator_id"],
        "annual": coverage["annual"].map(format_years),
        "estimate only": coverage["estimate_only"].map(format_years),
        "partial-year only": coverage["partial_only"].map(format_years),
        "multi-year": coverage["multi_year"].map(", ".join),
    })
    table.loc[~coverage["has_data"], "annual"] = text("msg.check.no_data").render(lang)
    return table
