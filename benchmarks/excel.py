"""Benchmark (not a test): the cost of reading a workbook as Excel shows it.

Run ``.venv/bin/python benchmarks/excel.py``. The loaders open a workbook in openpyxl's normal
mode (:mod:`analysis.data.excel_reader`): read-only mode trusts the file's ``<dimension>`` tag
and loses rows beyond it, and knows neither hidden rows nor cell formats. This measures what
that costs, as a ratio against the baseline measured in the same run: the read-only,
values-only pass the loaders made before (which is the cheapest openpyxl can read a sheet).

Workbooks: the data-entry template of the shipped actuals (200 rows, 300 formatted spare rows)
and the same rows repeated 50 times (10,000 rows). For each: the median of repeated reads of the
actuals sheet with ``read_table`` (the product: cells, formats, hidden rows, formulas) against
the read-only pass; and, cold, ``python -m analysis check --actuals <workbook>`` against
``python -m analysis check`` (the CSV), both as fresh processes.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path

from openpyxl import load_workbook

from analysis import PROJECT_ROOT
from analysis.data.excel import SHEET_ACTUALS, write_template
from analysis.data.loaders import load_actuals, load_indicators, read_table
from analysis.programme import load_programme

REPEAT = 5
COLD_REPEAT = 3
COPIES = 50


def median_seconds(fn, number: int = 1, repeat: int = REPEAT) -> float:
    """Median over ``repeat`` runs of the time of one call."""
    return statistics.median(t / number for t in timeit.repeat(fn, number=number,
                                                                repeat=repeat))


def read_only_pass(path: Path) -> int:
    """The baseline: openpyxl's read-only, values-only pass over the actuals sheet."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        return sum(1 for _ in workbook[SHEET_ACTUALS].iter_rows(values_only=True))
    finally:
        workbook.close()


def workbooks(folder: Path) -> dict[str, Path]:
    """The template of the shipped actuals, and one with the rows repeated :data:`COPIES` times."""
    prog = load_programme()
    indicators = load_indicators(prog.indicators)
    actuals = load_actuals(prog.actuals, indicators=indicators)
    small = write_template(folder / "template.xlsx", actuals, indicators, year=2026)
    many = actuals.copy()
    many = many.loc[many.index.repeat(COPIES)].reset_index(drop=True)
    many["source_url"] = [f"{u}#{i}" for i, u in enumerate(many["source_url"])]  # unique keys
    big = write_template(folder / "big.xlsx", many, indicators)
    return {f"template, {len(actuals)} rows": small, f"{len(many):,} rows": big}


def cold_seconds(args: list[str]) -> float:
    """Median wall time of ``python -m analysis ARGS`` as a fresh process."""
    times = []
    for _ in range(COLD_REPEAT):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "analysis", *args], cwd=PROJECT_ROOT,
                       capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        books = workbooks(Path(tmp))
        print("warm, one process: read_table (as shown) against the read-only pass")
        for name, path in books.items():
            number = 1 if "," in name else 3
            base = median_seconds(lambda p=path: read_only_pass(p), number)
            shown = median_seconds(lambda p=path: read_table(p, SHEET_ACTUALS), number)
            print(f"  {name:22s} read-only {base * 1e3:8.1f} ms   as shown "
                  f"{shown * 1e3:8.1f} ms   x{shown / base:5.2f}")
        print("cold, fresh processes: check --actuals <workbook> against check (the CSV)")
        base = cold_seconds(["check"])
        for name, path in books.items():
            seconds = cold_seconds(["check", "--actuals", str(path)])
            print(f"  {name:22s} csv {base:6.2f} s   workbook {seconds:6.2f} s   "
                  f"x{seconds / base:5.2f}")


if __name__ == "__main__":
    main()
