"""What a commentary holds: its sections by key, the head and signature of the document, and the
keys a programme's commentary may use.

A commentary comes from a Markdown file (:mod:`analysis.data.commentary`) or from the
``nhan_xet`` sheet of the Excel workbook (:mod:`analysis.data.commentary_sheet`); both give the
same :class:`Commentary`, checked against the same keys (:func:`valid_keys`, :func:`check_key`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import Problem
from analysis.messages import text as msg
from analysis.yaml_schema import yaml_schema

#: Chapters every programme has.
FIXED_CHAPTERS = ("summary", "status", "others", "tasks", "limitations", "directions")
#: The two closing chapters, written only by the assessors.
CLOSING_CHAPTERS = ("limitations", "directions")
#: The chapter of the year so far, in a mid-year report only.
MIDYEAR_CHAPTER = "midyear"
#: Keys of the front matter, as its schema (data/schema/commentary.yaml.schema.json) lists them.
META_KEYS = tuple(yaml_schema("commentary")["properties"])
#: Fields written the same in every language: a report in another language takes the
#: Vietnamese text (:data:`analysis.i18n.DEFAULT_LANG`) when its own is empty (a number and
#: symbol, a person's name; whether the commentary is an example).
LANGUAGE_NEUTRAL = ("number", "signer_name", "example")
#: The prefix of a chapter key.
CHAPTER_PREFIX = "chapter:"


@dataclass(frozen=True)
class Section:
    """The text under one heading, and the line of the heading."""

    key: str
    text: str
    line: int


@dataclass(frozen=True)
class Commentary:
    """One file of commentary: its sections by key and the document's head and signature.

    ``where`` locates each field of the head for a message (file and line, or sheet and cell);
    ``origin`` is where a missing field would go (the file, or the sheet). ``lang`` is the
    language the text is written in (a file's is in its name:
    :func:`analysis.data.commentary.file_language`; a sheet's, the column read); None for no
    text at all.
    """

    file: Path | None
    sections: dict[str, Section] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)
    where: dict[str, dict] = field(default_factory=dict)
    origin: dict = field(default_factory=dict)
    lang: str | None = None

    def located(self, key: str, default_file: Path | str | None = None) -> dict:
        """The location keywords of a :class:`~analysis.errors.Problem` about field ``key``."""
        if key in self.where:
            return dict(self.where[key])
        if self.origin:
            return dict(self.origin)
        return {"file": str(self.file or default_file or "")}

    @property
    def example(self) -> bool:
        """An illustrative file (``example: true``): every piece says so."""
        return bool(self.meta.get("example"))

    def text(self, key: str) -> str:
        """The text under ``key`` (``chapter: summary`` or a target id), or ''."""
        section = self.sections.get(key)
        return section.text if section else ""

    def has(self, key: str) -> bool:
        """Whether ``key`` has text."""
        return bool(self.text(key).strip())


EMPTY = Commentary(None)


def chapter_key(name: str) -> str:
    """``chapter: <name>``."""
    return f"{CHAPTER_PREFIX} {name}"


def valid_keys(programme, target_ids, midyear: bool = False) -> list[str]:
    """Every key a commentary file of ``programme`` may use (``chapter: midyear`` in a
    mid-year report's only).
    """
    chapters = [*FIXED_CHAPTERS, *(c.key for c in programme.chapters)]
    if midyear:
        chapters.insert(0, MIDYEAR_CHAPTER)
    return [chapter_key(c) for c in dict.fromkeys(chapters)] + list(target_ids)


def check_key(key: str, keys: list[str], first_at: dict[str, int], where: dict,
              problems: list[Problem]) -> bool:
    """Whether ``key`` is a valid key not given before; else its problem is appended.

    ``first_at`` maps the keys already read to their line (or row); ``where`` locates the
    heading for a :class:`~analysis.errors.Problem` (file and line, or sheet and cell).
    """
    if key not in keys:
        problems.append(Problem(**where, message=msg("msg.commentary.unknown_heading"),
                                found=key, expected=msg("msg.programme.one_of",
                                                        keys=", ".join(keys))))
        return False
    if key in first_at:
        problems.append(Problem(**where, message=msg("msg.commentary.twice",
                                                     line=first_at[key]),
                                found=key, expected=msg("msg.commentary.twice.expected")))
        return False
    return True
