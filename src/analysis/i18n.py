"""Every string the product prints, in Vietnamese and English, from one translation table.

The table is made of the YAML files in ``translations/`` beside this module (``report.yaml`` for
the report, further files for other parts of the product): one key per string, each with a
``vi`` and an ``en`` text. Texts are Python format strings (``"{met}/{total} chỉ tiêu"``); the
values put into them are already formatted for the language. A key defined in two files is an
error. Callers hold no language branches: they pass ``lang`` and keys.

A key missing in one language, or a placeholder used in one language but not the other, is a
defect that ``tests/test_report_units.py`` finds.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

#: The folder of the translation table's files.
TABLE_DIR = Path(__file__).resolve().parent / "translations"
#: Languages of the product; the first is the default.
LANGUAGES = ("vi", "en")
#: The product's first language: the default of every report, message and workbook.
DEFAULT_LANG = LANGUAGES[0]


@functools.cache
def table() -> dict[str, dict[str, str]]:
    """The translation table, read once per process (read-only afterwards)."""
    # libyaml's loader when PyYAML was built with it: the pure-Python one takes ~0.15 s here,
    # a noticeable part of a report's run (benchmarks/pipeline.py)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(TABLE_DIR.glob("*.yaml")):
        with path.open(encoding="utf-8") as f:
            data = yaml.load(f, Loader=loader)  # noqa: S506  (a safe loader)
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping of keys to translations")
        twice = sorted(set(data) & set(merged))
        if twice:
            raise ValueError(f"{path}: keys already defined in another file: {twice}")
        merged.update(data)
    return merged


def t(key: str, lang: str, /, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``values`` filled in.

    Parameters
    ----------
    key : str
        Key in the translation table.
    lang : {"vi", "en"}
        Language.
    **values
        Values for the placeholders (already formatted strings, usually).

    Raises
    ------
    KeyError
        Unknown key or language.
    """
    if lang not in LANGUAGES:
        raise KeyError(f"unknown language {lang!r}")
    entry = table()[key]
    text = entry[lang]
    return one_year_spans(text, values).format(**values) if values else text


_SPAN = re.compile(r"\{(\w+)\}–\{(\w+)\}")


def one_year_spans(text: str, values: dict) -> str:
    """``{first}–{last}`` written as ``{last}`` when both are the same year: a period of one
    year is a year ("2026"), never "2026–2026".
    """
    def span(m: re.Match) -> str:
        a, b = values.get(m.group(1)), values.get(m.group(2))
        same = a is not None and str(a).strip() == str(b).strip() and str(a).strip().isdigit()
        return "{" + m.group(2) + "}" if same else m.group(0)

    return _SPAN.sub(span, text)


def has(key: str) -> bool:
    """Whether ``key`` is in the table."""
    return key in table()
