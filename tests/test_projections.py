"""analysis.engine.projections: paces and paths, checked against hand arithmetic."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.engine import projections as pj


def test_compound_growth_pct_by_hand():
    # (129 / 100) ** (1/4) - 1 = 1.065731 - 1 = 6.5731 %
    assert pj.compound_growth_pct(100, 129, 4) == pytest.approx(6.5731, abs=1e-4)
    # 100 -> 121 in 2 years = 10 % a year exactly
    assert pj.compound_growth_pct(100, 121, 2) == pytest.approx(10.0)
    assert np.isnan(pj.compound_growth_pct(100, 121, 0))
    assert np.isnan(pj.compound_growth_pct(0, 121, 2))
    out = pj.compound_growth_pct(np.array([100, 100]), np.array([121, 81]), 2)
    assert out == pytest.approx([10.0, -10.0])


def test_linear_pace_by_hand():
    # (51.87 - 50.5) / 3 = 0.456667 pp a year
    assert pj.linear_pace(50.5, 51.87, 3) == pytest.approx(0.456667, abs=1e-6)
    assert np.isnan(pj.linear_pace(1, 2, 0))


def test_paths():
    p = pj.growth_path(100, 2020, 2022, 10)
    assert list(p.index) == [2020, 2021, 2022] and list(p) == pytest.approx([100, 110, 121])
    q = pj.linear_path(50, 2020, 2023, 0.5)
    assert list(q) == pytest.approx([50, 50.5, 51, 51.5])
    # 100 * 1.12 = 112, * 1.14 = 127.68
    r = pj.path_by_yearly_growth(100, 2025, {2026: 12, 2027: 14})
    assert list(r.index) == [2025, 2026, 2027] and list(r) == pytest.approx([100, 112, 127.68])
    with pytest.raises(ValueError):
        pj.path_by_yearly_growth(100, 2025, {2027: 12})


def test_chain_growth_index_and_gap_rule():
    rates = pd.Series({2016: 24.88, 2021: 5.0, 2022: 10.0, 2024: 3.0})
    c = pj.chain_growth_index(rates, 2020)
    # 100 -> 105 -> 115.5, stops before the missing 2023; 2024 is ignored; 2016 is before the base
    assert c.base_year == 2020 and c.gap_year == 2023 and c.ignored_years == (2024,)
    assert list(c.index.index) == [2020, 2021, 2022]
    assert list(c.index) == pytest.approx([100, 105, 115.5])


def test_chain_starts_later_when_the_first_rate_is_missing():
    c = pj.chain_growth_index(pd.Series({2022: 10.0, 2023: 10.0}), 2020)
    assert c.base_year == 2021 and list(c.index) == pytest.approx([100, 110, 121])
    assert pj.chain_growth_index(pd.Series(dtype=float), 2020).base_year is None


@settings(max_examples=200)
@given(vt=st.floats(0.01, 1e6), ratio=st.floats(0.05, 20), years=st.integers(1, 15))
def test_a_path_at_the_required_growth_lands_on_the_target(vt, ratio, years):
    v_star = vt * ratio
    g = pj.compound_growth_pct(vt, v_star, years)
    assert pj.growth_path(vt, 2024, 2024 + years, g).iloc[-1] == pytest.approx(v_star, rel=1e-9)
    pace = pj.linear_pace(vt, v_star, years)
    assert pj.linear_path(vt, 2024, 2024 + years, pace).iloc[-1] == pytest.approx(
        v_star, rel=1e-9, abs=1e-9)
