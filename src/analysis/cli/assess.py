"""``python -m analysis assess``: print the assessment of every target (a thin wrapper of
:func:`analysis.engine.assess.assess`): one row per target, plus one per scenario for growth targets.
"""

from __future__ import annotations

import argparse
import sys

from analysis import DEFAULT_ACTUALS, DEFAULT_SCENARIOS, DEFAULT_TARGETS
from analysis.errors import EXIT_INVALID_INPUT, InputError

#: Columns printed by ``--format table`` (csv and json print every summary column).
TABLE_COLUMNS = [
    "target_id", "scenario", "base_year", "base_value", "latest_year", "latest_value",
    "target_value", "observed_pace", "required_pace", "acceleration_pp", "ratio",
    "progress_class", "probability_met",
]


def _rates(text: str) -> tuple[float, ...]:
    try:
        rates = tuple(float(x) for x in text.split(",") if x.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected growth rates in % a year separated by commas, e.g. 9,10,11 (found {text!r})"
        ) from None
    if not rates:
        raise argparse.ArgumentTypeError("give at least one growth rate, e.g. 9,10,11")
    return rates


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the command."""
    parser.add_argument("--year", type=int, default=None,
                        help="assessment year: use only actuals up to this year (default: latest)")
    parser.add_argument("--actuals", default=str(DEFAULT_ACTUALS), help="actuals CSV")
    parser.add_argument("--targets", default=str(DEFAULT_TARGETS), help="targets CSV")
    parser.add_argument("--scenarios", type=_rates, default=None,
                        help="constant growth scenarios in %%/yr for range growth targets "
                             "(default: 9,10,11, the catalogue's low, mid and high)")
    parser.add_argument("--scenarios-file", default=None,
                        help="custom scenarios YAML, e.g. "
                             f"data/scenarios/{DEFAULT_SCENARIOS.name} (default: none, as in "
                             "the report)")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")


def run(args: argparse.Namespace) -> int:
    """Load, assess, print; exit 2 on invalid input."""
    from analysis.data.loaders import load_dataset
    from analysis.data.scenarios import load_scenarios
    from analysis.engine.assess import DEFAULT_SCENARIO_RATES_PCT, assess

    try:
        dataset = load_dataset(args.targets, args.actuals)
        customs = load_scenarios(args.scenarios_file) if args.scenarios_file else None
        result = assess(dataset, year=args.year,
                        scenarios=args.scenarios or DEFAULT_SCENARIO_RATES_PCT,
                        custom_scenarios=customs)
    except InputError as exc:
        print(exc.render(), file=sys.stderr)
        return EXIT_INVALID_INPUT
    try:
        _print(result, args.format)
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
    return 0


def _cell(x: float) -> str:
    if x != x:  # NaN
        return ""
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"


def _print(result, fmt: str) -> None:
    summary = result.summary
    if fmt == "csv":
        summary.to_csv(sys.stdout, index=False, float_format="%.6g")
    elif fmt == "json":
        sys.stdout.write(summary.to_json(orient="records", force_ascii=False, indent=1))
        sys.stdout.write("\n")
    else:
        print(f"Assessment year: {result.year} (base year {result.base_year})")
        print(summary[TABLE_COLUMNS].to_string(index=False, float_format=_cell, na_rep=""))
