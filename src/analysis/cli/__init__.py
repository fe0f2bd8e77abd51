"""Command line: ``python -m analysis <command>``.

Each command lives in its own module ``analysis.cli.<name>`` exposing
``add_arguments(parser)`` and ``run(args) -> int``; this file only dispatches. Exit codes
(:mod:`analysis.errors`): 0 success, 1 failure while rendering or computing, 2 invalid input or
usage, 130 after Ctrl-C, 143 after SIGTERM.

The parser imports every command's module, so a module imports at its top only what ``--help``
may load: pandas, the loaders and the notebook machinery are imported inside ``run``, each
import with its reason (``tests/test_cold_start.py``, ``benchmarks/pipeline.py``).

Every command prints its messages in the language of :mod:`analysis.messages`: ``--lang``
(every command has it; ``batch --lang en,vi`` takes the first), else the environment variable
``ANALYSIS_LANG``, else Vietnamese. argparse's own usage errors are translated too
(:data:`ARGPARSE_KEYS`), and so are the values the commands' option types refuse.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import signal
import sys
import threading
from collections.abc import Iterator

from analysis import messages
from analysis.cli.common import help_text
from analysis.errors import EXIT_INTERRUPTED, EXIT_TERMINATED
from analysis.i18n import LANGUAGES, t
from analysis.programme import DEFAULT_PROGRAMME

#: Command name -> (module, key of its one-line help in the translation table).
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("analysis.cli.check", "msg.cli.help.check"),
    "template": ("analysis.cli.template", "msg.cli.help.template"),
    "assess": ("analysis.cli.assess", "msg.cli.help.assess"),
    "report": ("analysis.cli.report", "msg.cli.help.report"),
    "batch": ("analysis.cli.batch", "msg.cli.help.batch"),
    "programmes": ("analysis.cli.programmes", "msg.cli.help.programmes"),
    "new-programme": ("analysis.cli.new_programme", "msg.cli.help.new_programme"),
    "datapackage": ("analysis.cli.datapackage", "msg.cli.help.datapackage"),
}
#: argparse's messages (its gettext ids) and their keys in the translation table.
ARGPARSE_KEYS = {
    "usage: ": "msg.argparse.usage",
    "%(prog)s: error: %(message)s\n": "msg.argparse.error",
    "argument %(argument_name)s: %(message)s": "msg.argparse.argument",
    "invalid %(type)s value: %(value)r": "msg.argparse.invalid_value",
    "invalid choice: %(value)r (choose from %(choices)s)": "msg.argparse.invalid_choice",
    "the following arguments are required: %s": "msg.argparse.required",
    "unrecognized arguments: %s": "msg.argparse.unrecognized",
    "expected one argument": "msg.argparse.one_argument",
    "expected at least one argument": "msg.argparse.at_least_one",
    "ambiguous option: %(option)s could match %(matches)s": "msg.argparse.ambiguous",
    "show this help message and exit": "msg.argparse.help",
    "options": "msg.argparse.options",
    "positional arguments": "msg.argparse.positional",
}
#: The key of the help of ``-h``.
HELP_KEY = "msg.argparse.help"


def lang_in(argv: list[str]) -> str | None:
    """The language a command line asks for with ``--lang`` (the first of a list), or None."""
    for i, word in enumerate(argv):
        value = None
        if word == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif word.startswith("--lang="):
            value = word.split("=", 1)[1]
        if value is not None:
            first = value.split(",")[0].strip()
            return first if first in LANGUAGES else None
    return None


@contextlib.contextmanager
def _argparse_in(lang: str) -> Iterator[None]:
    """Translate argparse's messages into ``lang`` inside the ``with`` block."""
    original = argparse._

    def translate(message: str) -> str:
        key = ARGPARSE_KEYS.get(message)
        if key == HELP_KEY:  # the help of -h, a help string like every other
            return help_text(key)
        return t(key, lang) if key else original(message)

    argparse._ = translate
    try:
        yield
    finally:
        argparse._ = original


def build_parser() -> argparse.ArgumentParser:
    """Build the top-level parser with one sub-parser per available command."""
    lang = messages.current_lang()
    parser = argparse.ArgumentParser(prog="python -m analysis",
                                     description=t("msg.cli.description", lang,
                                                   default=DEFAULT_PROGRAMME))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module_name, help_key) in COMMANDS.items():
        module = importlib.import_module(module_name)
        # the description is printed as it is; a help string goes through argparse's % filling
        command_parser = sub.add_parser(name, help=help_text(help_key),
                                        description=t(help_key, lang))
        module.add_arguments(command_parser)
        command_parser.set_defaults(_run=module.run)
    return parser


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    """The ``--lang`` option of a command whose only output in a language is its messages."""
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help=help_text("msg.cli.lang", env=messages.ENV_VAR))


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the process is, so that it cleans up as after Ctrl-C."""


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Inside the block SIGTERM raises :class:`Terminated` (outside: the previous handler)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signals reach only the main thread
        return

    def terminated(_signum, _frame):
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command; return its exit code.

    Ctrl-C (or SIGTERM) ends the command with one line, exit status 130 (143), after it has
    cleaned up: the kernel stopped, the work folder removed, an earlier report untouched.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    with messages.language(lang_in(argv)) as lang:
        with _argparse_in(lang):
            args = build_parser().parse_args(argv)
        try:
            with _terminate_as_interrupt():
                return int(args._run(args) or 0)
        except KeyboardInterrupt as exc:
            stopped = isinstance(exc, Terminated)
            print(messages.text("msg.cli.terminated" if stopped else "msg.cli.interrupted")
                  .render(), file=sys.stderr)
            return EXIT_TERMINATED if stopped else EXIT_INTERRUPTED
        except BrokenPipeError:
            # Output piped into a reader that stopped early (e.g. `| head`): not an error.
            # Point stdout at devnull so that the interpreter's final flush does not fail again.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
