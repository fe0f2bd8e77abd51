"""python-docx writing each kind of block of the report: paragraphs and runs, headings numbered
as in the PDF, lists, tables, figures, formulas, sections, the office's head and signature,
the headers of every section, the file's properties and its archive.

Each block's ``to_docx`` (:mod:`analysis.report.document`) calls one method of
:class:`WordWriter`; the styles it uses are :mod:`analysis.report.word_styles`'.

**Speed.** python-docx's own setters look a style up among all the document's styles each
time, and a long table (the data annex: 500 rows) spent most of a second there: a paragraph's
style is set by its id (looked up once), and each table's rows are copies of one row per kind
made with python-docx (widths, styles, alignment), filled in afterwards (0.3 s for the report).

**Reproducible.** python-docx stamps the core properties (created, modified, author
"python-docx") and the ZIP archive stamps every part with the time of writing: both are set
from the report date (midnight UTC, the PDF's ``SOURCE_DATE_EPOCH``), and the archive is written
again with the parts in a fixed order (:func:`reproducible_zip`), so the same inputs and date
give the same bytes.

**Text from data** is printed literally: python-docx escapes XML's own characters, and
:func:`clean` turns line breaks and tabs into spaces (as the PDF does) and every character XML
cannot hold (control characters) into a visible U+FFFD, so no data can break the file.

*Why this module is longer than 600 lines:* it is one class whose methods share the document
being written (its sections, the heading numbers and labels, the caption counts, the styles'
ids and sizes); cut into several, they would hand that state back and forth. What is not the
writer's state is elsewhere: the styles and the OOXML made by hand in
:mod:`analysis.report.word_styles`, the blocks read back from the notebook in
:mod:`analysis.report.word`.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import unicodedata
import zipfile

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from analysis.report import layout
from analysis.report.commentary import blocks as markdown_blocks
from analysis.report.document import Figure, GroupRow, Heading, RawLatex
from analysis.report.inline import Markup, Ref, Span
from analysis.report.word_styles import (
    BODY_STYLE,
    BOLD_EM_PER_CHAR,
    BULLET_STYLE,
    CAPTION_STYLE,
    COMMENTARY_STYLE,
    FIGURE_STYLE,
    GROUP_FILL,
    HEAD_COLUMNS,
    HEAD_PT,
    HEADER_FILL,
    LIST_INDENT_MM,
    MIN_ISSUER_RULE_MM,
    MONO_FONT,
    NOTE_PT,
    NOTE_STYLE,
    NUMBER_STYLE,
    SETTINGS_AFTER_UPDATE_FIELDS,
    SIGNATURE_COLUMNS,
    SIGNATURE_SPACE_PT,
    SMALL_TABLE_STYLE,
    SYMBOL_FONT,
    SYMBOLS,
    TABLE_STYLE,
    TITLE_PT,
    add_field,
    oxml,
    paragraph_border,
    set_fonts,
    set_page,
    shade,
    style_document,
)

#: A ZIP archive cannot hold a date before 1980.
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)

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


def _text_width_mm(text: str, size_pt: float) -> float:
    """A rough width of a line of bold Times (to size the rules under the head's lines)."""
    return len(text) * BOLD_EM_PER_CHAR * size_pt * 25.4 / 72


class WordWriter:
    """Writes blocks into a python-docx document (each block's ``to_docx`` calls it).

    Heading numbers follow LaTeX's (1, 2, …; annexes A, B with sections A.1): they are worked
    out for every heading before writing (:meth:`number_headings`), so that a reference
    (:class:`~analysis.report.document.Ref`) to a later heading prints its number.
    """

    # the styles by their role (word_styles), for the blocks' to_docx: w.NOTE_STYLE, ...
    BODY_STYLE = BODY_STYLE
    NOTE_STYLE = NOTE_STYLE
    TABLE_STYLE = TABLE_STYLE
    SMALL_TABLE_STYLE = SMALL_TABLE_STYLE
    FIGURE_STYLE = FIGURE_STYLE
    COMMENTARY_STYLE = COMMENTARY_STYLE
    CAPTION_STYLE = CAPTION_STYLE

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
        style_document(self.doc)
        set_page(self.doc.sections[0], landscape=False)

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
            p.pPr.append(oxml("w:pStyle", val=self._style_ids[name]))
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
                set_fonts(run._r.get_or_add_rPr(), SYMBOL_FONT)
            elif style == "mono":
                set_fonts(run._r.get_or_add_rPr(), MONO_FONT)
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
        """The next paragraph starts a new page; right after a section break it does already
        (the landscape Biểu), and a break there would leave a blank page.
        """
        self._break_before = not self._section_just_ended()

    def _last_block(self):
        """The body's last paragraph or table (``w:p``, ``w:tbl``), None in an empty body."""
        body = self.doc.element.body
        return body[-2] if len(body) > 1 else None  # body[-1]: the last section's sectPr

    def _section_just_ended(self) -> bool:
        """Whether the body's last paragraph closes a section (holds its ``w:sectPr``)."""
        last = self._last_block()
        return last is not None and last.tag == qn("w:p") and last.pPr is not None and \
            last.pPr.sectPr is not None

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
        """A heading in Word's Heading style, numbered as in the PDF; an annex's on a new page
        (:attr:`~analysis.report.document.Heading.starts_page`).
        """
        if block.starts_page:
            self.page_break()
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
        add_field(paragraph, f"SEQ {clean(word)} \\* ARABIC", str(self.counts[kind]))
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
            shade(cell, HEADER_FILL)
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
        shade(group.cells[0], GROUP_FILL)
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
        set_page(section, landscape)
        self._break_before = False  # the section break already starts a page

    # ---- the office's parts -----------------------------------------------------------------

    def setup(self, block) -> None:
        """The document's settings (:class:`~analysis.report.document.PageSetup`)."""
        self.setup_block = block
        rpr = self.doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")) \
            .find(qn("w:rPr"))
        lang = rpr.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:val"), block.language_tag)

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
        paragraph_border(paragraph._p.get_or_add_pPr(), "top", 4, space=0)

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
        begin._r.append(oxml("w:fldChar", fldCharType="begin"))
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = ' TOC \\o "1-2" \\h \\z \\u '
        first.add_run()._r.append(instr)
        first.add_run()._r.append(oxml("w:fldChar", fldCharType="separate"))
        paragraph = first
        for k, (level, text) in enumerate(entries):
            if k:
                paragraph = self._paragraph(f"toc {level}")
            else:
                self._style(paragraph, f"toc {level}")
            paragraph.add_run(text)
        paragraph.add_run()._r.append(oxml("w:fldChar", fldCharType="end"))
        settings = self.doc.settings.element
        settings.insert_element_before(oxml("w:updateFields", val="true"),
                                       *SETTINGS_AFTER_UPDATE_FIELDS)

    def signature(self, block) -> None:
        """Recipients on the left, the signer on the right (Decree 30), no borders.

        The block is one table row that cannot break across pages (``w:cantSplit``): the
        signer's name never starts a page alone. It stays on the page of the text it closes:
        the last paragraph before it and the empty one that makes room above it keep with the
        next (Word and LibreOffice then move the paragraph's last lines over with the block).
        The row's own paragraphs do not: in the table's last row that would tie the block to
        whatever follows the table, the next annex's heading.
        """
        last = self._last_block()
        if last is not None and last.tag == qn("w:p"):
            Paragraph(last, self.doc._body).paragraph_format.keep_with_next = True
        self._paragraph(self.NOTE_STYLE).paragraph_format.keep_with_next = True  # room above
        table, widths = self._borderless_table(SIGNATURE_COLUMNS)
        row = table.add_row()
        self._row_properties(row)
        cells = row.cells
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
                    add_field(paragraph, "PAGE", "1")
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
        props.language = setup.language_tag if setup else ""
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
