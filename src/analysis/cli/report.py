"""``python -m analysis report``: render the PDF assessment report.

Validates the inputs first (the same errors as ``analysis check``, exit status 2), then executes
``notebooks/assessment.ipynb`` with papermill and typesets it with xelatex through
:func:`analysis.report.render_report`. Writes ``<out>/<programme>-<year>-<lang>.pdf`` and the
executed notebook beside it, and prints the PDF's path as the last line. A failed run exits 1
with the failing cell's error or xelatex's own message and leaves any earlier report untouched.
"""

from __future__ import annotations

import argparse
import sys

from analysis.cli.common import add_data_options, add_scenario_options, fail, help_text, year
from analysis.errors import InputError
from analysis.i18n import LANGUAGES
from analysis.messages import text

#: Exit status when rendering fails (a cell, xelatex or a missing tool).
EXIT_RENDER_FAILED = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``report`` command."""
    parser.add_argument("--year", type=year, default=None,
                        help=help_text("msg.cli.opt.report_year"))
    parser.add_argument("--lang", choices=LANGUAGES, default="vi",
                        help=help_text("msg.cli.opt.report_lang"))
    add_data_options(parser)
    add_scenario_options(parser)
    parser.add_argument("--out", default="reports", help=help_text("msg.cli.opt.out"))
    parser.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                        help=help_text("msg.cli.opt.report_date"))
    parser.add_argument("--commentary", default=None, metavar="PATH",
                        help=help_text("msg.cli.opt.commentary"))
    parser.add_argument("--final", action="store_true",
                        help=help_text("msg.cli.opt.final"))


def run(args: argparse.Namespace) -> int:
    """Render the report; print the PDF path last; exit 0, 1 (render failed) or 2 (input)."""
    from analysis.data.scenarios import parse_rates
    from analysis.report.context import parse_report_date
    from analysis.report.render import ReportError, render_report

    try:
        given = getattr(args, "scenarios", None)
        rates = {"scenarios": parse_rates(given)} if given else {}
        # a wrong date is blamed on the option typed, not on the notebook's parameter
        day = parse_report_date(args.date, where="--date", expected="msg.cli.date.expected")
        pdf = render_report(year=args.year, lang=args.lang, targets=args.targets,
                            actuals=args.actuals, scenarios_file=args.scenarios_file,
                            out_dir=args.out, report_date=day, programme=args.programme,
                            commentary=args.commentary, final=args.final, **rates)
    except InputError as exc:
        return fail(exc)
    except ReportError as exc:
        print(f"{text('msg.error_prefix').render()}: {exc}", file=sys.stderr)
        return EXIT_RENDER_FAILED
    print(pdf)
    return 0
