"""What every section of the report needs: inputs, assessment, language, dates, provenance.

The notebook's first cell after the parameters builds one :class:`Report` with :func:`setup`;
every later cell passes it to one section function of :mod:`analysis.report.sections`.

Dates: two of them, printed on the title page, each with its label.

* **Data cut-off date** = the latest ``published`` date among the actual values the report uses
  (the values chosen by :func:`analysis.data.selection.choose_values`), printed with the
  precision the data gives (a year, a month or a day). It says how fresh the data are.
* **Report date** = the ``report_date`` parameter (``--date`` on the command line), by default
  today: the date of the document. xelatex stamps the PDF with midnight UTC of that date
  (``SOURCE_DATE_EPOCH``, unless the environment sets it), so the same inputs and the same date
  give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import astuple, dataclass, field
from functools import cached_property
from pathlib import Path

from analysis import PROJECT_ROOT
from analysis.errors import InputError
from analysis.i18n import t
from analysis.messages import text

#: Packages whose versions the provenance annex lists.
PROVENANCE_PACKAGES = (
    "lai-chau-assessment", "pandas", "numpy", "scipy", "matplotlib", "babel", "pyyaml",
    "papermill", "nbconvert", "nbformat", "ipykernel", "jinja2", "frictionless",
)

#: The lock of the Python environment (versions and hashes); the provenance annex lists its
#: SHA-256 with the input files', so that an archived PDF says which environment made it.
LOCK_FILE = PROJECT_ROOT / "requirements.lock"

_PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Published:
    """A publication date with the precision the data gives (year, month or day)."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: object) -> Published | None:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None for anything else or empty."""
        m = _PUBLISHED.match(str(text or "").strip())
        if not m:
            return None
        y, mo, d = m.groups()
        return cls(int(y), int(mo) if mo else None, int(d) if d else None)

    def first_day(self) -> dt.date:
        """The first day the date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def format(self, lang: str) -> str:
        """``15/01/2026`` / ``15 January 2026``; ``tháng 01/2026`` / ``January 2026``; ``2026``."""
        from babel.dates import format_date

        if self.day:
            fmt = "dd/MM/yyyy" if lang == "vi" else "d MMMM yyyy"
            return format_date(self.first_day(), fmt, locale=lang)
        if self.month:
            return t(
                "doc.months", lang, month=f"{self.month:02d}", year=self.year,
                month_name=format_date(self.first_day(), "MMMM", locale=lang),
            )
        return str(self.year)


def cutoff_date(published: Sequence[object]) -> Published | None:
    """The latest publication date among ``published`` (compared by their first day)."""
    dates = [p for p in (Published.parse(x) for x in published) if p is not None]
    if not dates:
        return None
    return max(dates, key=lambda p: (p.first_day(), p.day is not None, p.month is not None))


def source_date_epoch(report_date: dt.date, environ: dict | None = None) -> int:
    """SOURCE_DATE_EPOCH: the environment's, else midnight UTC of the report date."""
    environ = os.environ if environ is None else environ
    if environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
        return int(environ["SOURCE_DATE_EPOCH"])
    day = report_date
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def parse_report_date(value: object, where: str = "report_date",
                      expected: str = "msg.param.date") -> dt.date:
    """The report date from ``YYYY-MM-DD`` (or a date); None or empty gives today.

    ``where`` names what gave the date in a message (the notebook's parameter, or the command
    line's ``--date``), ``expected`` the key of what it should be.

    Raises
    ------
    analysis.errors.InputError
        When the text is not a calendar date.
    """
    from analysis.errors import InputError, Problem

    if value is None or (isinstance(value, str) and not value.strip()):
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError([Problem("", text("msg.param.invalid"), parameter=where, found=str(value),
                                  expected=text(expected))]) from None


def sha256(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def git_commit(root: Path = PROJECT_ROOT) -> str:
    """The checked-out commit, ``-dirty`` when tracked files differ; ``unknown`` without git."""
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True,
                              text=True, check=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=root, capture_output=True, text=True, check=True,
                               timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head + ("-dirty" if dirty else "")


def package_versions(names: Sequence[str] = PROVENANCE_PACKAGES) -> list[tuple[str, str]]:
    """Installed versions of ``names`` (``–`` when not installed), plus Python's."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    rows = [("python", platform.python_version())]
    for name in names:
        try:
            rows.append((name, version(name)))
        except PackageNotFoundError:
            rows.append((name, "–"))
    return rows


def tex_version() -> str:
    """First line of ``xelatex --version`` (empty when xelatex is missing)."""
    try:
        out = subprocess.run(["xelatex", "--version"], capture_output=True, text=True,
                             check=False, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.splitlines()[0].strip() if out else ""


@dataclass
class Report:
    """Inputs, results and settings shared by the sections of one report."""

    lang: str
    year: int
    base_year: int
    programme: object  # analysis.programme.Programme
    scenarios: tuple[float, ...] | None
    show_band: bool
    dataset: object
    assessment: object
    chosen: object  # pandas.DataFrame of the chosen actual values
    custom_scenarios: dict
    parameters: dict
    files: dict[str, Path] = field(default_factory=dict)
    cutoff: Published | None = None
    epoch: int = 0
    report_date: dt.date = field(default_factory=dt.date.today)
    commentary: object = None  # analysis.data.commentary.Commentary
    tasks: object = None  # pandas.DataFrame of analysis.data.tasks.task_status, or None
    missing_commentary: tuple[str, ...] = ()

    @property
    def draft(self) -> bool:
        """A chapter still waits for the assessors' commentary: every page says DRAFT."""
        return bool(self.missing_commentary)
    year_plan: object = None  # analysis.data.years.YearPlan: annual, or mid-year

    def t(self, key: str, /, **values: object) -> str:
        """Translated text in the report's language; the programme's names and years
        (``{programme}``, ``{province}``, ``{target_year}``, …) are filled in too.
        """
        return t(key, self.lang, **{**self.common, **values})

    @cached_property
    def common(self) -> dict:
        """The placeholders every text may use
        (:meth:`analysis.programme.Programme.placeholders`).
        """
        return {**self.programme.placeholders(self.lang), "year": self.year}

    @property
    def final_review(self) -> bool:
        """The assessment year is the programme's target year: achieved or not, no pace due."""
        return self.programme.is_final_review(self.year)

    @cached_property
    def used(self):
        """The chosen values the report can use (period ending by ``year``), computed once."""
        return used_values(self.chosen, self.year)


def _load(programme, actuals_path, scenarios_path):
    """Load and validate every input; raises :class:`~analysis.errors.InputError`."""
    from analysis.data.loaders import load_programme_data
    from analysis.data.scenarios import load_scenarios
    from analysis.errors import InputError

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


def _chosen_values(dataset):
    """The actual values the selection rule chooses (all periods)."""
    from analysis.data.selection import choose_values

    return choose_values(dataset.actuals)


def check_year(dataset, year: int | None, base_year: int, actuals_path,
               parameter: str = "--year", target_year: int | None = None):
    """What to assess for ``year``: a :class:`~analysis.data.years.YearPlan`.

    Annual, or mid-year when ``year`` has only partial-year values; InputError when the data
    cannot support ``year`` or it lies outside the programme's period
    (:mod:`analysis.data.years`).
    """
    from analysis.data.years import plan_year, target_year_of

    return plan_year(dataset.actuals, year, base_year,
                     target_year or target_year_of(dataset.targets),
                     file=str(actuals_path), parameter=parameter)


def resolve_inputs(
    programme,
    actuals_path: Path | None,
    scenarios_path: Path | None,
    year: int | None,
    scenarios: Sequence[float] | None,
    report_date: dt.date | None = None,
    lang: str = "vi",
    commentary_path=None,
    final: bool = False,
) -> tuple[object, int]:
    """Validate the inputs and resolve the year plan (:class:`analysis.data.years.YearPlan`:
    the year assessed, and the months of a mid-year report) and SOURCE_DATE_EPOCH.

    Raises
    ------
    analysis.errors.InputError
        Any input problem, including an assessment year the data cannot support.
    """
    try:
        dataset, custom = _load(programme, actuals_path, scenarios_path)
        actuals_path = actuals_path or programme.actuals
        plan = check_year(dataset, year, programme.base_year, actuals_path,
                          target_year=programme.target_year)
        if custom:  # scenarios are checked against the targets by the engine
            from analysis.engine.assess import assess

            assess(dataset, year=plan.assessed, scenarios=_rates(programme, scenarios),
                   custom_scenarios=custom, base_year=programme.base_year)
        commentary, _tasks, missing = load_office_inputs(
            programme, plan, lang, list(dataset.targets["target_id"]), commentary_path)
        if final:
            refuse_incomplete(missing, programme, plan, lang, commentary)
    except InputError as exc:
        exc.lang = exc.lang or lang
        raise
    # the plan names the file: the year asked for (and the months of a mid-year report)
    return plan, source_date_epoch(report_date or dt.date.today())


def used_values(chosen, year: int):
    """Chosen values whose period ends in ``year`` or before (the values a report can use)."""
    from analysis.report.formatting import period_end_year

    end = chosen["period"].map(period_end_year)
    return chosen[end.notna() & (end <= year)]


def _published_of(chosen) -> list:
    """The ``published`` column of the chosen values (empty list when absent)."""
    if chosen is None or "published" not in getattr(chosen, "columns", ()):
        return []
    return [p for p in chosen["published"].tolist() if isinstance(p, str) and p]


def load_office_inputs(programme, plan, lang: str, target_ids, commentary_path=None):
    """The assessors' commentary of the report's own period (``2025``, or ``2026-9M`` for a
    mid-year report: :attr:`analysis.data.years.YearPlan.period`), the tasks with their status
    in the year assessed (or None), and the chapters still waiting for commentary.

    Raises
    ------
    analysis.errors.InputError
        A commentary or tasks file is invalid.
    """
    from analysis.data.commentary import load_commentary, missing_chapters
    from analysis.data.tasks import load_tasks, task_status

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
    example or as a blank (:func:`analysis.data.commentary.final_problems`).
    """
    from analysis.data.commentary import final_problems
    from analysis.errors import InputError

    problems = final_problems(commentary, missing, programme, plan.period, lang)
    if problems:
        raise InputError(problems)


def _rates(programme, scenarios) -> tuple[float, ...] | None:
    """The growth scenarios: given, else the programme's, else None (the growth target's low,
    mid and high end: 9, 10 and 11 %/yr for a 9–11 % target).
    """
    if scenarios is not None:
        return tuple(float(s) for s in scenarios)
    return programme.scenario_rates_pct


def setup(
    programme: str | None = None,
    assessment_year: int | None = None,
    lang: str = "vi",
    targets_path: str | None = None,
    actuals_path: str | None = None,
    scenarios: Sequence[float] | None = None,
    scenarios_path: str | None = None,
    show_band: bool = True,
    report_date: str | dt.date | None = None,
    commentary_path: str | None = None,
    final: bool = False,
) -> Report:
    """Load, validate and assess; everything the report's chapters need.

    Parameters are those of the notebook's ``parameters`` cell: ``programme`` a shipped id or
    a folder (None: the default programme); None paths take the programme's data; ``scenarios``
    None the growth target's low, mid and high; ``report_date`` None is today;
    ``commentary_path`` a commentary folder or file (None: ``data/commentary``); ``final``
    refuses a report whose chapters still lack commentary.
    """
    from analysis.engine.assess import assess
    from analysis.programme import programme_for
    from analysis.report.parameters import normalise

    p = normalise(programme, assessment_year, lang, targets_path, actuals_path, scenarios,
                  scenarios_path, show_band, report_date, commentary_path, final)
    (programme, assessment_year, lang, targets_path, actuals_path, scenarios, scenarios_path,
     show_band, report_date, commentary_path, final) = astuple(p)  # papermill's strings, typed
    try:
        prog = programme_for(programme, targets_path)
        actuals = Path(actuals_path) if actuals_path else None
        scen_path = Path(scenarios_path) if scenarios_path else None
        day = parse_report_date(report_date)
        dataset, custom = _load(prog, actuals, scen_path)
        plan = check_year(dataset, assessment_year, prog.base_year, actuals or prog.actuals,
                          "assessment_year", target_year=prog.target_year)
        rates = _rates(prog, scenarios)
        result = assess(dataset, year=plan.assessed, scenarios=rates,
                        custom_scenarios=custom or None, base_year=prog.base_year)
        target_ids = list(dataset.targets["target_id"])
        commentary, tasks, missing = load_office_inputs(prog, plan, lang, target_ids,
                                                        commentary_path)
        if final:
            refuse_incomplete(missing, prog, plan, lang, commentary)
    except InputError as exc:  # printed (in the notebook: instead of a traceback) in the
        exc.lang = exc.lang or lang  # report's language
        raise
    chosen = _chosen_values(dataset)
    published = _published_of(used_values(chosen, plan.data_year))
    files = dict(getattr(dataset, "files", {}) or {})
    if scen_path:
        files["scenarios"] = scen_path
    for name, path in (("commentary", commentary.file), ("tasks", prog.tasks),
                       ("task_progress", prog.task_progress)):
        if path is not None:
            files[name] = Path(path)
    if LOCK_FILE.is_file():
        files["environment lock"] = LOCK_FILE
    parameters = {
        "programme": prog.id,
        "assessment_year": assessment_year,
        "lang": lang,
        "targets_path": targets_path,
        "actuals_path": actuals_path,
        "scenarios": None if scenarios is None else list(scenarios),
        "scenarios_path": scenarios_path,
        "show_band": show_band,
        "report_date": day.isoformat(),
        "commentary_path": commentary_path,
        "final": final,
    }
    return Report(
        lang=lang,
        year=int(result.year),
        base_year=prog.base_year,
        programme=prog,
        scenarios=rates,
        show_band=show_band,
        dataset=dataset,
        assessment=result,
        chosen=chosen,
        custom_scenarios=custom,
        parameters=parameters,
        files=files,
        cutoff=cutoff_date(published),
        epoch=source_date_epoch(day),
        report_date=day,
        commentary=commentary,
        tasks=tasks,
        missing_commentary=missing,
        year_plan=plan,
    )
