"""Input problems, collected so that one run reports every problem in a file, not only the first.

A :class:`Problem` names the file, the row (1-based, as a spreadsheet shows it: the header is
row 1, the first data row is row 2) or the Excel cell, the column, what was found and what was
expected. Loaders append problems to a list and raise one :class:`InputError` at the end; the
command line prints them and exits with status 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Exit status for invalid input or usage.
EXIT_INVALID_INPUT = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    cell: str | None = None
    found: str | None = None
    expected: str | None = None

    def __str__(self) -> str:
        where = [Path(self.file).name if self.file else "<input>"]
        if self.cell:
            where.append(f"cell {self.cell}")
        elif self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        text = f"{', '.join(where)}: {self.message}"
        if self.found is not None:
            text += f" (found {self.found!r}"
            text += f"; expected {self.expected})" if self.expected else ")"
        elif self.expected:
            text += f" (expected {self.expected})"
        return text


class InputError(Exception):
    """Raised with every :class:`Problem` found in one or more input files."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.render())

    def render(self) -> str:
        """All problems, one per line, with a count first."""
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the input:"
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])
