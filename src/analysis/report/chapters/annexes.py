"""The annexes: methods (every rule with its parameter), data (every value used, its source,
the conflicts, the values to verify, the data still needed) and provenance.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import PROJECT_ROOT
from analysis.data.selection import conflicts
from analysis.engine import progress as pg
from analysis.report import formatting as fmt
from analysis.report import queries as q
from analysis.report import verify
from analysis.report.chapters import base as b
from analysis.report.chapters.title import report_date_text
from analysis.report.context import Report, git_commit, package_versions, sha256, tex_version
from analysis.report.document import (
    Col,
    Formula,
    GroupRow,
    Heading,
    Items,
    Paragraph,
    RawLatex,
    Table,
)
from analysis.report.inline import Markup, Span
from analysis.report.latex import escape

#: Where a long checksum may break across lines (a zero-width space in Word).
ALLOW_BREAK = Markup(r"\allowbreak{}", "", word="\u200b")


def methods_annex(r: Report) -> list:
    """Formulas, thresholds, the band's assumptions and limits, the selection rule."""
    m = Markup
    blocks: list = [Heading(r.t("sec.methods"), label="sec:methods",
                            annex=b.ANNEX_LETTERS["methods"]),
                    Paragraph(r.t("methods.notation")),
                    Heading(r.t("methods.paces.head"), level=2),
                    Paragraph(r.t("methods.paces.compound")),
                    RawLatex(r"\begin{align*}"
                             r"g_{\mathrm{obs}} &= \left(\frac{v_t}{v_b}\right)^{1/(t-b)} - 1, &"
                             r"g_{\mathrm{base}} &= \left(\frac{v^*}{v_b}\right)^{1/(T-b)} - 1, &"
                             r"g_{\mathrm{req}} &= \left(\frac{v^*}{v_t}\right)^{1/(T-t)} - 1"
                             r"\end{align*}",
                             "<p>g_obs = (v_t/v_b)^(1/(t−b)) − 1; g_base = (v*/v_b)^(1/(T−b)) − 1;"
                             " g_req = (v*/v_t)^(1/(T−t)) − 1</p>",
                             [Formula("g_{obs} = (v_t / v_b)^{1/(t−b)} − 1,\u2003"
                                      "g_{base} = (v^* / v_b)^{1/(T−b)} − 1,\u2003"
                                      "g_{req} = (v^* / v_t)^{1/(T−t)} − 1")]),
                    Paragraph(r.t("methods.paces.avg_growth")),
                    RawLatex(r"\[ v^* = v_b\,(1+g^*)^{T-b}, \qquad "
                             r"g_{\mathrm{req}} = \left(\frac{(1+g^*)^{T-b}}{I_t/100}\right)"
                             r"^{1/(T-t)} - 1 \]",
                             "<p>v* = v_b (1+g*)^(T−b); "
                             "g_req = ((1+g*)^(T−b) / (I_t/100))^(1/(T−t)) − 1</p>",
                             [Formula("v^* = v_b (1 + g^*)^{T−b},\u2003"
                                      "g_{req} = ((1 + g^*)^{T−b} / (I_t / 100))^{1/(T−t)} − 1")]),
                    Paragraph(r.t("methods.paces.linear")),
                    RawLatex(r"\[ p_{\mathrm{obs}} = \frac{v_t - v_b}{t-b}, \qquad "
                             r"p_{\mathrm{req}} = \frac{v^* - v_t}{T-t} \]",
                             "<p>p_obs = (v_t − v_b)/(t − b); p_req = (v* − v_t)/(T − t)</p>",
                             [Formula("p_{obs} = (v_t − v_b) / (t − b),\u2003"
                                      "p_{req} = (v^* − v_t) / (T − t)")]),
                    Paragraph(r.t("methods.paces.other")),
                    Heading(r.t("methods.classes.head"), level=2),
                    Paragraph(r.t("methods.classes.ratio")),
                    RawLatex(r"\[ R = d\cdot\frac{g_{\mathrm{obs}}}{|g_{\mathrm{base}}|} \]",
                             "<p>R = d · g_obs / |g_base|</p>",
                             [Formula("R = d · g_{obs} / |g_{base}|")])]
    on, acc, ins = (pg.ON_TRACK_MIN_RATIO, pg.ACCELERATION_MIN_RATIO, pg.INSUFFICIENT_MIN_RATIO)
    n = lambda x: fmt.number(x, r.lang, 2)  # noqa: E731
    rows = [
        [b.class_label(r, "achieved"), r.t("methods.cond.achieved")],
        [b.class_label(r, "on_track"), m(rf"$R \geq {n(on)}$".replace(",", "{,}"),
                                       f"R ≥ {n(on)}")],
        [b.class_label(r, "acceleration_needed"),
         m(rf"${n(acc)} \leq R < {n(on)}$".replace(",", "{,}"), f"{n(acc)} ≤ R < {n(on)}")],
        [b.class_label(r, "insufficient"),
         m(rf"${n(ins)} \leq R < {n(acc)}$".replace(",", "{,}"), f"{n(ins)} ≤ R < {n(acc)}")],
        [b.class_label(r, "moving_away"), m(rf"$R < {n(ins)}$".replace(",", "{,}"),
                                          f"R < {n(ins)}")],
        [b.class_label(r, pg.NO_DATA), r.t("methods.cond.no_data")],
    ]
    params = r.assessment.params
    rows = [
        [b.class_label(r, pg.NOT_MEASURABLE), r.t("methods.cond.not_measurable")],
        [b.class_label(r, pg.TOO_FEW_RATES),
         r.t("methods.cond.too_few_rates", min=params.min_rates_for_average)],
        rows[0],
        [b.class_label(r, pg.NOT_ACHIEVED), r.t("methods.cond.not_achieved")],
        [b.class_label(r, pg.NO_TARGET_YEAR_VALUE), r.t("methods.cond.no_target_year_value")],
        [b.class_label(r, pg.OVERSHOT), r.t("methods.cond.overshot")],
        [b.class_label(r, pg.ONE_OBSERVATION), r.t("methods.cond.one_observation")],
        *rows[1:],
    ]
    blocks.append(Table([Col(r.t("col.class"), 0.35), Col(r.t("methods.col.condition"), 0.65)],
                        rows, caption=r.t("methods.classes.caption"), label="tab:classes",
                        notes=[r.t("methods.classes.order")]))
    blocks += [Paragraph(r.t("methods.classes.cross_check")),
               Heading(r.t("methods.met.head"), level=2),
               Paragraph(r.t("methods.met.text",
                             pp=fmt.number(params.about_tolerance_pp, r.lang, 2),
                             pct=fmt.number(params.about_tolerance_pct, r.lang, 2))),
               Paragraph(r.t("methods.met.shares")),
               Paragraph(r.t("methods.thin.text", min=params.min_rates_for_average)),
               Heading(r.t("methods.band.head"), level=2),
               Paragraph(r.t("methods.band.model")),
               RawLatex(r"\[ \ln Y_{t+h} \sim \mathcal{N}\!\left(\ln c_{t+h},\;"
                        r" h\,\hat\sigma^2 + h^2\,\hat\sigma^2/n\right), \qquad "
                        r"P(\text{" + escape(r.t("methods.band.met")) + r"}) = 1 - "
                        r"\Phi\!\left(\frac{\ln v^* - \ln c_T}{s}\right) \]",
                        "<p>ln Y_{t+h} ~ N(ln c_{t+h}, h σ̂² + h² σ̂²/n)</p>",
                        [Formula("ln Y_{t+h} ~ N(ln c_{t+h}, h σ̂^2 + h^2 σ̂^2 / n),\u2003"
                                 "P(" + r.t("methods.band.met") + ") = 1 − "
                                 "Φ((ln v^* − ln c_T) / s)")]),
               Paragraph(r.t("methods.band.drift", window=str(params.drift_window))),
               Paragraph(r.t("methods.band.volatility", start=_history_start(r),
                             z=fmt.number(params.break_modified_z, r.lang, 1))),
               *_growth_band_text(r),
               Paragraph(r.t("methods.band.limits")),
               Heading(r.t("methods.scenarios.head"), level=2),
               Paragraph(r.t("methods.scenarios.text")),
               Heading(r.t("methods.levels.head"), level=2),
               Paragraph(r.t("methods.levels.text",
                             deflator=fmt.growth(params.deflator_pct, r.lang),
                             population=r.t("methods.levels.trend")
                             if params.population_growth_pct is None
                             else fmt.growth(params.population_growth_pct, r.lang))),
               Heading(r.t("methods.data.head"), level=2),
               Paragraph(r.t("methods.data.selection")),
               Paragraph(r.t("methods.data.tiers")),
               Paragraph(r.t("methods.data.partial")),
               Paragraph(r.t("methods.data.dates"))]
    return blocks


# ---------------------------------------------------------------------------------------------
# 11 data annex


def data_annex(r: Report) -> list:
    """Every actual value used with status and source; conflicts; the data still needed."""
    used = r.used
    ind_order = {i: k for k, i in enumerate(r.dataset.indicators["indicator_id"])}
    used = used.assign(_o=used["indicator_id"].map(ind_order).fillna(999),
                       _e=used["period"].map(fmt.period_end_year)).sort_values(
        ["_o", "_e", "period"], kind="stable")
    # Each source is listed once, numbered in order of first use; the values cite the number.
    sources = used.drop_duplicates("source_url")[["source_url", "source_title", "source_tier"]]
    number = {url: k for k, url in enumerate(sources["source_url"], start=1)}
    cols = [Col(r.t("col.period"), 0.16), Col(r.t("col.value"), 0.30, "r"),
            Col(r.t("col.status"), 0.34), Col(r.t("col.source"), 0.20, "r")]
    rows: list = []
    for ind, vals in used.groupby("indicator_id", sort=False):
        rows.append(GroupRow(q.indicator_name(r, str(ind))))
        for v in vals.to_dict("records"):
            rows.append([fmt.period(v["period"], r.lang), fmt.shown_value(v, r.lang),
                         fmt.status(v["status"], r.lang),
                         f"[{number[v['source_url']]}]"])
    blocks: list = [Heading(r.t("sec.data"), label="sec:data", annex=b.ANNEX_LETTERS["data"]),
                    Paragraph(r.t("data.intro", n=len(used), year=r.year)),
                    Heading(r.t("sec.data.values"), level=2),
                    Table(cols, rows, caption=r.t("data.values.caption", year=r.year),
                          label="tab:data", continued=r.t("doc.continued"),
                          font_size=r"\footnotesize")]
    blocks += _source_list(r, sources, number)
    blocks += _conflicts(r)
    blocks += verify.annex(r)
    blocks += _gaps(r)
    return blocks


def _source_list(r: Report, sources: pd.DataFrame, number: dict[str, int]) -> list:
    """The numbered list of sources the values table cites: title and tier, then the URL."""
    items = [[str(s["source_title"]), ". ",
              Span(r.t("data.sources.tier", tier=fmt.tier(s["source_tier"], r.lang)), "italic"),
              Markup(r"\newline ", "<br>"), Span(str(s["source_url"]), "url")]
             for s in sources.to_dict("records")]
    labels = [f"[{number[u]}]" for u in sources["source_url"]]
    return [Heading(r.t("sec.data.sources"), level=2),
            Paragraph(r.t("data.sources.intro", n=len(items))),
            Items(items, small=True, labels=labels)]


def _conflicts(r: Report) -> list:
    cf = conflicts(r.dataset.actuals)
    head = Heading(r.t("sec.data.conflicts"), level=2)
    if cf.empty:
        return [head, Paragraph(r.t("data.conflicts.none"))]
    end = cf["period"].map(fmt.period_end_year)
    cf = cf[end <= r.year]
    rows = []
    for (ind, per), g in cf.groupby(["indicator_id", "period"], sort=False):
        chosen = g[g["chosen"].astype(bool)]
        cands = []
        for v in g.to_dict("records"):
            pub = v["published"] if isinstance(v["published"], str) and v["published"] else \
                r.t("conflicts.date_unknown")
            tier = fmt.tier(v.get("source_tier"), r.lang) or r.t("conflicts.tier_unknown")
            cands.append(f"{fmt.shown_value(v, r.lang)} "
                         f"({fmt.status(v['status'], r.lang)}, {tier}, {pub})")
        c = chosen.iloc[0].to_dict() if not chosen.empty else None
        by = str(c.get("chosen_by", "")) if c else ""
        rows.append([q.indicator_name(r, str(ind)), fmt.period(per, r.lang),
                     "; ".join(cands),
                     [fmt.shown_value(c, r.lang) if c else "–", Markup(r"\newline ", "<br>"),
                      Span(r.t(f"chosen_by.{by}") if by else "", "small")]])
    if not rows:
        return [head, Paragraph(r.t("data.conflicts.none"))]
    cols = [Col(r.t("col.indicator"), 0.26), Col(r.t("col.period"), 0.1),
            Col(r.t("col.candidates"), 0.42), Col(r.t("col.chosen"), 0.22)]
    return [head, Paragraph(r.t("data.conflicts.intro")),
            Table(cols, rows, caption=r.t("data.conflicts.caption"), label="tab:conflicts",
                  font_size=r"\footnotesize")]


def _gaps(r: Report) -> list:
    """The data needed: every missing annual value, and whom to ask. A target the programme
    declares not measurable asks for nothing; it is named apart, with its reason.
    """
    targets = q.targets(r)
    items, unmeasurable = [], []
    for target_id in targets["target_id"]:
        tgt = targets.loc[target_id]
        why = b.not_measurable_reason(r, target_id)
        if why:
            unmeasurable.append([Span(str(tgt[f"name_{r.lang}"]), "bold"), ": ", why])
            continue
        ind = str(tgt["indicator_id"])
        missing = q.missing_years(r, ind)
        if not missing:
            continue
        unit = q.indicator_unit(r, ind)
        unit_text = r.t(f"unit.{unit}") if unit and r.t(f"unit.{unit}") else ""
        parts = [Span(q.indicator_name(r, ind), "bold"),
                 r.t("data.gap.item", years=b.years_text(missing),
                     unit=f" ({unit_text})" if unit_text else "",
                     target=str(tgt[f"name_{r.lang}"]))]
        parts.append(" " + _publisher_text(r, ind))
        items.append(parts)
    blocks = [Heading(r.t("sec.data.gaps"), level=2),
              Paragraph(r.t("data.gaps.intro", base=r.base_year, year=r.year, n=len(items))),
              Items(items, small=True)]
    if unmeasurable:
        blocks += [Paragraph(r.t("data.gaps.not_measurable", n=len(unmeasurable))),
                   Items(unmeasurable, small=True)]
    return blocks


def _publisher_text(r: Report, indicator_id: str) -> str:
    """Whom to ask for a gap: the indicator's ``publisher_<lang>`` from the province's list."""
    ind = r.dataset.indicators.set_index("indicator_id")
    column = f"publisher_{r.lang}"
    office = str(ind.loc[indicator_id, column]) if (column in ind.columns
                                                     and indicator_id in ind.index) else ""
    if not office or office == "nan":
        return r.t("data.gap.publisher_unknown")
    return r.t("data.gap.publisher", office=office)


# ---------------------------------------------------------------------------------------------
# 12 provenance


def provenance(r: Report) -> list:
    """Parameters, SHA-256 of every input file, package versions, git commit, dates."""
    def shown(path) -> str:
        p = Path(path).resolve()
        try:
            return str(p.relative_to(PROJECT_ROOT))
        except ValueError:
            return str(p)

    prows = []
    for k, v in r.parameters.items():
        prows.append([Span(k, "mono"), Span(repr(v) if not isinstance(v, str) else repr(v),
                                            "mono")])
    frows = []
    for path in r.files.values():
        digest = sha256(path)
        frows.append([[Span(shown(path), "url")],
                      [Span(digest[:32], "mono"), ALLOW_BREAK,
                       Span(digest[32:], "mono")]])
    vrows = [[Span(n, "mono"), Span(v, "mono")] for n, v in package_versions()]
    tex = tex_version()
    if tex:
        vrows.append([Span("xelatex", "mono"), Span(tex, "mono")])
    commit = git_commit()
    return [
        Heading(r.t("sec.provenance"), label="sec:provenance",
                annex=b.ANNEX_LETTERS["provenance"]),
        Paragraph(r.t("prov.intro")),
        Table([Col(r.t("col.parameter"), 0.3), Col(r.t("col.value"), 0.7)], prows,
              caption=r.t("prov.params.caption"), label="tab:params", font_size=r"\footnotesize"),
        Table([Col(r.t("col.file"), 0.45), Col("SHA-256", 0.55)], frows,
              caption=r.t("prov.files.caption"), label="tab:files", font_size=r"\footnotesize"),
        Paragraph([r.t("prov.commit"), " ", Span(commit[:20], "mono"),
                   ALLOW_BREAK, Span(commit[20:], "mono")]),
        Paragraph(r.t("prov.dates", epoch=str(r.epoch), date=report_date_text(r),
                      cutoff=r.cutoff_text())),
        Table([Col(r.t("col.package"), 0.4), Col(r.t("col.version"), 0.6)], vrows,
              caption=r.t("prov.versions.caption"), label="tab:versions",
              font_size=r"\footnotesize"),
    ]


def _growth_band_text(r: Report) -> list:
    """The random walk of the growth target, when the programme has one with a band."""
    growth = r.programme.growth_target
    if not growth or r.final_review:
        return []
    # the estimates themselves are printed once, beside the figure they draw
    return [Paragraph(r.t("methods.band.estimates", chapter=q.name(r, growth),
                          section=r.t("sec.growth.path")))]


def _history_start(r: Report):
    """The first year of the volatility history: the programme's ``volatility_history_start``,
    else the first year the band's history holds (the first year of the series).
    """
    start = r.assessment.params.volatility_history_start
    if start is not None:
        return start
    years = [int(y) for v in r.assessment.band_parameters["volatility_years"]
             for y in str(v).split(",") if y.strip().isdigit()]
    return min(years) if years else r.t("methods.band.series_start")
