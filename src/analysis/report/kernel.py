"""The report's kernel: started early in the render's own work folder, then running the
notebook's cells with papermill.

A kernel takes 0.5 s to start (a fresh interpreter importing ipykernel and IPython), nearly all
of it in its own process. :func:`start_kernel` starts it before the inputs are checked and
before papermill and nbconvert are imported, so that it boots on the other core meanwhile
instead of after them; it runs nothing before the notebook's first cell, so the output is the
same. papermill's nbclient takes it over (:meth:`Kernel.manager_class`) and stops it after the
last cell, as it stops a kernel it started itself (:func:`execute`). A failing cell becomes a
short :class:`~analysis.errors.ReportError` naming the cell and its error.

The kernel's sockets are IPC files in the work folder (:mod:`analysis.report.workspace`), not
TCP ports: kernels started at once by parallel renders (``analysis batch``) otherwise race for
the same free port. Its environment says :data:`~analysis.report.parameters.PDF_ONLY_ENV`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
import weakref
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from traitlets import default

from analysis.errors import ReportError
from analysis.messages import text
from analysis.report.parameters import PDF_ONLY_ENV
from analysis.report.workspace import new_work_folder, tmpdir_error

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
#: What nbclient passes to a kernel it starts itself (its ``ipython_hist_file``): no history
#: database in the user's home, which parallel renders would share.
KERNEL_ARGUMENTS = ("--HistoryManager.hist_file=:memory:",)
#: Cell id given to the cell papermill injects (papermill gives it a random one).
INJECTED_CELL_ID = "injected-parameters"


def _quiet_kernel_manager(log_path: Path) -> type:
    """A kernel manager whose kernel writes its own log (stderr) to ``log_path``.

    The kernel's start-up chatter would otherwise reach the terminal of ``analysis report``;
    the log is read back only when the kernel fails. A class per call, so that parallel
    renders share nothing.
    """

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


def _kernel_name(notebook: Path) -> str:
    """The notebook's kernel (``metadata.kernelspec.name``), read without nbformat."""
    try:
        return json.loads(notebook.read_text(encoding="utf-8"))["metadata"]["kernelspec"]["name"]
    except (OSError, ValueError, KeyError, TypeError):
        return "python3"  # papermill's error about the notebook comes later, as before


class Kernel:
    """The kernel of one render, started as soon as the notebook is known, in its own folder.

    The folder (:attr:`work`) is the render's private working folder: the kernel's current
    directory and socket files, the kernel's log, the executed notebook, the LaTeX files.
    Leaving the ``with`` block (or :meth:`close`) stops the kernel if it still runs and removes
    the folder; so does dropping an unused one.
    """

    def __init__(self, notebook: Path):
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


def start_kernel(notebook: Path) -> Kernel:
    """:class:`Kernel` for ``notebook``; a temporary directory it cannot use is a message."""
    try:
        return Kernel(notebook)
    except OSError as exc:
        raise tmpdir_error(exc, Path(tempfile.gettempdir())) from None


def execute(notebook: Path, executed: Path, parameters: dict, pdf_path: Path,
            kernel: Kernel) -> None:
    """Run the notebook with papermill in ``kernel``, in its work folder; a failing cell
    becomes a short :class:`ReportError` (the executed notebook is kept beside ``pdf_path`` as
    ``<name>.failed.ipynb``).
    """
    # late (both): imported while the kernel boots; --help and check load no notebook
    # machinery (tests/test_cold_start.py)
    import papermill
    from papermill.exceptions import PapermillExecutionError  # late, as papermill

    if not notebook.is_file():
        raise ReportError(text("msg.render.no_notebook", path=str(notebook)).render())
    kernel_log = kernel.log
    try:
        papermill.execute_notebook(
            str(notebook),
            str(executed),
            parameters=parameters,
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            cwd=str(kernel.work),
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


def record_output_path(executed: Path, final: Path) -> None:
    """Write the executed notebook's final path into papermill's metadata; fix the injected id.

    papermill records the path it wrote to, here a random temporary folder, and gives the cell
    it injects a random id; with the final path and a fixed id instead, two renders of the same
    inputs give executed notebooks that differ only in papermill's timing metadata.
    """
    import nbformat  # late: as papermill (execute)

    nb = nbformat.read(executed, as_version=4)
    nb.metadata.setdefault("papermill", {})["output_path"] = str(final)
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = INJECTED_CELL_ID
    nbformat.write(nb, executed)


def _strip_ansi(text: str) -> str:
    """Remove terminal colour codes."""
    return re.sub(r"\x1b\[[0-9;]*m", "", text or "")
