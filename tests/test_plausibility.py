"""Plausibility of the series: wrong units, large jumps, shares of GRDP, published averages.

Every expected number is worked out by hand in the test: the thresholds are 1.3 a year for a
warning and √10 ≈ 3.162 (times 1.3 for each year of a gap beyond the first) for an error.
"""

import csv
import io
import subprocess
import sys

import openpyxl
import pytest

from analysis.cli import main
from analysis.data.excel import write_template
from analysis.data.loaders import load_actuals, load_dataset, load_indicators
from analysis.data.plausibility import (
    AVERAGE_ERROR_PP,
    AVERAGE_WARN_PP,
    CHECK_RATE,
    RATE_MIN_HISTORY,
    RATE_MIN_SPREAD_PP,
    RATE_TYPICAL_Z,
    RATE_WARN_Z,
    UNIT_SLIP_FACTOR,
    WARN_FACTOR_PER_YEAR,
    compound_mean_pct,
    review,
)
from analysis.errors import ERROR, WARNING, InputError

HEADER = ["indicator_id", "period", "value", "unit", "status", "qualifier", "price_basis",
          "published", "source_title", "source_url", "source_tier", "quote", "choice", "note"]
UNITS = {"tourist_arrivals": "arrivals", "grdp_per_capita_mn_vnd": "mn_vnd_per_person",
         "grdp_growth_pct": "pct_per_year", "tourism_revenue_bn_vnd": "bn_vnd",
         "communes_ntm_count": "count", "product_taxes_share_pct_of_grdp": "pct_of_grdp"}
SHARES = ("agriculture_share_pct_of_grdp", "industry_construction_share_pct_of_grdp",
          "services_share_pct_of_grdp", "product_taxes_share_pct_of_grdp")


def row(indicator, period, value, status="official", qualifier="exact", published="",
        choice="", note=""):
    unit = UNITS.get(indicator, "pct_of_grdp" if indicator.endswith("_of_grdp") else "pct")
    if "M" in period:
        status = "partial-year"
    url = f"https://example.org/{indicator}/{period}/{value}"
    return [indicator, period, str(value), unit, status, qualifier, "", published, "T", url,
            "official", "q", choice, note]


def write(tmp_path, rows, name="actuals.csv"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path = tmp_path / name
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def findings(tmp_path, rows):
    indicators = load_indicators()
    actuals = load_actuals(write(tmp_path, rows), indicators=indicators)
    return review(actuals, indicators)


def test_the_thresholds():
    assert WARN_FACTOR_PER_YEAR == 1.3
    assert UNIT_SLIP_FACTOR == pytest.approx(3.1623, abs=1e-4)


# --------------------------------------------------------------------------- 1 year on year


def test_a_value_in_the_wrong_unit_is_an_error_naming_the_row_and_both_values(tmp_path):
    # 1359 typed for 1,359,000 arrivals (thousands for arrivals): a factor of 1000
    rows = [row("tourist_arrivals", "2023", 1000000), row("tourist_arrivals", "2024", 1359)]
    (f,) = findings(tmp_path, rows)
    assert (f.severity, f.row, f.column, f.indicator_id, f.period) == (
        ERROR, 3, "value", "tourist_arrivals", "2024")
    assert f.text("vi") == (
        "Tổng lượt khách du lịch (tourist_arrivals) 2024: 1359 lệch 735,8 lần so với 2023 "
        "(dòng 2: 1000000); lệch cỡ 10 hay 1000 lần thường là nhầm đơn vị (triệu đồng với tỷ "
        "đồng, lượt với nghìn lượt)")
    assert "1359 is 735.8 times off 2023 (row 2: 1000000)" in f.text("en")


def test_ten_times_off_is_an_error_and_a_big_but_possible_jump_a_warning(tmp_path):
    # 558.9 for 55.89: ×10; 79 for 55.89: 79 / 55.89 = 1.4135, +41 %, above 1.3, below √10
    (slip,) = findings(tmp_path, [row("grdp_per_capita_mn_vnd", "2024", 55.89),
                                  row("grdp_per_capita_mn_vnd", "2025", 558.9)])
    assert slip.severity == ERROR and "558,9 lệch 10,0 lần so với 2024" in slip.text("vi")
    (jump,) = findings(tmp_path, [row("grdp_per_capita_mn_vnd", "2024", 55.89),
                                  row("grdp_per_capita_mn_vnd", "2025", 79)])
    assert jump.severity == WARNING and jump.row == 3
    assert "79 thay đổi +41% so với 2024 (dòng 2: 55,89)" in jump.text("vi")
    assert "79 is +41% on 2024 (row 2: 55.89)" in jump.text("en")
    # +29 % (72 / 55.89 = 1.288) is not flagged
    assert findings(tmp_path, [row("grdp_per_capita_mn_vnd", "2024", 55.89),
                               row("grdp_per_capita_mn_vnd", "2025", 72)]) == []


def test_the_other_candidates_of_the_period_are_named_with_their_change(tmp_path):
    # 79 (published later, same tier) chosen over 65.5; 65.5 / 55.89 = 1.172, +17 %
    rows = [row("grdp_per_capita_mn_vnd", "2024", 55.89, "estimate", published="2024-11"),
            row("grdp_per_capita_mn_vnd", "2025", 65.5, "estimate", published="2025-11"),
            row("grdp_per_capita_mn_vnd", "2025", 79, "estimate", published="2026-01")]
    (f,) = findings(tmp_path, rows)
    assert f.row == 4 and f.severity == WARNING
    assert f.text("vi").endswith("các dòng khác cho cùng kỳ: 65,5 (dòng 3, +17%)")
    assert f.affects_used  # 79 is the value the assessment uses


def test_over_a_gap_the_thresholds_grow_with_the_years(tmp_path):
    # 239.8 → 784 over two years: ×3.269 (> √10 but < √10 · 1.3 = 4.111): a warning, since
    # 3.269^(1/2) = 1.808 a year > 1.3; ×5 over two years is an error (5 > 4.111)
    (f,) = findings(tmp_path, [row("tourism_revenue_bn_vnd", "2021", 239.8),
                               row("tourism_revenue_bn_vnd", "2023", 784)])
    assert f.severity == WARNING and "+227%" in f.text("en") and "+81% a year" in f.text("en")
    (g,) = findings(tmp_path, [row("tourism_revenue_bn_vnd", "2021", 239.8),
                               row("tourism_revenue_bn_vnd", "2023", 1199)])
    assert g.severity == ERROR


def test_a_spike_is_one_problem_on_the_value_off_both_neighbours(tmp_path):
    rows = [row("tourist_arrivals", "2022", 900000), row("tourist_arrivals", "2023", 9500000),
            row("tourist_arrivals", "2024", 1000000)]
    (f,) = findings(tmp_path, rows)
    assert (f.severity, f.row) == (ERROR, 3)
    assert "2022 (dòng 2: 900000) và 2024 (dòng 4: 1000000)" in f.text("vi")


def test_the_problem_is_put_on_the_odd_value_not_on_its_correct_neighbour(tmp_path):
    # the wrong 1470 (thousands) is published later than 1,470,000 and is chosen: the error is
    # on it, and the right row is named with the change it would give (+8 % on 1,359,000)
    rows = [row("tourist_arrivals", "2023", 1000000),
            row("tourist_arrivals", "2024", 1359000),
            row("tourist_arrivals", "2025", 1470000, "estimate", published="2026-01"),
            row("tourist_arrivals", "2025", 1470, "estimate", published="2026-02")]
    errors = [f for f in findings(tmp_path, rows) if f.severity == ERROR]
    assert [(f.row, f.period) for f in errors] == [(5, "2025")]
    assert "1470 lệch 924,5 lần so với 2024 (dòng 3: 1359000)" in errors[0].text("vi")
    assert errors[0].text("vi").endswith("các dòng khác cho cùng kỳ: 1470000 (dòng 4, +8%)")
    # the first value of a series wrong: the earlier value is the odd one, not the later
    rows = [row("grdp_per_capita_mn_vnd", "2021", 440), row("grdp_per_capita_mn_vnd", "2022", 48),
            row("grdp_per_capita_mn_vnd", "2023", 47.2)]
    (f,) = findings(tmp_path, rows)
    assert (f.row, f.period, f.severity) == (2, "2021", ERROR)
    assert "440 lệch 9,2 lần so với 2022 (dòng 3: 48)" in f.text("vi")


def test_a_value_in_error_is_not_the_yardstick_of_its_correct_neighbours(tmp_path):
    # issue #13: 720 typed for 2026 (×11 the 65.5 of 2025). The chosen 2025 value is 65.5
    # (official); the estimate 79 is another candidate of 2025. Before the fix 79 was blamed
    # as an ERROR, "off both neighbours" 55.89 and 720 "(khoảng 1,4 lần)".
    rows = [row("grdp_per_capita_mn_vnd", "2024", 55.89),
            row("grdp_per_capita_mn_vnd", "2025", 65.5),
            row("grdp_per_capita_mn_vnd", "2025", 79, "estimate"),
            row("grdp_per_capita_mn_vnd", "2026", 720, "estimate")]
    found = findings(tmp_path, rows)
    # 720 / 65.5 = 10.99 ≥ √10: the only error, on the 720 row (row 5)
    assert [(f.row, f.severity) for f in found if f.severity == ERROR] == [(5, ERROR)]
    assert "720 lệch 11,0 lần so với 2025 (dòng 3: 65,5)" in found[0].text("vi")
    # 79 is judged against 55.89 only: 79 / 55.89 = 1.4135, +41 %: a warning, as before
    (other,) = [f for f in found if f.row == 4]
    assert other.severity == WARNING and "720" not in other.text("vi")
    assert "79 thay đổi +41% so với 2024 (dòng 2: 55,89)" in other.text("vi")


def test_an_error_never_states_a_factor_below_the_error_threshold(tmp_path):
    # a candidate 20 for 2025 (not chosen: 65.5 is official) between 55.89 (2024) and 70
    # (2026): 55.89 / 20 = 2.79 (a warning: ≥ 1.3, < √10) and 70 / 20 = 3.5 (≥ √10: an
    # error). The error names the side that makes it an error, 3,5 times, not "about 2,8"
    rows = [row("grdp_per_capita_mn_vnd", "2024", 55.89),
            row("grdp_per_capita_mn_vnd", "2025", 65.5),
            row("grdp_per_capita_mn_vnd", "2025", 20, "estimate"),
            row("grdp_per_capita_mn_vnd", "2026", 70)]
    (f,) = findings(tmp_path, rows)
    assert (f.row, f.severity) == (4, ERROR)
    assert "20 lệch 3,5 lần so với 2026 (dòng 5: 70)" in f.text("vi")
    assert "2,8" not in f.text("vi")


def test_a_confirmed_outlier_stays_the_yardstick_of_its_neighbours(tmp_path):
    # 3,750,000 in 2022 (×10 the 375,000 of 2021) is confirmed; 2023's 4,000,000 is +7 % on
    # it and is not blamed (it would be ×10.7 on 2021 if the confirmed value were taken out
    # of the series as a value in error)
    rows = [row("tourist_arrivals", "2020", 360000), row("tourist_arrivals", "2021", 375000),
            row("tourist_arrivals", "2022", 3750000, choice="use", note="mở cửa lại"),
            row("tourist_arrivals", "2023", 4000000)]
    assert findings(tmp_path, rows) == []


def test_a_wrong_candidate_that_is_not_chosen_is_still_an_error(tmp_path):
    # the official 1,359,000 wins; the reported 1359 (thousands) would win if it were final
    rows = [row("tourist_arrivals", "2023", 1200000),
            row("tourist_arrivals", "2024", 1359000, "official"),
            row("tourist_arrivals", "2024", 1359, "reported")]
    (f,) = findings(tmp_path, rows)
    assert (f.severity, f.row, f.affects_used) == (ERROR, 4, False)
    assert "choice=ignore" in f.render("vi")
    assert "1359 lệch 883,0 lần so với 2023 (dòng 2: 1200000)" in f.text("vi")


def test_an_economist_confirms_an_outlier_with_choice_use_and_a_note(tmp_path):
    base = [row("tourist_arrivals", "2021", 375000)]
    assert [f.severity for f in findings(tmp_path, base + [
        row("tourist_arrivals", "2022", 3750000)])] == [ERROR]
    # choice=use alone is not a confirmation: the note must say why
    (f,) = findings(tmp_path, base + [row("tourist_arrivals", "2022", 3750000, choice="use")])
    assert f.severity == ERROR and "cột note còn trống" in f.render("vi")
    assert findings(tmp_path, base + [row(
        "tourist_arrivals", "2022", 3750000, choice="use",
        note="đã đối chiếu Niên giám 2022: mở cửa lại sau COVID")]) == []
    # a row marked ignore is not checked at all
    assert findings(tmp_path, base + [row("tourist_arrivals", "2022", 375000),
                                      row("tourist_arrivals", "2022", 3750, choice="ignore")]) == []


def test_partial_periods_are_compared_with_the_same_months(tmp_path):
    rows = [row("tourist_arrivals", "2024-6M", 780600), row("tourist_arrivals", "2025-6M", 781),
            row("tourist_arrivals", "2025-9M", 1248912), row("tourist_arrivals", "2025", 1470000)]
    (f,) = findings(tmp_path, rows)
    assert (f.period, f.severity, f.affects_used) == ("2025-6M", ERROR, False)


def test_small_shares_and_counts_are_not_flagged_by_a_factor(tmp_path):
    # 5.61 → 7.5 is +34 % but only 1.89 pp; 1 → 3 towns is ×3
    assert findings(tmp_path, [row("product_taxes_share_pct_of_grdp", "2023", 5.61),
                               row("product_taxes_share_pct_of_grdp", "2024", 7.5)]) == []
    assert findings(tmp_path, [row("communes_ntm_count", "2022", 1),
                               row("communes_ntm_count", "2023", 3)]) == []


# --------------------------------------------------------------------------- 2 shares of GRDP


def test_shares_of_grdp_adding_up_to_far_more_than_100_are_an_error(tmp_path):
    # 51.78 typed as 87.78: 10.69 + 87.78 + 31.92 + 5.61 = 136.00
    values = (10.69, 87.78, 31.92, 5.61)
    (f,) = findings(tmp_path, [row(i, "2024-9M", v) for i, v in zip(SHARES, values, strict=True)])
    assert f.severity == ERROR and f.check == "sum"
    assert "kỳ 2024-9M cộng lại 136,00%" in f.text("vi")
    assert "dòng 3" in f.text("vi")  # every part named with its row
    assert findings(tmp_path, [row(i, "2024-9M", v) for i, v in
                               zip(SHARES, (10.69, 51.78, 31.92, 5.61), strict=True)]) == []


def test_shares_a_little_off_warn_and_parts_alone_over_100_are_an_error(tmp_path):
    # 10.69 + 51.78 + 31.92 + 7.11 = 101.50: beyond 1 pp, within 5 pp
    (f,) = findings(tmp_path, [row(i, "2024", v) for i, v in
                               zip(SHARES, (10.69, 51.78, 31.92, 7.11), strict=True)])
    assert f.severity == WARNING
    # two parts only, 60 + 51.78 = 111.78, with two still missing
    (g,) = findings(tmp_path, [row(SHARES[0], "2024", 60), row(SHARES[1], "2024", 51.78)])
    assert g.severity == ERROR and "còn thiếu" in g.text("vi")


# --------------------------------------------------------------------------- 3 averages


def test_compound_mean_by_hand():
    # 1.056 · 1.077 = 1.137312; · 0.9723 = 1.105808; ln = 0.100576; / 3 = 0.033525;
    # exp − 1 = 3.409 %
    assert compound_mean_pct([5.6, 7.7, -2.77]) == pytest.approx(3.4094, abs=1e-3)


def test_a_published_average_that_disagrees_with_the_annual_rates(tmp_path):
    annual = [row("grdp_growth_pct", str(y), v, "estimate")
              for y, v in ((2021, 5.6), (2022, 7.7), (2023, -2.77))]
    (f,) = findings(tmp_path, annual + [row("grdp_growth_pct", "2021-2023", 3.91, "reported")])
    # 3.91 − 3.41 = +0.50 pp: more than the 0.2 pp of rounding, less than 2 pp
    assert f.severity == WARNING and AVERAGE_WARN_PP < 3.91 - 3.4094 < AVERAGE_ERROR_PP
    assert "bình quân công bố 3,91%/năm" in f.text("vi") and "3,41%/năm" in f.text("vi")
    assert "(a difference of +0.50 pp)" in f.text("en")
    (g,) = findings(tmp_path, annual + [row("grdp_growth_pct", "2021-2023", 39.1, "reported")])
    assert g.severity == ERROR
    assert findings(tmp_path, annual + [row("grdp_growth_pct", "2021-2023", 3.5)]) == []
    # a bound is only contradicted from its side: "more than 3" holds, "more than 4" does not
    assert findings(tmp_path, annual + [
        row("grdp_growth_pct", "2021-2023", 3, qualifier="more_than")]) == []
    assert len(findings(tmp_path, annual + [
        row("grdp_growth_pct", "2021-2023", 4, qualifier="more_than")])) == 1


# --------------------------------------------------------------------------- 4 rates


def growth_history(confirm_2023=True):
    """GRDP growth 2021–2025 as shipped (the 2023 fall confirmed, as in the shipped file).

    Sorted: −2.77, 5.6, 7.52, 7.7, 9 → median 7.52; deviations 10.29, 1.92, 0, 0.18, 1.48 →
    sorted 0, 0.18, 1.48, 1.92, 10.29 → MAD 1.48 → spread 1.48 / 0.6745 = 2.194 pp.
    """
    note = "năm hạn hán, thủy điện giảm" if confirm_2023 else ""
    return [row("grdp_growth_pct", "2021", 5.6, "estimate"),
            row("grdp_growth_pct", "2022", 7.7, "estimate"),
            row("grdp_growth_pct", "2023", -2.77, "preliminary",
                choice="use" if confirm_2023 else "", note=note),
            row("grdp_growth_pct", "2024", 9, "estimate"),
            row("grdp_growth_pct", "2025", 7.52, "estimate")]


def test_the_rate_thresholds():
    assert (RATE_WARN_Z, RATE_TYPICAL_Z, RATE_MIN_SPREAD_PP, RATE_MIN_HISTORY) == (3.5, 1.0, 1.0, 3)


def test_a_growth_rate_ten_times_too_large_is_an_error(tmp_path):
    # issue #1: 75 typed for 7,5. z = (75 − 7.52) / 2.194 = 30.8 ≥ 3.5, and 75 / 10 = 7.5 is
    # |7.5 − 7.52| / 2.194 = 0.01 ≤ 1 spread from the median: a typical year
    (f,) = findings(tmp_path, growth_history() + [row("grdp_growth_pct", "2026", 75, "estimate")])
    assert (f.severity, f.row, f.column, f.period, f.check) == (ERROR, 7, "value", "2026",
                                                                CHECK_RATE)
    assert f.affects_used
    assert f.text("vi") == (
        "Tốc độ tăng trưởng GRDP (grdp_growth_pct) 2026: 75 %/năm nằm xa hẳn các năm khác của "
        "chuỗi (2021 (dòng 2: 5,6), 2022 (dòng 3: 7,7), 2023 (dòng 4: -2,77), 2024 (dòng 5: 9), "
        "2025 (dòng 6: 7,52); trung vị 7,52, độ phân tán 2,19 điểm %: cách trung vị 30,8 lần độ "
        "phân tán), còn 7,5 thì đúng tầm các năm đó: nhiều khả năng là gõ sai chỗ dấu thập phân "
        "(7,5 thành 75)")
    assert f.render("vi").endswith(
        "(thấy '75'; cần 7,5 nếu nguồn ghi như vậy (tốc độ tính theo phần trăm, gõ kiểu 7,5); "
        "nếu số đúng như nguồn công bố, xác nhận bằng choice=use và ghi lý do vào cột note)")
    assert "most likely a misplaced decimal mark (75 typed for 7.5)" in f.text("en")


@pytest.mark.parametrize("typed", [0.075, "0,075"])
def test_a_growth_rate_typed_as_a_fraction_is_an_error(tmp_path, typed):
    # 0.075: z = (7.52 − 0.075) / 2.194 = 3.39, more than 1 spread, not typical; its per-cent
    # reading 0.075 × 100 = 7.5 is 0.01 spread from the median: a fraction for 7.5 %
    (f,) = findings(tmp_path, growth_history() + [row("grdp_growth_pct", "2026", typed,
                                                      "estimate")])
    assert (f.severity, f.row, f.check) == (ERROR, 7, CHECK_RATE)
    assert f.text("vi").startswith(
        "Tốc độ tăng trưởng GRDP (grdp_growth_pct) 2026: 0,075 %/năm trông như một phần thập "
        "phân gõ thay cho phần trăm: 7,5 %/năm mới đúng tầm các năm khác của chuỗi")
    assert f.text("vi").endswith("còn 0,075 cách trung vị 3,4 lần độ phân tán")
    assert "cần 7,5 nếu nguồn ghi như vậy" in f.render("vi")


def test_an_unusual_but_possible_rate_is_a_warning(tmp_path):
    # 20: z = (20 − 7.52) / 2.194 = 5.69 ≥ 3.5; 20 / 10 = 2 is 2.52 spreads off, 0.2 is 3.34:
    # no reading is typical, so a warning
    (f,) = findings(tmp_path, growth_history() + [row("grdp_growth_pct", "2026", 20, "estimate")])
    assert (f.severity, f.row) == (WARNING, 7)
    assert "cách trung vị 5,7 lần độ phân tán (ngưỡng cảnh báo 3,5 lần)" in f.text("vi")
    assert "kiểm tra lại với nguồn" in f.render("vi")


@pytest.mark.parametrize("value", [7.5, 12, 0.8])
def test_ordinary_rates_and_a_real_low_year_pass(tmp_path, value):
    # 7.5: z = 0.01; 12: z = 4.48 / 2.194 = 2.04 < 3.5; 0.8: z = 6.72 / 2.194 = 3.06 < 3.5 and
    # 0.8 × 100 = 80 is no typical year (a real low year is not read as a fraction)
    assert findings(tmp_path, growth_history() + [
        row("grdp_growth_pct", "2026", value, "estimate")]) == []


def test_a_real_contraction_is_at_most_a_warning(tmp_path):
    # −1: z = (7.52 + 1) / 2.194 = 3.88 ≥ 3.5; −0.1 is (7.52 + 0.1) / 2.194 = 3.47 spreads off
    # and −0.01 is 3.43: no typical reading, so a warning, never an error
    (f,) = findings(tmp_path, growth_history() + [row("grdp_growth_pct", "2026", -1, "estimate")])
    assert f.severity == WARNING and "cách trung vị 3,9 lần" in f.text("vi")


def test_without_the_confirmation_the_real_2023_fall_is_a_warning(tmp_path):
    # 2023 against 2021, 2022, 2024, 2025: sorted 5.6, 7.52, 7.7, 9 → median 7.61; deviations
    # 2.01, 0.09, 0.09, 1.39 → MAD (0.09 + 1.39) / 2 = 0.74 → spread 1.097;
    # z = (7.61 + 2.77) / 1.097 = 9.46 ≥ 3.5; −0.277 and −0.0277 are no typical year
    (f,) = findings(tmp_path, growth_history(confirm_2023=False))
    assert (f.severity, f.row) == (WARNING, 4)
    assert "trung vị 7,61, độ phân tán 1,10 điểm %" in f.text("vi")
    assert "cách trung vị 9,5 lần" in f.text("vi")


def test_a_confirmed_rate_and_a_short_series_are_not_judged(tmp_path):
    typo = row("grdp_growth_pct", "2026", 75, "estimate", choice="use", note="đã đối chiếu")
    assert findings(tmp_path, growth_history() + [typo]) == []
    # two annual rates of the other years are fewer than RATE_MIN_HISTORY: not judged
    short = [row("grdp_growth_pct", "2024", 4.7), row("grdp_growth_pct", "2025", 4.93),
             row("grdp_growth_pct", "2026", 75)]
    assert findings(tmp_path, short) == []


def test_a_wrong_rate_that_is_not_chosen_and_a_partial_year_rate(tmp_path):
    # the official 7.5 is chosen for 2026; the estimate 75 is another candidate: an error that
    # does not bear on the values used, and choice=ignore is offered
    rows = growth_history() + [row("grdp_growth_pct", "2026", 7.5, "official"),
                               row("grdp_growth_pct", "2026", 75, "estimate")]
    (f,) = findings(tmp_path, rows)
    assert (f.severity, f.row, f.affects_used) == (ERROR, 8, False)
    assert "hoặc ghi choice=ignore" in f.render("vi")
    # nine months at 75: compared with the annual rates of the other years, the same error
    (g,) = findings(tmp_path, growth_history() + [row("grdp_growth_pct", "2026-9M", 75)])
    assert (g.severity, g.period, g.affects_used) == (ERROR, "2026-9M", False)


def test_the_rate_error_names_the_excel_cell(tmp_path, capsys):
    indicators = load_indicators()
    actuals = load_actuals(write(tmp_path, growth_history()), indicators=indicators)
    path = write_template(tmp_path / "mau.xlsx", actuals, indicators, year=2026)
    book = openpyxl.load_workbook(path)
    sheet = book["actuals"]
    header = [c.value for c in sheet[1]]
    column = {name: i + 1 for i, name in enumerate(header)}
    (line,) = [r for r in range(2, sheet.max_row + 1)
               if sheet.cell(r, 1).value == "grdp_growth_pct"
               and str(sheet.cell(r, column["period"]).value) == "2026"]
    for name, value in (("value", 75), ("status", "ước tính"), ("qualifier", "chính xác"),
                        ("source_title", "T"), ("source_url", "https://laichau.gov.vn/x"),
                        ("quote", "q")):
        sheet.cell(line, column[name]).value = value
    book.save(path)
    assert main(["check", "--actuals", str(path)]) == 2
    err = capsys.readouterr().err
    letter = openpyxl.utils.get_column_letter(column["value"])
    assert (f"mau.xlsx, trang 'actuals', ô {letter}{line}, cột 'value': Tốc độ tăng trưởng GRDP "
            "(grdp_growth_pct) 2026: 75 %/năm nằm xa hẳn") in err


# --------------------------------------------------------------------------- the commands


def test_an_error_stops_check_with_file_row_and_column_in_vietnamese(tmp_path, capsys):
    path = write(tmp_path, [row("tourist_arrivals", "2023", 1000000),
                            row("tourist_arrivals", "2024", 1359)])
    before = sorted(tmp_path.iterdir())
    assert main(["check", "--actuals", str(path)]) == 2
    err = capsys.readouterr().err
    assert ("actuals.csv, dòng 3, cột 'value': Tổng lượt khách du lịch (tourist_arrivals) "
            "2024") in err
    assert main(["check", "--actuals", str(path), "--lang", "en"]) == 2
    assert "actuals.csv, row 3, column 'value': Tourist arrivals" in capsys.readouterr().err
    assert main(["assess", "--actuals", str(path)]) == 2  # the assessment refuses it too
    assert sorted(tmp_path.iterdir()) == before


def test_a_warning_is_printed_and_check_still_passes(tmp_path, capsys):
    path = write(tmp_path, [row("grdp_per_capita_mn_vnd", "2024", 55.89),
                            row("grdp_per_capita_mn_vnd", "2025", 79)])
    assert main(["check", "--actuals", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Số liệu cần kiểm tra: 1 cảnh báo" in out
    assert "actuals.csv, dòng 3, cột 'value': GRDP bình quân đầu người" in out


def test_the_shipped_data_pass_with_the_warnings_they_deserve():
    result = subprocess.run([sys.executable, "-m", "analysis", "check"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # the per-capita jump: 79 for 2025 against 55.89 for 2024 (+41 %), 65.5 the other row
    assert ("dòng 68, cột 'value': GRDP bình quân đầu người (grdp_per_capita_mn_vnd) 2025: 79 "
            "thay đổi +41% so với 2024 (dòng 66: 55,89)") in out
    assert "65,5 (dòng 67, +17%) – giá trị đang được chọn" in out
    # the published 2021–2023 average 3.91 against 3.41 compounded
    assert "2021-2023: bình quân công bố 3,91%/năm" in out and "3,41%/năm" in out
    # the real +24.88 % of 2016 and −2.77 % of 2023 are confirmed in the file: no warning
    assert "24,88 %/năm nằm xa" not in out and "-2,77 %/năm nằm xa" not in out
    assert out.rstrip().endswith("Số liệu hợp lệ.")


def test_the_dataset_keeps_the_warnings():
    data = load_dataset()
    per_capita = [w for w in data.warnings if w.indicator_id == "grdp_per_capita_mn_vnd"]
    # on the 79 row, which is not the value used: 65.5 is chosen by its source tier (a
    # Vietnamese original against a Japanese translation)
    assert [(w.period, w.severity, w.affects_used) for w in per_capita] == [
        ("2025", WARNING, False)]


def test_errors_are_raised_only_when_the_files_are_otherwise_valid(tmp_path):
    # a broken cell and a wrong unit: the cell is reported, the series is not judged yet
    path = write(tmp_path, [row("tourist_arrivals", "2023", "x"),
                            row("tourist_arrivals", "2024", 1359)])
    with pytest.raises(InputError) as info:
        load_dataset(None, path)
    assert [p.key for p in info.value.problems] == ["msg.number.invalid"]
