"""Reading a user's text file (a commentary, a YAML file): bounded, UTF-8, errors as messages.

:func:`read_text` is what :mod:`analysis.data.commentary` and :mod:`analysis.safe_yaml` read a
file with. A file that is missing, is a folder or a device, is larger than the limit, cannot be
read (permission) or is not UTF-8 gives an :class:`~analysis.errors.InputError` naming the file
(and, for a byte that is not UTF-8, its line), never a traceback and never a silent default.
"""

from __future__ import annotations

import stat
from pathlib import Path

from analysis.errors import InputError, Problem, os_error
from analysis.messages import Num, text

#: Largest text file read by default, in bytes (a year's commentary is some 20 KB).
MAX_TEXT_BYTES = 4 << 20


def too_large(path: Path | str, size: int, limit: int,
              parameter: str | None = None) -> InputError:
    """The error for a file of ``size`` bytes over ``limit`` (given by ``parameter``, if any)."""
    return InputError([Problem(str(path), text("msg.file.too_large", size=Num(size / 1024, 0),
                                                limit=Num(limit / 1024, 0)),
                               parameter=parameter)])


def checked_size(path: Path, limit: int) -> int:
    """The size of the regular file ``path``; InputError when missing, not a file, too large."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError([Problem(str(path), text("msg.file.not_found"))]) from None
    except OSError as exc:
        raise os_error(exc, path) from None
    if not stat.S_ISREG(info.st_mode):
        key = "msg.file.is_folder" if stat.S_ISDIR(info.st_mode) else "msg.file.not_regular"
        raise InputError([Problem(str(path), text(key))])
    if info.st_size > limit:
        raise too_large(path, info.st_size, limit)
    return info.st_size


def read_text(path: Path | str, limit: int = MAX_TEXT_BYTES) -> str:
    """The text of a UTF-8 file (a byte-order mark is dropped), at most ``limit`` bytes.

    Raises
    ------
    InputError
        Naming the file: missing, not a regular file, too large, unreadable, or not UTF-8
        (with the line of the first byte that is not).
    """
    path = Path(path)
    checked_size(path, limit)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise os_error(exc, path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError([Problem(str(path), text("msg.file.not_utf8"), row=line,
                                  found=data[exc.start: exc.start + 4].hex(" "),
                                  expected=text("msg.file.not_utf8.expected"))]) from None
