"""Uncertainty band for a compound series: log level as a random walk with drift.

Method (``shared/research/methods.md`` §3). From the province's own annual growth rates
``g_1..g_n`` take the log growth ``x_i = ln(1 + g_i / 100)``, their mean ``ĝ`` and sample
standard deviation ``σ̂`` (``ddof = 1``). Then, h years after the latest year t,

    ``ln Y_{t+h} ~ Normal(ln Y_t + h·ĝ, h·σ̂² + h²·σ̂²/n)``

(the second variance term is the uncertainty of the estimated drift). Quantile q of the band is
``exp(mean + sd · Φ⁻¹(q))`` and the probability that the target ``v*`` is met in year T is
``1 − Φ((ln v* − mean) / sd)`` (``Φ((ln v* − mean) / sd)`` where lower is better).

Which growth history the drift is estimated from is a named choice
(:data:`GROWTH_HISTORY_START`): by default every annual growth rate from 2011 to the assessment
year that the data hold, taken from the growth-rate series where it has a value and otherwise
from consecutive annual levels of a level series at constant prices (for Lai Châu: levels
2010–2016 at constant 2010 prices give 2011–2016, the single-year rates give 2016, 2017,
2021–2025). Missing years are simply absent from the sample: a random walk's increments need
not be consecutive.

Caveats the report must state: Lai Châu's growth swings with hydropower (+24.88 % in 2016,
−2.77 % in 2023), so the band is wide; official provincial series are smoothed, so even this band
understates the uncertainty; the band is symmetric in logs (the Bank of England's two-piece
normal would add a balance of risks). :func:`simulate_log_paths` draws the same distribution by
simulation (drift drawn once per path from its sampling distribution, then Gaussian shocks).

The normal distribution function Φ and its inverse come from the standard library
(:func:`math.erfc`, :meth:`statistics.NormalDist.inv_cdf`, Wichura's AS 241, accurate to about
1e-16), applied element by element: the arrays here hold a few dozen numbers, and importing
``scipy.special`` for them would cost the report's kernel 0.1–0.2 s.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

#: First year of the growth history the drift and volatility are estimated from.
GROWTH_HISTORY_START = 2011
#: Fewer annual growth rates than this: no band and no probability.
MIN_HISTORY_YEARS = 5
#: Quantiles drawn for the 50 % and 90 % bands (and the median).
BAND_QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
#: Number of simulated paths in :func:`simulate_log_paths`.
N_SIMULATED_PATHS = 10_000


_SQRT2 = math.sqrt(2.0)
_STANDARD_NORMAL = NormalDist()


def _upper_tail_scalar(z: float) -> float:
    """``1 − Φ(z)`` as ``erfc(z/√2)/2`` (no cancellation for large z; NaN stays NaN)."""
    return 0.5 * math.erfc(z / _SQRT2)


def _inv_cdf_scalar(q: float) -> float:
    """Φ⁻¹(q); −inf at 0, +inf at 1, NaN outside [0, 1] (as ``scipy.special.ndtri``)."""
    if math.isnan(q):  # tested first: an ordered comparison with NaN sets the FPU's invalid flag
        return math.nan
    if 0.0 < q < 1.0:
        return _STANDARD_NORMAL.inv_cdf(q)
    if q == 0.0:
        return -math.inf
    if q == 1.0:
        return math.inf
    return math.nan


_upper_tail = np.vectorize(_upper_tail_scalar, otypes=[float])
_inv_cdf = np.vectorize(_inv_cdf_scalar, otypes=[float])


def norm_cdf(z):
    """Φ(z), the standard normal distribution function, element by element."""
    return _upper_tail(-np.asarray(z, dtype=float))


def norm_sf(z):
    """1 − Φ(z), element by element (accurate in the upper tail)."""
    return _upper_tail(np.asarray(z, dtype=float))


def norm_ppf(q):
    """Φ⁻¹(q), the standard normal quantile function, element by element."""
    return _inv_cdf(np.asarray(q, dtype=float))


@dataclass(frozen=True)
class Drift:
    """Random-walk parameters estimated from ``n`` annual growth rates (log growth)."""

    n: int
    mean_log_growth: float
    sd_log_growth: float
    years: tuple[int, ...]

    @property
    def mean_growth_pct(self) -> float:
        """The drift as an average growth rate in % a year."""
        return float(np.expm1(self.mean_log_growth) * 100.0)


def growth_history(
    growth_pct: pd.Series | None = None,
    levels: pd.Series | None = None,
    start_year: int = GROWTH_HISTORY_START,
    end_year: int | None = None,
) -> pd.Series:
    """Annual growth rates (%) by year from a rate series and/or consecutive annual levels.

    A stated rate wins over a rate computed from levels for the same year.
    """
    parts = []
    if levels is not None and not levels.empty:
        lv = levels.dropna().sort_index()
        lv.index = lv.index.astype(int)
        prev = lv.reindex(lv.index - 1).to_numpy()
        from_levels = pd.Series((lv.to_numpy() / prev - 1.0) * 100.0, index=lv.index).dropna()
        parts.append(from_levels)
    if growth_pct is not None and not growth_pct.empty:
        g = growth_pct.dropna()
        g.index = g.index.astype(int)
        parts.insert(0, g)
    if not parts:
        return pd.Series(dtype=float, index=pd.Index([], name="year"))
    combined = pd.concat(parts)
    combined = combined[~combined.index.duplicated(keep="first")].sort_index()
    keep = combined.index >= start_year
    if end_year is not None:
        keep &= combined.index <= end_year
    out = combined[keep].astype(float)
    out.index.name = "year"
    return out


def estimate_drift(growth_pct_by_year: pd.Series) -> Drift | None:
    """Mean and standard deviation of ``ln(1 + g/100)``; None with fewer than two rates."""
    g = growth_pct_by_year.dropna()
    if len(g) < 2:
        return None
    x = np.log1p(g.to_numpy(dtype=float) / 100.0)
    return Drift(len(x), float(x.mean()), float(x.std(ddof=1)), tuple(int(y) for y in g.index))


def log_moments(log_level_t: float, horizon_years, drift: Drift):
    """Mean and standard deviation of ``ln Y_{t+h}`` for each horizon h (vectorised)."""
    h = np.asarray(horizon_years, dtype=float)
    var = drift.sd_log_growth**2
    mean = log_level_t + h * drift.mean_log_growth
    sd = np.sqrt(h * var + h**2 * var / drift.n)
    return mean, sd


def band(
    level_t: float,
    year_t: int,
    end_year: int,
    drift: Drift,
    quantiles=BAND_QUANTILES,
) -> pd.DataFrame:
    """Quantiles of the level for every year t..T: columns ``year``, ``quantile``, ``value``.

    In year t the band is the observed level (zero width).
    """
    years = np.arange(int(year_t), int(end_year) + 1)
    mean, sd = log_moments(np.log(level_t), years - int(year_t), drift)
    q = np.asarray(quantiles, dtype=float)
    values = np.exp(mean[:, None] + sd[:, None] * norm_ppf(q)[None, :])
    values[0, :] = level_t  # exactly the observed level, not exp(log(level))
    return pd.DataFrame(
        {
            "year": np.repeat(years, len(q)),
            "quantile": np.tile(q, len(years)),
            "value": values.ravel(),
        }
    )


def probability_met(level_t: float, horizon_years, target_value, drift: Drift, sign: int = 1):
    """P(target met in t+h) under the random walk; vectorised over targets and horizons."""
    mean, sd = log_moments(np.log(level_t), horizon_years, drift)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (np.log(np.asarray(target_value, dtype=float)) - mean) / sd
    p = norm_sf(z) if sign >= 0 else norm_cdf(z)
    return float(p) if np.ndim(p) == 0 else p


def simulate_log_paths(
    level_t: float,
    horizon_years: int,
    drift: Drift,
    n_paths: int = N_SIMULATED_PATHS,
    rng: np.random.Generator | int | None = None,
) -> np.ndarray:
    """Simulated levels, shape ``(n_paths, horizon_years + 1)`` (column 0 is ``level_t``).

    Each path draws its drift from ``Normal(ĝ, σ̂²/n)`` and then yearly shocks
    ``Normal(drift, σ̂²)``; the log level at h then has the analytic moments of
    :func:`log_moments`.
    """
    gen = np.random.default_rng(rng)
    sd = drift.sd_log_growth
    mu = gen.normal(drift.mean_log_growth, sd / np.sqrt(drift.n), size=(n_paths, 1))
    shocks = gen.normal(0.0, sd, size=(n_paths, int(horizon_years))) + mu
    levels = np.empty((n_paths, int(horizon_years) + 1))
    levels[:, 0] = level_t
    levels[:, 1:] = level_t * np.exp(np.cumsum(shocks, axis=1))
    return levels
