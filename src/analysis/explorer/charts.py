"""The explorer's two charts: the growth target's index, drawn by the report's own function with
the assumed path on top and updated in place; and the path of any target at an assumed pace.

**The index chart is the report's.** :func:`analysis.report.charts.index_chart` draws the
static part exactly as the report prints it (the actual index, the rate scenarios, the path at
the current pace, the axes in the report's language and style); its ``draw_more`` hook adds the
explorer's own layer before the legend is laid out: the assumed path, its 90 % and 50 % bands
(around the assumed path, not around the current pace, so the report's band is left out) and
the real index the target looked at needs in T. Those artists are animated: an update restores
the background drawn once and draws only them (blitting), then encodes the canvas to PNG.

Under the chart the view prints a source line, ``Nguồn: …`` / ``Source: …``, from the metadata
of the values drawn (:func:`analysis.explorer.model.sources_of`): who published each actual
value, for which years.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from PIL import Image

from analysis.data.numbers import format_number
from analysis.data.periods import format_years
from analysis.engine.result import INDEX_UNIT, Assessment
from analysis.explorer.model import (
    INNER_BAND,
    OUTER_BAND,
    GrowthModel,
    TargetPath,
    path_of,
    sources_of,
    target_row,
)
from analysis.i18n import has
from analysis.report import charts as rc
from analysis.report.context import Report
from analysis.report.formatting import natural_decimals

#: Resolution of the live charts, dots per inch: the report's figure, 160 mm wide, is then
#: about 760 pixels wide, the width the explorer gives its chart.
SCREEN_DPI = 120
#: Share of the y-range left free above and below the lines.
Y_MARGIN_SHARE = 0.06
#: zlib level of the live chart's PNG (1: fastest; the image never leaves the machine).
PNG_COMPRESS_LEVEL = 1
#: Colours of the explorer's own layer, apart from the report's black and greys: the assumed
#: path and its bands in blue, the value the target looked at needs in red.
ASSUMED_COLOUR, BAND_COLOUR, NEEDED_COLOUR = "#1565c0", "#1976d2", "#c62828"
#: Opacity of the outer (90 %) and inner (50 %) bands.
BAND_ALPHAS = (0.12, 0.22)
#: Height of the any-target chart, inches (its width is the report's figure width).
TARGET_FIGURE_HEIGHT_IN = 3.4
#: First years drawn before the base year in the any-target chart.
HISTORY_YEARS_SHOWN = 5
#: Most decimals of a value-axis label of the any-target chart (each label shows as few as
#: its value needs: ``54``, ``54,5``).
VALUE_DECIMALS = 2

Translate = Callable[..., str]


def report_view(programme, dataset, assessment: Assessment, lang: str) -> Report:
    """The report's view of one assessment, for the report's chart functions: the same
    programme, data and assessment, and no band of the report's own (the explorer draws its
    band around the assumed path).
    """
    return Report(lang=lang, year=assessment.year, base_year=programme.base_year,
                  programme=programme, scenarios=None, show_band=False, dataset=dataset,
                  assessment=assessment, chosen=None, custom_scenarios={}, parameters={})


def source_line(t: Translate, assessment: Assessment, actuals: pd.DataFrame, target_id: str,
                calculated: str, years=None) -> str:
    """``Nguồn: …`` (``Source: …``): the publishers of the actual values a chart draws
    (:func:`~analysis.explorer.model.sources_of`), each with its years, then who calculated
    the rest (the text of the key ``calculated``).
    """
    sources = sources_of(assessment, actuals, target_id, years)
    by_publisher: dict[str, list[int]] = {}
    for publisher, year in zip(sources["publisher"], sources["year"], strict=True):
        by_publisher.setdefault(publisher or t("explorer.source.unknown"), []).append(int(year))
    published = ", ".join(f"{p} ({format_years(ys)})" for p, ys in by_publisher.items())
    text = (t("explorer.source.values", sources=published) + "; " if published else "")
    return t("doc.source", text=text + t(calculated))


class GrowthChart:
    """The growth panel's chart: the report's index chart with the explorer's live layer.

    Parameters
    ----------
    report : analysis.report.context.Report
        The report's view of the assessment (:func:`report_view`).
    model : GrowthModel
        The growth target's model.
    t : callable
        The view's translation: ``t(key, **values)``.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
        The figure, built once.
    axes : matplotlib.axes.Axes
        Its axes.
    assumed_line : matplotlib.lines.Line2D
        The assumed path (years ``t..T``, real index), moved by :meth:`update`.
    """

    def __init__(self, report: Report, model: GrowthModel, t: Translate):
        self.model = model
        self._t = t
        shown = rc.index_chart(report, model.growth_target_id, scenarios=True,
                               draw_more=self._draw_layer)
        if shown is None:  # never: the model needs an actual value to start from
            raise ValueError(f"no index chart for {model.growth_target_id}")
        # the data's text as typed: mathtext is off (the report's style) and every text from
        # the data went through rc.chart_text (the legend, the axis titles)
        self.figure: Figure = shown.figure
        self.figure.set_dpi(SCREEN_DPI)
        self._canvas = FigureCanvasAgg(self.figure)
        self._background = None
        self._fixed_low = float(min(model.actual_index.min(), model.base_index))

    def _draw_layer(self, ax) -> None:
        """The assumed path, its bands and the target's line, empty until the first update."""
        m, t = self.model, self._t
        x = np.array([m.latest_year, *m.years])
        flat = np.full(len(x), m.latest_index)
        self._outer = ax.fill_between(x, flat, flat, color=BAND_COLOUR, alpha=BAND_ALPHAS[0],
                                      lw=0, label=t("explorer.legend.band90"))
        self._inner = ax.fill_between(x, flat, flat, color=BAND_COLOUR, alpha=BAND_ALPHAS[1],
                                      lw=0, label=t("explorer.legend.band50"))
        (self.assumed_line,) = ax.plot(x, flat, "o-", color=ASSUMED_COLOUR, lw=2.2, ms=4,
                                       label=t("explorer.legend.assumed"), zorder=6)
        self._needed_line = ax.axhline(np.nan, color=NEEDED_COLOUR, lw=1, ls="-.",
                                       label=t("explorer.legend.target", year=m.target_year))
        self._dynamic = (self._outer, self._inner, self._needed_line, self.assumed_line)
        for artist in self._dynamic:
            artist.set_animated(True)  # drawn on the cached background, not by canvas.draw()
        self.axes = ax

    def update(self, outputs: dict) -> bytes:
        """Move the live layer to ``outputs`` (:meth:`GrowthModel.compute`); the PNG.

        The static part (axes, ticks, actuals, scenario lines, legend) is drawn once into a
        background; an update restores it and draws the band, the assumed path and the target
        line on top. Only when the new values leave the y-range is the whole figure redrawn.
        """
        path = outputs["path_index"]
        x = path.index.to_numpy()
        self.assumed_line.set_data(x, path.to_numpy())
        band = outputs["band_index"]
        if band is not None:
            self._outer.set_data(x, band[OUTER_BAND[0]].to_numpy(), band[OUTER_BAND[1]].to_numpy())
            self._inner.set_data(x, band[INNER_BAND[0]].to_numpy(), band[INNER_BAND[1]].to_numpy())
        self._needed_line.set_ydata([outputs["required_index"]] * 2)
        low = band[OUTER_BAND[0]].min() if band is not None else path.min()
        high = band[OUTER_BAND[1]].max() if band is not None else path.max()
        high = max(high, outputs["required_index"])
        bottom, top = self.axes.get_ylim()
        if self._background is None or low < bottom or high > top:
            self._rescale(low, high)
        self._canvas.restore_region(self._background)
        for artist in self._dynamic:
            self.axes.draw_artist(artist)
        return _png(self._canvas)

    def _rescale(self, low: float, high: float) -> None:
        """Set the y-range to hold the static lines and ``low..high``; redraw the background."""
        top = max([high, *(p.max() for p in self.model.scenario_index.values())])
        bottom = min(low, self._fixed_low)
        pad = Y_MARGIN_SHARE * (top - bottom)
        self.axes.set_ylim(bottom - pad, top + pad)
        self._canvas.draw()
        self._background = self._canvas.copy_from_bbox(self.figure.bbox)


def _png(canvas: FigureCanvasAgg) -> bytes:
    """PNG bytes of what the canvas holds now (no redraw)."""
    buffer = io.BytesIO()
    Image.fromarray(np.asarray(canvas.buffer_rgba())).save(
        buffer, format="png", compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()


def _unit_label(t: Translate, unit: str, base_year: int) -> str:
    """The value axis's title: the unit's word (the report's), or an index and its base year
    (the target's own: a base moved to the first year with a value moves it too).
    """
    if unit == INDEX_UNIT:
        return t("chart.index.axis", base=base_year)
    return t(f"unit.{unit}") if has(f"unit.{unit}") else unit


def actual_shown(assessment: Assessment, base_year: int, target_id: str) -> pd.Series:
    """The actual values the any-target chart draws: from :data:`HISTORY_YEARS_SHOWN` years
    before the base year on.
    """
    row = target_row(assessment, target_id)
    actual = path_of(assessment, target_id, "actual", unit=str(row["unit"]) or None)
    return actual[actual.index >= base_year - HISTORY_YEARS_SHOWN]


def target_chart(t: Translate, lang: str, assessment: Assessment, base_year: int,
                 target_id: str, name: str, tp: TargetPath | None) -> bytes:
    """PNG of one target's actual values and its path at an assumed pace (``tp``; None: no
    annual value to start from), in the report's style: actual values joined year by year, a
    missing year left a gap and named on the axis (:func:`analysis.report.charts.draw_lines`,
    :func:`~analysis.report.charts.mark_gaps`), numbers in the language's format, the unit on
    the value axis.
    """
    fig, (ax,) = rc.new_figure(height=TARGET_FIGURE_HEIGHT_IN, top=0.35, left=0.95)
    fig.set_dpi(SCREEN_DPI)
    canvas = FigureCanvasAgg(fig)
    row = target_row(assessment, target_id)
    unit = str(row["unit"])
    T = int(row["target_year"])
    first = base_year - HISTORY_YEARS_SHOWN
    shown = actual_shown(assessment, base_year, target_id)
    rc.draw_lines(ax, [rc.Line(shown.index.tolist(), shown.tolist(), t("chart.legend.actual"))])
    rc.mark_gaps(ax, shown.index.tolist(), lambda y: t("chart.gap", year=y))
    if tp is not None:
        ax.plot(tp.path.index, tp.path.to_numpy(), "o-", color=ASSUMED_COLOUR, lw=2, ms=3,
                label=t("explorer.legend.assumed"))
        ax.plot([T], [tp.target_value], marker="*", ms=12, color=NEEDED_COLOUR, ls="none",
                label=t("explorer.legend.target", year=T))
    else:
        ax.text(0.5, 0.5, t("explorer.any.no_data"), transform=ax.transAxes,
                ha="center", va="center", color="#6a1b9a", wrap=True)
    rc.year_axis(ax, first, T)
    ax.yaxis.set_major_formatter(FuncFormatter(
        lambda y, _pos: format_number(y, lang, natural_decimals(y, VALUE_DECIMALS))))
    ax.set_xlabel(t("axis.year"))
    if tp is not None or not shown.empty:
        index_base = base_year if pd.isna(row["base_year"]) else int(row["base_year"])
        rc.set_ylabel(ax, _unit_label(t, unit, index_base))
    rc.set_title(ax, name)
    rc.legend(ax, ncol=1, where="best")  # legend, titles: through rc.chart_text, as typed
    canvas.draw()
    return _png(canvas)
