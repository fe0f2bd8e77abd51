"""The annual values an assessment uses: the loader's choice, annual periods only, by indicator."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.data.periods import annual_mask
from analysis.data.selection import choose_values

_EMPTY_ANNUAL = pd.DataFrame({
    "indicator_id": pd.Series(dtype=object), "year": pd.Series(dtype=int),
    "value": pd.Series(dtype=float), "unit": pd.Series(dtype=object),
    "status": pd.Series(dtype=object), "qualifier": pd.Series(dtype=object),
    "price_basis": pd.Series(dtype=object), "conflict": pd.Series(dtype=bool)})


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


def by_indicator(annual: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Annual values split by indicator, each indexed by year (done once per assessment)."""
    by_year = annual.set_index("year")
    return {str(k): g for k, g in by_year.groupby("indicator_id", sort=False)}


def series(annual: pd.DataFrame | Mapping[str, pd.DataFrame], indicator_id: str) -> pd.DataFrame:
    """One indicator's annual values indexed by year, from :func:`annual_values` or its
    :func:`by_indicator` split (empty when it has none).
    """
    if isinstance(annual, Mapping):
        found = annual.get(indicator_id)
        return found if found is not None else _EMPTY_ANNUAL.set_index("year")
    return annual[annual["indicator_id"] == indicator_id].set_index("year")

