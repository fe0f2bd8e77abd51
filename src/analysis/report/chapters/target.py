"""The chapter of any target, drawn from its kind, and of a group of shares.

A target's chapter holds its sentence, a figure chosen by its kind and its data
(:mod:`analysis.report.charts`: an index for an average-growth target, a level chart for levels,
rates, coverage, counts, areas and cumulative totals, a part-year chart when only part-year
values exist), the table of the values used, and the years still missing. The programme's growth
target gets :mod:`analysis.report.chapters.growth` instead. A group of shares of GRDP (a
``chapters`` entry with a title and several targets) gets one chart and one table.
"""

from __future__ import annotations

from analysis.data.commentary import chapter_key
from analysis.data.statuses import PARTIAL_STATUS
from analysis.engine import progress as pg
from analysis.programme import Chapter
from analysis.report import charts
from analysis.report import formatting as fmt
from analysis.report import queries as q
from analysis.report.chapters import base as b
from analysis.report.chapters.growth import growth_chapter
from analysis.report.commentary import comments
from analysis.report.context import Report
from analysis.report.document import Col, Heading, Paragraph, Table
from analysis.report.inline import Span


def chapter(r: Report, ch: Chapter) -> list:
    """The blocks of one chapter of the programme (``chapters`` in ``programme.yaml``)."""
    if ch.is_group:
        return group_chapter(r, ch)
    target_id = ch.targets[0]
    if target_id == r.programme.growth_target:
        blocks = growth_chapter(r, target_id)
    else:
        blocks = target_chapter(r, target_id, ch.related)
    return blocks + comments(r, dict.fromkeys([chapter_key(ch.key), target_id]))


def target_chapter(r: Report, target_id: str, related=()) -> list:
    """One target: sentence, the values used, figure, the years missing."""
    tgt = q.targets(r).loc[target_id]
    ind = str(tgt["indicator_id"])
    row = q.row(r, target_id)
    blocks: list = [Heading(q.name(r, target_id), label=f"sec:{target_id}"),
                    Paragraph(b.target_sentence(r, target_id))]
    related = [i for i in related if not q.values_of(r, i).empty]
    annual = q.values_of(r, ind, annual=True)
    if q.class_of(row) == pg.NO_DATA or annual.empty:
        missing = q.missing_years(r, ind)
        if missing and not q.partial_values(r, ind).empty:  # the sentence said the gap
            blocks.append(Paragraph(r.t("target.gap", name=q.indicator_name(r, ind))))
        fig = charts.partial_chart(r, target_id, related)
    elif tgt["kind"] == "avg_growth" and row is not None and row["unit"] == "index_base_100":
        fig = charts.index_chart(r, target_id, scenarios=False)
    else:
        fig = charts.level_chart(r, target_id)
    # the table of values first, the figure after it: a figure set before a table that breaks
    # across pages waits for the table's end and then for a fresh page, leaving half a page
    # empty; after the table it takes the space that is left
    table = values_table(r, target_id, [ind, *related])
    if table is not None:
        blocks.append(table)
    blocks += multi_year_text(r, [ind, *related])
    if fig is not None:
        blocks.append(fig)
    missing = q.missing_years(r, ind)
    if missing and not annual.empty:
        blocks.append(Paragraph(r.t("target.missing_years", years=b.years_text(missing),
                                    name=q.indicator_name(r, ind))))
    if q.class_of(row) == pg.NO_DATA:
        blocks.append(Paragraph(r.t("target.needed", name=q.indicator_name(r, ind),
                                    unit=unit_words(r, q.indicator_unit(r, ind)),
                                    base=r.base_year)))
    return blocks


def multi_year_text(r: Report, indicators) -> list:
    """A sentence naming the values that cover several years (a 2021–2025 total or average).

    They are listed in the chapter they inform and never turned into annual values: the
    charts leave them out, the assessment uses annual values only.
    """
    items = []
    for ind in indicators:
        for v in q.values_of(r, ind, annual=False).to_dict("records"):
            if v["status"] == "partial-year":
                continue
            items.append(r.t("target.multi_year.item", name=q.indicator_name(r, ind),
                             period=fmt.period(v["period"], r.lang),
                             value=fmt.qualified(v["value"], str(v["unit"]), v["qualifier"],
                                                 r.lang),
                             status=fmt.status(v["status"], r.lang)))
    if not items:
        return []
    return [Paragraph(r.t("target.multi_year", items="; ".join(items)))]


def unit_words(r: Report, unit: str) -> str:
    """The unit in words (``tỷ đồng``, ``%``), empty for a plain count."""
    return r.t(f"unit.{unit}") if fmt.has_unit(unit) else unit


def values_table(r: Report, target_id: str, indicators) -> Table | None:
    """The values of a target's indicator (and related ones) the report uses, with status."""
    rows, partial = [], False
    for ind in indicators:
        for v in q.values_of(r, ind).to_dict("records"):
            partial = partial or v["status"] == PARTIAL_STATUS
            rows.append([q.indicator_name(r, ind), fmt.period(v["period"], r.lang),
                         fmt.shown_value(v, r.lang), fmt.status(v["status"], r.lang)])
    if not rows:
        return None
    cols = [Col(r.t("col.indicator"), 0.46), Col(r.t("col.period"), 0.14),
            Col(r.t("col.value"), 0.2, "r"), Col(r.t("col.status"), 0.2)]
    return Table(cols, rows, caption=r.t("target.values.caption", name=q.name(r, target_id)),
                 label=f"tab:{target_id}-values",
                 notes=[r.t("target.values.note")] if partial else [])


def group_chapter(r: Report, ch: Chapter) -> list:
    """A group of targets under one title: for shares, one chart and one table."""
    ids = [t for t in ch.targets if t in q.targets(r).index]
    blocks: list = [Heading(ch.title[r.lang], label=f"sec:{ch.key}")]
    shares = all(q.targets(r).loc[t, "kind"] == "share_of_grdp" for t in ids)
    if not shares:
        for t in ids:
            blocks += [Heading(q.name(r, t), level=2), Paragraph(b.target_sentence(r, t)),
                       *comments(r, [t])]
        return blocks + comments(r, [chapter_key(ch.key)])
    rows, bars = [], []
    for target_id in ids:
        tgt = q.targets(r).loc[target_id]
        vals = q.values_of(r, str(tgt["indicator_id"]))
        latest = vals.iloc[-1].to_dict() if not vals.empty else None
        row = q.row(r, target_id)
        if latest is None:
            rows.append([q.name(r, target_id), "–", q.target_text(r, target_id), "–",
                         b.class_label(r, q.class_of(row))])
            continue
        rows.append([
            q.name(r, target_id),
            [fmt.value(latest["value"], "pct", r.lang), b.BREAK,
             Span(f"({fmt.period(latest['period'], r.lang)}, "
                  f"{fmt.status(latest['status'], r.lang)})", "small")],
            q.target_text(r, target_id),
            fmt.pp(float(tgt["value"]) - float(latest["value"]), r.lang),
            b.class_label(r, q.class_of(row)),
        ])
        bars.append((q.name(r, target_id), float(latest["value"]), float(tgt["value"]),
                     fmt.period(latest["period"], r.lang), latest["status"] == "partial-year"))
    items = "; ".join(f"{q.name(r, t)} {q.target_text(r, t)}" for t in ids)
    blocks.append(Paragraph(r.t("shares.intro", items=items)))
    if all(q.class_of(q.row(r, t)) == pg.NO_DATA for t in ids):
        blocks.append(Paragraph(r.t("shares.no_annual", base=r.base_year)))
    if bars:
        blocks.append(charts.shares_chart(r, ch.key, bars, r.t("shares.fig_caption",
                                                              title=ch.title[r.lang])))
    cols = [Col(r.t("col.target"), 0.3), Col(r.t("col.latest"), 0.17, "r"),
            Col(r.t("col.target_value"), 0.15, "r"), Col(r.t("col.share_change"), 0.17, "r"),
            Col(r.t("col.class"), 0.21)]
    blocks.append(Table(cols, rows, caption=r.t("shares.caption", title=ch.title[r.lang]),
                        label=f"tab:{ch.key}", notes=[r.t("shares.note")]))
    blocks += comments(r, [chapter_key(ch.key)])
    for t in ids:
        blocks += comments(r, [t], title=r.t("commentary.head.target", name=q.name(r, t)))
    return blocks
