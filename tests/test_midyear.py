"""The mid-year report: ``report --year 2026`` when 2026 has only partial-year values.

The fixture (``tests/fixtures/midyear/actuals.csv``) has annual values to 2025 and, for 2026,
GRDP growth for 3 and 6 months, tourist arrivals, budget revenue and the agriculture share for
6 months; the same 6 months of 2025 for all but the share. By hand:

* GRDP growth 6M: 7.1 − 6.88 = +0.22 percentage points;
* tourist arrivals 6M: 900,000 / 800,000 − 1 = +12.5 %;
* budget revenue 6M: 2,073.5 / 1,885 − 1 = 0.1000 = +10.0 %;
* the agriculture share: no value for 6M 2025, no change;
* the GRDP index of 2025 (annual rates only; the 2026 partial rates are not annual):
  100 · 1.056 · 1.077 · 0.9723 · 1.09 · 1.0752 = 129.6.
"""

import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from support import DEFAULT_TARGETS

from analysis.data.loaders import load_dataset
from analysis.data.selection import choose_values
from analysis.report.midyear import so_far
from analysis.report.parameters import ReportParameters

MIDYEAR = Path(__file__).parent / "fixtures" / "midyear" / "actuals.csv"


def test_the_year_so_far_by_hand():
    chosen = choose_values(load_dataset(DEFAULT_TARGETS, MIDYEAR).actuals)
    table = so_far(chosen, 2026).set_index("indicator_id")
    grdp = table.loc["grdp_growth_pct"]
    assert (grdp["period"], grdp["previous_period"]) == ("2026-6M", "2025-6M")  # 6M over 3M
    assert grdp["change"] == pytest.approx(7.1 - 6.88)
    assert table.loc["tourist_arrivals", "change"] == pytest.approx(12.5)
    assert table.loc["budget_revenue_bn_vnd", "change"] == pytest.approx(10.0, abs=1e-9)
    share = table.loc["agriculture_share_pct_of_grdp"]
    assert share["previous_period"] == "" and pd.isna(share["change"])
    assert len(table) == 4


def test_an_annual_report_has_no_mid_year_chapter():
    from analysis.report.context import setup
    from analysis.report.midyear import chapter, cover_tex

    report = setup(ReportParameters(actuals_path=str(MIDYEAR)))  # no year: the latest annual, 2025
    assert report.year == 2025 and not report.year_plan.is_midyear
    assert chapter(report) == [] and cover_tex(report) == ""


def _text(pdf: Path, mode: str = "-layout") -> str:
    return subprocess.run(["pdftotext", mode, str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.fixture(scope="module")
def renders(tmp_path_factory):
    from analysis.cli import main

    out = tmp_path_factory.mktemp("midyear")
    for lang in ("vi", "en"):
        assert main(["report", "--year", "2026", "--lang", lang, "--actuals", str(MIDYEAR),
                     "--out", str(out)]) == 0
    # the mid-year report's own name: it never replaces the annual report of 2026
    assert not (out / "26-ctr-tu-2026-vi.pdf").exists()
    texts = {lang: _text(out / f"26-ctr-tu-2026-6m-{lang}.pdf") for lang in ("vi", "en")}
    texts |= {f"{lang}-raw": _text(out / f"26-ctr-tu-2026-6m-{lang}.pdf", "-raw")
              for lang in ("vi", "en")}  # table cells in reading order
    return texts


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.slow
def test_mid_year_report_in_vietnamese(renders):
    text = renders["vi"]
    flat = _squeeze(text)
    assert "Năm đánh giá: 2025" in flat
    assert "Báo cáo 6 tháng năm 2026 (số liệu năm 2026 đến 6T/2026)" in flat
    assert "1 Năm 2026 đến nay" in flat  # the first chapter
    assert "không được dùng như số cả năm" in flat
    grdp = next(line for line in text.splitlines() if line.lstrip().startswith("Tốc độ tăng trưởng")
                and "6T/2026" in line)
    assert re.search(r"7,1%\s+6,88%\s+\+0,22\s+điểm\s+%", grdp)
    assert "+12,5%" in flat and "+10,0%" in flat
    # partial values are never annual: the GRDP index is 2025's, 129.6
    assert "Năm 2025 đạt chỉ số 129,6 (ước tính)" in flat
    assert "(2026," not in flat  # no latest value of 2026 in the status table
    # the per-capita jump (79 on 55.89, +41 %) is to verify, beside its verdict and in the annex
    assert "số liệu cần kiểm tra (1), mục B.4" in _squeeze(renders["vi-raw"])
    assert "B.4 Số liệu cần kiểm tra" in flat and "79 thay đổi +41% so với 2024" in flat


@pytest.mark.slow
def test_mid_year_report_in_english(renders):
    flat = _squeeze(renders["en"])
    assert "Assessment year: 2025" in flat
    assert "Report on the first 6 months of 2026 (values of 2026 up to 6M 2026)" in flat
    assert "1 2026 so far" in flat
    assert "+0.22 pp" in flat and "+12.5%" in flat and "+10.0%" in flat
    assert "never used as annual values" in flat
    assert "2025: index 129.6 (estimate)" in flat
    assert "values to verify (1), section B.4" in _squeeze(renders["en-raw"])
    assert "B.4 Values to verify" in flat


def test_a_warning_marks_only_the_verdicts_it_bears_on():
    from support import DEFAULT_ACTUALS

    from analysis.report.context import setup
    from analysis.report.verify import marker, warnings_for

    report = setup(ReportParameters(actuals_path=str(DEFAULT_ACTUALS)))
    # per capita: the warning is on 79 for 2025 (+41 % on 55.89), which the verdict does not
    # use (65.5 wins by its source tier), so it marks nothing
    assert warnings_for(report, "grdp_per_capita_mn_vnd") == []
    assert marker(report, "grdp_per_capita_mn_vnd") == []
    # budget revenue: 2025 (+51 %) counts, 2016 (+86 % on 2015) lies before the base year 2020
    assert [w.period for w in warnings_for(report, "budget_revenue_bn_vnd")] == ["2025"]
    assert warnings_for(report, "forest_cover_pct") == []
    assert marker(report, "forest_cover_pct") == []
