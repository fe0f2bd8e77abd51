"""The chapter of the programme's tasks and key projects: who leads, when due, where each stands.

The status in the assessment year comes from the province's progress file
(:func:`analysis.data.tasks.task_status`); it is shown as text and as a symbol that survives
black-and-white printing, with the flag **overdue** for a task whose end year has passed while a
source says it is not completed, and "due, no information" where nothing was found.
"""

from __future__ import annotations

from analysis.data.commentary import chapter_key
from analysis.report import formatting as fmt
from analysis.report.chapters import base as b
from analysis.report.commentary import comments
from analysis.report.context import Report
from analysis.report.document import Col, GroupRow, Heading, Items, Paragraph, Table
from analysis.report.inline import Markup, Span

#: Symbol of each status of a task (ZapfDingbats in the PDF, the same shape in HTML).
STATUS_SYMBOLS = {
    "completed": (r"\ding{52}", "✔"),
    "on_schedule": (r"\ding{108}", "●"),
    "behind_schedule": (r"\ding{116}", "▼"),
    "not_started": (r"\ding{109}", "❍"),
    "no_information": (r"\ding{111}", "❏"),
}


def status_label(r: Report, status: str) -> list:
    """Symbol and text of a task's status."""
    tex, html = STATUS_SYMBOLS[status]
    return [Markup(tex, html), "\u00a0", r.t(f"task.status.{status}")]


def period_text(r: Report, task: dict) -> str:
    """``2022–2025``, ``hằng năm`` / ``every year``, or the programme's own words."""
    if str(task["recurring"]) == "true":
        return r.t("task.recurring")
    start, end = task["start_year"], task["end_year"]
    if not fmt.is_missing(end):
        if not fmt.is_missing(start) and int(start) != int(end):
            return f"{int(start)}–{int(end)}"
        return str(int(end))
    return str(task.get(f"period_text_{r.lang}") or "–")  # the programme's words, if any


def due_summary(r: Report) -> str:
    """``X/Y nhiệm vụ đến hạn đã hoàn thành`` and the overdue and unknown counts."""
    t = r.tasks
    due = t[t["due"]]
    done = int((due["status"] == "completed").sum())
    return r.t("task.summary", done=done, due=len(due), overdue=int(t["overdue"].sum()),
               unknown=int(t["due_unknown"].sum()), year=r.year)


def tasks_chapter(r: Report) -> list:
    """Every task and key project: lead unit, period, status in the assessment year, overdue."""
    if r.tasks is None:
        return []
    t = r.tasks
    blocks: list = [Heading(r.t("sec.tasks"), label="sec:tasks"),
                    Paragraph(r.t("task.intro", year=r.year)),
                    Paragraph([Span(due_summary(r), "bold")])]
    sources: dict[str, int] = {}
    rows: list = []
    for kind in ("key_project", "task"):
        members = t[t["kind"] == kind]
        if members.empty:
            continue
        rows.append(GroupRow(r.t(f"task.kind.{kind}")))
        for task in members.to_dict("records"):
            status = [*status_label(r, task["status"])]
            if not fmt.is_missing(task["percent_complete"]):
                status += [" ", Span(r.t("task.percent", pct=fmt.number(
                    task["percent_complete"], r.lang, 1)), "small")]
            if task["source_url"]:
                n = sources.setdefault(task["source_url"], len(sources) + 1)
                status += [" ", Span(f"[{n}]", "small")]
            flag: object = ""
            if task["overdue"]:
                flag = Span(r.t("task.overdue"), "bold")
            elif task["due_unknown"]:
                flag = Span(r.t("task.due_unknown"), "small")
            lead = str(task.get(f"lead_unit_{r.lang}") or task.get("lead_unit_vi") or "–")
            rows.append([str(task[f"text_{r.lang}"]), lead, period_text(r, task), status, flag])
    # the period column holds "2022–2025" on one line (a year range does not break): at 0.10
    # of the line its 1.3 cm ran into the status column's symbol
    cols = [Col(r.t("task.col.task"), 0.37), Col(r.t("task.col.lead"), 0.19),
            Col(r.t("task.col.period"), 0.14), Col(r.t("task.col.status", year=r.year), 0.18),
            Col(r.t("task.col.flag"), 0.12)]
    legend = [r.t("task.legend")]
    for status in STATUS_SYMBOLS:
        legend += [" ", *status_label(r, status), ";"]
    blocks.append(Table(cols, rows, caption=r.t("task.caption", year=r.year), label="tab:tasks",
                        notes=[legend], continued=r.t("doc.continued"),
                        font_size=r"\footnotesize"))
    if sources:
        titles = t.drop_duplicates("source_url").set_index("source_url")["source_title"]
        items = [[str(titles.get(url, "")), b.BREAK, Span(url, "url")] for url in sources]
        blocks += [Paragraph(r.t("task.sources"), small=True),
                   Items(items, small=True, labels=[f"[{n}]" for n in sources.values()])]
    blocks += comments(r, [chapter_key("tasks")])
    return blocks
