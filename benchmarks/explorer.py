"""How long one update of the scenario explorer takes.

Builds the Explorer (loading the data and running the assessment once), times its first update
(the one the constructor runs, which draws the whole chart), then moves the flat growth slider
through a sweep of values and prints the median of those updates, in milliseconds and as a
ratio to the first update in the same process. Also times updates that change the target (which can rescale the y-axis and redraw the
chart's background) and the by-year sliders.

Run: ``.venv/bin/python benchmarks/explorer.py [--repeats N]``
"""

from __future__ import annotations

import argparse
import statistics
import time

#: Flat growth rates swept, % a year (inside the chart's initial y-range and outside it).
SWEEP_PCT = [round(6.0 + 0.1 * i, 1) for i in range(60)]


def _ms(seconds: float) -> float:
    return seconds * 1000.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="passes over the sweep")
    args = parser.parse_args(argv)

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
