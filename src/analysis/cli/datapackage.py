"""``python -m analysis datapackage``: regenerate a programme's ``datapackage.json``.

The descriptor's generated part (name, title, the programme's number, date and years, the
resources) is written again from ``programme.yaml`` and the files it names; the rest
(description, sources, licence) is kept (:mod:`analysis.data.datapackage`). ``--check`` writes
nothing and exits 2 when the file does not match, naming each key that differs. Any other
problem of the programme is reported first, as ``check`` would (exit 2, nothing written).
"""

from __future__ import annotations

import argparse

from analysis.cli import add_lang_option
from analysis.cli.common import add_programme_option, fail, help_text
from analysis.data.datapackage import descriptor_problems, write_descriptor
from analysis.errors import InputError, Problem
from analysis.messages import text
from analysis.programme import load_programme


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the command."""
    add_programme_option(parser)
    parser.add_argument("--check", action="store_true",
                        help=help_text("msg.cli.opt.datapackage_check"))
    add_lang_option(parser)


def run(args: argparse.Namespace) -> int:
    """Write (or check) the descriptor; 2 when the programme or, with --check, the file is
    wrong.
    """
    try:
        prog = load_programme(args.programme, descriptor=False)
    except InputError as exc:
        return fail(exc)
    if args.check:
        problems = descriptor_problems(prog)
        if problems:
            return fail(problems)
        print(text("msg.datapackage.unchanged", path=str(prog.folder / "datapackage.json"))
              .render())
        return 0
    try:
        path, changed = write_descriptor(prog)
    except OSError as exc:
        return fail([Problem(str(prog.folder / "datapackage.json"),
                             text("msg.datapackage.write_failed",
                                  reason=exc.strerror or str(exc)))])
    key = "msg.datapackage.written" if changed else "msg.datapackage.unchanged"
    print(text(key, path=str(path)).render())
    return 0
