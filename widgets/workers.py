"""Background jobs: run slow work (opening, exporting, importing) off the GUI thread.

`run_task` starts `fn` on the global QThreadPool and calls `on_done(result)` or `on_error(exc)` back
on the GUI thread. A busy indicator appears only when the job takes longer than a moment. Errors
are told to the user: a RedlineDeskError with its own one-line message, anything else as an
internal error in one line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDeadlineTimer,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.errors import DiagnosedError, RedlineDeskError
from widgets.dialogs import messages

BUSY_DELAY_MS = 300
_active: set[Task] = set()


def error_message(exc: BaseException) -> str:
    """The one-line message the user sees for a failed job."""
    if isinstance(exc, DiagnosedError) and exc.details:
        return "\n".join([str(exc), *exc.details])
    if isinstance(exc, RedlineDeskError):
        return str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror.lower()}"
    return (f"internal error ({type(exc).__name__}: {exc}); nothing was changed. "
            "Set REDLINE_DESK_DEBUG=1 for details and please report it")


class _Signals(QObject):
    """Signals of a runnable (a QRunnable is not a QObject); they cross back to the GUI thread."""

    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._fn = fn
        self._signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        """Call the function on a pool thread and report how it went."""
        try:
            result = self._fn()
        except Exception as exc:
            if os.environ.get("REDLINE_DESK_DEBUG"):
                import traceback

                traceback.print_exc()
            self._signals.failed.emit(exc)
        else:
            self._signals.done.emit(result)


class Task(QObject):
    """A running job: `finished(ok)` once its callback has run; `wait()` runs the event loop until then."""

    finished = Signal(bool)

    def __init__(self, parent: QWidget | None, title: str, on_done: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException], None] | None, delay_ms: int) -> None:
        super().__init__()
        self.title = title
        self.done = False
        self.ok = False
        self.result: Any = None
        self.error: BaseException | None = None
        self._parent = parent
        self._on_done = on_done
        self._on_error = on_error
        self.signals = _Signals()
        self.signals.done.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self.progress: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_busy)
        self._timer.start(delay_ms)

    def _show_busy(self) -> None:
        if self.done:
            return
        dialog = QProgressDialog(self.title, "", 0, 0, self._parent)
        dialog.setObjectName("busyIndicator")
        dialog.setWindowTitle("Redline Desk")
        dialog.setCancelButton(None)  # a document half read or written cannot be stopped safely
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.show()
        self.progress = dialog

    def _finish(self) -> None:
        self._timer.stop()
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _succeeded(self, result: Any) -> None:
        self._finish()
        self.result = result
        try:
            if self._on_done is not None:
                self._on_done(result)
            self.ok = True
        except Exception as exc:  # the callback failed: report it the same way
            self._report(exc)
        self._end()

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self._report(exc)
        self._end()

    def _report(self, exc: BaseException) -> None:
        self.error = exc
        self.ok = False
        messages.show_error(self._parent, self.title.rstrip(".…") + " failed", error_message(exc))
        if self._on_error is not None:
            self._on_error(exc)

    def _end(self) -> None:
        self.done = True
        _active.discard(self)
        self.finished.emit(self.ok)

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Keep the GUI responsive until the job's callback has run; returns whether it succeeded."""
        deadline = QDeadlineTimer(timeout_ms)
        while not self.done and not deadline.hasExpired():  # again if a stray quit ended the loop early
            loop = QEventLoop()
            self.finished.connect(loop.quit)
            QTimer.singleShot(max(1, deadline.remainingTime()), loop.quit)
            loop.exec()
        return self.ok


def run_task(parent: QWidget | None, title: str, fn: Callable[[], Any],
             on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None, *, delay_ms: int = BUSY_DELAY_MS) -> Task:
    """Run fn() on a worker thread; on_done(result) or the error dialog then on_error(exc) on the GUI thread."""
    task = Task(parent, title, on_done, on_error, delay_ms)
    _active.add(task)
    QThreadPool.globalInstance().start(_Job(fn, task.signals))
    return task


def active_tasks() -> int:
    """How many jobs have not finished yet."""
    return len(_active)


def wait_for_tasks(timeout_ms: int = 60_000) -> bool:
    """Process events until every job has finished (for tests and scripts); False on timeout."""
    deadline = QDeadlineTimer(timeout_ms)
    while _active and not deadline.hasExpired():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QThreadPool.globalInstance().waitForDone(5)
    return not _active
