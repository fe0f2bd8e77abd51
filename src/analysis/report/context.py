"""What every section of the report needs: inputs, assessment, language, dates, provenance.

The notebook's first cell after the parameters builds one :class:`Report` with :func:`setup`;
every later cell passes it to one section function of :mod:`analysis.report.sections`.

Dates (decided for reproducibility):

* **Data cut-off date** = the latest ``published`` date among the actual values the report uses
  (the values chosen by :func:`analysis.data.selection.choose_values`), printed with the precision
  the data gives (a year, a month or a day).
* **SOURCE_DATE_EPOCH** = the environment's ``SOURCE_DATE_EPOCH`` when set, else midnight UTC of
  the cut-off date (a month or year is read as its first day). xelatex stamps the PDF with it,
  so the same inputs give the same bytes next month.
* **Date of rendering** on the title page = the date of SOURCE_DATE_EPOCH. By default it is
  therefore the cut-off date; set ``SOURCE_DATE_EPOCH=$(date +%s)`` to stamp today's date (the
  PDF is then reproducible with that same value).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from analysis import DEFAULT_ACTUALS, DEFAULT_TARGETS, PROJECT_ROOT
from analysis.i18n import t

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


def source_date_epoch(published: Sequence[object], environ: dict | None = None) -> int:
    """SOURCE_DATE_EPOCH: the environment's, else midnight UTC of the data's cut-off date."""
    environ = os.environ if environ is None else environ
    if environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
        return int(environ["SOURCE_DATE_EPOCH"])
    cut = cutoff_date(published)
    if cut is None:
        return 0
    day = cut.first_day()
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def rendering_date(epoch: int) -> dt.date:
    """The date (UTC) of ``epoch``."""
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).date()


def sha256(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def git_commit(root: Path = PROJECT_ROOT) -> str:
    """The checked-out commit, with ``-dirty`` when tracked files differ; ``unknown`` without git."""
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
    scenarios: tuple[float, ...]
    show_band: bool
    dataset: object
    assessment: object
    chosen: object  # pandas.DataFrame of the chosen actual values
    custom_scenarios: dict
    parameters: dict
    files: dict[str, Path] = field(default_factory=dict)
    cutoff: Published | None = None
    epoch: int = 0

    def t(self, key: str, /, **values: object) -> str:
        """Translated text in the report's language."""
        return t(key, self.lang, **values)

    @cached_property
    def used(self):
        """The chosen values the report can use (period ending by ``year``), computed once."""
        return used_values(self.chosen, self.year)


def _load(targets_path, actuals_path, scenarios_path):
    """Load and validate every input; raises :class:`~analysis.errors.InputError`."""
    from analysis.data.loaders import load_dataset
    from analysis.data.scenarios import load_scenarios
    from analysis.errors import InputError

    problems = []
    dataset = custom = None
    try:
        dataset = load_dataset(targets_path, actuals_path)
    except InputError as exc:
        problems += exc.problems
    if scenarios_path:
        try:
            custom = load_scenarios(scenarios_path)
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return dataset, custom or {}


def _chosen_values(dataset):
    """The actual values the selection rule chooses (all periods)."""
    from analysis.data.selection import choose_values

    return choose_values(dataset.actuals)


def latest_annual_year(actuals) -> int | None:
    """The latest year with an annual value: a plain-year period whose status is not partial.

    The engine's rule (:func:`analysis.engine.assess.annual_values`), restated here so that checking
    the inputs before the notebook runs does not import the engine (scipy).
    """
    period = actuals["period"].astype(str)
    annual = period.str.fullmatch(r"\d{4}") & (actuals["status"].astype(str) != "partial-year")
    return int(period[annual].astype(int).max()) if annual.any() else None


def check_year(dataset, year: int | None, base_year: int, actuals_path) -> None:
    """Raise InputError when ``year`` is not after the base year or has no annual actuals yet.

    None (the latest year with annual actuals) is always accepted.
    """
    from analysis.errors import InputError, Problem

    if year is None:
        return
    latest = latest_annual_year(dataset.actuals)
    if year <= base_year:
        raise InputError([Problem(str(actuals_path), "assessment year not after the base year",
                                  column="year", found=str(year),
                                  expected=f"a year after {base_year}")])
    if latest is None or year > latest:
        raise InputError([Problem(str(actuals_path), "no annual actual value for the assessment "
                                  "year yet", column="year", found=str(year),
                                  expected=f"{latest} or earlier" if latest else "annual data")])


def resolve_inputs(
    targets_path: Path,
    actuals_path: Path,
    scenarios_path: Path | None,
    year: int | None,
    scenarios: Sequence[float],
    base_year: int,
) -> tuple[int, int]:
    """Validate the inputs and resolve the assessment year and SOURCE_DATE_EPOCH.

    Raises
    ------
    analysis.errors.InputError
        Any input problem, including an assessment year the data cannot support.
    """
    dataset, custom = _load(targets_path, actuals_path, scenarios_path)
    check_year(dataset, year, base_year, actuals_path)
    if custom:  # scenarios are checked against the targets by the engine
        from analysis.engine.assess import assess

        assess(dataset, year=year, scenarios=tuple(scenarios), custom_scenarios=custom,
               base_year=base_year)
    if year is None:  # the engine's default: the latest year with an annual actual
        year = latest_annual_year(dataset.actuals)
        if year is None:
            from analysis.errors import InputError, Problem

            raise InputError([Problem(str(actuals_path), "no annual actual value at all",
                                      expected="at least one value for a whole year")])
    chosen = used_values(_chosen_values(dataset), int(year))
    return int(year), source_date_epoch(_published_of(chosen))


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


def setup(
    assessment_year: int | None = None,
    lang: str = "vi",
    targets_path: str | None = None,
    actuals_path: str | None = None,
    scenarios: Sequence[float] = (9, 10, 11),
    scenarios_path: str | None = None,
    base_year: int = 2020,
    show_band: bool = True,
) -> Report:
    """Load, validate and assess; everything the report's sections need.

    Parameters are those of the notebook's ``parameters`` cell; None paths take the shipped
    data.
    """
    from analysis.engine.assess import assess

    if lang not in ("vi", "en"):
        raise ValueError(f"lang must be 'vi' or 'en', not {lang!r}")
    targets = Path(targets_path or DEFAULT_TARGETS)
    actuals = Path(actuals_path or DEFAULT_ACTUALS)
    scen_path = Path(scenarios_path) if scenarios_path else None
    dataset, custom = _load(targets, actuals, scen_path)
    check_year(dataset, assessment_year, base_year, actuals)
    result = assess(dataset, year=assessment_year, scenarios=tuple(scenarios),
                    custom_scenarios=custom or None, base_year=base_year)
    chosen = _chosen_values(dataset)
    published = _published_of(used_values(chosen, int(result.year)))
    files = dict(getattr(dataset, "files", {}) or {})
    if scen_path:
        files["scenarios"] = scen_path
    if LOCK_FILE.is_file():
        files["environment lock"] = LOCK_FILE
    parameters = {
        "assessment_year": assessment_year,
        "lang": lang,
        "targets_path": targets_path,
        "actuals_path": actuals_path,
        "scenarios": list(scenarios),
        "scenarios_path": scenarios_path,
        "base_year": base_year,
        "show_band": show_band,
    }
    return Report(
        lang=lang,
        year=int(result.year),
        base_year=base_year,
        scenarios=tuple(scenarios),
        show_band=show_band,
        dataset=dataset,
        assessment=result,
        chosen=chosen,
        custom_scenarios=custom,
        parameters=parameters,
        files=files,
        cutoff=cutoff_date(published),
        epoch=source_date_epoch(published),
    )
