"""``python -m analysis check``: validate the data; print coverage, conflicts, values to verify.

Writes nothing. Exit 0 when the data can be used (with warnings or not), 2 with every error
listed when they cannot.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from analysis.cli import add_lang_option
from analysis.cli.common import add_data_options, fail, inputs, text_table
from analysis.data import vocabulary
from analysis.errors import InputError, render_list
from analysis.messages import Num, current_lang, text

if TYPE_CHECKING:  # pandas and the loaders only when the command runs: --help stays light
    import pandas as pd

    from analysis.data.loaders import Dataset

#: Columns of the coverage table and the keys of their headings.
COVERAGE_HEADINGS = {"target": "msg.check.col.target", "indicator": "msg.check.col.indicator",
                     "annual": "msg.check.col.annual",
                     "estimate only": "msg.check.col.estimate_only",
                     "partial-year only": "msg.check.col.partial_only",
                     "multi-year": "msg.check.col.multi_year"}
#: Columns of the coverage table that list years or periods: never cut, a cut list would hide
#: years (:func:`analysis.data.periods.format_years` writes a list with gaps year by year).
LIST_COLUMNS = ("annual", "estimate only", "partial-year only", "multi-year")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the check command."""
    add_data_options(parser)
    add_lang_option(parser)


def _rows_read(data: Dataset) -> str:
    """One line per file read: resource, rows, path."""
    lines = [text("msg.check.rows_read").render()]
    for name, path in data.files.items():
        rows = text("msg.check.rows", n=len(getattr(data, name))).render()
        lines.append(f"  {name:<17} {rows:>10}  {path}")
    if data.skipped_rows:
        lines.append("  " + text("msg.check.skipped", n=data.skipped_rows).render())
    return "\n".join(lines)


def _conflict_lines(candidates: pd.DataFrame) -> list[str]:
    """Each conflicting key with the chosen value first and the others after it, in words: the
    status, source tier and qualifier as the report writes them, the reason of the choice as
    the report's annex gives it, numbers the language's way.
    """
    if candidates.empty:
        return [text("msg.check.conflicts.none").render()]
    lang = current_lang()
    keys = candidates.groupby(["indicator_id", "period"], sort=False)
    lines = [text("msg.check.conflicts", n=keys.ngroups).render()]
    for (indicator, period), rows in keys:
        lines.append("  " + text("msg.check.conflict", indicator=indicator, period=period,
                                 by=text(f"chosen_by.{rows['chosen_by'].iloc[0]}")).render())
        for row in rows.itertuples(index=False):
            mark = "*" if row.chosen else " "
            tier = (vocabulary.word("source_tier", row.source_tier, lang) if row.source_tier
                    else text("msg.check.tier_unknown").render())
            published = row.published or text("msg.check.date_unknown").render()
            lines.append(f"    {mark} " + text(
                "msg.check.candidate", value=Num(row.value),
                unit=vocabulary.word("unit", row.unit, lang),
                status=vocabulary.word("status", row.status, lang), tier=tier,
                qualifier=vocabulary.word("qualifier", row.qualifier, lang),
                published=published, row=int(row.source_row)).render())
    return lines


def _coverage(table: pd.DataFrame) -> str:
    """The coverage table with its headings in the messages' language."""
    lang = current_lang()
    header = [text(COVERAGE_HEADINGS[c]).render(lang) for c in table.columns]
    whole = tuple(i for i, c in enumerate(table.columns) if c in LIST_COLUMNS)
    return text_table(header, table.astype(str).values.tolist(), whole=whole)


def report(data: Dataset) -> str:
    """Build the text the check command prints for a valid dataset."""
    # late: pandas (0.3 s with the loaders); the parser imports every command and --help loads none
    from analysis.data.coverage import coverage_table, target_coverage
    from analysis.data.selection import conflicts  # late, as the coverage

    coverage = target_coverage(data.targets, data.actuals)
    missing = coverage.loc[~coverage["has_data"]]
    lines = [_rows_read(data), "", text("msg.check.coverage", n=len(coverage)).render(),
             _coverage(coverage_table(coverage)), ""]
    lines += _conflict_lines(conflicts(data.actuals))
    lines += ["", text("msg.check.no_data_targets", n=len(missing)).render()]
    lines += ["  - " + text("msg.check.no_data_target", target=r.target_id,
                            indicator=r.indicator_id).render()
              for r in missing.itertuples(index=False)]
    lines += ["", warnings_text(data), "", text("msg.check.valid").render()]
    return "\n".join(lines)


def warnings_text(data: Dataset) -> str:
    """The values to verify: every warning, one per line (or a line saying there are none)."""
    if not data.warnings:
        return text("msg.check.warnings.none").render()
    return render_list(data.warnings, head=text("msg.check.warnings",
                                                n=len(data.warnings)).render())


def run(args: argparse.Namespace) -> int:
    """Validate and print; 0 when valid, 2 with every problem on stderr when not."""
    try:
        _, data = inputs(args)
        out = report(data)
    except InputError as exc:
        return fail(exc)
    print(out)
    return 0
