"""``python -m analysis new-programme``: a new programme or plan, entered in Excel.

Two steps, as for the actuals (``template``, then ``check``):

- ``new-programme --out plan.xlsx [--province <tỉnh>]`` writes the workbook
  (:mod:`analysis.data.plan_workbook`): the programme's fields, its targets, its chapters, a
  guide in Vietnamese, dropdowns, and the province's indicators to pick from (default province:
  the default programme's);
- ``new-programme --from plan.xlsx --id <id> [--force]`` reads it, checks it and writes
  ``data/programmes/<id>/`` (:mod:`analysis.data.plan_folder`): ``programme.yaml``,
  ``targets.csv`` and a ``datapackage.json`` generated from them. Every mistake is reported
  with the file, the sheet, the cell, the column, what was found and what was expected (exit 2)
  and nothing is written; an existing folder is replaced only with ``--force``.

``--data DIR`` names another data folder (holding ``provinces/`` and ``programmes/``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis import DATA_DIR
from analysis.cli import add_lang_option
from analysis.cli.common import fail, help_text
from analysis.cli.template import out_problems
from analysis.errors import InputError, Problem
from analysis.messages import current_lang, text
from analysis.programme import PROGRAMME_ID, load_programme, scan_programmes


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the command."""
    parser.add_argument("--out", type=Path, default=None, metavar="FILE.xlsx",
                        help=help_text("msg.cli.opt.plan_out"))
    parser.add_argument("--province", default=None, metavar="PROVINCE",
                        help=help_text("msg.cli.opt.plan_province"))
    parser.add_argument("--from", dest="source", type=Path, default=None, metavar="FILE.xlsx",
                        help=help_text("msg.cli.opt.plan_from"))
    parser.add_argument("--id", dest="programme_id", default=None, metavar="ID",
                        help=help_text("msg.cli.opt.plan_id"))
    parser.add_argument("--force", action="store_true",
                        help=help_text("msg.cli.opt.force"))
    parser.add_argument("--data", type=Path, default=DATA_DIR, metavar="DIR",
                        help=help_text("msg.cli.opt.plan_folder"))
    add_lang_option(parser)


def _usage() -> list[Problem]:
    return [Problem("", text("msg.plan.options"), parameter="--out / --from",
                    expected=text("msg.plan.options.expected"))]


def _province_dir(data: Path, province: str | None) -> Path:
    """The folder of ``province`` under ``data/provinces`` (default: the default programme's
    province).

    Raises
    ------
    InputError
        No such folder, or it holds no ``indicators.csv``.
    """
    provinces = data / "provinces"
    if province is None:
        province = load_programme().actuals.parent.name
    folder = provinces / province
    if not (folder / "indicators.csv").is_file():
        known = ", ".join(sorted(d.name for d in provinces.iterdir()
                                 if (d / "indicators.csv").is_file())) \
            if provinces.is_dir() else ""
        raise InputError([Problem("", text("msg.plan.no_province"), parameter="--province",
                                  found=province,
                                  expected=text("msg.plan.no_province.expected", known=known))])
    return folder


def _write_workbook(args) -> int:
    # late: pandas (0.3 s with the loaders); the parser imports every command and --help loads none
    from analysis.data.loaders import load_indicators
    from analysis.data.plan_workbook import write_plan_workbook  # late: 0.006 s, this command's

    problems = out_problems(args.out)
    if problems:
        return fail(problems)
    try:
        folder = _province_dir(args.data, args.province)
        indicators = load_indicators(folder / "indicators.csv")
    except InputError as exc:
        return fail(exc)
    names = _province_names(args.data, folder.name)
    try:
        path = write_plan_workbook(args.out, indicators, folder.name, names)
    except OSError as exc:
        return fail([Problem(file="", parameter="--out", found=str(args.out),
                             message=text("msg.template.write_failed",
                                          reason=exc.strerror or str(exc)),
                             expected=text("msg.template.out.expected"))])
    print(text("msg.plan.written", path=str(path), n=len(indicators),
               province=names.get(current_lang()) or folder.name).render())
    return 0


def _province_names(data: Path, province: str) -> dict:
    """The province's names (vi, en) from a programme of it, when there is one."""
    for programme in scan_programmes(data / "programmes")[0]:
        if programme.actuals.parent.name == province:
            return dict(programme.province)
    return {}


def _import(args) -> int:
    # late: pandas (0.3 s with the loaders); the parser imports every command and --help loads none
    from analysis.data.loaders import load_indicators
    from analysis.data.plan_folder import write_programme  # late: 0.008 s, this command's only
    from analysis.data.plan_reader import read_plan, read_province  # late: openpyxl, as above

    if not PROGRAMME_ID.fullmatch(args.programme_id):
        return fail([Problem("", text("msg.programme.id"), parameter="--id",
                             found=args.programme_id, expected=text("msg.programme.id.expected"))])
    if not args.source.is_file():
        return fail([Problem(str(args.source), text("msg.file.not_found"))])
    try:
        province, where = read_province(args.source)
        try:
            folder = _province_dir(args.data, province)
        except InputError as exc:  # named in the workbook, not on the command line
            raise InputError([Problem(**where, message=p.message, found=p.found,
                                      expected=p.expected) for p in exc.problems]) from None
        draft = read_plan(args.source, load_indicators(folder / "indicators.csv"))
        target = write_programme(draft, args.programme_id, args.data / "programmes", folder,
                                 force=args.force)
    except InputError as exc:
        return fail(exc)
    except OSError as exc:
        return fail([Problem(str(args.data / "programmes" / args.programme_id),
                             text("msg.datapackage.write_failed",
                                  reason=exc.strerror or str(exc)))])
    print(text("msg.plan.imported", id=args.programme_id, n=len(draft.targets),
               folder=str(target)).render())
    return 0


def run(args: argparse.Namespace) -> int:
    """Write the workbook (``--out``) or import one (``--from`` and ``--id``); exit 2 on any
    mistake, with nothing written.
    """
    if (args.out is None) == (args.source is None) or (args.source and not args.programme_id):
        return fail(_usage())
    if args.out is not None:
        return _write_workbook(args)
    return _import(args)
