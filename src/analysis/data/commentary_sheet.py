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
==================  ===========================================================================

:func:`write_commentary_sheet` writes one row per key of the programme (the head and signature
first, then the chapters, then the targets), the texts of the given commentary filled in;
:func:`read_commentary_sheet` reads the sheet back into the same
:class:`~analysis.data.commentary.Commentary` a file gives, with the same checks: an unknown
key or a key given twice is an error naming the sheet and the cell. ``recipients`` takes one
recipient per line; ``example`` is ``true`` for an illustrative sheet. A row whose text is
empty in the report's language is a chapter still waiting for commentary.
"""

from __future__ import annotations

from pathlib import Path

from analysis.data.commentary import (
    META_KEYS,
    Commentary,
    Section,
    chapter_key,
    check_key,
    valid_keys,
)
from analysis.errors import InputError, Problem

#: The sheet's name.
SHEET = "nhan_xet"
#: Columns read back: the key and the text in each language.
KEY_COLUMN = "key"
TEXT_COLUMNS = {"vi": "text_vi", "en": "text_en"}
#: A column for reading only: what each key is.
HELPER_COLUMN = "Mục (tự điền)"
#: Values of ``example`` read as true.
TRUE_WORDS = ("true", "yes", "1", "có", "x")
#: Column widths in characters.
WIDTHS = {KEY_COLUMN: 38, "text_vi": 80, "text_en": 80, HELPER_COLUMN: 40}


def write_commentary_sheet(workbook, programme, labels: dict[str, str],
                           commentaries: dict[str, Commentary] | None = None) -> None:
    """Add the sheet to an openpyxl ``workbook``.

    ``labels`` names each key for the helper column (chapter titles, target names, in
    Vietnamese); ``commentaries`` (by language) fills the texts in.
    """
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet = workbook.create_sheet(SHEET)
    columns = [KEY_COLUMN, *TEXT_COLUMNS.values(), HELPER_COLUMN]
    for col, name in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=col, value=name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        sheet.column_dimensions[cell.column_letter].width = WIDTHS[name]
    sheet.freeze_panes = "B2"
    commentaries = commentaries or {}
    # a chapter of one target takes its commentary under the target's id: the key
    # "chapter: <that id>" (also valid in a file) is left out, not offered twice
    single = {chapter_key(c.key) for c in programme.chapters
              if len(c.targets) == 1 and c.key == c.targets[0]}
    keys = [*META_KEYS, *(k for k in valid_keys(programme, list(programme.target_ids()))
                          if k not in single)]
    from analysis.data.excel import put  # text written as text, never as a formula

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


def read_commentary_sheet(path: Path | str, programme, target_ids, lang: str) -> Commentary:
    """The commentary of the report in ``lang`` from the sheet of the workbook at ``path``.

    Raises
    ------
    InputError
        When the sheet is missing or a key is unknown or repeated: every problem, each naming
        the sheet and the cell.
    """
    from analysis.data.loaders import read_table

    path = Path(path)
    table = read_table(path, sheet=SHEET, columns=(KEY_COLUMN, *TEXT_COLUMNS.values()))
    keys = valid_keys(programme, target_ids)
    problems: list[Problem] = []
    sections: dict[str, Section] = {}
    meta: dict = {}
    seen: dict[str, int] = {}
    column = TEXT_COLUMNS[lang]
    for number, values in table.rows:
        key = str(values.get(KEY_COLUMN, "")).strip()
        text = str(values.get(column, "") or "").strip()
        if not key:
            continue
        if key in META_KEYS:
            if key in seen:
                check_key(key, [key], seen, table.where(number, KEY_COLUMN), problems)
            seen[key] = number
            if text:
                meta[key] = _meta_value(key, text)
            continue
        if not check_key(key, keys, seen, table.where(number, KEY_COLUMN), problems):
            continue
        seen[key] = number
        if text:
            sections[key] = Section(key, text, number)
    if problems:
        raise InputError(problems)
    return Commentary(path, sections, meta)


def _meta_value(key: str, text: str):
    """A head or signature value as the file's front matter would give it."""
    if key == "recipients":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if key == "example":
        return text.strip().lower() in TRUE_WORDS
    return text
