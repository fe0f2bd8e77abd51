"""How the provincial master plan (Quy hoạch tỉnh Lai Châu thời kỳ 2021-2030, QĐ 1585/QĐ-TTg of
07/12/2023) was entered: through the new-programme workbook, as an economist enters a plan.

The steps, each the product's own command (this script only types into the workbook what an
economist would type from the source, with openpyxl):

1. ``python -m analysis new-programme --out <workbook> --province lai-chau``;
2. fill the sheets ``chuong_trinh``, ``chi_tieu`` and ``chuong`` from the research file
   ``lai-chau-2026-additions.csv`` (rows ``kind=plan_master_2021_2030``: the 2030 targets of the
   plan as quoted by a press summary, each with its wording, the source's sentence and its
   address), reading each as the other catalogues do ("khoảng" about, "trên" more than, a bare
   "đạt X" at least, "X-Y%" a range);
3. ``python -m analysis new-programme --from <workbook> --id lai-chau-quy-hoach-2021-2030``.

Run from the project folder::

    .venv/bin/python scripts/enter_master_plan_1585.py RESEARCH_CSV [--workbook FILE] [--force]

with RESEARCH_CSV the shared research file (``shared/research/lai-chau-2026-additions.csv``);
the workbook defaults to ``reports/qh-1585.xlsx``.

The labour-productivity target needs an indicator the province did not have:
``labour_productivity_growth_pct`` was added to ``data/provinces/lai-chau/indicators.csv``
first (no actual value of it has been found: the report lists it as data needed).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from openpyxl import load_workbook

from analysis.cli import main as analysis

#: The programme's id (its folder under data/programmes).
PROGRAMME_ID = "lai-chau-quy-hoach-2021-2030"
#: The research rows of the plan.
KIND = "plan_master_2021_2030"
#: What the economist types in the sheet "chuong_trinh".
PROGRAMME = {
    "title_vi": "Quy hoạch tỉnh Lai Châu thời kỳ 2021-2030, tầm nhìn đến năm 2050 (Quyết định "
                "số 1585/QĐ-TTg ngày 07/12/2023 của Thủ tướng Chính phủ)",
    "title_en": "Lai Châu provincial master plan for 2021–2030, with a vision to 2050 (Decision "
                "No. 1585/QĐ-TTg of 7 December 2023 of the Prime Minister)",
    "short_title_vi": "Quy hoạch tỉnh Lai Châu thời kỳ 2021-2030",
    "short_title_en": "Lai Châu provincial master plan 2021–2030",
    "issuer_vi": "Thủ tướng Chính phủ", "issuer_en": "The Prime Minister",
    "number": "1585/QĐ-TTg", "date": "07/12/2023", "province_vi": "Lai Châu",
    "province_en": "Lai Châu", "base_year": 2020, "target_year": 2030,
    "growth_target": "grdp_growth_pct_per_year",
    "note_vi": "Các chỉ tiêu lấy theo bản tóm tắt Quy hoạch trên CafeF (01/2024), không phải "
               "từ chính văn bản Quyết định (chưa có trong các nguồn đã lưu): danh mục gồm 10 "
               "chỉ tiêu kinh tế của đoạn tóm tắt, chưa đủ các chỉ tiêu xã hội, môi trường của "
               "Quy hoạch.",
    "note_en": "The targets are those of the plan's summary in CafeF (January 2024), not of the "
               "Decision's own text (not among the stored sources): the catalogue holds the 10 "
               "economic targets of that summary, not the plan's social and environmental ones.",
}
#: Each research row (by its indicator) as a row of the sheet "chi_tieu": id, names, kind and
#: comparator (the words of the dropdowns), direction, group, price basis, and how it is read.
TARGETS = {
    "grdp_growth_pct": (
        "grdp_growth_pct_per_year", "Tăng trưởng GRDP bình quân", "Average GRDP growth",
        "tăng bình quân", "từ-đến", "giá so sánh 2010",
        "Average annual real growth 2021-2030 (base 2020), at constant 2010 prices (the "
        "statistics office's convention; the summary does not state the basis). 'khoảng 9% "
        "-11%' is read as the range 9-11, classed against its low end, as in 26-CTr/TU."),
    "agriculture_growth_pct": (
        "agriculture_growth_pct_per_year", "Tăng trưởng bình quân nông, lâm nghiệp, thủy sản",
        "Average growth of agriculture, forestry and fishery", "tăng bình quân", "khoảng",
        "giá so sánh 2010",
        "Average annual real growth of the value added of the sector 2021-2030; 'khoảng' read "
        "as about."),
    "industry_construction_growth_pct": (
        "industry_construction_growth_pct_per_year",
        "Tăng trưởng bình quân công nghiệp - xây dựng",
        "Average growth of industry and construction", "tăng bình quân", "khoảng",
        "giá so sánh 2010",
        "Average annual real growth of the value added of the sector 2021-2030; 'khoảng' read "
        "as about."),
    "services_growth_pct": (
        "services_growth_pct_per_year", "Tăng trưởng bình quân dịch vụ",
        "Average growth of services", "tăng bình quân", "khoảng", "giá so sánh 2010",
        "Average annual real growth of the value added of services 2021-2030; 'khoảng' read as "
        "about."),
    "grdp_per_capita_mn_vnd": (
        "grdp_per_capita_mn_vnd", "GRDP bình quân đầu người năm 2030",
        "GRDP per capita in 2030", "mức năm mục tiêu", "đạt", "giá hiện hành",
        "Level in 2030 at current prices (about 4,266 USD, the summary says); a bare 'đạt X' "
        "read as at least. Same value as in 26-CTr/TU."),
    "social_investment_bn_vnd": (
        "social_investment_2021_2030_bn_vnd", "Vốn đầu tư phát triển 2021-2030",
        "Development investment 2021-2030", "tổng cả giai đoạn", "khoảng", "giá hiện hành",
        "Sum over 2021-2030 of the investment mobilised for development (168 nghìn tỷ đồng = "
        "168,000 bn VND), measured by total social investment at current prices."),
    "labour_productivity_growth_pct": (
        "labour_productivity_growth_pct_per_year", "Tăng năng suất lao động bình quân",
        "Average labour productivity growth", "tăng bình quân", "đạt", "giá so sánh 2010",
        "Average annual growth 2021-2030 of labour productivity (new indicator "
        "labour_productivity_growth_pct); a bare 'đạt X' read as at least. No value found yet."),
    "budget_revenue_bn_vnd": (
        "budget_revenue_bn_vnd", "Thu ngân sách trên địa bàn năm 2030",
        "State budget revenue in the province in 2030", "mức năm mục tiêu", "trên",
        "giá hiện hành",
        "Level in 2030, nominal; 'trên' read as more than. 26-CTr/TU asks for more than 5,000 "
        "bn VND."),
    "export_import_growth_pct": (
        "export_import_growth_pct_per_year", "Tăng trưởng tổng kim ngạch xuất nhập khẩu",
        "Export-import turnover growth", "tăng bình quân", "đạt", "giá hiện hành",
        "Average annual growth 2021-2030 (base 2020) of turnover in nominal US dollars; a bare "
        "'đạt X' read as at least, as in 26-CTr/TU."),
    "tourist_arrivals": (
        "tourist_arrivals", "Tổng lượt khách du lịch năm 2030", "Tourist arrivals in 2030",
        "mức năm mục tiêu", "trên", "",
        "Arrivals in the year 2030; 'khoảng trên 2 triệu' read as more than, as in 26-CTr/TU."),
}
#: The sheet "chuong": the chapters of the report, in order.
CHAPTERS = [
    {"targets": "grdp_growth_pct_per_year"},
    {"key": "sector_growth", "title_vi": "Tăng trưởng các khu vực kinh tế",
     "title_en": "Growth by sector",
     "targets": "agriculture_growth_pct_per_year; industry_construction_growth_pct_per_year; "
                "services_growth_pct_per_year"},
    {"targets": "grdp_per_capita_mn_vnd"},
    {"targets": "budget_revenue_bn_vnd"},
    {"targets": "export_import_growth_pct_per_year",
     "related": "export_import_turnover_mn_usd; exports_mn_usd; imports_mn_usd"},
    {"targets": "tourist_arrivals"},
]
SECTION = "QĐ 1585/QĐ-TTg – mục tiêu kinh tế (theo bản tóm tắt của CafeF)"


def _value(row: dict):
    """The value as the economist types it: a range "9-11", or the number."""
    value = row["value"].strip()
    return value if "-" in value else float(value)


def target_rows(research: Path) -> list[dict]:
    """The research file's rows of the plan as rows of the sheet "chi_tieu", in its order."""
    with research.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["kind"] == KIND]
    out = []
    for r in rows:
        indicator = r["indicator"].split()[0]  # "labour_productivity_growth_pct (new ...)"
        tid, vi, en, kind, comparator, basis, how = TARGETS[indicator]
        out.append({"target_id": tid, "name_vi": vi, "name_en": en, "text_vi": r["wording_vi"],
                    "indicator_id": indicator, "kind": kind, "comparator": comparator,
                    "value": _value(r), "period": "2021-2030", "direction": "cao hơn là tốt",
                    "group": "Kinh tế", "section": SECTION, "price_basis": basis,
                    "note": f"{how} {r['note']} Source sentence: {r['quote']}",
                    "source_title": r["source_title"], "source_url": r["source_url"]})
    return out


def fill(workbook: Path, targets: list[dict]) -> None:
    """Type the programme, its targets and its chapters into the workbook."""
    wb = load_workbook(workbook)
    for row in wb["chuong_trinh"].iter_rows(min_row=2):
        if row[0].value in PROGRAMME:
            row[1].value = PROGRAMME[row[0].value]
    for name, rows in (("chi_tieu", targets), ("chuong", CHAPTERS)):
        sheet = wb[name]
        header = [c.value for c in sheet[1]]
        for number, record in enumerate(rows, start=2):
            for key, value in record.items():
                sheet.cell(row=number, column=header.index(key) + 1, value=value)
    wb.save(workbook)


def main(argv: list[str] | None = None) -> int:
    """Write the workbook, fill it, import it; the import's exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("research", type=Path, help="lai-chau-2026-additions.csv")
    parser.add_argument("--workbook", type=Path, default=Path("reports/qh-1585.xlsx"))
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)
    args.workbook.parent.mkdir(parents=True, exist_ok=True)
    code = analysis(["new-programme", "--out", str(args.workbook), "--province", "lai-chau"])
    if code:
        return code
    fill(args.workbook, target_rows(args.research))
    return analysis(["new-programme", "--from", str(args.workbook), "--id", PROGRAMME_ID,
                     *(["--force"] if args.force else [])])


if __name__ == "__main__":
    sys.exit(main())
