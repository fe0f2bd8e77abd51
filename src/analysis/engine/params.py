"""Every economic choice of the assessment, as named parameters with their defaults."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace

from analysis.engine import progress as pg
from analysis.engine import uncertainty as un
from analysis.engine.derived import DEFAULT_DEFLATOR_PCT, LevelAssumptions

#: How the pace of each kind of target is measured.
PACE_METHOD_BY_KIND: Mapping[str, str] = {
    "avg_growth": "compound",
    "level": "compound",
    "share_of_grdp": "linear",
    "coverage_pct": "linear",
    "count": "linear",
    "area": "linear",
    "change_pp_per_year": "pace",
    "cumulative": "cumulative",
}
#: Fewest annual growth rates inside its own period an average-growth target is classed on:
#: with one or two rates a single year (a drought, a new power plant) decides a ten-year verdict.
MIN_RATES_FOR_AVERAGE = 3


@dataclass(frozen=True)
class AssessmentParams:
    """Every economic choice of the assessment, with its default (the rules are in the docstring
    of :mod:`analysis.engine.assess` and in ``docs/methods.md``).
    """

    on_track_min_ratio: float = pg.ON_TRACK_MIN_RATIO
    acceleration_min_ratio: float = pg.ACCELERATION_MIN_RATIO
    insufficient_min_ratio: float = pg.INSUFFICIENT_MIN_RATIO
    about_tolerance_pp: float = pg.ABOUT_TOLERANCE_PP
    about_tolerance_pct: float = pg.ABOUT_TOLERANCE_PCT
    min_rates_for_average: int = MIN_RATES_FOR_AVERAGE
    pace_method_by_kind: Mapping[str, str] = field(
        default_factory=lambda: dict(PACE_METHOD_BY_KIND))
    #: Growth-rate indicator -> the level series its growth may be read from (same price basis);
    #: None: the ``level_series`` column of the province's indicators (:mod:`analysis.roles`).
    growth_level_indicators: Mapping[str, str] | None = None
    drift_window: str | int = un.DRIFT_WINDOW_PROGRAMME
    #: First year of the growth history the volatility is estimated from; None: the first year
    #: of the series (a programme sets it in ``programme.yaml``, ``assessment:``).
    volatility_history_start: int | None = None
    break_modified_z: float = un.BREAK_MODIFIED_Z
    break_years: tuple[int, ...] | None = None
    min_history_years: int = un.MIN_HISTORY_YEARS
    band_quantiles: tuple[float, ...] = un.BAND_QUANTILES
    band_kinds: tuple[str, ...] = ("avg_growth",)
    deflator_pct: float = DEFAULT_DEFLATOR_PCT
    population_growth_pct: float | None = None

    @property
    def level_assumptions(self) -> LevelAssumptions:
        """The assumptions of :mod:`analysis.engine.derived` (deflator, population growth)."""
        return LevelAssumptions(self.deflator_pct, self.population_growth_pct)

    def level_series(self, indicator_id: str) -> str | None:
        """The level series whose values give the growth of ``indicator_id``, if any."""
        return (self.growth_level_indicators or {}).get(indicator_id)


def assessment_params(params: AssessmentParams | Mapping | None) -> AssessmentParams:
    """``params`` as :class:`AssessmentParams`: the defaults, or a mapping of overrides (a
    programme's ``assessment:`` block; lists become tuples).

    Raises
    ------
    ValueError
        A key that is not a parameter (``programme.yaml``'s schema refuses it before).
    """
    if params is None:
        return AssessmentParams()
    if isinstance(params, Mapping):
        known = {f.name for f in fields(AssessmentParams)}
        unknown = set(params) - known
        if unknown:
            raise ValueError(f"unknown assessment parameters: {sorted(unknown)}")
        tuples = {k: tuple(v) for k, v in params.items() if isinstance(v, list)}
        return replace(AssessmentParams(), **{**params, **tuples})
    return params
