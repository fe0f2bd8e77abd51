"""Tests of the shipped data files against the programme text and the data contract.

The expected targets below were written by hand from Action Programme 26-CTr/TU (section II.2
and the numeric targets of section III), not read from the catalogue: a target missing from the
CSV, an extra one, or a changed number fails the test.
"""

import csv
import re

import pytest
from frictionless import Package, system
from support import DEFAULT_ACTUALS as ACTUALS_CSV
from support import DEFAULT_INDICATORS as INDICATORS_CSV
from support import DEFAULT_REFERENCE_VALUES as REFERENCES_CSV
from support import DEFAULT_TARGETS as TARGETS_CSV
from support import ROOT

STATUSES = {"official", "preliminary", "estimate", "partial-year", "reported"}
PARTIAL_PERIOD = re.compile(r"^\d{4}-([1-9]|1[01])M$")
MULTI_YEAR_PERIOD = re.compile(r"^(\d{4})-(\d{4})$")


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def num(cell):
    return None if cell == "" else float(cell)


# (target_id, unit, comparator, value, low, high, the number as the document writes it)
DOCUMENT_TARGETS = [
    # II.2 economy
    ("grdp_growth_pct_per_year", "pct_per_year", "range", None, 9, 11, "9-11%/năm"),
    ("grdp_current_bn_vnd", "bn_vnd", "about", 63600, None, None, "63.600 tỷ đồng"),
    ("agriculture_share_pct_of_grdp", "pct_of_grdp", "about", 10.1, None, None, "10,1%"),
    ("industry_construction_share_pct_of_grdp", "pct_of_grdp", "about", 48.5, None, None, "48,5%"),
    ("services_share_pct_of_grdp", "pct_of_grdp", "about", 33.4, None, None, "33,4%"),
    ("product_taxes_share_pct_of_grdp", "pct_of_grdp", "about", 8, None, None, "8%"),
    ("grdp_per_capita_mn_vnd", "mn_vnd_per_person", "at_least", 116.6, None, None, "116,6 triệu đồng"),
    ("budget_revenue_bn_vnd", "bn_vnd", "more_than", 5000, None, None, "trên 5.000 tỷ đồng"),
    ("urbanisation_rate_pct", "pct", "at_least", 40, None, None, "40%"),
    ("communes_ntm_pct", "pct", "at_least", 70, None, None, "70% số xã"),
    ("communes_ntm_advanced_pct", "pct", "at_least", 25, None, None, "25% số xã"),
    ("districts_ntm_count", "count", "at_least", 4, None, None, "04 đơn vị cấp huyện"),
    ("export_import_growth_pct_per_year", "pct_per_year", "at_least", 13, None, None, "13%/năm"),
    ("tourist_arrivals", "arrivals", "more_than", 2_000_000, None, None, "trên 2 triệu"),
    # II.2 society
    ("trained_labour_pct", "pct", "about", 70, None, None, "khoảng 70%"),
    ("trained_labour_certified_pct", "pct", "at_least", 55, None, None, "55%"),
    ("poverty_rate_multidim_reduction_pp_per_year", "pp_per_year", "range", None, 2, 3, "2%-3%/năm"),
    ("hospital_beds_per_10k_people", "per_10k_people", "more_than", 40, None, None, "trên 40 giường"),
    ("doctors_per_10k_people", "per_10k_people", "more_than", 13, None, None, "trên 13 bác sĩ"),
    ("commune_health_stations_ncd_pct", "pct", "at_least", 100, None, None, "100%"),
    ("health_insurance_coverage_pct", "pct", "more_than", 95, None, None, "trên 95%"),
    # II.2 environment
    ("forest_cover_pct", "pct", "at_least", 56, None, None, "56%"),
    ("urban_piped_water_pct", "pct", "at_least", 100, None, None, "100%"),
    ("rural_hygienic_water_pct", "pct", "at_least", 100, None, None, "100%"),
    ("hazardous_medical_waste_treated_pct", "pct", "at_least", 100, None, None, "100%"),
    ("urban_solid_waste_collected_pct", "pct", "at_least", 100, None, None, "chất thải rắn đô thị đạt 100%"),
    ("industrial_zones_wastewater_pct", "pct", "at_least", 100, None, None, "100%"),
    # III
    ("industry_growth_pct_per_year", "pct_per_year", "more_than", 8, None, None, "trên 8%/năm"),
    ("tea_area_ha", "ha", "more_than", 10000, None, None, "trên 10.000 ha"),
    ("macadamia_area_ha", "ha", "about", 35000, None, None, "khoảng 35.000 ha"),
    ("fruit_tree_area_ha", "ha", "at_least", 9800, None, None, "9.800 ha"),
    ("forest_planting_2021_2030_ha", "ha", "at_least", 20000, None, None, "20.000 ha"),
    ("planted_forest_area_ha", "ha", "more_than", 40000, None, None, "trên 40.000 ha"),
    # 168 nghìn tỷ đồng = 168 x 1,000 bn VND = 168,000 bn VND
    ("social_investment_2021_2030_bn_vnd", "bn_vnd", "about", 168000, None, None, "168 nghìn tỷ đồng"),
    ("schools_national_standard_pct", "pct", "at_least", 80, None, None, "80%"),
    ("district_roads_hardened_pct", "pct", "at_least", 100, None, None, "100% các tuyến đường huyện"),
    ("commune_roads_hardened_pct", "pct", "more_than", 80, None, None, "trên 80% các tuyến đường xã"),
    ("villages_road_access_pct", "pct", "at_least", 100, None, None, "100% số thôn, bản"),
    # five named towns (Than Uyên, Tân Uyên, Phong Thổ, Tam Đường, Sìn Hồ) to class IV
    ("towns_class_iv_count", "count", "at_least", 5, None, None, "Sìn Hồ lên đô thị loại IV"),
    # three named towns (Nậm Tăm, Ma Lò Thành, Phúc Than) to class V
    ("towns_class_v_count", "count", "at_least", 3, None, None, "là đô thị loại V"),
]

# Values checked by hand against lai-chau-sourced-figures.csv (indicator, period, value,
# qualifier, status): conflicts kept, bounds keep their qualifier, partial periods flagged.
SPOT_CHECKS = [
    ("grdp_growth_pct", "2025", 8.2, "exact", "estimate"),       # Nov 2025
    ("grdp_growth_pct", "2025", 7.52, "exact", "estimate"),      # Jan 2026, conflicting
    ("grdp_growth_pct", "2023", -2.77, "exact", "preliminary"),
    ("grdp_growth_pct", "2021-2023", 3.91, "exact", "reported"),
    ("grdp_growth_pct", "2024-9M", 11.63, "exact", "partial-year"),
    ("grdp_per_capita_mn_vnd", "2025", 65.5, "exact", "estimate"),
    ("grdp_per_capita_mn_vnd", "2025", 79, "exact", "estimate"),
    ("grdp_per_capita_mn_vnd", "2014", 16.94, "exact", "official"),
    ("grdp_per_capita_mn_vnd", "2014", 16.67, "exact", "reported"),
    ("grdp_per_capita_mn_vnd", "2022", 48, "about", "estimate"),    # "gần 48"
    ("budget_revenue_bn_vnd", "2021", 2000, "more_than", "estimate"),  # "hơn 2.000"
    ("tourism_revenue_bn_vnd", "2024-6M", 647, "more_than", "partial-year"),
    ("tourism_revenue_bn_vnd", "2024-6M", 412, "exact", "partial-year"),
    ("tourist_arrivals", "2024-6M", 780600, "exact", "partial-year"),
    ("tourist_arrivals_domestic", "2024-6M", 763114, "exact", "partial-year"),
    ("tourist_arrivals_international", "2024-6M", 17486, "exact", "partial-year"),
    ("agriculture_share_pct_of_grdp", "2010", 28.47, "exact", "official"),
    ("industry_construction_share_pct_of_grdp", "2010", 19.21, "exact", "official"),
    ("services_incl_taxes_share_pct_of_grdp", "2010", 52.32, "exact", "official"),
    ("poverty_rate_multidim_pct", "2021", 27.9, "exact", "reported"),
    ("poverty_rate_2016_2020_standard_pct", "2020", 16.33, "exact", "reported"),
    ("communes_ntm_count", "2022", 39, "exact", "reported"),
    ("communes_ntm_pct", "2022", 41.49, "exact", "reported"),   # 39 / 94 x 100 = 41.489...
    ("grdp_current_bn_vnd", "2020", 20486, "exact", "estimate"),
    ("population_persons", "2021", 478400, "exact", "official"),  # 478,4 nghìn x 1,000
    ("forest_cover_pct", "2023", 51.87, "exact", "reported"),
]


@pytest.fixture(scope="module")
def indicators():
    return {r["indicator_id"]: r for r in read_csv(INDICATORS_CSV)}


@pytest.fixture(scope="module")
def targets():
    return read_csv(TARGETS_CSV)


@pytest.fixture(scope="module")
def actuals():
    return read_csv(ACTUALS_CSV)


# ---------------------------------------------------------------- (a) the catalogue


def test_catalogue_holds_exactly_the_documents_targets(targets):
    expected = {t[0] for t in DOCUMENT_TARGETS}
    found = {r["target_id"] for r in targets}
    assert len(DOCUMENT_TARGETS) == 40
    assert not expected - found, f"missing from the catalogue: {sorted(expected - found)}"
    assert not found - expected, f"not in the document list: {sorted(found - expected)}"


@pytest.mark.parametrize("target_id,unit,comparator,value,low,high,as_written", DOCUMENT_TARGETS,
                         ids=[t[0] for t in DOCUMENT_TARGETS])
def test_target_value_matches_document(targets, target_id, unit, comparator, value, low, high,
                                       as_written):
    row = next(r for r in targets if r["target_id"] == target_id)
    assert row["unit"] == unit
    assert row["comparator"] == comparator
    assert num(row["value"]) == value
    assert num(row["low"]) == low
    assert num(row["high"]) == high
    assert as_written in row["text_vi"], f"{target_id}: {as_written!r} not in {row['text_vi']!r}"
    assert row["period_start"] == "2021" and row["target_year"] == "2030"


def test_range_targets_have_low_high_and_others_a_value(targets):
    problems = []
    for r in targets:
        if r["comparator"] == "range":
            ok = (r["value"] == "" and r["low"] != "" and r["high"] != ""
                  and float(r["low"]) < float(r["high"]))
        else:
            ok = r["value"] != "" and r["low"] == "" and r["high"] == ""
        if not ok:
            problems.append(r["target_id"])
    assert not problems, problems


def test_target_text_has_no_known_ocr_errors(targets):
    ocr_errors = ["Phân đầu", "phần đầu", "chuyên dịch", "Cùng cố"]
    bad = [(r["target_id"], e) for r in targets for e in ocr_errors
           if e in r["text_vi"] + r["name_vi"]]
    assert not bad, bad


def test_growth_and_share_targets_name_their_price_basis(targets):
    need = [r["target_id"] for r in targets
            if r["kind"] in {"avg_growth", "share_of_grdp"}
            or r["unit"] in {"bn_vnd", "mn_vnd_per_person"}]
    basis = {r["target_id"]: r["price_basis"] for r in targets}
    missing = [t for t in need if basis[t] == ""]
    assert not missing, missing


def test_reference_values_of_section_one():
    refs = {r["reference_id"]: r for r in read_csv(REFERENCES_CSV)}
    expected = {  # from section I of the document
        "grdp_growth_avg_2004_2020_pct_per_year": (10.89, "exact", "10,89%/năm"),
        "grdp_per_capita_2020_mn_vnd": (43, "more_than", "trên 43 triệu đồng"),
        "grdp_per_capita_increase_2004_2020_times": (16.8, "exact", "16,8 lần"),
        "budget_revenue_increase_2004_2020_times": (64.6, "exact", "64,6 lần"),
    }
    assert set(refs) == set(expected)
    for rid, (value, qualifier, words) in expected.items():
        assert float(refs[rid]["value"]) == value
        assert refs[rid]["qualifier"] == qualifier
        assert words in refs[rid]["quote"]


# ---------------------------------------------------------------- (b) provenance of actuals


def test_every_actual_has_provenance(actuals):
    problems = []
    for i, r in enumerate(actuals, start=2):
        if not re.match(r"^https?://\S+$", r["source_url"]):
            problems.append((i, "source_url", r["source_url"]))
        if r["status"] not in STATUSES:
            problems.append((i, "status", r["status"]))
        for col in ("quote", "source_title"):
            if not r[col].strip():
                problems.append((i, col, "empty"))
    assert not problems, problems


def test_spot_checks_against_the_research_file(actuals):
    missing = []
    for ind, period, value, qualifier, status in SPOT_CHECKS:
        hits = [r for r in actuals if r["indicator_id"] == ind and r["period"] == period
                and float(r["value"]) == value and r["qualifier"] == qualifier
                and r["status"] == status]
        if not hits:  # 7.52 for 2025 comes from two sources, so at least one row
            missing.append((ind, period, value, qualifier, status))
    assert not missing, missing


def test_derived_values_say_so(actuals):
    # 39/94 communes -> 41.49 %, 100 - 82.31 rural share -> 17.69 % urban, "tăng 1,3 lần" -> 30 %
    derived = [r for r in actuals if (r["indicator_id"], r["period"], r["value"]) in
               {("communes_ntm_pct", "2022", "41.49"), ("urbanisation_rate_pct", "2022", "17.69"),
                ("export_import_growth_pct", "2025-8M", "30")}]
    assert len(derived) == 3
    assert all("DERIVED" in r["note"] for r in derived)


# ---------------------------------------------------------------- (c) the data contract


PACKAGES = sorted((ROOT / "data").glob("*/*/datapackage.json"))


def test_every_programme_and_province_folder_has_its_descriptor():
    folders = sorted((ROOT / "data").glob("programmes/*/")) + sorted(
        (ROOT / "data").glob("provinces/*/"))
    assert folders and all((f / "datapackage.json").is_file() for f in folders), folders


@pytest.mark.parametrize("descriptor", PACKAGES, ids=[p.parent.name for p in PACKAGES])
def test_files_validate_against_descriptor(descriptor):
    # trusted: the descriptors point to the shared table schemas in data/schema/ and a
    # programme to its province's indicators, paths outside their own folder
    with system.use_context(trusted=True):
        report = Package(str(descriptor)).validate()
    errors = [f"{task.name}: {err.message}" for task in report.tasks for err in task.errors]
    errors += [err.message for err in report.errors]
    print("\n".join(errors))
    assert report.valid, "\n".join(errors[:30])


# ---------------------------------------------------------------- (d) indicators and units


def test_every_indicator_id_is_declared(indicators, targets, actuals):
    used = {r["indicator_id"] for r in targets} | {r["indicator_id"] for r in actuals}
    assert not used - set(indicators), sorted(used - set(indicators))


def test_actual_units_equal_indicator_units(indicators, actuals):
    bad = [(i, r["indicator_id"], r["unit"], indicators[r["indicator_id"]]["unit"])
           for i, r in enumerate(actuals, start=2)
           if r["unit"] != indicators[r["indicator_id"]]["unit"]]
    assert not bad, bad


def test_target_units_equal_indicator_units_except_pp_change(indicators, targets):
    # a change_pp_per_year target is stated in pp/yr on a level series measured in pct
    bad = [r["target_id"] for r in targets
           if r["kind"] != "change_pp_per_year"
           and r["unit"] != indicators[r["indicator_id"]]["unit"]]
    assert not bad, bad
    pp = [r for r in targets if r["kind"] == "change_pp_per_year"]
    units = [(r["unit"], indicators[r["indicator_id"]]["unit"]) for r in pp]
    assert units == [("pp_per_year", "pct")]


def test_values_are_plausible_for_their_measure(indicators, actuals):
    bad = []
    for i, r in enumerate(actuals, start=2):
        measure, v = indicators[r["indicator_id"]]["measure"], float(r["value"])
        if measure in {"share", "coverage"} and not 0 <= v <= 100:
            bad.append((i, r["indicator_id"], v))
        if measure in {"level", "count", "area"} and v < 0:
            bad.append((i, r["indicator_id"], v))
    assert not bad, bad


# ---------------------------------------------------------------- (e) periods and status


def test_partial_periods_iff_partial_year_status(actuals):
    bad = [(i, r["period"], r["status"]) for i, r in enumerate(actuals, start=2)
           if bool(PARTIAL_PERIOD.match(r["period"])) != (r["status"] == "partial-year")]
    assert not bad, bad


def test_multi_year_periods_run_forward(actuals):
    bad = [(i, r["period"]) for i, r in enumerate(actuals, start=2)
           if (m := MULTI_YEAR_PERIOD.match(r["period"])) and int(m.group(1)) >= int(m.group(2))]
    assert not bad, bad
