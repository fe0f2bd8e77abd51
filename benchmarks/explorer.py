"""How long one update of the scenario explorer takes.

Builds the Explorer (loading the data and running the assessment once), times its first update
(the one the constructor runs, which draws the whole chart), then moves the flat growth slider
through a sweep of values and prints the median of those updates, in milliseconds and as a
ratio to the first update in the same process. Also times updates that change the target
(which can rescale the y-axis and redraw the chart's background) and the by-year sliders.

It also times the explorer's **first view as a user meets it**: the notebook
``notebooks/explorer.ipynb`` executed in a fresh kernel (nbclient), from the start of its first
cell to the reply of the cell that displays the explorer (its widget view is then in the
cell's output; what is left is the browser's drawing); median of N fresh kernels, with the
kernel's start printed beside it (``--cold 0`` skips it).

Run: ``.venv/bin/python benchmarks/explorer.py [--repeats N] [--cold N]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

#: Flat growth rates swept, % a year (inside the chart's initial y-range and outside it).
SWEEP_PCT = [round(6.0 + 0.1 * i, 1) for i in range(60)]


def _ms(seconds: float) -> float:
    return seconds * 1000.0


def _stamp(text: str) -> float:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def cold_first_view(runs: int) -> None:
    """Execute the explorer notebook in ``runs`` fresh kernels; print the median first view."""
    import nbformat
    from nbclient import NotebookClient

    from analysis import PROJECT_ROOT

    notebook = PROJECT_ROOT / "notebooks" / "explorer.ipynb"
    views, starts = [], []
    for _ in range(runs):
        nb = nbformat.read(notebook, as_version=4)
        with tempfile.TemporaryDirectory(prefix="bench-explorer-") as tmp:
            client = NotebookClient(nb, timeout=600, kernel_name="python3",
                                    resources={"metadata": {"path": str(Path(tmp))}})
            t0 = time.time()
            client.execute()
        code = [c for c in nb.cells if c.cell_type == "code"]
        shown = next(c for c in code if any(
            "application/vnd.jupyter.widget-view+json" in o.get("data", {})
            for o in c.get("outputs", [])))
        first = _stamp(code[0].metadata.execution["iopub.execute_input"])
        views.append(_stamp(shown.metadata.execution["shell.execute_reply"]) - first)
        starts.append(first - t0)
    print(f"cold first view, fresh kernel (first cell -> explorer displayed), median of {runs}: "
          f"{_ms(statistics.median(views)):8.1f} ms  (runs "
          + " ".join(f"{_ms(v):.0f}" for v in views) + ")")
    print(f"  the kernel's start before it, median: {_ms(statistics.median(starts)):8.1f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="passes over the sweep")
    parser.add_argument("--cold", type=int, default=3, metavar="N",
                        help="time the first view in N fresh kernels (default: 3; 0: skip)")
    args = parser.parse_args(argv)
    if args.cold:
        cold_first_view(args.cold)

    t0 = time.perf_counter()
    from analysis.explorer import Explorer

    updates: list[float] = []

    class TimedExplorer(Explorer):
        """The Explorer, recording how long each update takes."""

        def update(self):
            start = time.perf_counter()
            out = super().update()
            updates.append(time.perf_counter() - start)
            return out

    explorer = TimedExplorer()
    build = time.perf_counter() - t0
    first = updates[0]  # the constructor's update: the first in this process
    w = explorer.widgets

    flat = []
    for _ in range(args.repeats):
        for g in SWEEP_PCT:
            t0 = time.perf_counter()
            w["flat_growth_pct"].value = g  # the observer runs update()
            flat.append(time.perf_counter() - t0)

    targets = []
    for _ in range(args.repeats):
        for target in ("grdp_current_bn_vnd", "grdp_per_capita_mn_vnd", "grdp_growth_pct_per_year"):
            t0 = time.perf_counter()
            w["target"].value = target
            targets.append(time.perf_counter() - t0)

    w["mode"].value = "by_year"
    by_year = []
    for r in range(args.repeats):
        for year, slider in w["year_growth_pct"].items():
            t0 = time.perf_counter()
            slider.value = 9.0 + (year + r) % 3 + 0.5  # a new value every time
            by_year.append(time.perf_counter() - t0)

    median = statistics.median(flat)
    print(f"build (load data, assess, widgets, figures): {_ms(build):8.1f} ms")
    print(f"first update (whole chart drawn):              {_ms(first):8.1f} ms")
    print(f"one update, flat slider, median of {len(flat):3d}:     {_ms(median):8.1f} ms"
          f"  (ratio to first update: {median / first:.2f})")
    print(f"  max of those (y-range grows: chart redrawn):  {_ms(max(flat)):8.1f} ms")
    print(f"one update, target drop-down, median of {len(targets):2d}: "
          f"{_ms(statistics.median(targets)):8.1f} ms  (max {_ms(max(targets)):.1f} ms)")
    print(f"one update, a year's slider, median of {len(by_year):3d}: "
          f"{_ms(statistics.median(by_year)):8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
