"""The selection rule, on hand-made candidate rows."""

import pandas as pd
import pytest

from analysis.data.selection import STATUS_RANK, choose_values, conflicts
from analysis.errors import InputError


def rows(*specs):
    """Actual rows from (indicator, period, value, status, qualifier, published, choice)."""
    records = []
    for number, (indicator, period, value, status, qualifier, published, choice) in enumerate(
        specs, start=2
    ):
        records.append({
            "indicator_id": indicator, "period": period, "value": float(value), "unit": "pct",
            "status": status, "qualifier": qualifier, "published": published, "choice": choice,
            "source_url": f"https://example.org/{number}", "source_file": "a.csv",
            "source_row": number,
        })
    return pd.DataFrame.from_records(records)


def chosen(frame, indicator="x", period="2024"):
    out = choose_values(frame)
    return out.loc[(out["indicator_id"] == indicator) & (out["period"] == period)].iloc[0]


def test_status_order_constant():
    assert sorted(STATUS_RANK, key=STATUS_RANK.get)[:4] == [
        "official", "preliminary", "estimate", "reported"]


def test_only_candidate():
    row = chosen(rows(("x", "2024", 5, "reported", "about", "", "")))
    assert (row["value"], row["chosen_by"], row["n_candidates"], row["conflict"]) == (
        5.0, "only", 1, False)


def test_most_final_status_wins_regardless_of_order_and_date():
    frame = rows(
        ("x", "2024", 7.1, "estimate", "exact", "2025-06", ""),
        ("x", "2024", 7.3, "reported", "exact", "2025-12", ""),
        ("x", "2024", 7.52, "preliminary", "exact", "2025-03", ""),
    )
    row = chosen(frame)
    assert (row["value"], row["chosen_by"], row["n_candidates"], bool(row["conflict"])) == (
        7.52, "status", 3, True)


def test_exact_beats_bound_at_equal_status():
    frame = rows(
        ("x", "2024", 40, "reported", "more_than", "2025-02", ""),
        ("x", "2024", 41.3, "reported", "exact", "2025-01", ""),
    )
    row = chosen(frame)
    assert (row["value"], row["chosen_by"]) == (41.3, "qualifier")


def test_latest_published_wins_then_file_order():
    frame = rows(
        ("x", "2024", 1, "estimate", "exact", "2024-11", ""),
        ("x", "2024", 2, "estimate", "exact", "2025-01-15", ""),
        ("x", "2024", 3, "estimate", "exact", "", ""),
        ("y", "2024", 10, "reported", "exact", "2025", ""),
        ("y", "2024", 20, "reported", "exact", "2025", ""),
    )
    assert (chosen(frame)["value"], chosen(frame)["chosen_by"]) == (2.0, "published")
    tie = chosen(frame, "y")
    assert (tie["value"], tie["chosen_by"], bool(tie["conflict"])) == (10.0, "file_order", True)


def test_use_overrides_and_ignore_drops():
    frame = rows(
        ("x", "2024", 1, "official", "exact", "2025", ""),
        ("x", "2024", 2, "reported", "about", "2024", "use"),
        ("y", "2024", 3, "official", "exact", "2025", "ignore"),
        ("y", "2024", 4, "reported", "exact", "2024", ""),
        ("z", "2024", 5, "official", "exact", "2025", "ignore"),
    )
    out = choose_values(frame)
    x = chosen(frame)
    assert (x["value"], x["chosen_by"]) == (2.0, "override")
    y = chosen(frame, "y")
    assert (y["value"], y["chosen_by"], y["n_candidates"]) == (4.0, "only", 1)
    assert "z" not in set(out["indicator_id"])  # only an ignored row: no value
    assert len(out) == 2


def test_same_value_is_no_conflict():
    frame = rows(
        ("x", "2024", 5, "estimate", "exact", "2024-12", ""),
        ("x", "2024", 5, "official", "exact", "2025-06", ""),
    )
    row = chosen(frame)
    assert (bool(row["conflict"]), row["chosen_by"], row["source_row"]) == (False, "status", 3)


def test_periods_are_separate_keys():
    frame = rows(
        ("x", "2024", 5, "official", "exact", "", ""),
        ("x", "2024-9M", 3, "partial-year", "exact", "", ""),
    )
    out = choose_values(frame)
    assert out[["period", "value"]].values.tolist() == [["2024", 5.0], ["2024-9M", 3.0]]


def test_two_use_rows_are_an_error():
    frame = rows(
        ("x", "2024", 1, "official", "exact", "", "use"),
        ("x", "2024", 2, "official", "exact", "", "use"),
    )
    with pytest.raises(InputError) as info:
        choose_values(frame)
    (problem,) = info.value.problems
    assert (problem.row, problem.column) == (3, "choice")


def test_conflicts_lists_every_candidate_with_chosen_flag():
    frame = rows(
        ("x", "2024", 7.1, "estimate", "exact", "", ""),
        ("x", "2024", 7.52, "official", "exact", "", ""),
        ("x", "2024", 9, "reported", "exact", "", "ignore"),
        ("y", "2024", 5, "official", "exact", "", ""),
        ("y", "2024", 5, "estimate", "exact", "", ""),
    )
    out = conflicts(frame)
    assert out[["indicator_id", "value", "chosen"]].values.tolist() == [
        ["x", 7.52, True], ["x", 7.1, False]]
    assert set(out["chosen_by"]) == {"status"}
