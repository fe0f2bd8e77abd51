"""The executed notebook typeset as a PDF: nbconvert's LaTeX export, then xelatex.

* **Export** with nbconvert's :class:`~nbconvert.LatexExporter` and the template folder shipped
  in ``analysis/report/templates/report`` (``conf.json`` + ``index.tex.j2`` extending
  ``latex/index.tex.j2``; selected with ``template_name`` and ``extra_template_basedirs``, since
  ``--template report`` fails in nbconvert 7.17). Code input is excluded and the ``parameters``
  / ``injected-parameters`` cells are removed by an explicitly enabled ``TagRemovePreprocessor``.
* **Typeset** with ``xelatex`` directly (not nbconvert's ``PDFExporter``, which hides the log):
  passes are repeated only while the ``.aux``/``.toc`` files change (two: the first, which
  writes no PDF, reads a stand-in table of contents, :func:`draft_contents`), the log is
  checked for "Missing character" (a glyph the font lacks; the build fails), and on an error
  xelatex's own message (the ``!`` lines) is reported, not the whole log.

Reproducibility: xelatex runs with the environment :func:`analysis.report.render.render_notebook`
gives it (``SOURCE_DATE_EPOCH``, ``FORCE_SOURCE_DATE=1``).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import signal
import subprocess
from pathlib import Path

from analysis.errors import ReportError
from analysis.messages import text
from analysis.report import layout
from analysis.report.document import REMOVE_CELL_TAGS
from analysis.report.fonts import MainFont

#: Folder holding the nbconvert template folder(s).
TEMPLATE_BASEDIR = Path(__file__).resolve().parent / "templates"
#: Name of the template folder (conf.json + index.tex.j2) inside :data:`TEMPLATE_BASEDIR`.
TEMPLATE_NAME = "report"
#: What to install when a system tool is missing (the command; the sentence around it is in
#: the translation table, msg.render.tools_missing).
INSTALL_HINT = ("sudo apt-get install texlive-xetex texlive-fonts-recommended "
                "texlive-plain-generic pandoc   (make report)")
#: Most xelatex passes before giving up on stable cross references.
MAX_XELATEX_PASSES = 4


def check_tools() -> None:
    """Raise :class:`ReportError` naming what to install when xelatex or pandoc is missing."""
    missing = [tool for tool in ("xelatex", "pandoc") if shutil.which(tool) is None]
    if missing:
        raise ReportError(text("msg.render.tools_missing", tools=", ".join(missing),
                               hint=INSTALL_HINT).render())


def import_exporter() -> None:
    """Import nbconvert now (0.13 s in a fresh process), while the kernel boots, rather than
    after the notebook has run (:func:`analysis.report.render.render_notebook`).
    """
    # late (here and below): while the kernel boots; --help and check load no notebook
    # machinery (tests/test_cold_start.py)
    from nbconvert import LatexExporter  # noqa: F401


def export_latex(executed: Path, tex_dir: Path, font: MainFont) -> None:
    """Export the executed notebook to ``tex_dir/report.tex`` plus its figure files."""
    import nbformat  # late: imported while the kernel boots (import_exporter)
    from nbconvert import LatexExporter  # late, as nbformat
    from traitlets.config import Config  # late, as nbformat

    config = Config()
    config.LatexExporter.template_name = TEMPLATE_NAME
    config.LatexExporter.extra_template_basedirs = [str(TEMPLATE_BASEDIR)]
    config.LatexExporter.exclude_input = True
    config.LatexExporter.exclude_input_prompt = True
    config.LatexExporter.exclude_output_prompt = True
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = set(REMOVE_CELL_TAGS)
    config.ExtractOutputPreprocessor.extract_output_types = {"application/pdf"}
    exporter = LatexExporter(config=config)
    nb = nbformat.read(executed, as_version=4)
    resources = {
        "output_files_dir": "figures",
        "unique_key": "report",
        "report_font": font.fontspec(),
        "report_body_pt": str(layout.BODY_PT),
        "report_geometry": layout.geometry(),
    }
    body, resources = exporter.from_notebook_node(nb, resources=resources)
    (tex_dir / "report.tex").write_text(body, encoding="utf-8")
    for name, data in resources.get("outputs", {}).items():
        target = tex_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def typeset(tex_dir: Path, env: dict) -> None:
    """Run xelatex until cross references settle; fail on errors and missing characters."""
    if shutil.which("xelatex") is None:
        raise ReportError(text("msg.render.tools_missing", tools="xelatex",
                               hint=INSTALL_HINT).render())
    _write_draft_contents(tex_dir / "report.tex")
    previous = None
    for n in range(MAX_XELATEX_PASSES):
        # The first pass is never the last (its cross references are still unconfirmed), so
        # it stops at XeTeX's own output (.xdv) and skips the conversion to PDF (xdvipdfmx).
        first = n == 0
        proc = subprocess.run(
            ["xelatex", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error",
             *(["-no-pdf"] if first else []), "report.tex"],
            cwd=tex_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
        log = (tex_dir / "report.log").read_text(encoding="utf-8", errors="replace") \
            if (tex_dir / "report.log").is_file() else proc.stdout.decode(errors="replace")
        if proc.returncode in (-signal.SIGINT, -signal.SIGTERM):  # Ctrl-C reached xelatex first
            raise KeyboardInterrupt
        if proc.returncode != 0:
            raise ReportError(text("msg.render.xelatex_failed").render() + ": " + latex_error(log))
        if not (tex_dir / ("report.xdv" if first else "report.pdf")).is_file():
            raise ReportError(text("msg.render.no_pages").render())
        missing = missing_characters(log)
        if missing:
            raise ReportError(text("msg.render.missing_characters",
                                   characters="; ".join(missing)).render())
        state = _crossref_state(tex_dir)
        if state == previous:
            break
        previous = state


#: Sectioning commands that appear in the table of contents, by level.
_TOC_LEVELS = {"section": 1, "subsection": 2, "subsubsection": 3}
_HEADING = re.compile(r"\\(section|subsection|subsubsection)\{")


def draft_contents(tex: str) -> str | None:
    r"""A stand-in ``.toc`` for the first xelatex pass: every heading, page numbers all 0.

    Without a ``.toc`` the first pass typesets an empty table of contents, so everything after
    it sits a page (or more) too early and a third pass is needed to print the right page
    numbers. With this stand-in the contents already take their final room in the first pass,
    whose page numbers are then final: the second pass confirms them (the ``.aux``/``.toc``
    it writes equal the first pass's) and is the last. Headings are read from the source
    (``\section{…}`` etc., numbered like LaTeX's article class); if the stand-in is ever
    wrong, the loop in :func:`typeset` still runs until nothing changes, so the worst case
    is the old number of passes. None when the document has no table of contents.
    """
    if r"\tableofcontents" not in tex:
        return None
    body = tex.find(r"\begin{document}")
    counters = [0, 0, 0]
    lines = []
    for m in _HEADING.finditer(tex, max(body, 0)):
        title = _braced(tex, m.end() - 1)
        if title is None:
            continue
        level = _TOC_LEVELS[m.group(1)]
        counters[level - 1] += 1
        counters[level:] = [0] * (3 - level)
        number = ".".join(str(c) for c in counters[:level])
        lines.append(rf"\contentsline {{{m.group(1)}}}{{\numberline {{{number}}}{title}}}"
                     rf"{{0}}{{{m.group(1)}.{number}}}%")
    return "\n".join(lines) + "\n"


def _braced(text: str, start: int) -> str | None:
    """The contents of the brace group opening at ``text[start]`` (None when unbalanced)."""
    depth = 0
    i = start
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : i]
        i += 1
    return None


def _write_draft_contents(tex_file: Path) -> None:
    """Write :func:`draft_contents` beside ``tex_file`` (``report.toc``) unless there is one."""
    toc = tex_file.with_suffix(".toc")
    if toc.exists():
        return
    draft = draft_contents(tex_file.read_text(encoding="utf-8"))
    if draft is not None:
        toc.write_text(draft, encoding="utf-8")


def _crossref_state(tex_dir: Path) -> str:
    """Digest of the files a next pass would read (.aux, .toc, .out)."""
    digest = hashlib.sha256()
    for suffix in (".aux", ".toc", ".out"):
        f = tex_dir / f"report{suffix}"
        digest.update(f.read_bytes() if f.is_file() else b"-")
    return digest.hexdigest()


def latex_error(log: str) -> str:
    """Xelatex's own error message from its log: the ``!`` line and the context after it."""
    lines = log.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("!") or re.match(r"^[^:\s]+\.tex:\d+: ", line):
            return "\n".join(lines[i : i + 4]).strip()
    return "\n".join(lines[-10:]).strip() or "no log written"


def missing_characters(log: str) -> list[str]:
    """The "Missing character: There is no X (U+...) in font ..." lines of an xelatex log."""
    found = re.findall(r"Missing character: There is no (.+?) in font (.+?)!?$", log, re.M)
    out = set()
    for char, font in found:
        m = re.match(r"^\[?([^\]]*)", font.strip())
        name = Path(m.group(1)).name if m and m.group(1) else font.strip()
        out.add(f"{char} in {name}")
    return sorted(out)
