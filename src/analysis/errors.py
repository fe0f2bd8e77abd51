"""Input problems, collected so that one run reports every problem in a file, not only the first.

A :class:`Problem` names the file, the worksheet (for a workbook), the row (1-based, as a
spreadsheet shows it: the header is row 1, the first data row is row 2) or the Excel cell, the
column (or, for a parameter of a command or of the notebook, the parameter; for a YAML file,
the key, written ``chapters[3].targets``), what was found and
what was expected. Its message and its expectation are :class:`~analysis.messages.Text` (a key
of ``translations/messages.yaml`` and values), rendered in the user's language only when
printed (:mod:`analysis.messages` says which language).

A problem is an **error** (the input cannot be used: the command exits 2 and writes nothing)
or a **warning** (the input is used, but a value deserves a second look; printed by ``check``
and listed in the report). Loaders append problems to a list and raise one :class:`InputError`
with the errors at the end; the command line prints them and exits with status 2.

A render that fails for another reason (a notebook cell, xelatex, a missing tool) raises
:class:`ReportError`: exit status 1 (:data:`EXIT_RENDER_FAILED`).
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

from analysis.messages import Num, Text, render, resolve, text

#: Exit status for invalid input or usage, and for a file or folder the system refuses (disk
#: full, read-only, no permission: :func:`os_problem`).
EXIT_INVALID_INPUT = 2
#: Exit status when a render failed (:class:`ReportError`), and of a batch in which one did.
EXIT_RENDER_FAILED = 1
#: Exit status after Ctrl-C (128 + SIGINT, as a shell reports it) and after SIGTERM.
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143
#: Most problems printed in one list; the rest are counted on one last line (a file of 80,000
#: duplicate rows would otherwise print 80,000 lines).
MAX_LISTED = 50
#: Severities of a problem.
ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input (see the module docstring).

    ``message`` and ``expected`` are :class:`~analysis.messages.Text`; a plain string is
    printed as it is in every language (kept for callers not yet translated: a test lists
    them).
    """

    file: str
    message: Text | str
    row: int | None = None
    column: str | None = None
    cell: str | None = None
    found: str | Num | None = None
    expected: Text | str | None = None
    sheet: str | None = None
    parameter: str | None = None
    severity: str = ERROR
    yaml_key: str | None = None

    @property
    def key(self) -> str | None:
        """The message's key in the translation table (None for an untranslated message)."""
        return self.message.key if isinstance(self.message, Text) else None

    @property
    def is_warning(self) -> bool:
        """True for a warning, False for an error."""
        return self.severity == WARNING

    def where(self, lang: str | None = None) -> str:
        """File, sheet, cell or row, column, YAML key or parameter, in ``lang``."""
        lang = resolve(lang)
        parts = [Path(self.file).name] if self.file else []
        if not parts and not self.parameter:
            parts.append(text("msg.where.input").render(lang))
        if self.sheet:
            parts.append(text("msg.where.sheet", sheet=self.sheet).render(lang))
        if self.cell:
            parts.append(text("msg.where.cell", cell=self.cell).render(lang))
        elif self.row is not None:
            parts.append(text("msg.where.row", row=self.row).render(lang))
        if self.column:
            parts.append(text("msg.where.column", column=self.column).render(lang))
        if self.yaml_key:
            parts.append(text("msg.where.key", key=self.yaml_key).render(lang))
        if self.parameter:
            parts.append(text("msg.where.parameter", name=self.parameter).render(lang))
        return ", ".join(parts)

    def text(self, lang: str | None = None) -> str:
        """The message alone, in ``lang``."""
        return render(self.message, lang)

    def render(self, lang: str | None = None) -> str:
        """The whole problem on one line: where, what, what was found and expected."""
        lang = resolve(lang)
        line = f"{self.where(lang)}: {self.text(lang)}"
        expected = render(self.expected, lang) if self.expected is not None else None
        # what was found as typed; a number the product read, as the language writes it
        found = None if self.found is None else repr(render(self.found, lang))
        if found is not None and expected:
            line += " " + text("msg.found_expected", found=found, expected=expected).render(lang)
        elif found is not None:
            line += " " + text("msg.found", found=found).render(lang)
        elif expected:
            line += " " + text("msg.expected", expected=expected).render(lang)
        return line

    def __str__(self) -> str:
        return self.render()


def render_list(problems: list[Problem], lang: str | None = None, head: str | None = None,
                indent: str = "  - ", limit: int | None = MAX_LISTED) -> str:
    """Problems one per line under a heading (default: the count of errors).

    At most ``limit`` problems are printed (None: all); a last line counts the others.
    """
    lang = resolve(lang)
    if head is None and problems and all(p.key in OS_MESSAGES for p in problems):
        head = text("msg.head.os").render(lang)
    if head is None:
        key = "msg.head.errors.one" if len(problems) == 1 else "msg.head.errors.many"
        head = text(key, n=len(problems)).render(lang)
    shown = problems if limit is None else problems[:limit]
    lines = [head, *(f"{indent}{p.render(lang)}" for p in shown)]
    if len(shown) < len(problems):
        lines.append(indent + text("msg.head.more", n=len(problems) - len(shown)).render(lang))
    return "\n".join(lines)


class InputError(Exception):
    """Raised with every error :class:`Problem` found in one or more inputs.

    ``lang`` fixes the language the error prints in (``str(exc)``, and in a notebook the one
    message IPython shows instead of a traceback); None follows
    :func:`analysis.messages.current_lang`.
    """

    def __init__(self, problems: list[Problem], lang: str | None = None):
        self.problems = list(problems)
        self.lang = lang
        super().__init__(self.problems)

    def __reduce__(self):
        return (type(self), (self.problems, self.lang))

    def render(self, lang: str | None = None) -> str:
        """All problems, one per line, with a count first."""
        return render_list(self.problems, lang or self.lang)

    def __str__(self) -> str:
        return self.render()

    def _render_traceback_(self) -> list[str]:
        """What IPython (and so papermill) prints for this error: the problems, no traceback."""
        return self.render().splitlines()


class ReportError(RuntimeError):
    """Rendering failed; the message says why (failing cell, xelatex's message, missing tool)."""


#: The message key of each operating-system error the product meets when it reads or writes
#: (``errno`` names); any other error gives ``msg.os.other`` with the system's own words.
OS_ERROR_KEYS = {
    "ENOSPC": "msg.os.no_space",
    "EDQUOT": "msg.os.quota",
    "EROFS": "msg.os.read_only",
    "EACCES": "msg.os.permission",
    "EPERM": "msg.os.permission",
    "ENOTDIR": "msg.os.not_a_folder",
    "EEXIST": "msg.os.exists",
    "EISDIR": "msg.os.is_folder",
    "ENOENT": "msg.os.missing",
    "ENAMETOOLONG": "msg.os.name_too_long",
    "EMFILE": "msg.os.too_many_files",
}
#: Every key of an operating-system error's message.
OS_MESSAGES = frozenset(OS_ERROR_KEYS.values()) | {"msg.os.other"}


def os_problem(exc: OSError, path: str | Path | None = None, parameter: str | None = None,
               expected: Text | str | None = None) -> Problem:
    """The product's message for an operating-system error (disk full, read-only, ...).

    ``path`` is the file or folder named (default: the one the error names); ``parameter`` the
    option that chose it (``--out``; ``TMPDIR`` for the work folder).
    """
    name = errno.errorcode.get(exc.errno or 0, "")
    key = OS_ERROR_KEYS.get(name, "msg.os.other")
    where = path if path is not None else (exc.filename or "")
    return Problem(file="", parameter=parameter, found=str(where),
                   message=text(key, reason=exc.strerror or str(exc)), expected=expected)


def os_error(exc: OSError, path: str | Path | None = None, parameter: str | None = None,
             expected: Text | str | None = None) -> InputError:
    """:func:`os_problem` as an :class:`InputError` (exit status 2 on the command line)."""
    return InputError([os_problem(exc, path, parameter, expected)])


def os_error_in(exc: BaseException) -> OSError | None:
    """The operating-system error behind ``exc`` (itself, or its cause or context), if any."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, OSError) and exc.errno:
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None
