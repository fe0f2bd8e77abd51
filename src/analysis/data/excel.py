"""The Excel data-entry workbook (``python -m analysis template``).

The workbook has four sheets: ``Hướng dẫn`` (instructions in Vietnamese), ``actuals`` (one row
per indicator, period and source, columns named exactly as in a province's ``actuals.csv`` so
that :func:`analysis.data.loaders.load_actuals` reads the workbook as it reads the CSV),
``indicators`` (the indicator catalogue with units) and, for a programme, ``nhan_xet`` (the
assessors' commentary, :mod:`analysis.data.commentary_sheet`).

Vietnamese beside the codes (:mod:`analysis.data.vocabulary`): a helper column after
``indicator_id`` shows the indicator's Vietnamese name and one after ``unit`` the unit in words
(values for the rows written, a formula looking the indicator up for the spare rows); the
header cells carry a Vietnamese note on what the column holds; ``status`` and ``qualifier``
are written as Vietnamese words (chính thức, ước tính, ...; chính xác, trên, ...), and so is
``source_tier`` (nguồn chính thống, ..., bản sao thứ cấp). Dropdowns for ``indicator_id``,
``unit``, ``status``, ``qualifier``, ``source_tier``, ``price_basis`` and ``choice`` come from
the descriptor's enums, the Vietnamese words first and then the codes: the reader accepts both.
The ``period`` and ``published`` columns are formatted as text so that Excel does not turn
``2024-06`` into a date.

The actuals sheet is pre-filled with the given actuals (the round trip: CSV → workbook → the
same table, in the workbook and in a CSV Excel saves from it) and, with ``year``, gets one
blank row per indicator for a new year, with ``indicator_id``, ``period`` and ``unit`` filled
in. Rows left blank are skipped when read. The workbook is written to a temporary file beside
``path`` and renamed over it, so a failed write leaves no half-written workbook.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from analysis.data import vocabulary
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
          "source_url": 40, "source_tier": 20, "quote": 60, "choice": 9, "note": 40,
          vocabulary.HELPER_COLUMNS["indicator_id"]: 44, vocabulary.HELPER_COLUMNS["unit"]: 18}
#: Columns written as Vietnamese words (the reader turns them back into codes).
WORD_COLUMNS = ("status", "qualifier", "source_tier")
#: What each column holds, in Vietnamese: the note on its header cell.
COLUMN_NOTES = {
    "indicator_id": "Mã chỉ tiêu, chọn trong danh sách (trang “indicators”).",
    "period": "Kỳ: 2025 (cả năm), 2026-6M (6 tháng đầu năm), 2021-2025 (nhiều năm).",
    "value": "Giá trị, theo đơn vị ở cột unit; gõ kiểu Việt Nam: 63.600 hoặc 7,52.",
    "unit": "Đơn vị của chỉ tiêu (điền sẵn); tên tiếng Việt ở cột bên cạnh.",
    "status": "Trạng thái: chính thức, sơ bộ, ước tính, một phần năm, báo cáo.",
    "qualifier": "Mức chính xác: chính xác, trên, khoảng, dưới.",
    "price_basis": "Giá so sánh 2010 (constant_2010), giá hiện hành (current), không rõ "
                   "(not_stated); để trống nếu không phải giá trị tiền.",
    "published": "Ngày công bố của nguồn: YYYY, YYYY-MM hoặc YYYY-MM-DD.",
    "source_title": "Tên nguồn (cơ quan: tiêu đề).",
    "source_url": "Địa chỉ trang web của nguồn.",
    "source_tier": "Bậc nguồn: nguồn chính thống, báo Đảng và Nhà nước, báo chí khác, bản sao "
                   "thứ cấp. Để trống: chương trình tự xếp theo tên miền của địa chỉ nguồn; "
                   "nguồn lạ (tên miền chưa có trong bảng quy tắc) thì phải ghi.",
    "quote": "Câu trích nguyên văn của nguồn.",
    "choice": "use: dùng dòng này (kèm lý do ở cột note để xác nhận một số bất thường); "
              "ignore: không dùng.",
    "note": "Ghi chú: cách tính, lý do xác nhận một số bất thường.",
}
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
#: Meaning of each source tier, in Vietnamese.
TIER_VI = {
    "official": "nguồn chính thống: cơ quan thống kê, cổng thông tin của chính quyền hoặc cấp ủy",
    "state_press": "báo Đảng và Nhà nước: báo, tạp chí, đài của Đảng, Nhà nước, cơ quan nhà "
                   "nước, Mặt trận Tổ quốc; Thông tấn xã",
    "other_press": "báo chí khác: các báo, tạp chí còn lại (của đoàn thể, doanh nghiệp)",
    "secondary": "bản sao thứ cấp: trang chia sẻ tài liệu, wiki, trang tổng hợp tin, bản dịch "
                 "do trang khác đăng lại",
}
#: The instructions sheet's first line when no title is given.
HELP_TITLE_VI = "Sổ nhập số liệu thực hiện các chỉ tiêu"
#: The instructions sheet, paragraph by paragraph (after the title).
HELP_VI = [
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
    *((f"source_tier: {k}: {v}", False) for k, v in TIER_VI.items()),
    ("Bậc nguồn được xếp theo tên miền của địa chỉ nguồn, bằng bảng quy tắc "
     "data/schema/source_tiers.csv: để trống thì chương trình tự điền. Nếu ghi một bậc trái với "
     "quy tắc, lệnh kiểm tra báo lỗi; nguồn có tên miền chưa có trong bảng thì phải ghi bậc "
     "(hoặc thêm tên miền vào bảng).", False),
    ("choice: use (dùng dòng này cho chỉ tiêu và kỳ của nó), ignore (không bao giờ dùng), hoặc "
     "để trống.", False),
    ("Hai cột “Tên chỉ tiêu (tự điền)” và “Đơn vị (tự điền)” chỉ để đọc: chương trình bỏ qua "
     "chúng. Cột status và qualifier nhận cả chữ tiếng Việt (chính thức, ước tính, trên, "
     "khoảng...) lẫn mã (official, estimate, more_than, about...).", False),
    ("Nhận xét, đánh giá (trang “nhan_xet”)", True),
    ("Mỗi dòng là một mục của báo cáo: cột key là khóa (chapter: summary, mã chỉ tiêu, hoặc "
     "phần đầu và chữ ký: issuer, number, signer_name, recipients...), cột text_vi là nội dung "
     "của báo cáo tiếng Việt, text_en của báo cáo tiếng Anh; cột “Mục (tự điền)” chỉ để đọc. "
     "Nội dung viết như trong tệp nhận xét: đoạn văn, danh sách (- hoặc 1.), **đậm**, *nghiêng*. "
     "Dùng sổ này cho báo cáo: python -m analysis report --commentary <sổ>.xlsx. Mục để trống "
     "là mục còn chờ nhận xét (báo cáo là bản dự thảo).", False),
    ("Số liệu bất thường", True),
    ("Lệnh kiểm tra so sánh mỗi giá trị với các năm bên cạnh của cùng chỉ tiêu. Giá trị lệch "
     "gấp khoảng 10 hay 1000 lần (thường do nhầm đơn vị: triệu đồng với tỷ đồng, lượt với "
     "nghìn lượt) là lỗi; thay đổi lớn nhưng có thể xảy ra (trên 30%/năm) là cảnh báo. Các tỷ "
     "trọng trong GRDP của một kỳ phải cộng lại khoảng 100%; số bình quân nhiều năm phải khớp "
     "với các tốc độ từng năm.", False),
    ("Nếu đã kiểm tra và số đúng: ghi use ở cột choice và ghi lý do ở cột note (ví dụ: "
     "“đã đối chiếu với Niên giám 2025”). Khi đó số được xác nhận, không còn báo lỗi hay cảnh "
     "báo. Dòng sai mà không dùng thì ghi ignore.", False),
    ("Khi có nhiều nguồn", True),
    ("Nếu không có dòng nào được đánh dấu use, giá trị được chọn theo thứ tự: trạng thái chính "
     "thức nhất (official > preliminary > estimate > reported), rồi nguồn có thẩm quyền hơn "
     "(nguồn chính thống > báo Đảng và Nhà nước > báo chí khác > bản sao thứ cấp), rồi con số "
     "chính xác trước con số “trên/khoảng”, rồi nguồn công bố muộn nhất; nếu vẫn ngang nhau "
     "thì lấy dòng đứng trước và báo để cán bộ quyết định bằng cột choice.", False),
    ("Kiểm tra", True),
    ("Dòng không có giá trị và nguồn sẽ được bỏ qua, trong sổ Excel cũng như khi lưu thành "
     "CSV. Kiểm tra sổ bằng lệnh: python -m analysis check --actuals TEN_TEP.xlsx (thêm "
     "--lang en để đọc thông báo bằng tiếng Anh).", False),
    ("Lưu thành CSV", True),
    ("Có thể lưu trang “actuals” thành CSV (“CSV UTF-8 (Comma delimited)” hoặc “CSV (Comma "
     "delimited)” của Excel tiếng Việt, mã Windows-1258, ngăn cách bằng dấu chấm phẩy): chương "
     "trình đọc được cả hai. Đừng đổi tên trang “actuals” và đừng chèn dòng giữa tiêu đề cột và "
     "số liệu; một dòng tiêu đề chung ở trên cùng thì không sao.", False),
]


def _write_header(sheet, columns: list[str], notes: dict[str, str] | None = None) -> None:
    """Bold, filled, frozen header row with widths, notes and a filter."""
    for index, name in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=name)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        if notes and name in notes:
            cell.comment = Comment(notes[name], "lai-chau-assessment", width=300, height=90)
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(name, DEFAULT_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"


#: First characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection":
#: = + - @, and the tab and carriage return that some spreadsheets skip before them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def put(sheet, row: int, column: int, value: object):
    """Write ``value`` into a cell; text is always text.

    openpyxl takes a string beginning with ``=`` for a formula, and Excel re-reads a text cell
    beginning with ``= + - @`` as a formula once it is edited. A source title such as
    ``=HYPERLINK("http://…"&A1, …)`` or ``=cmd|' /C calc'!A0`` is therefore written as a text
    cell with Excel's quote prefix (shown as typed, never run, read back unchanged).
    """
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


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


def sheet_columns() -> list[str]:
    """Columns of the actuals sheet: the descriptor's, each helper column after its code."""
    columns = []
    for name in field_names("actuals"):
        columns.append(name)
        if name in vocabulary.HELPER_COLUMNS:
            columns.append(vocabulary.HELPER_COLUMNS[name])
    return columns


def _with_words(rows: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Rows as the sheet shows them: helper columns filled, status and qualifier in words."""
    rows = rows.copy()
    names = indicators.set_index("indicator_id")["name_vi"]
    rows[vocabulary.HELPER_COLUMNS["indicator_id"]] = rows["indicator_id"].map(names)
    rows[vocabulary.HELPER_COLUMNS["unit"]] = [
        vocabulary.word("unit", u) if isinstance(u, str) and u else None for u in rows["unit"]]
    for column in WORD_COLUMNS:
        if column in rows:
            rows[column] = [vocabulary.word(column, v) if isinstance(v, str) and v else v
                            for v in rows[column]]
    return rows


def _helper_formulas(sheet, columns: list[str], first: int, last: int) -> None:
    """Formulas that show the name and unit of the indicator picked in a spare row."""
    code = get_column_letter(columns.index("indicator_id") + 1)
    name = get_column_letter(columns.index(vocabulary.HELPER_COLUMNS["indicator_id"]) + 1)
    for row in range(first, last + 1):
        sheet[f"{name}{row}"] = (f'=IF({code}{row}="","",IFERROR(VLOOKUP({code}{row},'
                                 f"'{SHEET_INDICATORS}'!$A:$B,2,FALSE),\"\"))")


def _add_dropdowns(sheet, columns: list[str], last_row: int, n_indicators: int) -> None:
    """Add dropdowns from the descriptor enums (words first), and ids from their sheet."""
    lists = {name: field_enum("actuals", name)
             for name in ("unit", "status", "qualifier", "source_tier", "price_basis", "choice")}
    for name in WORD_COLUMNS:
        lists[name] = vocabulary.words(name) + lists[name]
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
    columns = sheet_columns()
    _write_header(sheet, columns, COLUMN_NOTES)
    records = rows.reindex(columns=columns).itertuples(index=False, name=None)
    for row_number, record in enumerate(records, start=2):
        for col, value in enumerate(record, start=1):
            put(sheet, row_number, col, _cell_value(value))
    last_row = len(rows) + 1 + SPARE_ROWS
    for name in TEXT_COLUMNS:
        col = columns.index(name) + 1
        for row_number in range(2, last_row + 1):
            sheet.cell(row=row_number, column=col).number_format = "@"
    wrap = Alignment(wrap_text=False, vertical="top")
    for row in sheet.iter_rows(min_row=2, max_row=len(rows) + 1):
        for cell in row:
            cell.alignment = wrap
    _helper_formulas(sheet, columns, len(rows) + 2, last_row)
    _add_dropdowns(sheet, columns, last_row, n_indicators)


def _write_indicators(sheet, indicators: pd.DataFrame) -> None:
    """Fill the indicator sheet, loadable as the ``indicators`` resource."""
    columns = field_names("indicators")
    _write_header(sheet, columns)
    for row_number, record in enumerate(
        indicators.reindex(columns=columns).itertuples(index=False, name=None), start=2
    ):
        for col, value in enumerate(record, start=1):
            put(sheet, row_number, col, _cell_value(value))


def _write_help(sheet, title: str) -> None:
    """Write the title, then the Vietnamese instructions, one paragraph per row."""
    sheet.column_dimensions["A"].width = 120
    paragraphs = [(title or HELP_TITLE_VI, True), *HELP_VI]
    for row_number, (text, heading) in enumerate(paragraphs, start=1):
        cell = put(sheet, row_number, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if heading:
            cell.font = _HEADER_FONT


def write_template(
    path: Path | str,
    actuals: pd.DataFrame | None,
    indicators: pd.DataFrame,
    year: int | None = None,
    title: str = "",
    programme=None,
    commentaries: dict | None = None,
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
    title : str
        The first line of the instructions sheet: whose data the workbook holds (the
        province and the programme).
    programme : analysis.programme.Programme, optional
        Adds the commentary sheet of this programme
        (:mod:`analysis.data.commentary_sheet`), its texts from ``commentaries`` (by
        language) when given.

    Returns
    -------
    Path
        ``path``.
    """
    rows = actuals if actuals is not None else pd.DataFrame(columns=field_names("actuals"))
    if year is not None:
        rows = pd.concat([rows, _blank_rows(indicators, year)], ignore_index=True)
    rows = _with_words(rows, indicators)
    workbook = Workbook()
    help_sheet = workbook.active
    help_sheet.title = SHEET_HELP
    _write_help(help_sheet, title)
    actuals_sheet = workbook.create_sheet(SHEET_ACTUALS)
    _write_actuals(actuals_sheet, rows, len(indicators))
    _write_indicators(workbook.create_sheet(SHEET_INDICATORS), indicators)
    if programme is not None:
        from analysis.data.commentary import labels_for
        from analysis.data.commentary_sheet import write_commentary_sheet

        write_commentary_sheet(workbook, programme, labels_for(programme), commentaries)
    workbook.active = workbook.index(actuals_sheet)
    return save_workbook(workbook, path)


def save_workbook(workbook, path: Path | str) -> Path:
    """Save ``workbook`` to a temporary file beside ``path`` and rename it over ``path``: a
    failed write leaves no half-written workbook (and an earlier one untouched).
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        workbook.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
