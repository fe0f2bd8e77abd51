"""``python -m analysis batch``: render every year × language in parallel (a thin wrapper of
:func:`analysis.batch.run_batch`); a progress bar while it runs, a summary table at the end.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis import batch


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
        raise argparse.ArgumentTypeError(f"expected a number of processes ≥ 1 (found {text!r})")
    return n


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the batch command."""
    parser.add_argument("--years", type=_years, required=True,
                        help="assessment years: 2023-2025, 2023,2025 or 2021-2023,2025")
    parser.add_argument("--lang", type=_langs, default=["vi", "en"],
                        help="languages separated by commas (default: vi,en)")
    parser.add_argument("--jobs", "-j", type=_jobs, default=None,
                        help=f"parallel processes (default: the number of cores, here "
                             f"{batch.default_jobs()})")
    parser.add_argument("--out", type=Path, default=Path("reports"),
                        help="output folder (default: reports)")
    parser.add_argument("--targets", type=Path, default=None,
                        help="target catalogue (default: the shipped CSV)")
    parser.add_argument("--actuals", type=Path, default=None,
                        help="actual values, CSV or the Excel workbook (default: the shipped CSV)")
    parser.add_argument("--scenarios-file", type=Path, default=None,
                        help="custom scenarios (YAML), optional")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    """Render every combination; print the summary and every failure's reason."""
    jobs = batch.jobs_for(args.years, args.lang)
    options = batch.RenderOptions(out_dir=args.out, targets=args.targets, actuals=args.actuals,
                                  scenarios_file=args.scenarios_file)
    outcomes = batch.run_batch(jobs, options, max_workers=args.jobs,
                               progress=not args.no_progress)
    print(batch.summary_table(outcomes))
    failures = batch.failure_lines(outcomes)
    if failures:
        n_failed = sum(not o.ok for o in outcomes)
        print(f"\n{n_failed} of {len(outcomes)} reports failed:", file=sys.stderr)
        print("\n".join(failures), file=sys.stderr)
    return batch.exit_status(outcomes)
