"""The report someone signs: ``--final`` that cannot print an example or a blank, recipients
printed as typed, the archive line, place names that never break, and mid-year reports with
their own commentary and their own file name."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from support import ROOT, cli, pdf_pages

from analysis.data.commentary import (
    LANGUAGE_NEUTRAL,
    REQUIRED_FOR_FINAL,
    chapter_key,
    final_problems,
    load_commentary,
    missing_chapters,
    parse_commentary,
)
from analysis.errors import InputError
from analysis.programme import load_programme, report_filename, report_stem
from analysis.report.chapters.closing import recipient_lines
from analysis.report.parameters import ReportParameters

PROGRAMME = load_programme("26-ctr-tu")
PLAN = load_programme("lai-chau-2021-2025")
TARGET_IDS = list(PROGRAMME.target_ids())
FIXTURES = Path(__file__).parent / "fixtures"
MIDYEAR = FIXTURES / "midyear" / "actuals.csv"

HEAD = """---
issuer: ỦY BAN NHÂN DÂN TỈNH LAI CHÂU
number: 123/BC-UBND
signer_authority: TM. ỦY BAN NHÂN DÂN
signer_title: CHỦ TỊCH
signer_name: Nguyễn Văn Thử
recipients:
  - Ban Thường vụ Tỉnh ủy;
  - Các sở, ban, ngành tỉnh
archive: VT, TH.
---
"""


def _chapters(prog, midyear: bool = False) -> str:
    """A paragraph under every chapter a final report of ``prog`` needs."""
    from analysis.data.commentary import required_chapters

    names = required_chapters(prog, has_tasks=prog.tasks is not None, has_others=True,
                              midyear=midyear)
    return "".join(f"## chapter: {k}\nNhận xét {k}.\n\n" for k in names)


# ---- recipients and the archive line ---------------------------------------------------------

def _meta(front: str) -> dict:
    return parse_commentary(f"---\n{front}---\n", "x.vi.md", PROGRAMME, TARGET_IDS).meta


def test_each_recipient_is_printed_as_typed_commas_and_all():
    meta = _meta("recipients:\n  - Các sở, ban, ngành tỉnh\n  - UBND các huyện, thành phố\n"
                 "archive: VT, TH\n")
    assert meta["recipients"] == ["Các sở, ban, ngành tỉnh", "UBND các huyện, thành phố"]
    assert meta["archive"] == "VT, TH"
    # a single text is one recipient, its commas kept
    assert _meta("recipients: Các sở, ban, ngành tỉnh\n")["recipients"] == [
        "Các sở, ban, ngành tỉnh"]


@pytest.mark.parametrize(("front", "line", "key", "found"), [
    # the README's old example typed in flow style: "Lưu: VT" is read as a mapping
    ("recipients: [Các sở, ban, ngành tỉnh, Lưu: VT, TH.]\n", 2, "recipients[4]", "Lưu: VT"),
    ("recipients:\n  - Ban Thường vụ Tỉnh ủy\n  - Lưu: VT, TH\n", 4, "recipients[2]",
     "Lưu: VT, TH"),
    ("recipients:\n  - Ban Thường vụ Tỉnh ủy\n  - [A, B]\n", 4, "recipients[2]", "[A, B]"),
    ("recipients:\n  Lưu: VT\n", 2, "recipients", "Lưu: VT"),
    ("archive: [VT, TH]\n", 2, "archive", "[VT, TH]"),
])
def test_a_mapping_or_a_nested_list_is_an_error_at_its_line(front, line, key, found):
    with pytest.raises(InputError) as info:
        parse_commentary(f"---\n{front}---\n", "2025.vi.md", PROGRAMME, TARGET_IDS)
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.yaml_key, problem.found) == (
        "2025.vi.md", line, key, found)
    text = problem.render("vi")
    assert text.startswith(f"2025.vi.md, dòng {line}, khóa '{key}'")
    if key.startswith("recipients"):
        assert "archive: VT" in text  # says where the archive line goes


def test_recipient_lines_by_hand():
    # a clerk's own ending (";", ".", ",", ";;") and a "-" typed by hand give way to the
    # report's: every line but the last ends with ";", the last with "."
    assert recipient_lines(["Ban Thường vụ Tỉnh ủy;", "Thường trực HĐND tỉnh.", "Các sở, ban,",
                            "- UBND các huyện", "Báo Lai Châu;;"], "Lưu: VT, TH.", "vi") == [
        "- Ban Thường vụ Tỉnh ủy;", "- Thường trực HĐND tỉnh;", "- Các sở, ban;",
        "- UBND các huyện;", "- Báo Lai Châu;", "- Lưu: VT, TH."]
    assert recipient_lines(["A", "B"], "", "vi") == ["- A;", "- B."]
    assert recipient_lines(["A"], "VT", "en") == ["- A;", "- Archived: VT."]
    assert recipient_lines([], "", "vi") == []


@pytest.mark.parametrize("ends", list(itertools.product(["", ";", ".", ",", ";;", ". ", ";."],
                                                        repeat=2)))
def test_no_line_ends_twice(ends):
    lines = recipient_lines([f"Nơi một{ends[0]}", f"Nơi hai, ba{ends[1]}"], f"VT{ends[1]}",
                            "vi")
    for line in lines:
        assert not re.search(r"[;.,]{2,}$", line), line
    assert [x[-1] for x in lines] == [";", ";", "."]


def test_the_sheet_takes_the_archive_and_normalises_a_clerks_punctuation(tmp_path):
    from analysis.data.commentary_sheet import read_commentary_sheet

    out = _workbook(tmp_path, {("recipients", "text_vi"): "Ban Thường vụ Tỉnh ủy;\n"
                                                          "Các sở, ban, ngành tỉnh;",
                               ("archive", "text_vi"): "Lưu: VT, TH."})
    c = read_commentary_sheet(out, PROGRAMME, TARGET_IDS, "vi")
    assert c.meta["recipients"] == ["Ban Thường vụ Tỉnh ủy;", "Các sở, ban, ngành tỉnh;"]
    assert recipient_lines(c.meta["recipients"], c.meta["archive"], "vi") == [
        "- Ban Thường vụ Tỉnh ủy;", "- Các sở, ban, ngành tỉnh;", "- Lưu: VT, TH."]


def _workbook(tmp_path: Path, texts: dict) -> Path:
    """The template's workbook with ``texts`` ((key, column) -> text) typed in its sheet."""
    from openpyxl import load_workbook

    out = tmp_path / "mau.xlsx"
    code, _, err = cli(["template", "--out", str(out), "--empty"])
    assert code == 0, err
    book = load_workbook(out)
    sheet = book["nhan_xet"]
    header = [c.value for c in sheet[1]]
    rows = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value}
    for (key, column), value in texts.items():
        sheet.cell(row=rows[key], column=header.index(column) + 1, value=value)
    book.save(out)
    return out


# ---- --final refuses -------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("prog", ["26-ctr-tu", "lai-chau-2021-2025"])
def test_final_refuses_the_shipped_example(tmp_path, prog, lang):
    code, out, err = cli(["report", "--final", "--programme", prog, "--lang", lang,
                          "--out", str(tmp_path / "r")])
    assert code == 2 and out == ""
    first = err.splitlines()[1]
    if lang == "vi":
        assert first.startswith(f"  - 2025.{lang}.md, dòng 5, khóa 'example': nhận xét là ví dụ "
                                "minh họa (example: true)")
    else:
        assert first.startswith(f"  - 2025.{lang}.md, row 5, key 'example': the commentary is an "
                                "illustrative example (example: true)")
    assert not (tmp_path / "r").exists()


def _problems(text: str, lang: str = "vi", prog=PROGRAMME, first_text: str | None = None,
              tmp_path: Path | None = None) -> list:
    """The refusals of a final report whose commentary file holds ``text``."""
    folder = tmp_path / "c" / prog.id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"2025.{lang}.md").write_text(text, encoding="utf-8")
    if first_text is not None:
        (folder / "2025.vi.md").write_text(first_text, encoding="utf-8")
    ids = list(prog.target_ids())
    c = load_commentary(prog, 2025, lang, ids, tmp_path / "c")
    missing = missing_chapters(c, prog, prog.tasks is not None, True)
    return final_problems(c, missing, prog, 2025, lang)


def test_a_complete_commentary_is_accepted(tmp_path):
    assert _problems(HEAD + _chapters(PROGRAMME), tmp_path=tmp_path) == []


@pytest.mark.parametrize("field", REQUIRED_FOR_FINAL)
def test_every_empty_head_or_signature_field_is_refused_by_name(tmp_path, field):
    lines = HEAD.splitlines(keepends=True)
    if field == "recipients":
        text = "".join(x for x in lines if not x.startswith(("recipients", "  - ")))
    else:
        text = "".join(f"{field}:\n" if x.startswith(f"{field}:") else x for x in lines)
    (problem,) = _problems(text + _chapters(PROGRAMME), tmp_path=tmp_path)
    assert problem.yaml_key == field
    words = {"issuer": "cơ quan ban hành", "number": "số, ký hiệu",
             "signer_title": "chức vụ người ký", "signer_name": "họ tên người ký",
             "recipients": "nơi nhận"}
    assert f"báo cáo chính thức cần {words[field]}" in problem.render("vi")
    assert f"dòng '{field}: …' trong phần đầu của 2025.vi.md" in problem.render("vi")


def test_a_chapter_without_text_in_the_reports_language_is_refused(tmp_path):
    text = HEAD + _chapters(PROGRAMME).replace("## chapter: directions\nNhận xét directions.",
                                               "## chapter: directions\n")
    (problem,) = _problems(text, tmp_path=tmp_path)
    assert "Phương hướng, nhiệm vụ, giải pháp (## chapter: directions)" in problem.render("vi")


def test_english_takes_the_number_and_the_signers_name_from_the_vietnamese_file(tmp_path):
    # the English file has no number and no signer's name: both are written the same in every
    # language and come from 2025.vi.md; its signer's title is English and must be there
    english = HEAD.replace("number: 123/BC-UBND\n", "").replace(
        "signer_name: Nguyễn Văn Thử\n", "").replace("CHỦ TỊCH", "CHAIRMAN")
    assert set(LANGUAGE_NEUTRAL) == {"number", "signer_name", "example"}
    problems = _problems(english + _chapters(PROGRAMME), "en",
                         first_text=HEAD + _chapters(PROGRAMME), tmp_path=tmp_path)
    assert problems == []
    c = load_commentary(PROGRAMME, 2025, "en", TARGET_IDS, tmp_path / "c")
    assert (c.meta["number"], c.meta["signer_name"]) == ("123/BC-UBND", "Nguyễn Văn Thử")
    # the signer's title is not taken from Vietnamese: refused
    no_title = english.replace("signer_title: CHAIRMAN\n", "")
    (problem,) = _problems(no_title + _chapters(PROGRAMME), "en",
                           first_text=HEAD + _chapters(PROGRAMME), tmp_path=tmp_path)
    assert problem.yaml_key == "signer_title" and "signer's title" in problem.render("en")


def test_an_example_in_vietnamese_is_an_example_in_english(tmp_path):
    problems = _problems(HEAD + _chapters(PROGRAMME), "en",
                         first_text=HEAD.replace("---\n", "---\nexample: true\n", 1)
                         + _chapters(PROGRAMME), tmp_path=tmp_path)
    assert [p.yaml_key for p in problems] == ["example"]
    assert problems[0].file.endswith("2025.vi.md") and problems[0].row == 2


def test_an_english_final_from_the_sheet(tmp_path):
    from analysis.data.commentary_sheet import read_commentary_sheet

    texts = {(key, "text_vi"): value for key, value in (
        ("issuer", "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"), ("number", "12/BC-UBND"),
        ("signer_title", "CHỦ TỊCH"), ("signer_name", "Nguyễn Văn Thử"),
        ("recipients", "Ban Thường vụ Tỉnh ủy"))}
    texts |= {("issuer", "text_en"): "LAI CHÂU PROVINCIAL PEOPLE'S COMMITTEE",
              ("recipients", "text_en"): "Provincial Party Standing Committee"}
    out = _workbook(tmp_path, texts)
    c = read_commentary_sheet(out, PROGRAMME, TARGET_IDS, "en")
    # number and name from text_vi; the title is empty in text_en: refused, by sheet and cell
    assert (c.meta["number"], c.meta["signer_name"]) == ("12/BC-UBND", "Nguyễn Văn Thử")
    problems = final_problems(c, [], PROGRAMME, 2025, "en")
    assert [p.render("en").split(":")[0] for p in problems] == [
        f"mau.xlsx, sheet 'nhan_xet', cell C{_row(out, 'signer_title')}, column 'text_en'"]
    assert "text in column text_en of the row 'signer_title'" in problems[0].render("en")


# ---- the language of a commentary file ------------------------------------------------------

@pytest.mark.parametrize(("name", "lang", "english_twin"), [
    ("2025.vi.md", "vi", "2025.en.md"),
    ("2025.en.md", "en", "2025.en.md"),
    ("2026-9M.EN.md", "en", "2026-9M.en.md"),
    ("nhan-xet.md", "vi", "nhan-xet.en.md"),  # no language in the name: Vietnamese
    ("v1.2.md", "vi", "v1.2.en.md"),  # '.2' is no language
])
def test_a_commentary_files_language_is_in_its_name(name, lang, english_twin):
    from analysis.data.commentary import file_language, language_file

    assert file_language(Path("x") / name) == lang
    assert language_file(Path("x") / name, "en") == Path("x") / english_twin


def _final_inputs(commentary: Path, lang: str):
    """The report pipeline of a final 2025 report of 26-CTr/TU with ``commentary``."""
    from analysis.report.inputs import read_inputs

    return read_inputs(ReportParameters(assessment_year=2025, lang=lang, final=True,
                                        commentary_path=str(commentary)),
                       assessment_needed=False)


def test_the_pipeline_refuses_a_final_with_a_commentary_file_in_another_language(tmp_path):
    # a complete Vietnamese commentary, given by its path, for an English final: its head, its
    # signature and every chapter would print in Vietnamese
    vi = tmp_path / "2025.vi.md"
    vi.write_text(HEAD + _chapters(PROGRAMME), encoding="utf-8")
    assert _final_inputs(vi, "vi").missing == ()  # complete: a Vietnamese final takes it
    with pytest.raises(InputError) as info:
        _final_inputs(vi, "en")
    (problem,) = info.value.problems
    assert problem.file == str(vi) and problem.key == "msg.final.language"
    text = problem.render("en")
    # HEAD fills issuer, signer_authority, signer_title, recipients and archive in Vietnamese;
    # number and signer_name are written the same in every language and are not named
    assert ("the head and signature fields issuer, signer_authority, signer_title, recipients, "
            "archive; the chapters Executive summary (## chapter: summary);") in text
    assert "Directions, tasks and solutions (## chapter: directions)" in text
    assert "number" not in text.split("fields")[1].split(";")[0]
    assert "commentary in English in a file 2025.en.md" in text
    # the same text under a name without a language is Vietnamese too
    plain = tmp_path / "nhan-xet.md"
    plain.write_text(HEAD + _chapters(PROGRAMME), encoding="utf-8")
    with pytest.raises(InputError) as info:
        _final_inputs(plain, "en")
    assert "a file nhan-xet.en.md" in info.value.problems[0].render("en")
    # and an English file for a Vietnamese final, in Vietnamese
    en = tmp_path / "2025.en.md"
    en.write_text(HEAD + _chapters(PROGRAMME), encoding="utf-8")
    with pytest.raises(InputError) as info:
        _final_inputs(en, "vi")
    assert info.value.problems[0].render("vi").startswith(
        "2025.en.md: tệp nhận xét viết bằng tiếng Anh (theo tên tệp), báo cáo bằng tiếng Việt;")


def test_a_file_with_only_the_neutral_fields_is_not_refused_for_its_language(tmp_path):
    # number and signer_name print the same in English: only the missing fields are named
    vi = tmp_path / "2025.vi.md"
    vi.write_text("---\nnumber: 123/BC-UBND\nsigner_name: Nguyễn Văn Thử\n---\n",
                  encoding="utf-8")
    c = load_commentary(PROGRAMME, 2025, "en", TARGET_IDS, vi)
    problems = final_problems(c, [], PROGRAMME, 2025, "en")
    assert [p.key for p in problems] == ["msg.final.field"] * 3  # issuer, title, recipients


def test_an_english_file_given_by_its_path_takes_the_neutral_fields_beside_it(tmp_path):
    # as in the commentary folder: number and signer's name from 2025.vi.md beside 2025.en.md
    english = HEAD.replace("number: 123/BC-UBND\n", "").replace(
        "signer_name: Nguyễn Văn Thử\n", "").replace("CHỦ TỊCH", "CHAIRMAN")
    (tmp_path / "2025.vi.md").write_text(HEAD, encoding="utf-8")
    (tmp_path / "2025.en.md").write_text(english + _chapters(PROGRAMME), encoding="utf-8")
    c = load_commentary(PROGRAMME, 2025, "en", TARGET_IDS, tmp_path / "2025.en.md")
    assert (c.meta["number"], c.meta["signer_name"]) == ("123/BC-UBND", "Nguyễn Văn Thử")
    assert c.meta["signer_title"] == "CHAIRMAN" and c.lang == "en"
    assert _final_inputs(tmp_path / "2025.en.md", "en").missing == ()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_final_refuses_a_commentary_in_another_language_on_the_command_line(tmp_path, lang):
    other = "en" if lang == "vi" else "vi"
    file = tmp_path / f"2025.{other}.md"
    file.write_text(HEAD + _chapters(PROGRAMME), encoding="utf-8")
    code, out, err = cli(["report", "--final", "--lang", lang, "--commentary", str(file),
                          "--out", str(tmp_path / "r")])
    assert code == 2 and out == ""
    head, first, *rest = err.splitlines()
    assert rest == []
    if lang == "vi":
        assert head == "1 lỗi trong dữ liệu đầu vào:"
        assert first.startswith("  - 2025.en.md: tệp nhận xét viết bằng tiếng Anh (theo tên "
                                "tệp), báo cáo bằng tiếng Việt; báo cáo chính thức không in "
                                "nhận xét bằng ngôn ngữ khác, mà tệp này điền các mục của phần "
                                "đầu và chữ ký issuer, signer_authority, signer_title, "
                                "recipients, archive; các chương Tóm tắt (## chapter: summary)")
        assert "(cần nhận xét bằng tiếng Việt trong tệp 2025.vi.md;" in first
    else:
        assert head == "1 problem in the input:"
        assert first.startswith("  - 2025.vi.md: the commentary file is in Vietnamese (by its "
                                "name) and the report in English;")
        assert "(expected commentary in English in a file 2025.en.md;" in first
    assert not (tmp_path / "r").exists()


def _row(path: Path, key: str) -> int:
    from openpyxl import load_workbook

    sheet = load_workbook(path)["nhan_xet"]
    return next(r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value == key)


def test_an_example_sheet_is_an_example_in_every_language(tmp_path):
    from analysis.data.commentary_sheet import read_commentary_sheet

    out = _workbook(tmp_path, {("example", "text_vi"): "true"})
    assert read_commentary_sheet(out, PROGRAMME, TARGET_IDS, "en").example


# ---- mid-year ------------------------------------------------------------------------------

def test_one_stem_names_every_file_of_a_report():
    assert report_stem("26-ctr-tu", 2025, "vi") == "26-ctr-tu-2025-vi"
    assert report_stem("26-ctr-tu", 2026, "en", 9) == "26-ctr-tu-2026-9m-en"
    assert report_filename("26-ctr-tu", 2026, "vi", 9) == "26-ctr-tu-2026-9m-vi.pdf"
    assert report_filename("26-ctr-tu", 2026, "vi", 9, ".docx") == "26-ctr-tu-2026-9m-vi.docx"
    assert PROGRAMME.report_filename(2026, "vi") == "26-ctr-tu-2026-vi.pdf"


def test_the_mid_year_plan_names_its_period():
    from analysis.data.loaders import load_programme_data
    from analysis.data.years import plan_year

    # the fixture: 2026 has values for 3 and 6 months only
    actuals = load_programme_data(PROGRAMME, MIDYEAR).actuals
    plan = plan_year(actuals, 2026, 2020, 2030)
    assert (plan.assessed, plan.midyear, plan.months, plan.period) == (2025, 2026, 6, "2026-6M")
    annual = plan_year(actuals, 2025, 2020, 2030)
    assert (annual.months, annual.period) == (None, "2025")


def test_a_mid_year_report_never_prints_last_years_commentary(tmp_path):
    from analysis.report.context import setup
    from analysis.report.midyear import chapter

    folder = tmp_path / "c" / "26-ctr-tu"
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "data" / "commentary" / "26-ctr-tu" / "2025.vi.md", folder / "2025.vi.md")
    report = setup(ReportParameters(assessment_year=2026, actuals_path=str(MIDYEAR),
                                    commentary_path=str(tmp_path / "c")))
    assert report.commentary.file is None  # 2026-6M.vi.md does not exist; 2025's is not read
    assert chapter_key("midyear") in {chapter_key(k) for k in report.missing_commentary}
    (folder / "2026-6M.vi.md").write_text(
        "## chapter: midyear\nSáu tháng đầu năm: nhận xét riêng.\n", encoding="utf-8")
    report = setup(ReportParameters(assessment_year=2026, actuals_path=str(MIDYEAR),
                                    commentary_path=str(tmp_path / "c")))
    assert report.commentary.file.name == "2026-6M.vi.md"
    assert "Sáu tháng đầu năm: nhận xét riêng." in chapter(report)[-1].to_html()
    assert "midyear" not in report.missing_commentary


def test_the_mid_year_key_belongs_to_a_mid_year_commentary():
    with pytest.raises(InputError) as info:
        parse_commentary("## chapter: midyear\nX.\n", "2025.vi.md", PROGRAMME, TARGET_IDS)
    assert info.value.problems[0].found == "chapter: midyear"
    c = parse_commentary("## chapter: midyear\nX.\n", "2026-9M.vi.md", PROGRAMME, TARGET_IDS,
                         midyear=True)
    assert c.has(chapter_key("midyear"))


# ---- the head ------------------------------------------------------------------------------

def test_place_names_are_tied_together_in_the_head():
    from analysis.report.chapters.title import unbroken_places
    from analysis.report.context import setup

    report = setup(ReportParameters("26-ctr-tu", 2025, "vi", report_date="2026-12-01"))
    tie = "\u00a0"
    assert unbroken_places("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", report) == \
        f"ỦY BAN NHÂN DÂN TỈNH{tie}LAI{tie}CHÂU"
    assert unbroken_places("Lai Châu, ngày 01 tháng 12 năm 2026", report).startswith(
        f"Lai{tie}Châu,")
    assert unbroken_places("LAI CHÂU PROVINCIAL PEOPLE'S COMMITTEE", report).startswith(
        f"LAI{tie}CHÂU ")


# ---- rendered ------------------------------------------------------------------------------

def _words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """The words of one page with their boxes: (xMin, yMin, xMax, yMax, word)."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf),
                          "-"], capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        out)]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_final_report_prints_what_is_signed(tmp_path, lang):
    from analysis.report.render import render_report

    folder = tmp_path / "c" / "26-ctr-tu"
    folder.mkdir(parents=True)
    body = _chapters(PROGRAMME)
    (folder / "2025.vi.md").write_text(HEAD + body, encoding="utf-8")
    if lang == "en":  # number and signer's name from the Vietnamese file
        (folder / "2025.en.md").write_text(
            "---\nissuer: LAI CHÂU PROVINCIAL PEOPLE'S COMMITTEE\nsigner_title: CHAIRMAN\n"
            "recipients:\n  - Provincial Party Standing Committee;\n  - Departments, agencies\n"
            "archive: VT, TH\n---\n" + body, encoding="utf-8")
    pdf = render_report(ReportParameters(assessment_year=2025, lang=lang, report_date="2026-12-01",
                                         commentary_path=tmp_path / "c", final=True),
                        out_dir=tmp_path / "r")
    pages = pdf_pages(pdf)
    text = "\n".join(pages)
    flat = " ".join(text.split())
    assert "……" not in text and "DỰ THẢO" not in text and "DRAFT" not in text
    assert "ví dụ minh họa" not in flat.lower() and "illustrative example" not in flat.lower()
    # the head: the place name on one line, the number from the Vietnamese file
    head = pages[0]
    assert "Số: 123/BC-UBND" in head or "No.: 123/BC-UBND" in head
    assert not re.search(r"\bLAI\s*\n", head) and not re.search(r"\bLai\s*\n", head)
    assert ("TỈNH LAI CHÂU" in head) if lang == "vi" else ("LAI CHÂU PROVINCIAL" in head)
    # the recipients, each on its line, with the report's punctuation; the signer
    if lang == "vi":
        for line in ("- Ban Thường vụ Tỉnh ủy;", "- Các sở, ban, ngành tỉnh;", "- Lưu: VT, TH."):
            assert line in text
    else:
        for line in ("- Provincial Party Standing Committee;", "- Departments, agencies;",
                     "- Archived: VT, TH."):
            assert line in text
    assert ";;" not in text and ".;" not in text and "Nguyễn Văn Thử" in text
    # the closing chapters' headings: once in the contents, once in the body, never again
    for title in (("Hạn chế, nguyên nhân", "Phương hướng, nhiệm vụ, giải pháp") if lang == "vi"
                  else ("Limitations and their causes", "Directions, tasks and solutions")):
        assert flat.count(title) == 2, title
    # the headline in its words
    assert ("1/18 chỉ tiêu có số liệu đã đạt mục tiêu;" if lang == "vi"
            else "1/18 targets with data have reached the target;") in flat
    # the tasks table: no period runs into the status column beside it
    caption = ("Tình hình thực hiện các nhiệm vụ" if lang == "vi"
               else "Tasks and key projects: where each stood")
    tasks_page = next(i for i, p in enumerate(pages, 1) if caption in " ".join(p.split()))
    words = _words(pdf, tasks_page)
    periods = [x for x in words if re.search(r"\d{4}–\d{4}", x[4])]
    assert periods
    for x0, y0, x1, _, w in periods:
        assert re.fullmatch(r"\d{4}–\d{4}", w), w  # not run together with the status symbol
        beside = [a for a, b, _, _, _ in words if abs(b - y0) < 2 and a > x0]
        assert beside and x1 < min(beside) - 2, (w, x1, min(beside))


def _report_2025(tmp_path: Path, written: bool = True, final: bool = False):
    """The default programme's 2025 report (its context), every chapter written (``HEAD`` and
    one paragraph each) or none (a draft)."""
    from analysis.report.context import setup

    folder = tmp_path / ("written" if written else "empty")
    (folder / "26-ctr-tu").mkdir(parents=True, exist_ok=True)
    if written:
        (folder / "26-ctr-tu" / "2025.vi.md").write_text(HEAD + _chapters(PROGRAMME),
                                                         encoding="utf-8")
    return setup(ReportParameters("26-ctr-tu", 2025, "vi", final=final,
                                  commentary_path=str(folder)))


def test_the_closing_chapters_print_their_heading_once(tmp_path):
    from analysis.report.chapters.closing import closing_chapters

    latex = "".join(b.to_latex() for b in closing_chapters(_report_2025(tmp_path)))
    for title in ("Hạn chế, nguyên nhân", "Phương hướng, nhiệm vụ, giải pháp"):
        assert latex.count(title.replace(",", ",{}")) == 1, title  # the heading, not the text's
    assert "Nhận xét limitations." in latex and "Nhận xét directions." in latex


def test_the_signature_is_set_aside_before_the_last_chapter_and_placed_after_its_text(tmp_path):
    from analysis.report.chapters.closing import closing_chapters

    latex = "".join(b.to_latex() for b in closing_chapters(_report_2025(tmp_path)))
    limits, saved, directions = (latex.index(x) for x in (
        "Nhận xét limitations.", r"\savesignature[7]", "Phương hướng"))
    text, placed = latex.index("Nhận xét directions."), latex.index(r"\placesignature")
    # limitations, the block set aside, the last heading, its text, the block placed, the end
    assert limits < saved < directions < text < placed
    assert latex.rstrip().endswith(r"\placesignature")
    assert "Nguyễn Văn Thử" in latex[saved:directions]  # the block's content is set aside
    # a draft: the last chapter is a two-line note, the page needs less room for it
    draft = _report_2025(tmp_path, written=False)
    assert r"\savesignature[5]" in "".join(b.to_latex() for b in closing_chapters(draft))


def test_only_a_draft_cover_says_it_was_made_automatically(tmp_path):
    """Review #19: the cover of a report the office signs does not say "lập tự động"."""
    from analysis.report.chapters.title import title_page

    note = "Báo cáo được lập tự động từ số liệu đã công bố"
    for written, final, shown in ((True, True, False), (True, False, False),
                                  (False, False, True)):
        report = _report_2025(tmp_path, written, final)
        assert report.draft is shown
        (cover,) = title_page(report)
        assert (note in cover.tex) is shown, (written, final)
        lines = [str(b.parts) for b in cover.word if type(b).__name__ == "TitleLine"]
        assert any(x.startswith(note) for x in lines) is shown, (written, final)
        # the dates stay on every cover
        assert any(x.startswith("Ngày lập báo cáo: ") for x in lines)


def test_the_sheet_has_a_mid_year_row_for_a_mid_year_report_only(tmp_path):
    from analysis.data.commentary_sheet import read_commentary_sheet

    out = _workbook(tmp_path, {("chapter: midyear", "text_vi"): "Sáu tháng đầu năm."})
    c = read_commentary_sheet(out, PROGRAMME, TARGET_IDS, "vi", midyear=True)
    assert c.text(chapter_key("midyear")) == "Sáu tháng đầu năm."
    with pytest.raises(InputError) as info:  # an annual report has no such chapter
        read_commentary_sheet(out, PROGRAMME, TARGET_IDS, "vi")
    (problem,) = info.value.problems
    assert problem.cell == f"A{_row(out, 'chapter: midyear')}"
    assert "chỉ dùng trong báo cáo trong năm" in problem.render("vi")
