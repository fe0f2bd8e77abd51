"""A failed render leaves any earlier report byte-identical, exits non-zero and says why.

The earlier report is stood in for by files with known bytes at the paths the render would
write (the PDF and the executed notebook beside it).
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from analysis import PROJECT_ROOT
from analysis.cli import report as report_command
from analysis.errors import EXIT_INVALID_INPUT, ReportError
from analysis.report import render as render_module
from analysis.report.render import render_report

EARLIER_PDF = b"%PDF-1.5 earlier report, must survive\n"
EARLIER_NB = b'{"earlier": "notebook"}'
INSTALL = ("sudo apt-get install texlive-xetex texlive-fonts-recommended "
           "texlive-plain-generic pandoc")


@pytest.fixture
def earlier(tmp_path):
    """An output folder holding an earlier 2025 Vietnamese report."""
    out = tmp_path / "reports"
    out.mkdir()
    (out / "26-ctr-tu-2025-vi.pdf").write_bytes(EARLIER_PDF)
    (out / "26-ctr-tu-2025-vi.ipynb").write_bytes(EARLIER_NB)
    return out


def _untouched(out: Path) -> None:
    assert (out / "26-ctr-tu-2025-vi.pdf").read_bytes() == EARLIER_PDF
    assert (out / "26-ctr-tu-2025-vi.ipynb").read_bytes() == EARLIER_NB
    assert not list(out.glob(".*.part")), "a temporary file was left behind"


def _notebook_with(tmp_path: Path, source: str) -> Path:
    """The report notebook with one extra code cell after the setup cell."""
    nb = nbformat.read(PROJECT_ROOT / "notebooks" / "assessment.ipynb", as_version=4)
    setup = next(i for i, c in enumerate(nb.cells) if "rc.setup" in c.source)
    nb.cells.insert(setup + 1, nbformat.v4.new_code_cell(source))
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)
    return path


def _args(out: Path, **kw) -> argparse.Namespace:
    """The report command's arguments as its own parser gives them, with ``kw`` set."""
    from analysis.cli import build_parser

    args = build_parser().parse_args(["report", "--out", str(out)])
    for key, value in kw.items():
        setattr(args, key, value)
    return args


@pytest.mark.slow
def test_notebook_error_keeps_earlier_report_and_names_the_cell(tmp_path, earlier, monkeypatch,
                                                              capsys):
    broken = _notebook_with(tmp_path, 'raise RuntimeError("deliberate failure for the test")')
    monkeypatch.setattr(render_module, "NOTEBOOK", broken)
    code = report_command.run(_args(earlier))
    err = capsys.readouterr().err
    assert code != 0
    assert "RuntimeError: deliberate failure for the test" in err
    assert "Traceback" not in err and len(err.splitlines()) <= 4
    _untouched(earlier)


@pytest.mark.slow
def test_xelatex_error_reports_xelatex_message(tmp_path, earlier):
    broken = _notebook_with(
        tmp_path, "from IPython.display import display\n"
        r"display({'text/latex': '\\undefinedcommandforthetest'}, raw=True)")
    with pytest.raises(ReportError) as exc:
        render_report(out_dir=earlier, notebook=broken)
    assert "xelatex bị lỗi" in str(exc.value)  # Vietnamese by default
    assert "Undefined control sequence" in str(exc.value)
    _untouched(earlier)


@pytest.mark.slow
def test_missing_character_fails_the_build(tmp_path, earlier):
    # U+4E00 (a CJK ideograph) is not in TeX Gyre Termes; written raw, past the escaping.
    broken = _notebook_with(
        tmp_path, "from IPython.display import display\n"
        "display({'text/latex': 'glyph \\u4e00 here'}, raw=True)")
    with pytest.raises(ReportError) as exc:
        render_report(out_dir=earlier, notebook=broken)
    assert "phông chữ thiếu ký tự" in str(exc.value)
    assert "U+4E00" in str(exc.value)
    _untouched(earlier)


def test_missing_input_exits_2_before_the_notebook_runs(tmp_path, earlier, capsys, monkeypatch):
    def no_notebook(*_a, **_k):
        raise AssertionError("the notebook must not run on invalid input")

    monkeypatch.setattr(render_module, "render_notebook", no_notebook)
    code = report_command.run(_args(earlier, actuals_path=str(tmp_path / "no-such-file.csv")))
    assert code == EXIT_INVALID_INPUT
    assert "no-such-file.csv" in capsys.readouterr().err
    _untouched(earlier)


def test_invalid_input_row_exits_2_with_the_row(tmp_path, earlier, capsys):
    from support import DEFAULT_ACTUALS

    bad = tmp_path / "actuals.csv"
    lines = DEFAULT_ACTUALS.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = dict.fromkeys(header, "")
    row.update(indicator_id="forest_cover_pct", period="2024", value="not-a-number",
               unit="pct", status="reported", qualifier="exact", source_title="t",
               source_url="https://example.org", quote="q")
    bad.write_text("\n".join([*lines, ",".join(row[h] for h in header)]) + "\n",
                   encoding="utf-8")
    code = report_command.run(_args(earlier, actuals_path=str(bad)))
    err = capsys.readouterr().err
    assert code == EXIT_INVALID_INPUT
    assert f"actuals.csv, dòng {len(lines) + 1}, cột 'value': không phải là số" in err
    _untouched(earlier)


def test_missing_xelatex_says_what_to_install(tmp_path, earlier):
    env = dict(os.environ, PATH=str(tmp_path / "empty-bin"))
    proc = subprocess.run([sys.executable, "-m", "analysis", "report", "--out", str(earlier)],
                          capture_output=True, text=True, env=env, cwd=PROJECT_ROOT)
    assert proc.returncode != 0
    assert INSTALL in proc.stderr and "make report" in proc.stderr
    assert "xelatex" in proc.stderr
    _untouched(earlier)
