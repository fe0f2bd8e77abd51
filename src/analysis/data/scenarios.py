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
        indicator_id: grdp_growth_pct      # optional; the growth series it projects (none:
                                           # the province's GRDP growth, its role grdp_growth)
        note_vi: Vì sao chọn các tốc độ này   # optional, shown in the Vietnamese report
        note_en: Why these rates ...       # optional, shown in the English report
        note: ...                          # optional: one text for both (the old form)
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
- rates are numbers within :data:`PLAUSIBLE_GROWTH_PCT`, written in any of the forms the data
  files accept (``12``, ``9.5``, ``"9,5"``, see :mod:`analysis.data.numbers`): the rates are
  read from the YAML text as typed (``12.000`` is twelve thousand, hence refused, as in a data
  file; not twelve as a YAML parser would have it), the rates of one file being one column;
- years before the first year given follow the actuals. Where the actuals stop earlier
  (an assessment of an earlier year), the years between the latest actual and the first year
  given continue at the observed average pace, and the assessment flags it
  (``filled_at_current_pace``); a year given in the file for which an annual actual exists
  uses the actual (flag ``scenario_years_replaced_by_actuals``).

:func:`save_scenario` writes or replaces one scenario and rewrites the file with this header;
comments inside scenarios are not kept (put explanations in ``note``).

The same bounds apply to every scenario rate wherever it is given: the YAML file, the command
line's ``--scenarios`` (:func:`parse_rates`) and the report notebook's ``scenarios``
parameter (:mod:`analysis.report.parameters`). On the command line the rates are separated by
spaces or ``;``, never by a comma: ``9,5`` is nine and a half the Vietnamese way, so a comma
in a list of rates is refused with a message saying how to write 9.5 or two scenarios.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from numbers import Real
from pathlib import Path

import yaml

from analysis import safe_yaml
from analysis.data.numbers import VIETNAMESE, convention_of, parse_number
from analysis.data.periods import YEAR_MAX, YEAR_MIN, year_bounds_text
from analysis.data.textfiles import read_text
from analysis.errors import InputError, Problem
from analysis.messages import Num, Text, text
from analysis.programme import load_programme
from analysis.yaml_schema import schema_problems

#: Format version written and accepted.
FORMAT_VERSION = 1
#: Growth rates outside this range (% a year) are rejected as typing errors, for every scenario
#: (YAML, ``--scenarios``, the notebook's ``scenarios``): no province's GRDP has doubled or
#: halved in a year, so a scenario rate beyond the range is a slip (95 for 9.5), not a scenario.
PLAUSIBLE_GROWTH_PCT = (-50.0, 100.0)
#: Separators of a list of rates typed on the command line or given as one string.
RATE_SEPARATORS = re.compile(r"[\s;]+")


HEADER = """\
# Kịch bản tăng trưởng tùy chọn (custom growth scenarios): giả định, không phải số liệu.
# Cấu trúc (kiểm tra bởi analysis/data/scenarios.py và data/schema/scenarios.yaml.schema.json):
#   version: 1
#   scenarios:
#     <tên>:                  chữ thường không dấu, chữ số, '-' hoặc '_'
#       label_vi: ...         tên kịch bản trong báo cáo tiếng Việt (bắt buộc)
#       label_en: ...         tên kịch bản trong báo cáo tiếng Anh (bắt buộc)
#       indicator_id: ...     chuỗi tốc độ tăng được dự phóng (không bắt buộc; mặc định:
#                             tăng trưởng GRDP của tỉnh, chỉ số có vai trò grdp_growth)
#       note_vi: ...          vì sao chọn các tốc độ này, tiếng Việt (không bắt buộc)
#       note_en: ...          vì sao chọn các tốc độ này, tiếng Anh (không bắt buộc)
#       growth_pct:           tốc độ tăng %/năm, mỗi năm một dòng, không bỏ trống năm nào,
#         2026: 12            đến năm mục tiêu
# Các năm trước năm đầu tiên ghi ở đây theo số liệu thực tế. Công cụ khám phá kịch bản ghi
# lại tệp này (analysis.data.scenarios.save_scenario): ghi giải thích vào note_vi và note_en,
# không ghi vào dòng chú thích (#), vì chú thích không được giữ lại.
"""


@dataclass(frozen=True)
class CustomScenario:
    """One named growth path: ``growth_pct_by_year`` maps year to growth in % a year."""

    name: str
    growth_pct_by_year: Mapping[int, float]
    label_vi: str
    label_en: str
    #: The growth series it projects; None: the province's GRDP growth (the indicator with the
    #: role ``grdp_growth``, :mod:`analysis.roles`), resolved by the assessment.
    indicator_id: str | None = None
    #: Why these rates, in each language (``note_vi``, ``note_en``; ``note`` fills both).
    note_vi: str = ""
    note_en: str = ""
    source: str = ""

    @property
    def first_year(self) -> int:
        """First year with a stated rate."""
        return min(self.growth_pct_by_year)

    @property
    def last_year(self) -> int:
        """Last year with a stated rate."""
        return max(self.growth_pct_by_year)


def _problem(file, name, key, message: Text, found=None, expected=None) -> Problem:
    """A problem of scenario ``name`` at ``key``, located as ``scenarios.<name>.<key>``."""
    where = "scenarios" + (f".{name}" if name else "") + (f".{key}" if key else "")
    return Problem(
        file=str(file),
        message=(text("msg.scenario.of", name=name, message=message) if name else message),
        yaml_key=where,
        found=None if found is None else str(found),
        expected=expected,
    )


def _rate_value(rate: object, convention) -> float | None:
    """A rate as a number: YAML numbers as they are, text read as the data files are read."""
    if isinstance(rate, bool):
        return None
    if isinstance(rate, Real):
        return float(rate)
    if isinstance(rate, str):
        try:
            return parse_number(rate, convention=convention or VIETNAMESE)
        except InputError:
            return None
    return None


def rate_bounds_text() -> Text:
    """What a scenario rate must be, for messages (:data:`PLAUSIBLE_GROWTH_PCT`)."""
    low, high = PLAUSIBLE_GROWTH_PCT
    return text("msg.scenario.rate.between", low=Num(low), high=Num(high))


def _rate_convention(entries: Mapping):
    """The number convention of every rate typed as text in the file (one column)."""
    cells = []
    for entry in entries.values():
        growth = entry.get("growth_pct") if isinstance(entry, Mapping) else None
        if isinstance(growth, Mapping):
            cells += [(r, text("msg.where.input")) for r in growth.values() if isinstance(r, str)]
    return convention_of(cells)


def _check_scenario(file, name, entry, target_year: int, problems: list[Problem],
                    convention=None, valid: bool = True):
    """Check the rates of one scenario whose form the schema checked (``valid``: it found
    nothing wrong with it); return a CustomScenario, or None (problems appended).
    """
    start = len(problems)
    growth = entry.get("growth_pct") if isinstance(entry, Mapping) else None
    if not isinstance(growth, Mapping):
        return None
    rates: dict[int, float] = {}
    low, high = PLAUSIBLE_GROWTH_PCT
    seen: set[int] = set()  # years given, valid rate or not (a bad rate is not also a hole)
    for year, rate in growth.items():
        key = f"growth_pct.{year}"
        try:
            y = int(str(year))
        except ValueError:
            y = None
        if y is None or not (YEAR_MIN <= y <= YEAR_MAX):
            problems.append(_problem(file, name, key, text("msg.scenario.not_year"), year,
                                     year_bounds_text()))
            continue
        seen.add(y)
        value = _rate_value(rate, convention)
        if value is None:
            problems.append(_problem(file, name, key, text("msg.scenario.rate_not_number"),
                                     rate, text("msg.scenario.rate.expected")))
            continue
        if not (low <= value <= high):
            problems.append(_problem(file, name, key, text("msg.scenario.rate_implausible"),
                                     rate, rate_bounds_text()))
            continue
        rates[y] = value
    if seen:
        missing = sorted(set(range(min(seen), max(seen) + 1)) - seen)
        if missing:
            problems.append(_problem(file, name, "growth_pct",
                                     text("msg.scenario.years_missing"),
                                     ", ".join(map(str, missing)),
                                     text("msg.scenario.years_missing.expected")))
        if max(seen) < target_year:
            problems.append(_problem(
                file, name, "growth_pct",
                text("msg.scenario.stops_early", year=target_year), max(seen),
                text("msg.scenario.stops_early.expected", year=target_year)))
    if len(problems) > start or not valid:
        return None
    return CustomScenario(
        name=name,
        growth_pct_by_year=dict(sorted(rates.items())),
        label_vi=entry["label_vi"],
        label_en=entry["label_en"],
        indicator_id=entry.get("indicator_id") or None,
        note_vi=entry.get("note_vi") or entry.get("note") or "",
        note_en=entry.get("note_en") or entry.get("note") or "",
        source=str(file),
    )


def _target_year(target_year: int | None) -> int:
    """The year every scenario must reach: ``target_year``, else the default programme's."""
    if target_year is not None:
        return int(target_year)
    return load_programme().target_year


def parse_scenarios(data, file="<scenarios>", target_year: int | None = None,
                    source: str | None = None):
    """Validate parsed YAML content; return ``{name: CustomScenario}`` or raise InputError.

    The form (keys, names, labels, a mapping of years to rates) is the JSON Schema's
    (``data/schema/scenarios.yaml.schema.json``, :mod:`analysis.yaml_schema`; ``source``, the
    YAML text, gives each problem its line); the rates are then read and checked here.
    """
    if data is None:
        return {}
    problems = schema_problems(data, "scenarios", file, source)
    entries = data.get("scenarios") if isinstance(data, Mapping) else None
    entries = entries if isinstance(entries, Mapping) else {}
    flawed = {(p.yaml_key or "").split(".")[1] for p in problems
              if (p.yaml_key or "").startswith("scenarios.")}  # scenarios.<name>[.<key>]
    convention = _rate_convention(entries)
    result = {}
    target_year = _target_year(target_year)
    for name, entry in entries.items():
        scenario = _check_scenario(file, name, entry, target_year, problems, convention,
                                   valid=str(name) not in flawed)
        if scenario is not None:
            result[name] = scenario
    if problems:
        raise InputError(problems)
    return result


def load_scenarios(path, target_year: int | None = None) -> dict[str, CustomScenario]:
    """Read and validate a scenarios YAML file; ``{name: CustomScenario}`` in file order.

    Raises
    ------
    analysis.errors.InputError
        Listing every problem (missing file, YAML syntax, bad key or value).
    """
    path = Path(path)
    source = read_text(path, limit=safe_yaml.MAX_YAML_BYTES)
    data = safe_yaml.load(source, path)
    typed = safe_yaml.load(source, path, typed=False)  # every scalar as text
    return parse_scenarios(_rates_as_typed(data, typed), path, target_year, source)


def _rates_as_typed(data, typed):
    """``data`` with each growth rate replaced by its text as typed in the file.

    YAML reads ``12.000`` as twelve and ``9,5`` as text; the data files read them as twelve
    thousand and nine and a half. The text is kept so that :func:`parse_scenarios` reads every
    rate by the data files' rules.
    """
    try:
        for name, entry in data["scenarios"].items():
            growth = entry["growth_pct"]
            raw = typed["scenarios"][str(name)]["growth_pct"]
            for year in list(growth):
                if not isinstance(growth[year], bool) and isinstance(raw.get(str(year)), str):
                    growth[year] = raw[str(year)]
    except (KeyError, TypeError, AttributeError):
        pass  # a malformed file: parse_scenarios reports what is wrong with it
    return data


def _notes(vi: str, en: str) -> dict:
    """The note keys of an entry: only those with a text."""
    return {k: v for k, v in (("note_vi", vi), ("note_en", en)) if v}


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
    indicator_id: str | None = None,
    note=None,
    target_year: int | None = None,
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
    indicator_id : str
        Growth series projected (None: the province's GRDP growth).
    note : mapping, tuple or str, optional
        Why these rates: ``{"vi": ..., "en": ...}``, ``(note_vi, note_en)``, or one text for
        both languages.

    Raises
    ------
    analysis.errors.InputError
        If the new scenario or the existing file is invalid (the file is then left unchanged).
    """
    path = Path(path)
    target_year = _target_year(target_year)
    existing = load_scenarios(path, target_year) if path.exists() else {}
    label_vi, label_en = _labels(labels)
    entry = {"label_vi": label_vi, "label_en": label_en}
    if indicator_id:
        entry["indicator_id"] = indicator_id
    entry.update(_notes(*((note, note) if isinstance(note, str) else _labels(note or ("", "")))))
    entry["growth_pct"] = {int(y): float(g) for y, g in sorted(growth_by_year.items())}
    scenario = parse_scenarios({"version": FORMAT_VERSION, "scenarios": {name: entry}}, path,
                               target_year)[name]
    existing[name] = scenario
    entries = {s.name: _as_entry(s) for s in existing.values()}
    data = {"version": FORMAT_VERSION, "scenarios": entries}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + text, encoding="utf-8")
    return scenario


def _as_entry(s: CustomScenario) -> dict:
    entry = {"label_vi": s.label_vi, "label_en": s.label_en}
    if s.indicator_id:
        entry["indicator_id"] = s.indicator_id
    entry.update(_notes(s.note_vi, s.note_en))
    entry["growth_pct"] = {int(y): _number(g) for y, g in s.growth_pct_by_year.items()}
    return entry


def _number(x: float):
    return int(x) if float(x).is_integer() else float(x)


def parse_rates(values: str | Iterable[object], parameter: str = "--scenarios",
                file: str = "") -> tuple[float, ...]:
    """Read constant scenario rates (% a year) typed on the command line or given as text.

    Parameters
    ----------
    values : str or iterable
        ``"9 10 11"``, ``"9;10;11"``, ``"9.5"``, or several such strings or numbers (the words
        of ``--scenarios 9 10 11``, a list given to the notebook). Rates are separated by
        spaces or ``;`` (:data:`RATE_SEPARATORS`); a rate is read as the data files read a
        number, except that a comma is refused: ``9,5`` could be 9.5 or the rates 9 and 5.
    parameter : str
        The option or parameter named in messages.
    file : str
        The file named in messages (none for the command line).

    Returns
    -------
    tuple of float

    Raises
    ------
    InputError
        Naming the parameter, what was typed and how to write it, for a comma, a value that
        is not a number, a rate outside :data:`PLAUSIBLE_GROWTH_PCT`, a rate given twice
        (``9 9``, ``9 9.0``: the same scenario twice) or no rate at all.
    """
    items = [values] if isinstance(values, str) else list(values)
    tokens: list[object] = []
    for item in items:
        if isinstance(item, str):
            tokens += [t for t in RATE_SEPARATORS.split(item.strip()) if t]
        else:
            tokens.append(item)
    low, high = PLAUSIBLE_GROWTH_PCT
    where = {"file": file, "parameter": parameter}
    problems, rates = [], []
    typed: dict[float, str] = {}  # each rate read, as first typed
    for token in tokens:
        if isinstance(token, str) and "," in token:
            several = " ".join(t for t in token.split(",") if t)
            expected = (text("msg.rates.comma.expected", decimal=token.replace(",", "."),
                             several=several) if token.count(",") == 1
                        else text("msg.rates.comma.expected_list", several=several))
            problems.append(Problem(**where, message=text("msg.rates.comma"), found=token,
                                    expected=expected))
            continue
        value = _rate_value(token, VIETNAMESE)
        if value is None:
            problems.append(Problem(**where, message=text("msg.scenario.rate_not_number"),
                                    found=str(token), expected=text("msg.rates.expected")))
        elif not low <= value <= high:
            problems.append(Problem(**where, message=text("msg.scenario.rate_implausible"),
                                    found=str(token), expected=rate_bounds_text()))
        elif value in typed:  # "9 9", "9 9.0": one scenario twice, probably a typo
            problems.append(Problem(**where, message=text("msg.rates.repeated",
                                                          first=typed[value]),
                                    found=str(token), expected=text("msg.rates.repeated.expected")))
        else:
            typed[value] = str(token)
            rates.append(value)
    if not tokens:
        problems.append(Problem(**where, message=text("msg.rates.none"),
                                expected=text("msg.rates.expected")))
    if problems:
        raise InputError(problems)
    return tuple(rates)
