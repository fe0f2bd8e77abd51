"""The status table: every target, its base, latest value, paces (or margin) and class."""

from __future__ import annotations

from analysis.data.commentary import chapter_key
from analysis.engine import progress as pg
from analysis.engine.rows.pace import REQUIRED_IS_TARGET_PACE
from analysis.report import formatting as fmt
from analysis.report import queries as q
from analysis.report import verify
from analysis.report.chapters import base as b
from analysis.report.commentary import comments
from analysis.report.context import Report
from analysis.report.document import Col, GroupRow, Heading, Paragraph, Table
from analysis.report.inline import Span


def status_table(r: Report) -> list:
    """Every target: base, latest actual (year, status), required and observed pace, class.

    In a final review the pace columns give way to the target and the margin.
    """
    if r.final_review:
        cols = [Col(r.t("col.target"), 0.28), Col(r.t("col.base"), 0.14, "r"),
                Col(r.t("col.result"), 0.17, "r"), Col(r.t("col.margin"), 0.2, "r"),
                Col(r.t("col.class"), 0.21)]
    else:
        cols = [Col(r.t("col.target"), 0.27), Col(r.t("col.base"), 0.13, "r"),
                Col(r.t("col.latest"), 0.17, "r"), Col(r.t("col.required"), 0.13, "r"),
                Col(r.t("col.observed"), 0.13, "r"), Col(r.t("col.class"), 0.17)]
    rows: list = []
    main = q.main_rows(r)
    targets = q.targets(r)
    for group, members in targets.groupby("group", sort=False):
        rows.append(GroupRow(r.t(f"group.{group}")))
        for target_id in members["target_id"]:
            row = main.loc[target_id].to_dict() if target_id in main.index else None
            rows.append(status_cells(r, row, target_id))
    key = "table.status.note.final" if r.final_review else "table.status.note"
    notes = [r.t(key), [r.t("class.legend.head"), *legend_parts(r)], *verify.table_notes(r)]
    return [
        Heading(r.t("sec.status"), label="sec:status"),
        Paragraph(r.t("status.intro.final" if r.final_review else "status.intro")),
        Table(cols, rows, caption=r.t("table.status.caption"), label="tab:status",
              notes=notes, continued=r.t("doc.continued"), font_size=r"\footnotesize"),
        *comments(r, [chapter_key("status")]),
    ]


def legend_parts(r: Report) -> list:
    """The symbols of the classes the table uses, each with its text."""
    used = set(q.main_rows(r)["progress_class"])
    parts: list = []
    for c in (c for c in pg.CLASSES if c in used):
        if parts:
            parts.append("; ")
        parts += [b.symbol(c), "\u00a0", r.t(f"class.{c}")]
    parts.append(".")
    return parts


def status_cells(r: Report, row: dict | None, target_id: str) -> list:
    """The cells of one target's row."""
    name = [q.name(r, target_id), b.BREAK,
            Span(r.t("status.target_prefix", target=q.target_text(r, target_id)), "small")]
    width = 5 if r.final_review else 6
    if row is None:
        return [name, *["–"] * (width - 2), b.class_label(r, pg.NO_DATA)]
    c = q.class_of(row)
    base, latest = b.base_cell(r, row), b.latest_cell(r, row)
    verdict = b.verdict_cell(r, row, target_id)
    short = _short_average(r, row, target_id)
    if r.final_review:
        margin: object = "–"
        if c in (pg.ACHIEVED, pg.NOT_ACHIEVED) and not fmt.is_missing(row["margin"]):
            margin = [b.margin_text(r, row), *short]
            if row.get("rests_on_estimate"):
                margin += [b.BREAK, Span(r.t("status.on_estimate"), "small")]
        elif c == pg.NO_TARGET_YEAR_VALUE:
            margin = Span(r.t("status.gap", gap=b.gap_text(r, row)), "small")
        return [name, base, latest, margin, verdict]
    required = fmt.pace(row["required_pace"], row["pace_unit"], r.lang)
    observed: object = fmt.pace(row["observed_pace"], row["pace_unit"], r.lang)
    if c in (pg.ACHIEVED, pg.NOT_ACHIEVED, pg.TOO_FEW_RATES):
        required = "–"  # nothing left to require, or too few years to say what the period needs
    elif b.at_strict_bound(row):
        required = "> 0"  # at "trên X" with X reached: any rise, however small, is needed
    elif REQUIRED_IS_TARGET_PACE in str(row.get("flags") or "").split(";"):
        # a pace asked of every year ("giảm 2–3 điểm %/năm"), ahead of it so far: the stated
        # pace, said to be each year's (the average would need less: not "enough")
        required = [required, b.BREAK, Span(r.t("status.each_year"), "small")]
    if c in (pg.ONE_OBSERVATION, pg.OVERSHOT):
        observed = Span(r.t("status.gap", gap=b.gap_text(r, row)), "small")
    elif c == pg.TOO_FEW_RATES:
        observed = [observed, b.BREAK,
                    Span(r.t("status.too_few", n=int(row["n_annual_values"]),
                             min=r.assessment.params.min_rates_for_average), "small")]
    elif c == pg.NOT_MEASURABLE:
        required = "–"
    if short and c not in (pg.ONE_OBSERVATION, pg.OVERSHOT, pg.TOO_FEW_RATES):
        observed = [observed, *short]
    return [name, base, latest, required, observed, verdict]


def _short_average(r: Report, row: dict, target_id: str) -> list:
    """Under an average over fewer years than its target's period: the years it covers."""
    span = b.average_years(row)
    if span is None:
        return []
    start = int(q.targets(r).loc[target_id, "period_start"])
    return [b.BREAK, Span(r.t("status.short_average", years=f"{span[0]}–{span[1]}",
                              period=f"{start}–{int(row['target_year'])}"), "small")]
