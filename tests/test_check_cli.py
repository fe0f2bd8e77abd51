"""The check command and the coverage it prints."""

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
from support import cli

from analysis.cli import main
from analysis.data.coverage import coverage_table, target_coverage
from analysis.data.loaders import load_dataset

FIXTURES = Path(__file__).parent / "fixtures" / "data"
TARGETS = FIXTURES / "targets.csv"
ACTUALS = FIXTURES / "actuals.csv"


def test_target_coverage_by_hand():
    data = load_dataset(TARGETS, ACTUALS)
    coverage = target_coverage(data.targets, data.actuals).set_index("target_id")
    growth = coverage.loc["grdp_growth_pct_per_year"]
    # 2021 official; 2022 has an estimate and an official value, the official one is chosen;
    # 2023 only has nine months
    assert (growth["annual"], growth["estimate_only"], growth["partial_only"]) == (
        [2021, 2022], [], [2023])
    tourists = coverage.loc["tourists_2030_arrivals"]
    assert (tourists["annual"], tourists["multi_year"], tourists["latest_year"]) == (
        [2022], ["2021-2023"], 2022)
    industry = coverage.loc["industry_share_pct_of_grdp"]
    assert not industry["has_data"] and pd.isna(industry["latest_year"])
    table = coverage_table(coverage.reset_index(), "en").set_index("target")
    assert table.loc["industry_share_pct_of_grdp", "annual"] == "no data"
    vi = coverage_table(coverage.reset_index(), "vi").set_index("target")
    assert vi.loc["industry_share_pct_of_grdp", "annual"] == "chưa có số liệu"
    # 2021 and 2022: two years are listed, not written as a range (analysis.data.periods)
    assert table.loc["grdp_growth_pct_per_year", "annual"] == "2021, 2022"
    assert table.loc["grdp_growth_pct_per_year", "partial-year only"] == "2023"


def test_estimate_only_year(tmp_path):
    actuals = tmp_path / "a.csv"
    text = ACTUALS.read_text(encoding="utf-8")
    # drop the official 2022 growth figure: the estimate is all that is left for 2022
    actuals.write_text("\n".join(line for line in text.splitlines()
                                 if "yb2022,official,\"tăng 7,52%" not in line),
                       encoding="utf-8")
    data = load_dataset(TARGETS, actuals)
    growth = target_coverage(data.targets, data.actuals).set_index("target_id").loc[
        "grdp_growth_pct_per_year"]
    assert (growth["annual"], growth["estimate_only"]) == ([2021], [2022])


def test_check_valid(capsys):
    assert main(["check", "--targets", str(TARGETS), "--actuals", str(ACTUALS),
                 "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "actuals               9 rows" in out
    assert "targets               5 rows" in out
    # the conflict: official 7.52 (row 4) chosen over the estimate 7.1 (row 3)
    assert "grdp_growth_pct 2022 (why chosen: more final status)" in out
    assert "* 7.52 %/yr  official, source tier:" in out
    assert "Targets with no data at all: 1" in out
    assert "industry_share_pct_of_grdp (indicator industry_share_pct_of_grdp)" in out
    assert "Values to verify: none." in out


def test_check_speaks_vietnamese_by_default(capsys, monkeypatch):
    monkeypatch.delenv("ANALYSIS_LANG", raising=False)
    assert main(["check", "--targets", str(TARGETS), "--actuals", str(ACTUALS)]) == 0
    out = capsys.readouterr().out
    assert "actuals               9 dòng" in out
    # the status, tier, qualifier and the rule in words, the number the Vietnamese way
    assert "grdp_growth_pct 2022 (lý do chọn: tình trạng cuối cùng hơn):" in out
    assert "* 7,52 %/năm  chính thức, bậc nguồn: " in out
    assert "  7,1 %/năm  ước tính, bậc nguồn: " in out
    assert ", chính xác, công bố " in out
    for code in ("official", "estimate", "exact", "pct_per_year", "7.52", "status)"):
        assert code not in out.split("Số liệu mâu thuẫn")[1].split("Chỉ tiêu chưa")[0]
    assert "Chỉ tiêu chưa có số liệu nào: 1" in out
    assert out.rstrip().endswith("Số liệu hợp lệ.")
    monkeypatch.setenv("ANALYSIS_LANG", "en")  # the environment's language without --lang
    assert main(["check", "--targets", str(TARGETS), "--actuals", str(ACTUALS)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("The data are valid.")

def test_check_invalid_exits_2_and_writes_nothing(tmp_path, capsys):
    shutil.copytree(FIXTURES, tmp_path / "data")
    actuals = tmp_path / "data" / "actuals.csv"
    text = actuals.read_text(encoding="utf-8")
    actuals.write_text(text.replace(",6.2,", ",x,").replace(",51.4,", ",140,"), encoding="utf-8")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    argv = ["check", "--targets", str(tmp_path / "data" / TARGETS.name), "--actuals", str(actuals)]
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.startswith("2 lỗi trong dữ liệu đầu vào:")
    assert "actuals.csv, dòng 2, cột 'value': không phải là số" in captured.err
    assert "dòng 7, cột 'value': giá trị không hợp lý cho một tỷ lệ (pct)" in captured.err
    assert main([*argv, "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("2 problems in the input:")
    assert "actuals.csv, row 2, column 'value': not a number" in captured.err
    assert "row 7, column 'value': implausible value" in captured.err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_check_reads_the_workbook(tmp_path, capsys):
    out = tmp_path / "t.xlsx"
    assert main(["template", "--out", str(out), "--actuals", str(ACTUALS),
                 "--indicators", str(FIXTURES / "indicators.csv"), "--year", "2026"]) == 0
    assert main(["check", "--targets", str(TARGETS), "--actuals", str(out), "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert "actuals               9 rows" in printed
    assert "(5 unfilled template rows skipped)" in printed


def test_shipped_data_pass_the_check():
    result = subprocess.run([sys.executable, "-m", "analysis", "check", "--lang", "en"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "The data are valid." in result.stdout


def test_a_published_average_is_written_the_languages_way_with_its_own_advice():
    # actuals.csv row 9: grdp_growth_pct 2021-2023 = 3.91 (reported) against the annual rates
    # 5.6, 7.7, -2.77: (1.056 * 1.077 * 0.9723)^(1/3) - 1 = 3.41 %/yr, 0.50 pp apart
    assert round(100 * ((1.056 * 1.077 * 0.9723) ** (1 / 3) - 1), 2) == 3.41
    for lang, where, found, advice, unit_advice in (
            ("vi", "actuals.csv, dòng 9,", "thấy '3,91'",
             "cần kiểm tra lại số bình quân công bố và các tốc độ từng năm",
             "sửa số hoặc đơn vị"),
            ("en", "actuals.csv, row 9,", "found '3.91'",
             "expected a check of the published average and of the annual rates",
             "a corrected value or unit")):
        code, out, err = cli(["check", "--lang", lang])
        assert code == 0, err
        line = next(x for x in out.splitlines() if where in x)
        assert found in line and advice in line
        assert unit_advice not in line  # a wrong unit is not what an average mismatch means
        # a value breaking its series keeps the advice about a unit: 79 for 2025 (row 68)
        jump = next(x for x in out.splitlines() if where.replace("9,", "68,") in x)
        assert unit_advice in jump
