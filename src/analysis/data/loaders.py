"""Load and validate the target catalogue and the actual values.

Every loader reads CSV (UTF-8, UTF-8 with BOM as Excel's "CSV UTF-8" writes it, or Windows-1258
as Excel's Vietnamese "CSV" writes it; comma, semicolon or tab separated) or an Excel workbook
(the data-entry template of :mod:`analysis.data.excel`), and validates on the way in:

1. **The data contract.** The table schemas ``data/schema/<resource>.schema.json`` (which the
   Frictionless descriptors ``datapackage.json`` of every province and programme folder point
   to) are the single source of truth for columns, types and constraints. For each field the
   loader applies ``required``, ``enum``, ``pattern``, ``type`` (string, number, integer),
   ``minimum``/``maximum`` and ``unique``, then the resource's ``primaryKey`` and
   ``foreignKeys``. Numbers are read by :func:`analysis.data.numbers.parse_number`
   (Vietnamese-typed or machine numbers; an ambiguous cell is an error).
2. **Plausibility** (named constants below): indicator ids exist in the indicator catalogue;
   an actual's unit equals its indicator's unit; years lie in :data:`YEAR_MIN`..
   :data:`YEAR_MAX`; shares and coverages lie in :data:`SHARE_MIN_PCT`..:data:`SHARE_MAX_PCT`;
   growth rates lie in :data:`GROWTH_RATE_MIN_PCT`..:data:`GROWTH_RATE_MAX_PCT`; levels,
   counts and areas are not negative; a partial period (``2024-9M``) has status
   ``partial-year`` and only a partial period has it; range targets have ``low < high``, other
   comparators a ``value``; an actual's ``source_tier`` agrees with the rule of
   :mod:`analysis.data.tiers` (and is filled from it when empty).

3. **The series** (:func:`load_dataset` only, once the files are otherwise valid): the checks of
   :mod:`analysis.data.plausibility` (a value far off its own series, shares of GRDP that do
   not add up, a published average that disagrees with the annual rates it summarises).

Reading is forgiving where the cause is Excel, not the data: title rows above the header are
passed over (the header is the first of the first :data:`HEADER_SEARCH_ROWS` rows holding the
required columns); a workbook whose ``actuals`` sheet was renamed is read from the one sheet
holding those columns; the template's unfilled rows (nothing typed in :data:`ENTRY_COLUMNS`)
are skipped in a workbook and in a CSV saved from it alike; its helper columns
(:data:`analysis.data.vocabulary.HELPER_COLUMNS`) are ignored; status, qualifier and unit may be
typed as Vietnamese words (:mod:`analysis.data.vocabulary`).

All errors in all files are collected and raised as one :class:`~analysis.errors.InputError`
naming file, sheet, row (or Excel cell), column, what was found and what was expected, in the
user's language (:mod:`analysis.messages`). Warnings (a value used, but worth a second look)
are kept on :class:`Dataset`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cache
from pathlib import Path

import pandas as pd

from analysis import DATA_DIR
from analysis.data import vocabulary
from analysis.data.numbers import (
    AMBIGUOUS,
    DOT,
    EXPECTED_NUMBER,
    VI,
    VIETNAMESE,
    Convention,
    classify_number,
    convention_of,
    parse_number,
    readings,
)
from analysis.data.textfiles import checked_size
from analysis.errors import WARNING, InputError, Problem, os_error
from analysis.i18n import has
from analysis.messages import Num, text
from analysis.programme import INDICATORS_FILE, PARTIAL_STATUS

#: Earliest and latest year accepted anywhere (periods, publication dates, target years).
YEAR_MIN, YEAR_MAX = 1990, 2100
#: Shares of GRDP and coverage rates are percentages of a whole.
SHARE_MIN_PCT, SHARE_MAX_PCT = 0.0, 100.0
#: Plausible band for a growth rate in %/yr. Wide on purpose: tourist arrivals grew 103.2 % in
#: one post-COVID year; a value outside the band is almost surely a typo or a level in the
#: wrong column.
GROWTH_RATE_MIN_PCT, GROWTH_RATE_MAX_PCT = -60.0, 150.0
#: Plausible band for a change in percentage points a year.
CHANGE_PP_MIN, CHANGE_PP_MAX = -100.0, 100.0
#: Measures whose values are percentages of a whole, bounded by 0 and 100.
BOUNDED_MEASURES = ("share", "coverage")
#: Measures whose values cannot be negative.
NON_NEGATIVE_MEASURES = ("level", "count", "area")
#: Status of a value for part of a year; the only status a partial period may have.
MONTHS_PER_YEAR = 12
#: Comparator whose target is a range given by ``low`` and ``high``.
RANGE_COMPARATOR = "range"
#: Entry cells of an actuals row: a workbook row with all of them empty is an unfilled
#: template row (e.g. a blank row for a new year, indicator and unit pre-filled) and is skipped.
ENTRY_COLUMNS = ("value", "status", "qualifier", "source_title", "source_url", "quote")
#: Rows searched for the header: title rows typed above it are passed over.
HEADER_SEARCH_ROWS = 10
#: Extra unit allowed for reference values (an n-fold increase).
REFERENCE_EXTRA_UNITS = ("times",)

#: Folder of the table schemas, one ``<resource>.schema.json`` each.
SCHEMA_DIR = DATA_DIR / "schema"
#: File name of the reference values looked for beside a targets file given on its own (a
#: catalogue being edited), as the indicators are (:data:`analysis.programme.INDICATORS_FILE`).
REFERENCE_VALUES_FILE = "reference_values.csv"

CSV_SUFFIXES = (".csv",)
XLSX_SUFFIXES = (".xlsx", ".xlsm")
#: Separators tried for CSV files (Excel in a Vietnamese locale writes ";").
CSV_DELIMITERS = (",", ";", "\t")
#: Encodings tried in order; Windows-1258 only when the text it gives is plausible.
FALLBACK_ENCODING = "cp1258"
#: Largest table file read, in bytes (the shipped actuals are 150 KB; 100,000 rows are 30 MB).
MAX_TABLE_BYTES = 200 << 20
#: Longest CSV cell, in characters (the csv module's own limit; Excel's is 32,767).
MAX_CELL_CHARS = csv.field_size_limit()
#: Share of non-ASCII characters that must be Vietnamese letters or typographic punctuation for
#: a Windows-1258 decoding to be believed.
CP1258_MIN_PLAUSIBLE_SHARE = 0.9

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{1,2})M|-(\d{4}))?$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_VOWELS = "aăâeêioôơuưy"
_VIETNAMESE_LETTERS = frozenset(
    unicodedata.normalize("NFC", v + t)
    for base in (_VOWELS, _VOWELS.upper())
    for v in base
    for t in _TONES
) | frozenset("đĐ")
_TYPOGRAPHY = frozenset("–—‘’“”…•·°±×€\u00a0\u202f")


@dataclass
class RawTable:
    """Cells of one CSV file or worksheet, as text (CSV) or as Excel gave them.

    Attributes
    ----------
    file : Path
        The file read.
    header : list of str
        Column names, stripped.
    rows : list of (int, dict)
        Row number as a spreadsheet shows it (row 1 is the first line of the file) and the
        cells by column name.
    letters : dict or None
        Excel column letter of each column name, for cell references; None for CSV.
    sheet : str or None
        The worksheet read (None for CSV).
    header_row : int
        The row holding the column names (1 unless title rows stand above it).
    skipped : int
        Unfilled template rows skipped (see :data:`ENTRY_COLUMNS`).
    hidden_rows, hidden_columns : frozenset of int, tuple of str
        Rows (numbers) and read columns (names) hidden in Excel; empty for CSV.
    """

    file: Path
    header: list[str]
    rows: list[tuple[int, dict[str, object]]]
    letters: dict[str, str] | None = None
    sheet: str | None = None
    header_row: int = 1
    skipped: int = 0
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: tuple[str, ...] = ()

    def where(self, row: int | None = None, column: str | None = None) -> dict:
        """Location keywords for a :class:`Problem` (file, sheet, row, column and Excel cell)."""
        cell = None
        if self.letters and row is not None and column in self.letters:
            cell = f"{self.letters[column]}{row}"
        return {"file": str(self.file), "row": row, "column": column, "cell": cell,
                "sheet": self.sheet}

    def label(self, row: int, column: str):
        """A short :class:`~analysis.messages.Text` naming one cell (``ô C5`` / ``dòng 5``)."""
        where = self.where(row, column)
        if where["cell"]:
            return text("msg.where.cell", cell=where["cell"])
        return text("msg.where.row", row=row)


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


# --------------------------------------------------------------------------------------------
# Reading files


def decode_text(data: bytes, file: Path | str) -> str:
    """Decode CSV bytes: UTF-8 (with or without BOM), else plausible Windows-1258; NFC.

    Parameters
    ----------
    data : bytes
        The file's content.
    file : Path or str
        The file, for the error message.

    Returns
    -------
    str
        The text, normalised to NFC (Windows-1258 stores some letters as base letter plus
        combining tone mark).

    Raises
    ------
    InputError
        When neither encoding gives plausible text.
    """
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        decoded = _decode_cp1258(data)
    if decoded is None or _has_control_chars(decoded):
        raise InputError([Problem(file=str(file), message=text("msg.file.encoding"),
                                  expected=text("msg.file.encoding.expected"))])
    return unicodedata.normalize("NFC", decoded)


def _decode_cp1258(data: bytes) -> str | None:
    """Windows-1258 decoding of ``data`` when it looks like Vietnamese text, else None."""
    try:
        decoded = unicodedata.normalize("NFC", data.decode(FALLBACK_ENCODING))
    except UnicodeDecodeError:
        return None
    other = [c for c in decoded if ord(c) > 127]
    good = sum(c in _VIETNAMESE_LETTERS or c in _TYPOGRAPHY for c in other)
    if other and good / len(other) < CP1258_MIN_PLAUSIBLE_SHARE:
        return None
    return decoded


def _has_control_chars(decoded: str) -> bool:
    """Tell whether ``decoded`` holds C0 (but tab and line breaks) or C1 control characters."""
    return any(
        (ord(c) < 32 and c not in "\t\r\n") or 0x7F <= ord(c) <= 0x9F for c in decoded
    )


def _sniff_delimiter(line: str) -> str:
    """Pick the separator among :data:`CSV_DELIMITERS` that occurs most in a header line."""
    return max(CSV_DELIMITERS, key=line.count)


def _header_index(records: list[list[object]], columns: tuple[str, ...]) -> int | None:
    """Index of the first of the first :data:`HEADER_SEARCH_ROWS` records naming ``columns``.

    Title rows above the header (a heading typed into the sheet, a date) are passed over. None
    when no record holds every name of ``columns`` (or ``columns`` is empty).
    """
    if not columns:
        return None
    for index, record in enumerate(records[:HEADER_SEARCH_ROWS]):
        names = {str(c).strip() for c in record if c is not None}
        if set(columns) <= names:
            return index
    return None


def _first_filled(records: list[list[object]]) -> int:
    """Index of the first record with a non-empty cell (0 when there is none)."""
    for index, record in enumerate(records):
        if any(c is not None and str(c).strip() for c in record):
            return index
    return 0


def _read_csv(path: Path, columns: tuple[str, ...]) -> RawTable:
    """Read a CSV file into a :class:`RawTable` of strings."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise os_error(exc, path) from None
    if data[:4] == b"PK\x03\x04":
        raise _file_problem(path, text("msg.file.xlsx_named_csv"))
    decoded = decode_text(data, path)
    if not decoded.strip():
        raise _file_problem(path, text("msg.file.empty"), expected=text("msg.file.empty.expected"))
    lines = decoded.splitlines()
    delimiter = _header_delimiter(lines, columns) or _sniff_delimiter(
        lines[_first_filled([[line] for line in lines])])
    records = _csv_records(path, decoded, delimiter)
    at = _header_index(records, columns)
    if at is None:
        _refuse_foreign_file(path, records, columns)
        at = _first_filled(records)
    header = [h.strip() for h in records[at]]
    table = RawTable(path, header, [], header_row=at + 1)
    problems = []
    for number, record in enumerate(records[at + 1:], start=at + 2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            problems.append(Problem(**table.where(number),
                                    message=text("msg.csv.too_many_cells", n=len(record),
                                                 header=len(header)),
                                    expected=text("msg.csv.too_many_cells.expected",
                                                  delimiter=delimiter)))
            continue
        table.rows.append((number, dict(zip(header, record, strict=False))))
    if problems:
        raise InputError(problems)
    return table


def _csv_records(path: Path, decoded: str, delimiter: str) -> list[list[str]]:
    """The records of a CSV text; a cell over :data:`MAX_CELL_CHARS` is an error with its line."""
    reader = csv.reader(io.StringIO(decoded), delimiter=delimiter)
    records = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as exc:
        message = (text("msg.csv.cell_too_long", limit=Num(MAX_CELL_CHARS))
                   if "field limit" in str(exc) else text("msg.csv.unreadable", reason=str(exc)))
        raise InputError([Problem(str(path), message, row=reader.line_num,
                                  expected=text("msg.csv.cell_too_long.expected"))]) from None
    return records


def _refuse_foreign_file(path: Path, records: list[list[object]], columns: tuple[str, ...]):
    """Refuse a file none of whose first rows names any of ``columns`` (e.g. a link to a file
    that is not a table at all): one message naming the file, nothing of its content echoed.
    """
    if not columns:
        return
    names = {str(c).strip() for record in records[:HEADER_SEARCH_ROWS] for c in record
             if c is not None}
    if names & set(columns):
        return  # a table of this kind with columns missing: reported column by column
    target = path.resolve()
    link = text("msg.file.link_to", target=str(target)) if path.is_symlink() else ""
    raise _file_problem(path, text("msg.file.not_this_table", link=link,
                                   rows=HEADER_SEARCH_ROWS),
                        expected=text("msg.file.not_this_table.expected",
                                      columns=", ".join(columns)))


def _header_delimiter(lines: list[str], columns: tuple[str, ...]) -> str | None:
    """The separator that splits one of the first lines into the names of ``columns``."""
    if not columns:
        return None
    for line in lines[:HEADER_SEARCH_ROWS]:
        for delimiter in CSV_DELIMITERS:
            names = {c.strip() for c in next(csv.reader([line], delimiter=delimiter), [])}
            if set(columns) <= names:
                return delimiter
    return None


def _excel_cell(value: object) -> object:
    """Convert an Excel cell for the loaders: str, float, or '' for empty (a formula without
    its value stays a :class:`~analysis.data.excel_reader.Formula`).
    """
    from analysis.data.excel_reader import Formula

    if value is None:
        return ""
    if isinstance(value, Formula):
        return value
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return float(value)
    return unicodedata.normalize("NFC", str(value))


def _read_xlsx(path: Path, sheet: str | None, columns: tuple[str, ...]) -> RawTable:
    """Read one worksheet of a workbook into a :class:`RawTable`, as Excel shows it
    (:mod:`analysis.data.excel_reader`: percent cells, the real extent, formulas, hidden rows).

    The sheet named ``sheet``; when the workbook has none of that name (a renamed sheet), the
    one sheet whose header holds ``columns``; else the first sheet when ``columns`` is empty.
    """
    from openpyxl.utils import get_column_letter

    from analysis.data import excel_reader as xr

    workbook = xr.open_workbook(path)
    name, records = _pick_sheet(path, workbook, sheet, columns)
    at = _header_index(records, columns)
    if at is None:
        at = _first_filled(records)
    header_cells = records[at] if records else None
    if not header_cells or not any(c is not None for c in header_cells):
        raise InputError([Problem(str(path), text("msg.file.empty_sheet"), sheet=name,
                                  expected=text("msg.file.empty_sheet.expected"))])
    header = ["" if c is None else str(c).strip() for c in header_cells]
    letters = {h: get_column_letter(i + 1) for i, h in enumerate(header) if h}
    table = RawTable(path, header, [], letters, sheet=name, header_row=at + 1)
    formulas: dict[tuple[int, int], dict] = {}  # (row, column) -> the row's values
    for number, cells in enumerate(records[at + 1:], start=at + 2):
        values = {}
        for index, (h, c) in enumerate(zip(header, cells, strict=False), start=1):
            if not h:
                continue
            if isinstance(c, xr.Formula) and vocabulary.is_helper(h):
                c = None  # a helper column is not read; its lookup formulas do not matter
            elif isinstance(c, xr.Formula):
                formulas[(number, index)] = values
            values[h] = _excel_cell(c)
        if any(v != "" for v in values.values()):
            table.rows.append((number, values))
    if formulas:
        for (number, index), value in xr.saved_values(path, name, formulas).items():
            if value is not None:
                formulas[(number, index)][header[index - 1]] = _excel_cell(value)
    ws = workbook[name]
    table.hidden_rows = frozenset(xr.hidden_rows(ws))
    hidden = xr.hidden_columns(ws)
    table.hidden_columns = tuple(h for i, h in enumerate(header, start=1) if h and i in hidden)
    return table


def _pick_sheet(path: Path, workbook, sheet: str | None,
                columns: tuple[str, ...]) -> tuple[str, list[list[object]]]:
    """The worksheet to read and its rows (see :func:`_read_xlsx`)."""
    from analysis.data.excel_reader import sheet_values

    if sheet in workbook.sheetnames:
        return sheet, sheet_values(workbook[sheet])
    if not columns:
        return workbook.sheetnames[0], sheet_values(workbook[workbook.sheetnames[0]])
    matching = [name for name in workbook.sheetnames if _header_index(
        sheet_values(workbook[name], max_row=HEADER_SEARCH_ROWS), columns) is not None]
    if len(matching) == 1:
        return matching[0], sheet_values(workbook[matching[0]])
    sheets = ", ".join(f"'{n}'" for n in workbook.sheetnames)
    if matching:
        raise _file_problem(path, text("msg.file.several_sheets", sheet=sheet,
                                       sheets=", ".join(f"'{n}'" for n in matching)),
                            expected=text("msg.file.sheet.expected", sheet=sheet))
    raise _file_problem(path, text("msg.file.no_sheet", sheet=sheet, sheets=sheets,
                                   columns=", ".join(columns)),
                        expected=text("msg.file.sheet.expected", sheet=sheet))


def hidden_warnings(table: RawTable) -> list[Problem]:
    """Warnings naming the sheet's hidden rows that are read (kept rows) and hidden columns."""
    from openpyxl.utils import column_index_from_string

    from analysis.data.excel_reader import spans

    out = []
    rows = sorted(n for n, _ in table.rows if n in table.hidden_rows)
    if rows:
        out.append(Problem(str(table.file), text("msg.xlsx.hidden_rows", rows=spans(rows)),
                           sheet=table.sheet, severity=WARNING, found=spans(rows),
                           expected=text("msg.xlsx.hidden.expected")))
    if table.hidden_columns:
        names = ", ".join(f"{table.letters[h]} ({h})" for h in sorted(
            table.hidden_columns, key=lambda h: column_index_from_string(table.letters[h])))
        out.append(Problem(str(table.file), text("msg.xlsx.hidden_columns", columns=names),
                           sheet=table.sheet, severity=WARNING,
                           expected=text("msg.xlsx.hidden.expected")))
    return out


def read_table(path: Path | str, sheet: str | None = None,
               columns: tuple[str, ...] = ()) -> RawTable:
    """Read a CSV file or a worksheet of an Excel workbook, without validating it.

    Parameters
    ----------
    path : Path or str
        A ``.csv``, ``.xlsx`` or ``.xlsm`` file.
    sheet : str, optional
        Worksheet to read from a workbook. When the workbook has no sheet of that name, the
        one sheet whose header holds ``columns`` is read (a renamed sheet); without
        ``columns``, the first sheet.
    columns : tuple of str
        Column names the header must hold (the resource's required columns). The header is
        the first of the first :data:`HEADER_SEARCH_ROWS` rows that holds them all, so title
        rows typed above it are passed over; row numbers stay those of the file.

    Returns
    -------
    RawTable

    Raises
    ------
    InputError
        When the file is missing, not a regular file, larger than :data:`MAX_TABLE_BYTES`,
        empty, neither CSV nor XLSX, cannot be decoded, is not a table of its kind, or is a
        workbook with no sheet to read.
    """
    path = Path(path)
    checked_size(path, MAX_TABLE_BYTES)  # missing, a folder, a device, too large: a message
    suffix = path.suffix.lower()
    columns = tuple(columns)
    if suffix in CSV_SUFFIXES:
        table = _read_csv(path, columns)
    elif suffix in XLSX_SUFFIXES:
        table = _read_xlsx(path, sheet, columns)
    else:
        raise _file_problem(path, text("msg.file.not_table"),
                            found=path.suffix or path.name,
                            expected=text("msg.file.not_table.expected"))
    if not table.rows:
        raise InputError([Problem(str(path), text("msg.file.no_rows"), sheet=table.sheet,
                                  expected=text("msg.file.no_rows.expected"))])
    return table


def _file_problem(path: Path, message, found: str | None = None, expected=None) -> InputError:
    """One-problem :class:`InputError` about a whole file."""
    return InputError([Problem(str(path), message, found=found, expected=expected)])


# --------------------------------------------------------------------------------------------
# The descriptor


@cache
def resource_schema(name: str) -> dict:
    """The table schema of resource ``name``: ``data/schema/<name>.schema.json`` (cached).

    Parameters
    ----------
    name : {"indicators", "targets", "reference_values", "actuals", "tasks", "task_progress"}

    Returns
    -------
    dict
        The schema (``fields``, ``primaryKey``, ``foreignKeys``).
    """
    path = SCHEMA_DIR / f"{name}.schema.json"
    if not path.is_file():
        raise KeyError(name)
    return json.loads(path.read_text(encoding="utf-8"))


def _default(name: str) -> Path:
    """The default programme's file ``name`` (targets, actuals, indicators, reference_values):
    the paths are declared once, in its ``programme.yaml``.
    """
    from analysis.programme import load_programme

    return getattr(load_programme(), name)


def field_enum(resource: str, name: str) -> list[str]:
    """Return the allowed values of field ``name`` of ``resource`` (empty string excluded)."""
    for spec in resource_schema(resource)["fields"]:
        if spec["name"] == name:
            return [v for v in spec.get("constraints", {}).get("enum", []) if v != ""]
    raise KeyError(name)


def field_names(resource: str) -> list[str]:
    """Column names of ``resource`` in descriptor order."""
    return [spec["name"] for spec in resource_schema(resource)["fields"]]


# --------------------------------------------------------------------------------------------
# Applying the descriptor


def _as_text(value: object) -> str:
    """Give a cell as text: Excel numbers that are whole (2024.0) lose the '.0'."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


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
                                    found=_as_text(value),
                                    expected=text("msg.number.not_whole.expected")))
            return None
        number = int(number)
    constraints = spec.get("constraints", {})
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if (low is not None and number < low) or (high is not None and number > high):
        problems.append(Problem(**where, message=text("msg.value.out_of_range"),
                                found=_as_text(value),
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
                                                  vi_form=Num(dot).render("vi"))))


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
    from analysis.data.excel_reader import Formula

    if isinstance(value, Formula):  # its value was never saved: not empty, not a number
        problems.append(Problem(**where, message=text("msg.xlsx.formula_without_value"),
                                found=str(value), expected=text("msg.xlsx.formula.expected")))
        return None if spec["type"] in ("number", "integer") else ""
    is_number = spec["type"] in ("number", "integer")
    cell = value if is_number and isinstance(value, float) else _as_text(value)
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
    return _tighten_ints(frame)


def _tighten_ints(frame: pd.DataFrame) -> pd.DataFrame:
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


def _check_foreign(frame: pd.DataFrame, table: RawTable, column: str, known: pd.Series,
                   what: str, problems: list[Problem]) -> None:
    """Every non-empty ``column`` value must be in ``known``."""
    known_set = set(known)
    for value, number in zip(frame[column], frame["source_row"], strict=True):
        if value and value not in known_set:
            problems.append(Problem(**table.where(int(number), column),
                                    message=text(f"msg.foreign.{what}"), found=value,
                                    expected=text(f"msg.foreign.{what}.expected")))


# --------------------------------------------------------------------------------------------
# Loaders


def _load(path: Path, resource: str, sheet: str | None = None) -> tuple[RawTable, pd.DataFrame,
                                                                         list[Problem]]:
    """Read ``path`` and apply the schema of ``resource``; problems returned, not raised."""
    problems: list[Problem] = []
    required = tuple(f["name"] for f in resource_schema(resource)["fields"]
                     if f.get("constraints", {}).get("required"))
    try:
        table = read_table(path, sheet or resource, columns=required)
        if resource == "actuals" and set(required) <= set(table.header):
            table = _without_unfilled(table)  # (a missing column is reported, not this)
    except InputError as exc:
        return RawTable(Path(path), [], []), pd.DataFrame(), exc.problems
    problems += hidden_warnings(table)
    frame = apply_schema(table, resource_schema(resource), problems)
    return table, frame, problems


def _without_unfilled(table: RawTable) -> RawTable:
    """Drop the unfilled template rows (every :data:`ENTRY_COLUMNS` cell empty).

    The same in a workbook and in a CSV saved from it: a row with only the indicator, the
    period and the unit the template pre-filled is a row nobody has typed into yet.
    """
    rows = [(n, cells) for n, cells in table.rows
            if any(_as_text(cells.get(c, "")) != "" for c in ENTRY_COLUMNS)]
    if not rows:
        raise InputError([Problem(str(table.file), text("msg.file.no_filled_rows"),
                                  sheet=table.sheet,
                                  expected=text("msg.file.no_filled_rows.expected"))])
    return replace(table, rows=rows, skipped=table.skipped + len(table.rows) - len(rows))


def errors_of(problems: list[Problem]) -> list[Problem]:
    """The errors among ``problems`` (warnings left out)."""
    return [p for p in problems if not p.is_warning]


def warnings_of(problems: list[Problem]) -> list[Problem]:
    """The warnings among ``problems``."""
    return [p for p in problems if p.is_warning]


def _raise_if(problems: list[Problem]) -> None:
    """Raise one :class:`InputError` when ``problems`` holds an error (warnings do not count)."""
    errors = errors_of(problems)
    if errors:
        raise InputError(errors)


def _indicators(path: Path | str | None) -> tuple[pd.DataFrame, list[Problem]]:
    """Load the indicator catalogue, returning its problems (its roles checked too,
    :func:`analysis.roles.check_roles`).
    """
    from analysis.roles import check_roles

    table, frame, problems = _load(Path(path or _default("indicators")), "indicators")
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
        Columns indicator_id, name_vi, name_en, unit, measure, description, source_file,
        source_row.

    Raises
    ------
    InputError
        Listing every problem in the file.
    """
    frame, problems = _indicators(path)
    _raise_if(problems)
    return frame


def _targets(path, indicators) -> tuple[pd.DataFrame, list[Problem]]:
    """Load the target catalogue, returning its problems; foreign keys from the descriptor."""
    table, frame, problems = _load(Path(path or _default("targets")), "targets")
    if frame.empty or "source_row" not in frame:
        return frame, problems
    if indicators is not None:
        for key in resource_schema("targets").get("foreignKeys", []):
            if key["reference"]["resource"] == "indicators":
                (column,), (referenced,) = key["fields"], key["reference"]["fields"]
                _check_foreign(frame, table, column, indicators[referenced], "indicator",
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
        indicators, problems = _indicators(indicators_path_for(path))
    frame, more = _targets(path, None if problems else indicators)
    _raise_if(problems + more)
    return frame


def indicators_path_for(targets_path: Path | str | None) -> Path:
    """Find the indicator file beside ``targets_path`` if there is one, else the shipped one."""
    if targets_path is not None:
        beside = Path(targets_path).parent / INDICATORS_FILE
        if beside.is_file():
            return beside
    return _default("indicators")


def reference_values_path_for(targets_path: Path | str | None) -> Path:
    """Find the reference-value file beside ``targets_path``, else the shipped one."""
    if targets_path is not None:
        beside = Path(targets_path).parent / REFERENCE_VALUES_FILE
        if beside.is_file():
            return beside
    return _default("reference_values")


def _reference_values(path) -> tuple[pd.DataFrame, list[Problem]]:
    """Load the reference values, returning their problems."""
    table, frame, problems = _load(Path(path or _default("reference_values")), "reference_values")
    if frame.empty or "source_row" not in frame:
        return frame, problems
    units = set(field_enum("indicators", "unit")) | set(REFERENCE_EXTRA_UNITS)
    for row in frame.itertuples(index=False):
        if row.unit and row.unit not in units:
            problems.append(Problem(**table.where(int(row.source_row), "unit"),
                                    message=text("msg.unit.not_listed"), found=row.unit,
                                    expected=text("msg.value.one_of",
                                                  values=", ".join(sorted(units)))))
        if row.period:
            _check_years(row.period, table.where(int(row.source_row), "period"), problems)
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
    frame, problems = _reference_values(path)
    _raise_if(problems)
    return frame


def parse_period(period: str) -> tuple[int, int, int]:
    """Start year, end year and number of months of a period.

    Parameters
    ----------
    period : str
        ``"2024"`` (calendar year), ``"2024-9M"`` (first nine months) or ``"2021-2023"``
        (several years).

    Returns
    -------
    tuple of int
        ``(start_year, end_year, months)``: ``(2024, 2024, 12)``, ``(2024, 2024, 9)``,
        ``(2021, 2023, 36)``.

    Raises
    ------
    ValueError
        When ``period`` has none of these forms.
    """
    match = _PERIOD.fullmatch(period.strip())
    if not match:
        raise ValueError(f"not a period: {period!r}")
    start = int(match.group(1))
    if match.group(2):
        return start, start, int(match.group(2))
    end = int(match.group(3)) if match.group(3) else start
    return start, end, MONTHS_PER_YEAR * (end - start + 1)


def _check_years(period: str, where: dict, problems: list[Problem]) -> tuple[int, int, int] | None:
    """Parse ``period`` and check its years lie in YEAR_MIN..YEAR_MAX, in order."""
    try:
        start, end, months = parse_period(period)
    except ValueError:
        return None  # the pattern check has reported it
    if not (YEAR_MIN <= start <= YEAR_MAX and YEAR_MIN <= end <= YEAR_MAX):
        problems.append(Problem(**where, message=text("msg.year.out_of_range"), found=period,
                                expected=text("msg.year.between", low=YEAR_MIN, high=YEAR_MAX)))
        return None
    if end <= start and months > MONTHS_PER_YEAR:
        problems.append(Problem(**where, message=text("msg.period.backwards"),
                                found=period, expected=text("msg.period.backwards.expected")))
        return None
    return start, end, months


def _actuals(path, indicators) -> tuple[pd.DataFrame, list[Problem], RawTable]:
    """Actual values with derived period columns, their problems, and the table read."""
    table, frame, problems = _load(Path(path or _default("actuals")), "actuals")
    if "source_row" not in frame:
        return frame, problems, table
    catalogue = None
    if indicators is not None:
        _check_foreign(frame, table, "indicator_id", indicators["indicator_id"], "indicator",
                       problems)
        catalogue = indicators.set_index("indicator_id")[["unit", "measure"]].to_dict("index")
    periods = []
    for row in frame.itertuples(index=False):
        periods.append(_check_actual_row(row, table, catalogue, problems))
    from analysis.data import tiers

    frame = tiers.apply(frame, table.where, problems)
    return _with_periods(frame, periods), problems, table


def _check_actual_row(row, table: RawTable, catalogue: dict | None,
                      problems: list[Problem]) -> tuple[int, int, int] | None:
    """Period, status, publication year, unit and plausibility of one actual row."""
    number = int(row.source_row)
    period = _check_years(row.period, table.where(number, "period"), problems) if row.period \
        else None
    if period and row.status:
        partial = period[2] < MONTHS_PER_YEAR
        if partial != (row.status == PARTIAL_STATUS):
            problems.append(Problem(
                **table.where(number, "status"),
                message=text("msg.status.partial_needs_status" if partial
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
                                    expected=text("msg.year.between", low=YEAR_MIN,
                                                  high=YEAR_MAX)))
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
    band = _plausible_band(indicator["measure"])
    if band and not band[0] <= row.value <= band[1]:
        problems.append(Problem(**table.where(number, "value"),
                                message=text(f"msg.value.implausible.{indicator['measure']}",
                                             unit=indicator["unit"]),
                                found=f"{row.value:g}",
                                expected=text("msg.value.between" if band[1] != float("inf")
                                              else "msg.value.at_least",
                                              low=Num(band[0]), high=Num(band[1]))))


def _plausible_band(measure: str) -> tuple[float, float] | None:
    """Plausible (low, high) of a value of ``measure``, or None when unbounded."""
    if measure in BOUNDED_MEASURES:
        return SHARE_MIN_PCT, SHARE_MAX_PCT
    if measure == "growth_rate":
        return GROWTH_RATE_MIN_PCT, GROWTH_RATE_MAX_PCT
    if measure == "change_pp":
        return CHANGE_PP_MIN, CHANGE_PP_MAX
    if measure in NON_NEGATIVE_MEASURES:
        return 0.0, float("inf")
    return None


def _with_periods(frame: pd.DataFrame, periods: list) -> pd.DataFrame:
    """Add start_year, year, months and is_annual from the parsed periods."""
    parts = [p if p else (pd.NA, pd.NA, pd.NA) for p in periods]
    frame = frame.copy()
    frame["start_year"] = pd.array([p[0] for p in parts], dtype="Int64")
    frame["year"] = pd.array([p[1] for p in parts], dtype="Int64")
    frame["months"] = pd.array([p[2] for p in parts], dtype="Int64")
    frame["is_annual"] = (
        (frame["months"] == MONTHS_PER_YEAR) & (frame["start_year"] == frame["year"])
    ).fillna(False).astype(bool)
    columns = [c for c in frame.columns if c not in ("source_file", "source_row")]
    return _tighten_ints(frame[[*columns, "source_file", "source_row"]].copy())


def load_actuals(path: Path | str | None = None,
                 indicators: pd.DataFrame | None = None) -> pd.DataFrame:
    """Load the actual values, every candidate row kept (see :mod:`analysis.data.selection`).

    Parameters
    ----------
    path : Path or str, optional
        CSV, or an Excel workbook whose ``actuals`` sheet is read; default the default
        programme's (its province's).
    indicators : pandas.DataFrame, optional
        The indicator catalogue; default the shipped one.

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
        indicators, problems = _indicators(_default("indicators"))
    frame, more, _ = _actuals(path, None if problems else indicators)
    _raise_if(problems + more)
    return frame


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
    targets_path = Path(targets_path or _default("targets"))
    actuals_path = Path(actuals_path or _default("actuals"))
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
    from analysis.data import plausibility

    indicators, problems = _indicators(files["indicators"])
    known = None if problems else indicators
    targets, more_targets = _targets(files["targets"], known)
    if "reference_values" in files:
        reference_values, more_references = _reference_values(files["reference_values"])
    else:
        reference_values, more_references = pd.DataFrame(
            columns=field_names("reference_values")), []
    actuals, more_actuals, table = _actuals(files["actuals"], known)
    found = problems + more_targets + more_references + more_actuals
    if not errors_of(found):
        found += plausibility.review(actuals, indicators, table.where)
    _raise_if(found)
    return Dataset(indicators, targets, reference_values, actuals, files,
                   warnings=warnings_of(found), skipped_rows=table.skipped)
