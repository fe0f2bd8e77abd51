"""``python -m analysis programmes``: the shipped programmes and plans, one line each.

For each folder of ``data/programmes`` that can be read
(:func:`analysis.programme.scan_programmes`): its id (what ``--programme`` takes), short title,
province, base and target years, and the number of targets in its catalogue; the default is
starred. A folder that cannot be read does not hide the others: it is named below the list
with its first problem (and how many more there are), and the command exits 2.
"""

from __future__ import annotations

import argparse
import sys

from analysis.cli import add_lang_option
from analysis.cli.common import text_table
from analysis.errors import EXIT_INVALID_INPUT
from analysis.messages import current_lang, text
from analysis.programme import DEFAULT_PROGRAMME, scan_programmes

#: Columns of the list and the keys of their headings.
HEADINGS = {"id": "msg.programmes.col.id", "title": "msg.programmes.col.title",
            "province": "msg.programmes.col.province", "years": "msg.programmes.col.years",
            "targets": "msg.programmes.col.targets"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the command."""
    add_lang_option(parser)


def table(programmes, lang: str) -> str:
    """The list as aligned text, the default programme starred."""
    rows = [{"id": p.id + (" *" if p.id == DEFAULT_PROGRAMME else ""),
             "title": p.short_title[lang], "province": p.province[lang],
             "years": f"{p.base_year}–{p.target_year}", "targets": str(len(p.target_ids()))}
            for p in programmes]
    keys = list(HEADINGS)
    header = [text(HEADINGS[k]).render(lang) for k in keys]
    body = text_table(header, [[r[k] for k in keys] for r in rows],
                      right=(keys.index("targets"),), whole=tuple(range(len(keys))))
    return "\n".join([body, "", text("msg.programmes.default").render(lang)])


def broken(folders, lang: str) -> str:
    """The folders that cannot be read: each with its first problem and the count of the rest."""
    lines = [text("msg.programmes.broken").render(lang)]
    for folder, problems in folders:
        first = problems[0].render(lang)
        lines.append(f"  - {folder.name}: {first}")
        if len(problems) > 1:
            lines.append("    " + text("msg.programmes.broken.more", n=len(problems) - 1,
                                      folder=folder.name).render(lang))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the list; 2 when a programme folder cannot be read (the others still listed)."""
    good, bad = scan_programmes()
    print(table(good, current_lang()))
    if bad:
        print(broken(bad, current_lang()), file=sys.stderr)
        return EXIT_INVALID_INPUT
    return 0
