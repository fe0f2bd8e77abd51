"""The report's inputs, read and checked by one pipeline: :func:`read_inputs`.

Five steps, in this order, each raising :class:`~analysis.errors.InputError` (in the report's
language) with every problem it finds:

1. **load** the programme, its targets and the province's actuals with the same loaders as
   ``analysis check``, and the custom scenarios when a file is given;
2. **check the year**: what the data can support for ``assessment_year`` (an annual report, or
   a mid-year one when the year has only partial-year values: :mod:`analysis.data.years`);
3. **assess** (:func:`analysis.engine.assess.assess`); the custom scenarios are checked against
   the targets there;
4. **read the commentary** of the report's own period and the tasks with their status;
5. **refuse** (``final``) a report that would print an example, a blank, a chapter without
   commentary, or commentary in another language than the report's
   (:func:`analysis.data.commentary.final_problems`).

Two callers, one pipeline: the calling process checks the inputs before the notebook runs
(:func:`analysis.report.render.render_report`, while the kernel boots; it needs no assessment
unless custom scenarios must be checked: ``assessment_needed=False``), and the notebook builds
its report from them (:func:`analysis.report.context.setup`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analysis.data.commentary import final_problems, load_commentary, missing_chapters
from analysis.data.loaders import load_programme_data
from analysis.data.scenarios import load_scenarios
from analysis.data.tasks import load_tasks, task_status
from analysis.data.years import plan_year, target_year_of
from analysis.errors import InputError
from analysis.programme import programme_for
from analysis.report.parameters import ReportParameters

#: The name the year is blamed on in the notebook (the command line passes ``--year``).
YEAR_PARAMETER = "assessment_year"


@dataclass(frozen=True)
class Inputs:
    """What the pipeline read: the programme, its data, the year plan, the assessment (None when
    the caller did not need it), the commentary, the tasks and the chapters still waiting.
    """

    programme: object  # analysis.programme.Programme
    dataset: object  # analysis.data.loaders.Dataset
    custom: dict  # custom scenarios by id (empty: none)
    plan: object  # analysis.data.years.YearPlan
    rates: tuple[float, ...] | None  # the growth scenarios (:func:`scenario_rates`)
    assessment: object  # analysis.engine.assess.Assessment, or None
    commentary: object  # analysis.data.commentary.Commentary
    tasks: object  # pandas.DataFrame of analysis.data.tasks.task_status, or None
    missing: tuple[str, ...]  # the chapters still waiting for commentary


def read_inputs(parameters: ReportParameters, year_parameter: str = YEAR_PARAMETER,
                assessment_needed: bool = True) -> Inputs:
    """Load, check the year, assess, read the commentary, refuse if incomplete (see the module
    docstring). ``year_parameter`` names the year in a message; ``assessment_needed=False``
    assesses only to check custom scenarios.

    Raises
    ------
    analysis.errors.InputError
        Any input problem, including an assessment year the data cannot support, in the
        report's language.
    """
    p = parameters
    try:
        prog = programme_for(p.programme, p.targets_path)
        actuals = Path(p.actuals_path) if p.actuals_path else None
        dataset, custom = load(prog, actuals, Path(p.scenarios_path) if p.scenarios_path else None)
        plan = check_year(dataset, p.assessment_year, prog.base_year, actuals or prog.actuals,
                          year_parameter, target_year=prog.target_year)
        rates = scenario_rates(prog, p.scenarios)
        result = None
        if assessment_needed or custom:  # custom scenarios are checked against the targets
            # late: the engine (0.03 s) is not imported by the calling process's check, which
            # needs it only for custom scenarios (benchmarks/pipeline.py)
            from analysis.engine.assess import assess

            result = assess(dataset, year=plan.assessed, scenarios=rates,
                            custom_scenarios=custom or None, base_year=prog.base_year,
                            params=prog.assessment)
        commentary, tasks, missing = load_office_inputs(
            prog, plan, p.lang, list(dataset.targets["target_id"]), p.commentary_path)
        if p.final:
            refuse_incomplete(missing, prog, plan, p.lang, commentary)
    except InputError as exc:  # printed (in the notebook: instead of a traceback) in the
        exc.lang = exc.lang or p.lang  # report's language
        raise
    return Inputs(prog, dataset, custom, plan, rates, result, commentary, tasks, missing)


def load(programme, actuals_path: Path | None, scenarios_path: Path | None):
    """``(dataset, custom scenarios)``: every input loaded and validated, the problems of both
    in one :class:`~analysis.errors.InputError`.
    """
    problems = []
    dataset = custom = None
    try:
        dataset = load_programme_data(programme, actuals_path)
    except InputError as exc:
        problems += exc.problems
    if scenarios_path:
        try:
            custom = load_scenarios(scenarios_path, target_year=programme.target_year)
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return dataset, custom or {}


def check_year(dataset, year: int | None, base_year: int, actuals_path,
               parameter: str = "--year", target_year: int | None = None):
    """What to assess for ``year``: a :class:`~analysis.data.years.YearPlan`.

    Annual, or mid-year when ``year`` has only partial-year values; InputError when the data
    cannot support ``year`` or it lies outside the programme's period
    (:mod:`analysis.data.years`).
    """
    return plan_year(dataset.actuals, year, base_year,
                     target_year or target_year_of(dataset.targets),
                     file=str(actuals_path), parameter=parameter)


def scenario_rates(programme, scenarios) -> tuple[float, ...] | None:
    """The growth scenarios: given, else the programme's, else None (the growth target's low,
    mid and high end: 9, 10 and 11 %/yr for a 9–11 % target).
    """
    if scenarios is not None:
        return tuple(float(s) for s in scenarios)
    return programme.scenario_rates_pct


def load_office_inputs(programme, plan, lang: str, target_ids, commentary_path=None):
    """The assessors' commentary of the report's own period (``2025``, or ``2026-9M`` for a
    mid-year report: :attr:`analysis.data.years.YearPlan.period`), the tasks with their status
    in the year assessed (or None), and the chapters still waiting for commentary.

    Raises
    ------
    analysis.errors.InputError
        A commentary or tasks file is invalid.
    """
    commentary = load_commentary(programme, plan.period, lang, target_ids, commentary_path)
    tasks = None
    if programme.tasks is not None:
        tasks = task_status(*load_tasks(programme.tasks, programme.task_progress),
                            plan.assessed)
    has_others = bool(set(target_ids) - set(programme.chapter_targets()))
    missing = missing_chapters(commentary, programme, tasks is not None, has_others,
                               plan.is_midyear)
    return commentary, tasks, tuple(missing)


def refuse_incomplete(missing, programme, plan, lang: str, commentary) -> None:
    """Raise InputError naming everything a final report (``--final``) would print as an
    example, as a blank or in another language
    (:func:`analysis.data.commentary.final_problems`).
    """
    problems = final_problems(commentary, missing, programme, plan.period, lang)
    if problems:
        raise InputError(problems)
