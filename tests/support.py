"""What several test modules share: where the shipped data are, written out here so that the
tests do not take the paths from the code they test (``data/programmes/26-ctr-tu/programme.yaml``
names the same files), and a command-line run that captures what it prints."""

import io
import subprocess
import unicodedata
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROGRAMME_DIR = ROOT / "data" / "programmes" / "26-ctr-tu"
PROVINCE_DIR = ROOT / "data" / "provinces" / "lai-chau"
DEFAULT_TARGETS = PROGRAMME_DIR / "targets.csv"
DEFAULT_REFERENCE_VALUES = PROGRAMME_DIR / "reference_values.csv"
DEFAULT_INDICATORS = PROVINCE_DIR / "indicators.csv"
DEFAULT_ACTUALS = PROVINCE_DIR / "actuals.csv"
#: The small data set of the tests (five indicators, nine actual values).
FIXTURES = ROOT / "tests" / "fixtures" / "data"


def sheet_column(name: str) -> str:
    """The Excel column letter of a column of the template's actuals sheet."""
    from openpyxl.utils import get_column_letter

    from analysis.data.excel import sheet_columns

    return get_column_letter(sheet_columns().index(name) + 1)


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


#: The tone marks Windows-1258 writes as combining characters after the letter.
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Encode as Excel's Vietnamese CSV does: precomposed where cp1258 has it, else base + tone."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            nfd = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONE_MARKS))
            out += (base + "".join(c for c in nfd if c in TONE_MARKS)).encode("cp1258")
    return out


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of a PDF, laid out as printed (pdftotext -layout)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")[:-1]
