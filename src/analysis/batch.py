"""Render several reports (years × languages) at once, in parallel processes.

Every combination of an assessment year and a language is one *job*: one call of
:func:`analysis.report.render.render_report` in a worker process of a
:class:`concurrent.futures.ProcessPoolExecutor`. Each render works in its own temporary
directory and runs its own kernel and xelatex, so jobs share nothing but the output folder, where
each writes its own files (``<programme>-<year>-<lang>.pdf`` and the executed notebook, the
``.docx`` with ``output_format`` "docx" or "both") by an atomic rename.

A failing job does not stop the others: the worker catches the error and returns it as the
job's outcome (:class:`Outcome`, status ``failed`` with the reason), and a worker that dies
outright (killed, out of memory) is reported the same way. :func:`exit_status` turns the outcomes
into the command's exit status: 0 when every report was written, 2 when the only failures were
invalid inputs, 1 otherwise.

Workers are started by a *forkserver* that has already imported the report pipeline (papermill,
nbconvert, the package), so a worker costs a fork, not a fresh interpreter and its imports, and
no worker inherits the threads of the calling process (e.g. the progress bar's).

Messages (the reasons of failed jobs, the summary's headings) are in the language of
:mod:`analysis.messages`; the workers render an input error's problems in
:attr:`RenderOptions.messages_lang`, the language of the command that started them.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from analysis.errors import EXIT_INVALID_INPUT, EXIT_RENDER_FAILED, InputError
from analysis.i18n import LANGUAGES
from analysis.messages import resolve, set_process_lang
from analysis.messages import text as msg
from analysis.programme import DEFAULT_PROGRAMME, report_filename
from analysis.report.parameters import ReportParameters

#: Modules the forkserver imports once, before it forks the workers.
PRELOAD_MODULES = ("analysis.report.render", "papermill", "nbconvert", "nbformat")
#: Status of a job that wrote its report, and of one that did not.
STATUS_OK = "ok"
STATUS_FAILED = "failed"

_YEAR_ITEM = re.compile(r"^\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?$")


@dataclass(frozen=True)
class Job:
    """One report to render: assessment year and language (of the batch's programme)."""

    year: int
    lang: str
    programme_id: str = DEFAULT_PROGRAMME

    @property
    def filename(self) -> str:
        """The PDF's file name (:func:`analysis.programme.report_filename`)."""
        return report_filename(self.programme_id, self.year, self.lang)


@dataclass(frozen=True)
class Outcome:
    """What became of one job: the PDF (or where it would have been), pages, time, status."""

    job: Job
    path: Path
    status: str
    seconds: float
    pages: int | None = None
    reason: str = ""
    input_error: bool = False

    @property
    def ok(self) -> bool:
        """True when the report was written."""
        return self.status == STATUS_OK


@dataclass(frozen=True)
class RenderOptions:
    """What every job of a batch shares: the output folder, the report's parameters (each job
    sets its own ``assessment_year`` and ``lang``: :func:`render_job`) and the language of the
    messages.
    """

    out_dir: Path
    parameters: ReportParameters = field(default_factory=ReportParameters)
    messages_lang: str | None = None


def parse_years(text: str) -> list[int]:
    """Read ``2023-2025``, ``2023,2025`` or ``2021-2023,2025`` as a sorted list of years.

    Raises
    ------
    ValueError
        On anything else, or on a range whose end comes before its start.
    """
    years: set[int] = set()
    for item in text.split(","):
        if not item.strip():
            continue
        m = _YEAR_ITEM.match(item)
        if not m:
            raise ValueError(msg("msg.batch.years", found=item.strip()).render())
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if last < first:
            raise ValueError(msg("msg.batch.backwards", range=item.strip()).render())
        years.update(range(first, last + 1))
    if not years:
        raise ValueError(msg("msg.batch.no_year").render())
    return sorted(years)


def parse_languages(text: str) -> list[str]:
    """Read ``vi,en`` as a list of languages (in the order given, without repeats).

    Raises
    ------
    ValueError
        On a language other than those of :data:`LANGUAGES`, or none at all.
    """
    langs: list[str] = []
    for item in (x.strip() for x in text.split(",")):
        if not item:
            continue
        if item not in LANGUAGES:
            raise ValueError(msg("msg.batch.language", found=item,
                                  languages=", ".join(LANGUAGES)).render())
        if item not in langs:
            langs.append(item)
    if not langs:
        raise ValueError(msg("msg.batch.no_language").render())
    return langs


def jobs_for(years: Iterable[int], langs: Iterable[str],
             programme_id: str = DEFAULT_PROGRAMME) -> list[Job]:
    """Every combination, years outer, languages inner (the order of the summary)."""
    langs = list(langs)
    return [Job(int(y), lang, programme_id) for y in years for lang in langs]


def default_jobs() -> int:
    """Number of worker processes by default: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def render_job(job: Job, options: RenderOptions) -> Path:
    """Render one job with :func:`analysis.report.render.render_report`; returns the PDF."""
    # late: the render imports the kernel's machinery (jupyter_client, 0.12 s), which the
    # command line's --help loads none of; the workers' forkserver has it already
    from analysis.report.render import render_report

    parameters = replace(options.parameters, assessment_year=job.year, lang=job.lang)
    return render_report(parameters, out_dir=options.out_dir)


def count_pages(pdf: Path) -> int:
    """Pages of a PDF (pypdf)."""
    from pypdf import PdfReader  # late: pypdf (0.1 s) only in the workers, never for --help

    return len(PdfReader(pdf).pages)


def run_job(
    job: Job, options: RenderOptions, render: Callable[[Job, RenderOptions], Path] = render_job
) -> Outcome:
    """Render ``job`` and return its :class:`Outcome`; never raises for a failed render.

    Runs in a worker process. Any exception of the render becomes status ``failed`` with the
    exception's message as the reason (an :class:`~analysis.errors.InputError` lists every
    problem; a :class:`~analysis.errors.ReportError` names the failing cell or xelatex's
    message).
    """
    set_process_lang(options.messages_lang)  # a worker speaks the language of its batch
    started = time.perf_counter()
    expected = Path(options.out_dir) / job.filename
    try:
        pdf = Path(render(job, options))
        pages = count_pages(pdf) if pdf.suffix == ".pdf" else None  # a Word-only render
    except Exception as exc:  # noqa: BLE001  (every failure is reported, none stops the batch)
        return Outcome(job, expected, STATUS_FAILED, time.perf_counter() - started,
                       reason=_reason(exc, options.messages_lang),
                       input_error=isinstance(exc, InputError))
    return Outcome(job, pdf, STATUS_OK, time.perf_counter() - started, pages=pages)


def _reason(exc: BaseException, lang: str | None = None) -> str:
    """A failure's message, with its type when the message alone would not say much."""
    message = (exc.render(lang) if isinstance(exc, InputError) else str(exc)).strip()
    name = type(exc).__name__
    if name in ("ReportError", "InputError") and message:
        return message
    return f"{name}: {message}" if message else name


def run_batch(
    jobs: Sequence[Job],
    options: RenderOptions,
    max_workers: int | None = None,
    progress: bool = True,
    render: Callable[[Job, RenderOptions], Path] = render_job,
) -> list[Outcome]:
    """Render every job in parallel processes; one outcome per job, in the order of ``jobs``.

    Parameters
    ----------
    jobs : sequence of Job
        What to render.
    options : RenderOptions
        Output folder and input files, the same for every job.
    max_workers : int, optional
        Worker processes; None takes :func:`default_jobs`. Never more than there are jobs.
    progress : bool
        Show a progress bar (tqdm, on standard error).
    render : callable
        ``render(job, options) -> Path``; a module-level function (it is pickled to the
        workers). The default renders the report; tests pass a stand-in.

    Returns
    -------
    list of Outcome
    """
    from tqdm import tqdm  # late: tqdm (0.05 s) only when a batch runs, never for --help

    if not jobs:
        return []
    Path(options.out_dir).mkdir(parents=True, exist_ok=True)
    workers = max(1, min(max_workers or default_jobs(), len(jobs)))
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOAD_MODULES))
    outcomes: dict[Job, Outcome] = {}
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures: dict[Future, Job] = {pool.submit(run_job, job, options, render): job
                                      for job in jobs}
        with tqdm(total=len(jobs), desc=msg("msg.batch.progress").render(options.messages_lang),
                  disable=not progress, dynamic_ncols=True) as bar:
            for future in as_completed(futures):
                job = futures[future]
                try:
                    outcome = future.result()
                except BrokenProcessPool as exc:  # the worker died (killed, out of memory)
                    outcome = Outcome(job, Path(options.out_dir) / job.filename, STATUS_FAILED,
                                      time.perf_counter() - started,
                                      reason=msg("msg.batch.worker_died",
                                                  reason=str(exc)).render(options.messages_lang))
                except Exception as exc:  # noqa: BLE001  (e.g. an outcome that cannot be pickled)
                    outcome = Outcome(job, Path(options.out_dir) / job.filename, STATUS_FAILED,
                                      time.perf_counter() - started, reason=_reason(exc))
                outcomes[job] = outcome
                bar.set_postfix_str(f"{job.filename} {outcome.status}", refresh=False)
                bar.update()
    return [outcomes[job] for job in jobs]


def summary_table(outcomes: Sequence[Outcome], lang: str | None = None) -> str:
    """The summary printed at the end: file, pages, seconds, status (one line per job)."""
    import pandas as pd  # late: pandas (0.25 s) only at the end of a batch, never for --help

    lang = resolve(lang)
    head = {k: msg(f"msg.batch.col.{k}").render(lang)
            for k in ("file", "pages", "seconds", "status")}
    if not outcomes:
        return " ".join(head.values())
    columns = {
        head["file"]: [str(o.path) for o in outcomes],
        head["pages"]: [str(o.pages) if o.pages is not None else "–" for o in outcomes],
        head["seconds"]: [f"{o.seconds:.1f}" for o in outcomes],
        head["status"]: [msg(f"msg.batch.status.{o.status}").render(lang) for o in outcomes],
    }
    right_aligned = (head["pages"], head["seconds"])  # numbers right, text left
    for name, values in columns.items():
        width = max(len(name), *(len(v) for v in values)) if values else len(name)
        columns[name] = [v.rjust(width) if name in right_aligned else v.ljust(width)
                         for v in values]
    return pd.DataFrame(columns).to_string(index=False, justify="left")


def failure_lines(outcomes: Sequence[Outcome], lang: str | None = None) -> list[str]:
    """For each failed job: its file and the reason, indented under it."""
    lines = []
    for o in outcomes:
        if not o.ok:
            lines.append(msg("msg.batch.failed_line", file=o.job.filename).render(lang))
            reason = o.reason or msg("msg.batch.no_reason").render(lang)
            lines += [f"    {line}" for line in reason.splitlines()]
    return lines


def exit_status(outcomes: Sequence[Outcome]) -> int:
    """0 when every report was written; 2 when only invalid inputs failed; 1 otherwise."""
    failed = [o for o in outcomes if not o.ok]
    if not failed:
        return 0
    if all(o.input_error for o in failed):
        return EXIT_INVALID_INPUT
    return EXIT_RENDER_FAILED
