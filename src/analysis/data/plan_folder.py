"""A programme folder written from a filled new-programme workbook, all or nothing.

:func:`write_programme` turns a :class:`~analysis.data.plan_reader.PlanDraft` into
``data/programmes/<id>/``: ``programme.yaml`` (keys in the order of the shipped ones, the
province's actuals and indicators named by relative paths), ``targets.csv`` (the columns of
its table schema) and ``datapackage.json`` (generated from them,
:func:`analysis.data.datapackage.new_descriptor`).

The folder is first written to a temporary folder beside the programmes, at the same depth (so
that the relative paths are the final ones), and loaded there with the product's own checks:
the programme (:func:`analysis.programme.load_programme`: the JSON Schema, the periods, the
chapters, the growth target) and the targets against the province's indicators
(:func:`analysis.data.targets.load_targets`). Each problem found is put back on the cell of the
workbook it comes from (a row of ``targets.csv`` is a row of the targets sheet; a key of
``programme.yaml`` a row of the programme or chapters sheet). Only a folder without problems
is moved into place; an existing folder is replaced only with ``force``, and then only once
the new one is complete. On any problem nothing is left behind.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from pathlib import Path

import yaml
from openpyxl.utils import get_column_letter

from analysis.data.datapackage import new_descriptor, render_descriptor
from analysis.data.indicators import load_indicators
from analysis.data.plan_reader import PlanDraft
from analysis.data.plan_workbook import (
    CHAPTER_COLUMNS,
    FIELD_COLUMN,
    SHEET_CHAPTERS,
    SHEET_PROGRAMME,
    SHEET_TARGETS,
    TARGET_COLUMNS,
    VALUE_COLUMN,
)
from analysis.data.schema import field_names
from analysis.data.targets import load_targets
from analysis.errors import InputError, Problem
from analysis.i18n import LANGUAGES
from analysis.messages import text
from analysis.programme import load_programme

#: Header of a written ``programme.yaml``.
YAML_HEADER = """\
# {title}
# Written by python -m analysis new-programme from {workbook}.
# Keys: src/analysis/programme.py and data/schema/programme.yaml.schema.json. Paths are
# relative to this folder; the actuals and indicators are the province's.
"""
#: Columns of ``targets.csv`` the sheet's columns become (the others keep their names).
SHEET_COLUMN_OF = {"low": "value", "high": "value", "period_start": "period",
                   "target_year": "period"}


def _number(x):
    if x is None:
        return ""
    return int(x) if float(x).is_integer() else float(x)


def programme_yaml(draft: PlanDraft, programme_id: str, province_dir: Path,
                   folder: Path) -> str:
    """The text of ``programme.yaml``."""
    f = draft.fields

    def both(key):
        return {lang: f.get(f"{key}_{lang}", "") for lang in LANGUAGES}

    actuals = Path(os.path.relpath(province_dir / "actuals.csv", folder)).as_posix()
    data = {"id": programme_id, "title": both("title"), "short_title": both("short_title"),
            "issuer": both("issuer"), "number": f.get("number", ""), "date": f.get("date"),
            "province": both("province"), "base_year": f.get("base_year"),
            "target_year": f.get("target_year"), "targets": "targets.csv",
            "actuals": actuals}
    if f.get("growth_target"):
        data["growth_target"] = f["growth_target"]
    chapters = []
    for c in draft.chapters or _default_chapters(draft):
        single = len(c["targets"]) == 1 and not c["title"] and c["key"] in ("", c["targets"][0])
        if single and not c["related"]:
            chapters.append(c["targets"][0])
            continue
        item = {"key": c["key"]} if c["key"] else {}
        if c["title"]:
            item["title"] = c["title"]
        item["targets"] = c["targets"]
        if c["related"]:
            item["related"] = c["related"]
        chapters.append(item)
    data["chapters"] = chapters
    if f.get("note_vi") or f.get("note_en"):
        data["note"] = both("note")
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return YAML_HEADER.format(title=f.get("title_vi", ""), workbook=draft.file.name) + body


def _default_chapters(draft: PlanDraft) -> list[dict]:
    """No chapters typed: the growth target gets one; else the first target."""
    first = draft.fields.get("growth_target") or (draft.targets[0]["target_id"]
                                                  if draft.targets else "")
    return [{"key": "", "targets": [first], "title": {}, "related": [], "row": None}]


def targets_csv(draft: PlanDraft) -> str:
    """The text of ``targets.csv``: the columns of the targets' table schema, codes."""
    columns = field_names("targets")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for t in draft.targets:
        row = dict(t)
        for key in ("value", "low", "high"):
            row[key] = _number(row.get(key))
        writer.writerow(["" if row.get(c) is None else row.get(c, "") for c in columns])
    return out.getvalue()


def _on_sheet(problem: Problem, draft: PlanDraft, files: dict[str, str]) -> Problem:
    """``problem`` (of a file written from the workbook) put on the workbook's cell."""

    def at(sheet, row, column, columns):
        cell = (f"{get_column_letter(columns.index(column) + 1)}{row}"
                if row and column in columns else None)
        return Problem(str(draft.file), problem.message, cell=cell, column=column, sheet=sheet,
                       row=None if cell else row, found=problem.found,
                       expected=problem.expected, severity=problem.severity)

    name = Path(problem.file).name
    if name == files["targets"] and problem.row is not None and problem.row >= 2:
        index = problem.row - 2
        if index < len(draft.targets):
            column = SHEET_COLUMN_OF.get(problem.column, problem.column)
            return at(SHEET_TARGETS, draft.targets[index]["row"], column, TARGET_COLUMNS)
    if name == files["programme"]:
        key = problem.yaml_key or ""
        if key.startswith("chapters["):
            number = int(key[len("chapters["):].split("]")[0])
            rows = [c["row"] for c in draft.chapters]
            if number <= len(rows) and rows[number - 1]:
                return at(SHEET_CHAPTERS, rows[number - 1], "targets", CHAPTER_COLUMNS)
        field = key.replace(".", "_")
        row = draft.rows.get(field) or draft.rows.get(key.split(".")[0])
        if row:
            return at(SHEET_PROGRAMME, row, VALUE_COLUMN, (FIELD_COLUMN, VALUE_COLUMN))
    return Problem(str(draft.file), problem.message, found=problem.found,
                   expected=problem.expected, yaml_key=problem.yaml_key,
                   sheet=SHEET_PROGRAMME if name == files["programme"] else None)


def _check(folder: Path, draft: PlanDraft, descriptor: bool = True):
    """Load the written folder with the product's checks (``descriptor``: its
    ``datapackage.json`` too); the programme, or its problems put back on the workbook.
    """
    problems: list[Problem] = []
    try:
        programme = load_programme(folder, descriptor=descriptor)
    except InputError as exc:
        problems += exc.problems
        programme = None
    if programme is not None:
        try:
            load_targets(programme.targets, indicators=load_indicators(programme.indicators))
        except InputError as exc:
            problems += exc.problems
    if problems:
        files = {"targets": "targets.csv", "programme": "programme.yaml"}
        raise InputError([_on_sheet(p, draft, files) for p in problems])
    return programme


def write_programme(draft: PlanDraft, programme_id: str, root: Path, province_dir: Path,
                    force: bool = False) -> Path:
    """Write ``root/<programme_id>/`` from ``draft`` (module docstring); the folder.

    Raises
    ------
    InputError
        A problem of the workbook (on its cell), or the folder exists and ``force`` is not set.
    OSError
        The folder cannot be written (nothing is left behind).
    """
    final = Path(root) / programme_id
    if final.exists() and not force:
        raise InputError([Problem(str(final), text("msg.plan.exists"), found=programme_id,
                                  expected=text("msg.plan.exists.expected"))])
    work = Path(tempfile.mkdtemp(prefix=".new-programme-", dir=Path(root).parent))
    try:
        folder = work / programme_id
        folder.mkdir()
        (folder / "programme.yaml").write_text(
            programme_yaml(draft, programme_id, Path(province_dir).resolve(),
                           final.resolve()), encoding="utf-8")
        (folder / "targets.csv").write_text(targets_csv(draft), encoding="utf-8")
        descriptor = new_descriptor(_check(folder, draft, descriptor=False))
        (folder / "datapackage.json").write_text(render_descriptor(descriptor),
                                                 encoding="utf-8")
        _check(folder, draft)
        old = None
        if final.exists():
            old = work / f"{programme_id}.old"
            os.replace(final, old)
        os.replace(folder, final)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return final
