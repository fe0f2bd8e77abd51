"""The scenario explorer's view: the widgets, their layout, and what a change of a control does.

Every number comes from :mod:`analysis.explorer.model` (the same functions as the report,
``docs/methods.md`` §4–6), the charts from :mod:`analysis.explorer.charts` (the growth target's
index is the report's own chart) and the tables of numbers from :mod:`analysis.explorer.numbers`;
this module only wires the controls to them, in the language chosen (the texts come from the
translation table, ``translations/explorer.yaml``). Two panels:

- **The growth target** (when the programme has one): real growth for each remaining year after
  the latest annual actual *t* up to the target year *T*, or one flat rate; the growth of the
  GRDP deflator (no deflator is published, so this is an assumption); population growth; and
  the target looked at (the growth target, or a level target at current prices).
- **Any target**: pick a target of the programme, set an assumed pace from its latest value,
  and see the path to the target year, the value reached and whether it meets the target.

Under each chart, the sources of the actual values it draws (``Nguồn: …``).

Speed: everything that does not depend on the controls (data, assessment, the random walk, the
figures and their static artists) is built once; an update recomputes the path, moves the
artists' data and renders the one figure that changes to PNG (Agg), which takes a few tens of
milliseconds (``benchmarks/explorer.py``).

Saving: :meth:`Explorer.save` writes the current growth path, named, to the custom-scenario
YAML through :func:`analysis.data.scenarios.save_scenario`; ``python -m analysis report
--scenarios-file`` reads it, so a scenario explored is a scenario printed.
"""

from __future__ import annotations

import contextlib
import html
import re
import unicodedata
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pandas as pd

from analysis import DEFAULT_SCENARIOS
from analysis.data.loaders import Dataset, load_programme_data
from analysis.data.scenarios import CustomScenario, save_scenario
from analysis.engine.annual import chosen_values
from analysis.engine.assess import assess
from analysis.engine.derived import DEFAULT_DEFLATOR_PCT
from analysis.engine.result import TARGET_SCENARIO
from analysis.errors import InputError
from analysis.explorer import numbers
from analysis.explorer.charts import (
    GrowthChart,
    actual_shown,
    report_view,
    source_line,
    target_chart,
)
from analysis.explorer.model import GrowthModel, target_path, target_row
from analysis.i18n import t as translate
from analysis.messages import current_lang
from analysis.programme import LANGUAGES, Programme, load_programme

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
#: Widest a chart is shown, in CSS pixels (the width of the figure at its resolution).
CHART_MAX_WIDTH = "760px"

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


def _small(text: str) -> str:
    """A source line's HTML (the line under a chart, as the report's figures have)."""
    return f"<small>{html.escape(text)}</small>"


def _source_html(text: str, css_class: str) -> widgets.HTML:
    """The widget of a source line under a chart."""
    line = widgets.HTML(_small(text))
    line.add_class(css_class)
    return line


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
    model : GrowthModel or None
        The growth panel's numbers (None: the programme has no growth target with data); its
        attributes are the years, the index and the paths the panel starts from.
    growth_chart : analysis.explorer.charts.GrowthChart or None
        The growth panel's chart (its ``figure``, ``axes`` and ``assumed_line``).
    widgets : dict of str to ipywidgets.Widget
        The controls and outputs by name (``mode``, ``flat_growth_pct``, ``year_growth_pct`` (a
        dict by year), ``deflator_pct``, ``population_growth_pct``, ``target``,
        ``scenario_name``, ``scenario_label_en``, ``save``, ``chart``, ``source``, ``numbers``,
        ``save_status``; ``any_target``, ``any_pace``, ``any_chart``, ``any_source``,
        ``any_numbers``).
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
            raise ValueError(translate("explorer.error.lang", current_lang(), found=repr(lang),
                                       choices=", ".join(LANGUAGES)))
        self.programme = (programme if isinstance(programme, Programme)
                          else load_programme(programme))
        self.dataset = dataset if dataset is not None else _cached_dataset(
            str(self.programme.folder), "")[1]
        self.scenarios_file = Path(scenarios_file) if scenarios_file else DEFAULT_SCENARIOS
        self.lang = lang
        rates = scenario_rates_pct or self.programme.scenario_rates_pct
        # the values chosen once, for the assessment and for the source lines under the charts
        self._chosen = chosen_values(self.dataset.actuals)
        self.assessment = assess({"targets": self.dataset.targets, "actuals": self._chosen,
                                  "indicators": self.dataset.indicators}, year=year,
                                 scenarios=tuple(float(r) for r in rates) if rates else None,
                                 base_year=self.programme.base_year,
                                 params=self.programme.assessment,
                                 not_measurable=getattr(self.dataset, "not_measurable", ()))
        self._targets = self.dataset.targets.set_index("target_id")
        self._sources: dict[tuple[str, str], str] = {}
        self.outputs: dict = {}
        self.any_outputs: dict = {}
        self._updating = False
        self.widgets: dict = {}
        self.model: GrowthModel | None = None
        self.growth_chart: GrowthChart | None = None
        growth = self.programme.growth_target
        if growth and not pd.isna(target_row(self.assessment, growth)["latest_year"]):
            self.model = GrowthModel.of(self.assessment, self.dataset.targets, growth)
            if population_growth_pct is None:
                population_growth_pct = self.model.population_trend_pct
            self._build_widgets(flat_growth_pct, deflator_pct, population_growth_pct,
                                target_id or growth)
            report = report_view(self.programme, self.dataset, self.assessment, lang)
            self.growth_chart = GrowthChart(report, self.model, self.t)
        self._build_any_target()
        self.view = self._layout()
        if self.model is not None:
            self.update()
        self.update_any()

    def t(self, key: str, /, **values) -> str:
        """A text of the translation table in the explorer's language."""
        return translate(key, self.lang, **{**self.programme.placeholders(self.lang), **values})

    def _target_label(self, target_id: str) -> str:
        return str(self._targets.loc[target_id, f"name_{self.lang}"])

    def _source(self, target_id: str, calculated: str, years=None) -> str:
        """The source line of a chart of ``target_id`` (computed once per target and key)."""
        key = (target_id, calculated)
        if key not in self._sources:
            self._sources[key] = source_line(self.t, self.assessment, self._chosen, target_id,
                                             calculated, years)
        return self._sources[key]

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

    def _build_widgets(self, flat, deflator, population, target_id) -> None:
        choices = self.model.choices
        if target_id not in choices:
            raise ValueError(self.t("explorer.error.target", found=repr(target_id),
                                    choices=", ".join(choices)))
        w = self.widgets
        w["mode"] = widgets.ToggleButtons(
            options=[(self.t("explorer.mode.flat"), _MODE_FLAT),
                     (self.t("explorer.mode.by_year"), _MODE_BY_YEAR)],
            value=_MODE_FLAT, style={"button_width": "140px"})
        w["mode"].add_class("explorer-mode")
        w["flat_growth_pct"] = self._slider(flat, GROWTH_SLIDER_PCT, "explorer-flat-growth")
        w["year_growth_pct"] = {
            y: self._slider(flat, GROWTH_SLIDER_PCT, f"explorer-growth-{y}", str(y))
            for y in self.model.years}
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
        w["chart"] = widgets.Image(format="png", layout=widgets.Layout(
            width="100%", max_width=CHART_MAX_WIDTH))
        w["chart"].add_class("explorer-chart")
        w["source"] = _source_html(self._source(self.model.growth_target_id,
                                                "explorer.source.calculated"),
                                   "explorer-source")
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
            title = self.t("explorer.growth.controls",
                           name=self._target_label(self.model.growth_target_id),
                           first=self.model.years[0], last=self.model.target_year)
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
            results = widgets.VBox([w["chart"], w["source"], w["numbers"]],
                                   layout=widgets.Layout(flex="1 1 480px", min_width="420px"))
            parts.append(widgets.HBox([controls, results],
                                      layout=widgets.Layout(flex_flow="row wrap")))
            self._show_mode()
        any_controls = widgets.VBox(
            [widgets.HTML(f"<b>{html.escape(self.t('col.target'))}</b>"),
             w["any_target"],
             widgets.HTML(f"<b>{html.escape(self.t('explorer.any.pace'))}</b>"),
             w["any_pace"], w["any_numbers"]],
            layout=widgets.Layout(width="340px", min_width="300px", padding="0 12px 0 0"))
        any_results = widgets.VBox([w["any_chart"], w["any_source"]],
                                   layout=widgets.Layout(flex="1 1 480px", min_width="420px"))
        parts += [widgets.HTML(f"<h4 style='margin:12px 0 4px 0'>"
                               f"{html.escape(self.t('explorer.any.head'))}</h4>"),
                  widgets.HBox([any_controls, any_results],
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
            return {y: g for y in self.model.years}
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

    @contextlib.contextmanager
    def _batch(self) -> Iterator[None]:
        """Change several controls without an update after each."""
        self._updating = True
        try:
            yield
        finally:
            self._updating = False

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
        return self.model.compute(self.growth_by_year, float(w["deflator_pct"].value),
                                  float(w["population_growth_pct"].value), w["target"].value)

    def update(self) -> dict:
        """Recompute :attr:`outputs` from the controls and refresh the chart and numbers."""
        self.outputs = self.compute()
        w = self.widgets
        w["chart"].value = self.growth_chart.update(self.outputs)
        names = {c: self._target_label(c) for c in self.model.choices}
        values = {c: float(self._targets.loc[c, "value"]) for c in self.model.choices}
        w["numbers"].value = numbers.growth_html(self.t, self.lang, self.model, self.outputs,
                                                 names, values)
        return self.outputs

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
        w["any_chart"] = widgets.Image(format="png", layout=widgets.Layout(
            width="100%", max_width=CHART_MAX_WIDTH))
        w["any_chart"].add_class("explorer-any-chart")
        w["any_source"] = _source_html("", "explorer-any-source")
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
        pace = float(w["any_pace"].value)
        tp = target_path(self.assessment, self.dataset.targets, tid, pace)
        self.any_outputs = {"target_id": tid, "path": None if tp is None else tp.path,
                            "value_reached": np.nan if tp is None else tp.value_reached,
                            "target_value": np.nan if tp is None else tp.target_value,
                            "met": None if tp is None else tp.met, "pace": pace}
        row = target_row(self.assessment, tid)
        w["any_chart"].value = target_chart(self.t, self.lang, self.assessment,
                                            self.programme.base_year, tid,
                                            self._target_label(tid), tp)
        shown = actual_shown(self.assessment, self.programme.base_year, tid)
        w["any_source"].value = _small(self._source(tid, "explorer.source.path", shown.index))
        unit = str(row["unit"]) or str(self._targets.loc[tid, "unit"])
        w["any_numbers"].value = numbers.target_html(self.t, self.lang, row, unit, tp, pace)
        return self.any_outputs

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
        note = {lang: translate("explorer.save.note", lang, deflator=f"{o['deflator_pct']:.2f}",
                                population=f"{o['population_growth_pct']:.2f}")
                for lang in LANGUAGES}  # each report reads the note in its own language
        indicator = str(self._targets.loc[self.model.growth_target_id, "indicator_id"])
        return save_scenario(
            Path(path) if path else self.scenarios_file, slug, self.growth_by_year,
            {"vi": name.strip(), "en": (label_en or "").strip() or name.strip()},
            indicator_id=indicator, note=note, target_year=self.model.target_year)

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
