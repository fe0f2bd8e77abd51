r"""The report's figures drawn the report's way (matplotlib, object API, no pyplot): style,
font, text as typed, lines, bands, legends.

What every chart of :mod:`analysis.report.charts` is made with: a figure the width of the text
(:func:`new_figure`), the lines of a series in their style (:func:`draw_lines`), bands,
partial-year marks, axes in the report's language and a legend that is never cropped.

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
import textwrap
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # no GUI, no pyplot state
from matplotlib import font_manager  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from analysis.data.numbers import format_number  # noqa: E402
from analysis.errors import ReportError  # noqa: E402
from analysis.report.fonts import (  # noqa: E402
    INVISIBLE_CATEGORIES,
    code_point_text,
    code_points,
    find_main_font,
)
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
    "svg.hashsalt": "assessment-report",  # stable ids if a figure is ever saved as SVG
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

    The font is found by file name like the PDF's (:func:`analysis.report.fonts.find_main_font`);
    without it the charts use :data:`FALLBACK_FAMILY`.
    """
    try:
        font = find_main_font()
    except ReportError:
        return FALLBACK_FAMILY
    files = font.files()
    for f in files:
        font_manager.fontManager.addfont(str(f))
    return font_manager.FontProperties(fname=str(files[0])).get_name()


@functools.cache
def _chart_coverage() -> frozenset[int] | None:
    """Code points of the chart font's regular face (None when unknown: coverage is a
    refinement; strict_glyphs still checks).
    """
    try:
        path = font_manager.findfont(font_manager.FontProperties(family=_font_family()),
                                     fallback_to_default=False)
    except Exception:  # noqa: BLE001 - no such font: coverage unknown
        return None
    return code_points(path)


def chart_text(value: object) -> str:
    """``value`` as a chart draws it: control characters dropped, a character the chart font
    lacks written as its code point (``[U+1F600]``), as the report's text does.
    """
    covered = _chart_coverage()
    out = []
    for ch in unicodedata.normalize("NFC", str(value)):
        if ch == "\n":
            out.append(ch)
        elif unicodedata.category(ch) in INVISIBLE_CATEGORIES:
            continue
        elif covered is not None and ord(ch) > 127 and ord(ch) not in covered:
            out.append(code_point_text(ch))
        else:
            out.append(ch)
    return "".join(out)


def literal_text(fig: Figure) -> Figure:
    """Every text of ``fig`` through :func:`chart_text`, drawn without mathtext."""
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
    chars = max(8, int(width_in * 72 / (size_pt * CHAR_EM)))
    lines = [line for part in str(text).split("\n")
             for line in textwrap.wrap(part, chars, break_long_words=True,
                                       break_on_hyphens=True)]
    if max_lines is not None and len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1][: max(1, chars - 1)] + "…"]
    return "\n".join(lines) or str(text)


def _renderer(fig: Figure):
    """A renderer to measure ``fig``'s texts with (the figure gets an Agg canvas)."""
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
            # joined between consecutive years only: a missing year stays a gap, never a line
            # that would read as a value (:func:`mark_gaps` says which year is missing)
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


def gap_years(years: Sequence[int]) -> list[int]:
    """The years missing between the first and the last of ``years``."""
    have = {int(y) for y in years}
    return [y for y in range(min(have), max(have) + 1) if y not in have] if have else []


def mark_gaps(ax, years: Sequence[int], note: Callable[[int], str]) -> None:
    """Say on the chart which years inside a series have no value: ``note(year)``
    ("2022: chưa có số liệu"), set upright at the year, above the axis; no line, no point.
    """
    for year in gap_years(years):
        ax.annotate(chart_text(note(year)), xy=(year, 0), xycoords=("data", "axes fraction"),
                    xytext=(0, 4), textcoords="offset points", rotation=90, ha="center",
                    va="bottom", fontsize=FONT_SIZE_PT - 1.5, color=GREYS[0])


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
