"""``python -m analysis template``: write the Excel data-entry workbook.

By default the workbook is pre-filled with the actuals and gets one blank row per indicator for
the year after the latest year with annual values (2026 for the shipped data), as the README's
"Adding a year of data" says; ``--year`` picks another year, ``--no-blank-rows`` none. The year
must lie between :data:`analysis.data.periods.YEAR_MIN` and the programme's target year. The
workbook holds the data of the programme's province (``--programme``) and says so in its title.
A bad ``--out`` (not ``.xlsx``, a folder that does not exist, a folder, a file that cannot be
written) or year gets a message and exit status 2, and nothing is written.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from analysis.cli import add_lang_option
from analysis.cli.common import add_programme_option, fail, help_text, programme, year
from analysis.data.periods import YEAR_MIN, annual_mask
from analysis.errors import InputError, Problem
from analysis.i18n import LANGUAGES
from analysis.messages import current_lang, text

#: The workbook's file name ending.
WORKBOOK_SUFFIX = ".xlsx"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the template command."""
    parser.add_argument("--out", required=True, type=Path,
                        help=help_text("msg.cli.opt.template_out"))
    add_programme_option(parser)
    parser.add_argument("--actuals", type=Path, default=None,
                        help=help_text("msg.cli.opt.template_actuals"))
    parser.add_argument("--indicators", type=Path, default=None,
                        help=help_text("msg.cli.opt.indicators"))
    parser.add_argument("--year", type=year, default=None,
                        help=help_text("msg.cli.opt.template_year"))
    parser.add_argument("--no-blank-rows", action="store_true",
                        help=help_text("msg.cli.opt.no_blank_rows"))
    parser.add_argument("--empty", action="store_true",
                        help=help_text("msg.cli.opt.empty"))
    add_lang_option(parser)


def out_problems(out: Path) -> list[Problem]:
    """What is wrong with ``--out`` (nothing when the workbook can be written there)."""
    where = {"file": "", "parameter": "--out", "found": str(out)}
    if out.is_dir():
        return [Problem(**where, message=text("msg.template.is_folder"),
                        expected=text("msg.template.out.expected"))]
    if out.suffix.lower() != WORKBOOK_SUFFIX:
        return [Problem(**where, message=text("msg.template.not_xlsx"),
                        expected=text("msg.template.not_xlsx.expected"))]
    folder = out.parent
    if not folder.is_dir():
        return [Problem(**where, message=text("msg.template.no_folder", folder=str(folder)),
                        expected=text("msg.template.no_folder.expected", folder=str(folder)))]
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        return [Problem(**where, message=text("msg.template.not_writable"),
                        expected=text("msg.template.out.expected"))]
    return []


def year_problems(value: int, last: int) -> list[Problem]:
    """What is wrong with the template's year (nothing when it is in range up to ``last``, the
    programme's target year).
    """
    if YEAR_MIN <= value <= last:
        return []
    return [Problem(file="", parameter="--year", found=str(value),
                    message=text("msg.template.year"),
                    expected=text("msg.year.between", low=YEAR_MIN, high=last))]


def next_year(actuals) -> int | None:
    """The year after the latest year with an annual value (None without any)."""
    annual = actuals[annual_mask(actuals)]
    return int(annual["year"].max()) + 1 if not annual.empty else None


def _commentaries(prog, actuals, indicators) -> dict:
    """The programme's commentary files of the latest year with annual values, by language
    (the report the workbook's commentary sheet is for); none that do not exist.
    """
    # late: the commentary's reader (0.008 s) only when a workbook is written, not for --help
    from analysis.data.commentary import load_commentary

    latest = next_year(actuals)
    if latest is None:
        return {}
    ids = list(prog.target_ids())
    found = {lang: load_commentary(prog, latest - 1, lang, ids) for lang in LANGUAGES}
    # an illustrative file is not pre-filled: its text must not end up in a real report
    return {lang: c for lang, c in found.items() if not c.example}


def run(args: argparse.Namespace) -> int:
    """Validate the options and the inputs, then write the workbook; 2 on invalid input."""
    # late: pandas (0.3 s with the loaders); the parser imports every command and --help loads none
    from analysis.data.excel import write_template
    from analysis.data.loaders import load_actuals, load_indicators  # late, as write_template

    problems = out_problems(args.out)
    try:
        prog = programme(args)
    except InputError as exc:
        return fail(problems + exc.problems)
    if args.year is not None:
        problems += year_problems(args.year, prog.target_year)
    if problems:
        return fail(problems)
    try:
        indicators = load_indicators(args.indicators or prog.indicators)
        actuals = load_actuals(args.actuals or prog.actuals, indicators=indicators)
    except InputError as exc:
        return fail(exc)
    blank_year = None
    if not args.no_blank_rows:
        blank_year = args.year if args.year is not None else next_year(actuals)
        if blank_year is not None and (more := year_problems(blank_year, prog.target_year)):
            return fail(more)
    filled = None if args.empty else actuals
    commentaries = None if args.empty else _commentaries(prog, actuals, indicators)
    title = text("msg.template.title", province=prog.province[current_lang()],
                 programme=prog.short_title[current_lang()]).render()
    try:
        path = write_template(args.out, filled, indicators, year=blank_year, title=title,
                              programme=prog, commentaries=commentaries)
    except OSError as exc:
        return fail([Problem(file="", parameter="--out", found=str(args.out),
                             message=text("msg.template.write_failed", reason=exc.strerror
                                          or str(exc)),
                             expected=text("msg.template.out.expected"))])
    n = 0 if filled is None else len(filled)
    key = "msg.template.written_blank" if blank_year else "msg.template.written"
    print(text(key, path=str(path), n=n, blank=len(indicators), year=blank_year).render(),
          file=sys.stdout)
    return 0
