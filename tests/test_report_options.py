"""The report command's own options: a wrong one is blamed on the option typed, with exit 2,
before anything is rendered."""

from __future__ import annotations

import pytest
from support import cli


@pytest.mark.parametrize("date", ["2026-13-01", "2026-02-30", "01/12/2026"])
def test_a_wrong_date_names_the_option_not_the_notebook_parameter(tmp_path, date):
    code, out, err = cli(["report", "--date", date, "--out", str(tmp_path / "r")])
    assert code == 2 and out == ""
    assert "tham số --date: giá trị không dùng được" in err and f"'{date}'" in err
    assert "report_date" not in err and "None" not in err
    assert not (tmp_path / "r").exists()  # nothing written
    code, _, err = cli(["report", "--date", date, "--lang", "en", "--out", str(tmp_path / "r")])
    assert code == 2 and "parameter --date: value cannot be used" in err
    assert "(without --date: today)" in err
