"""Atomic file writes: a temporary file in the target's folder, flushed and fsynced, then renamed."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from app.errors import OutputError


def check_output_path(out: Path) -> None:
    """Refuse, before any work, an output that is a folder, in a missing folder or locked by Word."""
    if out.is_dir():
        raise OutputError(f"{out}: is a folder; give a file name for the output")
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


def atomic_write(out: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Call write(fh) on a temporary file next to `out`, then move it into place.

    On any failure the temporary file is removed and `out` is left as it was.
    """
    check_output_path(out)
    parent = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise OutputError(f"{out}: cannot create a file in '{parent}' ({exc.strerror})") from None
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
        raise OutputError(f"{out}: could not be written ({exc.strerror}); nothing was changed") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(parent)


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
