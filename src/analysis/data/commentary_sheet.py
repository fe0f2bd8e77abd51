"""The commentary sheet ``nhan_xet`` of the Excel workbook, for assessors who prefer Excel.

The sheet holds what a commentary file holds (:mod:`analysis.data.commentary`), one row per
key, the text in both languages side by side:

==================  ===========================================================================
column              holds
==================  ===========================================================================
``key``             a key of the file: ``chapter: summary``, a target id, or a key of the head
                    and signature (``issuer``, ``number``, ``signer_name``, ``recipients``, ...)
``text_vi``         the text of the Vietnamese report (Markdown, as in the file)
``text_en``         the text of the English report
``Mục (tự điền)``   what the key is (the chapter's or target's name): for reading only, ignored
                    (its header: ``workbook.helper.commentary_item`` of the translation table)
==================  ===========================================================================

:func:`write_commentary_sheet` writes one row per key of the programme (the head and signature
first, then the chapters, then the targets), the texts of the given commentary filled in;
:func:`read_commentary_sheet` reads the sheet back into the same
:class:`~analysis.data.commentary.Commentary` a file gives, with the same checks: an unknown
key or a key given twice is an error naming the sheet and the cell. ``recipients`` takes one
recipient per line, each printed as typed (commas and a clerk's own ";" included: the report
normalises the punctuation at the end of each line); ``archive`` the filing units of the line
"Lưu: VT, …"; ``example`` is ``true`` for an illustrative sheet (in either language's column).
A row whose text is empty in the report's language is a chapter still waiting for commentary;
a field written the same in every language (the number, the signer's name:
:data:`~analysis.data.commentary.LANGUAGE_NEUTRAL`) takes the ``text_vi`` cell when the
report's own is empty. The row ``chapter: midyear`` is for a mid-year report only.
"""

from __future__ import annotations

from pathlib import Path

from analysis.data.commentary_model import (
    LANGUAGE_NEUTRAL,
    META_KEYS,
    MIDYEAR_CHAPTER,
    Commentary,
    Section,
    chapter_key,
    check_key,
    valid_keys,
)
from analysis.data.table_reader import read_table
from analysis.data.vocabulary import TRUE_WORDS
from analysis.errors import InputError, Problem
from analysis.i18n import DEFAULT_LANG, LANGUAGES, t
from analysis.messages import text as msg

#: The sheet's name.
SHEET = "nhan_xet"
#: Columns read back: the key and the text in each language.
KEY_COLUMN = "key"
TEXT_COLUMNS = {lang: f"text_{lang}" for lang in LANGUAGES}
#: Widths of the key and text columns, and of the helper column (what each key is), in
#: characters.
COLUMN_WIDTHS = {KEY_COLUMN: 38, **dict.fromkeys(TEXT_COLUMNS.values(), 80)}
HELPER_WIDTH = 40


def helper_header() -> str:
    """The header of the column for reading only, what each key is (``Mục (tự điền)``)."""
    return t("workbook.helper.commentary_item", DEFAULT_LANG)


def write_commentary_sheet(workbook, programme, labels: dict[str, str],
                           commentaries: dict[str, Commentary] | None = None) -> None:
    """Add the sheet to an openpyxl ``workbook``.

    ``labels`` names each key for the helper column (chapter titles, target names, in
    Vietnamese); ``commentaries`` (by language) fills the texts in.
    """
    # openpyxl (70 ms to import) only when a workbook is written: the report's kernel imports
    # this module to read a commentary, never to write one
    from openpyxl.styles import Alignment

    # excel_writer imports openpyxl at its top: late for the same reason
    from analysis.data.excel_writer import HEADER_CELL_FILL, HEADER_CELL_FONT, put

    sheet = workbook.create_sheet(SHEET)
    helper = helper_header()
    columns = [KEY_COLUMN, *TEXT_COLUMNS.values(), helper]
    widths = {**COLUMN_WIDTHS, helper: HELPER_WIDTH}
    for col, name in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=col, value=name)
        cell.font = HEADER_CELL_FONT
        cell.fill = HEADER_CELL_FILL
        sheet.column_dimensions[cell.column_letter].width = widths[name]
    sheet.freeze_panes = "B2"
    commentaries = commentaries or {}
    # a chapter of one target takes its commentary under the target's id: the key
    # "chapter: <that id>" (also valid in a file) is left out, not offered twice
    single = {chapter_key(c.key) for c in programme.chapters
              if len(c.targets) == 1 and c.key == c.targets[0]}
    keys = [*META_KEYS, *(k for k in valid_keys(programme, list(programme.target_ids()),
                                                midyear=True) if k not in single)]
    wrap = Alignment(wrap_text=True, vertical="top")
    for row, key in enumerate(keys, start=2):
        put(sheet, row, 1, key).alignment = wrap
        for col, lang in enumerate(TEXT_COLUMNS, start=2):
            text = _text_of(commentaries.get(lang), key)
            if not text and chapter_key(key) in single:  # a file may write "chapter: <id>"
                text = _text_of(commentaries.get(lang), chapter_key(key))
            put(sheet, row, col, text or None).alignment = wrap
        put(sheet, row, len(columns), labels.get(key, "")).alignment = wrap


def _text_of(commentary: Commentary | None, key: str) -> str:
    """The text of ``key`` in a commentary (a head value written as the sheet takes it)."""
    if commentary is None:
        return ""
    if key in META_KEYS:
        value = commentary.meta.get(key)
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        if isinstance(value, bool):
            return "true" if value else ""
        return "" if value is None else str(value)
    return commentary.text(key)


def read_commentary_sheet(path: Path | str, programme, target_ids, lang: str,
                          midyear: bool = False) -> Commentary:
    """The commentary of the report in ``lang`` from the sheet of the workbook at ``path``
    (``midyear``: for a mid-year report, which prints the row ``chapter: midyear``).

    Raises
    ------
    InputError
        When the sheet is missing or a key is unknown or repeated, or the mid-year row has
        text for an annual report: every problem, each naming the sheet and the cell.
    """
    path = Path(path)
    table = read_table(path, sheet=SHEET, columns=(KEY_COLUMN, *TEXT_COLUMNS.values()))
    keys = valid_keys(programme, target_ids, midyear=True)
    problems: list[Problem] = []
    sections: dict[str, Section] = {}
    meta: dict = {}
    where: dict[str, dict] = {}
    seen: dict[str, int] = {}
    column, first = TEXT_COLUMNS[lang], TEXT_COLUMNS[DEFAULT_LANG]
    for number, values in table.rows:
        key = str(values.get(KEY_COLUMN, "")).strip()
        text = _cell(values, column)
        if not key:
            continue
        if key in META_KEYS:
            if key in seen:
                check_key(key, [key], seen, table.where(number, KEY_COLUMN), problems)
            seen[key] = number
            where[key] = table.where(number, column)
            if key == "example":  # an example in either language is an example
                text = next((t for t in (_cell(values, c) for c in TEXT_COLUMNS.values())
                             if t.lower() in TRUE_WORDS), text)
            elif not text and key in LANGUAGE_NEUTRAL and _cell(values, first):
                text, where[key] = _cell(values, first), table.where(number, first)
            if text:
                meta[key] = _meta_value(key, text)
            continue
        if not check_key(key, keys, seen, table.where(number, KEY_COLUMN), problems):
            continue
        seen[key] = number
        if key == chapter_key(MIDYEAR_CHAPTER) and not midyear:
            if any(_cell(values, c) for c in TEXT_COLUMNS.values()):
                problems.append(Problem(**table.where(number, KEY_COLUMN), found=key,
                                        message=msg("msg.commentary.midyear_only"),
                                        expected=msg("msg.commentary.midyear_only.expected")))
            continue
        if text:
            sections[key] = Section(key, text, number)
    if problems:
        raise InputError(problems)
    return Commentary(path, sections, meta, where, {"file": str(path), "sheet": SHEET}, lang)


def _cell(values: dict, column: str) -> str:
    """A text cell of the sheet, stripped ('' when empty)."""
    return str(values.get(column, "") or "").strip()


def _meta_value(key: str, text: str):
    """A head or signature value as the file's front matter would give it: ``recipients`` one
    per line, each as typed; ``example`` true or false; any other field on one line.
    """
    if key == "recipients":
        return [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    if key == "example":
        return text.strip().lower() in TRUE_WORDS
    return " ".join(text.split())
