"""The chapter of the programme's growth target (``growth_target`` in ``programme.yaml``).

Beyond a target's own chapter it holds what only a growth target has (``docs/methods.md``
§4–6): the rate scenarios and the growth they still require, the uncertainty band and the
random walk behind it, the custom scenarios as assumptions, the levels of the target year
under each path, and the consistency of the level targets at current prices with the real
growth target (when the programme has them). In a final review it compares the realised
average growth with the plan.
"""

from __future__ import annotations

from analysis.engine import consistency
from analysis.engine import progress as pg
from analysis.engine.assess import CURRENT_PACE_SCENARIO, TARGET_SCENARIO, drift_of
from analysis.report import charts
from analysis.report import formatting as fmt
from analysis.report import queries as q
from analysis.report.chapters import base as b
from analysis.report.context import Report
from analysis.report.document import Col, Heading, Paragraph, Table
from analysis.report.inline import Markup, Span
from analysis.roles import GRDP_NOMINAL, GRDP_PER_CAPITA


def growth_chapter(r: Report, target_id: str) -> list:
    """The growth target's chapter: path, scenarios, band, required growth, levels, checks."""
    blocks: list = [Heading(q.name(r, target_id), label=f"sec:{target_id}"),
                    Paragraph(b.target_sentence(r, target_id)),
                    Heading(r.t("sec.growth.path.final" if r.final_review  # no scenario
                                else "sec.growth.path"), level=2)]
    fig = charts.index_chart(r, target_id, scenarios=not r.final_review)
    if fig is not None:
        key = ("growth.chart_intro.final" if r.final_review else
               "growth.chart_intro.thin" if thin_text(r, target_id) else "growth.chart_intro")
        blocks.append(Paragraph(r.t(key, name=q.name(r, target_id))))
    # the table of rates first, then the figure (see target.target_chapter), then what the band
    # rests on, beside it
    blocks.append(growth_table(r, target_id))
    if fig is not None:
        blocks.append(fig)
        if not r.final_review:
            blocks += band_text(r, target_id)
    if r.final_review:
        return blocks
    blocks.append(Heading(r.t("sec.growth.required"), level=2))
    blocks += required_growth(r, target_id)
    blocks += custom_scenarios(r, target_id)
    levels = levels_in_target_year(r, target_id)
    if levels:
        blocks.append(Heading(r.t("sec.growth.levels"), level=2))
        blocks += levels
    nominal = level_target(r, GRDP_NOMINAL)
    if nominal is not None:
        blocks.append(Heading(r.t("sec.growth.nominal"), level=2))
        blocks += nominal_consistency(r, target_id, nominal)
        per_capita = level_target(r, GRDP_PER_CAPITA)
        if per_capita is not None:
            blocks.append(Heading(r.t("sec.growth.per_capita"), level=2))
            blocks += per_capita_consistency(r, nominal, per_capita)
    return blocks


def level_target(r: Report, role: str) -> str | None:
    """The id of the programme's level target measured by the indicator with ``role`` (of the
    province's indicators, :mod:`analysis.roles`), if any.
    """
    hit = consistency.level_target(q.targets(r), getattr(r.assessment.roles, role))
    return None if hit is None else str(hit["target_id"])


def thin_text(r: Report, target_id: str) -> list:
    """A growth target with too few annual rates in its period (the one rule of
    :mod:`analysis.engine.assess`): why nothing rests on its pace; empty for any other.
    """
    row = q.row(r, target_id)
    if row is None or row["progress_class"] != pg.TOO_FEW_RATES:
        return []
    return [Paragraph(r.t("growth.thin", n=int(row["n_annual_values"]),
                          min=r.assessment.params.min_rates_for_average))]


def band_text(r: Report, target_id: str) -> list:
    """The random walk behind the band and the probabilities: drift, its years, σ̂, n, breaks."""
    if thin_text(r, target_id):  # no band: the chart's introduction says why
        return []
    d = drift_of(r.assessment, target_id)
    if d is None:
        return [Paragraph(r.t("growth.band.none", n=r.assessment.params.min_history_years))]
    years = r.t("growth.band.years", first=min(d.volatility_years),
                last=max(d.volatility_years), n=len(d.volatility_years))
    text = r.t("growth.band.text", drift=fmt.growth(d.mean_growth_pct, r.lang),
               first=min(d.years), last=max(d.years), n=d.n,
               sigma=fmt.number(d.sd_growth_pp, r.lang, fixed=2), years=years)
    if d.break_years:
        text += " " + r.t("growth.band.breaks", years=", ".join(map(str, d.break_years)),
                          z=fmt.number(r.assessment.params.break_modified_z, r.lang, 1),
                          sigma=fmt.number(d.sd_with_breaks * 100, r.lang, fixed=2))
    return [Paragraph(text)]


def growth_table(r: Report, target_id: str) -> Table:
    """The annual growth rates used (the chosen values) and the index they chain to."""
    row = q.row(r, target_id)
    p = r.assessment.paths
    p = p[(p["target_id"] == target_id) & (p["unit"] == (row or {}).get("unit"))]
    idx = p[p["kind"] == "actual"].set_index("year")["value"]
    ind = str(q.targets(r).loc[target_id, "indicator_id"])
    vals = q.values_of(r, ind, annual=True)
    vals = vals[vals["year"].astype(int) > r.base_year]
    vals = vals.set_index(vals["year"].astype(int))
    rows = []
    for year in sorted(set(idx.index) | set(vals.index)):
        v = vals.loc[year] if year in vals.index else None
        rows.append([
            str(year),
            fmt.growth(v["value"], r.lang, per_year=False) if v is not None else "–",
            fmt.status(v["status"], r.lang) if v is not None else "–",
            fmt.number(idx.get(year), r.lang, fixed=1) if year in idx.index else "–",
        ])
    cols = [Col(r.t("col.year"), 0.15), Col(r.t("col.growth"), 0.25, "r"),
            Col(r.t("col.status"), 0.3), Col(r.t("col.index"), 0.3, "r")]
    return Table(cols, rows, caption=r.t("growth.table.caption", name=q.name(r, target_id),
                                         base=r.base_year),
                 label=f"tab:{target_id}-growth", notes=[r.t("growth.table.note")])


def required_growth(r: Report, target_id: str) -> list:
    """The growth each rate scenario still requires, with the acceleration and the probability."""
    row = q.row(r, target_id)
    scen = q.rate_rows(r, target_id)
    if row is None or fmt.is_missing(row["latest_year"]) or fmt.is_missing(row["required_pace"]):
        return thin_text(r, target_id) or [Paragraph(r.t("growth.required.none"))]
    if scen.empty:  # a single-rate target: the target itself is the one scenario
        scen = q.main_rows(r).loc[[target_id]]
    t, T = int(row["latest_year"]), int(row["target_year"])
    cols = [Col(r.t("col.scenario"), 0.22), Col(r.t("col.index_needed", year=T), 0.18, "r"),
            Col(r.t("col.required_growth", first=t + 1, last=T), 0.22, "r"),
            Col(r.t("col.acceleration"), 0.2, "r"), Col(r.t("col.probability"), 0.18, "r")]
    rows = [[q.scenario_label(r, s) if s["scenario"] != TARGET_SCENARIO
             else q.target_text(r, target_id), fmt.number(s["target_value"], r.lang, fixed=1),
             fmt.growth(s["required_pace"], r.lang), fmt.pp(s["acceleration_pp"], r.lang),
             b.prob(r, s["probability_met"])] for s in scen.to_dict("records")]
    return [
        Paragraph(r.t("growth.required.intro", name=q.name(r, target_id), year=t,
                      index=fmt.number(row["latest_value"], r.lang, fixed=1),
                      observed=fmt.growth(row["observed_pace"], r.lang), n=T - t, first=t + 1,
                      last=T, base=r.base_year)),
        Table(cols, rows, caption=r.t("growth.required.caption", first=t + 1, last=T),
              label=f"tab:{target_id}-required",
              notes=[r.t("growth.required.note", base=r.base_year, last=T)]),
    ]


def custom_scenarios(r: Report, target_id: str) -> list:
    """Each path as an assumption: its whole-period average and whether it meets each rate."""
    checks = r.assessment.scenario_checks
    checks = checks[checks["target_id"] == target_id]
    customs = q.custom_rows(r, target_id)
    if checks.empty or customs.empty:
        return []
    rates = [s for s in checks["against"].drop_duplicates() if s != TARGET_SCENARIO]
    labels = {s["scenario"]: q.scenario_label(r, s)
              for s in q.rate_rows(r, target_id).to_dict("records")}
    row = q.row(r, target_id)
    first, last = int(row["base_year"]) + 1, int(row["target_year"])
    cols = [Col(r.t("col.scenario"), 0.34),
            Col(r.t("col.implied_average", first=first, last=last), 0.18, "r")]
    width = 0.48 / max(len(rates), 1)
    cols += [Col(r.t("col.meets", rate=labels.get(s, s)), width, "c") for s in rates]
    names = {s["scenario"]: q.scenario_label(r, s) for s in customs.to_dict("records")}
    sc = r.assessment.scenarios.set_index("scenario")
    table_rows, notes = [], []
    for sid, group in checks.groupby("scenario", sort=False):
        g = group.set_index("against")
        label = r.t("scenario.current_pace") if sid == CURRENT_PACE_SCENARIO else names.get(
            sid, sid)
        cells = [label, fmt.growth(g["implied_average_pct"].iloc[0], r.lang)]
        for s in rates:
            meets = bool(g.loc[s, "meets"])
            cells.append([Markup(r"\ding{51}", "✓") if meets else Markup(r"\ding{55}", "✗"),
                          " ", Span(b.prob(r, g.loc[s, "probability_met"]), "small")])
        table_rows.append(cells)
        note = str(sc.loc[sid, f"note_{r.lang}"] or "").strip() if sid in sc.index else ""
        if note:  # in the report's language (analysis.data.scenarios)
            notes.append([Span(str(label) + ": ", "italic"), note])
    legend = [Markup(r"\ding{51}", "✓"), " ", r.t("growth.custom.met"), "; ",
              Markup(r"\ding{55}", "✗"), " ", r.t("growth.custom.not_met"), "; ",
              r.t("growth.custom.note")]
    return [Paragraph(r.t("growth.custom.intro", first=first, last=last)),
            Table(cols, table_rows, caption=r.t("growth.custom.caption", first=first, last=last),
                  label=f"tab:{target_id}-custom", notes=[legend, *notes])]


def levels_in_target_year(r: Report, target_id: str) -> list:
    """Population, nominal and per-capita GRDP in the target year under each path."""
    lv = r.assessment.derived_levels
    lv = lv[(lv["target_id"] == target_id) & (lv["scenario"] != TARGET_SCENARIO)]
    if lv.empty or lv[["nominal_grdp_target_year_bn_vnd",
                       "grdp_per_capita_target_year_mn_vnd"]].isna().all().all():
        return []
    first = lv.iloc[0]
    T = int(first["target_year"])
    labels = {s["scenario"]: q.scenario_label(r, s)
              for s in q.scenario_rows(r, target_id).to_dict("records")}
    labels[CURRENT_PACE_SCENARIO] = r.t("scenario.current_pace")
    rows = [[labels.get(v["scenario"], v["scenario"]),
             fmt.number(v["real_index_target_year"], r.lang, fixed=1),
             fmt.number(v["nominal_grdp_target_year_bn_vnd"], r.lang, fixed=0),
             fmt.number(v["grdp_per_capita_target_year_mn_vnd"], r.lang, fixed=1)]
            for v in lv.to_dict("records")]
    cols = [Col(r.t("col.scenario"), 0.31), Col(r.t("growth.col.index", year=T), 0.17, "r"),
            Col(r.t("growth.col.nominal", year=T, unit=r.t("unit.bn_vnd")), 0.26, "r"),
            Col(r.t("growth.col.per_capita", year=T, unit=r.t("unit.mn_vnd_per_person")), 0.26,
                "r")]
    nominal, per_capita = (level_target(r, GRDP_NOMINAL),
                           level_target(r, GRDP_PER_CAPITA))
    intro = r.t("growth.levels.intro", year=T,
                deflator=fmt.growth(first["deflator_pct"], r.lang),
                population=fmt.growth(first["population_growth_pct"], r.lang),
                population_year=_year(first["population_year"]),
                nominal_year=_year(first["nominal_year"]),
                per_capita_year=_year(first["per_capita_year"]),
                persons=fmt.value(first["population_target_year_persons"], "persons", r.lang),
                nominal=q.target_text(r, nominal) if nominal else "–",
                per_capita=q.target_text(r, per_capita) if per_capita else "–")
    return [Paragraph(intro),
            Table(cols, rows, caption=r.t("growth.levels.caption", year=T),
                  label=f"tab:{target_id}-levels", notes=[r.t("growth.levels.note", year=T)])]


def _year(x) -> str:
    return "–" if fmt.is_missing(x) else str(int(x))


def _check(r: Report, check_id: str, scenario: str | None = None) -> dict | None:
    c = r.assessment.consistency
    rows = c[c["check_id"] == check_id]
    if scenario is not None:
        rows = rows[rows["scenario"] == scenario]
    return None if rows.empty else rows.iloc[0].to_dict()


def nominal_consistency(r: Report, growth_id: str, nominal_id: str) -> list:
    """The nominal growth the level target implies, and the deflator each scenario implies."""
    base = _check(r, "grdp_base_level")
    nominal = _check(r, "grdp_nominal_growth_implied")
    if base is None or nominal is None or fmt.is_missing(base["value"]):
        return [Paragraph(r.t("growth.nominal.none"))]
    blocks = [Paragraph(r.t(
        "growth.nominal.text",
        base_year=int(base["year"]), base=fmt.value(base["value"], "bn_vnd", r.lang),
        target=q.target_text(r, nominal_id), year=int(nominal["year"]),
        nominal=fmt.growth(nominal["value"], r.lang)))]
    rows = []
    for s in q.rate_rows(r, growth_id).to_dict("records"):
        g = _check(r, "grdp_deflator_growth_implied", s["scenario"])
        cum = _check(r, "grdp_deflator_cumulative_implied", s["scenario"])
        if g is None:
            continue
        rows.append([q.scenario_label(r, s), fmt.growth(g["value"], r.lang),
                     fmt.number(cum["value"], r.lang, fixed=1) if cum else "–"])
    if rows:
        cols = [Col(r.t("col.scenario"), 0.34),
                Col(r.t("growth.col.deflator_growth"), 0.33, "r"),
                Col(r.t("growth.col.deflator_target_year", base=r.base_year), 0.33, "r")]
        blocks.append(Table(cols, rows, caption=r.t("growth.nominal.caption",
                                                    target=q.target_text(r, nominal_id)),
                            label="tab:deflator"))
    blocks.append(Paragraph(r.t("growth.nominal.reading")))
    return blocks


def per_capita_consistency(r: Report, nominal_id: str, per_capita_id: str) -> list:
    """The population at which the level and per-capita targets agree, against the projection."""
    implied = _check(r, "population_implied")
    if implied is None:
        return [Paragraph(r.t("growth.per_capita.none"))]
    blocks = [Paragraph(r.t(
        "growth.per_capita.implied", nominal=q.target_text(r, nominal_id),
        per_capita=q.target_text(r, per_capita_id), year=int(implied["year"]),
        population=fmt.value(implied["value"], "persons", r.lang)))]
    growth = _check(r, "population_growth_assumed")
    projected = _check(r, "population_projected")
    diff = _check(r, "population_implied_vs_projected_pct")
    at_projected = _check(r, "grdp_per_capita_at_projected_population")
    if growth and projected and diff and at_projected and not fmt.is_missing(projected["value"]):
        target_pc = float(q.targets(r).loc[per_capita_id, "value"])
        blocks.append(Paragraph(r.t(
            "growth.per_capita.projected", growth=fmt.growth(growth["value"], r.lang),
            since=_year(growth["year"]),
            projected=fmt.value(projected["value"], "persons", r.lang),
            year=int(projected["year"]),
            diff=fmt.number(abs(diff["value"]), r.lang, fixed=1) + "%",
            direction=r.t("growth.per_capita.lower" if diff["value"] < 0 else
                          "growth.per_capita.higher"),
            per_capita=fmt.value(at_projected["value"], "mn_vnd_per_person", r.lang),
            compare=r.t("growth.per_capita.below" if at_projected["value"] < target_pc else
                        "growth.per_capita.above"))))
    blocks.append(Paragraph(b.target_sentence(r, per_capita_id)))
    return blocks


