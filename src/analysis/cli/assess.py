"""``python -m analysis assess``: print the assessment of every target (a thin wrapper of
:func:`analysis.engine.assess.assess`): one row per target, plus one per scenario for growth
targets.

``--format table`` (the default) is for a person: the column headings, the targets' names, the
classes and the numbers in the words and the rounding the report prints (the report's own
headings, ``class.*`` texts and :mod:`analysis.report.formatting`: ``129,6``, ``12,81%/năm``,
``91%``). ``--format csv`` and ``json`` are for a program: every column of the summary, codes
(``insufficient``) and numbers with a decimal point (``129.597``), whatever the language; the
README says how to open the CSV in an Excel set to Vietnamese.

The year goes through :func:`analysis.data.years.plan_year`: a year outside the programme's
period, or one with no data, is refused; a year with only partial-year values assesses the last
full year and says so (on standard error for ``--format csv`` and ``json``).
"""

from __future__ import annotations

import argparse
import sys

from analysis.cli import add_lang_option
from analysis.cli.common import (
    add_data_options,
    add_scenario_options,
    fail,
    help_text,
    inputs,
    text_table,
    year,
)
from analysis.data.scenarios import load_scenarios, parse_rates
from analysis.errors import InputError
from analysis.i18n import t
from analysis.messages import current_lang, text

#: The headings of ``--format table``, keys of the report's own column headings (csv and json
#: print every summary column under its code); the columns after the first two are numbers,
#: right-aligned.
TABLE_HEADINGS = ("col.target", "col.scenario", "col.base", "col.latest", "col.target_value",
                  "col.observed", "col.required", "col.acceleration", "msg.assess.col.ratio",
                  "col.class", "col.probability")
#: The columns of the table written as text (left-aligned): the target, the scenario, the class.
LEFT_COLUMNS = (0, 1, 9)
#: The columns never cut: the class (a cut class would hide its words).
WHOLE_COLUMNS = (9,)
#: Decimals of the pace ratio R.
RATIO_DECIMALS = 2


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
        names = prog.target_names(current_lang())
        for target_id, why in prog.not_measurable.items():
            print(text("msg.assess.not_measurable", target=names.get(target_id) or target_id,
                       reason=why).render(), file=notes)
        _print(result, prog, dataset.targets, args.format)
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


def table(result, prog, targets, lang: str) -> str:
    """The assessment as a table for a person, in ``lang`` (module docstring); ``targets`` is
    the programme's targets table, whose wording of each target (``trên 95%``, ``9–11%/năm``)
    the target's own row prints, as the report does.
    """
    names = prog.target_names(lang)
    words = prog.placeholders(lang)
    stated = targets.set_index("target_id")
    rows = [_cells(result, row, names, words, stated, lang)
            for row in result.summary.to_dict("records")]
    header = [t(key, lang, **words) for key in TABLE_HEADINGS]
    right = tuple(i for i in range(len(header)) if i not in LEFT_COLUMNS)
    return text_table(header, rows, right=right, whole=WHOLE_COLUMNS)


def _cells(result, row: dict, names: dict, words: dict, stated, lang: str) -> list[str]:
    """One summary row as the table's cells: the target's own row gives the target as the
    programme states it (:func:`analysis.report.formatting.target`), a scenario's row the level
    the scenario reaches in the target year.
    """
    # late: the report's formatting reads the units table (pandas), which --help never loads
    from analysis.engine.result import INDEX_UNIT, TARGET_SCENARIO
    from analysis.report import formatting as fmt  # late, as the engine's result

    unit, pace_unit = str(row["unit"]), str(row["pace_unit"])

    def shown(value: float) -> str:  # an index says so, as in the report
        written = fmt.value(value, unit, lang)
        if unit == INDEX_UNIT and not fmt.is_missing(value):
            return t("value.index", lang, value=written)
        return written

    def dated(value: float, year: object, status: object = None) -> str:
        if fmt.is_missing(year):
            return fmt.MISSING
        when = f"{int(year)}, {fmt.status(status, lang)}" if status else f"{int(year)}"
        return f"{shown(value)} ({when})"

    target_id = row["target_id"]
    if row["scenario"] == TARGET_SCENARIO and target_id in stated.index:
        goal = fmt.target(stated.loc[target_id].to_dict(), lang)
    else:
        goal = shown(row["target_value"])
    acceleration = (fmt.pp(row["acceleration_pp"], lang) if pace_unit == "pct_per_year"
                    else fmt.pace(row["acceleration_pp"], pace_unit, lang, signed=True))
    return [
        names.get(target_id) or str(target_id),
        scenario_label(result, row, lang),
        dated(row["base_value"], row["base_year"]),
        dated(row["latest_value"], row["latest_year"], row["latest_status"]),
        goal,
        fmt.pace(row["observed_pace"], pace_unit, lang),
        fmt.pace(row["required_pace"], pace_unit, lang),
        acceleration,
        fmt.number(row["ratio"], lang, fixed=RATIO_DECIMALS),
        t(f"class.{row['progress_class']}", lang, **words),
        fmt.probability(row["probability_met"], lang),
    ]


def scenario_label(result, row: dict, lang: str) -> str:
    """The scenario of a summary row as the report names it: the target as catalogued, a
    rate (``9%/năm``, the report's ``scenario.rate``) or a custom scenario's own label.
    """
    # late, as the formatting in table(): pandas and the engine's frames
    from analysis.engine.result import TARGET_SCENARIO
    from analysis.report import formatting as fmt  # late, as above

    if row["scenario"] == TARGET_SCENARIO:
        return text("msg.assess.scenario.target").render(lang)
    if not fmt.is_missing(row.get("scenario_rate_pct")):
        rate = float(row["scenario_rate_pct"])
        return t("scenario.rate", lang,
                 rate=fmt.growth(rate, lang, decimals=0 if rate.is_integer() else 1))
    labels = result.scenarios.set_index("scenario")
    sid = row["scenario"]
    return str(labels.loc[sid, f"label_{lang}"]) if sid in labels.index else str(sid)


def _print(result, prog, targets, output: str) -> None:
    summary = result.summary
    if output == "csv":
        summary.to_csv(sys.stdout, index=False, float_format="%.6g")
    elif output == "json":
        sys.stdout.write(summary.to_json(orient="records", force_ascii=False, indent=1))
        sys.stdout.write("\n")
    else:
        print(table(result, prog, targets, current_lang()))
