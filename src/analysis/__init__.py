"""Assessment of Lai Châu's progress towards the 2030 targets of Action Programme 26-CTr/TU.

The package is laid out in the order the data flow through it:

- `analysis.data`: reading and validating the inputs (loaders, numbers typed the Vietnamese way,
  the choice among conflicting values, coverage, the Excel workbook, custom scenarios);
- `analysis.engine`: the assessment (projections, progress classes, uncertainty, consistency);
- the outputs: `analysis.report` (the PDF), `analysis.explorer` (scenarios in Jupyter),
  `analysis.batch` (many reports at once) and `analysis.cli` (the command line).
"""

from pathlib import Path

__version__ = "0.1.0"

#: Root of the repository when the package is installed in development mode (``pip install -e``).
PROJECT_ROOT = Path(__file__).resolve().parents[2]
#: Default location of the shipped data.
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_TARGETS = DATA_DIR / "targets" / "targets_26-ctr-tu_2030.csv"
DEFAULT_INDICATORS = DATA_DIR / "targets" / "indicators.csv"
DEFAULT_SCENARIOS = DATA_DIR / "scenarios" / "custom-scenarios.yaml"
DEFAULT_ACTUALS = DATA_DIR / "actuals" / "actuals_lai-chau.csv"
