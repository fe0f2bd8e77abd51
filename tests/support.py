"""What several test modules share: where the shipped data are, written out here so that the
tests do not take the paths from the code they test (``data/programmes/26-ctr-tu/programme.yaml``
names the same files), and a command-line run that captures what it prints."""

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROGRAMME_DIR = ROOT / "data" / "programmes" / "26-ctr-tu"
PROVINCE_DIR = ROOT / "data" / "provinces" / "lai-chau"
DEFAULT_TARGETS = PROGRAMME_DIR / "targets.csv"
DEFAULT_REFERENCE_VALUES = PROGRAMME_DIR / "reference_values.csv"
DEFAULT_INDICATORS = PROVINCE_DIR / "indicators.csv"
DEFAULT_ACTUALS = PROVINCE_DIR / "actuals.csv"


def cli(argv: list[str]) -> tuple[int, str, str]:
    """Run ``python -m analysis <argv>`` in this process: exit status, stdout, stderr."""
    from analysis.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue(), err.getvalue()
