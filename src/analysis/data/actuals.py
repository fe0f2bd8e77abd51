"""Loading a province's actual values (``actuals.csv``, or the ``actuals`` sheet of the Excel
data-entry workbook): every published value of every indicator, each with its period, status,
qualifier, price basis and source, every candidate kept (:mod:`analysis.data.selection` chooses
among them).

The table schema ``data/schema/actuals.schema.json`` is applied cell by cell
(:mod:`analysis.data.validate`); the template's unfilled rows (nothing typed in
:data:`ENTRY_COLUMNS`) are skipped, in a workbook and in a CSV saved from it alike. Then, row by
row: the indicator is in the catalogue and the unit is its unit; the period follows the grammar
of :mod:`analysis.data.periods` and its years lie in the years accepted anywhere, in order; a
partial period (``2024-9M``) has the status ``partial-year`` and only a partial period has it;
the value lies in its measure's band (:func:`analysis.data.measures.plausible_band`); the
``source_tier`` agrees with the rule of :mod:`analysis.data.tiers` (and is filled from it when
empty). The checks of a value against its own series are :mod:`analysis.data.plausibility`'s,
run on the whole dataset (:func:`analysis.data.loaders.load_dataset`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pandas as pd

from analysis.data import tiers, vocabulary
from analysis.data.indicators import read_indicators
from analysis.data.measures import plausible_band
from analysis.data.periods import YEAR_MAX, YEAR_MIN, Period, checked_period, year_bounds_text
from analysis.data.schema import ACTUALS, INDICATORS, required_fields
from analysis.data.statuses import PARTIAL_STATUS
from analysis.data.table_reader import RawTable, cell_text
from analysis.data.validate import check_foreign, load_resource, raise_if, tighten_ints
from analysis.errors import InputError, Problem
from analysis.messages import Num, text
from analysis.programme import default_path

#: Entry cells of an actuals row: a row with all of them empty is an unfilled template row
#: (e.g. a blank row for a new year, indicator and unit pre-filled) and is skipped.
ENTRY_COLUMNS = ("value", "status", "qualifier", "source_title", "source_url", "quote")


def _without_unfilled(table: RawTable) -> RawTable:
    """Drop the unfilled template rows (every :data:`ENTRY_COLUMNS` cell empty).

    The same in a workbook and in a CSV saved from it: a row with only the indicator, the
    period and the unit the template pre-filled is a row nobody has typed into yet. A table
    missing a required column is left as it is (the column is reported, not this).
    """
    if not set(required_fields(ACTUALS)) <= set(table.header):
        return table
    rows = [(n, cells) for n, cells in table.rows
            if any(cell_text(cells.get(c, "")) != "" for c in ENTRY_COLUMNS)]
    if not rows:
        raise InputError([Problem(str(table.file), text("msg.file.no_filled_rows"),
                                  sheet=table.sheet,
                                  expected=text("msg.file.no_filled_rows.expected"))])
    return replace(table, rows=rows, skipped=table.skipped + len(table.rows) - len(rows))


def read_actuals(path: Path | str | None, indicators: pd.DataFrame | None
                 ) -> tuple[pd.DataFrame, list[Problem], RawTable]:
    """Actual values with derived period columns, their problems (returned, not raised), and
    the table read; each row checked against ``indicators`` when given.
    """
    table, frame, problems = load_resource(Path(path or default_path(ACTUALS)), ACTUALS,
                                           prepare=_without_unfilled)
    if "source_row" not in frame:
        return frame, problems, table
    catalogue = None
    if indicators is not None:
        check_foreign(frame, table, "indicator_id", indicators["indicator_id"], "indicator",
                      problems)
        catalogue = indicators.set_index("indicator_id")[["unit", "measure"]].to_dict("index")
    periods = [_check_actual_row(row, table, catalogue, problems)
               for row in frame.itertuples(index=False)]
    frame = tiers.apply(frame, table.where, problems)
    return _with_periods(frame, periods), problems, table


def _check_actual_row(row, table: RawTable, catalogue: dict | None,
                      problems: list[Problem]) -> Period | None:
    """Period, status, publication year, unit and plausibility of one actual row."""
    number = int(row.source_row)
    period = checked_period(row.period, table.where(number, "period"), problems) if row.period \
        else None
    if period and row.status:
        if period.is_partial != (row.status == PARTIAL_STATUS):
            problems.append(Problem(
                **table.where(number, "status"),
                message=text("msg.status.partial_needs_status" if period.is_partial
                             else "msg.status.partial_needs_period"),
                found=f"period {row.period}, status {row.status}",
                expected=text("msg.status.partial.expected",
                              word=vocabulary.word("status", PARTIAL_STATUS),
                              status=PARTIAL_STATUS)))
    if row.published and re.match(r"\d{4}", row.published):
        year = int(row.published[:4])
        if not YEAR_MIN <= year <= YEAR_MAX:
            problems.append(Problem(**table.where(number, "published"),
                                    message=text("msg.year.out_of_range"), found=row.published,
                                    expected=year_bounds_text()))
    if catalogue is not None and row.indicator_id in catalogue:
        _check_against_indicator(row, catalogue[row.indicator_id], table, problems)
    return period


def _check_against_indicator(row, indicator: dict, table: RawTable,
                             problems: list[Problem]) -> None:
    """Check the unit is the indicator's and the value plausible for its measure."""
    number = int(row.source_row)
    if row.unit and row.unit != indicator["unit"]:
        problems.append(Problem(**table.where(number, "unit"),
                                message=text("msg.unit.mismatch", indicator=row.indicator_id),
                                found=row.unit,
                                expected=text("msg.unit.mismatch.expected",
                                              unit=indicator["unit"],
                                              word=vocabulary.word("unit", indicator["unit"]))))
    if pd.isna(row.value):
        return
    band = plausible_band(indicator["measure"])
    if band and not band[0] <= row.value <= band[1]:
        problems.append(Problem(**table.where(number, "value"),
                                message=text(f"msg.value.implausible.{indicator['measure']}",
                                             unit=indicator["unit"]),
                                found=f"{row.value:g}",
                                expected=text("msg.value.between" if band[1] != float("inf")
                                              else "msg.value.at_least",
                                              low=Num(band[0]), high=Num(band[1]))))


def _with_periods(frame: pd.DataFrame, periods: list[Period | None]) -> pd.DataFrame:
    """Add start_year, year, months and is_annual (one whole calendar year) from the periods."""
    frame = frame.copy()
    frame["start_year"] = pd.array([p.first if p else pd.NA for p in periods], dtype="Int64")
    frame["year"] = pd.array([p.last if p else pd.NA for p in periods], dtype="Int64")
    frame["months"] = pd.array([p.months if p else pd.NA for p in periods], dtype="Int64")
    frame["is_annual"] = pd.Series([bool(p and p.is_year) for p in periods], index=frame.index,
                                   dtype=bool)
    columns = [c for c in frame.columns if c not in ("source_file", "source_row")]
    return tighten_ints(frame[[*columns, "source_file", "source_row"]].copy())


def load_actuals(path: Path | str | None = None,
                 indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Load the actual values, every candidate row kept (see :mod:`analysis.data.selection`).

    Parameters
    ----------
    path : Path or str, optional
        CSV, or an Excel workbook whose ``actuals`` sheet is read; default the default
        programme's (its province's).
    indicators : pandas.DataFrame, optional
        The indicator catalogue; default the default programme's.

    Returns
    -------
    pandas.DataFrame
        Columns indicator_id, period, value (float64), unit, status, qualifier, price_basis,
        published, source_title, source_url, source_tier (filled by the rule of
        :mod:`analysis.data.tiers` where the cell is empty), quote, choice, note (str, '' when
        empty), then
        start_year, year (end year), months (Int64; 12 for a calendar year, 9 for
        ``2024-9M``, 36 for ``2021-2023``), is_annual (bool: one full calendar year),
        source_file (str), source_row (int64, header = row 1).

    Raises
    ------
    InputError
        Listing every problem in the file.
    """
    problems: list[Problem] = []
    if indicators is None:
        indicators, problems = read_indicators(default_path(INDICATORS))
    frame, more, _ = read_actuals(path, None if problems else indicators)
    raise_if(problems + more)
    return frame
