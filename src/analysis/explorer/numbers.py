"""The explorer's numbers as HTML tables, in its language: the growth panel's (growth assumed
and still required, probabilities, the levels in T) and the any-target panel's.

Every number comes from :mod:`analysis.explorer.model`; the formats are the report's
(:mod:`analysis.report.formatting`, :mod:`analysis.data.numbers`), and every text the
translation table's. Values carry ``data-key`` attributes that name the output they show.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from analysis.data.numbers import MISSING, format_number, format_percent, format_pp
from analysis.explorer.model import GrowthModel, TargetPath
from analysis.report.formatting import pace, value
from analysis.roles import GRDP_NOMINAL, GRDP_PER_CAPITA, POPULATION

Translate = Callable[..., str]


def _tag(key: str, text: str) -> str:
    return f"<span class='explorer-value' data-key='{key}'>{html.escape(text)}</span>"


def growth_html(t: Translate, lang: str, model: GrowthModel, outputs: dict,
                names: Mapping[str, str], target_values: Mapping[str, float]) -> str:
    """The growth panel's numbers for ``outputs`` (:meth:`GrowthModel.compute`).

    ``names`` and ``target_values`` give each target's name and value by target id.
    """
    o = outputs

    def pct(x, d=2):
        return format_percent(x, lang, d)

    def prob(p):
        return MISSING if p is None or np.isnan(p) else format_percent(100 * p, lang, 0)

    def by_scenario(key: str, fmt: Callable[[float], str], values: Mapping[str, float]) -> str:
        return ", ".join(f"{format_number(r, lang, 1 if r % 1 else 0)}%: "
                         f"{_tag(key + sid, fmt(values[sid]))}"
                         for sid, r in zip(model.scenario_level, model.scenario_rates_pct,
                                           strict=True))

    T, t0 = model.target_year, model.latest_year
    per_year = html.escape(t("unit.per_year"))
    rows = [
        (t("explorer.row.assumed"), f"{t0 + 1}–{T}",
         _tag("assumed_average_growth_pct", pct(o["assumed_average_growth_pct"])) + per_year),
        (t("explorer.row.whole"), f"{model.base_year + 1}–{T}",
         _tag("implied_average_pct", pct(o["implied_average_pct"])) + per_year),
        (t("explorer.row.required"), names[o["target_id"]],
         _tag("required_growth_pct", pct(o["required_growth_pct"])) + per_year + " ("
         + _tag("gap_pp", format_pp(o["gap_pp"], lang, 2)) + " "
         + html.escape(t("explorer.row.gap")) + ")"),
        (t("explorer.row.by_scenario"), "",
         by_scenario("required_", pct, o["required_by_scenario_pct"])),
        (t("explorer.row.probability"), str(T),
         by_scenario("probability_", prob, o["probability_by_scenario"]) + "; "
         + html.escape(t("explorer.row.selected")) + ": "
         + _tag("probability_target", prob(o["probability_target"]))),
    ]

    def level(label: str, key: str, unit: str, target_id: str, decimals: int, more="") -> tuple:
        """A level in T against its target (``more``: what follows the target, inside the
        brackets).
        """
        return (t(label), str(T), _tag(key, format_number(o[key], lang, decimals)) + " "
                + html.escape(t(unit)) + " (" + html.escape(t("explorer.row.target")) + " "
                + format_number(target_values[target_id], lang, decimals) + more + ")")

    nominal_id = model.level_target_ids.get(GRDP_NOMINAL)
    if nominal_id:
        rows.append(level("explorer.row.nominal", "nominal_grdp_target_year_bn_vnd",
                          "unit.bn_vnd", nominal_id, 0))
    per_capita_id = model.level_target_ids.get(GRDP_PER_CAPITA)
    if per_capita_id:
        population = _tag("population_target_year_persons",
                          format_number(o["population_target_year_persons"], lang, 0))
        rows.append(level("explorer.row.per_capita", "grdp_per_capita_target_year_mn_vnd",
                          "unit.mn_vnd_per_person", per_capita_id, 1,
                          "; " + html.escape(t("explorer.row.population")) + " " + population))
    body = "".join(
        f"<tr><td style='padding:2px 8px 2px 0'><b>{html.escape(label)}</b></td>"
        f"<td style='padding:2px 8px'>{html.escape(when)}</td>"
        f"<td style='padding:2px 0'>{shown}</td></tr>" for label, when, shown in rows)
    anchors = o["levels"].anchors

    def since(role: str) -> str:
        a = anchors.get(role)
        return str(a.year) if a else MISSING

    note = t("explorer.note", year=T, nominal=since(GRDP_NOMINAL),
             per_capita=since(GRDP_PER_CAPITA), population=since(POPULATION))
    return (f"<table style='border-collapse:collapse'>{body}</table>"
            f"<small>{html.escape(note)}</small>")


def target_html(t: Translate, lang: str, row: pd.Series, unit: str, tp: TargetPath | None,
                assumed_pace: float) -> str:
    """The any-target panel's numbers: the assumed pace, the value reached, the target, the
    observed and required paces, and whether the value reached meets the target.
    """
    if tp is None:
        return f"<p class='explorer-gap'>{html.escape(t('explorer.any.no_data'))}</p>"
    verdict = t("explorer.any.met" if tp.met else "explorer.any.not_met")
    shown_pace = (tp.path.diff().iloc[-1] if tp.pace_unit != "pct_per_year"
                  else float(assumed_pace))
    lines = [
        (t("explorer.any.assumed"), pace(shown_pace, tp.pace_unit, lang)),
        (t("explorer.any.reached", year=int(tp.path.index[-1])),
         value(tp.value_reached, unit, lang)),
        (t("explorer.any.target_value"), value(tp.target_value, unit, lang)),
        (t("col.observed"), pace(row["observed_pace"], tp.pace_unit, lang)),
        (t("explorer.any.required"), pace(row["required_pace"], tp.pace_unit, lang)),
    ]
    body = "".join(f"<tr><td style='padding:2px 8px 2px 0'>{html.escape(a)}</td>"
                   f"<td class='explorer-any-value'>{html.escape(b)}</td></tr>"
                   for a, b in lines)
    return (f"<table>{body}</table><p class='explorer-any-verdict'><b>"
            f"{html.escape(verdict)}</b></p>")
