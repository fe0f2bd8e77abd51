"""The Excel data-entry workbook (``python -m analysis template``).

The workbook has three sheets: ``Hướng dẫn`` (instructions in Vietnamese), ``actuals`` (one row
per indicator, period and source, columns named exactly as in ``actuals_lai-chau.csv`` so that
:func:`analysis.data.loaders.load_actuals` reads the workbook as it reads the CSV) and
``indicators`` (the indicator catalogue with units). Dropdowns for ``indicator_id``, ``unit``,
``status``, ``qualifier``, ``price_basis`` and ``choice`` come from the descriptor's enums; the
``period`` and ``published`` columns are formatted as text so that Excel does not turn
``2024-06`` into a date.

The actuals sheet is pre-filled with the given actuals (the round trip: CSV → workbook → the
same table) and, with ``year``, gets one blank row per indicator for a new year, with
``indicator_id``, ``period`` and ``unit`` filled in. Rows left blank are skipped when read.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from analysis.data.loaders import field_enum, field_names

#: Sheet names; the loaders read the sheet named after the resource.
SHEET_ACTUALS, SHEET_INDICATORS, SHEET_HELP = "actuals", "indicators", "Hướng dẫn"
#: Formatted rows kept below the data for new entries (dropdowns and text format reach them).
SPARE_ROWS = 300
#: Columns Excel must keep as text.
TEXT_COLUMNS = ("period", "published", "indicator_id")
#: Column widths in characters.
WIDTHS = {"indicator_id": 34, "period": 11, "value": 14, "unit": 16, "status": 14,
          "qualifier": 12, "price_basis": 14, "published": 12, "source_title": 40,
          "source_url": 40, "quote": 60, "choice": 9, "note": 40}
DEFAULT_WIDTH = 18
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")

#: Meaning of each status, in Vietnamese, for the instructions sheet.
STATUS_VI = {
    "official": "số liệu chính thức của cơ quan thống kê (niên giám, số liệu cuối cùng)",
    "preliminary": "số liệu sơ bộ của cơ quan thống kê, chưa phải số chính thức",
    "estimate": "số ước tính (ước thực hiện) của tỉnh, công bố trước khi có số liệu cả năm",
    "partial-year": "số liệu một phần năm (n tháng đầu năm); không bao giờ dùng làm số cả năm",
    "reported": "số do cơ quan nhà nước hoặc báo chí nêu, không rõ mức độ chính thức",
}
#: Meaning of each qualifier, in Vietnamese.
QUALIFIER_VI = {
    "exact": "con số chính xác",
    "more_than": "“trên”, “hơn” (ghi số 40 với more_than cho “trên 40”)",
    "about": "“khoảng”, “gần”",
    "less_than": "“dưới”, “chưa đến”",
}
#: The instructions sheet, paragraph by paragraph.
HELP_VI = [
    ("Sổ nhập số liệu thực hiện các chỉ tiêu của Chương trình hành động số 26-CTr/TU", True),
    ("Mỗi dòng của trang “actuals” là một giá trị của một chỉ tiêu trong một kỳ, theo một "
     "nguồn. Nhiều nguồn cho cùng một chỉ tiêu và kỳ thì ghi thành nhiều dòng; không xóa số "
     "cũ.", False),
    ("Cách gõ số", True),
    ("Gõ số theo kiểu Việt Nam: dấu chấm phân cách hàng nghìn, dấu phẩy trước phần thập phân: "
     "63.600 (sáu mươi ba nghìn sáu trăm), 7,52 (bảy phẩy năm mươi hai), 1.205,7. Cũng có thể "
     "gõ không có dấu phân cách hàng nghìn: 63600.", False),
    ("Không gõ đơn vị, chữ hay dấu % vào ô value: đơn vị ghi ở cột unit và phải đúng đơn vị "
     "của chỉ tiêu trong trang “indicators”. Tỷ lệ 7,52% ghi là 7,52.", False),
    ("Số như 63.600 hay 1,234 có thể hiểu theo hai cách. Nếu trong tệp có số viết kiểu máy "
     "tính (7.52, dấu chấm thập phân) thì những ô như vậy bị báo lỗi, không đoán. Khi nghi "
     "ngờ, gõ 63600.", False),
    ("Kỳ (period)", True),
    ("YYYY: cả năm (2024). YYYY-nM: n tháng đầu năm (2024-6M là 6 tháng đầu năm, 2024-9M là "
     "9 tháng), luôn có trạng thái partial-year. YYYY-YYYY: bình quân hoặc tổng nhiều năm "
     "(2021-2025).", False),
    ("Trạng thái (status)", True),
    *((f"{k}: {v}", False) for k, v in STATUS_VI.items()),
    ("Mức độ chính xác (qualifier)", True),
    *((f"{k}: {v}", False) for k, v in QUALIFIER_VI.items()),
    ("Các cột khác", True),
    ("price_basis: constant_2010 (giá so sánh 2010), current (giá hiện hành), not_stated "
     "(nguồn không nói rõ); để trống nếu không phải giá trị tiền.", False),
    ("published: ngày công bố của nguồn, dạng YYYY, YYYY-MM hoặc YYYY-MM-DD.", False),
    ("source_title, source_url, quote: tên nguồn, địa chỉ trang web và câu trích nguyên văn; "
     "bắt buộc.", False),
    ("choice: use (dùng dòng này cho chỉ tiêu và kỳ của nó), ignore (không bao giờ dùng), hoặc "
     "để trống.", False),
    ("Khi có nhiều nguồn", True),
    ("Nếu không có dòng nào được đánh dấu use, giá trị được chọn theo thứ tự: trạng thái chính "
     "thức nhất (official > preliminary > estimate > reported), rồi con số chính xác trước con "
     "số “trên/khoảng”, rồi nguồn công bố muộn nhất; nếu vẫn ngang nhau thì lấy dòng đứng "
     "trước và báo để cán bộ quyết định bằng cột choice.", False),
    ("Kiểm tra", True),
    ("Dòng không có giá trị và nguồn sẽ được bỏ qua. Kiểm tra sổ bằng lệnh: "
     "python -m analysis check --actuals TEN_TEP.xlsx", False),
]


def _write_header(sheet, columns: list[str]) -> None:
    """Bold, filled, frozen header row with widths and a filter."""
    for index, name in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=name)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(name, DEFAULT_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"


def _cell_value(value: object) -> object:
    """Convert a table value for Excel: None for empty, plain float/int/str."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    if isinstance(value, str):
        return value or None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def _blank_rows(indicators: pd.DataFrame, year: int) -> pd.DataFrame:
    """One row per indicator for ``year`` with indicator_id, period and unit filled in."""
    return pd.DataFrame({"indicator_id": indicators["indicator_id"].tolist(),
                         "period": str(year), "unit": indicators["unit"].tolist()})


def _add_dropdowns(sheet, columns: list[str], last_row: int, n_indicators: int) -> None:
    """Add dropdowns from the descriptor enums, and indicator ids from their sheet."""
    lists = {name: field_enum("actuals", name)
             for name in ("unit", "status", "qualifier", "price_basis", "choice")}
    for name, values in lists.items():
        _validation(sheet, columns, name, f'"{",".join(values)}"', last_row)
    ids = f"'{SHEET_INDICATORS}'!$A$2:$A${n_indicators + 1}"
    _validation(sheet, columns, "indicator_id", ids, last_row)


def _validation(sheet, columns: list[str], name: str, formula: str, last_row: int) -> None:
    """Attach a dropdown list to column ``name`` down to ``last_row``."""
    letter = get_column_letter(columns.index(name) + 1)
    validation = DataValidation(type="list", formula1=formula, allow_blank=True,
                                showErrorMessage=True, errorTitle="Giá trị không hợp lệ",
                                error="Chọn một giá trị trong danh sách.")
    validation.add(f"{letter}2:{letter}{last_row}")
    sheet.add_data_validation(validation)


def _write_actuals(sheet, rows: pd.DataFrame, n_indicators: int) -> None:
    """Fill the actuals sheet: header, rows, text format for period/published, dropdowns."""
    columns = field_names("actuals")
    _write_header(sheet, columns)
    records = rows.reindex(columns=columns).itertuples(index=False, name=None)
    for row_number, record in enumerate(records, start=2):
        for col, value in enumerate(record, start=1):
            sheet.cell(row=row_number, column=col, value=_cell_value(value))
    last_row = len(rows) + 1 + SPARE_ROWS
    for name in TEXT_COLUMNS:
        col = columns.index(name) + 1
        for row_number in range(2, last_row + 1):
            sheet.cell(row=row_number, column=col).number_format = "@"
    wrap = Alignment(wrap_text=False, vertical="top")
    for row in sheet.iter_rows(min_row=2, max_row=len(rows) + 1):
        for cell in row:
            cell.alignment = wrap
    _add_dropdowns(sheet, columns, last_row, n_indicators)


def _write_indicators(sheet, indicators: pd.DataFrame) -> None:
    """Fill the indicator sheet, loadable as the ``indicators`` resource."""
    columns = field_names("indicators")
    _write_header(sheet, columns)
    for row_number, record in enumerate(
        indicators.reindex(columns=columns).itertuples(index=False, name=None), start=2
    ):
        for col, value in enumerate(record, start=1):
            sheet.cell(row=row_number, column=col, value=_cell_value(value))


def _write_help(sheet) -> None:
    """Write the Vietnamese instructions, one paragraph per row."""
    sheet.column_dimensions["A"].width = 120
    for row_number, (text, heading) in enumerate(HELP_VI, start=1):
        cell = sheet.cell(row=row_number, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if heading:
            cell.font = _HEADER_FONT


def write_template(
    path: Path | str,
    actuals: pd.DataFrame | None,
    indicators: pd.DataFrame,
    year: int | None = None,
) -> Path:
    """Write the data-entry workbook.

    Parameters
    ----------
    path : Path or str
        The ``.xlsx`` file to write.
    actuals : pandas.DataFrame or None
        Rows to pre-fill (as from :func:`analysis.data.loaders.load_actuals`); None for none.
    indicators : pandas.DataFrame
        The indicator catalogue (as from :func:`analysis.data.loaders.load_indicators`).
    year : int, optional
        Add one blank row per indicator for this year, below the pre-filled rows.

    Returns
    -------
    Path
        ``path``.
    """
    rows = actuals if actuals is not None else pd.DataFrame(columns=field_names("actuals"))
    if year is not None:
        rows = pd.concat([rows, _blank_rows(indicators, year)], ignore_index=True)
    workbook = Workbook()
    help_sheet = workbook.active
    help_sheet.title = SHEET_HELP
    _write_help(help_sheet)
    actuals_sheet = workbook.create_sheet(SHEET_ACTUALS)
    _write_actuals(actuals_sheet, rows, len(indicators))
    _write_indicators(workbook.create_sheet(SHEET_INDICATORS), indicators)
    workbook.active = workbook.index(actuals_sheet)
    path = Path(path)
    workbook.save(path)
    return path
