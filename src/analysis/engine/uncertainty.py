"""Uncertainty band of a compound series: log level as a random walk with drift.

Method (``docs/methods.md`` §4). With annual growth rates ``g`` and log growth
``x = ln(1 + g / 100)``:

- **Drift** ``ĝ``: the mean of ``x`` over the *drift window*, by default the programme's own
  period so far (the years after the base year up to the latest annual value,
  :data:`DRIFT_WINDOW_PROGRAMME`). Over consecutive years that mean is exactly the log of the
  observed average growth, so the band is centred on the current-pace path that the report
  draws. ``n`` is the number of rates in the window. A window of the last *N* rates is the
  alternative (an integer ``drift_window``).
- **Volatility** ``σ̂``: the sample standard deviation (``ddof = 1``) of ``x`` over a longer
  history, from the first year of the growth history the programme names
  (``assessment: volatility_history_start`` in its ``programme.yaml``; by default the first
  year of the series) to the latest year (five rates say little about a spread), **without the
  structural breaks**. A structural break is a year before the drift window whose log growth
  lies far outside the rest, by the modified z-score of Iglewicz and Hoaglin (1993),
  ``z = 0.6745 (x − median) / MAD`` over the whole history, with ``|z| >``
  :data:`BREAK_MODIFIED_Z` (3.5, their recommended cut-off): a one-off change of level (a year
  of +25 % when large hydropower plants came on line) that makes the years around it unlike
  today's economy. Years of the drift window are never left out: they are the economy being
  assessed, and their swings (a drought year for hydropower, with ``|z|`` near 4) are the risk
  it runs. The years removed and the volatility with them kept are reported beside ``σ̂``, so
  the reader sees what the rule changed. A fixed list of break years
  can be given instead of the rule.

Then, ``h`` years after the latest year ``t`` and around a central path ``c`` (the current
pace, or any assumed path),

    ``ln Y_{t+h} ~ Normal(ln c_{t+h}, h·σ̂² + h²·σ̂²/n)``

(the second variance term is the uncertainty of the estimated drift). Quantile ``q`` of the band
is ``exp(ln c + sd · Φ⁻¹(q))`` and the probability that the target ``v*`` is met in year ``T`` is
``1 − Φ((ln v* − ln c_T) / sd)`` (``Φ(...)`` where lower is better). The report and the scenario
explorer call the same functions (:func:`band_around`, :func:`probability_met`), so one path
gives one probability.

Caveats the report states: the province's growth swings with hydropower, so the band is wide;
official provincial series are smoothed, so even this band understates the uncertainty; the band
is symmetric in logs (the Bank of England's two-piece normal would add a balance of risks).

Φ and Φ⁻¹ come from the standard library (:func:`math.erfc`,
:meth:`statistics.NormalDist.inv_cdf`), applied element by element: the arrays hold a few dozen
numbers, and importing ``scipy.special`` for them would cost the report's kernel 0.1–0.2 s.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

#: Drift window: the programme's own period so far (base year + 1 .. latest year).
DRIFT_WINDOW_PROGRAMME = "programme"
#: A year whose log growth has a modified z-score beyond this is a structural break
#: (Iglewicz and Hoaglin's recommended cut-off for outliers).
BREAK_MODIFIED_Z = 3.5
#: Factor of the modified z-score: 0.6745 = Φ⁻¹(0.75), so that MAD/0.6745 estimates σ.
MODIFIED_Z_FACTOR = 0.6745
#: Fewer annual growth rates than this in the volatility history: no band and no probability.
MIN_HISTORY_YEARS = 5
#: Quantiles drawn for the 50 % and 90 % bands (and the median).
BAND_QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
#: The 90 % and 50 % bands as pairs of quantiles.
BAND_90 = (0.05, 0.95)
BAND_50 = (0.25, 0.75)
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
    """The random walk: drift from ``n`` rates of ``years``, volatility from another sample.

    Attributes
    ----------
    n : int
        Number of annual rates the drift is estimated from.
    mean_log_growth : float
        The drift ``ĝ`` (mean log growth a year).
    sd_log_growth : float
        The volatility ``σ̂`` (standard deviation of log growth, breaks excluded).
    years : tuple of int
        Years of the drift window.
    volatility_years : tuple of int
        Years the volatility is estimated from (breaks excluded); ``years`` when not given.
    break_years : tuple of int
        Years left out of the volatility as structural breaks.
    sd_with_breaks : float
        The volatility with the break years kept (NaN when there were none).
    """

    n: int
    mean_log_growth: float
    sd_log_growth: float
    years: tuple[int, ...]
    volatility_years: tuple[int, ...] = ()
    break_years: tuple[int, ...] = ()
    sd_with_breaks: float = math.nan

    @property
    def mean_growth_pct(self) -> float:
        """The drift as an average growth rate in % a year."""
        return float(np.expm1(self.mean_log_growth) * 100.0)

    @property
    def sd_growth_pp(self) -> float:
        """The volatility in percentage points of growth (``100 σ̂``, to first order)."""
        return float(self.sd_log_growth * 100.0)


def growth_history(
    growth_pct: pd.Series | None = None,
    levels: pd.Series | None = None,
    start_year: int | None = None,
    end_year: int | None = None,
) -> pd.Series:
    """Annual growth rates (%) by year from a rate series and/or consecutive annual levels,
    from ``start_year`` (None: the first year there is) to ``end_year`` (None: the last).

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
    keep = np.ones(len(combined), dtype=bool)
    if start_year is not None:
        keep &= combined.index >= start_year
    if end_year is not None:
        keep &= combined.index <= end_year
    out = combined[keep].astype(float)
    out.index.name = "year"
    return out


def modified_z_scores(growth_pct_by_year: pd.Series) -> pd.Series:
    """Modified z-score of each year's log growth: ``0.6745 (x − median) / MAD``.

    Zero everywhere when the MAD is zero (at least half the years equal the median): then no
    year can be told apart as an outlier by this rule.
    """
    x = np.log1p(growth_pct_by_year.dropna().astype(float) / 100.0)
    med = float(x.median())
    mad = float((x - med).abs().median())
    if mad == 0.0:
        return pd.Series(0.0, index=x.index)
    return MODIFIED_Z_FACTOR * (x - med) / mad


def structural_breaks(growth_pct_by_year: pd.Series,
                      max_modified_z: float = BREAK_MODIFIED_Z) -> tuple[int, ...]:
    """Years whose growth lies far outside the rest (``|modified z| >`` the cut-off)."""
    z = modified_z_scores(growth_pct_by_year)
    return tuple(int(y) for y in z.index[z.abs() > max_modified_z])


def drift_window(growth_pct_by_year: pd.Series, base_year: int, last_year: int,
                 window: str | int = DRIFT_WINDOW_PROGRAMME) -> pd.Series:
    """The rates the drift is estimated from: the programme's period, or the last N rates."""
    g = growth_pct_by_year.dropna()
    g = g[g.index <= last_year]
    if window == DRIFT_WINDOW_PROGRAMME:
        return g[g.index > base_year]
    if isinstance(window, int) and not isinstance(window, bool) and window > 0:
        return g.sort_index().iloc[-window:]
    raise ValueError(f"drift window must be {DRIFT_WINDOW_PROGRAMME!r} or a number of years, "
                     f"not {window!r}")


def estimate_random_walk(
    drift_rates: pd.Series,
    volatility_rates: pd.Series | None = None,
    max_modified_z: float = BREAK_MODIFIED_Z,
    break_years: tuple[int, ...] | None = None,
    min_volatility_years: int = 2,
) -> Drift | None:
    """Drift from ``drift_rates``, volatility from ``volatility_rates`` without breaks.

    Parameters
    ----------
    drift_rates : pandas.Series
        Annual growth rates (%) of the drift window, indexed by year.
    volatility_rates : pandas.Series, optional
        Annual growth rates (%) of the volatility history; default ``drift_rates``.
    max_modified_z : float
        Cut-off of the structural-break rule (:func:`structural_breaks`); years of the drift
        window are never breaks.
    break_years : tuple of int, optional
        Break years given by hand; they replace the rule.
    min_volatility_years : int
        Fewer rates than this left for the volatility (after removing the breaks): None.

    Returns
    -------
    Drift or None
        None with fewer than one drift rate or too few volatility rates.
    """
    d = drift_rates.dropna()
    v = (volatility_rates if volatility_rates is not None else drift_rates).dropna()
    if len(d) < 1 or len(v) < max(2, min_volatility_years):
        return None
    if break_years is not None:
        breaks = tuple(break_years)
    else:  # the rule: outliers of the whole history, but never a year of the drift window
        breaks = tuple(y for y in structural_breaks(v, max_modified_z) if y not in d.index)
    kept = v[~v.index.isin(breaks)]
    if len(kept) < max(2, min_volatility_years):
        return None
    x_drift = np.log1p(d.to_numpy(dtype=float) / 100.0)
    x_vol = np.log1p(kept.to_numpy(dtype=float) / 100.0)
    removed = tuple(int(y) for y in v.index if int(y) in breaks)
    with_breaks = (float(np.log1p(v.to_numpy(dtype=float) / 100.0).std(ddof=1)) if removed
                   else math.nan)
    return Drift(len(x_drift), float(x_drift.mean()), float(x_vol.std(ddof=1)),
                 tuple(int(y) for y in d.index), tuple(int(y) for y in kept.index), removed,
                 with_breaks)


def estimate_drift(growth_pct_by_year: pd.Series) -> Drift | None:
    """Drift and volatility from one sample, no break rule; None with fewer than two rates."""
    g = growth_pct_by_year.dropna()
    if len(g) < 2:
        return None
    x = np.log1p(g.to_numpy(dtype=float) / 100.0)
    years = tuple(int(y) for y in g.index)
    return Drift(len(x), float(x.mean()), float(x.std(ddof=1)), years, years)


def log_sd(horizon_years, drift: Drift):
    """Standard deviation of ``ln Y_{t+h}`` for each horizon h: ``sqrt(h σ̂² + h² σ̂²/n)``."""
    h = np.asarray(horizon_years, dtype=float)
    var = drift.sd_log_growth**2
    return np.sqrt(h * var + h**2 * var / drift.n)


def log_moments(log_level_t: float, horizon_years, drift: Drift):
    """Mean and standard deviation of ``ln Y_{t+h}`` on the drift path (vectorised)."""
    h = np.asarray(horizon_years, dtype=float)
    return log_level_t + h * drift.mean_log_growth, log_sd(h, drift)


def drift_path(level_t: float, year_t: int, end_year: int, drift: Drift) -> pd.Series:
    """The central path of the random walk: ``Y_t · exp(h ĝ)`` for each year t..T."""
    years = np.arange(int(year_t), int(end_year) + 1)
    values = level_t * np.exp((years - int(year_t)) * drift.mean_log_growth)
    values[0] = level_t
    return pd.Series(values, index=pd.Index(years, name="year"), dtype=float)


def band_around(path: pd.Series, drift: Drift, quantiles=BAND_QUANTILES) -> pd.DataFrame:
    """Quantiles of the level around a central ``path`` (year → level, its first year is t).

    Returns columns ``year``, ``quantile``, ``value``; in year t the band is the path's own
    value (zero width).
    """
    path = path.sort_index()
    years = path.index.to_numpy(dtype=int)
    sd = log_sd(years - years[0], drift)
    q = np.asarray(quantiles, dtype=float)
    values = np.exp(np.log(path.to_numpy(dtype=float))[:, None] + sd[:, None]
                    * norm_ppf(q)[None, :])
    values[0, :] = float(path.iloc[0])
    return pd.DataFrame({"year": np.repeat(years, len(q)), "quantile": np.tile(q, len(years)),
                         "value": values.ravel()})


def band(level_t: float, year_t: int, end_year: int, drift: Drift,
         quantiles=BAND_QUANTILES) -> pd.DataFrame:
    """Quantiles of the level for every year t..T around the drift path (:func:`band_around`)."""
    return band_around(drift_path(level_t, year_t, end_year, drift), drift, quantiles)


def probability_met(centre_level_T: float, horizon_years, target_value, drift: Drift,
                    sign: int = 1):
    """P(target met in t+h) for a central path that reaches ``centre_level_T`` in t+h.

    ``ln Y_{t+h} ~ Normal(ln centre, h σ̂² + h² σ̂²/n)``; vectorised over targets and horizons.
    The report passes the current-pace path's level, the explorer the assumed path's.
    """
    sd = log_sd(horizon_years, drift)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (np.log(np.asarray(target_value, dtype=float)) - np.log(centre_level_T)) / sd
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
