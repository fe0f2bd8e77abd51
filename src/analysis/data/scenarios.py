"""Custom growth scenarios: named year-by-year growth paths read from a small YAML file.

The constant-rate scenarios (GRDP at 9, 10 and 11 % a year) need no file; a custom scenario
says how growth might run year by year (for example a hydropower recovery: 12 % in 2026,
14 % in 2027, ...). Scenarios are assumptions, never data: they are kept apart from the actuals
and drawn as projections.

File format (``data/scenarios/custom-scenarios.yaml``)::

    version: 1
    scenarios:
      phuc-hoi-thuy-dien:                  # name: lower case, digits, '-' or '_'
        label_vi: Phục hồi thủy điện       # required, shown in the Vietnamese report
        label_en: Hydropower recovery      # required, shown in the English report
        indicator_id: grdp_growth_pct      # optional; the growth series it projects
        note: Why these rates ...          # optional, free text
        growth_pct:                        # required: year -> growth in % a year
          2026: 12
          2027: 14
          2028: 11
          2029: 10
          2030: 10

Rules (checked on load; every problem is collected into one
:class:`analysis.errors.InputError` naming the file, the scenario and the key):

- ``growth_pct`` years are consecutive (no hole) and run **to the target year** (2030):
  a year left out after the last one given is an error, not carried forward, so that no
  assumption is made that the file does not state;
- rates are numbers within :data:`PLAUSIBLE_GROWTH_PCT`;
- years before the first year given follow the actuals. Where the actuals stop earlier
  (an assessment of an earlier year), the years between the latest actual and the first year
  given continue at the observed average pace, and the assessment flags it
  (``filled_at_current_pace``); a year given in the file for which an annual actual exists
  uses the actual (flag ``scenario_years_replaced_by_actuals``).

:func:`save_scenario` writes or replaces one scenario and rewrites the file with this header;
comments inside scenarios are not kept (put explanations in ``note``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from numbers import Real
from pathlib import Path

import yaml

from analysis.errors import InputError, Problem

#: Format version written and accepted.
FORMAT_VERSION = 1
#: Growth series a scenario projects when it does not say.
DEFAULT_SCENARIO_INDICATOR = "grdp_growth_pct"
#: Year every scenario must reach.
TARGET_YEAR = 2030
#: Growth rates outside this range (% a year) are rejected as typing errors.
PLAUSIBLE_GROWTH_PCT = (-50.0, 100.0)
#: Years accepted in ``growth_pct``.
YEAR_RANGE = (2000, 2100)

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
REQUIRED_KEYS = ("label_vi", "label_en", "growth_pct")
OPTIONAL_KEYS = ("indicator_id", "note")

HEADER = """\
# Custom growth scenarios for the Lai Châu assessment (Kịch bản tăng trưởng tùy chọn).
# Assumptions, not data. Format (see analysis/scenarios.py):
#   version: 1
#   scenarios:
#     <name>:                 lower case letters, digits, '-' or '_'
#       label_vi: ...         Vietnamese label (required)
#       label_en: ...         English label (required)
#       indicator_id: ...     growth series projected (optional, default grdp_growth_pct)
#       note: ...             why these rates (optional)
#       growth_pct:           growth in % a year, one entry per year, no hole, up to 2030
#         2026: 12
# Years before the first year given follow the actuals. This file is rewritten by
# analysis.data.scenarios.save_scenario (the explorer): keep explanations in `note`, not in comments.
"""


@dataclass(frozen=True)
class CustomScenario:
    """One named growth path: ``growth_pct_by_year`` maps year to growth in % a year."""

    name: str
    growth_pct_by_year: Mapping[int, float]
    label_vi: str
    label_en: str
    indicator_id: str = DEFAULT_SCENARIO_INDICATOR
    note: str = ""
    source: str = ""

    @property
    def first_year(self) -> int:
        """First year with a stated rate."""
        return min(self.growth_pct_by_year)

    @property
    def last_year(self) -> int:
        """Last year with a stated rate."""
        return max(self.growth_pct_by_year)


def _problem(file, name, key, message, found=None, expected=None) -> Problem:
    where = "scenarios" + (f".{name}" if name else "") + (f".{key}" if key else "")
    return Problem(
        file=str(file),
        message=(f"scenario '{name}': {message}" if name else message),
        column=where,
        found=None if found is None else str(found),
        expected=expected,
    )


def _check_scenario(file, name, entry, target_year: int, problems: list[Problem]):
    """Validate one scenario mapping; return a CustomScenario or None (problems appended)."""
    start = len(problems)
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        problems.append(_problem(file, name, None, "bad scenario name", name,
                                 "lower case letters, digits, '-' or '_'"))
    if not isinstance(entry, Mapping):
        problems.append(_problem(file, name, None, "must be a mapping of keys",
                                 type(entry).__name__, "label_vi, label_en, growth_pct"))
        return None
    for key in entry:
        if key not in REQUIRED_KEYS + OPTIONAL_KEYS:
            problems.append(_problem(file, name, key, "unknown key", key,
                                     ", ".join(REQUIRED_KEYS + OPTIONAL_KEYS)))
    for key in REQUIRED_KEYS:
        if key not in entry or entry[key] in (None, ""):
            problems.append(_problem(file, name, key, "missing required key", None, key))
    for key in ("label_vi", "label_en", "indicator_id", "note"):
        if key in entry and entry[key] is not None and not isinstance(entry[key], str):
            problems.append(_problem(file, name, key, "must be text", entry[key], "text"))
    rates: dict[int, float] = {}
    growth = entry.get("growth_pct")
    if growth is not None and not isinstance(growth, Mapping):
        problems.append(_problem(file, name, "growth_pct", "must map years to growth rates",
                                 growth, "e.g. 2026: 12"))
    elif growth:
        low, high = PLAUSIBLE_GROWTH_PCT
        seen: set[int] = set()  # years given, valid rate or not (a bad rate is not also a hole)
        for year, rate in growth.items():
            key = f"growth_pct.{year}"
            try:
                y = int(str(year))
            except ValueError:
                y = None
            if y is None or not (YEAR_RANGE[0] <= y <= YEAR_RANGE[1]):
                problems.append(_problem(file, name, key, "not a year", year,
                                         f"a year {YEAR_RANGE[0]}-{YEAR_RANGE[1]}"))
                continue
            seen.add(y)
            if isinstance(rate, bool) or not isinstance(rate, Real):
                problems.append(_problem(file, name, key, "growth rate is not a number", rate,
                                         "a number in % a year, e.g. 10.5"))
                continue
            if not (low <= float(rate) <= high):
                problems.append(_problem(file, name, key, "implausible growth rate", rate,
                                         f"between {low:g} and {high:g} % a year"))
                continue
            rates[y] = float(rate)
        if seen:
            missing = sorted(set(range(min(seen), max(seen) + 1)) - seen)
            if missing:
                problems.append(_problem(file, name, "growth_pct", "years missing in the path",
                                         ", ".join(map(str, missing)), "one rate for every year"))
            if max(seen) < target_year:
                problems.append(_problem(
                    file, name, "growth_pct", f"path stops before {target_year}", max(seen),
                    f"a rate for every year up to {target_year} (later years are not carried "
                    "forward)"))
    if len(problems) > start:
        return None
    return CustomScenario(
        name=name,
        growth_pct_by_year=dict(sorted(rates.items())),
        label_vi=entry["label_vi"],
        label_en=entry["label_en"],
        indicator_id=entry.get("indicator_id") or DEFAULT_SCENARIO_INDICATOR,
        note=entry.get("note") or "",
        source=str(file),
    )


def parse_scenarios(data, file="<scenarios>", target_year: int = TARGET_YEAR):
    """Validate parsed YAML content; return ``{name: CustomScenario}`` or raise InputError."""
    problems: list[Problem] = []
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise InputError([_problem(file, None, None, "the file must be a mapping with "
                                   "'version' and 'scenarios'", type(data).__name__)])
    for key in data:
        if key not in ("version", "scenarios"):
            problems.append(_problem(file, None, None, f"unknown top-level key '{key}'", key,
                                     "version, scenarios"))
    if data.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        problems.append(Problem(str(file), "unsupported format version", column="version",
                                found=str(data.get("version")), expected=str(FORMAT_VERSION)))
    entries = data.get("scenarios") or {}
    if not isinstance(entries, Mapping):
        problems.append(_problem(file, None, None, "'scenarios' must map names to scenarios",
                                 type(entries).__name__))
        entries = {}
    result = {}
    for name, entry in entries.items():
        scenario = _check_scenario(file, name, entry, target_year, problems)
        if scenario is not None:
            result[name] = scenario
    if problems:
        raise InputError(problems)
    return result


def load_scenarios(path, target_year: int = TARGET_YEAR) -> dict[str, CustomScenario]:
    """Read and validate a scenarios YAML file; ``{name: CustomScenario}`` in file order.

    Raises
    ------
    analysis.errors.InputError
        Listing every problem (missing file, YAML syntax, bad key or value).
    """
    path = Path(path)
    if not path.exists():
        raise InputError([Problem(str(path), "scenarios file not found")])
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError([Problem(str(path), f"not valid YAML: {getattr(exc, 'problem', exc)}",
                                  row=None if mark is None else mark.line + 1)]) from None
    return parse_scenarios(data, path, target_year)


def _labels(labels) -> tuple[str, str]:
    if isinstance(labels, Mapping):
        return labels.get("vi", ""), labels.get("en", "")
    vi, en = labels
    return vi, en


def save_scenario(
    path,
    name: str,
    growth_by_year: Mapping[int, float],
    labels,
    indicator_id: str = DEFAULT_SCENARIO_INDICATOR,
    note: str = "",
    target_year: int = TARGET_YEAR,
) -> CustomScenario:
    """Write (or replace) one scenario in the YAML file at ``path``; return it validated.

    Parameters
    ----------
    path : path-like
        The scenarios file; created (with its header) if missing.
    name : str
        Scenario name (lower case letters, digits, '-' or '_').
    growth_by_year : mapping
        Year -> growth in % a year, consecutive years up to ``target_year``.
    labels : mapping or tuple
        ``{"vi": ..., "en": ...}`` or ``(label_vi, label_en)``.
    indicator_id, note : str
        Growth series projected; free-text explanation.

    Raises
    ------
    analysis.errors.InputError
        If the new scenario or the existing file is invalid (the file is then left unchanged).
    """
    path = Path(path)
    existing = load_scenarios(path, target_year) if path.exists() else {}
    label_vi, label_en = _labels(labels)
    entry = {"label_vi": label_vi, "label_en": label_en, "indicator_id": indicator_id}
    if note:
        entry["note"] = note
    entry["growth_pct"] = {int(y): float(g) for y, g in sorted(growth_by_year.items())}
    problems: list[Problem] = []
    scenario = _check_scenario(path, name, entry, target_year, problems)
    if problems:
        raise InputError(problems)
    existing[name] = scenario
    entries = {s.name: _as_entry(s) for s in existing.values()}
    data = {"version": FORMAT_VERSION, "scenarios": entries}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + text, encoding="utf-8")
    return scenario


def _as_entry(s: CustomScenario) -> dict:
    entry = {"label_vi": s.label_vi, "label_en": s.label_en, "indicator_id": s.indicator_id}
    if s.note:
        entry["note"] = s.note
    entry["growth_pct"] = {int(y): _number(g) for y, g in s.growth_pct_by_year.items()}
    return entry


def _number(x: float):
    return int(x) if float(x).is_integer() else float(x)
