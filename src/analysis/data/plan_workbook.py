"""The Excel workbook for a new programme or plan (``python -m analysis new-programme``).

Economists type a plan's targets from the annex of a PDF into Excel; this workbook is the form,
as the data-entry template (:mod:`analysis.data.excel`) is for actuals. Its sheets:

``Hướng dẫn``
    the guide, in Vietnamese: every sheet and column, the words of the dropdowns, how to import.
``chuong_trinh``
    the programme, one field a row (column ``key``, the value in column ``value``, what it is in
    the read-only column beside): names in Vietnamese and English, issuing body, number, date,
    the province (its folder, filled in), base and target year, the growth target, a note.
``chi_tieu``
    the targets, one a row: id, name and wording, indicator (a dropdown of the province's
    indicators; its name appears beside it), unit, kind, comparator, value or range (``9-11``),
    period (``2026-2030``; empty: the programme's), direction, group, section, price basis, note,
    why a target ends before the target year, source title and address.
``chuong``
    the chapters of the report, in order: a target with a chapter of its own, or a group of
    targets under a title (the structure of GRDP).
``chi_so``
    the province's indicators, to pick from (read-only here: a missing indicator is added to the
    province's ``indicators.csv`` first).
``danh_sach``
    the lists of the dropdowns (hidden).

Kind, comparator, direction, group, price basis and unit are offered as Vietnamese words
(``tăng bình quân``, ``khoảng``, ``cao hơn là tốt``, ...) and as codes; the reader takes either
and writes codes. Numbers may be typed the Vietnamese way (``13,6``, ``168.000``).

:func:`read_plan` reads a filled workbook into a :class:`PlanDraft` and reports every cell that
cannot be read (file, sheet, cell, column, found, expected). What the programme's own checks
say about the result (a period outside the programme, a chapter naming no target, a growth
target that is not an average growth) is found by writing the folder and loading it
(:mod:`analysis.data.plan_folder`), and put back on the cell it comes from.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import InputError, Problem
from analysis.i18n import has, t
from analysis.messages import text

#: Sheet names.
SHEET_HELP, SHEET_PROGRAMME, SHEET_TARGETS, SHEET_CHAPTERS, SHEET_INDICATORS, SHEET_LISTS = (
    "Hướng dẫn", "chuong_trinh", "chi_tieu", "chuong", "chi_so", "danh_sach")
#: The sheets a workbook must hold to be read.
READ_SHEETS = (SHEET_PROGRAMME, SHEET_TARGETS, SHEET_CHAPTERS)
#: Columns of the programme sheet: the field's key, its value, what it is (read-only).
KEY, VALUE, ABOUT = "key", "value", "Giải thích (tự điền)"
#: The programme's fields: key, what it is (in Vietnamese), required.
PROGRAMME_FIELDS = (
    ("title_vi", "Tên đầy đủ của văn bản (tiếng Việt), như trên trang đầu.", True),
    ("title_en", "Tên đầy đủ bằng tiếng Anh.", True),
    ("short_title_vi", "Tên ngắn như văn bản tự gọi: “Kế hoạch phát triển kinh tế - xã hội 5 "
                       "năm 2026-2030”.", True),
    ("short_title_en", "Tên ngắn bằng tiếng Anh.", True),
    ("issuer_vi", "Cơ quan ban hành: “Hội đồng nhân dân tỉnh …”.", True),
    ("issuer_en", "Cơ quan ban hành, tiếng Anh.", True),
    ("number", "Số, ký hiệu: 96/NQ-HĐND.", True),
    ("date", "Ngày ban hành: dd/mm/yyyy (09/12/2025).", True),
    ("province", "Thư mục của tỉnh trong data/provinces (đã điền): chỉ số ở trang “chi_so”, số "
                 "liệu thực hiện là của tỉnh này.", True),
    ("province_vi", "Tên tỉnh (tiếng Việt).", True),
    ("province_en", "Tên tỉnh (tiếng Anh).", True),
    ("base_year", "Năm gốc: năm trước năm đầu của giai đoạn (2025 cho kế hoạch 2026-2030).",
     True),
    ("target_year", "Năm mục tiêu: năm cuối của giai đoạn (2030).", True),
    ("growth_target", "Mã chỉ tiêu tăng trưởng bình quân được tính kịch bản, dải bất định và "
                      "tăng trưởng cần đạt (thường là tăng trưởng GRDP); để trống nếu không có.",
     False),
    ("note_vi", "Điều mọi người đọc báo cáo cần biết về danh mục (in ở phần tóm tắt), ví dụ "
                "danh mục chưa đủ; để trống nếu không có.", False),
    ("note_en", "Ghi chú đó bằng tiếng Anh (bắt buộc khi có ghi chú tiếng Việt).", False),
)
#: The read-only column beside the indicator id of a target.
INDICATOR_NAME = "Tên chỉ số (tự điền)"
#: Columns of the targets sheet, in order.
TARGET_COLUMNS = ("target_id", "name_vi", "name_en", "text_vi", "indicator_id", INDICATOR_NAME,
                  "unit", "kind", "comparator", "value", "period", "direction", "group",
                  "section", "price_basis", "note", "period_note", "source_title", "source_url")
#: Columns of the targets sheet that must be filled.
TARGET_REQUIRED = ("target_id", "name_vi", "name_en", "text_vi", "indicator_id", "kind",
                   "comparator", "value", "direction", "group", "section")
#: Columns of the chapters sheet, in order.
CHAPTER_COLUMNS = ("key", "targets", "title_vi", "title_en", "related")
#: Columns of the indicators sheet.
INDICATOR_COLUMNS = ("indicator_id", "name_vi", "name_en", "unit", "measure", "description")
#: What each column of the targets and chapters sheets holds, in Vietnamese (header notes).
COLUMN_NOTES = {
    "target_id": "Mã chỉ tiêu: chữ thường không dấu, chữ số, “_”, có đơn vị trong tên "
                 "(grdp_growth_pct_per_year). Mỗi chỉ tiêu một mã.",
    "name_vi": "Tên ngắn tiếng Việt, như in trong bảng của báo cáo.",
    "name_en": "Tên ngắn tiếng Anh.",
    "text_vi": "Nguyên văn chỉ tiêu trong văn bản (phụ lục).",
    "indicator_id": "Chỉ số đo chỉ tiêu: chọn trong danh sách (trang “chi_so”).",
    "unit": "Đơn vị; để trống thì lấy đơn vị của chỉ số.",
    "kind": "Loại chỉ tiêu: tăng bình quân, mức năm mục tiêu, tỷ trọng trong GRDP, tỷ lệ, thay "
            "đổi điểm %/năm, số lượng, diện tích, tổng cả giai đoạn.",
    "comparator": "So sánh: khoảng, đạt, trên, không quá, từ-đến.",
    "value": "Giá trị mục tiêu: một số (13,6; 168.000) hoặc khoảng “9-11” khi so sánh là "
             "từ-đến.",
    "period": "Giai đoạn: 2026-2030; để trống là cả giai đoạn của chương trình.",
    "direction": "Cao hơn là tốt, hay thấp hơn là tốt.",
    "group": "Nhóm: Kinh tế, Xã hội, Môi trường, Chương trình ngành, Kết cấu hạ tầng.",
    "section": "Mục của văn bản (phụ lục, biểu số …).",
    "price_basis": "Giá hiện hành hoặc giá so sánh 2010, cho chỉ tiêu bằng tiền; để trống nếu "
                   "không phải.",
    "note": "Ghi chú: cách đọc chỉ tiêu, cách đo.",
    "period_note": "Chỉ khi chỉ tiêu kết thúc trước năm mục tiêu: lý do (mốc giữa kỳ…).",
    "source_title": "Nguồn của chỉ tiêu (văn bản, trang báo) nếu không phải chính văn bản này.",
    "source_url": "Địa chỉ của nguồn.",
    "key": "Mã của chương: mã chỉ tiêu (chương của một chỉ tiêu) hoặc tên ngắn của nhóm "
           "(structure).",
    "targets": "Các mã chỉ tiêu của chương, cách nhau bởi “;”.",
    "title_vi": "Tên nhóm tiếng Việt (chỉ cho nhóm nhiều chỉ tiêu).",
    "title_en": "Tên nhóm tiếng Anh.",
    "related": "Các mã chỉ số trình bày bên cạnh (không bắt buộc), cách nhau bởi “;”.",
}
#: Columns whose cells are words or codes: the key prefix of each code's word.
WORD_PREFIXES = {"comparator": "word.comparator", "kind": "word.kind",
                 "direction": "word.direction", "group": "group",
                 "price_basis": "word.price_basis", "unit": "unit"}
#: The field of the targets' table schema each word column takes its codes from.
WORD_FIELDS = {"comparator": "comparator", "kind": "kind", "direction": "direction",
               "group": "group", "price_basis": "price_basis", "unit": "unit"}
#: A kind whose unit is a pace in percentage points while its indicator is in per cent.
PP_KIND, PP_UNIT = "change_pp_per_year", "pp_per_year"
#: The comparator of a range, and how a range is typed.
RANGE = "range"
_RANGE = re.compile(r"^\s*([0-9.,]+)\s*%?\s*[-–—]\s*([0-9.,]+)\s*%?\s*$")
_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[-–—]\s*(\d{4}))?\s*$")
_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
#: Rows formatted (dropdowns, notes) below the header for entries.
ENTRY_ROWS = 200
#: Separator of the ids in one cell.
LIST_SEPARATOR = ";"


@dataclass
class PlanDraft:
    """A filled workbook, read: the programme's fields, the targets and the chapters.

    ``targets`` hold the columns of ``targets.csv`` (codes, ``value``/``low``/``high``,
    ``period_start``/``target_year``) and ``row``, the sheet row each came from; ``chapters``
    hold ``key``, ``targets``, ``title`` (vi, en), ``related`` and ``row``.
    """

    file: Path
    fields: dict[str, object]
    targets: list[dict] = field(default_factory=list)
    chapters: list[dict] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # field key -> its row


def _fold(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())


def codes(column: str) -> list[str]:
    """The codes of a word column (the targets' table schema)."""
    from analysis.data.loaders import field_enum

    return field_enum("targets", WORD_FIELDS[column])


def word(column: str, code: str) -> str:
    """The Vietnamese word of ``code`` in ``column`` (the code when it has none)."""
    key = f"{WORD_PREFIXES[column]}.{code}"
    return (t(key, "vi") if has(key) else "") or code


def choices(column: str) -> list[str]:
    """What the dropdown of ``column`` offers: the words, then the codes."""
    found = [word(column, c) for c in codes(column)]
    return list(dict.fromkeys([w for w in found if w not in codes(column)] + codes(column)))


def to_code(column: str, value: str) -> str | None:
    """The code a cell means (a word or a code, in any case); None when it means none."""
    wanted = _fold(value)
    for code in codes(column):
        if wanted in (_fold(code), _fold(word(column, code))):
            return code
    return None


# ---------------------------------------------------------------------------------------------
# writing


def _help(province: str, name: str) -> list[tuple[str, bool]]:
    """The guide, paragraph by paragraph (heading or not), for the province whose folder is
    ``province`` and whose name is ``name``.
    """
    kinds = "; ".join(f"{word('kind', c)} ({c})" for c in codes("kind"))
    comparators = "; ".join(f"{word('comparator', c)} ({c})" for c in codes("comparator"))
    return [
        ("Sổ nhập chương trình, kế hoạch mới", True),
        (f"Sổ này dùng để nhập các chỉ tiêu của một chương trình, kế hoạch (nghị quyết, quyết "
         f"định, chương trình hành động) của tỉnh {name}, từ phụ lục của văn bản. Điền ba "
         "trang “chuong_trinh”, “chi_tieu” và “chuong”, rồi nhập vào sản phẩm bằng lệnh: python "
         "-m analysis new-programme --from <sổ>.xlsx --id <mã> (mã: chữ thường không dấu, chữ "
         f"số và “-”, ví dụ {province}-2026-2030). Lệnh kiểm tra sổ, báo từng ô sai (trang, ô, "
         "cột, "
         "giá trị thấy và giá trị cần) và chỉ ghi thư mục data/programmes/<mã> khi không còn lỗi; "
         "thư mục đã có thì phải thêm --force để ghi đè.", False),
        ("Trang “chuong_trinh”", True),
        ("Mỗi dòng một mục: cột key là tên mục (không sửa), cột value là giá trị, cột bên cạnh "
         "giải thích. Năm gốc là năm trước năm đầu của giai đoạn: kế hoạch 2026-2030 có năm gốc "
         "2025 và năm mục tiêu 2030. Chỉ tiêu tăng trưởng (growth_target) là mã của một chỉ tiêu "
         "“tăng bình quân” ở trang “chi_tieu”.", False),
        ("Trang “chi_tieu”", True),
        ("Mỗi dòng một chỉ tiêu; ô tiêu đề có ghi chú. Chỉ số (indicator_id) chọn trong danh "
         "sách của tỉnh (trang “chi_so”); nếu chỉ tiêu cần một chỉ số tỉnh chưa có, thêm chỉ số "
         f"đó vào data/provinces/{province}/indicators.csv trước (mã, tên, đơn vị, loại số đo, "
         "cơ quan công bố), rồi tạo lại sổ. Đơn vị để trống thì lấy đơn vị của chỉ số.", False),
        (f"Loại chỉ tiêu (kind): {kinds}.", False),
        (f"So sánh (comparator): {comparators}. “Khoảng” đạt khi lệch không quá 0,5 điểm % "
         "(tỷ lệ) hoặc 2% (mức); “trên 95%” không đạt khi bằng 95; “từ-đến” ghi khoảng ở cột "
         "value: 9-11.", False),
        ("Giá trị (value): gõ kiểu Việt Nam (13,6; 168.000 là một trăm sáu mươi tám nghìn) hoặc "
         "không có dấu phân cách (168000). Giai đoạn (period): 2026-2030; để trống là cả giai "
         "đoạn của chương trình; một chỉ tiêu kết thúc trước năm mục tiêu phải ghi lý do ở cột "
         "period_note.", False),
        ("Các cột kind, comparator, direction, group, price_basis, unit nhận chữ tiếng Việt "
         "trong danh sách hoặc mã (ví dụ “khoảng” hoặc about). Cột “Tên chỉ số (tự điền)” chỉ "
         "để đọc.", False),
        ("Trang “chuong”", True),
        ("Các chương riêng của báo cáo, theo thứ tự. Chương một chỉ tiêu: cột key là mã chỉ "
         "tiêu (hoặc để trống) và cột targets là mã đó. Nhóm nhiều chỉ tiêu (cơ cấu kinh tế): "
         "cột key là tên ngắn (structure), targets là các mã cách nhau bởi “;”, title_vi và "
         "title_en là tên nhóm. Để trống cả trang: chỉ tiêu tăng trưởng (nếu có) có một chương; "
         "các chỉ tiêu khác in ở chương các chỉ tiêu khác.", False),
        ("Sau khi nhập", True),
        ("Lệnh ghi programme.yaml, targets.csv và datapackage.json (tạo từ hai tệp kia). Xem "
         "danh sách bằng python -m analysis programmes, đánh giá bằng python -m analysis assess "
         "--programme <mã>, in báo cáo bằng python -m analysis report --programme <mã>.", False),
    ]


def _write_programme_sheet(sheet, province: str, province_names: dict, header) -> None:
    header(sheet, [KEY, VALUE, ABOUT])
    for width, letter in ((18, "A"), (60, "B"), (90, "C")):
        sheet.column_dimensions[letter].width = width
    prefilled = {"province": province, "province_vi": province_names.get("vi"),
                 "province_en": province_names.get("en")}
    for row, (key, about, required) in enumerate(PROGRAMME_FIELDS, start=2):
        sheet.cell(row=row, column=1, value=key)
        sheet.cell(row=row, column=2, value=prefilled.get(key))
        sheet.cell(row=row, column=3, value=about + ("" if required else " (không bắt buộc)"))
        sheet.cell(row=row, column=2).number_format = "@"


def _write_lists(workbook, columns: dict[str, list[str]]):
    """The hidden sheet of dropdown lists; ``{column: range formula}``."""
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(SHEET_LISTS)
    ranges = {}
    for index, (name, values) in enumerate(columns.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=name)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=index, value=value)
        ranges[name] = f"'{SHEET_LISTS}'!${letter}$2:${letter}${len(values) + 1}"
    sheet.sheet_state = "hidden"
    return ranges


def write_plan_workbook(path: Path | str, indicators, province: str,
                        province_names: dict | None = None) -> Path:
    """Write the new-programme workbook for ``province`` (its ``indicators`` frame listed).

    Written to a temporary file beside ``path`` and renamed over it: a failed write leaves no
    half-written workbook.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from analysis.data.excel import _cell_value, _validation, _write_header, save_workbook

    workbook = Workbook()
    guide = workbook.active
    guide.title = SHEET_HELP
    guide.column_dimensions["A"].width = 120
    name = (province_names or {}).get("vi") or province
    for row, (paragraph, heading) in enumerate(_help(province, name), start=1):
        cell = guide.cell(row=row, column=1, value=paragraph)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if heading:
            cell.font = Font(bold=True)
    _write_programme_sheet(workbook.create_sheet(SHEET_PROGRAMME), province,
                           province_names or {}, _write_header)
    targets = workbook.create_sheet(SHEET_TARGETS)
    _write_header(targets, list(TARGET_COLUMNS), COLUMN_NOTES)
    chapters = workbook.create_sheet(SHEET_CHAPTERS)
    _write_header(chapters, list(CHAPTER_COLUMNS), COLUMN_NOTES)
    listed = workbook.create_sheet(SHEET_INDICATORS)
    _write_header(listed, list(INDICATOR_COLUMNS))
    for row, record in enumerate(indicators.reindex(columns=list(INDICATOR_COLUMNS))
                                 .itertuples(index=False, name=None), start=2):
        for col, value in enumerate(record, start=1):
            listed.cell(row=row, column=col, value=_cell_value(value))
    ranges = _write_lists(workbook, {c: choices(c) for c in WORD_PREFIXES})
    last = ENTRY_ROWS + 1
    columns = list(TARGET_COLUMNS)
    for name, formula in ranges.items():
        _validation(targets, columns, name, formula, last)
    _validation(targets, columns, "indicator_id",
                f"'{SHEET_INDICATORS}'!$A$2:$A${len(indicators) + 1}", last)
    code, name = (get_column_letter(columns.index(c) + 1) for c in ("indicator_id",
                                                                     INDICATOR_NAME))
    for row in range(2, last + 1):
        targets[f"{name}{row}"] = (f'=IF({code}{row}="","",IFERROR(VLOOKUP({code}{row},'
                                   f"'{SHEET_INDICATORS}'!$A:$B,2,FALSE),\"\"))")
        for column in ("target_id", "period", "value", "indicator_id"):
            targets.cell(row=row, column=columns.index(column) + 1).number_format = "@"
    workbook.active = workbook.index(workbook[SHEET_PROGRAMME])
    return save_workbook(workbook, path)


# ---------------------------------------------------------------------------------------------
# reading


class _Cells:
    """Problems of the cells of one sheet, each naming the file, the sheet, the cell and the
    column.
    """

    def __init__(self, table, problems: list[Problem]):
        self.table, self.problems = table, problems

    def add(self, row: int, column: str, message, found=None, expected=None) -> None:
        where = self.table.where(row, column)
        self.problems.append(Problem(**where, message=message,
                                     found=None if found in (None, "") else str(found),
                                     expected=expected))

    def text(self, row, column, cells, required=False) -> str:
        value = cells.get(column, "")
        value = (str(int(value)) if isinstance(value, float) and value.is_integer()
                 else str(value)).strip()
        if required and not value:
            self.add(row, column, text("msg.plan.cell_required"), None, column)
        return value

    def year(self, row, column, value) -> int | None:
        year = None
        if isinstance(value, float) and value.is_integer():
            year = int(value)
        elif isinstance(value, str) and value.strip().isdigit():
            year = int(value.strip())
        from analysis.programme import YEAR_RANGE

        if year is None or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
            self.add(row, column, text("msg.plan.cell_year"), value,
                     text("msg.year.between", low=YEAR_RANGE[0], high=YEAR_RANGE[1]))
            return None
        return year

    def date(self, row, column, value) -> dt.date | None:
        raw = str(value).strip()
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
        m = _DATE.match(raw)
        if m:
            try:
                return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                pass
        self.add(row, column, text("msg.plan.cell_date"), value,
                 text("msg.plan.cell_date.expected"))
        return None

    def number(self, row, column, value) -> float | None:
        from analysis.data.numbers import VIETNAMESE, parse_number

        try:
            return parse_number(value, convention=VIETNAMESE)
        except InputError:
            self.add(row, column, text("msg.plan.cell_number"), value,
                     text("msg.plan.value_or_range.expected"))
            return None

    def code(self, row, column, value, required=True) -> str:
        value = str(value).strip()
        if not value:
            if required:
                self.add(row, column, text("msg.plan.cell_required"), None,
                         text("msg.programme.one_of", keys=", ".join(choices(column))))
            return ""
        found = to_code(column, value)
        if found is None:
            self.add(row, column, text("msg.plan.cell_choice"), value,
                     text("msg.programme.one_of", keys=", ".join(choices(column))))
            return ""
        return found


def _table(path: Path, sheet: str, columns: tuple[str, ...], problems: list[Problem],
           allow_empty: bool = False):
    """One sheet as a :class:`~analysis.data.loaders.RawTable` (None when it cannot be read)."""
    from analysis.data.loaders import read_table

    try:
        return read_table(path, sheet, columns)
    except InputError as exc:
        if allow_empty and all(p.key in ("msg.file.no_rows", "msg.file.empty_sheet")
                               for p in exc.problems):
            return None
        problems += exc.problems
        return None


def _sheets_problem(path: Path) -> list[Problem]:
    """The sheets a workbook lacks (it was not made by ``new-programme --out``)."""
    from openpyxl import load_workbook

    try:
        names = load_workbook(path, read_only=True).sheetnames
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for a bad file
        return [Problem(str(path), text("msg.file.not_excel", reason=str(exc)))]
    return [Problem(str(path), text("msg.plan.sheet_missing", sheet=s),
                    expected=text("msg.plan.sheet_missing.expected",
                                  sheets=", ".join(READ_SHEETS)))
            for s in READ_SHEETS if s not in names]


def _split(value: str) -> list[str]:
    return [v.strip() for v in str(value).replace(",", LIST_SEPARATOR).split(LIST_SEPARATOR)
            if v.strip()]


def _read_fields(path, problems) -> tuple[dict, dict, object]:
    table = _table(path, SHEET_PROGRAMME, (KEY, VALUE), problems)
    if table is None:
        return {}, {}, None
    cells = _Cells(table, problems)
    known = {key: required for key, _, required in PROGRAMME_FIELDS}
    fields, rows = {}, {}
    for row, record in table.rows:
        key = cells.text(row, KEY, record)
        if key not in known:
            cells.add(row, KEY, text("msg.plan.field_unknown"), key,
                      text("msg.programme.one_of", keys=", ".join(known)))
            continue
        rows[key] = row
        value = record.get(VALUE, "")
        if value == "" or (isinstance(value, str) and not value.strip()):
            if known[key]:
                cells.add(row, VALUE, text("msg.plan.cell_required"), None, key)
            continue
        if key in ("base_year", "target_year"):
            fields[key] = cells.year(row, VALUE, value)
        elif key == "date":
            fields[key] = cells.date(row, VALUE, value)
        else:
            fields[key] = cells.text(row, VALUE, record)
    for key, required in known.items():
        if required and key not in rows:
            problems.append(Problem(str(path), text("msg.plan.cell_required"), sheet=table.sheet,
                                    column=KEY, expected=key))
    if fields.get("note_vi") and not fields.get("note_en") and "note_en" in rows:
        cells.add(rows["note_en"], VALUE, text("msg.plan.cell_required"), None, "note_en")
    return fields, rows, table


def _value(cells: _Cells, row: int, comparator: str, value) -> dict:
    """``value``, or ``low`` and ``high`` of a range."""
    if comparator == RANGE:
        m = _RANGE.match(str(value)) if isinstance(value, str) else None
        if m is None:
            cells.add(row, "value", text("msg.plan.value_or_range"), value,
                      text("msg.plan.value_or_range.expected"))
            return {}
        low, high = (cells.number(row, "value", g) for g in m.groups())
        return {"low": low, "high": high, "value": None}
    if isinstance(value, str) and _RANGE.match(value):
        cells.add(row, "value", text("msg.plan.value_or_range"), value,
                  text("msg.plan.value_or_range.expected"))
        return {}
    return {"value": cells.number(row, "value", value), "low": None, "high": None}


def _period(cells: _Cells, row: int, value, fields: dict) -> tuple[int | None, int | None]:
    base, target = fields.get("base_year"), fields.get("target_year")
    raw = (str(int(value)) if isinstance(value, float) and value.is_integer()
           else str(value)).strip()
    if not raw:
        return (base + 1 if base else None), target
    m = _PERIOD.match(raw)
    if m is None:
        cells.add(row, "period", text("msg.plan.period"), raw, text("msg.plan.period.expected"))
        return None, None
    if m.group(2):
        return int(m.group(1)), int(m.group(2))
    return (base + 1 if base else None), int(m.group(1))


def _read_targets(path, fields, indicators, problems) -> list[dict]:
    table = _table(path, SHEET_TARGETS, ("target_id", "indicator_id"), problems,
                   allow_empty=True)
    if table is None:
        if not any(p.sheet == SHEET_TARGETS for p in problems):
            problems.append(Problem(str(path), text("msg.plan.no_targets"), sheet=SHEET_TARGETS,
                                    expected=text("msg.plan.no_targets.expected")))
        return []
    cells = _Cells(table, problems)
    units = dict(zip(indicators["indicator_id"], indicators["unit"], strict=True))
    out = []
    for row, record in table.rows:
        if not any(str(record.get(c, "")).strip() for c in TARGET_COLUMNS
                   if c != INDICATOR_NAME):
            continue
        target = {c: cells.text(row, c, record, required=c in TARGET_REQUIRED)
                  for c in ("target_id", "name_vi", "name_en", "text_vi", "indicator_id",
                            "section", "note", "period_note", "source_title", "source_url")}
        for column in ("kind", "comparator", "direction", "group"):
            target[column] = cells.code(row, column, record.get(column, ""))
        target["price_basis"] = cells.code(row, "price_basis", record.get("price_basis", ""),
                                           required=False)
        indicator = target["indicator_id"]
        if indicator and indicator not in units:
            cells.add(row, "indicator_id", text("msg.foreign.indicator"), indicator,
                      text("msg.plan.indicator.expected", province=fields.get("province", "")))
        wanted = PP_UNIT if target["kind"] == PP_KIND else units.get(indicator, "")
        typed = str(record.get("unit", "")).strip()
        unit = cells.code(row, "unit", typed, required=False) if typed else wanted
        if typed and unit and wanted and unit != wanted:
            cells.add(row, "unit", text("msg.plan.unit_indicator"), typed, wanted)
        target["unit"] = unit
        if str(record.get("value", "")).strip() == "":
            cells.add(row, "value", text("msg.plan.cell_required"), None,
                      text("msg.plan.value_or_range.expected"))
        elif target["comparator"]:
            target.update(_value(cells, row, target["comparator"], record.get("value")))
        target["period_start"], target["target_year"] = _period(cells, row,
                                                                record.get("period", ""), fields)
        target["row"] = row
        out.append(target)
    if not out:
        problems.append(Problem(str(path), text("msg.plan.no_targets"), sheet=table.sheet,
                                expected=text("msg.plan.no_targets.expected")))
    return out


def _read_chapters(path, problems) -> list[dict]:
    table = _table(path, SHEET_CHAPTERS, ("targets",), problems, allow_empty=True)
    if table is None:
        return []
    cells = _Cells(table, problems)
    out = []
    for row, record in table.rows:
        ids = _split(cells.text(row, "targets", record, required=True))
        title = {lang: cells.text(row, f"title_{lang}", record) for lang in ("vi", "en")}
        out.append({"key": cells.text(row, "key", record), "targets": ids,
                    "title": title if any(title.values()) else {},
                    "related": _split(cells.text(row, "related", record)), "row": row})
    return out


def read_province(path: Path | str) -> tuple[str, dict]:
    """The province folder the workbook names (field ``province``) and where its cell is.

    Raises
    ------
    InputError
        The workbook lacks a sheet, or the cell is empty.
    """
    path = Path(path)
    problems = _sheets_problem(path)
    table = None if problems else _table(path, SHEET_PROGRAMME, (KEY, VALUE), problems)
    if table is not None:
        cells = _Cells(table, problems)
        for row, record in table.rows:
            if str(record.get(KEY, "")).strip() == "province":
                value = cells.text(row, VALUE, record, required=True)
                if value:
                    return value, table.where(row, VALUE)
                break
        else:
            problems.append(Problem(str(path), text("msg.plan.cell_required"), sheet=table.sheet,
                                    column=KEY, expected="province"))
    raise InputError(problems)


def read_plan(path: Path | str, indicators) -> PlanDraft:
    """Read a filled workbook (``indicators``: the province's, to check the indicator cells).

    Raises
    ------
    InputError
        Listing every cell that cannot be read, each naming the file, the sheet, the cell and
        the column, what was found and what was expected.
    """
    path = Path(path)
    problems = _sheets_problem(path)
    if problems:
        raise InputError(problems)
    fields, rows, _ = _read_fields(path, problems)
    targets = _read_targets(path, fields, indicators, problems)
    chapters = _read_chapters(path, problems)
    if problems:
        raise InputError(problems)
    return PlanDraft(path, fields, targets, chapters, rows)
