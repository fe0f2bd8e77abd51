"""Excel cells read as the user sees them (used by :mod:`analysis.data.table_reader`).

An economist checks a workbook by looking at it; what the product reads must be what is shown:

* **Percent-formatted cells.** A growth typed as ``7.5 %`` is stored as 0.075 with a number
  format holding ``%``; it is read as the number shown, 7.5 (the product's units are already
  percent: ``pct``, ``pct_per_year``). Multiplying by 100 goes through the decimal text of the
  stored number, so 0.075 gives exactly 7.5, not 7.499999999999999.
* **The real extent of a sheet.** A workbook carries a ``<dimension>`` tag (``A1:P100``) that
  some tools write stale; openpyxl's read-only mode trusts it and silently drops the rows
  beyond. The workbook is therefore opened in openpyxl's normal mode, which finds the extent
  from the cells themselves (``benchmarks/excel.py`` measures the cost against read-only mode).
* **Formulas.** A formula cell is read as the value Excel or LibreOffice saved with it. A
  formula with no saved value (a workbook written by a program, never opened and saved in a
  spreadsheet) is a :class:`Formula`, so the message says the cell holds a formula, instead of
  calling it empty.
* **Hidden rows and columns** are read like the others (hiding is not deleting), and
  :func:`hidden_rows` / :func:`hidden_columns` say which, for a warning.

The workbook is read twice only when a read column holds a formula: once for the cells, styles
and formulas, once (read-only, fast) for the formulas' saved values.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from analysis.data.textfiles import checked_size
from analysis.errors import InputError, Problem, os_error
from analysis.messages import text

#: Largest workbook read, in bytes (compressed; the template with the shipped data is 60 KB).
MAX_WORKBOOK_BYTES = 50 << 20


class Formula(str):
    """A formula cell whose value the workbook does not hold: its text, ``=B2*100``."""


def open_workbook(path: Path):
    """The workbook at ``path`` (openpyxl, normal mode, formulas as formulas).

    Raises
    ------
    InputError
        When the file is too large or is not a workbook openpyxl can read.
    """
    # openpyxl (70 ms to import) only when a workbook is read: reading CSV never loads it
    from openpyxl import load_workbook

    checked_size(path, MAX_WORKBOOK_BYTES)
    try:
        return load_workbook(path, data_only=False)
    except OSError as exc:
        raise os_error(exc, path) from None
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for a bad file
        raise InputError([Problem(str(path), text("msg.file.not_excel", reason=str(exc)))]) \
            from None


def shown(value: object, number_format: str | None) -> object:
    """The value as the cell shows it: a percent-formatted number times 100."""
    if (isinstance(value, int | float) and not isinstance(value, bool) and number_format
            and "%" in _unquoted(number_format)):
        try:
            return float(Decimal(repr(value)) * 100)
        except InvalidOperation:  # inf or nan: nothing is shown as such
            return value
    return value


def _unquoted(number_format: str) -> str:
    """A number format without its quoted text (``0.0" %/yr"`` shows a literal %, not a percent)."""
    out, quoted, escaped = [], False, False
    for ch in number_format:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif not quoted:
            out.append(ch)
    return "".join(out)


def cell_value(cell) -> object:
    """One cell as read: :class:`Formula` for a formula, else the value as shown."""
    if cell.data_type == "f":
        value = cell.value
        return Formula(value if isinstance(value, str) else getattr(value, "text", "") or "=")
    return shown(cell.value, cell.number_format)


def sheet_values(sheet, max_row: int | None = None) -> list[list[object]]:
    """The rows of a worksheet, every cell through :func:`cell_value`."""
    return [[cell_value(c) for c in row] for row in sheet.iter_rows(max_row=max_row)]


def saved_values(path: Path, sheet: str,
                 cells: Iterable[tuple[int, int]]) -> dict[tuple[int, int], object]:
    """The values saved with the formulas at ``cells`` ((row, column), 1-based), as shown;
    None where the workbook holds none.
    """
    from openpyxl import load_workbook  # a workbook is being read: openpyxl is loaded already

    wanted = set(cells)
    last = max(r for r, _ in wanted)
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        ws = workbook[sheet]
        ws.reset_dimensions()  # read to the last row there is, whatever the tag says
        out = {}
        for r, row in enumerate(ws.iter_rows(max_row=last), start=1):
            for c, cell in enumerate(row, start=1):
                if (r, c) in wanted:
                    out[(r, c)] = shown(cell.value, getattr(cell, "number_format", None))
        return out
    finally:
        workbook.close()


def hidden_rows(sheet) -> set[int]:
    """Rows hidden in Excel (hidden, collapsed or filtered out), 1-based."""
    return {int(r) for r, dim in sheet.row_dimensions.items() if dim.hidden}


def hidden_columns(sheet) -> set[int]:
    """Columns hidden in Excel, 1-based (a dimension may cover a range of columns)."""
    out: set[int] = set()
    for dim in sheet.column_dimensions.values():
        if dim.hidden and dim.min and dim.max:
            out.update(range(int(dim.min), int(dim.max) + 1))
    return out


def spans(numbers: Iterable[int], name=str) -> str:
    """``5, 7–9, 12``: numbers as runs (``name`` writes one number, e.g. a column letter)."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(name(r[0]) if len(r) == 1 else f"{name(r[0])}–{name(r[-1])}" for r in runs)
