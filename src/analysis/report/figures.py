"""Charts of the report (matplotlib, object API, no pyplot): vector PDF, readable in black and white.

Conventions: units on both axes, integer year ticks, numbers on the value axis in the report's
language (``1.500.000`` / ``1,500,000``), series told apart by line style and marker as well as
by shade (the report is printed in black and white), partial-year values drawn with hollow,
hatched marks and labelled with their period, never joined to the annual line. The text font is
Liberation Serif (Times metrics, full Vietnamese coverage) found by file name; a glyph missing
from it is an error, not a silent blank. Figures carry no timestamp (see
:class:`analysis.report.document.Figure`), so the same data give the same bytes.
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
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from analysis.data.numbers import format_number  # noqa: E402

#: Figure width in inches: the text width (210 mm − 32 mm − 18 mm = 160 mm).
FIG_WIDTH_IN = 160 / 25.4
#: Default figure height in inches.
FIG_HEIGHT_IN = 3.5
#: Font size of labels and ticks (points).
FONT_SIZE_PT = 9.5
#: Font for the chart text when the report's main font cannot be used: DejaVu Serif, shipped
#: with matplotlib (full Vietnamese coverage). Debian's Liberation Serif 1.x lacks the
#: precomposed Vietnamese letters (ố, ử, ỹ, ...), so it is not a fallback here.
FALLBACK_FAMILY = "DejaVu Serif"
#: Height of one legend row (inches).
LEGEND_ROW_IN = 0.19
#: Grey levels: actual data black, projections in greys.
INK = "#000000"
GREYS = ("#404040", "#707070", "#9a9a9a", "#505050", "#808080")
#: Line styles for scenarios, in order (distinguishable in black and white).
SCENARIO_STYLES = ((0, (6, 2)), (0, (2, 2)), (0, (6, 2, 1, 2)), (0, (1, 1)), (0, (8, 3, 2, 3, 2, 3)))
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
}


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


def finish(fig: Figure) -> Figure:
    """The finished figure (laid out when saved; a missing glyph fails then, see strict_glyphs)."""
    return fig


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


def draw_band(ax, years, lows_highs: Sequence[tuple[Sequence[float], Sequence[float], str]]) -> None:
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

    Entries whose label is in ``first`` come first, in that order.
    """
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return
    rank = {label: i for i, label in enumerate(first)}
    order = sorted(range(len(labels)), key=lambda i: (rank.get(labels[i], len(rank)), i))
    handles, labels = [handles[i] for i in order], [labels[i] for i in order]
    if where != "figure":
        ax.legend(handles, labels, loc=where, ncol=ncol, frameon=False)
        return
    fig = ax.figure
    rows = -(-len(labels) // ncol)
    height = fig.get_figheight()
    margins = getattr(fig, "_margins_in", {"bottom": 0.6})
    legend_in = LEGEND_ROW_IN * rows + 0.08
    fig.subplots_adjust(bottom=(margins["bottom"] + legend_in) / height)
    fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0.02), ncol=ncol,
               frameon=False, borderaxespad=0.0, handlelength=2.6, columnspacing=1.6)
