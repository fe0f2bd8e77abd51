"""``python -m analysis check``: validate the data, print coverage and conflicts; write nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from analysis import DEFAULT_ACTUALS, DEFAULT_TARGETS
from analysis.data.coverage import coverage_table, target_coverage
from analysis.data.loaders import Dataset, load_dataset
from analysis.data.selection import conflicts
from analysis.errors import EXIT_INVALID_INPUT, InputError

#: Widest a text column is printed, in characters.
MAX_COLUMN_WIDTH = 40


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the check command."""
    parser.add_argument("--actuals", type=Path, default=DEFAULT_ACTUALS,
                        help="actual values, CSV or the Excel workbook (default: shipped CSV)")
    parser.add_argument("--targets", type=Path, default=DEFAULT_TARGETS,
                        help="target catalogue; indicators.csv and the reference values are "
                             "read from beside it when there (default: shipped CSV)")


def _left_aligned(table: pd.DataFrame) -> str:
    """Render ``table`` as text with left-aligned columns, cells cut at :data:`MAX_COLUMN_WIDTH`."""
    cells = table.astype(str).map(lambda v: v if len(v) <= MAX_COLUMN_WIDTH
                                  else v[: MAX_COLUMN_WIDTH - 1] + "…")
    widths = {c: max(len(c), *cells[c].str.len()) if len(cells) else len(c) for c in cells}
    lines = ["  ".join(f"{c:<{widths[c]}}" for c in cells).rstrip()]
    lines += ["  ".join(f"{v:<{widths[c]}}" for c, v in zip(cells, row, strict=True)).rstrip()
              for row in cells.itertuples(index=False)]
    return "\n".join(lines)


def _rows_read(data: Dataset) -> str:
    """One line per file read: resource, rows, path."""
    lines = ["Rows read:"]
    for name, path in data.files.items():
        lines.append(f"  {name:<17} {len(getattr(data, name)):>5} rows  {path}")
    return "\n".join(lines)


def _conflict_lines(candidates: pd.DataFrame) -> list[str]:
    """Each conflicting key with the chosen value first and the others after it."""
    if candidates.empty:
        return ["Conflicts: none (no indicator and period has disagreeing values)."]
    keys = candidates.groupby(["indicator_id", "period"], sort=False)
    lines = [f"Conflicts: {keys.ngroups} indicator-periods with disagreeing values "
             "(chosen value marked *):"]
    for (indicator, period), rows in keys:
        lines.append(f"  {indicator} {period} (chosen by {rows['chosen_by'].iloc[0]}):")
        for row in rows.itertuples(index=False):
            mark = "*" if row.chosen else " "
            lines.append(f"    {mark} {row.value:g} {row.unit}  {row.status}, {row.qualifier}, "
                         f"published {row.published or '?'}  (row {row.source_row})")
    return lines


def report(data: Dataset) -> str:
    """Build the text the check command prints for a valid dataset."""
    coverage = target_coverage(data.targets, data.actuals)
    table = coverage_table(coverage)
    missing = coverage.loc[~coverage["has_data"]]
    lines = [_rows_read(data), "", f"Coverage of the {len(coverage)} targets by actual values:",
             _left_aligned(table), ""]
    lines += _conflict_lines(conflicts(data.actuals))
    lines += ["", f"Targets with no data at all: {len(missing)}"]
    lines += [f"  - {r.target_id} (indicator {r.indicator_id})"
              for r in missing.itertuples(index=False)]
    lines += ["", "The data are valid."]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Validate and print; 0 when valid, 2 with every problem on stderr when not."""
    try:
        data = load_dataset(args.targets, args.actuals)
        text = report(data)
    except InputError as exc:
        print(exc.render(), file=sys.stderr)
        return EXIT_INVALID_INPUT
    print(text)
    return 0
