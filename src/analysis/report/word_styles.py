"""The Word document's styles and pages: Decree 30's fonts, sizes and margins as the styles
of a python-docx document, and the few pieces of OOXML python-docx has no API for.

**Layout** (:mod:`analysis.report.layout`, the values chosen within Decree 30's ranges, shared
with the PDF): A4, margins 25/22/32/18 mm, Times New Roman 13 pt, page numbers centred in the
top margin and not on the first page. Everything a clerk types goes through the document's
styles, so that a new paragraph is laid out right: **Normal** (13 pt, justified, first line
indented 1 cm, 6 pt after each paragraph, single line spacing: Decree 30 asks for 1–1.27 cm, at
least 6 pt and single to 1.5 lines), **Heading 1–3** (the chapters and sections, numbered as in
the PDF, in the navigation pane and the contents), **Caption** (numbered by ``SEQ`` fields:
"Bảng 3", "Hình 2"), **Nhận xét, đánh giá** (the assessors' own text, with a bar in the margin
as in the PDF), and the office's own: **Chữ trong bảng** (table text, 11 pt), **Chữ trong bảng
nhỏ** (the long tables and the landscape year-by-year table, 10 pt), **Ghi chú** (notes and
source lines, 11 pt), **Hình vẽ** (the paragraph holding a figure).

**By hand** (python-docx's own oxml helpers, never XML text): a table header row that repeats
on every page, cell shading, paragraph borders, the fields (``PAGE``, ``SEQ`` for the caption
numbers, ``TOC``), each inserted where the schema's element order puts it.
"""

from __future__ import annotations

import re
import unicodedata

from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from analysis.report import layout

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
#: The paragraph styles the writer uses: Word's own, and the office's (their names are what the
#: clerk sees in Word, Vietnamese).
BODY_STYLE = "Normal"
NOTE_STYLE = "Ghi chú"
TABLE_STYLE = "Chữ trong bảng"
SMALL_TABLE_STYLE = "Chữ trong bảng nhỏ"
FIGURE_STYLE = "Hình vẽ"
COMMENTARY_STYLE = "Nhận xét, đánh giá"
CAPTION_STYLE = "Caption"

# Element orders of the schema (python-docx inserts its own elements in order; these are the
# successors of the few it has no API for).
PPR_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                  "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                  "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                  "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                  "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                  "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
TCPR_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
                  "w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge",
                  "w:tcPrChange")
SETTINGS_AFTER_UPDATE_FIELDS = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr",
                                "w:compat", "w:docVars", "w:rsids")


def set_fonts(rpr, name: str) -> None:
    """All four font slots of a run's properties to ``name`` (no theme font)."""
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def oxml(tag: str, **attrs) -> OxmlElement:
    """An element ``tag`` with ``w:``-attributes (``oxml("w:shd", val="clear")``)."""
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


def border(side: str, size_eighths: int, space: int = 1) -> OxmlElement:
    """A single black border line on ``side``, ``size_eighths`` eighths of a point wide."""
    return oxml(f"w:{side}", val="single", sz=size_eighths, space=space, color="000000")


def paragraph_border(ppr, side: str, size_eighths: int, space: int = 1) -> None:
    """A border line on one side of a paragraph."""
    pbdr = ppr.find(qn("w:pBdr"))
    if pbdr is None:
        pbdr = OxmlElement("w:pBdr")
        ppr.insert_element_before(pbdr, *PPR_AFTER_PBDR)
    pbdr.append(border(side, size_eighths, space))


def shade(cell, fill: str) -> None:
    """Shade a table cell with ``fill`` (hex RGB)."""
    tcpr = cell._tc.get_or_add_tcPr()
    tcpr.insert_element_before(oxml("w:shd", val="clear", color="auto", fill=fill),
                               *TCPR_AFTER_SHD)


def add_field(paragraph, instruction: str, result: str = "") -> None:
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
            run._r.append(oxml("w:fldChar", fldCharType=kind))


def ascii_id(name: str) -> str:
    """``Nhận xét, đánh giá`` → ``NhanXetDanhGia``: letters without marks, words capitalised."""
    plain = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if unicodedata.category(c) != "Mn")
    return "".join(w[:1].upper() + w[1:] for w in re.findall(r"[A-Za-z0-9]+", plain))


def style_document(doc) -> None:
    """Set up the styles of a new python-docx document: Normal, Heading 1–3, Caption, Header,
    the table grid's cell margins, the lists, the contents, and the office's own styles
    (:data:`NOTE_STYLE`, :data:`TABLE_STYLE`, ...), all in :data:`FONT` at Decree 30's sizes.
    """
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    set_fonts(defaults.find(qn("w:rPr")), FONT)
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
            set_fonts(style.element.get_or_add_rPr(), FONT)
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
    set_fonts(toc_heading.element.get_or_add_rPr(), FONT)
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
    custom_style(doc, NOTE_STYLE, NOTE_PT, space_after=3)
    custom_style(doc, TABLE_STYLE, TABLE_PT, space_after=0)
    custom_style(doc, SMALL_TABLE_STYLE, SMALL_TABLE_PT, space_after=0, base=TABLE_STYLE)
    figure = custom_style(doc, FIGURE_STYLE, layout.BODY_PT, space_after=0)
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.keep_with_next = True
    commentary = custom_style(doc, COMMENTARY_STYLE, layout.BODY_PT, space_after=4)
    commentary.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    commentary.paragraph_format.left_indent = Mm(5)
    paragraph_border(commentary.element.get_or_add_pPr(), "left",
                     int(COMMENTARY_BAR_PT * 8), space=8)


def custom_style(doc, name: str, size_pt: float, space_after: float, base: str = "Normal"):
    """A paragraph style of the office's own: left-aligned, no first-line indent. Its
    name is Vietnamese (what the clerk sees); its id in the XML is the name without marks
    and spaces (``NhanXetDanhGia``), the form Word gives its own.
    """
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = ascii_id(name)
    style.base_style = doc.styles[base]
    style.quick_style = True
    style.font.size = Pt(size_pt)
    pf = style.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
    pf.first_line_indent = Mm(0)
    pf.space_before, pf.space_after = Pt(0), Pt(space_after)
    return style


def set_page(section, landscape: bool) -> None:
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
