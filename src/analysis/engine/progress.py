"""Progress classes: is a target on track? (the Eurostat rule as implemented by Open SDG).

Method (``shared/research/methods.md`` §2). With ``d = +1`` where higher is better and ``-1``
where lower is better, the progress ratio is

    ``R = d * observed_pace / |target_pace|``

where ``target_pace`` is the pace that would reach the target from the base year (compound
growth for levels, pp a year for shares and coverage, the stated pace for a pace target). The
class follows the thresholds of Open SDG's ``sdg/ProgressMeasure.py`` (Statistics Canada) and
Eurostat's SDG monitoring report, named here as parameters:

==========================================  ======================
condition                                   class
==========================================  ======================
target already met at t (d·(v_t − v*) ≥ 0)  ``achieved``
R ≥ ``ON_TRACK_MIN_RATIO`` (0.95)           ``on_track``
0.60 ≤ R < 0.95                             ``acceleration_needed``
0 ≤ R < 0.60                                ``insufficient``
R < 0                                       ``moving_away``
no annual actual since the base year        ``no_data``
==========================================  ======================

The UN Statistics Division's expected-value ratio ``P = (v_hat_T - v_b) / (v* - v_b)``, with
``v_hat_T`` the value reached in T at the observed pace, is computed as a cross-check
(:func:`expected_value_ratio`) but **the traffic light uses R**. The two disagree on compounding
series (10 years at 9.5 % against 10 %: R = 0.95, P = 0.93).
"""

from __future__ import annotations

import numpy as np

#: R at or above this: on track.
ON_TRACK_MIN_RATIO = 0.95
#: R at or above this (and below on track): progress, acceleration needed.
ACCELERATION_MIN_RATIO = 0.60
#: R at or above this (and below acceleration needed): insufficient progress; below: moving away.
INSUFFICIENT_MIN_RATIO = 0.0

ACHIEVED = "achieved"
ON_TRACK = "on_track"
ACCELERATION_NEEDED = "acceleration_needed"
INSUFFICIENT = "insufficient"
MOVING_AWAY = "moving_away"
NO_DATA = "no_data"

#: Classes from worst to best (``no_data`` is outside the order).
CLASS_ORDER = (MOVING_AWAY, INSUFFICIENT, ACCELERATION_NEEDED, ON_TRACK, ACHIEVED)
CLASSES = (*reversed(CLASS_ORDER), NO_DATA)


def direction_sign(direction: str) -> int:
    """``+1`` for ``higher`` (higher is better), ``-1`` for ``lower``."""
    if direction == "higher":
        return 1
    if direction == "lower":
        return -1
    raise ValueError(f"direction must be 'higher' or 'lower', not {direction!r}")


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


def is_achieved(latest_value, target_value, sign):
    """``d * (v_t - v*) >= 0`` (False where either value is missing)."""
    diff = np.asarray(latest_value, dtype=float) - np.asarray(target_value, dtype=float)
    with np.errstate(invalid="ignore"):
        out = np.asarray(sign, dtype=float) * diff >= 0
    return bool(out) if out.ndim == 0 else out


def classify(
    ratio,
    achieved=False,
    on_track_min: float = ON_TRACK_MIN_RATIO,
    acceleration_min: float = ACCELERATION_MIN_RATIO,
    insufficient_min: float = INSUFFICIENT_MIN_RATIO,
):
    """Progress class from the ratio R (vectorised); NaN ratio and not achieved → ``no_data``."""
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
