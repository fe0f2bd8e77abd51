r"""LaTeX building blocks for the report: escaping, tables, figures, headings.

Everything that comes from a data file (target names, source titles, URLs, quotes, notes) goes
through :func:`escape` or :func:`escape_url` before it reaches LaTeX, so no character or sequence
in a data file can change the document or run a TeX command:

* the ten special characters ``\ { } $ & # ^ _ % ~`` become commands that print them
  (``^`` also stops TeX's ``^^5c`` notation for arbitrary characters);
* characters that TeX's font mapping would turn into other characters (``--`` into a dash,
  ``''`` into a curly quote, ``?``` into ``¿``, ``<<`` into ``«``) print as typed;
* ``[`` ``]`` and ``*`` are braced, so a table cell that starts with them cannot become the
  optional argument of the preceding row end ``\\``;
* line breaks, tabs and control characters become spaces (an empty line would start a new
  paragraph inside a table cell);
* no-break spaces become ties;
* a word longer than :data:`LONG_WORD` characters (a 400-character string without a space, a
  long identifier) gets a line-break opportunity every :data:`WORD_BREAK_EVERY` characters, so
  that it wraps inside its table column, however narrow, instead of running across the next
  ones and off the page;
* a character the main font has no glyph for (a Japanese quote in a source, an emoji) prints as
  its code point, ``[U+65E5]``, instead of vanishing (xelatex would only log "Missing
  character"); the report's own text has no such characters, and the build fails if xelatex
  still reports one.

Tables are ``longtable`` with ``booktabs`` rules, a header repeated on every page and fixed
column widths (``p{...}``), so long tables break across pages and never run into the margin.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from analysis.errors import ReportError
from analysis.report.fonts import (
    INVISIBLE_CATEGORIES,
    code_point_text,
    code_points,
    find_main_font,
)

#: Replacement for each character that LaTeX (with fontspec's TeX ligatures) would not print as
#: typed. ``-`` is followed by ``{}`` so that ``--`` and ``---`` do not become dashes.
_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\textasciitilde{}",
    "-": r"-{}",
    "'": r"\textquotesingle{}",
    "`": r"\textasciigrave{}",
    '"': r"\textquotedbl{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "!": r"!{}",
    "?": r"?{}",
    ",": r",{}",
    "[": r"{[}",
    "]": r"{]}",
    "*": r"{*}",
    "|": r"\textbar{}",
    "\u00a0": "~",
    "\u202f": r"\,",
}
#: Characters after which a URL may break across lines.
_URL_BREAK_AFTER = set("/.-_?&=#:")


def _clean_char(ch: str) -> str:
    """Map whitespace and control characters to a space; keep everything else."""
    if ch in "\n\r\t\v\f\u2028\u2029\x85":
        return " "
    if unicodedata.category(ch) in INVISIBLE_CATEGORIES and ch not in "\u200b":
        return ""
    return ch


@functools.cache
def font_coverage() -> frozenset[int] | None:
    """Code points of the report's main font (None when the font or fontTools is missing:
    coverage is a refinement; without it xelatex still checks).
    """
    try:
        font = find_main_font()
    except ReportError:
        return None
    return code_points(font.files()[0])


def _printable(ch: str) -> str:
    """``ch`` itself when the main font has it (or coverage is unknown), else ``[U+XXXX]``."""
    if ord(ch) < 128:
        return ch
    covered = font_coverage()
    if covered is None or ord(ch) in covered:
        return ch
    return code_point_text(ch)


def escape(text: object) -> str:
    """Escape any text so that LaTeX prints it literally.

    Parameters
    ----------
    text : object
        Converted with ``str``; None gives an empty string.

    Returns
    -------
    str
        LaTeX source that typesets exactly ``text`` (whitespace runs collapse to one space).
    """
    if text is None:
        return ""
    normal = unicodedata.normalize("NFC", str(text))
    if normal.isascii() and not _ASCII_LONG_WORD.search(normal):  # most text: no long word
        escaped = "".join(map(_escape_char, normal))
    else:
        escaped = "".join(_with_breaks(word) if n % 2 else "".join(map(_escape_char, word))
                          for n, word in enumerate(_WORD.split(normal)))
    return _SPACE_RUN.sub(" ", escaped)


def pdf_text(text: object) -> str:
    """Any text for a PDF property (the title, the subject: hyperref's ``pdftitle``): escaped
    as :func:`escape` escapes it, but kept as typed where :func:`escape` adds breaks or
    replaces a character the main font lacks (a property is not typeset). Only a character
    beyond the Basic Multilingual Plane (an emoji) becomes its code point, ``[U+1F600]``:
    hyperref writes it as two halves that readers cannot decode.
    """
    if text is None:
        return ""
    normal = unicodedata.normalize("NFC", str(text))
    escaped = "".join(_SPECIAL.get(c) or (c if ord(c) <= BMP_LAST else code_point_text(c))
                      for c in map(_clean_char, normal) if c)
    return _SPACE_RUN.sub(" ", escaped)


#: The last code point of the Basic Multilingual Plane.
BMP_LAST = 0xFFFF


#: A word printing more characters than this gets break opportunities (a code point written
#: ``[U+4E2D]`` prints eight).
LONG_WORD = 20
#: Printed characters between two break opportunities of a long word (three wide letters fit
#: the narrowest column of the report's tables).
WORD_BREAK_EVERY = 3
_SPACE_RUN = re.compile(r" {2,}")
_WORD = re.compile(r"([^\s\u00a0\u202f]+)")  # odd pieces of a split are the words
_ASCII_LONG_WORD = re.compile(rf"\S{{{LONG_WORD + 1}}}")


def _with_breaks(word: str) -> str:
    r"""A word escaped, with ``\allowbreak`` every :data:`WORD_BREAK_EVERY` printed characters
    when it prints more than :data:`LONG_WORD`.
    """
    units = [_escape_char(ch) for ch in word]
    joined = "".join(units)
    if len(word) <= LONG_WORD and "[U+" not in joined:  # short, no code point: as it is
        return joined
    widths = [8 if u.startswith("[U+") else 1 for u in units]
    if sum(widths) <= LONG_WORD:
        return "".join(units)
    out, run = [], 0
    for unit, width in zip(units, widths, strict=True):
        if run and run + width > WORD_BREAK_EVERY:
            out.append(r"\allowbreak{}")
            run = 0
        out.append(unit)
        run += width
    return "".join(out)


@functools.cache
def _escape_char(ch: str) -> str:
    """One character of :func:`escape`, cleaned, escaped and checked against the font.

    Cached: a report escapes some 100,000 characters drawn from a few hundred distinct ones
    (the font's coverage, :func:`font_coverage`, is itself fixed for the process).
    """
    ch = _clean_char(ch)
    return (_SPECIAL.get(ch) or _printable(ch)) if ch else ""


#: Longest stretch of a printed URL without a line-break opportunity.
URL_MAX_UNBROKEN = 12


def escape_url(url: object) -> str:
    """Escape a URL for printing, with a line-break opportunity after ``/ . - _ ? & = # :``
    and inside any run of :data:`URL_MAX_UNBROKEN` characters without one (long article ids).

    The URL is printed as text (not linked): it is a reference for the reader of a printed
    report, and a link would give the data file a way to reach hyperref's parser.
    """
    if url is None:
        return ""
    out = []
    run = 0  # characters since the last break opportunity
    for ch in unicodedata.normalize("NFC", str(url)):
        ch = _clean_char(ch)
        if ch == " ":
            ch = "\u00a0"  # a URL has no spaces; keep any that a file holds visible as typed
        out.append(_SPECIAL.get(ch) or _printable(ch) if ch else "")
        run += 1
        if ch in _URL_BREAK_AFTER or run >= URL_MAX_UNBROKEN:
            out.append(r"\allowbreak{}")
            run = 0
    return r"{\urlfont " + "".join(out) + "}"


@dataclass(frozen=True)
class Raw:
    """LaTeX source that is already safe (built by this module); not escaped again."""

    latex: str

    def __str__(self) -> str:
        return self.latex


def cell(value: object) -> str:
    """LaTeX for a table cell: :class:`Raw` passes through, anything else is escaped."""
    return value.latex if isinstance(value, Raw) else escape(value)


@dataclass(frozen=True)
class Column:
    """A table column: header text, width as a fraction of the line width, alignment."""

    header: str | Raw
    width: float
    align: str = "l"  # l, r or c

    def spec(self) -> str:
        """The ``array`` column spec: a fixed-width paragraph column, aligned."""
        command = {"l": r"\raggedright", "r": r"\raggedleft", "c": r"\centering"}[self.align]
        return (
            rf">{{{command}\arraybackslash}}"
            rf"p{{\dimexpr {self.width:.3f}\linewidth-2\tabcolsep\relax}}"
        )


def longtable(
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]],
    caption: str | Raw | None = None,
    label: str | None = None,
    font_size: str = r"\small",
    continued: str | None = None,
    notes: Sequence[str | Raw] = (),
) -> str:
    r"""A ``longtable`` with booktabs rules that breaks across pages.

    Parameters
    ----------
    columns : sequence of Column
        Widths should add up to at most 1 (the line width).
    rows : iterable of sequences
        One sequence of cell values per row; values are escaped unless :class:`Raw`. A row that
        is a :class:`Raw` on its own is inserted as is (e.g. a ``\midrule`` or a group heading
        spanning all columns, see :func:`group_row`).
    caption : str or Raw, optional
        Numbered table caption (escaped unless Raw).
    label : str, optional
        LaTeX label for cross references (letters, digits and ``-:`` only).
    font_size : str
        Size command for the table body.
    continued : str, optional
        Text for the footer on pages where the table continues.
    notes : sequence of str or Raw
        Lines printed in small type under the table.

    Returns
    -------
    str
    """
    total = sum(c.width for c in columns)
    if total > 1.0 + 1e-6:  # wider than the line: it would run into the margin and the header
        raise ValueError(f"column widths add up to {total:.3f} of the line width, more than 1")
    spec = "@{}" + "".join(c.spec() for c in columns) + "@{}"
    header = " & ".join(r"\textbf{" + cell(c.header) + "}" for c in columns) + r" \\"
    lines = [r"\begingroup" + font_size, r"\begin{longtable}{" + spec + "}"]
    if caption is not None:
        lab = rf"\label{{{_safe_label(label)}}}" if label else ""
        lines.append(r"\caption{" + cell(caption) + "}" + lab + r" \\")
    lines += [r"\toprule", header, r"\midrule", r"\endfirsthead"]
    lines += [r"\toprule", header, r"\midrule", r"\endhead"]
    if continued:
        n = len(columns)
        lines += [
            r"\midrule",
            rf"\multicolumn{{{n}}}{{r@{{}}}}{{\footnotesize\itshape {cell(continued)}}} \\",
            r"\endfoot",
        ]
    lines += [r"\bottomrule", r"\endlastfoot"]
    for row in rows:
        if isinstance(row, Raw):
            lines.append(row.latex)
            continue
        if len(row) != len(columns):
            raise ValueError(f"row has {len(row)} cells, table has {len(columns)} columns")
        lines.append(" & ".join(cell(v) for v in row) + r" \\")
    lines.append(r"\end{longtable}")
    for note in notes:
        lines.append(r"\par{\footnotesize " + cell(note) + r"\par}")
    lines.append(r"\endgroup")
    return "\n".join(lines) + "\n"


def group_row(text: str | Raw, n_columns: int, width: float = 1.0) -> Raw:
    """A full-width row that heads a group of rows in a :func:`longtable` whose columns take
    ``width`` of the line; a long heading wraps within the table.
    """
    spec = (rf"@{{}}>{{\raggedright\arraybackslash}}"
            rf"p{{\dimexpr {width:.3f}\linewidth-2\tabcolsep\relax}}@{{}}")
    return Raw(rf"\addlinespace\multicolumn{{{n_columns}}}{{{spec}}}"
               rf"{{\textit{{{cell(text)}}}}} \\*")


def _safe_label(label: str) -> str:
    """Keep only characters that are safe in a LaTeX label."""
    return re.sub(r"[^A-Za-z0-9:-]", "-", label)


def section(title: str | Raw, level: int = 1, label: str | None = None,
            annex: str | None = None) -> str:
    """A numbered heading (level 1 section, 2 subsection, 3 subsubsection) in the contents.

    ``annex`` (a letter) makes a level-1 heading an annex's: the title, which carries the
    letter, is printed unnumbered and put in the contents as it is, while the section counter
    reads the letter, so its sections are A.1, A.2 and a reference to it reads A.
    """
    command = {1: "section", 2: "subsection", 3: "subsubsection"}[level]
    lab = rf"\label{{{_safe_label(label)}}}" if label else ""
    if annex is not None and level == 1:
        letter = cell(annex)
        return (rf"\renewcommand{{\thesection}}{{{letter}}}\refstepcounter{{section}}"
                rf"\section*{{{cell(title)}}}\addcontentsline{{toc}}{{section}}{{{cell(title)}}}"
                rf"{lab}" + "\n")
    return rf"\{command}{{{cell(title)}}}{lab}" + "\n"
