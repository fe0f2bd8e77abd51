"""Work folders that a killed run cannot leave behind, and the owner of a file or folder.

A render works in a private folder in the temporary directory (``TMPDIR``): the kernel's
connection file and sockets, its log, the executed notebook, the LaTeX files (up to 1 MB). A
run that ends normally, fails or is interrupted (Ctrl-C, SIGTERM) removes it itself. A run
killed outright (``kill -9``, a power cut, the out-of-memory killer) cannot; the next run
sweeps it: every folder is named after its owner, ``analysis-report-<pid>-<start>-<random>``
(:func:`owner`: the process id and the process's start time, so that a process id the system
has since given to another process is not mistaken for the owner), and :func:`sweep` removes
the folders whose owner is no longer running. A folder of a live run, of this user or another,
is never touched; nor is anything not named so.

A failure of the disk that holds the work folder (full, read-only, no permission) is the
product's message naming ``TMPDIR`` (:func:`tmpdir_error`, :func:`work_faults`), never a
traceback.

:mod:`analysis.report.outputs` names its temporary files beside the report the same way, for
the same sweep.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
from pathlib import Path

from analysis.errors import InputError, ReportError, os_error, os_error_in
from analysis.messages import text

#: Prefix of a render's work folder in the temporary directory.
WORK_PREFIX = "analysis-report-"
#: Free bytes under which a failure in the work folder is put down to a full disk.
MIN_FREE_BYTES = 1 << 20
#: Where the work folder is chosen, named in messages.
TMPDIR_OPTION = "TMPDIR"
_OWNER = re.compile(r"(\d+)-(\d+)")


def _start_time(pid: int) -> int | None:
    """When process ``pid`` started, in clock ticks after boot (Linux); None when unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    try:
        return int(stat.rsplit(")", 1)[1].split()[19])  # field 22; the name may hold spaces
    except (IndexError, ValueError):
        return None


def owner(pid: int | None = None) -> str:
    """``<pid>-<start time>`` of this process (or ``pid``): the owner written in a name."""
    pid = os.getpid() if pid is None else pid
    return f"{pid}-{_start_time(pid) or 0}"


def is_running(token: str) -> bool:
    """Whether the process ``token`` names (:func:`owner`) still runs.

    A process of another user counts as running (it cannot be signalled, but it is there).
    """
    m = _OWNER.fullmatch(token)
    if not m:
        return True  # not ours to judge
    pid, start = int(m.group(1)), int(m.group(2))
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    now = _start_time(pid)
    return not (start and now is not None and now != start)  # the id was given to another


def new_work_folder(prefix: str = WORK_PREFIX) -> Path:
    """A new private folder in the temporary directory, owned by this process; the folders
    of dead owners are swept first (:func:`sweep`).
    """
    root = Path(tempfile.gettempdir())
    sweep(root, prefix)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{owner()}-", dir=root))


def sweep(root: Path | str | None = None, prefix: str = WORK_PREFIX) -> list[Path]:
    """Remove the work folders in ``root`` whose owner no longer runs; the folders removed."""
    root = Path(root or tempfile.gettempdir())
    pattern = re.compile(re.escape(prefix) + r"(\d+-\d+)-")
    removed = []
    try:
        entries = list(os.scandir(root))
    except OSError:
        return removed
    for entry in entries:
        m = pattern.match(entry.name)
        if not m or is_running(m.group(1)):
            continue
        try:
            if not entry.is_dir(follow_symlinks=False):
                continue
        except OSError:
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(Path(entry.path))
    return removed


def tmpdir_error(exc: OSError, folder: Path) -> InputError:
    """The product's message for an operating-system error in the temporary directory."""
    return os_error(exc, folder, TMPDIR_OPTION, expected=text("msg.tmpdir.expected"))


@contextlib.contextmanager
def work_faults(work: Path):
    """Turn a failure of the work folder's disk into the product's message.

    An OSError there is one; so is a failing cell or xelatex run when the disk holding the work
    folder is then full (their own messages would name a cell, or xelatex's last words).
    """
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
        raise tmpdir_error(cause, work.parent) from None
