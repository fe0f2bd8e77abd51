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

**The rule.** A file's *convention* is :data:`DOT_DECIMAL` when any of its number cells is a
:data:`DOT` cell (the file contains machine or English decimals), else :data:`VIETNAMESE`.

* In a :data:`VIETNAMESE` file (Vietnamese-typed, or only whole numbers) an ambiguous cell takes
  its Vietnamese reading: ``"63.600"`` is 63600 and ``"1,234"`` is 1.234.
* In a :data:`DOT_DECIMAL` file an ambiguous cell is an error, never a guess: ``"63.600"``
  typed by hand into a machine-written file must not silently become 63.6. Write ``63600``
  (or ``63.6`` / ``63,6`` for a decimal; ``1.2340`` for a decimal with three places).

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
from decimal import Decimal

from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from analysis.errors import InputError, Problem

#: Cell kinds returned by :func:`classify_number`.
PLAIN, VI, DOT, AMBIGUOUS, INVALID = "plain", "vi", "dot", "ambiguous", "invalid"
#: File conventions returned by :func:`detect_convention`.
VIETNAMESE, DOT_DECIMAL = "vi", "dot_decimal"
#: Locale whose conventions are used for typed numbers.
INPUT_LOCALE = "vi"
#: Text shown for a missing value.
MISSING = "–"
#: Unit words for percentage points, by language.
PP_UNIT = {"vi": "điểm %", "en": "pp"}
#: What an input number should look like, for error messages.
EXPECTED_NUMBER = (
    "a number, typed the Vietnamese way (63.600 or 7,52) or as a plain number (63600 or 7.52)"
)

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


def detect_convention(cells: Iterable[object]) -> str:
    """Convention of a file from its number cells (see the module docstring).

    Parameters
    ----------
    cells : iterable
        The number cells of one file; non-strings (numbers typed in Excel, missing values) are
        ignored.

    Returns
    -------
    str
        :data:`DOT_DECIMAL` when any text cell has only a dot-decimal reading, else
        :data:`VIETNAMESE`.
    """
    for cell in cells:
        if isinstance(cell, str) and cell.strip() and classify_number(cell) == DOT:
            return DOT_DECIMAL
    return VIETNAMESE


def _problem(message: str, found: str, expected: str, **where: object) -> InputError:
    """One-problem :class:`InputError` located by ``where`` (file, row, column, cell)."""
    return InputError([Problem(message=message, found=found, expected=expected, **where)])


def parse_number(
    text: object,
    *,
    file: str | None = None,
    row: int | None = None,
    column: str | None = None,
    cell: str | None = None,
    convention: str = VIETNAMESE,
) -> float:
    """Read one number typed the Vietnamese way or as a machine number.

    Parameters
    ----------
    text : str or number
        The cell. Numbers (e.g. typed as numbers in Excel) are returned as float.
    file, row, column, cell : optional
        Where the cell is, for the error message.
    convention : {"vi", "dot_decimal"}
        The file's convention from :func:`detect_convention`. In a ``"dot_decimal"`` file an
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
    where = {"file": file or "", "row": row, "column": column, "cell": cell}
    if isinstance(text, bool):
        raise _problem("not a number", str(text), EXPECTED_NUMBER, **where)
    if isinstance(text, int | float | Decimal):
        value = float(text)
        if math.isnan(value):
            raise _problem("missing number", "", EXPECTED_NUMBER, **where)
        return value
    raw = "" if text is None else str(text)
    if not raw.strip():
        raise _problem("missing number", raw, EXPECTED_NUMBER, **where)
    kind, vi, dot = readings(raw)
    if kind == INVALID:
        raise _problem("not a number", raw, EXPECTED_NUMBER, **where)
    if kind == AMBIGUOUS:
        if convention == DOT_DECIMAL:
            raise _problem(
                "ambiguous number: this file also holds dot-decimal numbers (like 7.52), so "
                f"{raw.strip()} could be {vi:.15g} or {dot:.15g}",
                raw,
                f"the intended value written unambiguously: {_unambiguous(vi)} or "
                f"{_unambiguous(dot)}",
                **where,
            )
        return vi
    return vi if vi is not None else dot


def _unambiguous(x: float) -> str:
    """Machine rendering of ``x`` that no reader can misread (``63600``, ``63.6``, ``1.2340``)."""
    text = f"{x:.15g}"
    return text + "0" if classify_number(text) == AMBIGUOUS else text


def _is_missing(x: object) -> bool:
    """Tell whether ``x`` is None or NaN."""
    return x is None or (isinstance(x, float) and math.isnan(x))


def _pattern(decimals: int) -> str:
    """Babel number pattern with grouping and exactly ``decimals`` decimals."""
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def _check_lang(lang: str) -> str:
    """Return ``lang`` if it is a report language, else raise ValueError."""
    if lang not in PP_UNIT:
        raise ValueError(f"unknown report language {lang!r}; expected one of {sorted(PP_UNIT)}")
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
    return text if text == MISSING else f"{text}\u00a0{PP_UNIT[lang]}"
