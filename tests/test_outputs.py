"""The report's files written as one set (analysis.report.outputs) and work folders a killed
run cannot leave behind (analysis.report.workspace).

The class: whatever fails, whenever (copying beside the targets, renaming, an interrupt, the
process killed between two renames), the targets hold either all the new files or all the
earlier ones, and no temporary file outlives the run, or the next run that sweeps it.
"""

import errno
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from analysis.errors import InputError, os_problem
from analysis.report import outputs, workspace

EARLIER = {"r.pdf": b"%PDF earlier", "r.ipynb": b'{"earlier": 1}'}
NEW = {"r.pdf": b"%PDF new one", "r.ipynb": b'{"new": 2}', "r.docx": b"PK new docx"}


def holding(folder: Path, contents: dict) -> Path:
    folder.mkdir()
    for name, data in contents.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture
def folder(tmp_path):
    return holding(tmp_path / "reports", EARLIER)


@pytest.fixture
def sources(tmp_path):
    return holding(tmp_path / "work", NEW)


def files(folder, sources, names=("r.pdf", "r.ipynb", "r.docx")):
    return {folder / n: sources / n for n in names}


def state(folder) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_every_file_is_written_and_nothing_else_is_left(folder, sources):
    outputs.write_together(files(folder, sources))
    assert state(folder) == NEW  # the docx did not exist before: it is new too


def test_a_full_disk_while_copying_leaves_the_earlier_set(folder, sources, monkeypatch):
    real = shutil.copyfile
    calls = []

    def copy(src, dst, *a, **k):
        calls.append(src)
        if len(calls) == 2:  # the notebook: the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(src, dst, *a, **k)

    monkeypatch.setattr(shutil, "copyfile", copy)
    with pytest.raises(InputError) as exc:
        outputs.write_together(files(folder, sources))
    (problem,) = exc.value.problems
    assert (problem.parameter, problem.key, problem.found) == ("--out", "msg.os.no_space",
                                                               str(folder))
    assert state(folder) == EARLIER


@pytest.mark.parametrize("failing", [1, 2, 3])
@pytest.mark.parametrize("error", [OSError(errno.EIO, "I/O error"), KeyboardInterrupt()])
def test_a_failed_rename_puts_the_earlier_files_back(folder, sources, monkeypatch, failing,
                                                     error):
    real = os.replace
    renames = []

    def replace(src, dst):
        if str(src).endswith(".part"):
            renames.append(dst)
            if len(renames) == failing:
                raise error
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises((InputError, KeyboardInterrupt)):
        outputs.write_together(files(folder, sources))
    assert state(folder) == EARLIER  # the new docx removed, the replaced files back


KILLED_COMMIT = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from analysis.report import outputs
    real, count, after = os.replace, [0], int(sys.argv[3])
    def replace(src, dst):
        real(src, dst)
        if str(src).endswith(".part"):
            count[0] += 1
            if count[0] == after:
                os.kill(os.getpid(), signal.SIGKILL)
    os.replace = replace
    folder, sources = Path(sys.argv[1]), Path(sys.argv[2])
    outputs.write_together({folder / n: sources / n for n in ("r.pdf", "r.ipynb", "r.docx")})
""")


@pytest.mark.parametrize(("after", "expected"), [(1, EARLIER), (2, EARLIER), (3, NEW)])
def test_a_commit_killed_between_renames_is_undone_or_finished_by_the_next_run(
        folder, sources, after, expected):
    proc = subprocess.run([sys.executable, "-c", KILLED_COMMIT, str(folder), str(sources),
                           str(after)], capture_output=True, check=False)
    assert proc.returncode == -9, proc.stderr
    leftover = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    assert any(n.endswith(".txn") for n in leftover)  # the journal of the dead run
    if after < 3:
        assert state(folder)["r.pdf"] == NEW["r.pdf"]  # a mismatched pair, for now
    outputs.sweep(folder)  # what the next write to the folder does first
    assert state(folder) == expected  # whole: all earlier (rolled back) or all new (finished)


def test_a_live_writers_files_are_not_swept(folder):
    mine = folder / f".r.pdf.{workspace.owner()}.part"
    mine.write_bytes(b"being written")
    outputs.sweep(folder)
    assert mine.exists()


def test_a_folder_in_place_of_a_target_is_refused_before_anything(folder, sources):
    (folder / "r.docx").mkdir()
    with pytest.raises(InputError) as exc:
        outputs.write_together(files(folder, sources))
    assert exc.value.problems[0].key == "msg.os.is_folder"
    assert {p.name for p in folder.iterdir()} == {"r.pdf", "r.ipynb", "r.docx"}


# checking --out before anything runs ----------------------------------------------------

def test_out_that_is_a_file(tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"x")
    with pytest.raises(InputError) as exc:
        outputs.check_folder(tmp_path / "report.pdf")
    assert exc.value.problems[0].render("en") == (
        "parameter --out: this is a file, not a folder: --out is the folder the report goes "
        f"into (found '{tmp_path / 'report.pdf'}'; expected a folder the report can be written "
        "to (chosen with --out))")


def test_out_below_a_file(tmp_path):
    (tmp_path / "f").write_bytes(b"x")
    with pytest.raises(InputError) as exc:
        outputs.check_folder(tmp_path / "f" / "reports")
    assert exc.value.problems[0].key == "msg.os.not_a_folder"


def test_out_to_be_made_is_checked_at_its_nearest_parent(tmp_path):
    outputs.check_folder(tmp_path / "new" / "reports")
    assert not (tmp_path / "new").exists()  # nothing made before the report is written


def test_out_that_cannot_be_written(tmp_path, monkeypatch):
    def refuse(*_a, **_k):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(outputs.tempfile, "mkstemp", refuse)
    with pytest.raises(InputError) as exc:
        outputs.check_folder(tmp_path)
    assert (exc.value.problems[0].key, exc.value.problems[0].parameter) == (
        "msg.os.permission", "--out")


@pytest.mark.parametrize(("name", "key"), [
    ("ENOSPC", "msg.os.no_space"), ("EROFS", "msg.os.read_only"),
    ("EACCES", "msg.os.permission"), ("EPERM", "msg.os.permission"),
    ("ENOTDIR", "msg.os.not_a_folder"), ("EEXIST", "msg.os.exists"),
    ("EISDIR", "msg.os.is_folder"), ("EDQUOT", "msg.os.quota"), ("EIO", "msg.os.other")])
def test_each_os_error_has_its_message(name, key):
    code = getattr(errno, name)
    problem = os_problem(OSError(code, os.strerror(code)), "/x", "--out")
    assert problem.key == key
    assert problem.render("vi").startswith("tham số --out: ")
    assert "Errno" not in problem.render("en")


# work folders ---------------------------------------------------------------------------

def _dead_owner() -> str:
    proc = subprocess.run([sys.executable, "-c", "from analysis.report.workspace import owner;"
                           "print(owner())"], capture_output=True, text=True, check=True)
    return proc.stdout.strip()


def test_the_folders_of_dead_owners_are_swept_and_no_other(tmp_path):
    dead = tmp_path / f"{workspace.WORK_PREFIX}{_dead_owner()}-abc"
    live = tmp_path / f"{workspace.WORK_PREFIX}{workspace.owner()}-def"
    other = tmp_path / f"{workspace.WORK_PREFIX}old-style"
    unrelated = tmp_path / "something-else-123-456-x"
    for d in (dead, live, other, unrelated):
        d.mkdir()
        (d / "kernel.json").write_text("{}")
    assert workspace.sweep(tmp_path) == [dead]
    assert not dead.exists() and live.exists() and other.exists() and unrelated.exists()


def test_a_reused_process_id_is_not_the_owner():
    pid, start = workspace.owner().split("-")
    assert workspace.is_running(f"{pid}-{start}")
    assert not workspace.is_running(f"{pid}-{int(start) + 1}")  # same id, another start


def test_a_new_work_folder_is_named_after_its_owner_and_sweeps_first(tmp_path, monkeypatch):
    monkeypatch.setattr(workspace.tempfile, "tempdir", str(tmp_path))
    dead = tmp_path / f"{workspace.WORK_PREFIX}{_dead_owner()}-abc"
    dead.mkdir()
    work = workspace.new_work_folder()
    assert work.name.startswith(f"{workspace.WORK_PREFIX}{workspace.owner()}-")
    assert not dead.exists()
    assert Path(work).parent == tmp_path
