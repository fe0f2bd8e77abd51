"""Periods and years: the one grammar of a period, the one rule of an annual value, the one way
a list of years is written.

A period (the ``period`` column of the actuals, ``data/schema/actuals.schema.json``) is

``YYYY``
    a calendar year (``2024``: 12 months);
``YYYY-nM``
    the first *n* months of a year, 1 ≤ *n* ≤ 11 (``2024-6M`` the first half, ``2024-9M`` nine
    months): a **partial** period, whose status is always ``partial-year``;
``YYYY-YYYY``
    several years, the first before the last (``2021-2023``: an average or a total over them,
    36 months): a **span**.

:class:`Period` parses and writes them; :data:`PERIOD_PATTERN` is the grammar, the same
regular expression as the schema's ``pattern`` (a test checks that the two agree). Every year
the product accepts, of a period, a publication date, a target or a scenario, lies in
:data:`YEAR_MIN`..:data:`YEAR_MAX` (the JSON and table schemas say the same: a test checks).

**An annual value** (:func:`is_annual`) is a value for one calendar year whose status is not
``partial-year``: ``2024-9M`` (part of a year) and ``2021-2025`` (several years) are not.

**A list of years** (:func:`format_years`) is written out year by year, unless it is one
unbroken run of three years or more, which is written as its first and last year:
``2020, 2022, 2023``; ``2021, 2022``; ``2020–2025``. A short run is not written as a range
because a range of years is how the report writes a multi-year period (``2021–2023``, an
average over those years): "2022–2023" among missing years would read as one. ``check``, the
report and the assessment's table all write their lists this way. (Rows of a worksheet are
another matter: :func:`analysis.data.excel_reader.spans` writes every run of rows as a range,
as a spreadsheet does, since a filter can hide hundreds of them.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from analysis.data.statuses import PARTIAL_STATUS
from analysis.errors import Problem
from analysis.i18n import t
from analysis.messages import text

if TYPE_CHECKING:  # pandas is imported by the callers that pass frames; not at start-up
    import pandas

#: Months in a calendar year.
MONTHS_PER_YEAR = 12
#: Earliest and latest year accepted anywhere: periods, publication dates, target years,
#: scenario years (the schemas' ``minimum`` and ``maximum`` of every year field).
YEAR_MIN, YEAR_MAX = 1990, 2100
#: The grammar of a period: ``YYYY``, ``YYYY-nM`` (n from 1 to 11) or ``YYYY-YYYY``; the
#: ``pattern`` of the actuals' ``period`` field.
PERIOD_PATTERN = r"^\d{4}(-([1-9]|1[01])M|-\d{4})?$"
#: :data:`PERIOD_PATTERN` with its parts named.
_PERIOD = re.compile(r"^(?P<first>\d{4})(?:-(?P<months>[1-9]|1[01])M|-(?P<last>\d{4}))?$")
#: A calendar year alone (the pattern an annual period matches).
_YEAR = r"\d{4}"
#: How a run of years is written (the report's en dash between the first and the last).
YEAR_RANGE_DASH = "–"
#: Shortest unbroken run of years written as a range (see the module docstring).
MIN_YEARS_AS_RANGE = 3


@dataclass(frozen=True)
class Period:
    """A period of the actuals: its first and last year and the months it covers.

    ``Period(2024, 2024, 12)`` is ``2024``, ``Period(2024, 2024, 9)`` is ``2024-9M``,
    ``Period(2021, 2023, 36)`` is ``2021-2023``.
    """

    first: int
    last: int
    months: int

    @classmethod
    def parse(cls, text: object) -> Period:
        """The period written ``text`` (surrounding spaces allowed).

        Raises
        ------
        ValueError
            When ``text`` does not follow :data:`PERIOD_PATTERN`, or is a span whose first year
            is not before its last (``2023-2021``, ``2021-2021``).
        """
        match = _PERIOD.fullmatch(str(text).strip())
        if match is None:
            raise ValueError(f"not a period: {text!r}")
        first = int(match["first"])
        if match["months"]:
            return cls(first, first, int(match["months"]))
        last = int(match["last"] or first)
        if match["last"] and last <= first:
            raise ValueError(f"a period that does not go forward: {text!r}")
        return cls(first, last, MONTHS_PER_YEAR * (last - first + 1))

    @classmethod
    def first_months(cls, year: int, months: int) -> Period:
        """The first ``months`` months of ``year`` (``2025-9M``)."""
        return cls(int(year), int(year), int(months))

    @property
    def is_partial(self) -> bool:
        """The first months of a year (``2024-9M``)."""
        return self.months < MONTHS_PER_YEAR

    @property
    def is_span(self) -> bool:
        """Several years (``2021-2023``)."""
        return self.last > self.first

    @property
    def is_year(self) -> bool:
        """One whole calendar year (``2024``)."""
        return not self.is_partial and not self.is_span

    def __str__(self) -> str:
        """As the data files write it: ``2024``, ``2024-9M``, ``2021-2023``."""
        if self.is_partial:
            return f"{self.first}-{self.months}M"
        if self.is_span:
            return f"{self.first}-{self.last}"
        return str(self.first)

    def text(self, lang: str) -> str:
        """As the report writes it: ``2024``; ``9T/2024`` / ``9M 2024``; ``2021–2023``."""
        if self.is_partial:
            return t("period.partial", lang, months=self.months, year=self.first)
        if self.is_span:
            return f"{self.first}{YEAR_RANGE_DASH}{self.last}"
        return str(self.first)


def period_text(period: object, lang: str) -> str:
    """:meth:`Period.text` of a period written ``period``; anything else as it is."""
    try:
        return Period.parse(period).text(lang)
    except ValueError:
        return str(period)


def last_year(period: object) -> int | None:
    """The last year a period covers (``2024-9M`` → 2024, ``2021-2023`` → 2023); None for
    what is not a period.
    """
    try:
        return Period.parse(period).last
    except ValueError:
        return None


def checked_period(period: str, where: dict, problems: list[Problem]) -> Period | None:
    """The period of a cell whose years lie in :data:`YEAR_MIN`..:data:`YEAR_MAX`, in order;
    None with a problem appended when they do not (None without one when the cell does not
    follow the grammar at all: the schema's pattern reports that).
    """
    match = _PERIOD.fullmatch(str(period).strip())
    if match is None:
        return None
    years = [int(y) for y in (match["first"], match["last"]) if y]
    if not all(YEAR_MIN <= y <= YEAR_MAX for y in years):
        problems.append(Problem(**where, message=text("msg.year.out_of_range"), found=period,
                                expected=year_bounds_text()))
        return None
    try:
        return Period.parse(period)
    except ValueError:
        problems.append(Problem(**where, message=text("msg.period.backwards"), found=period,
                                expected=text("msg.period.backwards.expected")))
        return None


def year_bounds_text():
    """What a year must be, for messages: between :data:`YEAR_MIN` and :data:`YEAR_MAX`."""
    return text("msg.year.between", low=YEAR_MIN, high=YEAR_MAX)


def is_annual(period: object, status: object) -> bool:
    """The rule for an annual value: a plain calendar year (``2024``) whose status is not
    partial-year. ``2024-9M`` (part of a year) and ``2021-2025`` (several years) are not.
    """
    return bool(re.fullmatch(_YEAR, str(period).strip())) and str(status) != PARTIAL_STATUS


def annual_mask(frame) -> pandas.Series:
    """:func:`is_annual` for every row of a frame with ``period`` and ``status`` columns."""
    period = frame["period"].astype(str).str.strip()
    return period.str.fullmatch(_YEAR) & (frame["status"].astype(str) != PARTIAL_STATUS)


def format_years(years: Iterable[int], dash: str = YEAR_RANGE_DASH, separator: str = ", ") -> str:
    """A list of years as ``check``, the report and the assessment's table write it (module
    docstring): ``[2020, 2022, 2023]`` → ``"2020, 2022, 2023"``; ``[2020, ..., 2025]`` →
    ``"2020–2025"``; ``[]`` → ``""``. ``dash`` and ``separator`` change the typography only
    (the assessment's CSV writes ``2021-2025`` and ``2021,2023``), never which years are shown
    as a range.
    """
    ordered = sorted({int(y) for y in years})
    if not ordered:
        return ""
    unbroken = ordered == list(range(ordered[0], ordered[-1] + 1))
    if unbroken and len(ordered) >= MIN_YEARS_AS_RANGE:
        return f"{ordered[0]}{dash}{ordered[-1]}"
    return separator.join(str(y) for y in ordered)
