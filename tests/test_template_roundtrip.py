"""The template round trip: fill it in, save it as xlsx and as the CSVs Excel writes, read back.

Excel's CSV is simulated from the filled workbook as a Vietnamese-locale Excel writes it: each
cell as displayed (decimal comma, dot groups for a cell formatted ``#,##0``, a formula as its
value), rows down to the last formatted one (the template's spare rows come out empty), and

* "CSV UTF-8 (Comma delimited)": UTF-8 with a byte-order mark, comma-separated, cells holding a
  comma quoted;
* "CSV (Comma delimited)": Windows-1258 (tone marks as combining characters where the code
  page has no precomposed letter), semicolon-separated (the Vietnamese list separator).
"""

import csv
import io
from datetime import date, datetime
from pathlib import Path

import pandas.testing as pdt
import pytest
from openpyxl import load_workbook
from support import FIXTURES, to_cp1258
from support import sheet_column as col

from analysis.cli import main
from analysis.data.excel import SHEET_ACTUALS, SHEET_INDICATORS, write_template
from analysis.data.loaders import load_actuals, load_dataset, load_indicators
from analysis.errors import InputError


@pytest.fixture
def indicators():
    return load_indicators(FIXTURES / "indicators.csv")




def _shown(cell, names: dict, sheet, decimal: str, group: str) -> str:
    """A cell as Excel displays it, hence writes it to CSV."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith("="):  # the name looked up (VLOOKUP)
        code = sheet[f"{col('indicator_id')}{cell.row}"].value
        return names.get(code, "") if code else ""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        if "#,##0" in cell.number_format:
            whole = f"{value:,.0f}"
            return whole.replace(",", group)
        text = f"{value:.15g}"
        return text.replace(".", decimal)
    return str(value)


def excel_csv(xlsx: Path, out: Path, *, encoding: str, delimiter: str, decimal: str = ",",
              group: str = ".") -> Path:
    """Write the actuals sheet of ``xlsx`` as Excel writes a CSV (see the module docstring)."""
    workbook = load_workbook(xlsx)
    sheet = (workbook[SHEET_ACTUALS] if SHEET_ACTUALS in workbook.sheetnames
             else workbook.worksheets[1])
    names = {r[0].value: r[1].value for r in workbook[SHEET_INDICATORS].iter_rows(min_row=2)}
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row):
        writer.writerow([_shown(c, names, sheet, decimal, group) for c in row])
    text = buffer.getvalue()
    out.write_bytes(to_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return out


def filled_template(tmp_path: Path, indicators) -> Path:
    """The template pre-filled with the fixture's 9 rows and 2026 blank rows, then filled in."""
    actuals = load_actuals(FIXTURES / "actuals.csv", indicators=indicators)
    path = write_template(tmp_path / "mau.xlsx", actuals, indicators, year=2026)
    workbook = load_workbook(path)
    sheet = workbook[SHEET_ACTUALS]
    # rows 11-15 are the blank 2026 rows: grdp growth, grdp current, forest, tourists, industry
    fill = {
        11: {"value": 8.1, "status": "ước tính", "qualifier": "chính xác",
             "published": "2026-12", "source_title": "UBND tỉnh Lai Châu: Báo cáo KT-XH 2026",
             "source_url": "https://example.org/kt2026", "quote": "ước tăng 8,1%",
             "source_tier": "báo Đảng và Nhà nước"},  # a domain the rule does not know
        12: {"value": 1350.25, "status": "sơ bộ", "qualifier": "khoảng",
             "price_basis": "current", "published": "2027-02",
             "source_title": "Cục Thống kê: Tình hình KT-XH", "source_url":
             "https://example.org/ct2026", "quote": "khoảng 1.350,25 tỷ đồng",
             "source_tier": "official"},
        13: {"value": "52,1", "status": "báo cáo", "qualifier": "trên", "published": "2027",
             "source_title": "Tỉnh ủy: Báo cáo “tổng kết”; rừng", "source_url":
             "https://sonnmt.laichau.gov.vn/r2026", "quote": "đạt trên 52,1%",
             "note": "gõ dạng văn bản"},  # no tier typed: the rule gives .gov.vn official
        # a partial-year row typed into the spare rows: indicator, period and unit too
        16: {"indicator_id": "tourist_arrivals", "period": "2026-6M", "value": 850000,
             "unit": "arrivals", "status": "một phần năm", "qualifier": "chính xác",
             "published": "2026-07", "source_title": "Sở VH-TT-DL: 6 tháng",
             "source_url": "https://example.org/dl2026", "quote": "850.000 lượt khách"},
    }
    for number, cells in fill.items():
        for name, value in cells.items():
            sheet[f"{col(name)}{number}"] = value
    sheet[f"{col('value')}16"].number_format = "#,##0"  # shown (and written) as 850.000
    workbook.save(path)
    return path


def test_the_filled_template_reads_the_same_from_xlsx_and_from_both_csvs(tmp_path, indicators):
    xlsx = filled_template(tmp_path, indicators)
    from_xlsx = load_actuals(xlsx, indicators=indicators)
    # 9 pre-filled rows + 4 typed; the blank rows 14 and 15 are skipped
    assert len(from_xlsx) == 13
    new = from_xlsx.set_index("source_row").loc[[11, 12, 13, 16]]
    assert new["value"].tolist() == [8.1, 1350.25, 52.1, 850000.0]
    assert new["status"].tolist() == ["estimate", "preliminary", "reported", "partial-year"]
    assert new["qualifier"].tolist() == ["exact", "about", "more_than", "exact"]
    # the tier: a word, a code, the rule's (the cell left empty), none (unknown, left empty)
    assert new["source_tier"].tolist() == ["state_press", "official", "official", ""]
    utf8 = excel_csv(xlsx, tmp_path / "utf8.csv", encoding="utf-8-sig", delimiter=",")
    vietnamese = excel_csv(xlsx, tmp_path / "vi.csv", encoding="cp1258", delimiter=";")
    assert utf8.read_bytes().startswith(b"\xef\xbb\xbf")
    assert b'"8,1"' in utf8.read_bytes() and b";850.000;" in vietnamese.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        vietnamese.read_bytes().decode("utf-8")
    # the template's spare rows come out as empty lines, the blank 2026 rows with their codes
    assert vietnamese.read_bytes().count(b"\r\n") > 300
    assert b"tourist_arrivals;" in vietnamese.read_bytes()
    for path in (utf8, vietnamese):
        from_csv = load_actuals(path, indicators=indicators)
        pdt.assert_frame_equal(from_csv.drop(columns="source_file"),
                               from_xlsx.drop(columns="source_file"))


def test_an_english_excel_csv_reads_the_same_too(tmp_path, indicators):
    # machine decimals (8.1), no grouped cell: the dot-decimal convention
    xlsx = filled_template(tmp_path, indicators)
    workbook = load_workbook(xlsx)
    workbook[SHEET_ACTUALS][f"{col('value')}16"].number_format = "General"
    workbook.save(xlsx)
    path = excel_csv(xlsx, tmp_path / "en.csv", encoding="utf-8-sig", delimiter=",",
                     decimal=".", group=",")
    pdt.assert_frame_equal(load_actuals(path, indicators=indicators).drop(columns="source_file"),
                           load_actuals(xlsx, indicators=indicators).drop(columns="source_file"))


def test_a_grouped_number_in_an_english_csv_is_an_error_at_its_cell(tmp_path, indicators):
    # an English Excel writes 850,000 for a grouped cell: among dot decimals it could be 850
    xlsx = filled_template(tmp_path, indicators)
    path = excel_csv(xlsx, tmp_path / "en.csv", encoding="utf-8-sig", delimiter=",",
                     decimal=".", group=",")
    with pytest.raises(InputError) as info:
        load_actuals(path, indicators=indicators)
    (p,) = info.value.problems
    assert (p.row, p.column, p.found) == (16, "value", "850,000")
    assert "850,000 có thể là 850 hoặc 850000" in p.text("vi")


def test_a_title_row_and_a_renamed_sheet_are_handled(tmp_path, indicators):
    xlsx = filled_template(tmp_path, indicators)
    expected = load_actuals(xlsx, indicators=indicators)
    workbook = load_workbook(xlsx)
    sheet = workbook[SHEET_ACTUALS]
    sheet.insert_rows(1)
    sheet["A1"] = "SỐ LIỆU THỰC HIỆN CÁC CHỈ TIÊU NĂM 2026"
    sheet.title = "Số liệu 2026"
    workbook.save(xlsx)
    from_xlsx = load_actuals(xlsx, indicators=indicators)
    shifted = expected.assign(source_row=expected["source_row"] + 1)
    pdt.assert_frame_equal(from_xlsx.drop(columns="source_file"),
                           shifted.drop(columns="source_file"))
    path = excel_csv(xlsx, tmp_path / "vi.csv", encoding="cp1258", delimiter=";")
    pdt.assert_frame_equal(load_actuals(path, indicators=indicators).drop(columns="source_file"),
                           shifted.drop(columns="source_file"))
    # an error is located on the renamed sheet, at the shifted row
    workbook = load_workbook(xlsx)
    workbook["Số liệu 2026"][f"{col('value')}13"] = "tám"
    workbook.save(xlsx)
    with pytest.raises(InputError) as info:
        load_actuals(xlsx, indicators=indicators)
    assert info.value.problems[0].render("vi").startswith(
        f"mau.xlsx, trang 'Số liệu 2026', ô {col('value')}13, cột 'value': không phải là số")


def test_a_workbook_with_no_sheet_to_read_says_exactly_that(tmp_path, indicators):
    xlsx = filled_template(tmp_path, indicators)
    workbook = load_workbook(xlsx)
    copy = workbook.copy_worksheet(workbook[SHEET_ACTUALS])
    copy.title = "bản sao"
    workbook[SHEET_ACTUALS].title = "2026"
    workbook.save(xlsx)
    with pytest.raises(InputError) as info:
        load_actuals(xlsx, indicators=indicators)
    assert info.value.problems[0].render("vi") == (
        "mau.xlsx: sổ không có trang 'actuals', và nhiều trang có các cột của nó ('2026', "
        "'bản sao'): không biết đọc trang nào (cần trang số liệu mang tên 'actuals' (đổi tên "
        "trang đó lại thành 'actuals'))")
    del workbook["bản sao"]
    workbook["2026"].delete_cols(1, 3)  # the columns indicator_id, its name, period are gone
    workbook.save(xlsx)
    with pytest.raises(InputError) as info:
        load_actuals(xlsx, indicators=indicators)
    text = info.value.problems[0].render("en")
    assert text.startswith("mau.xlsx: the workbook has no sheet 'actuals', and no sheet has a "
                           "header with the columns indicator_id, period, value")
    assert "(sheets: 'Hướng dẫn', '2026', 'indicators')" in text


def test_one_stray_dot_decimal_does_not_make_a_correct_850_000_an_error(tmp_path, indicators):
    # the Vietnamese column holds 850.000 (eight hundred and fifty thousand) and, elsewhere,
    # one number typed with a decimal point (7.52): 850.000 is read as typed, the stray cell
    # is the one the warning names
    xlsx = filled_template(tmp_path, indicators)
    workbook = load_workbook(xlsx)
    sheet = workbook[SHEET_ACTUALS]
    value = col("value")
    sheet[f"{value}4"] = "7.52"  # the fixture's 7.52, now as text with a decimal point
    sheet[f"{value}16"] = "850.000"  # as text, the Vietnamese way
    sheet[f"{value}13"] = "52,1"
    workbook.save(xlsx)
    data = load_dataset(FIXTURES / "targets.csv", xlsx)
    rows = data.actuals.set_index("source_row")["value"]
    assert (rows[4], rows[16], rows[13]) == (7.52, 850000.0, 52.1)
    stray = [w for w in data.warnings if w.key == "msg.number.mixed"]
    assert [(w.cell, w.found) for w in stray] == [(f"{value}4", "7.52")]
    assert "ô này được đọc là 7,52" in stray[0].text("vi")


# ------------------------------------------------------------------------------ the command


def test_template_refuses_a_bad_out_or_year_and_writes_nothing(tmp_path, capsys):
    cases = [
        (["--out", str(tmp_path / "no-dir" / "x.xlsx")],
         "tham số --out: thư mục", "parameter --out: the folder"),
        (["--out", str(tmp_path / "x.csv")], "tên tệp phải có đuôi .xlsx", "must end in .xlsx"),
        (["--out", str(tmp_path)], "đây là một thư mục", "this is a folder"),
        (["--out", str(tmp_path / "x.xlsx"), "--year", "2200"],
         "tham số --year: năm ngoài khoảng cho phép (thấy '2200'; cần năm từ 1990 đến 2030)",
         "parameter --year: year out of range"),
        (["--out", str(tmp_path / "x.xlsx"), "--year", "1989"], "năm từ 1990 đến 2030",
         "years between 1990 and 2030"),
    ]
    for argv, vi, en in cases:
        assert main(["template", *argv]) == 2
        err = capsys.readouterr().err
        assert vi in err and "Traceback" not in err
        assert main(["template", *argv, "--lang", "en"]) == 2
        assert en in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_make_template_prefills_next_years_blank_rows(tmp_path):
    import subprocess

    from analysis import PROJECT_ROOT

    out = tmp_path / "mau.xlsx"
    result = subprocess.run(["make", "-s", "template", f"TEMPLATE_OUT={out}"], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(out)[SHEET_ACTUALS]
    periods = [c.value for c in sheet[col("period")][1:]]
    # the shipped data's latest year with annual values is 2025: one blank row per indicator
    n_indicators = len(load_indicators())
    assert periods.count("2026") == n_indicators
    assert "dòng trống cho năm 2026" in result.stdout
