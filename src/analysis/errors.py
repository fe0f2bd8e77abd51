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
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analysis.messages import Num, Text, render, resolve, text

#: Exit status for invalid input or usage.
EXIT_INVALID_INPUT = 2
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
                indent: str = "  - ") -> str:
    """Problems one per line under a heading (default: the count of errors)."""
    lang = resolve(lang)
    if head is None:
        key = "msg.head.errors.one" if len(problems) == 1 else "msg.head.errors.many"
        head = text(key, n=len(problems)).render(lang)
    return "\n".join([head, *(f"{indent}{p.render(lang)}" for p in problems)])


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
