"""Loaders: the shapes they return, and every kind of bad input reported precisely."""

import shutil
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from support import to_cp1258

from analysis.data.loaders import (
    load_actuals,
    load_dataset,
    load_indicators,
    load_reference_values,
    load_targets,
)
from analysis.data.measures import GROWTH_RATE_MAX_PCT
from analysis.data.periods import YEAR_MAX, YEAR_MIN, Period
from analysis.data.table_reader import decode_text
from analysis.errors import InputError
from analysis.messages import render

FIXTURES = Path(__file__).parent / "fixtures" / "data"
HEADER = (
    "indicator_id,period,value,unit,status,qualifier,price_basis,published,source_title,"
    "source_url,quote,choice,note"
)
GOOD_ROW = "grdp_growth_pct,2021,6.2,pct_per_year,official,exact,constant_2010,2022,T,https://a.org/1,q,,"


@pytest.fixture
def data_dir(tmp_path):
    """A copy of the fixture data the test may change."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES, target)
    return target


@pytest.fixture
def indicators():
    return load_indicators(FIXTURES / "indicators.csv")


def write(tmp_path, text, name="actuals.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def problems_of(path, indicators):
    with pytest.raises(InputError) as info:
        load_actuals(path, indicators=indicators)
    return info.value.problems


# ---------------------------------------------------------------------------- shapes


def test_load_dataset_shapes():
    data = load_dataset(FIXTURES / "targets.csv", FIXTURES / "actuals.csv")
    assert set(data.files) == {"indicators", "targets", "reference_values", "actuals"}
    # indicators and reference values come from beside the targets file
    assert data.files["indicators"] == FIXTURES / "indicators.csv"
    assert data.files["reference_values"] == FIXTURES / "reference_values.csv"
    assert len(data.indicators) == 5 and len(data.targets) == 5 and len(data.actuals) == 9
    assert len(data.reference_values) == 2
    actuals = data.actuals
    assert actuals["value"].dtype == "float64"
    for column in ("year", "start_year", "months"):
        assert actuals[column].dtype == "int64"
    assert actuals["is_annual"].dtype == bool
    # row 6 of the file holds "1.205,7" typed the Vietnamese way
    row = actuals.loc[actuals["source_row"] == 6].iloc[0]
    assert row["value"] == 1205.7
    assert data.targets.set_index("target_id").loc["grdp_growth_pct_per_year", "low"] == 9.0
    assert pd.isna(data.targets.set_index("target_id").loc["grdp_growth_pct_per_year", "value"])


def test_derived_period_columns():
    actuals = load_actuals(FIXTURES / "actuals.csv",
                           indicators=load_indicators(FIXTURES / "indicators.csv"))
    by_period = actuals.drop_duplicates("period").set_index("period")
    assert by_period.loc["2021", ["start_year", "year", "months", "is_annual"]].tolist() == [
        2021, 2021, 12, True]
    assert by_period.loc["2023-9M", ["start_year", "year", "months", "is_annual"]].tolist() == [
        2023, 2023, 9, False]
    # 2021-2023 spans three years: 3 * 12 = 36 months
    assert by_period.loc["2021-2023", ["start_year", "year", "months", "is_annual"]].tolist() == [
        2021, 2023, 36, False]


@pytest.mark.parametrize(
    ("period", "parsed"),
    [("2024", (2024, 2024, 12)), ("2024-6M", (2024, 2024, 6)), ("2021-2025", (2021, 2025, 60))],
)
def test_parse_period(period, parsed):
    p = Period.parse(period)
    assert (p.first, p.last, p.months) == parsed


def test_growth_of_103_percent_is_plausible(tmp_path, indicators):
    # the research holds a +103.2 % tourist growth in one year; it must stay valid
    assert GROWTH_RATE_MAX_PCT > 103.2
    row = GOOD_ROW.replace(",6.2,", ",103.2,")
    assert load_actuals(write(tmp_path, f"{HEADER}\n{row}\n"), indicators)["value"].iloc[0] == 103.2


# ---------------------------------------------------------------------------- bad input


def test_missing_required_column(tmp_path, indicators):
    text = "indicator_id,period,unit\ngrdp_growth_pct,2021,pct_per_year\n"
    problems = problems_of(write(tmp_path, text), indicators)
    missing = {p.column for p in problems if p.text("en") == "missing required column"}
    assert {"value", "status", "qualifier", "source_title", "source_url", "quote"} == missing
    assert all(p.file.endswith("actuals.csv") and p.row == 1 for p in problems)


def test_unknown_indicator_id(tmp_path, indicators):
    row = GOOD_ROW.replace("grdp_growth_pct,", "grdp_grwth_pct,")
    (problem,) = problems_of(write(tmp_path, f"{HEADER}\n{row}\n"), indicators)
    assert (problem.row, problem.column, problem.found) == (2, "indicator_id", "grdp_grwth_pct")
    assert "unknown indicator" in problem.text("en")


def test_unit_not_matching_catalogue(tmp_path, indicators):
    row = GOOD_ROW.replace("pct_per_year", "pct")
    (problem,) = problems_of(write(tmp_path, f"{HEADER}\n{row}\n"), indicators)
    assert (problem.row, problem.column, problem.found) == (2, "unit", "pct")
    assert render(problem.expected, "en").startswith("pct_per_year (%/năm)")
    assert problem.render("vi").startswith(
        "actuals.csv, dòng 2, cột 'unit': đơn vị không phải đơn vị của chỉ tiêu grdp_growth_pct "
        "(thấy 'pct'; cần pct_per_year (%/năm)")


def test_non_numeric_value(tmp_path, indicators):
    row = GOOD_ROW.replace(",6.2,", ",sáu,")
    (problem,) = problems_of(write(tmp_path, f"{HEADER}\n{row}\n"), indicators)
    assert (problem.row, problem.column, problem.text("en")) == (2, "value", "not a number")
    assert "7,52" in render(problem.expected, "en")
    assert problem.text("vi") == "không phải là số"


def test_ambiguous_number_in_a_machine_written_column(tmp_path, indicators):
    # "63.600" among machine decimals (6.2, 7.5): 63600 or 63.6? An error, never a guess, and
    # the message names the dot-decimal cells that make the column machine-written
    rows = [GOOD_ROW, GOOD_ROW.replace(",6.2,", ",7.5,").replace(",2021,", ",2022,"),
            "grdp_current_bn_vnd,2022,63.600,bn_vnd,official,exact,current,2023,T,"
            "https://a.org/2,q,,"]
    (problem,) = problems_of(write(tmp_path, "\n".join([HEADER, *rows]) + "\n"), indicators)
    assert (problem.row, problem.column, problem.found) == (4, "value", "63.600")
    assert problem.text("en") == (
        "ambiguous number: this column holds 2 numbers with a decimal point (such as row 2 "
        "('6.2'), row 3 ('7.5')), so 63.600 could be 63600 or 63.6")
    assert problem.text("vi").startswith(
        "số có thể hiểu theo hai cách: cột này có 2 số viết bằng dấu chấm thập phân (như dòng 2 "
        "('6.2'), dòng 3 ('7.5')), nên 63.600 có thể là 63600 hoặc 63,6")


def test_thousands_dot_in_a_vietnamese_file(tmp_path, indicators):
    # the same cell next to a Vietnamese decimal ("6,2") is sixty-three thousand six hundred
    first = GOOD_ROW.replace(",6.2,", ',"6,2",')
    row = "grdp_current_bn_vnd,2022,63.600,bn_vnd,official,exact,current,2023,T,https://a.org/2,q,,"
    actuals = load_actuals(write(tmp_path, f"{HEADER}\n{first}\n{row}\n"), indicators)
    assert actuals["value"].tolist() == [6.2, 63600.0]


@pytest.mark.parametrize(("period", "column"), [("1989", "period"), ("2101-9M", "period")])
def test_year_out_of_range(tmp_path, indicators, period, column):
    assert (YEAR_MIN, YEAR_MAX) == (1990, 2100)
    status = "partial-year" if "M" in period else "official"
    row = GOOD_ROW.replace(",2021,", f",{period},").replace("official", status)
    (problem,) = problems_of(write(tmp_path, f"{HEADER}\n{row}\n"), indicators)
    assert (problem.row, problem.column, problem.text("en")) == (2, column, "year out of range")


def test_target_year_out_of_range(data_dir):
    path = data_dir / "targets.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",2021,2030,current,", ",2021,2300,current,"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_targets(path)
    (problem,) = info.value.problems
    assert (problem.row, problem.column) == (3, "target_year")
    assert problem.text("en") == "value out of range"


def test_duplicate_row(tmp_path, indicators):
    (problem,) = problems_of(write(tmp_path, f"{HEADER}\n{GOOD_ROW}\n{GOOD_ROW}\n"), indicators)
    assert problem.row == 3
    assert "duplicate row" in problem.text("en") and "row 2" in problem.text("en")


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("forest_cover_pct,2023,101,pct,official,exact,,2024,T,https://a.org/f,q,,", "value"),
        ("industry_share_pct_of_grdp,2023,100.5,pct_of_grdp,official,exact,,2024,T,https://a.org/i,q,,",
         "value"),
        ("forest_cover_pct,2023,-1,pct,official,exact,,2024,T,https://a.org/f,q,,", "value"),
        ("grdp_growth_pct,2023,200,pct_per_year,official,exact,,2024,T,https://a.org/g,q,,",
         "value"),
        ("tourist_arrivals,2023,-5,arrivals,official,exact,,2024,T,https://a.org/t,q,,", "value"),
    ],
)
def test_implausible_values(tmp_path, indicators, row, column):
    (problem,) = problems_of(write(tmp_path, f"{HEADER}\n{row}\n"), indicators)
    assert (problem.row, problem.column) == (2, column)
    assert "implausible" in problem.text("en")


@pytest.mark.parametrize(
    ("period", "status"), [("2023-9M", "official"), ("2023", "partial-year")]
)
def test_partial_period_needs_partial_status(tmp_path, indicators, period, status):
    row = GOOD_ROW.replace(",2021,", f",{period},").replace("official", status)
    (problem,) = problems_of(write(tmp_path, f"{HEADER}\n{row}\n"), indicators)
    assert (problem.row, problem.column) == (2, "status")


def test_enum_and_pattern(tmp_path, indicators):
    row = GOOD_ROW.replace("official", "final").replace(",2021,", ",2021-13M,")
    problems = problems_of(write(tmp_path, f"{HEADER}\n{row}\n"), indicators)
    assert {(p.column, p.found) for p in problems} == {("status", "final"), ("period", "2021-13M")}
    expected = next(p for p in problems if p.column == "status").expected
    assert "official" in render(expected, "en") and "chính thức" in render(expected, "vi")


def test_all_problems_in_one_run(tmp_path, indicators):
    rows = [
        GOOD_ROW,
        GOOD_ROW.replace("grdp_growth_pct,", "nope,").replace("/1,", "/2,"),
        GOOD_ROW.replace(",6.2,", ",x,").replace("/1,", "/3,"),
        GOOD_ROW.replace(",https://a.org/1,", ",,"),
    ]
    problems = problems_of(write(tmp_path, "\n".join([HEADER, *rows]) + "\n"), indicators)
    assert sorted((p.row, p.column) for p in problems) == [
        (3, "indicator_id"), (4, "value"), (5, "source_url")]


def test_empty_file(tmp_path, indicators):
    (problem,) = problems_of(write(tmp_path, ""), indicators)
    assert problem.text("en") == "empty file" and problem.file.endswith("actuals.csv")


def test_header_only(tmp_path, indicators):
    (problem,) = problems_of(write(tmp_path, HEADER + "\n"), indicators)
    assert problem.text("en") == "no data rows"


@pytest.mark.parametrize("name", ["actuals.txt", "actuals.json", "actuals"])
def test_neither_csv_nor_xlsx(tmp_path, indicators, name):
    (problem,) = problems_of(write(tmp_path, f"{HEADER}\n{GOOD_ROW}\n", name=name), indicators)
    assert "neither a CSV file nor an Excel workbook" in problem.text("en")


def test_garbage_xlsx(tmp_path, indicators):
    (problem,) = problems_of(write(tmp_path, b"not a zip", name="actuals.xlsx"), indicators)
    assert "cannot open as an Excel workbook" in problem.text("en")


def test_xlsx_named_csv(tmp_path, indicators):
    (problem,) = problems_of(write(tmp_path, b"PK\x03\x04rest", name="actuals.csv"), indicators)
    assert "rename it .xlsx" in problem.text("en")


def test_undecodable_encoding(tmp_path, indicators):
    data = (HEADER + "\n").encode() + bytes(range(0, 256))
    (problem,) = problems_of(write(tmp_path, data), indicators)
    assert "encoding" in problem.text("en") and "CSV UTF-8" in problem.render("en")
    assert "bảng mã" in problem.text("vi") and "CSV UTF-8" in problem.render("vi")


def test_unquoted_vietnamese_decimal_in_comma_csv(tmp_path, indicators):
    row = GOOD_ROW.replace(",6.2,", ",6,2,")
    (problem,) = problems_of(write(tmp_path, f"{HEADER}\n{row}\n"), indicators)
    assert problem.row == 2 and "cells" in problem.text("en")


# ---------------------------------------------------------------------------- encodings





def test_cp1258_is_decoded_and_normalised(tmp_path, indicators):
    row = GOOD_ROW.replace(",T,", ",Tỉnh ủy Lai Châu: Báo cáo kinh tế - xã hội,")
    data = to_cp1258(f"{HEADER}\n{row}\n")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    actuals = load_actuals(write(tmp_path, data), indicators)
    title = actuals["source_title"].iloc[0]
    assert title == "Tỉnh ủy Lai Châu: Báo cáo kinh tế - xã hội"
    assert unicodedata.is_normalized("NFC", title)


def test_utf8_bom_and_semicolons(tmp_path, indicators):
    # Excel in a Vietnamese locale: BOM, ';' separator, decimal comma unquoted
    row = GOOD_ROW.replace(",6.2,", ",6|2,").replace(",", ";").replace("|", ",")
    path = write(tmp_path, f"{HEADER.replace(',', ';')}\n{row}\n", encoding="utf-8-sig")
    actuals = load_actuals(path, indicators)
    assert actuals["value"].tolist() == [6.2]
    assert actuals.columns[0] == "indicator_id"


def test_latin1_text_is_not_taken_for_cp1258(tmp_path):
    # bytes that cp1258 decodes, but into no Vietnamese letters at all
    data = "indicator_id\nÆØÅ¶¤¥\n".encode("latin-1")
    with pytest.raises(InputError, match="CSV UTF-8"):
        decode_text(data, tmp_path / "x.csv")


# ---------------------------------------------------------------------------- other files


def test_targets_range_and_value_rules(data_dir):
    path = data_dir / "targets.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace("range,,9,11,", "range,,11,9,").replace("about,63600,,,", "about,,,,")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_targets(path)
    assert sorted((p.row, p.column) for p in info.value.problems) == [(2, "high"), (3, "value")]


def test_targets_unknown_indicator(data_dir):
    path = data_dir / "targets.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",tourist_arrivals,", ",tourists,"),
                    encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_targets(path)
    (problem,) = info.value.problems
    assert (problem.row, problem.column, problem.found) == (5, "indicator_id", "tourists")


def test_reference_values_unit(data_dir):
    path = data_dir / "reference_values.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",times,", ",lan,"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_reference_values(path)
    assert [(p.row, p.column) for p in info.value.problems] == [(3, "unit")]


def test_load_dataset_collects_problems_of_every_file(data_dir):
    targets = data_dir / "targets.csv"
    targets.write_text(targets.read_text(encoding="utf-8").replace(",higher,", ",up,", 1),
                       encoding="utf-8")
    actuals = data_dir / "actuals.csv"
    actuals.write_text(actuals.read_text(encoding="utf-8").replace(",6.2,", ",x,"),
                       encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_dataset(targets, actuals)
    files = {Path(p.file).name for p in info.value.problems}
    assert files == {"targets.csv", "actuals.csv"}


def test_unknown_column_is_reported(tmp_path, indicators):
    # a misspelt optional column ("choise") must not silently drop an override
    text = f"{HEADER.replace(',choice,', ',choise,')}\n{GOOD_ROW}\n"
    (problem,) = problems_of(write(tmp_path, text), indicators)
    assert (problem.row, problem.column, problem.text("en")) == (1, "choise", "unknown column")


def test_a_row_without_source_url_or_quote_is_refused(tmp_path, indicators):
    # every value must say where it was read and what the source wrote
    no_url = GOOD_ROW.replace("https://a.org/1", "")
    no_quote = GOOD_ROW.replace("2022,T,https://a.org/1,q,", "2022,T,https://a.org/2,,")
    problems = problems_of(write(tmp_path, "\n".join([HEADER, GOOD_ROW.replace(
        "2021,", "2020,"), no_url, no_quote]) + "\n"), indicators)
    assert sorted((p.row, p.column) for p in problems if not p.is_warning) == [
        (3, "source_url"), (4, "quote")]
