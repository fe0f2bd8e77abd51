"""``python -m analysis batch``: render every year × language in parallel (a thin wrapper of
:func:`analysis.batch.run_batch`); a progress bar while it runs, a summary table at the end.
Its messages are in the first language of ``--lang`` (else ``ANALYSIS_LANG``, else Vietnamese).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis import batch
from analysis.cli.common import (
    add_data_options,
    add_format_option,
    add_scenario_options,
    fail,
    help_text,
    programme,
)
from analysis.errors import InputError
from analysis.i18n import LANGUAGES
from analysis.messages import current_lang
from analysis.messages import text as msg
from analysis.report.outputs import check_folder
from analysis.report.parameters import ReportParameters


def _years(text: str) -> list[int]:
    try:
        return batch.parse_years(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _langs(text: str) -> list[str]:
    try:
        return batch.parse_languages(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(msg("msg.batch.jobs", found=text).render())
    return n


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the batch command."""
    parser.add_argument("--years", type=_years, required=True,
                        help=help_text("msg.cli.opt.batch_years"))
    parser.add_argument("--lang", type=_langs, default=list(LANGUAGES),
                        help=help_text("msg.cli.opt.batch_lang"))
    parser.add_argument("--jobs", "-j", type=_jobs, default=None,
                        help=help_text("msg.cli.opt.jobs", n=batch.default_jobs()))
    parser.add_argument("--out", type=Path, default=Path("reports"),
                        help=help_text("msg.cli.opt.out"))
    add_data_options(parser)
    add_scenario_options(parser, rates=False)
    add_format_option(parser)
    parser.add_argument("--no-progress", action="store_true",
                        help=help_text("msg.cli.opt.no_progress"))


def run(args: argparse.Namespace) -> int:
    """Render every combination; print the summary and every failure's reason."""
    try:
        check_folder(args.out)  # a folder that cannot be written: one message, before any job
        prog = programme(args)  # a wrong programme is one message, not one per job
        # what every job shares; each job adds its year and language (batch.render_job)
        shared = ReportParameters(programme=args.programme, targets_path=args.targets_path,
                                  actuals_path=args.actuals_path,
                                  scenarios_path=args.scenarios_path,
                                  output_format=args.output_format)
    except InputError as exc:
        return fail(exc)
    jobs = batch.jobs_for(args.years, args.lang, prog.id)
    lang = current_lang()
    options = batch.RenderOptions(out_dir=args.out, parameters=shared, messages_lang=lang)
    outcomes = batch.run_batch(jobs, options, max_workers=args.jobs,
                               progress=not args.no_progress)
    print(batch.summary_table(outcomes, lang))
    failures = batch.failure_lines(outcomes, lang)
    if failures:
        n_failed = sum(not o.ok for o in outcomes)
        print("\n" + msg("msg.batch.failed", n=n_failed, total=len(outcomes)).render(lang),
              file=sys.stderr)
        print("\n".join(failures), file=sys.stderr)
    return batch.exit_status(outcomes)
