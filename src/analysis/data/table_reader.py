"""Reading a table file into cells, without validating them: CSV or a worksheet of a workbook.

A CSV file is read as UTF-8 (with or without the BOM Excel's "CSV UTF-8" writes), or as
Windows-1258 (Excel's Vietnamese "CSV") when the text that gives is plausible Vietnamese
(:data:`CP1258_MIN_PLAUSIBLE_SHARE`), normalised to NFC; its separator is a comma, a semicolon
or a tab (:data:`CSV_DELIMITERS`). A workbook's cells are read as Excel shows them
(:mod:`analysis.data.excel_reader`).

Reading is forgiving where the cause is Excel, not the data: title rows above the header are
passed over (the header is the first of the first :data:`HEADER_SEARCH_ROWS` rows holding the
required columns); a workbook whose sheet was renamed is read from the one sheet holding those
columns; the template's helper columns (:data:`analysis.data.vocabulary.HELPER_COLUMNS`) are
not read. A file that is missing, too large (:data:`MAX_TABLE_BYTES`), empty, not a table or
not a table of its kind is an :class:`~analysis.errors.InputError` naming the file.

The cells are checked against their table schema by :mod:`analysis.data.validate`.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from analysis.data import excel_reader as xr
from analysis.data import vocabulary
from analysis.data.textfiles import checked_size
from analysis.errors import WARNING, InputError, Problem, os_error
from analysis.messages import Num, text

#: Rows searched for the header: title rows typed above it are passed over.
HEADER_SEARCH_ROWS = 10
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
        Unfilled template rows skipped (see :data:`analysis.data.actuals.ENTRY_COLUMNS`).
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



def cell_text(value: object) -> str:
    """A cell as text: Excel numbers that are whole (2024.0) lose the '.0'."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()




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
    if value is None:
        return ""
    if isinstance(value, xr.Formula):
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
    # openpyxl (70 ms to import) only when a workbook is read: reading CSV never loads it
    from openpyxl.utils import get_column_letter

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
    if sheet in workbook.sheetnames:
        return sheet, xr.sheet_values(workbook[sheet])
    if not columns:
        return workbook.sheetnames[0], xr.sheet_values(workbook[workbook.sheetnames[0]])
    matching = [name for name in workbook.sheetnames if _header_index(
        xr.sheet_values(workbook[name], max_row=HEADER_SEARCH_ROWS), columns) is not None]
    if len(matching) == 1:
        return matching[0], xr.sheet_values(workbook[matching[0]])
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
    out = []
    rows = sorted(n for n, _ in table.rows if n in table.hidden_rows)
    if rows:
        out.append(Problem(str(table.file), text("msg.xlsx.hidden_rows", rows=xr.spans(rows)),
                           sheet=table.sheet, severity=WARNING, found=xr.spans(rows),
                           expected=text("msg.xlsx.hidden.expected")))
    if table.hidden_columns:
        from openpyxl.utils import column_index_from_string  # a workbook's: openpyxl is loaded

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
