"""Show that a change of code leaves the reports as they were: byte for byte.

Renders the PDF and the Word document of every shipped programme, in Vietnamese and in English,
for the same report date, twice: once from a git revision (``--before``, default ``HEAD``) and
once from the working tree as it is now (committed or not), and compares the files byte for
byte. A refactoring must print ``identical`` for every file; anything else names the files that
differ.

Both trees are copied to a temporary folder outside any git repository (the revision with
``git archive``, the working tree's tracked and new files as they are), so that both reports
print the same "git commit" in their provenance annex (``unknown``) and nothing else differs but
the code. Both run with this project's ``.venv`` (the same packages), each importing its own
``src/`` (``PYTHONPATH``), in fresh processes (``python -m analysis report --format both``).

Usage::

    .venv/bin/python scripts/same_reports.py [--before REF] [--date YYYY-MM-DD] [--year Y]

Exit status 0 when every file is identical, 1 when one differs, 2 when a render fails.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The report date both renders use (the reports print it; any fixed date will do).
DEFAULT_DATE = "2026-12-07"
#: The assessment year of the comparison (the year both shipped programmes have data for).
DEFAULT_YEAR = 2025
#: The languages rendered.
LANGS = ("vi", "en")
#: The files compared (the executed notebooks hold papermill's timings, so they are not).
COMPARED_SUFFIXES = (".pdf", ".docx")


def export_revision(ref: str, dest: Path) -> None:
    """The tree of git revision ``ref`` in ``dest`` (``git archive``: no .git folder)."""
    archive = subprocess.run(["git", "archive", "--format=tar", ref], cwd=ROOT, check=True,
                             capture_output=True).stdout
    dest.mkdir(parents=True)
    tar_path = dest.parent / f"{dest.name}.tar"
    tar_path.write_bytes(archive)
    with tarfile.open(tar_path) as tar:
        tar.extractall(dest, filter="data")
    tar_path.unlink()


def export_worktree(dest: Path) -> None:
    """The working tree as it is now: its tracked files and its new files not ignored."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, check=True, capture_output=True).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / os.fsdecode(name)
        if source.is_file():
            target = dest / os.fsdecode(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def programmes(tree: Path) -> list[str]:
    """The shipped programmes of a tree: the folders of ``data/programmes`` with a programme."""
    folder = tree / "data" / "programmes"
    return sorted(p.name for p in folder.iterdir() if (p / "programme.yaml").is_file())


def render_all(tree: Path, out: Path, date: str, year: int) -> None:
    """Every shipped programme, vi and en, PDF and Word, rendered from ``tree`` into ``out``."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}  # the date gives it
    env["PYTHONPATH"] = str(tree / "src")
    for programme in programmes(tree):
        for lang in LANGS:
            command = [sys.executable, "-m", "analysis", "report", "--programme", programme,
                       "--year", str(year), "--lang", lang, "--format", "both", "--out",
                       str(out), "--date", date]
            done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
            if done.returncode != 0:
                sys.stderr.write(f"{tree.name}: {' '.join(command[2:])}\n{done.stderr}")
                raise SystemExit(2)


def main(argv: list[str] | None = None) -> int:
    """Render both trees, compare, print one line per file; the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="HEAD", help="git revision to compare with")
    parser.add_argument("--date", default=DEFAULT_DATE, help="the report date of both renders")
    parser.add_argument("--year", type=int, default=DEFAULT_YEAR, help="the assessment year")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="same-reports-") as tmp:
        tmp = Path(tmp)
        export_revision(args.before, tmp / "before")
        export_worktree(tmp / "after")
        for side in ("before", "after"):
            render_all(tmp / side, tmp / f"{side}-reports", args.date, args.year)
        before = {p.name: p for p in (tmp / "before-reports").iterdir()
                  if p.suffix in COMPARED_SUFFIXES}
        after = {p.name: p for p in (tmp / "after-reports").iterdir()
                 if p.suffix in COMPARED_SUFFIXES}
        differ = 0
        for name in sorted(before.keys() | after.keys()):
            if name not in before or name not in after:
                print(f"{name}: only {'after' if name in after else 'before'}")
                differ += 1
            elif before[name].read_bytes() == after[name].read_bytes():
                print(f"{name}: identical ({before[name].stat().st_size} bytes)")
            else:
                print(f"{name}: DIFFERENT ({before[name].stat().st_size} bytes before, "
                      f"{after[name].stat().st_size} after)")
                differ += 1
        print(f"{len(before.keys() | after.keys()) - differ} identical, {differ} different "
              f"(before: {args.before}; after: the working tree)")
        return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
