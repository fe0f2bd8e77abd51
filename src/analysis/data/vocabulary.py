"""The data-entry vocabulary: Vietnamese words accepted in place of codes, and helper columns.

The data files store codes (``official``, ``more_than``, ``bn_vnd``); the people who type the
data read Vietnamese. The reader therefore accepts, in the columns of :data:`WORD_COLUMNS`,
either the code or its Vietnamese word, compared without regard to case, to surrounding spaces
or to the Unicode form of the accents:

Codes are matched without regard to case too (``Official`` is ``official``).

* ``status``: chính thức, sơ bộ, ước tính, báo cáo, một phần năm (the words the report prints,
  keys ``status.*`` of the translation table);
* ``qualifier``: chính xác, trên, khoảng, dưới (keys ``word.qualifier.*``);
* ``source_tier``: nguồn chính thống, báo Đảng và Nhà nước, báo chí khác, bản sao thứ cấp (the
  words the report prints, keys ``tier.*``);
* ``unit``: the report's unit words (tỷ đồng, lượt khách, %/năm, ...; keys ``unit.*``), where
  one word names one unit only.

The Excel template (:mod:`analysis.data.excel`) writes the Vietnamese words and offers both in
its dropdowns. It also adds read-only helper columns, :data:`HELPER_COLUMNS`, that show the
indicator's Vietnamese name and its unit in words beside the codes; the reader ignores them, in
a workbook and in a CSV saved from it.
"""

from __future__ import annotations

import functools
import unicodedata

from analysis.data.schema import field_enum
from analysis.i18n import DEFAULT_LANG, has, t

#: Columns whose cells may hold a Vietnamese word instead of the code, and the key prefix of
#: each code's word in the translation table.
WORD_COLUMNS = {"status": "status", "qualifier": "word.qualifier", "unit": "unit",
                "source_tier": "tier"}
#: The template's helper columns (shown, never read), by the column they stand beside: the key
#: of each one's header in the translation table (written in :data:`DEFAULT_LANG`).
HELPER_COLUMNS = {"indicator_id": "workbook.helper.indicator_name",
                  "unit": "workbook.helper.unit"}


#: Texts read as yes and as no: a yes/no cell of a workbook (``example`` in the commentary
#: sheet), a yes/no parameter of the report notebook. Compared in lower case.
TRUE_WORDS = ("true", "yes", "1", "có", "x", "on")
FALSE_WORDS = ("false", "no", "0", "không", "off")


def fold(value: str) -> str:
    """Compare words without regard to case, spaces or the Unicode form of the accents."""
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())


def word(column: str, code: str, lang: str = DEFAULT_LANG) -> str:
    """The word for ``code`` in ``column`` (the code itself when there is none)."""
    key = f"{WORD_COLUMNS[column]}.{code}"
    return (t(key, lang) if has(key) else "") or code


@functools.cache
def _codes_by_word(column: str) -> dict[str, str]:
    """Folded word → code for the codes of ``column`` in the actuals descriptor."""
    words: dict[str, list[str]] = {}
    codes = field_enum("actuals", column)
    for code in codes:
        w = word(column, code)
        if w != code:
            words.setdefault(fold(w), []).append(code)
    found = {w: c[0] for w, c in words.items() if len(c) == 1}
    found.update({fold(code): code for code in codes})  # "Official" is official
    return found


def words(column: str) -> list[str]:
    """The Vietnamese words of ``column``'s codes, in descriptor order."""
    known = _codes_by_word(column)
    return [w for code in field_enum("actuals", column)
            if (w := word(column, code)) != code and known.get(fold(w)) == code]


def to_code(column: str, value: str) -> str:
    """The code a cell of ``column`` means: the code for a Vietnamese word, else ``value``."""
    if column not in WORD_COLUMNS or not value:
        return value
    return _codes_by_word(column).get(fold(value), value)


def helper_header(column: str) -> str:
    """The header of the helper column beside ``column`` (``Tên chỉ tiêu (tự điền)``)."""
    return t(HELPER_COLUMNS[column], DEFAULT_LANG)


@functools.cache
def _helper_headers() -> frozenset[str]:
    return frozenset(fold(helper_header(c)) for c in HELPER_COLUMNS)


def is_helper(name: str) -> bool:
    """Tell whether a header cell is one of the template's helper columns."""
    return fold(name) in _helper_headers()
