"""A tiny document model for the report: blocks that render to LaTeX (PDF), HTML (JupyterLab)
and Word (.docx).

Sections of the report are built as lists of blocks (:class:`Heading`, :class:`Paragraph`,
:class:`Table`, :class:`Items`, :class:`Figure`, :class:`RawLatex`) from translated strings and
numbers. :func:`show` displays them in the notebook: text blocks as one output carrying both
``text/latex`` (which nbconvert's LaTeX exporter passes through to the PDF) and ``text/html``
(what JupyterLab shows), figures as an output carrying ``application/pdf`` (vector, for the PDF)
and ``image/png`` (for JupyterLab) with the caption in the output's metadata, which the report's
nbconvert template turns into a numbered figure.

**The Word document** is rendered from the same blocks (one source, two renderings: a number in
the Word document is the number in the PDF). When the notebook's ``output_format`` asks for it
(:func:`set_output_format`), every output also carries its blocks as JSON under
:data:`BLOCKS_MIME` (:meth:`to_json`; figures with a PNG copy at :data:`PRINT_DPI`), so the
executed notebook stays the record of both documents; :mod:`analysis.report.word` reads them
back (:func:`block_from_json`) and calls each block's ``to_docx``. What LaTeX writes by hand
(the title page, the signature block, the commentary, the landscape pages, the formulas) is a
:class:`RawLatex` that carries its Word form beside it (``word``): blocks that exist for Word
only (:class:`DocumentHead`, :class:`Signature`, :class:`Commentary`, :class:`Orientation`,
...), built in the same chapter function from the same values.

Text is escaped by the renderer, never by the caller: a plain string is always printed
literally (:func:`analysis.report.latex.escape`, :func:`html.escape`; python-docx escapes XML,
and :mod:`analysis.report.word_writer` replaces the characters XML cannot hold). The inline
pieces a block is made of (:class:`~analysis.report.inline.Span`, ``Markup``, ``Ref``) are in
:mod:`analysis.report.inline`.

*Why this module is longer than 600 lines:* each block is one class that holds its renderings
side by side (LaTeX, HTML, JSON, and the call that writes it into Word), so that a block is
changed in one place, and :func:`block_from_json` must know every class; cut in two, the blocks
of one document would live in two modules that import each other.
"""

from __future__ import annotations

import base64
import html
import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace

from analysis.report import latex
from analysis.report.inline import (
    HTML_ALIGN,
    Inline,
    Span,
    inline_from_json,
    inline_html,
    inline_json,
    inline_latex,
)
from analysis.report.parameters import PDF_ONLY_ENV, renderings

#: Cells tagged so print in neither document (the notebook's notes, its parameters).
REMOVE_CELL_TAGS = ("parameters", "injected-parameters", "remove_cell")
#: The MIME type under which an output carries its blocks for the Word document.
BLOCKS_MIME = "application/vnd.analysis.report-blocks+json"
#: Resolution of the figures in the Word document (print resolution).
PRINT_DPI = 200
#: The renderings the outputs are made for (:func:`set_output_format`); the PDF by default.
_RENDERINGS = {"now": ("pdf",)}


def set_output_format(output_format: str) -> None:
    """Make the notebook's outputs for ``output_format`` (the report's setup calls this): the
    LaTeX and the vector figures for a PDF, the blocks and the print-resolution figures for a
    Word document.
    """
    _RENDERINGS["now"] = renderings(output_format)


def _making(rendering: str) -> bool:
    return rendering in _RENDERINGS["now"]


# --------------------------------------------------------------------------------------------
# Blocks


class _Json:
    """What every block shares: its JSON form (for the Word document, :data:`BLOCKS_MIME`).

    A block's fields are text, numbers and flags, except those named in ``_INLINE`` (inline
    parts), ``_INLINE_LISTS`` (a list of inline parts each) and ``_BLOCKS`` (blocks).
    """

    _INLINE: tuple[str, ...] = ()
    _INLINE_LISTS: tuple[str, ...] = ()
    _BLOCKS: tuple[str, ...] = ()

    def to_json(self) -> dict:
        """The block as JSON (``{"block": <class name>, <field>: ...}``)."""
        out: dict = {"block": type(self).__name__}
        for f in fields(self):
            if f.name.startswith("_"):
                continue
            value = getattr(self, f.name)
            if f.name in self._INLINE:
                value = inline_json(value)
            elif f.name in self._INLINE_LISTS:
                value = None if value is None else [inline_json(v) for v in value]
            elif f.name in self._BLOCKS:
                value = [b.to_json() for b in value]
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out

    @classmethod
    def from_json(cls, data: dict):
        """The block :meth:`to_json` wrote."""
        kwargs = {}
        for f in fields(cls):
            if f.name.startswith("_") or f.name not in data:
                continue
            value = data[f.name]
            if f.name in cls._INLINE:
                value = inline_from_json(value)
            elif f.name in cls._INLINE_LISTS:
                value = None if value is None else [inline_from_json(v) for v in value]
            elif f.name in cls._BLOCKS:
                value = [block_from_json(b) for b in value]
            kwargs[f.name] = value
        return cls(**kwargs)


@dataclass(frozen=True)
class Heading(_Json):
    """A numbered section heading (level 1–3) that appears in the table of contents.

    An annex's heading (``annex="A"``) carries its letter in its text ("Phụ lục A. Phương
    pháp"); it is not numbered as a chapter, and its sections are numbered A.1, A.2. An annex
    starts a new page (:attr:`starts_page`), in the PDF and in the Word document: the report
    ends with its signature block, and what is annexed to it never shares that page.
    """

    text: str
    level: int = 1
    label: str | None = None
    annex: str | None = None

    @property
    def starts_page(self) -> bool:
        """Whether the heading begins a new page: an annex's own heading does."""
        return self.annex is not None and self.level == 1

    def to_latex(self) -> str:
        clear = r"\clearpage" + "\n" if self.starts_page else ""
        return clear + latex.section(self.text, self.level, self.label, annex=self.annex)

    def to_html(self) -> str:
        n = self.level + 1
        return f"<h{n}>{html.escape(self.text)}</h{n}>"

    def to_docx(self, w) -> None:
        w.heading(self)


@dataclass(frozen=True)
class Paragraph(_Json):
    """A paragraph of inline parts."""

    parts: Sequence[Inline] | Inline
    small: bool = False
    _INLINE = ("parts",)

    def to_latex(self) -> str:
        body = inline_latex(self.parts)
        return (r"{\small " + body + r"\par}" if self.small else body) + "\n\n"

    def to_html(self) -> str:
        return f"<p>{inline_html(self.parts)}</p>"

    def to_docx(self, w) -> None:
        w.paragraph(self.parts, w.NOTE_STYLE if self.small else w.BODY_STYLE)


@dataclass(frozen=True)
class Items(_Json):
    """A bulleted (or numbered) list; each item is inline parts."""

    items: Sequence[Sequence[Inline] | Inline]
    numbered: bool = False
    small: bool = False
    labels: Sequence[Inline] | None = None  # a label per item instead of the bullet
    _INLINE_LISTS = ("items", "labels")

    def to_latex(self) -> str:
        if not self.items:
            return ""
        env = "enumerate" if self.numbered else "itemize"
        labels = self.labels or [None] * len(self.items)
        body = "\n".join(
            (r"\item " if lab is None else r"\item[" + "{" + inline_latex(lab) + "}] ")
            + inline_latex(i) for i, lab in zip(self.items, labels, strict=True))
        size = r"\small" if self.small else ""
        return f"{{{size}\\begin{{{env}}}\n{body}\n\\end{{{env}}}}}\n"

    def to_html(self) -> str:
        tag = "ol" if self.numbered else "ul"
        labels = self.labels or [None] * len(self.items)
        body = "".join(f"<li>{'' if lab is None else inline_html(lab) + ' '}{inline_html(i)}</li>"
                       for i, lab in zip(self.items, labels, strict=True))
        return f"<{tag}>{body}</{tag}>"

    def to_docx(self, w) -> None:
        w.items(self)


@dataclass(frozen=True)
class Col:
    """A table column: header, width (fraction of the line), alignment ``l``/``r``/``c``."""

    header: str
    width: float
    align: str = "l"


@dataclass(frozen=True)
class GroupRow:
    """A row spanning the whole table that heads a group of rows."""

    text: str


@dataclass(frozen=True)
class Table(_Json):
    """A typeset table (longtable + booktabs) that breaks across pages."""

    columns: Sequence[Col]
    rows: Sequence[Sequence[Inline | Sequence[Inline]] | GroupRow]
    caption: str | None = None
    label: str | None = None
    notes: Sequence[Inline | Sequence[Inline]] = ()
    continued: str | None = None
    font_size: str = r"\small"
    _INLINE_LISTS = ("notes",)

    def to_latex(self) -> str:
        cols = [latex.Column(latex.Raw(latex.escape(c.header)), c.width, c.align)
                for c in self.columns]
        rows = []
        for row in self.rows:
            if isinstance(row, GroupRow):
                rows.append(latex.group_row(row.text, len(cols), sum(c.width for c in cols)))
            else:
                rows.append([latex.Raw(inline_latex(v)) for v in row])
        return latex.longtable(
            cols,
            rows,
            caption=self.caption,
            label=self.label,
            font_size=self.font_size,
            continued=self.continued,
            notes=[latex.Raw(inline_latex(n)) for n in self.notes],
        )

    def to_html(self) -> str:
        head = "".join(f"<th>{html.escape(c.header)}</th>" for c in self.columns)
        body = []
        for row in self.rows:
            if isinstance(row, GroupRow):
                span = len(self.columns)
                body.append(f'<tr><td colspan="{span}"><i>{html.escape(row.text)}</i></td></tr>')
            else:
                cells = "".join(
                    f'<td style="text-align:{HTML_ALIGN[c.align]}">{inline_html(v)}</td>'
                    for c, v in zip(self.columns, row, strict=True)
                )
                body.append(f"<tr>{cells}</tr>")
        cap = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        notes = "".join(f"<p><small>{inline_html(n)}</small></p>" for n in self.notes)
        return (f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>"
                f"</table>{notes}")

    def to_docx(self, w) -> None:
        w.table(self)

    def to_json(self) -> dict:
        out = super().to_json()
        out["columns"] = [{"header": c.header, "width": c.width, "align": c.align}
                          for c in self.columns]
        out["rows"] = [{"group": r.text} if isinstance(r, GroupRow) else
                       [inline_json(v) for v in r] for r in self.rows]
        return out

    @classmethod
    def from_json(cls, data: dict) -> Table:
        rows = [GroupRow(r["group"]) if isinstance(r, dict) else
                [inline_from_json(v) for v in r] for r in data["rows"]]
        # every other field as the base reads it, so a field added later is not lost
        return replace(super().from_json(data), columns=[Col(**c) for c in data["columns"]],
                       rows=rows)


@dataclass(frozen=True)
class RawLatex(_Json):
    """LaTeX written by this package (title page, contents) with an HTML stand-in, and its
    Word form: ``word``, blocks rendered in its place in the Word document (nothing when
    empty: LaTeX that only arranges the PDF's pages).
    """

    tex: str
    html_text: str = ""
    word: Sequence[Block] = ()
    _BLOCKS = ("word",)

    def to_latex(self) -> str:
        return self.tex + "\n"

    def to_html(self) -> str:
        return self.html_text

    def to_docx(self, w) -> None:
        for block in self.word:
            block.to_docx(w)

    def to_json(self) -> dict:  # the LaTeX stays in the output's text/latex
        return {"block": "RawLatex", "word": [b.to_json() for b in self.word]}

    @classmethod
    def from_json(cls, data: dict) -> RawLatex:
        return cls("", "", [block_from_json(b) for b in data.get("word", [])])


@dataclass
class Figure(_Json):
    """A matplotlib figure with a numbered caption and a source line.

    Saved as PDF (vector, for the report), PNG at :data:`PRINT_DPI` (for the Word document)
    and PNG at screen resolution (for JupyterLab). Neither carries a timestamp or creator
    string, so the same figure always gives the same bytes. A figure read back from the
    executed notebook (:func:`block_from_json`) has no matplotlib figure, only its print PNG.
    """

    figure: object  # matplotlib.figure.Figure, or None when read back from JSON
    caption: str
    source: Sequence[Inline] | Inline = ""
    label: str | None = None
    width: float = 1.0
    _cache: dict = field(default_factory=dict, repr=False)
    _INLINE = ("source",)

    def pdf_bytes(self) -> bytes:
        """The vector copy for the PDF, every text as typed (no mathtext, no missing glyph)."""
        if "pdf" not in self._cache:
            self._cache["pdf"] = self._saved(
                format="pdf", metadata={"CreationDate": None, "ModDate": None,
                                        "Creator": None, "Producer": None})
        return self._cache["pdf"]

    def png_bytes(self, dpi: int = 80) -> bytes:
        """PNG preview for JupyterLab (the PDF route does not use it)."""
        return self._saved(format="png", dpi=dpi, metadata={"Software": None})

    def _saved(self, **savefig) -> bytes:
        """The figure saved with ``savefig``'s arguments, its data's text as typed (no
        mathtext, no missing glyph; done once per figure).
        """
        # late: matplotlib (0.2 s) only where figures are drawn, in the kernel; the Word
        # writer reads figures back in the calling process without it
        from analysis.report.chart_style import literal_text, strict_glyphs

        if "literal" not in self._cache:
            literal_text(self.figure)
            self._cache["literal"] = True
        buf = io.BytesIO()
        with strict_glyphs():
            self.figure.savefig(buf, **savefig)
        return buf.getvalue()

    def print_png(self) -> bytes:
        """The PNG at print resolution (:data:`PRINT_DPI`) that the Word document embeds."""
        if "print_png" not in self._cache:
            self._cache["print_png"] = self.png_bytes(PRINT_DPI)
        return self._cache["print_png"]

    def bundle(self) -> tuple[dict, dict]:
        """The display data and metadata for this figure."""
        data: dict = {"text/plain": self.caption}
        meta: dict = {}
        if _making("pdf"):
            data["application/pdf"] = base64.b64encode(self.pdf_bytes()).decode("ascii")
            meta["report"] = {
                "caption": latex.escape(self.caption),
                "source": inline_latex(self.source),
                "label": latex._safe_label(self.label) if self.label else "",
                "width": f"{self.width:.2f}",
            }
        if _making("docx"):  # the print copy, which JupyterLab shows too
            data["image/png"] = base64.b64encode(self.print_png()).decode("ascii")
            data[BLOCKS_MIME] = [self.to_json()]
        elif not os.environ.get(PDF_ONLY_ENV):  # JupyterLab shows the PNG; the PDF needs none
            data["image/png"] = base64.b64encode(self.png_bytes()).decode("ascii")
        return data, meta

    def to_json(self) -> dict:
        return {"block": "Figure", "caption": self.caption, "source": inline_json(self.source),
                "label": self.label, "width": self.width}

    @classmethod
    def from_json(cls, data: dict, png: bytes | None = None) -> Figure:
        fig = cls(None, data["caption"], inline_from_json(data.get("source", "")),
                  data.get("label"), data.get("width", 1.0))
        if png is not None:
            fig._cache["print_png"] = png
        return fig

    def to_docx(self, w) -> None:
        w.figure(self)


# --------------------------------------------------------------------------------------------
# Blocks for the Word document only (carried by a RawLatex's ``word``)


class _WordOnly(_Json):
    """A block that only the Word document prints (the PDF has it as LaTeX)."""

    def to_latex(self) -> str:
        return ""

    def to_html(self) -> str:
        return ""


@dataclass(frozen=True)
class PageSetup(_WordOnly):
    """The document's own settings, given by the title page: its language (a BCP 47 tag,
    ``vi-VN``: the translation table's ``doc.language_tag``), the draft mark that
    every page's header carries (empty in a final report), the words that number the captions
    (``Bảng``, ``Hình``), and its properties (title, subject, date ``YYYY-MM-DD``).
    """

    language_tag: str
    draft_mark: str
    table_word: str
    figure_word: str
    title: str
    subject: str
    date: str

    def to_docx(self, w) -> None:
        w.setup(self)


@dataclass(frozen=True)
class DocumentHead(_WordOnly):
    """The head of an office's document (Decree 30): the issuing body (under its parent body)
    and the number and symbol on the left, the national motto and the place and date on the
    right.
    """

    parent: str
    issuer: str
    number: str
    motto_state: str
    motto_words: str
    place_date: str

    def to_docx(self, w) -> None:
        w.document_head(self)


@dataclass(frozen=True)
class TitleLine(_WordOnly):
    """A centred line of the title page: ``size`` ``small``, ``normal``, ``large`` or
    ``title``; bold or italic; ``space`` points before it.
    """

    parts: Sequence[Inline] | Inline
    size: str = "normal"
    bold: bool = False
    italic: bool = False
    space: float = 0
    _INLINE = ("parts",)

    def to_docx(self, w) -> None:
        w.title_line(self)


@dataclass(frozen=True)
class Contents(_WordOnly):
    """The table of contents: a field Word fills when the document opens."""

    title: str

    def to_docx(self, w) -> None:
        w.contents(self.title)


@dataclass(frozen=True)
class PageBreak(_WordOnly):
    """The next block starts a new page."""

    def to_docx(self, w) -> None:
        w.page_break()


@dataclass(frozen=True)
class Orientation(_WordOnly):
    """A new section from here on: landscape (the year-by-year table) or portrait again."""

    landscape: bool

    def to_docx(self, w) -> None:
        w.orientation(self.landscape)


@dataclass(frozen=True)
class Formula(_WordOnly):
    r"""A displayed formula, centred, written with ``_x`` / ``_{..}`` for a subscript and
    ``^x`` / ``^{..}`` for a superscript (``g_{req} = (v^*/v_t)^{1/(T−t)} − 1``).
    """

    text: str

    def parts(self) -> list:
        """The formula as inline parts (subscripts and superscripts as :class:`Span`)."""
        out: list = []
        for m in re.finditer(r"([_^])(?:\{([^}]*)\}|(.))|([^_^]+)", self.text):
            if m.group(4) is not None:
                out.append(m.group(4))
            else:
                out.append(Span(m.group(2) if m.group(2) is not None else m.group(3),
                                "sub" if m.group(1) == "_" else "sup"))
        return out

    def to_docx(self, w) -> None:
        w.formula(self.parts())


@dataclass(frozen=True)
class Signature(_WordOnly):
    """The signature block (Decree 30): the recipients on the left (``recipients_head``
    "Nơi nhận:" and one line each), the signer's authority, title and name on the right.
    """

    recipients_head: str
    recipients: Sequence[str]
    authority: str
    title: str
    name: str

    def to_docx(self, w) -> None:
        w.signature(self)


@dataclass(frozen=True)
class Commentary(_WordOnly):
    """The assessors' own text under its heading (Markdown, :mod:`analysis.report.commentary`),
    in the Word style of its own, with the note that marks an example (or none).
    """

    title: str
    text: str
    note: str | None = None

    def to_docx(self, w) -> None:
        w.commentary(self)


Block = Heading | Paragraph | Items | Table | RawLatex | Figure

#: The block classes by name, for :func:`block_from_json`.
_BLOCK_CLASSES = {cls.__name__: cls for cls in (
    Heading, Paragraph, Items, Table, RawLatex, Figure, PageSetup, DocumentHead, TitleLine,
    Contents, PageBreak, Orientation, Formula, Signature, Commentary)}


def block_from_json(data: dict, png: bytes | None = None):
    """The block a :meth:`to_json` wrote (a figure with its print PNG, when given)."""
    cls = _BLOCK_CLASSES[data["block"]]
    if cls is Figure:
        return Figure.from_json(data, png)
    return cls.from_json(data)


def render_latex(blocks: Iterable[Block]) -> str:
    """LaTeX of text blocks (figures excluded)."""
    return "".join(b.to_latex() for b in blocks if not isinstance(b, Figure))


def show(*blocks: Block | Iterable[Block] | None) -> None:
    """Display blocks in the notebook: consecutive text blocks as one output, figures alone.

    Each output carries what the report's renderings need (:func:`set_output_format`): the
    LaTeX for the PDF, the blocks as JSON for the Word document, the HTML for JupyterLab.
    """
    # late: IPython (0.07 s) only in the kernel; the Word writer uses the blocks without it
    from IPython.display import display

    flat: list[Block] = []
    for b in blocks:
        if b is None:
            continue
        if isinstance(b, Heading | Paragraph | Items | Table | RawLatex | Figure):
            flat.append(b)
        else:
            flat.extend(x for x in b if x is not None)
    pending: list[Block] = []

    def flush() -> None:
        if pending:
            data: dict = {"text/html": "".join(b.to_html() for b in pending), "text/plain": ""}
            if _making("pdf"):
                data["text/latex"] = render_latex(pending)
            if _making("docx"):
                data[BLOCKS_MIME] = [b.to_json() for b in pending]
            display(data, raw=True)
            pending.clear()

    for b in flat:
        if isinstance(b, Figure):
            flush()
            data, meta = b.bundle()
            display(data, metadata=meta, raw=True)
        else:
            pending.append(b)
    flush()
