"""Loading a programme's target catalogue (``targets.csv``): each target with its indicator, its
comparator and value (or range), its period and its direction.

The table schema ``data/schema/targets.schema.json`` is applied cell by cell
(:mod:`analysis.data.validate`), with its foreign key to the province's indicators; then what a
schema cannot say: a range has ``low < high``, every other comparator a ``value``, and a target's
period starts no later than its target year.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data.indicators import indicators_path_for, read_indicators
from analysis.data.numbers import EXPECTED_NUMBER
from analysis.data.schema import TARGETS, resource_schema
from analysis.data.table_reader import RawTable
from analysis.data.validate import check_foreign, load_resource, raise_if
from analysis.errors import Problem
from analysis.messages import text
from analysis.programme import default_path

#: Comparator whose target is a range given by ``low`` and ``high``.
RANGE_COMPARATOR = "range"


def read_targets(path: Path | str | None, indicators: pd.DataFrame | None
                 ) -> tuple[pd.DataFrame, list[Problem]]:
    """The target catalogue and its problems, returned, not raised; the foreign keys of the
    schema checked against ``indicators`` when given; default the default programme's.
    """
    table, frame, problems = load_resource(Path(path or default_path(TARGETS)), TARGETS)
    if frame.empty or "source_row" not in frame:
        return frame, problems
    if indicators is not None:
        for key in resource_schema(TARGETS).get("foreignKeys", []):
            if key["reference"]["resource"] == "indicators":
                (column,), (referenced,) = key["fields"], key["reference"]["fields"]
                check_foreign(frame, table, column, indicators[referenced], "indicator",
                              problems)
    for row in frame.itertuples(index=False):
        _check_target_row(row, table, problems)
    return frame, problems


def _check_target_row(row, table: RawTable, problems: list[Problem]) -> None:
    """Range targets need low < high; other comparators need a value; start <= target year."""
    if row.comparator == RANGE_COMPARATOR:
        if pd.isna(row.low) or pd.isna(row.high):
            problems.append(Problem(**table.where(int(row.source_row), "low"),
                                    message=text("msg.target.range_needs_bounds"),
                                    expected=text("msg.target.range_needs_bounds.expected")))
        elif not row.low < row.high:
            problems.append(Problem(**table.where(int(row.source_row), "high"),
                                    message=text("msg.target.range_order"),
                                    found=f"{row.low:g}..{row.high:g}", expected="low < high"))
    elif row.comparator and pd.isna(row.value):
        problems.append(Problem(**table.where(int(row.source_row), "value"),
                                message=text("msg.target.needs_value",
                                             comparator=row.comparator),
                                expected=EXPECTED_NUMBER))
    if (pd.notna(row.period_start) and pd.notna(row.target_year)
            and row.period_start > row.target_year):
        problems.append(Problem(**table.where(int(row.source_row), "period_start"),
                                message=text("msg.target.starts_late"),
                                found=str(row.period_start),
                                expected=text("msg.target.starts_late.expected",
                                              year=int(row.target_year))))


def load_targets(path: Path | str | None = None,
                 indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Load the target catalogue.

    Parameters
    ----------
    path : Path or str, optional
        CSV or XLSX; default the default programme's.
    indicators : pandas.DataFrame, optional
        The indicator catalogue; default: read from beside ``path`` if there, else the shipped
        one.

    Returns
    -------
    pandas.DataFrame
        Columns target_id, indicator_id, group, name_vi, name_en, text_vi, unit, kind,
        comparator, value, low, high (float64, NaN when empty), period_start, target_year
        (Int64), price_basis, direction, section, note, source_file, source_row.

    Raises
    ------
    InputError
        Listing every problem in the file (and in the indicator file when read here).
    """
    problems: list[Problem] = []
    if indicators is None:
        indicators, problems = read_indicators(indicators_path_for(path))
    frame, more = read_targets(path, None if problems else indicators)
    raise_if(problems + more)
    return frame
