"""Writing the product's Excel workbooks: text kept as text, one header style, dropdowns, a guide
sheet, and a save that never leaves half a workbook.

Shared by the data-entry template (:mod:`analysis.data.excel`), the new-programme workbook
(:mod:`analysis.data.plan_workbook`) and the commentary sheet
(:mod:`analysis.data.commentary_sheet`). Every text a workbook shows comes from the translation
table (``translations/workbooks.yaml``), in the product's first language
(:data:`analysis.i18n.DEFAULT_LANG`): the workbooks are filled in by the province's staff.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from analysis.i18n import DEFAULT_LANG, t

#: The language of every text a workbook shows.
WORKBOOK_LANG = DEFAULT_LANG
#: The style of a header row: bold on light blue.
HEADER_CELL_FONT = Font(bold=True)
HEADER_CELL_FILL = PatternFill("solid", fgColor="DDEBF7")
#: Column widths in characters, by column name, in every sheet that has such a column.
WIDTHS = {"indicator_id": 34, "period": 11, "value": 14, "unit": 16, "status": 14,
          "qualifier": 12, "price_basis": 14, "published": 12, "source_title": 40,
          "source_url": 40, "source_tier": 20, "quote": 60, "choice": 9, "note": 40}
#: Width of any other column.
DEFAULT_WIDTH = 18
#: Width of a guide sheet's one column.
GUIDE_WIDTH = 120
#: The author of the notes on the header cells (the product's name).
COMMENT_AUTHOR = "plan-assessment"
#: First characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection":
#: = + - @, and the tab and carriage return that some spreadsheets skip before them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def workbook_text(key: str, **values: object) -> str:
    """The workbook's text ``key`` of the translation table, in :data:`WORKBOOK_LANG`."""
    return t(key, WORKBOOK_LANG, **values)


def guide_sheet_name() -> str:
    """The name of a workbook's guide sheet (``Hướng dẫn``)."""
    return workbook_text("workbook.sheet.help")


def put(sheet, row: int, column: int, value: object):
    """Write ``value`` into a cell; text is always text.

    openpyxl takes a string beginning with ``=`` for a formula, and Excel re-reads a text cell
    beginning with ``= + - @`` as a formula once it is edited. A source title such as
    ``=HYPERLINK("http://…"&A1, …)`` or ``=cmd|' /C calc'!A0`` is therefore written as a text
    cell with Excel's quote prefix (shown as typed, never run, read back unchanged).
    """
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def cell_value(value: object) -> object:
    """Convert a table value for Excel: None for empty, plain float/int/str."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    if isinstance(value, str):
        return value or None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def write_header(sheet, columns: list[str], notes: dict[str, str] | None = None,
                 widths: dict[str, int] | None = None) -> None:
    """Bold, filled, frozen header row with widths (``widths``, else :data:`WIDTHS`), notes on
    its cells and a filter.
    """
    widths = {**WIDTHS, **(widths or {})}
    for index, name in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=name)
        cell.font, cell.fill = HEADER_CELL_FONT, HEADER_CELL_FILL
        if notes and name in notes:
            cell.comment = Comment(notes[name], COMMENT_AUTHOR, width=300, height=90)
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(name, DEFAULT_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"


def add_dropdown(sheet, columns: list[str], name: str, formula: str, last_row: int) -> None:
    """Attach a dropdown list (``formula``: the values, or a range) to column ``name`` down to
    ``last_row``.
    """
    letter = get_column_letter(columns.index(name) + 1)
    validation = DataValidation(type="list", formula1=formula, allow_blank=True,
                                showErrorMessage=True,
                                errorTitle=workbook_text("workbook.dropdown.error_title"),
                                error=workbook_text("workbook.dropdown.error"))
    validation.add(f"{letter}2:{letter}{last_row}")
    sheet.add_data_validation(validation)


def write_guide(sheet, paragraphs: list[tuple[str, bool]]) -> None:
    """A guide sheet: one paragraph a row, wrapped, the headings (``True``) in bold."""
    sheet.column_dimensions["A"].width = GUIDE_WIDTH
    for row_number, (paragraph, heading) in enumerate(paragraphs, start=1):
        cell = put(sheet, row_number, 1, paragraph)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if heading:
            cell.font = HEADER_CELL_FONT


def save_workbook(workbook, path: Path | str) -> Path:
    """Save ``workbook`` to a temporary file beside ``path`` and rename it over ``path``: a
    failed write leaves no half-written workbook (and an earlier one untouched).
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        workbook.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
