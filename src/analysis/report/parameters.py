"""The report's parameters, one name each: :class:`ReportParameters`.

The same names everywhere, keyword by keyword: the notebook's ``parameters`` cell (and
papermill's ``-p``), :func:`analysis.report.render.render_report`, :mod:`analysis.batch`, and
the command line, whose options store into them (``--year`` is ``assessment_year``,
``--targets`` ``targets_path``, ``--actuals`` ``actuals_path``, ``--scenarios-file``
``scenarios_path``, ``--commentary`` ``commentary_path``, ``--date`` ``report_date``,
``--format`` ``output_format``). To add a parameter: a field here with its reader in
:meth:`ReportParameters.__post_init__`, a literal in the notebook's parameters cell, and the
option that sets it, if the command line has one.

A :class:`ReportParameters` takes what papermill or a user gives and types it. papermill
injects ``-p assessment_year 2024`` as the int 2024, but ``-p scenarios '[7, 8]'`` as the
*string* ``"[7, 8]"`` and ``-p assessment_year abc`` as ``"abc"``; JupyterLab users type Python
values. Every reasonable form is accepted:

* ``assessment_year``: None (also ``""``, ``"None"``, ``"null"``), or a year (``2024``,
  ``"2024"``, ``2024.0``);
* ``lang``: one of :data:`analysis.i18n.LANGUAGES` (:data:`~analysis.i18n.DEFAULT_LANG` by default);
* ``scenarios``: a list of rates (``[7, 8]``), or one string: a bracketed list
  (``"[7, 8]"``, ``"[9.5, 10]"``, read as YAML) or rates separated by spaces or ``;``
  (``"7 8"``); every rate within :data:`analysis.data.scenarios.PLAUSIBLE_GROWTH_PCT`, the
  bounds of every scenario; outside brackets a comma is refused as on the command line
  (:func:`analysis.data.scenarios.parse_rates`); None: the programme's rates, else the growth
  target's low, mid and high end;
* ``programme``: None (the default programme), a shipped id or a folder;
* ``targets_path``, ``actuals_path``, ``scenarios_path``, ``commentary_path``: None (also
  ``""``, ``"None"``) or a path;
* ``report_date``: None (today) or a date ``YYYY-MM-DD`` (:func:`parse_report_date`);
* ``show_band``, ``final``: a boolean (also a yes/no word of
  :data:`analysis.data.vocabulary.TRUE_WORDS` / ``FALSE_WORDS``: ``"true"``/``"false"``,
  ``"yes"``/``"no"``, ``"1"``/``"0"``, ``"có"``/``"không"``);
* ``output_format``: one of :data:`OUTPUT_FORMATS` (any case).

Every problem is collected into one :class:`~analysis.errors.InputError` naming the parameter,
what was given and what is expected, in the report's language when ``lang`` is valid. In the
notebook IPython prints that message instead of a traceback (``InputError._render_traceback_``),
so papermill shows one clear message.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from analysis import safe_yaml
from analysis.data.scenarios import parse_rates
from analysis.data.vocabulary import FALSE_WORDS, TRUE_WORDS
from analysis.errors import InputError, Problem
from analysis.i18n import DEFAULT_LANG, LANGUAGES
from analysis.messages import text

#: What a render makes (``output_format``, ``report --format``): the PDF, the Word document, or
#: both from one execution of the notebook.
OUTPUT_FORMATS = ("pdf", "docx", "both")
#: Set in the kernel's environment of every render (:mod:`analysis.report.kernel`): figures
#: then skip their PNG preview (only JupyterLab shows it; the PDF uses the vector copy, the Word
#: document its print-resolution PNG, made when ``output_format`` asks for it).
PDF_ONLY_ENV = "ANALYSIS_REPORT_PDF_ONLY"
#: Texts that mean "no value" for an optional parameter.
NONE_WORDS = ("", "none", "null", "~")
#: Digits of a year.
YEAR_DIGITS = 4
#: The parameters the provenance annex does not print: what a render makes is not what the
#: report says (a PDF made with its Word document is the PDF made alone, byte for byte).
NOT_PRINTED = ("output_format",)


def renderings(output_format: str) -> tuple[str, ...]:
    """The documents an ``output_format`` makes: ``("pdf",)``, ``("docx",)`` or both.

    Raises
    ------
    ValueError
        For anything but one of :data:`OUTPUT_FORMATS`.
    """
    if output_format not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {output_format!r}; expected one of "
                         f"{OUTPUT_FORMATS}")
    return ("pdf", "docx") if output_format == "both" else (output_format,)


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


def source_date_epoch(report_date: dt.date, environ: dict | None = None) -> int:
    """SOURCE_DATE_EPOCH: the environment's, else midnight UTC of the report date (the same
    inputs and the same date give the same bytes).
    """
    environ = os.environ if environ is None else environ
    if environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
        return int(environ["SOURCE_DATE_EPOCH"])
    day = report_date
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


@dataclass(frozen=True)
class ReportParameters:
    """The report's parameters (see the module docstring), typed when made.

    Raises
    ------
    analysis.errors.InputError
        Naming every parameter that cannot be read, in the report's language (the default
        language when ``lang`` itself is wrong).
    """

    programme: str | None = None
    assessment_year: int | None = None
    lang: str = DEFAULT_LANG
    targets_path: str | None = None
    actuals_path: str | None = None
    scenarios: tuple[float, ...] | None = None
    scenarios_path: str | None = None
    show_band: bool = True
    report_date: str | None = None
    commentary_path: str | None = None
    final: bool = False
    output_format: str = OUTPUT_FORMATS[0]

    def __post_init__(self) -> None:
        problems: list[Problem] = []
        language = self.lang.strip() if isinstance(self.lang, str) else self.lang
        if language not in LANGUAGES:
            problems.append(_problem("lang", self.lang, text("msg.param.lang",
                                                             languages=", ".join(LANGUAGES))))
            language = None
        typed = {
            "programme": _path("programme", self.programme, problems),
            "assessment_year": _year("assessment_year", self.assessment_year, True, problems),
            "lang": language or DEFAULT_LANG,
            "targets_path": _path("targets_path", self.targets_path, problems),
            "actuals_path": _path("actuals_path", self.actuals_path, problems),
            "scenarios": _scenarios(self.scenarios, problems),
            "scenarios_path": _path("scenarios_path", self.scenarios_path, problems),
            "show_band": _flag("show_band", self.show_band, problems),
            "report_date": _date("report_date", self.report_date, problems),
            "commentary_path": _path("commentary_path", self.commentary_path, problems),
            "final": bool(_flag("final", self.final, problems)),
            "output_format": _output_format(self.output_format, problems),
        }
        if problems:
            raise InputError(problems, lang=language)
        for name, value in typed.items():
            object.__setattr__(self, name, value)

    @property
    def renderings(self) -> tuple[str, ...]:
        """The documents this render makes (:func:`renderings`)."""
        return renderings(self.output_format)

    def notebook_values(self) -> dict:
        """The parameters as papermill injects them: literals only (``scenarios`` a list)."""
        values = asdict(self)
        if self.scenarios is not None:
            values["scenarios"] = list(self.scenarios)
        return values

    def printed(self) -> dict:
        """The parameters the provenance annex prints (:data:`NOT_PRINTED` left out)."""
        return {k: v for k, v in self.notebook_values().items() if k not in NOT_PRINTED}

    def resolved(self) -> ReportParameters:
        """The same parameters with every path absolute: the notebook runs in another folder."""
        absolute = {name: str(Path(value).resolve()) for name, value in (
            ("targets_path", self.targets_path), ("actuals_path", self.actuals_path),
            ("scenarios_path", self.scenarios_path), ("commentary_path", self.commentary_path))
            if value}
        return replace(self, **absolute)


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
    """None or a calendar date as ``YYYY-MM-DD`` (read by :func:`parse_report_date`)."""
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
    """One of :data:`OUTPUT_FORMATS`."""
    if isinstance(value, str) and value.strip().lower() in OUTPUT_FORMATS:
        return value.strip().lower()
    problems.append(_problem("output_format", value, text("msg.param.output_format",
                                                         formats=", ".join(OUTPUT_FORMATS))))
    return OUTPUT_FORMATS[0]
