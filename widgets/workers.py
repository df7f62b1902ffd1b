"""Background jobs: run slow work (opening, exporting, importing) off the GUI thread.

`run_task` starts `fn` on the global QThreadPool and calls `on_done(result)` or `on_error(exc)` back
on the GUI thread. A busy indicator appears only when the job takes longer than a moment. Errors
are told to the user: a RedlineDeskError with its own one-line message, anything else as an
internal error in one line.

`run_progress_task` is the same for jobs that report progress (done, total, what): a progress dialog
with a Cancel button. Cancelling is safe: the job stops at its next report (or runs to its end) and
its result is dropped, so nothing it would have changed is changed.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import threading
from collections.abc import Callable, Iterator
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


class Cancelled(Exception):
    """The user cancelled the job (raised in the worker at its next progress report)."""


Progress = Callable[[int, int, str], None]  # done, total, what


class _Relay(QObject):
    """Carries a job's outcome from its pool thread to the GUI thread, addressed by the task's number.

    One relay lives for the whole run: a pool thread only ever emits on it and never holds, or drops the
    last reference to, a QObject of the GUI thread (a Task, its timer, its dialog). A QObject deleted
    outside its own thread is undefined behaviour, and it crashed the window tests now and then."""

    done = Signal(int, object)
    failed = Signal(int, object)
    progressed = Signal(int, int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self.tasks: dict[int, Task] = {}
        self.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)

    def _done(self, number: int, result: Any) -> None:
        task = self.tasks.pop(number, None)
        if task is not None:
            task._succeeded(result)

    def _failed(self, number: int, exc: BaseException) -> None:
        task = self.tasks.pop(number, None)
        if task is not None:
            task._failed(exc)

    def _progressed(self, number: int, done: int, total: int, what: str) -> None:
        task = self.tasks.get(number)
        if task is not None:
            task.progressed.emit(done, total, what)


_relay: _Relay | None = None
_numbers = itertools.count(1)


def _the_relay() -> _Relay:
    """The relay, made on first use (on the GUI thread: jobs are started there)."""
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


class _Job(QRunnable):
    """Runs fn on a pool thread; holds only the function, the task's number and the relay, none of them
    a QObject the pool thread could end up deleting."""

    def __init__(self, fn: Callable[[], Any], number: int, relay: _Relay) -> None:
        super().__init__()
        self._fn: Callable[[], Any] | None = fn
        self._number = number
        self._relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        """Call the function on a pool thread and report how it went."""
        fn, self._fn = self._fn, None  # what the job captured is released here, not when Qt deletes the runnable
        assert fn is not None
        with _cycle_collection_paused():
            try:
                result = fn()
            except Exception as exc:
                if os.environ.get("REDLINE_DESK_DEBUG"):
                    import traceback

                    traceback.print_exc()
                del fn
                self._relay.failed.emit(self._number, exc)
            else:
                del fn
                self._relay.done.emit(self._number, result)


_gc_lock = threading.Lock()
_gc_pauses = [0, False]  # jobs running, whether the collector was on when the first began


@contextlib.contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while a job runs: a pass started by the job's allocations would run
    on the pool thread and could destroy unreachable windows or dialogs there, outside the GUI thread.
    Reference counting still frees the job's own garbage; the collector resumes when the last job ends."""
    with _gc_lock:
        if _gc_pauses[0] == 0:
            _gc_pauses[1] = gc.isenabled()
            gc.disable()
        _gc_pauses[0] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses[0] -= 1
            if _gc_pauses[0] == 0 and _gc_pauses[1]:
                gc.enable()


class _Reporter:
    """The progress callback a job calls on its pool thread: plain Python, so the job holds no Task."""

    def __init__(self, number: int, relay: _Relay) -> None:
        self.stop = threading.Event()
        self._number = number
        self._relay = relay

    def __call__(self, done: int, total: int, what: str) -> None:
        if self.stop.is_set():
            raise Cancelled(what)
        self._relay.progressed.emit(self._number, done, total, what)


class Task(QObject):
    """A running job: `finished(ok)` once its callback has run; `wait()` runs the event loop until then."""

    finished = Signal(bool)
    progressed = Signal(int, int, str)  # done, total, what: a progress report, on the GUI thread

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
        self.number = next(_numbers)
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
            timeout = QTimer(loop)  # goes with the loop: no stray timer left to fire on a deleted loop
            timeout.setSingleShot(True)
            timeout.timeout.connect(loop.quit)
            timeout.start(max(1, deadline.remainingTime()))
            loop.exec()
        return self.ok


def run_task(parent: QWidget | None, title: str, fn: Callable[[], Any],
             on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None, *, delay_ms: int = BUSY_DELAY_MS) -> Task:
    """Run fn() on a worker thread; on_done(result) or the error dialog then on_error(exc) on the GUI thread."""
    task = Task(parent, title, on_done, on_error, delay_ms)
    _start(task, fn)
    return task


def _start(task: Task, fn: Callable[[], Any]) -> None:
    relay = _the_relay()
    relay.tasks[task.number] = task
    _active.add(task)
    QThreadPool.globalInstance().start(_Job(fn, task.number, relay))


class ProgressTask(Task):
    """A running job that reports progress; the user may cancel it (`cancelled` then stays True)."""

    def __init__(self, parent: QWidget | None, title: str, on_done: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException], None] | None, on_cancel: Callable[[], None] | None,
                 delay_ms: int) -> None:
        super().__init__(parent, title, on_done, on_error, delay_ms)
        self.cancelled = False
        self.report = _Reporter(self.number, _the_relay())  # the job's progress callback
        self._on_cancel = on_cancel
        self._last: tuple[int, int, str] = (0, 0, "")
        self.progressed.connect(self._progressed)

    def cancel(self) -> None:
        """Stop the job at its next report and drop its result."""
        if self.done or self.cancelled:
            return
        self.cancelled = True
        self.report.stop.set()
        if self.progress is not None:
            self.progress.setLabelText(f"{self.title}\nCancelling…")

    def _show_busy(self) -> None:
        if self.done:
            return
        dialog = QProgressDialog(self.title, "&Cancel", 0, 0, self._parent)
        dialog.setObjectName("progressDialog")
        dialog.setWindowTitle("Redline Desk")
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(self.cancel)
        self.progress = dialog
        self._progressed(*self._last)
        dialog.show()

    def _progressed(self, done: int, total: int, what: str) -> None:
        self._last = (done, total, what)
        if self.progress is None or self.cancelled:
            return
        self.progress.setMaximum(max(total, 0))
        self.progress.setValue(min(done, total) if total else 0)
        self.progress.setLabelText(f"{self.title}\n{what}" if what else self.title)

    def _succeeded(self, result: Any) -> None:
        if self.cancelled:
            self._dropped()
        else:
            super()._succeeded(result)

    def _failed(self, exc: BaseException) -> None:
        if self.cancelled or isinstance(exc, Cancelled):
            self.cancelled = True
            self._dropped()
        else:
            super()._failed(exc)

    def _dropped(self) -> None:
        self._finish()
        self.ok = False
        try:
            if self._on_cancel is not None:
                self._on_cancel()
        finally:
            self._end()


def run_progress_task(parent: QWidget | None, title: str, fn: Callable[[Progress], Any],
                      on_done: Callable[[Any], None] | None = None,
                      on_error: Callable[[BaseException], None] | None = None,
                      on_cancel: Callable[[], None] | None = None, *, delay_ms: int = BUSY_DELAY_MS) -> ProgressTask:
    """Run fn(progress) on a worker thread with a cancellable progress dialog; then on_done(result), the
    error dialog and on_error(exc), or (cancelled) on_cancel() on the GUI thread."""
    task = ProgressTask(parent, title, on_done, on_error, on_cancel, delay_ms)
    report = task.report
    _start(task, lambda: fn(report))  # captures the reporter, never the task
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
