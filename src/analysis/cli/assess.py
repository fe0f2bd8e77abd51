"""``python -m analysis assess``: print the assessment of every target (a thin wrapper of
:func:`analysis.engine.assess.assess`): one row per target, plus one per scenario for growth
targets.

The year goes through :func:`analysis.data.years.plan_year`: a year outside the programme's
period, or one with no data, is refused; a year with only partial-year values assesses the last
full year and says so (on standard error for ``--format csv`` and ``json``).
"""

from __future__ import annotations

import argparse
import sys

from babel.numbers import get_decimal_symbol, get_group_symbol

from analysis.cli import add_lang_option
from analysis.cli.common import (
    add_data_options,
    add_scenario_options,
    fail,
    help_text,
    inputs,
    year,
)
from analysis.data.scenarios import load_scenarios, parse_rates
from analysis.errors import InputError
from analysis.messages import current_lang, text

#: Columns printed by ``--format table`` (csv and json print every summary column).
TABLE_COLUMNS = [
    "target_id", "scenario", "base_year", "base_value", "latest_year", "latest_value",
    "target_value", "observed_pace", "required_pace", "acceleration_pp", "ratio",
    "progress_class", "probability_met",
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the command."""
    parser.add_argument("--year", type=year, default=None,
                        help=help_text("msg.cli.opt.year_assess"))
    add_data_options(parser)
    add_scenario_options(parser)
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table",
                        help=help_text("msg.cli.opt.format"))
    add_lang_option(parser)


def run(args: argparse.Namespace) -> int:
    """Load, assess, print; exit 2 on invalid input."""
    # late: pandas (0.3 s with the loaders); the parser imports every command and --help loads none
    from analysis.data.years import plan_year
    from analysis.engine.assess import assess  # late, as plan_year

    try:
        prog, dataset = inputs(args)
        rates = parse_rates(args.scenarios) if args.scenarios else prog.scenario_rates_pct
        plan = plan_year(dataset.actuals, args.year, prog.base_year, prog.target_year,
                         file=str(args.actuals_path or prog.actuals))
        customs = (load_scenarios(args.scenarios_path, target_year=prog.target_year)
                   if args.scenarios_path else None)
        result = assess(dataset, year=plan.assessed, scenarios=rates, custom_scenarios=customs,
                        base_year=prog.base_year, params=prog.assessment)
    except InputError as exc:
        return fail(exc)
    notes = sys.stderr if args.format != "table" else sys.stdout  # csv and json stay data
    if plan.is_midyear:
        note = text("msg.assess.midyear", year=plan.midyear, assessed=plan.assessed,
                    periods=", ".join(plan.partial_periods)).render()
        print(note, file=notes)
    try:
        if args.format == "table":
            print(text("msg.assess.year", year=result.year, base=result.base_year).render())
        print(summary_line(result, prog, plan.assessed), file=notes)
        for target_id, why in prog.not_measurable.items():
            print(text("msg.assess.not_measurable", target=target_id, reason=why).render(),
                  file=notes)
        _print(result, args.format)
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
    return 0


def summary_line(result, prog, year: int) -> str:
    """The report's summary line (:mod:`analysis.report.headline`), in the messages' language:
    the targets achieved over those with data, then every other class with its count.
    """
    from analysis.report import headline  # late: numpy, with the engine's classes; as in run

    count = headline.counts(result.summary, prog.is_final_review(year))
    return headline.headline(count, current_lang(), prog.target_year)


def _cell(x: float) -> str:
    """A number of the table the Vietnamese way (20.486; 5,32) or the English way (20,486;
    5.32), in the messages' language: its group and decimal signs are the language's (CLDR's,
    through babel).
    """
    if x != x:  # NaN
        return ""
    text = f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"
    lang = current_lang()
    return text.translate(str.maketrans({",": get_group_symbol(lang),
                                         ".": get_decimal_symbol(lang)}))


def _print(result, fmt: str) -> None:
    summary = result.summary
    if fmt == "csv":
        summary.to_csv(sys.stdout, index=False, float_format="%.6g")
    elif fmt == "json":
        sys.stdout.write(summary.to_json(orient="records", force_ascii=False, indent=1))
        sys.stdout.write("\n")
    else:
        print(summary[TABLE_COLUMNS].to_string(index=False, float_format=_cell, na_rep=""))
