"""Inline pieces of the report's text: a span of text with a style, markup this package
writes (symbols, formulas), a reference to a heading's number; each rendered to LaTeX, HTML,
JSON and Word.

A plain string is always text from data, printed literally: escaped for LaTeX
(:func:`analysis.report.latex.escape`) and HTML (:func:`html.escape`) by the renderers here,
never by the caller. Only :class:`Markup` carries LaTeX and HTML as written, and only this
package writes it. The blocks made of these pieces are in :mod:`analysis.report.document`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.report import latex


@dataclass(frozen=True)
class Span:
    """Inline text with an optional style (``bold``, ``italic``, ``url``, ``nowrap``, ``mono``,
    ``small``, ``sub``, ``sup``).
    """

    text: str
    style: str = ""

    def to_latex(self) -> str:
        """The span in LaTeX, its text escaped."""
        if self.style == "url":
            return latex.escape_url(self.text)
        body = latex.escape(self.text)
        return {
            "bold": r"\textbf{%s}",
            "italic": r"\textit{%s}",
            "nowrap": r"\mbox{%s}",
            "mono": r"\texttt{%s}",
            "small": r"{\smaller %s}",
            "sub": r"\textsubscript{%s}",
            "sup": r"\textsuperscript{%s}",
        }.get(self.style, "%s") % body

    def to_html(self) -> str:
        """The span in HTML, its text escaped."""
        body = html.escape(self.text)
        return {
            "bold": "<b>%s</b>",
            "italic": "<i>%s</i>",
            "url": "<code>%s</code>",
            "mono": "<code>%s</code>",
            "small": "<small>%s</small>",
            "nowrap": '<span style="white-space:nowrap">%s</span>',
            "sub": "<sub>%s</sub>",
            "sup": "<sup>%s</sup>",
        }.get(self.style, "%s") % body


@dataclass(frozen=True)
class Markup:
    r"""Inline LaTeX and HTML written by this package (never from data): symbols, formulas.

    In Word it is ``word`` (inline parts; a ``"\n"`` in text is a line break), by default the
    text of the HTML (``<br>`` a line break, other tags dropped, entities read).
    """

    tex: str
    html_text: str
    word: object = None  # Inline | Sequence[Inline] | None

    def to_latex(self) -> str:
        """The LaTeX as written."""
        return self.tex

    def to_html(self) -> str:
        """The HTML as written."""
        return self.html_text

    def word_parts(self):
        """What Word prints for this piece."""
        if self.word is not None:
            return self.word
        text = re.sub(r"<br\s*/?>", "\n", self.html_text)
        return html.unescape(re.sub(r"<[^>]*>", "", text))


@dataclass(frozen=True)
class Ref:
    r"""The number of the heading labelled ``label`` (``B.4``), as LaTeX's ``\ref`` prints it;
    ``style`` as a :class:`Span`'s.
    """

    label: str
    style: str = ""

    def to_latex(self) -> str:
        """The heading's number, as LaTeX's reference prints it."""
        return rf"\ref{{{latex._safe_label(self.label)}}}"

    def to_html(self) -> str:
        """Nothing: HTML has no heading numbers."""
        return ""


Inline = str | Span | Markup | Ref

#: HTML's text-align for a column's alignment letter.
HTML_ALIGN = {"l": "left", "r": "right", "c": "center"}


def inline_latex(part: Inline | Sequence[Inline] | None) -> str:
    """LaTeX for an inline part or a sequence of parts (strings are escaped)."""
    if part is None:
        return ""
    if isinstance(part, str):
        return latex.escape(part)
    if isinstance(part, Span | Markup | Ref):
        return part.to_latex()
    return "".join(inline_latex(p) for p in part)


def inline_html(part: Inline | Sequence[Inline] | None) -> str:
    """HTML for an inline part or a sequence of parts (strings are escaped)."""
    if part is None:
        return ""
    if isinstance(part, str):
        return html.escape(part)
    if isinstance(part, Span | Markup | Ref):
        return part.to_html()
    return "".join(inline_html(p) for p in part)


def inline_json(part):
    """Inline parts as JSON: a string stays a string, a :class:`Span` or :class:`Ref` is an
    object, a :class:`Markup` is its Word form (see :meth:`Markup.word_parts`).
    """
    if part is None or isinstance(part, str):
        return part
    if isinstance(part, Span):
        return {"span": part.text, "style": part.style}
    if isinstance(part, Ref):
        return {"ref": part.label, "style": part.style}
    if isinstance(part, Markup):
        return {"word": inline_json(part.word_parts())}
    return [inline_json(p) for p in part]


def inline_from_json(data):
    """The inline parts :func:`inline_json` wrote (a Markup comes back as its Word form)."""
    if data is None or isinstance(data, str):
        return data
    if isinstance(data, dict):
        if "span" in data:
            return Span(data["span"], data.get("style", ""))
        if "ref" in data:
            return Ref(data["ref"], data.get("style", ""))
        return Markup("", "", inline_from_json(data["word"]))
    return [inline_from_json(p) for p in data]
