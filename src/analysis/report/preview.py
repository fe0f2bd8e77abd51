"""Picture of one page of a rendered report (for the README): ``python -m analysis.report.preview``.

Usage: ``python -m analysis.report.preview REPORT.pdf OUT.png [--find TEXT] [--dpi N]``. The page
is the first one whose text holds ``TEXT`` (default: the GRDP figure's caption label); it is
rasterised with poppler's ``pdftoppm``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

#: Text that marks the page shown by default (the GRDP chart in the Vietnamese report).
DEFAULT_FIND = "Hình 1:"
#: Resolution of the picture.
DEFAULT_DPI = 100


def page_with(pdf: Path, text: str) -> int:
    """Number (1-based) of the first page whose text contains ``text``."""
    pages = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    for i, page in enumerate(pages, start=1):
        if text in page:
            return i
    raise SystemExit(f"{text!r} not found in {pdf}")


def main(argv: list[str] | None = None) -> int:
    """Write the picture; print its path."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--find", default=DEFAULT_FIND)
    parser.add_argument("--dpi", type=int, default=DEFAULT_DPI)
    args = parser.parse_args(argv)
    page = page_with(args.pdf, args.find)
    args.png.parent.mkdir(parents=True, exist_ok=True)
    stem = args.png.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(args.pdf), str(stem)], check=True)
    print(args.png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
