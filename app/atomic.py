"""Atomic file writes: a temporary file in the target's folder, flushed and fsynced, then renamed.

The temporary file is named `.<name>.<pid>.<random>.tmp` beside `<name>`: hidden, ending in `.tmp`, so
nothing takes it for the document. A process killed mid-save (kill -9, power cut) leaves one behind;
the next save of the same file removes those of processes no longer running (`remove_stale_temps`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from app.errors import OutputError
from app.regular_files import not_regular

TEMP_SUFFIX = ".tmp"
_NAME_BYTES = 120  # of the target's name kept in a temporary file's name (file names stop at 255 bytes)
_FULL = {errno.ENOSPC, errno.EDQUOT} if hasattr(errno, "EDQUOT") else {errno.ENOSPC}


def check_output_path(out: Path) -> None:
    """Refuse, before any work, an output that is a folder, in a missing folder or locked by Word."""
    if out.is_dir():
        raise OutputError(f"{out}: is a folder; give a file name for the output")
    if out.is_symlink():  # os.replace would put a file in place of the link, not write through it
        raise OutputError(f"{out}: is a symbolic link; give the name of a regular file or a new one for the output")
    kind = not_regular(out)
    if kind is not None:  # os.replace would put the output in place of a FIFO or a device node
        raise OutputError(f"{out}: is {kind}, not a regular file; choose a file name for the output")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{out}: folder '{parent}' does not exist; create it or choose another output")
    lock = parent / ("~$" + out.name[2:] if len(out.name) > 2 else "~$" + out.name)
    if lock.exists() or (parent / ("~$" + out.name)).exists():
        raise OutputError(f"{out}: is open in Word (lock file '{lock.name}'); close it there or choose another name")
    # The mode bits too: root may write anything, but a file marked read-only is the user's choice.
    if out.exists() and (not os.access(out, os.W_OK) or not out.stat().st_mode & 0o222):
        raise OutputError(f"{out}: is read-only; choose another output or make it writable")
    if not os.access(parent, os.W_OK):
        raise OutputError(f"{out}: folder '{parent}' is not writable; choose another output")


def temp_prefix(out: Path) -> str:
    """The start of the names of `out`'s temporary files, before the process id."""
    short = out.name.encode("utf-8")[:_NAME_BYTES].decode("utf-8", "ignore")
    return f".{short}."


def atomic_write(out: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Call write(fh) on a temporary file next to `out`, then move it into place.

    On any failure the temporary file is removed and `out` is left as it was.
    """
    check_output_path(out)
    parent = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f"{temp_prefix(out)}{os.getpid()}.", suffix=TEMP_SUFFIX, dir=parent)
    except OSError as exc:
        raise OutputError(_failure(out, parent, exc, "cannot create a file in '{parent}'")) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        if out.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, out.stat().st_mode & 0o777)
        else:
            with contextlib.suppress(OSError):
                os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(_failure(out, parent, exc, "could not be written")) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(parent)
    remove_stale_temps(out)


def _failure(out: Path, parent: Path, exc: OSError, what: str) -> str:
    """One line: what failed, where, and what to do; a full disk said in those words."""
    what = what.format(parent=parent)
    if exc.errno in _FULL:
        return (f"{out}: {what}: the disk is full ({exc.strerror}); nothing was changed. "
                f"Free some space on the disk holding '{parent}' or choose another folder")
    if exc.errno == errno.EFBIG:
        return (f"{out}: {what}: the file is too large for the disk or a size limit ({exc.strerror}); "
                f"nothing was changed. Choose another folder or free some space")
    if what.startswith("cannot"):
        return f"{out}: {what} ({exc.strerror})"
    return f"{out}: {what} ({exc.strerror}); nothing was changed"


def remove_stale_temps(out: Path) -> list[Path]:
    """Remove the temporary files of `out` left by processes no longer running (a save killed midway).

    A temporary file of a running process (a save under way) is left alone. Returns what was removed.
    """
    parent = out.parent if str(out.parent) else Path(".")
    prefix = temp_prefix(out)
    removed = []
    try:
        names = os.listdir(parent)
    except OSError:
        return []
    for name in names:
        if not (name.startswith(prefix) and name.endswith(TEMP_SUFFIX)):
            continue
        pid = name[len(prefix):].split(".", 1)[0]
        if not pid.isdigit() or _running(int(pid)):
            continue
        with contextlib.suppress(OSError):
            (parent / name).unlink()
            removed.append(parent / name)
    return removed


def _running(pid: int) -> bool:
    """Whether a process is running; on Windows (no cheap check) every process counts as running."""
    if pid == os.getpid() or sys.platform == "win32":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def atomic_write_bytes(out: Path, data: bytes) -> None:
    """Write bytes to `out` atomically."""
    def write(fh: IO[bytes]) -> None:
        fh.write(data)

    atomic_write(out, write)


def atomic_write_text(out: Path, text: str) -> None:
    """Write UTF-8 text to `out` atomically."""
    atomic_write_bytes(out, text.encode("utf-8"))


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
