"""A programme's tasks and key projects, and where each stands in an assessment year.

Two files, validated like the actuals (the table schemas ``data/schema/tasks.schema.json`` and
``data/schema/task_progress.schema.json``, applied by :func:`analysis.data.validate.apply_schema`):

- the programme's ``tasks.csv`` (``tasks:`` in ``programme.yaml``): every task of its table of
  assignments (Biểu phân công tổ chức thực hiện) and every project its text names, with the
  lead unit, the partner units and the period (a start and end year, or recurring);
- the province's ``task_progress.csv`` (``task_progress:`` in ``programme.yaml``): what public
  sources say of each task in a year, with the source's title, address and sentence. Where
  nothing was found the status is ``no_information``: never a guess.

**Where a task stands in year Y** (:func:`task_status`): its latest progress row for a year up to
Y (the latest publication among rows of the same year); ``no_information`` when there is none.
A task is **due** by Y when it has an end year and that year is Y or earlier (a recurring task is
never "due"); it is **overdue** when it is due and a source says it is not completed (on
schedule, behind schedule or not started). A due task with no information is not called
overdue, which would be a guess: it is flagged ``due_unknown``, and the report says that its
status is still to be found.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.data.schema import TASK_PROGRESS, TASKS, field_names
from analysis.data.validate import load_resource
from analysis.errors import InputError, Problem
from analysis.messages import text as msg

#: A task done, and a task no source speaks of (the statuses are the schema's enum).
COMPLETED = "completed"
NO_INFORMATION = "no_information"


def _load(path: Path, name: str) -> tuple[pd.DataFrame, list[Problem]]:
    _, frame, problems = load_resource(path, name)
    return frame, problems


def load_tasks(tasks_path: Path | str, progress_path: Path | str | None
               ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tasks and their progress, validated.

    Raises
    ------
    InputError
        Listing every problem of both files: schema, an end year before the start year, a
        progress row for an unknown task, a source missing where a status is claimed.
    """
    tasks, problems = _load(Path(tasks_path), TASKS)
    progress = pd.DataFrame(columns=field_names(TASK_PROGRESS))
    if progress_path is not None:
        progress, more = _load(Path(progress_path), TASK_PROGRESS)
        problems += more
    if not tasks.empty and "source_row" in tasks:
        for row in tasks.itertuples(index=False):
            if (not pd.isna(row.start_year) and not pd.isna(row.end_year)
                    and row.end_year < row.start_year):
                problems.append(Problem(str(tasks_path), msg("msg.tasks.end_before_start"),
                                        row=int(row.source_row), column="end_year",
                                        found=str(row.end_year),
                                        expected=msg("msg.tasks.end_before_start.expected",
                                                     year=row.start_year)))
    if not progress.empty and "source_row" in progress and not tasks.empty:
        known = set(tasks["task_id"])
        for row in progress.itertuples(index=False):
            where = {"file": str(progress_path), "row": int(row.source_row)}
            if row.task_id not in known:
                problems.append(Problem(**where, column="task_id", message=msg("msg.tasks.unknown"),
                                        found=row.task_id,
                                        expected=msg("msg.programme.unknown_target.expected",
                                                     file=Path(tasks_path).name)))
            if row.status != NO_INFORMATION and not row.source_url:
                problems.append(Problem(**where, column="source_url",
                                        message=msg("msg.tasks.needs_source"), found=row.status,
                                        expected=msg("msg.tasks.needs_source.expected")))
            if row.source_url and not row.quote:
                problems.append(Problem(**where, column="quote",
                                        message=msg("msg.tasks.needs_quote"),
                                        expected=msg("msg.tasks.needs_quote.expected")))
    if problems:
        raise InputError(problems)
    return tasks, progress


def task_status(tasks: pd.DataFrame, progress: pd.DataFrame, year: int) -> pd.DataFrame:
    """Where every task stands in ``year`` (module docstring).

    Returns
    -------
    pandas.DataFrame
        The tasks' columns plus ``status``, ``percent_complete``, ``progress_note``,
        ``source_title``, ``source_url``, ``published``, ``status_year`` (the year of the row
        used), ``due``, ``overdue`` and ``due_unknown`` (bool).
    """
    p = progress[progress["year"] <= int(year)] if not progress.empty else progress
    latest = {}
    if not p.empty:
        ordered = p.assign(_pub=p["published"].fillna("")).sort_values(
            ["task_id", "year", "_pub"], kind="stable")
        for row in ordered.to_dict("records"):
            latest[row["task_id"]] = row
    out = tasks.copy()

    def pick(tid, key, default):
        return latest[tid].get(key, default) if tid in latest else default

    out["status"] = [pick(t, "status", NO_INFORMATION) for t in out["task_id"]]
    out["percent_complete"] = [pick(t, "percent_complete", float("nan")) for t in out["task_id"]]
    out["progress_note"] = [pick(t, "note", "") for t in out["task_id"]]
    out["source_title"] = [pick(t, "source_title", "") for t in out["task_id"]]
    out["source_url"] = [pick(t, "source_url", "") for t in out["task_id"]]
    out["published"] = [pick(t, "published", "") for t in out["task_id"]]
    out["status_year"] = [pick(t, "year", pd.NA) for t in out["task_id"]]
    recurring = out["recurring"].astype(str) == "true"
    end = pd.to_numeric(out["end_year"], errors="coerce")
    out["due"] = (~recurring & end.notna() & (end <= int(year))).astype(bool)
    known = ~out["status"].isin((COMPLETED, NO_INFORMATION))
    out["overdue"] = (out["due"] & known).astype(bool)
    out["due_unknown"] = (out["due"] & (out["status"] == NO_INFORMATION)).astype(bool)
    return out
