r"""The assessors' own commentary: plain Markdown files kept in git beside the data.

No program can write what was achieved, the limitations and their causes, or the tasks for the
coming period: the economists who sign the report do. They write it in
``data/commentary/<programme-id>/<period>.<lang>.md`` with any text editor (or in the
``nhan_xet`` sheet of the Excel workbook, read back the same way), and the report prints each
piece in its place, under its own heading, apart from the generated text. The period is the
year of an annual report (``2025.vi.md``), or the year and the months of a mid-year report
(``2026-9M.vi.md``): a mid-year report never prints the year before's commentary.

The file::

    ---                                   # optional: the document's head and signature
    issuer: ỦY BAN NHÂN DÂN TỈNH <TÊN TỈNH>
    number: 123/BC-UBND
    place: <Tỉnh>
    signer_authority: TM. ỦY BAN NHÂN DÂN
    signer_title: CHỦ TỊCH
    signer_name: Nguyễn Văn A
    recipients:                           # one recipient per line, printed as typed
      - Ban Thường vụ Tỉnh ủy
      - Các sở, ban, ngành tỉnh           # commas inside a recipient are its own
    archive: VT, TH                       # the line "Lưu: VT, TH."
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

**The head and the signature.** Each field is text on one line. ``recipients`` is a list,
one recipient per item (a single text is one recipient, commas and all); an item that YAML
reads as a mapping (``- Lưu: VT``: the archive line, which has its own key ``archive``) or as
a list is an error naming the file and the line. The report ends every recipient with ";" and
the last line with "." whatever the clerk typed.

**A final report** (``--final``) is refused while anything would print as a blank or as an
example (:func:`final_problems`): a file marked ``example: true``, an empty field among
:data:`REQUIRED_FOR_FINAL`, a chapter without text in the report's language. Of the fields,
only those written the same in every language (:data:`LANGUAGE_NEUTRAL`: the number and
symbol, the signer's name) are taken from the Vietnamese text when the English one is empty;
the others, and every chapter's text, must be written in the report's own language.

**The language of a file** is in its name (:func:`file_language`): ``2025.vi.md``
Vietnamese, ``2025.en.md`` English, a name without a language code Vietnamese. A file given by
its path (``--commentary``) in another language than the report's prints as it is in a draft
and is refused in a final, naming what it fills; an English file given by its path takes the
language-neutral fields from the Vietnamese file beside it, as the folder does.

**Markdown.** Paragraphs, bullet and numbered lists, ``**bold**`` and ``*italic*``. Everything
else prints as typed: a ``\input{…}`` or a ``$`` is text, never a command.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from analysis import DATA_DIR, safe_yaml
from analysis.data.commentary_model import (
    CHAPTER_PREFIX,
    CLOSING_CHAPTERS,
    EMPTY,
    LANGUAGE_NEUTRAL,
    META_KEYS,
    MIDYEAR_CHAPTER,
    Commentary,
    Section,
    chapter_key,
    check_key,
    valid_keys,
)
from analysis.data.commentary_sheet import read_commentary_sheet
from analysis.data.textfiles import read_text
from analysis.errors import InputError, Problem
from analysis.i18n import DEFAULT_LANG, LANGUAGES, t
from analysis.messages import text as msg
from analysis.yaml_schema import schema_problems

#: Folder of the commentary files: ``<folder>/<programme-id>/<year>.<lang>.md``.
COMMENTARY_DIR = DATA_DIR / "commentary"
#: Fields whose value this module checks rather than the schema: a mapping or a list typed where
#: a text is expected gets a message showing it as typed, and saying where the archive line goes.
CHECKED_HERE = ("recipients", "archive")
#: The fields a final report cannot be signed without (a draft prints them as blanks).
REQUIRED_FOR_FINAL = ("issuer", "number", "signer_title", "signer_name", "recipients")
_HEADING = re.compile(r"^##(?!#)\s*(.*?)\s*#*\s*$")


def commentary_path(programme_id: str, period: int | str, lang: str,
                    folder: Path = COMMENTARY_DIR) -> Path:
    """``<folder>/<programme-id>/<period>.<lang>.md``: ``2025.vi.md``, or ``2026-9M.vi.md`` for
    a mid-year report (:attr:`analysis.data.years.YearPlan.period`).
    """
    return Path(folder) / programme_id / f"{period}.{lang}.md"


def file_language(file: Path | str) -> str:
    """The language a commentary file is written in, from its name: ``2025.en.md`` English,
    ``2025.vi.md`` (or ``2026-9M.vi.md``) Vietnamese; a name without a language code
    (``nhan-xet.md``) Vietnamese, the product's first language.
    """
    suffixes = Path(file).suffixes
    code = suffixes[-2].lstrip(".").lower() if len(suffixes) >= 2 else ""
    return code if code in LANGUAGES else DEFAULT_LANG


def language_file(file: Path | str, lang: str) -> Path:
    """The same commentary's file in ``lang``, beside it: ``2025.en.md`` for ``2025.vi.md``,
    ``nhan-xet.en.md`` for ``nhan-xet.md``.
    """
    file = Path(file)
    stem = file.name[:-len(file.suffix)] if file.suffix else file.name
    base, dot, code = stem.rpartition(".")
    if dot and code.lower() in LANGUAGES:
        stem = base
    return file.with_name(f"{stem}.{lang}{file.suffix}")


def _normal_key(raw: str) -> str:
    """``Chapter:  Tasks`` → ``chapter: tasks``; a target id as written."""
    text = raw.strip()
    if text.lower().startswith(CHAPTER_PREFIX):
        return chapter_key(text[len(CHAPTER_PREFIX):].strip().lower())
    return text


def _front_matter(lines: list[str], end: int, file: Path,
                  problems: list[Problem]) -> tuple[dict, dict[str, dict]]:
    """The fields of the front matter (file lines 2 .. ``end``) and where each is."""
    source = "\n".join(lines[1:end])
    try:  # the one safe reader: aliases (a "billion laughs") and repeated keys refused
        node = safe_yaml.compose(source, file, first_line=2)
        data = safe_yaml.load(source, file, first_line=2) or {}
    except InputError as exc:
        problems += exc.problems
        return {}, {}
    one_of = msg("msg.programme.one_of", keys=", ".join(META_KEYS))
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        problems.append(Problem(str(file), msg("msg.commentary.front_mapping"), row=2,
                                expected=one_of))
        return {}, {}
    nodes = {str(k.value): v for k, v in node.value}
    line_of = {str(k.value): k.start_mark.line + 2 for k, _ in node.value}  # file lines
    # The schema (data/schema/commentary.yaml.schema.json) checks the keys and the kind of each
    # value; the fields of CHECKED_HERE are checked below, with messages that show the value
    # as typed and say where the archive line goes.
    schema = [p for p in schema_problems(data, "commentary", file, source, 2)
              if (p.yaml_key or "").split("[")[0].split(".")[0] not in CHECKED_HERE]
    problems += schema
    wrong = {(p.yaml_key or "").split("[")[0].split(".")[0] for p in schema}
    meta: dict = {}
    where: dict[str, dict] = {}
    for key, value in data.items():
        key = str(key)
        here = {"file": str(file), "row": line_of.get(key), "yaml_key": key}
        if key not in META_KEYS or key in wrong:
            continue
        where[key] = here
        checked = _field(key, value, nodes.get(key), here, problems)
        if checked not in (None, "", []):
            meta[key] = checked
    return meta, where


def _field(key: str, value, node, here: dict, problems: list[Problem]):
    """A field of the head checked: text on one line; ``recipients`` a list of texts (one text
    is one recipient); ``example`` true or false. None when empty or wrong (with a problem).
    """
    if value is None:
        return None
    if key == "example":
        return value  # true or false: the schema says so
    if key == "recipients":
        return _recipients(value, node, here, problems)
    if key == "archive" and isinstance(value, dict | list):
        problems.append(Problem(**here, message=msg("msg.commentary.field_text"),
                                found=_shown(value),
                                expected=msg("msg.commentary.field_text.expected.archive")))
        return None
    return " ".join(str(value).split())


def _recipients(value, node, here: dict, problems: list[Problem]) -> list[str]:
    """The recipients, each item as typed; a mapping or a list inside is an error at its line."""
    if not isinstance(value, list):
        if isinstance(value, dict):
            problems.append(Problem(**here, message=msg("msg.commentary.recipients"),
                                    found=_shown(value),
                                    expected=msg("msg.commentary.recipient.expected")))
            return []
        return [" ".join(str(value).split())]  # one text: one recipient, commas and all
    items = node.value if isinstance(node, yaml.SequenceNode) else [None] * len(value)
    out = []
    for k, (item, item_node) in enumerate(zip(value, items, strict=True), start=1):
        if isinstance(item, dict | list):
            line = item_node.start_mark.line + 2 if item_node is not None else here["row"]
            key = ("msg.commentary.recipient_mapping" if isinstance(item, dict)
                   else "msg.commentary.recipient_list")
            problems.append(Problem(here["file"], msg(key, n=k), row=line,
                                    yaml_key=f"recipients[{k}]", found=_shown(item),
                                    expected=msg("msg.commentary.recipient.expected")))
        elif item is not None and str(item).strip():
            out.append(" ".join(str(item).split()))
    return out


def _shown(value) -> str:
    """A YAML value as the user typed it, near enough for a message (``Lưu: VT``)."""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_shown(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    return str(value)


def parse_commentary(text: str, file: Path | str, programme, target_ids,
                     midyear: bool = False) -> Commentary:
    """Read and validate the text of one commentary file (``midyear``: of a mid-year report,
    which has the key ``chapter: midyear``).

    Raises
    ------
    InputError
        Listing every problem, each naming the file and the line.
    """
    file = Path(file)
    problems: list[Problem] = []
    lines = text.splitlines()
    meta: dict = {}
    where: dict[str, dict] = {}
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is None:
            problems.append(Problem(str(file), msg("msg.commentary.front_open"), row=1,
                                    expected=msg("msg.commentary.front_open.expected")))
            end = 0
        else:
            meta, where = _front_matter(lines, end, file, problems)
        start = end + 1
    keys = valid_keys(programme, target_ids, midyear)
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
    return Commentary(file, sections, meta, where, {"file": str(file)}, file_language(file))


def load_commentary(programme, period: int | str, lang: str, target_ids,
                    folder: Path | str | None = None) -> Commentary:
    """The commentary of a programme's report for ``period`` in ``lang``; :data:`EMPTY` if
    none.

    ``period`` is the report's year (``2025``), or the year and months of a mid-year report
    (``2026-9M``). ``folder`` is the commentary folder (default :data:`COMMENTARY_DIR`), or a
    file to read instead (a ``.md`` file, or an Excel workbook with a ``nhan_xet`` sheet). In
    another language than Vietnamese, a :data:`LANGUAGE_NEUTRAL` field left out of the file in
    that language takes the Vietnamese file's beside it (:func:`language_file`). A ``.md``
    file's language is in its name (:func:`file_language`): a file in another language than the
    report's is read as it is, and a final report refuses it (:func:`final_problems`).
    """
    midyear = not str(period).isdigit()
    path = Path(folder) if folder else None
    if path is not None and not path.exists():  # a typo is an error, not a draft without text
        raise InputError([Problem(str(path), msg("msg.commentary.not_found"),
                                  parameter="--commentary",
                                  expected=msg("msg.commentary.not_found.expected"))])
    if path is not None and path.is_file():
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            return read_commentary_sheet(path, programme, target_ids, lang, midyear)
        file = path
    else:
        file = commentary_path(programme.id, period, lang, path or COMMENTARY_DIR)
        if not file.is_file():
            return EMPTY
    found = parse_commentary(read_text(file), file, programme, target_ids,
                             midyear)
    first = language_file(file, DEFAULT_LANG)
    if found.lang == lang != DEFAULT_LANG and first.is_file() and any(
            k not in found.meta for k in LANGUAGE_NEUTRAL):
        other = parse_commentary(read_text(first), first, programme,
                                 target_ids, midyear)
        found = with_neutral_fields(found, other)
    return found


def with_neutral_fields(mine: Commentary, first: Commentary) -> Commentary:
    """``mine`` with the :data:`LANGUAGE_NEUTRAL` fields it lacks taken from ``first`` (the
    Vietnamese commentary); an example in either language is an example.
    """
    meta, where = dict(mine.meta), dict(mine.where)
    for key in LANGUAGE_NEUTRAL:
        if key not in meta and key in first.meta:
            meta[key] = first.meta[key]
            where[key] = first.where.get(key, first.origin)
    if first.example and not mine.example:
        meta["example"] = True
        where["example"] = first.where.get("example", first.origin)
    return Commentary(mine.file, mine.sections, meta, where, mine.origin, mine.lang)


def required_chapters(programme, has_tasks: bool, has_others: bool,
                      midyear: bool = False) -> list[str]:
    """The chapters that need the assessors' text before a report is final."""
    names = ["summary", *(c.key for c in programme.chapters)]
    if midyear:
        names.insert(0, MIDYEAR_CHAPTER)
    if has_others:
        names.append("others")
    if has_tasks:
        names.append("tasks")
    return [*names, *CLOSING_CHAPTERS]


def missing_chapters(commentary: Commentary, programme, has_tasks: bool,
                     has_others: bool, midyear: bool = False) -> list[str]:
    """The required chapters with no text: by their chapter key, or (a target's chapter) by the
    target's own key.
    """
    by_key = {c.key: c for c in programme.chapters}
    out = []
    for name in required_chapters(programme, has_tasks, has_others, midyear):
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
                    "directions": "sec.directions", MIDYEAR_CHAPTER: "midyear.chapter"}


def field_label(key: str, lang: str) -> str:
    """What a field of the head or signature is, in ``lang`` (``Số, ký hiệu``)."""
    return msg(f"msg.head_field.{key}").render(lang)


def labels_for(programme, lang: str = DEFAULT_LANG) -> dict[str, str]:
    """What each commentary key is: the head's fields, the chapters' titles, the targets'
    names, in ``lang`` (the workbook's helper column, the chapters ``--final`` names).
    """
    out = {key: field_label(key, lang) for key in META_KEYS}
    for name, heading in CHAPTER_HEADINGS.items():
        out[chapter_key(name)] = t(heading, lang, **programme.placeholders(lang))
    names = programme.target_names(lang)
    for chapter in programme.chapters:
        title = chapter.title.get(lang) if chapter.title else names.get(chapter.targets[0], "")
        out[chapter_key(chapter.key)] = title
    out.update(names)
    return out


def final_problems(commentary: Commentary, missing, programme, period: int | str,
                   lang: str) -> list[Problem]:
    """Why a report cannot be final (``--final``): each problem names what is missing.

    * a commentary marked ``example: true`` (its text would print as "ví dụ minh họa");
    * a commentary file in another language than the report's (:func:`file_language`): its
      fields other than the :data:`LANGUAGE_NEUTRAL` ones and every chapter it fills would
      print in that language (:func:`_language_problem`);
    * a field of :data:`REQUIRED_FOR_FINAL` empty in the report's language (after the
      fall-back of :data:`LANGUAGE_NEUTRAL` fields to the Vietnamese text): it would print as
      a dotted blank;
    * ``missing``: the chapters with no text in the report's language
      (:func:`missing_chapters`).
    """
    file = commentary.file or commentary_path(programme.id, period, lang)
    in_sheet = "sheet" in commentary.origin
    problems: list[Problem] = []
    if commentary.example:
        problems.append(Problem(**commentary.located("example", file),
                                message=msg("msg.final.example"),
                                expected=msg("msg.final.example.expected")))
    if commentary.lang not in (None, lang):
        problems += _language_problem(commentary, programme, lang)
    for key in REQUIRED_FOR_FINAL:
        if commentary.meta.get(key):
            continue
        where = commentary.located(key, file)
        expected = (msg("msg.final.field.expected.sheet", key=key, column=f"text_{lang}")
                    if in_sheet else msg("msg.final.field.expected.file", key=key,
                                         file=Path(file).name))
        where.pop("yaml_key", None)
        problems.append(Problem(**where, yaml_key=None if in_sheet else key,
                                message=msg("msg.final.field", field=field_label(key, lang)),
                                expected=expected))
    if missing:
        chapters = _headings(missing, labels_for(programme, lang))
        expected = (msg("msg.final.missing.expected.sheet", column=f"text_{lang}") if in_sheet
                    else msg("msg.final.missing.expected"))
        problems.append(Problem(**(commentary.origin or {"file": str(file)}),
                                message=msg("msg.final.missing", chapters=chapters),
                                expected=expected))
    return problems


def _headings(keys, names: dict[str, str]) -> str:
    """Chapters named for a message, ``Tóm tắt (## chapter: summary); …``: each by its title
    and its heading in the file (``keys``: chapter names, chapter keys or target ids).
    """
    shown = []
    for k in keys:
        key = chapter_key(k) if chapter_key(k) in names else k
        shown.append(f"{names.get(key) or k} (## {key})")
    return "; ".join(shown)


def _language_problem(commentary: Commentary, programme, lang: str) -> list[Problem]:
    """The refusal of a commentary file written in another language than the report's (none if
    it fills nothing that would print): it names the file, its language, and what it fills that
    would print in that language (the fields of the head and signature other than
    :data:`LANGUAGE_NEUTRAL`, and the chapters), and the file the report's language needs
    (:func:`language_file`).
    """
    fields = [k for k in META_KEYS if k not in LANGUAGE_NEUTRAL and commentary.meta.get(k)]
    chapters = [k for k, section in commentary.sections.items() if section.text.strip()]
    if not fields and not chapters:
        return []
    shown = {"fields": ", ".join(fields),
             "chapters": _headings(chapters, labels_for(programme, lang))}
    part = "both" if fields and chapters else "fields" if fields else "chapters"
    items = msg(f"msg.final.language.{part}", **shown)
    report = _language_name(lang)
    return [Problem(**(commentary.origin or {"file": str(commentary.file)}),
                    message=msg("msg.final.language", items=items, report=report,
                                written=_language_name(commentary.lang)),
                    expected=msg("msg.final.language.expected", report=report,
                                 file=language_file(commentary.file, lang).name))]


def _language_name(code: str):
    """A language's name in a message (``tiếng Anh`` / ``English``)."""
    return msg(f"msg.language.{code}")
