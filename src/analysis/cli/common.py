"""What the commands share: printing problems, and option types whose errors are translated."""

from __future__ import annotations

import argparse
import sys

from analysis.errors import EXIT_INVALID_INPUT, InputError, Problem, render_list
from analysis.messages import text


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
