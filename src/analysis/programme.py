"""What a programme declares, and the vocabulary every stage of the product shares.

A **programme** (an action programme, a five-year plan, a Party Congress resolution) is a folder
``data/programmes/<id>/``: a new programme, or another province's, is a folder of data, not a
change of code. Its ``programme.yaml``::

    id: 26-ctr-tu                        # the folder's name; file names use it
    title: {vi: ..., en: ...}            # the full title
    short_title: {vi: ..., en: ...}      # as the text names it ("Chương trình 26-CTr/TU")
    issuer: {vi: ..., en: ...}           # who adopted it
    number: 26-CTr/TU                    # number and symbol
    date: 2022-12-28                     # date of adoption
    province: {vi: Lai Châu, en: Lai Châu}
    base_year: 2020                      # b: the year before the programme period
    target_year: 2030                    # T
    targets: targets.csv                 # paths are relative to the folder
    actuals: ../../provinces/lai-chau/actuals.csv      # the province's, shared by programmes
    indicators: ../../provinces/lai-chau/indicators.csv  # optional: beside the actuals
    reference_values: reference_values.csv               # optional
    tasks: tasks.csv                     # optional: the table of assignments
    task_progress: ../../provinces/lai-chau/task_progress.csv  # optional: the province's news
    chapters:                            # in order; each gets a chapter with a figure
      - grdp_growth_pct_per_year         # a target id, or a group of shares:
      - {key: structure, title: {vi: Cơ cấu kinh tế, en: Economic structure},
         targets: [agriculture_share_pct_of_grdp, ...]}
    growth_target: grdp_growth_pct_per_year   # optional: scenarios, band, consistency

Every key is checked (:func:`load_programme`): an unknown key, a missing file, a chapter target
that is not in the targets file each give an :class:`~analysis.errors.InputError` naming the
file, the key and what was expected.

The module also owns what every programme shares: the partial-year status and the rule for
what counts as an annual value (:func:`is_annual`); the statuses themselves are the actuals
schema's enum (``data/schema/actuals.schema.json``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import DATA_DIR
from analysis.errors import InputError, Problem
from analysis.i18n import LANGUAGES
from analysis.messages import text as msg

if TYPE_CHECKING:  # pandas is imported by the callers that pass frames; not at start-up
    import pandas

# ---------------------------------------------------------------------------------------------
# the shared vocabulary

#: The status of a value for part of a year: never an annual value.
PARTIAL_STATUS = "partial-year"
#: Months in a calendar year.
MONTHS_PER_YEAR = 12
_ANNUAL_PERIOD = re.compile(r"^\d{4}$")


def annual_mask(frame) -> pandas.Series:
    """:func:`is_annual` for every row of a frame with ``period`` and ``status`` columns."""
    period = frame["period"].astype(str).str.strip()
    return period.str.fullmatch(_ANNUAL_PERIOD.pattern) & (frame["status"].astype(str)
                                                           != PARTIAL_STATUS)


def is_annual(period: object, status: object) -> bool:
    """The rule for an annual value: a plain calendar year (``2024``) whose status is not
    partial-year. ``2024-9M`` (part of a year) and ``2021-2025`` (several years) are not.
    """
    return bool(_ANNUAL_PERIOD.fullmatch(str(period).strip())) and str(status) != PARTIAL_STATUS


# ---------------------------------------------------------------------------------------------
# where programmes live

#: Folder of the shipped programmes, one sub-folder each.
PROGRAMMES_DIR = DATA_DIR / "programmes"
#: The programme a command serves when none is named.
DEFAULT_PROGRAMME = "26-ctr-tu"
#: The file that declares a programme.
PROGRAMME_FILE = "programme.yaml"
#: File of the indicators beside an actuals file, when ``indicators`` is not given.
INDICATORS_FILE = "indicators.csv"

REQUIRED_KEYS = ("id", "title", "short_title", "issuer", "number", "date", "province",
                 "base_year", "target_year", "targets", "actuals", "chapters")
OPTIONAL_KEYS = ("indicators", "reference_values", "growth_target", "scenario_rates_pct",
                 "not_measurable", "tasks", "task_progress", "note")
BILINGUAL_KEYS = ("title", "short_title", "issuer", "province")
CHAPTER_KEYS = ("key", "title", "targets", "related")
#: Years a programme may span.
YEAR_RANGE = (1990, 2100)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Chapter:
    """One chapter of the report: a target, or a group of targets under a title."""

    key: str
    targets: tuple[str, ...]
    title: Mapping[str, str] = field(default_factory=dict)
    related: tuple[str, ...] = ()

    @property
    def is_group(self) -> bool:
        """A group of targets under a title (the four shares of GRDP), not a single target."""
        return len(self.targets) > 1 or bool(self.title)


@dataclass(frozen=True)
class Programme:
    """A programme as its ``programme.yaml`` declares it, with every path resolved."""

    id: str
    title: Mapping[str, str]
    short_title: Mapping[str, str]
    issuer: Mapping[str, str]
    number: str
    date: dt.date
    province: Mapping[str, str]
    base_year: int
    target_year: int
    targets: Path
    actuals: Path
    indicators: Path
    reference_values: Path | None
    chapters: tuple[Chapter, ...]
    growth_target: str | None
    folder: Path
    scenario_rates_pct: tuple[float, ...] | None = None
    not_measurable: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    tasks: Path | None = None
    task_progress: Path | None = None
    #: What the reader of every report must know about the catalogue (``{vi, en}``, optional):
    #: printed under the summary's first paragraph.
    note: dict = field(default_factory=dict)

    def report_filename(self, year: int, lang: str, months: int | None = None) -> str:
        """``<programme-id>-<year>[-<n>m]-<lang>.pdf`` (:func:`report_filename`)."""
        return report_filename(self.id, year, lang, months)

    def target_ids(self) -> tuple[str, ...]:
        """The ids of the targets in its catalogue, in file order."""
        return tuple(_target_ids(self.targets)) if self.targets else ()

    def target_names(self, lang: str) -> dict[str, str]:
        """``{target_id: name}`` of its catalogue in ``lang``, in file order."""
        rows = _target_rows(self.targets) if self.targets else []
        return {r.get("target_id", ""): r.get(f"name_{lang}", "") for r in rows}

    def chapter_targets(self) -> tuple[str, ...]:
        """Every target that has a chapter of its own, in order."""
        return tuple(t for c in self.chapters for t in c.targets)

    def is_final_review(self, year: int) -> bool:
        """The assessment year is the target year: a final review, with no pace still due."""
        return int(year) >= self.target_year

    def placeholders(self, lang: str) -> dict[str, object]:
        """The values every translated text may use: ``{programme}``, ``{province}``, years."""
        return {"programme": self.short_title[lang], "programme_title": self.title[lang],
                "province": self.province[lang], "issuer": self.issuer[lang],
                "number": self.number, "base_year": self.base_year,
                "target_year": self.target_year, "first_year": self.base_year + 1}


def report_stem(programme_id: str, year: int, lang: str, months: int | None = None) -> str:
    """The name every file of one report shares, without its suffix: ``26-ctr-tu-2025-vi``,
    or ``26-ctr-tu-2026-9m-vi`` for a mid-year report on the first nine months of 2026. Two
    programmes of one province, or a year's mid-year and annual reports, never share a name.
    The PDF, the executed notebook and the Word document are ``<stem>.pdf``, ``.ipynb``,
    ``.docx``.
    """
    period = f"{int(year)}-{int(months)}m" if months else f"{int(year)}"
    return f"{programme_id}-{period}-{lang}"


def report_filename(programme_id: str, year: int, lang: str, months: int | None = None,
                    suffix: str = ".pdf") -> str:
    """The report's file name: :func:`report_stem` and ``suffix``."""
    return report_stem(programme_id, year, lang, months) + suffix


def _problem(file: Path, key: str | None, message, found=None, expected=None) -> Problem:
    """A problem with ``key`` of ``programme.yaml``; ``message`` and ``expected`` are Texts."""
    return Problem(str(file), message, yaml_key=key,
                   found=None if found is None else str(found), expected=expected)


def _bilingual(file, key, value, problems) -> dict[str, str]:
    if not isinstance(value, Mapping) or any(not isinstance(value.get(k), str) or
                                             not value.get(k).strip() for k in LANGUAGES):
        problems.append(_problem(file, key, msg("msg.programme.bilingual"), value,
                                 msg("msg.programme.bilingual.expected",
                                     languages=", ".join(LANGUAGES))))
        return {k: "" for k in LANGUAGES}
    return {k: str(value[k]).strip() for k in LANGUAGES}


def _year(file, key, value, problems) -> int:
    ok = isinstance(value, int) and not isinstance(value, bool)
    if not ok or not YEAR_RANGE[0] <= value <= YEAR_RANGE[1]:
        problems.append(_problem(file, key, msg("msg.scenario.not_year"), value,
                                 msg("msg.year.between", low=YEAR_RANGE[0], high=YEAR_RANGE[1])))
        return 0
    return int(value)


def _path(folder: Path, file, key, value, problems, required=True) -> Path | None:
    if value in (None, "") and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        problems.append(_problem(file, key, msg("msg.programme.path"), value,
                                 msg("msg.programme.path.expected")))
        return None
    path = (folder / value).resolve()
    if not path.is_file():
        problems.append(_problem(file, key, msg("msg.file.not_found"), value,
                                 msg("msg.programme.file.expected", path=str(path))))
        return None
    return path


def _chapters(file, value, problems) -> tuple[Chapter, ...]:
    if not isinstance(value, list) or not value:
        problems.append(_problem(file, "chapters", msg("msg.programme.chapters"), value,
                                 msg("msg.programme.chapters.expected")))
        return ()
    out = []
    for k, item in enumerate(value, start=1):
        where = f"chapters[{k}]"
        if isinstance(item, str) and item.strip():
            out.append(Chapter(item.strip(), (item.strip(),)))
            continue
        if not isinstance(item, Mapping):
            problems.append(_problem(file, where, msg("msg.programme.chapter"), item,
                                     msg("msg.programme.chapters.expected")))
            continue
        for extra in set(item) - set(CHAPTER_KEYS):
            problems.append(_problem(file, f"{where}.{extra}", msg("msg.scenario.unknown_key"),
                                     extra,
                                     msg("msg.programme.one_of", keys=", ".join(CHAPTER_KEYS))))
        targets = item.get("targets")
        if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets) \
                or not targets:
            problems.append(_problem(file, f"{where}.targets", msg("msg.programme.target_list"),
                                     targets, msg("msg.programme.target_list.expected")))
            targets = []
        related = item.get("related") or []
        if not isinstance(related, list) or not all(isinstance(i, str) for i in related):
            problems.append(_problem(file, f"{where}.related", msg("msg.programme.indicator_list"),
                                     related, msg("msg.programme.indicator_list.expected")))
            related = []
        single = len(targets) == 1 and "title" not in item
        key = item.get("key") or (targets[0] if single else None)
        if not isinstance(key, str) or not key.strip():
            problems.append(_problem(file, f"{where}.key", msg("msg.programme.chapter_key"), key,
                                     msg("msg.programme.chapter_key.expected")))
            key = f"group{k}"
        title = {} if single else _bilingual(file, f"{where}.title", item.get("title"),
                                             problems)
        out.append(Chapter(key.strip(), tuple(targets), title, tuple(related)))
    return tuple(out)


def _target_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a targets file, read plainly (the loaders validate it)."""
    import csv

    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _target_ids(path: Path) -> dict[str, str]:
    """``{target_id: kind}`` of a targets file."""
    return {r.get("target_id", ""): r.get("kind", "") for r in _target_rows(path)}


def parse_programme(data: object, file: Path) -> Programme:
    """Validate the parsed ``programme.yaml`` of the folder holding ``file``.

    Raises
    ------
    InputError
        Listing every problem, each naming the file and the key.
    """
    file = Path(file)
    folder = file.parent
    problems: list[Problem] = []
    if not isinstance(data, Mapping):
        raise InputError([_problem(file, None, msg("msg.scenario.not_mapping"), type(data).__name__,
                                   msg("msg.programme.one_of", keys=", ".join(REQUIRED_KEYS)))])
    for key in data:
        if key not in REQUIRED_KEYS + OPTIONAL_KEYS:
            problems.append(_problem(file, str(key), msg("msg.scenario.unknown_key"), key,
                                     msg("msg.programme.one_of",
                                         keys=", ".join(REQUIRED_KEYS + OPTIONAL_KEYS))))
    for key in REQUIRED_KEYS:
        if key not in data:
            problems.append(_problem(file, key, msg("msg.scenario.missing_key"), None, key))
    pid = data.get("id")
    if not isinstance(pid, str) or not _ID.fullmatch(pid):
        problems.append(_problem(file, "id", msg("msg.programme.id"), pid,
                                 msg("msg.programme.id.expected")))
        pid = str(pid)
    texts = {k: _bilingual(file, k, data.get(k), problems) for k in (*BILINGUAL_KEYS, "note")
             if k in data}
    date = data.get("date")
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            date = None
    if not isinstance(date, dt.date):
        problems.append(_problem(file, "date", msg("msg.programme.date"), data.get("date"),
                                 "YYYY-MM-DD"))
        date = dt.date(YEAR_RANGE[0], 1, 1)
    base = _year(file, "base_year", data.get("base_year"), problems) if "base_year" in data \
        else 0
    target = _year(file, "target_year", data.get("target_year"), problems) \
        if "target_year" in data else 0
    if base and target and base >= target:
        problems.append(_problem(file, "target_year", msg("msg.programme.target_year"),
                                 target, msg("msg.programme.target_year.expected", year=base)))
    targets = _path(folder, file, "targets", data.get("targets"), problems) \
        if "targets" in data else None
    actuals = _path(folder, file, "actuals", data.get("actuals"), problems) \
        if "actuals" in data else None
    if data.get("indicators"):
        indicators = _path(folder, file, "indicators", data.get("indicators"), problems)
    else:
        indicators = actuals.parent / INDICATORS_FILE if actuals else None
        if indicators is not None and not indicators.is_file():
            problems.append(_problem(file, "indicators", msg("msg.programme.no_indicators"),
                                     str(indicators), msg("msg.programme.no_indicators.expected")))
    references = _path(folder, file, "reference_values", data.get("reference_values"),
                       problems, required=False)
    tasks = _path(folder, file, "tasks", data.get("tasks"), problems, required=False)
    task_progress = _path(folder, file, "task_progress", data.get("task_progress"), problems,
                          required=False)
    chapters = _chapters(file, data.get("chapters"), problems) if "chapters" in data else ()
    growth = data.get("growth_target")
    rates = data.get("scenario_rates_pct")
    if rates is not None and (not isinstance(rates, list) or not rates or not all(
            isinstance(r, int | float) and not isinstance(r, bool) for r in rates)):
        problems.append(_problem(file, "scenario_rates_pct", msg("msg.programme.rates"), rates,
                                 msg("msg.programme.rates.expected")))
        rates = None
    not_measurable = data.get("not_measurable") or {}
    if not isinstance(not_measurable, Mapping):
        problems.append(_problem(file, "not_measurable", msg("msg.programme.not_measurable"),
                                 not_measurable,
                                 msg("msg.programme.not_measurable.expected")))
        not_measurable = {}
    reasons = {str(t): _bilingual(file, f"not_measurable.{t}", why, problems)
               for t, why in not_measurable.items()}
    if targets is not None:
        known = _target_ids(targets)
        not_in_targets = msg("msg.programme.unknown_target.expected", file=targets.name)
        for t in reasons:
            if t not in known:
                problems.append(_problem(file, f"not_measurable.{t}",
                                         msg("msg.programme.unknown_target"), t, not_in_targets))
        for k, chapter in enumerate(chapters, start=1):
            for t in chapter.targets:
                if t not in known:
                    problems.append(_problem(file, f"chapters[{k}]",
                                             msg("msg.programme.unknown_target"), t,
                                             not_in_targets))
        if growth is not None and known.get(growth) != "avg_growth":
            problems.append(_problem(file, "growth_target", msg("msg.programme.growth_target"),
                                     growth,
                                     msg("msg.programme.growth_target.expected")))
    if problems:
        raise InputError(problems)
    return Programme(
        id=pid, title=texts["title"], short_title=texts["short_title"],
        issuer=texts["issuer"], number=str(data["number"]), date=date,
        province=texts["province"], base_year=base, target_year=target, targets=targets,
        actuals=actuals, indicators=indicators, reference_values=references,
        chapters=chapters, growth_target=growth, folder=folder.resolve(),
        scenario_rates_pct=tuple(float(r) for r in rates) if rates else None,
        not_measurable=reasons, tasks=tasks, task_progress=task_progress,
        note=texts.get("note", {}))


def programme_file(id_or_dir: str | Path | None) -> Path:
    """The ``programme.yaml`` of a shipped programme id, of a folder, or the file itself."""
    if id_or_dir is None:
        id_or_dir = DEFAULT_PROGRAMME
    path = Path(id_or_dir)
    if path.name == PROGRAMME_FILE:
        return path
    if path.is_dir():
        return path / PROGRAMME_FILE
    if isinstance(id_or_dir, str) and _ID.fullmatch(id_or_dir):
        return PROGRAMMES_DIR / id_or_dir / PROGRAMME_FILE
    return path / PROGRAMME_FILE


def load_programme(id_or_dir: str | Path | None = None) -> Programme:
    """Read and validate a programme: a shipped id (``26-ctr-tu``), a folder, or its yaml.

    Raises
    ------
    InputError
        When the file is missing, is not YAML, or any key is wrong.
    """
    file = programme_file(id_or_dir)
    return _load(file.resolve())


@cache
def _load(file: Path) -> Programme:
    if not file.is_file():
        known = ", ".join(p.id for p in shipped_programmes()) if PROGRAMMES_DIR.is_dir() else ""
        raise InputError([_problem(file, None, msg("msg.programme.not_found"), file.parent.name,
                                   msg("msg.programme.not_found.expected", known=known,
                                       file=PROGRAMME_FILE))])
    from analysis import safe_yaml

    return parse_programme(safe_yaml.read(file), file)


def programme_for(programme: Programme | str | Path | None = None,
                  targets_path: str | Path | None = None) -> Programme:
    """The programme a command or the report works on: a Programme, a shipped id or a folder
    (None: :data:`DEFAULT_PROGRAMME`); ``targets_path`` replaces its targets file (a catalogue
    being edited), everything else stays the programme's.
    """
    from dataclasses import replace

    prog = programme if isinstance(programme, Programme) else load_programme(programme)
    return replace(prog, targets=Path(targets_path).resolve()) if targets_path else prog


def shipped_programmes() -> list[Programme]:
    """Every programme under :data:`PROGRAMMES_DIR`, by id."""
    return [_load((d / PROGRAMME_FILE).resolve()) for d in sorted(PROGRAMMES_DIR.iterdir())
            if (d / PROGRAMME_FILE).is_file()]
