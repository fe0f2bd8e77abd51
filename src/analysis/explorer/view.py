"""The scenario explorer's view: widgets, the live charts and the numbers, in Jupyter.

Every number comes from :mod:`analysis.explorer.model` (the same functions as the report,
``docs/methods.md`` §4–6); this module only draws, in the language chosen (the texts come from
the translation table, ``translations/explorer.yaml``). Two panels:

- **The growth target** (when the programme has one): real growth for each remaining year after
  the latest annual actual *t* up to the target year *T*, or one flat rate; the growth of the
  GRDP deflator (no deflator is published, so this is an assumption); population growth; and
  the target looked at (the growth target, or a level target at current prices).
- **Any target**: pick a target of the programme, set an assumed pace from its latest value,
  and see the path to the target year, the value reached and whether it meets the target.

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
from functools import lru_cache
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from PIL import Image

from analysis import DEFAULT_SCENARIOS
from analysis.data.loaders import Dataset, load_programme_data
from analysis.data.numbers import MISSING, format_number, format_percent, format_pp
from analysis.data.scenarios import CustomScenario, save_scenario
from analysis.engine.assess import TARGET_SCENARIO, assess
from analysis.engine.derived import DEFAULT_DEFLATOR_PCT
from analysis.errors import InputError
from analysis.explorer.model import (
    INNER_BAND,
    OUTER_BAND,
    GrowthModel,
    path_of,
    target_path,
    target_row,
)
from analysis.i18n import t as translate
from analysis.programme import LANGUAGES, Programme, load_programme
from analysis.roles import GRDP_NOMINAL, GRDP_PER_CAPITA, POPULATION, IndicatorRoles

# ---------------------------------------------------------------------------------------------
# named choices

#: Flat real growth the explorer starts from, % a year.
DEFAULT_FLAT_GROWTH_PCT = 10.0
#: Range and step of the growth sliders, % a year.
GROWTH_SLIDER_PCT = (-5.0, 20.0, 0.1)
#: Range and step of the deflator slider, % a year.
DEFLATOR_SLIDER_PCT = (-2.0, 10.0, 0.1)
#: Range and step of the population-growth slider, % a year.
POPULATION_SLIDER_PCT = (-1.0, 4.0, 0.05)
#: Range of the pace slider of the any-target panel, as multiples of the larger of the observed
#: and the required pace (both directions), and its number of steps.
PACE_SLIDER_SPAN = 3.0
PACE_SLIDER_STEPS = 300
#: Figure size (inches) and resolution (dots per inch) of the live charts.
FIGURE_SIZE_IN = (7.6, 4.3)
TARGET_FIGURE_SIZE_IN = (7.6, 3.6)
FIGURE_DPI = 96
#: Share of the y-range left free above and below the lines.
Y_MARGIN_SHARE = 0.06
#: zlib level of the live chart's PNG (1: fastest; the image never leaves the machine).
PNG_COMPRESS_LEVEL = 1
#: First years drawn before the base year in the any-target panel.
HISTORY_YEARS_SHOWN = 5

_MODE_FLAT, _MODE_BY_YEAR = "flat", "by_year"
_SLUG_STRIP = re.compile(r"[^a-z0-9]+")


# ---------------------------------------------------------------------------------------------
# cached inputs


@lru_cache(maxsize=8)
def _cached_dataset(programme_id: str, actuals_path: str) -> tuple[Programme, Dataset]:
    """The programme and its validated data, loaded once per kernel."""
    programme = load_programme(programme_id)
    return programme, load_programme_data(programme, actuals_path or None)


def load_default_dataset(programme=None, actuals_path=None) -> Dataset:
    """Load (once per kernel) the data the explorer works on: the programme's."""
    return _cached_dataset(str(programme or ""), str(actuals_path or ""))[1]


def scenario_slug(name: str) -> str:
    """Scenario id for a free-text name: ``"Phục hồi thủy điện"`` → ``"phuc-hoi-thuy-dien"``."""
    text = name.strip().lower().replace("đ", "d")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SLUG_STRIP.sub("-", text).strip("-")


def _level_targets(targets: pd.DataFrame, roles: IndicatorRoles) -> dict[str, str]:
    """``{role: target_id}`` of the level targets at current prices the controls bear on: the
    targets measured by the province's GRDP at current prices and GRDP per capita.
    """
    out = {}
    for role in (GRDP_NOMINAL, GRDP_PER_CAPITA):
        ind = getattr(roles, role)
        hit = targets[(targets["indicator_id"] == ind) & (targets["kind"] == "level")]
        if ind and not hit.empty:
            out[role] = str(hit["target_id"].iloc[0])
    return out


class Explorer:
    """Widgets to try assumptions against the targets of a programme.

    Parameters
    ----------
    dataset : analysis.data.loaders.Dataset, optional
        The validated data; default the programme's (loaded once per kernel).
    programme : str or Programme, optional
        A shipped programme id or a folder; default the default programme.
    scenarios_file : path-like, optional
        Custom-scenario YAML the save button writes; default
        :data:`analysis.DEFAULT_SCENARIOS`.
    year : int, optional
        Assessment year (actuals up to this year); default the latest with an annual actual.
    flat_growth_pct, deflator_pct, population_growth_pct : float, optional
        Starting values of the controls, % a year. Population growth defaults to the
        log-linear trend of the population actuals.
    target_id : str, optional
        Target looked at first in the growth panel (the growth target, or a level target at
        current prices); default the growth target.
    scenario_rates_pct : tuple of float, optional
        Constant-growth scenarios compared; default the programme's (the growth target's low,
        mid and high).
    lang : {"vi", "en"}
        Language of the texts and numbers.

    Attributes
    ----------
    widgets : dict of str to ipywidgets.Widget
        The controls and outputs by name (``mode``, ``flat_growth_pct``, ``year_growth_pct`` (a
        dict by year), ``deflator_pct``, ``population_growth_pct``, ``target``,
        ``scenario_name``, ``scenario_label_en``, ``save``, ``chart``, ``numbers``,
        ``save_status``; ``any_target``, ``any_pace``, ``any_chart``, ``any_numbers``).
    outputs : dict
        The values of the growth panel, recomputed by :meth:`update`.
    any_outputs : dict
        The values of the any-target panel, recomputed by :meth:`update_any`.
    view : ipywidgets.Box
        The whole explorer; displaying the Explorer displays it.
    """

    def __init__(
        self,
        dataset: Dataset | None = None,
        *,
        programme=None,
        scenarios_file=None,
        year: int | None = None,
        flat_growth_pct: float = DEFAULT_FLAT_GROWTH_PCT,
        deflator_pct: float = DEFAULT_DEFLATOR_PCT,
        population_growth_pct: float | None = None,
        target_id: str | None = None,
        scenario_rates_pct: tuple[float, ...] | None = None,
        lang: str = "vi",
    ):
        if lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {LANGUAGES}, not {lang!r}")
        self.programme = (programme if isinstance(programme, Programme)
                          else load_programme(programme))
        self.dataset = dataset if dataset is not None else _cached_dataset(
            str(self.programme.folder), "")[1]
        self.scenarios_file = Path(scenarios_file) if scenarios_file else DEFAULT_SCENARIOS
        self.lang = lang
        rates = scenario_rates_pct or self.programme.scenario_rates_pct
        self.assessment = assess(self.dataset, year=year,
                                 scenarios=tuple(float(r) for r in rates) if rates else None,
                                 base_year=self.programme.base_year,
                                 params=self.programme.assessment)
        self._targets = self.dataset.targets.set_index("target_id")
        self.outputs: dict = {}
        self.any_outputs: dict = {}
        self._updating = False
        self.widgets: dict = {}
        self.model: GrowthModel | None = None
        growth = self.programme.growth_target
        if growth and not pd.isna(target_row(self.assessment, growth)["latest_year"]):
            self._prepare_growth(growth)
            if population_growth_pct is None:
                population_growth_pct = self.population_trend_pct
            self._build_widgets(flat_growth_pct, deflator_pct, population_growth_pct,
                                target_id or growth)
            self._build_chart()
        self._build_any_target()
        self.view = self._layout()
        if self.model is not None:
            self.update()
        self.update_any()

    def t(self, key: str, /, **values) -> str:
        """A text of the translation table in the explorer's language."""
        return translate(key, self.lang, **{**self.programme.placeholders(self.lang), **values})

    # -----------------------------------------------------------------------------------------
    # inputs computed once

    def _prepare_growth(self, growth_id: str) -> None:
        """Build the growth model an update recomputes."""
        self._level_ids = _level_targets(self.dataset.targets, self.assessment.roles)
        levels = {ind: float(self._targets.loc[tid, "value"])
                  for ind, tid in self._level_ids.items()}
        rows = self.assessment.summary
        rates = rows[(rows["target_id"] == growth_id) & rows["scenario_rate_pct"].notna()
                     & (rows["scenario"] != TARGET_SCENARIO)]["scenario_rate_pct"]
        self.scenario_rates_pct = tuple(float(r) for r in rates)
        self.model = GrowthModel(self.assessment, growth_id, levels, self.scenario_rates_pct)
        m = self.model
        for name in ("base_year", "base_index", "latest_year", "latest_index", "target_year",
                     "years", "horizon_years", "actual_index", "current_pace_index",
                     "scenario_index", "scenario_level", "required_by_scenario_pct", "drift",
                     "population_trend_pct"):
            setattr(self, name, getattr(m, name))
        self.growth_id = growth_id
        #: What the model knows the selected growth-panel target by: the growth target's id, or
        #: the role of a level target's indicator.
        self._choice_indicator = {growth_id: growth_id,
                                  **{tid: role for role, tid in self._level_ids.items()}}

    # -----------------------------------------------------------------------------------------
    # widgets

    def _slider(self, value, spec, css_class, description=""):
        low, high, step = spec
        w = widgets.FloatSlider(
            value=float(value), min=low, max=high, step=step, description=description,
            continuous_update=False, readout=True, readout_format=".2f",
            style={"description_width": "initial"}, layout=widgets.Layout(width="100%"))
        w.add_class(css_class)
        return w

    def _target_label(self, target_id: str) -> str:
        return str(self._targets.loc[target_id, f"name_{self.lang}"])

    def _build_widgets(self, flat, deflator, population, target_id) -> None:
        choices = [self.growth_id, *self._level_ids.values()]
        if target_id not in choices:
            raise ValueError(f"target_id must be one of {tuple(choices)}, not {target_id!r}")
        w = self.widgets
        w["mode"] = widgets.ToggleButtons(
            options=[(self.t("explorer.mode.flat"), _MODE_FLAT),
                     (self.t("explorer.mode.by_year"), _MODE_BY_YEAR)],
            value=_MODE_FLAT, style={"button_width": "140px"})
        w["mode"].add_class("explorer-mode")
        w["flat_growth_pct"] = self._slider(flat, GROWTH_SLIDER_PCT, "explorer-flat-growth")
        w["year_growth_pct"] = {
            y: self._slider(flat, GROWTH_SLIDER_PCT, f"explorer-growth-{y}", str(y))
            for y in self.years}
        w["deflator_pct"] = self._slider(deflator, DEFLATOR_SLIDER_PCT, "explorer-deflator")
        w["population_growth_pct"] = self._slider(population, POPULATION_SLIDER_PCT,
                                                  "explorer-population")
        w["target"] = widgets.Dropdown(options=[(self._target_label(c), c) for c in choices],
                                       value=target_id, layout=widgets.Layout(width="100%"))
        w["target"].add_class("explorer-target")
        w["scenario_name"] = widgets.Text(placeholder=self.t("explorer.save.name"),
                                          layout=widgets.Layout(width="100%"))
        w["scenario_name"].add_class("explorer-scenario-name")
        w["scenario_label_en"] = widgets.Text(placeholder=self.t("explorer.save.label_en"),
                                              layout=widgets.Layout(width="100%"))
        w["save"] = widgets.Button(description=self.t("explorer.save.button"), icon="save",
                                   layout=widgets.Layout(width="100%"))
        w["save"].add_class("explorer-save")
        w["save_status"] = widgets.HTML()
        w["save_status"].add_class("explorer-save-status")
        w["numbers"] = widgets.HTML()
        w["numbers"].add_class("explorer-numbers")
        w["chart"] = widgets.Image(format="png", layout=widgets.Layout(width="100%",
                                                                       max_width="760px"))
        w["chart"].add_class("explorer-chart")
        for name in ("mode", "flat_growth_pct", "deflator_pct", "population_growth_pct", "target"):
            w[name].observe(self._on_change, names="value")
        for slider in w["year_growth_pct"].values():
            slider.observe(self._on_change, names="value")
        w["save"].on_click(self._on_save)

    def _layout(self) -> widgets.Box:
        w = self.widgets
        head = html.escape(self.t("explorer.head"))
        parts = [widgets.HTML(f"<p style='margin:2px 0 8px 0'>{head}</p>")]
        if self.model is not None:
            self._year_box = widgets.VBox(list(w["year_growth_pct"].values()))
            self._flat_box = widgets.VBox([w["flat_growth_pct"]])
            title = self.t("explorer.growth.controls", name=self._target_label(self.growth_id),
                           first=self.years[0], last=self.target_year)
            controls = widgets.VBox(
                [widgets.HTML(f"<b>{html.escape(title)}</b>"),
                 w["mode"], self._flat_box, self._year_box,
                 widgets.HTML(f"<b>{html.escape(self.t('explorer.deflator'))}</b>"),
                 w["deflator_pct"],
                 widgets.HTML(f"<b>{html.escape(self.t('explorer.population'))}</b>"),
                 w["population_growth_pct"],
                 widgets.HTML(f"<b>{html.escape(self.t('explorer.target'))}</b>"), w["target"],
                 widgets.HTML(f"<hr><b>{html.escape(self.t('explorer.save.head'))}</b>"),
                 w["scenario_name"], w["scenario_label_en"], w["save"], w["save_status"]],
                layout=widgets.Layout(width="340px", min_width="300px", padding="0 12px 0 0"))
            results = widgets.VBox([w["chart"], w["numbers"]],
                                   layout=widgets.Layout(flex="1 1 480px", min_width="420px"))
            parts.append(widgets.HBox([controls, results],
                                      layout=widgets.Layout(flex_flow="row wrap")))
            self._show_mode()
        any_controls = widgets.VBox(
            [widgets.HTML(f"<b>{html.escape(self.t('explorer.any.target'))}</b>"),
             w["any_target"],
             widgets.HTML(f"<b>{html.escape(self.t('explorer.any.pace'))}</b>"),
             w["any_pace"], w["any_numbers"]],
            layout=widgets.Layout(width="340px", min_width="300px", padding="0 12px 0 0"))
        parts += [widgets.HTML(f"<h4 style='margin:12px 0 4px 0'>"
                               f"{html.escape(self.t('explorer.any.head'))}</h4>"),
                  widgets.HBox([any_controls, w["any_chart"]],
                               layout=widgets.Layout(flex_flow="row wrap"))]
        box = widgets.VBox(parts)
        box.add_class("explorer")
        return box

    def _repr_mimebundle_(self, **kwargs):
        """Display the explorer's widgets (the last expression of a notebook cell)."""
        return self.view._repr_mimebundle_(**kwargs)

    # -----------------------------------------------------------------------------------------
    # the assumed growth path

    @property
    def growth_by_year(self) -> dict[int, float]:
        """Assumed real growth, % a year, for each year after the latest actual to T."""
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
        """All output values of the growth panel (:meth:`GrowthModel.compute`)."""
        w = self.widgets
        choice = self._choice_indicator[w["target"].value]
        return self.model.compute(self.growth_by_year, float(w["deflator_pct"].value),
                                  float(w["population_growth_pct"].value), choice)

    def update(self) -> dict:
        """Recompute :attr:`outputs` from the controls and refresh the chart and numbers."""
        self.outputs = self.compute()
        self._update_chart()
        self.widgets["numbers"].value = self._numbers_html()
        return self.outputs

    # -----------------------------------------------------------------------------------------
    # growth chart (built once, artists updated)

    def _build_chart(self) -> None:
        fig = Figure(figsize=FIGURE_SIZE_IN, dpi=FIGURE_DPI, layout="constrained")
        self._canvas = FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        years = np.arange(self.base_year, self.target_year + 1)
        ax.set_xlim(self.base_year - 0.3, self.target_year + 0.3)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xticks(years)
        ax.set_xlabel(self.t("explorer.axis.year"))
        ax.set_ylabel(self.t("explorer.axis.index", base=self.base_year))
        ax.grid(True, axis="y", alpha=0.3)
        greys = ("#9e9e9e", "#616161", "#212121")
        for (_sid, path), rate, color in zip(self.scenario_index.items(),
                                            self.scenario_rates_pct, greys * 3, strict=False):
            ax.plot(path.index, path.to_numpy(), ls="--", lw=1.1, color=color,
                    label=self.t("explorer.legend.scenario",
                                 rate=format_number(rate, self.lang, 1 if rate % 1 else 0)))
        if not self.current_pace_index.empty:
            ax.plot(self.current_pace_index.index, self.current_pace_index.to_numpy(), ls=":",
                    lw=1.2, color="#8d6e63", label=self.t("explorer.legend.current"))
        ax.plot(self.actual_index.index, self.actual_index.to_numpy(), "o-", color="black",
                lw=1.8, ms=4, label=self.t("explorer.legend.actual"), zorder=5)
        x = np.array([self.latest_year, *self.years])
        flat = np.full(len(x), self.latest_index)
        self._outer = ax.fill_between(x, flat, flat, color="#1976d2", alpha=0.12, lw=0,
                                      label=self.t("explorer.legend.band90"))
        self._inner = ax.fill_between(x, flat, flat, color="#1976d2", alpha=0.22, lw=0,
                                      label=self.t("explorer.legend.band50"))
        (self._line,) = ax.plot(x, flat, "o-", color="#1565c0", lw=2.2, ms=4,
                                label=self.t("explorer.legend.assumed"), zorder=6)
        self._target_line = ax.axhline(np.nan, color="#c62828", lw=1, ls="-.",
                                       label=self.t("explorer.legend.target",
                                                    year=self.target_year))
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
        top = max([high, *(p.max() for p in self.scenario_index.values())])
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

    # -----------------------------------------------------------------------------------------
    # numbers of the growth panel

    def _numbers_html(self) -> str:
        o, lang = self.outputs, self.lang

        def pct(x, d=2):
            return format_percent(x, lang, d)

        def prob(p):
            return MISSING if p is None or np.isnan(p) else format_percent(100 * p, lang, 0)

        def val(key, text):
            return f"<span class='explorer-value' data-key='{key}'>{html.escape(text)}</span>"

        sids = list(self.scenario_level)
        rates = ", ".join(
            f"{format_number(r, lang, 1 if r % 1 else 0)}%: "
            f"{val('required_' + sid, pct(o['required_by_scenario_pct'][sid]))}"
            for sid, r in zip(sids, self.scenario_rates_pct, strict=True))
        probabilities = ", ".join(
            f"{format_number(r, lang, 1 if r % 1 else 0)}%: "
            f"{val('probability_' + sid, prob(o['probability_by_scenario'][sid]))}"
            for sid, r in zip(sids, self.scenario_rates_pct, strict=True))
        T, t0 = self.target_year, self.latest_year
        per_year = html.escape(self.t("explorer.per_year"))
        selected = html.escape(self._target_label(self.widgets["target"].value))
        rows = [
            (self.t("explorer.row.assumed"), f"{t0 + 1}–{T}",
             val("assumed_average_growth_pct", pct(o["assumed_average_growth_pct"])) + per_year),
            (self.t("explorer.row.whole"), f"{self.base_year + 1}–{T}",
             val("implied_average_pct", pct(o["implied_average_pct"])) + per_year),
            (self.t("explorer.row.required"), selected,
             val("required_growth_pct", pct(o["required_growth_pct"])) + per_year + " ("
             + val("gap_pp", format_pp(o["gap_pp"], lang, 2)) + " "
             + html.escape(self.t("explorer.row.gap")) + ")"),
            (self.t("explorer.row.by_scenario"), "", rates),
            (self.t("explorer.row.probability"), str(T),
             probabilities + "; " + html.escape(self.t("explorer.row.selected")) + ": "
             + val("probability_target", prob(o["probability_target"]))),
        ]
        nominal_id = self._level_ids.get(GRDP_NOMINAL)
        if nominal_id:
            rows.append((self.t("explorer.row.nominal"), str(T),
                         val("nominal_grdp_target_year_bn_vnd",
                             format_number(o["nominal_grdp_target_year_bn_vnd"], lang, 0))
                         + " " + html.escape(self.t("explorer.unit.bn_vnd")) + " ("
                         + html.escape(self.t("explorer.row.target")) + " "
                         + format_number(float(self._targets.loc[nominal_id, "value"]), lang, 0)
                         + ")"))
        per_capita_id = self._level_ids.get(GRDP_PER_CAPITA)
        if per_capita_id:
            rows.append((self.t("explorer.row.per_capita"), str(T),
                         val("grdp_per_capita_target_year_mn_vnd",
                             format_number(o["grdp_per_capita_target_year_mn_vnd"], lang, 1))
                         + " " + html.escape(self.t("explorer.unit.mn_vnd_per_person")) + " ("
                         + html.escape(self.t("explorer.row.target")) + " "
                         + format_number(float(self._targets.loc[per_capita_id, "value"]),
                                         lang, 1) + "; "
                         + html.escape(self.t("explorer.row.population")) + " "
                         + val("population_target_year_persons",
                               format_number(o["population_target_year_persons"], lang, 0))
                         + ")"))
        body = "".join(
            f"<tr><td style='padding:2px 8px 2px 0'><b>{html.escape(label)}</b></td>"
            f"<td style='padding:2px 8px'>{html.escape(when)}</td>"
            f"<td style='padding:2px 0'>{value}</td></tr>" for label, when, value in rows)
        anchors = o["levels"].anchors

        def since(role: str) -> str:
            a = anchors.get(role)
            return str(a.year) if a else MISSING

        note = self.t("explorer.note", year=T, nominal=since(GRDP_NOMINAL),
                      per_capita=since(GRDP_PER_CAPITA), population=since(POPULATION))
        return (f"<table style='border-collapse:collapse'>{body}</table>"
                f"<small>{html.escape(note)}</small>")

    # -----------------------------------------------------------------------------------------
    # any target

    def _build_any_target(self) -> None:
        w = self.widgets
        s = self.assessment.summary
        main = s[s["scenario"] == TARGET_SCENARIO]
        options = [(self._target_label(tid), tid) for tid in main["target_id"]]
        first = next((tid for tid in main.loc[main["latest_year"].notna(), "target_id"]
                      if tid != self.programme.growth_target), options[0][1])
        w["any_target"] = widgets.Dropdown(options=options, value=first,
                                           layout=widgets.Layout(width="100%"))
        w["any_target"].add_class("explorer-any-target")
        w["any_pace"] = widgets.FloatSlider(value=0.0, min=-1.0, max=1.0, step=0.01,
                                            continuous_update=False, readout=True,
                                            readout_format=".2f",
                                            layout=widgets.Layout(width="100%"))
        w["any_pace"].add_class("explorer-any-pace")
        w["any_numbers"] = widgets.HTML()
        w["any_numbers"].add_class("explorer-any-numbers")
        w["any_chart"] = widgets.Image(format="png", layout=widgets.Layout(width="100%",
                                                                           max_width="760px"))
        w["any_chart"].add_class("explorer-any-chart")
        w["any_target"].observe(self._on_any_target, names="value")
        w["any_pace"].observe(lambda _change: None if self._updating else self.update_any(),
                              names="value")
        self._set_pace_range()

    def _set_pace_range(self) -> None:
        """Put the pace slider on the selected target's scale, at its observed pace."""
        row = target_row(self.assessment, self.widgets["any_target"].value)
        observed = float(row["observed_pace"]) if not pd.isna(row["observed_pace"]) else 0.0
        required = float(row["required_pace"]) if not pd.isna(row["required_pace"]) else 0.0
        span = PACE_SLIDER_SPAN * max(abs(observed), abs(required), 1.0)
        slider = self.widgets["any_pace"]
        with self._batch():
            slider.min, slider.max = -1e12, 1e12  # widen first, so no bound clips the next ones
            slider.min, slider.max = -span, span
            slider.step = 2 * span / PACE_SLIDER_STEPS
            slider.value = observed if not pd.isna(row["observed_pace"]) else required

    def _on_any_target(self, _change) -> None:
        self._set_pace_range()
        self.update_any()

    def set_any(self, target_id: str, pace: float | None = None) -> dict:
        """Select a target of the any-target panel and, optionally, its assumed pace."""
        w = self.widgets
        w["any_target"].value = target_id
        if pace is not None:
            w["any_pace"].value = float(pace)
        return self.update_any()

    def update_any(self) -> dict:
        """Recompute the any-target panel: the path at the assumed pace and the value reached."""
        w = self.widgets
        tid = w["any_target"].value
        tp = target_path(self.assessment, self.dataset.targets, tid, float(w["any_pace"].value))
        self.any_outputs = {"target_id": tid, "path": None if tp is None else tp.path,
                            "value_reached": np.nan if tp is None else tp.value_reached,
                            "target_value": np.nan if tp is None else tp.target_value,
                            "met": None if tp is None else tp.met,
                            "pace": float(w["any_pace"].value)}
        w["any_chart"].value = self._any_png(tid, tp)
        w["any_numbers"].value = self._any_html(tid, tp)
        return self.any_outputs

    def _unit_of(self, target_id: str, row) -> str:
        return str(row["unit"]) if str(row["unit"]) else str(self._targets.loc[target_id, "unit"])

    def _fmt(self, x: float, unit: str) -> str:
        from analysis.report.formatting import value

        return value(x, unit, self.lang)

    def _any_html(self, tid: str, tp) -> str:
        row = target_row(self.assessment, tid)
        if tp is None:
            return (f"<p class='explorer-gap'>{html.escape(self.t('explorer.any.no_data'))}"
                    "</p>")
        from analysis.report.formatting import pace

        unit = self._unit_of(tid, row)
        verdict = self.t("explorer.any.met" if tp.met else "explorer.any.not_met")
        lines = [
            (self.t("explorer.any.assumed"), pace(tp.path.diff().iloc[-1] if tp.pace_unit !=
                                                  "pct_per_year" else
                                                  float(self.widgets["any_pace"].value),
                                                  tp.pace_unit, self.lang)),
            (self.t("explorer.any.reached", year=int(tp.path.index[-1])),
             self._fmt(tp.value_reached, unit)),
            (self.t("explorer.any.target_value"), self._fmt(tp.target_value, unit)),
            (self.t("explorer.any.observed"),
             pace(row["observed_pace"], tp.pace_unit, self.lang)),
            (self.t("explorer.any.required"),
             pace(row["required_pace"], tp.pace_unit, self.lang)),
        ]
        body = "".join(f"<tr><td style='padding:2px 8px 2px 0'>{html.escape(a)}</td>"
                       f"<td class='explorer-any-value'>{html.escape(b)}</td></tr>"
                       for a, b in lines)
        return (f"<table>{body}</table><p class='explorer-any-verdict'><b>"
                f"{html.escape(verdict)}</b></p>")

    def _any_png(self, tid: str, tp) -> bytes:
        fig = Figure(figsize=TARGET_FIGURE_SIZE_IN, dpi=FIGURE_DPI, layout="constrained")
        canvas = FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        row = target_row(self.assessment, tid)
        actual = path_of(self.assessment, tid, "actual", unit=str(row["unit"]) or None)
        T = int(row["target_year"])
        first = min([self.programme.base_year - HISTORY_YEARS_SHOWN,
                     *(int(y) for y in actual.index)]) if not actual.empty \
            else self.programme.base_year
        first = max(first, self.programme.base_year - HISTORY_YEARS_SHOWN)
        shown = actual[actual.index >= first]
        if not shown.empty:
            ax.plot(shown.index, shown.to_numpy(), "o-", color="black", lw=1.6, ms=4,
                    label=self.t("explorer.legend.actual"))
        if tp is not None:
            ax.plot(tp.path.index, tp.path.to_numpy(), "o-", color="#1565c0", lw=2, ms=3,
                    label=self.t("explorer.legend.assumed"))
            ax.plot([T], [tp.target_value], marker="*", ms=12, color="#c62828", ls="none",
                    label=self.t("explorer.legend.target", year=T))
        else:
            ax.text(0.5, 0.5, self.t("explorer.any.no_data"), transform=ax.transAxes,
                    ha="center", va="center", fontsize=10, color="#6a1b9a", wrap=True)
        ax.set_xlim(first - 0.5, T + 0.5)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(self.t("explorer.axis.year"))
        ax.set_title(self._target_label(tid), fontsize=9, loc="left")
        ax.grid(True, axis="y", alpha=0.3)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="best", fontsize=7.5, frameon=False)
        buffer = io.BytesIO()
        canvas.print_png(buffer)
        return buffer.getvalue()

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

        Raises
        ------
        ValueError
            If the name is empty or has no letter or digit, or the programme has no growth
            target.
        analysis.errors.InputError
            If the scenario or the existing file is invalid (the file is left unchanged).
        """
        if self.model is None:
            raise ValueError(self.t("explorer.save.no_growth"))
        slug = scenario_slug(name or "")
        if not slug:
            raise ValueError(self.t("explorer.save.no_name"))
        o = self.outputs
        note = self.t("explorer.save.note", deflator=f"{o['deflator_pct']:.2f}",
                      population=f"{o['population_growth_pct']:.2f}")
        indicator = str(self._targets.loc[self.growth_id, "indicator_id"])
        return save_scenario(
            Path(path) if path else self.scenarios_file, slug, self.growth_by_year,
            {"vi": name.strip(), "en": (label_en or "").strip() or name.strip()},
            indicator_id=indicator, note=note, target_year=self.target_year)

    def _on_save(self, _button) -> None:
        w = self.widgets
        try:
            scenario = self.save(w["scenario_name"].value, w["scenario_label_en"].value)
        except (ValueError, InputError) as exc:
            w["save_status"].value = (f"<span style='color:#c62828'>"
                                      f"{html.escape(self.t('explorer.save.failed'))}: "
                                      f"{html.escape(str(exc))}</span>")
            return
        w["save_status"].value = (
            f"<span class='explorer-saved'>{html.escape(self.t('explorer.save.done'))} "
            f"<code>{scenario.name}</code> → "
            f"<code>{html.escape(str(self.scenarios_file))}</code></span>")
