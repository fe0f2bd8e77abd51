"""What every chapter of the report needs: inputs, assessment, language, dates, provenance.

The notebook builds one :class:`Report` with :func:`setup` from its
:class:`~analysis.report.parameters.ReportParameters`; every later cell passes it to one chapter
function of :mod:`analysis.report.chapters`.

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
import platform
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from babel.dates import format_date

from analysis import PROJECT_ROOT
from analysis.data.periods import MONTHS_PER_YEAR, Period
from analysis.data.selection import choose_values
from analysis.engine.result import TARGET_SCENARIO
from analysis.i18n import t
from analysis.report.document import set_output_format
from analysis.report.formatting import period_end_year
from analysis.report.inputs import read_inputs
from analysis.report.parameters import (
    ReportParameters,
    parse_report_date,
    source_date_epoch,
)

#: Packages whose versions the provenance annex lists.
PROVENANCE_PACKAGES = (
    "plan-assessment", "pandas", "numpy", "scipy", "matplotlib", "babel", "pyyaml",
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
        """``15/01/2026`` / ``15 January 2026``; ``tháng 01/2026`` / ``January 2026``; ``2026``
        (the day's pattern is the translation table's ``doc.date.pattern``).
        """
        if self.day:
            return format_date(self.first_day(), t("doc.date.pattern", lang), locale=lang)
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


def undated_after(used, cutoff: Published | None):
    """The values of ``used`` that carry no publication date and whose period ends after
    ``cutoff``: a 2026 value typed without its date is newer than a cut-off of January 2026,
    and the date alone would read as a vintage it does not have. A period ends in its last
    month (``2026-9M``: September 2026); with no cut-off every undated value counts.
    """
    published = used["published"] if "published" in used.columns else None
    limit = (cutoff.year, cutoff.month or MONTHS_PER_YEAR) if cutoff else (0, 0)

    def late(row) -> bool:
        if published is not None and isinstance(row.published, str) and row.published.strip():
            return False
        period = Period.parse(row.period)
        return (period.last, period.months % MONTHS_PER_YEAR or MONTHS_PER_YEAR) > limit

    return used[[late(row) for row in used.itertuples(index=False)]]


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

    def cutoff_text(self, missing: str = "–") -> str:
        """The data cut-off as the report prints it: the latest publication date of the values
        it can use (``missing`` when none has one), and how many values of later periods carry
        no date, and of which periods (:func:`undated_after`).
        """
        date = self.cutoff.format(self.lang) if self.cutoff else missing
        late = undated_after(self.used, self.cutoff)
        if late.empty:
            return date
        periods = sorted({Period.parse(p) for p in late["period"].astype(str)},
                         key=lambda p: (p.last, p.months))
        return self.t("doc.cutoff.undated", date=date, n=len(late),
                      periods=", ".join(p.text(self.lang) for p in periods))

    @cached_property
    def used(self):
        """The chosen values the report can use (period ending by ``year``), computed once."""
        return used_values(self.chosen, self.year)

    @cached_property
    def targets_by_id(self):
        """The programme's targets indexed by target id (the id kept as a column), indexed once
        for the hundreds of lookups of one report (:func:`analysis.report.queries.targets`).
        """
        return self.dataset.targets.set_index("target_id", drop=False)

    @cached_property
    def main_rows(self):
        """One summary row per target, the one that assesses it as catalogued, indexed by
        target id once (:func:`analysis.report.queries.main_rows`).
        """
        s = self.assessment.summary
        return s[s["scenario"] == TARGET_SCENARIO].set_index("target_id", drop=False)

    @cached_property
    def indicators_by_id(self):
        """The province's indicators indexed by indicator id, once."""
        return self.dataset.indicators.set_index("indicator_id")


def used_values(chosen, year: int):
    """Chosen values whose period ends in ``year`` or before (the values a report can use)."""
    end = chosen["period"].map(period_end_year)
    return chosen[end.notna() & (end <= year)]


def _published_of(chosen) -> list:
    """The ``published`` column of the chosen values (empty list when absent)."""
    if chosen is None or "published" not in getattr(chosen, "columns", ()):
        return []
    return [p for p in chosen["published"].tolist() if isinstance(p, str) and p]


def setup(parameters: ReportParameters) -> Report:
    """Load, validate and assess (:func:`analysis.report.inputs.read_inputs`); everything the
    report's chapters need.

    ``parameters.output_format`` says what the outputs are made for
    (:func:`analysis.report.document.set_output_format`). It decides only which documents are
    made, not what they say, so the provenance annex does not list it (a PDF made with its
    Word document is the PDF made alone, byte for byte); the executed notebook records it.
    """
    set_output_format(parameters.output_format)
    inputs = read_inputs(parameters)
    prog, dataset, plan = inputs.programme, inputs.dataset, inputs.plan
    day = parse_report_date(parameters.report_date)
    chosen = choose_values(dataset.actuals)
    published = _published_of(used_values(chosen, plan.data_year))
    files = dict(getattr(dataset, "files", {}) or {})
    if parameters.scenarios_path:
        files["scenarios"] = Path(parameters.scenarios_path)
    for name, path in (("commentary", inputs.commentary.file), ("tasks", prog.tasks),
                       ("task_progress", prog.task_progress)):
        if path is not None:
            files[name] = Path(path)
    if LOCK_FILE.is_file():
        files["environment lock"] = LOCK_FILE
    return Report(
        lang=parameters.lang,
        year=int(inputs.assessment.year),
        base_year=prog.base_year,
        programme=prog,
        scenarios=inputs.rates,
        show_band=parameters.show_band,
        dataset=dataset,
        assessment=inputs.assessment,
        chosen=chosen,
        custom_scenarios=inputs.custom,
        parameters={**parameters.printed(), "programme": prog.id,
                    "report_date": day.isoformat()},
        files=files,
        cutoff=cutoff_date(published),
        epoch=source_date_epoch(day),
        report_date=day,
        commentary=inputs.commentary,
        tasks=inputs.tasks,
        missing_commentary=inputs.missing,
        year_plan=plan,
    )
