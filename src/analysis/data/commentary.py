r"""The assessors' own commentary: plain Markdown files kept in git beside the data.

No program can write what was achieved, the limitations and their causes, or the tasks for the
coming period: the economists who sign the report do. They write it in
``data/commentary/<programme-id>/<year>.<lang>.md`` with any text editor (or in the
``nhan_xet`` sheet of the Excel workbook, read back the same way), and the report prints each
piece in its place, under its own heading, apart from the generated text.

The file::

    ---                                   # optional: the document's head and signature
    issuer: ỦY BAN NHÂN DÂN TỈNH LAI CHÂU
    number: 123/BC-UBND
    place: Lai Châu
    signer_authority: TM. ỦY BAN NHÂN DÂN
    signer_title: CHỦ TỊCH
    signer_name: Nguyễn Văn A
    recipients: [Ban Thường vụ Tỉnh ủy, Thường trực HĐND tỉnh, Lưu VT]
    example: true                         # an illustrative file: the report labels it so
    ---

    ## chapter: summary                   # a chapter: its key
    Text, in Markdown ...

    ## grdp_growth_pct_per_year           # a target: its id
    ...

    ## chapter: limitations               # the two closing chapters
    ## chapter: directions

**Keys.** ``## chapter: <key>`` names a chapter: ``summary``, ``status``, ``others``, ``tasks``,
``limitations`` (Hạn chế, nguyên nhân), ``directions`` (Phương hướng, nhiệm vụ, giải pháp), or
the key of one of the programme's own chapters (``structure``, or a target's id).
``## <target_id>`` names a target of the programme: its text prints in that target's chapter,
or, for a target without one, in the chapter of the other targets. An unknown key, a key given
twice, or a target the programme does not have is an error naming the file, the line and the
valid keys. Text before the first heading is an error too (it would have no place).

**Markdown.** Paragraphs, bullet and numbered lists, ``**bold**`` and ``*italic*``. Everything
else prints as typed: a ``\input{…}`` or a ``$`` is text, never a command.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from analysis import DATA_DIR, safe_yaml
from analysis.errors import InputError, Problem
from analysis.messages import text as msg

#: Folder of the commentary files: ``<folder>/<programme-id>/<year>.<lang>.md``.
COMMENTARY_DIR = DATA_DIR / "commentary"
#: Chapters every programme has.
FIXED_CHAPTERS = ("summary", "status", "others", "tasks", "limitations", "directions")
#: The two closing chapters, written only by the assessors.
CLOSING_CHAPTERS = ("limitations", "directions")
#: Keys of the front matter.
META_KEYS = ("issuer", "issuer_parent", "number", "place", "signer_authority", "signer_title",
             "signer_name", "recipients", "example")
#: The prefix of a chapter key.
CHAPTER_PREFIX = "chapter:"
_HEADING = re.compile(r"^##(?!#)\s*(.*?)\s*#*\s*$")


@dataclass(frozen=True)
class Section:
    """The text under one heading, and the line of the heading."""

    key: str
    text: str
    line: int


@dataclass(frozen=True)
class Commentary:
    """One file of commentary: its sections by key and the document's head and signature."""

    file: Path | None
    sections: dict[str, Section] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)

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


def commentary_path(programme_id: str, year: int, lang: str,
                    folder: Path = COMMENTARY_DIR) -> Path:
    """``<folder>/<programme-id>/<year>.<lang>.md``."""
    return Path(folder) / programme_id / f"{int(year)}.{lang}.md"


def valid_keys(programme, target_ids) -> list[str]:
    """Every key a commentary file of ``programme`` may use."""
    chapters = [*FIXED_CHAPTERS, *(c.key for c in programme.chapters)]
    return [chapter_key(c) for c in dict.fromkeys(chapters)] + list(target_ids)


def _normal_key(raw: str) -> str:
    """``Chapter:  Tasks`` → ``chapter: tasks``; a target id as written."""
    text = raw.strip()
    if text.lower().startswith(CHAPTER_PREFIX):
        return chapter_key(text[len(CHAPTER_PREFIX):].strip().lower())
    return text


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


def parse_commentary(text: str, file: Path | str, programme, target_ids) -> Commentary:
    """Read and validate the text of one commentary file.

    Raises
    ------
    InputError
        Listing every problem, each naming the file and the line.
    """
    file = Path(file)
    problems: list[Problem] = []
    lines = text.splitlines()
    meta: dict = {}
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is None:
            problems.append(Problem(str(file), msg("msg.commentary.front_open"), row=1,
                                    expected=msg("msg.commentary.front_open.expected")))
            end = 0
        else:
            try:
                meta = safe_yaml.load("\n".join(lines[1:end]), file, first_line=2) or {}
            except InputError as exc:
                problems += exc.problems
                meta = {}
            one_of = msg("msg.programme.one_of", keys=", ".join(META_KEYS))
            if not isinstance(meta, dict):
                problems.append(Problem(str(file), msg("msg.commentary.front_mapping"), row=2,
                                        expected=one_of))
                meta = {}
            for key in meta:
                if key not in META_KEYS:
                    problems.append(Problem(str(file), msg("msg.commentary.front_key"), row=2,
                                            yaml_key=str(key), found=str(key),
                                            expected=one_of))
        start = end + 1
    keys = valid_keys(programme, target_ids)
    sections: dict[str, Section] = {}
    current: tuple[str, int] | None = None
    rejected = False  # under a heading already reported: its text is not reported again
    body: list[str] = []

    def close() -> None:
        if current is not None:
            key, line = current
            sections[key] = Section(key, "\n".join(body).strip("\n"), line)

    for number, line in enumerate(lines[start:], start=start + 1):
        m = _HEADING.match(line)
        if not m:
            if current is None and not rejected and line.strip():
                problems.append(Problem(str(file), msg("msg.commentary.text_first"), row=number,
                                        found=line.strip()[:60],
                                        expected=msg("msg.commentary.text_first.expected")))
            body.append(line)
            continue
        close()
        body = []
        rejected = True
        key = _normal_key(m.group(1))
        if not check_key(key, keys, {k: v.line for k, v in sections.items()},
                         {"file": str(file), "row": number}, problems):
            current = None
            continue
        current = (key, number)
        rejected = False
    close()
    if problems:
        raise InputError(problems)
    return Commentary(file, sections, meta)


def load_commentary(programme, year: int, lang: str, target_ids,
                    folder: Path | str | None = None) -> Commentary:
    """The commentary of a programme's report for ``year`` in ``lang``; :data:`EMPTY` if none.

    ``folder`` is the commentary folder (default :data:`COMMENTARY_DIR`), or a file to read
    instead (a ``.md`` file, or an Excel workbook with a ``nhan_xet`` sheet).
    """
    from analysis.data.textfiles import read_text

    path = Path(folder) if folder else None
    if path is not None and not path.exists():  # a typo is an error, not a draft without text
        raise InputError([Problem(str(path), msg("msg.commentary.not_found"),
                                  parameter="--commentary",
                                  expected=msg("msg.commentary.not_found.expected"))])
    if path is not None and path.is_file():
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            from analysis.data.commentary_sheet import read_commentary_sheet

            return read_commentary_sheet(path, programme, target_ids, lang)
        return parse_commentary(read_text(path), path, programme, target_ids)
    file = commentary_path(programme.id, year, lang, path or COMMENTARY_DIR)
    if not file.is_file():
        return EMPTY
    return parse_commentary(read_text(file), file, programme, target_ids)


def required_chapters(programme, has_tasks: bool, has_others: bool) -> list[str]:
    """The chapters that need the assessors' text before a report is final."""
    names = ["summary", *(c.key for c in programme.chapters)]
    if has_others:
        names.append("others")
    if has_tasks:
        names.append("tasks")
    return [*names, *CLOSING_CHAPTERS]


def missing_chapters(commentary: Commentary, programme, has_tasks: bool,
                     has_others: bool) -> list[str]:
    """The required chapters with no text: by their chapter key, or (a target's chapter) by the
    target's own key.
    """
    by_key = {c.key: c for c in programme.chapters}
    out = []
    for name in required_chapters(programme, has_tasks, has_others):
        if commentary.has(chapter_key(name)):
            continue
        chapter = by_key.get(name)
        if chapter is not None and any(commentary.has(t) for t in chapter.targets):
            continue
        out.append(name)
    return out


#: The report's heading key of each fixed chapter (its name in the helper column).
CHAPTER_HEADINGS = {"summary": "sec.summary", "status": "sec.status", "others": "sec.other",
                    "tasks": "sec.tasks", "limitations": "sec.limitations",
                    "directions": "sec.directions"}
#: What the head and signature keys are, in Vietnamese (the helper column).
META_LABELS_VI = {
    "issuer": "Cơ quan ban hành", "issuer_parent": "Cơ quan chủ quản", "number": "Số, ký hiệu",
    "place": "Địa danh", "signer_authority": "Quyền hạn ký (TM., KT., ...)",
    "signer_title": "Chức vụ người ký", "signer_name": "Họ tên người ký",
    "recipients": "Nơi nhận (mỗi dòng một nơi)",
    "example": "Ví dụ minh họa: true (bỏ trống khi là nhận xét thật)",
}


def labels_for(programme, lang: str = "vi") -> dict[str, str]:
    """What each commentary key is: the head's fields (in Vietnamese), the chapters' titles,
    the targets' names (the workbook's helper column, the chapters ``--final`` names).
    """
    from analysis.i18n import t

    out = dict(META_LABELS_VI)
    for name, heading in CHAPTER_HEADINGS.items():
        out[chapter_key(name)] = t(heading, lang, **programme.placeholders(lang))
    names = programme.target_names(lang)
    for chapter in programme.chapters:
        title = chapter.title.get(lang) if chapter.title else names.get(chapter.targets[0], "")
        out[chapter_key(chapter.key)] = title
    out.update(names)
    return out
