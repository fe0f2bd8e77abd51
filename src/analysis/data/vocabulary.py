"""The data-entry vocabulary: Vietnamese words accepted in place of codes, and helper columns.

The data files store codes (``official``, ``more_than``, ``bn_vnd``); the people who type the
data read Vietnamese. The reader therefore accepts, in the columns of :data:`WORD_COLUMNS`,
either the code or its Vietnamese word, compared without regard to case, to surrounding spaces
or to the Unicode form of the accents:

Codes are matched without regard to case too (``Official`` is ``official``).

* ``status``: chính thức, sơ bộ, ước tính, một phần năm, báo cáo (the words the report prints,
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

from analysis.i18n import has, t

#: Columns whose cells may hold a Vietnamese word instead of the code, and the key prefix of
#: each code's word in the translation table.
WORD_COLUMNS = {"status": "status", "qualifier": "word.qualifier", "unit": "unit",
                "source_tier": "tier"}
#: The template's helper columns (shown, never read), by the column they stand beside.
HELPER_COLUMNS = {"indicator_id": "Tên chỉ tiêu (tự điền)", "unit": "Đơn vị (tự điền)"}
#: The language of the words.
WORD_LANG = "vi"


def _fold(value: str) -> str:
    """Compare words without regard to case, spaces or the Unicode form of the accents."""
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())


def word(column: str, code: str, lang: str = WORD_LANG) -> str:
    """The word for ``code`` in ``column`` (the code itself when there is none)."""
    key = f"{WORD_COLUMNS[column]}.{code}"
    return (t(key, lang) if has(key) else "") or code


@functools.cache
def _codes_by_word(column: str) -> dict[str, str]:
    """Folded word → code for the codes of ``column`` in the actuals descriptor."""
    from analysis.data.loaders import field_enum

    words: dict[str, list[str]] = {}
    codes = field_enum("actuals", column)
    for code in codes:
        w = word(column, code)
        if w != code:
            words.setdefault(_fold(w), []).append(code)
    found = {w: c[0] for w, c in words.items() if len(c) == 1}
    found.update({_fold(code): code for code in codes})  # "Official" is official
    return found


def words(column: str) -> list[str]:
    """The Vietnamese words of ``column``'s codes, in descriptor order."""
    from analysis.data.loaders import field_enum

    known = _codes_by_word(column)
    return [w for code in field_enum("actuals", column)
            if (w := word(column, code)) != code and known.get(_fold(w)) == code]


def to_code(column: str, value: str) -> str:
    """The code a cell of ``column`` means: the code for a Vietnamese word, else ``value``."""
    if column not in WORD_COLUMNS or not value:
        return value
    return _codes_by_word(column).get(_fold(value), value)


def is_helper(name: str) -> bool:
    """Tell whether a header cell is one of the template's helper columns."""
    return _fold(name) in {_fold(h) for h in HELPER_COLUMNS.values()}
