"""Where the shipped data are, written out here so that the tests do not take the paths from
the code they test (``data/programmes/26-ctr-tu/programme.yaml`` names the same files)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROGRAMME_DIR = ROOT / "data" / "programmes" / "26-ctr-tu"
PROVINCE_DIR = ROOT / "data" / "provinces" / "lai-chau"
DEFAULT_TARGETS = PROGRAMME_DIR / "targets.csv"
DEFAULT_REFERENCE_VALUES = PROGRAMME_DIR / "reference_values.csv"
DEFAULT_INDICATORS = PROVINCE_DIR / "indicators.csv"
DEFAULT_ACTUALS = PROVINCE_DIR / "actuals.csv"
