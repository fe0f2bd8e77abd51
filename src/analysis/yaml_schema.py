"""The YAML files people write by hand, checked against their JSON Schema.

``programme.yaml`` (``data/schema/programme.yaml.schema.json``), the custom-scenarios file
(``scenarios.yaml.schema.json``) and the front matter of a commentary file
(``commentary.yaml.schema.json``) each have a JSON Schema in ``data/schema/``: the one statement
of their keys, types and bounds, which :func:`schema_problems` applies with the ``jsonschema``
library. Every error becomes the product's usual :class:`~analysis.errors.Problem`: the file,
the line (found again in the YAML text), the key as a path (``chapters[3].targets[1]``, list
items counted from 1 as a reader counts them), what was found and what was expected, in the
user's language. A schema may name the text of what is expected with ``x-expected`` (a key of
``src/analysis/translations``); otherwise it is written from the schema (the allowed values,
the bounds, the kind of value).

What a schema cannot say (a file exists, a target is in the catalogue, two years are in order)
stays with the module that reads the file.

The YAML is parsed by the reader of each file (its loader); the line of a key is looked up here
only when there is a problem, by composing the text into nodes without building any object (an
alias is not expanded).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path

import yaml

from analysis import SCHEMA_DIR
from analysis.errors import Problem
from analysis.messages import Num, text

#: How many YAML texts keep their composed node tree (:func:`line_of`): a run reads a few.
COMPOSED_CACHE = 8
#: File name of a YAML file's schema: ``<name>.yaml.schema.json``.
SCHEMA_SUFFIX = ".yaml.schema.json"
#: The schema's keywords naming the translation keys of what is expected and of the message
#: (when a better one than the general message of the failed check fits).
EXPECTED_KEYWORD, MESSAGE_KEYWORD = "x-expected", "x-message"
#: Longest text of a found value in a message.
MAX_FOUND_CHARS = 60
#: The module of jsonschema's "iri" format checker, which no schema here uses.
UNUSED_FORMAT_MODULE = "rfc3987_syntax"


@cache
def yaml_schema(name: str) -> dict:
    """The JSON Schema of the YAML file ``name`` (``programme``, ``scenarios``, ``commentary``)."""
    return json.loads((SCHEMA_DIR / f"{name}{SCHEMA_SUFFIX}").read_text(encoding="utf-8"))


def _jsonschema():
    """The ``jsonschema`` module, imported without its optional "iri" format checker when this
    import is the process's first (a report's kernel): ``rfc3987_syntax`` builds its parsers at
    import, 0.7 s, for a format no schema here uses (:data:`analysis.__main__.UNUSED_IMPORTS`
    keeps it out of the command line the same way). The block is lifted at once: the process
    can still import the module itself.
    """
    blocked = UNUSED_FORMAT_MODULE not in sys.modules
    if blocked:
        sys.modules[UNUSED_FORMAT_MODULE] = None  # "import" raises ImportError
    try:
        # here, not at the top: the block above must stand while jsonschema is first imported
        import jsonschema
    finally:
        if blocked and sys.modules.get(UNUSED_FORMAT_MODULE, 0) is None:
            del sys.modules[UNUSED_FORMAT_MODULE]
    return jsonschema


@cache
def _validator(name: str):
    jsonschema = _jsonschema()
    Draft202012Validator, FormatChecker = jsonschema.Draft202012Validator, jsonschema.FormatChecker
    schema = yaml_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def as_json(data: object) -> object:
    """The parsed YAML as JSON values: dates as ``YYYY-MM-DD``, keys as text, tuples as lists."""
    if isinstance(data, Mapping):
        return {str(k): as_json(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [as_json(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def key_path(path) -> str:
    """``chapters[3].targets[1]``: object keys joined by dots, list items counted from 1."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _found(value: object) -> str:
    if isinstance(value, str):
        found = value
    else:
        found = json.dumps(value, ensure_ascii=False, default=str)
    return found if len(found) <= MAX_FOUND_CHARS else found[:MAX_FOUND_CHARS - 1] + "…"


@lru_cache(maxsize=COMPOSED_CACHE)
def _composed(source: str):
    """The YAML node tree of ``source``, composed once for every line a file's problems ask for
    (the trees are only read).
    """
    return yaml.compose(source, Loader=yaml.SafeLoader)


def line_of(source: str | None, path, first_line: int = 1, key: bool = False) -> int | None:
    """The line of the value at ``path`` (of its key with ``key``) in the YAML ``source``;
    the nearest enclosing line when the path goes further than the file; None without a
    source or when the text cannot be composed.
    """
    if not source:
        return None
    try:
        node = _composed(source)
    except yaml.YAMLError:
        return None
    line = None if node is None else node.start_mark.line
    for i, part in enumerate(path):
        last = i == len(path) - 1
        if isinstance(node, yaml.MappingNode):
            hit = next(((k, v) for k, v in node.value if str(k.value) == str(part)), None)
            if hit is None:
                break
            line = (hit[0] if key and last else hit[1]).start_mark.line
            node = hit[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) \
                and 0 <= part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line
        else:
            break
    return None if line is None else line + first_line


def _message(error, default):
    key = error.schema.get(MESSAGE_KEYWORD) if isinstance(error.schema, Mapping) else None
    return text(key) if key else default


def _expected(error, default=None):
    key = error.schema.get(EXPECTED_KEYWORD) if isinstance(error.schema, Mapping) else None
    return text(key) if key else default


#: What a value of each JSON type is, in words (the key of the text).
TYPE_TEXTS = {"object": "msg.schema.type.object", "array": "msg.schema.type.array",
              "string": "msg.schema.type.string", "integer": "msg.schema.type.integer",
              "number": "msg.schema.type.number", "boolean": "msg.schema.type.boolean"}


def _type_text(kind) -> object:
    kinds = kind if isinstance(kind, list) else [kind]
    return text(TYPE_TEXTS.get(kinds[0], "msg.schema.invalid"))


def _leaves(error) -> list:
    """The errors to report for one error: for ``anyOf``, those of the branch whose kind of
    value matches the value found (an unknown key in a group, not "not a text"), else itself.
    """
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return [error]
    matching = [e for e in error.context if not (e.validator == "type" and not e.path)]
    if not matching or all(e.validator in ("const", "enum", "pattern") and not e.path
                           for e in matching):
        return [error]
    return [leaf for e in matching for leaf in _leaves(e)]


def _problems_of(error, file: str, source, first_line) -> list[Problem]:
    path = list(error.absolute_path)
    if "propertyNames" in error.absolute_schema_path:  # a name breaks the rule of the names
        path.append(error.instance)
    where = {"file": file}
    kind, value, schema = error.validator, error.instance, error.schema

    def problem(message, found=None, expected=None, at=path, key=False):
        return Problem(**where, message=_message(error, message), yaml_key=key_path(at) or None,
                       row=line_of(source, at, first_line, key=key),
                       found=None if found is None else _found(found), expected=expected)

    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        extra = [k for k in value if k not in known]
        return [problem(text("msg.schema.unknown_key"), k,
                        text("msg.programme.one_of", keys=", ".join(known)), [*path, k], True)
                for k in extra]
    if kind == "required":
        missing = [k for k in error.validator_value if k not in value]
        return [problem(text("msg.schema.missing_key"), None, k, [*path, k]) for k in missing]
    if kind == "type":
        return [problem(text("msg.schema.type"), value,
                        _expected(error, _type_text(error.validator_value)))]
    if kind in ("enum", "const"):
        allowed = error.validator_value if kind == "enum" else [error.validator_value]
        return [problem(text("msg.schema.enum"), value, _expected(error, text(
            "msg.programme.one_of", keys=", ".join(map(str, allowed)))))]
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        low, high = schema.get("minimum", schema.get("exclusiveMinimum")), schema.get("maximum")
        if low is not None and high is not None:
            expected = text("msg.schema.range.expected", low=Num(low), high=Num(high))
        elif low is not None:
            expected = text("msg.schema.min.expected", low=Num(low))
        else:
            expected = text("msg.schema.max.expected", high=Num(high))
        return [problem(text("msg.schema.range"), value, _expected(error, expected))]
    if kind in ("minItems", "minLength", "minProperties"):
        return [problem(text("msg.schema.empty"), value,
                        _expected(error, text("msg.schema.empty.expected")))]
    if kind == "uniqueItems":
        return [problem(text("msg.schema.duplicate"), value,
                        _expected(error, text("msg.schema.duplicate.expected")))]
    if kind in ("pattern", "format"):
        return [problem(text("msg.schema.pattern"), value,
                        _expected(error, str(error.validator_value)))]
    return [problem(text("msg.schema.invalid"), value, _expected(error))]


def schema_problems(data: object, name: str, file: Path | str, source: str | None = None,
                    first_line: int = 1) -> list[Problem]:
    """Every problem of the parsed YAML ``data`` against the schema ``name``, in file order.

    Parameters
    ----------
    data : object
        What the YAML loader gave (dates and numeric keys are taken as JSON would hold them).
    name : str
        The schema: ``programme``, ``scenarios`` or ``commentary``.
    file : path
        The file named in the messages.
    source : str, optional
        The YAML text, to find the line of each problem.
    first_line : int
        The file's line of the text's first line (the front matter of a commentary file starts
        on line 2).
    """
    errors = sorted(_validator(name).iter_errors(as_json(data)),
                    key=lambda e: [str(p) for p in e.absolute_path])
    problems: list[Problem] = []
    for error in errors:
        for leaf in _leaves(error):
            problems += _problems_of(leaf, str(file), source, first_line)
    seen: set[tuple] = set()
    unique = []
    for p in problems:  # a branch's error can come twice through anyOf
        key = (p.yaml_key, p.key, p.found)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return sorted(unique, key=lambda p: (p.row or 0))
