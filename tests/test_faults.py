"""Faults during a real render, from the command line: kill -9 at three points, a full disk
(the temporary folder, the output folder), a read-only output folder, Ctrl-C and SIGTERM.

Each test starts ``python -m analysis report`` in its own process group, with its own
temporary folder (``TMPDIR``), over an output folder holding an earlier report (two files of
known bytes), and checks:

* the exit status and the first line of the message (no traceback);
* the earlier report whole and matching: both files byte-identical (after a kill -9 during
  the final renames, once the next run has put the set right);
* nothing left behind: the work folder and the kernel's connection file of a killed run are
  swept by the next run, which here is a ``report`` refused for a missing input (exit 2).

Points in a run are reached by waiting for the state, never for a time: "the kernel runs" is
a kernel process among the render's children, "xelatex runs" an xelatex process among them.
The disk-full and read-only cases mount a small tmpfs, which needs root (CI runs as root);
elsewhere they are skipped with the reason.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from analysis import PROJECT_ROOT
from analysis.report.workspace import WORK_PREFIX

pytestmark = pytest.mark.faults

EARLIER_PDF = b"%PDF-1.5 earlier report, must survive\n"
EARLIER_NB = b'{"earlier": "notebook"}'
PDF, NB = "26-ctr-tu-2025-vi.pdf", "26-ctr-tu-2025-vi.ipynb"
#: How often the state of a render is looked at while waiting for a point (not a timing).
POLL_S = 0.05


@pytest.fixture
def earlier(tmp_path) -> Path:
    out = tmp_path / "reports"
    out.mkdir()
    (out / PDF).write_bytes(EARLIER_PDF)
    (out / NB).write_bytes(EARLIER_NB)
    return out


@pytest.fixture
def tmpdir_(tmp_path) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    return folder


def untouched(out: Path) -> None:
    assert (out / PDF).read_bytes() == EARLIER_PDF
    assert (out / NB).read_bytes() == EARLIER_NB
    assert sorted(p.name for p in out.iterdir()) == sorted([PDF, NB]), "a temporary file left"


def env_for(tmp: Path) -> dict:
    env = dict(os.environ, TMPDIR=str(tmp), ANALYSIS_LANG="en")
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def start(out: Path, tmp: Path, *args: str, code: str | None = None) -> subprocess.Popen:
    """``python -m analysis report --out OUT`` (or ``python -c CODE``) in its own group."""
    command = [sys.executable, "-c", code, str(out)] if code else \
        [sys.executable, "-m", "analysis", "report", "--out", str(out), *args]
    return subprocess.Popen(command, cwd=PROJECT_ROOT, env=env_for(tmp), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True,  # its own process group, as a terminal's
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def wait_for_child(proc: subprocess.Popen, word: str) -> None:
    """Return once a process whose command line holds ``word`` runs under ``proc``."""
    parent = psutil.Process(proc.pid)
    while proc.poll() is None:
        for child in parent.children(recursive=True):
            try:
                if any(word in part for part in child.cmdline()):
                    return
            except psutil.Error:
                continue
        time.sleep(POLL_S)
    raise AssertionError(f"the render ended before {word} ran: {proc.stderr.read()[-2000:]}")


def finish(proc: subprocess.Popen) -> tuple[int, str]:
    _, err = proc.communicate()
    return proc.returncode, err


def work_folders(tmp: Path) -> list[Path]:
    return sorted(tmp.glob(f"{WORK_PREFIX}*"))


def next_run(out: Path, tmp: Path) -> None:
    """A later run (refused for a missing input) that sweeps what a killed one left."""
    code, err = finish(start(out, tmp, "--actuals", str(tmp.parent / "missing.csv")))
    assert code == 2 and "missing.csv" in err
    assert work_folders(tmp) == []
    assert not list(tmp.glob("*.json")), "a kernel connection file left in TMPDIR"


# kill -9 at three points --------------------------------------------------------------

@pytest.mark.parametrize("point", ["ipykernel", "xelatex"])
def test_kill_9_while_rendering_leaves_the_earlier_report_and_the_next_run_sweeps(
        earlier, tmpdir_, point):
    proc = start(earlier, tmpdir_)
    wait_for_child(proc, point)
    os.killpg(proc.pid, signal.SIGKILL)
    code, _ = finish(proc)
    assert code == -signal.SIGKILL
    untouched(earlier)
    (left,) = work_folders(tmpdir_)  # left by the killed run
    if point == "ipykernel":  # the kernel's connection file is in it, not in TMPDIR
        assert (left / "kernel.json").exists()
    next_run(earlier, tmpdir_)
    untouched(earlier)


#: A report whose process kills itself right after it renamed the new PDF over the earlier
#: one, before the notebook: the worst moment, a mismatched pair on disk.
KILLED_IN_THE_RENAMES = textwrap.dedent("""
    import os, signal, sys
    real = os.replace
    def replace(src, dst):
        real(src, dst)
        if str(src).endswith(".part"):
            os.kill(os.getpid(), signal.SIGKILL)
    os.replace = replace
    from analysis.cli import main
    sys.exit(main(["report", "--out", sys.argv[1]]))
""")


def test_kill_9_between_the_renames_is_rolled_back_by_the_next_run(earlier, tmpdir_):
    code, _ = finish(start(earlier, tmpdir_, code=KILLED_IN_THE_RENAMES))
    assert code == -signal.SIGKILL
    assert (earlier / PDF).read_bytes() != EARLIER_PDF  # the new PDF beside the old notebook
    assert (earlier / NB).read_bytes() == EARLIER_NB
    next_run(earlier, tmpdir_)
    untouched(earlier)  # the earlier pair, whole again


# a full disk, a read-only folder ---------------------------------------------------------

@pytest.fixture
def tmpfs(tmp_path):
    """Mount small tmpfs file systems below ``tmp_path``: ``tmpfs(name, size, ro=False)``."""
    mounted = []

    def mount(name: str, size: str, ro: bool = False) -> Path:
        point = tmp_path / name
        point.mkdir(exist_ok=True)
        options = f"size={size}" + (",ro" if ro else "")
        proc = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)],
                              capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            pytest.skip("a small tmpfs for a full or read-only disk needs root (CI runs as "
                        f"root): {proc.stderr.strip()}")
        mounted.append(point)
        return point

    yield mount
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], check=False)


@pytest.mark.parametrize("size", ["200k", "1m"])  # full while papermill / xelatex writes
def test_a_full_temporary_folder_is_a_message(earlier, tmpfs, size):
    tmp = tmpfs("tmp", size)
    code, err = finish(start(earlier, tmp))
    assert code == 2, err
    assert err.splitlines()[:2] == [
        "A file could not be read or written:",
        f"  - parameter TMPDIR: no space left on the disk (found '{tmp}'; expected free space "
        "and write permission in the temporary folder (free some space, or point the TMPDIR "
        "environment variable at another folder))"]
    untouched(earlier)
    assert work_folders(tmp) == []


def test_a_full_output_folder_leaves_the_earlier_report(tmp_path, tmpfs, tmpdir_):
    out = tmpfs("out", "300k")  # the new PDF (~270 KB) and notebook (~560 KB) do not fit
    (out / PDF).write_bytes(EARLIER_PDF)
    (out / NB).write_bytes(EARLIER_NB)
    code, err = finish(start(out, tmpdir_))
    assert code == 2, err
    assert err.splitlines()[1].startswith(
        f"  - parameter --out: no space left on the disk (found '{out}'")
    untouched(out)


def test_a_read_only_output_folder_is_refused_before_the_notebook_runs(tmpfs, tmpdir_):
    out = tmpfs("ro", "1m", ro=True)
    code, err = finish(start(out, tmpdir_))
    assert code == 2
    assert err.splitlines()[1].startswith(
        f"  - parameter --out: the disk is read-only (found '{out}'")
    assert "Traceback" not in err
    assert work_folders(tmpdir_) == []  # refused before a kernel or a work folder


# Ctrl-C and SIGTERM -----------------------------------------------------------------------

@pytest.mark.parametrize("point", ["ipykernel", "xelatex"])
@pytest.mark.parametrize(("signum", "status", "line"), [
    (signal.SIGINT, 130, "Stopped (Ctrl-C); any earlier report is unchanged."),
    (signal.SIGTERM, 143, "Stopped (SIGTERM); any earlier report is unchanged.")])
def test_ctrl_c_ends_with_one_line(earlier, tmpdir_, point, signum, status, line):
    proc = start(earlier, tmpdir_)
    wait_for_child(proc, point)
    os.killpg(proc.pid, signum)  # as a terminal sends Ctrl-C: to the whole process group
    code, err = finish(proc)
    assert (code, err) == (status, line + "\n")
    untouched(earlier)
    next_run(earlier, tmpdir_)
