"""analysis.engine.derived: 2030 levels from a real path, anchored on the latest actuals."""

import pandas as pd
import pytest

from analysis.engine.derived import LevelAssumptions, derive_levels, real_index_needed
from analysis.roles import IndicatorRoles

#: The province's roles (its indicators.csv): which series is population, GRDP, per capita.
ROLES = IndicatorRoles(grdp_nominal="grdp_current_bn_vnd",
                       grdp_per_capita="grdp_per_capita_mn_vnd", population="population_persons")


def annual(rows):
    return pd.DataFrame([dict(indicator_id=i, year=y, value=v, status="estimate")
                         for i, y, v in rows])


ANNUAL = annual([("population_persons", 2010, 381_900), ("population_persons", 2022, 484_146),
                 ("grdp_current_bn_vnd", 2020, 20_486),
                 ("grdp_per_capita_mn_vnd", 2020, 40), ("grdp_per_capita_mn_vnd", 2025, 65.5)])
# real index: 100 in 2020, 129.6 in 2025, then 10 % a year: 129.6 * 1.61051 = 208.7221 in 2030
INDEX = pd.Series({2020: 100.0, 2025: 129.6, 2030: 129.6 * 1.1**5})


def test_levels_start_from_the_latest_actual_of_each_series():
    lv = derive_levels(INDEX, ANNUAL, 2030, LevelAssumptions(deflator_pct=3.0,
                                                              population_growth_pct=1.5), ROLES)
    # population: 484,146 (2022) * 1.015 ** 8 = 545,386.9
    assert lv.population_target_year_persons == pytest.approx(545_386.9, abs=0.5)
    # nominal: 20,486 (2020) * 208.7221 / 100 * 1.03 ** 10 = 42,758.8 * 1.343916 = 57,464.3
    assert lv.nominal_grdp_target_year_bn_vnd == pytest.approx(57_464.3, abs=0.5)
    # per capita from the 2025 value, not from 2020: 65.5 * (208.7221 / 129.6) * 1.03 ** 5
    # * P_2025 / P_2030 = 65.5 * 1.61051 * 1.159274 / 1.015 ** 5 = 122.2891 / 1.077284
    # = 113.516
    assert lv.grdp_per_capita_target_year_mn_vnd == pytest.approx(113.516, abs=1e-3)
    assert lv.anchors["grdp_per_capita"].year == 2025


def test_real_index_a_level_target_needs():
    a = LevelAssumptions(deflator_pct=5.0, population_growth_pct=1.5)
    # nominal 63,600 in 2030 from 20,486 in 2020 at 5 % prices: 100 * 3.104559 / 1.628895
    # = 190.59 (the index 2030 needs)
    need = real_index_needed("grdp_nominal", 63_600, INDEX, ANNUAL, 2030, a, ROLES)
    assert need == pytest.approx(190.59, abs=0.01)
    # per capita 116.6 in 2030 from 65.5 in 2025: 129.6 * (116.6 / 65.5) * 1.015 ** 5
    # / 1.05 ** 5 = 129.6 * 1.780153 * 1.077284 / 1.276282 = 194.73
    need = real_index_needed("grdp_per_capita", 116.6, INDEX, ANNUAL, 2030, a, ROLES)
    assert need == pytest.approx(194.73, abs=0.01)


def test_a_province_without_the_roles_gets_no_levels():
    # the same data without roles: nothing says which series is the population or GRDP
    lv = derive_levels(INDEX, ANNUAL, 2030, LevelAssumptions(3.0, 1.5))
    assert lv.anchors == {}
    assert lv.nominal_grdp_target_year_bn_vnd != lv.nominal_grdp_target_year_bn_vnd  # NaN
