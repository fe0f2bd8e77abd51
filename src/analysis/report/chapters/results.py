"""The year-by-year table every such report carries: "Biểu kết quả thực hiện các chỉ tiêu chủ
yếu".

Every target is a row; the columns are its unit (ĐVT), the base value, each year from the base
year to the assessment year ("TH 2021" … "Ước TH 2025"), the target and the verdict. The values
are the annual values the status table's rows rest on (:func:`analysis.report.chapters.base.
values_of`, the one rule for an annual value), of the indicator each target is measured by: a
growth target shows its annual growth rates, a pace target the level whose change it measures.
A value that is not final carries a mark (ước tính, sơ bộ, báo cáo) and a bound its qualifier.
The table is printed landscape when more than :data:`PORTRAIT_MAX_YEARS` years do not fit the
portrait page (in the Word document, a landscape section between two portrait ones).
"""

from __future__ import annotations

from analysis.data.statuses import NOT_FINAL_STATUSES
from analysis.engine import progress as pg
from analysis.report import formatting as fmt
from analysis.report import queries as q
from analysis.report.chapters import base as b
from analysis.report.context import Report
from analysis.report.document import (
    Col,
    GroupRow,
    Heading,
    Orientation,
    Paragraph,
    RawLatex,
    Table,
)

#: Year columns that fit a portrait page; more and the table turns landscape.
PORTRAIT_MAX_YEARS = 3
#: Statuses whose values carry a mark in the table (the final ones carry none).
MARKED_STATUSES = NOT_FINAL_STATUSES


def mark(r: Report, status: str) -> str:
    """The superscript-like mark of a status: ``ư``, ``sb``, ``bc`` (``e``, ``p``, ``r``)."""
    return r.t(f"results.mark.{status}") if status in MARKED_STATUSES else ""


def cell(r: Report, value: dict | None) -> str:
    """One value of the table: number (with qualifier and unit's decimals) and its mark."""
    if value is None:
        return "–"
    text = fmt.qualified(value["value"], str(value["unit"]), value["qualifier"], r.lang,
                         bare=True)  # the unit has its own column
    m = mark(r, str(value["status"]))
    return f"{text} ({m})" if m else text


def year_values(r: Report, target_id: str) -> dict[int, dict]:
    """The annual values of a target's indicator, by year, the status table's own."""
    ind = str(q.targets(r).loc[target_id, "indicator_id"])
    vals = q.values_of(r, ind, annual=True)
    return {int(v["year"]): v for v in vals.to_dict("records")}


def results_table(r: Report) -> list:
    """The annex table of every target by year."""
    years = list(range(r.base_year + 1, r.year + 1))
    targets = q.targets(r)
    values = {t: year_values(r, t) for t in targets["target_id"]}
    estimate_last = any(str(v.get(r.year, {}).get("status", "")) == "estimate"
                        for v in values.values())
    n = len(years)
    wide = n > PORTRAIT_MAX_YEARS  # landscape: the widths still add up to the line's width
    width_years = 0.44 if wide else 0.3
    cols = [Col(r.t("results.col.target"), 0.22 if wide else 0.3),
            Col(r.t("results.col.unit"), 0.07 if wide else 0.08),
            Col(r.t("results.col.base", year=r.base_year), 0.07 if wide else 0.08, "r")]
    cols += [Col(r.t("results.col.estimate" if (y == r.year and estimate_last)
                     else "results.col.actual", year=y), width_years / max(n, 1), "r")
             for y in years]
    cols += [Col(r.t("results.col.target_value", year=r.programme.target_year),
                 0.09 if wide else 0.1, "r"),
             Col(r.t("results.col.verdict"), 0.11 if wide else 0.12)]
    main = q.main_rows(r)
    rows: list = []
    for group, members in targets.groupby("group", sort=False):
        rows.append(GroupRow(r.t(f"group.{group}")))
        for tid in members["target_id"]:
            tgt = targets.loc[tid]
            ind = str(tgt["indicator_id"])
            unit = q.indicator_unit(r, ind)
            by_year = values[tid]
            row = main.loc[tid].to_dict() if tid in main.index else None
            klass = q.class_of(row)
            rows.append([
                q.name(r, tid),
                r.t(f"unit.{unit}") if fmt.has_unit(unit) else unit,
                b.cumulative_base(r, tid) or cell(r, by_year.get(r.base_year)),
                *(cell(r, by_year.get(y)) for y in years),
                q.target_text(r, tid),
                [b.symbol(klass), "\u00a0", r.t(f"class.{klass}")] if klass != pg.NO_DATA
                else b.class_label(r, klass),
            ])
    landscape = n > PORTRAIT_MAX_YEARS
    notes = [r.t("results.note", base=r.base_year)]
    blocks: list = []
    if landscape:
        blocks.append(RawLatex(r"\begin{landscape}", "", [Orientation(landscape=True)]))
    blocks += [Heading(r.t("sec.results"), label="sec:results", annex=b.ANNEX_LETTERS["results"]),
               Paragraph(r.t("results.intro", first=years[0] if years else r.year,
                             last=r.year)),
               Table(cols, rows, caption=r.t("results.caption", year=r.year),
                     label="tab:results", notes=notes, continued=r.t("doc.continued"),
                     font_size=r"\scriptsize")]
    if landscape:
        blocks.append(RawLatex(r"\end{landscape}", "", [Orientation(landscape=False)]))
    return blocks
