"""What an indicator measures (the ``measure`` column of a province's ``indicators.csv``) and
the band a single value of each measure must lie in.

The measures are the enum of ``data/schema/indicators.schema.json``: ``growth_rate`` (% a year),
``change_pp`` (percentage points a year), ``share`` and ``coverage`` (per cent of a whole),
``level``, ``count`` and ``area``. A value outside its measure's band (:func:`plausible_band`)
is an error of its cell when the actuals are loaded (:mod:`analysis.data.actuals`); the checks
of a value against its own series are :mod:`analysis.data.plausibility`'s.
"""

from __future__ import annotations

#: The measures the product treats apart.
GROWTH_RATE, CHANGE_PP, SHARE, COVERAGE, LEVEL, COUNT, AREA = (
    "growth_rate", "change_pp", "share", "coverage", "level", "count", "area")
#: Measures whose values are percentages of a whole, bounded by 0 and 100.
BOUNDED_MEASURES = (SHARE, COVERAGE)
#: Measures whose values cannot be negative.
NON_NEGATIVE_MEASURES = (LEVEL, COUNT, AREA)
#: Shares of GRDP and coverage rates are percentages of a whole.
SHARE_MIN_PCT, SHARE_MAX_PCT = 0.0, 100.0
#: Plausible band for a growth rate in %/yr. Wide on purpose: tourist arrivals grew 103.2 % in
#: one post-COVID year; a value outside the band is almost surely a typo or a level in the
#: wrong column.
GROWTH_RATE_MIN_PCT, GROWTH_RATE_MAX_PCT = -60.0, 150.0
#: Plausible band for a change in percentage points a year.
CHANGE_PP_MIN, CHANGE_PP_MAX = -100.0, 100.0


def plausible_band(measure: str) -> tuple[float, float] | None:
    """Plausible (low, high) of a value of ``measure``, or None when unbounded."""
    if measure in BOUNDED_MEASURES:
        return SHARE_MIN_PCT, SHARE_MAX_PCT
    if measure == GROWTH_RATE:
        return GROWTH_RATE_MIN_PCT, GROWTH_RATE_MAX_PCT
    if measure == CHANGE_PP:
        return CHANGE_PP_MIN, CHANGE_PP_MAX
    if measure in NON_NEGATIVE_MEASURES:
        return 0.0, float("inf")
    return None
