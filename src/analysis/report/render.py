"""Render the assessment report: execute the notebook with papermill, typeset it with xelatex,
and (``output_format`` "docx" or "both") write the Word document from the same execution.

The route, step by step (each step in its own private temporary directory, so several renders
can run in parallel processes):

1. **Check the tools** (``xelatex``, ``pandoc``) and **validate the inputs** with the same loaders
   as ``analysis check``; a problem stops the run before the notebook starts
   (:class:`~analysis.errors.InputError`, exit status 2 on the command line).
2. **Execute** ``notebooks/assessment.ipynb`` with papermill, the parameters injected, in a
   kernel started before step 1's validation, so that it boots meanwhile (:class:`Kernel`).
3. **Export** the executed notebook to LaTeX with nbconvert's :class:`~nbconvert.LatexExporter`
   and the template folder shipped in ``analysis/report/templates/lai-chau`` (``conf.json`` +
   ``index.tex.j2`` extending ``latex/index.tex.j2``; selected with ``template_name`` and
   ``extra_template_basedirs``, since ``--template report`` fails in nbconvert 7.17). Code input
   is excluded and the ``parameters`` / ``injected-parameters`` cells are removed by an explicitly
   enabled ``TagRemovePreprocessor``.
4. **Typeset** with ``xelatex`` directly (not nbconvert's ``PDFExporter``, which hides the log):
   passes are repeated only while the ``.aux``/``.toc`` files change (two: the first, which
   writes no PDF, reads a stand-in table of contents, :func:`draft_contents`), the log is
   checked for "Missing character" (a glyph the font lacks; the build fails), and on an error
   xelatex's own message (the ``!`` lines) is reported, not the whole log.
5. **The Word document** (when asked for): :mod:`analysis.report.word` reads the blocks the
   executed notebook carries and writes the .docx with python-docx; no TeX is needed for it, so
   a Word-only render checks neither xelatex nor pandoc nor the font.
6. **Write the set**: the PDF, the .docx and the executed notebook are written together
   (:func:`analysis.report.outputs.write_together`): copied beside their final names and
   renamed over them only when everything succeeded, the earlier files put back if a rename
   fails, so a failed run leaves an earlier report byte-identical and never a mismatched set.
   The executed notebook is ``<name>.ipynb`` beside the PDF; a Word-only render writes its own,
   ``<name>.docx.ipynb``, and leaves the PDF's record alone. The output folder is checked
   before the notebook runs (:func:`~analysis.report.outputs.check_folder`).

Faults: an operating-system error (disk full, read-only, permission) is the product's message
naming ``--out`` or ``TMPDIR`` (:class:`~analysis.errors.InputError`, exit status 2); a full
temporary directory is recognised when papermill or xelatex fails because of it. The work
folder is named after its owner and swept by a later run if this one is killed
(:mod:`analysis.report.workspace`); the kernel's connection file lives in it.

Reproducibility: xelatex runs with ``SOURCE_DATE_EPOCH`` and ``FORCE_SOURCE_DATE=1``. Unless the
environment sets ``SOURCE_DATE_EPOCH``, it is midnight UTC of the report date
(:func:`analysis.report.context.source_date_epoch`), a parameter that defaults to today and is
passed to the notebook as ``report_date``: the same inputs and the same date give the same
bytes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import weakref
from dataclasses import dataclass
from pathlib import Path

from analysis import PROJECT_ROOT
from analysis.messages import text

#: The notebook the report is rendered from.
NOTEBOOK = PROJECT_ROOT / "notebooks" / "assessment.ipynb"
#: Folder holding the nbconvert template folder(s).
TEMPLATE_BASEDIR = Path(__file__).resolve().parent / "templates"
#: Name of the template folder (conf.json + index.tex.j2) inside :data:`TEMPLATE_BASEDIR`.
TEMPLATE_NAME = "lai-chau"
#: Cell tags removed from the PDF.
REMOVE_CELL_TAGS = ("parameters", "injected-parameters", "remove_cell")
#: What to install when a system tool is missing (the command; the sentence around it is in
#: the translation table, msg.render.tools_missing).
INSTALL_HINT = ("sudo apt-get install texlive-xetex texlive-fonts-recommended "
                "texlive-plain-generic pandoc   (make report)")
#: Set in the kernel's environment of every render: figures then skip their PNG preview (only
#: JupyterLab shows it; the PDF uses the vector copy, the Word document its print-resolution
#: PNG, made when the notebook's ``output_format`` asks for it).
PDF_ONLY_ENV = "ANALYSIS_REPORT_PDF_ONLY"
#: Most xelatex passes before giving up on stable cross references.
MAX_XELATEX_PASSES = 4
#: Seconds a notebook cell may run.
CELL_TIMEOUT_S = 600
#: How the kernel is stopped after the last cell (nbclient's ``shutdown_kernel``). "immediate"
#: ends it with a signal once every output has arrived; "graceful" would ask it to exit and
#: wait for it: 0.3 s more with pandas and matplotlib loaded (the interpreter's teardown),
#: for atexit hooks the report's kernel does not have.
KERNEL_SHUTDOWN = "immediate"
#: Seconds between two checks that the stopped kernel's process has exited.
KERNEL_EXIT_POLL_S = 0.005
#: Longest IPC socket path the kernel's sockets may have: a Unix socket's address holds at most
#: 107 bytes on Linux, and ZeroMQ appends "-<n>" to the path. A longer one (a deep TMPDIR) would
#: make the kernel fail to start, so its sockets then use TCP on the loopback instead.
MAX_IPC_PATH_BYTES = 100
#: Font files tried for the main font, in order: (family file stem, extension, style suffixes).
FONT_CANDIDATES = (
    ("texgyretermes", ".otf", ("-regular", "-bold", "-italic", "-bolditalic")),
    ("LiberationSerif", ".ttf", ("-Regular", "-Bold", "-Italic", "-BoldItalic")),
)  # Liberation Serif counts only from version 2 (fonts-liberation2): 1.x lacks Vietnamese
#: Monospaced fonts looked for beside the main font: (file stem, extension, style suffixes).
MONO_CANDIDATES = (
    ("texgyrecursor", ".otf", ("-regular", "-bold")),
    ("LiberationMono", ".ttf", ("-Regular", "-Bold")),
)
#: Folders searched for the font files when kpsewhich does not find them.
FONT_DIRS = (
    "/usr/share/texmf/fonts/opentype/public/tex-gyre",
    "/usr/share/texlive/texmf-dist/fonts/opentype/public/tex-gyre",
    "/usr/share/fonts/opentype/tex-gyre",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/liberation2",
)


class ReportError(RuntimeError):
    """Rendering failed; the message says why (failing cell, xelatex's message, missing tool)."""


@dataclass(frozen=True)
class MainFont:
    """The main font, found by file name: folder, file stem, extension and style suffixes."""

    directory: str
    stem: str
    extension: str
    suffixes: tuple[str, str, str, str]

    def fontspec(self) -> str:
        r"""``\setmainfont`` (and ``\setmonofont``) loading the fonts by file name (``Path=``).

        The monospaced font (for checksums and versions) is TeX Gyre Cursor or Liberation Mono
        from the same folder when there, else fontspec's default (Latin Modern Mono).
        """
        regular, bold, italic, bolditalic = self.suffixes
        lines = [
            rf"\setmainfont{{{self.stem}}}[Path={self.directory}/, Extension={self.extension}, "
            rf"UprightFont=*{regular}, BoldFont=*{bold}, ItalicFont=*{italic}, "
            rf"BoldItalicFont=*{bolditalic}, Ligatures=TeX]"
        ]
        for stem, ext, (mono_regular, mono_bold) in MONO_CANDIDATES:
            folder = Path(self.directory)
            if (folder / f"{stem}{mono_regular}{ext}").is_file():
                lines.append(
                    rf"\setmonofont{{{stem}}}[Path={self.directory}/, Extension={ext}, "
                    rf"UprightFont=*{mono_regular}, BoldFont=*{mono_bold}]"
                )
                break
        return "\n".join(lines)


#: Letters a font must have to print Vietnamese (precomposed forms with two marks).
VIETNAMESE_PROBE = "ấầẩẫậắằẳẵặếềểễệốồổỗộớờởỡợứừửữựỳỵỷỹđơư"


def _covers_vietnamese(font_file: Path) -> bool:
    """Whether the font file has every letter of :data:`VIETNAMESE_PROBE` (True if unknown).

    The font's Unicode cmap, read by FreeType (matplotlib's) in a process that draws, where
    matplotlib is loaded already (1 ms; fontTools takes 40 ms, a part of the scenario
    explorer's first view, ``benchmarks/explorer.py``), else by fontTools (the command's
    process: loading matplotlib there would cost 0.15 s). Both read the same code points.
    """
    try:
        if "matplotlib" in sys.modules:
            from matplotlib.ft2font import FT2Font  # late: only where matplotlib is loaded

            cmap = FT2Font(str(font_file)).get_charmap()
        else:
            from fontTools.ttLib import TTFont  # late: the process that typesets only

            with TTFont(str(font_file), lazy=True) as font:
                cmap = font.getBestCmap()
    except Exception:  # noqa: BLE001 - unreadable font: let xelatex be the judge
        return True
    return all(ord(c) in cmap for c in VIETNAMESE_PROBE)


@functools.cache
def find_main_font() -> MainFont:
    """Find TeX Gyre Termes (else Liberation Serif) by file name.

    Looks with ``kpsewhich`` first (TeX's own file search), then in :data:`FONT_DIRS`. Name
    lookup through fontconfig is avoided: it is unreliable across machines.

    Raises
    ------
    ReportError
        When neither font is installed, saying which Debian packages to install.
    """
    for stem, ext, suffixes in FONT_CANDIDATES:
        files = [f"{stem}{s}{ext}" for s in suffixes]
        found = None
        if shutil.which("kpsewhich"):
            out = subprocess.run(
                ["kpsewhich", files[0]], capture_output=True, text=True, check=False
            ).stdout.strip()
            if out:
                found = str(Path(out).parent)
        if found is None:
            found = next((d for d in FONT_DIRS if (Path(d) / files[0]).is_file()), None)
        if found and all((Path(found) / f).is_file() for f in files):
            if re.search(r"[\\{}$&#^%~\[\],=\s]", found):
                continue  # a folder name fontspec cannot take literally
            if not _covers_vietnamese(Path(found) / files[0]):
                continue  # e.g. Liberation Serif 1.x (Debian's fonts-liberation): no ố, ử, ỹ
            return MainFont(found, stem, ext, suffixes)
    raise ReportError(text("msg.render.no_font").render())


def check_tools() -> None:
    """Raise :class:`ReportError` naming what to install when xelatex or pandoc is missing."""
    missing = [tool for tool in ("xelatex", "pandoc") if shutil.which(tool) is None]
    if missing:
        raise ReportError(text("msg.render.tools_missing", tools=", ".join(missing),
                               hint=INSTALL_HINT).render())


def render_report(
    year: int | None = None,
    lang: str = "vi",
    targets: str | os.PathLike | None = None,
    actuals: str | os.PathLike | None = None,
    scenarios_file: str | os.PathLike | None = None,
    out_dir: str | os.PathLike = "reports",
    scenarios: tuple[float, ...] | None = None,
    show_band: bool = True,
    notebook: str | os.PathLike | None = None,
    report_date: str | dt.date | None = None,
    programme: str | os.PathLike | None = None,
    commentary: str | os.PathLike | None = None,
    final: bool = False,
    output_format: str = "pdf",
) -> Path:
    """Render the assessment report to ``<out_dir>/<stem>.pdf`` and/or ``.docx``
    (:func:`analysis.programme.report_stem`: ``26-ctr-tu-2025-vi``, ``26-ctr-tu-2026-9m-vi``).

    Self-contained: it works in its own temporary directory and changes no global state, so
    several renders can run at once in separate processes.

    Parameters
    ----------
    year : int, optional
        Assessment year; None takes the latest year with annual actuals.
    lang : {"vi", "en"}
        Report language.
    targets, actuals : path, optional
        Target catalogue and actual series; None takes the programme's.
    scenarios_file : path, optional
        Custom scenarios (YAML); None for none.
    out_dir : path
        Where the PDF and the executed notebook (same name, ``.ipynb``) are written.
    scenarios : tuple of float, optional
        Growth scenarios of the growth target, in % a year; None: its low, mid and high.
    show_band : bool
        Draw the uncertainty band on the GRDP chart.
    notebook : path, optional
        Notebook to execute (default :data:`NOTEBOOK`).
    report_date : str or date, optional
        The date of the document (``YYYY-MM-DD``); None is today.
    programme : str or path, optional
        A shipped programme id or a folder holding ``programme.yaml``; None: the default.
    commentary : path, optional
        The assessors' commentary: a folder of ``<programme-id>/<year>.<lang>.md`` files, a
        ``.md`` file, or the Excel workbook; None: ``data/commentary``.
    final : bool
        Refuse to render (InputError, exit 2) while a chapter lacks commentary; otherwise such
        a report is a draft, marked on every page.
    output_format : {"pdf", "docx", "both"}
        The PDF, the Word document (``.docx`` beside where the PDF goes), or both from one
        execution of the notebook.

    Returns
    -------
    Path
        The PDF; the .docx when only the Word document is made.

    Raises
    ------
    analysis.errors.InputError
        An input file is invalid (raised before the notebook runs).
    ReportError
        A tool is missing, a cell failed, or xelatex failed.
    """
    from analysis.programme import LANGUAGES
    from analysis.report import outputs
    from analysis.report.document import renderings

    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    making_pdf = "pdf" in renderings(output_format)
    font = None
    if making_pdf:  # a Word document needs no TeX
        check_tools()
        font = find_main_font()
    out_dir = Path(out_dir)
    outputs.check_folder(out_dir)  # before anything runs
    from analysis.programme import programme_for
    from analysis.report.context import (  # validation, before the notebook runs
        parse_report_date,
        resolve_inputs,
    )

    kernel = _start_kernel(Path(notebook or NOTEBOOK))  # boots while the inputs are checked
    with kernel.closed_on_error():
        prog = programme_for(programme, Path(targets).resolve() if targets else None)
        actuals_path = Path(actuals).resolve() if actuals else None
        scenarios_path = Path(scenarios_file).resolve() if scenarios_file else None
        day = parse_report_date(report_date)
        commentary_path = Path(commentary).resolve() if commentary else None
        plan, epoch = resolve_inputs(prog, actuals_path, scenarios_path, year, scenarios, day,
                                     lang, commentary_path, final)
    parameters = {
        "programme": str(prog.folder),
        "assessment_year": plan.data_year,  # the year asked for (mid-year too), else the latest
        "lang": lang,
        "targets_path": str(prog.targets) if targets else None,
        "actuals_path": str(actuals_path) if actuals_path else None,
        "scenarios": None if scenarios is None else
        [float(s) if s % 1 else int(s) for s in scenarios],
        "scenarios_path": str(scenarios_path) if scenarios_path else None,
        "show_band": bool(show_band),
        "report_date": day.isoformat(),
        "commentary_path": str(commentary_path) if commentary_path else None,
        "final": bool(final),
        "output_format": output_format,
    }
    pdf_path = out_dir / prog.report_filename(plan.data_year, lang, plan.months)
    with kernel.closed_on_error():
        outputs.check_targets(report_files(pdf_path, output_format))
    render_notebook(
        Path(notebook or NOTEBOOK), parameters, pdf_path, source_date_epoch=epoch, font=font,
        kernel=kernel,
    )
    return pdf_path if making_pdf else pdf_path.with_suffix(".docx")


def output_paths(pdf_path: Path, output_format: str) -> dict[str, Path]:
    """Where a render writes its files: ``pdf``, ``docx`` (those asked for) and ``notebook``
    (the executed notebook: beside the PDF, or ``<name>.docx.ipynb`` for the Word document
    alone).
    """
    from analysis.report.document import renderings

    makes = renderings(output_format)
    paths = {kind: pdf_path.with_suffix(f".{kind}") for kind in makes}
    paths["notebook"] = pdf_path.with_suffix(".ipynb") if "pdf" in makes else \
        pdf_path.with_suffix(".docx.ipynb")
    return paths


def render_notebook(
    notebook: Path,
    parameters: dict,
    pdf_path: Path,
    source_date_epoch: int | None = None,
    font: MainFont | None = None,
    kernel: Kernel | None = None,
) -> Path:
    """Execute ``notebook`` with ``parameters`` and typeset it to ``pdf_path`` (and/or write
    the Word document beside it, as ``parameters["output_format"]`` asks: pdf by default).

    The executed notebook is written beside them (:func:`output_paths`). The files are
    replaced only when the whole run succeeded. This is the route :func:`render_report` uses,
    exposed so that any notebook (e.g. a one-cell benchmark) can go through it. ``kernel``: a
    :class:`Kernel` already started for ``notebook`` (default: one started now); it is stopped
    and its folder removed when this returns.

    Raises
    ------
    ReportError
        A cell failed or xelatex failed.
    """
    paths = output_paths(Path(pdf_path), parameters.get("output_format", "pdf"))
    if "pdf" in paths:
        check_tools()
        font = font or find_main_font()
    env = dict(os.environ)
    if source_date_epoch is not None and "SOURCE_DATE_EPOCH" not in os.environ:
        env["SOURCE_DATE_EPOCH"] = str(int(source_date_epoch))
    env.setdefault("SOURCE_DATE_EPOCH", "0")
    env["FORCE_SOURCE_DATE"] = "1"
    env["max_print_line"] = "100000"  # one log line per message, for the checks below
    from analysis.report.outputs import write_together

    pdf_path = Path(pdf_path)
    kernel = kernel or _start_kernel(notebook)
    with kernel:
        work = kernel.work
        executed = work / "executed.ipynb"
        with _work_faults(work):
            from nbconvert import LatexExporter  # noqa: F401 - imported while the kernel boots

            _execute(notebook, executed, parameters, work, pdf_path, kernel)
            _record_output_path(executed, paths["notebook"])
            made = {}
            if "pdf" in paths:
                tex_dir = work / "tex"
                tex_dir.mkdir()
                _export_latex(executed, tex_dir, font)
                _typeset(tex_dir, env)
                made["pdf"] = tex_dir / "report.pdf"
            if "docx" in paths:
                made["docx"] = _write_docx(executed, work / "report.docx",
                                           int(env["SOURCE_DATE_EPOCH"]))
            made["notebook"] = executed
        write_together({paths[kind]: written for kind, written in made.items()})
    return pdf_path


def _write_docx(executed: Path, target: Path, epoch: int) -> Path:
    """The Word document of the executed notebook (:mod:`analysis.report.word`)."""
    from analysis.report.word import write_docx

    try:
        return write_docx(executed, target, epoch)
    except (ValueError, KeyError, TypeError) as exc:
        raise ReportError(text("msg.render.docx_failed").render() + f": {exc}") from exc


def report_files(pdf_path: Path, output_format: str = "pdf") -> tuple[Path, ...]:
    """The files a render writes, which :func:`analysis.report.outputs.write_together` writes
    as one set (:func:`output_paths`): the PDF and/or the .docx, and the executed notebook.
    """
    return tuple(output_paths(pdf_path, output_format).values())


#: Free bytes under which a failure in the work folder is put down to a full disk.
MIN_FREE_BYTES = 1 << 20
#: Where the work folder is chosen, named in messages.
TMPDIR_OPTION = "TMPDIR"


def _tmpdir_error(exc: OSError, folder: Path):
    """The product's message for an operating-system error in the temporary directory."""
    from analysis.errors import os_error

    return os_error(exc, folder, TMPDIR_OPTION, expected=text("msg.tmpdir.expected"))


def _start_kernel(notebook: Path) -> Kernel:
    """:class:`Kernel` for ``notebook``; a temporary directory it cannot use is a message."""
    try:
        return Kernel(notebook)
    except OSError as exc:
        raise _tmpdir_error(exc, Path(tempfile.gettempdir())) from None


@contextlib.contextmanager
def _work_faults(work: Path):
    """Turn a failure of the work folder's disk into the product's message.

    An OSError there is one; so is a failing cell or xelatex run when the disk holding the work
    folder is then full (their own messages would name a cell, or xelatex's last words).
    """
    import errno

    from analysis.errors import os_error_in

    try:
        yield
    except (OSError, ReportError) as exc:
        cause = os_error_in(exc)
        try:
            full = shutil.disk_usage(work).free < MIN_FREE_BYTES
        except OSError:
            full = False
        if full and (cause is None or cause.errno != errno.ENOSPC):
            cause = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        if cause is None:
            raise
        raise _tmpdir_error(cause, work.parent) from None


def _execute(notebook: Path, executed: Path, parameters: dict, cwd: Path, pdf_path: Path,
             kernel: Kernel) -> None:
    """Run the notebook with papermill; a failing cell becomes a short :class:`ReportError`."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    if not notebook.is_file():
        raise ReportError(text("msg.render.no_notebook", path=str(notebook)).render())
    kernel_log = cwd / "kernel.log"
    try:
        papermill.execute_notebook(
            str(notebook),
            str(executed),
            parameters=parameters,
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            cwd=str(cwd),
            execution_timeout=CELL_TIMEOUT_S,
            kernel_manager_class=kernel.manager_class(),
            shutdown_kernel=KERNEL_SHUTDOWN,
        )
    except PapermillExecutionError as exc:
        kept = pdf_path.with_name(pdf_path.stem + ".failed.ipynb")
        note = ""
        if executed.is_file():
            try:
                shutil.copyfile(executed, kept)
                note = "\n" + text("msg.render.kept", path=str(kept)).render()
            except OSError:
                pass
        source = (exc.source or "").strip().splitlines()
        where = text("msg.render.cell", n=exc.exec_count).render() + (
            f" ({source[0][:80]})" if source else "")
        raise ReportError(text("msg.render.cell_failed", where=where, name=exc.ename,
                               value=_strip_ansi(exc.evalue)).render() + note) from None
    except RuntimeError as exc:  # the kernel died or could not start
        tail = kernel_log.read_text(errors="replace").strip().splitlines()[-5:] \
            if kernel_log.is_file() else []
        raise ReportError(text("msg.render.kernel_failed", reason=str(exc)).render() +
                          ("\n" + "\n".join(tail) if tail else "")) from None


def _quiet_kernel_manager(log_path: Path) -> type:
    """A kernel manager whose kernel writes its own log (stderr) to ``log_path``.

    The kernel's start-up chatter would otherwise reach the terminal of ``analysis report``;
    the log is read back only when the kernel fails. A class per call, so that parallel
    renders share nothing.
    """
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class QuietKernelManager(AsyncKernelManager):
        # IPC sockets (files in the render's own folder) instead of TCP ports: kernels started
        # at once by parallel renders (analysis batch) otherwise race for the same free port
        # ("Address already in use", then "Kernel died before replying to kernel_info").
        @default("transport")
        def _transport_default(self):
            return "ipc"

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            kw["env"] = {**(kw.get("env") or os.environ), PDF_ONLY_ENV: "1"}
            kw["stderr"] = log_path.open("ab")
            try:
                return await super()._async_launch_kernel(kernel_cmd, **kw)
            finally:
                kw["stderr"].close()

        # After the kill that stops the kernel (KERNEL_SHUTDOWN), jupyter_client checks every
        # 0.1 s whether the process has gone; it is gone within milliseconds.
        async def _async_wait(self, pollinterval: float = 0.1) -> None:
            await super()._async_wait(pollinterval=min(pollinterval, KERNEL_EXIT_POLL_S))

    return QuietKernelManager


#: What nbclient passes to a kernel it starts itself (its ``ipython_hist_file``): no history
#: database in the user's home, which parallel renders would share.
KERNEL_ARGUMENTS = ("--HistoryManager.hist_file=:memory:",)


def _kernel_name(notebook: Path) -> str:
    """The notebook's kernel (``metadata.kernelspec.name``), read without nbformat."""
    try:
        return json.loads(notebook.read_text(encoding="utf-8"))["metadata"]["kernelspec"]["name"]
    except (OSError, ValueError, KeyError, TypeError):
        return "python3"  # papermill's error about the notebook comes later, as before


class Kernel:
    """The kernel of one render, started as soon as the notebook is known, in its own folder.

    A kernel takes 0.5 s to start (a fresh interpreter importing ipykernel and IPython), nearly
    all of it in its own process. Started before the inputs are checked and papermill and
    nbconvert are imported, it boots on the other core meanwhile instead of after them. It runs
    nothing before the notebook's first cell, so the output is the same. papermill's nbclient
    takes it over (:meth:`manager_class`) and stops it after the last cell, as it stops a kernel
    it started itself. The folder (:attr:`work`) is the render's private working folder: the
    kernel's current directory and socket files, the kernel's log, the executed notebook, the
    LaTeX files. Leaving the ``with`` block (or :meth:`close`) stops the kernel if it still
    runs and removes the folder; so does dropping an unused one.
    """

    def __init__(self, notebook: Path):
        from jupyter_core.utils import run_sync

        from analysis.report.workspace import new_work_folder

        self.work = new_work_folder()  # the folders of killed renders are swept first
        self.log = self.work / "kernel.log"
        self.manager = _quiet_kernel_manager(self.log)(kernel_name=_kernel_name(notebook))
        # the connection file in the work folder, not in TMPDIR: removed with it, or swept
        self.manager.connection_file = str(self.work / "kernel.json")
        # IPC socket files named by absolute path: the kernel runs in the work folder, this
        # process anywhere until papermill changes into that folder too.
        ipc = str(self.work / "kernel-ipc")
        if len(os.fsencode(ipc)) <= MAX_IPC_PATH_BYTES:
            self.manager.ip = ipc
        else:
            self.manager.transport = "tcp"
        self._finalizer = weakref.finalize(self, _discard, self.manager, self.work)
        try:
            run_sync(self.manager.start_kernel)(cwd=str(self.work),
                                                extra_arguments=list(KERNEL_ARGUMENTS))
        except BaseException:
            self.close()
            raise

    def manager_class(self) -> type:
        """A kernel manager class for papermill whose "new" instance is this started kernel.

        nbclient makes its kernel manager from a class (``kernel_manager_class``); handed this
        one, it gets the running kernel, so it starts none and, owning the manager, stops this
        one after the last cell (``shutdown_kernel``), closing its own client's channels.
        """
        manager = self.manager

        class Started(type(manager)):
            def __new__(cls, *args, **kwargs):
                return manager  # not a Started instance, so __init__ does not run again

        return Started

    def close(self) -> None:
        """Stop the kernel if it still runs; remove the work folder."""
        if self._finalizer.detach():
            _discard(self.manager, self.work)

    @contextlib.contextmanager
    def closed_on_error(self):
        """Context manager: :meth:`close` when the block raises (the kernel is not needed)."""
        try:
            yield self
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Kernel:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _discard(manager, work: Path) -> None:
    """Kill the kernel process if it runs, remove its connection file and the work folder."""
    process = getattr(manager.provisioner, "process", None) if manager.has_kernel else None
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()
    if manager.connection_file:
        Path(manager.connection_file).unlink(missing_ok=True)
    # The manager's own ZeroMQ context, closed now without waiting for messages to a kernel
    # that is gone: left to the garbage collector, its term() could block the process forever.
    if manager._created_context and not manager.context.closed:
        manager._close_control_socket()
        manager.context.destroy(linger=0)
    shutil.rmtree(work, ignore_errors=True)


#: Cell id given to the cell papermill injects (papermill gives it a random one).
INJECTED_CELL_ID = "injected-parameters"


def _record_output_path(executed: Path, final: Path) -> None:
    """Write the executed notebook's final path into papermill's metadata; fix the injected id.

    papermill records the path it wrote to, here a random temporary folder, and gives the cell
    it injects a random id; with the final path and a fixed id instead, two renders of the same
    inputs give executed notebooks that differ only in papermill's timing metadata.
    """
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    nb.metadata.setdefault("papermill", {})["output_path"] = str(final)
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = INJECTED_CELL_ID
    nbformat.write(nb, executed)


def _strip_ansi(text: str) -> str:
    """Remove terminal colour codes."""
    return re.sub(r"\x1b\[[0-9;]*m", "", text or "")


def _export_latex(executed: Path, tex_dir: Path, font: MainFont) -> None:
    """Export the executed notebook to ``tex_dir/report.tex`` plus its figure files."""
    import nbformat
    from nbconvert import LatexExporter
    from traitlets.config import Config

    from analysis.report import layout

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


def _typeset(tex_dir: Path, env: dict) -> None:
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
    wrong, the loop in :func:`_typeset` still runs until nothing changes, so the worst case
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
