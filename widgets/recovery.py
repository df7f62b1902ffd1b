"""Autosave to a recovery file, and finding the file a crashed session left behind.

Each running app writes `session-<pid>.recovery.json` (a project file naming its draft absolutely)
in the recovery folder while it has unsaved changes, and removes it on a clean save or close. A
file whose process is no longer running is what a crash left: `find_recovery` returns it.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal

from app.atomic import TEMP_SUFFIX, atomic_write_text, remove_stale_temps
from app.errors import RedlineDeskError
from app.wiring.session import Session

DEFAULT_INTERVAL_MS = 30_000
_NAME = re.compile(r"^session-(\d+)\.recovery\.json$")


def default_recovery_dir() -> Path:
    """<AppDataLocation>/recovery (set the application and organisation names first)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


def recovery_file(directory: Path, pid: int | None = None) -> Path:
    """The recovery file of a process (this one by default)."""
    return directory / f"session-{os.getpid() if pid is None else pid}.recovery.json"


def origin_file(recovery: Path) -> Path:
    """The note beside a recovery file naming the project it came from."""
    return recovery.with_name(recovery.name.removesuffix(".json") + ".origin")


def read_origin(recovery: Path) -> Path | None:
    """The project file a recovered session was saved to before, if any."""
    try:
        text = origin_file(recovery).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return Path(text) if text else None


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # no cheap check there; a file left behind is offered
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def find_recovery(directory: Path | None = None) -> Path | None:
    """The newest recovery file left by a process that is no longer running, or None.

    Temporary files of autosaves killed midway (by processes no longer running) are removed."""
    directory = directory or default_recovery_dir()
    if not directory.is_dir():
        return None
    found = []
    for path in list(directory.iterdir()):
        m = _NAME.match(path.name)
        if m and not _running(int(m.group(1))):
            found.append(path)
        elif path.name.startswith(".session-") and path.name.endswith(TEMP_SUFFIX):
            # An autosave killed midway: `.session-<pid>.recovery.json.<pid>.<random>.tmp`, never offered.
            remove_stale_temps(directory / path.name[1:].removesuffix(TEMP_SUFFIX).rsplit(".", 2)[0])
    return max(found, key=lambda p: p.stat().st_mtime, default=None)


def recovery_time(path: Path) -> str:
    """When a recovery file was last written, for the offer."""
    return datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")


def discard_recovery(path: Path) -> None:
    """Delete a recovery file and its note, and what a save of them killed midway left."""
    for p in (path, origin_file(path)):
        p.unlink(missing_ok=True)
        remove_stale_temps(p)


def restore_recovery(path: Path) -> Session:
    """The session kept in a recovery file, marked unsaved and pointing at its former project file.

    The file is removed once read; a file that cannot be read is renamed aside (never offered again)
    and the error raised."""
    try:
        session, _ = Session.open_project(path)
    except RedlineDeskError:
        path.replace(path.with_name(path.name.replace(".recovery.json", ".failed.json")))
        origin_file(path).unlink(missing_ok=True)
        raise
    session.project_path = read_origin(path)
    session.dirty = True
    discard_recovery(path)
    return session


class Autosaver(QObject):
    """Writes the session to its recovery file every `interval_ms` while it has unsaved changes."""

    saved = Signal(object)  # Path

    def __init__(self, session: Callable[[], Session | None], directory: Path | None = None,
                 interval_ms: int = DEFAULT_INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.directory = directory or default_recovery_dir()
        self.path = recovery_file(self.directory)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.save_now)

    @property
    def interval_ms(self) -> int:
        """How often the session is written."""
        return self._timer.interval()

    def start(self) -> None:
        """Start autosaving."""
        self._timer.start()

    def stop(self) -> None:
        """Stop autosaving (the file stays until discarded)."""
        self._timer.stop()

    def save_now(self) -> bool:
        """Write the recovery file if the session has unsaved changes; remove it when it has none."""
        session = self._session()
        if session is None or not session.dirty:
            self.discard()
            return False
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            origin = str(session.project_path.resolve()) if session.project_path else ""
            atomic_write_text(origin_file(self.path), origin)
            session.write_recovery(self.path)
        except (OSError, RedlineDeskError):
            return False  # autosave must never interrupt the user; the next tick tries again
        self.saved.emit(self.path)
        return True

    def discard(self) -> None:
        """Remove this session's recovery file (after a clean save or close)."""
        discard_recovery(self.path)
