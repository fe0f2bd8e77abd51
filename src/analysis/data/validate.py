"""Applying a table schema to the cells read: every cell typed and checked, every key unique.

For each field of the resource's schema (:mod:`analysis.data.schema`) :func:`apply_schema`
applies ``required``, ``enum`` (a Vietnamese word of :mod:`analysis.data.vocabulary` stands for
its code), ``pattern``, ``format: uri``, ``type`` (string, number, integer) and
``minimum``/``maximum``, then ``unique`` and the ``primaryKey``; :func:`check_foreign` applies a
foreign key. Numbers are read by :func:`analysis.data.numbers.parse_number`, column by column
(Vietnamese-typed or machine numbers; an ambiguous cell is an error, a cell typed the other way
in a column with ambiguous cells a warning).

Problems are appended to a list, never raised one by one, so that one run reports every
problem of every file; :func:`raise_if` raises them together at the end.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis.data import vocabulary
from analysis.data.excel_reader import Formula
from analysis.data.numbers import (
    AMBIGUOUS,
    DOT,
    EXPECTED_NUMBER,
    INPUT_LOCALE,
    VI,
    VIETNAMESE,
    Convention,
    classify_number,
    convention_of,
    parse_number,
    readings,
)
from analysis.data.schema import required_fields, resource_schema
from analysis.data.table_reader import RawTable, cell_text, hidden_warnings, read_table
from analysis.errors import WARNING, InputError, Problem
from analysis.i18n import has
from analysis.messages import Num, text

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def _expected_of(spec: dict):
    """What a cell of the field ``spec`` should hold, for messages."""
    key = f"msg.field.{spec['name']}"
    if has(key):
        return text(key)
    if spec["type"] in ("number", "integer"):
        return EXPECTED_NUMBER
    return text("msg.field.any")


def _allowed(name: str, enum: list[str]):
    """The allowed values of an enum field: the Vietnamese words too where there are some."""
    codes = [v for v in enum if v]
    if name in vocabulary.WORD_COLUMNS:
        words = vocabulary.words(name)
        if words:
            return text("msg.value.one_of_words", words=", ".join(words), codes=", ".join(codes))
    return text("msg.value.one_of", values=", ".join(codes))


def _check_string(value: str, spec: dict, where: dict, problems: list[Problem]) -> str:
    """Apply enum, pattern and uri format to a non-empty string cell (words become codes)."""
    constraints = spec.get("constraints", {})
    enum = constraints.get("enum")
    if spec["name"] in vocabulary.WORD_COLUMNS:
        value = vocabulary.to_code(spec["name"], value)
    if enum is not None and value not in enum:
        problems.append(Problem(**where, message=text("msg.value.not_allowed"), found=value,
                                expected=_allowed(spec["name"], enum)))
    pattern = constraints.get("pattern")
    if pattern and not re.fullmatch(pattern, value):
        problems.append(Problem(**where, message=text("msg.value.pattern"), found=value,
                                expected=_expected_of(spec)))
    if spec.get("format") == "uri" and not _URI.fullmatch(value):
        problems.append(Problem(**where, message=text("msg.value.not_uri"), found=value,
                                expected=text("msg.value.not_uri.expected")))
    return value


def _check_number(value: object, spec: dict, where: dict, convention: Convention,
                  problems: list[Problem]) -> float | int | None:
    """Parse a number or integer cell and apply minimum/maximum."""
    try:
        number = parse_number(value, convention=convention, **where)
    except InputError as exc:
        problems.extend(exc.problems)
        return None
    if spec["type"] == "integer":
        if not number.is_integer():
            problems.append(Problem(**where, message=text("msg.number.not_whole"),
                                    found=cell_text(value),
                                    expected=text("msg.number.not_whole.expected")))
            return None
        number = int(number)
    constraints = spec.get("constraints", {})
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if (low is not None and number < low) or (high is not None and number > high):
        problems.append(Problem(**where, message=text("msg.value.out_of_range"),
                                found=cell_text(value),
                                expected=text("msg.value.between", low=Num(low), high=Num(high))))
    return number


def _number_conventions(table: RawTable, schema: dict) -> dict[str, Convention]:
    """The convention of each number column (see :mod:`analysis.data.numbers`)."""
    columns = [f["name"] for f in schema["fields"] if f["type"] in ("number", "integer")]
    return {c: convention_of((cells.get(c, ""), table.label(n, c)) for n, cells in table.rows)
            for c in columns}


def _mixed_warnings(table: RawTable, conventions: dict[str, Convention],
                    problems: list[Problem]) -> None:
    """Warn about the dot-decimal cells of a Vietnamese column that holds ambiguous cells.

    Their reading is certain, but they are typed the other way; in such a column they, not the
    correctly typed ``850.000``, are the cells to look at (see :mod:`analysis.data.numbers`).
    """
    for column, convention in conventions.items():
        if convention.name != VIETNAMESE or not convention.n_dot:
            continue
        cells = [(n, c[column]) for n, c in table.rows if isinstance(c.get(column), str)]
        vietnamese = [table.label(n, column) for n, v in cells
                      if classify_number(v) in (AMBIGUOUS, VI)][:3]
        if not any(classify_number(v) == AMBIGUOUS for _, v in cells):
            continue
        for number, value in cells:
            kind, _, dot = readings(value)
            if kind != DOT:
                continue
            problems.append(Problem(**table.where(number, column), severity=WARNING,
                                    message=text("msg.number.mixed", value=Num(dot),
                                                 examples=vietnamese),
                                    found=value.strip(),
                                    expected=text("msg.number.mixed.expected",
                                                  vi_form=Num(dot).render(INPUT_LOCALE))))


def apply_schema(table: RawTable, schema: dict, problems: list[Problem]) -> pd.DataFrame:
    """Check and type every cell of ``table`` against a Frictionless table schema.

    Parameters
    ----------
    table : RawTable
        The cells read.
    schema : dict
        A Frictionless table schema (``fields`` with ``type`` and ``constraints``,
        ``primaryKey``).
    problems : list of Problem
        Problems found are appended here (warnings too, with severity ``warning``).

    Returns
    -------
    pandas.DataFrame
        One column per field in schema order plus ``source_file`` and ``source_row``; numbers
        float64 (NaN when empty), integers Int64, strings str ('' when empty).
    """
    fields = schema["fields"]
    at = {"file": str(table.file), "row": table.header_row, "sheet": table.sheet}
    missing = [f["name"] for f in fields
               if f.get("constraints", {}).get("required") and f["name"] not in table.header]
    for name in missing:
        problems.append(Problem(**at, message=text("msg.column.missing"), column=name,
                                expected=text("msg.column.missing.expected", name=name)))
    known = [f["name"] for f in fields]
    for name in table.header:
        if name and name not in known and not vocabulary.is_helper(name):
            problems.append(Problem(**at, message=text("msg.column.unknown"), column=name,
                                    expected=text("msg.column.unknown.expected",
                                                  names=", ".join(known))))
    if missing:
        return pd.DataFrame(columns=[f["name"] for f in fields])
    conventions = _number_conventions(table, schema)
    _mixed_warnings(table, conventions, problems)
    records = []
    for number, cells in table.rows:
        record = {"source_file": str(table.file), "source_row": number}
        for spec in fields:
            record[spec["name"]] = _check_cell(cells.get(spec["name"], ""), spec,
                                               table.where(number, spec["name"]),
                                               conventions.get(spec["name"]), problems)
        records.append(record)
    frame = _typed_frame(records, fields)
    _check_unique(frame, table, schema, problems)
    return frame


def _check_cell(value: object, spec: dict, where: dict, convention: Convention | None,
                problems: list[Problem]) -> object:
    """Typed value of one cell, or None/'' when empty or invalid (problems appended)."""
    if isinstance(value, Formula):  # its value was never saved: not empty, not a number
        problems.append(Problem(**where, message=text("msg.xlsx.formula_without_value"),
                                found=str(value), expected=text("msg.xlsx.formula.expected")))
        return None if spec["type"] in ("number", "integer") else ""
    is_number = spec["type"] in ("number", "integer")
    cell = value if is_number and isinstance(value, float) else cell_text(value)
    if cell == "":
        if spec.get("constraints", {}).get("required"):
            problems.append(Problem(**where, message=text("msg.value.required_missing"),
                                    expected=_expected_of(spec)))
        return None if is_number else ""
    if is_number:
        return _check_number(cell, spec, where, convention or Convention(), problems)
    return _check_string(cell, spec, where, problems)


def _typed_frame(records: list[dict], fields: list[dict]) -> pd.DataFrame:
    """DataFrame of checked records with float64 / Int64 / str columns."""
    columns = [f["name"] for f in fields] + ["source_file", "source_row"]
    frame = pd.DataFrame.from_records(records, columns=columns)
    for spec in fields:
        name = spec["name"]
        if spec["type"] == "number":
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
        elif spec["type"] == "integer":
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("Int64")
        else:
            frame[name] = frame[name].fillna("").astype("str")
    frame["source_row"] = frame["source_row"].astype("int64")
    frame["source_file"] = frame["source_file"].astype("str")
    return tighten_ints(frame)


def tighten_ints(frame: pd.DataFrame) -> pd.DataFrame:
    """Nullable Int64 columns without missing values become plain int64."""
    for name in frame.columns:
        if str(frame[name].dtype) == "Int64" and not frame[name].isna().any():
            frame[name] = frame[name].astype("int64")
    return frame


def _check_unique(frame: pd.DataFrame, table: RawTable, schema: dict,
                  problems: list[Problem]) -> None:
    """Apply ``unique`` field constraints and the ``primaryKey``."""
    keys = [[f["name"]] for f in schema["fields"] if f.get("constraints", {}).get("unique")]
    primary = schema.get("primaryKey")
    if primary and primary not in keys:
        keys.append(list(primary))
    for key in keys:
        values = frame[key].astype("str").agg("\x1f".join, axis=1)
        first_row = {}
        for value, number in zip(values, frame["source_row"], strict=True):
            if value in first_row:
                label = ", ".join(key)
                problems.append(Problem(**table.where(int(number), key[-1] if len(key) == 1
                                                      else None),
                                        message=text("msg.row.duplicate", key=label,
                                                     first=first_row[value]),
                                        found=value.replace("\x1f", " | "),
                                        expected=text("msg.row.duplicate.expected", key=label)))
            else:
                first_row[value] = int(number)


def check_foreign(frame: pd.DataFrame, table: RawTable, column: str, known: pd.Series,
                  what: str, problems: list[Problem]) -> None:
    """Every non-empty ``column`` value must be in ``known``."""
    known_set = set(known)
    for value, number in zip(frame[column], frame["source_row"], strict=True):
        if value and value not in known_set:
            problems.append(Problem(**table.where(int(number), column),
                                    message=text(f"msg.foreign.{what}"), found=value,
                                    expected=text(f"msg.foreign.{what}.expected")))


def load_resource(path: Path | str, resource: str, sheet: str | None = None,
                  prepare: Callable[[RawTable], RawTable] | None = None
                  ) -> tuple[RawTable, pd.DataFrame, list[Problem]]:
    """Read ``path`` (:func:`~analysis.data.table_reader.read_table`: the sheet named ``sheet``,
    default the resource's name) and apply the schema of ``resource``.

    ``prepare`` is applied to the table read before its cells are checked (the actuals leave out
    the template's unfilled rows there); an InputError it raises is a problem of the file.

    Returns
    -------
    tuple
        The table read (an empty one when the file cannot be read), the typed frame (empty
        then) and every problem, the file's own and its cells': returned, not raised.
    """
    problems: list[Problem] = []
    try:
        table = read_table(path, sheet or resource, columns=required_fields(resource))
        if prepare is not None:
            table = prepare(table)
    except InputError as exc:
        return RawTable(Path(path), [], []), pd.DataFrame(), exc.problems
    problems += hidden_warnings(table)
    frame = apply_schema(table, resource_schema(resource), problems)
    return table, frame, problems


def errors_of(problems: list[Problem]) -> list[Problem]:
    """The errors among ``problems`` (warnings left out)."""
    return [p for p in problems if not p.is_warning]


def warnings_of(problems: list[Problem]) -> list[Problem]:
    """The warnings among ``problems``."""
    return [p for p in problems if p.is_warning]


def raise_if(problems: list[Problem]) -> None:
    """Raise one :class:`InputError` when ``problems`` holds an error (warnings do not count)."""
    errors = errors_of(problems)
    if errors:
        raise InputError(errors)


