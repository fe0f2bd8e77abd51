"""Render the assessment report: execute the notebook with papermill, typeset it with xelatex,
and (``output_format`` "docx" or "both") write the Word document from the same execution.

The route, step by step (each step in its own private temporary directory, so several renders
can run in parallel processes):

1. **Check the tools** (``xelatex``, ``pandoc``, the font: :mod:`analysis.report.typeset`,
   :mod:`analysis.report.fonts`) and the output folder, **start the kernel**
   (:mod:`analysis.report.kernel`), then **validate the inputs** with the notebook's own
   pipeline (:func:`analysis.report.inputs.read_inputs`) while the kernel boots; a problem stops
   the run before the notebook starts (:class:`~analysis.errors.InputError`, exit status 2 on
   the command line).
2. **Execute** ``notebooks/assessment.ipynb`` with papermill, the parameters
   (:class:`~analysis.report.parameters.ReportParameters`, paths made absolute, the year and the
   date resolved) injected.
3. **Export and typeset** the executed notebook (:mod:`analysis.report.typeset`: nbconvert's
   LaTeX exporter and the report's template, xelatex until the cross references settle).
4. **The Word document** (when asked for): :mod:`analysis.report.word` reads the blocks the
   executed notebook carries and writes the .docx with python-docx; no TeX is needed for it, so
   a Word-only render checks neither xelatex nor pandoc nor the font.
5. **Write the set**: the PDF, the .docx and the executed notebook are written together
   (:func:`analysis.report.outputs.write_together`): copied beside their final names and
   renamed over them only when everything succeeded, the earlier files put back if a rename
   fails, so a failed run leaves an earlier report byte-identical and never a mismatched set.
   The executed notebook is ``<name>.ipynb`` beside the PDF; a Word-only render writes its own,
   ``<name>.docx.ipynb``, and leaves the PDF's record alone. The output folder is checked
   before the notebook runs (:func:`~analysis.report.outputs.check_folder`).

Faults: an operating-system error (disk full, read-only, permission) is the product's message
naming ``--out`` or ``TMPDIR`` (:class:`~analysis.errors.InputError`, exit status 2); a full
temporary directory is recognised when papermill or xelatex fails because of it
(:func:`analysis.report.workspace.work_faults`). The work folder is named after its owner and
swept by a later run if this one is killed (:mod:`analysis.report.workspace`); the kernel's
connection file lives in it.

Reproducibility: xelatex runs with ``SOURCE_DATE_EPOCH`` and ``FORCE_SOURCE_DATE=1``. Unless the
environment sets ``SOURCE_DATE_EPOCH``, it is midnight UTC of the report date
(:func:`analysis.report.parameters.source_date_epoch`), a parameter that defaults to today and
is passed to the notebook as ``report_date``: the same inputs and the same date give the same
bytes.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from analysis import PROJECT_ROOT
from analysis.errors import ReportError
from analysis.messages import text
from analysis.report import outputs, typeset
from analysis.report.fonts import MainFont, find_main_font
from analysis.report.kernel import Kernel, execute, record_output_path, start_kernel
from analysis.report.parameters import (
    ReportParameters,
    parse_report_date,
    renderings,
    source_date_epoch,
)
from analysis.report.workspace import work_faults

#: The notebook the report is rendered from.
NOTEBOOK = PROJECT_ROOT / "notebooks" / "assessment.ipynb"
#: Where the calling process blames a year the data cannot support (the notebook's own check
#: names its parameter, ``assessment_year``).
YEAR_OPTION = "--year"


def render_report(parameters: ReportParameters | None = None,
                  out_dir: str | os.PathLike = "reports",
                  notebook: str | os.PathLike | None = None) -> Path:
    """Render the assessment report to ``<out_dir>/<stem>.pdf`` and/or ``.docx``
    (:func:`analysis.programme.report_stem`: ``26-ctr-tu-2025-vi``, ``26-ctr-tu-2026-9m-vi``).

    Self-contained: it works in its own temporary directory and changes no global state, so
    several renders can run at once in separate processes.

    Parameters
    ----------
    parameters : ReportParameters, optional
        What to render (:class:`~analysis.report.parameters.ReportParameters`; the defaults:
        the default programme, the latest year with annual actuals, Vietnamese, the PDF).
    out_dir : path
        Where the PDF (and/or the .docx) and the executed notebook are written.
    notebook : path, optional
        Notebook to execute (default :data:`NOTEBOOK`).

    Returns
    -------
    Path
        The PDF; the .docx when only the Word document is made.

    Raises
    ------
    analysis.errors.InputError
        An input file is invalid (raised before the notebook runs).
    analysis.errors.ReportError
        A tool is missing, a cell failed, or xelatex failed.
    """
    p = parameters or ReportParameters()
    making_pdf = "pdf" in p.renderings
    font = None
    if making_pdf:  # a Word document needs no TeX
        typeset.check_tools()
        font = find_main_font()
    out_dir = Path(out_dir)
    outputs.check_folder(out_dir)  # before anything runs
    kernel = start_kernel(Path(notebook or NOTEBOOK))  # boots while the inputs are checked
    with kernel.closed_on_error():
        # late: pandas and the loaders (0.3 s in a fresh process) load while the kernel boots
        from analysis.report.inputs import read_inputs

        resolved = p.resolved()
        inputs = read_inputs(resolved, YEAR_OPTION, assessment_needed=False)
        day = parse_report_date(p.report_date)
    plan = inputs.plan
    given = replace(resolved, programme=str(inputs.programme.folder),
                    assessment_year=plan.data_year,  # the year asked for (mid-year too)
                    report_date=day.isoformat())  # today's date, fixed before the kernel runs
    pdf_path = out_dir / inputs.programme.report_filename(plan.data_year, p.lang, plan.months)
    paths = output_paths(pdf_path, p.output_format)
    with kernel.closed_on_error():
        outputs.check_targets(paths.values())
    render_notebook(
        Path(notebook or NOTEBOOK), given.notebook_values(), pdf_path,
        source_date_epoch=source_date_epoch(day), font=font, kernel=kernel,
    )
    return paths.get("pdf", paths.get("docx"))


def output_paths(pdf_path: Path, output_format: str) -> dict[str, Path]:
    """Where a render writes its files: ``pdf``, ``docx`` (those asked for) and ``notebook``
    (the executed notebook: beside the PDF, or ``<name>.docx.ipynb`` for the Word document
    alone).
    """
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
    """Execute ``notebook`` with ``parameters`` (papermill's: literals, as
    :meth:`ReportParameters.notebook_values` gives them) and typeset it to ``pdf_path`` (and/or
    write the Word document beside it, as ``parameters["output_format"]`` asks: pdf by default).

    The executed notebook is written beside them (:func:`output_paths`). The files are
    replaced only when the whole run succeeded. This is the route :func:`render_report` uses,
    exposed so that any notebook (e.g. a one-cell benchmark) can go through it. ``kernel``: a
    :class:`~analysis.report.kernel.Kernel` already started for ``notebook`` (default: one
    started now); it is stopped and its folder removed when this returns.

    Raises
    ------
    analysis.errors.ReportError
        A cell failed or xelatex failed.
    """
    paths = output_paths(Path(pdf_path), parameters.get("output_format", "pdf"))
    if "pdf" in paths:
        typeset.check_tools()
        font = font or find_main_font()
    env = dict(os.environ)
    if source_date_epoch is not None and "SOURCE_DATE_EPOCH" not in os.environ:
        env["SOURCE_DATE_EPOCH"] = str(int(source_date_epoch))
    env.setdefault("SOURCE_DATE_EPOCH", "0")
    env["FORCE_SOURCE_DATE"] = "1"
    env["max_print_line"] = "100000"  # one log line per message, for the checks below
    pdf_path = Path(pdf_path)
    kernel = kernel or start_kernel(notebook)
    with kernel:
        work = kernel.work
        executed = work / "executed.ipynb"
        with work_faults(work):
            typeset.import_exporter()  # while the kernel boots
            execute(notebook, executed, parameters, pdf_path, kernel)
            record_output_path(executed, paths["notebook"])
            made = {}
            if "pdf" in paths:
                tex_dir = work / "tex"
                tex_dir.mkdir()
                typeset.export_latex(executed, tex_dir, font)
                typeset.typeset(tex_dir, env)
                made["pdf"] = tex_dir / "report.pdf"
            if "docx" in paths:
                made["docx"] = _write_docx(executed, work / "report.docx",
                                           int(env["SOURCE_DATE_EPOCH"]))
            made["notebook"] = executed
        outputs.write_together({paths[kind]: written for kind, written in made.items()})
    return pdf_path


def _write_docx(executed: Path, target: Path, epoch: int) -> Path:
    """The Word document of the executed notebook (:mod:`analysis.report.word`)."""
    # late: python-docx (0.08 s) only for a render that makes the Word document
    from analysis.report.word import write_docx

    try:
        return write_docx(executed, target, epoch)
    except (ValueError, KeyError, TypeError) as exc:
        raise ReportError(text("msg.render.docx_failed").render() + f": {exc}") from exc
