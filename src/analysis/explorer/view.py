"""The scenario explorer's view: widgets, the live chart and the numbers, in Jupyter.

Every number comes from :class:`analysis.explorer.model.GrowthModel` (the same functions as the
report, ``docs/methods.md`` §4–6); this module only draws. Controls: real GRDP growth for each
remaining year after the latest annual actual *t* up to the target year *T*, or one flat rate;
the average growth of the GRDP deflator (the province publishes no deflator, so this is an
assumption); population growth; and the target looked at.

Speed: everything that does not depend on the controls (data, assessment, the random walk, the
figures and their static artists) is built once; an update recomputes the path, moves the
artists' data and renders the one figure that changes to PNG (Agg), which takes a few tens of
milliseconds (``benchmarks/explorer.py``).

Saving: :meth:`Explorer.save` writes the current growth path, named, to the custom-scenario
YAML through :func:`analysis.data.scenarios.save_scenario`; ``python -m analysis report
--scenarios-file`` reads it, so a scenario explored is a scenario printed.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from PIL import Image

from analysis import DEFAULT_ACTUALS, DEFAULT_SCENARIOS, DEFAULT_TARGETS
from analysis.data.loaders import Dataset, load_dataset
from analysis.data.numbers import MISSING, format_number, format_percent, format_pp
from analysis.data.scenarios import CustomScenario, save_scenario
from analysis.engine.assess import DEFAULT_SCENARIO_RATES_PCT, TARGET_SCENARIO, assess
from analysis.engine.derived import (
    DEFAULT_DEFLATOR_PCT,
    NOMINAL_GRDP_INDICATOR,
    PER_CAPITA_INDICATOR,
    POPULATION_INDICATOR,
)
from analysis.explorer.model import (
    INNER_BAND,
    OUTER_BAND,
    GrowthModel,
    path_of,
    target_row,
)
from analysis.errors import InputError

# ---------------------------------------------------------------------------------------------
# named choices

#: Growth target whose index the explorer projects.
GROWTH_TARGET_ID = "grdp_growth_pct_per_year"
#: Growth-rate indicator the scenarios project (and the one saved scenarios name).
GROWTH_INDICATOR = "grdp_growth_pct"
#: Targets the controls bear on, in the order of the drop-down.
TARGET_CHOICES = (GROWTH_TARGET_ID, NOMINAL_GRDP_INDICATOR, PER_CAPITA_INDICATOR)
#: Targets shown in the panel of other paths (they do not depend on the controls).
OTHER_TARGETS = ("export_import_growth_pct_per_year", "tourist_arrivals", "forest_cover_pct")
#: Export–import turnover level series (only partial-year values exist).
EXPORT_IMPORT_LEVEL_INDICATOR = "export_import_turnover_mn_usd"

#: Flat real GRDP growth the explorer starts from, % a year (the middle scenario).
DEFAULT_FLAT_GROWTH_PCT = 10.0
#: Range and step of the growth sliders, % a year.
GROWTH_SLIDER_PCT = (-5.0, 20.0, 0.1)
#: Range and step of the deflator slider, % a year.
DEFLATOR_SLIDER_PCT = (-2.0, 10.0, 0.1)
#: Range and step of the population-growth slider, % a year.
POPULATION_SLIDER_PCT = (-1.0, 4.0, 0.05)
#: Figure size (inches) and resolution (dots per inch) of the live chart.
FIGURE_SIZE_IN = (7.6, 4.3)
FIGURE_DPI = 96
#: Share of the y-range left free above and below the lines.
Y_MARGIN_SHARE = 0.06
#: zlib level of the live chart's PNG (1: fastest; the image never leaves the machine).
PNG_COMPRESS_LEVEL = 1
#: First year drawn in the panel of other targets.
OTHER_FIRST_YEAR = 2015
#: Room above the highest actual or target in the panel of other targets (a factor).
OTHER_Y_HEADROOM = 1.6
#: Figure size of the panel of other targets.
OTHER_FIGURE_SIZE_IN = (11.0, 3.6)
#: Languages the numbers can be shown in (labels are always bilingual).
LANGUAGES = ("vi", "en")

_MODE_FLAT, _MODE_BY_YEAR = "flat", "by_year"
_SLUG_STRIP = re.compile(r"[^a-z0-9]+")


# ---------------------------------------------------------------------------------------------
# cached inputs


@lru_cache(maxsize=8)
def _cached_dataset(targets_path: str, actuals_path: str) -> Dataset:
    """The validated dataset, loaded once per pair of files in a kernel."""
    return load_dataset(targets_path, actuals_path)


def load_default_dataset(targets_path=None, actuals_path=None) -> Dataset:
    """Load (once per kernel) the dataset the explorer works on; defaults: the shipped files."""
    return _cached_dataset(str(targets_path or DEFAULT_TARGETS),
                           str(actuals_path or DEFAULT_ACTUALS))


def scenario_slug(name: str) -> str:
    """Scenario id for a free-text name: ``"Phục hồi thủy điện"`` → ``"phuc-hoi-thuy-dien"``."""
    text = name.strip().lower().replace("đ", "d")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SLUG_STRIP.sub("-", text).strip("-")


class Explorer:
    """Widgets to try GRDP growth assumptions against the 26-CTr/TU targets.

    Parameters
    ----------
    dataset : analysis.data.loaders.Dataset, optional
        The validated data; default the shipped files (loaded once per kernel).
    scenarios_file : path-like, optional
        Custom-scenario YAML the save button writes; default
        :data:`analysis.DEFAULT_SCENARIOS`.
    year : int, optional
        Assessment year (actuals up to this year); default the latest with an annual actual.
    flat_growth_pct, deflator_pct, population_growth_pct : float, optional
        Starting values of the controls, % a year. Population growth defaults to the
        log-linear trend of the population actuals (:func:`analysis.engine.consistency.population_trend`).
    target_id : str
        Target looked at first, one of :data:`TARGET_CHOICES`.
    scenario_rates_pct : tuple of float
        Constant-growth scenarios compared, % a year.
    lang : {"vi", "en"}
        Language of the numbers (``63.600`` or ``63,600``); labels are bilingual.

    Attributes
    ----------
    widgets : dict of str to ipywidgets.Widget
        The controls, by name (``mode``, ``flat_growth_pct``, ``year_growth_pct`` (a dict by
        year), ``deflator_pct``, ``population_growth_pct``, ``target``, ``scenario_name``,
        ``scenario_label_en``, ``save``) and the output widgets (``chart``, ``numbers``,
        ``others``, ``save_status``).
    outputs : dict
        The values shown, recomputed by :meth:`update` (keys in the method's docstring).
    view : ipywidgets.Box
        The whole explorer; displaying the Explorer displays it.
    """

    def __init__(
        self,
        dataset: Dataset | None = None,
        *,
        scenarios_file=None,
        year: int | None = None,
        flat_growth_pct: float = DEFAULT_FLAT_GROWTH_PCT,
        deflator_pct: float = DEFAULT_DEFLATOR_PCT,
        population_growth_pct: float | None = None,
        target_id: str = GROWTH_TARGET_ID,
        scenario_rates_pct: tuple[float, ...] = DEFAULT_SCENARIO_RATES_PCT,
        lang: str = "vi",
    ):
        if lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {LANGUAGES}, not {lang!r}")
        if target_id not in TARGET_CHOICES:
            raise ValueError(f"target_id must be one of {TARGET_CHOICES}, not {target_id!r}")
        self.dataset = dataset if dataset is not None else load_default_dataset()
        self.scenarios_file = Path(scenarios_file) if scenarios_file else DEFAULT_SCENARIOS
        self.lang = lang
        self.scenario_rates_pct = tuple(float(r) for r in scenario_rates_pct)
        self._prepare(year)
        if population_growth_pct is None:
            population_growth_pct = self.population_trend_pct
        self.outputs: dict = {}
        self._updating = False
        self._build_widgets(flat_growth_pct, deflator_pct, population_growth_pct, target_id)
        self._build_chart()
        self._build_others()
        self.view = self._layout()
        self.update()

    # -----------------------------------------------------------------------------------------
    # inputs computed once

    def _prepare(self, year: int | None) -> None:
        """Run the assessment once and build the model an update recomputes."""
        ds = self.dataset
        self.assessment = assess(ds, year=year, scenarios=self.scenario_rates_pct)
        targets = ds.targets.set_index("target_id")
        self._targets = targets
        self.nominal_target_bn_vnd = float(targets.loc[NOMINAL_GRDP_INDICATOR, "value"])
        self.per_capita_target_mn_vnd = float(targets.loc[PER_CAPITA_INDICATOR, "value"])
        self.model = GrowthModel(self.assessment, GROWTH_TARGET_ID,
                                 {NOMINAL_GRDP_INDICATOR: self.nominal_target_bn_vnd,
                                  PER_CAPITA_INDICATOR: self.per_capita_target_mn_vnd},
                                 self.scenario_rates_pct)
        m = self.model
        for name in ("base_year", "base_index", "latest_year", "latest_index", "target_year",
                     "years", "horizon_years", "actual_index", "current_pace_index",
                     "scenario_index", "scenario_level", "required_by_scenario_pct", "drift",
                     "population_trend_pct"):
            setattr(self, name, getattr(m, name))

    # -----------------------------------------------------------------------------------------
    # widgets

    def _slider(self, value, spec, css_class, description=""):
        low, high, step = spec
        w = widgets.FloatSlider(
            value=float(value), min=low, max=high, step=step, description=description,
            continuous_update=False, readout=True, readout_format=".2f",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%"),
        )
        w.add_class(css_class)
        return w

    def _build_widgets(self, flat, deflator, population, target_id) -> None:
        w: dict = {}
        w["mode"] = widgets.ToggleButtons(
            options=[("Một mức · flat", _MODE_FLAT), ("Từng năm · by year", _MODE_BY_YEAR)],
            value=_MODE_FLAT,
            style={"button_width": "140px"},
        )
        w["mode"].add_class("explorer-mode")
        w["flat_growth_pct"] = self._slider(flat, GROWTH_SLIDER_PCT, "explorer-flat-growth")
        w["year_growth_pct"] = {
            y: self._slider(flat, GROWTH_SLIDER_PCT, f"explorer-growth-{y}", str(y))
            for y in self.years
        }
        w["deflator_pct"] = self._slider(deflator, DEFLATOR_SLIDER_PCT, "explorer-deflator")
        w["population_growth_pct"] = self._slider(population, POPULATION_SLIDER_PCT,
                                                  "explorer-population")
        w["target"] = widgets.Dropdown(
            options=[(self._target_label(t), t) for t in TARGET_CHOICES],
            value=target_id, layout=widgets.Layout(width="100%"),
        )
        w["target"].add_class("explorer-target")
        w["scenario_name"] = widgets.Text(
            placeholder="Tên kịch bản · scenario name", layout=widgets.Layout(width="100%"))
        w["scenario_name"].add_class("explorer-scenario-name")
        w["scenario_label_en"] = widgets.Text(
            placeholder="English label (optional)", layout=widgets.Layout(width="100%"))
        w["save"] = widgets.Button(description="Lưu kịch bản · Save scenario",
                                   icon="save", layout=widgets.Layout(width="100%"))
        w["save"].add_class("explorer-save")
        w["save_status"] = widgets.HTML()
        w["save_status"].add_class("explorer-save-status")
        w["numbers"] = widgets.HTML()
        w["numbers"].add_class("explorer-numbers")
        w["chart"] = widgets.Image(format="png", layout=widgets.Layout(width="100%",
                                                                       max_width="760px"))
        w["chart"].add_class("explorer-chart")
        w["others"] = widgets.Image(format="png", layout=widgets.Layout(width="100%",
                                                                        max_width="1100px"))
        w["others_note"] = widgets.HTML()
        self.widgets = w
        for name in ("mode", "flat_growth_pct", "deflator_pct", "population_growth_pct", "target"):
            w[name].observe(self._on_change, names="value")
        for slider in w["year_growth_pct"].values():
            slider.observe(self._on_change, names="value")
        w["save"].on_click(self._on_save)

    def _target_label(self, target_id: str) -> str:
        t = self._targets.loc[target_id]
        return f"{t['name_vi']} · {t['name_en']}"

    def _layout(self) -> widgets.Box:
        w = self.widgets
        self._year_box = widgets.VBox(list(w["year_growth_pct"].values()))
        self._flat_box = widgets.VBox([w["flat_growth_pct"]])
        controls = widgets.VBox(
            [
                widgets.HTML(f"<b>Tăng trưởng GRDP thực {self.years[0]}–{self.target_year}</b>"
                             f" · real GRDP growth (%/năm · %/yr)"),
                w["mode"], self._flat_box, self._year_box,
                widgets.HTML("<b>Chỉ số giảm phát GRDP</b> · GRDP deflator, bình quân · average "
                             f"{self.base_year + 1}–{self.target_year} (%/năm · %/yr)"),
                w["deflator_pct"],
                widgets.HTML("<b>Tăng dân số</b> · population growth (%/năm · %/yr)"),
                w["population_growth_pct"],
                widgets.HTML("<b>Mục tiêu xem</b> · target"),
                w["target"],
                widgets.HTML("<hr><b>Lưu kịch bản cho báo cáo</b> · save for the report"),
                w["scenario_name"], w["scenario_label_en"], w["save"], w["save_status"],
            ],
            layout=widgets.Layout(width="340px", min_width="300px", padding="0 12px 0 0"),
        )
        results = widgets.VBox([w["chart"], w["numbers"]],
                               layout=widgets.Layout(flex="1 1 480px", min_width="420px"))
        head = widgets.HTML(
            f"<p style='margin:2px 0 8px 0'>Lai Châu, Chương trình hành động 26-CTr/TU. Số liệu "
            f"thực tế đến năm {self.latest_year} · actuals to {self.latest_year}.</p>")
        others = widgets.VBox([
            widgets.HTML("<h4 style='margin:8px 0 0 0'>Các mục tiêu khác · other targets "
                         "(không phụ thuộc các giả định trên · independent of the controls)</h4>"),
            w["others"], w["others_note"],
        ])
        box = widgets.VBox([head, widgets.HBox([controls, results],
                                               layout=widgets.Layout(flex_flow="row wrap")),
                            others])
        box.add_class("explorer")
        self._show_mode()
        return box

    def _repr_mimebundle_(self, **kwargs):
        """Display the explorer's widgets (the last expression of a notebook cell)."""
        return self.view._repr_mimebundle_(**kwargs)

    # -----------------------------------------------------------------------------------------
    # the assumed path

    @property
    def growth_by_year(self) -> dict[int, float]:
        """Assumed real GRDP growth, % a year, for each year after the latest actual to T."""
        w = self.widgets
        if w["mode"].value == _MODE_FLAT:
            g = float(w["flat_growth_pct"].value)
            return {y: g for y in self.years}
        return {y: float(s.value) for y, s in w["year_growth_pct"].items()}

    def set_growth(self, growth_pct: float | Mapping[int, float]) -> None:
        """Set the controls to a flat rate (a number) or to rates by year (a mapping); update."""
        w = self.widgets
        with self._batch():
            if isinstance(growth_pct, Mapping):
                w["mode"].value = _MODE_BY_YEAR
                for y, g in growth_pct.items():
                    w["year_growth_pct"][int(y)].value = float(g)
            else:
                w["mode"].value = _MODE_FLAT
                w["flat_growth_pct"].value = float(growth_pct)
        self.update()

    def _batch(self):
        explorer = self

        class _Batch:
            def __enter__(self):
                explorer._updating = True

            def __exit__(self, *exc):
                explorer._updating = False

        return _Batch()

    def _show_mode(self) -> None:
        by_year = self.widgets["mode"].value == _MODE_BY_YEAR
        self._year_box.layout.display = None if by_year else "none"
        self._flat_box.layout.display = "none" if by_year else None

    def _on_change(self, change) -> None:
        if change["owner"] is self.widgets["mode"]:
            self._show_mode()
            sliders = list(self.widgets["year_growth_pct"].values())
            if change["new"] == _MODE_BY_YEAR and len({s.value for s in sliders}) <= 1:
                with self._batch():  # untouched year sliders start at the flat rate
                    for s in sliders:
                        s.value = self.widgets["flat_growth_pct"].value
        if not self._updating:
            self.update()

    # -----------------------------------------------------------------------------------------
    # computing

    def compute(self) -> dict:
        """All output values for the current controls (:meth:`GrowthModel.compute`)."""
        w = self.widgets
        return self.model.compute(self.growth_by_year, float(w["deflator_pct"].value),
                                  float(w["population_growth_pct"].value), w["target"].value)

    def update(self) -> dict:
        """Recompute :attr:`outputs` from the controls and refresh the chart and numbers."""
        self.outputs = self.compute()
        self._update_chart()
        self.widgets["numbers"].value = self._numbers_html()
        return self.outputs

    # -----------------------------------------------------------------------------------------
    # chart (built once, artists updated)

    def _build_chart(self) -> None:
        fig = Figure(figsize=FIGURE_SIZE_IN, dpi=FIGURE_DPI, layout="constrained")
        self._canvas = FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        years = np.arange(self.base_year, self.target_year + 1)
        ax.set_xlim(self.base_year - 0.3, self.target_year + 0.3)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xticks(years)
        ax.set_xlabel("Năm · year")
        ax.set_ylabel(f"GRDP thực, chỉ số ({self.base_year} = 100)\n"
                      f"real GRDP, index ({self.base_year} = 100)")
        ax.grid(True, axis="y", alpha=0.3)
        greys = ("#9e9e9e", "#616161", "#212121")
        for (sid, path), color in zip(self.scenario_index.items(), greys * 3, strict=False):
            rate = self.scenario_rates_pct[list(self.scenario_index).index(sid)]
            ax.plot(path.index, path.to_numpy(), ls="--", lw=1.1, color=color,
                    label=f"{format_number(rate, self.lang, 0)}%/năm · /yr (kịch bản · scenario)")
        if not self.current_pace_index.empty:
            ax.plot(self.current_pace_index.index, self.current_pace_index.to_numpy(), ls=":",
                    lw=1.2, color="#8d6e63", label="Nhịp hiện tại · current pace")
        ax.plot(self.actual_index.index, self.actual_index.to_numpy(), "o-", color="black",
                lw=1.8, ms=4, label="Thực tế · actual", zorder=5)
        x = np.array([self.latest_year, *self.years])
        flat = np.full(len(x), self.latest_index)
        self._outer = ax.fill_between(x, flat, flat, color="#1976d2", alpha=0.12, lw=0,
                                      label="90% (biến động lịch sử · past volatility)")
        self._inner = ax.fill_between(x, flat, flat, color="#1976d2", alpha=0.22, lw=0,
                                      label="50%")
        (self._line,) = ax.plot(x, flat, "o-", color="#1565c0", lw=2.2, ms=4,
                                label="Giả định · assumed", zorder=6)
        self._target_line = ax.axhline(np.nan, color="#c62828", lw=1, ls="-.",
                                       label=f"Mục tiêu · target {self.target_year}")
        ax.legend(loc="upper left", fontsize=7.5, frameon=False)
        self._dynamic = (self._outer, self._inner, self._target_line, self._line)
        for artist in self._dynamic:
            artist.set_animated(True)  # drawn on the cached background, not by canvas.draw()
        self._ax = ax
        self._fig = fig
        self._background = None
        self._fixed_low = float(min(self.actual_index.min(), self.base_index))

    def _update_chart(self) -> None:
        """Move the dynamic artists' data and render: blit on the cached background.

        The static part (axes, ticks, actuals, scenario lines, legend) is drawn once into a
        background; an update restores it and draws the band, the assumed path and the target
        line on top. Only when the new values leave the y-range is the whole figure redrawn.
        """
        o = self.outputs
        path = o["path_index"]
        x = path.index.to_numpy()
        self._line.set_data(x, path.to_numpy())
        band = o["band_index"]
        if band is not None:
            self._outer.set_data(x, band[OUTER_BAND[0]].to_numpy(), band[OUTER_BAND[1]].to_numpy())
            self._inner.set_data(x, band[INNER_BAND[0]].to_numpy(), band[INNER_BAND[1]].to_numpy())
        self._target_line.set_ydata([o["required_index"]] * 2)
        low = band[OUTER_BAND[0]].min() if band is not None else path.min()
        high = band[OUTER_BAND[1]].max() if band is not None else path.max()
        high = max(high, o["required_index"])
        bottom, top = self._ax.get_ylim()
        if self._background is None or low < bottom or high > top:
            self._rescale(low, high)
        self._canvas.restore_region(self._background)
        for artist in self._dynamic:
            self._ax.draw_artist(artist)
        self.widgets["chart"].value = self._encode(self._canvas)

    def _rescale(self, low: float, high: float) -> None:
        """Set the y-range to hold the static lines and ``low..high``; redraw the background."""
        top = max(high, max(p.max() for p in self.scenario_index.values()))
        bottom = min(low, self._fixed_low)
        pad = Y_MARGIN_SHARE * (top - bottom)
        self._ax.set_ylim(bottom - pad, top + pad)
        self._canvas.draw()
        self._background = self._canvas.copy_from_bbox(self._fig.bbox)

    @staticmethod
    def _encode(canvas: FigureCanvasAgg) -> bytes:
        """PNG bytes of what the canvas holds now (no redraw)."""
        buffer = io.BytesIO()
        Image.fromarray(np.asarray(canvas.buffer_rgba())).save(
            buffer, format="png", compress_level=PNG_COMPRESS_LEVEL)
        return buffer.getvalue()

    @staticmethod
    def _png(canvas: FigureCanvasAgg) -> bytes:
        buffer = io.BytesIO()
        canvas.print_png(buffer)
        return buffer.getvalue()

    # -----------------------------------------------------------------------------------------
    # numbers

    def _numbers_html(self) -> str:
        o, lang = self.outputs, self.lang

        def pct(x, d=2):
            return format_percent(x, lang, d)

        def prob(p):
            return MISSING if p is None or np.isnan(p) else format_percent(100 * p, lang, 0)

        def val(key, text):
            return f"<span class='explorer-value' data-key='{key}'>{html.escape(text)}</span>"

        t = self._targets.loc[o["target_id"]]
        rates = ", ".join(
            f"{format_number(r, lang, 0)}%: "
            f"{val('required_' + sid, pct(o['required_by_scenario_pct'][sid]))}"
            for sid, r in zip(self.scenario_level, self.scenario_rates_pct, strict=True))
        probabilities = ", ".join(
            f"{format_number(r, lang, 0)}%: "
            f"{val('probability_' + sid, prob(o['probability_by_scenario'][sid]))}"
            for sid, r in zip(self.scenario_level, self.scenario_rates_pct, strict=True))
        T, t0 = self.target_year, self.latest_year
        rows = [
            ("Tăng trưởng giả định bình quân", "assumed average growth",
             f"{t0 + 1}–{T}", val("assumed_average_growth_pct",
                                  pct(o["assumed_average_growth_pct"])) + " /năm · /yr"),
            ("Bình quân cả giai đoạn", "average over the whole period",
             f"{self.base_year + 1}–{T}", val("implied_average_pct",
                                             pct(o["implied_average_pct"])) + " /năm · /yr"),
            ("Tăng trưởng còn cần", "growth still required",
             html.escape(f"{t['name_vi']} · {t['name_en']}"),
             val("required_growth_pct", pct(o["required_growth_pct"])) + " /năm · /yr "
             + "(" + val("gap_pp", format_pp(o["gap_pp"], lang, 2)) + " so với giả định · "
             "assumed minus required)"),
            ("Còn cần, theo kịch bản", "still required, by scenario", "", rates),
            ("Xác suất đạt (giả định + biến động)", "probability of meeting "
             "(assumed path + past volatility)", f"GRDP {T}", probabilities + "; mục tiêu · "
             "target: " + val("probability_target", prob(o["probability_target"]))),
            ("GRDP danh nghĩa", "nominal GRDP", f"{T}",
             val("nominal_grdp_target_year_bn_vnd",
                 format_number(o["nominal_grdp_target_year_bn_vnd"], lang, 0))
             + " tỷ đồng · bn VND (mục tiêu · target "
             + format_number(self.nominal_target_bn_vnd, lang, 0) + ")"),
            ("GRDP bình quân đầu người", "GRDP per capita", f"{T}",
             val("grdp_per_capita_target_year_mn_vnd",
                 format_number(o["grdp_per_capita_target_year_mn_vnd"], lang, 1))
             + " triệu đồng/người · mn VND/person (mục tiêu · target "
             + format_number(self.per_capita_target_mn_vnd, lang, 1) + "; dân số · population "
             + format_number(o["population_target_year_persons"], lang, 0) + ")"),
        ]
        body = "".join(
            f"<tr><td style='padding:2px 8px 2px 0'><b>{vi}</b><br><small>{en}</small></td>"
            f"<td style='padding:2px 8px'>{when}</td><td style='padding:2px 0'>{value}</td></tr>"
            for vi, en, when, value in rows)
        anchors = o["levels"].anchors

        def since(indicator: str) -> str:
            a = anchors.get(indicator)
            return str(a.year) if a else MISSING

        note = (
            f"<small>Mỗi mức năm {T} tính từ số liệu cả năm gần nhất của chính nó · each {T} "
            f"level starts from its own latest annual actual: GRDP giá hiện hành · at current "
            f"prices {since(NOMINAL_GRDP_INDICATOR)}, GRDP bình quân đầu người · per capita "
            f"{since(PER_CAPITA_INDICATOR)}, dân số · population "
            f"{since(POPULATION_INDICATOR)}; × chỉ số thực · real index × giảm phát · deflator."
            " Dải: biến động lịch sử quanh đường giả định; số liệu tỉnh được làm trơn nên dải "
            "vẫn hẹp hơn thực tế · band: past volatility around the assumed path; provincial "
            "series are smoothed, so it still understates the uncertainty.</small>")
        return f"<table style='border-collapse:collapse'>{body}</table>{note}"

    # -----------------------------------------------------------------------------------------
    # other targets (static)

    def _build_others(self) -> None:
        fig = Figure(figsize=OTHER_FIGURE_SIZE_IN, dpi=FIGURE_DPI, layout="constrained")
        canvas = FigureCanvasAgg(fig)
        axes = fig.subplots(1, 3)
        notes = []
        for ax, target_id in zip(axes, OTHER_TARGETS, strict=True):
            notes.append(self._draw_other(ax, target_id))
        self.widgets["others"].value = self._png(canvas)
        self.widgets["others_note"].value = "".join(n for n in notes if n)

    def _draw_other(self, ax, target_id: str) -> str:
        t = self._targets.loc[target_id]
        row = target_row(self.assessment, target_id)
        ax.set_title(f"{t['name_vi']}\n{t['name_en']}", fontsize=9)
        ax.set_xlabel("Năm · year", fontsize=8)
        ax.tick_params(labelsize=7.5)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(True, axis="y", alpha=0.3)
        if target_id == "export_import_growth_pct_per_year":
            return self._draw_export_import(ax, t, row)
        unit_label = {"arrivals": ("triệu lượt · million arrivals", 1e-6),
                      "pct": ("% diện tích · % of land area", 1.0)}
        label, scale = unit_label.get(t["unit"], (t["unit"], 1.0))
        ax.set_ylabel(label, fontsize=8)
        for kind, style in (("actual", dict(marker="o", color="black", lw=1.6, ms=4,
                                            label="Thực tế · actual")),
                            ("required", dict(color="#c62828", ls="-.", lw=1.2,
                                              label="Cần · required"))):
            s = path_of(self.assessment, target_id, kind,
                       None if kind == "actual" else TARGET_SCENARIO)
            if not s.empty:
                ax.plot(s.index, s.to_numpy() * scale, **style)
        s = path_of(self.assessment, target_id, "current_pace")
        if not s.empty:
            ax.plot(s.index, s.to_numpy() * scale, ls=":", color="#8d6e63", lw=1.2,
                    label="Nhịp hiện tại · current pace")
        ax.plot([self.target_year], [float(row["target_value"]) * scale], marker="*", ms=11,
                color="#c62828", ls="none", label="Mục tiêu · target")
        ax.legend(fontsize=6.5, frameon=False, loc="upper left")
        ax.set_xlim(OTHER_FIRST_YEAR - 0.5, self.target_year + 0.5)
        actual = path_of(self.assessment, target_id, "actual")
        if t["unit"] == "arrivals":  # the current pace from a post-COVID base runs off the chart
            top = max(float(actual.max()), float(row["target_value"])) * scale
            ax.set_ylim(0, OTHER_Y_HEADROOM * top)
        return ""

    def _draw_export_import(self, ax, t, row) -> str:
        """Only partial-year values exist: show them as such and say what is missing."""
        actuals = self.dataset.actuals
        rows = actuals[(actuals["indicator_id"] == EXPORT_IMPORT_LEVEL_INDICATOR)]
        rows = rows[rows["year"] <= (self.assessment.year or self.target_year)]
        ax.set_ylabel("triệu USD · million USD", fontsize=8)
        for r in rows.itertuples():
            months = int(r.months)
            ax.plot([int(r.year)], [float(r.value)], marker="o", mfc="white", color="#6a1b9a",
                    ls="none")
            ax.annotate(f"{months} tháng · {months} months", (int(r.year), float(r.value)),
                        textcoords="offset points", xytext=(4, 6), fontsize=7)
        ax.set_title(f"{t['name_vi']}\n{t['name_en']}\n(kim ngạch, một phần năm · turnover, "
                     "part-year)", fontsize=9)
        ax.set_xlim(self.base_year - 0.5, self.target_year + 0.5)
        ax.set_ylim(0, OTHER_Y_HEADROOM * float(rows["value"].max()) if not rows.empty else 1)
        ax.text(0.5, 0.2, "Không có số liệu cả năm\nno full-year data", transform=ax.transAxes,
                ha="center", va="center", fontsize=10, color="#6a1b9a", alpha=0.8)
        return (
            "<p class='explorer-gap'><b>Xuất nhập khẩu:</b> chỉ có số liệu một phần năm "
            "(9 tháng 2023, 10 tháng 2025); chưa đánh giá được mục tiêu tăng "
            f"{format_number(float(t['value']), self.lang, 0)}%/năm. Cần: kim ngạch cả năm "
            f"{self.base_year} và từng năm sau đó. · <b>Export–import:</b> only part-year "
            "values exist (9 months of 2023, 10 months of 2025); the "
            f"{format_number(float(t['value']), 'en', 0)} %/yr target cannot be assessed. "
            f"Needed: full-year turnover for {self.base_year} and each year since.</p>"
        ) if row["progress_class"] == "no_data" else ""

    # -----------------------------------------------------------------------------------------
    # saving

    def save(self, name: str, label_en: str | None = None, path=None) -> CustomScenario:
        """Write the current growth path as a named custom scenario to the scenario YAML.

        Parameters
        ----------
        name : str
            Free-text name; it becomes the Vietnamese label, and its ASCII slug
            (:func:`scenario_slug`) the scenario id.
        label_en : str, optional
            English label; default the name.
        path : path-like, optional
            Scenario file; default :attr:`scenarios_file`.

        Returns
        -------
        analysis.data.scenarios.CustomScenario

        Raises
        ------
        ValueError
            If the name is empty or has no letter or digit.
        analysis.errors.InputError
            If the scenario or the existing file is invalid (the file is left unchanged).
        """
        slug = scenario_slug(name or "")
        if not slug:
            raise ValueError("give the scenario a name (letters or digits)")
        o = self.outputs
        note = (
            "Lưu từ công cụ khám phá kịch bản · saved from the scenario explorer; giả định khác "
            f"· other assumptions: giảm phát · deflator {o['deflator_pct']:.2f} %/yr, dân số · "
            f"population {o['population_growth_pct']:.2f} %/yr."
        )
        return save_scenario(
            Path(path) if path else self.scenarios_file, slug, self.growth_by_year,
            {"vi": name.strip(), "en": (label_en or "").strip() or name.strip()},
            indicator_id=GROWTH_INDICATOR, note=note, target_year=self.target_year,
        )

    def _on_save(self, _button) -> None:
        w = self.widgets
        try:
            scenario = self.save(w["scenario_name"].value, w["scenario_label_en"].value)
        except (ValueError, InputError) as exc:
            w["save_status"].value = (f"<span style='color:#c62828'>Chưa lưu · not saved: "
                                      f"{html.escape(str(exc))}</span>")
            return
        w["save_status"].value = (
            f"<span class='explorer-saved'>Đã lưu · saved <code>{scenario.name}</code> → "
            f"<code>{html.escape(str(self.scenarios_file))}</code></span>")
