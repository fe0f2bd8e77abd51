"""The charts of a target, for any programme, chosen by the target's kind and data.

:func:`index_chart` (average growth as an index, base year = 100: actual path, scenarios,
current pace, band), :func:`level_chart` (levels, rates and coverage: annual and partial-year
values, bounds, current pace, required path, the target), :func:`partial_chart` (only
part-year values exist) and :func:`shares_chart` (the shares of a structure against their
targets). Each returns a :class:`~analysis.report.document.Figure` with its numbered caption and
source line, or None when there is nothing to draw. They read the report with the queries the
chapters use (:mod:`analysis.report.queries`) and draw with :mod:`analysis.report.chart_style`
(its conventions: units on both axes, black and white, text as typed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from analysis.data.periods import MONTHS_PER_YEAR, Period
from analysis.engine import uncertainty as un
from analysis.report import formatting as fmt
from analysis.report import queries as q
from analysis.report.chart_style import (
    FONT_SIZE_PT,
    GREYS,
    INK,
    MAX_LABEL_LINES,
    Line,
    chart_text,
    draw_band,
    draw_lines,
    draw_partial,
    legend,
    literal_text,
    mark_gaps,
    new_figure,
    set_title,
    set_ylabel,
    value_axis,
    value_axis_x,
    wrap,
    year_axis,
)
from analysis.report.document import Figure

#: The charts of a target, and the drawing toolkit they are made with
#: (:mod:`analysis.report.chart_style`), which the scenario explorer draws its charts with too.
__all__ = ["index_chart", "level_chart", "partial_chart", "shares_chart", "Line", "draw_lines",
           "legend", "literal_text", "mark_gaps", "new_figure", "set_title", "set_ylabel",
           "year_axis"]
#: Values at least this large are drawn in millions (the axis says so).
MILLIONS_FROM = 1e6
#: Room above the highest value or target (a factor of it).
HEADROOM = 1.25


def _axis_scale(values) -> float:
    """1 or a million: the scale a level axis is drawn in."""
    finite = [abs(float(v)) for v in values if v is not None and np.isfinite(float(v))]
    return 1e6 if finite and max(finite) >= MILLIONS_FROM else 1.0


def _axis_label(r, indicator_id: str, unit: str, scale: float) -> str:
    """The value axis's title: the indicator and its unit (in millions when ``scale`` says)."""
    word = r.t(f"unit.{unit}") if fmt.has_unit(unit) else unit
    if scale != 1:
        word = r.t("axis.millions", unit=word)
    name = q.indicator_name(r, indicator_id)
    return r.t("axis.value", name=name, unit=word) if word else name


def _paths(r, target_id: str):
    p = r.assessment.paths
    return p[p["target_id"] == target_id]


def index_chart(r, target_id: str, *, scenarios: bool,
                draw_more: Callable[[object], None] | None = None) -> Figure | None:
    """An average-growth target as an index (base year = 100): actual, paths to T, band.

    With ``scenarios`` (the programme's growth target) the rate scenarios, custom scenarios
    (drawn from the latest actual, as assumptions) and the band around the current pace; else
    the path the target asks for from the base year and the path still required.
    ``draw_more(ax)``, when given, draws more on the axes before the legend is laid out (the
    scenario explorer's live path, its band and the target line, :mod:`analysis.explorer`).
    """
    row = q.row(r, target_id)
    p = _paths(r, target_id)
    if row is not None:
        p = p[p["unit"] == row["unit"]]
    actual = p[p["kind"] == "actual"].sort_values("year")
    if actual.empty or row is None:
        return None
    fig, (ax,) = new_figure(height=3.9 if scenarios else 3.4)
    T = int(row["target_year"])
    lines = []
    band = p[p["kind"] == "band"]
    if scenarios and r.show_band and not band.empty:
        wide = band.pivot_table(index="year", columns="quantile", values="value")
        spans = []
        for (lo, hi), key in ((un.BAND_90, "chart.band90"), (un.BAND_50, "chart.band50")):
            if lo in wide.columns and hi in wide.columns:
                spans.append((wide[lo].to_numpy(), wide[hi].to_numpy(), r.t(key)))
        draw_band(ax, wide.index.to_numpy(), spans)
    rates = scenarios and not q.rate_rows(r, target_id).empty
    if scenarios:
        customs = set(q.custom_rows(r, target_id)["scenario"])
        for i, srow in enumerate(q.scenario_rows(r, target_id).to_dict("records")):
            sp = p[(p["kind"] == "scenario") & (p["scenario"] == srow["scenario"])]
            sp = sp.sort_values("year")
            key = "chart.legend.custom" if srow["scenario"] in customs else "chart.legend.scenario"
            lines.append(Line(sp["year"].tolist(), sp["value"].tolist(),
                              r.t(key, label=q.scenario_label(r, srow)), "scenario", i))
    if not rates:  # the target's own path: a growth target with no rate scenario draws it too
        sp = p[(p["kind"] == "scenario") & (p["scenario"] == "target")].sort_values("year")
        lines.append(Line(sp["year"].tolist(), sp["value"].tolist(),
                          r.t("chart.legend.target_path", target=q.target_text(r, target_id)),
                          "scenario", 0))
        req = p[(p["kind"] == "required") & (p["scenario"] == "target")].sort_values("year")
        if not req.empty and not fmt.is_missing(row["required_pace"]):  # none in a final review
            lines.append(Line(req["year"].tolist(), req["value"].tolist(),
                              r.t("chart.legend.required",
                                  pace=fmt.pace(row["required_pace"], row["pace_unit"], r.lang)),
                              "required"))
    cur = p[p["kind"] == "current_pace"].sort_values("year")
    if not cur.empty:
        lines.append(Line(cur["year"].tolist(), cur["value"].tolist(),
                          r.t("chart.legend.current",
                              pace=fmt.growth(row["observed_pace"], r.lang)), "current"))
    lines.append(Line(actual["year"].tolist(), actual["value"].tolist(),
                      r.t("chart.legend.actual"), "actual"))
    draw_lines(ax, lines)
    if draw_more is not None:
        draw_more(ax)
    first = [lines[-1].label, *(ln.label for ln in lines[:-1] if ln.style == "current")]
    year_axis(ax, min(int(actual["year"].min()), r.base_year), T)
    value_axis(ax, r.lang)
    ax.set_xlabel(r.t("axis.year"))
    set_ylabel(ax, r.t("chart.index.axis", base=int(row["base_year"])))
    legend(ax, ncol=3 if scenarios else 2, first=first)
    key = ("chart.index.caption_band" if scenarios and not band.empty and r.show_band
           else "chart.index.caption_scenarios" if rates else "chart.index.caption")
    caption = r.t(key, name=q.name(r, target_id), base=int(row["base_year"]),
                  target=q.target_text(r, target_id))
    source = q.source_line(r, r.t("chart.source_band") if key.endswith("band") else None)
    return Figure(fig, caption, source, label=f"fig:{target_id}")


def level_chart(r, target_id: str) -> Figure | None:
    """Annual values, partial-year values, current pace, required path and the target line."""
    tgt = q.targets(r).loc[target_id]
    ind = str(tgt["indicator_id"])
    row = q.row(r, target_id)
    cumulative = str(tgt["kind"]) == "cumulative"
    p = _paths(r, target_id)
    if cumulative:
        acc = p[(p["kind"] == "actual")].sort_values("year")
        annual = pd.DataFrame({"year": acc["year"], "value": acc["value"], "qualifier": "exact"})
    else:
        annual = q.values_of(r, ind, annual=True)
    partial = q.partial_values(r, ind)
    if annual.empty and partial.empty:
        return None
    T = int(tgt["target_year"])
    target_value = float(row["target_value"]) if row is not None and not fmt.is_missing(
        row["target_value"]) else (None if fmt.is_missing(tgt["value"]) else float(tgt["value"]))
    scale = _axis_scale([*annual["value"], *partial["value"], target_value or 0])
    fig, (ax,) = new_figure(height=3.4)
    lines = []
    cur = p[p["kind"] == "current_pace"].sort_values("year")
    if not cur.empty and row is not None:
        lines.append(Line(cur["year"].tolist(), (cur["value"] / scale).tolist(),
                          r.t("chart.legend.current",
                              pace=fmt.pace(row["observed_pace"], row["pace_unit"], r.lang)),
                          "current"))
    req = p[p["kind"] == "required"].sort_values("year")
    if (not req.empty and row is not None and q.class_of(row) != "achieved"
            and not fmt.is_missing(row["required_pace"])):  # nothing is required after T
        lines.append(Line(req["year"].tolist(), (req["value"] / scale).tolist(),
                          r.t("chart.legend.required",
                              pace=fmt.pace(row["required_pace"], row["pace_unit"], r.lang)),
                          "required"))
    if target_value is not None:
        lines.append(Line([T], [target_value / scale],
                          r.t("chart.legend.target", target=q.target_text(r, target_id)),
                          "target"))
    years = annual["year"].astype(int).tolist()
    if years:
        lines.append(Line(years, (annual["value"].astype(float) / scale).tolist(),
                          r.t("chart.legend.annual"), "actual"))
    draw_lines(ax, lines)
    mark_gaps(ax, years, lambda y: r.t("chart.gap", year=y))
    bounds = annual[annual["qualifier"] != "exact"]
    if not bounds.empty:
        ax.plot(bounds["year"].astype(int), bounds["value"].astype(float) / scale,
                linestyle="none", marker="o", markersize=8, markerfacecolor="none",
                markeredgecolor=INK, markeredgewidth=0.8, label=r.t("chart.legend.bound"),
                zorder=6)
    if not partial.empty:
        xs = [p.last + p.months / MONTHS_PER_YEAR - 0.5
              for p in map(Period.parse, partial["period"])]
        draw_partial(ax, xs, (partial["value"].astype(float) / scale).tolist(),
                     [fmt.period(x, r.lang) for x in partial["period"]],
                     legend=r.t("chart.legend.partial"))
    first = min([*years, *(fmt.period_end_year(x) for x in partial["period"]), r.base_year])
    year_axis(ax, first, T)
    unit = str(tgt["unit"]) if not cumulative else str(tgt["unit"])
    value_axis(ax, r.lang, 1 if scale != 1 else 0)
    ax.set_xlabel(r.t("axis.year"))
    set_ylabel(ax, _axis_label(r, ind, unit, scale))
    if target_value is not None:
        highs = [target_value, *annual["value"].astype(float), *partial["value"].astype(float)]
        top = max(highs) / scale * HEADROOM
        percent = unit in ("pct", "pct_of_grdp")
        low = min([target_value, *annual["value"].astype(float)]) / scale
        bottom = max(0.0, low - 10) if percent else 0.0
        ax.set_ylim(bottom, top)
    legend(ax, ncol=2, first=[r.t("chart.legend.annual")])
    return Figure(fig, r.t("chart.level.caption", name=q.name(r, target_id),
                           target=q.target_text(r, target_id), target_year=T),
                  q.source_line(r), label=f"fig:{target_id}")


def partial_chart(r, target_id: str, related: Sequence[str] = ()) -> Figure | None:
    """Only part-year values: the target's own series (left) and related levels (right)."""
    tgt = q.targets(r).loc[target_id]
    own = q.values_of(r, str(tgt["indicator_id"]))
    # the related panel holds part-year values only: a multi-year total (2021–2025) is not a
    # value of one period among the others, and the chapter states it in words instead
    levels = {i: q.partial_values(r, i) for i in related}
    levels = {i: v for i, v in levels.items() if not v.empty}
    if own.empty and not levels:
        return None
    fig, axes = new_figure(height=3.2, ncols=2 if levels else 1, top=0.35, bottom=0.68)
    ax = axes[0]
    growth = str(tgt["unit"]) == "pct_per_year"
    if not own.empty:
        labels = [fmt.period(x, r.lang) for x in own["period"]]
        for i, v in enumerate(own.to_dict("records")):
            part = v["status"] == "partial-year"
            ax.bar(i, v["value"], color="white" if part else GREYS[1], edgecolor=INK,
                   hatch="////" if part else None, linewidth=0.8, width=0.6)
            text = fmt.number(v["value"], r.lang, 1) + ("%" if growth else "")
            ax.annotate(text, (i, v["value"]), xytext=(0, 2), textcoords="offset points",
                        ha="center", fontsize=FONT_SIZE_PT - 1.5)
        ax.set_xticks(range(len(own)), [chart_text(x) for x in labels])
        ax.set_xlim(-0.6, len(own) - 0.4)
    if growth and not fmt.is_missing(tgt["value"]):
        ax.axhline(float(tgt["value"]), color=INK, linestyle=(0, (8, 2, 2, 2)), linewidth=0.9,
                   label=r.t("chart.legend.average_target",
                             target=fmt.growth(float(tgt["value"]), r.lang,
                                               fmt.natural_decimals(float(tgt["value"]), 2))))
    set_ylabel(ax, r.t("chart.partial.axis") if growth else
               _axis_label(r, str(tgt["indicator_id"]), str(tgt["unit"]), 1.0))
    value_axis(ax, r.lang)
    set_title(ax, q.indicator_name(r, str(tgt["indicator_id"])))
    ax.grid(axis="x", visible=False)
    legend(ax, ncol=1)
    if levels:
        ax = axes[1]
        _grouped_partial_bars(r, ax, levels)
        unit = q.indicator_unit(r, next(iter(levels)))
        set_ylabel(ax, r.t(f"unit.{unit}") if fmt.has_unit(unit) else unit)
        value_axis(ax, r.lang)
        set_title(ax, r.t("chart.partial.related"))
        ax.grid(axis="x", visible=False)
    return Figure(fig, r.t("chart.partial.caption", name=q.name(r, target_id),
                           target=q.target_text(r, target_id)),
                  q.source_line(r), label=f"fig:{target_id}")


#: Fills of the related series of a part-year chart, one per indicator (all hatched: part-year).
RELATED_FILLS = ("white", "#c4c4c4", "#808080")
#: Room above the highest related bar for the legend in the panel's top left corner.
RELATED_HEADROOM = 1.6


def _grouped_partial_bars(r, ax, levels: dict) -> None:
    """Part-year values of related indicators, grouped by period (one bar per indicator)."""
    records = [(i, v) for i, vals in levels.items() for v in vals.to_dict("records")]
    order = {p: k for k, p in enumerate(sorted(
        {v["period"] for _, v in records},
        key=lambda p: (fmt.period_end_year(p), len(str(p)), str(p))))}
    width = 0.8 / len(levels)
    for n, indicator in enumerate(levels):
        x = [order[v["period"]] - 0.4 + width * (n + 0.5) for i, v in records if i == indicator]
        y = [float(v["value"]) for i, v in records if i == indicator]
        ax.bar(x, y, width=width * 0.9, color=RELATED_FILLS[n % len(RELATED_FILLS)],
               edgecolor=INK, hatch="////", linewidth=0.8, label=q.short_indicator(r, indicator))
        for xk, yk in zip(x, y, strict=True):
            ax.annotate(fmt.number(yk, r.lang, 1), (xk, yk), xytext=(0, 2),
                        textcoords="offset points", ha="center", fontsize=FONT_SIZE_PT - 2.5)
    ax.set_xticks(range(len(order)), [chart_text(fmt.period(p, r.lang)) for p in order])
    ax.set_xlim(-0.6, len(order) - 0.4)
    ax.set_ylim(0, max(float(v["value"]) for _, v in records) * RELATED_HEADROOM)
    legend(ax, ncol=1, where="upper left")


def shares_chart(r, key: str, bars, caption: str) -> Figure:
    """Latest shares (hatched when partial-year) against the target shares.

    ``bars``: ``(name, latest, target, period label, partial)`` for each share.
    """
    fig, (ax,) = new_figure(height=0.45 + 0.6 * len(bars), left=2.3, right=0.6)
    ax.grid(axis="y", visible=False)
    y = np.arange(len(bars))[::-1]
    h = 0.36
    for i, (_name, latest, _target, period, partial) in enumerate(bars):
        ax.barh(y[i] + h / 2, latest, height=h, color="white", edgecolor=INK,
                hatch="////" if partial else None, linewidth=0.8,
                label=r.t("chart.legend.latest") if i == 0 else None)
        ax.annotate(f"{fmt.number(latest, r.lang, 2)}% ({period})", (latest, y[i] + h / 2),
                    xytext=(3, 0), textcoords="offset points", va="center",
                    fontsize=FONT_SIZE_PT - 1.5)
    for i, (_name, _latest, target, _period, _partial) in enumerate(bars):
        ax.barh(y[i] - h / 2, target, height=h, color=GREYS[1],
                label=r.t("chart.legend.target_share", year=r.programme.target_year)
                if i == 0 else None)
        ax.annotate(f"{fmt.number(target, r.lang, 2)}%", (target, y[i] - h / 2), xytext=(3, 0),
                    textcoords="offset points", va="center", fontsize=FONT_SIZE_PT - 1.5)
    ax.set_yticks(y, [wrap(chart_text(bar[0]), 2.2, max_lines=MAX_LABEL_LINES) for bar in bars])
    ax.set_xlim(0, max(max(bar[1], bar[2]) for bar in bars) * HEADROOM)
    value_axis_x(ax, r.lang)
    ax.set_xlabel(r.t("chart.shares.axis"))
    legend(ax, ncol=2)
    return Figure(fig, caption, q.source_line(r), label=f"fig:{key}")
