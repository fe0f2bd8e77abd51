"""Benchmark (not a test): time of a full assessment and of a 10,000-path band.

Run ``.venv/bin/python benchmarks/assessment.py``. Prints the median over repeated runs
(``timeit``) of

- ``assess()`` on the shipped data (every catalogued target, scenarios 9/10/11 and the shipped
  custom scenarios), loading excluded;
- the analytic band (:func:`analysis.engine.uncertainty.band`) for the GRDP index to 2030;
- 10,000 simulated paths (:func:`analysis.engine.uncertainty.simulate_log_paths`) to 2030,

each also as a ratio against a baseline measured in the same process (``numpy`` drawing and
summing as many normal numbers), so that numbers from different machines can be compared.
"""

from __future__ import annotations

import statistics
import timeit

import numpy as np

from analysis import DEFAULT_SCENARIOS
from analysis.data.loaders import load_dataset
from analysis.data.scenarios import load_scenarios
from analysis.engine import uncertainty as un
from analysis.engine.assess import assess

REPEAT = 7


def median_seconds(fn, number: int) -> float:
    """Median over ``REPEAT`` runs of the time of one call."""
    return statistics.median(t / number for t in timeit.repeat(fn, number=number, repeat=REPEAT))


def main() -> None:
    dataset = load_dataset()  # the default programme's files
    customs = load_scenarios(DEFAULT_SCENARIOS)
    result = assess(dataset, custom_scenarios=customs)
    grdp = result.summary.query("target_id == 'grdp_growth_pct_per_year' and scenario == 'target'")
    level_t, year_t = float(grdp["latest_value"].iloc[0]), int(grdp["latest_year"].iloc[0])
    drift = un.Drift(12, 0.08, 0.07, tuple(range(12)))
    horizon = 2030 - year_t
    rng = np.random.default_rng(0)

    def baseline():  # draw and sum as many normals as the simulation does
        rng.normal(size=(un.N_SIMULATED_PATHS, horizon)).sum()

    base = median_seconds(baseline, 20)
    rows = [
        ("assess(): every target",
         median_seconds(lambda: assess(dataset, custom_scenarios=customs), 3)),
        ("analytic band to 2030",
         median_seconds(lambda: un.band(level_t, year_t, 2030, drift), 200)),
        (f"{un.N_SIMULATED_PATHS:,} simulated paths", median_seconds(
            lambda: un.simulate_log_paths(level_t, horizon, drift, rng=rng), 20)),
    ]
    print(f"{len(result.summary)} summary rows for {result.summary['target_id'].nunique()} targets")
    print(f"baseline (numpy: {un.N_SIMULATED_PATHS:,} x {horizon} normals, summed): "
          f"{base * 1e3:.3f} ms")
    for name, seconds in rows:
        print(f"{name:32s} median {seconds * 1e3:9.3f} ms   x{seconds / base:8.1f} baseline")


if __name__ == "__main__":
    main()
