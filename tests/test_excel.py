"""The Excel data-entry workbook: round trip, blank rows, dropdowns, cell-precise errors."""

from datetime import datetime
from pathlib import Path

import pandas.testing as pdt
import pytest
from openpyxl import load_workbook

from analysis.cli import main
from analysis.data.excel import SHEET_ACTUALS, SHEET_HELP, SHEET_INDICATORS, write_template
from analysis.data.loaders import field_names, load_actuals, load_indicators
from analysis.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures" / "data"
PROVENANCE = ["source_file", "source_row"]


@pytest.fixture
def indicators():
    return load_indicators(FIXTURES / "indicators.csv")


@pytest.fixture
def from_csv(indicators):
    return load_actuals(FIXTURES / "actuals_lai-chau.csv", indicators=indicators)


def edit(path, changes):
    """Set cells of the actuals sheet: {"C4": value}."""
    workbook = load_workbook(path)
    for ref, value in changes.items():
        workbook[SHEET_ACTUALS][ref] = value
    workbook.save(path)


def test_round_trip_with_vietnamese_text_cells(tmp_path, indicators, from_csv):
    path = write_template(tmp_path / "t.xlsx", from_csv, indicators)
    columns = field_names("actuals")
    value = "ABCDEFGHIJKLM"[columns.index("value")]
    # CSV rows 4 (7.52) and 6 (1205.7) become the spreadsheet's rows 4 and 6: retype them as
    # Vietnamese text, as a user whose Excel does not read Vietnamese numbers would see them
    edit(path, {f"{value}4": "7,52", f"{value}6": "1.205,7", f"{value}9": "1.250.000"})
    from_xlsx = load_actuals(path, indicators=indicators)
    pdt.assert_frame_equal(from_xlsx.drop(columns=PROVENANCE), from_csv.drop(columns=PROVENANCE))
    assert from_xlsx.loc[from_xlsx["source_row"] == 6, "value"].item() == 1205.7


def test_workbook_sheets_and_dropdowns(tmp_path, indicators, from_csv):
    path = write_template(tmp_path / "t.xlsx", from_csv, indicators)
    workbook = load_workbook(path)
    assert workbook.sheetnames == [SHEET_HELP, SHEET_ACTUALS, SHEET_INDICATORS]
    sheet = workbook[SHEET_ACTUALS]
    assert [c.value for c in sheet[1]] == field_names("actuals")
    formulas = {v.formula1 for v in sheet.data_validations.dataValidation}
    assert '"official,preliminary,estimate,partial-year,reported"' in formulas
    assert '"exact,more_than,about,less_than"' in formulas
    assert any("pct_per_year" in f and "per_10k_people" in f for f in formulas)
    assert sheet["B2"].number_format == "@"  # period kept as text
    listed = [c.value for c in workbook[SHEET_INDICATORS]["A"][1:]]
    assert listed == indicators["indicator_id"].tolist()
    help_text = "\n".join(str(c.value) for c in workbook[SHEET_HELP]["A"])
    for phrase in ("63.600", "7,52", "YYYY-nM", "partial-year", "official"):
        assert phrase in help_text


def test_blank_rows_for_a_new_year_are_skipped_until_filled(tmp_path, indicators, from_csv):
    path = write_template(tmp_path / "t.xlsx", from_csv, indicators, year=2026)
    sheet = load_workbook(path)[SHEET_ACTUALS]
    # 9 rows from the CSV + 5 indicators = 14 data rows below the header
    assert sheet.max_row >= 15
    assert [sheet.cell(row=r, column=2).value for r in range(11, 16)] == ["2026"] * 5
    assert len(load_actuals(path, indicators=indicators)) == 9
    # fill in the first blank row (spreadsheet row 11: grdp_growth_pct 2026)
    edit(path, {"C11": "8,1", "E11": "estimate", "F11": "exact", "I11": "UBND tỉnh",
                "J11": "https://example.org/2026", "K11": "ước tăng 8,1%",
                "H11": datetime(2026, 12, 20)})
    actuals = load_actuals(path, indicators=indicators)
    new = actuals.loc[actuals["period"] == "2026"].iloc[0]
    assert (new["indicator_id"], new["value"], new["published"], new["source_row"]) == (
        "grdp_growth_pct", 8.1, "2026-12-20", 11)


def test_problems_name_the_excel_cell(tmp_path, indicators, from_csv):
    path = write_template(tmp_path / "t.xlsx", from_csv, indicators)
    edit(path, {"C3": "bảy", "E4": "final"})
    with pytest.raises(InputError) as info:
        load_actuals(path, indicators=indicators)
    assert sorted((p.cell, p.column) for p in info.value.problems) == [
        ("C3", "value"), ("E4", "status")]
    assert "cell C3, column 'value'" in info.value.render()


def test_period_typed_as_number(tmp_path, indicators, from_csv):
    path = write_template(tmp_path / "t.xlsx", from_csv, indicators)
    edit(path, {"B2": 2021})
    assert load_actuals(path, indicators=indicators)["period"].iloc[0] == "2021"


def test_template_command(tmp_path):
    out = tmp_path / "nhap-lieu.xlsx"
    code = main(["template", "--out", str(out), "--actuals", str(FIXTURES / "actuals_lai-chau.csv"),
                 "--indicators", str(FIXTURES / "indicators.csv"), "--year", "2026"])
    assert code == 0 and out.is_file()
    assert load_workbook(out)[SHEET_ACTUALS].cell(row=11, column=2).value == "2026"


def test_template_command_rejects_bad_actuals(tmp_path, capsys):
    bad = tmp_path / "a.csv"
    bad.write_text("indicator_id\nx\n", encoding="utf-8")
    code = main(["template", "--out", str(tmp_path / "t.xlsx"), "--actuals", str(bad)])
    assert code == 2
    assert "missing required column" in capsys.readouterr().err
    assert not (tmp_path / "t.xlsx").exists()
