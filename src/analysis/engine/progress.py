"""Progress classes: is a target met, and if not, is it on track? (``docs/methods.md`` §2–3).

**Met.** Whether the latest value meets the target depends on how the programme states it
(:func:`target_met`); the comparator is honoured, never rounded away:

================  ===============================================  =========================
comparator        wording                                          met when
================  ===============================================  =========================
``at_least``      "đạt X"                                          ``v ≥ X`` (``≤`` if lower)
``more_than``     "trên X"                                         ``v > X``
``less_than``     "dưới X"                                         ``v < X``
``at_most``       "không quá X"                                    ``v ≤ X``
``about``         "khoảng X"                                       within the tolerance
``range``         "X–Y" (a growth range)                           ``v ≥ X`` (the low end)
================  ===============================================  =========================

"Khoảng X" is met within a named tolerance: :data:`ABOUT_TOLERANCE_PP` percentage points for
shares and rates, :data:`ABOUT_TOLERANCE_PCT` per cent of X for levels. For a level or a
coverage rate the tolerance applies on the side that falls short (overshooting "khoảng 63.600
tỷ đồng" in the good direction is no failure). For a **share of GRDP** the target is a point
of a structure that adds up to 100, so it is two-sided: a share further than the tolerance from
X is not met, on either side (:data:`TWO_SIDED_KINDS`), and one that has moved past X in the
wanted direction is :data:`OVERSHOT`, not achieved.

**On track.** Otherwise the Eurostat rule as implemented by Open SDG: with ``d = +1`` where
higher is better and ``-1`` where lower is better,

    ``R = d * observed_pace / |target_pace|``

where ``target_pace`` is the pace that would reach the target from the base year. Thresholds of
Open SDG's ``sdg/ProgressMeasure.py`` (Statistics Canada) and Eurostat's SDG monitoring report:

==========================================  =============================
condition                                   class
==========================================  =============================
target met at t (:func:`target_met`)        :data:`ACHIEVED`
share past its target, wanted direction     :data:`OVERSHOT`
R ≥ ``ON_TRACK_MIN_RATIO`` (0.95)           :data:`ON_TRACK`
0.60 ≤ R < 0.95                             :data:`ACCELERATION_NEEDED`
0 ≤ R < 0.60                                :data:`INSUFFICIENT`
R < 0                                       :data:`MOVING_AWAY`
latest year is the target year, not met     :data:`NOT_ACHIEVED` (final review)
final review, no value for the target year   :data:`NO_TARGET_YEAR_VALUE`
one annual value since the base year        :data:`ONE_OBSERVATION`
average growth with too few annual rates    :data:`TOO_FEW_RATES`
no annual value since the base year         :data:`NO_DATA`
declared not measurable by the programme    :data:`NOT_MEASURABLE`
==========================================  =============================

A series whose only value since the base year is the base year's own has observed nothing
since the base: :data:`NO_DATA`, its base value kept for the record.

The UN Statistics Division's expected-value ratio ``P = (v_hat_T - v_b) / (v* - v_b)`` is a
cross-check (:func:`expected_value_ratio`); **the classes use R**. The two disagree on
compounding series (10 years at 9.5 % against 10 %: R = 0.95, P = 0.93).
"""

from __future__ import annotations

import numpy as np

from analysis.data.units import point_units

#: R at or above this: on track.
ON_TRACK_MIN_RATIO = 0.95
#: R at or above this (and below on track): progress, acceleration needed.
ACCELERATION_MIN_RATIO = 0.60
#: R at or above this (and below acceleration needed): insufficient progress; below: moving away.
INSUFFICIENT_MIN_RATIO = 0.0
#: Tolerance of "khoảng X" for values in per cent (shares, coverage, rates), in percentage
#: points: a judgement (docs/methods.md §2), small against the several points each share of
#: GRDP is asked to move over a decade, yet enough to absorb the rounding of a share stated to
#: one decimal and the revision of a provisional estimate.
ABOUT_TOLERANCE_PP = 0.5
#: Tolerance of "khoảng X" for levels (GRDP, areas, arrivals), in per cent of X: a judgement,
#: small against the gap to the level targets, enough to absorb the rounding of a "khoảng"
#: figure and the revision of a year-end estimate.
ABOUT_TOLERANCE_PCT = 2.0
#: Units whose values are per cent (or percentage points), judged with
#: :data:`ABOUT_TOLERANCE_PP`: the units table's (``data/schema/units.csv``, scale ``percent``
#: or ``points``).
PERCENT_UNITS = point_units()
#: Kinds of target whose "khoảng X" is two-sided: a point of a structure that adds up to 100.
TWO_SIDED_KINDS = ("share_of_grdp",)

ACHIEVED = "achieved"
OVERSHOT = "overshot"
ON_TRACK = "on_track"
ACCELERATION_NEEDED = "acceleration_needed"
INSUFFICIENT = "insufficient"
MOVING_AWAY = "moving_away"
NOT_ACHIEVED = "not_achieved"
ONE_OBSERVATION = "one_observation"
TOO_FEW_RATES = "too_few_rates"
NO_DATA = "no_data"
#: A target the programme declares cannot be measured any more (the district level was
#: abolished): counted apart, no verdict, no data asked for (``not_measurable`` in
#: ``programme.yaml``, with its reason).
NOT_MEASURABLE = "not_measurable"
#: A final review (the assessment year is the target year) without the target year's value:
#: the latest value and its gap are shown, no verdict is given.
NO_TARGET_YEAR_VALUE = "no_target_year_value"
#: Classes of a custom scenario's row (an assumption, not a verdict on the actuals).
SCENARIO_MEETS = "scenario_meets"
SCENARIO_FALLS_SHORT = "scenario_falls_short"

#: Classes of the traffic light from worst to best (the others are outside the order).
CLASS_ORDER = (MOVING_AWAY, INSUFFICIENT, ACCELERATION_NEEDED, ON_TRACK, ACHIEVED)
#: Every class a target row can have, in the order the report lists them.
CLASSES = (ACHIEVED, NOT_ACHIEVED, NO_TARGET_YEAR_VALUE, ON_TRACK, ACCELERATION_NEEDED,
           INSUFFICIENT, MOVING_AWAY, OVERSHOT, TOO_FEW_RATES, ONE_OBSERVATION, NO_DATA,
           NOT_MEASURABLE)
#: Classes of a target without any value to judge (outside the count "with data").
WITHOUT_DATA = (NO_DATA, NOT_MEASURABLE)
#: Comparators (the ``comparator`` column of a target catalogue).
COMPARATORS = ("at_least", "more_than", "less_than", "at_most", "about", "range")


def direction_sign(direction: str) -> int:
    """``+1`` for ``higher`` (higher is better), ``-1`` for ``lower``."""
    if direction == "higher":
        return 1
    if direction == "lower":
        return -1
    raise ValueError(f"direction must be 'higher' or 'lower', not {direction!r}")


def about_tolerance(target_value: float, unit: str, tolerance_pp: float = ABOUT_TOLERANCE_PP,
                    tolerance_pct: float = ABOUT_TOLERANCE_PCT) -> float:
    """Half-width of "khoảng X" in the unit of X: pp for per-cent units, else a share of X."""
    if unit in PERCENT_UNITS:
        return float(tolerance_pp)
    return abs(float(target_value)) * float(tolerance_pct) / 100.0


def target_met(value: float, target_value: float, comparator: str, sign: int, *,
               kind: str = "", unit: str = "", tolerance_pp: float = ABOUT_TOLERANCE_PP,
               tolerance_pct: float = ABOUT_TOLERANCE_PCT) -> bool:
    """Whether ``value`` meets the target as the programme states it (module docstring).

    Parameters
    ----------
    value, target_value : float
        The latest value and the target (for a range, its low end, or its high end where lower
        is better). NaN in either gives False.
    comparator : str
        One of :data:`COMPARATORS`.
    sign : int
        ``+1`` where higher is better, ``-1`` where lower is better.
    kind, unit : str
        The target's kind (two-sided for :data:`TWO_SIDED_KINDS`) and unit (the tolerance of
        "about").
    """
    v, x = float(value), float(target_value)
    if np.isnan(v) or np.isnan(x):
        return False
    gap = sign * (v - x)  # > 0: beyond the target in the good direction
    if comparator in ("at_least", "range"):
        return gap >= 0
    if comparator in ("more_than", "less_than"):
        return gap > 0
    if comparator == "at_most":
        return v <= x
    if comparator == "about":
        tol = about_tolerance(x, unit, tolerance_pp, tolerance_pct)
        if kind in TWO_SIDED_KINDS:
            return abs(v - x) <= tol
        return gap >= -tol
    raise ValueError(f"unknown comparator {comparator!r}; expected one of {COMPARATORS}")


def is_overshot(value: float, target_value: float, base_value: float, *,
                tolerance: float) -> bool:
    """A two-sided target passed in the direction it was approached from, beyond ``tolerance``.

    The wanted direction is the one from the base value to the target; a value past the target
    in that direction by more than the tolerance has overshot it.
    """
    v, x, b = float(value), float(target_value), float(base_value)
    if np.isnan(v) or np.isnan(x) or np.isnan(b) or x == b:
        return False
    wanted = np.sign(x - b)
    return bool(wanted * (v - x) > tolerance)


def progress_ratio(observed_pace, target_pace, sign):
    """Eurostat/Open SDG ratio ``R = d * observed / |target|``.

    Where the target pace is zero (the base already sits on the target), R is ``+inf`` or
    ``-inf`` by the sign of ``d * observed`` (0 when both are 0).
    """
    obs = np.asarray(observed_pace, dtype=float) * np.asarray(sign, dtype=float)
    tgt = np.abs(np.asarray(target_pace, dtype=float))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(tgt > 0, obs / np.where(tgt > 0, tgt, 1.0), np.sign(obs) * np.inf)
        ratio = np.where((tgt == 0) & (obs == 0), 0.0, ratio)
    return float(ratio) if ratio.ndim == 0 else ratio


def expected_value_ratio(base_value, expected_value, target_value):
    """UN SD cross-check ``P = (v_hat_T - v_b) / (v* - v_b)``; NaN where ``v* == v_b``."""
    vb = np.asarray(base_value, dtype=float)
    den = np.asarray(target_value, dtype=float) - vb
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(den != 0, (np.asarray(expected_value, dtype=float) - vb) / den, np.nan)
    return float(out) if out.ndim == 0 else out


def classify(
    ratio,
    achieved=False,
    on_track_min: float = ON_TRACK_MIN_RATIO,
    acceleration_min: float = ACCELERATION_MIN_RATIO,
    insufficient_min: float = INSUFFICIENT_MIN_RATIO,
):
    """Progress class from the ratio R (vectorised); NaN ratio and not achieved → ``no_data``.

    The thin-series classes (:data:`ONE_OBSERVATION`, :data:`TOO_FEW_RATES`) and
    :data:`OVERSHOT` are decided by the caller, which knows the series
    (:mod:`analysis.engine.assess`).
    """
    r = np.asarray(ratio, dtype=float)
    done = np.asarray(achieved, dtype=bool)
    out = np.select(
        [
            done,
            np.isnan(r),
            r >= on_track_min,
            r >= acceleration_min,
            r >= insufficient_min,
        ],
        [ACHIEVED, NO_DATA, ON_TRACK, ACCELERATION_NEEDED, INSUFFICIENT],
        default=MOVING_AWAY,
    )
    return str(out) if out.ndim == 0 else out.astype(object)
