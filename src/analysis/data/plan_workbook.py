"""The Excel workbook for a new programme or plan (``python -m analysis new-programme --out``):
the form, its sheets and columns, and the words its dropdowns offer.

Economists type a plan's targets from the annex of a PDF into Excel; this workbook is the form,
as the data-entry template (:mod:`analysis.data.excel`) is for actuals. Its sheets:

``Hướng dẫn``
    the guide, in Vietnamese: every sheet and column, the words of the dropdowns, how to import.
``chuong_trinh``
    the programme, one field a row (column ``key``, the value in column ``value``, what it is in
    the read-only column beside): names in Vietnamese and English, issuing body, number, date,
    the province (its folder, filled in), base and target year, the growth target, a note.
``chi_tieu``
    the targets, one a row: id, name and wording, indicator (a dropdown of the province's
    indicators; its name appears beside it), unit, kind, comparator, value or range (``9-11``),
    period (``2026-2030``; empty: the programme's), direction, group, section, price basis, note,
    why a target ends before the target year, source title and address.
``chuong``
    the chapters of the report, in order: a target with a chapter of its own, or a group of
    targets under a title (the structure of GRDP).
``chi_so``
    the province's indicators, to pick from (read-only here: a missing indicator is added to the
    province's ``indicators.csv`` first).
``danh_sach``
    the lists of the dropdowns (hidden).

Kind, comparator, direction, group, price basis and unit are offered as Vietnamese words
(``tăng bình quân``, ``khoảng``, ``cao hơn là tốt``, ...) and as codes; the reader takes either
and writes codes. Numbers may be typed the Vietnamese way (``13,6``, ``168.000``). Every text of
the workbook is the translation table's (``plan.*`` in ``translations/workbooks.yaml``).

A filled workbook is read by :mod:`analysis.data.plan_reader`.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from analysis.data.excel_writer import (
    add_dropdown,
    cell_value,
    guide_sheet_name,
    save_workbook,
    workbook_text,
    write_guide,
    write_header,
)
from analysis.data.schema import field_enum
from analysis.data.vocabulary import fold
from analysis.i18n import DEFAULT_LANG, LANGUAGES, has, t

#: Sheet names (the guide's: :func:`analysis.data.excel_writer.guide_sheet_name`).
SHEET_PROGRAMME, SHEET_TARGETS, SHEET_CHAPTERS, SHEET_INDICATOR_LIST, SHEET_LISTS = (
    "chuong_trinh", "chi_tieu", "chuong", "chi_so", "danh_sach")
#: The sheets a workbook must hold to be read.
READ_SHEETS = (SHEET_PROGRAMME, SHEET_TARGETS, SHEET_CHAPTERS)
#: Columns of the programme sheet: the field's key and its value (a third column, for reading
#: only, says what the field is: ``plan.helper.about``).
FIELD_COLUMN, VALUE_COLUMN = "key", "value"
#: The programme's fields, in order, and whether each is required (what each is:
#: ``plan.field.<key>`` of the translation table).
PROGRAMME_FIELDS = (
    ("title_vi", True), ("title_en", True), ("short_title_vi", True), ("short_title_en", True),
    ("issuer_vi", True), ("issuer_en", True), ("number", True), ("date", True),
    ("province", True), ("province_vi", True), ("province_en", True), ("base_year", True),
    ("target_year", True), ("growth_target", False), ("note_vi", False), ("note_en", False),
)
#: The read-only column beside the indicator id of a target (its header:
#: ``plan.helper.indicator_name``).
INDICATOR_NAME = "indicator_name"
#: Columns of the targets sheet, in order.
TARGET_COLUMNS = ("target_id", "name_vi", "name_en", "text_vi", "indicator_id", INDICATOR_NAME,
                  "unit", "kind", "comparator", "value", "period", "direction", "group",
                  "section", "price_basis", "note", "period_note", "source_title", "source_url")
#: Columns of the targets sheet that must be filled.
TARGET_REQUIRED = ("target_id", "name_vi", "name_en", "text_vi", "indicator_id", "kind",
                   "comparator", "value", "direction", "group", "section")
#: Columns of the chapters sheet, in order.
CHAPTER_COLUMNS = ("key", "targets", "title_vi", "title_en", "related")
#: Columns of the indicators sheet.
INDICATOR_COLUMNS = ("indicator_id", "name_vi", "name_en", "unit", "measure", "description")
#: Columns whose cells are words or codes: the key prefix of each code's word.
WORD_PREFIXES = {"comparator": "word.comparator", "kind": "word.kind",
                 "direction": "word.direction", "group": "group",
                 "price_basis": "word.price_basis", "unit": "unit"}
#: A kind whose unit is a pace in percentage points while its indicator is in per cent.
PP_KIND, PP_UNIT = "change_pp_per_year", "pp_per_year"
#: The comparator of a range.
RANGE = "range"
#: Rows formatted (dropdowns, notes) below the header for entries.
ENTRY_ROWS = 200
#: Separator of the ids in one cell.
LIST_SEPARATOR = ";"
#: Widths of the programme sheet's three columns.
PROGRAMME_WIDTHS = (18, 60, 90)
#: The guide, paragraph by paragraph: the key of each (under ``plan.guide.``) and whether it is
#: a heading.
PLAN_GUIDE = (
    ("title", True), ("intro", False), ("programme.head", True), ("programme", False),
    ("targets.head", True), ("targets", False), ("kinds", False), ("comparators", False),
    ("values", False), ("words", False), ("chapters.head", True), ("chapters", False),
    ("after.head", True), ("after", False),
)


def indicator_name_header() -> str:
    """The header of the read-only column beside a target's indicator id."""
    return workbook_text("plan.helper.indicator_name")


def header(column: str) -> str:
    """The header cell of a column of the targets sheet (the helper column's is a text)."""
    return indicator_name_header() if column == INDICATOR_NAME else column


def codes(column: str) -> list[str]:
    """The codes of a word column (the field of the same name in the targets' table schema)."""
    return field_enum("targets", column)


def word(column: str, code: str) -> str:
    """The Vietnamese word of ``code`` in ``column`` (the code when it has none)."""
    key = f"{WORD_PREFIXES[column]}.{code}"
    return (t(key, DEFAULT_LANG) if has(key) else "") or code


def choices(column: str) -> list[str]:
    """What the dropdown of ``column`` offers: the words, then the codes."""
    found = [word(column, c) for c in codes(column)]
    return list(dict.fromkeys([w for w in found if w not in codes(column)] + codes(column)))


def to_code(column: str, value: str) -> str | None:
    """The code a cell means (a word or a code, in any case); None when it means none."""
    wanted = fold(value)
    for code in codes(column):
        if wanted in (fold(code), fold(word(column, code))):
            return code
    return None


# ---------------------------------------------------------------------------------------------
# writing


def _guide(province: str, name: str) -> list[tuple[str, bool]]:
    """The guide, paragraph by paragraph (heading or not), for the province whose folder is
    ``province`` and whose name is ``name``.
    """
    values = {"province": province, "name": name, "helper": indicator_name_header(),
              "kinds": "; ".join(f"{word('kind', c)} ({c})" for c in codes("kind")),
              "comparators": "; ".join(f"{word('comparator', c)} ({c})"
                                       for c in codes("comparator"))}
    return [(workbook_text(f"plan.guide.{key}", **values), heading) for key, heading in PLAN_GUIDE]


def _write_programme_sheet(sheet, province: str, province_names: dict) -> None:
    write_header(sheet, [FIELD_COLUMN, VALUE_COLUMN, workbook_text("plan.helper.about")])
    for width, letter in zip(PROGRAMME_WIDTHS, "ABC", strict=True):
        sheet.column_dimensions[letter].width = width
    prefilled = {"province": province,
                 **{f"province_{lang}": province_names.get(lang) for lang in LANGUAGES}}
    for row, (key, required) in enumerate(PROGRAMME_FIELDS, start=2):
        about = workbook_text(f"plan.field.{key}")
        sheet.cell(row=row, column=1, value=key)
        sheet.cell(row=row, column=2, value=prefilled.get(key))
        sheet.cell(row=row, column=3, value=about if required
                   else workbook_text("plan.field.optional", about=about))
        sheet.cell(row=row, column=2).number_format = "@"


def _write_lists(workbook, columns: dict[str, list[str]]):
    """The hidden sheet of dropdown lists; ``{column: range formula}``."""
    sheet = workbook.create_sheet(SHEET_LISTS)
    ranges = {}
    for index, (name, values) in enumerate(columns.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=name)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=index, value=value)
        ranges[name] = f"'{SHEET_LISTS}'!${letter}$2:${letter}${len(values) + 1}"
    sheet.sheet_state = "hidden"
    return ranges


def _column_notes(columns) -> dict[str, str]:
    """What each column holds, in Vietnamese (``plan.note.<column>``): the header notes."""
    return {c: workbook_text(f"plan.note.{c}") for c in columns if c != INDICATOR_NAME}


def write_plan_workbook(path: Path | str, indicators, province: str,
                        province_names: dict | None = None) -> Path:
    """Write the new-programme workbook for ``province`` (its ``indicators`` frame listed).

    Written to a temporary file beside ``path`` and renamed over it: a failed write leaves no
    half-written workbook.
    """
    workbook = Workbook()
    guide = workbook.active
    guide.title = guide_sheet_name()
    name = (province_names or {}).get(DEFAULT_LANG) or province
    write_guide(guide, _guide(province, name))
    _write_programme_sheet(workbook.create_sheet(SHEET_PROGRAMME), province,
                           province_names or {})
    targets = workbook.create_sheet(SHEET_TARGETS)
    write_header(targets, [header(c) for c in TARGET_COLUMNS], _column_notes(TARGET_COLUMNS))
    chapters = workbook.create_sheet(SHEET_CHAPTERS)
    write_header(chapters, list(CHAPTER_COLUMNS), _column_notes(CHAPTER_COLUMNS))
    listed = workbook.create_sheet(SHEET_INDICATOR_LIST)
    write_header(listed, list(INDICATOR_COLUMNS))
    for row, record in enumerate(indicators.reindex(columns=list(INDICATOR_COLUMNS))
                                 .itertuples(index=False, name=None), start=2):
        for col, value in enumerate(record, start=1):
            listed.cell(row=row, column=col, value=cell_value(value))
    ranges = _write_lists(workbook, {c: choices(c) for c in WORD_PREFIXES})
    last = ENTRY_ROWS + 1
    columns = list(TARGET_COLUMNS)
    for column, formula in ranges.items():
        add_dropdown(targets, columns, column, formula, last)
    add_dropdown(targets, columns, "indicator_id",
                 f"'{SHEET_INDICATOR_LIST}'!$A$2:$A${len(indicators) + 1}", last)
    code, helper = (get_column_letter(columns.index(c) + 1) for c in ("indicator_id",
                                                                       INDICATOR_NAME))
    for row in range(2, last + 1):
        targets[f"{helper}{row}"] = (f'=IF({code}{row}="","",IFERROR(VLOOKUP({code}{row},'
                                     f"'{SHEET_INDICATOR_LIST}'!$A:$B,2,FALSE),\"\"))")
        for column in ("target_id", "period", "value", "indicator_id"):
            targets.cell(row=row, column=columns.index(column) + 1).number_format = "@"
    workbook.active = workbook.index(workbook[SHEET_PROGRAMME])
    return save_workbook(workbook, path)
