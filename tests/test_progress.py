"""analysis.engine.progress: the ratio R, the cross-check P and the classes."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.engine import progress as pg


def test_thresholds_are_the_open_sdg_ones():
    assert (pg.ON_TRACK_MIN_RATIO, pg.ACCELERATION_MIN_RATIO, pg.INSUFFICIENT_MIN_RATIO) == (
        0.95, 0.60, 0.0)


@pytest.mark.parametrize("ratio, cls", [
    (1.2, "on_track"), (0.95, "on_track"), (0.9499, "acceleration_needed"),
    (0.60, "acceleration_needed"), (0.5999, "insufficient"), (0.0, "insufficient"),
    (-0.01, "moving_away"), (float("nan"), "no_data"), (float("-inf"), "moving_away"),
])
def test_classify_boundaries(ratio, cls):
    assert pg.classify(ratio) == cls


def test_achieved_wins_and_thresholds_are_parameters():
    assert pg.classify(-3, achieved=True) == "achieved"
    assert pg.classify(0.9, on_track_min=0.9) == "on_track"
    out = pg.classify(np.array([1.0, 0.7, 0.1, -1.0]), np.array([False, False, False, True]))
    assert list(out) == ["on_track", "acceleration_needed", "insufficient", "achieved"]


def test_ratio_and_expected_value_ratio_by_hand():
    # worked example: R = 6.5731 / 10
    assert pg.progress_ratio(6.5731, 10, 1) == pytest.approx(0.65731)
    # lower is better: observed -0.5 pp/yr against -0.39 -> R = 0.5 / 0.39 = 1.28205
    assert pg.progress_ratio(-0.5, -0.39, -1) == pytest.approx(1.282051, abs=1e-6)
    # zero target pace: the sign decides
    assert pg.progress_ratio(-1, 0, 1) == float("-inf")
    # methods.md: 10 years at 9.5 % against 10 %: R = 0.95, P = (1.095**10 - 1)/(1.1**10 - 1)
    # = (2.478228 - 1) / (2.593742 - 1) = 1.478228 / 1.593742 = 0.9275 (0.93)
    assert pg.progress_ratio(9.5, 10, 1) == pytest.approx(0.95)
    assert pg.expected_value_ratio(1, 1.095**10, 1.1**10) == pytest.approx(0.9275, abs=1e-4)
    assert np.isnan(pg.expected_value_ratio(1, 2, 1))


@pytest.mark.parametrize("value, met", [(95.0, False), (95.1, True), (94.0, False)])
def test_more_than_is_met_only_above(value, met):
    # "trên 95%": 95 is not above 95
    assert pg.target_met(value, 95, "more_than", 1, kind="coverage_pct", unit="pct") is met


@pytest.mark.parametrize("value, met", [(2.0, False), (1.9, True)])
def test_less_than_is_met_only_below(value, met):
    # "dưới 2%" where lower is better
    assert pg.target_met(value, 2.0, "less_than", -1, kind="coverage_pct", unit="pct") is met


def test_at_least_and_at_most_include_the_value():
    assert pg.target_met(56, 56, "at_least", 1)
    assert pg.target_met(10.0, 10.1, "at_least", -1) and not pg.target_met(10.2, 10.1,
                                                                          "at_least", -1)
    assert pg.target_met(3, 3, "at_most", -1) and not pg.target_met(3.01, 3, "at_most", -1)


def test_about_a_share_is_two_sided_within_half_a_point():
    # "khoảng 33,4%" of GRDP: tolerance 0.5 pp on either side
    kw = dict(kind="share_of_grdp", unit="pct_of_grdp")
    assert pg.ABOUT_TOLERANCE_PP == 0.5
    assert pg.target_met(33.0, 33.4, "about", 1, **kw)  # 0.4 pp below: within
    assert not pg.target_met(36.3, 33.4, "about", 1, **kw)  # 2.9 pp above: overshot
    assert not pg.target_met(32.8, 33.4, "about", 1, **kw)  # 0.6 pp below: not yet
    # 36.3 came from a base of 30 towards 33.4: past the target in the wanted direction
    assert pg.is_overshot(36.3, 33.4, 30.0, tolerance=0.5)
    assert not pg.is_overshot(33.8, 33.4, 30.0, tolerance=0.5)
    assert not pg.is_overshot(36.3, 33.4, 40.0, tolerance=0.5)  # coming from above: not past


def test_about_a_level_tolerates_two_percent_short_and_any_overshoot():
    # "khoảng 63.600 tỷ đồng": 2 % of 63,600 = 1,272
    assert pg.target_met(62_400, 63_600, "about", 1, kind="level", unit="bn_vnd")
    assert not pg.target_met(62_300, 63_600, "about", 1, kind="level", unit="bn_vnd")
    assert pg.target_met(70_000, 63_600, "about", 1, kind="level", unit="bn_vnd")
    assert pg.about_tolerance(63_600, "bn_vnd") == pytest.approx(1272)


def test_direction_sign():
    assert pg.direction_sign("higher") == 1 and pg.direction_sign("lower") == -1
    with pytest.raises(ValueError):
        pg.direction_sign("up")


@settings(max_examples=300)
@given(base=st.sampled_from([0.0, 0.60, 0.95]), offset=st.floats(-0.05, 0.05),
       step=st.floats(-1e-3, 1e-3))
def test_near_each_threshold_a_small_change_moves_at_most_one_class(base, offset, step):
    a, b = pg.classify(base + offset), pg.classify(base + offset + step)
    assert abs(pg.CLASS_ORDER.index(a) - pg.CLASS_ORDER.index(b)) <= 1
