"""Reading a filled new-programme workbook (:mod:`analysis.data.plan_workbook`) into a
:class:`PlanDraft`, with every cell that cannot be read reported.

:func:`read_plan` reports every such cell (file, sheet, cell, column, found, expected): a
required cell left empty, a word or code the column does not offer, a number, a year, a date, a
range (``9-11``) or a period (``2026-2030``) that cannot be read, an indicator the province does
not have. What the programme's own checks say about the result (a period outside the programme,
a chapter naming no target, a growth target that is not an average growth) is found by writing
the folder and loading it (:mod:`analysis.data.plan_folder`), and put back on the cell it comes
from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook

from analysis.data.numbers import VIETNAMESE, parse_number
from analysis.data.periods import YEAR_MAX, YEAR_MIN, year_bounds_text
from analysis.data.plan_workbook import (
    FIELD_COLUMN,
    INDICATOR_NAME,
    LIST_SEPARATOR,
    PP_KIND,
    PP_UNIT,
    PROGRAMME_FIELDS,
    RANGE,
    READ_SHEETS,
    SHEET_CHAPTERS,
    SHEET_PROGRAMME,
    SHEET_TARGETS,
    TARGET_COLUMNS,
    TARGET_REQUIRED,
    VALUE_COLUMN,
    choices,
    to_code,
)
from analysis.data.table_reader import cell_text, read_table
from analysis.errors import InputError, Problem
from analysis.i18n import LANGUAGES
from analysis.messages import text

#: How a range is typed (``9-11``, ``9 – 11 %``).
_RANGE = re.compile(r"^\s*([0-9.,]+)\s*%?\s*[-–—]\s*([0-9.,]+)\s*%?\s*$")
#: How a target's period is typed: its last year (``2030``) or its years (``2026-2030``, any
#: dash, spaces allowed): the years of the target, not a period of the actuals.
_TARGET_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[-–—]\s*(\d{4}))?\s*$")
#: How a date is typed: ``dd/mm/yyyy`` (or with ``.`` or ``-``), or ISO.
_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


@dataclass
class PlanDraft:
    """A filled workbook, read: the programme's fields, the targets and the chapters.

    ``targets`` hold the columns of ``targets.csv`` (codes, ``value``/``low``/``high``,
    ``period_start``/``target_year``) and ``row``, the sheet row each came from; ``chapters``
    hold ``key``, ``targets``, ``title`` (vi, en), ``related`` and ``row``.
    """

    file: Path
    fields: dict[str, object]
    targets: list[dict] = field(default_factory=list)
    chapters: list[dict] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # field key -> its row


class _Cells:
    """Problems of the cells of one sheet, each naming the file, the sheet, the cell and the
    column.
    """

    def __init__(self, table, problems: list[Problem]):
        self.table, self.problems = table, problems

    def add(self, row: int, column: str, message, found=None, expected=None) -> None:
        where = self.table.where(row, column)
        self.problems.append(Problem(**where, message=message,
                                     found=None if found in (None, "") else str(found),
                                     expected=expected))

    def text(self, row, column, cells, required=False) -> str:
        value = cell_text(cells.get(column, ""))
        if required and not value:
            self.add(row, column, text("msg.plan.cell_required"), None, column)
        return value

    def year(self, row, column, value) -> int | None:
        year = None
        if isinstance(value, float) and value.is_integer():
            year = int(value)
        elif isinstance(value, str) and value.strip().isdigit():
            year = int(value.strip())
        if year is None or not YEAR_MIN <= year <= YEAR_MAX:
            self.add(row, column, text("msg.plan.cell_year"), value, year_bounds_text())
            return None
        return year

    def date(self, row, column, value) -> dt.date | None:
        raw = str(value).strip()
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
        m = _DATE.match(raw)
        if m:
            try:
                return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                pass
        self.add(row, column, text("msg.plan.cell_date"), value,
                 text("msg.plan.cell_date.expected"))
        return None

    def number(self, row, column, value) -> float | None:
        try:
            return parse_number(value, convention=VIETNAMESE)
        except InputError:
            self.add(row, column, text("msg.plan.cell_number"), value,
                     text("msg.plan.value_or_range.expected"))
            return None

    def code(self, row, column, value, required=True) -> str:
        value = str(value).strip()
        if not value:
            if required:
                self.add(row, column, text("msg.plan.cell_required"), None,
                         text("msg.programme.one_of", keys=", ".join(choices(column))))
            return ""
        found = to_code(column, value)
        if found is None:
            self.add(row, column, text("msg.plan.cell_choice"), value,
                     text("msg.programme.one_of", keys=", ".join(choices(column))))
            return ""
        return found


def _table(path: Path, sheet: str, columns: tuple[str, ...], problems: list[Problem],
           allow_empty: bool = False):
    """One sheet as a :class:`~analysis.data.table_reader.RawTable` (None when it cannot be
    read).
    """
    try:
        return read_table(path, sheet, columns)
    except InputError as exc:
        if allow_empty and all(p.key in ("msg.file.no_rows", "msg.file.empty_sheet")
                               for p in exc.problems):
            return None
        problems += exc.problems
        return None


def _sheets_problem(path: Path) -> list[Problem]:
    """The sheets a workbook lacks (it was not made by ``new-programme --out``)."""
    try:
        workbook = load_workbook(path, read_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for a bad file
        return [Problem(str(path), text("msg.file.not_excel", reason=str(exc)))]
    names = workbook.sheetnames
    workbook.close()  # a read-only workbook keeps its file open until closed
    return [Problem(str(path), text("msg.plan.sheet_missing", sheet=s),
                    expected=text("msg.plan.sheet_missing.expected",
                                  sheets=", ".join(READ_SHEETS)))
            for s in READ_SHEETS if s not in names]


def _split(value: str) -> list[str]:
    return [v.strip() for v in str(value).replace(",", LIST_SEPARATOR).split(LIST_SEPARATOR)
            if v.strip()]


def _read_fields(path, problems) -> tuple[dict, dict, object]:
    table = _table(path, SHEET_PROGRAMME, (FIELD_COLUMN, VALUE_COLUMN), problems)
    if table is None:
        return {}, {}, None
    cells = _Cells(table, problems)
    known = dict(PROGRAMME_FIELDS)
    fields, rows = {}, {}
    for row, record in table.rows:
        key = cells.text(row, FIELD_COLUMN, record)
        if key not in known:
            cells.add(row, FIELD_COLUMN, text("msg.plan.field_unknown"), key,
                      text("msg.programme.one_of", keys=", ".join(known)))
            continue
        rows[key] = row
        value = record.get(VALUE_COLUMN, "")
        if value == "" or (isinstance(value, str) and not value.strip()):
            if known[key]:
                cells.add(row, VALUE_COLUMN, text("msg.plan.cell_required"), None, key)
            continue
        if key in ("base_year", "target_year"):
            fields[key] = cells.year(row, VALUE_COLUMN, value)
        elif key == "date":
            fields[key] = cells.date(row, VALUE_COLUMN, value)
        else:
            fields[key] = cells.text(row, VALUE_COLUMN, record)
    for key, required in known.items():
        if required and key not in rows:
            problems.append(Problem(str(path), text("msg.plan.cell_required"), sheet=table.sheet,
                                    column=FIELD_COLUMN, expected=key))
    if fields.get("note_vi") and not fields.get("note_en") and "note_en" in rows:
        cells.add(rows["note_en"], VALUE_COLUMN, text("msg.plan.cell_required"), None,
                  "note_en")
    return fields, rows, table


def _value(cells: _Cells, row: int, comparator: str, value) -> dict:
    """``value``, or ``low`` and ``high`` of a range."""
    if comparator == RANGE:
        m = _RANGE.match(str(value)) if isinstance(value, str) else None
        if m is None:
            cells.add(row, "value", text("msg.plan.value_or_range"), value,
                      text("msg.plan.value_or_range.expected"))
            return {}
        low, high = (cells.number(row, "value", g) for g in m.groups())
        return {"low": low, "high": high, "value": None}
    if isinstance(value, str) and _RANGE.match(value):
        cells.add(row, "value", text("msg.plan.value_or_range"), value,
                  text("msg.plan.value_or_range.expected"))
        return {}
    return {"value": cells.number(row, "value", value), "low": None, "high": None}


def _period(cells: _Cells, row: int, value, fields: dict) -> tuple[int | None, int | None]:
    base, target = fields.get("base_year"), fields.get("target_year")
    raw = cell_text(value)
    if not raw:
        return (base + 1 if base else None), target
    m = _TARGET_PERIOD.match(raw)
    if m is None:
        cells.add(row, "period", text("msg.plan.period"), raw, text("msg.plan.period.expected"))
        return None, None
    if m.group(2):
        return int(m.group(1)), int(m.group(2))
    return (base + 1 if base else None), int(m.group(1))


def _read_targets(path, fields, indicators, problems) -> list[dict]:
    table = _table(path, SHEET_TARGETS, ("target_id", "indicator_id"), problems,
                   allow_empty=True)
    if table is None:
        if not any(p.sheet == SHEET_TARGETS for p in problems):
            problems.append(Problem(str(path), text("msg.plan.no_targets"), sheet=SHEET_TARGETS,
                                    expected=text("msg.plan.no_targets.expected")))
        return []
    cells = _Cells(table, problems)
    units = dict(zip(indicators["indicator_id"], indicators["unit"], strict=True))
    out = []
    for row, record in table.rows:
        if not any(str(record.get(c, "")).strip() for c in TARGET_COLUMNS
                   if c != INDICATOR_NAME):
            continue
        target = {c: cells.text(row, c, record, required=c in TARGET_REQUIRED)
                  for c in ("target_id", "name_vi", "name_en", "text_vi", "indicator_id",
                            "section", "note", "period_note", "source_title", "source_url")}
        for column in ("kind", "comparator", "direction", "group"):
            target[column] = cells.code(row, column, record.get(column, ""))
        target["price_basis"] = cells.code(row, "price_basis", record.get("price_basis", ""),
                                           required=False)
        indicator = target["indicator_id"]
        if indicator and indicator not in units:
            cells.add(row, "indicator_id", text("msg.foreign.indicator"), indicator,
                      text("msg.plan.indicator.expected", province=fields.get("province", "")))
        wanted = PP_UNIT if target["kind"] == PP_KIND else units.get(indicator, "")
        typed = str(record.get("unit", "")).strip()
        unit = cells.code(row, "unit", typed, required=False) if typed else wanted
        if typed and unit and wanted and unit != wanted:
            cells.add(row, "unit", text("msg.plan.unit_indicator"), typed, wanted)
        target["unit"] = unit
        if str(record.get("value", "")).strip() == "":
            cells.add(row, "value", text("msg.plan.cell_required"), None,
                      text("msg.plan.value_or_range.expected"))
        elif target["comparator"]:
            target.update(_value(cells, row, target["comparator"], record.get("value")))
        target["period_start"], target["target_year"] = _period(cells, row,
                                                                record.get("period", ""), fields)
        target["row"] = row
        out.append(target)
    if not out:
        problems.append(Problem(str(path), text("msg.plan.no_targets"), sheet=table.sheet,
                                expected=text("msg.plan.no_targets.expected")))
    return out


def _read_chapters(path, problems) -> list[dict]:
    table = _table(path, SHEET_CHAPTERS, ("targets",), problems, allow_empty=True)
    if table is None:
        return []
    cells = _Cells(table, problems)
    out = []
    for row, record in table.rows:
        ids = _split(cells.text(row, "targets", record, required=True))
        title = {lang: cells.text(row, f"title_{lang}", record) for lang in LANGUAGES}
        out.append({"key": cells.text(row, "key", record), "targets": ids,
                    "title": title if any(title.values()) else {},
                    "related": _split(cells.text(row, "related", record)), "row": row})
    return out


def read_province(path: Path | str) -> tuple[str, dict]:
    """The province folder the workbook names (field ``province``) and where its cell is.

    Raises
    ------
    InputError
        The workbook lacks a sheet, or the cell is empty.
    """
    path = Path(path)
    problems = _sheets_problem(path)
    table = None if problems else _table(path, SHEET_PROGRAMME, (FIELD_COLUMN, VALUE_COLUMN),
                                         problems)
    if table is not None:
        cells = _Cells(table, problems)
        for row, record in table.rows:
            if str(record.get(FIELD_COLUMN, "")).strip() == "province":
                value = cells.text(row, VALUE_COLUMN, record, required=True)
                if value:
                    return value, table.where(row, VALUE_COLUMN)
                break
        else:
            problems.append(Problem(str(path), text("msg.plan.cell_required"), sheet=table.sheet,
                                    column=FIELD_COLUMN, expected="province"))
    raise InputError(problems)


def read_plan(path: Path | str, indicators) -> PlanDraft:
    """Read a filled workbook (``indicators``: the province's, to check the indicator cells).

    Raises
    ------
    InputError
        Listing every cell that cannot be read, each naming the file, the sheet, the cell and
        the column, what was found and what was expected.
    """
    path = Path(path)
    problems = _sheets_problem(path)
    if problems:
        raise InputError(problems)
    fields, rows, _ = _read_fields(path, problems)
    targets = _read_targets(path, fields, indicators, problems)
    chapters = _read_chapters(path, problems)
    if problems:
        raise InputError(problems)
    return PlanDraft(path, fields, targets, chapters, rows)
