"""The report the office signs: the assessors' commentary, draft and final, tasks and the
year-by-year table. Expected values are worked out here from the data files, by hand."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from support import CHAPTERS_2025, FRONT_MATTER, chosen_annual, cli, pdf_pages

from analysis.data.commentary import (
    chapter_key,
    load_commentary,
    missing_chapters,
    parse_commentary,
)
from analysis.data.tasks import task_status
from analysis.errors import InputError
from analysis.programme import load_programme
from analysis.report.commentary import markdown
from analysis.report.parameters import ReportParameters

PROGRAMME = load_programme("26-ctr-tu")
TARGET_IDS = [r["target_id"] for r in csv.DictReader(PROGRAMME.targets.open(encoding="utf-8"))]
#: The text every TeX special character is in, typed by an assessor.
SPECIAL = r"\input{/etc/hostname} $ & % # _ { } ~ ^ \\"


# ---- commentary files ----------------------------------------------------------------------

def test_commentary_keys_are_checked_with_file_line_and_valid_keys():
    text = ("## chapter: summary\nA.\n\n## chapter: nonsense\nB.\n\n## forest_cover_pct\nC.\n\n"
            "## forest_cover_pct\nD.\n\n## no_such_target\nE.\n")
    with pytest.raises(InputError) as info:
        parse_commentary(text, "2025.vi.md", PROGRAMME, TARGET_IDS)
    problems = {p.row: p for p in info.value.problems}
    assert set(problems) == {4, 10, 13}
    assert problems[4].found == "chapter: nonsense" and "chapter: limitations" in \
        problems[4].render("en")
    assert problems[4].render("vi").startswith("2025.vi.md, dòng 4: khóa (tiêu đề) không được biết")
    assert "first on line 7" in problems[10].render("en")
    assert "lần đầu ở dòng 7" in problems[10].render("vi")
    assert problems[13].found == "no_such_target" and "grdp_growth_pct_per_year" in \
        problems[13].render("en")
    assert all(p.file == "2025.vi.md" for p in info.value.problems)


def test_text_before_the_first_heading_has_no_place():
    with pytest.raises(InputError) as info:
        parse_commentary("Lost words.\n## chapter: summary\nA.\n", "x.md", PROGRAMME,
                         TARGET_IDS)
    assert info.value.problems[0].row == 1


def test_markdown_subset_and_everything_else_literal():
    tex, html = markdown(f"**Đậm** và *nghiêng*. {SPECIAL}\n\n- một\n- hai\n\n1. ba\n")
    assert r"\textbf{Đậm}" in tex and r"\textit{nghiêng}" in tex
    assert r"\begin{itemize}" in tex and r"\begin{enumerate}" in tex
    # no TeX command survives: the backslashes and braces are escaped (a long word gets break
    # opportunities, the only command added)
    tex = tex.replace(r"\allowbreak{}", "")
    assert r"\input" not in tex and r"\textbackslash{}input\{/etc/hostname\}" in tex
    assert r"\$" in tex and r"\&" in tex and r"\%" in tex and r"\#" in tex and r"\_" in tex
    assert "<b>Đậm</b>" in html and "&amp;" in html
    # a heading, a quote or a link stays text
    tex, _ = markdown("### not a heading\n> not a quote [not](a link)")
    assert r"\#\#\# not a heading" in tex and "not a quote" in tex


def test_missing_chapters_count_target_keys_for_target_chapters():
    c = parse_commentary("## chapter: summary\nS.\n\n## grdp_growth_pct_per_year\nG.\n",
                         "x.md", PROGRAMME, TARGET_IDS)
    missing = missing_chapters(c, PROGRAMME, has_tasks=True, has_others=True)
    assert "summary" not in missing and "grdp_growth_pct_per_year" not in missing
    assert missing[-2:] == ["limitations", "directions"] and "tasks" in missing


# ---- tasks ---------------------------------------------------------------------------------

def test_overdue_is_due_and_not_completed_by_a_source():
    tasks = pd.DataFrame([
        dict(task_id=tid, kind="key_project", text_vi=tid, text_en=tid, start_year=2022,
             end_year=end, recurring="false")
        for tid, end in (("tunnel", 2025), ("airport", 2030), ("gate", 2025), ("plan", 2023))])
    progress = pd.DataFrame([
        dict(task_id="tunnel", year=2025, status="behind_schedule", published="2025-12-19"),
        dict(task_id="airport", year=2025, status="not_started", published="2026-03"),
        dict(task_id="plan", year=2023, status="completed", published="2023-12"),
        dict(task_id="plan", year=2026, status="behind_schedule", published="2026"),
    ])
    s = task_status(tasks, progress, 2025).set_index("task_id")
    # tunnel: end 2025 <= 2025, a source says behind schedule: overdue
    assert bool(s.loc["tunnel", "due"]) and bool(s.loc["tunnel", "overdue"])
    # airport: due 2030, not yet due in 2025
    assert not bool(s.loc["airport", "due"]) and not bool(s.loc["airport", "overdue"])
    # gate: due, nothing found: not called overdue, but flagged
    assert s.loc["gate", "status"] == "no_information" and not bool(s.loc["gate", "overdue"])
    assert bool(s.loc["gate", "due_unknown"])
    # plan: completed in 2023; the 2026 row is after the assessment year and not used
    assert s.loc["plan", "status"] == "completed" and not bool(s.loc["plan", "overdue"])


def test_the_shipped_tasks_in_2025():
    from analysis.data.tasks import load_tasks

    s = task_status(*load_tasks(PROGRAMME.tasks, PROGRAMME.task_progress), 2025)
    s = s.set_index("task_id")
    # the Hoàng Liên tunnel (2022-2025) broke ground on 19/12/2025: behind schedule, overdue
    assert s.loc["p02_hoang_lien_road_tunnel", "status"] == "behind_schedule"
    assert bool(s.loc["p02_hoang_lien_road_tunnel", "overdue"])
    # the airport is due 2030: not started, not overdue
    assert not bool(s.loc["p03_lai_chau_airport", "overdue"])


# ---- the year-by-year table ----------------------------------------------------------------

def _chosen_annual(indicator: str) -> dict[int, tuple[float, str]]:
    return chosen_annual(PROGRAMME.actuals, indicator)


@pytest.fixture(scope="module")
def report():
    from analysis.report.context import setup

    return setup(ReportParameters("26-ctr-tu", 2025, "vi", report_date="2026-12-01"))


def test_results_table_values_and_marks_from_the_csv(report):
    from analysis.report.chapters.results import results_table
    from analysis.report.document import Table

    table = next(b for b in results_table(report) if isinstance(b, Table))
    headers = [c.header for c in table.columns]
    years = list(range(2021, 2026))
    # the last year's column is an estimate column: 2025's GRDP growth is an estimate
    assert headers[3:8] == ["TH 2021", "TH 2022", "TH 2023", "TH 2024", "Ước TH 2025"]
    rows = {str(row[0]): row for row in table.rows if isinstance(row, list)}
    marks = {"estimate": " (ư)", "preliminary": " (sb)", "reported": " (bc)", "official": ""}
    cases = {
        "Tăng trưởng GRDP bình quân": ("grdp_growth_pct", lambda v: f"{v:.2f}".replace(".", ",")
                                       .rstrip("0").rstrip(",").replace("-", "\u2212")),
        "Tỷ lệ che phủ rừng": ("forest_cover_pct", lambda v: f"{v:.2f}".replace(".", ",")
                               .rstrip("0").rstrip(",")),
        "Tổng lượt khách du lịch năm 2030": ("tourist_arrivals",
                                              lambda v: f"{v:,.0f}".replace(",", ".")),
    }
    for name, (indicator, number) in cases.items():
        chosen = _chosen_annual(indicator)
        cells = rows[name][3:8]
        for year, cell in zip(years, cells, strict=True):
            if year not in chosen:
                assert cell == "–", (name, year, cell)
                continue
            value, status = chosen[year]
            assert cell.endswith(marks[status]), (name, year, cell, status)
            assert number(value) in cell, (name, year, cell, value)
    # 2023 GRDP growth: −2.77, preliminary
    assert rows["Tăng trưởng GRDP bình quân"][5] == "\u22122,77 (sb)"


# ---- rendered -------------------------------------------------------------------------------

FULL = FRONT_MATTER + "".join(f"## chapter: {k}\nNhận xét thử của mục {k}.\n\n"
                             for k in CHAPTERS_2025)


@pytest.mark.slow
def test_commentary_prints_in_its_place_and_literally(tmp_path):
    from analysis.report.render import render_report

    folder = tmp_path / "commentary" / "26-ctr-tu"
    folder.mkdir(parents=True)
    (folder / "2025.vi.md").write_text(
        "## forest_cover_pct\nĐoạn nhận xét riêng về rừng, ký tự đặc biệt: " + SPECIAL + "\n\n"
        "## chapter: directions\n- Giải pháp thứ nhất;\n- Giải pháp thứ hai.\n",
        encoding="utf-8")
    pdf = render_report(ReportParameters(assessment_year=2025, report_date="2026-12-01",
                                         commentary_path=tmp_path / "commentary"), out_dir=tmp_path)
    flat = " ".join(" ".join(pdf_pages(pdf)).split())
    # the forest chapter, from its heading to the next one (both first found in the contents)
    head, nxt_head = "7 Tỷ lệ che phủ rừng", "8 Các chỉ tiêu khác"
    chapter = flat.index(head, flat.index(head) + 1)
    nxt = flat.index(nxt_head, flat.index(nxt_head) + 1)
    assert "Đoạn nhận xét riêng về rừng" in flat[chapter:nxt]
    # every special character prints as typed (pdftotext gives the text back; the letters of
    # the draft's watermark may fall between the last two pieces)
    segment = flat[chapter:nxt]
    assert r"\input{/etc/hostname} $ & % # _ { } ~ ^" in segment and "\\\\" in segment
    # the list is in the closing chapter, after its heading
    directions = flat.rindex("Phương hướng, nhiệm vụ, giải pháp")
    assert "Giải pháp thứ nhất" in flat[directions:] and "Giải pháp thứ hai" in flat[directions:]


@pytest.mark.slow
def test_draft_on_every_page_final_without_and_final_refused(tmp_path):
    from analysis.report.render import render_report

    folder = tmp_path / "commentary" / "26-ctr-tu"
    folder.mkdir(parents=True)
    # every chapter but "directions": a draft, DỰ THẢO on every page
    (folder / "2025.vi.md").write_text(FULL, encoding="utf-8")
    draft = render_report(ReportParameters(assessment_year=2025, report_date="2026-12-01",
                                           commentary_path=tmp_path / "commentary"),
                          out_dir=tmp_path / "draft")
    pages = pdf_pages(draft)
    assert pages and all("DỰ THẢO" in p for p in pages)
    assert "Phương hướng, nhiệm vụ, giải pháp" in " ".join(pages[0].split())  # still waiting
    # --final refuses, naming what is missing, and writes nothing
    code, out, err = cli(["report", "--year", "2025", "--final", "--out", str(tmp_path / "f"),
                           "--commentary", str(tmp_path / "commentary")])
    assert code != 0 and "directions" in err and not (tmp_path / "f").exists()
    # with every chapter written the mark is gone, and the head and signature are printed
    (folder / "2025.vi.md").write_text(FULL + "## chapter: directions\nXong.\n",
                                       encoding="utf-8")
    final = render_report(ReportParameters(assessment_year=2025, report_date="2026-12-01",
                                           commentary_path=tmp_path / "commentary", final=True),
                          out_dir=tmp_path / "final")
    pages = pdf_pages(final)
    assert not any("DỰ THẢO" in p for p in pages)
    title = " ".join(pages[0].split())
    # the province's name is never broken: "ỦY BAN NHÂN DÂN" / "TỈNH LAI CHÂU"
    assert "TỈNH LAI CHÂU" in title and "Số: 99/BC-UBND" in title
    assert "Người Ký Thử" in "\n".join(pages)


def test_load_commentary_reads_the_shipped_example():
    c = load_commentary(PROGRAMME, 2025, "vi", TARGET_IDS)
    assert c.example and c.has(chapter_key("summary"))


# ---- the commentary sheet of the Excel workbook -----------------------------------------------

def _sheet_rows(path: Path) -> dict[str, int]:
    from openpyxl import load_workbook

    sheet = load_workbook(path)["nhan_xet"]
    return {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value}


def _fill(path: Path, texts: dict[tuple[str, str], str], extra: list[tuple] = ()) -> Path:
    """Type ``texts`` (``(key, column) -> text``) into the workbook's sheet, as a user would."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book["nhan_xet"]
    header = [c.value for c in sheet[1]]
    rows = _sheet_rows(path)
    for (key, column), value in texts.items():
        sheet.cell(row=rows[key], column=header.index(column) + 1, value=value)
    for key, text in extra:
        row = sheet.max_row + 1
        sheet.cell(row=row, column=1, value=key)
        sheet.cell(row=row, column=2, value=text)
    book.save(path)
    return path


def test_the_template_has_a_commentary_sheet_read_back_as_a_file_is(tmp_path):
    from analysis.data.commentary_sheet import read_commentary_sheet

    out = tmp_path / "mau.xlsx"
    code, _, err = cli(["template", "--out", str(out), "--empty"])
    assert code == 0, err
    rows = _sheet_rows(out)
    # the head first, then the fixed chapters, the programme's chapters and every target
    assert list(rows)[:3] == ["issuer", "issuer_parent", "number"]
    assert "chapter: limitations" in rows and "chapter: structure" in rows
    assert set(TARGET_IDS) <= set(rows)
    _fill(out, {("chapter: limitations", "text_vi"): "- một;\n- hai.",
                ("forest_cover_pct", "text_vi"): "Rừng: *một* đoạn.",
                ("forest_cover_pct", "text_en"): "Forest: one paragraph.",
                ("recipients", "text_vi"): "Ban Thường vụ Tỉnh ủy\nLưu VT",
                ("number", "text_vi"): "12/BC-UBND"})
    vi = read_commentary_sheet(out, PROGRAMME, TARGET_IDS, "vi")
    assert vi.text("forest_cover_pct") == "Rừng: *một* đoạn."
    assert vi.text(chapter_key("limitations")) == "- một;\n- hai."
    assert vi.meta == {"recipients": ["Ban Thường vụ Tỉnh ủy", "Lưu VT"], "number": "12/BC-UBND"}
    en = read_commentary_sheet(out, PROGRAMME, TARGET_IDS, "en")
    assert en.text("forest_cover_pct") == "Forest: one paragraph."
    assert not en.has(chapter_key("limitations"))  # waiting in English
    # the same check as a file's: an unknown key and a repeated key, by sheet and cell
    forest_row = rows["forest_cover_pct"]
    _fill(out, {}, extra=[("no_such_target", "x"), ("forest_cover_pct", "y")])
    with pytest.raises(InputError) as info:
        read_commentary_sheet(out, PROGRAMME, TARGET_IDS, "vi")
    first, second = info.value.problems
    last = len(rows) + 1 + 2  # header, the rows written, the two typed below
    assert first.render("vi").startswith(
        f"mau.xlsx, trang 'nhan_xet', ô A{last - 1}, cột 'key': khóa (tiêu đề) không được biết "
        "(thấy 'no_such_target'")
    assert second.cell == f"A{last}" and f"lần đầu ở dòng {forest_row}" in second.render("vi")


@pytest.mark.slow
def test_commentary_typed_in_the_workbook_prints_in_the_pdf(tmp_path):
    out = tmp_path / "mau.xlsx"
    assert cli(["template", "--out", str(out), "--empty"])[0] == 0
    _fill(out, {("forest_cover_pct", "text_vi"): "Nhận xét gõ trong sổ Excel về rừng.",
                ("chapter: directions", "text_vi"): "1. Giải pháp một từ Excel;\n"
                                                    "2. Giải pháp hai."})
    code, stdout, err = cli(["report", "--year", "2025", "--out", str(tmp_path / "r"),
                              "--commentary", str(out), "--date", "2026-12-01"])
    assert code == 0, err
    flat = " ".join(" ".join(pdf_pages(Path(stdout.strip().splitlines()[-1]))).split())
    head, nxt_head = "7 Tỷ lệ che phủ rừng", "8 Các chỉ tiêu khác"
    chapter = flat.index(head, flat.index(head) + 1)
    assert "Nhận xét gõ trong sổ Excel về rừng." in flat[chapter:flat.index(nxt_head, chapter)]
    directions = flat.rindex("Phương hướng, nhiệm vụ, giải pháp")
    assert "Giải pháp một từ Excel" in flat[directions:]
