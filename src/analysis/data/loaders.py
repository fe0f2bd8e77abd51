"""Loading a programme's data together: its targets and reference values, its province's
indicators and actuals, validated as one :class:`Dataset`; and the one place to import a
loader from.

The data flow through four layers, one module each:

1. **Reading** a table file into cells (:mod:`analysis.data.table_reader`): CSV in UTF-8 or
   Windows-1258, comma, semicolon or tab separated, or a worksheet of a workbook as Excel shows
   it; title rows above the header passed over, a renamed sheet found by its columns.
2. **The data contract**: the table schemas ``data/schema/<resource>.schema.json``
   (:mod:`analysis.data.schema`), applied cell by cell (:mod:`analysis.data.validate`:
   required, enum, pattern, type, bounds, unique, primary and foreign keys; numbers typed the
   Vietnamese way, :mod:`analysis.data.numbers`).
3. **One loader per resource**, with what a schema cannot say: :mod:`analysis.data.indicators`
   (the roles), :mod:`analysis.data.targets` (ranges, values, periods),
   :mod:`analysis.data.reference_values` and :mod:`analysis.data.actuals` (periods and
   statuses, units, the band of each measure, the source tier).
4. **The series** (:func:`load_dataset` only, once the files are otherwise valid): the checks of
   :mod:`analysis.data.plausibility` (a value far off its own series, shares of GRDP that do
   not add up, a published average that disagrees with the annual rates it summarises).

All errors in all files are collected and raised as one :class:`~analysis.errors.InputError`
naming file, sheet, row (or Excel cell), column, what was found and what was expected, in the
user's language (:mod:`analysis.messages`). Warnings (a value used, but worth a second look)
are kept on :class:`Dataset`.

The loaders of the single resources are imported here too (:data:`__all__`), so that a caller
needs one module for every loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.data import plausibility
from analysis.data.actuals import load_actuals, read_actuals
from analysis.data.indicators import indicators_path_for, load_indicators, read_indicators
from analysis.data.reference_values import (
    load_reference_values,
    read_reference_values,
    reference_values_path_for,
)
from analysis.data.schema import field_names
from analysis.data.table_reader import read_table
from analysis.data.targets import load_targets, read_targets
from analysis.data.validate import errors_of, raise_if, warnings_of
from analysis.errors import Problem
from analysis.programme import default_path

__all__ = ["Dataset", "load_actuals", "load_dataset", "load_indicators", "load_programme_data",
           "load_reference_values", "load_targets", "read_table"]


@dataclass
class Dataset:
    """Everything the assessment reads, validated.

    Attributes
    ----------
    indicators, targets, reference_values, actuals : pandas.DataFrame
        The validated tables (see the loaders for their columns).
    files : dict of str to Path
        Every file read, by resource name, for provenance hashing.
    warnings : list of Problem
        Values that are used but deserve a second look (severity ``warning``):
        :mod:`analysis.data.plausibility` and the loaders' own.
    skipped_rows : int
        Unfilled template rows of the actuals that were skipped.
    not_measurable : tuple of str
        The targets the programme declares cannot be measured any more (``not_measurable`` in
        its ``programme.yaml``); the assessment classes them apart.
    """

    indicators: pd.DataFrame
    targets: pd.DataFrame
    reference_values: pd.DataFrame
    actuals: pd.DataFrame
    files: dict[str, Path] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    skipped_rows: int = 0
    not_measurable: tuple[str, ...] = ()


def load_dataset(targets_path: Path | str | None = None,
                 actuals_path: Path | str | None = None,
                 indicators_path: Path | str | None = None,
                 reference_values_path: Path | str | None = None) -> Dataset:
    """Load and validate everything: indicators, targets, reference values and actuals.

    The indicator and reference-value files, when not given, are read from beside the targets
    file when they are there, else the shipped ones are used (a programme names its own,
    :func:`analysis.programme.load_programme`).

    Parameters
    ----------
    targets_path : Path or str, optional
        Default the default programme's.
    actuals_path : Path or str, optional
        Default the default programme's (its province's).
    indicators_path, reference_values_path : Path or str, optional
        The province's indicator list and the programme's reference values.

    Returns
    -------
    Dataset

    Raises
    ------
    InputError
        Listing every error in every file, and, when the files are otherwise valid, the
        plausibility errors of the actual values (:mod:`analysis.data.plausibility`).
    """
    targets_path = Path(targets_path or default_path("targets"))
    actuals_path = Path(actuals_path or default_path("actuals"))
    files = {
        "indicators": Path(indicators_path) if indicators_path
        else indicators_path_for(targets_path),
        "targets": targets_path,
        "reference_values": Path(reference_values_path) if reference_values_path
        else reference_values_path_for(targets_path),
        "actuals": actuals_path,
    }
    return _load_files(files)


def load_programme_data(programme, actuals_path: Path | str | None = None) -> Dataset:
    """The dataset a programme names: its targets and reference values, and its province's
    indicators and actuals (``actuals_path`` replaces the province's, e.g. a filled workbook).

    Parameters
    ----------
    programme : analysis.programme.Programme
        From :func:`analysis.programme.load_programme`.
    actuals_path : Path or str, optional
        Actual values to read instead of the programme's.

    Raises
    ------
    InputError
        As :func:`load_dataset`.
    """
    files = {"indicators": programme.indicators, "targets": programme.targets,
             "actuals": Path(actuals_path or programme.actuals)}
    if programme.reference_values is not None:
        files["reference_values"] = programme.reference_values
    dataset = _load_files(files)
    dataset.not_measurable = tuple(getattr(programme, "not_measurable", None) or ())
    return dataset


def _load_files(files: dict[str, Path]) -> Dataset:
    """Load and validate the files of a dataset (``reference_values`` optional)."""
    indicators, problems = read_indicators(files["indicators"])
    known = None if problems else indicators
    targets, more_targets = read_targets(files["targets"], known)
    if "reference_values" in files:
        reference_values, more_references = read_reference_values(files["reference_values"])
    else:
        reference_values, more_references = pd.DataFrame(
            columns=field_names("reference_values")), []
    actuals, more_actuals, table = read_actuals(files["actuals"], known)
    found = problems + more_targets + more_references + more_actuals
    if not errors_of(found):
        found += plausibility.review(actuals, indicators, table.where)
    raise_if(found)
    return Dataset(indicators, targets, reference_values, actuals, files,
                   warnings=warnings_of(found), skipped_rows=table.skipped)
