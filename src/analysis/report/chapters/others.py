"""The targets without a chapter of their own, in one compact table."""

from __future__ import annotations

from analysis.data.commentary import chapter_key
from analysis.engine import progress as pg
from analysis.report import queries as q
from analysis.report.chapters import base as b
from analysis.report.commentary import comments
from analysis.report.context import Report
from analysis.report.document import Col, GroupRow, Heading, Paragraph, Table


def other_targets(r: Report) -> list:
    """Every target without a chapter of its own, grouped."""
    cols = [Col(r.t("col.target"), 0.36), Col(r.t("col.target_value"), 0.2, "r"),
            Col(r.t("col.latest"), 0.22, "r"), Col(r.t("col.class"), 0.22)]
    rows: list = []
    main = q.main_rows(r)
    targets = q.targets(r)
    others = targets[~targets["target_id"].isin(r.programme.chapter_targets())]
    if others.empty:
        return []
    for group, members in others.groupby("group", sort=False):
        rows.append(GroupRow(r.t(f"group.{group}")))
        for target_id in members["target_id"]:
            row = main.loc[target_id].to_dict() if target_id in main.index else None
            rows.append([q.name(r, target_id), q.target_text(r, target_id),
                         b.latest_cell(r, row) if row is not None else "–",
                         b.verdict_cell(r, row, target_id)])
    n_no = sum(q.class_of(main.loc[t].to_dict() if t in main.index else None) == pg.NO_DATA
               for t in others["target_id"])
    blocks = [Heading(r.t("sec.other"), label="sec:other"),
              Paragraph(r.t("other.intro", n=len(others), n_no=n_no)),
              Table(cols, rows, caption=r.t("table.other.caption"), label="tab:other",
                    continued=r.t("doc.continued"), font_size=r"\footnotesize"),
              *comments(r, [chapter_key("others")])]
    for t in others["target_id"]:
        blocks += comments(r, [t], title=r.t("commentary.head.target", name=q.name(r, t)))
    return blocks
