"""The assessors' commentary in the report: Markdown turned into blocks that print literally.

The text comes from :mod:`analysis.data.commentary`. It is parsed with markdown-it-py's
``zero`` preset, with only three rules enabled: lists, emphasis (``**bold**``, ``*italic*``) and
line breaks. Every other piece of Markdown (headings, quotes, code, links) therefore stays plain
text, and every character is escaped for LaTeX (:func:`analysis.report.latex.escape`) and HTML:
nothing the assessors type can run a TeX command.

Each piece is set apart from the generated text: a bar in the margin and a heading, "Nhận xét,
đánh giá" / "Assessment" (or the closing chapter's own title), marked as an example when the
file says ``example: true``. In the Word document (:func:`blocks`, read by
:mod:`analysis.report.word`) the same pieces are paragraphs of a style of their own, "Nhận xét,
đánh giá", with the same bar, so that the office's own text stands apart there too.
"""

from __future__ import annotations

import html

from markdown_it import MarkdownIt

from analysis.report.document import Commentary, RawLatex
from analysis.report.latex import escape

#: The Markdown the assessors may use; everything else prints as typed.
MARKDOWN_RULES = ("list", "emphasis", "newline")

_PARSER = MarkdownIt("zero").enable(list(MARKDOWN_RULES))
_INLINE_TEX = {"strong_open": r"\textbf{", "strong_close": "}", "em_open": r"\textit{",
               "em_close": "}", "softbreak": " ", "hardbreak": r"\newline "}
_INLINE_HTML = {"strong_open": "<b>", "strong_close": "</b>", "em_open": "<i>",
                "em_close": "</i>", "softbreak": " ", "hardbreak": "<br>"}
_LISTS_TEX = {"bullet_list_open": r"\begin{itemize}", "bullet_list_close": r"\end{itemize}",
              "ordered_list_open": r"\begin{enumerate}", "ordered_list_close": r"\end{enumerate}"}
_LISTS_HTML = {"bullet_list_open": "<ul>", "bullet_list_close": "</ul>",
               "ordered_list_open": "<ol>", "ordered_list_close": "</ol>"}


def _inline(token) -> tuple[str, str]:
    tex, out = [], []
    for child in token.children or []:
        if child.type == "text":
            tex.append(escape(child.content))
            out.append(html.escape(child.content))
        elif child.type in _INLINE_TEX:
            tex.append(_INLINE_TEX[child.type])
            out.append(_INLINE_HTML[child.type])
    return "".join(tex), "".join(out)


def markdown(text: str) -> tuple[str, str]:
    """LaTeX and HTML of the assessors' Markdown (see the module docstring)."""
    tex, out = [], []
    in_item = 0
    for token in _PARSER.parse(text or ""):
        if token.type in _LISTS_TEX:
            tex.append("\n" + _LISTS_TEX[token.type] + "\n")
            out.append(_LISTS_HTML[token.type])
        elif token.type == "list_item_open":
            in_item += 1
            tex.append(r"\item ")
            out.append("<li>")
        elif token.type == "list_item_close":
            in_item -= 1
            out.append("</li>")
        elif token.type == "inline":
            t, h = _inline(token)
            tex.append(t)
            out.append(h if in_item else f"<p>{h}</p>")
        elif token.type == "paragraph_close" and not in_item:
            tex.append("\n\n")
    return "".join(tex).strip(), "".join(out)


def commentary_block(title: str | None, text: str, example_note: str | None = None) -> RawLatex:
    """One piece of commentary under its heading, set apart by a bar in the margin; without a
    heading (``title`` None: a chapter whose own heading says what it is) only the example
    note, if any, stands above the text.
    """
    tex, out = markdown(text)
    note_tex = r"{\normalfont\itshape(" + escape(example_note) + ")}" if example_note else ""
    note = f"<i>({html.escape(example_note)})</i>" if example_note else ""
    if title is None:
        latex_text = (r"\par\medskip\begin{leftbar}" + (note_tex + r"\par\smallskip "
                                                         if note_tex else "")
                      + "\n" + tex + "\n" + r"\end{leftbar}\par\medskip")
        return RawLatex(latex_text, f"<blockquote>{note}{out}</blockquote>",
                        [Commentary("", text, example_note)])
    head = escape(title) + (" " + note_tex if note_tex else "")
    latex_text = (r"\begin{assessment}{" + head + "}\n" + tex + "\n" + r"\end{assessment}")
    return RawLatex(latex_text, f"<blockquote><b>{html.escape(title)}</b> {note}{out}"
                                "</blockquote>",
                    [Commentary(title, text, example_note)])


def comments(r, keys, title: str | None = None, headed: bool = True) -> list:
    """The commentary of report ``r`` (:class:`~analysis.report.context.Report`) under
    ``keys`` (``chapter: <key>`` or target ids), each in its own block headed "Nhận xét, đánh
    giá" / "Assessment" (or ``title``); ``headed=False`` for a chapter that is the assessors'
    text alone, whose heading already says what it is.
    """
    c = r.commentary
    if c is None:
        return []
    note = r.t("commentary.example") if c.example else None
    head = (title or r.t("commentary.head")) if headed else None
    return [commentary_block(head, c.text(k), note) for k in keys if c.has(k)]


def blocks(text: str) -> list[tuple[str, list]]:
    r"""The assessors' Markdown as paragraphs for the Word document.

    Each is ``(kind, runs)``: kind ``"p"`` (a paragraph), ``"ul"`` or ``"ol"`` (an item of a
    bulleted or numbered list; a new list starts numbering again: ``"ol-start"``); runs are
    ``(text, bold, italic)``, a text ``"\n"`` being a line break. The same parser and rules as
    :func:`markdown`, so the Word document and the PDF show the same text.
    """
    out: list[tuple[str, list]] = []
    lists: list[str] = []
    fresh = False
    for token in _PARSER.parse(text or ""):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append("ul" if token.type == "bullet_list_open" else "ol")
            fresh = True
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "inline":
            kind = lists[-1] if lists else "p"
            if kind == "ol" and fresh:
                kind = "ol-start"
            fresh = False
            out.append((kind, _runs(token)))
    return out


def _runs(token) -> list[tuple[str, bool, bool]]:
    runs, bold, italic = [], False, False
    for child in token.children or []:
        if child.type == "text":
            runs.append((child.content, bold, italic))
        elif child.type in ("strong_open", "strong_close"):
            bold = child.type == "strong_open"
        elif child.type in ("em_open", "em_close"):
            italic = child.type == "em_open"
        elif child.type == "softbreak":
            runs.append((" ", bold, italic))
        elif child.type == "hardbreak":
            runs.append(("\n", bold, italic))
    return runs
