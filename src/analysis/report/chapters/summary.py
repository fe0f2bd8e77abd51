"""The executive summary: counts by class, the targets whose base moved, the growth target and
one sentence for every target with a chapter of its own.
"""

from __future__ import annotations

from analysis.data.commentary import chapter_key
from analysis.data.tiers import TIER_RANK
from analysis.engine import progress as pg
from analysis.report import formatting as fmt
from analysis.report import headline
from analysis.report import queries as q
from analysis.report.chapters import base as b
from analysis.report.chapters.growth import thin_text
from analysis.report.chapters.tasks import due_summary
from analysis.report.commentary import comments
from analysis.report.context import Report
from analysis.report.document import Heading, Items, Paragraph
from analysis.report.inline import Span

#: Classes listed in the summary even when no target has them (the rest only when present).
ALWAYS_LISTED = (pg.ACHIEVED, pg.ON_TRACK, pg.NO_DATA)
ALWAYS_LISTED_FINAL = (pg.ACHIEVED, pg.NOT_ACHIEVED, pg.NO_DATA)


def executive_summary(r: Report) -> list:
    """The headline count, counts per class, the base years moved, the growth target, the
    chapters' targets.
    """
    rows = q.main_rows(r)
    total = len(rows)
    count = headline.counts(r.assessment.summary, r.final_review)
    blocks: list = [Heading(r.t("sec.summary"), label="sec:summary")]
    if r.draft:
        blocks.append(Paragraph([Span(r.t("doc.draft") + ". ", "bold"),
                                 r.t("summary.draft", n=len(r.missing_commentary))], small=True))
    cutoff = r.cutoff_text()
    key = "summary.intro.final" if r.final_review else "summary.intro"
    if r.final_review and _title_names_period(r):
        key += ".titled"  # "… plan 2021–2025", not "… plan 2021–2025 for 2021–2025"
    blocks.append(Paragraph(r.t(key, total=total, cutoff=cutoff)))
    if r.programme.note:  # what every reader must know about the catalogue
        blocks.append(Paragraph(r.programme.note[r.lang], small=True))
    line: list = [Span(headline.headline(count, r.lang, r.programme.target_year), "bold")]
    if r.final_review:
        line += [" ", r.t("summary.final.met_note", estimates=int(
            rows[rows["met"].astype(bool)]["rests_on_estimate"].astype(bool).sum()))]
    blocks.append(Paragraph(line))
    always = ALWAYS_LISTED_FINAL if r.final_review else ALWAYS_LISTED
    present = [c for c in pg.CLASSES if count.n(c) or c in always]
    items = [[Span(r.t("summary.count.one" if count.n(c) == 1 else "summary.count",
                       n=count.n(c)), "bold"), " ",
              r.t(f"summary.class.{c}") + (";" if k < len(present) - 1 else ".")]
             for k, c in enumerate(present)]
    blocks.append(Items(items, labels=[b.symbol(c) for c in present]))
    blocks.append(Paragraph(sources_line(r), small=True))
    shifted = rows[rows["base_year_shifted"].astype(bool)
                   & ~rows.apply(lambda x: b.base_is_target_year(r, x), axis=1).astype(bool)]
    if not shifted.empty:
        names = "; ".join(r.t("summary.base_shifted.item", name=q.name(r, tid), year=int(y))
                          for tid, y in zip(shifted["target_id"], shifted["base_year"],
                                            strict=True))
        blocks.append(Paragraph(r.t("summary.base_shifted", n=len(shifted), base=r.base_year,
                                    items=names), small=True))
    growth = r.programme.growth_target
    if growth:
        blocks += growth_summary(r, growth)
    for target_id in r.programme.chapter_targets():
        if target_id != growth:
            blocks.append(Paragraph(b.target_sentence(r, target_id)))
    if r.tasks is not None:
        blocks.append(Paragraph([Span(r.t("sec.tasks") + ". ", "bold"), due_summary(r)]))
    blocks += comments(r, [chapter_key("summary")])
    return blocks


def _title_names_period(r: Report) -> bool:
    """Whether the programme's short title already names its period (``… 2021-2025``)."""
    title = r.programme.short_title[r.lang]
    return str(r.programme.base_year + 1) in title and str(r.programme.target_year) in title


def sources_line(r: Report) -> str:
    """The data-quality line: the values used (those of the data annex), counted by source tier."""
    counts = r.used["source_tier"].value_counts()
    return r.t("summary.sources", n=len(r.used),
               **{tier: int(counts.get(tier, 0)) for tier in TIER_RANK})


def growth_summary(r: Report, target_id: str) -> list:
    """The growth target: average so far against its range, and what each scenario requires."""
    row = q.row(r, target_id)
    if row is None or fmt.is_missing(row["latest_year"]) or fmt.is_missing(row["observed_pace"]):
        return [Paragraph(b.target_sentence(r, target_id))]
    tgt = q.targets(r).loc[target_id]
    obs = float(row["observed_pace"])
    low = float(tgt["low"]) if tgt["comparator"] == "range" else float(tgt["value"])
    high = float(tgt["high"]) if tgt["comparator"] == "range" else low
    where = "below" if obs < low else ("above" if obs > high else "within")
    first, t = int(row["base_year"]) + 1, int(row["latest_year"])
    thin = row["progress_class"] == pg.TOO_FEW_RATES  # no verdict on one or two rates
    blocks = [Paragraph([
        Span(q.name(r, target_id) + ". ", "bold"),
        r.t("summary.growth.thin" if thin else "summary.growth", first=first, last=t,
            observed=fmt.growth(obs, r.lang), where=r.t(f"summary.where.{where}"),
            target=q.target_text(r, target_id),
            index=fmt.number(row["latest_value"], r.lang, fixed=1), base=int(row["base_year"])),
    ])]
    if r.final_review:
        blocks.append(Paragraph(b.target_sentence(r, target_id)[1:]))
        return blocks
    if thin:  # nothing rests on one or two rates
        return blocks + thin_text(r, target_id)
    req = q.rate_rows(r, target_id)
    T = int(row["target_year"])
    if not req.empty and t < T:
        items = [r.t("summary.required.item", scenario=q.scenario_label(r, s),
                     required=fmt.growth(s["required_pace"], r.lang),
                     acceleration=fmt.pp(s["acceleration_pp"], r.lang),
                     probability=b.prob(r, s["probability_met"]))
                 for s in req.to_dict("records")]
        blocks.append(Paragraph(r.t("summary.required", n=T - t, first=t + 1, last=T,
                                    start=first)))
        blocks.append(Items(items))
    return blocks
