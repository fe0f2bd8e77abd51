"""The Excel data-entry workbook (``python -m analysis template``).

The workbook has four sheets: ``Hướng dẫn`` (the guide, in Vietnamese), ``actuals`` (one row
per indicator, period and source, columns named exactly as in a province's ``actuals.csv`` so
that :func:`analysis.data.actuals.load_actuals` reads the workbook as it reads the CSV),
``indicators`` (the indicator catalogue with units) and, for a programme, ``nhan_xet`` (the
assessors' commentary, :mod:`analysis.data.commentary_sheet`).

Vietnamese beside the codes (:mod:`analysis.data.vocabulary`): a helper column after
``indicator_id`` shows the indicator's Vietnamese name and one after ``unit`` the unit in words
(values for the rows written, a formula looking the indicator up for the spare rows); the
header cells carry a Vietnamese note on what the column holds; ``status`` and ``qualifier``
are written as Vietnamese words (chính thức, ước tính, ...; chính xác, trên, ...), and so is
``source_tier`` (nguồn chính thống, ..., bản sao thứ cấp). Dropdowns for ``indicator_id``,
``unit``, ``status``, ``qualifier``, ``source_tier``, ``price_basis`` and ``choice`` come from
the descriptor's enums, the Vietnamese words first and then the codes: the reader accepts both.
The ``period`` and ``published`` columns are formatted as text so that Excel does not turn
``2024-06`` into a date. Every text is the translation table's (``template.*`` in
``translations/workbooks.yaml``).

The actuals sheet is pre-filled with the given actuals (the round trip: CSV → workbook → the
same table, in the workbook and in a CSV Excel saves from it) and, with ``year``, gets one
blank row per indicator for a new year, with ``indicator_id``, ``period`` and ``unit`` filled
in. Rows left blank are skipped when read. The workbook is written to a temporary file beside
``path`` and renamed over it (:func:`analysis.data.excel_writer.save_workbook`), so a failed
write leaves no half-written workbook.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from analysis.data import vocabulary
from analysis.data.commentary import labels_for
from analysis.data.commentary_sheet import write_commentary_sheet
from analysis.data.excel_writer import (
    add_dropdown,
    cell_value,
    guide_sheet_name,
    put,
    save_workbook,
    workbook_text,
    write_guide,
    write_header,
)
from analysis.data.schema import field_enum, field_names
from analysis.data.statuses import PARTIAL_STATUS, STATUSES

#: Sheet names the loaders read (the sheet named after the resource).
SHEET_ACTUALS, SHEET_INDICATORS = "actuals", "indicators"
#: Formatted rows kept below the data for new entries (dropdowns and text format reach them).
SPARE_ROWS = 300
#: Columns Excel must keep as text.
AS_TEXT_COLUMNS = ("period", "published", "indicator_id")
#: Widths of the helper columns, by the column each stands beside (the others:
#: :data:`analysis.data.excel_writer.WIDTHS`).
HELPER_WIDTHS = {"indicator_id": 44, "unit": 18}
#: Columns written as Vietnamese words (the reader turns them back into codes): those of the
#: vocabulary but the unit, whose words stand in the helper column beside its code.
WORDED_COLUMNS = tuple(c for c in vocabulary.WORD_COLUMNS if c not in vocabulary.HELPER_COLUMNS)
#: The guide, paragraph by paragraph: the key of each (under ``template.guide.``) and whether
#: it is a heading; ``None`` stands for the lines of a list of codes (:func:`_guide`).
TEMPLATE_GUIDE = (
    ("rows", False), ("numbers.head", True), ("numbers", False), ("numbers.unit", False),
    ("numbers.ambiguous", False), ("period.head", True), ("period", False),
    ("status.head", True), (None, "status"), ("qualifier.head", True), (None, "qualifier"),
    ("other.head", True), ("price_basis", False), ("published", False), ("sources", False),
    (None, "source_tier"), ("tier_rule", False), ("choice", False), ("helpers", False),
    ("commentary.head", True), ("commentary", False), ("outliers.head", True),
    ("outliers", False), ("confirm", False), ("conflicts.head", True), ("conflicts", False),
    ("check.head", True), ("check", False), ("csv.head", True), ("csv", False),
)


def sheet_columns() -> list[str]:
    """Columns of the actuals sheet: the descriptor's, each helper column after its code."""
    columns = []
    for name in field_names("actuals"):
        columns.append(name)
        if name in vocabulary.HELPER_COLUMNS:
            columns.append(vocabulary.helper_header(name))
    return columns


def column_notes() -> dict[str, str]:
    """What each column of the actuals sheet holds, in Vietnamese: the notes on its header."""
    return {name: workbook_text(f"template.note.{name}") for name in field_names("actuals")}


def _code_lines(column: str) -> list[tuple[str, bool]]:
    """The guide's lines for the codes of ``column``: ``code: what it means``."""
    if column == "status":
        codes, prefix, lead = list(STATUSES), "template.status", ""
    elif column == "qualifier":
        codes, prefix, lead = field_enum("actuals", "qualifier"), "template.qualifier", ""
    else:
        codes, prefix, lead = field_enum("actuals", column), "template.tier", f"{column}: "
    return [(f"{lead}{code}: {workbook_text(f'{prefix}.{code}')}", False) for code in codes]


def _guide(title: str) -> list[tuple[str, bool]]:
    """The guide sheet, paragraph by paragraph (heading or not), under ``title``."""
    values = {"name_column": vocabulary.helper_header("indicator_id"),
              "unit_column": vocabulary.helper_header("unit"),
              "helper": workbook_text("workbook.helper.commentary_item"),
              "statuses": " > ".join(s for s in STATUSES if s != PARTIAL_STATUS),
              "tiers": " > ".join(vocabulary.words("source_tier"))}
    paragraphs = [(title or workbook_text("template.title"), True)]
    for key, kind in TEMPLATE_GUIDE:
        if key is None:
            paragraphs += _code_lines(kind)
            continue
        paragraphs.append((workbook_text(f"template.guide.{key}", **values), kind))
    return paragraphs


def _blank_rows(indicators: pd.DataFrame, year: int) -> pd.DataFrame:
    """One row per indicator for ``year`` with indicator_id, period and unit filled in."""
    return pd.DataFrame({"indicator_id": indicators["indicator_id"].tolist(),
                         "period": str(year), "unit": indicators["unit"].tolist()})


def _with_words(rows: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Rows as the sheet shows them: helper columns filled, status and qualifier in words."""
    rows = rows.copy()
    names = indicators.set_index("indicator_id")["name_vi"]
    rows[vocabulary.helper_header("indicator_id")] = rows["indicator_id"].map(names)
    rows[vocabulary.helper_header("unit")] = [
        vocabulary.word("unit", u) if isinstance(u, str) and u else None for u in rows["unit"]]
    for column in WORDED_COLUMNS:
        if column in rows:
            rows[column] = [vocabulary.word(column, v) if isinstance(v, str) and v else v
                            for v in rows[column]]
    return rows


def _helper_formulas(sheet, columns: list[str], first: int, last: int) -> None:
    """Formulas that show the name and unit of the indicator picked in a spare row."""
    code = get_column_letter(columns.index("indicator_id") + 1)
    name = get_column_letter(columns.index(vocabulary.helper_header("indicator_id")) + 1)
    for row in range(first, last + 1):
        sheet[f"{name}{row}"] = (f'=IF({code}{row}="","",IFERROR(VLOOKUP({code}{row},'
                                 f"'{SHEET_INDICATORS}'!$A:$B,2,FALSE),\"\"))")


def _add_dropdowns(sheet, columns: list[str], last_row: int, n_indicators: int) -> None:
    """Add dropdowns from the descriptor enums (words first), and ids from their sheet."""
    lists = {name: field_enum("actuals", name)
             for name in ("unit", "status", "qualifier", "source_tier", "price_basis", "choice")}
    for name in WORDED_COLUMNS:
        lists[name] = vocabulary.words(name) + lists[name]
    for name, values in lists.items():
        add_dropdown(sheet, columns, name, f'"{",".join(values)}"', last_row)
    ids = f"'{SHEET_INDICATORS}'!$A$2:$A${n_indicators + 1}"
    add_dropdown(sheet, columns, "indicator_id", ids, last_row)


def _write_actuals(sheet, rows: pd.DataFrame, n_indicators: int) -> None:
    """Fill the actuals sheet: header, rows, text format for period/published, dropdowns."""
    columns = sheet_columns()
    widths = {vocabulary.helper_header(c): w for c, w in HELPER_WIDTHS.items()}
    write_header(sheet, columns, column_notes(), widths)
    records = rows.reindex(columns=columns).itertuples(index=False, name=None)
    for row_number, record in enumerate(records, start=2):
        for col, value in enumerate(record, start=1):
            put(sheet, row_number, col, cell_value(value))
    last_row = len(rows) + 1 + SPARE_ROWS
    for name in AS_TEXT_COLUMNS:
        col = columns.index(name) + 1
        for row_number in range(2, last_row + 1):
            sheet.cell(row=row_number, column=col).number_format = "@"
    wrap = Alignment(wrap_text=False, vertical="top")
    for row in sheet.iter_rows(min_row=2, max_row=len(rows) + 1):
        for cell in row:
            cell.alignment = wrap
    _helper_formulas(sheet, columns, len(rows) + 2, last_row)
    _add_dropdowns(sheet, columns, last_row, n_indicators)


def _write_indicators(sheet, indicators: pd.DataFrame) -> None:
    """Fill the indicator sheet, loadable as the ``indicators`` resource."""
    columns = field_names("indicators")
    write_header(sheet, columns)
    for row_number, record in enumerate(
        indicators.reindex(columns=columns).itertuples(index=False, name=None), start=2
    ):
        for col, value in enumerate(record, start=1):
            put(sheet, row_number, col, cell_value(value))


def write_template(
    path: Path | str,
    actuals: pd.DataFrame | None,
    indicators: pd.DataFrame,
    year: int | None = None,
    title: str = "",
    programme=None,
    commentaries: dict | None = None,
) -> Path:
    """Write the data-entry workbook.

    Parameters
    ----------
    path : Path or str
        The ``.xlsx`` file to write.
    actuals : pandas.DataFrame or None
        Rows to pre-fill (as from :func:`analysis.data.actuals.load_actuals`); None for none.
    indicators : pandas.DataFrame
        The indicator catalogue (as from :func:`analysis.data.indicators.load_indicators`).
    year : int, optional
        Add one blank row per indicator for this year, below the pre-filled rows.
    title : str
        The first line of the instructions sheet: whose data the workbook holds (the
        province and the programme).
    programme : analysis.programme.Programme, optional
        Adds the commentary sheet of this programme
        (:mod:`analysis.data.commentary_sheet`), its texts from ``commentaries`` (by
        language) when given.

    Returns
    -------
    Path
        ``path``.
    """
    rows = actuals if actuals is not None else pd.DataFrame(columns=field_names("actuals"))
    if year is not None:
        rows = pd.concat([rows, _blank_rows(indicators, year)], ignore_index=True)
    rows = _with_words(rows, indicators)
    workbook = Workbook()
    help_sheet = workbook.active
    help_sheet.title = guide_sheet_name()
    write_guide(help_sheet, _guide(title))
    actuals_sheet = workbook.create_sheet(SHEET_ACTUALS)
    _write_actuals(actuals_sheet, rows, len(indicators))
    _write_indicators(workbook.create_sheet(SHEET_INDICATORS), indicators)
    if programme is not None:
        write_commentary_sheet(workbook, programme, labels_for(programme), commentaries)
    workbook.active = workbook.index(actuals_sheet)
    return save_workbook(workbook, path)
