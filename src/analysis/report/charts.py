r"""Charts of the report (matplotlib, object API, no pyplot): vector PDF, legible in black & white.

The charts a chapter draws for a target of any programme, chosen by the target's kind and data:
:func:`index_chart` (average growth as an index, base year = 100: actual path, scenarios,
current pace, band), :func:`level_chart` (levels, rates and coverage: annual and partial-year
values, bounds, current pace, required path, the target), :func:`partial_chart` (only
part-year values exist) and :func:`shares_chart` (the shares of a structure against theirs).

Conventions: units on both axes, integer year ticks, numbers on the value axis in the report's
language (``1.500.000`` / ``1,500,000``), series told apart by line style and marker as well as
by shade (the report is printed in black and white), partial-year values drawn with hollow,
hatched marks and labelled with their period, never joined to the annual line. The text font is
Liberation Serif (Times metrics, full Vietnamese coverage) found by file name; a glyph missing
from it is an error, not a silent blank. Figures carry no timestamp (see
:class:`analysis.report.document.Figure`), so the same data give the same bytes.

Text from data prints as typed (the rule of every output, :mod:`analysis.report.latex` for the
PDF's text):

* no mathematics: matplotlib's mathtext is off (``text.parse_math``), so ``$100 đến $200``
  keeps its dollar signs and ``$\frac{a}{b}$`` or ``$\input{…}$`` are characters, not a
  fraction or a parse error;
* a character the chart font lacks (an emoji, a CJK character) is drawn as its code point,
  ``[U+1F600]``, as the text prints it (:func:`chart_text`, applied to every text of a figure
  before it is saved, :func:`literal_text`), instead of failing the render;
* legend entries, axis labels and titles wrap to the room they have (a long word is cut), and
  the legend is laid out in as many columns as fit the figure's width, measured, never cropped:
  every entry is drawn (:func:`legend`).
"""

from __future__ import annotations

import contextlib
import functools
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no GUI, no pyplot state
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from analysis.data.numbers import format_number  # noqa: E402
from analysis.data.periods import MONTHS_PER_YEAR, Period  # noqa: E402
from analysis.report.layout import TEXT_WIDTH_MM  # noqa: E402

#: Figure width in inches: the text width (210 mm − 32 mm − 18 mm = 160 mm).
FIG_WIDTH_IN = TEXT_WIDTH_MM / 25.4
#: Default figure height in inches.
FIG_HEIGHT_IN = 3.5
#: Font size of labels and ticks (points).
FONT_SIZE_PT = 9.5
#: Font for the chart text when the report's main font cannot be used: DejaVu Serif, shipped
#: with matplotlib (full Vietnamese coverage). Debian's Liberation Serif 1.x lacks the
#: precomposed Vietnamese letters (ố, ử, ỹ, ...), so it is not a fallback here.
FALLBACK_FAMILY = "DejaVu Serif"
#: Grey levels: actual data black, projections in greys.
INK = "#000000"
GREYS = ("#404040", "#707070", "#9a9a9a", "#505050", "#808080")
#: Line styles for scenarios, in order (distinguishable in black and white).
SCENARIO_STYLES = ((0, (6, 2)), (0, (2, 2)), (0, (6, 2, 1, 2)), (0, (1, 1)),
                   (0, (8, 3, 2, 3, 2, 3)))
#: Fill shades for the 90 % and 50 % bands.
BAND_SHADES = ("#e3e3e3", "#c4c4c4")

_RC = {
    "font.family": "serif",
    "font.size": FONT_SIZE_PT,
    "axes.titlesize": FONT_SIZE_PT,
    "axes.labelsize": FONT_SIZE_PT,
    "legend.fontsize": FONT_SIZE_PT - 1,
    "xtick.labelsize": FONT_SIZE_PT - 0.5,
    "ytick.labelsize": FONT_SIZE_PT - 0.5,
    "pdf.fonttype": 3,  # glyph outlines embedded as Type 3 (works for OpenType/CFF fonts too)
    "svg.hashsalt": "lai-chau-report",  # stable ids if a figure is ever saved as SVG
    "svg.fonttype": "none",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#d9d9d9",
    "grid.linewidth": 0.5,
    "lines.linewidth": 1.4,
    "hatch.linewidth": 0.6,
    "text.usetex": False,
    "text.parse_math": False,  # "$100" is a price, not the start of a formula
}
#: Approximate width of a character of the chart font, in ems (for wrapping before measuring).
CHAR_EM = 0.52
#: Room a legend entry needs beside its text (handle and spacing), in inches.
LEGEND_HANDLE_IN = 0.55
#: Most lines of an axis title or a bar's name (a title takes one fewer).
MAX_LABEL_LINES = 3


@functools.cache
def _font_family() -> str:
    """Register the report's main font (TeX Gyre Termes) with matplotlib; its family name.

    The font is found by file name like the PDF's (:func:`analysis.report.render.find_main_font`);
    without it the charts use :data:`FALLBACK_FAMILY`.
    """
    from matplotlib import font_manager

    from analysis.report.render import ReportError, find_main_font

    try:
        font = find_main_font()
    except ReportError:
        return FALLBACK_FAMILY
    files = [Path(font.directory) / f"{font.stem}{s}{font.extension}" for s in font.suffixes]
    for f in files:
        font_manager.fontManager.addfont(str(f))
    return font_manager.FontProperties(fname=str(files[0])).get_name()


@functools.cache
def _chart_coverage() -> frozenset[int] | None:
    """Code points of the chart font's regular face (None when unknown)."""
    from matplotlib import font_manager

    try:
        # FreeType's reading of the font's Unicode cmap: the code points fontTools' getBestCmap
        # gives, 40 ms sooner (the scenario explorer's first view, benchmarks/explorer.py)
        from matplotlib.ft2font import FT2Font

        path = font_manager.findfont(font_manager.FontProperties(family=_font_family()),
                                     fallback_to_default=False)
        return frozenset(FT2Font(path).get_charmap())
    except Exception:  # noqa: BLE001 - coverage is a refinement; strict_glyphs still checks
        return None


def chart_text(value: object) -> str:
    """``value`` as a chart draws it: control characters dropped, a character the chart font
    lacks written as its code point (``[U+1F600]``), as the report's text does.
    """
    import unicodedata

    covered = _chart_coverage()
    out = []
    for ch in unicodedata.normalize("NFC", str(value)):
        if ch == "\n":
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue
        elif covered is not None and ord(ch) > 127 and ord(ch) not in covered:
            out.append(f"[U+{ord(ch):04X}]")
        else:
            out.append(ch)
    return "".join(out)


def literal_text(fig: Figure) -> Figure:
    """Every text of ``fig`` through :func:`chart_text`, drawn without mathtext."""
    from matplotlib.text import Text

    for item in fig.findobj(Text):
        item.set_parse_math(False)
        content = item.get_text()
        if content:
            item.set_text(chart_text(content))
    return fig


def wrap(text: str, width_in: float, size_pt: float = FONT_SIZE_PT,
         max_lines: int | None = None) -> str:
    """``text`` broken into lines about ``width_in`` inches wide (a long word is cut).

    With ``max_lines``, the lines beyond are left out and the last one kept ends in "…" (an
    axis title that would take the whole axis; the caption names the series in full).
    """
    import textwrap

    chars = max(8, int(width_in * 72 / (size_pt * CHAR_EM)))
    lines = [line for part in str(text).split("\n")
             for line in textwrap.wrap(part, chars, break_long_words=True,
                                       break_on_hyphens=True)]
    if max_lines is not None and len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1][: max(1, chars - 1)] + "…"]
    return "\n".join(lines) or str(text)


def _renderer(fig: Figure):
    """A renderer to measure ``fig``'s texts with (the figure gets an Agg canvas)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    return fig.canvas.get_renderer()


def _axes_size_in(ax) -> tuple[float, float]:
    """Width and height of ``ax`` in inches."""
    box = ax.get_position()
    width, height = ax.figure.get_size_inches()
    return box.width * width, box.height * height


def set_ylabel(ax, text: str) -> None:
    """The value axis's title, wrapped to the axis's height; the left margin widened for each
    line beyond the first.
    """
    _, height = _axes_size_in(ax)
    label = wrap(chart_text(text), height * 0.95, max_lines=MAX_LABEL_LINES)
    ax.set_ylabel(label)
    extra = (label.count("\n")) * FONT_SIZE_PT * 1.25 / 72
    if extra:
        fig = ax.figure
        margins = getattr(fig, "_margins_in", None)
        if margins is not None:
            margins["left"] += extra
            fig.subplots_adjust(left=margins["left"] / FIG_WIDTH_IN)


def set_title(ax, text: str) -> None:
    """An axes title, left, wrapped to the axes' width; the top margin grows with its lines."""
    width, _ = _axes_size_in(ax)
    title = wrap(chart_text(text), width, max_lines=MAX_LABEL_LINES - 1)
    ax.set_title(title, loc="left", fontsize=FONT_SIZE_PT)
    extra = title.count("\n") * FONT_SIZE_PT * 1.25 / 72
    fig = ax.figure
    margins = getattr(fig, "_margins_in", None)
    if extra and margins is not None:
        margins["top"] += extra
        fig.subplots_adjust(top=1 - margins["top"] / fig.get_figheight())


@contextlib.contextmanager
def strict_glyphs():
    """Turn matplotlib's "Glyph ... missing from font" warning into an error."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*[Gg]lyph.*missing.*")
        yield


def new_figure(height: float = FIG_HEIGHT_IN, ncols: int = 1, left: float = 0.75,
               right: float = 0.2, top: float = 0.15, bottom: float = 0.5,
               wspace: float = 0.9) -> tuple[Figure, list]:
    """A figure the width of the text with the report's style; returns (figure, axes list).

    Margins are fixed, in inches (``left`` holds the value labels and axis title, ``bottom`` the
    year labels and axis title; :func:`legend` adds room for the legend), rather than computed
    by a layout engine: the same layout every time, and a third of the drawing time saved.
    """
    apply_style()
    fig = Figure(figsize=(FIG_WIDTH_IN, height))
    axes = fig.subplots(1, ncols, squeeze=False)[0].tolist()
    fig._margins_in = {"left": left, "right": right, "top": top, "bottom": bottom}
    fig.subplots_adjust(left=left / FIG_WIDTH_IN, right=1 - right / FIG_WIDTH_IN,
                        top=1 - top / height, bottom=bottom / height,
                        wspace=wspace / (FIG_WIDTH_IN / ncols))
    return fig, axes


def apply_style() -> None:
    """Set the report's matplotlib style (the kernel that runs the report draws nothing else)."""
    matplotlib.rcParams.update(_RC)
    matplotlib.rcParams["font.serif"] = [_font_family()]


def year_axis(ax, first: int, last: int) -> None:
    """Integer year ticks from ``first`` to ``last`` (no 2020.5, no thousands separator)."""
    ax.set_xlim(first - 0.4, last + 0.4)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=12))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{int(round(x))}"))


def value_axis(ax, lang: str, decimals: int = 0, scale: float = 1.0) -> None:
    """Value ticks in the language's number format (``1.500`` / ``1,500``), divided by ``scale``."""
    ax.yaxis.set_major_formatter(
        FuncFormatter(lambda y, _pos: format_number(y / scale, lang, decimals))
    )


def value_axis_x(ax, lang: str, decimals: int = 0) -> None:
    """Value ticks on the horizontal axis in the language's number format."""
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: format_number(x, lang, decimals)))


@dataclass(frozen=True)
class Line:
    """A series to draw: years and values, a legend label and a style."""

    years: Sequence[int]
    values: Sequence[float]
    label: str
    style: str = "actual"  # actual, scenario, current, required, target
    index: int = 0  # picks the dash pattern and grey of a scenario


def draw_lines(ax, lines: Sequence[Line]) -> None:
    """Draw each :class:`Line` in its style."""
    for line in lines:
        if not len(line.years):
            continue
        if line.style == "actual":
            # solid between consecutive years, a thin dotted bridge across a missing year
            ax.plot(line.years, line.values, color=INK, linewidth=0.8, linestyle=(0, (1, 2)),
                    zorder=4)
            for k, (xs, ys) in enumerate(_runs(line.years, line.values)):
                ax.plot(xs, ys, color=INK, linewidth=2.0, marker="o", markersize=4.5,
                        label=line.label if k == 0 else None, zorder=5)
        elif line.style == "scenario":
            ax.plot(line.years, line.values, color=GREYS[line.index % len(GREYS)],
                    linestyle=SCENARIO_STYLES[line.index % len(SCENARIO_STYLES)],
                    linewidth=1.2, label=line.label, zorder=3)
        elif line.style == "current":
            ax.plot(line.years, line.values, color=INK, linestyle=(0, (3, 1.5)), linewidth=1.4,
                    marker="^", markersize=3.5, markevery=[len(line.years) - 1],
                    label=line.label, zorder=4)
        elif line.style == "required":
            ax.plot(line.years, line.values, color=GREYS[1], linestyle=(0, (1, 1.2)),
                    linewidth=1.6, marker="s", markersize=3, markevery=[len(line.years) - 1],
                    label=line.label, zorder=4)
        elif line.style == "target":
            ax.axhline(line.values[0], color=INK, linewidth=0.9, linestyle=(0, (8, 2, 2, 2)),
                       label=line.label, zorder=2)
        else:
            raise ValueError(f"unknown line style {line.style!r}")


def _runs(years: Sequence[int], values: Sequence[float]) -> list[tuple[list, list]]:
    """Split a series into runs of consecutive years."""
    runs: list[tuple[list, list]] = []
    for y, v in zip(years, values, strict=True):
        if runs and y - runs[-1][0][-1] == 1:
            runs[-1][0].append(y)
            runs[-1][1].append(v)
        else:
            runs.append(([y], [v]))
    return runs


def draw_band(ax, years,
              lows_highs: Sequence[tuple[Sequence[float], Sequence[float], str]]) -> None:
    """Shade bands, widest first: ``[(low, high, label), ...]``."""
    for i, (low, high, label) in enumerate(lows_highs):
        ax.fill_between(years, low, high, color=BAND_SHADES[i % len(BAND_SHADES)],
                        linewidth=0, label=label, zorder=1)


def draw_partial(ax, xs, values, labels: Sequence[str], legend: str | None = None,
                 fmt: Callable[[float], str] | None = None) -> None:
    """Partial-year values: hollow diamonds, each labelled with its period (never joined)."""
    ax.plot(xs, values, linestyle="none", marker="D", markersize=5.5, markerfacecolor="white",
            markeredgecolor=INK, markeredgewidth=1.1, label=legend, zorder=6)
    for x, v, text in zip(xs, values, labels, strict=True):
        label = text if fmt is None else f"{text}: {fmt(v)}"
        ax.annotate(label, (x, v), textcoords="offset points", xytext=(5, 5),
                    fontsize=FONT_SIZE_PT - 1.5, color=GREYS[0])


def legend(ax, ncol: int = 3, where: str = "figure", first: Sequence[str] = ()) -> None:
    """A legend without frame: under the whole figure (``where="figure"``) or in the axes.

    Entries whose label is in ``first`` come first, in that order. Every entry is drawn: labels
    wrap to their column, and under the figure the legend takes at most ``ncol`` columns, fewer
    when its measured width would not fit the figure; the plot's bottom margin makes room for
    its measured height.
    """
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return
    rank = {label: i for i, label in enumerate(first)}
    order = sorted(range(len(labels)), key=lambda i: (rank.get(labels[i], len(rank)), i))
    handles, labels = [handles[i] for i in order], [chart_text(labels[i]) for i in order]
    size = matplotlib.rcParams["legend.fontsize"]
    if where != "figure":
        width, _ = _axes_size_in(ax)
        column = width / ncol - LEGEND_HANDLE_IN
        ax.legend(handles, [wrap(label, column, size) for label in labels], loc=where,
                  ncol=ncol, frameon=False)
        return
    fig = ax.figure
    renderer = _renderer(fig)
    room = fig.get_figwidth() - 0.1
    tries = [(columns, texts) for columns in range(max(1, min(ncol, len(labels))), 0, -1)
             for texts in (labels, [wrap(label, room / columns - LEGEND_HANDLE_IN, size)
                                    for label in labels])]
    for columns, texts in tries:  # as given first; wrapped; then in fewer columns
        drawn = fig.legend(handles, texts, loc="lower center", bbox_to_anchor=(0.5, 0.02),
                           ncol=columns, frameon=False, borderaxespad=0.0, handlelength=2.6,
                           columnspacing=1.6)
        box = drawn.get_window_extent(renderer)
        if box.width <= room * fig.dpi or (columns, texts) == tries[-1]:
            break
        drawn.remove()
    margins = getattr(fig, "_margins_in", {"bottom": 0.6})
    legend_in = box.height / fig.dpi + 0.1
    fig.subplots_adjust(bottom=(margins["bottom"] + legend_in) / fig.get_figheight())


# ---------------------------------------------------------------------------------------------
# the charts of a target

#: Values at least this large are drawn in millions (the axis says so).
MILLIONS_FROM = 1e6
#: Room above the highest value or target (a factor of it).
HEADROOM = 1.25


def _axis_scale(values) -> float:
    """1 or a million: the scale a level axis is drawn in."""
    finite = [abs(float(v)) for v in values if v is not None and np.isfinite(float(v))]
    return 1e6 if finite and max(finite) >= MILLIONS_FROM else 1.0


def _axis_label(r, indicator_id: str, unit: str, scale: float) -> str:
    from analysis.report.chapters.base import indicator_name

    word = r.t(f"unit.{unit}") if _has_unit(unit) else unit
    if scale != 1:
        word = r.t("axis.millions", unit=word)
    return r.t("axis.value", name=indicator_name(r, indicator_id), unit=word) if word \
        else indicator_name(r, indicator_id)


def _has_unit(unit: str) -> bool:
    from analysis.i18n import has

    return has(f"unit.{unit}")


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
    from analysis.report import formatting as fmt
    from analysis.report.chapters import base as b
    from analysis.report.document import Figure as ReportFigure

    row = b.row(r, target_id)
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
        from analysis.engine import uncertainty as un

        wide = band.pivot_table(index="year", columns="quantile", values="value")
        spans = []
        for (lo, hi), key in ((un.BAND_90, "chart.band90"), (un.BAND_50, "chart.band50")):
            if lo in wide.columns and hi in wide.columns:
                spans.append((wide[lo].to_numpy(), wide[hi].to_numpy(), r.t(key)))
        draw_band(ax, wide.index.to_numpy(), spans)
    if scenarios:
        customs = set(b.custom_rows(r, target_id)["scenario"])
        for i, srow in enumerate(b.scenario_rows(r, target_id).to_dict("records")):
            sp = p[(p["kind"] == "scenario") & (p["scenario"] == srow["scenario"])]
            sp = sp.sort_values("year")
            key = "chart.legend.custom" if srow["scenario"] in customs else "chart.legend.scenario"
            lines.append(Line(sp["year"].tolist(), sp["value"].tolist(),
                              r.t(key, label=b.scenario_label(r, srow)), "scenario", i))
    else:
        sp = p[(p["kind"] == "scenario") & (p["scenario"] == "target")].sort_values("year")
        lines.append(Line(sp["year"].tolist(), sp["value"].tolist(),
                          r.t("chart.legend.target_path", target=b.target_text(r, target_id)),
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
    key = "chart.index.caption_band" if scenarios and not band.empty and r.show_band \
        else "chart.index.caption"
    caption = r.t(key, name=b.name(r, target_id), base=int(row["base_year"]),
                  target=b.target_text(r, target_id))
    source = b.source_line(r, r.t("chart.source_band") if key.endswith("band") else None)
    return ReportFigure(fig, caption, source, label=f"fig:{target_id}")


def level_chart(r, target_id: str) -> Figure | None:
    """Annual values, partial-year values, current pace, required path and the target line."""
    from analysis.report import formatting as fmt
    from analysis.report.chapters import base as b
    from analysis.report.document import Figure as ReportFigure

    tgt = b.targets(r).loc[target_id]
    ind = str(tgt["indicator_id"])
    row = b.row(r, target_id)
    cumulative = str(tgt["kind"]) == "cumulative"
    p = _paths(r, target_id)
    if cumulative:
        acc = p[(p["kind"] == "actual")].sort_values("year")
        annual = pd.DataFrame({"year": acc["year"], "value": acc["value"], "qualifier": "exact"})
    else:
        annual = b.values_of(r, ind, annual=True)
    partial = b.partial_values(r, ind)
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
    if (not req.empty and row is not None and b.class_of(row) != "achieved"
            and not fmt.is_missing(row["required_pace"])):  # nothing is required after T
        lines.append(Line(req["year"].tolist(), (req["value"] / scale).tolist(),
                          r.t("chart.legend.required",
                              pace=fmt.pace(row["required_pace"], row["pace_unit"], r.lang)),
                          "required"))
    if target_value is not None:
        lines.append(Line([T], [target_value / scale],
                          r.t("chart.legend.target", target=b.target_text(r, target_id)),
                          "target"))
    years = annual["year"].astype(int).tolist()
    if years:
        lines.append(Line(years, (annual["value"].astype(float) / scale).tolist(),
                          r.t("chart.legend.annual"), "actual"))
    draw_lines(ax, lines)
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
    return ReportFigure(fig, r.t("chart.level.caption", name=b.name(r, target_id),
                                 target=b.target_text(r, target_id), target_year=T),
                        b.source_line(r), label=f"fig:{target_id}")


def partial_chart(r, target_id: str, related: Sequence[str] = ()) -> Figure | None:
    """Only part-year values: the target's own series (left) and related levels (right)."""
    from analysis.report import formatting as fmt
    from analysis.report.chapters import base as b
    from analysis.report.document import Figure as ReportFigure

    tgt = b.targets(r).loc[target_id]
    own = b.values_of(r, str(tgt["indicator_id"]))
    # the related panel holds part-year values only: a multi-year total (2021–2025) is not a
    # value of one period among the others, and the chapter states it in words instead
    levels = {i: b.partial_values(r, i) for i in related}
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
    set_title(ax, b.indicator_name(r, str(tgt["indicator_id"])))
    ax.grid(axis="x", visible=False)
    legend(ax, ncol=1)
    if levels:
        ax = axes[1]
        _grouped_partial_bars(r, ax, levels)
        unit = b.indicator_unit(r, next(iter(levels)))
        set_ylabel(ax, r.t(f"unit.{unit}") if _has_unit(unit) else unit)
        value_axis(ax, r.lang)
        set_title(ax, r.t("chart.partial.related"))
        ax.grid(axis="x", visible=False)
    return ReportFigure(fig, r.t("chart.partial.caption", name=b.name(r, target_id),
                                 target=b.target_text(r, target_id)),
                        b.source_line(r), label=f"fig:{target_id}")


#: Fills of the related series of a part-year chart, one per indicator (all hatched: part-year).
RELATED_FILLS = ("white", "#c4c4c4", "#808080")
#: Room above the highest related bar for the legend in the panel's top left corner.
RELATED_HEADROOM = 1.6


def _grouped_partial_bars(r, ax, levels: dict) -> None:
    """Part-year values of related indicators, grouped by period (one bar per indicator)."""
    from analysis.report import formatting as fmt
    from analysis.report.chapters import base as b

    records = [(i, v) for i, vals in levels.items() for v in vals.to_dict("records")]
    order = {p: k for k, p in enumerate(sorted(
        {v["period"] for _, v in records},
        key=lambda p: (fmt.period_end_year(p), len(str(p)), str(p))))}
    width = 0.8 / len(levels)
    for n, indicator in enumerate(levels):
        x = [order[v["period"]] - 0.4 + width * (n + 0.5) for i, v in records if i == indicator]
        y = [float(v["value"]) for i, v in records if i == indicator]
        ax.bar(x, y, width=width * 0.9, color=RELATED_FILLS[n % len(RELATED_FILLS)],
               edgecolor=INK, hatch="////", linewidth=0.8, label=b.short_indicator(r, indicator))
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
    from analysis.report import formatting as fmt
    from analysis.report.chapters import base as b
    from analysis.report.document import Figure as ReportFigure

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
    return ReportFigure(fig, caption, b.source_line(r), label=f"fig:{key}")
