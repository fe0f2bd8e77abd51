"""What the commands share: printing problems, option types whose errors are translated, and
the options that say which programme and which data (``--programme``, ``--targets``,
``--actuals``), with :func:`inputs` loading them the same way for every command.
"""

from __future__ import annotations

import argparse
import sys

from analysis import DEFAULT_SCENARIOS
from analysis.errors import EXIT_INVALID_INPUT, InputError, Problem, render_list
from analysis.messages import current_lang, text
from analysis.programme import DEFAULT_PROGRAMME, programme_for
from analysis.report.parameters import OUTPUT_FORMATS

#: Widest a text cell of a printed table is, in characters (longer cells are cut with "…").
MAX_COLUMN_WIDTH = 40


def help_text(key: str, /, **values: object) -> str:
    """The help of a command or an option, in the messages' language, made safe for argparse.

    argparse fills every help string with ``%`` formatting (for ``%(default)s``), so a literal
    ``%`` (``9%/năm``, ``%/yr``) ends ``--help`` with ``ValueError: unsupported format
    character``. Every help string of the command line goes through here: its ``%`` are
    doubled, and argparse prints them as one.
    """
    return text(key, **values).render(current_lang()).replace("%", "%%")


def text_table(header: list[str], rows: list[list[str]], right: tuple[int, ...] = (),
               whole: tuple[int, ...] = ()) -> str:
    """A table as text: one line per row, columns padded to their widest cell.

    Columns whose index is in ``right`` are right-aligned (numbers), the others left-aligned;
    a cell longer than :data:`MAX_COLUMN_WIDTH` is cut with "…", but in the columns ``whole``
    (lists of years, which a cut would hide).
    """
    def cut(i: int, cell: str) -> str:
        if i in whole or len(cell) <= MAX_COLUMN_WIDTH:
            return cell
        return cell[: MAX_COLUMN_WIDTH - 1] + "…"

    cells = [[cut(i, str(c)) for i, c in enumerate(line)] for line in [header, *rows]]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    return "\n".join("  ".join(c.rjust(widths[i]) if i in right else c.ljust(widths[i])
                               for i, c in enumerate(line)).rstrip() for line in cells)


def fail(error: InputError | list[Problem]) -> int:
    """Print every problem on standard error, in the messages' language; return exit status 2."""
    problems = error.problems if isinstance(error, InputError) else list(error)
    print(render_list(problems), file=sys.stderr)
    return EXIT_INVALID_INPUT


def year(value: str) -> int:
    """An argparse type: a year written with four digits (``2025``)."""
    value = value.strip()
    if len(value) == 4 and value.isdigit():
        return int(value)
    raise argparse.ArgumentTypeError(text("msg.cli.not_a_year", value=value).render())


def add_programme_option(parser: argparse.ArgumentParser) -> None:
    """``--programme ID|DIR``: a shipped programme or a folder holding ``programme.yaml``."""
    parser.add_argument("--programme", default=None, metavar="ID|DIR",
                        help=help_text("msg.cli.opt.programme", default=DEFAULT_PROGRAMME))


def add_data_options(parser: argparse.ArgumentParser) -> None:
    """``--programme``, ``--actuals`` and ``--targets``; None takes the programme's files.

    They store into the report's parameter names (``actuals_path``, ``targets_path``:
    :class:`~analysis.report.parameters.ReportParameters`), for every command.
    """
    add_programme_option(parser)
    parser.add_argument("--actuals", dest="actuals_path", default=None, metavar="PATH",
                        help=help_text("msg.cli.opt.actuals"))
    parser.add_argument("--targets", dest="targets_path", default=None, metavar="PATH",
                        help=help_text("msg.cli.opt.targets"))


def programme(args: argparse.Namespace):
    """The programme of ``--programme`` with the targets of ``--targets`` when given.

    Raises
    ------
    InputError
        When the programme cannot be read (:func:`analysis.programme.load_programme`).
    """
    return programme_for(args.programme, getattr(args, "targets_path", None))


def inputs(args: argparse.Namespace):
    """``(programme, dataset)``: the programme and its data (``--actuals`` replacing the
    province's), validated (:func:`analysis.data.loaders.load_programme_data`).
    """
    # late: pandas (0.3 s with the loaders); the parser imports every command and --help loads none
    from analysis.data.loaders import load_programme_data

    prog = programme(args)
    return prog, load_programme_data(prog, getattr(args, "actuals_path", None))


def add_format_option(parser: argparse.ArgumentParser) -> None:
    """``--format pdf|docx|both``: the PDF (default), the Word document, or both."""
    parser.add_argument("--format", dest="output_format", choices=OUTPUT_FORMATS,
                        default=OUTPUT_FORMATS[0], help=help_text("msg.cli.opt.output_format"))


def add_scenario_options(parser: argparse.ArgumentParser, rates: bool = True) -> None:
    """``--scenarios RATE ...`` (when ``rates``) and ``--scenarios-file PATH`` (stored into
    ``scenarios``, ``scenarios_path``).
    """
    if rates:
        parser.add_argument("--scenarios", nargs="+", default=None, metavar="RATE",
                            help=help_text("msg.cli.opt.scenarios"))
    parser.add_argument("--scenarios-file", dest="scenarios_path", default=None, metavar="PATH",
                        help=help_text("msg.cli.opt.scenarios_file",
                                       example=f"data/scenarios/{DEFAULT_SCENARIOS.name}"))
