"""Scenario explorer: widgets driven from Python, numbers checked against hand arithmetic.

The shipped data are read here with the csv module, and the numbers the explorer must show are
worked out in the comments from them (docs/methods.md §1, §4 and §6).
"""

from __future__ import annotations

import csv
import html
import math
import statistics
from pathlib import Path

import ipywidgets as widgets
import pytest
import yaml
from support import DEFAULT_ACTUALS, DEFAULT_TARGETS

from analysis import PROJECT_ROOT
from analysis.data.scenarios import load_scenarios
from analysis.explorer import Explorer, scenario_slug
from analysis.report.parameters import ReportParameters

NOTEBOOK = PROJECT_ROOT / "notebooks" / "explorer.ipynb"


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


ACTUALS = _rows(DEFAULT_ACTUALS)
TARGETS = {r["target_id"]: r for r in _rows(DEFAULT_TARGETS)}


#: Source tiers, most authoritative first (written out here, not taken from the code).
TIERS = ["official", "state_press", "other_press", "secondary"]


def annual(indicator_id: str) -> dict[int, float]:
    """Annual values by year; several rows for a year: the row marked use, else the most
    authoritative source, then the latest published (the rule's steps 2, 4 and 6: every
    competing GRDP/population row in the shipped file is an exact value of one status)."""
    by_year: dict[int, list[dict]] = {}
    for r in ACTUALS:
        if r["indicator_id"] == indicator_id and r["period"].isdigit() and r["choice"] != "ignore":
            by_year.setdefault(int(r["period"]), []).append(r)

    def best(rs: list[dict]) -> dict:
        uses = [r for r in rs if r["choice"] == "use"]
        if uses:
            return uses[0]
        top = min(TIERS.index(r["source_tier"]) for r in rs)
        return max((r for r in rs if TIERS.index(r["source_tier"]) == top),
                   key=lambda r: r["published"])

    return {y: float(best(rs)["value"]) for y, rs in by_year.items()}


GROWTH = annual("grdp_growth_pct")  # 2016: 24.88, 2017: 14.57, 2021: 5.6 ... 2025: 7.52
LEVELS = annual("grdp_constant_2010_bn_vnd")  # 2010..2016 at constant 2010 prices
NOMINAL = annual("grdp_current_bn_vnd")  # 2020: 20,486; latest: 2024, about 31,025 bn VND
NOMINAL_2020 = NOMINAL[2020]
POPULATION = annual("population_persons")  # latest: 2022, 482,100 (choice=use)
PER_CAPITA = annual("grdp_per_capita_mn_vnd")  # latest: 2025, 65.5 (chosen by source tier)
NOMINAL_TARGET = float(TARGETS["grdp_current_bn_vnd"]["value"])  # 63,600 bn VND
PER_CAPITA_TARGET = float(TARGETS["grdp_per_capita_mn_vnd"]["value"])  # 116.6 mn VND


def test_shipped_numbers_are_the_ones_worked_out_below():
    assert [GROWTH[y] for y in range(2021, 2026)] == [5.6, 7.7, -2.77, 9.0, 7.52]
    assert NOMINAL_2020 == 20486 and NOMINAL_TARGET == 63600 and PER_CAPITA_TARGET == 116.6
    assert max(POPULATION) == 2022 and POPULATION[2022] == 482100
    assert max(NOMINAL) == 2024 and NOMINAL[2024] == 31025
    assert max(PER_CAPITA) == 2025 and PER_CAPITA[2025] == 65.5


# GRDP index 2020 = 100 chained through 2021-2025:
#   100 × 1.056 × 1.077 × 0.9723 × 1.09 × 1.0752 = 129.5972
INDEX_2025 = 129.5972


@pytest.fixture(scope="module")
def explorer(tmp_path_factory):
    # never the shipped data/scenarios/custom-scenarios.yaml
    scenarios = tmp_path_factory.mktemp("scenarios") / "custom-scenarios.yaml"
    return Explorer(scenarios_file=scenarios, flat_growth_pct=10.0, deflator_pct=3.0,
                    population_growth_pct=1.5)


@pytest.fixture
def fresh(explorer):
    """The module's explorer reset to flat 10 %, deflator 3 %, population 1.5 %, growth target."""
    w = explorer.widgets
    explorer.set_growth({y: 10.0 for y in explorer.model.years})
    explorer.set_growth(10.0)
    w["deflator_pct"].value = 3.0
    w["population_growth_pct"].value = 1.5
    w["target"].value = "grdp_growth_pct_per_year"
    return explorer


def test_starts_after_the_latest_annual_actual(fresh):
    assert fresh.model.latest_year == 2025 and fresh.model.years == [2026, 2027, 2028, 2029, 2030]
    assert fresh.model.latest_index == pytest.approx(INDEX_2025, abs=1e-4)


def test_flat_ten_percent(fresh):
    o = fresh.outputs
    # 129.5972 × 1.10^5 = 129.5972 × 1.61051 = 208.7176
    assert o["index_target_year"] == pytest.approx(208.7176, abs=1e-3)
    assert o["assumed_average_growth_pct"] == pytest.approx(10.0, abs=1e-9)
    # growth target, classed on its low end 9 %: v* = 100 × 1.09^10 = 236.7364;
    # g_req = (236.7364 / 129.5972)^(1/5) − 1 = 12.806 %
    assert o["required_growth_pct"] == pytest.approx(12.806, abs=1e-3)
    assert o["gap_pp"] == pytest.approx(10.0 - 12.806, abs=1e-3)
    # 10 % scenario: 100 × 1.1^10 = 259.3742 → (259.3742 / 129.5972)^(1/5) − 1 = 14.886 %
    assert o["required_by_scenario_pct"]["10pct"] == pytest.approx(14.886, abs=1e-3)
    # nominal 2030 from its latest level (about 31,025 in 2024, index 120.5331):
    # 31,025 × 208.7176 / 120.5331 × 1.03^6 = 31,025 × 1.731620 × 1.194052 = 64,148.7 bn VND
    assert o["nominal_grdp_target_year_bn_vnd"] == pytest.approx(64148.7, abs=0.5)
    # population 2030 = 482,100 × 1.015^8 = 543,082.1
    assert o["population_target_year_persons"] == pytest.approx(543082.1, abs=0.5)
    # per capita from its own latest actual (65.5 in 2025), not from the 2020 nominal level:
    # 65.5 × (208.7176 / 129.5972) × 1.03^5 / 1.015^5 = 65.5 × 1.61051 × 1.159274 / 1.077284
    # = 65.5 × 1.733082 = 113.52 mn VND
    assert o["grdp_per_capita_target_year_mn_vnd"] == pytest.approx(113.52, abs=0.01)


def test_nominal_level_target_depends_on_the_deflator(fresh):
    w = fresh.widgets
    w["target"].value = "grdp_current_bn_vnd"
    # real index the level target needs, from the latest level (about 31,025 in 2024, index
    # I_2024 = 129.5972 / 1.0752 = 120.5331): 120.5331 × (63,600 / 31,025) / 1.03^6
    # = 120.5331 × 2.049960 / 1.194052 = 206.932; g_req = (206.932 / 129.5972)^(1/5) − 1
    # = 9.811 %
    assert fresh.outputs["required_index"] == pytest.approx(206.932, abs=1e-3)
    assert fresh.outputs["required_growth_pct"] == pytest.approx(9.811, abs=1e-3)
    w["deflator_pct"].value = 5.0
    # 120.5331 × 2.049960 / 1.05^6 (1.340096) = 184.381; (184.381 / 129.5972)^(1/5) − 1
    # = 7.306 %
    assert fresh.outputs["required_growth_pct"] == pytest.approx(7.306, abs=1e-3)
    # nominal 2030 = 31,025 × (208.7176 / 120.5331 = 1.731620) × 1.05^6 = 71,994.7 bn VND
    assert fresh.outputs["nominal_grdp_target_year_bn_vnd"] == pytest.approx(71994.7, abs=0.5)
    text = w["numbers"].value
    assert "data-key='required_growth_pct'>7,31%<" in text  # Vietnamese number format
    assert "data-key='nominal_grdp_target_year_bn_vnd'>71.995<" in text


def test_per_capita_target_depends_on_population(fresh):
    w = fresh.widgets
    w["target"].value = "grdp_per_capita_mn_vnd"
    w["population_growth_pct"].value = 2.0
    # population 2030 = 482,100 × 1.02^8 = 564,857.0
    assert fresh.outputs["population_target_year_persons"] == pytest.approx(564857.0, abs=0.5)
    # from the 2025 per-capita actual (65.5): index needed = 129.5972 × (116.6 / 65.5)
    # × 1.02^5 / 1.03^5 = 129.5972 × 1.780153 × 1.104081 / 1.159274 = 219.719;
    # g_req = (219.719 / 129.5972)^(1/5) − 1 = 1.695396^(1/5) − 1 = 11.136 %
    assert fresh.outputs["required_index"] == pytest.approx(219.719, abs=1e-3)
    assert fresh.outputs["required_growth_pct"] == pytest.approx(11.136, abs=1e-3)


def test_rates_by_year(fresh):
    fresh.set_growth({2026: 12, 2027: 14, 2028: 11, 2029: 10, 2030: 10})
    o = fresh.outputs
    # 129.5972 × 1.12 × 1.14 × 1.11 × 1.10 × 1.10 = 129.5972 × 1.7148701 = 222.2424
    assert o["index_target_year"] == pytest.approx(222.2424, abs=1e-3)
    # average: 1.7148701^(1/5) − 1 = 11.390 %
    assert o["assumed_average_growth_pct"] == pytest.approx(11.390, abs=1e-3)
    # 2027: 129.5972 × 1.12 × 1.14 = 165.4697
    assert fresh.outputs["path_index"].loc[2027] == pytest.approx(165.4697, abs=1e-3)


def test_switching_to_by_year_starts_from_the_flat_rate(fresh):
    """Year sliders never moved apart start from the flat rate; moved ones are kept."""
    fresh.widgets["flat_growth_pct"].value = 8.0
    fresh.widgets["mode"].value = "by_year"
    assert fresh.growth_by_year == {y: 8.0 for y in range(2026, 2031)}
    # 129.5972 × 1.08^5 = 129.5972 × 1.4693281 = 190.4208
    assert fresh.outputs["index_target_year"] == pytest.approx(190.4208, abs=1e-3)
    fresh.widgets["year_growth_pct"][2030].value = 12.0
    fresh.widgets["mode"].value = "flat"
    fresh.widgets["flat_growth_pct"].value = 9.0
    fresh.widgets["mode"].value = "by_year"
    assert fresh.growth_by_year == {2026: 8.0, 2027: 8.0, 2028: 8.0, 2029: 8.0, 2030: 12.0}


def test_probabilities_use_the_report_volatility_around_the_assumed_path(fresh):
    # volatility history 2011-2025 (docs/methods.md §4): 2011-2015 from the constant-price
    # levels, 2016 and 2017 stated, 2021-2025 stated: 12 rates. 2016 (+24.88 %) lies before the
    # programme period and far outside the rest (modified z-score 5.47): a structural break,
    # left out. σ̂ = sample sd of the 11 others; n = the 5 rates of 2021-2025 (the drift).
    rates = {y: (LEVELS[y] / LEVELS[y - 1] - 1) * 100 for y in range(2011, 2016)}
    rates.update({y: GROWTH[y] for y in (2017, 2021, 2022, 2023, 2024, 2025)})
    x = [math.log1p(g / 100) for g in rates.values()]
    sigma, n = statistics.stdev(x), 5
    assert len(x) == 11 and sigma == pytest.approx(0.04338, abs=1e-5)
    # ln I_2030 ~ Normal(ln 208.7176, 5 σ̂² + 25 σ̂² / 5);  P = 1 − Φ((ln v* − mean) / sd)
    sd = math.sqrt(5 * sigma**2 + 25 * sigma**2 / n)
    phi = statistics.NormalDist().cdf
    for sid, v_star in (("9pct", 100 * 1.09**10), ("10pct", 100 * 1.10**10),
                        ("11pct", 100 * 1.11**10)):
        expected = 1 - phi((math.log(v_star) - math.log(208.7176)) / sd)
        assert fresh.outputs["probability_by_scenario"][sid] == pytest.approx(expected, abs=1e-4)
    # 90 % band in 2030: 208.7176 × exp(±1.6449 sd)
    band = fresh.outputs["band_index"]
    assert band.loc[2030, 0.95] == pytest.approx(208.7176 * math.exp(1.644854 * sd), rel=1e-5)
    assert band.loc[2030, 0.05] == pytest.approx(208.7176 * math.exp(-1.644854 * sd), rel=1e-5)


def test_at_the_current_pace_the_explorer_gives_the_report_s_numbers(fresh):
    """Same path, same function, same inputs: the report's band, probability and 2030 levels."""
    s = fresh.assessment.summary
    pace = s[(s["target_id"] == "grdp_growth_pct_per_year")
             & (s["scenario"] == "target")]["observed_pace"].iloc[0]
    # the current pace: 1.295972 ** (1/5) − 1 = 5.322 % a year (2021-2025)
    assert pace == pytest.approx(5.322, abs=1e-3)
    fresh.widgets["population_growth_pct"].value = fresh.model.population_trend_pct
    fresh.set_growth(pace)
    paths = fresh.assessment.paths
    report = paths[(paths["target_id"] == "grdp_growth_pct_per_year") & (paths["kind"] == "band")]
    for q in (0.05, 0.25, 0.75, 0.95):
        row = report[(report["year"] == 2030) & (report["quantile"] == q)]
        assert fresh.outputs["band_index"].loc[2030, q] == pytest.approx(
            float(row["value"].iloc[0]))
    for sid in ("9pct", "10pct", "11pct"):
        p = s[(s["target_id"] == "grdp_growth_pct_per_year") & (s["scenario"] == sid)]
        assert fresh.outputs["probability_by_scenario"][sid] == pytest.approx(
            float(p["probability_met"].iloc[0]))
    levels = fresh.assessment.derived_levels.set_index("scenario").loc["current_pace"]
    o = fresh.outputs
    for column in ("population_target_year_persons", "grdp_per_capita_target_year_mn_vnd",
                   "nominal_grdp_target_year_bn_vnd"):
        assert o[column] == pytest.approx(levels[column])
    # and the numbers themselves, by hand: population trend growth g (log-linear least squares
    # over every annual population value) and 2030 = 482,100 × (1 + g)^8
    years = sorted(POPULATION)
    ys = [math.log(POPULATION[y]) for y in years]
    mx, my = sum(years) / len(years), sum(ys) / len(ys)
    slope = sum((a - mx) * (b - my) for a, b in zip(years, ys, strict=True)) / sum(
        (a - mx) ** 2 for a in years)
    g = math.exp(slope) - 1
    assert o["population_target_year_persons"] == pytest.approx(482100 * (1 + g) ** 8, rel=1e-9)
    # per capita: 65.5 × 1.05322^5 × 1.03^5 / (1 + g)^5
    assert o["grdp_per_capita_target_year_mn_vnd"] == pytest.approx(
        65.5 * (1 + pace / 100) ** 5 * 1.03**5 / (1 + g) ** 5, rel=1e-9)


def test_chart_is_updated_in_place(fresh):
    chart = fresh.growth_chart
    fig = chart.figure
    first = fresh.widgets["chart"].value
    fresh.widgets["flat_growth_pct"].value = 7.0
    assert chart.figure is fig  # same figure, new pixels
    assert fresh.widgets["chart"].value != first
    assert fresh.widgets["chart"].value[:8] == b"\x89PNG\r\n\x1a\n"
    x, y = chart.assumed_line.get_data()
    assert list(x) == [2025, 2026, 2027, 2028, 2029, 2030]
    assert y[-1] == pytest.approx(181.7668, abs=1e-3)  # 129.5972 × 1.07^5 = 129.5972 × 1.4025517
    ticks = chart.axes.get_xticks()
    assert all(float(t).is_integer() for t in ticks)


def test_any_target_at_an_assumed_pace(explorer):
    # forest cover: 54 % in 2025 (an estimate); at +0.4 pp a year, 2030 = 54 + 5 × 0.4
    # = 56.0 %: meets "56%" (at least); at +0.3 pp a year 54 + 1.5 = 55.5 %: not met
    o = explorer.set_any("forest_cover_pct", 0.4)
    assert o["value_reached"] == pytest.approx(56.0, abs=1e-9) and o["met"] is True
    o = explorer.set_any("forest_cover_pct", 0.3)
    assert o["value_reached"] == pytest.approx(55.5, abs=1e-9) and o["met"] is False
    assert "không đạt" in explorer.widgets["any_numbers"].value
    # tourist arrivals: about 1,470,000 in 2025; at 6.35 % a year, 1,470,000 × 1.0635^5 =
    # 1,470,000 × exp(5 × 0.061566) = 1,470,000 × 1.360465 = 1,999,884: short of "more than
    # 2 million"; at 6.4 %, × exp(5 × 0.062035) = × 1.363666 = 2,004,590: met
    o = explorer.set_any("tourist_arrivals", 6.35)
    assert o["value_reached"] == pytest.approx(1_999_884, abs=1) and o["met"] is False
    o = explorer.set_any("tourist_arrivals", 6.4)
    assert o["value_reached"] == pytest.approx(2_004_590, abs=1) and o["met"] is True
    # a target with no annual value says so
    o = explorer.set_any("export_import_growth_pct_per_year")
    assert o["path"] is None
    assert "Chưa có số liệu cả năm" in explorer.widgets["any_numbers"].value


def chosen_title(indicator_id: str, year: int) -> str:
    """The source title of the value used for a year (the rule of :func:`annual`: the row
    marked use, else the only candidate; every GRDP growth year 2021–2025 has one or the
    other)."""
    rows = [r for r in ACTUALS if r["indicator_id"] == indicator_id
            and r["period"] == str(year) and r["choice"] != "ignore"]
    uses = [r for r in rows if r["choice"] == "use"]
    assert len(uses) == 1 or len(rows) == 1, rows
    return (uses or rows)[0]["source_title"]


def test_a_source_line_under_the_growth_chart(explorer):
    # the chart draws the index chained from the growth rates 2021-2025; each rate's source is
    # "publisher: headline" (actuals.schema.json); the line names each publisher with its year
    titles = [chosen_title("grdp_growth_pct", y) for y in range(2021, 2026)]
    assert [t.split(": ")[0] for t in titles] == [
        "Cổng TTĐT Đảng bộ tỉnh Lai Châu", "Báo Điện tử Chính phủ", "CafeF", "VietnamPlus",
        "Lao Động (bản tiếng Nhật)"]
    assert explorer.widgets["source"].value == (
        "<small>Nguồn: số liệu thực tế: Cổng TTĐT Đảng bộ tỉnh Lai Châu (2021), Báo Điện tử "
        "Chính phủ (2022), CafeF (2023), VietnamPlus (2024), Lao Động (bản tiếng Nhật) (2025); "
        "đường giả định, các kịch bản và dải: tính toán theo phương pháp của báo cáo từ các giả "
        "định đã chọn</small>")
    # the any-target panel's line follows the target chosen: forest cover, drawn from 2015 (five
    # years before the base year) to 2025, has annual values in 2015, 2016, 2020, 2023, 2025
    explorer.set_any("forest_cover_pct", 0.4)
    years = [2015, 2016, 2020, 2023, 2025]
    assert sorted(int(r["period"]) for r in ACTUALS if r["indicator_id"] == "forest_cover_pct"
                  and r["period"].isdigit() and r["choice"] != "ignore"
                  and 2015 <= int(r["period"]) <= 2025) == years
    named = ", ".join(f"{chosen_title('forest_cover_pct', y).split(': ')[0]} ({y})"
                      for y in years)
    assert html.unescape(explorer.widgets["any_source"].value) == (
        f"<small>Nguồn: số liệu thực tế: {named}; đường giả định: tính toán từ nhịp đã chọn"
        "</small>")


def test_the_growth_chart_is_the_report_s(fresh):
    """The static part is the report's index_chart: its legend, its axis titles."""
    chart = fresh.growth_chart
    labels = [t.get_text() for t in chart.figure.legends[0].get_texts()]
    # the report's legend (chart.legend.*), then the explorer's own layer
    assert labels[:3] == ["Thực tế", "Giữ nhịp thực tế (5,32%/năm)", "Kịch bản 9%/năm"]
    assert labels[-4:] == ["Dải 90% (biến động lịch sử)", "Dải 50%", "Giả định", "Mục tiêu 2030"]
    assert chart.axes.get_ylabel() == "Chỉ số (2020 = 100)"


def test_a_wrong_language_or_target_is_refused_in_words(explorer, monkeypatch):
    monkeypatch.delenv("ANALYSIS_LANG", raising=False)
    with pytest.raises(ValueError, match=r"ngôn ngữ \(lang\) phải là một trong vi, en, "
                                         r"không phải 'fr'"):
        Explorer(dataset=explorer.dataset, lang="fr")
    with pytest.raises(ValueError, match=r"the target looked at first \(target_id\) must be one "
                                         r"of grdp_growth_pct_per_year, grdp_current_bn_vnd, "
                                         r"grdp_per_capita_mn_vnd, not 'forest_cover_pct'"):
        Explorer(dataset=explorer.dataset, target_id="forest_cover_pct", lang="en",
                 scenarios_file=explorer.scenarios_file)


def test_text_from_data_is_literal_in_the_explorer(tmp_path):
    """The hostile strings of tests/hostile.py in the names of targets and indicators and in the
    source titles of the GRDP growth rates: the explorer builds, draws both charts, and every
    HTML it shows holds them escaped, never as markup."""
    from hostile import IMG, SCRIPT, TEXT, hostile_inputs

    inputs = hostile_inputs(tmp_path / "hostile")
    e = Explorer(programme=inputs.programme, scenarios_file=tmp_path / "saved.yaml")
    for tid in ("tourist_arrivals", "forest_cover_pct"):  # names with the hostile text
        e.set_any(tid, 0.1)
        assert e.widgets["any_chart"].value[:8] == b"\x89PNG\r\n\x1a\n"
    shown = [w.value for w in (e.widgets["source"], e.widgets["numbers"],
                               e.widgets["any_source"], e.widgets["any_numbers"])]
    shown += [child.value for child in e.view.children if isinstance(child, widgets.HTML)]
    assert not [h for h in shown if SCRIPT in h or IMG in h]
    # the growth chart's source names the (hostile) publishers of the growth rates, escaped
    assert html.escape(SCRIPT) in e.widgets["source"].value
    assert TEXT in html.unescape(e.widgets["source"].value)
    # the growth target's name (hostile) in the numbers: escaped
    assert html.escape(SCRIPT) in e.widgets["numbers"].value


def test_slug():
    assert scenario_slug("Phục hồi thủy điện") == "phuc-hoi-thuy-dien"
    assert scenario_slug("  Đà tăng 12% ") == "da-tang-12"
    assert scenario_slug("!!!") == ""


def test_save_writes_the_path_to_the_yaml(fresh, tmp_path):
    path = tmp_path / "custom.yaml"
    fresh.set_growth({2026: 12, 2027: 14, 2028: 11, 2029: 10, 2030: 10.5})
    fresh.save("Phục hồi thủy điện", "Hydropower recovery", path=path)
    fresh.set_growth(8.0)
    fresh.save("Chậm", path=path)
    loaded = load_scenarios(path)
    assert list(loaded) == ["phuc-hoi-thuy-dien", "cham"]
    hydro = loaded["phuc-hoi-thuy-dien"]
    assert dict(hydro.growth_pct_by_year) == {2026: 12, 2027: 14, 2028: 11, 2029: 10, 2030: 10.5}
    assert (hydro.label_vi, hydro.label_en) == ("Phục hồi thủy điện", "Hydropower recovery")
    assert hydro.indicator_id == "grdp_growth_pct"
    assert dict(loaded["cham"].growth_pct_by_year) == {y: 8.0 for y in range(2026, 2031)}
    assert loaded["cham"].label_en == "Chậm"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert raw["scenarios"]["cham"]["growth_pct"][2030] == 8


def test_save_button(fresh, tmp_path):
    path = tmp_path / "sub" / "custom.yaml"
    fresh.scenarios_file = path
    w = fresh.widgets
    w["scenario_name"].value = ""
    w["save"].click()
    assert "Chưa lưu" in w["save_status"].value and not path.exists()
    w["scenario_name"].value = "Nhanh"
    w["flat_growth_pct"].value = 11.0
    w["save"].click()
    assert "Đã lưu" in w["save_status"].value and "nhanh" in w["save_status"].value
    saved = load_scenarios(path)["nhanh"]
    assert dict(saved.growth_pct_by_year) == {y: 11.0 for y in range(2026, 2031)}


def test_saved_scenario_enters_the_assessment(fresh, tmp_path):
    """What the report reads: the saved file, via analysis.data.scenarios and engine.assess."""
    from analysis.engine.assess import assess

    path = tmp_path / "custom.yaml"
    fresh.set_growth(12.0)
    fresh.save("Mười hai", path=path)
    result = assess(fresh.dataset, custom_scenarios=load_scenarios(path))
    s = result.summary
    row = s[(s["target_id"] == "grdp_growth_pct_per_year") & (s["scenario"] == "muoi-hai")]
    assert len(row) == 1
    paths = result.paths
    p = paths[(paths["scenario"] == "muoi-hai") & (paths["kind"] == "scenario")]
    # 129.5972 × 1.12^5 = 129.5972 × 1.7623417 = 228.3946
    assert p.loc[p["year"] == 2030, "value"].iloc[0] == pytest.approx(228.3946, abs=1e-3)


def test_notebook_is_thin_and_clean():
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    for line in params[0].source.splitlines():  # literals only
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            import ast

            ast.literal_eval(value.split("  #")[0].strip())
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert sum(len(c.source.splitlines()) for c in code) < 30


@pytest.mark.slow
def test_notebook_executes_headless():
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    last = nb.cells[-1].outputs
    assert not [o for o in nb.cells if o.cell_type == "code" for o in o.outputs
                if o.output_type == "error"]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in last)


@pytest.mark.slow
def test_saved_scenario_is_printed_in_the_report(fresh, tmp_path):
    """A scenario explored is a scenario printed: save from the explorer, render the PDF."""
    from pypdf import PdfReader

    from analysis.report.render import render_report

    path = tmp_path / "custom.yaml"
    fresh.set_growth({2026: 12.5, 2027: 13, 2028: 11, 2029: 10, 2030: 10})
    fresh.save("Thủy điện phục hồi thử", "Hydropower rebound trial", path=path)
    pdf = render_report(ReportParameters(lang="en", scenarios_path=path), out_dir=tmp_path / "out")
    text = " ".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    text = " ".join(text.split())
    assert "Hydropower rebound trial" in text
    # printed as an assumption, with the average it implies over 2021-2030:
    # 1.295972 × (1.125 × 1.13 × 1.11 × 1.10 × 1.10) = 1.295972 × 1.707416 = 2.212765;
    # 2.212765^(1/10) − 1 = 8.27 % a year, short of 9 %
    assert "Hydropower rebound trial 8.27%/yr" in text
