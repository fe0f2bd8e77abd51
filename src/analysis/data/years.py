"""Which year an assessment or a report is about: a full year, or a year so far (mid-year).

The rule (:func:`plan_year`), for a requested year ``Y``:

1. ``Y`` must lie in the programme's period after its base year: ``base_year + 1`` ..
   ``target_year`` (2021..2030 for 26-CTr/TU). Anything else is refused: an assessment of 2019
   or of 2035 says nothing about a 2021–2030 programme.
2. ``Y`` up to the latest year with an annual value (a full-year period whose status is not
   ``partial-year``, any indicator): an **annual** assessment of ``Y``, with the values up to
   ``Y``.
3. A later ``Y`` with values for its first months (``Y-nM``): a **mid-year** report. The last
   full year (the latest year with an annual value, before ``Y``) is assessed; the values of
   ``Y`` so far are shown apart, against the same months of the year before where known
   (:mod:`analysis.report.midyear`). Partial values are never used as annual values.
4. A later ``Y`` with neither is refused, and the message names the latest year with annual
   values and the latest partial period.
5. Whatever was asked, the year assessed must come after the base year: when the latest year
   with annual values is the base year (a plan that has just begun), there is nothing of the
   programme's period to assess yet, and the request is refused before any report is
   rendered.

None asks for the latest year with an annual value (an annual assessment).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.data.periods import MONTHS_PER_YEAR, Period, annual_mask
from analysis.data.selection import choose_values
from analysis.errors import InputError, Problem
from analysis.messages import text


@dataclass(frozen=True)
class YearPlan:
    """What to assess for a requested year.

    Attributes
    ----------
    requested : int or None
        The year asked for (None: the latest with annual values).
    assessed : int
        The year the assessment uses values up to (a full year).
    midyear : int or None
        The year whose first months are reported apart (None for an annual report).
    partial_periods : tuple of str
        The partial periods of ``midyear`` (``("2026-6M", "2026-9M")``), empty otherwise.
    """

    requested: int | None
    assessed: int
    midyear: int | None = None
    partial_periods: tuple[str, ...] = ()

    @property
    def is_midyear(self) -> bool:
        """True for a mid-year report."""
        return self.midyear is not None

    @property
    def data_year(self) -> int:
        """The last year whose values the report shows (the mid-year's, else the assessed)."""
        return self.midyear or self.assessed

    @property
    def months(self) -> int | None:
        """The months of the mid-year's latest partial period (9 for ``2026-9M``), else None."""
        if not self.partial_periods:
            return None
        return Period.parse(self.partial_periods[-1]).months

    @property
    def period(self) -> str:
        """The report's own period: ``2025``, or ``2026-9M`` for a mid-year report (its
        commentary file is ``<period>.<lang>.md``).
        """
        if self.months is None:
            return str(self.assessed)
        return str(Period.first_months(self.midyear, self.months))


def _annual_years(chosen: pd.DataFrame) -> list[int]:
    """Years with an annual chosen value (full calendar year, status not partial-year)."""
    rows = chosen[annual_mask(chosen)]
    return sorted({int(y) for y in rows["year"]})


def _partial_periods(chosen: pd.DataFrame) -> pd.DataFrame:
    """Chosen values for the first months of a year."""
    return chosen[(chosen["start_year"] == chosen["year"]) & (chosen["months"] < MONTHS_PER_YEAR)]


def plan_year(actuals: pd.DataFrame, requested: int | None, base_year: int, target_year: int,
              file: str = "", parameter: str = "--year") -> YearPlan:
    """Decide what to assess for ``requested`` (see the module docstring).

    Parameters
    ----------
    actuals : pandas.DataFrame
        Every candidate row (as from :func:`analysis.data.actuals.load_actuals`).
    requested : int or None
        The year asked for.
    base_year, target_year : int
        The programme's base and target years.
    file : str
        The actuals file, named in messages.
    parameter : str
        The option or parameter that gave the year (``--year``, ``assessment_year``).

    Returns
    -------
    YearPlan

    Raises
    ------
    InputError
        A year outside ``base_year + 1 .. target_year``, a year with neither annual nor
        partial-year values, or no annual value at all.
    """
    where = {"file": str(file), "parameter": parameter}
    first = base_year + 1
    chosen = choose_values(actuals)
    annual = _annual_years(chosen)
    partial = _partial_periods(chosen)
    latest = annual[-1] if annual else None
    if requested is not None and not first <= requested <= target_year:
        # the year typed is wrong whatever the data hold: the parameter is named, not the file
        raise InputError([Problem(file="", parameter=parameter,
                                  message=text("msg.year.outside", year=requested,
                                               first=first, last=target_year),
                                  found=str(requested),
                                  expected=text("msg.year.outside.expected", first=first,
                                                last=target_year, base=base_year))])
    if latest is None:
        raise InputError([Problem(**where, message=text("msg.year.no_annual"),
                                  expected=text("msg.year.no_annual.expected"))])
    if requested is None or requested <= latest:
        return _after_base(YearPlan(requested, requested or latest), base_year, target_year,
                           latest, where)
    mine = partial[partial["year"] == requested]
    if mine.empty and latest <= base_year:  # nothing of the programme's period at all yet
        _after_base(YearPlan(requested, latest), base_year, target_year, latest, where)
    if mine.empty:
        later = partial[partial["year"] > latest]  # the years a mid-year report could be
        last_partial = later.sort_values(["year", "months"]).tail(1)["period"].tolist()
        expected = (text("msg.year.no_data.expected_partial", latest=latest,
                         partial=last_partial[0])
                    if last_partial else text("msg.year.no_data.expected", latest=latest))
        raise InputError([Problem(**where, message=text("msg.year.no_data", year=requested),
                                  found=str(requested), expected=expected)])
    periods = tuple(sorted(set(mine["period"]), key=lambda p: (Period.parse(p).months, p)))
    before = [y for y in annual if y < requested]
    return _after_base(YearPlan(requested, before[-1], requested, periods), base_year,
                       target_year, latest, where)


def _after_base(plan: YearPlan, base_year: int, target_year: int, latest: int,
                where: dict) -> YearPlan:
    """``plan``, unless the year it assesses is not after the base year (rule 5)."""
    if plan.assessed > base_year:
        return plan
    found = (str(plan.requested) if plan.requested is not None else
             text("msg.year.default_found", year=plan.assessed))  # no year typed: the default
    raise InputError([Problem(**where, message=text("msg.year.base", base=base_year),
                              found=found,
                              expected=text("msg.year.base.expected", first=base_year + 1,
                                            last=target_year, latest=latest))])


def target_year_of(targets: pd.DataFrame) -> int:
    """The programme's target year: the latest ``target_year`` of its catalogue."""
    return int(pd.to_numeric(targets["target_year"]).max())
