"""Plausibility of the actual values against their own series and against related values.

The loaders check every cell on its own (a number, a unit, a share between 0 and 100). A value
can pass all of that and still be wrong: typed in the wrong unit (triệu for tỷ đồng, lượt for
nghìn lượt), ten or a thousand times off its own series, or inconsistent with a related value.
One such value flips a verdict without a word; if it has a more final status it even wins
over the right value. This module compares the values with each other. Every threshold is a
named constant below, with its reason.

The checks
----------
0. **Impossible values** (every candidate row). The units table ``data/schema/units.csv``
   (:mod:`analysis.data.units`) says of each unit whether a value must be above zero (``positive``:
   levels of money, population, arrivals, areas, shares of GRDP) or at least zero
   (``non_negative``: coverage rates, counts). A value outside is an **error** that no
   ``choice=use`` confirms (a GRDP of 0, or −0, is a blank cell read as 0, never a fact; the
   year-on-year check cannot see it, as a ratio to 0 means nothing). A unit where a 0 is real
   changes its row in the table, with the reason.
1. **Year on year** (measures in :data:`SERIES_MEASURES`). Each candidate row (every row not
   marked ``choice=ignore``, chosen or not) for a full year, or for the first *n* months of a
   year, is compared with the *chosen* values of the same indicator and the same kind of
   period (a year, or the same *n* months) in the nearest earlier and the nearest later year.
   With ``f = max(b/a, a/b)`` over a gap of ``g`` years:

   * an **error** (a wrong unit) when ``f ≥ UNIT_SLIP_FACTOR · WARN_FACTOR_PER_YEAR^(g−1)``;
   * a **warning** (large but possible) when ``f^(1/g) ≥ WARN_FACTOR_PER_YEAR``;
   * for shares and coverages, only when the change is also at least
     :data:`MIN_SHARE_CHANGE_PP` percentage points.

   Between two chosen values the problem is put on the odd one: the earlier value when it
   also disagrees with the value before it (or, first in its series, with the value after the
   pair) while the later one agrees with it, else the later value (the newer entry). A value
   blamed on both sides (a spike) is one problem naming both neighbours. **A value in error
   is no yardstick**: the errors are found first, and each value in error (unless confirmed)
   is taken out of its series before anything else is compared, so its neighbours are
   compared with each other and a correct row is never blamed for standing next to a typo
   (720 typed for 72 in 2026 does not make the 2025 row "off both neighbours"). A candidate
   that is not chosen is compared with the chosen values around it (those not in error) and
   carries its own problem. A message states the factor of its own severity only: an error
   never quotes a change below the error's threshold.
   The message names the row and both values, and the other candidates of the same period
   with the change each would give (the shipped GRDP per capita: 79 for 2025, +41 % on 55.89,
   chosen over 65.5, +17 %, by the later publication).
2. **Shares of GRDP of one period** (chosen values), for each structure of GRDP the
   province's ``indicators.csv`` declares (role ``grdp_share`` and the column
   ``grdp_structures``, :mod:`analysis.roles`: the statistics offices publish the structure in
   four parts, product taxes apart, or in three, product taxes counted with services): when every
   part is there, their sum must be 100 within :data:`SUM_WARN_PP` (warning) and
   :data:`SUM_ERROR_PP` (error); when parts are missing, the sum of the others must not exceed
   100 by more than those margins.
3. **A published multi-year average growth rate** (``2021-2023``, every candidate row of a
   growth-rate indicator) against the compound mean of the chosen annual rates of the years it
   covers, when each of those years has one: a difference beyond :data:`AVERAGE_WARN_PP` is a
   warning, beyond :data:`AVERAGE_ERROR_PP` an error (a ``more_than`` / ``less_than`` average
   is a problem only when the annual rates contradict the bound).

4. **A rate against its own history** (measures in :data:`RATE_MEASURES`: growth rates in % a
   year, changes in percentage points a year). Check 1 leaves rates out (they change size and
   sign for real), so a rate typed ten times too large (``75`` for ``7,5``) or as a fraction
   (``0.075`` or ``0,075`` for 7.5 %) would pass unseen and reverse a verdict. Each candidate
   rate of a year, or of the first months of a year, is compared with the chosen **annual**
   rates of the same indicator in the other years (at least :data:`RATE_MIN_HISTORY` of them),
   robustly: the centre is their median ``m``, the spread ``s`` is their median absolute
   deviation over 0.6745 (an estimate of the standard deviation that one wild year does not
   move), never below :data:`RATE_MIN_SPREAD_PP`; a value's distance is ``z = |x − m| / s``
   (Iglewicz and Hoaglin's modified z-score, as the uncertainty band's structural breaks,
   :mod:`analysis.engine.uncertainty`).

   * an **error** (certainly a typo) when the value read another way is a typical year of the
     series (``z ≤`` :data:`RATE_TYPICAL_Z`) while the value as typed is not: the value
     divided by 10 or 100 (:data:`RATE_SLIP_FACTORS`) when the value as typed is far out
     (``z ≥`` :data:`RATE_WARN_Z`), or, for a value below 1 in size, the value times 100 (a
     fraction typed where a per cent is expected; a fraction is small, so as typed it is only
     a few spreads from a series that crosses zero, and the test is where it falls against
     where its per-cent reading falls). The message gives the reading that fits;
   * a **warning** (unusual but possible) when ``z ≥`` :data:`RATE_WARN_Z` otherwise.

   The message names the years compared with and their values, the median and the spread.
   A rate ten times too *small* (``0,75`` for ``7,5``) is not an error: a real bad year looks
   the same. With fewer annual rates than :data:`RATE_MIN_HISTORY`, the series says too
   little and only the loader's band (:func:`analysis.data.measures.plausible_band`) applies.
   The shipped province's +24.88 % of 2016 (large hydropower plants coming on line) and
   −2.77 % of 2023 (a drought year for hydropower) are real and beyond :data:`RATE_WARN_Z`:
   the shipped data confirm them (``choice=use`` with the reason in ``note``).

Confirming an outlier
---------------------
A value that is right although it breaks its series is **confirmed** by the economist: write
``use`` in its ``choice`` column *and* the reason in its ``note`` column (``choice=use`` alone
is not enough: the note is the record of why). A confirmed row raises no error and no warning
in checks 1, 3 and 4, and a sum (check 2) with a confirmed part is not reported. A non-chosen
candidate that is wrong is better marked ``choice=ignore`` (or corrected).

Errors stop ``check``, ``assess`` and ``report`` (exit status 2); warnings are printed by
``check``, listed in the report's data annex under "Số liệu cần kiểm tra" and shown beside the
verdict they affect (:mod:`analysis.report.verify`).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.data import units, vocabulary
from analysis.data.measures import (
    AREA,
    BOUNDED_MEASURES,
    CHANGE_PP,
    COVERAGE,
    GROWTH_RATE,
    LEVEL,
    SHARE,
)
from analysis.data.periods import MONTHS_PER_YEAR, annual_mask
from analysis.data.selection import CHOICE_IGNORE, CHOICE_USE, choose_values
from analysis.engine.uncertainty import BREAK_MODIFIED_Z, MODIFIED_Z_FACTOR
from analysis.errors import ERROR, WARNING, InputError, Problem
from analysis.i18n import LANGUAGES
from analysis.messages import Num, Text, text
from analysis.roles import roles_of

#: Annualised factor beyond which a change deserves a second look (a warning): 1.3 is +30 % or
#: −23 % a year. The shipped province's own level series stay within it in ordinary years
#: (GRDP per capita +7 to +24 % a year in 2010–2024, real GRDP +25 % in the 2016 hydropower
#: year), while a post-COVID rebound or a source with another definition goes beyond it.
WARN_FACTOR_PER_YEAR = 1.3
#: Factor from which a value is an error, a wrong unit: √10 ≈ 3.16, the geometric midpoint
#: between "the same order of magnitude" (×1) and "a wrong unit" (×10). A value more than √10
#: times its neighbour is nearer, on a log scale, to a triệu/tỷ or lượt/nghìn lượt slip than to
#: its neighbour; a ×1000 slip is far beyond it. Over a gap of g years the warning factor is
#: allowed for each year beyond the first.
UNIT_SLIP_FACTOR = math.sqrt(10)
#: Shares and coverages: a change smaller than this (percentage points) is never flagged,
#: however large as a factor (a share going from 5.6 to 7.5 % is +34 % but under 2 pp).
MIN_SHARE_CHANGE_PP = 3.0
#: Measures checked year on year. Growth rates are left out (they change size and sign for
#: real: 24.9 % then 14.6 %; the loaders bound them), and so are counts (communes, towns and
#: districts are small whole numbers that move by large factors for real: 1 → 3 towns).
SERIES_MEASURES = (LEVEL, AREA, SHARE, COVERAGE)
#: A whole, in percent.
WHOLE_PCT = 100.0
#: Sum of the shares of GRDP: beyond ±1 pp of 100 a warning (published shares are rounded to
#: 0.01, so four of them add up to 100 ± 0.02); beyond ±5 pp an error (a share missing from
#: the sum or mistyped).
SUM_WARN_PP, SUM_ERROR_PP = 1.0, 5.0
#: A published average growth rate against the compound mean of the annual rates it covers:
#: beyond 0.2 pp a warning (rounding the annual rates, or averaging them arithmetically instead
#: of compounding, stays below it: 5.6, 7.7 and −2.77 % give 3.51 % arithmetic and 3.41 %
#: compound); beyond 2 pp an error (the average cannot summarise those annual figures).
AVERAGE_WARN_PP, AVERAGE_ERROR_PP = 0.2, 2.0
#: Measures whose values are rates, judged against their own history (check 4).
RATE_MEASURES = (GROWTH_RATE, CHANGE_PP)
#: Fewest annual rates of the other years a rate is compared with: the median and the median
#: absolute deviation of two values say nothing about which one is odd.
RATE_MIN_HISTORY = 3
#: Smallest spread of a series of rates, in percentage points: published rates are rounded to
#: 0.01 and a steady series (three years at 7.5 %) still moves by a point for real, so a series
#: whose values nearly agree does not make a 9 % year an outlier.
RATE_MIN_SPREAD_PP = 1.0
#: Robust z from which a rate is unusual (a warning): Iglewicz and Hoaglin's cut-off for
#: outliers, the one the uncertainty band uses for structural breaks.
RATE_WARN_Z = BREAK_MODIFIED_Z
#: Robust z of a typical year of a series: within one spread of its median (about two years in
#: three of a normal series). A value that is not typical while another reading of it is,
#: is that reading mistyped.
RATE_TYPICAL_Z = 1.0
#: The slips of the decimal mark that make a rate too large: 75 for 7,5 and 750 for 7,50.
RATE_SLIP_FACTORS = (10, 100)
#: A fraction is a per cent divided by this (0,075 for 7,5 %).
PERCENT_PER_WHOLE = 100
#: Qualifiers of a bound.
MORE_THAN, LESS_THAN = "more_than", "less_than"
#: Name of each check (in :attr:`Finding.check`).
CHECK_SERIES, CHECK_SUM, CHECK_AVERAGE = "series", "sum", "average"
CHECK_IMPOSSIBLE, CHECK_RATE = "impossible", "rate"
#: Values of the units table's ``lower_bound``: the test a value must pass (see check 0).
LOWER_BOUNDS = {"positive": lambda v: v > 0, "non_negative": lambda v: v >= 0,
                "none": lambda v: True}

Locate = Callable[[int, str], dict]


@dataclass(frozen=True)
class Finding(Problem):
    """A plausibility problem, with what it is about (for the report's verdict marks).

    Attributes
    ----------
    indicator_id, period : str
        The indicator and the period of the row the problem is put on.
    check : str
        :data:`CHECK_IMPOSSIBLE`, :data:`CHECK_SERIES`, :data:`CHECK_SUM`,
        :data:`CHECK_AVERAGE` or :data:`CHECK_RATE`.
    affects_used : bool
        True when the problem bears on values the assessment uses (chosen annual values), so
        that the verdict of the indicator's targets depends on it.
    """

    indicator_id: str = ""
    period: str = ""
    check: str = ""
    affects_used: bool = True


def review(actuals: pd.DataFrame, indicators: pd.DataFrame,
           locate: Locate | None = None) -> list[Finding]:
    """Every plausibility error and warning of the actual values (see the module docstring).

    Parameters
    ----------
    actuals : pandas.DataFrame
        As from :func:`analysis.data.actuals.load_actuals` (every candidate row).
    indicators : pandas.DataFrame
        The indicator catalogue (``indicator_id``, ``measure``, ``name_vi``, ``name_en``).
    locate : callable, optional
        ``locate(row, column)`` gives the location keywords of a :class:`Problem` (file, row,
        Excel cell, sheet); default: the ``source_file`` and the row.

    Returns
    -------
    list of Finding
        Errors first, then warnings, each in file order.
    """
    if actuals.empty:
        return []
    try:
        chosen = choose_values(actuals)
    except InputError:
        return []  # two rows marked 'use': reported by the selection when it runs
    ctx = _Context(actuals, chosen, indicators, locate)
    findings = (_impossible_findings(ctx) + _series_findings(ctx) + _sum_findings(ctx)
                + _average_findings(ctx) + _rate_findings(ctx))
    return sorted(findings, key=lambda f: (f.severity != ERROR, f.file, f.row or 0))


class _Context:
    """What the checks share: candidates, chosen values, indicator names, locations."""

    def __init__(self, actuals, chosen, indicators, locate):
        self.candidates = actuals.loc[actuals["choice"] != CHOICE_IGNORE]
        self.chosen = chosen
        self.by_period: dict[tuple[str, str], list] = {}
        for row in self.candidates.itertuples(index=False):
            self.by_period.setdefault((row.indicator_id, row.period), []).append(row)
        self.chosen_rows = set(zip(chosen["source_file"], chosen["source_row"], strict=True))
        ind = indicators.set_index("indicator_id")
        self.measure = ind["measure"].to_dict()
        self.unit = ind["unit"].to_dict()
        self.names = {i: {lang: str(r[f"name_{lang}"]) for lang in LANGUAGES}
                      for i, r in ind.iterrows()}
        self.locate = locate
        self.structures = roles_of(indicators).structures

    def where(self, row) -> dict:
        """Location of ``row``'s value cell."""
        if self.locate is not None:
            return self.locate(int(row.source_row), "value")
        return {"file": str(row.source_file), "row": int(row.source_row), "column": "value"}

    def label(self, row) -> Text:
        """``ô C5`` or ``dòng 5``: where a row's value is, for a message."""
        where = self.where(row)
        if where.get("cell"):
            return text("msg.where.cell", cell=where["cell"])
        return text("msg.where.row", row=int(row.source_row))

    def subject(self, indicator_id: str, period: str) -> Text:
        """``GRDP bình quân đầu người (grdp_per_capita_mn_vnd) 2025``."""
        return text("msg.plaus.subject", name=self.names.get(indicator_id, indicator_id),
                    indicator=indicator_id, period=period)

    def is_chosen(self, row) -> bool:
        """True when ``row`` is the value chosen for its indicator and period."""
        return (row.source_file, row.source_row) in self.chosen_rows


def _confirmed(row) -> bool:
    """A row the economist confirmed: ``choice=use`` and a note saying why."""
    return row.choice == CHOICE_USE and bool(str(row.note).strip())


def _confirm_hint(row, chosen: bool, check: str) -> Text:
    """What to do about a flagged row: for a published average that disagrees with the annual
    rates, a check of both (a wrong unit is not the likely cause); else a corrected value or
    unit, or the confirmation.
    """
    if row.choice == CHOICE_USE and not str(row.note).strip():
        return text("msg.plaus.confirm.needs_note")
    if check == CHECK_AVERAGE:
        return text("msg.plaus.confirm.average")
    if check == CHECK_RATE:
        return text("msg.plaus.confirm.rate" if chosen else "msg.plaus.confirm.rate.not_chosen")
    return text("msg.plaus.confirm" if chosen else "msg.plaus.confirm.not_chosen")


def _finding(ctx: _Context, row, severity: str, message: Text, check: str,
             affects_used: bool) -> Finding:
    """A :class:`Finding` on ``row``'s value cell; the value found is written the way the
    message's language writes numbers (``3,91`` in Vietnamese).
    """
    return Finding(**ctx.where(row), message=message, found=Num(float(row.value)),
                   expected=_confirm_hint(row, ctx.is_chosen(row), check), severity=severity,
                   indicator_id=str(row.indicator_id), period=str(row.period), check=check,
                   affects_used=affects_used)


# --------------------------------------------------------------------------------------------
# 0 impossible values


def _impossible_findings(ctx: _Context) -> list[Finding]:
    """Check 0: values the unit cannot take (an error; a confirmation does not lift it)."""
    bounds = units.unit_bounds()
    findings = []
    for row in ctx.candidates.itertuples(index=False):
        bound = bounds.get(str(row.unit), "none")
        if pd.isna(row.value) or LOWER_BOUNDS[bound](float(row.value)):
            continue
        message = text(f"msg.plaus.impossible.{bound}",
                       subject=ctx.subject(row.indicator_id, row.period),
                       value=Num(float(row.value)), unit=row.unit)
        findings.append(Finding(**ctx.where(row), message=message, found=Num(float(row.value)),
                                expected=text("msg.plaus.impossible.expected",
                                              file=units.UNITS_FILE.name),
                                severity=ERROR, indicator_id=str(row.indicator_id),
                                period=str(row.period), check=CHECK_IMPOSSIBLE,
                                affects_used=ctx.is_chosen(row)))
    return findings


# --------------------------------------------------------------------------------------------
# 1 year on year


def _kind(row) -> int | None:
    """Months of a full year or of the first months of a year; None for other periods."""
    if pd.isna(row.start_year) or row.start_year != row.year:
        return None
    return int(row.months)


def _judge(measure: str, a: float, b: float, gap: int) -> str | None:
    """ERROR, WARNING or None for the change from ``a`` to ``b`` over ``gap`` years."""
    if a <= 0 or b <= 0 or gap <= 0:
        return None
    if measure in BOUNDED_MEASURES and abs(b - a) < MIN_SHARE_CHANGE_PP:
        return None
    factor = max(b / a, a / b)
    if factor >= UNIT_SLIP_FACTOR * WARN_FACTOR_PER_YEAR ** (gap - 1):
        return ERROR
    if factor ** (1 / gap) >= WARN_FACTOR_PER_YEAR:
        return WARNING
    return None


def _change(base: float, value: float, gap: int) -> dict:
    """Message values of ``value`` against ``base`` over ``gap`` years, in percent."""
    total = (value / base - 1) * 100
    per_year = ((value / base) ** (1 / gap) - 1) * 100
    return {"change": Num(total, 0, signed=True), "per_year": Num(per_year, 0, signed=True),
            "years": gap, "factor": Num(max(value / base, base / value), 1)}


def _neighbour_text(ctx: _Context, row) -> Text:
    """``2024 (dòng 55: 55,89)``: a neighbour named in a message."""
    return text("msg.plaus.neighbour", period=row.period, where=ctx.label(row),
                value=Num(row.value))


def _alternatives(ctx: _Context, row, neighbour) -> list[Text]:
    """The other candidates of ``row``'s period with the change each gives from ``neighbour``."""
    out = []
    gap = abs(int(row.year) - int(neighbour.year))
    for other in ctx.by_period.get((row.indicator_id, row.period), []):
        if (other.source_file, other.source_row) == (row.source_file, row.source_row):
            continue
        if other.value <= 0 or neighbour.value <= 0:
            continue
        out.append(text("msg.plaus.alternative", value=Num(other.value), where=ctx.label(other),
                        change=_change(neighbour.value, other.value, gap)["change"],
                        chosen=text("msg.plaus.alternative.chosen") if ctx.is_chosen(other)
                        else ""))
    return out


def _gap(a, b) -> int:
    """Years between two rows."""
    return abs(int(a.year) - int(b.year))


def _flag(measure: str, a, b) -> str | None:
    """ERROR, WARNING or None for the change between rows ``a`` and ``b``."""
    return _judge(measure, float(a.value), float(b.value), _gap(a, b))


def _blame(measure: str, rows: list, i: int):
    """Which of the flagged pair ``rows[i]``, ``rows[i + 1]`` is the odd one.

    The earlier one when it also disagrees with the value before it (or, first in its series,
    with the value after the pair) while the later one agrees with that value; else the later
    one, the newer entry.
    """
    early, late = rows[i], rows[i + 1]
    before = rows[i - 1] if i > 0 else None
    after = rows[i + 2] if i + 2 < len(rows) else None
    if before is not None:
        early_odd = _flag(measure, before, early) and not _flag(measure, before, late)
    else:
        early_odd = (after is not None and _flag(measure, early, after)
                     and not _flag(measure, late, after))
    return early if early_odd else late


def _row_key(row) -> tuple:
    """A row's identity: its file and row number."""
    return (row.source_file, row.source_row)


def _judged_series(measure: str, rows: list, blame: Callable) -> list:
    """Judge one chosen series (sorted by year); return it without the values in error.

    The errors first, pass after pass: each pass blames the odd value of every pair in error
    and takes it out of the series (unless the economist confirmed it), so that the next pass
    compares its neighbours with each other, never with it: a value ten times off is no
    yardstick for the values beside it. Then the warnings, on the series without the values
    in error.
    """
    while True:
        odd = {}
        for i in range(len(rows) - 1):
            if _flag(measure, rows[i], rows[i + 1]) == ERROR:
                culprit = _blame(measure, rows, i)
                if not _confirmed(culprit):
                    blame(culprit, rows[i + 1] if culprit is rows[i] else rows[i], ERROR)
                    odd[_row_key(culprit)] = culprit
        if not odd:
            break
        rows = [r for r in rows if _row_key(r) not in odd]
    for i in range(len(rows) - 1):
        if _flag(measure, rows[i], rows[i + 1]) == WARNING:
            culprit = _blame(measure, rows, i)
            blame(culprit, rows[i + 1] if culprit is rows[i] else rows[i], WARNING)
    return rows


def _series_findings(ctx: _Context) -> list[Finding]:
    """Check 1: the chosen values of each series, then every other candidate, year on year;
    a value in error is never the neighbour another value is judged by.
    """
    series: dict[tuple[str, int], list] = {}  # (indicator, months) -> chosen rows by year
    for nb in ctx.chosen.itertuples(index=False):
        if ctx.measure.get(nb.indicator_id) in SERIES_MEASURES and _kind(nb) is not None \
                and not pd.isna(nb.value):
            series.setdefault((nb.indicator_id, _kind(nb)), []).append(nb)
    blamed: dict[tuple, tuple] = {}  # row id -> (row, [(neighbour, severity), ...])

    def blame(row, neighbour, severity):
        blamed.setdefault(_row_key(row), (row, []))[1].append((neighbour, severity))

    sound = {key: _judged_series(ctx.measure[key[0]], sorted(rows, key=lambda nb: nb.year),
                                 blame)
             for key, rows in series.items()}
    for row in ctx.candidates.itertuples(index=False):
        kind = _kind(row)
        measure = ctx.measure.get(row.indicator_id)
        if ctx.is_chosen(row) or measure not in SERIES_MEASURES or kind is None \
                or pd.isna(row.value):
            continue
        mine = [nb for nb in sound.get((row.indicator_id, kind), []) if nb.year != row.year]
        neighbours = [nb for nb in mine if nb.year < row.year][-1:] + \
                     [nb for nb in mine if nb.year > row.year][:1]
        for nb in neighbours:
            severity = _flag(measure, nb, row)
            if severity:
                blame(row, nb, severity)
    findings = [_series_finding(ctx, row, sides) for row, sides in blamed.values()]
    return [f for f in findings if f is not None]


def _series_finding(ctx: _Context, row, sides: list) -> Finding | None:
    """The finding put on ``row`` from its flagged comparisons (None when confirmed).

    Only the comparisons of the finding's own severity are named: an error states a factor
    beyond the error's threshold, never the smaller change on the value's other side.
    """
    if _confirmed(row):
        return None
    severity = ERROR if any(s[1] == ERROR for s in sides) else WARNING
    sides = sorted((s for s in sides if s[1] == severity), key=lambda s: s[0].year)
    subject = ctx.subject(row.indicator_id, row.period)
    if len(sides) == 2:  # off both its neighbours
        (p, _), (n, _) = sides
        factor = min(_change(p.value, row.value, _gap(p, row))["factor"].value,
                     _change(n.value, row.value, _gap(n, row))["factor"].value)
        message = text("msg.plaus.spike", subject=subject, value=Num(row.value),
                       prev=_neighbour_text(ctx, p), next=_neighbour_text(ctx, n),
                       factor=Num(factor, 1))
    else:
        ((nb, _),) = sides
        key = "msg.plaus.unit_slip" if severity == ERROR else "msg.plaus.jump"
        message = text(key, subject=subject, value=Num(row.value),
                       other=_neighbour_text(ctx, nb),
                       limit=Num((WARN_FACTOR_PER_YEAR - 1) * 100, 0, signed=True),
                       **_change(float(nb.value), float(row.value), _gap(nb, row)))
        alternatives = _alternatives(ctx, row, nb)
        if alternatives:
            message = text("msg.plaus.with_alternatives", message=message,
                           alternatives=alternatives)
    return _finding(ctx, row, severity, message, CHECK_SERIES,
                    ctx.is_chosen(row) and row.months == MONTHS_PER_YEAR)


# --------------------------------------------------------------------------------------------
# 2 shares of GRDP


def _sum_findings(ctx: _Context) -> list[Finding]:
    """Check 2: the shares of GRDP of each period add up to about 100."""
    findings = []
    chosen = ctx.chosen
    reported: set[frozenset] = set()  # the same parts belong to both structures
    for parts in ctx.structures.values():
        rows = chosen[chosen["indicator_id"].isin(parts)]
        for period, group in rows.groupby("period", sort=False):
            key = frozenset(zip(group["source_file"], group["source_row"], strict=True))
            finding = None if key in reported else _sum_finding(ctx, str(period), group, parts)
            if finding is not None:
                findings.append(finding)
                reported.add(key)
    return findings


def _sum_finding(ctx: _Context, period: str, group: pd.DataFrame,
                 parts: tuple[str, ...]) -> Finding | None:
    """The finding for one period's shares of one structure, or None."""
    total = float(group["value"].sum())
    present = set(group["indicator_id"])
    complete = present == set(parts)
    off = total - WHOLE_PCT
    if (not complete and off <= SUM_WARN_PP) or abs(off) <= SUM_WARN_PP:
        return None
    if any(_confirmed(r) for r in group.itertuples(index=False)):
        return None
    severity = ERROR if abs(off) > SUM_ERROR_PP else WARNING
    listed = [text("msg.plaus.part", name=ctx.names.get(r.indicator_id, r.indicator_id),
                   value=Num(r.value), where=ctx.label(r))
              for r in group.itertuples(index=False)]
    if complete:
        message = text("msg.plaus.sum", period=period, total=Num(total, 2), parts=listed)
    else:
        missing = [ctx.names.get(p, p) for p in parts if p not in present]
        message = text("msg.plaus.sum_partial", period=period, total=Num(total, 2),
                       parts=listed, missing=missing)
    last = max(group.itertuples(index=False), key=lambda r: r.source_row)
    return _finding(ctx, last, severity, message, CHECK_SUM, last.months == MONTHS_PER_YEAR)


# --------------------------------------------------------------------------------------------
# 3 published averages


def compound_mean_pct(rates_pct: Iterable[float]) -> float:
    """The compound mean of annual growth rates in % a year: ``(Π(1 + r/100))^(1/n) − 1``."""
    rates = list(rates_pct)
    product = math.prod(1 + r / 100 for r in rates)
    return (product ** (1 / len(rates)) - 1) * 100


def _average_findings(ctx: _Context) -> list[Finding]:
    """Check 3: each published multi-year average against the annual rates it covers."""
    findings = []
    chosen = ctx.chosen
    annual = chosen[annual_mask(chosen)]
    for row in ctx.candidates.itertuples(index=False):
        if (ctx.measure.get(row.indicator_id) != GROWTH_RATE or pd.isna(row.start_year)
                or row.start_year >= row.year or _confirmed(row)):
            continue
        years = range(int(row.start_year), int(row.year) + 1)
        mine = annual[annual["indicator_id"] == row.indicator_id].set_index("year")
        if not all(y in mine.index for y in years):
            continue
        rates = [float(mine.loc[y, "value"]) for y in years]
        compound = compound_mean_pct(rates)
        diff = float(row.value) - compound
        if row.qualifier == MORE_THAN:
            diff = max(diff, 0.0)
        elif row.qualifier == LESS_THAN:
            diff = min(diff, 0.0)
        if abs(diff) <= AVERAGE_WARN_PP:
            continue
        severity = ERROR if abs(diff) > AVERAGE_ERROR_PP else WARNING
        listed = [text("msg.plaus.rate", year=y, value=Num(r)) for y, r in zip(years, rates,
                                                                                strict=True)]
        message = text("msg.plaus.average", subject=ctx.subject(row.indicator_id, row.period),
                       value=Num(row.value), annual=listed, compound=Num(compound, 2),
                       diff=Num(float(row.value) - compound, 2, signed=True))
        findings.append(_finding(ctx, row, severity, message, CHECK_AVERAGE, True))
    return findings


# --------------------------------------------------------------------------------------------
# 4 rates against their own history


@dataclass(frozen=True)
class _History:
    """The annual rates a rate is compared with: their median and robust spread."""

    rows: tuple
    median: float
    spread: float

    @classmethod
    def of(cls, rows: list) -> _History:
        values = [float(r.value) for r in rows]
        median = statistics.median(values)
        mad = statistics.median(abs(v - median) for v in values)
        return cls(tuple(rows), median, max(mad / MODIFIED_Z_FACTOR, RATE_MIN_SPREAD_PP))

    def z(self, value: float) -> float:
        """How many spreads ``value`` lies from the median."""
        return abs(value - self.median) / self.spread


def _misreading(history: _History, value: float) -> tuple[float, str] | None:
    """The reading of ``value`` that is a typical year of ``history`` while the value as typed
    is not, with the key of the message that says which slip it is; else None (check 4).
    """
    z = history.z(value)
    if z <= RATE_TYPICAL_Z:
        return None
    readings = []
    if z >= RATE_WARN_Z:
        readings += [(value / f, "msg.plaus.rate_slip") for f in RATE_SLIP_FACTORS]
    if 0 < abs(value) < 1:
        readings.append((value * PERCENT_PER_WHOLE, "msg.plaus.rate_fraction"))
    fits = [(history.z(x), x, kind) for x, kind in readings if history.z(x) <= RATE_TYPICAL_Z]
    if not fits:
        return None
    _, reading, key = min(fits)
    return reading, key


def _rate_findings(ctx: _Context) -> list[Finding]:
    """Check 4: each rate of a year (or of its first months) against the annual rates of the
    other years of its series.
    """
    chosen = ctx.chosen
    annual = chosen[annual_mask(chosen) & chosen["indicator_id"].map(
        lambda i: ctx.measure.get(i) in RATE_MEASURES)]
    by_indicator = {i: list(g.sort_values("year").itertuples(index=False))
                    for i, g in annual.groupby("indicator_id", sort=False)}
    findings = []
    for row in ctx.candidates.itertuples(index=False):
        if (ctx.measure.get(row.indicator_id) not in RATE_MEASURES or _kind(row) is None
                or pd.isna(row.value) or _confirmed(row)):
            continue
        others = [r for r in by_indicator.get(row.indicator_id, [])
                  if r.year != row.year and not pd.isna(r.value)]
        if len(others) < RATE_MIN_HISTORY:
            continue
        finding = _rate_finding(ctx, row, _History.of(others))
        if finding is not None:
            findings.append(finding)
    return findings


def _rate_finding(ctx: _Context, row, history: _History) -> Finding | None:
    """The finding of one rate against its history, or None when it fits."""
    value = float(row.value)
    misread = _misreading(history, value)
    if misread is None and history.z(value) < RATE_WARN_Z:
        return None
    unit = vocabulary.word("unit", ctx.unit.get(row.indicator_id, ""))
    facts = {"subject": ctx.subject(row.indicator_id, row.period), "value": Num(value),
             "unit": unit, "history": [_neighbour_text(ctx, r) for r in history.rows],
             "median": Num(history.median, 2), "spread": Num(history.spread, 2),
             "z": Num(history.z(value), 1), "limit": Num(RATE_WARN_Z, 1)}
    annual_used = ctx.is_chosen(row) and row.months == MONTHS_PER_YEAR
    if misread is None:
        return _finding(ctx, row, WARNING, text("msg.plaus.rate_unusual", **facts), CHECK_RATE,
                        annual_used)
    reading, key = misread
    message = text(key, reading=Num(reading), **facts)
    if row.choice == CHOICE_USE:  # choice=use without a note
        confirm = _confirm_hint(row, ctx.is_chosen(row), CHECK_RATE)
    else:
        confirm = text("msg.plaus.rate_fix.confirm" if ctx.is_chosen(row)
                       else "msg.plaus.rate_fix.confirm.not_chosen")
    hint = text("msg.plaus.rate_fix", reading=Num(reading), confirm=confirm)
    return Finding(**ctx.where(row), message=message, found=Num(value), expected=hint,
                   severity=ERROR, indicator_id=str(row.indicator_id), period=str(row.period),
                   check=CHECK_RATE, affects_used=annual_used)
