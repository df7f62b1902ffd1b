"""Only regular files are read or written: a FIFO, a device or a socket named as a draft, project,
redline or output is refused at once, from `os.stat`, before anything opens it.

Opening a FIFO for reading blocks until some other process writes to it (for ever, usually), and
/dev/zero or /dev/urandom never end: a read "of the whole file" then fills memory. A huge regular
file named by a project (a 1 GB sparse file as a review input) is refused by its size, unread.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from app.errors import RedlineDeskError

MAX_INPUT_BYTES = 512 * 1024 * 1024  # any input file: a .docx is refused far below this once opened
_CHUNK = 1 << 20


def _kind(mode: int) -> str:
    """What a non-regular file is, in the user's words."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def not_regular(path: Path) -> str | None:
    """What `path` is when it exists and is not a regular file (following symbolic links); else None."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):  # missing (the caller says so its own way), or a NUL in the name
        return None
    return None if stat.S_ISREG(mode) else _kind(mode)


def check_regular(path: Path, what: str, error: type[RedlineDeskError],
                  max_bytes: int | None = MAX_INPUT_BYTES) -> None:
    """Refuse with one line (as `error`) a `what` at `path` that exists but is not a regular file, or is
    larger than `max_bytes`. A missing file is left to the caller, which names it its own way."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return
    if not stat.S_ISREG(info.st_mode):
        raise error(f"{path}: is {_kind(info.st_mode)}, not a regular file; give the {what} as a saved file")
    if max_bytes is not None and info.st_size > max_bytes:
        raise error(f"{path}: {info.st_size} bytes, too large for a {what} (limit {max_bytes}); "
                    "check that this is the right file")


OUTSIDE = "is outside the project's folder"  # in every outside_note: how callers tell those notes apart


def outside_note(path: Path, folder: Path, what: str) -> str | None:
    """A warning line when a file a project names lies outside the project's folder (None inside it):
    a project from someone else could otherwise make the app read any file the user can."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return (f"{what} '{path}' {OUTSIDE} ({folder}); it is read as named, "
                "check that you trust the project")
    return None


def sha256_of(path: Path, what: str, error: type[RedlineDeskError]) -> str:
    """The sha256 of a regular file's bytes, read in chunks (a huge or special file refused first);
    OSError when it cannot be read."""
    check_regular(path, what, error)
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
