"""``python -m analysis report``: render the PDF assessment report.

Validates the inputs first (the same errors as ``analysis check``, exit status 2), then executes
``notebooks/assessment.ipynb`` with papermill and typesets it with xelatex through
:func:`analysis.report.render_report`. Writes ``<out>/lai-chau-<year>-<lang>.pdf`` and the
executed notebook beside it, and prints the PDF's path as the last line. A failed run exits 1
with the failing cell's error or xelatex's own message and leaves any earlier report untouched.
"""

from __future__ import annotations

import argparse
import sys

from analysis.cli.common import fail, year
from analysis.errors import InputError
from analysis.messages import text

#: Exit status when rendering fails (a cell, xelatex or a missing tool).
EXIT_RENDER_FAILED = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``report`` command."""
    parser.add_argument("--year", type=year, default=None,
                        help="assessment year (default: the latest year with annual actuals)")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi",
                        help="report language (default: vi)")
    parser.add_argument("--actuals", default=None, help="actual values (CSV or XLSX)")
    parser.add_argument("--targets", default=None, help="target catalogue (CSV or XLSX)")
    parser.add_argument("--scenarios", nargs="+", default=None, metavar="RATE",
                        help="GRDP growth scenarios in %%/yr, separated by spaces: 9 10 11 "
                             "(default), 9.5 (a comma is refused: 9,5 could be 9.5 or 9 and 5)")
    parser.add_argument("--scenarios-file", default=None, help="custom scenarios (YAML)")
    parser.add_argument("--out", default="reports", help="output folder (default: reports)")
    parser.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                        help="date of the report printed on the title page (default: today); "
                             "the same inputs and date give the same PDF bytes")
    parser.add_argument("--programme", default=None, metavar="ID|DIR",
                        help="a shipped programme (python -m analysis programmes) or a folder "
                             "holding programme.yaml (default: 26-ctr-tu)")
    parser.add_argument("--commentary", default=None, metavar="PATH",
                        help="the assessors' commentary: a folder of <programme>/<year>.<lang>.md"
                             " files, one .md file, or the Excel workbook (default: "
                             "data/commentary)")
    parser.add_argument("--final", action="store_true",
                        help="refuse to render while a chapter lacks the assessors' commentary "
                             "(without it such a report is a draft, marked on every page)")


def run(args: argparse.Namespace) -> int:
    """Render the report; print the PDF path last; exit 0, 1 (render failed) or 2 (input)."""
    from analysis.data.scenarios import parse_rates
    from analysis.report.render import ReportError, render_report

    try:
        given = getattr(args, "scenarios", None)
        rates = {"scenarios": parse_rates(given)} if given else {}
        pdf = render_report(year=args.year, lang=args.lang, targets=args.targets,
                            actuals=args.actuals, scenarios_file=args.scenarios_file,
                            out_dir=args.out, report_date=args.date, programme=args.programme,
                            commentary=args.commentary, final=args.final, **rates)
    except InputError as exc:
        return fail(exc)
    except ReportError as exc:
        print(f"{text('msg.error_prefix').render()}: {exc}", file=sys.stderr)
        return EXIT_RENDER_FAILED
    print(pdf)
    return 0
