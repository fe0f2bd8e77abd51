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

import functools
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no GUI, no pyplot state
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from analysis.numbers import format_number  # noqa: E402

#: Figure width in inches: the text width (210 mm − 32 mm − 18 mm = 160 mm).
FIG_WIDTH_IN = 160 / 25.4
#: Default figure height in inches.
FIG_HEIGHT_IN = 3.5
#: Font size of labels and ticks (points).
FONT_SIZE_PT = 9.5
#: Font files tried for the chart text, by file name.
FONT_FILES = (
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
)
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
    "pdf.fonttype": 42,  # embed TrueType, text stays text
    "svg.hashsalt": "lai-chau-report",  # stable ids if a figure is ever saved as SVG
    "svg.fonttype": "none",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#d9d9d9",
    "grid.linewidth": 0.5,
    "lines.linewidth": 1.4,
    "hatch.linewidth": 0.6,
    "path.simplify": False,
}


@functools.cache
def _font_family() -> str:
    """Register Liberation Serif with matplotlib and return its family name."""
    from matplotlib import font_manager

    for path in FONT_FILES:
        if Path(path).is_file():
            font_manager.fontManager.addfont(path)
            for style in ("Bold", "Italic"):
                other = path.replace("Regular", style)
                if Path(other).is_file():
                    font_manager.fontManager.addfont(other)
            return font_manager.FontProperties(fname=path).get_name()
    raise RuntimeError(
        "Liberation Serif not found for the charts; install it with: "
        "sudo apt-get install fonts-liberation"
    )


def new_figure(height: float = FIG_HEIGHT_IN, ncols: int = 1) -> tuple[Figure, list]:
    """A figure the width of the text with the report's style; returns (figure, axes list)."""
    rc = dict(_RC)
    rc["font.serif"] = [_font_family()]
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(FIG_WIDTH_IN, height), layout="constrained")
        axes = fig.subplots(1, ncols, squeeze=False)[0].tolist()
    fig._report_rc = rc  # applied again when drawing (rc_context only affects creation)
    return fig, axes


def finish(fig: Figure) -> Figure:
    """Draw once under the report's style, failing on a glyph the font lacks."""
    with matplotlib.rc_context(getattr(fig, "_report_rc", _RC)), warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*[Gg]lyph.*missing.*")
        fig.canvas.draw()
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
            ax.plot(line.years, line.values, color=INK, linewidth=2.0, marker="o",
                    markersize=4.5, label=line.label, zorder=5)
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


def legend(ax, **kwargs) -> None:
    """A legend under the axes, no frame."""
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.14),
                  ncol=kwargs.pop("ncol", 3), frameon=False, **kwargs)
