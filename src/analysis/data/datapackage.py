"""The Frictionless descriptor ``datapackage.json`` of a programme folder, generated from
``programme.yaml`` and never copied.

A descriptor says what the folder holds (name, title, the programme's number, date and years,
the resources with their table schemas). Copied from another programme it would describe that
one (the trap of a 2026–2030 folder made from the 2021–2025 one), so its generated part must
match ``programme.yaml``:

- **generated** (:data:`GENERATED_KEYS`): ``name`` (the id), ``title`` (the English title),
  ``programme`` (number, date, Vietnamese title, base and target years) and ``resources`` (the
  province's indicators, the targets and the optional reference values and tasks, each with its
  table schema in ``data/schema/``);
- **kept** when the descriptor is regenerated: everything else (``description``, ``sources``,
  ``licenses``, ``version``, ...), which a person writes. A new descriptor
  (:func:`new_descriptor`) gets a description, the licence and the targets' own sources.

:func:`descriptor_problems` (called when a programme is loaded) names every generated key that
differs, with the command that regenerates the file: ``python -m analysis datapackage
--programme <id>`` (:func:`write_descriptor`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from analysis import SCHEMA_DIR
from analysis.errors import Problem
from analysis.messages import text

#: The descriptor's file name.
DESCRIPTOR_FILE = "datapackage.json"
#: Keys of the descriptor generated from ``programme.yaml``; every other key is kept.
GENERATED_KEYS = ("name", "title", "programme", "resources")
#: Licence of a new descriptor (the compilation of the targets).
LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
           "path": "https://creativecommons.org/licenses/by/4.0/"}
#: The resources a programme folder may hold: (name, the Programme's attribute, title).
RESOURCES = (
    ("indicators", "indicators",
     "The province's indicators (the targets' foreign key; the file is the province's)"),
    ("targets", "targets", "Targets for {target_year}: {short_title}"),
    ("reference_values", "reference_values", "The programme's own historical facts"),
    ("tasks", "tasks", "Tasks and key projects with their deadlines: {short_title}"),
)
#: Longest text of a found or expected value in a message.
MAX_CHARS = 80


def _relative(path: Path, folder: Path) -> str:
    return Path(os.path.relpath(Path(path).resolve(), folder.resolve())).as_posix()


def generated(programme) -> dict:
    """The generated keys of the programme's descriptor (:data:`GENERATED_KEYS`)."""
    folder = programme.folder
    names = {"short_title": programme.short_title["en"], "target_year": programme.target_year}
    resources = []
    for name, attribute, title in RESOURCES:
        path = getattr(programme, attribute)
        if path is None:
            continue
        resources.append({
            "name": name, "path": _relative(path, folder), "profile": "tabular-data-resource",
            "title": title.format(**names), "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": _relative(SCHEMA_DIR / f"{name}.schema.json", folder)})
    return {
        "name": programme.id,
        "title": programme.title["en"],
        "programme": {"number": programme.number, "date": programme.date.isoformat(),
                      "title_vi": programme.title["vi"], "base_year": programme.base_year,
                      "target_year": programme.target_year},
        "resources": resources,
    }


def _sources(programme) -> list[dict]:
    """The targets' own sources (``source_title``, ``source_url``), once each, in file order."""
    seen, out = set(), []
    for row in programme.target_rows():
        title, url = (row.get("source_title") or "").strip(), (row.get("source_url") or "").strip()
        if (title or url) and (title, url) not in seen:
            seen.add((title, url))
            out.append({"title": title or url, **({"path": url} if url else {})})
    return out


def new_descriptor(programme) -> dict:
    """The whole descriptor of a new programme folder: generated keys, a description, the
    licence and the targets' sources.
    """
    g = generated(programme)
    description = (f"{programme.title['en']} ({programme.number}, "
                   f"{programme.date.isoformat()}): its quantitative targets for "
                   f"{programme.target_year} (base year {programme.base_year}), with the "
                   "indicators of the province they are measured by. Each target row names "
                   "its source (source_title, source_url).")
    return {"name": g["name"], "title": g["title"], "description": description,
            "version": "1.0.0", "licenses": [LICENCE], "sources": _sources(programme),
            "programme": g["programme"], "resources": g["resources"]}


def descriptor_path(programme) -> Path:
    """``<folder>/datapackage.json``."""
    return programme.folder / DESCRIPTOR_FILE


def read_descriptor(path: Path) -> tuple[dict | None, list[Problem]]:
    """The descriptor at ``path`` and the problems reading it (missing, not JSON)."""
    if not path.is_file():
        return None, [Problem(str(path), text("msg.datapackage.missing"))]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        return None, [Problem(str(path), text("msg.datapackage.invalid", reason=str(exc)))]
    if not isinstance(data, dict):
        return None, [Problem(str(path), text("msg.datapackage.invalid",
                                              reason=type(data).__name__))]
    return data, []


def _short(value) -> str:
    found = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return found if len(found) <= MAX_CHARS else found[:MAX_CHARS - 1] + "…"


def _differences(found, expected, key: str) -> list[tuple[str, object, object]]:
    """``(key, found, expected)`` for each generated value that differs (mappings key by key,
    the resources by their names and paths).
    """
    if isinstance(found, dict) and isinstance(expected, dict):
        return [d for k in expected for d in _differences(found.get(k), expected[k],
                                                          f"{key}.{k}")]
    if key == "resources" and isinstance(found, list):
        pick = [{k: r.get(k) for k in ("name", "path", "schema")} for r in found
                if isinstance(r, dict)]
        want = [{k: r[k] for k in ("name", "path", "schema")} for r in expected]
        return [] if pick == want else [(key, [f"{r['name']}: {r['path']}" for r in pick],
                                         [f"{r['name']}: {r['path']}" for r in want])]
    return [] if found == expected else [(key, found, expected)]


def _programme_option(programme) -> str:
    """What ``--programme`` takes for this programme: its id when it is shipped, else its
    folder.
    """
    return programme.id if programme.is_shipped else str(programme.folder)


def descriptor_problems(programme) -> list[Problem]:
    """What is wrong with the programme's ``datapackage.json`` (nothing when it matches)."""
    path = descriptor_path(programme)
    data, problems = read_descriptor(path)
    option = _programme_option(programme)
    if data is None:
        hint = text("msg.datapackage.stale.expected", expected=DESCRIPTOR_FILE, id=option)
        return [Problem(p.file, p.message, expected=hint) for p in problems]
    want = generated(programme)
    return [Problem(str(path), text("msg.datapackage.stale"), yaml_key=key,
                    found=_short(found), expected=text("msg.datapackage.stale.expected",
                                                       expected=_short(expected), id=option))
            for name in GENERATED_KEYS for key, found, expected in
            _differences(data.get(name), want[name], name)]


def render_descriptor(data: dict) -> str:
    """The descriptor as the files are written: two-space JSON, UTF-8 letters, a final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def updated_descriptor(programme) -> dict:
    """The descriptor with its generated keys regenerated and every other key kept (a new one
    when there is none or it cannot be read), the generated keys in their usual places.
    """
    data, problems = read_descriptor(descriptor_path(programme))
    if data is None:
        return new_descriptor(programme)
    out = dict(data)
    out.update(generated(programme))
    return out


def write_descriptor(programme) -> tuple[Path, bool]:
    """Write the regenerated ``datapackage.json`` (:func:`updated_descriptor`); ``(path,
    changed)``. Written to a temporary file beside it and renamed over it.
    """
    path = descriptor_path(programme)
    new = render_descriptor(updated_descriptor(programme))
    old = path.read_text(encoding="utf-8") if path.is_file() else None
    if new == old:
        return path, False
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_text(new, encoding="utf-8")
    os.replace(tmp, path)
    return path, True
