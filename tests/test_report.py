"""End-to-end tests of the PDF report (slow: each render executes the notebook and runs xelatex).

Renders are shared across the tests of this module (module-scoped fixtures). Numbers are
checked against values computed here by hand from the shipped CSV files.
"""

import csv
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.numbers import format_decimal
from support import DEFAULT_ACTUALS, DEFAULT_TARGETS, pdf_pages

from analysis import PROJECT_ROOT
from analysis.report.parameters import ReportParameters
from analysis.report.render import render_report

pytestmark = pytest.mark.slow

#: Selection rule, restated by hand: most final status first, then exact values, then the
#: latest publication date (text order), then file order.
STATUS_RANK = {"official": 0, "preliminary": 1, "estimate": 2, "reported": 3}


def _pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", "-raw", *args, str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def _flat(text: str) -> str:
    """Text without any whitespace: line breaks inside table cells do not matter; nor do the
    letters of the draft's watermark (DỰ THẢO, DRAFT), which pdftotext -raw sets one per line
    wherever they cross the text."""
    text = re.sub(r"^[DỰTHẢORAF]$", "", text.replace("\f", "\n"), flags=re.MULTILINE)
    text = re.sub(r"^\d+ (DỰ THẢO|DRAFT)$", "", text, flags=re.MULTILINE)  # a page's head
    return re.sub(r"\s+", "", text)


def _git_state() -> str:
    """What the provenance annex prints about the code: the commit and whether it is dirty."""
    from analysis.report.context import git_commit

    return git_commit()


#: The report date the module renders with (the default would be today).
REPORT_DATE = "2026-12-01"


@pytest.fixture(scope="module")
def renders(tmp_path_factory):
    """The default (Vietnamese) report and the English one, rendered once for the module."""
    out = tmp_path_factory.mktemp("reports")
    env_epoch = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        vi = render_report(ReportParameters(report_date=REPORT_DATE), out_dir=out)
        en = render_report(ReportParameters(lang="en", report_date=REPORT_DATE), out_dir=out)
    finally:
        if env_epoch is not None:
            os.environ["SOURCE_DATE_EPOCH"] = env_epoch
    return {"vi": vi, "en": en, "vi_text": _pdftotext(vi), "en_text": _pdftotext(en)}


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _chosen_growth_by_hand(first: int, last: int) -> dict[int, float]:
    """GRDP growth for each year, chosen from the CSV with the rule restated above."""
    rows = [r for r in _rows(DEFAULT_ACTUALS)
            if r["indicator_id"] == "grdp_growth_pct" and r["choice"] != "ignore"]
    chosen = {}
    for year in range(first, last + 1):
        cands = [(i, r) for i, r in enumerate(rows) if r["period"] == str(year)]
        cands.sort(key=lambda ir: (STATUS_RANK[ir[1]["status"]], ir[1]["qualifier"] != "exact",
                                   [-ord(c) for c in ir[1]["published"]] + [1], ir[0]))
        chosen[year] = float(cands[0][1]["value"])
    return chosen


def test_writes_pdf_and_executed_notebook(renders):
    for lang in ("vi", "en"):
        pdf = renders[lang]
        assert pdf.name == f"26-ctr-tu-2025-{lang}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF")
        assert pdf.with_suffix(".ipynb").is_file()


#: The PDF's properties of each render: the programme rendered, in the report's language (the
#: programme's short and full titles in data/programmes/26-ctr-tu/programme.yaml).
PROPERTIES_26 = {
    "vi": ("Đánh giá tiến độ thực hiện các chỉ tiêu đến năm 2030 – Chương trình hành động "
           "số 26-CTr/TU – Năm đánh giá: 2025",
           "Chương trình hành động số 26-CTr/TU ngày 28/12/2022 của Ban Thường vụ Tỉnh ủy thực "
           "hiện Nghị quyết số 11-NQ/TW của Bộ Chính trị", "vi-VN"),
    "en": ("Progress towards the 2030 targets – Action Programme No. 26-CTr/TU – Assessment "
           "year: 2025",
           "Action Programme No. 26-CTr/TU of 28 December 2022 of the Provincial Party Standing "
           "Committee, implementing Politburo Resolution No. 11-NQ/TW", "en-GB"),
}


def pdf_properties(pdf: Path) -> tuple[str, str, str]:
    """The title, subject and language a PDF declares (what a document system shows)."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    info = reader.metadata
    return str(info.title), str(info.subject), str(reader.trailer["/Root"].get("/Lang"))


def test_the_pdf_properties_name_the_programme_in_the_reports_language(renders):
    for lang, expected in PROPERTIES_26.items():
        assert pdf_properties(renders[lang]) == expected


def test_the_signature_closes_the_text_and_each_annex_starts_a_page(renders):
    """Review #8, #18: the signature block ends the last chapter's page, whole (the recipients
    and the signer's dotted name on one page); each annex heading is a page's first line."""
    words = {"vi": ("Nơi nhận:", "Phụ lục", "Phương hướng, nhiệm vụ, giải pháp"),
             "en": ("Recipients:", "Annex", "Directions, tasks and solutions")}
    for lang, (recipients, annex, last_chapter) in words.items():
        pages = pdf_pages(renders[lang])
        (signed,) = [k for k, p in enumerate(pages) if recipients in p]
        page = pages[signed]
        # the last chapter's heading and its note are on the block's page; after the block,
        # its three dotted fields (the draft's blanks), nothing but the page's own marks
        assert last_chapter in page
        assert page.split(recipients)[1].count("……………") >= 3
        starts = {}
        for k, p in enumerate(pages):
            lines = [x.strip() for x in p.splitlines() if x.strip()]
            # the page's own text, without the header: the page number and the draft mark
            # (on a landscape page turned, its letters one a line)
            body = [x for x in lines if not re.fullmatch(r"\d*\s*(DỰ THẢO|DRAFT|\w)?", x)]
            for letter in "ABCD":
                if any(x.startswith(f"{annex} {letter}.") for x in lines):
                    starts[letter] = (k, body[0].startswith(f"{annex} {letter}."))
        # four annexes, A on the page after the signature, each the first line of its page
        assert sorted(starts) == list("ABCD") and starts["A"][0] == signed + 1
        assert all(first for _, first in starts.values()), starts
        # no page without text between them (a blank page after the landscape Biểu)
        assert all(p.strip() for p in pages[signed:])


def test_english_words_are_searchable_and_the_cover_says_report_date(renders):
    """Review #26: no ligature glyph (ﬁ, ﬀ, ﬃ …) stands for the letters of a word."""
    text = renders["en_text"]
    assert not re.search("[\ufb00-\ufb06]", text)
    assert "insufficient" in text
    assert "Report date: 1 December 2026" in text and "Date of rendering" not in text


def test_every_target_name_is_printed(renders):
    targets = _rows(DEFAULT_TARGETS)
    for lang in ("vi", "en"):
        flat = _flat(renders[f"{lang}_text"])
        missing = [t[f"name_{lang}"] for t in targets if _flat(t[f"name_{lang}"]) not in flat]
        assert not missing, f"{lang}: {missing}"


def test_required_growth_for_each_scenario_computed_by_hand(renders):
    # Chosen growth 2021..2025 from the CSV: 5.6, 7.7, -2.77, 9.0, 7.52 (2025: the January 2026
    # estimate 7.52 beats the November 2025 estimate 8.2 by publication date).
    growth = _chosen_growth_by_hand(2021, 2025)
    assert growth == {2021: 5.6, 2022: 7.7, 2023: -2.77, 2024: 9.0, 2025: 7.52}
    index = 1.0
    for g in growth.values():
        index *= 1 + g / 100
    # 1.056 * 1.077 * 0.9723 * 1.09 * 1.0752 = 1.295972
    assert abs(index - 1.295972) < 1e-6
    b, t, T = 2020, 2025, 2030
    expected = {9: 12.81, 10: 14.89, 11: 16.98}  # ((1+g)^10 / 1.295972)^(1/5) - 1
    for g, literal in expected.items():
        required = ((1 + g / 100) ** (T - b) / index) ** (1 / (T - t)) - 1
        assert round(100 * required, 2) == literal
        for lang in ("vi", "en"):
            text = format_decimal(100 * required, format="#,##0.00", locale=lang) + "%"
            assert text in renders[f"{lang}_text"], (lang, g, text)


def test_data_annex_lists_sources_of_values_used(renders):
    rows = [r for r in _rows(DEFAULT_ACTUALS) if r["choice"] != "ignore"]
    keys = [(r["indicator_id"], r["period"]) for r in rows]
    single = [r for r, k in zip(rows, keys, strict=True) if keys.count(k) == 1
              and int(r["period"][:4]) <= 2025 and not re.match(r"^\d{4}-\d{4}$", r["period"])
              or (keys.count(k) == 1 and re.match(r"^\d{4}-(\d{4})$", r["period"])
                  and int(r["period"][5:]) <= 2025)]
    assert len(single) > 100
    flat = _flat(renders["vi_text"])
    missing = [r["source_title"] for r in single if _flat(r["source_title"]) not in flat]
    missing += [r["source_url"] for r in single if _flat(r["source_url"]) not in flat]
    assert not missing, missing[:5]


def test_every_font_is_embedded(renders):
    for lang in ("vi", "en"):
        out = subprocess.run(["pdffonts", str(renders[lang])], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
        assert out, "no fonts listed"
        not_embedded = [line for line in out if line.split()[-5] != "yes"]
        assert not not_embedded, not_embedded


def test_no_code_and_no_parameters_cell(renders):
    import nbformat

    nb = nbformat.read(PROJECT_ROOT / "notebooks" / "assessment.ipynb", as_version=4)
    code = [line.strip() for c in nb.cells if c.cell_type == "code"
            for line in c.source.splitlines() if line.strip()]
    assert any("parameters" in c.metadata.get("tags", []) for c in nb.cells)
    for lang in ("vi", "en"):
        text = renders[f"{lang}_text"]
        for line in code:
            assert line not in text, (lang, line)
        for marker in ("rs.show", "In [", "Out[", "injected-parameters", "# Parameters"):
            assert marker not in text, (lang, marker)


def test_title_page_has_no_page_number_and_the_next_page_has_one(renders):
    first = _pdftotext(renders["vi"], "-f", "1", "-l", "1")
    assert not any(re.fullmatch(r"\d+", line.strip()) for line in first.splitlines())
    assert "Năm đánh giá: 2025" in first and "Ngày lập báo cáo: 01/12/2026" in first
    # the data's cut-off is another date, labelled as such (the 2025 figures of 14 January
    # 2026: Lao Động's year-end review, published 2026-01-14)
    assert "Số liệu cập nhật đến: 14/01/2026" in first
    # reading order, not raw order: in raw order the draft watermark comes first
    second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(renders["vi"]), "-"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert second[0] == "1"


def test_numbers_are_written_the_way_the_language_writes_them(renders):
    assert "63.600 tỷ đồng" in renders["vi_text"]
    assert "63,600 bn VND" in renders["en_text"]
    assert "7,52%" in renders["vi_text"] and "7.52%" in renders["en_text"]


def test_both_languages_hold_every_section(renders):
    for lang, heads in {
        "vi": ["Tóm tắt", "Tình hình thực hiện các chỉ tiêu", "Tăng trưởng GRDP bình quân",
               "Cơ cấu kinh tế", "xuất nhập khẩu", "khách du lịch", "Tỷ lệ che phủ rừng",
               "Các chỉ tiêu khác", "Nhiệm vụ và công trình", "Hạn chế, nguyên nhân",
               "Phương hướng, nhiệm vụ, giải pháp", "Phụ lục A. Phương pháp",
               "Phụ lục B. Số liệu", "Phụ lục C. Biểu", "Phụ lục D. Nguồn gốc báo cáo",
               "Mục lục"],
        "en": ["Executive summary", "Status of every target", "Average GRDP growth",
               "Economic structure", "Export-import", "Tourist arrivals", "Forest cover",
               "Other targets", "Tasks and key projects", "Limitations and their causes",
               "Directions, tasks and solutions", "Annex A. Methods", "Annex B. Data",
               "Annex C. Results of the main targets", "Annex D. Provenance", "Contents"],
    }.items():
        for h in heads:
            assert h in renders[f"{lang}_text"], (lang, h)


def test_provenance_names_the_lock_file_and_its_sha256(renders):
    from analysis.report.context import LOCK_FILE, sha256

    digest = sha256(LOCK_FILE)
    for lang in ("vi", "en"):
        text = _flat(renders[f"{lang}_text"])
        assert "requirements.lock" in text and digest in text, lang


def test_same_inputs_give_a_byte_identical_pdf(renders, tmp_path):
    before = _git_state()
    again = render_report(ReportParameters(report_date=REPORT_DATE), out_dir=tmp_path)
    if _git_state() != before:
        pytest.skip("the git commit changed during the test (it is printed in the report)")
    assert again.read_bytes() == renders["vi"].read_bytes()


def test_a_malicious_data_row_prints_literally(tmp_path):
    title = (r"Evil \input{/etc/passwd} \def\x{1} $x^2$ & # % _ ~ {} \\ -- --- '' `` "
             r"<<>> ^^5c \end{document} [opt] *star")
    url = r"https://example.org/a_b%20c?x=1&y=~{}#frag\^^41"
    rows = _rows(DEFAULT_ACTUALS)
    evil = dict(rows[0])
    evil.update(indicator_id="tea_area_ha", period="2023", value="8950", unit="ha",
                status="reported", qualifier="exact", price_basis="", published="2023",
                source_title=title, source_url=url, quote="q", choice="", note="")
    actuals = tmp_path / "actuals.csv"
    shutil.copy(DEFAULT_ACTUALS, actuals)
    with actuals.open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=list(rows[0])).writerow(evil)
    pdf = render_report(ReportParameters(actuals_path=actuals), out_dir=tmp_path / "out")
    flat = _flat(_pdftotext(pdf))
    assert _flat(title) in flat
    assert _flat(url) in flat
    assert "root:" not in flat
