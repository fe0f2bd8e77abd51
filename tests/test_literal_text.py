"""One rule for every output: text from data prints as typed, or visibly replaced.

ONE test feeds the same hostile strings (tests/hostile.py: ``$\\frac{a}{b}$``,
``$\\input{/etc/hostname}$``, "Giá $100 đến $200 mỗi tấn", ``<script>``, ``<img onerror>``,
``=HYPERLINK(…)``, ``=cmd|…``, ``@SUM(1)``, an emoji, CJK text, a 400-character word, a
95-character scenario label) to every text field a user types (programme, targets, indicators,
tasks, actuals, a custom scenario, the commentary and its front matter) and checks every output:

* ``pdf``: the report renders; every string is in its text as typed (TeX specials literal, the
  emoji and the CJK characters as ``[U+…]``); no word of any page lies outside the page (the
  long word wraps in its column); the figures' legends hold every entry, inside the figure,
  their text without mathtext;
* ``notebook_html``: every ``text/html`` output of the executed notebook (the audit record
  opened in JupyterLab) holds no ``<script>`` or ``<img>`` element and no ``on…`` attribute,
  while the strings are there as text;
* ``xlsx``: the Excel template writes every cell beginning with ``= + - @`` as text (never a
  formula) and reads the same strings back;
* ``docx``: the Word document of the same render (``--format both``) holds every string as
  typed (Word's own fonts draw the emoji and the CJK characters), and no field, hyperlink or
  element comes from them: its only fields are the ones the writer puts (TOC, PAGE, SEQ).
"""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from hostile import (
    AT_SUM,
    CJK,
    CMD,
    EMOJI,
    HOSTILE,
    HYPERLINK,
    IMG,
    LABEL_95,
    LONG_WORD,
    PRICE,
    SCRIPT,
    TEX_FRAC,
    TEX_INPUT,
    TEXT,
    hostile_inputs,
)
from support import cli

from analysis.report.parameters import ReportParameters

pytestmark = pytest.mark.slow

#: How each hostile string prints: as typed, except the characters the fonts lack.
PRINTED = {s: s for s in HOSTILE} | {EMOJI: "[U+1F600]", CJK: "[U+4E2D][U+6587][U+5B57][U+7B26]"}


def squash(text: str) -> str:
    """Text without any white space (a string broken across lines still matches)."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from analysis.report.render import render_report

    folder = tmp_path_factory.mktemp("hostile")
    inputs = hostile_inputs(folder)
    pdf = render_report(ReportParameters(programme=inputs.programme,
                                         scenarios_path=inputs.scenarios,
                                         commentary_path=inputs.commentary,
                                         report_date="2026-01-20", final=True,
                                         output_format="both"),
                        out_dir=folder / "out")
    return inputs, pdf


def words_outside(pdf: Path) -> list[str]:
    """Words of ``pdf`` (pdftotext's boxes) that lie outside their page (a landscape page, turned
    by a /Rotate, has its boxes in the turned page's frame).
    """
    from pypdf import PdfReader

    turned = [page.rotation % 180 == 90 for page in PdfReader(pdf).pages]
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    outside = []
    for n, page in enumerate(re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)'
                                         r'</page>', html, re.S)):
        width, height = float(page.group(1)), float(page.group(2))
        if turned[n]:
            width, height = height, width
        for m in re.finditer(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" '
                             r'yMax="([-\d.]+)">(.*?)</word>', page.group(3)):
            x0, y0, x1, y1 = map(float, m.groups()[:4])
            if x0 < -0.5 or y0 < -0.5 or x1 > width + 0.5 or y1 > height + 0.5:
                outside.append(m.group(5))
    return outside


def check_pdf(inputs, pdf: Path, tmp_path: Path) -> None:
    text = squash(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                 check=True).stdout)
    for typed, printed in PRINTED.items():
        assert squash(printed) in text, typed
    assert LONG_WORD in text
    assert squash(LABEL_95.replace(EMOJI, "[U+1F600]")) in text  # the scenario's label
    assert words_outside(pdf) == []
    # the document's title and subject (its properties): the hostile titles as typed
    from pypdf import PdfReader

    info = PdfReader(pdf).metadata
    for typed in (TEX_FRAC, TEX_INPUT, PRICE, SCRIPT, HYPERLINK, CMD, CJK):
        assert typed in info.title and typed in info.subject, (typed, info.title)
    assert "[U+1F600]" in info.title  # the emoji, visibly replaced (readers cannot decode it)
    # the figures, as the notebook holds them: nothing drawn outside the figure
    import base64

    nb = nbformat.read(pdf.with_suffix(".ipynb"), as_version=4)
    figures = [o["data"]["application/pdf"] for c in nb.cells for o in c.get("outputs", [])
               if "application/pdf" in o.get("data", {})]
    assert len(figures) >= 5
    for n, data in enumerate(figures):
        path = tmp_path / f"figure-{n}.pdf"
        path.write_bytes(base64.b64decode(data))
        assert words_outside(path) == [], n
    check_charts(inputs)


def check_charts(inputs) -> None:
    """The charts drawn from the same inputs: every legend entry, inside, no mathtext."""
    from matplotlib.text import Text

    from analysis.report import charts
    from analysis.report.context import setup

    r = setup(ReportParameters(programme=str(inputs.programme),
                               scenarios_path=str(inputs.scenarios),
                               commentary_path=str(inputs.commentary), report_date="2026-01-20"))
    for figure in (charts.index_chart(r, "grdp_growth_pct_per_year", scenarios=True),
                   charts.level_chart(r, "tourist_arrivals"),
                   charts.level_chart(r, "forest_cover_pct")):
        fig = figure.figure
        figure.pdf_bytes()  # drawn without an error (no mathtext, no missing glyph)
        labelled = [label for ax in fig.axes for label in ax.get_legend_handles_labels()[1]]
        (legend,) = fig.legends
        shown = [t.get_text() for t in legend.get_texts()]
        assert sorted(map(squash, shown)) == sorted(squash(charts.chart_text(x))
                                                    for x in labelled)
        box = legend.get_window_extent(fig.canvas.get_renderer())
        assert 0 <= box.x0 and box.x1 <= fig.bbox.width and 0 <= box.y0
        for item in fig.findobj(Text):
            assert not item.get_parse_math()
        every = squash(" ".join(t.get_text() for t in fig.findobj(Text)))
        assert squash(r"$\frac{a}{b}$") in every or squash(TEX_INPUT) in every  # as typed
    grdp = squash(" ".join(legend_texts(charts.index_chart(r, "grdp_growth_pct_per_year",
                                                           scenarios=True))))
    assert squash(charts.chart_text(LABEL_95)) in grdp  # 95 characters, wrapped, whole
    assert squash(TEX_INPUT) in grdp and "[U+1F600]" in grdp
    # the entries a long label used to push out of the figure: actual, current pace, band
    for entry in ("Thực tế", "Giữ nhịp thực tế (5,32%/năm)", r.t("chart.band90")):
        assert squash(entry) in grdp, entry


def legend_texts(figure) -> list[str]:
    (legend,) = figure.figure.legends
    return [t.get_text() for t in legend.get_texts()]


class _Tags(HTMLParser):
    """The elements and attributes of an HTML fragment, and its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}

    def handle_data(self, data):
        self.text.append(data)


def check_notebook_html(inputs, pdf: Path, tmp_path: Path) -> None:
    nb = nbformat.read(pdf.with_suffix(".ipynb"), as_version=4)
    parser = _Tags()
    n = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html")
            if html:
                n += 1
                parser.feed(html if isinstance(html, str) else "".join(html))
    assert n > 5
    assert not parser.tags & {"script", "img", "iframe", "object", "embed", "svg", "style"}
    assert not [a for a in parser.attributes if a.startswith("on")]
    assert parser.attributes <= {"style", "colspan"}
    text = squash("".join(parser.text))
    for typed in (SCRIPT, IMG, TEX_FRAC, TEX_INPUT, HYPERLINK, CMD, AT_SUM, EMOJI, CJK):
        assert squash(typed) in text, typed  # there, as text
    assert squash(inputs.meta["number"]) in text  # the front matter's number (the <img>)


def check_xlsx(inputs, pdf: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from analysis.data import vocabulary
    from analysis.data.commentary import load_commentary
    from analysis.data.commentary_sheet import read_commentary_sheet
    from analysis.data.excel import write_template
    from analysis.data.excel_writer import FORMULA_STARTS
    from analysis.data.loaders import load_actuals, load_indicators
    from analysis.programme import load_programme

    prog = load_programme(inputs.programme)
    indicators = load_indicators(prog.indicators)
    actuals = load_actuals(prog.actuals, indicators=indicators)
    ids = list(prog.target_ids())
    commentary = load_commentary(prog, 2025, "vi", ids, inputs.commentary)
    book = write_template(tmp_path / "mau.xlsx", actuals, indicators, year=2026, title=TEXT,
                          programme=prog, commentaries={"vi": commentary, "en": commentary})
    helper = vocabulary.helper_header("indicator_id")
    hostile_cells = 0
    for sheet in load_workbook(book).worksheets:
        header = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=1):
            for c in row:
                if not (isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)):
                    continue
                if header[c.column - 1] == helper and c.value.startswith("=IF("):
                    continue  # the template's own lookup formula
                assert c.data_type == "s" and c.quotePrefix, (sheet.title, c.coordinate)
                hostile_cells += c.value in (HYPERLINK, CMD, AT_SUM) or \
                    c.value.startswith(HYPERLINK)
    assert hostile_cells >= 3
    back = load_actuals(book, indicators=indicators)
    for column in ("source_title", "quote", "note"):
        assert back[column].tolist() == actuals[column].tolist()
    sheet = read_commentary_sheet(book, prog, ids, "vi")
    assert sheet.meta == inputs.meta
    # a single target's chapter ("chapter: tourist_arrivals" in the file) is keyed by the
    # target's id in the sheet
    singles = {f"chapter: {c.key}": c.key for c in prog.chapters
               if len(c.targets) == 1 and c.key == c.targets[0]}
    assert {k: s.text for k, s in sheet.sections.items()} == {
        singles.get(k, k): text for k, text in inputs.chapters.items()}
    code, out, err = cli(["template", "--out", str(tmp_path / "cli.xlsx"), "--programme",
                          str(inputs.programme)])
    assert code == 0, err


#: The field instructions the Word writer itself puts in a document.
WORD_FIELDS = ("TOC", "PAGE", "SEQ")


def check_docx(inputs, pdf: Path, tmp_path: Path) -> None:
    import zipfile

    from docx import Document

    docx = pdf.with_suffix(".docx")
    doc = Document(docx)
    lines = [p.text for p in doc.paragraphs]
    lines += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    text = squash("\n".join(lines))
    for typed in HOSTILE:
        assert squash(typed) in text, typed
    assert LONG_WORD in text
    with zipfile.ZipFile(docx) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    instructions = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", xml)
    instructions += re.findall(r'w:instr="([^"]*)"', xml)
    assert instructions and all(i.split()[0] in WORD_FIELDS for i in instructions), instructions
    assert "<w:hyperlink" not in xml and "<script" not in xml


CHECKS = {"pdf": check_pdf, "notebook_html": check_notebook_html, "xlsx": check_xlsx,
          "docx": check_docx}


@pytest.mark.parametrize("output", ["pdf", "notebook_html", "xlsx", "docx"])
def test_hostile_text_prints_literally_in_every_output(rendered, output, tmp_path):
    inputs, pdf = rendered
    CHECKS[output](inputs, pdf, tmp_path)
