"""Loading a province's indicator catalogue (``indicators.csv``): every series an actual value
or a target refers to, with its one unit, its measure and its role.

The table schema ``data/schema/indicators.schema.json`` is applied cell by cell
(:mod:`analysis.data.validate`), then the roles the catalogue declares are checked
(:func:`analysis.roles.check_roles`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data.schema import INDICATORS
from analysis.data.validate import errors_of, load_resource, raise_if
from analysis.errors import Problem
from analysis.programme import INDICATORS_FILE, default_path
from analysis.roles import check_roles


def read_indicators(path: Path | str | None) -> tuple[pd.DataFrame, list[Problem]]:
    """The indicator catalogue and its problems, returned, not raised (its roles checked too,
    :func:`analysis.roles.check_roles`); default the default programme's.
    """
    table, frame, problems = load_resource(Path(path or default_path(INDICATORS)), INDICATORS)
    if not errors_of(problems) and not frame.empty:
        check_roles(frame, table.where, problems)
    return frame, problems


def load_indicators(path: Path | str | None = None) -> pd.DataFrame:
    """Load the indicator catalogue.

    Parameters
    ----------
    path : Path or str, optional
        CSV or XLSX; default the default programme's (its province's).

    Returns
    -------
    pandas.DataFrame
        The columns of its schema (indicator_id, name_vi, name_en, unit, measure, description,
        publisher_vi, publisher_en, role, grdp_structures, level_series), then source_file and
        source_row.

    Raises
    ------
    InputError
        Listing every problem in the file.
    """
    frame, problems = read_indicators(path)
    raise_if(problems)
    return frame


def indicators_path_for(targets_path: Path | str | None) -> Path:
    """Find the indicator file beside ``targets_path`` if there is one, else the shipped one."""
    if targets_path is not None:
        beside = Path(targets_path).parent / INDICATORS_FILE
        if beside.is_file():
            return beside
    return default_path(INDICATORS)
