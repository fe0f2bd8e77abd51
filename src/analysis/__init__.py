"""Assessment of Lai Châu's progress towards the 2030 targets of Action Programme 26-CTr/TU.

The package holds everything the notebooks and the command line use: loaders that validate the
target catalogue and the actual series (`analysis.loaders`), the projection and progress engine
(`analysis.projections`, `analysis.progress`, `analysis.uncertainty`), and the report pipeline
(`analysis.report`).
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
