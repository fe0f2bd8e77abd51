"""``python -m analysis template``: write the Excel data-entry workbook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis import DEFAULT_ACTUALS, DEFAULT_INDICATORS
from analysis.data.excel import write_template
from analysis.data.loaders import load_actuals, load_indicators
from analysis.errors import EXIT_INVALID_INPUT, InputError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the template command."""
    parser.add_argument("--out", required=True, type=Path, help="workbook to write (.xlsx)")
    parser.add_argument("--actuals", type=Path, default=DEFAULT_ACTUALS,
                        help="actuals to pre-fill the sheet with (default: the shipped CSV)")
    parser.add_argument("--indicators", type=Path, default=DEFAULT_INDICATORS,
                        help="indicator catalogue (default: the shipped one)")
    parser.add_argument("--year", type=int, help="add one blank row per indicator for this year")
    parser.add_argument("--empty", action="store_true",
                        help="do not pre-fill with actuals (only blank rows with --year)")


def run(args: argparse.Namespace) -> int:
    """Validate the inputs, then write the workbook; 2 on invalid input."""
    if args.out.suffix.lower() != ".xlsx":
        print(f"--out must end in .xlsx (got {args.out})", file=sys.stderr)
        return EXIT_INVALID_INPUT
    try:
        indicators = load_indicators(args.indicators)
        actuals = None if args.empty else load_actuals(args.actuals, indicators=indicators)
    except InputError as exc:
        print(exc.render(), file=sys.stderr)
        return EXIT_INVALID_INPUT
    path = write_template(args.out, actuals, indicators, year=args.year)
    n = 0 if actuals is None else len(actuals)
    extra = f" and {len(indicators)} blank rows for {args.year}" if args.year else ""
    print(f"Wrote {path}: {n} rows of actuals{extra}.")
    return 0
