"""Loading a programme's own historical facts (``reference_values.csv``: section I of
26-CTr/TU), each with its period, value, unit and the programme's own sentence.

The table schema ``data/schema/reference_values.schema.json`` is applied cell by cell
(:mod:`analysis.data.validate`); a unit is one of the indicators' list or an n-fold increase
(:data:`REFERENCE_EXTRA_UNITS`), and a period's years lie in the years accepted anywhere
(:mod:`analysis.data.periods`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data.periods import checked_period
from analysis.data.schema import INDICATORS, REFERENCE_VALUES, field_enum
from analysis.data.validate import load_resource, raise_if
from analysis.errors import Problem
from analysis.messages import text
from analysis.programme import default_path

#: File name of the reference values looked for beside a targets file given on its own (a
#: catalogue being edited), as the indicators are (:data:`analysis.programme.INDICATORS_FILE`).
REFERENCE_VALUES_FILE = "reference_values.csv"
#: Extra unit allowed for reference values (an n-fold increase).
REFERENCE_EXTRA_UNITS = ("times",)


def reference_values_path_for(targets_path: Path | str | None) -> Path:
    """Find the reference-value file beside ``targets_path``, else the shipped one."""
    if targets_path is not None:
        beside = Path(targets_path).parent / REFERENCE_VALUES_FILE
        if beside.is_file():
            return beside
    return default_path(REFERENCE_VALUES)


def read_reference_values(path: Path | str | None) -> tuple[pd.DataFrame, list[Problem]]:
    """The reference values and their problems, returned, not raised."""
    path = Path(path or default_path(REFERENCE_VALUES))
    table, frame, problems = load_resource(path, REFERENCE_VALUES)
    if frame.empty or "source_row" not in frame:
        return frame, problems
    units = set(field_enum(INDICATORS, "unit")) | set(REFERENCE_EXTRA_UNITS)
    for row in frame.itertuples(index=False):
        if row.unit and row.unit not in units:
            problems.append(Problem(**table.where(int(row.source_row), "unit"),
                                    message=text("msg.unit.not_listed"), found=row.unit,
                                    expected=text("msg.value.one_of",
                                                  values=", ".join(sorted(units)))))
        if row.period:
            checked_period(row.period, table.where(int(row.source_row), "period"), problems)
    return frame, problems


def load_reference_values(path: Path | str | None = None) -> pd.DataFrame:
    """Load the programme's own historical facts (section I of 26-CTr/TU).

    Parameters
    ----------
    path : Path or str, optional
        CSV or XLSX; default the default programme's ``reference_values.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns reference_id, name_vi, name_en, period, value (float64), unit, qualifier,
        section, quote, source_file, source_row.

    Raises
    ------
    InputError
        Listing every problem in the file.
    """
    frame, problems = read_reference_values(path)
    raise_if(problems)
    return frame
