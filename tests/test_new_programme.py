"""A new plan in an afternoon: the new-programme workbook, filled with openpyxl as an economist
would fill it in Excel, imported, assessed; and the traps a copied folder used to leave.

The province ("Tỉnh Thử", folder ``tinh-thu``) and its plan (2026–2030, base year 2025) are
invented for the test, in a temporary data folder (``--data``): indicators with their roles,
actuals for 2025 and 2026. Every verdict is worked out by hand in the comments.
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from support import cli, write_csv

from analysis.report.workspace import WORK_PREFIX

PROVINCE = "tinh-thu"
INDICATORS = [
    # id, vi, en, unit, measure, role, level series
    ("tang_truong_grdp_pct", "Tốc độ tăng GRDP", "GRDP growth", "pct_per_year", "growth_rate",
     "grdp_growth", ""),
    ("thu_ngan_sach_ty_dong", "Thu ngân sách", "Budget revenue", "bn_vnd", "level", "", ""),
    ("che_phu_rung_pct", "Tỷ lệ che phủ rừng", "Forest cover", "pct", "coverage", "", ""),
    ("ty_trong_dich_vu_pct_grdp", "Tỷ trọng dịch vụ", "Services share", "pct_of_grdp", "share",
     "", ""),
    ("von_dau_tu_ty_dong", "Vốn đầu tư toàn xã hội", "Total investment", "bn_vnd", "level",
     "", ""),
    ("dan_so_nguoi", "Dân số", "Population", "persons", "level", "population", ""),
]
ACTUALS = [  # indicator, period, value, unit
    ("tang_truong_grdp_pct", "2026", 7.5, "pct_per_year"),
    ("thu_ngan_sach_ty_dong", "2025", 4000, "bn_vnd"),
    ("thu_ngan_sach_ty_dong", "2026", 4400, "bn_vnd"),
    ("che_phu_rung_pct", "2025", 45.0, "pct"), ("che_phu_rung_pct", "2026", 45.7, "pct"),
    ("ty_trong_dich_vu_pct_grdp", "2025", 37.0, "pct_of_grdp"),
    ("ty_trong_dich_vu_pct_grdp", "2026", 39.7, "pct_of_grdp"),
    ("von_dau_tu_ty_dong", "2026", 18000, "bn_vnd"),
    ("dan_so_nguoi", "2025", 600000, "persons"), ("dan_so_nguoi", "2026", 606000, "persons"),
]
PROGRAMME = {  # the sheet "chuong_trinh", as typed (a date and numbers as Excel gives them)
    "title_vi": "Kế hoạch phát triển kinh tế - xã hội 5 năm 2026-2030 tỉnh Thử (thử nghiệm)",
    "title_en": "Five-year socio-economic development plan 2026-2030 of Thử province (a test)",
    "short_title_vi": "Kế hoạch 5 năm 2026-2030", "short_title_en": "Five-year plan 2026-2030",
    "issuer_vi": "Hội đồng nhân dân tỉnh Thử", "issuer_en": "Thử Provincial People's Council",
    "number": "96/NQ-HĐND", "date": "09/12/2025", "province_vi": "Thử", "province_en": "Thử",
    "base_year": 2025, "target_year": 2030, "growth_target": "grdp_growth_pct_per_year",
}
# the sheet "chi_tieu": five targets of five kinds, typed with the words of the dropdowns and
# numbers the Vietnamese way ("5.000" is five thousand, "100.000" a hundred thousand)
TARGETS = [
    {"target_id": "grdp_growth_pct_per_year", "name_vi": "Tăng trưởng GRDP bình quân",
     "name_en": "Average GRDP growth", "text_vi": "Tốc độ tăng trưởng GRDP bình quân 8-10%/năm",
     "indicator_id": "tang_truong_grdp_pct", "kind": "tăng bình quân", "comparator": "từ-đến",
     "value": "8-10", "direction": "cao hơn là tốt", "group": "Kinh tế",
     "section": "Phụ lục I", "price_basis": "giá so sánh 2010"},
    {"target_id": "budget_revenue_bn_vnd", "name_vi": "Thu ngân sách năm 2030",
     "name_en": "Budget revenue in 2030", "text_vi": "Thu ngân sách trên 5.000 tỷ đồng",
     "indicator_id": "thu_ngan_sach_ty_dong", "kind": "mức năm mục tiêu", "comparator": "trên",
     "value": "5.000", "direction": "cao hơn là tốt", "group": "Kinh tế",
     "section": "Phụ lục I", "price_basis": "giá hiện hành", "period": "2026-2030"},
    {"target_id": "forest_cover_pct", "name_vi": "Tỷ lệ che phủ rừng", "name_en": "Forest cover",
     "text_vi": "Tỷ lệ che phủ rừng đạt 50%", "indicator_id": "che_phu_rung_pct",
     "kind": "tỷ lệ", "comparator": "đạt", "value": 50, "direction": "cao hơn là tốt",
     "group": "Môi trường", "section": "Phụ lục III"},
    {"target_id": "services_share_pct_of_grdp", "name_vi": "Tỷ trọng dịch vụ",
     "name_en": "Services share", "text_vi": "Dịch vụ chiếm khoảng 40% GRDP",
     "indicator_id": "ty_trong_dich_vu_pct_grdp", "kind": "share_of_grdp",
     "comparator": "khoảng", "value": "40", "direction": "higher", "group": "economy",
     "section": "Phụ lục I", "price_basis": "current"},
    {"target_id": "investment_2026_2030_bn_vnd", "name_vi": "Vốn đầu tư 2026-2030",
     "name_en": "Investment 2026-2030", "text_vi": "Tổng vốn đầu tư khoảng 100 nghìn tỷ đồng",
     "indicator_id": "von_dau_tu_ty_dong", "kind": "tổng cả giai đoạn",
     "comparator": "khoảng", "value": "100.000", "direction": "cao hơn là tốt",
     "group": "Kinh tế", "section": "Phụ lục I", "price_basis": "giá hiện hành"},
]
CHAPTERS = [{"targets": "grdp_growth_pct_per_year"}, {"targets": "budget_revenue_bn_vnd"}]


@pytest.fixture
def data(tmp_path) -> Path:
    """A data folder with the invented province and no programme yet."""
    root = tmp_path / "data"
    (root / "programmes").mkdir(parents=True)
    write_csv(root / "provinces" / PROVINCE / "indicators.csv",
               ["indicator_id", "name_vi", "name_en", "unit", "measure", "description", "role",
                "grdp_structures", "level_series"],
               [(i, vi, en, u, m, "test", role, "", level)
                for i, vi, en, u, m, role, level in INDICATORS])
    write_csv(root / "provinces" / PROVINCE / "actuals.csv",
               ["indicator_id", "period", "value", "unit", "status", "qualifier", "price_basis",
                "published", "source_title", "source_url", "source_tier", "quote"],
               [(i, p, v, u, "estimate", "exact", "", "2026-12-20", "Test source",
                 f"https://example.org/{i}/{p}", "secondary", "invented for a test")
                for i, p, v, u in ACTUALS])
    return root


def fill(workbook: Path, programme=None, targets=None, chapters=None) -> None:
    """Type the plan into the workbook ``new-programme --out`` wrote, as an economist does."""
    wb = load_workbook(workbook)
    sheet = wb["chuong_trinh"]
    values = PROGRAMME if programme is None else programme
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in values:
            row[1].value = values[row[0].value]
    for name, rows in (("chi_tieu", TARGETS if targets is None else targets),
                       ("chuong", CHAPTERS if chapters is None else chapters)):
        sheet = wb[name]
        header = [c.value for c in sheet[1]]
        for number, record in enumerate(rows, start=2):
            for key, value in record.items():
                sheet.cell(row=number, column=header.index(key) + 1, value=value)
    wb.save(workbook)


def workbook(data: Path, tmp_path: Path, **kw) -> Path:
    path = tmp_path / "ke-hoach.xlsx"
    code, out, err = cli(["new-programme", "--out", str(path), "--province", PROVINCE,
                          "--data", str(data)])
    assert code == 0, err
    fill(path, **kw)
    return path


def import_plan(data: Path, path: Path, pid="tinh-thu-2026-2030", *extra, lang="en"):
    return cli(["new-programme", "--from", str(path), "--id", pid, "--data", str(data),
                "--lang", lang, *extra])


# ------------------------------------------------------------------------- the workbook itself


def test_the_workbook_has_its_sheets_dropdowns_and_the_province_s_indicators(data, tmp_path):
    path = tmp_path / "plan.xlsx"
    code, out, err = cli(["new-programme", "--out", str(path), "--province", PROVINCE,
                          "--data", str(data)])
    assert code == 0, err
    assert str(path) in out
    wb = load_workbook(path)
    assert wb.sheetnames == ["Hướng dẫn", "chuong_trinh", "chi_tieu", "chuong", "chi_so",
                             "danh_sach"]
    assert wb["danh_sach"].sheet_state == "hidden"
    keys = [r[0].value for r in wb["chuong_trinh"].iter_rows(min_row=2)]
    for key in ("title_vi", "title_en", "issuer_vi", "number", "date", "province", "base_year",
                "target_year", "growth_target"):
        assert key in keys
    province = next(r for r in wb["chuong_trinh"].iter_rows(min_row=2)
                    if r[0].value == "province")
    assert province[1].value == PROVINCE  # filled in
    listed = [r[0].value for r in wb["chi_so"].iter_rows(min_row=2)]
    assert listed == [i[0] for i in INDICATORS]
    targets = wb["chi_tieu"]
    header = [c.value for c in targets[1]]
    assert header[:11] == ["target_id", "name_vi", "name_en", "text_vi", "indicator_id",
                           "Tên chỉ số (tự điền)", "unit", "kind", "comparator", "value",
                           "period"]
    assert targets["A1"].comment is not None  # each header cell says what it holds
    validated = {str(v.sqref).split(":")[0] for v in targets.data_validations.dataValidation}
    letters = {name: chr(ord("A") + header.index(name)) for name in
               ("indicator_id", "unit", "kind", "comparator", "direction", "group")}
    assert {f"{letter}2" for letter in letters.values()} <= validated
    lists = wb["danh_sach"]
    words = {lists.cell(row=1, column=c).value:
             [lists.cell(row=r, column=c).value for r in range(2, lists.max_row + 1)]
             for c in range(1, lists.max_column + 1)}
    assert "khoảng" in words["comparator"] and "about" in words["comparator"]
    assert "tăng bình quân" in words["kind"] and "avg_growth" in words["kind"]
    guide = " ".join(str(c.value) for c in wb["Hướng dẫn"]["A"] if c.value)
    assert "new-programme --from" in guide and "chi_tieu" in guide


def test_an_unknown_province_is_named_with_the_ones_there_are(data, tmp_path):
    code, _, err = cli(["new-programme", "--out", str(tmp_path / "x.xlsx"), "--province",
                        "son-la", "--data", str(data), "--lang", "en"])
    assert code == 2
    assert "parameter --province: province not found (found 'son-la'; expected a folder of " \
           "data/provinces holding indicators.csv (tinh-thu))" in err
    assert not (tmp_path / "x.xlsx").exists()


# ------------------------------------------------------------------------- the acceptance test


def test_a_plan_typed_in_the_workbook_is_imported_and_assessed_by_hand(data, tmp_path):
    path = workbook(data, tmp_path)
    code, out, err = import_plan(data, path)
    assert code == 0, err
    folder = data / "programmes" / "tinh-thu-2026-2030"
    assert sorted(p.name for p in folder.iterdir()) == ["datapackage.json", "programme.yaml",
                                                       "targets.csv"]
    assert "tinh-thu-2026-2030 (5 targets)" in out
    from analysis.data.loaders import load_programme_data
    from analysis.engine.assess import assess
    from analysis.programme import load_programme, scan_programmes

    prog = load_programme(folder)
    assert (prog.id, prog.base_year, prog.target_year) == ("tinh-thu-2026-2030", 2025, 2030)
    assert prog.date.isoformat() == "2025-12-09" and prog.number == "96/NQ-HĐND"
    assert prog.growth_target == "grdp_growth_pct_per_year"
    assert [c.key for c in prog.chapters] == ["grdp_growth_pct_per_year",
                                              "budget_revenue_bn_vnd"]
    good, bad = scan_programmes(data / "programmes")
    assert [p.id for p in good] == ["tinh-thu-2026-2030"] and not bad
    rows = {r["target_id"]: r for r in csv.DictReader((folder / "targets.csv").open())}
    # words became codes, Vietnamese numbers numbers, an empty period the programme's
    assert rows["grdp_growth_pct_per_year"]["kind"] == "avg_growth"
    assert (rows["grdp_growth_pct_per_year"]["low"], rows["grdp_growth_pct_per_year"]["high"]) \
        == ("8", "10")
    assert rows["budget_revenue_bn_vnd"]["value"] == "5000"
    assert rows["investment_2026_2030_bn_vnd"]["value"] == "100000"
    assert rows["forest_cover_pct"]["unit"] == "pct"  # the indicator's
    assert {(r["period_start"], r["target_year"]) for r in rows.values()} == {("2026", "2030")}

    result = assess(load_programme_data(prog), base_year=prog.base_year,
                    params=prog.assessment)
    assert result.year == 2026
    s = result.summary.set_index(["target_id", "scenario"])
    g = s.loc[("grdp_growth_pct_per_year", "target")]
    # one annual rate (7.5 % in 2026) in 2026–2030: fewer than 3, too few to judge a pace;
    # index 107.5; nothing that rests on a pace: no required growth, no probability
    assert g["progress_class"] == "too_few_rates"
    assert g["latest_value"] == pytest.approx(107.5)
    assert pd.isna(g["required_pace"]) and pd.isna(g["probability_met"])
    b = s.loc[("budget_revenue_bn_vnd", "target")]
    # 4,000 → 4,400: +10 % in one year; the target pace from 2025 is (5,000/4,000)^(1/5) − 1:
    # ln 1.25 = 0.223144, / 5 = 0.044629, exp → 1.045640 = 4.5640 %; R = 10 / 4.5640 = 2.191
    # → on track; required (5,000/4,400)^(1/4) − 1: ln 1.136364 = 0.127833, / 4 = 0.031958,
    # exp → 1.032474 = 3.2474 %
    assert b["observed_pace"] == pytest.approx(10.0)
    assert b["ratio"] == pytest.approx(2.1911, abs=1e-3)
    assert b["required_pace"] == pytest.approx(3.2474, abs=1e-3)
    assert b["progress_class"] == "on_track"
    f = s.loc[("forest_cover_pct", "target")]
    # 45.0 → 45.7: 0.7 pp a year against (50 − 45) / 5 = 1 pp: R = 0.7, between 0.60 and 0.95
    # → acceleration needed; required (50 − 45.7) / 4 = 1.075 pp a year
    assert f["ratio"] == pytest.approx(0.7) and f["progress_class"] == "acceleration_needed"
    assert f["required_pace"] == pytest.approx(1.075)
    # 39.7 % is within 0.5 pp of "about 40 %": achieved
    assert s.loc[("services_share_pct_of_grdp", "target")]["progress_class"] == "achieved"
    i = s.loc[("investment_2026_2030_bn_vnd", "target")]
    # 18,000 in 2026 against 100,000 / 5 = 20,000 a year: R = 0.9 → acceleration needed;
    # required (100,000 − 18,000) / 4 = 20,500 a year
    assert i["ratio"] == pytest.approx(0.9) and i["progress_class"] == "acceleration_needed"
    assert i["required_pace"] == pytest.approx(20500)

    code, out, err = cli(["assess", "--programme", str(folder), "--format", "csv"])
    assert code == 0, err
    classes = {r["target_id"]: r["progress_class"] for r in csv.DictReader(out.splitlines())
               if r["scenario"] == "target"}
    assert classes == {"grdp_growth_pct_per_year": "too_few_rates",
                       "budget_revenue_bn_vnd": "on_track",
                       "forest_cover_pct": "acceleration_needed",
                       "services_share_pct_of_grdp": "achieved",
                       "investment_2026_2030_bn_vnd": "acceleration_needed"}


def test_an_existing_folder_is_replaced_only_with_force(data, tmp_path):
    path = workbook(data, tmp_path)
    assert import_plan(data, path)[0] == 0
    folder = data / "programmes" / "tinh-thu-2026-2030"
    before = (folder / "programme.yaml").read_text(encoding="utf-8")
    code, _, err = import_plan(data, path)
    assert code == 2
    assert "tinh-thu-2026-2030: the programme's folder already exists (found " \
           "'tinh-thu-2026-2030'; expected another id, or --force to overwrite it)" in err
    assert (folder / "programme.yaml").read_text(encoding="utf-8") == before
    fill(path, programme={**PROGRAMME, "short_title_vi": "Kế hoạch 5 năm (sửa)"})
    code, _, err = import_plan(data, path, "tinh-thu-2026-2030", "--force")
    assert code == 0, err
    assert "Kế hoạch 5 năm (sửa)" in (folder / "programme.yaml").read_text(encoding="utf-8")
    assert not list(data.glob(".new-programme-*"))  # no temporary folder left


# ------------------------------------------------------------------------- mistakes in the book


def _import_errors(data, tmp_path, lang="en", **kw) -> str:
    path = workbook(data, tmp_path, **kw)
    code, out, err = import_plan(data, path, lang=lang)
    assert code == 2, out
    assert not (data / "programmes" / "tinh-thu-2026-2030").exists()  # nothing written
    assert not list(data.glob(".new-programme-*"))
    return err


def test_a_wrong_comparator_names_its_cell(data, tmp_path):
    targets = [dict(TARGETS[0], comparator="trên khoảng"), *TARGETS[1:]]
    err = _import_errors(data, tmp_path, targets=targets)
    assert "ke-hoach.xlsx, sheet 'chi_tieu', cell I2, column 'comparator': value not in the " \
           "list (found 'trên khoảng'; expected one of khoảng, đạt, trên, không quá, từ-đến, " \
           "about, at_least, more_than, at_most, range)" in err
    (tmp_path / "vi").mkdir()
    vi = _import_errors(data, tmp_path / "vi", lang="vi", targets=targets)
    assert "trang 'chi_tieu', ô I2, cột 'comparator': giá trị không có trong danh sách " \
           "(thấy 'trên khoảng'" in vi


def test_a_period_outside_the_programme_is_put_back_on_its_cell(data, tmp_path):
    # the trap: a row left at 2021-2025 in a 2026-2030 plan (a final review in mid-plan)
    targets = [*TARGETS[:2], dict(TARGETS[2], period="2021-2025"), *TARGETS[3:]]
    err = _import_errors(data, tmp_path, targets=targets)
    assert "ke-hoach.xlsx, sheet 'chi_tieu', cell K4, column 'period': the target's first " \
           "year lies outside the programme's period (found '2021'; expected a year from " \
           "2026 to 2030 (base year 2025 + 1 .. target year))" in err
    # its end, 2025, is before the plan's first year: outside the period too
    assert "cell K4, column 'period': the target's year lies outside the programme's period " \
           "(found '2025'; expected 2030 (the programme's target year)" in err


def test_a_growth_target_that_is_not_an_average_growth_and_a_chapter_without_its_target(
        data, tmp_path):
    programme = {**PROGRAMME, "growth_target": "budget_revenue_bn_vnd"}
    chapters = [*CHAPTERS, {"targets": "no_such_target"}]
    err = _import_errors(data, tmp_path, programme=programme, chapters=chapters)
    assert "sheet 'chuong_trinh', cell B15, column 'value': not an average-growth target of " \
           "the targets file (found 'budget_revenue_bn_vnd'" in err
    assert "sheet 'chuong', cell B4, column 'targets': target not in the targets file (found " \
           "'no_such_target'" in err


def test_cells_that_cannot_be_read(data, tmp_path):
    programme = {**PROGRAMME, "date": "31/02/2025", "base_year": "năm 2025"}
    targets = [dict(TARGETS[0], value="9"), dict(TARGETS[1], unit="triệu USD",
                                                 indicator_id="thu_ngan_sach_ty_dong"),
               dict(TARGETS[2], indicator_id="rung_pct"), *TARGETS[3:]]
    err = _import_errors(data, tmp_path, programme=programme, targets=targets)
    assert "sheet 'chuong_trinh', cell B9, column 'value': not a date (found '31/02/2025'; " \
           "expected a date: dd/mm/yyyy or yyyy-mm-dd)" in err
    assert "cell B13, column 'value': not a year (found 'năm 2025'" in err
    assert "sheet 'chi_tieu', cell J2, column 'value': the value cannot be read (found '9'; " \
           "expected a number (comparators other than range), or two numbers a-b " \
           "(comparator range), e.g. 9-11)" in err
    assert "sheet 'chi_tieu', cell G3, column 'unit': the unit differs from the indicator's " \
           "(found 'triệu USD'; expected bn_vnd)" in err
    assert "sheet 'chi_tieu', cell E4, column 'indicator_id': unknown indicator (found " \
           "'rung_pct'; expected an id of the sheet “chi_so”" in err


def test_a_workbook_that_is_not_one_of_ours(data, tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "other.xlsx"
    Workbook().save(path)
    code, _, err = import_plan(data, path)
    assert code == 2
    assert "other.xlsx: the workbook has no sheet “chuong_trinh” (expected a workbook made by " \
           "python -m analysis new-programme --out" in err


# ------------------------------------------------------------------------- a hand-edited folder


@pytest.fixture
def plan(data, tmp_path) -> Path:
    """The imported plan's folder."""
    assert import_plan(data, workbook(data, tmp_path))[0] == 0
    return data / "programmes" / "tinh-thu-2026-2030"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_stale_period_in_targets_csv_fails_check(plan):
    _edit(plan / "targets.csv", "forest_cover_pct,che_phu_rung_pct,environment,"
          "Tỷ lệ che phủ rừng,Forest cover,Tỷ lệ che phủ rừng đạt 50%,pct,coverage_pct,"
          "at_least,50,,,2026,2030",
          "forest_cover_pct,che_phu_rung_pct,environment,Tỷ lệ che phủ rừng,Forest cover,"
          "Tỷ lệ che phủ rừng đạt 50%,pct,coverage_pct,at_least,50,,,2021,2025")
    code, _, err = cli(["check", "--programme", str(plan), "--lang", "en"])
    assert code == 2
    assert "targets.csv, row 4, column 'period_start': the target's first year lies outside " \
           "the programme's period (found '2021'; expected a year from 2026 to 2030 (base " \
           "year 2025 + 1 .. target year))" in err
    assert "targets.csv, row 4, column 'target_year': the target's year lies outside the " \
           "programme's period (found '2025'; expected 2030 (the programme's target year)" in err
    code, _, err = cli(["check", "--programme", str(plan)])  # Vietnamese by default
    assert code == 2
    assert "targets.csv, dòng 4, cột 'period_start': năm đầu của chỉ tiêu nằm ngoài giai " \
           "đoạn của chương trình (thấy '2021'" in err


def test_a_target_ending_early_needs_its_reason(plan):
    _edit(plan / "targets.csv", "at_least,50,,,2026,2030", "at_least,50,,,2026,2028")
    code, _, err = cli(["check", "--programme", str(plan), "--lang", "en"])
    assert code == 2
    assert "targets.csv, row 4, column 'target_year': the target ends before the programme's " \
           "target year and the row does not say why (found '2028'" in err
    text = (plan / "targets.csv").read_text(encoding="utf-8").splitlines()
    text[3] = text[3] + "mốc giữa kỳ năm 2028"  # period_note, the last column
    (plan / "targets.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    from analysis.data.datapackage import write_descriptor
    from analysis.programme import load_programme

    write_descriptor(load_programme(plan, descriptor=False))
    code, _, err = cli(["check", "--programme", str(plan), "--lang", "en"])
    assert code == 0, err


def test_an_id_that_is_not_its_folder_s_name(plan):
    copy = plan.parent / "tinh-thu-2031-2035"
    import shutil

    shutil.copytree(plan, copy)
    code, _, err = cli(["check", "--programme", str(copy), "--lang", "en"])
    assert code == 2
    assert "programme.yaml, row 5, key 'id': the programme's id differs from its folder's name " \
           "(found 'tinh-thu-2026-2030'; expected 'tinh-thu-2031-2035' (the folder's name; or " \
           "rename the folder))" in err
    from analysis.programme import scan_programmes

    good, bad = scan_programmes(plan.parent)
    assert [p.id for p in good] == ["tinh-thu-2026-2030"]  # listed once, not twice
    assert [f.name for f, _ in bad] == ["tinh-thu-2031-2035"]


def test_a_stale_datapackage_is_named_and_regenerated_by_a_command(plan):
    # the copy's programme.yaml says 2031-2035 while its descriptor still says 2026-2030
    copy = plan.parent / "tinh-thu-2031-2035"
    import shutil

    shutil.copytree(plan, copy)
    _edit(copy / "programme.yaml", "id: tinh-thu-2026-2030", "id: tinh-thu-2031-2035")
    _edit(copy / "programme.yaml", "base_year: 2025\ntarget_year: 2030",
          "base_year: 2030\ntarget_year: 2035")
    _edit(copy / "targets.csv", ",2026,2030,", ",2031,2035,")
    code, _, err = cli(["check", "--programme", str(copy), "--lang", "en"])
    assert code == 2
    # (the folder is not a shipped programme: the command names it by its path)
    assert "datapackage.json, key 'name': datapackage.json does not match programme.yaml " \
           "(copied from another programme?) (found 'tinh-thu-2026-2030'; expected " \
           "tinh-thu-2031-2035; regenerate it: python -m analysis datapackage --programme " \
           f"{copy})" in err
    assert "key 'programme.base_year'" in err and "(found '2025'; expected 2030;" in err
    code, _, err = cli(["datapackage", "--programme", str(copy), "--check", "--lang", "en"])
    assert code == 2 and "key 'programme.target_year'" in err
    code, out, err = cli(["datapackage", "--programme", str(copy), "--lang", "en"])
    assert code == 0, err
    assert "Written" in out
    code, _, err = cli(["check", "--programme", str(copy), "--lang", "en"])
    assert code == 0, err


# ------------------------------------------------------------------------- commands that survive


def test_programmes_lists_the_good_ones_and_names_the_broken_neighbour(plan, monkeypatch):
    import analysis.programme as pm

    broken = plan.parent / "hong"
    broken.mkdir()
    (broken / "programme.yaml").write_text("id: hong\ntitle: [\n", encoding="utf-8")
    monkeypatch.setattr(pm, "PROGRAMMES_DIR", plan.parent)
    code, out, err = cli(["programmes", "--lang", "en"])
    assert code == 2
    assert "tinh-thu-2026-2030" in out and "Five-year plan 2026-2030" in out
    assert "hong" not in out
    assert "Programme folders with errors (left out of the list above):" in err
    assert "  - hong: programme.yaml, row 3: not valid YAML" in err
    code, out, err = cli(["programmes"])
    assert code == 2 and "Thư mục chương trình có lỗi" in err


def test_the_base_year_is_refused_before_any_notebook_runs(plan, tmp_path, monkeypatch):
    # the plan's province has 2026 values; without them the latest year is the base year
    actuals = plan.parent.parent / "provinces" / PROVINCE / "actuals.csv"
    lines = [line for line in actuals.read_text(encoding="utf-8").splitlines()
             if ",2026," not in line]
    only_2025 = tmp_path / "actuals-2025.csv"
    only_2025.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from analysis.report import render as render_module

    def no_notebook(*_a, **_k):
        raise AssertionError("the notebook must not run for the base year")

    monkeypatch.setattr(render_module, "render_notebook", no_notebook)
    kernels = set(Path(tempfile.gettempdir()).glob(WORK_PREFIX + "*"))
    out = tmp_path / "reports"
    for args in ([], ["--year", "2025"], ["--year", "2026"]):
        code, printed, err = cli(["report", "--programme", str(plan), "--actuals",
                                  str(only_2025), "--out", str(out), "--lang", "en", *args])
        assert code == 2, printed
        assert "the base year 2025" in err or "outside" in err, err
    code, _, err = cli(["report", "--programme", str(plan), "--actuals", str(only_2025),
                        "--out", str(out), "--lang", "en"])
    assert "parameter --year: no annual value after the base year 2025 yet: no year of the " \
           "programme's period to assess (found 'no --year given: the default is the latest " \
           "year with annual values, 2025'; expected annual values of a year from 2026 to 2030 " \
           "(latest year with annual values: 2025))" in err
    # a year typed is quoted as typed: 2026, after the base year but with no data
    code, _, err = cli(["report", "--programme", str(plan), "--actuals", str(only_2025),
                        "--out", str(out), "--lang", "en", "--year", "2026"])
    assert "(found '2026'; expected annual values" in err, err
    code, _, err = cli(["assess", "--programme", str(plan), "--actuals", str(only_2025)])
    assert code == 2 and "chưa có số liệu cả năm nào sau năm gốc 2025" in err
    assert not out.exists()  # nothing left behind: no report folder, no kernel folder
    assert set(Path(tempfile.gettempdir()).glob(WORK_PREFIX + "*")) \
        == kernels


# ------------------------------------------------------------------------- thin series


def test_a_thin_growth_series_shows_no_pace_drift_or_probability_anywhere(plan):
    from analysis.explorer.view import Explorer
    from analysis.report import chapters as rc

    r = rc.setup(rc.ReportParameters(str(plan), None, "vi", report_date="2026-12-21"))
    a = r.assessment
    gid = "grdp_growth_pct_per_year"
    rows = a.summary[a.summary["target_id"] == gid]
    assert set(rows["scenario"]) == {"target", "8pct", "9pct", "10pct"}
    assert rows["required_pace"].isna().all() and rows["probability_met"].isna().all()
    assert rows["drift_pct"].isna().all() and (rows["drift_years"] == "").all()
    assert a.required_growth[a.required_growth["target_id"] == gid].empty
    assert a.band_parameters.empty
    kinds = set(a.paths.loc[a.paths["target_id"] == gid, "kind"])
    assert kinds == {"actual", "scenario"}  # no band, no current pace, no required path
    assert a.scenario_checks[a.scenario_checks["target_id"] == gid]["probability_met"] \
        .isna().all()

    def html(blocks) -> str:
        return "\n".join(b.to_html() for b in blocks if hasattr(b, "to_html"))

    summary = html(rc.executive_summary(r))
    growth = html(rc.chapters(r))
    everything = "\n".join([summary, growth, html(rc.status_table(r)),
                            html(rc.other_targets(r)), html(rc.results_table(r))])
    assert "2026–2026" not in everything and "2026-2026" not in everything
    # the summary gives the one rate as a year, and no required growth or probability
    assert "Tăng trưởng 2026: 7,50%/năm" in summary
    assert "kịch bản 8%/năm" not in summary and "xác suất đạt theo dải" not in summary
    assert "Mới có 1 tốc độ tăng hằng năm trong giai đoạn của chỉ tiêu (cần ít nhất 3" \
        in summary
    # the growth chapter: no table of required growth, no band text
    assert "Tốc độ tăng cần đạt mỗi năm giai đoạn" not in growth
    assert "xu hướng (drift) ĝ =" not in growth and "dải bất định 50% và 90%" not in growth
    # the figure: the rate scenarios and the actual index, captioned as what it draws (it
    # promised "quỹ đạo mục tiêu" before, review #6), and no required path
    from analysis.report.document import Figure
    fig = next(b for b in rc.chapters(r) if isinstance(b, Figure))
    assert fig.caption.endswith(": chỉ số thực tế so với các kịch bản tăng trưởng bình quân "
                                "(chỉ số, 2025 = 100)")
    drawn = {ln.get_label() for ln in fig.figure.axes[0].get_lines()}
    assert {"Thực tế", "Kịch bản 8%/năm", "Kịch bản 10%/năm"} <= drawn, drawn
    assert not any(label.startswith("Quỹ đạo cần đạt") for label in drawn), drawn
    # the explorer: nothing either
    e = Explorer(r.dataset, programme=r.programme, lang="en")
    o = e.outputs
    assert pd.isna(o["required_growth_pct"]) and pd.isna(o["probability_target"])
    assert all(pd.isna(v) for v in o["probability_by_scenario"].values())
    assert all(pd.isna(v) for v in o["required_by_scenario_pct"].values())
    assert o["band_index"] is None


def test_a_growth_target_without_rate_scenarios_draws_its_own_path(plan):
    # review #6: "đạt 10 %/năm" (no range, hence no rate scenario) in the plan's first year;
    # the figure's caption said "so với quỹ đạo mục tiêu" and it drew the actual index alone
    from analysis.report import chapters as rc
    from analysis.report.document import Figure

    gid = "grdp_growth_pct_per_year"
    path = plan / "targets.csv"
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        if row["target_id"] == gid:
            row.update(comparator="at_least", value="10", low="", high="")
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    r = rc.setup(rc.ReportParameters(str(plan), None, "vi", report_date="2026-12-21"))
    s = r.assessment.summary
    assert list(s.loc[s["target_id"] == gid, "scenario"]) == ["target"]
    fig = next(b for b in rc.chapters(r) if isinstance(b, Figure))
    assert "chỉ số thực tế so với quỹ đạo mục tiêu" in fig.caption
    drawn = {ln.get_label() for ln in fig.figure.axes[0].get_lines()}
    # the target's path from 2025 at 10 % a year, drawn as its caption says; still no required
    # path from one rate (issue 18's rule for a thin series)
    assert "Thực tế" in drawn and any(x.startswith("Quỹ đạo mục tiêu") for x in drawn), drawn
    assert not any(x.startswith("Quỹ đạo cần đạt") for x in drawn), drawn
    (target,) = [ln for ln in fig.figure.axes[0].get_lines()
                 if ln.get_label().startswith("Quỹ đạo mục tiêu")]
    # 100 × 1.1^5 = 161.051 in 2030
    assert target.get_ydata()[-1] == pytest.approx(161.051, abs=1e-3)


# ------------------------------------------------------------------------- the shipped master plan

#: The 2030 targets of the provincial master plan (QĐ 1585/QĐ-TTg) as its press summary words
#: them (CafeF, January 2024), written here by hand: target, comparator, value or range.
MASTER_PLAN = {
    "grdp_growth_pct_per_year": ("range", None, 9, 11),               # "khoảng 9% -11%"
    "agriculture_growth_pct_per_year": ("about", 5, None, None),      # "khoảng 5%/năm"
    "industry_construction_growth_pct_per_year": ("about", 13.6, None, None),
    "services_growth_pct_per_year": ("about", 7.9, None, None),       # "khoảng 7,9%/năm"
    "grdp_per_capita_mn_vnd": ("at_least", 116.6, None, None),        # "đạt 116,6 triệu đồng"
    "social_investment_2021_2030_bn_vnd": ("about", 168000, None, None),  # "168 nghìn tỷ"
    "labour_productivity_growth_pct_per_year": ("at_least", 8.2, None, None),
    "budget_revenue_bn_vnd": ("more_than", 4500, None, None),         # "trên 4.500 tỷ đồng"
    "export_import_growth_pct_per_year": ("at_least", 13, None, None),  # "bình quân đạt 13%"
    "tourist_arrivals": ("more_than", 2_000_000, None, None),         # "khoảng trên 2 triệu"
}


def test_programmes_lists_the_three_shipped_plans_and_the_master_plan_is_its_summary():
    code, out, err = cli(["programmes", "--lang", "en"])
    assert code == 0, err
    for pid in ("26-ctr-tu", "lai-chau-2021-2025", "lai-chau-quy-hoach-2021-2030"):
        assert pid in out
    assert "Lai Châu provincial master plan 2021–2030" in out
    from support import ROOT

    folder = ROOT / "data" / "programmes" / "lai-chau-quy-hoach-2021-2030"
    rows = {r["target_id"]: r for r in csv.DictReader(
        (folder / "targets.csv").open(encoding="utf-8"))}
    assert set(rows) == set(MASTER_PLAN)

    def num(cell):
        return None if cell == "" else float(cell)

    for tid, (comparator, value, low, high) in MASTER_PLAN.items():
        r = rows[tid]
        assert (r["comparator"], num(r["value"]), num(r["low"]), num(r["high"])) == \
            (comparator, value, low, high), tid
        assert (r["period_start"], r["target_year"]) == ("2021", "2030")
        assert r["source_url"].startswith("https://cafef.vn/")  # each target names its source
    assert rows["labour_productivity_growth_pct_per_year"]["indicator_id"] == \
        "labour_productivity_growth_pct"  # the indicator added for it
