"""The report's files written as one set: all of the new ones, or the earlier ones untouched.

A render writes several files side by side: the PDF and the executed notebook kept as its
audit record (and the Word document, ``--format docx``). They must always match: a failure
must never leave a new PDF beside the notebook of an earlier run. :func:`write_together` is
the one way the report's files are written, and works as a transaction:

1. **Check** (:func:`check_folder`, before any notebook runs, then :func:`check_targets` once
   the names are known): the output folder, or its nearest existing parent when it is still to
   be made, is a folder in which a file can be created (a probe file, created and removed, so
   the system itself answers: read-only, permission, not a folder); no target is a folder.
2. **Stage**: every new file is copied *beside* its target, to a hidden temporary file
   (``.<name>.<owner>.part``). A full disk fails here, while every earlier file is untouched.
3. **Commit**: a journal (``.<name>.<owner>.txn``) lists the files; each earlier file gets a
   second name (a hard link ``.<name>.<owner>.old``, or a copy where links are not supported);
   then each staged file is renamed over its target (an atomic rename, on the same disk). If
   anything fails, the files already replaced get their earlier content back from the second
   names and the new files are removed: the earlier set stays whole.
4. **Clean up**: the second names and the journal are removed.

A run killed during step 3 leaves its journal; the next run that writes to the folder (or
:func:`sweep`) finishes the job of the dead owner (:mod:`analysis.report.workspace`): if all
its files were renamed, it removes the second names; if not, it rolls the set back. Leftover
staged files of dead owners are removed too.

Every operating-system error becomes the product's message naming ``--out``
(:func:`analysis.errors.os_problem`; exit status 2 on the command line).
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from analysis.errors import InputError, Problem, os_error
from analysis.messages import text
from analysis.report.workspace import is_running, owner

#: The option that names the output folder, in messages.
OUT_OPTION = "--out"
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<owner>\d+-\d+)\.(?P<kind>part|old|txn)$")


def _refused(exc: OSError, path: Path) -> InputError:
    return os_error(exc, path, OUT_OPTION, expected=text("msg.out.expected"))


def check_folder(folder: Path | str) -> None:
    """Raise InputError (``--out``) unless files can be written in ``folder``.

    A folder that does not exist yet is fine when its nearest existing parent is a folder that
    can be written (it is made when the files are written). An existing folder is swept
    first (:func:`sweep`).
    """
    folder = Path(folder).absolute()  # a message names /home/…/reports, not "."
    if folder.is_dir():
        sweep(folder)  # what a killed run left half-written is put right first
    existing = folder
    while not existing.exists() and existing != existing.parent:
        if existing.is_symlink():  # a dangling link: it cannot become a folder
            raise _refused(OSError(errno.ENOENT, os.strerror(errno.ENOENT)), existing)
        existing = existing.parent
    if not existing.is_dir():
        if existing == folder:  # --out names a file (report.pdf?), not a folder
            raise InputError([Problem(file="", parameter=OUT_OPTION, found=str(folder),
                                      message=text("msg.out.is_file"),
                                      expected=text("msg.out.expected"))])
        raise _refused(OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)), existing)
    try:
        fd, probe = tempfile.mkstemp(prefix=f".probe.{owner()}.", suffix=".part", dir=existing)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise _refused(exc, existing) from None


def check_targets(targets) -> None:
    """Raise InputError (``--out``) when a target is a folder (a file cannot replace it)."""
    for target in map(Path, targets):
        if target.is_dir():
            raise _refused(OSError(errno.EISDIR, os.strerror(errno.EISDIR)), target)


def _temporary(target: Path, kind: str, me: str) -> Path:
    return target.with_name(f".{target.name}.{me}.{kind}")


def write_together(files: Mapping[Path, Path]) -> None:
    """Write ``{target: source}`` as one set (see the module docstring).

    Raises
    ------
    InputError
        An operating-system error (disk full, read-only, permission), naming ``--out``;
        every target then holds what it held before.
    """
    files = {Path(t): Path(s) for t, s in files.items()}
    if not files:
        return
    me = owner()
    folders = {t.parent for t in files}
    try:
        for folder in folders:
            sweep(folder)
            folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _refused(exc, next(iter(folders))) from None
    check_targets(files)
    staged: dict[Path, Path] = {}
    try:
        for target, source in files.items():
            part = _temporary(target, "part", me)
            staged[target] = part
            shutil.copyfile(source, part)
            os.chmod(part, 0o644)
        _commit(staged, me)
    except OSError as exc:
        raise _refused(exc, next(iter(folders))) from None
    finally:
        for part in staged.values():
            _remove(part)


def _commit(staged: dict[Path, Path], me: str) -> None:
    """Rename every staged file over its target; on failure, put the earlier files back."""
    first = next(iter(staged))
    journal = _temporary(first, "txn", me)
    entries = [{"target": t.name, "existed": t.exists()} for t in staged]
    journal.write_text(json.dumps({"folder": str(first.parent), "files": entries}),
                       encoding="utf-8")
    backups: dict[Path, Path] = {}
    replaced: list[Path] = []
    try:
        for target, entry in zip(staged, entries, strict=True):
            if entry["existed"]:
                backups[target] = _second_name(target, me)
        for target, part in staged.items():
            os.replace(part, target)
            replaced.append(target)
    except BaseException:
        for target in reversed(replaced):
            if target in backups:
                os.replace(backups.pop(target), target)
            else:
                _remove(target)
        raise
    finally:
        for backup in backups.values():
            _remove(backup)
        _remove(journal)


def _second_name(target: Path, me: str) -> Path:
    """A second name for ``target``'s current content (a hard link, else a copy)."""
    backup = _temporary(target, "old", me)
    _remove(backup)
    try:
        os.link(target, backup)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EMLINK):
            raise
        shutil.copy2(target, backup)
    return backup


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def sweep(folder: Path | str) -> None:
    """Finish or undo the writes of dead owners in ``folder`` (see the module docstring)."""
    folder = Path(folder)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    leftovers: dict[str, list[Path]] = {}
    for name in names:
        m = _TEMPORARY.match(name)
        if m and not is_running(m.group("owner")):
            leftovers.setdefault(m.group("owner"), []).append(folder / name)
    for dead, paths in leftovers.items():
        for journal in [p for p in paths if p.suffix == ".txn"]:
            _recover(journal, dead)
        for path in paths:
            _remove(path)


def _recover(journal: Path, dead: str) -> None:
    """Roll a dead owner's interrupted commit back, or finish it (all files renamed)."""
    claimed = journal.with_name(journal.name + f".{os.getpid()}")
    try:
        os.rename(journal, claimed)  # one sweeper per journal, even with several at once
        entries = json.loads(claimed.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        _remove(claimed)  # written only in part: no file was renamed yet
        return
    folder = journal.parent
    targets = [(folder / str(e["target"]), bool(e["existed"])) for e in entries]
    finished = not any(_temporary(t, "part", dead).exists() for t, _ in targets)
    if not finished:
        for target, existed in targets:
            if _temporary(target, "part", dead).exists():
                continue  # never replaced
            backup = _temporary(target, "old", dead)
            if existed and backup.exists():
                os.replace(backup, target)
            elif not existed:
                _remove(target)
    for target, _ in targets:
        _remove(_temporary(target, "old", dead))
        _remove(_temporary(target, "part", dead))
    _remove(claimed)
