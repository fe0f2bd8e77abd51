"""The Excel data-entry workbook: round trip, blank rows, dropdowns, cell-precise errors."""

from datetime import datetime

import pandas.testing as pdt
import pytest
from openpyxl import load_workbook
from support import FIXTURES
from support import sheet_column as col

from analysis.cli import main
from analysis.data.excel import (
    SHEET_ACTUALS,
    SHEET_INDICATORS,
    sheet_columns,
    write_template,
)
from analysis.data.loaders import load_actuals, load_indicators
from analysis.errors import InputError

#: The guide sheet and the helper columns, as the staff read them (Vietnamese).
SHEET_HELP = "Hướng dẫn"
HELPER_COLUMNS = {"indicator_id": "Tên chỉ tiêu (tự điền)", "unit": "Đơn vị (tự điền)"}

PROVENANCE = ["source_file", "source_row"]


@pytest.fixture
def indicators():
    return load_indicators(FIXTURES / "indicators.csv")


@pytest.fixture
def from_csv(indicators):
    return load_actuals(FIXTURES / "actuals.csv", indicators=indicators)


def edit(path, changes):
    """Set cells of the actuals sheet: {"D4": value}."""
    workbook = load_workbook(path)
    for ref, value in changes.items():
        workbook[SHEET_ACTUALS][ref] = value
    workbook.save(path)


def test_round_trip_with_vietnamese_text_cells(tmp_path, indicators, from_csv):
    path = write_template(tmp_path / "t.xlsx", from_csv, indicators)
    value = col("value")
    # CSV rows 4 (7.52) and 6 (1205.7) become the spreadsheet's rows 4 and 6: retype them as
    # Vietnamese text, as a user whose Excel does not read Vietnamese numbers would see them
    edit(path, {f"{value}4": "7,52", f"{value}6": "1.205,7", f"{value}9": "1.250.000"})
    from_xlsx = load_actuals(path, indicators=indicators)
    pdt.assert_frame_equal(from_xlsx.drop(columns=PROVENANCE), from_csv.drop(columns=PROVENANCE))
    assert from_xlsx.loc[from_xlsx["source_row"] == 6, "value"].item() == 1205.7


def test_workbook_shows_vietnamese_beside_the_codes(tmp_path, indicators, from_csv):
    path = write_template(tmp_path / "t.xlsx", from_csv, indicators)
    workbook = load_workbook(path)
    assert workbook.sheetnames == [SHEET_HELP, SHEET_ACTUALS, SHEET_INDICATORS]
    sheet = workbook[SHEET_ACTUALS]
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["indicator_id", HELPER_COLUMNS["indicator_id"], "period", "value",
                          "unit", HELPER_COLUMNS["unit"]]
    # row 2 of the fixture: grdp_growth_pct 2021, 6.2 %/yr, official, exact
    row = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    assert row[HELPER_COLUMNS["indicator_id"]] == "Tốc độ tăng trưởng GRDP"
    assert row[HELPER_COLUMNS["unit"]] == "%/năm"
    assert (row["status"], row["qualifier"]) == ("chính thức", "chính xác")
    assert sheet["A1"].comment is not None and "chỉ tiêu" in sheet["A1"].comment.text
    formulas = {v.formula1 for v in sheet.data_validations.dataValidation}
    # the statuses in their one order: most final first, the partial-year status last
    assert ('"chính thức,sơ bộ,ước tính,báo cáo,một phần năm,official,preliminary,estimate,'
            'reported,partial-year"') in formulas
    assert '"chính xác,trên,khoảng,dưới,exact,more_than,about,less_than"' in formulas
    # the source tier: a word like status, a header note and a dropdown of words and codes
    assert row["source_tier"] == "nguồn chính thống"  # the fixture's NSO yearbook row
    note = sheet[f"{col('source_tier')}1"].comment
    assert note is not None and "Bậc nguồn" in note.text and "Để trống" in note.text
    assert ('"nguồn chính thống,báo Đảng và Nhà nước,báo chí khác,bản sao thứ cấp,official,'
            'state_press,other_press,secondary"') in formulas
    assert any("pct_per_year" in f and "per_10k_people" in f for f in formulas)
    assert sheet[f"{col('period')}2"].number_format == "@"  # period kept as text
    listed = [c.value for c in workbook[SHEET_INDICATORS]["A"][1:]]
    assert listed == indicators["indicator_id"].tolist()
    help_text = "\n".join(str(c.value) for c in workbook[SHEET_HELP]["A"])
    for phrase in ("63.600", "7,52", "YYYY-nM", "partial-year", "official", "choice",
                   "note", "Windows-1258", "source_tier", "source_tiers.csv",
                   "nguồn có thẩm quyền hơn"):
        assert phrase in help_text


def test_the_reader_accepts_codes_and_vietnamese_words(tmp_path, indicators, from_csv):
    path = write_template(tmp_path / "t.xlsx", from_csv, indicators)
    # codes, words in other cases and forms, and a unit in words
    edit(path, {f"{col('status')}2": "official", f"{col('qualifier')}2": "EXACT",
                f"{col('status')}3": "Ước Tính", f"{col('unit')}6": "tỷ đồng",
                f"{col('qualifier')}7": " trên "})
    from_xlsx = load_actuals(path, indicators=indicators)
    pdt.assert_frame_equal(from_xlsx.drop(columns=PROVENANCE), from_csv.drop(columns=PROVENANCE))


def test_blank_rows_for_a_new_year_are_skipped_until_filled(tmp_path, indicators, from_csv):
    path = write_template(tmp_path / "t.xlsx", from_csv, indicators, year=2026)
    sheet = load_workbook(path)[SHEET_ACTUALS]
    # 9 rows from the CSV + 5 indicators = 14 data rows below the header
    period = sheet_columns().index("period") + 1
    assert [sheet.cell(row=r, column=period).value for r in range(11, 16)] == ["2026"] * 5
    assert len(load_actuals(path, indicators=indicators)) == 9
    # fill in the first blank row (spreadsheet row 11: grdp_growth_pct 2026)
    edit(path, {f"{col('value')}11": "8,1", f"{col('status')}11": "ước tính",
                f"{col('qualifier')}11": "chính xác", f"{col('source_title')}11": "UBND tỉnh",
                f"{col('source_url')}11": "https://example.org/2026",
                f"{col('quote')}11": "ước tăng 8,1%",
                f"{col('published')}11": datetime(2026, 12, 20)})
    actuals = load_actuals(path, indicators=indicators)
    new = actuals.loc[actuals["period"] == "2026"].iloc[0]
    assert (new["indicator_id"], new["value"], new["status"], new["published"],
            new["source_row"]) == ("grdp_growth_pct", 8.1, "estimate", "2026-12-20", 11)


def test_problems_name_the_excel_cell(tmp_path, indicators, from_csv):
    path = write_template(tmp_path / "t.xlsx", from_csv, indicators)
    value, status = col("value"), col("status")
    edit(path, {f"{value}3": "bảy", f"{status}4": "final"})
    with pytest.raises(InputError) as info:
        load_actuals(path, indicators=indicators)
    assert sorted((p.cell, p.column) for p in info.value.problems) == [
        (f"{value}3", "value"), (f"{status}4", "status")]
    assert f"t.xlsx, trang 'actuals', ô {value}3, cột 'value': không phải là số" in \
        info.value.render("vi")
    assert f"t.xlsx, sheet 'actuals', cell {value}3, column 'value': not a number" in \
        info.value.render("en")
    assert "chính thức, sơ bộ" in info.value.render("vi")  # the words are offered too


def test_period_typed_as_number(tmp_path, indicators, from_csv):
    path = write_template(tmp_path / "t.xlsx", from_csv, indicators)
    edit(path, {f"{col('period')}2": 2021})
    assert load_actuals(path, indicators=indicators)["period"].iloc[0] == "2021"


def test_template_command(tmp_path, capsys):
    out = tmp_path / "nhap-lieu.xlsx"
    code = main(["template", "--out", str(out), "--actuals", str(FIXTURES / "actuals.csv"),
                 "--indicators", str(FIXTURES / "indicators.csv"), "--year", "2026"])
    assert code == 0 and out.is_file()
    assert load_workbook(out)[SHEET_ACTUALS][f"{col('period')}11"].value == "2026"
    assert "9 dòng số liệu và 5 dòng trống cho năm 2026" in capsys.readouterr().out


def test_template_command_adds_the_next_year_by_default(tmp_path):
    # the fixture's latest year with an annual value is 2023 (forest cover): blank rows for 2024
    out = tmp_path / "t.xlsx"
    assert main(["template", "--out", str(out), "--actuals", str(FIXTURES / "actuals.csv"),
                 "--indicators", str(FIXTURES / "indicators.csv")]) == 0
    sheet = load_workbook(out)[SHEET_ACTUALS]
    assert [sheet[f"{col('period')}{r}"].value for r in range(11, 16)] == ["2024"] * 5
    assert main(["template", "--out", str(out), "--no-blank-rows", "--actuals",
                 str(FIXTURES / "actuals.csv"),
                 "--indicators", str(FIXTURES / "indicators.csv")]) == 0
    assert load_workbook(out)[SHEET_ACTUALS][f"{col('period')}11"].value is None


def test_template_command_rejects_bad_actuals(tmp_path, capsys):
    bad = tmp_path / "a.csv"
    bad.write_text("indicator_id\nx\n", encoding="utf-8")
    code = main(["template", "--out", str(tmp_path / "t.xlsx"), "--actuals", str(bad)])
    assert code == 2
    assert "thiếu cột bắt buộc" in capsys.readouterr().err
    assert not (tmp_path / "t.xlsx").exists()
