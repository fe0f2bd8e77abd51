"""The report notebook's parameters, made into typed values with one clear message when wrong.

papermill injects what it is given: ``-p assessment_year 2024`` arrives as the int 2024, but
``-p scenarios '[7, 8]'`` as the *string* ``"[7, 8]"`` and ``-p assessment_year abc`` as
``"abc"``; JupyterLab users type Python values. :func:`normalise` accepts every reasonable
form and turns it into what :func:`analysis.report.context.setup` expects:

* ``assessment_year``: None (also ``""``, ``"None"``, ``"null"``), or a year (``2024``,
  ``"2024"``, ``2024.0``);
* ``lang``: ``"vi"`` or ``"en"``;
* ``scenarios``: a list of rates (``[7, 8]``), or one string: a bracketed list
  (``"[7, 8]"``, ``"[9.5, 10]"``, read as YAML) or rates separated by spaces or ``;``
  (``"7 8"``); every rate within :data:`analysis.data.scenarios.PLAUSIBLE_GROWTH_PCT`, the
  bounds of every scenario; outside brackets a comma is refused as on the command line
  (:func:`analysis.data.scenarios.parse_rates`);
* ``scenarios`` may also be None: the programme's rates, else the growth target's low, mid
  and high end;
* ``programme``: None (the default programme), a shipped id or a folder;
* ``targets_path``, ``actuals_path``, ``scenarios_path``, ``commentary_path``: None (also
  ``""``, ``"None"``) or a path;
* ``report_date``: None (today) or a date ``YYYY-MM-DD``;
* ``show_band``, ``final``: a boolean (also ``"true"``/``"false"``, ``"yes"``/``"no"``,
  ``"1"``/``"0"``, ``"có"``/``"không"``);
* ``output_format``: ``"pdf"``, ``"docx"`` or ``"both"`` (what the render makes:
  :data:`analysis.report.document.OUTPUT_FORMATS`; any case).

Every problem is collected into one :class:`~analysis.errors.InputError` naming the parameter,
what was given and what is expected, in the report's language when ``lang`` is valid. In the
notebook IPython prints that message instead of a traceback (``InputError._render_traceback_``),
so papermill shows one clear message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analysis import safe_yaml
from analysis.data.scenarios import parse_rates
from analysis.data.vocabulary import FALSE_WORDS, TRUE_WORDS
from analysis.errors import InputError, Problem
from analysis.i18n import LANGUAGES
from analysis.messages import text

#: Texts that mean "no value" for an optional parameter.
NONE_WORDS = ("", "none", "null", "~")
#: Digits of a year.
YEAR_DIGITS = 4


@dataclass(frozen=True)
class Parameters:
    """The notebook's parameters, typed (see the module docstring)."""

    programme: str | None
    assessment_year: int | None
    lang: str
    targets_path: str | None
    actuals_path: str | None
    scenarios: tuple[float, ...] | None
    scenarios_path: str | None
    show_band: bool
    report_date: str | None
    commentary_path: str | None
    final: bool
    output_format: str = "pdf"


def _problem(name: str, value: object, expected) -> Problem:
    """A problem with the parameter ``name``."""
    return Problem(file="", parameter=name, message=text("msg.param.invalid"),
                   found=repr(value) if not isinstance(value, str) else value,
                   expected=expected)


def _year(name: str, value: object, optional: bool, problems: list[Problem]) -> int | None:
    """A year (or None when ``optional``) from an int, a whole float or text."""
    if _is_none(value):
        if optional:
            return None
    elif isinstance(value, bool):
        pass
    elif isinstance(value, int):
        return value
    elif isinstance(value, float) and value.is_integer():
        return int(value)
    elif isinstance(value, str) and value.strip().isdigit() and len(value.strip()) == YEAR_DIGITS:
        return int(value.strip())
    key = "msg.param.year.optional" if optional else "msg.param.year"
    problems.append(_problem(name, value, text(key)))
    return None


def _path(name: str, value: object, problems: list[Problem]) -> str | None:
    """None or a path as text."""
    if _is_none(value):
        return None
    if isinstance(value, str | Path):
        return str(value)
    problems.append(_problem(name, value, text("msg.param.path")))
    return None


def _is_none(value: object) -> bool:
    """True for None and the texts that mean "no value"."""
    return value is None or (isinstance(value, str) and value.strip().lower() in NONE_WORDS)


def _date(name: str, value: object, problems: list[Problem]) -> str | None:
    """None or a calendar date as ``YYYY-MM-DD`` (read by
    :func:`analysis.report.context.parse_report_date`, the one reader of a report date).
    """
    from analysis.report.context import parse_report_date

    if _is_none(value):
        return None
    try:
        return parse_report_date(value, name).isoformat()
    except InputError as exc:
        problems.extend(exc.problems)
        return None


def _flag(name: str, value: object, problems: list[Problem]) -> bool:
    """A boolean from a bool or a yes/no word."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in TRUE_WORDS + FALSE_WORDS:
        return value.strip().lower() in TRUE_WORDS
    problems.append(_problem(name, value, text("msg.param.flag")))
    return True


def _scenarios(value: object, problems: list[Problem]) -> tuple[float, ...] | None:
    """Scenario rates from a list, a bracketed list in text, or rates separated by spaces."""
    items = value
    if _is_none(value):
        return None
    if isinstance(value, str) and value.strip().startswith("["):
        try:
            items = safe_yaml.load(value, parameter="scenarios")
        except InputError:
            items = None
        if not isinstance(items, list):
            problems.append(_problem("scenarios", value, text("msg.param.scenarios")))
            return ()
    elif isinstance(value, int | float) and not isinstance(value, bool):
        items = [value]
    elif not isinstance(value, str | list | tuple):
        problems.append(_problem("scenarios", value, text("msg.param.scenarios")))
        return ()
    try:
        rates = parse_rates(items, parameter="scenarios")
    except InputError as exc:
        problems.extend(exc.problems)
        return ()
    return tuple(int(x) if float(x).is_integer() else x for x in rates)  # 9, not 9.0


def _output_format(value: object, problems: list[Problem]) -> str:
    """``pdf``, ``docx`` or ``both``."""
    from analysis.report.document import OUTPUT_FORMATS

    if isinstance(value, str) and value.strip().lower() in OUTPUT_FORMATS:
        return value.strip().lower()
    problems.append(_problem("output_format", value, text("msg.param.output_format",
                                                         formats=", ".join(OUTPUT_FORMATS))))
    return OUTPUT_FORMATS[0]


def normalise(programme=None, assessment_year=None, lang="vi", targets_path=None,
              actuals_path=None, scenarios=None, scenarios_path=None, show_band=True,
              report_date=None, commentary_path=None, final=False,
              output_format="pdf") -> Parameters:
    """Typed parameters from whatever papermill or a notebook user gave.

    Raises
    ------
    analysis.errors.InputError
        Naming every parameter that cannot be read, in the report's language (Vietnamese when
        ``lang`` itself is wrong).
    """
    problems: list[Problem] = []
    language = lang.strip() if isinstance(lang, str) else lang
    if language not in LANGUAGES:
        problems.append(_problem("lang", lang, text("msg.param.lang",
                                                    languages=", ".join(LANGUAGES))))
        language = None
    result = Parameters(
        programme=_path("programme", programme, problems),
        assessment_year=_year("assessment_year", assessment_year, True, problems),
        lang=language or LANGUAGES[0],
        targets_path=_path("targets_path", targets_path, problems),
        actuals_path=_path("actuals_path", actuals_path, problems),
        scenarios=_scenarios(scenarios, problems),
        scenarios_path=_path("scenarios_path", scenarios_path, problems),
        show_band=_flag("show_band", show_band, problems),
        report_date=_date("report_date", report_date, problems),
        commentary_path=_path("commentary_path", commentary_path, problems),
        final=bool(_flag("final", final, problems)),
        output_format=_output_format(output_format, problems),
    )
    if problems:
        raise InputError(problems, lang=language)
    return result
