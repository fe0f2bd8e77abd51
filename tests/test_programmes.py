"""Programmes as data: a programme that is not shipped, written to a temporary folder, is
validated, assessed and rendered without a line of code changed.

The test programme (invented for the test) belongs to another province (Sơn La), runs from base
year 2015 to target year 2025, and has six targets of different kinds; its small actuals file
is its own, with a growth history from 2014. Its indicators have ids of their own (the GRDP
growth is ``tang_truong_grdp_pct``, the population ``dan_so_nguoi``, GRDP at current prices
``grdp_hh_ty_dong``): their roles in its ``indicators.csv`` say what they are, and its
``programme.yaml`` sets the estimation choices of its own (``assessment:``). Every number
checked below is worked out by hand in the comments.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from support import write_csv

from analysis.data.datapackage import write_descriptor
from analysis.data.loaders import load_programme_data
from analysis.engine.assess import assess
from analysis.errors import InputError
from analysis.programme import load_programme, shipped_programmes
from analysis.report.parameters import ReportParameters

TARGET_COLUMNS = ["target_id", "indicator_id", "group", "name_vi", "name_en", "text_vi", "unit",
                  "kind", "comparator", "value", "low", "high", "period_start", "target_year",
                  "price_basis", "direction", "section", "note"]
INDICATOR_COLUMNS = ["indicator_id", "name_vi", "name_en", "unit", "measure", "description",
                     "role"]
ACTUAL_COLUMNS = ["indicator_id", "period", "value", "unit", "status", "qualifier",
                  "price_basis", "published", "source_title", "source_url", "quote", "choice",
                  "note"]

INDICATORS = [  # id, vi, en, unit, measure, role
    ("tang_truong_grdp_pct", "Tốc độ tăng trưởng GRDP", "GRDP growth rate", "pct_per_year",
     "growth_rate", "grdp_growth"),
    ("budget_revenue_bn_vnd", "Thu ngân sách", "Budget revenue", "bn_vnd", "level", ""),
    ("forest_cover_pct", "Tỷ lệ che phủ rừng", "Forest cover", "pct", "coverage", ""),
    ("services_share_pct_of_grdp", "Tỷ trọng dịch vụ", "Services share", "pct_of_grdp", "share",
     ""),
    ("communes_ntm_count", "Số xã nông thôn mới", "New-rural communes", "count", "count", ""),
    ("grdp_hh_ty_dong", "GRDP giá hiện hành", "GRDP at current prices", "bn_vnd", "level",
     "grdp_nominal"),
    ("dan_so_nguoi", "Dân số", "Population", "persons", "level", "population"),
]
TARGETS = [
    # target_id, indicator, group, vi, en, unit, kind, comparator, value, low, high, direction
    ("grdp_growth_pct_per_year", "tang_truong_grdp_pct", "economy", "Tăng trưởng GRDP bình quân",
     "Average GRDP growth", "pct_per_year", "avg_growth", "range", "", 7, 8, "higher"),
    ("budget_revenue_bn_vnd", "budget_revenue_bn_vnd", "economy", "Thu ngân sách năm 2025",
     "Budget revenue in 2025", "bn_vnd", "level", "at_least", 2000, "", "", "higher"),
    ("forest_cover_pct", "forest_cover_pct", "environment", "Tỷ lệ che phủ rừng",
     "Forest cover", "pct", "coverage_pct", "at_least", 45, "", "", "higher"),
    ("services_share_pct_of_grdp", "services_share_pct_of_grdp", "economy", "Tỷ trọng dịch vụ",
     "Services share", "pct_of_grdp", "share_of_grdp", "about", 40, "", "", "higher"),
    ("communes_ntm_count", "communes_ntm_count", "economy", "Số xã đạt chuẩn nông thôn mới",
     "Communes at the new-rural standard", "count", "count", "at_least", 50, "", "", "higher"),
    ("grdp_current_bn_vnd", "grdp_hh_ty_dong", "economy", "GRDP năm 2025", "GRDP in 2025",
     "bn_vnd", "level", "at_least", 30000, "", "", "higher"),
]
#: The growth history from 2014 (2014 and 2015 before the programme period).
GROWTH = {2014: 9, 2015: 10, 2016: 8, 2017: 6, 2018: 7, 2019: 5, 2020: 2, 2021: 4, 2022: 6,
          2023: 5}
LEVELS = [("budget_revenue_bn_vnd", 2015, 1000, "bn_vnd"), ("budget_revenue_bn_vnd", 2023, 1600,
                                                              "bn_vnd"),
          ("forest_cover_pct", 2015, 40.0, "pct"), ("forest_cover_pct", 2023, 44.0, "pct"),
          ("services_share_pct_of_grdp", 2015, 36.0, "pct_of_grdp"),
          ("services_share_pct_of_grdp", 2023, 39.8, "pct_of_grdp"),
          ("communes_ntm_count", 2015, 10, "count"), ("communes_ntm_count", 2023, 30, "count"),
          ("grdp_hh_ty_dong", 2015, 15000, "bn_vnd"), ("grdp_hh_ty_dong", 2023, 26000, "bn_vnd"),
          ("dan_so_nguoi", 2014, 500000, "persons"), ("dan_so_nguoi", 2023, 540000, "persons")]

PROGRAMME_YAML = """\
id: nq-99-son-la
title:
  vi: Nghị quyết số 99-NQ/TU về phát triển kinh tế - xã hội giai đoạn 2016-2025 (thử nghiệm)
  en: Resolution No. 99-NQ/TU on socio-economic development 2016-2025 (a test)
short_title:
  vi: Nghị quyết số 99-NQ/TU
  en: Resolution No. 99-NQ/TU
issuer:
  vi: Ban Chấp hành Đảng bộ tỉnh Sơn La
  en: Sơn La Provincial Party Executive Committee
number: 99-NQ/TU
date: 2016-03-01
province:
  vi: Sơn La
  en: Sơn La
base_year: 2015
target_year: 2025
targets: targets.csv
actuals: ../../provinces/son-la/actuals.csv
growth_target: grdp_growth_pct_per_year
chapters:
  - grdp_growth_pct_per_year
  - budget_revenue_bn_vnd
  - forest_cover_pct
assessment:
  volatility_history_start: 2014
  population_growth_pct: 1.0
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("data")
    prog = root / "programmes" / "nq-99-son-la"
    write_csv(root / "provinces" / "son-la" / "indicators.csv", INDICATOR_COLUMNS,
           [(*i[:5], "test indicator", i[5]) for i in INDICATORS])
    rows = [("tang_truong_grdp_pct", y, g, "pct_per_year", "official", "exact", "", "2024",
             "Test source", f"https://example.org/grdp/{y}", "test", "", "")
            for y, g in GROWTH.items()]
    rows += [(i, y, v, u, "official", "exact", "", "2024", "Test source",
              f"https://example.org/{i}/{y}", "test", "", "") for i, y, v, u in LEVELS]
    write_csv(root / "provinces" / "son-la" / "actuals.csv", ACTUAL_COLUMNS, rows)
    write_csv(prog / "targets.csv", TARGET_COLUMNS,
           [(tid, ind, group, vi, en, f"{vi} (test)", unit, kind, comp, value, low, high, 2016,
             2025, "", direction, "test", "")
            for tid, ind, group, vi, en, unit, kind, comp, value, low, high, direction in TARGETS])
    (prog / "programme.yaml").write_text(PROGRAMME_YAML, encoding="utf-8")
    # its descriptor, generated as the README says (python -m analysis datapackage)
    write_descriptor(load_programme(prog, descriptor=False))
    return prog


def _row(result, target_id, scenario="target"):
    s = result.summary
    hit = s[(s["target_id"] == target_id) & (s["scenario"] == scenario)]
    assert len(hit) == 1
    return hit.iloc[0]


def test_the_shipped_programmes_load():
    ids = [p.id for p in shipped_programmes()]
    assert "26-ctr-tu" in ids
    p = load_programme("26-ctr-tu")
    assert (p.base_year, p.target_year, p.growth_target) == (2020, 2030,
                                                            "grdp_growth_pct_per_year")
    assert p.report_filename(2025, "vi") == "26-ctr-tu-2025-vi.pdf"


def test_a_programme_that_is_not_shipped_is_assessed(folder):
    p = load_programme(folder)
    assert (p.id, p.base_year, p.target_year, p.province["vi"]) == ("nq-99-son-la", 2015, 2025,
                                                                     "Sơn La")
    data = load_programme_data(p)
    r = assess(data, base_year=p.base_year, params=p.assessment)
    assert r.year == 2023
    g = _row(r, "grdp_growth_pct_per_year")
    # index 2023 = 100 × 1.08 × 1.06 × 1.07 × 1.05 × 1.02 × 1.04 × 1.06 × 1.05 = 151.8558;
    # observed 1.518558^(1/8) − 1 = 5.361 %; v* = 100 × 1.07^10 = 196.7151;
    # required (196.7151 / 151.8558)^(1/2) − 1 = 13.816 %; R = 5.361 / 7 = 0.766
    assert g["latest_value"] == pytest.approx(151.8558, abs=1e-3)
    assert g["observed_pace"] == pytest.approx(5.3608, abs=1e-3)
    assert g["required_pace"] == pytest.approx(13.816, abs=1e-3)
    assert g["progress_class"] == "acceleration_needed"
    b = _row(r, "budget_revenue_bn_vnd")
    # 1,000 → 1,600 in 8 years: 1.6^(1/8) − 1 = 6.051 %; from the base 2^(1/10) − 1 = 7.177 %;
    # R = 0.8431 → acceleration needed; required (2,000 / 1,600)^(1/2) − 1 = 11.803 %
    assert b["observed_pace"] == pytest.approx(6.0511, abs=1e-3)
    assert b["ratio"] == pytest.approx(0.8431, abs=1e-3)
    assert b["required_pace"] == pytest.approx(11.8034, abs=1e-3)
    f = _row(r, "forest_cover_pct")
    # (44 − 40) / 8 = 0.5 pp a year against (45 − 40) / 10 = 0.5: R = 1 → on track;
    # required (45 − 44) / 2 = 0.5
    assert f["ratio"] == pytest.approx(1.0) and f["progress_class"] == "on_track"
    # 39.8 % is within 0.5 pp of "about 40 %": achieved
    assert _row(r, "services_share_pct_of_grdp")["progress_class"] == "achieved"
    c = _row(r, "communes_ntm_count")
    # (30 − 10) / 8 = 2.5 a year against (50 − 10) / 10 = 4: R = 0.625; required 20 / 2 = 10
    assert c["ratio"] == pytest.approx(0.625) and c["required_pace"] == pytest.approx(10.0)


def test_another_province_s_ids_and_history_need_no_code(folder):
    p = load_programme(folder)
    assert p.assessment == {"volatility_history_start": 2014, "population_growth_pct": 1.0}
    r = assess(load_programme_data(p), base_year=p.base_year, params=p.assessment)
    assert r.roles.grdp_growth == "tang_truong_grdp_pct"
    assert r.roles.population == "dan_so_nguoi" and r.roles.grdp_nominal == "grdp_hh_ty_dong"
    band = r.band_parameters.set_index("target_id").loc["grdp_growth_pct_per_year"]
    # the volatility from the province's history since 2014: ln(1 + g) of 9, 10, 8, 6, 7, 5,
    # 2, 4, 6, 5 % = 0.086178, 0.095310, 0.076961, 0.058269, 0.067659, 0.048790, 0.019803,
    # 0.039221, 0.058269, 0.048790; mean 0.059925; sample sd 0.022567. No break: the largest
    # |modified z| before the programme (2015: 0.6745 × (0.095310 − 0.058269) / 0.014085) is
    # 1.77, under 3.5
    assert band["volatility_years"] == ",".join(str(y) for y in range(2014, 2024))
    assert band["break_years"] == ""
    assert band["sd_log_growth"] == pytest.approx(0.022567, abs=1e-6)
    # the same data from 2016 (another history start): 2016-2023 only, sd 0.017595
    later = assess(load_programme_data(p), base_year=p.base_year,
                   params={**p.assessment, "volatility_history_start": 2016})
    assert later.band_parameters["sd_log_growth"].iloc[0] == pytest.approx(0.017595, abs=1e-6)
    # the population of 2025 from its own indicator (dan_so_nguoi, 540,000 in 2023) at the
    # programme's assumed 1 % a year: 540,000 × 1.01² = 550,854
    levels = r.derived_levels.set_index("scenario").loc["current_pace"]
    assert levels["population_target_year_persons"] == pytest.approx(550_854.0)
    assert levels["population_year"] == 2023
    # GRDP at current prices (grdp_hh_ty_dong): 15,000 in 2015 to 30,000 in 2025 is
    # 2^(1/10) − 1 = 7.1773 % a year in nominal terms
    c = r.consistency.set_index("check_id")
    assert c.loc["grdp_nominal_growth_implied", "value"] == pytest.approx(7.1773, abs=1e-4)


def test_programme_errors_name_the_file_and_the_key(tmp_path, folder):
    bad = tmp_path / "bad"
    bad.mkdir()
    text = PROGRAMME_YAML.replace("  - forest_cover_pct\n", "  - no_such_target\n")
    text = text.replace("targets: targets.csv", "targets: ../nq-99-son-la/targets.csv")
    text = text.replace("actuals: ../../provinces/son-la/actuals.csv",
                        "actuals: missing.csv\ncolour: red")
    (bad / "programme.yaml").write_text(text, encoding="utf-8")
    import shutil

    shutil.copytree(folder, tmp_path / "nq-99-son-la")
    with pytest.raises(InputError) as info:
        load_programme(bad)
    text = "\n".join(p.render("en") for p in info.value.problems)
    # each with its line in the file (the YAML above: colour on line 20, actuals on 19)
    assert "programme.yaml, row 20, key 'colour': unknown key" in text
    assert "programme.yaml, row 19, key 'actuals': file not found (found 'missing.csv'" in text
    assert "key 'chapters[3]': target not in the targets file (found 'no_such_target'" in text
    # the folder 'bad' holds a programme whose id is another folder's
    assert "row 1, key 'id': the programme's id differs from its folder's name " \
           "(found 'nq-99-son-la'; expected 'bad'" in text
    vi = info.value.render("vi")  # Vietnamese by default
    assert "programme.yaml, dòng 20, khóa 'colour': khóa không được biết" in vi
    assert "khóa 'actuals': không tìm thấy tệp" in vi


def _text(pdf: Path, *pages: str) -> str:
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_it_renders_in_both_languages_without_the_default_programme(folder, tmp_path, lang):
    from analysis.report.render import render_report

    pdf = render_report(ReportParameters(programme=folder, lang=lang, report_date="2026-12-01"),
                        out_dir=tmp_path)
    assert pdf.name == f"nq-99-son-la-2023-{lang}.pdf"
    title = _text(pdf, "-f", "1", "-l", "1")
    full = _text(pdf)
    head = "Tóm tắt" if lang == "vi" else "Executive summary"
    contents = full.index("Mục lục" if lang == "vi" else "Contents")
    body = full[full.index(head, full.index(head, contents) + 1):]  # past the contents
    summary = body[:body.index("Tình hình thực hiện" if lang == "vi" else "Status of")]
    for text in (title, summary):
        assert "Lai Châu" not in text and "26-CTr/TU" not in text
        assert "Sơn La" in text or "99-NQ/TU" in text
    captions = [line for line in full.splitlines()
                if line.strip().startswith(("Hình", "Figure", "Bảng", "Table"))]
    assert captions and not any("Lai Châu" in c or "26-CTr" in c or "2030" in c
                                for c in captions)
    flat = " ".join(full.split())
    # the numbers worked out above, as the report prints them
    if lang == "vi":
        assert "5,36%/năm" in flat and "13,82%/năm" in flat and "11,80%/năm" in flat
    else:
        assert "5.36%/yr" in flat and "13.82%/yr" in flat and "11.80%/yr" in flat
