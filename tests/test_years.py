"""Which year is assessed: annual, mid-year (only partial-year values), or refused."""

from pathlib import Path

import pytest
from support import DEFAULT_TARGETS

from analysis.cli import main
from analysis.data.loaders import load_dataset
from analysis.data.years import plan_year, target_year_of
from analysis.errors import InputError
from analysis.report import render as render_module

MIDYEAR = Path(__file__).parent / "fixtures" / "midyear" / "actuals.csv"


@pytest.fixture(scope="module")
def data():
    return load_dataset(DEFAULT_TARGETS, MIDYEAR)


def plan(data, year):
    return plan_year(data.actuals, year, 2020, target_year_of(data.targets), file=str(MIDYEAR))


def test_annual_years(data):
    assert target_year_of(data.targets) == 2030
    latest = plan(data, None)
    assert (latest.assessed, latest.midyear, latest.is_midyear) == (2025, None, False)
    assert plan(data, 2023).assessed == 2023


def test_a_year_with_only_partial_values_is_a_mid_year_report(data):
    # the fixture has 2026-3M and 2026-6M values and no annual 2026 value
    p = plan(data, 2026)
    assert (p.requested, p.assessed, p.midyear) == (2026, 2025, 2026)
    assert p.partial_periods == ("2026-3M", "2026-6M") and p.data_year == 2026


@pytest.mark.parametrize("year", [2019, 2020, 2031, 2035])
def test_a_year_outside_the_programme_is_refused(data, year):
    with pytest.raises(InputError) as info:
        plan(data, year)
    (problem,) = info.value.problems
    assert problem.column is None  # no "column 'year'" the file does not have
    # the year typed is the mistake, whatever the data hold: the parameter, not actuals.csv;
    # the period in the words of any kind of document (a programme, a plan, a master plan)
    assert problem.render("vi") == (
        f"tham số --year: năm {year} nằm ngoài giai đoạn 2021–2030 của văn bản được đánh giá "
        f"(thấy '{year}'; cần một năm từ 2021 đến 2030 (sau năm gốc 2020, không quá năm mục "
        "tiêu))")
    assert f"the year {year} lies outside the period 2021–2030 of the document" \
        in problem.render("en")


def test_a_year_with_no_data_names_what_there_is(data):
    with pytest.raises(InputError) as info:
        plan(data, 2027)
    text = info.value.problems[0].render("vi")
    assert "chưa có số liệu cho năm 2027" in text
    assert "năm 2025 hoặc sớm hơn" in text and "gần nhất: 2026-6M" in text
    assert "no data for 2027 yet" in info.value.problems[0].render("en")


def test_with_the_shipped_data_2026_is_refused_naming_2025():
    data = load_dataset()
    with pytest.raises(InputError) as info:
        plan(data, 2026)
    text = info.value.problems[0].render("vi")
    assert "chưa có số liệu cho năm 2026" in text
    # 2025 has annual values: its partial periods are no mid-year to offer
    assert text.endswith("cần năm 2025 hoặc sớm hơn (năm cuối cùng có số liệu cả năm))")


def _cli(argv, capsys):
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("year", ["2035", "2019"])
def test_assess_refuses_years_outside_the_programme(year, capsys):
    code, out, err = _cli(["assess", "--year", year], capsys)
    assert code == 2 and out == ""
    assert f"tham số --year: năm {year} nằm ngoài giai đoạn 2021–2030" in err
    code, _, err = _cli(["assess", "--year", year, "--lang", "en"], capsys)
    assert code == 2 and f"parameter --year: the year {year} lies outside" in err


def test_assess_a_mid_year_assesses_the_last_full_year(capsys):
    code, out, _ = _cli(["assess", "--year", "2026", "--actuals", str(MIDYEAR)], capsys)
    assert code == 0
    assert out.splitlines()[0].startswith("Năm 2026 mới có số liệu một phần năm (2026-3M, 2026-6M)")
    assert "Năm đánh giá: 2025 (năm gốc 2020)" in out
    code, _, err = _cli(["assess", "--year", "2026", "--actuals", str(MIDYEAR), "--format", "csv"],
                        capsys)
    assert code == 0 and "đánh giá năm đầy đủ gần nhất, 2025" in err  # the note on stderr


def test_report_refuses_a_year_without_data_before_the_notebook(capsys, monkeypatch, tmp_path):
    def no_notebook(*_a, **_k):
        raise AssertionError("the notebook must not run")

    monkeypatch.setattr(render_module, "render_notebook", no_notebook)
    code, _, err = _cli(["report", "--year", "2027", "--actuals", str(MIDYEAR), "--out",
                         str(tmp_path)], capsys)
    assert code == 2 and "chưa có số liệu cho năm 2027" in err
    code, _, err = _cli(["report", "--year", "2031", "--out", str(tmp_path), "--lang", "en"],
                        capsys)
    assert code == 2 and "the year 2031 lies outside the period 2021–2030" in err
    assert list(tmp_path.iterdir()) == []
