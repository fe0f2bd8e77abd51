"""The Word document for the drafting round, read back with python-docx and its XML.

Expected values are worked out here, by hand, from the CSV files and Decree 30's ranges; never
from the code's own output. The fast tests render a few blocks; the slow ones render the report
through the command line's route (notebook, papermill, python-docx), with the PDF beside it.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader
from support import (
    CHAPTERS_2025,
    DEFAULT_ACTUALS,
    DEFAULT_TARGETS,
    FRONT_MATTER,
    chosen_annual,
    cli,
)

from analysis.report.document import (
    Col,
    Commentary,
    GroupRow,
    Heading,
    Orientation,
    PageSetup,
    Paragraph,
    RawLatex,
    Signature,
    Table,
    block_from_json,
)
from analysis.report.inline import Markup, Ref, Span
from analysis.report.parameters import ReportParameters
from analysis.report.word import render_docx
from analysis.report.word_writer import clean

#: Everything TeX, XML and Word could take for markup, typed by an assessor or in a source.
HOSTILE = r"\input{/etc/hostname} $ & % # _ { } ~ ^ \\ <w:t>"
#: A lone ampersand, an emoji, and a bell (a control character XML cannot hold).
LONE = "Sở & Ngành 😀"
BELL = "chuông\x07ở đây"
REPORT_DATE = "2026-12-01"


def _setup(draft: str = "DỰ THẢO") -> PageSetup:
    return PageSetup(language_tag="vi-VN", draft_mark=draft, table_word="Bảng", figure_word="Hình",
                     title="BÁO CÁO", subject="Chương trình", date=REPORT_DATE)


def _read(data: bytes) -> Document:
    return Document(io.BytesIO(data))


def _text(doc: Document) -> str:
    """Every paragraph of the body and its tables, one a line."""
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines += [c.text for c in row.cells]
    return "\n".join(lines)


# ---- fast: a few blocks ---------------------------------------------------------------------

def test_a_long_title_is_cut_only_in_the_files_properties():
    from analysis.report.word_writer import MAX_PROPERTY_CHARS, _property

    # OOXML core properties hold 255 characters; a programme's title (with text typed after
    # it) can be longer: 254 characters kept and "…", not a failed render
    assert _property("Chương trình " * 30) == ("Chương trình " * 30)[:254] + "…"
    assert len(_property("a" * 300)) == MAX_PROPERTY_CHARS == 255
    assert _property("ngắn") == "ngắn"


def test_clean_keeps_text_and_makes_control_characters_visible():
    assert clean(HOSTILE) == HOSTILE
    assert clean(LONE) == LONE
    assert clean(BELL) == "chuông\ufffdở đây"
    assert clean("a\nb\tc") == "a b c"  # as in the PDF: a line break in data is a space
    # decomposed Vietnamese (as Excel's Windows-1258 gives it) is composed: "ộ" one letter
    assert clean("đo\u0302\u0323c") == "độc"


def test_hostile_text_is_literal_in_every_kind_of_block():
    blocks = [_setup(),
              Heading(HOSTILE, label="sec:x"),
              Paragraph([HOSTILE, Span(LONE, "bold"), " ", Span(BELL, "small")]),
              Table([Col("A & B", 0.5), Col("<w:t>", 0.5, "r")],
                    [GroupRow(HOSTILE), [LONE, [BELL, Markup(r"\newline ", "<br>")]]],
                    caption=HOSTILE, notes=[HOSTILE]),
              RawLatex("", "", [Commentary("Nhận xét, đánh giá", f"**{HOSTILE}** {LONE}")])]
    doc = _read(render_docx(blocks))
    text = _text(doc)
    assert text.count(HOSTILE) >= 5 and LONE in text
    assert "chuông\ufffdở đây" in text and "\x07" not in text
    # the XML holds them escaped: no element was made from the text
    xml = zipfile.ZipFile(io.BytesIO(render_docx(blocks))).read("word/document.xml").decode()
    assert "&lt;w:t&gt;" in xml and "A &amp; B" in xml


def test_blocks_survive_their_json_as_the_notebook_carries_them():
    blocks = [_setup(),
              Heading("Phụ lục B. Số liệu", annex="B", label="sec:data"),
              Heading("Cần kiểm tra", level=2, label="sec:data-verify"),
              Paragraph(["x ", Markup(r"\ding{52}", "✔"), Ref("sec:data-verify", "small")]),
              Table([Col("a", 0.4), Col("b", 0.6, "r")], [GroupRow("g"), ["1", ["2", "3"]]],
                    caption="c", notes=["n"])]
    again = [block_from_json(b.to_json()) for b in blocks]
    assert render_docx(again) == render_docx(blocks)
    doc = _read(render_docx(blocks))
    # the reference prints the number of the heading it names: annex B, its first section
    assert "x ✔B.1" in [p.text for p in doc.paragraphs]


def test_commentary_markdown_in_its_style_and_each_numbered_list_starts_at_one():
    from analysis.report.document import Items

    text = "1. một\n2. hai\n\nđoạn **đậm** *nghiêng*  \nxuống dòng\n\n1. ba\n\n- gạch"
    blocks = [_setup(""), RawLatex("", "", [Commentary("Nhận xét, đánh giá", text)]),
              Items(["x", "y"], numbered=True), Items(["z"], numbered=True)]
    doc = _read(render_docx(blocks))

    def num(p):
        numpr = p._p.pPr.numPr if p._p.pPr is not None else None
        return None if numpr is None else numpr.numId.val

    rows = [(p.text, p.style.name, num(p)) for p in doc.paragraphs]
    style = "Nhận xét, đánh giá"
    assert [r[:2] for r in rows[:6]] == [("Nhận xét, đánh giá", style), ("một", style),
                                         ("hai", style), ("đoạn đậm nghiêng\nxuống dòng", style),
                                         ("ba", style), ("gạch", style)]
    one, two, three = rows[1][2], rows[2][2], rows[4][2]
    assert one == two and three not in (None, one)  # "ba" starts a new list: 1 again
    x, y, z = (r[2] for r in rows[6:9])
    assert x == y and z != x  # the second numbered list starts at 1 too
    runs = {r.text: (r.bold, r.italic) for r in doc.paragraphs[3].runs if r.text.strip()}
    assert runs["đậm"] == (True, None) and runs["nghiêng"] == (None, True)


def test_headings_are_numbered_as_in_the_pdf():
    blocks = [_setup(), Heading("Tóm tắt"), Heading("Kịch bản", level=2),
              Heading("Khác", level=2), Heading("Tiếp"),
              Heading("Phụ lục A. Phương pháp", annex="A"), Heading("Nhịp", level=2)]
    doc = _read(render_docx(blocks))
    heads = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Head")]
    assert heads == [("Heading 1", "1. Tóm tắt"), ("Heading 2", "1.1. Kịch bản"),
                     ("Heading 2", "1.2. Khác"), ("Heading 1", "2. Tiếp"),
                     ("Heading 1", "Phụ lục A. Phương pháp"), ("Heading 2", "A.1. Nhịp")]


def _signature() -> RawLatex:
    return RawLatex(r"\placesignature", "", [Signature("Nơi nhận:", ["- Lưu VT."], "TM. UBND",
                                                          "CHỦ TỊCH", "Người Ký")])


def test_the_signature_row_never_splits_and_stays_with_the_text_it_closes():
    blocks = [_setup(), Paragraph("Mở đầu."), Paragraph("Câu cuối của báo cáo."), _signature(),
              Heading("Phụ lục A. Phương pháp", annex="A")]
    doc = _read(render_docx(blocks))
    last = next(p for p in doc.paragraphs if p.text == "Câu cuối của báo cáo.")
    first = next(p for p in doc.paragraphs if p.text == "Mở đầu.")
    # the last text keeps with the block, the text before it does not
    assert last.paragraph_format.keep_with_next is True
    assert not first.paragraph_format.keep_with_next
    table = next(t for t in doc.tables if t.cell(0, 0).text.startswith("Nơi nhận:"))
    assert len(table.rows) == 1
    assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_each_annex_starts_a_page_and_no_blank_page_after_the_landscape_table():
    blocks = [_setup(), Heading("Kết luận"), Paragraph("x"), _signature(),
              Heading("Phụ lục A. Phương pháp", annex="A"), Heading("Nhịp", level=2),
              Paragraph("y"),
              RawLatex(r"\begin{landscape}", "", [Orientation(landscape=True)]),
              Heading("Phụ lục C. Biểu", annex="C"), Paragraph("z"),
              RawLatex(r"\end{landscape}", "", [Orientation(landscape=False)]),
              Heading("Phụ lục D. Nguồn gốc", annex="D")]
    doc = _read(render_docx(blocks))
    breaks = {p.text: bool(p.paragraph_format.page_break_before) for p in doc.paragraphs
              if p.style.name.startswith("Heading")}
    # A starts a page by its own break, its section A.1 does not; C and D start a page by the
    # section break before them (landscape, portrait again): a page break too would leave the
    # page after the section break blank
    assert breaks == {"1. Kết luận": False, "Phụ lục A. Phương pháp": True, "A.1. Nhịp": False,
                      "Phụ lục C. Biểu": False, "Phụ lục D. Nguồn gốc": False}
    assert len(doc.sections) == 3


def test_same_blocks_same_bytes_and_the_archive_is_stamped_with_the_report_date():
    blocks = [_setup(), Paragraph("x")]
    first, second = render_docx(blocks), render_docx(blocks)
    assert first == second
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert archive.namelist()[0] == "[Content_Types].xml"
    assert {i.date_time for i in archive.infolist()} == {(2026, 12, 1, 0, 0, 0)}
    props = _read(first).core_properties
    # midnight UTC of the report date, as the PDF's SOURCE_DATE_EPOCH
    assert props.created.isoformat() == props.modified.isoformat() == "2026-12-01T00:00:00+00:00"
    assert props.author == "" and props.revision == 1


# ---- slow: the report through the command line ----------------------------------------------

def _commentary(folder: Path, text: str) -> Path:
    (folder / "26-ctr-tu").mkdir(parents=True)
    (folder / "26-ctr-tu" / "2025.vi.md").write_text(text, encoding="utf-8")
    return folder


FRONT = FRONT_MATTER
#: Every chapter that waits for commentary in 2025, but "directions".
CHAPTERS = CHAPTERS_2025


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    """The Vietnamese report, Word and PDF from one render: a source title and the forest
    chapter's commentary hold hostile text; "directions" has no commentary, so it is a draft.
    """
    tmp = tmp_path_factory.mktemp("word")
    rows = list(csv.DictReader(DEFAULT_ACTUALS.open(encoding="utf-8")))
    evil = dict(rows[0], indicator_id="tea_area_ha", period="2023", value="8950", unit="ha",
                status="reported", qualifier="exact", price_basis="", published="2023",
                source_title=f"{HOSTILE} {LONE}", source_url="https://example.org/a",
                source_tier="other_press", quote="q", choice="", note="")
    actuals = tmp / "actuals.csv"
    shutil.copy(DEFAULT_ACTUALS, actuals)
    with actuals.open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=list(rows[0])).writerow(evil)
    text = "".join(f"## chapter: {k}\nNhận xét thử của mục {k}.\n\n" for k in CHAPTERS
                   if k != "forest_cover_pct")
    text += f"## forest_cover_pct\nRừng: {HOSTILE} và {LONE}; {BELL}.\n"
    commentary = _commentary(tmp / "commentary", text)
    code, out, err = cli(["report", "--year", "2025", "--format", "both", "--date",
                          REPORT_DATE, "--out", str(tmp / "out"), "--actuals", str(actuals),
                          "--commentary", str(commentary)])
    assert code == 0, err
    docx, pdf = (Path(line) for line in out.strip().splitlines()[-2:])
    return {"docx": docx, "pdf": pdf, "doc": Document(docx)}


def _table(doc: Document, first_headers: list[str]):
    for table in doc.tables:
        if [c.text for c in table.rows[0].cells][:len(first_headers)] == first_headers:
            return table
    raise AssertionError(f"no table headed {first_headers}")


def _rows_by_name(table) -> dict[str, list[str]]:
    """Rows by their first cell's first line (the target's name); no-break spaces (between a
    number and its unit, after a symbol) read as spaces.
    """
    return {row.cells[0].text.split("\n")[0]: [c.text.replace("\u00a0", " ")
                                               for c in row.cells]
            for row in table.rows[1:]}


@pytest.mark.slow
def test_writes_the_docx_beside_the_pdf_with_the_same_name(draft):
    assert draft["docx"].name == "26-ctr-tu-2025-vi.docx"
    assert draft["pdf"] == draft["docx"].with_suffix(".pdf") and draft["pdf"].is_file()
    assert draft["docx"].with_suffix(".ipynb").is_file()  # one execution, one record


@pytest.mark.slow
def test_a4_and_decree_30_margins_in_every_section_and_the_bieu_landscape(draft):
    sections = draft["doc"].sections
    # portrait, then the landscape year-by-year table (Annex C), then portrait again (Annex D)
    assert [s.page_width > s.page_height for s in sections] == [False, True, False]
    for s in sections:
        # A4 is 210 × 297 mm, turned for the landscape section
        assert sorted((round(s.page_width.mm), round(s.page_height.mm))) == [210, 297]
        # Decree 30: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm
        assert 20 <= s.top_margin.mm <= 25 and 20 <= s.bottom_margin.mm <= 25
        assert 30 <= s.left_margin.mm <= 35 and 15 <= s.right_margin.mm <= 20
        # page numbers in the top margin: the header sits above the text
        assert s.header_distance < s.top_margin
    assert sections[0].different_first_page_header_footer  # no number on the first page


@pytest.mark.slow
def test_times_new_roman_13_pt_in_normal_and_real_word_styles(draft):
    doc = draft["doc"]
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    fonts = defaults.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == \
        {"Times New Roman"}
    normal = doc.styles["Normal"]
    assert normal.font.size.pt == 13  # Decree 30: 13–14
    assert 10 <= normal.paragraph_format.first_line_indent.mm <= 12.7  # 1–1.27 cm
    assert normal.paragraph_format.space_after.pt >= 6
    # the style decides the text's font and size: a run names only the symbols' font or a
    # smaller size (a note in brackets, a URL)
    body = [p for p in doc.paragraphs if p.style.name == "Normal" and len(p.text) > 80]
    runs = [r for p in body for r in p.runs]
    assert len(runs) > 100
    assert {r.font.name for r in runs} <= {None, "Segoe UI Symbol"}
    assert all(r.font.size is None or r.font.size.pt < 13 for r in runs)
    assert sum(r.font.size is None for r in runs) > 0.9 * len(runs)
    names = {s.name for s in doc.styles}
    assert {"Heading 1", "Heading 2", "Caption", "Nhận xét, đánh giá"} <= names
    commentary = [p.text for p in doc.paragraphs if p.style.name == "Nhận xét, đánh giá"]
    assert any("Nhận xét thử của mục summary" in t for t in commentary)


@pytest.mark.slow
def test_one_heading_1_per_chapter_of_the_pdf(draft):
    outline = [item.title for item in PdfReader(draft["pdf"]).outline
               if not isinstance(item, list)]
    heads = [re.sub(r"^\d+\. ", "", p.text) for p in draft["doc"].paragraphs
             if p.style.name == "Heading 1"]
    assert heads == outline and len(heads) >= 12


@pytest.mark.slow
def test_status_table_cells_worked_out_from_the_csv_files(draft):
    table = _table(draft["doc"], ["Chỉ tiêu", "Năm gốc", "Thực hiện gần nhất", "Nhịp cần đạt"])
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on each page
    rows = _rows_by_name(table)
    targets = {r["target_id"]: r for r in csv.DictReader(DEFAULT_TARGETS.open(encoding="utf-8"))}
    actuals = list(csv.DictReader(DEFAULT_ACTUALS.open(encoding="utf-8")))

    def value(indicator, period):
        (row,) = [r for r in actuals if r["indicator_id"] == indicator and r["period"] == period]
        return float(row["value"])

    vi = lambda x, d=2: f"{x:,.{d}f}".replace(",", " ").replace(".", ",").replace(" ", ".")  # noqa: E731

    # Forest cover: 50.5 % in 2020, 54 % in 2025 (an estimate), target 56 % in 2030.
    # required (56 − 54) / 5 = 0.40 pp/yr; observed (54 − 50.5) / 5 = 0.70 pp/yr; the pace
    # the target needed from 2020, (56 − 50.5) / 10 = 0.55, gives R = 0.70 / 0.55 = 1.27 ≥ 0.95:
    # on track.
    base, latest, goal = value("forest_cover_pct", "2020"), value("forest_cover_pct", "2025"), \
        float(targets["forest_cover_pct"]["value"])
    assert (base, latest, goal) == (50.5, 54.0, 56.0)
    name, base_cell, latest_cell, required, observed, klass = rows["Tỷ lệ che phủ rừng"]
    assert name == "Tỷ lệ che phủ rừng\nMục tiêu: 56%"
    assert latest_cell == "54%\n(2025, ước tính)" and base_cell == "50,5%\n(2020)"
    assert required == f"{vi((goal - latest) / 5)} điểm %/năm" == "0,40 điểm %/năm"
    assert observed == f"{vi((latest - base) / 5)} điểm %/năm" == "0,70 điểm %/năm"
    assert ((latest - base) / 5) / ((goal - base) / 10) >= 0.95
    assert klass == "● Đúng tiến độ"

    # Tourist arrivals: 375,000 in 2021 (the first value: the base moves to 2021), about
    # 1,470,000 in 2025 (an estimate), target over 2,000,000 in 2030.
    # required (2,000,000 / 1,470,000)^(1/5) − 1 = 6.35 %/yr; observed
    # (1,470,000 / 375,000)^(1/4) − 1 = 40.71 %/yr; needed from 2021 (2,000,000 / 375,000)^(1/9)
    # − 1 = 20.44 %/yr, so R = 1.99: on track.
    first, latest = value("tourist_arrivals", "2021"), value("tourist_arrivals", "2025")
    goal = float(targets["tourist_arrivals"]["value"])
    req, obs = (goal / latest) ** (1 / 5) - 1, (latest / first) ** (1 / 4) - 1
    assert obs / ((goal / first) ** (1 / 9) - 1) >= 0.95
    name, base_cell, latest_cell, required, observed, klass = rows[
        "Tổng lượt khách du lịch năm 2030"]
    assert name.endswith("Mục tiêu: trên 2.000.000 lượt khách")
    assert latest_cell == f"khoảng {vi(latest, 0)} lượt khách\n(2025, ước tính)"
    assert base_cell == f"{vi(first, 0)} lượt khách\n(2021, năm gốc dời)"
    assert (required, observed) == (f"{vi(100 * req)}%/năm", f"{vi(100 * obs)}%/năm") == \
        ("6,35%/năm", "40,71%/năm")
    assert klass.startswith("● Đúng tiến độ")

    # Urbanisation: one annual value, 17.69 % in 2022 (reported), target 40 %: one
    # observation, no pace; what remains is 40 − 17.69 = 22.31 pp, i.e. 22.31 / 8 = 2.79 pp
    # a year over 2023–2030.
    latest = chosen_annual(DEFAULT_ACTUALS, "urbanisation_rate_pct")
    assert latest == {2022: (17.69, "reported")}
    name, base_cell, latest_cell, required, observed, klass = rows["Tỷ lệ đô thị hóa"]
    assert name == "Tỷ lệ đô thị hóa\nMục tiêu: 40%"
    assert latest_cell == "17,69%\n(2022, báo cáo)"
    assert required == f"{vi((40 - 17.69) / 8)} điểm %/năm" == "2,79 điểm %/năm"
    assert observed == f"còn cách mục tiêu {vi(40 - 17.69)} điểm %"
    assert klass == "◆ Một quan sát, chưa đánh giá được nhịp"


@pytest.mark.slow
def test_bieu_cells_for_two_targets_and_three_years_from_the_actuals_csv(draft):
    table = _table(draft["doc"], ["Chỉ tiêu", "ĐVT", "Năm gốc 2020", "TH 2021"])
    head = [c.text for c in table.rows[0].cells]
    assert head[3:8] == ["TH 2021", "TH 2022", "TH 2023", "TH 2024", "Ước TH 2025"]
    rows = _rows_by_name(table)
    marks = {"estimate": " (ư)", "preliminary": " (sb)", "reported": " (bc)", "official": ""}

    def expected(indicator, year):
        chosen = chosen_annual(DEFAULT_ACTUALS, indicator)
        if year not in chosen:
            return "–"
        v, status = chosen[year]
        text = f"{v:.2f}".rstrip("0").rstrip(".").replace(".", ",").replace("-", "\u2212")
        return text + marks[status]

    for name, indicator, years in (("Tăng trưởng GRDP bình quân", "grdp_growth_pct",
                                    (2021, 2022, 2023)),
                                   ("Tỷ lệ che phủ rừng", "forest_cover_pct", (2021, 2023, 2025))):
        for year in years:
            assert rows[name][head.index(f"TH {year}" if year < 2025 else "Ước TH 2025")] == \
                expected(indicator, year), (name, year)
    # by hand, from the CSV: 2021 5.6 and 2022 7.7 are estimates, 2023 −2.77 preliminary; the
    # forest cover has no 2021 row, 51.87 reported for 2023 and 54 estimated for 2025
    assert [rows["Tăng trưởng GRDP bình quân"][i] for i in (3, 4, 5)] == \
        ["5,6 (ư)", "7,7 (ư)", "\u22122,77 (sb)"]
    assert [rows["Tỷ lệ che phủ rừng"][i] for i in (3, 5, 7)] == ["–", "51,87 (bc)", "54 (ư)"]


@pytest.mark.slow
def test_one_picture_per_figure_of_the_pdf_at_print_resolution(draft):
    text = subprocess.run(["pdftotext", "-raw", str(draft["pdf"]), "-"], capture_output=True,
                          text=True, check=True).stdout
    figures = re.findall(r"^Hình (\d+):", text, re.MULTILINE)
    doc = draft["doc"]
    assert len(figures) >= 5 and len(doc.inline_shapes) == len(figures)
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert [c for c in captions if c.startswith("Hình")][:2] == [
        c for c in captions if re.match(r"Hình [12]:", c)]
    for shape in doc.inline_shapes:
        rid = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        blob = doc.part.related_parts[rid].blob
        width_px = int.from_bytes(blob[16:20], "big")  # the PNG's IHDR width
        assert width_px / (shape.width.mm / 25.4) >= 199.5  # pixels per inch as printed


@pytest.mark.slow
def test_draft_mark_in_every_section_header(draft):
    doc = draft["doc"]
    for k, section in enumerate(doc.sections):
        assert not section.header.is_linked_to_previous
        assert "DỰ THẢO" in section.header.paragraphs[0].text, k
    assert "DỰ THẢO" in doc.sections[0].first_page_header.paragraphs[0].text
    # the first page lists the chapter still waiting for commentary
    first_page = "\n".join(p.text for p in doc.paragraphs[:12])
    assert "Phương hướng, nhiệm vụ, giải pháp" in first_page


@pytest.mark.slow
def test_hostile_text_from_a_source_title_and_from_commentary_is_literal(draft):
    text = _text(draft["doc"])
    assert f"{HOSTILE} {LONE}" in text  # the source title, in the data annex
    assert f"Rừng: {HOSTILE} và {LONE}; chuông\ufffdở đây." in text  # the commentary
    commentary = [p for p in draft["doc"].paragraphs if p.text.startswith("Rừng: ")]
    assert [p.style.name for p in commentary] == ["Nhận xét, đánh giá"]


@pytest.mark.slow
def test_a_final_report_has_no_draft_mark_and_the_office_head(tmp_path):
    text = FRONT + "".join(f"## chapter: {k}\nXong {k}.\n\n" for k in (*CHAPTERS, "directions"))
    commentary = _commentary(tmp_path / "commentary", text)
    code, out, err = cli(["report", "--year", "2025", "--format", "docx", "--final", "--date",
                          REPORT_DATE, "--out", str(tmp_path / "out"),
                          "--commentary", str(commentary)])
    assert code == 0, err
    path = Path(out.strip().splitlines()[-1])
    assert path.suffix == ".docx" and not path.with_suffix(".pdf").exists()
    assert path.with_name(path.name + ".ipynb").is_file()  # its own record, not the PDF's
    doc = Document(path)
    for section in doc.sections:
        assert "DỰ THẢO" not in section.header.paragraphs[0].text
    assert "DỰ THẢO" not in _text(doc)
    head = doc.tables[0]  # issuing body | national motto; number | place and date
    assert head.style is None or head.style.name == "Normal Table"  # no borders
    # the province's name is held together by no-break spaces: it never breaks over two lines
    assert "ỦY BAN NHÂN DÂN TỈNH\xa0LAI\xa0CHÂU" in head.cell(0, 0).text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in head.cell(0, 1).text
    assert head.cell(1, 0).text == "Số: 99/BC-UBND"
    assert head.cell(1, 1).text.replace("\xa0", " ") == "Lai Châu, ngày 01 tháng 12 năm 2026"
    signature = next(t for t in doc.tables if t.cell(0, 0).text.startswith("Nơi nhận:"))
    # Decree 30: each recipient ends with ";", the last with "."
    assert signature.cell(0, 0).text == "Nơi nhận:\n- Ban Thường vụ Tỉnh ủy;\n- Lưu VT."
    assert signature.cell(0, 1).text.split("\n") == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                                                     "Người Ký Thử"]


@pytest.mark.slow
def test_final_refuses_as_for_the_pdf_and_writes_nothing(tmp_path):
    commentary = _commentary(tmp_path / "commentary", FRONT + "## chapter: summary\nS.\n")
    code, _, err = cli(["report", "--year", "2025", "--format", "docx", "--final",
                        "--out", str(tmp_path / "out"), "--commentary", str(commentary)])
    assert code == 2 and "directions" in err and not (tmp_path / "out").exists()


def test_format_is_checked_on_the_command_line_and_in_the_notebook():
    from analysis.errors import InputError

    code, _, err = cli(["report", "--format", "odt"])
    assert code == 2 and "pdf" in err and "docx" in err
    assert ReportParameters(output_format="DOCX").output_format == "docx"
    with pytest.raises(InputError) as info:
        ReportParameters(output_format="odt")
    assert "pdf, docx, both" in info.value.render("vi")


def test_a_word_only_render_needs_no_tex(tmp_path, monkeypatch):
    """No xelatex, no pandoc on the PATH: the check of the tools is the PDF's only."""
    from analysis.report import render, typeset

    calls = []
    monkeypatch.setattr(typeset, "check_tools", lambda: calls.append("tools"))
    monkeypatch.setattr(render, "find_main_font", lambda: calls.append("font"))
    monkeypatch.setattr(render, "render_notebook", lambda *a, **k: None)
    monkeypatch.setattr(render, "start_kernel", _NoKernel)
    path = render.render_report(ReportParameters(assessment_year=2025, output_format="docx",
                                                 report_date=REPORT_DATE), out_dir=tmp_path)
    assert path == tmp_path / "26-ctr-tu-2025-vi.docx" and calls == []
    render.render_report(ReportParameters(assessment_year=2025, output_format="both",
                                          report_date=REPORT_DATE), out_dir=tmp_path)
    assert calls == ["tools", "font"]


class _NoKernel:
    def __init__(self, notebook):
        pass

    def closed_on_error(self):
        import contextlib

        return contextlib.nullcontext(self)


@pytest.mark.slow
def test_english_word_document(tmp_path):
    code, out, err = cli(["report", "--year", "2025", "--lang", "en", "--format", "docx",
                          "--date", REPORT_DATE, "--out", str(tmp_path)])
    assert code == 0, err
    doc = Document(out.strip().splitlines()[-1])
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert captions[0].startswith("Table 1: ") and any(c.startswith("Figure 1: ")
                                                      for c in captions)
    assert "DRAFT" in doc.sections[0].header.paragraphs[0].text
    assert doc.core_properties.language == "en-GB"
    # the same properties as the PDF's (tests/test_report.py PROPERTIES_26): this programme,
    # in English
    assert doc.core_properties.title == ("Progress towards the 2030 targets – Action Programme "
                                         "No. 26-CTr/TU – Assessment year: 2025")
    assert doc.core_properties.subject.startswith("Action Programme No. 26-CTr/TU of 28 December")
    assert doc.sections[1].page_width.mm > 290  # the landscape table


# ---- LibreOffice --------------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"


@pytest.mark.office
@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_libreoffice_opens_and_converts_the_word_document(tmp_path, lang):
    import os

    if not Path(SOFFICE).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("soffice is missing in CI: run scripts/install-system-deps.sh --office")
        pytest.skip("LibreOffice is not installed (scripts/install-system-deps.sh --office)")
    code, out, err = cli(["report", "--year", "2025", "--lang", lang, "--format", "docx",
                          "--date", REPORT_DATE, "--out", str(tmp_path)])
    assert code == 0, err
    docx = Path(out.strip().splitlines()[-1])
    profile = tmp_path / "lo-profile"  # its own profile: no state shared with other runs
    proc = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"), str(docx)],
                          capture_output=True, text=True, timeout=300, check=False)
    pdf = tmp_path / "lo" / docx.with_suffix(".pdf").name
    assert proc.returncode == 0 and pdf.is_file(), proc.stderr
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 25
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
             for p in reader.pages}
    assert sizes == {(595, 842), (842, 595)}  # A4, portrait and the landscape table
    text = " ".join((p.extract_text() or "") for p in reader.pages)
    head = "Biểu kết quả thực hiện các chỉ tiêu chủ yếu" if lang == "vi" else "Annex C"
    assert head in text


def test_batch_passes_the_format_to_every_render_and_counts_no_pages_for_word(monkeypatch,
                                                                             tmp_path):
    from analysis import batch

    seen = {}

    def fake_run_batch(jobs, options, max_workers=None, progress=True):
        seen["output_format"] = options.parameters.output_format
        return []

    monkeypatch.setattr(batch, "run_batch", fake_run_batch)
    code, _, err = cli(["batch", "--years", "2025", "--lang", "vi", "--format", "docx",
                        "--no-progress", "--out", str(tmp_path)])
    assert code == 0, err
    assert seen["output_format"] == "docx"
    # a Word-only job's outcome has no page count (pages are the PDF's)
    word = tmp_path / "26-ctr-tu-2025-vi.docx"
    word.write_bytes(b"PK")
    outcome = batch.run_job(batch.Job(2025, "vi"), batch.RenderOptions(out_dir=tmp_path),
                            render=lambda job, options: word)
    assert outcome.ok and outcome.pages is None
