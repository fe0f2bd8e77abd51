"""A tiny document model for the report: blocks that render to LaTeX (PDF) and HTML (JupyterLab).

Sections of the report are built as lists of blocks (:class:`Heading`, :class:`Paragraph`,
:class:`Table`, :class:`Items`, :class:`Figure`, :class:`RawLatex`) from translated strings and
numbers. :func:`show` displays them in the notebook: text blocks as one output carrying both
``text/latex`` (which nbconvert's LaTeX exporter passes through to the PDF) and ``text/html``
(what JupyterLab shows), figures as an output carrying ``application/pdf`` (vector, for the PDF)
and ``image/png`` (for JupyterLab) with the caption in the output's metadata, which the report's
nbconvert template turns into a numbered figure.

Text is escaped by the renderer, never by the caller: a plain string is always printed
literally (:func:`analysis.report.latex.escape`, :func:`html.escape`).
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from analysis.report import latex

# --------------------------------------------------------------------------------------------
# Inline pieces


@dataclass(frozen=True)
class Span:
    """Inline text with an optional style (``bold``, ``italic``, ``url``, ``nowrap``)."""

    text: str
    style: str = ""

    def to_latex(self) -> str:
        if self.style == "url":
            return latex.escape_url(self.text)
        body = latex.escape(self.text)
        return {
            "bold": r"\textbf{%s}",
            "italic": r"\textit{%s}",
            "nowrap": r"\mbox{%s}",
            "mono": r"\texttt{%s}",
            "small": r"{\smaller %s}",
        }.get(self.style, "%s") % body

    def to_html(self) -> str:
        body = html.escape(self.text)
        return {
            "bold": "<b>%s</b>",
            "italic": "<i>%s</i>",
            "url": "<code>%s</code>",
            "mono": "<code>%s</code>",
            "small": "<small>%s</small>",
            "nowrap": '<span style="white-space:nowrap">%s</span>',
        }.get(self.style, "%s") % body


@dataclass(frozen=True)
class Markup:
    """Inline LaTeX and HTML written by this package (never from data): symbols, formulas."""

    tex: str
    html_text: str

    def to_latex(self) -> str:
        return self.tex

    def to_html(self) -> str:
        return self.html_text


Inline = str | Span | Markup

#: HTML's text-align for a column's alignment letter.
HTML_ALIGN = {"l": "left", "r": "right", "c": "center"}


def inline_latex(part: Inline | Sequence[Inline] | None) -> str:
    """LaTeX for an inline part or a sequence of parts (strings are escaped)."""
    if part is None:
        return ""
    if isinstance(part, str):
        return latex.escape(part)
    if isinstance(part, Span | Markup):
        return part.to_latex()
    return "".join(inline_latex(p) for p in part)


def inline_html(part: Inline | Sequence[Inline] | None) -> str:
    """HTML for an inline part or a sequence of parts (strings are escaped)."""
    if part is None:
        return ""
    if isinstance(part, str):
        return html.escape(part)
    if isinstance(part, Span | Markup):
        return part.to_html()
    return "".join(inline_html(p) for p in part)


# --------------------------------------------------------------------------------------------
# Blocks


@dataclass(frozen=True)
class Heading:
    """A numbered section heading (level 1–3) that appears in the table of contents.

    An annex's heading (``annex="A"``) carries its letter in its text ("Phụ lục A. Phương
    pháp"); it is not numbered as a chapter, and its sections are numbered A.1, A.2.
    """

    text: str
    level: int = 1
    label: str | None = None
    annex: str | None = None

    def to_latex(self) -> str:
        return latex.section(self.text, self.level, self.label, annex=self.annex)

    def to_html(self) -> str:
        n = self.level + 1
        return f"<h{n}>{html.escape(self.text)}</h{n}>"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inline parts."""

    parts: Sequence[Inline] | Inline
    small: bool = False

    def to_latex(self) -> str:
        body = inline_latex(self.parts)
        return (r"{\small " + body + r"\par}" if self.small else body) + "\n\n"

    def to_html(self) -> str:
        return f"<p>{inline_html(self.parts)}</p>"


@dataclass(frozen=True)
class Items:
    """A bulleted (or numbered) list; each item is inline parts."""

    items: Sequence[Sequence[Inline] | Inline]
    numbered: bool = False
    small: bool = False
    labels: Sequence[Inline] | None = None  # a label per item instead of the bullet

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
class Table:
    """A typeset table (longtable + booktabs) that breaks across pages."""

    columns: Sequence[Col]
    rows: Sequence[Sequence[Inline | Sequence[Inline]] | GroupRow]
    caption: str | None = None
    label: str | None = None
    notes: Sequence[Inline | Sequence[Inline]] = ()
    continued: str | None = None
    font_size: str = r"\small"

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


@dataclass(frozen=True)
class RawLatex:
    """LaTeX written by this package (title page, contents) with an HTML stand-in."""

    tex: str
    html_text: str = ""

    def to_latex(self) -> str:
        return self.tex + "\n"

    def to_html(self) -> str:
        return self.html_text


@dataclass
class Figure:
    """A matplotlib figure with a numbered caption and a source line.

    Saved as PDF (vector, for the report) and PNG (for JupyterLab). The PDF carries no
    timestamp or creator string, so the same figure always gives the same bytes.
    """

    figure: object  # matplotlib.figure.Figure
    caption: str
    source: Sequence[Inline] | Inline = ""
    label: str | None = None
    width: float = 1.0
    _cache: dict = field(default_factory=dict, repr=False)

    def pdf_bytes(self) -> bytes:
        from analysis.report.charts import literal_text, strict_glyphs

        if "pdf" not in self._cache:
            literal_text(self.figure)  # data's text as typed: no mathtext, no missing glyph
            buf = io.BytesIO()
            with strict_glyphs():
                self.figure.savefig(
                    buf, format="pdf", metadata={"CreationDate": None, "ModDate": None,
                                                 "Creator": None, "Producer": None}
                )
            self._cache["pdf"] = buf.getvalue()
        return self._cache["pdf"]

    def png_bytes(self, dpi: int = 80) -> bytes:
        """PNG preview for JupyterLab (the PDF route does not use it)."""
        from analysis.report.charts import literal_text, strict_glyphs

        literal_text(self.figure)
        buf = io.BytesIO()
        with strict_glyphs():
            self.figure.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
        return buf.getvalue()

    def bundle(self) -> tuple[dict, dict]:
        """The display data and metadata for this figure."""
        import os

        from analysis.report.render import PDF_ONLY_ENV

        data = {
            "application/pdf": base64.b64encode(self.pdf_bytes()).decode("ascii"),
            "text/plain": self.caption,
        }
        if not os.environ.get(PDF_ONLY_ENV):  # JupyterLab shows the PNG; the PDF needs none
            data["image/png"] = base64.b64encode(self.png_bytes()).decode("ascii")
        meta = {
            "report": {
                "caption": latex.escape(self.caption),
                "source": inline_latex(self.source),
                "label": latex._safe_label(self.label) if self.label else "",
                "width": f"{self.width:.2f}",
            }
        }
        return data, meta


Block = Heading | Paragraph | Items | Table | RawLatex | Figure


def render_latex(blocks: Iterable[Block]) -> str:
    """LaTeX of text blocks (figures excluded)."""
    return "".join(b.to_latex() for b in blocks if not isinstance(b, Figure))


def show(*blocks: Block | Iterable[Block] | None) -> None:
    """Display blocks in the notebook: consecutive text blocks as one output, figures alone."""
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
            display(
                {
                    "text/latex": render_latex(pending),
                    "text/html": "".join(b.to_html() for b in pending),
                    "text/plain": "",
                },
                raw=True,
            )
            pending.clear()

    for b in flat:
        if isinstance(b, Figure):
            flush()
            data, meta = b.bundle()
            display(data, metadata=meta, raw=True)
        else:
            pending.append(b)
    flush()
