"""analysis.engine.uncertainty: random walk with drift, band and probability."""

import math

import numpy as np
import pandas as pd
import pytest

from analysis.engine import uncertainty as un


def drift_from(rates):
    return un.estimate_drift(pd.Series(rates, index=range(2011, 2011 + len(rates))))


def test_estimate_drift_by_hand():
    # rates 0 % and 21 %: log growth 0 and ln 1.21 = 0.190620; mean 0.095310,
    # sd (ddof 1) = 0.190620 / sqrt(2) = 0.134789
    d = drift_from([0.0, 21.0])
    assert d.n == 2
    assert d.mean_log_growth == pytest.approx(0.095310, abs=1e-6)
    assert d.sd_log_growth == pytest.approx(0.134789, abs=1e-6)
    # drift as a rate: exp(0.095310) - 1 = 10 %
    assert d.mean_growth_pct == pytest.approx(10.0, abs=1e-4)
    assert un.estimate_drift(pd.Series([5.0], index=[2020])) is None


def test_moments_band_and_probability_by_hand():
    d = un.Drift(n=4, mean_log_growth=0.05, sd_log_growth=0.1, years=(1, 2, 3, 4))
    # h = 4: mean ln 100 + 0.2; var = 4 * 0.01 + 16 * 0.01 / 4 = 0.04 + 0.04 = 0.08
    mean, sd = un.log_moments(math.log(100), 4, d)
    assert mean == pytest.approx(math.log(100) + 0.2)
    assert sd == pytest.approx(math.sqrt(0.08))
    b = un.band(100, 2024, 2028, d)
    med = b[(b["year"] == 2028) & (b["quantile"] == 0.5)]["value"].iloc[0]
    # median = 100 * exp(0.2) = 122.1403
    assert med == pytest.approx(122.1403, abs=1e-3)
    q95 = b[(b["year"] == 2028) & (b["quantile"] == 0.95)]["value"].iloc[0]
    # 95th: 100 * exp(0.2 + 1.644854 * 0.282843) = 100 * exp(0.665237) = 194.50
    assert q95 == pytest.approx(194.50, abs=0.01)
    assert (b[b["year"] == 2024]["value"] == 100).all()
    # target exactly at the median: P = 0.5; one sd above: 1 - Phi(1) = 0.158655
    assert un.probability_met(100, 4, 122.1403, d) == pytest.approx(0.5, abs=1e-5)
    v1 = 100 * math.exp(0.2 + math.sqrt(0.08))
    assert un.probability_met(100, 4, v1, d) == pytest.approx(0.158655, abs=1e-6)
    # lower is better: the complement
    assert un.probability_met(100, 4, v1, d, sign=-1) == pytest.approx(0.841345, abs=1e-6)


def test_growth_history_prefers_stated_rates_and_uses_levels():
    levels = pd.Series({2010: 100.0, 2011: 110.0, 2012: 121.0, 2014: 130.0})
    rates = pd.Series({2012: 9.0, 2017: 14.57})
    h = un.growth_history(rates, levels, start_year=2011)
    # 2011 from levels (10 %), 2012 stated (9 %, not 10 %), 2014 has no 2013 level, 2017 stated
    assert list(h.index) == [2011, 2012, 2017]
    assert list(h) == pytest.approx([10.0, 9.0, 14.57])
    assert list(un.growth_history(rates, levels, 2012, 2016).index) == [2012]


def test_simulation_matches_the_analytic_moments():
    d = un.Drift(n=12, mean_log_growth=0.06, sd_log_growth=0.07, years=tuple(range(12)))
    paths = un.simulate_log_paths(100, 5, d, n_paths=10_000, rng=1)
    assert paths.shape == (10_000, 6) and (paths[:, 0] == 100).all()
    mean, sd = un.log_moments(math.log(100), 5, d)
    logs = np.log(paths[:, -1])
    # standard error of the mean sd/sqrt(10000) = 0.0017; of the sd about sd/sqrt(20000)
    assert logs.mean() == pytest.approx(mean, abs=0.01)
    assert logs.std() == pytest.approx(sd, rel=0.03)
