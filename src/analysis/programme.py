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
    province: {vi: <tên tỉnh>, en: <province>}
    base_year: 2020                      # b: the year before the programme period
    target_year: 2030                    # T
    targets: targets.csv                 # paths are relative to the folder
    actuals: ../../provinces/<tỉnh>/actuals.csv      # the province's, shared by programmes
    indicators: ../../provinces/<tỉnh>/indicators.csv  # optional: beside the actuals
    reference_values: reference_values.csv               # optional
    tasks: tasks.csv                     # optional: the table of assignments
    task_progress: ../../provinces/<tỉnh>/task_progress.csv  # optional: the province's news
    chapters:                            # in order; each gets a chapter with a figure
      - grdp_growth_pct_per_year         # a target id, or a group of shares:
      - {key: structure, title: {vi: Cơ cấu kinh tế, en: Economic structure},
         targets: [agriculture_share_pct_of_grdp, ...]}
    growth_target: grdp_growth_pct_per_year   # optional: scenarios, band, consistency

Every key is checked (:func:`load_programme`): an unknown key, a missing file, a chapter target
that is not in the targets file each give an :class:`~analysis.errors.InputError` naming the
file, the key and what was expected.

Where the data layer needs a file and none is given, it takes the default programme's
(:func:`default_path`). What every programme shares, the statuses of a value and the rule of an
annual value, is the data layer's (:mod:`analysis.data.statuses`, :mod:`analysis.data.periods`).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from analysis import DATA_DIR, safe_yaml
from analysis.data.datapackage import descriptor_problems
from analysis.data.periods import YEAR_MIN
from analysis.data.textfiles import read_text
from analysis.errors import InputError, Problem
from analysis.i18n import LANGUAGES
from analysis.messages import text as msg
from analysis.yaml_schema import line_of, schema_problems

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

#: Keys of ``programme.yaml`` written in both languages (the others: its JSON Schema).
BILINGUAL_KEYS = ("title", "short_title", "issuer", "province")
#: Keys of ``programme.yaml`` naming a file, relative to the programme's folder.
PATH_KEYS = ("targets", "actuals", "indicators", "reference_values", "tasks", "task_progress")
#: A programme id: the name of its folder (lower-case letters without accents, digits, "-").
PROGRAMME_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


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
    #: The estimation choices of this programme or its province (``assessment:``), overrides of
    #: :class:`analysis.engine.assess.AssessmentParams`; empty: the product's defaults.
    assessment: Mapping[str, object] = field(default_factory=dict)

    def report_filename(self, year: int, lang: str, months: int | None = None) -> str:
        """``<programme-id>-<year>[-<n>m]-<lang>.pdf`` (:func:`report_filename`)."""
        return report_filename(self.id, year, lang, months)

    @property
    def is_shipped(self) -> bool:
        """A programme of :data:`PROGRAMMES_DIR` (its ``--programme`` is its id, not a folder)."""
        return (Path(PROGRAMMES_DIR) / self.id).resolve() == Path(self.folder).resolve()

    def target_rows(self) -> list[dict[str, str]]:
        """The rows of its targets file, read plainly (the loaders validate it)."""
        return _target_rows(self.targets) if self.targets else []

    def target_ids(self) -> tuple[str, ...]:
        """The ids of the targets in its catalogue, in file order."""
        return tuple(_target_ids(_target_rows(self.targets))) if self.targets else ()

    def target_names(self, lang: str) -> dict[str, str]:
        """``{target_id: name}`` of its catalogue in ``lang``, in file order."""
        return {r.get("target_id", ""): r.get(f"name_{lang}", "") for r in self.target_rows()}

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


def _problem(file: Path, key: str | None, message, found=None, expected=None,
             line: int | None = None) -> Problem:
    """A problem with ``key`` of ``programme.yaml``; ``message`` and ``expected`` are Texts."""
    return Problem(str(file), message, yaml_key=key, row=line,
                   found=None if found is None else str(found), expected=expected)


def _path(folder: Path, file, key, value, problems, lines=None) -> Path | None:
    """The file ``value`` names (relative to the folder); a problem when it does not exist, at
    the line ``lines([key])`` gives (asked only then).
    """
    if not isinstance(value, str) or not value.strip():
        return None  # the schema said so
    path = (folder / value).resolve()
    if not path.is_file():
        problems.append(_problem(file, key, msg("msg.file.not_found"), value,
                                 msg("msg.programme.file.expected", path=str(path)),
                                 lines([key]) if lines else None))
        return None
    return path


def _chapters(file, value, problems, lines) -> tuple[Chapter, ...]:
    """The chapters (the schema checked their form): a target id, or a group, which needs a
    key when it has several targets or a title.
    """
    out = []
    for k, item in enumerate(value, start=1):
        if isinstance(item, str):
            out.append(Chapter(item, (item,)))
            continue
        targets = list(item.get("targets") or [])
        single = len(targets) == 1 and "title" not in item
        key = item.get("key") or (targets[0] if single else None)
        if not key:
            problems.append(_problem(file, f"chapters[{k}].key",
                                     msg("msg.programme.chapter_key"), None,
                                     msg("msg.programme.chapter_key.expected"),
                                     lines(["chapters", k - 1])))
            key = f"group{k}"
        title = {} if single else {lang: item["title"][lang].strip() for lang in LANGUAGES}
        out.append(Chapter(key, tuple(targets), title, tuple(item.get("related") or ())))
    return tuple(out)


def _target_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a targets file, read plainly (the loaders validate it)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _target_ids(rows: list[dict[str, str]]) -> dict[str, str]:
    """``{target_id: kind}`` of a targets file's rows."""
    return {r.get("target_id", ""): r.get("kind", "") for r in rows}


def _int(cell) -> int | None:
    try:
        return int(str(cell).strip())
    except (TypeError, ValueError):
        return None


def period_problems(targets: Path, base_year: int, target_year: int,
                    rows: list[dict[str, str]] | None = None) -> list[Problem]:
    """Every target's period inside the programme's: ``period_start`` from ``base_year + 1``
    to ``target_year``; ``target_year`` from there to the programme's target year, and the
    programme's target year itself unless the row's ``period_note`` says why it ends earlier
    (a mid-term milestone). A row left from another programme (2021–2025 in a 2026–2030 plan)
    would otherwise get a final-review verdict in the middle of the plan.
    """
    first, problems = base_year + 1, []
    rows = _target_rows(targets) if rows is None else rows  # read once by parse_programme
    for row, r in enumerate(rows, start=2):
        start, end = _int(r.get("period_start")), _int(r.get("target_year"))
        where = {"file": str(targets), "row": row}
        if start is not None and not first <= start <= target_year:
            problems.append(Problem(**where, column="period_start", found=str(start),
                                    message=msg("msg.programme.period_start"),
                                    expected=msg("msg.programme.period_start.expected",
                                                 first=first, last=target_year,
                                                 base=base_year)))
        if end is None:
            continue
        if not first <= end <= target_year:
            problems.append(Problem(**where, column="target_year", found=str(end),
                                    message=msg("msg.programme.period_end"),
                                    expected=msg("msg.programme.period_end.expected",
                                                 first=first, last=target_year)))
        elif end < target_year and not (r.get("period_note") or "").strip():
            problems.append(Problem(**where, column="target_year", found=str(end),
                                    message=msg("msg.programme.period_early"),
                                    expected=msg("msg.programme.period_early.expected",
                                                 last=target_year)))
    return problems


def catalogue_problems(file: Path, targets: Path, chapters, growth, not_measurable,
                       lines=lambda path, key=False: None,
                       rows: list[dict[str, str]] | None = None) -> list[Problem]:
    """The keys of ``programme.yaml`` that name targets, against the catalogue ``targets``:
    the chapters, ``not_measurable`` and the growth target (an average-growth target).
    """
    problems: list[Problem] = []
    known = _target_ids(_target_rows(targets) if rows is None else rows)
    not_in_targets = msg("msg.programme.unknown_target.expected", file=targets.name)
    for t in not_measurable:
        if t not in known:
            problems.append(_problem(file, f"not_measurable.{t}",
                                     msg("msg.programme.unknown_target"), t, not_in_targets,
                                     lines(["not_measurable", t], key=True)))
    for k, chapter in enumerate(chapters, start=1):
        for t in chapter.targets:
            if t not in known:
                problems.append(_problem(file, f"chapters[{k}]",
                                         msg("msg.programme.unknown_target"), t,
                                         not_in_targets, lines(["chapters", k - 1])))
    if growth is not None and known.get(growth) != "avg_growth":
        problems.append(_problem(file, "growth_target", msg("msg.programme.growth_target"),
                                 growth, msg("msg.programme.growth_target.expected"),
                                 lines(["growth_target"])))
    return problems


def parse_programme(data: object, file: Path, source: str | None = None,
                    descriptor: bool = True) -> Programme:
    """Validate the parsed ``programme.yaml`` of the folder holding ``file``.

    The form of every key is the JSON Schema's (``data/schema/programme.yaml.schema.json``,
    :mod:`analysis.yaml_schema`); then what a schema cannot say: the id is the folder's name,
    the files exist, the target year comes after the base year, the chapters, the growth target
    and ``not_measurable`` name targets of the catalogue, every target's period lies inside the
    programme's (:func:`period_problems`), and, with ``descriptor``, the folder's
    ``datapackage.json`` matches (:mod:`analysis.data.datapackage`).

    Parameters
    ----------
    source : str, optional
        The YAML text, to name the line of each problem.

    Raises
    ------
    InputError
        Listing every problem, each naming the file, the key (and the line) or the row.
    """
    file = Path(file)
    folder = file.parent
    problems = schema_problems(data, "programme", file, source)
    if not isinstance(data, Mapping):
        raise InputError(problems)
    bad = {(p.yaml_key or "").split(".")[0].split("[")[0] for p in problems}

    def ok(key):
        return key in data and key not in bad

    def lines(path, key=False):
        return line_of(source, path, key=key)

    pid = data.get("id") if ok("id") else folder.name
    if ok("id") and pid != folder.name:
        problems.append(_problem(file, "id", msg("msg.programme.id_folder"), pid,
                                 msg("msg.programme.id_folder.expected", folder=folder.name),
                                 lines(["id"])))
    texts = {k: ({lang: data[k][lang].strip() for lang in LANGUAGES} if ok(k)
                 else {lang: "" for lang in LANGUAGES}) for k in (*BILINGUAL_KEYS, "note")}
    date = data.get("date") if ok("date") else None
    date = dt.date.fromisoformat(date) if isinstance(date, str) else date
    if not isinstance(date, dt.date):
        date = dt.date(YEAR_MIN, 1, 1)  # a stand-in: the schema has reported the date
    base = data["base_year"] if ok("base_year") else 0
    target = data["target_year"] if ok("target_year") else 0
    if base and target and base >= target:
        problems.append(_problem(file, "target_year", msg("msg.programme.target_year"),
                                 target, msg("msg.programme.target_year.expected", year=base),
                                 lines(["target_year"])))
        target = 0
    paths = {key: _path(folder, file, key, data.get(key), problems, lines)
             if ok(key) else None for key in PATH_KEYS}
    targets, actuals, indicators = paths["targets"], paths["actuals"], paths["indicators"]
    if indicators is None and not data.get("indicators"):
        indicators = actuals.parent / INDICATORS_FILE if actuals else None
        if indicators is not None and not indicators.is_file():
            problems.append(_problem(file, "indicators", msg("msg.programme.no_indicators"),
                                     str(indicators), msg("msg.programme.no_indicators.expected")))
    chapters = _chapters(file, data["chapters"], problems, lines) if ok("chapters") else ()
    growth = data.get("growth_target") if ok("growth_target") else None
    reasons = ({str(t): {lang: why[lang].strip() for lang in LANGUAGES}
                for t, why in data["not_measurable"].items()} if ok("not_measurable") else {})
    if targets is not None:
        rows = _target_rows(targets)
        problems += catalogue_problems(file, targets, chapters, growth, reasons, lines, rows)
        if base and target:
            problems += period_problems(targets, base, target, rows)
    if problems:
        raise InputError(problems)
    rates = data.get("scenario_rates_pct")
    prog = Programme(
        id=pid, title=texts["title"], short_title=texts["short_title"],
        issuer=texts["issuer"], number=str(data["number"]), date=date,
        province=texts["province"], base_year=base, target_year=target, targets=targets,
        actuals=actuals, indicators=indicators, reference_values=paths["reference_values"],
        chapters=chapters, growth_target=growth, folder=folder.resolve(),
        scenario_rates_pct=tuple(float(r) for r in rates) if rates else None,
        not_measurable=reasons, tasks=paths["tasks"], task_progress=paths["task_progress"],
        note=texts["note"] if "note" in data else {},
        assessment=dict(data.get("assessment") or {}))
    if descriptor:
        stale = descriptor_problems(prog)
        if stale:
            raise InputError(stale)
    return prog


def programme_file(id_or_dir: str | Path | None) -> Path:
    """The ``programme.yaml`` of a shipped programme id, of a folder, or the file itself."""
    if id_or_dir is None:
        id_or_dir = DEFAULT_PROGRAMME
    path = Path(id_or_dir)
    if path.name == PROGRAMME_FILE:
        return path
    if path.is_dir():
        return path / PROGRAMME_FILE
    if isinstance(id_or_dir, str) and PROGRAMME_ID.fullmatch(id_or_dir):
        return Path(PROGRAMMES_DIR) / id_or_dir / PROGRAMME_FILE
    return path / PROGRAMME_FILE


def load_programme(id_or_dir: str | Path | None = None, descriptor: bool = True) -> Programme:
    """Read and validate a programme: a shipped id (``26-ctr-tu``), a folder, or its yaml.

    ``descriptor`` False leaves out the check of ``datapackage.json`` (to regenerate it).

    Raises
    ------
    InputError
        When the file is missing, is not YAML, or any key is wrong.
    """
    file = programme_file(id_or_dir)
    return _load(file.resolve(), descriptor)


def _load(file: Path, descriptor: bool = True) -> Programme:
    """The programme of ``file``, read again only when a file of its folder changed."""
    folder = file.parent
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                         for p in folder.iterdir() if p.is_file())) if folder.is_dir() else ()
    return _load_cached(file, descriptor, stamp)


@cache
def _load_cached(file: Path, descriptor: bool, _stamp: tuple) -> Programme:
    if not file.is_file():
        known = ", ".join(d.name for d in programme_folders())
        raise InputError([_problem(file, None, msg("msg.programme.not_found"), file.parent.name,
                                   msg("msg.programme.not_found.expected", known=known,
                                       file=PROGRAMME_FILE))])
    source = read_text(file, limit=safe_yaml.MAX_YAML_BYTES)
    return parse_programme(safe_yaml.load(source, file), file, source, descriptor)


def programme_for(programme: Programme | str | Path | None = None,
                  targets_path: str | Path | None = None) -> Programme:
    """The programme a command or the report works on: a Programme, a shipped id or a folder
    (None: :data:`DEFAULT_PROGRAMME`); ``targets_path`` replaces its targets file (a catalogue
    being edited; its periods are checked against the programme's, :func:`period_problems`),
    everything else stays the programme's.
    """
    prog = programme if isinstance(programme, Programme) else load_programme(programme)
    if not targets_path:
        return prog
    targets = Path(targets_path).resolve()
    if targets.suffix.lower() == ".csv" and targets.is_file():  # a workbook: the loader reads it
        problems = period_problems(targets, prog.base_year, prog.target_year)
        if problems:
            raise InputError(problems)
    return replace(prog, targets=targets)


def programme_folders(root: Path | None = None) -> list[Path]:
    """The folders of ``root`` (default :data:`PROGRAMMES_DIR`) holding a ``programme.yaml``,
    by name.
    """
    root = Path(root or PROGRAMMES_DIR)
    if not root.is_dir():
        return []
    return [d for d in sorted(root.iterdir()) if (d / PROGRAMME_FILE).is_file()]


def scan_programmes(root: Path | None = None) -> tuple[list[Programme],
                                                         list[tuple[Path, list[Problem]]]]:
    """Every programme of ``root`` that can be read, and every folder that cannot, with its
    problems: one broken folder does not hide the others.
    """
    good, bad = [], []
    for folder in programme_folders(root):
        try:
            good.append(_load((folder / PROGRAMME_FILE).resolve()))
        except InputError as exc:
            bad.append((folder, exc.problems))
    return good, bad


def shipped_programmes() -> list[Programme]:
    """Every programme under :data:`PROGRAMMES_DIR`, by id.

    Raises
    ------
    InputError
        With the problems of every folder that cannot be read (:func:`scan_programmes` lists the
        others too).
    """
    good, bad = scan_programmes()
    if bad:
        raise InputError([p for _, problems in bad for p in problems])
    return good


def default_path(resource: str) -> Path | None:
    """The default programme's file of ``resource`` (``targets``, ``actuals``, ``indicators``,
    ``reference_values``, ``tasks``, ``task_progress``): what a loader reads when no file is
    given, declared once, in that programme's ``programme.yaml``.
    """
    return getattr(load_programme(), resource)
