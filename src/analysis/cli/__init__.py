"""Command line: ``python -m analysis <command>``.

Each command lives in its own module ``analysis.cli.<name>`` exposing
``add_arguments(parser)`` and ``run(args) -> int``; this file only dispatches. Exit codes:
0 success, 1 failure while rendering or computing, 2 invalid input or usage.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

#: Command name -> (module, one-line help).
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("analysis.cli.check", "validate the data and print coverage and conflicts"),
    "template": ("analysis.cli.template", "write the Excel data-entry workbook"),
    "assess": ("analysis.cli.assess", "print the assessment of every target"),
    "report": ("analysis.cli.report", "render the PDF assessment report"),
    "batch": ("analysis.cli.batch", "render several years and languages in parallel"),
}


def build_parser() -> argparse.ArgumentParser:
    """Build the top-level parser with one sub-parser per available command."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Lai Châu assessment of Action Programme 26-CTr/TU targets.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:  # command not built yet
            if exc.name != module_name:
                raise
            continue
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(command_parser)
        command_parser.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command; return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except BrokenPipeError:
        # Output piped into a reader that stopped early (e.g. `| head`): not an error. Point
        # stdout at devnull so that the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
