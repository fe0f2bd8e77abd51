"""``python -m analysis report``: render the PDF assessment report (and/or its Word document).

Validates the inputs first (the same errors as ``analysis check``, exit status 2), then executes
``notebooks/assessment.ipynb`` with papermill and typesets it with xelatex through
:func:`analysis.report.render.render_report`. Writes ``<out>/<programme>-<year>-<lang>.pdf`` and the
executed notebook beside it; ``--format docx`` writes ``<…>.docx`` instead (no TeX needed),
``--format both`` both from one execution. Prints the path of each file written, the PDF's
last. A failed run exits 1 with the failing cell's error or xelatex's own message and leaves
any earlier report untouched.
"""

from __future__ import annotations

import argparse
import sys

from analysis.cli.common import (
    add_data_options,
    add_format_option,
    add_scenario_options,
    fail,
    help_text,
    year,
)
from analysis.data.scenarios import parse_rates
from analysis.errors import EXIT_RENDER_FAILED, InputError, ReportError
from analysis.i18n import DEFAULT_LANG, LANGUAGES
from analysis.messages import text
from analysis.report.parameters import ReportParameters, parse_report_date


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``report`` command; each stores into its
    :class:`~analysis.report.parameters.ReportParameters` name.
    """
    parser.add_argument("--year", dest="assessment_year", metavar="YEAR", type=year,
                        default=None, help=help_text("msg.cli.opt.report_year"))
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANG,
                        help=help_text("msg.cli.opt.report_lang"))
    add_data_options(parser)
    add_scenario_options(parser)
    parser.add_argument("--out", default="reports", help=help_text("msg.cli.opt.out"))
    parser.add_argument("--date", dest="report_date", default=None, metavar="YYYY-MM-DD",
                        help=help_text("msg.cli.opt.report_date"))
    parser.add_argument("--commentary", dest="commentary_path", default=None, metavar="PATH",
                        help=help_text("msg.cli.opt.commentary"))
    parser.add_argument("--final", action="store_true",
                        help=help_text("msg.cli.opt.final"))
    add_format_option(parser)


def parameters(args: argparse.Namespace) -> ReportParameters:
    """The report's parameters from the options; a wrong rate or date is blamed on the option
    typed (``--scenarios``, ``--date``), not on the notebook's parameter.

    Raises
    ------
    InputError
        A rate or the date cannot be read.
    """
    return ReportParameters(
        programme=args.programme,
        assessment_year=args.assessment_year,
        lang=args.lang,
        targets_path=args.targets_path,
        actuals_path=args.actuals_path,
        scenarios=parse_rates(args.scenarios) if args.scenarios else None,
        scenarios_path=args.scenarios_path,
        report_date=parse_report_date(args.report_date, where="--date",
                                      expected="msg.cli.date.expected"),
        commentary_path=args.commentary_path,
        final=args.final,
        output_format=args.output_format,
    )


def run(args: argparse.Namespace) -> int:
    """Render the report; print the paths written, the PDF's last; exit 0, 1 (render failed)
    or 2 (input).
    """
    # late: the render imports the kernel's machinery (jupyter_client, 0.12 s); --help and
    # the other commands load none (tests/test_cold_start.py)
    from analysis.report.render import render_report

    try:
        pdf = render_report(parameters(args), out_dir=args.out)
    except InputError as exc:
        return fail(exc)
    except ReportError as exc:
        print(f"{text('msg.error_prefix').render()}: {exc}", file=sys.stderr)
        return EXIT_RENDER_FAILED
    if args.output_format == "both":
        print(pdf.with_suffix(".docx"))
    print(pdf)
    return 0
