"""Values a unit cannot take: the units table (data/schema/units.csv) says which, the check of
:mod:`analysis.data.plausibility` refuses them with the file, the row and the column.

The class: a unit marked ``positive`` (a level, a population, an area, a share of GRDP) refuses
0, −0 and below; ``non_negative`` (coverage, counts) takes 0 and refuses below; ``none``
(growth rates) takes any sign. Every unit of the indicators' list is in the table, and so is the
index the assessment derives (index_base_100).
"""

import json

import pytest
from test_plausibility import findings, row, write

from analysis import SCHEMA_DIR
from analysis.cli import main
from analysis.data import plausibility, units
from analysis.data.loaders import load_actuals, load_indicators
from analysis.data.schema import field_enum
from analysis.errors import ERROR, InputError


def test_every_unit_of_the_indicator_list_has_a_row():
    # the indicators' 13 units, and the index of a level the engine derives, nothing else
    assert set(units.unit_bounds()) == set(field_enum("indicators", "unit")) | {"index_base_100"}
    schema = json.loads((SCHEMA_DIR / "units.schema.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in schema["fields"]] == ["unit", "lower_bound", "scale", "decimals",
                                                     "reason"]


# one indicator per kind of unit, with a neighbouring year that is plausible
POSITIVE = [("tourist_arrivals", 1_000_000), ("grdp_per_capita_mn_vnd", 55.0),
            ("tourism_revenue_bn_vnd", 2000.0), ("agriculture_share_pct_of_grdp", 15.0)]


@pytest.mark.parametrize(("indicator", "neighbour"), POSITIVE)
@pytest.mark.parametrize("value", ["0", "-0", "0.0", "0,00"])
def test_a_positive_unit_refuses_zero(tmp_path, indicator, neighbour, value):
    found = findings(tmp_path, [row(indicator, "2023", neighbour), row(indicator, "2024", value)])
    impossible = [f for f in found if f.check == plausibility.CHECK_IMPOSSIBLE]
    assert len(impossible) == 1
    (f,) = impossible
    assert (f.severity, f.row, f.column, f.period) == (ERROR, 3, "value", "2024")
    assert "impossible" in f.text("en") and "above 0" in f.text("en")


@pytest.mark.parametrize(("indicator", "neighbour"), POSITIVE)
def test_a_positive_unit_refuses_negative_values_on_reading(tmp_path, indicator, neighbour):
    # below zero is refused by the loader's cell check (its measure's band), with the cell
    indicators = load_indicators()
    path = write(tmp_path, [row(indicator, "2023", neighbour), row(indicator, "2024", "-3")])
    with pytest.raises(InputError) as exc:
        load_actuals(path, indicators=indicators)
    (problem,) = exc.value.problems
    assert (problem.row, problem.column, problem.found) == (3, "value", "-3")


@pytest.mark.parametrize("value", ["0", "-0"])
def test_a_non_negative_unit_takes_zero(tmp_path, value):
    # communes meeting a standard: none yet is a real count; coverage of 0 % is possible too
    rows = [row("communes_ntm_count", "2024", value), row("forest_cover_pct", "2024", value)]
    assert not [f for f in findings(tmp_path, rows) if f.check == plausibility.CHECK_IMPOSSIBLE]


def test_a_rate_takes_any_sign(tmp_path):
    rows = [row("grdp_growth_pct", "2023", "-4.5"), row("grdp_growth_pct", "2024", "0")]
    assert not [f for f in findings(tmp_path, rows) if f.check == plausibility.CHECK_IMPOSSIBLE]


def test_a_confirmation_does_not_lift_an_impossible_value(tmp_path):
    rows = [row("tourist_arrivals", "2024", "0", choice="use", note="checked")]
    assert [f.check for f in findings(tmp_path, rows)] == [plausibility.CHECK_IMPOSSIBLE]


def test_the_bound_comes_from_the_table(tmp_path, monkeypatch):
    # the same 0 arrivals pass when the table says arrivals may be 0
    table = tmp_path / "units.csv"
    text = units.UNITS_FILE.read_text(encoding="utf-8")
    table.write_text(text.replace("arrivals,positive", "arrivals,non_negative"),
                     encoding="utf-8")
    monkeypatch.setattr(units, "UNITS_FILE", table)
    units.load_units.cache_clear()
    try:
        assert not findings(tmp_path, [row("tourist_arrivals", "2024", "0")])
    finally:
        units.load_units.cache_clear()


def test_a_zero_grdp_stops_check_with_file_row_and_column(tmp_path, capsys):
    from support import DEFAULT_ACTUALS

    lines = DEFAULT_ACTUALS.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, start=1)
                  if line.startswith("grdp_current_bn_vnd,2024,"))
    cells = lines[number - 1].split(",")
    cells[2] = "0"
    lines[number - 1] = ",".join(cells)
    path = tmp_path / "actuals.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["check", "--lang", "en", "--actuals", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"actuals.csv, row {number}, column 'value': " in err
    assert "(grdp_current_bn_vnd) 2024: the value 0 (bn_vnd) is impossible" in err
