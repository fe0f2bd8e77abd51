"""Values, paces, targets and periods written the way the report's language writes them.

Numbers go through :mod:`analysis.data.numbers` (babel, CLDR: ``63.600`` and ``7,52%`` in
Vietnamese, ``63,600`` and ``7.52%`` in English); unit words come from the translation table.
How many decimals each unit shows, and which units are written with ``%``, is the units table's
(``data/schema/units.csv``, :mod:`analysis.data.units`): a value is shown with as many decimals
as it has, up to that number (``51,87%``, ``50,5%``, ``56%``). Periods are written by
:mod:`analysis.data.periods`.
"""

from __future__ import annotations

import math

from analysis.data.numbers import MISSING, format_number, format_percent, format_pp
from analysis.data.periods import last_year, period_text
from analysis.data.statuses import PARTIAL_STATUS
from analysis.data.units import decimals_by_unit, percent_units
from analysis.i18n import has, t
from analysis.messages import Num

#: Most decimals shown for a value in each unit (the units table's).
DECIMALS_BY_UNIT = decimals_by_unit()
#: Decimals of a pace (growth in %/yr or change in pp/yr, or units a year).
PACE_DECIMALS = 2
#: Most decimals of a message's number written the report's way (the 15 significant digits a
#: message keeps on a terminal).
MESSAGE_DECIMALS = 15
#: Units written as a percentage, the number directly followed by % (the units table's).
PERCENT_SIGN_UNITS = percent_units()
#: Probabilities shown as "< 1%" and "> 99%" beyond these (a rounded 0 % or 100 % would claim a
#: certainty the model does not have).
PROBABILITY_FLOOR, PROBABILITY_CEILING = 0.005, 0.995


def is_missing(x: object) -> bool:
    """None, NaN or pandas NA."""
    if x is None:
        return True
    try:
        return bool(isinstance(x, float) and math.isnan(x)) or str(x) in ("<NA>", "nan")
    except TypeError:
        return False


def natural_decimals(x: float, most: int) -> int:
    """Fewest decimals (≤ ``most``) that show ``x`` as it is at ``most`` decimals."""
    for d in range(most + 1):
        if round(x, d) == round(x, most):
            return d
    return most


def number(x: float | None, lang: str, most: int = 2, fixed: int | None = None,
           signed: bool = False) -> str:
    """A number with ``fixed`` decimals, or its natural decimals up to ``most``."""
    if is_missing(x):
        return MISSING
    d = fixed if fixed is not None else natural_decimals(float(x), most)
    return minus(format_number(float(x), lang, d, signed=signed))


def message_number(n: Num, lang: str) -> str:
    """A message's number as the report writes numbers (:func:`analysis.messages.report_numbers`):
    its own decimals when it fixes them, else every decimal it has (:data:`MESSAGE_DECIMALS`).
    """
    return number(n.value, lang, most=MESSAGE_DECIMALS, fixed=n.decimals, signed=n.signed)


def minus(text: str) -> str:
    """Use the minus sign (U+2212) for a leading hyphen-minus: ``−2,77``."""
    return "\u2212" + text[1:] if text.startswith("-") else text


def value(x: float | None, unit: str, lang: str, fixed: int | None = None,
          signed: bool = False, bare: bool = False) -> str:
    """A value with its unit: ``51,87%``, ``63.600 tỷ đồng``, ``chỉ số 129,6``; ``bare``: the
    number alone, with the unit's decimals (for a table with a unit column).
    """
    if is_missing(x):
        return MISSING
    most = DECIMALS_BY_UNIT.get(unit, 2)
    text = number(x, lang, most, fixed, signed=signed)
    if bare:
        return text
    if unit in PERCENT_SIGN_UNITS:
        suffix = t("unit.per_year", lang) if unit == "pct_per_year" else ""
        return f"{text}%{suffix}"
    if unit == "index_base_100":
        return f"{text}"
    word = t(f"unit.{unit}", lang) if has_unit(unit) else unit
    if not word:
        return text
    return f"{text}{word}" if word.startswith("/") else f"{text}\u00a0{word}"


def has_unit(unit: str) -> bool:
    """Whether the translation table has words for ``unit``."""
    return has(f"unit.{unit}")


def growth(x: float | None, lang: str, decimals: int = PACE_DECIMALS, signed: bool = False,
           per_year: bool = True) -> str:
    """A growth rate: ``12,81%/năm`` (``12.81%/yr``), or ``12,81%`` with ``per_year=False``."""
    if is_missing(x):
        return MISSING
    text = minus(format_percent(float(x), lang, decimals, signed=signed))
    return text + (t("unit.per_year", lang) if per_year else "")


def pace(x: float | None, pace_unit: str, lang: str, signed: bool = False) -> str:
    """A pace in its unit: ``5,32%/năm``, ``+0,46 điểm %/năm``, ``50 ha/năm``."""
    if is_missing(x):
        return MISSING
    if pace_unit == "pct_per_year":
        return growth(x, lang, signed=signed)
    if pace_unit == "pp_per_year":
        value = number(x, lang, fixed=PACE_DECIMALS, signed=signed)
        return f"{value}\u00a0{t('unit.pp_per_year', lang)}"
    base = pace_unit.removesuffix("_per_year")
    most = max(DECIMALS_BY_UNIT.get(base, 1), 1)
    per = t("unit.per_year", lang)  # "/năm" / "/yr"
    word = t(f"unit.{base}", lang) if has_unit(base) else ""
    if word and not word.startswith("/"):
        return f"{number(x, lang, most, signed=signed)}\u00a0{word}{per}"
    return f"{number(x, lang, most, signed=signed)}{per}"


def probability(p: float | None, lang: str) -> str:
    """A probability in per cent, ``< 1%`` and ``> 99%`` at the ends: ``91%``."""
    if is_missing(p):
        return MISSING
    p = float(p)
    if p < PROBABILITY_FLOOR:
        return "< " + number(1, lang, fixed=0) + "%"
    if p > PROBABILITY_CEILING:
        return "> " + number(99, lang, fixed=0) + "%"
    return number(100 * p, lang, fixed=0) + "%"


def pp(x: float | None, lang: str, signed: bool = True) -> str:
    """Percentage points: ``+7,48 điểm %`` / ``+7.48 pp``."""
    return minus(format_pp(None if is_missing(x) else float(x), lang, PACE_DECIMALS,
                           signed=signed))


def target(row: dict, lang: str) -> str:
    """The target as the programme states it: ``9–11%/năm``, ``khoảng 63.600 tỷ đồng``."""
    unit, comparator = row["unit"], row["comparator"]
    if comparator == "range":
        low = number(row["low"], lang, DECIMALS_BY_UNIT.get(unit, 2))
        return t("comparator.range", lang, low=low, high=value(row["high"], unit, lang))
    if comparator == "at_most" and not is_missing(row["value"]) and float(row["value"]) == 0:
        return t("comparator.at_most.none", lang, value=value(0, unit, lang))  # "không còn"
    return t(f"comparator.{comparator}", lang, value=value(row["value"], unit, lang))


def qualified(x: float | None, unit: str, qualifier: str | None, lang: str,
              bare: bool = False) -> str:
    """A value with its qualifier: ``trên 40%``, ``khoảng 1.470.000 lượt khách``."""
    text = value(x, unit, lang, bare=bare)
    if text == MISSING or not qualifier or qualifier == "exact":
        return text
    return t(f"qualifier.{qualifier}", lang, value=text)


def shown_unit(unit: str, status: str | None) -> str:
    """The unit a value is printed in: a growth rate of the first months of a year
    (``partial-year``) is a change on the same months of the year before, not a rate a year,
    so it is printed in per cent (``5,54%``), never ``5,54%/năm``.
    """
    return "pct" if status == PARTIAL_STATUS and unit == "pct_per_year" else unit


def shown_value(v: dict, lang: str) -> str:
    """A value of the actuals (a row: ``value``, ``unit``, ``qualifier``, ``status``) as the
    report prints it: with its qualifier and unit (``khoảng 1.470.000 lượt khách``); a growth
    rate of part of a year (:func:`shown_unit`) says what it compares with:
    ``5,54% so với cùng kỳ`` (``5.54% year on year``).
    """
    unit = str(v["unit"])
    shown = shown_unit(unit, v.get("status"))
    text = qualified(v["value"], shown, v["qualifier"], lang)
    return t("value.same_period", lang, value=text) if shown != unit else text


def period(p: str, lang: str) -> str:
    """A period: ``2024``; ``9T/2024`` / ``9M 2024`` (first 9 months); ``2021–2023``."""
    return period_text(p, lang)


def period_end_year(p: str) -> int | None:
    """The last year a period covers (``2024-9M`` → 2024, ``2021-2023`` → 2023)."""
    return last_year(p)


def _code_word(prefix: str, code: str | None, lang: str) -> str:
    """The word for ``code`` under ``prefix`` in the translation table ('' when missing)."""
    if is_missing(code) or not code:
        return ""
    key = f"{prefix}.{code}"
    return t(key, lang) if has(key) else str(code)


def status(s: str | None, lang: str) -> str:
    """Status of a value in words (``ước tính`` / ``estimate``)."""
    return _code_word("status", s, lang)


def tier(s: str | None, lang: str) -> str:
    """Source tier in words (``bản sao thứ cấp`` / ``secondary copy``)."""
    return _code_word("tier", s, lang)
