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
    # the central path reaches 122.1403 in 2028. Target exactly there: P = 0.5; one sd above:
    # 1 - Phi(1) = 0.158655
    assert un.probability_met(122.1403, 4, 122.1403, d) == pytest.approx(0.5, abs=1e-5)
    v1 = 100 * math.exp(0.2 + math.sqrt(0.08))
    assert un.probability_met(122.1403, 4, v1, d) == pytest.approx(0.158655, abs=1e-5)
    # lower is better: the complement
    assert un.probability_met(122.1403, 4, v1, d, sign=-1) == pytest.approx(0.841345, abs=1e-5)


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


def test_structural_break_by_the_modified_z_score_rule():
    # log growth of 5 % (x5), 6 %, 4 % and one outlier of 30 %. ln 1.05 = 0.048790,
    # ln 1.06 = 0.058269, ln 1.04 = 0.039221, ln 1.30 = 0.262364. Median 0.048790, absolute
    # deviations 0 (x5), 0.009479, 0.009569, 0.213574 -> MAD = 0 (five zeros of eight).
    flat = pd.Series([5, 5, 5, 5, 5, 6, 4, 30.0], index=range(2011, 2019))
    assert un.structural_breaks(flat) == ()  # MAD 0: the rule cannot tell an outlier apart
    # rates 2, 4, 6, 8, 10 and 40 %: ln = 0.019803, 0.039221, 0.058269, 0.076961, 0.095310,
    # 0.336472; median (0.058269 + 0.076961) / 2 = 0.067615; absolute deviations 0.047812,
    # 0.028394, 0.009346, 0.009346, 0.027695, 0.268857 -> sorted 0.009346, 0.009346, 0.027695,
    # 0.028394, 0.047812, 0.268857; MAD = (0.027695 + 0.028394) / 2 = 0.028045
    # z(40 %) = 0.6745 * 0.268857 / 0.028045 = 6.466 > 3.5; z(2 %) = -1.150
    rates = pd.Series([2, 4, 6, 8, 10, 40.0], index=range(2011, 2017))
    z = un.modified_z_scores(rates)
    assert z[2016] == pytest.approx(6.466, abs=1e-3)
    assert z[2011] == pytest.approx(-1.150, abs=1e-3)
    assert un.structural_breaks(rates) == (2016,)


def test_drift_from_the_programme_window_and_volatility_without_the_break():
    # history: 2011-2016 as above (2016 = +40 %, a break); programme 2021-2023: 5 %, 0 %, 10 %
    history = pd.Series({2011: 2.0, 2012: 4.0, 2013: 6.0, 2014: 8.0, 2015: 10.0, 2016: 40.0,
                         2021: 5.0, 2022: 0.0, 2023: 10.0})
    window = un.drift_window(history, base_year=2020, last_year=2023)
    assert list(window.index) == [2021, 2022, 2023]
    d = un.estimate_random_walk(window, history)
    # drift = mean of ln 1.05, ln 1.00, ln 1.10 = (0.048790 + 0 + 0.095310) / 3 = 0.048033:
    # exactly the log of the observed average growth: (1.05 * 1.10) ** (1/3) = exp(0.048033)
    # = 1.049206
    assert d.n == 3 and d.years == (2021, 2022, 2023)
    assert d.mean_log_growth == pytest.approx(0.048033, abs=1e-6)
    assert d.mean_growth_pct == pytest.approx(4.9206, abs=1e-3)
    # break rule over all 9 rates: median ln 1.06 = 0.058269; the 9 absolute deviations are
    # 0.038466, 0.019048, 0, 0.018692, 0.037041, 0.278203, 0.009479, 0.058269, 0.037041;
    # sorted, the 5th is 0.037041 = MAD; z(2016) = 0.6745 * 0.278203 /
    # 0.037041 = 5.066 > 3.5, the only one beyond
    # volatility: the 8 rates without 2016. ln: 0.019803, 0.039221, 0.058269, 0.076961,
    # 0.095310, 0.048790, 0, 0.095310; mean 0.054208; squared deviations sum 0.008289;
    # / 7 = 0.0011842 -> sd 0.034412
    assert d.break_years == (2016,)
    assert 2016 not in d.volatility_years and len(d.volatility_years) == 8
    assert d.sd_log_growth == pytest.approx(0.034412, abs=1e-5)
    assert d.sd_with_breaks > d.sd_log_growth
    # a year of the drift window is never a break, however far out: 2022 at -30 %
    wild = history.copy()
    wild[2022] = -30.0
    assert 2022 not in un.estimate_random_walk(un.drift_window(wild, 2020, 2023),
                                               wild).break_years


def test_band_is_centred_on_the_path_it_is_given():
    d = un.Drift(n=5, mean_log_growth=0.05, sd_log_growth=0.04, years=(1, 2, 3, 4, 5))
    path = pd.Series({2025: 130.0, 2026: 137.0, 2027: 144.0})
    b = un.band_around(path, d)
    median = b[b["quantile"] == 0.5].set_index("year")["value"]
    assert list(median) == pytest.approx([130.0, 137.0, 144.0])
    # h = 2: sd = sqrt(2 * 0.0016 + 4 * 0.0016 / 5) = sqrt(0.00448) = 0.066933;
    # 95th: 144 * exp(1.644854 * 0.066933) = 144 * exp(0.110094) = 144 * 1.116383 = 160.759
    q95 = b[(b["year"] == 2027) & (b["quantile"] == 0.95)]["value"].iloc[0]
    assert q95 == pytest.approx(160.759, abs=0.001)
