"""The report as a Word document (.docx) for the drafting round, laid out as Decree 30 asks.

**One source.** The chapters are built once, as blocks (:mod:`analysis.report.document`); the
notebook carries them as JSON beside the LaTeX (``output_format`` "docx" or "both"), and this
module reads them back from the executed notebook (:func:`blocks_from_notebook`) and renders
each with its ``to_docx``, which calls the :class:`WordWriter` below. A number in the Word
document is therefore the very string printed in the PDF.

**Library.** python-docx (locked in ``requirements.lock``): it writes the parts of a .docx that
Word and LibreOffice expect (styles, numbering, headers, pictures, core properties) from a
Python object model, so that nothing here writes OOXML by hand except the few elements it has
no API for, each made with its oxml helpers: a table header row that repeats on every page
(``w:tblHeader``) and rows that do not break (``w:cantSplit``), cell shading, paragraph borders,
the fields (``PAGE``, ``SEQ`` for the caption numbers, ``TOC``), ``w:updateFields`` so that
Word fills the table of contents when it opens the file. pandoc with a reference document was
the other candidate: it would need the blocks as Markdown (a second rendering of every table)
and has no way to set a landscape section, a header per section or the head's borderless
tables, so those would have to be patched into its output anyway.

**Layout** (:mod:`analysis.report.layout`, the values chosen within Decree 30's ranges, shared
with the PDF): A4, margins 25/22/32/18 mm, Times New Roman 13 pt, page numbers centred in the
top margin and not on the first page (``w:titlePg``: the first page's header carries only the
draft mark). Everything a clerk types goes through the document's styles, so that a new
paragraph is laid out right: **Normal** (13 pt, justified, first line indented 1 cm, 6 pt
after each paragraph, single line spacing: Decree 30 asks for 1–1.27 cm, at least 6 pt and
single to 1.5 lines), **Heading 1–3** (the chapters and sections, numbered as in the PDF, in
the navigation pane and the contents), **Caption** (numbered by ``SEQ`` fields: "Bảng 3",
"Hình 2"), **Nhận xét, đánh giá** (the assessors' own text, with a bar in the margin as in the
PDF), and the office's own: **Chữ trong bảng** (table text, 11 pt), **Chữ trong bảng nhỏ** (the
long tables and the landscape year-by-year table, 10 pt), **Ghi chú** (notes and source lines,
11 pt), **Hình vẽ** (the paragraph holding a figure). The head of the document and the signature
block are borderless two-column tables (Decree 30, Appendix I: issuing body | national motto,
number and symbol | place and date; recipients | signer). The Biểu is a landscape section
between two portrait ones; each section has its own header (page number, draft mark).

**Speed.** python-docx's own setters look a style up among all the document's styles each
time, and a long table (the data annex: 500 rows) spent most of a second there: a paragraph's
style is set by its id (looked up once), and each table's rows are copies of one row per kind
made with python-docx (widths, styles, alignment), filled in afterwards (0.3 s for the report).

**Reproducible.** python-docx stamps the core properties (created, modified, author "python-docx")
and the ZIP archive stamps every part with the time of writing: both are set from the report
date (midnight UTC, the PDF's ``SOURCE_DATE_EPOCH``), and the archive is written again with the
parts in a fixed order, so the same inputs and date give the same bytes.

**Text from data** is printed literally: python-docx escapes XML's own characters, and
:func:`clean` turns line breaks and tabs into spaces (as the PDF does) and every character XML
cannot hold (control characters) into a visible U+FFFD, so no data can break the file.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import unicodedata
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from analysis.report import layout
from analysis.report.document import (
    BLOCKS_MIME,
    Figure,
    GroupRow,
    Heading,
    Markup,
    RawLatex,
    Ref,
    Span,
    block_from_json,
)

#: The font Decree 30 names. Word on the office's Windows machines has it; LibreOffice on Linux
#: uses the metric-compatible Liberation Serif in its place.
FONT = "Times New Roman"
#: The font of the progress symbols (✔ ● ◗ ❍ ▼ …), which Times New Roman lacks: Windows's
#: symbol font. Elsewhere the office suite falls back to a font that has them (DejaVu Sans,
#: OpenSymbol): a shape, not a colour, so it survives black-and-white printing.
SYMBOL_FONT = "Segoe UI Symbol"
#: Characters printed in :data:`SYMBOL_FONT`: geometric shapes (U+25A0–25FF), miscellaneous
#: symbols and dingbats (U+2600–27BF).
SYMBOLS = re.compile("([\u25a0-\u27bf]+)")
#: The font of checksums and versions (the provenance annex).
MONO_FONT = "Courier New"
#: Sizes in points: headings, captions, notes, tables (the PDF's \small ones, and its
#: \footnotesize and \scriptsize ones: the long tables and the landscape year-by-year table),
#: title lines.
HEADING_PT = {1: 14, 2: 13, 3: 13}
CAPTION_PT = 12
NOTE_PT = 11
TABLE_PT = 11
SMALL_TABLE_PT = 10
#: Left and right padding of a table cell (twentieths of a point: 57 = 1 mm; Word's 108 would
#: leave the narrow number columns of the status table too little room).
CELL_MARGIN_TWIPS = 57
#: The title page's lines (None: Normal's own size).
TITLE_PT = {"small": 12, "normal": None, "large": 14, "title": 16}
#: Decree 30's sizes in the head and the signature block: the national title 12–13 pt, the
#: motto 13–14, the issuing body 12–13, number and place/date 13–14, "Nơi nhận" 12 bold italic
#: and its lines 11, the signer 13–14 bold.
HEAD_PT = {"state": 12, "motto": 13, "issuer": 12, "number": 13, "place": 13,
           "recipients_head": 12, "recipients": 11, "signer": 13}
#: Paragraphs: first-line indent (Decree 30: 1–1.27 cm), space after (at least 6 pt).
FIRST_LINE_MM = 10
SPACE_AFTER_PT = 6
#: The head's columns and the signature's, as fractions of the text width.
HEAD_COLUMNS = (0.40, 0.60)
SIGNATURE_COLUMNS = (0.45, 0.55)
#: Room for the signature and the seal between the signer's title and name (points).
SIGNATURE_SPACE_PT = 60
#: Header and footer distance from the page edge (mm): the page number sits in the top margin.
HEADER_DISTANCE_MM = 12
FOOTER_DISTANCE_MM = 10
#: Grey of the table header row and of a group row (hex RGB), and the commentary's bar.
HEADER_FILL = "D9D9D9"
GROUP_FILL = "F2F2F2"
COMMENTARY_BAR_PT = 2.25
#: Bullet lists and numbered lists of the default template (numbering.xml) and their indents.
BULLET_STYLE, NUMBER_STYLE = "List Bullet", "List Number"
LIST_INDENT_MM = 6.35
#: Rough width of a line of bold Times at 1 pt per character (em), to size the head's rules.
BOLD_EM_PER_CHAR = 0.5
#: Rule under the issuing body: a third of its line (Decree 30: 1/3 to 1/2), at least this.
MIN_ISSUER_RULE_MM = 15
#: Language tags of the document (spelling and hyphenation in Word).
LANGUAGE_TAGS = {"vi": "vi-VN", "en": "en-GB"}
#: A ZIP archive cannot hold a date before 1980.
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)

# Element orders of the schema (python-docx inserts its own elements in order; these are the
# successors of the few it has no API for).
_PPR_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                   "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                   "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                   "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                   "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                   "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_TCPR_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
                   "w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge",
                   "w:tcPrChange")
_SETTINGS_AFTER_UPDATE_FIELDS = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr",
                                 "w:compat", "w:docVars", "w:rsids")

#: Characters XML 1.0 cannot hold (besides tab, line feed and carriage return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_WHITESPACE = re.compile("[\t\n\r\u2028\u2029\x85]")


def clean(text: object) -> str:
    """Text from data made safe for a run: NFC; line breaks and tabs become spaces (as in the
    PDF); a character XML cannot hold becomes U+FFFD, visibly; everything else as typed.
    """
    text = unicodedata.normalize("NFC", "" if text is None else str(text))
    return _NOT_XML.sub("\ufffd", _WHITESPACE.sub(" ", text))


#: Longest text of a document property (title, subject): the OOXML core properties hold 255.
MAX_PROPERTY_CHARS = 255


def _property(value: str) -> str:
    """A document property: the text :func:`clean`, cut with "…" to what a property holds (a
    long title stays whole on the title page; only the file's properties shorten it).
    """
    value = clean(value)
    if len(value) <= MAX_PROPERTY_CHARS:
        return value
    return value[:MAX_PROPERTY_CHARS - 1] + "…"


def _set_fonts(rpr, name: str) -> None:
    """All four font slots of a run's properties to ``name`` (no theme font)."""
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _element(tag: str, **attrs) -> OxmlElement:
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


def _border(side: str, size_eighths: int, space: int = 1) -> OxmlElement:
    return _element(f"w:{side}", val="single", sz=size_eighths, space=space, color="000000")


def _paragraph_border(ppr, side: str, size_eighths: int, space: int = 1) -> None:
    """A border line on one side of a paragraph."""
    pbdr = ppr.find(qn("w:pBdr"))
    if pbdr is None:
        pbdr = OxmlElement("w:pBdr")
        ppr.insert_element_before(pbdr, *_PPR_AFTER_PBDR)
    pbdr.append(_border(side, size_eighths, space))


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    tcpr.insert_element_before(_element("w:shd", val="clear", color="auto", fill=fill),
                               *_TCPR_AFTER_SHD)


def _field(paragraph, instruction: str, result: str = "") -> None:
    """A field (``PAGE``, ``SEQ Bảng``) with its last result, which Word updates."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("result", result), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
        elif kind == "result":
            run.text = text
        else:
            run._r.append(_element("w:fldChar", fldCharType=kind))


def _ascii_id(name: str) -> str:
    """``Nhận xét, đánh giá`` → ``NhanXetDanhGia``: letters without marks, words capitalised."""
    plain = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if unicodedata.category(c) != "Mn")
    return "".join(w[:1].upper() + w[1:] for w in re.findall(r"[A-Za-z0-9]+", plain))


def _text_width_mm(text: str, size_pt: float) -> float:
    """A rough width of a line of bold Times (to size the rules under the head's lines)."""
    return len(text) * BOLD_EM_PER_CHAR * size_pt * 25.4 / 72


class WordWriter:
    """Writes blocks into a python-docx document (each block's ``to_docx`` calls it).

    Heading numbers follow LaTeX's (1, 2, …; annexes A, B with sections A.1): they are worked
    out for every heading before writing (:meth:`number_headings`), so that a reference
    (:class:`~analysis.report.document.Ref`) to a later heading prints its number.
    """

    BODY_STYLE = "Normal"
    NOTE_STYLE = "Ghi chú"
    TABLE_STYLE = "Chữ trong bảng"
    SMALL_TABLE_STYLE = "Chữ trong bảng nhỏ"
    FIGURE_STYLE = "Hình vẽ"
    COMMENTARY_STYLE = "Nhận xét, đánh giá"
    CAPTION_STYLE = "Caption"

    def __init__(self) -> None:
        self.doc = Document()
        self.setup_block = None  # analysis.report.document.PageSetup
        self.landscape = False
        self.numbers: dict[int, str] = {}  # id(heading) -> its number
        self.labels: dict[str, str] = {}  # label -> number
        self.entries: list[tuple[int, str]] = []  # every heading (level, text), the contents'
        self.counts = {"table": 0, "figure": 0}
        self._break_before = False
        self._style_ids: dict[str, str] = {}
        self._sizes: dict[str | None, float] = {}  # style id -> its size (points)
        self._style_document()
        self._page(self.doc.sections[0], landscape=False)

    # ---- the document -----------------------------------------------------------------------

    def _style_document(self) -> None:
        styles = self.doc.styles
        defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
        _set_fonts(defaults.find(qn("w:rPr")), FONT)
        normal = styles["Normal"]
        normal.font.size = Pt(layout.BODY_PT)
        pf = normal.paragraph_format
        pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        pf.first_line_indent = Mm(FIRST_LINE_MM)
        pf.space_before, pf.space_after = Pt(0), Pt(SPACE_AFTER_PT)
        pf.line_spacing = 1.0
        pf.widow_control = True
        for level, size in HEADING_PT.items():
            for name in (f"Heading {level}", f"Heading {level} Char"):
                style = styles[name]
                _set_fonts(style.element.get_or_add_rPr(), FONT)
                style.font.size = Pt(size)
                style.font.bold = True
                style.font.italic = level == 3
                style.font.color.rgb = RGBColor(0, 0, 0)
            pf = styles[f"Heading {level}"].paragraph_format
            pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
            pf.first_line_indent = Mm(0)
            pf.space_before, pf.space_after = Pt(12 if level == 1 else 9), Pt(6)
            pf.keep_with_next = True
        caption = styles["Caption"]
        caption.hidden = False
        caption.quick_style = True
        caption.font.size = Pt(CAPTION_PT)
        caption.font.bold = False
        caption.font.color.rgb = RGBColor(0, 0, 0)
        pf = caption.paragraph_format
        pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pf.first_line_indent = Mm(0)
        pf.space_before, pf.space_after = Pt(6), Pt(6)
        header = styles["Header"]
        header.font.size = Pt(layout.BODY_PT)
        header.paragraph_format.first_line_indent = Mm(0)
        header.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        header.paragraph_format.space_after = Pt(0)
        header.paragraph_format.tab_stops.clear_all()  # each section's header sets its own
        margins = styles["Table Grid"].element.find(qn("w:tblPr")).find(qn("w:tblCellMar"))
        for side in ("w:left", "w:right") if margins is not None else ():
            margins.find(qn(side)).set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        for name in (BULLET_STYLE, NUMBER_STYLE):
            pf = styles[name].paragraph_format
            pf.left_indent, pf.first_line_indent = Mm(LIST_INDENT_MM), Mm(-LIST_INDENT_MM)
            pf.space_after = Pt(3)
        toc_heading = styles["TOC Heading"]
        _set_fonts(toc_heading.element.get_or_add_rPr(), FONT)
        toc_heading.font.size = Pt(HEADING_PT[1])
        toc_heading.font.color.rgb = RGBColor(0, 0, 0)
        toc_heading.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        toc_heading.paragraph_format.first_line_indent = Mm(0)
        for level in (1, 2):  # Word's own "TOC 1", "TOC 2" (built in: no customStyle)
            toc = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH, builtin=True)
            toc.style_id = f"TOC{level}"
            toc.base_style = normal
            toc.paragraph_format.first_line_indent = Mm(0)
            toc.paragraph_format.left_indent = Mm(6 * (level - 1))
            toc.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
            toc.paragraph_format.space_after = Pt(3)
        self._custom(self.NOTE_STYLE, NOTE_PT, space_after=3)
        self._custom(self.TABLE_STYLE, TABLE_PT, space_after=0)
        self._custom(self.SMALL_TABLE_STYLE, SMALL_TABLE_PT, space_after=0,
                     base=self.TABLE_STYLE)
        figure = self._custom(self.FIGURE_STYLE, layout.BODY_PT, space_after=0)
        figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        figure.paragraph_format.keep_with_next = True
        commentary = self._custom(self.COMMENTARY_STYLE, layout.BODY_PT, space_after=4)
        commentary.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        commentary.paragraph_format.left_indent = Mm(5)
        _paragraph_border(commentary.element.get_or_add_pPr(), "left",
                          int(COMMENTARY_BAR_PT * 8), space=8)

    def _custom(self, name: str, size_pt: float, space_after: float, base: str = "Normal"):
        """A paragraph style of the office's own: left-aligned, no first-line indent. Its
        name is Vietnamese (what the clerk sees); its id in the XML is the name without marks
        and spaces (``NhanXetDanhGia``), the form Word gives its own.
        """
        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = _ascii_id(name)
        style.base_style = self.doc.styles[base]
        style.quick_style = True
        style.font.size = Pt(size_pt)
        pf = style.paragraph_format
        pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
        pf.first_line_indent = Mm(0)
        pf.space_before, pf.space_after = Pt(0), Pt(space_after)
        return style

    def _page(self, section, landscape: bool) -> None:
        """A4 in the orientation asked, with Decree 30's margins as the page reads."""
        width, height = layout.PAGE_WIDTH_MM, layout.PAGE_HEIGHT_MM
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (Mm(height), Mm(width)) if landscape else \
            (Mm(width), Mm(height))
        section.top_margin, section.bottom_margin = (Mm(layout.MARGIN_TOP_MM),
                                                     Mm(layout.MARGIN_BOTTOM_MM))
        section.left_margin, section.right_margin = (Mm(layout.MARGIN_LEFT_MM),
                                                     Mm(layout.MARGIN_RIGHT_MM))
        section.header_distance = Mm(HEADER_DISTANCE_MM)
        section.footer_distance = Mm(FOOTER_DISTANCE_MM)
        section.gutter = Mm(0)

    @property
    def text_width_mm(self) -> float:
        """The width of the text on the current page."""
        return layout.LANDSCAPE_TEXT_WIDTH_MM if self.landscape else layout.TEXT_WIDTH_MM

    # ---- paragraphs and runs ----------------------------------------------------------------

    def _style(self, paragraph, name: str) -> None:
        """Give ``paragraph`` the style ``name`` (by its id, looked up once: python-docx's own
        setter searches every style each time, most of the time of a long table).
        """
        if name not in self._style_ids:
            self._style_ids[name] = self.doc.styles[name].style_id
        p = paragraph._p
        if p.pPr is None:  # a new paragraph: its properties hold the style alone
            p.insert(0, OxmlElement("w:pPr"))
            p.pPr.append(_element("w:pStyle", val=self._style_ids[name]))
        else:
            p.pPr.get_or_add_pStyle().val = self._style_ids[name]

    def _paragraph(self, style: str | None = None):
        paragraph = self.doc.add_paragraph()
        if style:
            self._style(paragraph, style)
        if self._break_before:
            paragraph.paragraph_format.page_break_before = True
            self._break_before = False
        return paragraph

    def text(self, paragraph, text: str, style: str = "", size: float | None = None,
             bold: bool | None = None, italic: bool | None = None) -> None:
        """Runs of ``text`` (cleaned), in ``style`` (a :class:`Span`'s), symbols in their font."""
        text = clean(text)
        if style == "nowrap":
            text = text.replace(" ", "\u00a0")
        for k, piece in enumerate(SYMBOLS.split(text)):  # odd pieces are symbols
            if not piece:
                continue
            run = paragraph.add_run(piece)
            if k % 2:
                _set_fonts(run._r.get_or_add_rPr(), SYMBOL_FONT)
            elif style == "mono":
                _set_fonts(run._r.get_or_add_rPr(), MONO_FONT)
            self._format(run, style, size, bold, italic)

    def _format(self, run, style: str, size, bold, italic) -> None:
        font = run.font
        if style in ("small", "url", "mono"):  # a size smaller than the paragraph's
            font.size = Pt((size or self._size_of(run)) - 2)
        elif size is not None:
            font.size = Pt(size)
        if bold or style == "bold":
            font.bold = True
        if italic or style == "italic":
            font.italic = True
        if style == "sub":
            font.subscript = True
        if style == "sup":
            font.superscript = True

    def _size_of(self, run) -> float:
        """The size the paragraph's style gives a run (points)."""
        ppr = run._parent._p.pPr
        style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        if style_id not in self._sizes:
            style = run._parent.style
            size = None
            while style is not None and size is None:
                size = style.font.size.pt if style.font.size is not None else None
                style = style.base_style
            self._sizes[style_id] = size or layout.BODY_PT
        return self._sizes[style_id]

    def inline(self, paragraph, parts, size: float | None = None, bold: bool | None = None,
               italic: bool | None = None) -> None:
        """Inline parts (strings, spans, markup, references) into ``paragraph``."""
        if parts is None:
            return
        if isinstance(parts, str):
            self.text(paragraph, parts, size=size, bold=bold, italic=italic)
        elif isinstance(parts, Span):
            self.text(paragraph, parts.text, parts.style, size, bold, italic)
        elif isinstance(parts, Ref):
            self.text(paragraph, self.labels.get(parts.label, "?"), parts.style, size, bold,
                      italic)
        elif isinstance(parts, Markup):
            word = parts.word_parts()
            if isinstance(word, str):
                for k, line in enumerate(word.split("\n")):
                    if k:
                        paragraph.add_run().add_break()
                    if line:
                        self.text(paragraph, line, size=size, bold=bold, italic=italic)
            else:
                self.inline(paragraph, word, size, bold, italic)
        else:
            for part in parts:
                self.inline(paragraph, part, size, bold, italic)

    def paragraph(self, parts, style: str | None = None):
        """A paragraph of inline parts in ``style``."""
        paragraph = self._paragraph(style)
        self.inline(paragraph, parts)
        return paragraph

    def page_break(self) -> None:
        """The next paragraph starts a new page."""
        self._break_before = True

    # ---- blocks -----------------------------------------------------------------------------

    def number_headings(self, blocks) -> None:
        """Number every heading as LaTeX does, before writing (see the class docstring)."""
        counters = [0, 0, 0]
        letter = None
        for block in _walk(blocks):
            if not isinstance(block, Heading):
                continue
            level = block.level
            counters[level - 1] += 1
            counters[level:] = [0] * (3 - level)
            if level == 1:
                letter = block.annex
            first = letter if letter is not None else str(counters[0])
            number = ".".join([first, *(str(c) for c in counters[1:level])])
            self.numbers[id(block)] = number
            if block.label:
                self.labels[block.label] = number
            self.entries.append((level, clean(self.heading_text(block))))

    def heading_text(self, block: Heading) -> str:
        """``3.1. Title``; an annex's own heading carries its letter already."""
        number = self.numbers.get(id(block), "")
        return block.text if (block.annex and block.level == 1) or not number else \
            f"{number}. {block.text}"

    def heading(self, block: Heading) -> None:
        """A heading in Word's Heading style, numbered as in the PDF."""
        self.paragraph(self.heading_text(block), f"Heading {block.level}")

    def items(self, block) -> None:
        """A list: bullets, numbers, or a label per item (``[3]``, a symbol) before the text."""
        size = NOTE_PT if block.small else None
        num_id = self._restarted_numbering() if block.numbered and not block.labels else None
        for k, item in enumerate(block.items):
            if block.labels:
                paragraph = self._paragraph(self.NOTE_STYLE if block.small else self.BODY_STYLE)
                pf = paragraph.paragraph_format
                pf.left_indent, pf.first_line_indent = Mm(10), Mm(-10)
                pf.tab_stops.add_tab_stop(Mm(10))
                self.inline(paragraph, block.labels[k], size)
                paragraph.add_run("\t")
            else:
                paragraph = self._paragraph(NUMBER_STYLE if block.numbered else BULLET_STYLE)
                if num_id is not None:
                    self._number(paragraph, num_id)
            self.inline(paragraph, item, size)

    def _restarted_numbering(self) -> int:
        """A numbering instance of the numbered-list style that starts again at 1."""
        numbering = self.doc.part.numbering_part.element
        style_num = self.doc.styles[NUMBER_STYLE].element.pPr.numPr.numId.val
        abstract = next(n.abstractNumId.val for n in numbering.num_lst if n.numId == style_num)
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    @staticmethod
    def _number(paragraph, num_id: int) -> None:
        numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = 0
        numpr.get_or_add_numId().val = num_id

    def caption(self, kind: str, text: str):
        """A numbered caption: ``Bảng 3: …`` (a SEQ field per kind, as Word's own captions)."""
        self.counts[kind] += 1
        word = getattr(self.setup_block, f"{kind}_word", kind.title())
        paragraph = self._paragraph(self.CAPTION_STYLE)
        label = paragraph.add_run(f"{clean(word)} ")
        label.bold = True
        _field(paragraph, f"SEQ {clean(word)} \\* ARABIC", str(self.counts[kind]))
        for run in paragraph.runs[1:]:
            run.bold = True
        colon = paragraph.add_run(": ")
        colon.bold = True
        self.text(paragraph, text)
        return paragraph

    def table(self, block) -> None:
        """A real table: caption above, header row repeated on every page, numbers right."""
        if block.caption:
            self.caption("table", block.caption).paragraph_format.keep_with_next = True
        style = self.TABLE_STYLE if block.font_size == r"\small" else self.SMALL_TABLE_STYLE
        ncols = len(block.columns)
        table = self.doc.add_table(rows=0, cols=ncols)
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = [Mm(c.width * self.text_width_mm) for c in block.columns]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        align = {"l": WD_ALIGN_PARAGRAPH.LEFT, "r": WD_ALIGN_PARAGRAPH.RIGHT,
                 "c": WD_ALIGN_PARAGRAPH.CENTER}
        header = table.add_row()
        self._row_properties(header, repeat=True)
        for cell, col in zip(header.cells, block.columns, strict=True):
            _shade(cell, HEADER_FILL)
            paragraph = cell.paragraphs[0]
            self._style(paragraph, style)
            paragraph.alignment = align[col.align]
            self.text(paragraph, col.header, bold=True)
        # A row of each kind is made once with python-docx and copied for every row of the
        # table (with its cell widths, styles and alignments): a long table is made in a
        # fraction of the time, and every row is alike.
        plain = table.add_row()
        self._row_properties(plain)
        for cell, col in zip(plain.cells, block.columns, strict=True):
            self._style(cell.paragraphs[0], style)
            cell.paragraphs[0].alignment = align[col.align]
        group = table.add_row()  # one cell across the row
        self._row_properties(group)
        for tc in group._tr.tc_lst[1:]:
            group._tr.remove(tc)
        group.cells[0]._tc.grid_span = ncols
        group.cells[0].width = sum(widths, Mm(0))
        _shade(group.cells[0], GROUP_FILL)
        self._style(group.cells[0].paragraphs[0], style)
        group.cells[0].paragraphs[0].paragraph_format.keep_with_next = True  # with its rows
        tbl = table._tbl
        prototypes = {False: plain._tr, True: group._tr}
        for tr in prototypes.values():
            tbl.remove(tr)
        for row in block.rows:
            tr = copy.deepcopy(prototypes[isinstance(row, GroupRow)])
            tbl.append(tr)
            paragraphs = [Paragraph(tc.p_lst[0], table) for tc in tr.tc_lst]
            if isinstance(row, GroupRow):
                self.text(paragraphs[0], row.text, italic=True)
                continue
            for paragraph, value in zip(paragraphs, row, strict=True):
                self.inline(paragraph, value)
        for note in block.notes:
            self.paragraph(note, self.NOTE_STYLE)
        if not block.notes:  # a little room between the table and what follows
            self._paragraph(self.NOTE_STYLE)

    @staticmethod
    def _row_properties(row, repeat: bool = False) -> None:
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        if repeat:
            trpr.append(OxmlElement("w:tblHeader"))

    def figure(self, block: Figure) -> None:
        """The chart at print resolution, its numbered caption under it, then its source."""
        paragraph = self._paragraph(self.FIGURE_STYLE)
        paragraph.add_run().add_picture(io.BytesIO(block.print_png()),
                                        width=Mm(block.width * layout.TEXT_WIDTH_MM))
        self.caption("figure", block.caption)
        if block.source:
            self.paragraph(block.source, self.NOTE_STYLE)

    def formula(self, parts) -> None:
        """A displayed formula, centred."""
        paragraph = self.paragraph(parts, self.BODY_STYLE)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Mm(0)

    def orientation(self, landscape: bool) -> None:
        """A new section, landscape or portrait, from the next page.

        python-docx ends the section before with an empty paragraph that holds its properties;
        when the page before is full, that paragraph alone would make a blank page, so the
        properties go into the section's last paragraph instead (when it ends with one).
        """
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        holder = self.doc.element.body.findall(qn("w:p"))[-1]
        before = holder.getprevious()
        if before is not None and before.tag == qn("w:p") and (
                before.pPr is None or before.pPr.sectPr is None) and len(holder) == 1:
            sect = holder.pPr.sectPr
            before.get_or_add_pPr()._insert_sectPr(sect)
            holder.getparent().remove(holder)
        self.landscape = landscape
        self._page(section, landscape)
        self._break_before = False  # the section break already starts a page

    # ---- the office's parts -----------------------------------------------------------------

    def setup(self, block) -> None:
        """The document's settings (:class:`~analysis.report.document.PageSetup`)."""
        self.setup_block = block
        rpr = self.doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")) \
            .find(qn("w:rPr"))
        lang = rpr.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:val"), LANGUAGE_TAGS.get(block.lang, block.lang))

    def _borderless_table(self, fractions):
        table = self.doc.add_table(rows=0, cols=len(fractions))
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = [Mm(f * self.text_width_mm) for f in fractions]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        return table, widths

    def _cell_line(self, cell, text: str, size: float, bold: bool = False,
                   italic: bool = False, first: bool = False, space_before: float = 0):
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        self._style(paragraph, self.TABLE_STYLE)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(space_before)
        self.text(paragraph, text, size=size, bold=bold, italic=italic)
        return paragraph

    def _rule(self, cell, length_mm: float, cell_mm: float) -> None:
        """A centred horizontal rule of ``length_mm`` under the previous line."""
        paragraph = cell.add_paragraph()
        self._style(paragraph, self.TABLE_STYLE)
        side = max(0.0, (cell_mm - length_mm) / 2)
        paragraph.paragraph_format.left_indent = Mm(side)
        paragraph.paragraph_format.right_indent = Mm(side)
        run = paragraph.add_run()
        run.font.size = Pt(2)
        _paragraph_border(paragraph._p.get_or_add_pPr(), "top", 4, space=0)

    def document_head(self, block) -> None:
        """The head of the document (Decree 30): two columns, no borders."""
        table, widths = self._borderless_table(HEAD_COLUMNS)
        left_mm, right_mm = (w.mm for w in widths)
        top = table.add_row().cells
        for cell, width in zip(top, widths, strict=True):
            cell.width = width
        first = True
        if block.parent:
            self._cell_line(top[0], block.parent.upper(), HEAD_PT["issuer"], first=True)
            first = False
        self._cell_line(top[0], block.issuer.upper(), HEAD_PT["issuer"], bold=True, first=first)
        self._rule(top[0], max(MIN_ISSUER_RULE_MM, _text_width_mm(block.issuer,
                                                                  HEAD_PT["issuer"]) / 3),
                   left_mm)
        self._cell_line(top[1], block.motto_state, HEAD_PT["state"], bold=True, first=True)
        self._cell_line(top[1], block.motto_words, HEAD_PT["motto"], bold=True)
        self._rule(top[1], min(right_mm, _text_width_mm(block.motto_words, HEAD_PT["motto"])),
                   right_mm)
        bottom = table.add_row().cells
        for cell, width in zip(bottom, widths, strict=True):
            cell.width = width
        self._cell_line(bottom[0], block.number, HEAD_PT["number"], first=True, space_before=4)
        self._cell_line(bottom[1], block.place_date, HEAD_PT["place"], italic=True, first=True,
                        space_before=4)

    def title_line(self, block) -> None:
        """A centred line of the title page."""
        paragraph = self._paragraph(self.BODY_STYLE)
        pf = paragraph.paragraph_format
        pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pf.first_line_indent = Mm(0)
        pf.space_before = Pt(block.space)
        self.inline(paragraph, block.parts, TITLE_PT[block.size], block.bold, block.italic)

    def contents(self, title: str) -> None:
        """The table of contents: a TOC field holding the headings, filled by Word on opening
        (``w:updateFields``) with their page numbers.
        """
        self.paragraph(title, "TOC Heading")
        entries = [(level, text) for level, text in self.entries if level <= 2]
        first = self._paragraph("toc 1")
        begin = first.add_run()
        begin._r.append(_element("w:fldChar", fldCharType="begin"))
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = ' TOC \\o "1-2" \\h \\z \\u '
        first.add_run()._r.append(instr)
        first.add_run()._r.append(_element("w:fldChar", fldCharType="separate"))
        paragraph = first
        for k, (level, text) in enumerate(entries):
            if k:
                paragraph = self._paragraph(f"toc {level}")
            else:
                self._style(paragraph, f"toc {level}")
            paragraph.add_run(text)
        paragraph.add_run()._r.append(_element("w:fldChar", fldCharType="end"))
        settings = self.doc.settings.element
        settings.insert_element_before(_element("w:updateFields", val="true"),
                                       *_SETTINGS_AFTER_UPDATE_FIELDS)

    def signature(self, block) -> None:
        """Recipients on the left, the signer on the right (Decree 30), no borders."""
        self._paragraph(self.NOTE_STYLE)  # room above the block
        table, widths = self._borderless_table(SIGNATURE_COLUMNS)
        cells = table.add_row().cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
        head = cells[0].paragraphs[0]
        self._style(head, self.TABLE_STYLE)
        self.text(head, block.recipients_head, size=HEAD_PT["recipients_head"], bold=True,
                  italic=True)
        for line in block.recipients:
            paragraph = cells[0].add_paragraph()
            self._style(paragraph, self.TABLE_STYLE)
            self.text(paragraph, line, size=HEAD_PT["recipients"])
        self._cell_line(cells[1], block.authority, HEAD_PT["signer"], bold=True, first=True)
        self._cell_line(cells[1], block.title, HEAD_PT["signer"], bold=True)
        self._cell_line(cells[1], block.name, HEAD_PT["signer"], bold=True,
                        space_before=SIGNATURE_SPACE_PT)

    def commentary(self, block) -> None:
        """The assessors' text in its own style: its heading, then paragraphs and lists."""
        from analysis.report.commentary import blocks as markdown_blocks

        if block.title or block.note:  # no title: the chapter's own heading says what it is
            head = self._paragraph(self.COMMENTARY_STYLE)
            head.paragraph_format.keep_with_next = True
            self.text(head, block.title, bold=True)
            if block.note:
                self.text(head, f" ({block.note})" if block.title else f"({block.note})",
                          italic=True)
        num_id = None
        for kind, runs in markdown_blocks(block.text):
            paragraph = self._paragraph(self.COMMENTARY_STYLE)
            if kind == "ol-start":
                num_id = self._restarted_numbering()
            if kind in ("ol", "ol-start"):
                self._number(paragraph, num_id or self._restarted_numbering())
            elif kind == "ul":
                self._number(paragraph, self.doc.styles[BULLET_STYLE].element.pPr.numPr.numId.val)
            if kind != "p":
                pf = paragraph.paragraph_format
                pf.left_indent = Mm(5 + LIST_INDENT_MM)
                pf.first_line_indent = Mm(-LIST_INDENT_MM)
            for text, bold, italic in runs:
                if text == "\n":
                    paragraph.add_run().add_break()
                else:
                    self.text(paragraph, text, bold=bold, italic=italic)

    # ---- headers and the file ---------------------------------------------------------------

    def _headers(self) -> None:
        """Every section's header: the page number centred (none on the first page) and the
        draft mark on the right in a draft; the first page's header has the mark only.
        """
        mark = self.setup_block.draft_mark if self.setup_block else ""
        for k, section in enumerate(self.doc.sections):
            landscape = section.orientation == WD_ORIENT.LANDSCAPE
            width = layout.LANDSCAPE_TEXT_WIDTH_MM if landscape else layout.TEXT_WIDTH_MM
            headers = [(section.header, True)]
            if k == 0:
                section.different_first_page_header_footer = True
                headers.append((section.first_page_header, False))
            for header, numbered in headers:
                header.is_linked_to_previous = False
                paragraph = header.paragraphs[0]
                self._style(paragraph, "Header")
                stops = paragraph.paragraph_format.tab_stops
                stops.add_tab_stop(Mm(width / 2), WD_TAB_ALIGNMENT.CENTER)
                stops.add_tab_stop(Mm(width), WD_TAB_ALIGNMENT.RIGHT)
                paragraph.add_run("\t")
                if numbered:
                    _field(paragraph, "PAGE", "1")
                paragraph.add_run("\t")
                if mark:
                    self.text(paragraph, mark, size=NOTE_PT + 1, bold=True)

    def _properties(self, when: dt.datetime) -> None:
        props = self.doc.core_properties
        setup = self.setup_block
        props.title = _property(setup.title) if setup else ""
        props.subject = _property(setup.subject) if setup else ""
        props.author = ""
        props.last_modified_by = ""
        props.comments = ""
        props.keywords = ""
        props.category = ""
        props.language = LANGUAGE_TAGS.get(setup.lang, setup.lang) if setup else ""
        props.revision = 1
        props.created = props.modified = when.replace(tzinfo=None)
        package = self.doc.part.package
        for rid, rel in list(package.rels.items()):  # the template's picture of an empty page
            if rel.reltype == RT.THUMBNAIL:
                package.rels.pop(rid)

    def render(self, blocks, when: dt.datetime | None = None) -> bytes:
        """The .docx of ``blocks``; ``when`` stamps it (default: the report date, midnight
        UTC).
        """
        blocks = list(blocks)
        self.number_headings(blocks)
        for block in blocks:
            block.to_docx(self)
        self._headers()
        if when is None:
            day = dt.date.fromisoformat(self.setup_block.date) if self.setup_block else \
                ZIP_EPOCH.date()
            when = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        self._properties(when)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return reproducible_zip(buffer.getvalue(), when)


def _walk(blocks):
    """Every block, those a RawLatex carries for Word included, in order."""
    for block in blocks:
        if isinstance(block, RawLatex):
            yield from _walk(block.word)
        else:
            yield block


def reproducible_zip(data: bytes, when: dt.datetime) -> bytes:
    """The archive again, its parts in a fixed order (``[Content_Types].xml`` first, then by
    name), each stamped ``when`` (not before 1980, ZIP's first date) with fixed attributes.
    """
    when = max(when.astimezone(dt.UTC), ZIP_EPOCH)
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, source.read(name))
    return out.getvalue()


def render_docx(blocks, when: dt.datetime | None = None) -> bytes:
    """The Word document of ``blocks`` (the report's, in order), as bytes."""
    return WordWriter().render(blocks, when)


def blocks_from_notebook(executed: Path, skip_tags=("parameters", "injected-parameters",
                                                     "remove_cell")) -> list:
    """The blocks the executed notebook carries (:data:`BLOCKS_MIME`), in order, figures with
    their print PNG; cells tagged ``skip_tags`` left out (as the PDF leaves them out).
    """
    import base64

    import nbformat

    nb = nbformat.read(executed, as_version=4)
    blocks = []
    for cell in nb.cells:
        if set(cell.get("metadata", {}).get("tags", [])) & set(skip_tags):
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if BLOCKS_MIME not in data:
                continue
            png = data.get("image/png")
            for item in data[BLOCKS_MIME]:
                blocks.append(block_from_json(item, base64.b64decode(png) if png else None))
    return blocks


def write_docx(executed: Path, target: Path, epoch: int | None = None) -> Path:
    """Render the executed notebook's blocks to ``target`` (.docx); ``epoch`` stamps it
    (``SOURCE_DATE_EPOCH``; None: the report date).
    """
    when = None if epoch is None else dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    Path(target).write_bytes(render_docx(blocks_from_notebook(executed), when))
    return Path(target)
