"""Reading numbers typed the Vietnamese way, and formatting numbers for the report.

Reading
-------
Economists type numbers the Vietnamese way (CLDR locale ``vi``): a dot groups thousands and a
comma marks the decimals, so ``"63.600"`` is sixty-three thousand six hundred and ``"7,52"`` is
seven point five two. Files written by programs use machine numbers (``"63600"``, ``"7.52"``).
Both are read. Every cell is first given its two possible readings:

* the **Vietnamese reading**: :func:`babel.numbers.parse_decimal` with ``locale="vi"`` and
  ``strict=True`` (dot groups of exactly three digits, comma decimal: ``"1.205,7"``,
  ``"1.234.567"``, ``"7,52"``, ``"63600"``);
* the **dot-decimal reading**: a machine number (``"7.52"``, ``"63600"``, ``"1e-3"``) or an
  English-grouped number (``"1,205.7"``, ``"1,234,567"``).

A cell is then one of :data:`PLAIN` (no separator, or both readings agree: ``"63600"``),
:data:`VI` (only the Vietnamese reading is valid: ``"7,52"``, ``"1.205,7"``, ``"1.234.567"``),
:data:`DOT` (only the dot-decimal reading is valid: ``"7.52"``, ``"0.125"``, ``"1.2345"``,
``"1,205.7"``), :data:`AMBIGUOUS` or :data:`INVALID`.

**The ambiguous cells** are exactly those where both readings are valid and differ: a single
dot or a single comma followed by exactly three digits, after one to three leading digits that
do not start with 0 (``"63.600"``: 63600 or 63.6; ``"1,234"``: 1.234 or 1234; signs allowed).

**The rule, column by column.** How a column's ambiguous cells are read depends on the
column's other text cells (:func:`convention_of`): the column is :data:`DOT_DECIMAL` when its
:data:`DOT` cells outnumber its :data:`VI` and :data:`AMBIGUOUS` cells together (a column
written by a program, with a hand-typed cell among its machine decimals), else
:data:`VIETNAMESE` (typed the Vietnamese way, or only whole numbers).

* In a :data:`VIETNAMESE` column an ambiguous cell takes its Vietnamese reading: ``"63.600"``
  is 63600 and ``"1,234"`` is 1.234. A stray dot-decimal cell in it (``"7.52"``) still has
  only one reading and is read as such; when the column also holds ambiguous cells, the loader
  warns about the stray cell (it is the one typed differently), not about the
  correctly typed ``"850.000"``.
* In a :data:`DOT_DECIMAL` column an ambiguous cell is an error, never a guess: ``"63.600"``
  typed by hand into a machine-written file must not silently become 63.6, nor 63600. The
  message names the dot-decimal cells that made the column dot-decimal, so that the user can
  see whether they are the mistake. Write ``63600`` (or ``63,6`` / ``63.6`` for a decimal;
  ``1.2340`` for a decimal with three places).

Why by column and by count: one number typed the other way must not change how the rest of
the file is read, and the cell the message names must be the one that is typed differently.
Counting ambiguous cells on the Vietnamese side is deliberate: programs do not write thousands
separators, and rarely exactly three decimals, so a column full of ``"850.000"``-like cells was
typed by a person, in this product a Vietnamese one.

Cells typed as numbers in Excel are numbers already and are never ambiguous. Percent signs,
units and words are not accepted: the unit is a column of its own.

Formatting
----------
:func:`format_number`, :func:`format_percent` and :func:`format_pp` format with babel in the
report's language (``"vi"``: ``63.600``, ``7,52%``; ``"en"``: ``63,600``, ``7.52%``), following
CLDR (which writes the percent sign without a space in both languages, as the programme text
does: "chiếm 10,1%"). A missing value (None or NaN) is :data:`MISSING`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from analysis.errors import InputError, Problem
from analysis.i18n import LANGUAGES, t
from analysis.messages import MISSING, Num, Text, text

#: Cell kinds returned by :func:`classify_number`.
PLAIN, VI, DOT, AMBIGUOUS, INVALID = "plain", "vi", "dot", "ambiguous", "invalid"
#: File conventions returned by :func:`detect_convention`.
VIETNAMESE, DOT_DECIMAL = "vi", "dot_decimal"
#: Locale whose conventions are used for typed numbers.
INPUT_LOCALE = "vi"
#: What an input number should look like, for error messages.
EXPECTED_NUMBER = text("msg.number.expected")

_ALLOWED = re.compile(r"^[+-]?[0-9.,eE+-]*[0-9][0-9.,eE+-]*$")
_MACHINE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_EN_GROUPED = re.compile(r"^[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$")
#: Spaces people put around or inside numbers: space, no-break space, narrow no-break space.
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-"})


def _clean(text: str) -> str:
    """Strip outer spaces and map Unicode minus signs to ``-``; spaces grouping digits go too."""
    text = text.strip().translate(_MINUS_SIGNS)
    if re.fullmatch(r"[+-]?\d{1,3}([ \u00a0\u202f\u2009]\d{3})+([.,]\d+)?", text):
        text = _SPACES.sub("", text)
    return text


def _vi_reading(text: str) -> float | None:
    """Value of ``text`` read the Vietnamese way, or None when it is not a Vietnamese number."""
    try:
        return float(parse_decimal(text, locale=INPUT_LOCALE, strict=True))
    except (NumberFormatError, ValueError, ArithmeticError):
        return None


def _dot_reading(text: str) -> float | None:
    """Value of ``text`` read as a machine or English-grouped number, or None."""
    if _MACHINE.fullmatch(text):
        return float(text)
    if _EN_GROUPED.fullmatch(text):
        return float(text.replace(",", ""))
    return None


def readings(text: str) -> tuple[str, float | None, float | None]:
    """Classify a cell and give both of its readings.

    Parameters
    ----------
    text : str
        The cell as typed.

    Returns
    -------
    tuple of (str, float or None, float or None)
        The kind (:data:`PLAIN`, :data:`VI`, :data:`DOT`, :data:`AMBIGUOUS` or
        :data:`INVALID`), the Vietnamese reading and the dot-decimal reading.
    """
    text = _clean(str(text))
    if not _ALLOWED.fullmatch(text):
        return INVALID, None, None
    vi, dot = _vi_reading(text), _dot_reading(text)
    if vi is None and dot is None:
        kind = INVALID
    elif dot is None:
        kind = VI if re.search(r"[.,]", text) else PLAIN
    elif vi is None:
        kind = DOT
    else:
        kind = PLAIN if vi == dot else AMBIGUOUS
    return kind, vi, dot


def classify_number(text: str) -> str:
    """Classify a cell as PLAIN, VI, DOT, AMBIGUOUS or INVALID (see the module docstring)."""
    return readings(text)[0]


@dataclass(frozen=True)
class Convention:
    """How the ambiguous cells of one column are read (see the module docstring).

    Attributes
    ----------
    name : {"vi", "dot_decimal"}
        :data:`VIETNAMESE` or :data:`DOT_DECIMAL`.
    dot_cells : tuple of Text
        Up to :data:`EXAMPLES_SHOWN` of the column's dot-decimal cells (where and what), named
        in the messages: they decided a dot-decimal column, or they stand out in a Vietnamese
        one.
    n_dot : int
        Number of dot-decimal cells in the column.
    """

    name: str = VIETNAMESE
    dot_cells: tuple = ()
    n_dot: int = 0


#: Dot-decimal cells named in a message as examples.
EXAMPLES_SHOWN = 3


def convention_of(cells: Iterable[tuple[object, Text]]) -> Convention:
    """The convention of one column from its cells (see the module docstring).

    Parameters
    ----------
    cells : iterable of (cell, where)
        The column's cells and, for each, a :class:`~analysis.messages.Text` naming it
        (``ô C5`` / ``dòng 5``); non-strings (numbers typed in Excel, missing values) are
        ignored.

    Returns
    -------
    Convention
        :data:`DOT_DECIMAL` when the dot-decimal cells outnumber the Vietnamese and the
        ambiguous cells together, else :data:`VIETNAMESE`.
    """
    counts = {VI: 0, DOT: 0, AMBIGUOUS: 0}
    examples = []
    for cell, where in cells:
        if not isinstance(cell, str) or not cell.strip():
            continue
        kind = classify_number(cell)
        if kind in counts:
            counts[kind] += 1
        if kind == DOT and len(examples) < EXAMPLES_SHOWN:
            examples.append(text("msg.number.example", where=where, found=cell.strip()))
    name = DOT_DECIMAL if counts[DOT] > counts[VI] + counts[AMBIGUOUS] else VIETNAMESE
    return Convention(name, tuple(examples), counts[DOT])


def detect_convention(cells: Iterable[object]) -> str:
    """Convention of a set of number cells, without locations (see :func:`convention_of`).

    Parameters
    ----------
    cells : iterable
        Number cells; non-strings (numbers typed in Excel, missing values) are ignored.

    Returns
    -------
    str
        :data:`DOT_DECIMAL` or :data:`VIETNAMESE`.
    """
    return convention_of((c, text("msg.where.input")) for c in cells).name


def _problem(message: Text, found: str, expected: Text, **where: object) -> InputError:
    """One-problem :class:`InputError` located by ``where`` (file, row, column, cell)."""
    return InputError([Problem(message=message, found=found, expected=expected, **where)])


def parse_number(
    text_: object,
    *,
    file: str | None = None,
    row: int | None = None,
    column: str | None = None,
    cell: str | None = None,
    sheet: str | None = None,
    parameter: str | None = None,
    convention: str | Convention = VIETNAMESE,
) -> float:
    """Read one number typed the Vietnamese way or as a machine number.

    Parameters
    ----------
    text_ : str or number
        The cell. Numbers (e.g. typed as numbers in Excel) are returned as float.
    file, row, column, cell, sheet, parameter : optional
        Where the cell is, for the error message.
    convention : {"vi", "dot_decimal"} or Convention
        The column's convention (:func:`convention_of`). In a ``"dot_decimal"`` column an
        ambiguous cell (``"63.600"``, ``"1,234"``) is an error; otherwise it is read the
        Vietnamese way.

    Returns
    -------
    float

    Raises
    ------
    InputError
        With one :class:`~analysis.errors.Problem` when the cell is empty, not a number, or
        ambiguous.
    """
    if isinstance(convention, str):
        convention = Convention(convention)
    where = {"file": file or "", "row": row, "column": column, "cell": cell, "sheet": sheet,
             "parameter": parameter}
    expected = text("msg.number.expected")
    if isinstance(text_, bool):
        raise _problem(text("msg.number.invalid"), str(text_), expected, **where)
    if isinstance(text_, int | float | Decimal):
        value = float(text_)
        if math.isnan(value):
            raise _problem(text("msg.number.missing"), "", expected, **where)
        return value
    raw = "" if text_ is None else str(text_)
    if not raw.strip():
        raise _problem(text("msg.number.missing"), raw, expected, **where)
    kind, vi, dot = readings(raw)
    if kind == INVALID:
        raise _problem(text("msg.number.invalid"), raw, expected, **where)
    if kind == AMBIGUOUS:
        if convention.name == DOT_DECIMAL:
            message = (text("msg.number.ambiguous", n=convention.n_dot,
                            examples=list(convention.dot_cells), typed=raw.strip(), vi=Num(vi),
                            dot=Num(dot)) if convention.dot_cells else
                       text("msg.number.ambiguous.plain", typed=raw.strip(), vi=Num(vi),
                            dot=Num(dot)))
            raise _problem(
                message,
                raw,
                text("msg.number.ambiguous.expected" if convention.dot_cells
                     else "msg.number.ambiguous.expected_plain", vi=Num(vi), dot=Num(dot)),
                **where,
            )
        return vi
    return vi if vi is not None else dot


def _is_missing(x: object) -> bool:
    """Tell whether ``x`` is None or NaN."""
    return x is None or (isinstance(x, float) and math.isnan(x))


def _pattern(decimals: int) -> str:
    """Babel number pattern with grouping and exactly ``decimals`` decimals."""
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def _check_lang(lang: str) -> str:
    """Return ``lang`` if it is a report language, else raise ValueError."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown report language {lang!r}; expected one of {sorted(LANGUAGES)}")
    return lang


def format_number(x: float | None, lang: str, decimals: int = 0, signed: bool = False) -> str:
    """Format a number for the report: ``63.600`` (vi) or ``63,600`` (en).

    Parameters
    ----------
    x : float or None
        The value; None or NaN gives :data:`MISSING`.
    lang : {"vi", "en"}
        Report language.
    decimals : int
        Number of decimals shown (rounded half to even, as babel does).
    signed : bool
        Show a ``+`` before positive values.

    Returns
    -------
    str
    """
    _check_lang(lang)
    if _is_missing(x):
        return MISSING
    pattern = _pattern(decimals)
    if signed:
        pattern = f"+{pattern};-{pattern}"
    return format_decimal(x, format=pattern, locale=lang)


def format_percent(x: float | None, lang: str, decimals: int = 1, signed: bool = False) -> str:
    """Format a value already in percent units: 7.52 → ``7,52%`` (vi), ``7.52%`` (en).

    Parameters
    ----------
    x : float or None
        The value in percent (7.52 means 7.52 %); None or NaN gives :data:`MISSING`.
    lang : {"vi", "en"}
        Report language.
    decimals : int
        Number of decimals shown.
    signed : bool
        Show a ``+`` before positive values.

    Returns
    -------
    str
    """
    text = format_number(x, lang, decimals, signed)
    return text if text == MISSING else f"{text}%"


def format_pp(x: float | None, lang: str, decimals: int = 1, signed: bool = True) -> str:
    """Format percentage points: 1.5 → ``+1,5 điểm %`` (vi), ``+1.5 pp`` (en).

    Parameters
    ----------
    x : float or None
        Difference in percentage points; None or NaN gives :data:`MISSING`.
    lang : {"vi", "en"}
        Report language.
    decimals : int
        Number of decimals shown.
    signed : bool
        Show a ``+`` before positive values (default, since a gap has a direction).

    Returns
    -------
    str
    """
    text = format_number(x, lang, decimals, signed)
    return text if text == MISSING else f"{text}\u00a0{t('unit.pp', lang)}"
