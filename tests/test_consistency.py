"""analysis.engine.consistency: implied nominal growth, deflator and population, by hand."""

import pandas as pd
import pytest

from analysis.engine.consistency import (
    consistency_checks,
    implied_deflator_growth_pct,
    implied_population,
)
from analysis.engine.derived import LevelAssumptions, population_trend_pct
from analysis.roles import IndicatorRoles

#: The province's roles (its indicators.csv): which series is population, GRDP, per capita.
ROLES = IndicatorRoles(grdp_nominal="grdp_current_bn_vnd",
                       grdp_per_capita="grdp_per_capita_mn_vnd", population="population_persons")


def test_formulas_by_hand():
    # 63,600 bn VND / 116.6 mn VND a person = 63,600,000 / 116.6 = 545,454.5 persons
    assert implied_population(63_600, 116.6) == pytest.approx(545_454.5, abs=0.1)
    # (1.12 / 1.10 - 1) = 1.818182 %
    assert implied_deflator_growth_pct(12, 10) == pytest.approx(1.818182, abs=1e-6)
    # population exactly 2 % a year from 2010: the log-linear trend grows 2 % a year
    pop = pd.DataFrame({"indicator_id": "population_persons", "year": [2010, 2013, 2019, 2022],
                        "value": [100 * 1.02 ** (y - 2010) for y in (2010, 2013, 2019, 2022)]})
    assert population_trend_pct(pop, ROLES) == pytest.approx(2.0)


TARGETS = pd.DataFrame([
    dict(indicator_id="grdp_current_bn_vnd", kind="level", value=63_600, target_year=2030),
    dict(indicator_id="grdp_per_capita_mn_vnd", kind="level", value=116.6, target_year=2030),
])
ANNUAL = pd.DataFrame([
    dict(indicator_id="grdp_current_bn_vnd", year=2020, value=20_486.0,
         status="estimate", price_basis="not_stated"),
    *[dict(indicator_id="population_persons", year=y, value=v, status="official",
           price_basis="") for y, v in ((2010, 381_900), (2022, 484_146))],
])


def test_checks_on_the_programme_figures():
    c = consistency_checks(TARGETS, ANNUAL, 2020, [9, 10, 11], roles=ROLES)
    nominal = c[c["check_id"] == "grdp_nominal_growth_implied"].iloc[0]
    # (63,600 / 20,486) ** (1/10) = 3.104559 ** 0.1; ln 3.104559 = 1.132872 -> exp(0.113287)
    # = 1.119954: 11.995 % a year nominal; price basis of 2020 not stated -> flagged
    assert nominal["value"] == pytest.approx(11.9954, abs=1e-3)
    assert "price_basis_not_stated" in nominal["flags"]
    defl = c[c["check_id"] == "grdp_deflator_growth_implied"].set_index("scenario")["value"]
    # 1.119954 / 1.09 = 1.027481 -> 2.748 %; / 1.11 = 1.008968 -> 0.897 %
    assert defl["9pct"] == pytest.approx(2.748, abs=1e-3)
    assert defl["11pct"] == pytest.approx(0.897, abs=1e-3)
    pop = c[c["check_id"] == "population_implied"]["value"].iloc[0]
    assert pop == pytest.approx(545_454.5, abs=0.1)
    # two points: 381,900 -> 484,146 in 12 years: (1.267730) ** (1/12) = exp(0.237221 / 12)
    # = exp(0.019768) = 1.019965 -> 1.9965 %/yr; 2030 from the LATEST value (2022):
    # 484,146 * exp(8 * 0.019768) = 484,146 * 1.171226 = 567,045
    growth = c[c["check_id"] == "population_growth_assumed"]["value"].iloc[0]
    assert growth == pytest.approx(1.9965, abs=1e-3)
    projected = c[c["check_id"] == "population_projected"]["value"].iloc[0]
    assert projected == pytest.approx(567_045, rel=1e-4)


def test_population_growth_is_a_named_assumption():
    c = consistency_checks(TARGETS, ANNUAL, 2020, [9], LevelAssumptions(3.0, 1.5), ROLES)
    # 484,146 * 1.015 ** 8 = 484,146 * 1.126493 = 545,386.9
    projected = c[c["check_id"] == "population_projected"]["value"].iloc[0]
    assert projected == pytest.approx(545_386.9, abs=0.5)
