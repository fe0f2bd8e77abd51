"""``python -m analysis programmes``: the shipped programmes and plans, one line each.

For each folder of ``data/programmes`` (:func:`analysis.programme.shipped_programmes`): its id
(what ``--programme`` takes), short title, province, base and target years, and the number of
targets in its catalogue; the default is starred. A folder whose ``programme.yaml`` is wrong
is reported as any invalid input is (exit 2).
"""

from __future__ import annotations

import argparse

from analysis.cli import add_lang_option
from analysis.cli.common import fail
from analysis.errors import InputError
from analysis.messages import current_lang, text

#: Columns of the list and the keys of their headings.
HEADINGS = {"id": "msg.programmes.col.id", "title": "msg.programmes.col.title",
            "province": "msg.programmes.col.province", "years": "msg.programmes.col.years",
            "targets": "msg.programmes.col.targets"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the command."""
    add_lang_option(parser)


def table(programmes, lang: str) -> str:
    """The list as aligned text, the default programme starred."""
    from analysis.programme import DEFAULT_PROGRAMME

    rows = [{"id": p.id + (" *" if p.id == DEFAULT_PROGRAMME else ""),
             "title": p.short_title[lang], "province": p.province[lang],
             "years": f"{p.base_year}–{p.target_year}", "targets": str(len(p.target_ids()))}
            for p in programmes]
    heads = {k: text(key).render(lang) for k, key in HEADINGS.items()}
    widths = {k: max([len(heads[k]), *(len(r[k]) for r in rows)]) for k in HEADINGS}
    right = ("targets",)

    def line(cells):
        return "  ".join(cells[k].rjust(widths[k]) if k in right else cells[k].ljust(widths[k])
                         for k in HEADINGS).rstrip()

    return "\n".join([line(heads), *(line(r) for r in rows), "",
                      text("msg.programmes.default").render(lang)])


def run(args: argparse.Namespace) -> int:
    """Print the list; 2 when a shipped programme is invalid."""
    from analysis.programme import shipped_programmes

    try:
        programmes = shipped_programmes()
    except InputError as exc:
        return fail(exc)
    print(table(programmes, current_lang()))
    return 0
