"""One grammar of a period, one list of years, one order of the statuses, one units table: the
rules of the data layer that every other part reads, checked against the schemas that state
them too.
"""

import json
import re

import pytest

from analysis import SCHEMA_DIR
from analysis.data import units
from analysis.data.periods import (
    PERIOD_PATTERN,
    YEAR_MAX,
    YEAR_MIN,
    Period,
    format_years,
    is_annual,
    last_year,
    period_text,
)
from analysis.data.schema import field_enum, resource_schema
from analysis.data.selection import choose_values
from analysis.data.statuses import PARTIAL_STATUS, STATUS_RANK, STATUSES
from analysis.errors import InputError
from analysis.report import formatting as fmt


def _pattern(resource: str, name: str) -> str:
    (spec,) = [f for f in resource_schema(resource)["fields"] if f["name"] == name]
    return spec["constraints"]["pattern"]


# ------------------------------------------------------------------------------ periods
@pytest.mark.parametrize(("text", "first", "last", "months"), [
    ("2024", 2024, 2024, 12),
    ("2024-6M", 2024, 2024, 6),     # the first half
    ("2024-11M", 2024, 2024, 11),
    ("2021-2023", 2021, 2023, 36),  # 3 years * 12 months
    (" 2025 ", 2025, 2025, 12),     # spaces around are the cell's, not the period's
])
def test_a_period_is_parsed_and_written_back(text, first, last, months):
    period = Period.parse(text)
    assert (period.first, period.last, period.months) == (first, last, months)
    assert str(period) == text.strip()


def test_the_three_kinds_of_period():
    year, part, span = Period.parse("2024"), Period.parse("2024-9M"), Period.parse("2021-2025")
    assert (year.is_year, year.is_partial, year.is_span) == (True, False, False)
    assert (part.is_year, part.is_partial, part.is_span) == (False, True, False)
    assert (span.is_year, span.is_partial, span.is_span) == (False, False, True)
    assert str(Period.first_months(2025, 9)) == "2025-9M"


@pytest.mark.parametrize("text", ["24", "2024-0M", "2024-12M", "2024-13M", "2024-9m", "2024-",
                                  "2024/2025", "2023-2021", "2021-2021", "", "năm 2024"])
def test_what_is_not_a_period_is_refused(text):
    with pytest.raises(ValueError):
        Period.parse(text)


def test_the_schema_pattern_and_the_parser_agree():
    # one grammar: the actuals schema's pattern is the parser's, and every text either accepts
    # the other accepts, but a span that does not go forward (a pattern cannot see the order of
    # two years; the loader reports it as such, see test_a_backward_span_is_an_error)
    assert _pattern("actuals", "period") == PERIOD_PATTERN
    texts = ([f"2024-{n}M" for n in range(0, 15)] + ["2024-09M", "2024", "2021-2023",
                                                     "2023-2021", "2024-9m", "2024-2024"])
    for text in texts:
        by_schema = re.fullmatch(PERIOD_PATTERN, text) is not None
        try:
            Period.parse(text)
            by_parser = True
        except ValueError:
            by_parser = False
        backwards = re.fullmatch(r"(\d{4})-(\d{4})", text) and text[:4] >= text[5:]
        assert by_parser == (by_schema and not backwards), text
    # the reference values take years and spans only, never part of a year
    reference = _pattern("reference_values", "period")
    for text in ("2020", "2016-2020", "2024-9M"):
        if re.fullmatch(reference, text):
            assert not Period.parse(text).is_partial, text


def test_a_backward_span_is_an_error(tmp_path):
    from test_loaders import GOOD_ROW, HEADER

    from analysis.data.loaders import load_actuals

    path = tmp_path / "actuals.csv"
    row = GOOD_ROW.replace(",2021,", ",2021-2021,")
    path.write_text(f"{HEADER}\n{row}\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_actuals(path)
    (problem,) = info.value.problems
    assert (problem.row, problem.column, problem.key) == (2, "period", "msg.period.backwards")


def test_a_period_as_the_report_writes_it():
    assert period_text("2024-9M", "vi") == "9T/2024"
    assert period_text("2024-9M", "en") == "9M 2024"
    assert period_text("2021-2023", "vi") == "2021–2023"  # an en dash between the years
    assert period_text("2024", "en") == "2024"
    assert period_text("not a period", "vi") == "not a period"
    assert (last_year("2024-9M"), last_year("2021-2023"), last_year("x")) == (2024, 2023, None)


def test_an_annual_value_is_one_calendar_year_not_partial():
    assert is_annual("2024", "official") and is_annual(" 2024 ", "estimate")
    assert not is_annual("2024-9M", PARTIAL_STATUS)
    assert not is_annual("2021-2025", "official")
    assert not is_annual("2024", PARTIAL_STATUS)  # the loader refuses it; the rule says no too


def _year_bounds(node, path=""):
    """``(path, minimum, maximum)`` of every year field of a schema (named ``year``,
    ``*_year`` or ``period_start``; a count of years, ``min_history_years``, is not one).
    """
    out = []
    if isinstance(node, dict):
        name = node.get("name") or path.rsplit(".", 1)[-1]
        if ("minimum" in node or "constraints" in node) and re.search(
                r"(^|_)year$|^period_start$", str(name)):
            bounds = node.get("constraints", node)
            if "minimum" in bounds:
                out.append((f"{path}.{name}", bounds["minimum"], bounds.get("maximum")))
        for key, value in node.items():
            out += _year_bounds(value, f"{path}.{key}")
    elif isinstance(node, list):
        for value in node:
            out += _year_bounds(value, path)
    return out


def test_every_schema_bounds_a_year_as_the_code_does():
    found = []
    for file in sorted(SCHEMA_DIR.glob("*.json")):
        found += [(file.name, *b) for b in _year_bounds(json.loads(file.read_text("utf-8")))]
    # targets: period_start, target_year; tasks: start_year, end_year; task_progress: year;
    # programme.yaml: base_year and target_year (one definition)
    assert len(found) >= 6, found
    wrong = [f for f in found if (f[2], f[3]) != (YEAR_MIN, YEAR_MAX)]
    assert not wrong, wrong
    assert (YEAR_MIN, YEAR_MAX) == (1990, 2100)


# ---------------------------------------------------------------------------- year lists
@pytest.mark.parametrize(("years", "written"), [
    ([2024, 2020, 2021, 2022], "2020, 2021, 2022, 2024"),  # a gap: every year written out
    ([2021, 2020], "2020, 2021"),                          # two years are two years
    ([2025, 2020, 2021, 2022, 2023, 2024], "2020–2025"),   # one unbroken run of six
    ([2022, 2023, 2024], "2022–2024"),                      # three: the shortest range
    ([2023, 2023], "2023"),
    ([], ""),
])
def test_a_list_of_years_is_written_one_way(years, written):
    assert format_years(years) == written


def test_the_csv_writes_the_same_list_with_its_own_marks():
    assert format_years([2021, 2022, 2023, 2024], dash="-", separator=",") == "2021-2024"
    assert format_years([2021, 2023], dash="-", separator=",") == "2021,2023"


# ------------------------------------------------------------------------------- statuses
def test_the_statuses_come_in_one_order():
    # most final first, the partial-year status apart at the end: the schema's enum (the
    # template's dropdown, the messages) lists them in the order the selection ranks them
    assert STATUSES == ("official", "preliminary", "estimate", "reported", "partial-year")
    assert tuple(field_enum("actuals", "status")) == STATUSES
    assert [STATUS_RANK[s] for s in STATUSES] == [0, 1, 2, 3, 4]


def test_the_selection_ranks_by_that_order():
    import pandas as pd

    rows = pd.DataFrame({
        "indicator_id": ["x"] * 4, "period": ["2024"] * 4, "value": [1.0, 2.0, 3.0, 4.0],
        "status": ["reported", "estimate", "preliminary", "official"],
        "qualifier": ["exact"] * 4, "published": ["2025"] * 4, "choice": [""] * 4,
        "source_row": [2, 3, 4, 5], "source_file": ["a.csv"] * 4})
    # four candidates of one key: the official value (4.0) is the most final
    chosen = choose_values(rows)
    assert (chosen["value"].tolist(), chosen["chosen_by"].tolist()) == ([4.0], ["status"])
    # without the official row the preliminary one (3.0) wins, then the estimate (2.0)
    assert choose_values(rows.iloc[:3])["value"].tolist() == [3.0]
    assert choose_values(rows.iloc[:2])["value"].tolist() == [2.0]


# ------------------------------------------------------------------------------ the units
def test_the_units_table_says_which_units_are_per_cent():
    # written with %: the three per-cent units; compared in percentage points: those and the
    # change in points a year
    assert set(units.percent_units()) == {"pct", "pct_of_grdp", "pct_per_year"}
    assert set(units.point_units()) == {"pct", "pct_of_grdp", "pct_per_year", "pp_per_year"}
    decimals = units.decimals_by_unit()
    assert (decimals["bn_vnd"], decimals["mn_vnd_per_person"], decimals["pct"]) == (0, 1, 2)


def test_the_report_writes_values_as_the_table_says():
    # 51.874 % shown with at most 2 decimals: 51,87% (the per-cent sign, no space)
    assert fmt.value(51.874, "pct", "vi") == "51,87%"
    # 63600.4 bn VND with 0 decimals: 63.600 tỷ đồng (a no-break space before the words)
    assert fmt.value(63600.4, "bn_vnd", "vi") == "63.600\u00a0tỷ đồng"
    # 0.456 pp a year with 2 decimals, its words: 0,46 điểm %/năm
    assert fmt.value(0.456, "pp_per_year", "vi") == "0,46\u00a0điểm %/năm"
    # an index of a level: 1 decimal, bare
    assert fmt.value(129.64, "index_base_100", "en") == "129.6"
