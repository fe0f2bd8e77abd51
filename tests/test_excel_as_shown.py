"""A workbook is read as Excel shows it: percent cells, the real extent, formulas, hidden rows.

Each test writes the data-entry template of the fixture's rows (9 actuals), changes the
workbook as a user or another tool would, and reads it back with the loaders. The sheet's
rows: the header is row 1, the fixture's 9 rows are rows 2-10 in file order (row 2 GRDP growth
2021 = 6.2, row 3 growth 2022 = 7.1, row 4 growth 2022 = 7.52, row 5 growth 2023-9M = 5.5,
row 6 GRDP 2022 = 1205.7, row 7 forest 2023 = 51.4, ...).
"""

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from support import FIXTURES, cli
from support import sheet_column as col

from analysis.data.actuals import read_actuals
from analysis.data.excel import SHEET_ACTUALS, write_template
from analysis.data.excel_reader import spans
from analysis.data.loaders import load_actuals, load_indicators
from analysis.errors import InputError


@pytest.fixture
def indicators():
    return load_indicators(FIXTURES / "indicators.csv")


@pytest.fixture
def template(tmp_path, indicators):
    actuals = load_actuals(FIXTURES / "actuals.csv", indicators=indicators)
    return write_template(tmp_path / "mau.xlsx", actuals, indicators)


def edit(path: Path, change) -> Path:
    workbook = load_workbook(path)
    change(workbook[SHEET_ACTUALS])
    workbook.save(path)
    return path


def rewrite_sheet_xml(path: Path, change) -> Path:
    """Apply ``change`` to the XML text of the actuals sheet inside the workbook's zip."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    book = parts["xl/workbook.xml"].decode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    rid = re.search(rf'<sheet[^>]*name="{SHEET_ACTUALS}"[^>]*r:id="(rId\d+)"', book).group(1)
    target = re.search(rf'Id="{rid}"[^>]*Target="/?(?:xl/)?([^"]+)"', rels) or \
        re.search(rf'Target="/?(?:xl/)?([^"]+)"[^>]*Id="{rid}"', rels)
    name = "xl/" + target.group(1)
    parts[name] = change(parts[name].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return path


def values(path: Path, indicators) -> dict:
    """The values read, by sheet row."""
    frame = load_actuals(path, indicators=indicators)
    return dict(zip(frame["source_row"], frame["value"], strict=True))


# 1. percent-formatted cells ------------------------------------------------------------------

@pytest.mark.parametrize("number_format", ["0.0%", "0%", "0.00 %", "#,##0.0%"])
def test_a_percent_cell_is_read_as_the_number_shown(template, indicators, number_format):
    # 0.062 shown as 6.2 % (6,2 %) is 6.2 %/yr, as typed in the CSV; 0.0752 shown 7.52 %
    def change(ws):
        ws[f"{col('value')}2"] = 0.062
        ws[f"{col('value')}2"].number_format = number_format
        ws[f"{col('value')}4"] = 0.0752
        ws[f"{col('value')}4"].number_format = number_format
    edit(template, change)
    growth = values(template, indicators)
    assert growth[2] == 6.2  # 0.062 × 100, exactly (not 6.199999999999999)
    assert growth[4] == 7.52  # 0.0752 × 100
    assert growth[3] == 7.1  # a plain number stays as typed


def test_a_percent_sign_in_quoted_text_of_a_format_is_not_a_percent(template, indicators):
    # the format 0.0" %/năm" shows 6.2 as "6.2 %/năm": the value is 6.2, not 620
    def change(ws):
        ws[f"{col('value')}2"] = 6.2
        ws[f"{col('value')}2"].number_format = '0.0" %/năm"'
    edit(template, change)
    assert values(template, indicators)[2] == 6.2


def test_the_observed_pace_is_the_same_whether_typed_or_percent_formatted(tmp_path):
    # the shipped data's GRDP growth rates typed as 7.5 % cells: the pace check passes as before
    code, out_csv, _ = cli(["assess", "--format", "csv", "--lang", "en"])
    assert code == 0
    from support import DEFAULT_ACTUALS, DEFAULT_INDICATORS

    indicators = load_indicators(DEFAULT_INDICATORS)
    actuals = load_actuals(DEFAULT_ACTUALS, indicators=indicators)
    book = write_template(tmp_path / "all.xlsx", actuals, indicators)

    def change(ws):
        letter = col("value")
        for row in range(2, len(actuals) + 2):
            if ws[f"{col('indicator_id')}{row}"].value == "grdp_growth_pct":
                cell = ws[f"{letter}{row}"]
                cell.value = float(f"{cell.value / 100:.12g}")
                cell.number_format = "0.00%"
    edit(book, change)
    code, out_xlsx, err = cli(["assess", "--format", "csv", "--lang", "en", "--actuals",
                               str(book)])
    assert code == 0, err
    head = "grdp_growth_pct_per_year,grdp_growth_pct,target,"
    row = [ln for ln in out_xlsx.splitlines() if ln.startswith(head)]
    assert row == [ln for ln in out_csv.splitlines() if ln.startswith(head)]
    assert ",5.32201," in row[0]  # the observed pace the issue quotes (5.32 %/yr), not 4.43


# 2. the real extent, not the dimension tag ---------------------------------------------------

def test_rows_beyond_a_stale_dimension_tag_are_read(template, indicators):
    # the tag says A1:P5 (header + 4 rows); the sheet holds 9 rows: all 9 are read
    rewrite_sheet_xml(template, lambda xml: re.sub(r'<dimension ref="[^"]+"/>',
                                                   '<dimension ref="A1:P5"/>', xml))
    with zipfile.ZipFile(template) as z:
        assert any(b'<dimension ref="A1:P5"/>' in z.read(n) for n in z.namelist())
    frame = load_actuals(template, indicators=indicators)
    assert sorted(frame["source_row"]) == list(range(2, 11))


# 3. formulas -----------------------------------------------------------------------------------

def test_a_formula_without_a_saved_value_says_it_is_a_formula(template, indicators):
    edit(template, lambda ws: ws.__setitem__(f"{col('value')}7", "=51+0.4"))
    with pytest.raises(InputError) as exc:
        load_actuals(template, indicators=indicators)
    (problem,) = [p for p in exc.value.problems if p.cell == f"{col('value')}7"]
    assert problem.found == "=51+0.4"
    assert "holds a formula" in problem.text("en")
    assert "missing" not in problem.text("en")


def test_a_formula_with_a_saved_value_is_read_as_that_value(template, indicators):
    # =51+0.4 saved by Excel with its value 51.4; a percent-formatted =0.05+0.012 as 6.2
    def change(ws):
        ws[f"{col('value')}7"] = "=51+0.4"
        ws[f"{col('value')}2"] = "=0.05+0.012"
        ws[f"{col('value')}2"].number_format = "0.0%"
    edit(template, change)
    rewrite_sheet_xml(template, lambda xml: xml.replace(
        "<f>51+0.4</f><v></v>", "<f>51+0.4</f><v>51.4</v>").replace(
        "<f>0.05+0.012</f><v></v>", "<f>0.05+0.012</f><v>0.062</v>"))
    assert values(template, indicators)[7] == 51.4
    assert values(template, indicators)[2] == 6.2


def test_the_templates_own_lookup_formulas_are_not_read(template, indicators):
    # the spare rows hold VLOOKUP formulas in the helper column, never saved: not an error
    frame = load_actuals(template, indicators=indicators)
    assert len(frame) == 9


# 4. hidden rows and columns -------------------------------------------------------------------

def test_hidden_rows_and_columns_are_read_and_named_in_a_warning(template, indicators):
    def change(ws):
        for row in (4, 5, 6, 9):
            ws.row_dimensions[row].hidden = True
        ws.column_dimensions[col("note")].hidden = True
    edit(template, change)
    frame, problems, table = read_actuals(template, None)
    assert sorted(frame["source_row"]) == list(range(2, 11))  # all read
    rows = [p for p in problems if p.key == "msg.xlsx.hidden_rows"]
    columns = [p for p in problems if p.key == "msg.xlsx.hidden_columns"]
    assert len(rows) == 1 and rows[0].is_warning and rows[0].sheet == SHEET_ACTUALS
    assert rows[0].found == "4–6, 9"
    assert f"{col('note')} (note)" in columns[0].text("en")
    code, out, err = cli(["check", "--lang", "en", "--actuals", str(template), "--targets",
                          str(FIXTURES / "targets.csv")])
    assert f"sheet '{SHEET_ACTUALS}'" in out and "rows 4–6, 9 are hidden" in out


def test_spans_write_runs():
    assert spans([9, 4, 5, 6, 12]) == "4–6, 9, 12"
    assert spans([]) == ""
