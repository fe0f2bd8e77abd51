"""What several test modules share: where the shipped data are, written out here so that the
tests do not take the paths from the code they test (``data/programmes/26-ctr-tu/programme.yaml``
names the same files), and a command-line run that captures what it prints."""

import csv
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


def write_csv(path: Path, header, rows) -> None:
    """Write a small CSV (UTF-8, comma-separated), its folder made if needed."""
    import csv

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


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


def chosen_annual(actuals: Path, indicator: str) -> dict[int, tuple[float, str]]:
    """From an actuals CSV: per year the value the selection rule picks (status, then exact,
    then the latest publication), for every annual period of ``indicator``: ``(value, status)``.
    The rule restated by hand (the source tier, which the rule also weighs, is left out: use it
    for indicators whose candidates it does not separate).
    """
    rank = {"official": 0, "preliminary": 1, "estimate": 2, "reported": 3}
    rows = [r for r in csv.DictReader(actuals.open(encoding="utf-8"))
            if r["indicator_id"] == indicator and r["period"].isdigit()
            and r["choice"] != "ignore"]
    out = {}
    for year in {int(r["period"]) for r in rows}:
        cands = [r for r in rows if int(r["period"]) == year]
        best = min(cands, key=lambda r: (rank[r["status"]], r["qualifier"] != "exact",
                                         "".join(chr(0x10FFFF - ord(c)) for c in r["published"])
                                         or "\U0010ffff"))
        out[year] = (float(best["value"]), best["status"])
    return out


#: The head and signature fields of a commentary file (its front matter), as an office types them.
FRONT_MATTER = """---
issuer: ỦY BAN NHÂN DÂN TỈNH LAI CHÂU
number: 99/BC-UBND
signer_authority: TM. ỦY BAN NHÂN DÂN
signer_title: CHỦ TỊCH
signer_name: Người Ký Thử
recipients: [Ban Thường vụ Tỉnh ủy, Lưu VT]
---
"""
#: The chapters of the default programme that wait for commentary in 2025, but "directions".
CHAPTERS_2025 = ("summary", "grdp_growth_pct_per_year", "structure",
                 "export_import_growth_pct_per_year", "tourist_arrivals", "forest_cover_pct",
                 "others", "tasks", "limitations")
