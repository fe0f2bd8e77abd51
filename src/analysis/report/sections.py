"""The sections of the assessment report, one function each; the notebook calls them in order.

Each function takes the :class:`~analysis.report.context.Report` built by :func:`setup` and
returns a list of blocks (:mod:`analysis.report.document`) that :func:`show` displays. Every
sentence is generated from the numbers of the assessment (:func:`analysis.engine.assess.assess`) and
the translation table; nothing here branches on the language.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.report import formatting as fmt
from analysis.report import midyear, verify
from analysis.report.context import (
    Report,
    git_commit,
    package_versions,
    setup,
    sha256,
    tex_version,  # noqa: F401  (re-exported for the annex)
)
from analysis.report.document import (
    Col,
    Figure,
    GroupRow,
    Heading,
    Items,
    Markup,
    Paragraph,
    RawLatex,
    Span,
    Table,
    show,
)
from analysis.report.latex import escape

__all__ = [
    "setup", "show", "title_page", "executive_summary", "status_table", "grdp_section",
    "structure_section", "trade_section", "tourism_section", "forest_section", "other_targets",
    "methods_annex", "data_annex", "provenance",
]

#: The GRDP growth target, assessed on an index (2020 = 100) at constant prices.
GRDP_TARGET = "grdp_growth_pct_per_year"
#: The nominal GRDP target (63,600 bn VND) and the per-capita target.
GRDP_NOMINAL_TARGET = "grdp_current_bn_vnd"
GRDP_PER_CAPITA_TARGET = "grdp_per_capita_mn_vnd"
#: The four shares of the 2030 economic structure.
STRUCTURE_TARGETS = (
    "agriculture_share_pct_of_grdp",
    "industry_construction_share_pct_of_grdp",
    "services_share_pct_of_grdp",
    "product_taxes_share_pct_of_grdp",
)
TRADE_TARGET = "export_import_growth_pct_per_year"
#: Targets that can no longer be measured as written (the district level of administration was
#: abolished on 1 July 2025; see the target's note in the catalogue): the gap list says so.
UNMEASURABLE_TARGETS = frozenset({"districts_ntm_count"})
TOURISM_TARGET = "tourist_arrivals"
FOREST_TARGET = "forest_cover_pct"
#: Series shown beside a target's own indicator (they inform it but do not measure it).
RELATED_INDICATORS = {
    TRADE_TARGET: ("export_import_turnover_mn_usd", "exports_mn_usd", "imports_mn_usd"),
    TOURISM_TARGET: (),
    FOREST_TARGET: (),
}
#: Targets with a section of their own (sections 4–8); the rest go to "other targets".
OWN_SECTION_TARGETS = (GRDP_TARGET, GRDP_NOMINAL_TARGET, GRDP_PER_CAPITA_TARGET,
                       *STRUCTURE_TARGETS, TRADE_TARGET, TOURISM_TARGET, FOREST_TARGET)
#: Scenario id of the row that assesses a target as catalogued.
TARGET_SCENARIO = "target"
#: Progress classes in the order the report lists them.
CLASS_ORDER = ("achieved", "on_track", "acceleration_needed", "insufficient", "moving_away",
               "no_data")
#: Symbol of each class: a ZapfDingbats glyph in the PDF (survives black-and-white printing),
#: the same shape in HTML.
CLASS_SYMBOLS = {
    "achieved": (r"\ding{52}", "✔"),
    "on_track": (r"\ding{108}", "●"),
    "acceleration_needed": (r"\ding{119}", "◗"),
    "insufficient": (r"\ding{109}", "❍"),
    "moving_away": (r"\ding{116}", "▼"),
    "no_data": (r"\ding{111}", "❏"),
}
#: Band quantiles drawn as the 90 % and 50 % bands.
BAND_90 = (0.05, 0.95)
BAND_50 = (0.25, 0.75)


# ---------------------------------------------------------------------------------------------
# helpers


def _targets(r: Report) -> pd.DataFrame:
    return r.dataset.targets.set_index("target_id", drop=False)


def _name(r: Report, target_id: str) -> str:
    row = _targets(r).loc[target_id]
    return str(row[f"name_{r.lang}"])


def _indicator_name(r: Report, indicator_id: str) -> str:
    ind = r.dataset.indicators.set_index("indicator_id")
    if indicator_id in ind.index:
        return str(ind.loc[indicator_id, f"name_{r.lang}"])
    return indicator_id


def _indicator_unit(r: Report, indicator_id: str) -> str:
    ind = r.dataset.indicators.set_index("indicator_id")
    return str(ind.loc[indicator_id, "unit"]) if indicator_id in ind.index else ""


def _main_rows(r: Report) -> pd.DataFrame:
    """One summary row per target: the row that assesses it as catalogued."""
    s = r.assessment.summary
    return s[s["scenario"] == TARGET_SCENARIO].set_index("target_id", drop=False)


def _row(r: Report, target_id: str) -> dict | None:
    rows = _main_rows(r)
    return rows.loc[target_id].to_dict() if target_id in rows.index else None


def _class_of(row: dict | None) -> str:
    return "no_data" if row is None else str(row["progress_class"])


def symbol(progress_class: str) -> Markup:
    """The class's symbol."""
    tex, html = CLASS_SYMBOLS.get(progress_class, CLASS_SYMBOLS["no_data"])
    return Markup(tex, html)


def class_label(r: Report, progress_class: str) -> list:
    """Symbol and text of a class (the text alone is enough; the symbol helps at a glance)."""
    return [symbol(progress_class), "\u00a0", r.t(f"class.{progress_class}")]


def _value_in_year(r: Report, x, unit: str, year, status: str | None, qualifier=None) -> str:
    if fmt.is_missing(x) or fmt.is_missing(year):
        return r.t("value.missing")
    text = fmt.qualified(x, unit, qualifier, r.lang) if qualifier else fmt.value(x, unit, r.lang)
    if unit == "index_base_100":
        text = r.t("value.index", value=text)
    return r.t("value.in_year", value=text, year=int(year), status=fmt.status(status, r.lang))


def _used(r: Report) -> pd.DataFrame:
    """Chosen values whose period ends in or before the assessment year."""
    return r.used


def _values_of(r: Report, indicator_id: str, annual: bool | None = None) -> pd.DataFrame:
    """Used values of one indicator, oldest first; ``annual`` filters on annual/partial."""
    u = _used(r)
    u = u[u["indicator_id"] == indicator_id]
    if annual is not None and "is_annual" in u.columns:
        u = u[u["is_annual"].astype(bool) == annual]
    key = u["period"].map(lambda p: (fmt.period_end_year(p), len(str(p)), str(p)))
    return u.assign(_k=key).sort_values("_k").drop(columns="_k")


def _partial_values(r: Report, indicator_id: str) -> pd.DataFrame:
    u = _values_of(r, indicator_id)
    return u[u["status"] == "partial-year"]


def _target_text(r: Report, target_id: str) -> str:
    return fmt.target(_targets(r).loc[target_id].to_dict(), r.lang)


def _source_line(r: Report, extra: str | None = None) -> list:
    text = r.t("doc.source_default") + (f"; {extra}" if extra else "")
    return [r.t("doc.source", text=text)]


def _prob(r: Report, p) -> str:
    if fmt.is_missing(p):
        return fmt.MISSING
    return fmt.number(100 * float(p), r.lang, fixed=0) + "%"


def _flags(row: dict | None) -> list[str]:
    if row is None or fmt.is_missing(row.get("flags")):
        return []
    return [f for f in str(row["flags"]).split(";") if f]


def _missing_years(r: Report, row: dict | None, indicator_id: str) -> list[int]:
    """Years from the base year to the assessment year with no annual value."""
    have = set(_values_of(r, indicator_id, annual=True)["year"].astype(int))
    first = r.base_year
    return [y for y in range(first, r.year + 1) if y not in have]


# ---------------------------------------------------------------------------------------------
# 1 title page


def title_page(r: Report) -> list:
    """Title page (no page number), the names of floats in the language, table of contents."""
    e = escape
    rendered = fmt_date(r)
    cutoff = r.cutoff.format(r.lang) if r.cutoff else r.t("value.missing")
    no_hyphen = r"\hyphenpenalty=10000 \exhyphenpenalty=10000" if r.lang == "vi" else ""
    tex = rf"""
\renewcommand{{\contentsname}}{{{e(r.t("doc.contents"))}}}
\renewcommand{{\figurename}}{{{e(r.t("doc.figure"))}}}
\renewcommand{{\tablename}}{{{e(r.t("doc.table"))}}}
{no_hyphen}
\begin{{titlepage}}
\thispagestyle{{empty}}
\centering
{{\large\bfseries {e(r.t("doc.province")).upper()}\par}}
\vspace*{{40mm}}
{{\LARGE\bfseries {e(r.t("doc.title"))}\par}}
\vspace{{8mm}}
{{\large {e(r.t("doc.subtitle"))}\par}}
\vspace{{20mm}}
{{\Large\bfseries {e(r.t("doc.assessment_year", year=r.year))}\par}}
{midyear.cover_tex(r)}
\vfill
{{\normalsize {e(r.t("doc.cutoff", date=cutoff))}\par}}
{{\normalsize {e(r.t("doc.rendered", date=rendered))}\par}}
\vspace{{6mm}}
{{\small\itshape {e(r.t("doc.draft_note"))}\par}}
\end{{titlepage}}
\tableofcontents
\clearpage
"""
    html = (f"<h1>{r.t('doc.title')}</h1><p>{r.t('doc.province')} — "
            f"{r.t('doc.assessment_year', year=r.year)}<br>{r.t('doc.cutoff', date=cutoff)}<br>"
            f"{r.t('doc.rendered', date=rendered)}</p>")
    import html as _html

    return [RawLatex(tex, _html.escape(html).replace("&lt;", "<").replace("&gt;", ">"))]


def fmt_date(r: Report) -> str:
    """The date of rendering (from SOURCE_DATE_EPOCH, see :mod:`analysis.report.context`)."""
    from analysis.report.context import Published, rendering_date

    d = rendering_date(r.epoch)
    return Published(d.year, d.month, d.day).format(r.lang)


# ---------------------------------------------------------------------------------------------
# 2 executive summary


def executive_summary(r: Report) -> list:
    """Counts per progress class, GRDP so far and still required, trade, tourism, forest."""
    rows = _main_rows(r)
    total = len(rows)
    counts = rows["progress_class"].value_counts()
    blocks: list = [Heading(r.t("sec.summary"), label="sec:summary")]
    blocks.append(Paragraph(r.t("summary.intro", total=total, year=r.year,
                                cutoff=r.cutoff.format(r.lang) if r.cutoff else "–")))
    items = []
    for c in CLASS_ORDER:
        n = int(counts.get(c, 0))
        items.append([Span(r.t("summary.count", n=n, total=total), "bold"),
                      " ", r.t(f"summary.class.{c}")])
    blocks.append(Items(items, labels=[symbol(c) for c in CLASS_ORDER]))
    blocks += _grdp_summary(r)
    for target_id in (TRADE_TARGET, TOURISM_TARGET, FOREST_TARGET):
        blocks.append(Paragraph(target_sentence(r, target_id)))
    return blocks


def _grdp_summary(r: Report) -> list:
    row = _row(r, GRDP_TARGET)
    if row is None or fmt.is_missing(row["latest_year"]):
        return [Paragraph(target_sentence(r, GRDP_TARGET))]
    tgt = _targets(r).loc[GRDP_TARGET]
    low, high = float(tgt["low"]), float(tgt["high"])
    obs = float(row["observed_pace"])
    where = "below" if obs < low else ("above" if obs > high else "within")
    first = int(row["base_year"]) + 1
    t = int(row["latest_year"])
    blocks = [Paragraph([
        Span(_name(r, GRDP_TARGET) + ". ", "bold"),
        r.t("summary.grdp", first=first, year=t, observed=fmt.growth(obs, r.lang),
            where=r.t(f"summary.where.{where}"), target=_target_text(r, GRDP_TARGET),
            index=fmt.number(row["latest_value"], r.lang, fixed=1), base=int(row["base_year"])),
    ])]
    req = _scenario_rows(r)
    if not req.empty and t < int(row["target_year"]):
        items = []
        for s in req.to_dict("records"):
            items.append(r.t("summary.required.item", scenario=_scenario_label(r, s),
                             required=fmt.growth(s["required_pace"], r.lang),
                             acceleration=fmt.pp(s["acceleration_pp"], r.lang),
                             probability=_prob(r, s["probability_met"])))
        blocks.append(Paragraph(r.t("summary.required", n=int(row["target_year"]) - t,
                                    first=t + 1, last=int(row["target_year"]),
                                    start=first)))
        blocks.append(Items(items))
    return blocks


def _scenario_rows(r: Report) -> pd.DataFrame:
    """Summary rows of the GRDP target for each scenario (rates, then custom scenarios)."""
    s = r.assessment.summary
    rows = s[(s["target_id"] == GRDP_TARGET) & (s["scenario"] != TARGET_SCENARIO)]
    return rows


def _scenario_label(r: Report, row: dict) -> str:
    sc = r.assessment.scenarios.set_index("scenario")
    sid = row["scenario"]
    if not fmt.is_missing(row.get("scenario_rate_pct")):
        return r.t("scenario.rate", rate=fmt.growth(row["scenario_rate_pct"], r.lang, decimals=0)
                   if float(row["scenario_rate_pct"]).is_integer()
                   else fmt.growth(row["scenario_rate_pct"], r.lang, decimals=1))
    if sid in sc.index:
        return str(sc.loc[sid, f"label_{r.lang}"])
    return str(sid)


def target_sentence(r: Report, target_id: str) -> list:
    """One or two sentences on a target's status, from its numbers."""
    row = _row(r, target_id)
    tgt = _targets(r).loc[target_id]
    name = Span(f"{tgt[f'name_{r.lang}']}. ", "bold")
    target = _target_text(r, target_id)
    c = _class_of(row)
    if row is None or fmt.is_missing(row["latest_year"]) or c == "no_data":
        partial = _partial_values(r, str(tgt["indicator_id"]))
        parts = [name, r.t("sentence.no_data", base=r.base_year, target=target)]
        if not partial.empty:
            periods = ", ".join(fmt.period(p, r.lang) for p in partial["period"])
            parts += [" ", r.t("sentence.partial_only", periods=periods)]
        return parts
    unit = str(row["unit"])
    latest = fmt.qualified(row["latest_value"], unit, _qualifier(r, row), r.lang)
    if unit == "index_base_100":
        latest = r.t("value.index", value=latest)
    parts = [name, r.t("sentence.latest", year=int(row["latest_year"]), value=latest,
                       status=fmt.status(row["latest_status"], r.lang), target=target)]
    if c == "achieved":
        parts += [" ", r.t("sentence.achieved")]
    elif not fmt.is_missing(row["observed_pace"]):
        parts += [" ", r.t("sentence.paces",
                           observed=fmt.pace(row["observed_pace"], row["pace_unit"], r.lang),
                           base=int(row["base_year"]),
                           required=fmt.pace(row["required_pace"], row["pace_unit"], r.lang),
                           klass=r.t(f"class.{c}").lower())]
    else:
        parts += [" ", r.t("sentence.one_point",
                           required=fmt.pace(row["required_pace"], row["pace_unit"], r.lang))]
    return parts


# ---------------------------------------------------------------------------------------------
# 3 status table


def status_table(r: Report) -> list:
    """Every target: base, latest actual (year, status), required and observed pace, class."""
    cols = [
        Col(r.t("col.target"), 0.27),
        Col(r.t("col.base"), 0.13, "r"),
        Col(r.t("col.latest"), 0.17, "r"),
        Col(r.t("col.required"), 0.13, "r"),
        Col(r.t("col.observed"), 0.13, "r"),
        Col(r.t("col.class"), 0.17),
    ]
    rows: list = []
    main = _main_rows(r)
    targets = _targets(r)
    for group, members in targets.groupby("group", sort=False):
        rows.append(GroupRow(r.t(f"group.{group}")))
        for target_id in members["target_id"]:
            rows.append(_status_cells(r, main.loc[target_id].to_dict()
                                      if target_id in main.index else None, target_id))
    notes = [r.t("table.status.note"), [r.t("class.legend.head"), *_legend_parts(r)],
             *verify.table_notes(r)]
    return [
        Heading(r.t("sec.status"), label="sec:status"),
        Paragraph(r.t("status.intro", year=r.year)),
        Table(cols, rows, caption=r.t("table.status.caption", year=r.year), label="tab:status",
              notes=notes, continued=r.t("doc.continued"), font_size=r"\footnotesize"),
    ]


def _legend_parts(r: Report) -> list:
    parts: list = []
    for i, c in enumerate(CLASS_ORDER):
        if i:
            parts.append("; ")
        parts += [symbol(c), "\u00a0", r.t(f"class.{c}")]
    parts.append(".")
    return parts


def _status_cells(r: Report, row: dict | None, target_id: str) -> list:
    tgt = _targets(r).loc[target_id]
    name = [str(tgt[f"name_{r.lang}"]), Markup(r"\newline ", "<br>"),
            Span(r.t("status.target_prefix", target=_target_text(r, target_id)), "small")]
    if row is None:
        return [name, "–", "–", "–", "–", class_label(r, "no_data")]
    unit = str(row["unit"])
    base = ("–" if fmt.is_missing(row["base_year"])
            else _short_value(r, row["base_value"], unit, int(row["base_year"]),
                              _qualifier(r, row, "base_year")))
    latest = _latest_cell(r, row)
    c = _class_of(row)
    required = fmt.pace(row["required_pace"], row["pace_unit"], r.lang)
    observed = fmt.pace(row["observed_pace"], row["pace_unit"], r.lang)
    if c == "achieved":
        required = "–"
    return [name, base, latest, required, observed,
            class_label(r, c) + verify.marker(r, target_id)]


def _short_value(r: Report, x, unit: str, year: int, qualifier: str | None = None) -> list:
    text = fmt.qualified(x, unit, qualifier, r.lang) if qualifier else fmt.value(x, unit, r.lang)
    if unit == "index_base_100":
        text = r.t("value.index", value=text)
    return [text, Markup(r"\newline ", "<br>"), Span(f"({year})", "small")]


def _qualifier(r: Report, row: dict, year_key: str = "latest_year") -> str | None:
    """Qualifier (more_than, about, ...) of the chosen value behind a row's latest (or base)
    value."""
    if fmt.is_missing(row.get(year_key)) or row.get("unit") == "index_base_100":
        return None
    c = r.chosen
    hit = c[(c["indicator_id"] == row["indicator_id"]) &
            (c["period"].astype(str) == str(int(row[year_key])))]
    return None if hit.empty else str(hit.iloc[0]["qualifier"])


def _latest_cell(r: Report, row: dict) -> list | str:
    if fmt.is_missing(row["latest_year"]):
        return "–"
    unit = str(row["unit"])
    text = fmt.qualified(row["latest_value"], unit, _qualifier(r, row), r.lang)
    if unit == "index_base_100":
        text = r.t("value.index", value=text)
    return [text, Markup(r"\newline ", "<br>"),
            Span(f"({int(row['latest_year'])}, {fmt.status(row['latest_status'], r.lang)})",
                 "small")]


# ---------------------------------------------------------------------------------------------
# 4 GRDP


def grdp_section(r: Report) -> list:
    """GRDP: chart with scenarios and band, growth used, required growth, consistency checks."""
    blocks: list = [Heading(r.t("sec.grdp"), label="sec:grdp"),
                    Paragraph(target_sentence(r, GRDP_TARGET)),
                    Heading(r.t("sec.grdp.path"), level=2)]
    fig = grdp_figure(r)
    if fig is not None:
        blocks.append(Paragraph(r.t("grdp.chart_intro")))
        blocks.append(fig)
    blocks.append(_growth_table(r))
    blocks.append(Heading(r.t("sec.grdp.required"), level=2))
    blocks += _required_growth(r)
    blocks.append(Heading(r.t("sec.grdp.nominal"), level=2))
    blocks += _nominal_consistency(r)
    blocks.append(Heading(r.t("sec.grdp.per_capita"), level=2))
    blocks += _per_capita_consistency(r)
    return blocks


def _paths(r: Report, target_id: str) -> pd.DataFrame:
    p = r.assessment.paths
    return p[p["target_id"] == target_id]


def grdp_figure(r: Report) -> Figure | None:
    """Index 2020 = 100 at constant prices: actual, scenarios, current pace, band."""
    from analysis.report import figures as fg

    p = _paths(r, GRDP_TARGET)
    actual = p[p["kind"] == "actual"].sort_values("year")
    if actual.empty:
        return None
    fig, (ax,) = fg.new_figure(height=3.9)
    T = int(_targets(r).loc[GRDP_TARGET, "target_year"])
    lines = []
    band = p[p["kind"] == "band"]
    if r.show_band and not band.empty:
        wide = band.pivot_table(index="year", columns="quantile", values="value")
        spans = []
        for (lo, hi), key in ((BAND_90, "grdp.band90"), (BAND_50, "grdp.band50")):
            if lo in wide.columns and hi in wide.columns:
                spans.append((wide[lo].to_numpy(), wide[hi].to_numpy(), r.t(key)))
        fg.draw_band(ax, wide.index.to_numpy(), spans)
    scen = _scenario_rows(r)
    for i, srow in enumerate(scen.to_dict("records")):
        sp = p[(p["kind"] == "scenario") & (p["scenario"] == srow["scenario"])].sort_values("year")
        lines.append(fg.Line(sp["year"].tolist(), sp["value"].tolist(),
                             r.t("grdp.legend.scenario", label=_scenario_label(r, srow)),
                             "scenario", i))
    cur = p[p["kind"] == "current_pace"].sort_values("year")
    row = _row(r, GRDP_TARGET)
    if not cur.empty and row is not None:
        lines.append(fg.Line(cur["year"].tolist(), cur["value"].tolist(),
                             r.t("grdp.legend.current",
                                 pace=fmt.growth(row["observed_pace"], r.lang)), "current"))
    lines.append(fg.Line(actual["year"].tolist(), actual["value"].tolist(),
                         r.t("grdp.legend.actual"), "actual"))
    fg.draw_lines(ax, lines)
    first = [lines[-1].label, *(ln.label for ln in lines[:-1] if ln.style == "current")]
    fg.year_axis(ax, r.base_year, T)
    fg.value_axis(ax, r.lang)
    ax.set_xlabel(r.t("axis.year"))
    ax.set_ylabel(r.t("grdp.axis"))
    fg.legend(ax, ncol=3, first=first)
    fg.finish(fig)
    return Figure(fig, r.t("grdp.caption", base=r.base_year), _source_line(r, r.t("grdp.source_band")),
                  label="fig:grdp")


def _growth_table(r: Report) -> Table:
    """Annual GRDP growth used (chosen values) and the index they chain to."""
    p = _paths(r, GRDP_TARGET)
    idx = p[p["kind"] == "actual"].set_index("year")["value"]
    ind = str(_targets(r).loc[GRDP_TARGET, "indicator_id"])
    vals = _values_of(r, ind, annual=True)
    vals = vals[vals["year"].astype(int) > r.base_year]
    vals = vals.set_index(vals["year"].astype(int))
    rows = []
    for year in sorted(set(idx.index) | set(vals.index)):
        if year <= r.base_year and year not in vals.index:
            rows.append([str(year), "–", "–", fmt.number(idx.get(year), r.lang, fixed=1)])
            continue
        v = vals.loc[year] if year in vals.index else None
        rows.append([
            str(year),
            fmt.growth(v["value"], r.lang, per_year=False) if v is not None else "–",
            fmt.status(v["status"], r.lang) if v is not None else "–",
            fmt.number(idx.get(year), r.lang, fixed=1) if year in idx.index else "–",
        ])
    cols = [Col(r.t("col.year"), 0.15), Col(r.t("col.growth"), 0.25, "r"),
            Col(r.t("col.status"), 0.3), Col(r.t("col.grdp_index"), 0.3, "r")]
    return Table(cols, rows, caption=r.t("grdp.growth_table.caption", base=r.base_year),
                 label="tab:grdp-growth", notes=[r.t("grdp.growth_table.note")])


def _required_growth(r: Report) -> list:
    row = _row(r, GRDP_TARGET)
    scen = _scenario_rows(r)
    if row is None or scen.empty or fmt.is_missing(row["latest_year"]):
        return [Paragraph(r.t("grdp.required.none"))]
    t, T = int(row["latest_year"]), int(row["target_year"])
    cols = [Col(r.t("col.scenario"), 0.22), Col(r.t("grdp.col.index_needed", year=T), 0.18, "r"),
            Col(r.t("col.required_growth", first=t + 1, last=T), 0.22, "r"),
            Col(r.t("col.acceleration"), 0.2, "r"), Col(r.t("col.probability"), 0.18, "r")]
    rows = []
    for s in scen.to_dict("records"):
        rows.append([_scenario_label(r, s), fmt.number(s["target_value"], r.lang, fixed=1),
                     fmt.growth(s["required_pace"], r.lang),
                     fmt.pp(s["acceleration_pp"], r.lang), _prob(r, s["probability_met"])])
    return [
        Paragraph(r.t("grdp.required.intro", year=t, index=fmt.number(row["latest_value"], r.lang,
                                                                       fixed=1),
                      observed=fmt.growth(row["observed_pace"], r.lang), n=T - t, first=t + 1,
                      last=T, base=r.base_year)),
        Table(cols, rows, caption=r.t("grdp.required.caption", first=t + 1, last=T),
              label="tab:grdp-required", notes=[r.t("grdp.required.note", base=r.base_year)]),
    ]


def _consistency(r: Report) -> pd.DataFrame:
    return r.assessment.consistency


def _check(r: Report, check_id: str, scenario: str | None = None) -> dict | None:
    c = _consistency(r)
    rows = c[c["check_id"] == check_id]
    if scenario is not None:
        rows = rows[rows["scenario"] == scenario]
    return None if rows.empty else rows.iloc[0].to_dict()


def _nominal_consistency(r: Report) -> list:
    base = _check(r, "grdp_base_level")
    nominal = _check(r, "grdp_nominal_growth_implied")
    if base is None or nominal is None:
        return [Paragraph(r.t("grdp.nominal.none"))]
    blocks = [Paragraph(r.t(
        "grdp.nominal.text",
        base_year=int(base["year"]), base=fmt.value(base["value"], "bn_vnd", r.lang),
        target=_target_text(r, GRDP_NOMINAL_TARGET), year=int(nominal["year"]),
        nominal=fmt.growth(nominal["value"], r.lang)))]
    rows = []
    for s in _scenario_rows(r).to_dict("records"):
        g = _check(r, "grdp_deflator_growth_implied", s["scenario"])
        cum = _check(r, "grdp_deflator_cumulative_implied", s["scenario"])
        if g is None:
            continue
        rows.append([_scenario_label(r, s), fmt.growth(g["value"], r.lang),
                     fmt.number(cum["value"], r.lang, fixed=1) if cum else "–"])
    if rows:
        cols = [Col(r.t("col.scenario"), 0.34), Col(r.t("grdp.col.deflator_growth"), 0.33, "r"),
                Col(r.t("grdp.col.deflator_2030", base=r.base_year), 0.33, "r")]
        blocks.append(Table(cols, rows, caption=r.t("grdp.nominal.caption",
                                                    target=_target_text(r, GRDP_NOMINAL_TARGET)),
                            label="tab:grdp-deflator"))
    blocks.append(Paragraph(r.t("grdp.nominal.reading")))
    return blocks


def _per_capita_consistency(r: Report) -> list:
    implied = _check(r, "population_implied")
    if implied is None:
        return [Paragraph(r.t("grdp.per_capita.none"))]
    blocks = [Paragraph(r.t(
        "grdp.per_capita.implied", nominal=_target_text(r, GRDP_NOMINAL_TARGET),
        per_capita=_target_text(r, GRDP_PER_CAPITA_TARGET), year=int(implied["year"]),
        population=fmt.value(implied["value"], "persons", r.lang)))]
    trend_g = _check(r, "population_trend_growth")
    trend = _check(r, "population_trend")
    diff = _check(r, "population_implied_vs_trend_pct")
    at_trend = _check(r, "grdp_per_capita_at_trend_population")
    if trend_g and trend and diff and at_trend:
        target_pc = float(_targets(r).loc[GRDP_PER_CAPITA_TARGET, "value"])
        blocks.append(Paragraph(r.t(
            "grdp.per_capita.trend", growth=fmt.growth(trend_g["value"], r.lang),
            period=escape_free(trend_g.get("description_en", "")),
            trend=fmt.value(trend["value"], "persons", r.lang), year=int(trend["year"]),
            diff=fmt.number(abs(diff["value"]), r.lang, fixed=1) + "%",
            direction=r.t("grdp.per_capita.lower" if diff["value"] < 0 else
                          "grdp.per_capita.higher"),
            per_capita=fmt.value(at_trend["value"], "mn_vnd_per_person", r.lang),
            compare=r.t("grdp.per_capita.below" if at_trend["value"] < target_pc else
                        "grdp.per_capita.above"))))
    blocks.append(Paragraph(target_sentence(r, GRDP_PER_CAPITA_TARGET)))
    return blocks


def escape_free(text: str) -> str:
    """The years in parentheses of an engine description (``(2010–2022)``), else empty."""
    import re

    m = re.search(r"\((\d{4})[–-](\d{4})\)", str(text))
    return f"{m.group(1)}–{m.group(2)}" if m else ""


# ---------------------------------------------------------------------------------------------
# 5 structure


def structure_section(r: Report) -> list:
    """The four shares of GRDP against the 2030 structure."""
    rows, bars = [], []
    for target_id in STRUCTURE_TARGETS:
        if target_id not in _targets(r).index:
            continue
        tgt = _targets(r).loc[target_id]
        vals = _values_of(r, str(tgt["indicator_id"]))
        latest = vals.iloc[-1].to_dict() if not vals.empty else None
        row = _row(r, target_id)
        if latest is None:
            rows.append([str(tgt[f"name_{r.lang}"]), "–", _target_text(r, target_id), "–",
                         class_label(r, _class_of(row))])
            continue
        change = float(tgt["value"]) - float(latest["value"])
        rows.append([
            str(tgt[f"name_{r.lang}"]),
            [fmt.value(latest["value"], "pct", r.lang), Markup(r"\newline ", "<br>"),
             Span(f"({fmt.period(latest['period'], r.lang)}, "
                  f"{fmt.status(latest['status'], r.lang)})", "small")],
            _target_text(r, target_id),
            fmt.pp(change, r.lang),
            class_label(r, _class_of(row)),
        ])
        bars.append((str(tgt[f"name_{r.lang}"]), float(latest["value"]), float(tgt["value"]),
                     fmt.period(latest["period"], r.lang), latest["status"] == "partial-year"))
    cols = [Col(r.t("col.target"), 0.3), Col(r.t("col.latest"), 0.17, "r"),
            Col(r.t("col.target_value"), 0.15, "r"), Col(r.t("col.share_change"), 0.17, "r"),
            Col(r.t("col.class"), 0.21)]
    shares = "; ".join(
        f"{_targets(r).loc[t, f'name_{r.lang}']} {_target_text(r, t)}"
        for t in STRUCTURE_TARGETS if t in _targets(r).index)
    blocks: list = [Heading(r.t("sec.structure"), label="sec:structure"),
                    Paragraph(r.t("structure.intro", items=shares))]
    any_annual = any(_class_of(_row(r, t)) != "no_data" for t in STRUCTURE_TARGETS)
    if not any_annual:
        blocks.append(Paragraph(r.t("structure.no_annual", base=r.base_year, year=r.year)))
    if bars:
        blocks.append(structure_figure(r, bars))
    blocks.append(Table(cols, rows, caption=r.t("structure.caption"), label="tab:structure",
                        notes=[r.t("structure.note")]))
    return blocks


def _wrap(text: str, width: int) -> str:
    """Break a label into lines of at most ``width`` characters."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def structure_figure(r: Report, bars) -> Figure:
    """Latest shares (hatched when partial-year) against the 2030 shares."""
    import numpy as np

    from analysis.report import figures as fg

    fig, (ax,) = fg.new_figure(height=2.9, left=2.3, right=0.6)
    ax.grid(axis="y", visible=False)
    y = np.arange(len(bars))[::-1]
    h = 0.36
    latest_label = r.t("structure.legend.latest")
    for i, (_name_, latest, _target, period, partial) in enumerate(bars):
        ax.barh(y[i] + h / 2, latest, height=h, color="white", edgecolor=fg.INK,
                hatch="////" if partial else None, linewidth=0.8,
                label=latest_label if i == 0 else None)
        ax.annotate(f"{fmt.number(latest, r.lang, 2)}% ({period})", (latest, y[i] + h / 2),
                    xytext=(3, 0), textcoords="offset points", va="center",
                    fontsize=fg.FONT_SIZE_PT - 1.5)
    for i, (_name_, _latest, target, _period, _partial) in enumerate(bars):
        ax.barh(y[i] - h / 2, target, height=h, color=fg.GREYS[1],
                label=r.t("structure.legend.target") if i == 0 else None)
        ax.annotate(f"{fmt.number(target, r.lang, 2)}%", (target, y[i] - h / 2), xytext=(3, 0),
                    textcoords="offset points", va="center", fontsize=fg.FONT_SIZE_PT - 1.5)
    ax.set_yticks(y, [_wrap(b[0], 30) for b in bars])
    ax.set_xlim(0, max(max(b[1], b[2]) for b in bars) * 1.25)
    fg.value_axis_x(ax, r.lang)
    ax.set_xlabel(r.t("structure.axis"))
    fg.legend(ax, ncol=2)
    fg.finish(fig)
    return Figure(fig, r.t("structure.fig_caption"), _source_line(r), label="fig:structure")


# ---------------------------------------------------------------------------------------------
# 6–8 export–import, tourism, forest


def trade_section(r: Report) -> list:
    """Export–import against 13 %/yr with the partial-year data that exist; the gap stated."""
    tgt = _targets(r).loc[TRADE_TARGET]
    ind = str(tgt["indicator_id"])
    row = _row(r, TRADE_TARGET)
    blocks: list = [Heading(r.t("sec.trade"), label="sec:trade"),
                    Paragraph(target_sentence(r, TRADE_TARGET))]
    related = [i for i in RELATED_INDICATORS[TRADE_TARGET] if not _values_of(r, i).empty]
    series = [ind, *related]
    have = {i: _values_of(r, i) for i in series}
    if _class_of(row) == "no_data":
        missing = _missing_years(r, row, ind)
        blocks.append(Paragraph([Span(r.t("trade.gap.head") + " ", "bold"),
                                 r.t("trade.gap", years=_years_text(missing),
                                     base=r.base_year, year=r.year)]))
    fig = trade_figure(r, have, float(tgt["value"]))
    if fig is not None:
        blocks.append(fig)
    rows = []
    for i in series:
        for v in have[i].to_dict("records"):
            rows.append([_indicator_name(r, i), fmt.period(v["period"], r.lang),
                         fmt.qualified(v["value"], str(v["unit"]), v["qualifier"], r.lang),
                         fmt.status(v["status"], r.lang)])
    if rows:
        cols = [Col(r.t("col.indicator"), 0.46), Col(r.t("col.period"), 0.14),
                Col(r.t("col.value"), 0.2, "r"), Col(r.t("col.status"), 0.2)]
        blocks.append(Table(cols, rows, caption=r.t("trade.caption"), label="tab:trade",
                            notes=[r.t("trade.note")]))
    blocks.append(Paragraph(r.t("trade.needed")))
    return blocks


def _years_text(years: Sequence[int]) -> str:
    """``2020–2025`` for a run, else a list."""
    if not years:
        return ""
    years = sorted(years)
    if years == list(range(years[0], years[-1] + 1)) and len(years) > 2:
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def trade_figure(r: Report, have: dict, target_pct: float) -> Figure | None:
    """Partial-year growth (left) and turnover (right), hatched and labelled by period."""
    from analysis.report import figures as fg

    growth_id = str(_targets(r).loc[TRADE_TARGET, "indicator_id"])
    g = have.get(growth_id, pd.DataFrame())
    levels = {i: v for i, v in have.items() if i != growth_id and not v.empty}
    if g.empty and not levels:
        return None
    fig, axes = fg.new_figure(height=3.2, ncols=2, top=0.35, bottom=0.68)
    ax = axes[0]
    if not g.empty:
        labels = [fmt.period(p, r.lang) for p in g["period"]]
        partial = (g["status"] == "partial-year").tolist()
        ax.bar(range(len(g)), g["value"], color=["white" if p else fg.GREYS[1] for p in partial],
               edgecolor=fg.INK, hatch=None, linewidth=0.8, width=0.6)
        for i, (p, v) in enumerate(zip(partial, g["value"], strict=True)):
            if p:
                ax.bar(i, v, color="none", edgecolor=fg.INK, hatch="////", linewidth=0.8,
                       width=0.6)
            ax.annotate(fmt.number(v, r.lang, 1) + "%", (i, v), xytext=(0, 2),
                        textcoords="offset points", ha="center", fontsize=fg.FONT_SIZE_PT - 1.5)
        ax.set_xticks(range(len(g)), labels)
        ax.set_xlim(-0.6, len(g) - 0.4)
    ax.axhline(target_pct, color=fg.INK, linestyle=(0, (8, 2, 2, 2)), linewidth=0.9,
               label=r.t("trade.legend.target", target=fmt.growth(target_pct, r.lang, 0)))
    ax.set_ylabel(r.t("trade.axis.growth"))
    fg.value_axis(ax, r.lang)
    ax.set_title(r.t("trade.panel.growth"), loc="left")
    ax.grid(axis="x", visible=False)
    fg.legend(ax, ncol=1)
    ax = axes[1]
    rows = [(i, v) for i, vals in levels.items() for v in vals.to_dict("records")]
    if rows:
        labels = [f"{_short_indicator(r, i)}\n{fmt.period(v['period'], r.lang)}" for i, v in rows]
        vals = [float(v["value"]) for _, v in rows]
        for k, ((_, v), x) in enumerate(zip(rows, vals, strict=True)):
            partial = v["status"] == "partial-year"
            ax.bar(k, x, color="white" if partial else fg.GREYS[1], edgecolor=fg.INK,
                   hatch="////" if partial else None, linewidth=0.8, width=0.6)
            ax.annotate(fmt.number(x, r.lang, 1), (k, x), xytext=(0, 2),
                        textcoords="offset points", ha="center", fontsize=fg.FONT_SIZE_PT - 1.5)
        ax.set_xticks(range(len(rows)), labels, fontsize=fg.FONT_SIZE_PT - 2)
        ax.set_xlim(-0.6, len(rows) - 0.4)
    ax.set_ylabel(r.t("trade.axis.turnover"))
    fg.value_axis(ax, r.lang)
    ax.set_title(r.t("trade.panel.turnover"), loc="left")
    ax.grid(axis="x", visible=False)
    fg.finish(fig)
    return Figure(fig, r.t("trade.fig_caption", target=_target_text(r, TRADE_TARGET)),
                  _source_line(r), label="fig:trade")


def _short_indicator(r: Report, indicator_id: str) -> str:
    key = f"short.{indicator_id}"
    from analysis.i18n import has

    return r.t(key) if has(key) else _indicator_name(r, indicator_id)


def tourism_section(r: Report) -> list:
    """Tourist arrivals against more than 2 million in 2030."""
    return _level_section(r, TOURISM_TARGET, "sec.tourism", "tourism", scale=1e6)


def forest_section(r: Report) -> list:
    """Forest cover against 56 %."""
    return _level_section(r, FOREST_TARGET, "sec.forest", "forest", scale=1.0)


def _level_section(r: Report, target_id: str, title_key: str, key: str, scale: float) -> list:
    blocks: list = [Heading(r.t(title_key), label=f"sec:{key}"),
                    Paragraph(target_sentence(r, target_id))]
    fig = level_figure(r, target_id, key, scale)
    if fig is not None:
        blocks.append(fig)
    row = _row(r, target_id)
    ind = str(_targets(r).loc[target_id, "indicator_id"])
    missing = _missing_years(r, row, ind)
    if missing:
        blocks.append(Paragraph(r.t("level.missing_years", years=_years_text(missing),
                                    name=_indicator_name(r, ind))))
    blocks.append(Paragraph(r.t(f"{key}.reading")))
    return blocks


def level_figure(r: Report, target_id: str, key: str, scale: float) -> Figure | None:
    """Annual values, partial-year values, current pace, required path and the target line."""
    from analysis.report import figures as fg

    tgt = _targets(r).loc[target_id]
    ind = str(tgt["indicator_id"])
    annual = _values_of(r, ind, annual=True)
    partial = _partial_values(r, ind)
    if annual.empty and partial.empty:
        return None
    T = int(tgt["target_year"])
    p = _paths(r, target_id)
    fig, (ax,) = fg.new_figure(height=3.4)
    lines = []
    cur = p[p["kind"] == "current_pace"].sort_values("year")
    row = _row(r, target_id)
    if not cur.empty and row is not None:
        lines.append(fg.Line(cur["year"].tolist(), (cur["value"] / scale).tolist(),
                             r.t("level.legend.current",
                                 pace=fmt.pace(row["observed_pace"], row["pace_unit"], r.lang)),
                             "current"))
    req = p[p["kind"] == "required"].sort_values("year")
    if not req.empty and row is not None and _class_of(row) != "achieved":
        lines.append(fg.Line(req["year"].tolist(), (req["value"] / scale).tolist(),
                             r.t("level.legend.required",
                                 pace=fmt.pace(row["required_pace"], row["pace_unit"], r.lang)),
                             "required"))
    target_value = float(tgt["value"]) if not fmt.is_missing(tgt["value"]) else None
    if target_value is not None:
        lines.append(fg.Line([T], [target_value / scale],
                             r.t("level.legend.target", target=_target_text(r, target_id)),
                             "target"))
    years = annual["year"].astype(int).tolist()
    if years:
        lines.append(fg.Line(years, (annual["value"].astype(float) / scale).tolist(),
                             r.t("level.legend.actual"), "actual"))
    fg.draw_lines(ax, lines)
    bounds = annual[annual["qualifier"] != "exact"]
    if not bounds.empty:
        ax.plot(bounds["year"].astype(int), bounds["value"].astype(float) / scale,
                linestyle="none", marker="o", markersize=8, markerfacecolor="none",
                markeredgecolor=fg.INK, markeredgewidth=0.8,
                label=r.t("level.legend.bound"), zorder=6)
    if not partial.empty:
        xs = [fmt.period_end_year(x) + int(str(x).split("-")[1].rstrip("M")) / 12 - 0.5
              for x in partial["period"]]
        fg.draw_partial(ax, xs, (partial["value"].astype(float) / scale).tolist(),
                        [fmt.period(x, r.lang) for x in partial["period"]],
                        legend=r.t("level.legend.partial"))
    first = min([*years, *(fmt.period_end_year(x) for x in partial["period"]), r.base_year])
    fg.year_axis(ax, first, T)
    unit = str(tgt["unit"])
    decimals = 1 if scale != 1 else 0
    fg.value_axis(ax, r.lang, decimals)
    ax.set_xlabel(r.t("axis.year"))
    ax.set_ylabel(r.t(f"{key}.axis"))
    if target_value is not None:
        top = max(target_value / scale * 1.25,
                  float(annual["value"].max()) / scale * 1.1 if not annual.empty else 0,
                  float(partial["value"].max()) / scale * 1.1 if not partial.empty else 0)
        bottom = 0 if unit != "pct" else max(0, min(annual["value"].min(), target_value) - 10)
        ax.set_ylim(bottom, top)
    fg.legend(ax, ncol=2, first=[r.t("level.legend.actual")])
    fg.finish(fig)
    return Figure(fig, r.t(f"{key}.fig_caption", target=_target_text(r, target_id)),
                  _source_line(r), label=f"fig:{key}")


# ---------------------------------------------------------------------------------------------
# 9 other targets


def other_targets(r: Report) -> list:
    """Every target without a section of its own, in one compact table."""
    cols = [Col(r.t("col.target"), 0.36), Col(r.t("col.target_value"), 0.2, "r"),
            Col(r.t("col.latest"), 0.22, "r"), Col(r.t("col.class"), 0.22)]
    rows: list = []
    main = _main_rows(r)
    targets = _targets(r)
    others = targets[~targets["target_id"].isin(OWN_SECTION_TARGETS)]
    for group, members in others.groupby("group", sort=False):
        rows.append(GroupRow(r.t(f"group.{group}")))
        for target_id in members["target_id"]:
            row = main.loc[target_id].to_dict() if target_id in main.index else None
            rows.append([str(targets.loc[target_id, f"name_{r.lang}"]),
                         _target_text(r, target_id),
                         _latest_cell(r, row) if row is not None else "–",
                         class_label(r, _class_of(row)) + verify.marker(r, target_id)])
    n_no = sum(_class_of(main.loc[t].to_dict() if t in main.index else None) == "no_data"
               for t in others["target_id"])
    return [Heading(r.t("sec.other"), label="sec:other"),
            Paragraph(r.t("other.intro", n=len(others), n_no=n_no)),
            Table(cols, rows, caption=r.t("table.other.caption"), label="tab:other",
                  continued=r.t("doc.continued"), font_size=r"\footnotesize")]


# ---------------------------------------------------------------------------------------------
# 10 methods


def methods_annex(r: Report) -> list:
    """Formulas, thresholds, the band's assumptions and limits, the selection rule."""
    from analysis.engine import progress as pg

    m = Markup
    blocks: list = [Heading(r.t("sec.methods"), label="sec:methods"),
                    Paragraph(r.t("methods.notation")),
                    Heading(r.t("methods.paces.head"), level=2),
                    Paragraph(r.t("methods.paces.compound")),
                    RawLatex(r"\begin{align*}"
                             r"g_{\mathrm{obs}} &= \left(\frac{v_t}{v_b}\right)^{1/(t-b)} - 1, &"
                             r"g_{\mathrm{base}} &= \left(\frac{v^*}{v_b}\right)^{1/(T-b)} - 1, &"
                             r"g_{\mathrm{req}} &= \left(\frac{v^*}{v_t}\right)^{1/(T-t)} - 1"
                             r"\end{align*}",
                             "<p>g_obs = (v_t/v_b)^(1/(t−b)) − 1; g_base = (v*/v_b)^(1/(T−b)) − 1;"
                             " g_req = (v*/v_t)^(1/(T−t)) − 1</p>"),
                    Paragraph(r.t("methods.paces.avg_growth")),
                    RawLatex(r"\[ v^* = v_b\,(1+g^*)^{T-b}, \qquad "
                             r"g_{\mathrm{req}} = \left(\frac{(1+g^*)^{T-b}}{I_t/100}\right)"
                             r"^{1/(T-t)} - 1 \]",
                             "<p>v* = v_b (1+g*)^(T−b); g_req = ((1+g*)^(T−b) / (I_t/100))^(1/(T−t)) − 1</p>"),
                    Paragraph(r.t("methods.paces.linear")),
                    RawLatex(r"\[ p_{\mathrm{obs}} = \frac{v_t - v_b}{t-b}, \qquad "
                             r"p_{\mathrm{req}} = \frac{v^* - v_t}{T-t} \]",
                             "<p>p_obs = (v_t − v_b)/(t − b); p_req = (v* − v_t)/(T − t)</p>"),
                    Paragraph(r.t("methods.paces.other")),
                    Heading(r.t("methods.classes.head"), level=2),
                    Paragraph(r.t("methods.classes.ratio")),
                    RawLatex(r"\[ R = d\cdot\frac{g_{\mathrm{obs}}}{|g_{\mathrm{base}}|} \]",
                             "<p>R = d · g_obs / |g_base|</p>")]
    on, acc, ins = (pg.ON_TRACK_MIN_RATIO, pg.ACCELERATION_MIN_RATIO, pg.INSUFFICIENT_MIN_RATIO)
    n = lambda x: fmt.number(x, r.lang, 2)  # noqa: E731
    rows = [
        [class_label(r, "achieved"), r.t("methods.cond.achieved")],
        [class_label(r, "on_track"), m(rf"$R \geq {n(on)}$".replace(",", "{,}"),
                                       f"R ≥ {n(on)}")],
        [class_label(r, "acceleration_needed"),
         m(rf"${n(acc)} \leq R < {n(on)}$".replace(",", "{,}"), f"{n(acc)} ≤ R < {n(on)}")],
        [class_label(r, "insufficient"),
         m(rf"${n(ins)} \leq R < {n(acc)}$".replace(",", "{,}"), f"{n(ins)} ≤ R < {n(acc)}")],
        [class_label(r, "moving_away"), m(rf"$R < {n(ins)}$".replace(",", "{,}"),
                                          f"R < {n(ins)}")],
        [class_label(r, "no_data"), r.t("methods.cond.no_data")],
    ]
    blocks.append(Table([Col(r.t("col.class"), 0.35), Col(r.t("methods.col.condition"), 0.65)],
                        rows, caption=r.t("methods.classes.caption"), label="tab:classes"))
    blocks += [Paragraph(r.t("methods.classes.cross_check")),
               Heading(r.t("methods.band.head"), level=2),
               Paragraph(r.t("methods.band.model")),
               RawLatex(r"\[ \ln Y_{t+h} \sim \mathcal{N}\!\left(\ln Y_t + h\,\hat g,\;"
                        r" h\,\hat\sigma^2 + h^2\,\hat\sigma^2/n\right), \qquad "
                        r"P(\text{" + escape(r.t("methods.band.met")) + r"}) = 1 - "
                        r"\Phi\!\left(\frac{\ln v^* - \mu}{s}\right) \]",
                        "<p>ln Y_{t+h} ~ N(ln Y_t + h ĝ, h σ̂² + h² σ̂²/n)</p>"),
               Paragraph(r.t("methods.band.limits")),
               Heading(r.t("methods.data.head"), level=2),
               Paragraph(r.t("methods.data.selection")),
               Paragraph(r.t("methods.data.partial")),
               Paragraph(r.t("methods.data.dates"))]
    return blocks


# ---------------------------------------------------------------------------------------------
# 11 data annex


def data_annex(r: Report) -> list:
    """Every actual value used with status and source; conflicts; the data still needed."""
    used = _used(r)
    ind_order = {i: k for k, i in enumerate(r.dataset.indicators["indicator_id"])}
    used = used.assign(_o=used["indicator_id"].map(ind_order).fillna(999),
                       _e=used["period"].map(fmt.period_end_year)).sort_values(
        ["_o", "_e", "period"], kind="stable")
    # Each source is listed once, numbered in order of first use; the values cite the number.
    sources = used.drop_duplicates("source_url")[["source_url", "source_title"]]
    number = {url: k for k, url in enumerate(sources["source_url"], start=1)}
    cols = [Col(r.t("col.period"), 0.16), Col(r.t("col.value"), 0.30, "r"),
            Col(r.t("col.status"), 0.34), Col(r.t("col.source"), 0.20, "r")]
    rows: list = []
    for ind, vals in used.groupby("indicator_id", sort=False):
        rows.append(GroupRow(_indicator_name(r, str(ind))))
        for v in vals.to_dict("records"):
            rows.append([fmt.period(v["period"], r.lang),
                         fmt.qualified(v["value"], str(v["unit"]), v["qualifier"], r.lang),
                         fmt.status(v["status"], r.lang),
                         f"[{number[v['source_url']]}]"])
    blocks: list = [Heading(r.t("sec.data"), label="sec:data"),
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
    """The numbered list of sources the values table cites: title, then the URL."""
    items = [[str(s["source_title"]), Markup(r"\newline ", "<br>"),
              Span(str(s["source_url"]), "url")] for s in sources.to_dict("records")]
    labels = [f"[{number[u]}]" for u in sources["source_url"]]
    return [Heading(r.t("sec.data.sources"), level=2),
            Paragraph(r.t("data.sources.intro", n=len(items))),
            Items(items, small=True, labels=labels)]


def _conflicts(r: Report) -> list:
    from analysis.data.selection import conflicts

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
            pub = v["published"] if isinstance(v["published"], str) and v["published"] else "?"
            cands.append(f"{fmt.qualified(v['value'], str(v['unit']), v['qualifier'], r.lang)} "
                         f"({fmt.status(v['status'], r.lang)}, {pub})")
        c = chosen.iloc[0].to_dict() if not chosen.empty else None
        by = str(c.get("chosen_by", "")) if c else ""
        rows.append([_indicator_name(r, str(ind)), fmt.period(per, r.lang),
                     "; ".join(cands),
                     [fmt.qualified(c["value"], str(c["unit"]), c["qualifier"], r.lang) if c
                      else "–", Markup(r"\newline ", "<br>"),
                      Span(r.t(f"chosen_by.{by}") if by else "", "small")]])
    if not rows:
        return [head, Paragraph(r.t("data.conflicts.none"))]
    cols = [Col(r.t("col.indicator"), 0.26), Col(r.t("col.period"), 0.1),
            Col(r.t("col.candidates"), 0.42), Col(r.t("col.chosen"), 0.22)]
    return [head, Paragraph(r.t("data.conflicts.intro")),
            Table(cols, rows, caption=r.t("data.conflicts.caption"), label="tab:conflicts",
                  font_size=r"\footnotesize")]


def _gaps(r: Report) -> list:
    main = _main_rows(r)
    targets = _targets(r)
    items = []
    for target_id in targets["target_id"]:
        row = main.loc[target_id].to_dict() if target_id in main.index else None
        tgt = targets.loc[target_id]
        ind = str(tgt["indicator_id"])
        missing = _missing_years(r, row, ind)
        if not missing:
            continue
        unit = _indicator_unit(r, ind)
        unit_text = r.t(f"unit.{unit}") if unit and r.t(f"unit.{unit}") else ""
        parts = [Span(_indicator_name(r, ind), "bold"),
                 r.t("data.gap.item", years=_years_text(missing),
                     unit=f" ({unit_text})" if unit_text else "",
                     target=str(tgt[f"name_{r.lang}"]))]
        if target_id in UNMEASURABLE_TARGETS:
            parts.append(" " + r.t("data.gap.not_measurable"))
        items.append(parts)
    return [Heading(r.t("sec.data.gaps"), level=2),
            Paragraph(r.t("data.gaps.intro", base=r.base_year, year=r.year, n=len(items))),
            Items(items, small=True)]


# ---------------------------------------------------------------------------------------------
# 12 provenance


def provenance(r: Report) -> list:
    """Parameters, SHA-256 of every input file, package versions, git commit, dates."""
    from pathlib import Path

    from analysis import PROJECT_ROOT

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
                      [Span(digest[:32], "mono"), Markup(r"\allowbreak{}", ""),
                       Span(digest[32:], "mono")]])
    vrows = [[Span(n, "mono"), Span(v, "mono")] for n, v in package_versions()]
    tex = tex_version()
    if tex:
        vrows.append([Span("xelatex", "mono"), Span(tex, "mono")])
    commit = git_commit()
    return [
        Heading(r.t("sec.provenance"), label="sec:provenance"),
        Paragraph(r.t("prov.intro")),
        Table([Col(r.t("col.parameter"), 0.3), Col(r.t("col.value"), 0.7)], prows,
              caption=r.t("prov.params.caption"), label="tab:params", font_size=r"\footnotesize"),
        Table([Col(r.t("col.file"), 0.45), Col("SHA-256", 0.55)], frows,
              caption=r.t("prov.files.caption"), label="tab:files", font_size=r"\footnotesize"),
        Paragraph([r.t("prov.commit"), " ", Span(commit[:20], "mono"),
                   Markup(r"\allowbreak{}", ""), Span(commit[20:], "mono")]),
        Paragraph(r.t("prov.dates", epoch=str(r.epoch), date=fmt_date(r),
                      cutoff=r.cutoff.format(r.lang) if r.cutoff else "–")),
        Table([Col(r.t("col.package"), 0.4), Col(r.t("col.version"), 0.6)], vrows,
              caption=r.t("prov.versions.caption"), label="tab:versions",
              font_size=r"\footnotesize"),
    ]
