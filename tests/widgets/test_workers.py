"""widgets.workers: jobs on the thread pool, results and errors back on the GUI thread."""

from __future__ import annotations

import gc
import threading
import time
import weakref
from typing import Any

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.errors import DiagnosedError, DocumentError
from widgets import workers


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Error dialogs shown, as (title, text), instead of modal boxes."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, title, text, *a, **k: shown.append((title, text)))
    return shown


def test_result_arrives_on_the_gui_thread(qtbot: QtBot, errors: list[tuple[str, str]]) -> None:
    threads: dict[str, Any] = {}

    def work() -> int:
        threads["work"] = threading.current_thread()
        return 42

    results: list[int] = []

    def done(value: int) -> None:
        threads["done"] = threading.current_thread()
        results.append(value)

    task = workers.run_task(None, "Counting…", work, done)
    assert task.wait(5000) is True
    assert results == [42] and task.result == 42
    assert threads["work"] is not threading.main_thread()
    assert threads["done"] is threading.main_thread()
    assert errors == [] and workers.active_tasks() == 0


def test_a_redline_desk_error_is_shown_with_its_own_message(qtbot: QtBot, errors: list[tuple[str, str]]) -> None:
    seen: list[BaseException] = []

    def fail() -> None:
        raise DocumentError("x.txt: not a .docx (not a zip package); save it from Word as .docx")

    task = workers.run_task(None, "Opening x.txt…", fail, lambda _r: pytest.fail("not done"), seen.append)
    assert task.wait(5000) is False
    assert errors == [("Opening x.txt failed", "x.txt: not a .docx (not a zip package); save it from Word as .docx")]
    assert isinstance(seen[0], DocumentError) and task.error is seen[0]


def test_a_bug_is_one_line_naming_an_internal_error(qtbot: QtBot, errors: list[tuple[str, str]]) -> None:
    def fail() -> None:
        raise ValueError("boom")

    workers.run_task(None, "Exporting…", fail)
    assert workers.wait_for_tasks(5000)
    (title, text), = errors
    assert title == "Exporting failed"
    assert text.startswith("internal error (ValueError: boom)") and "\n" not in text


def test_diagnosed_errors_list_their_details() -> None:
    exc = DiagnosedError("2 amendments could not be placed", ["para 88: text changed", "para 90: not found"])
    assert workers.error_message(exc).splitlines() == ["2 amendments could not be placed", "para 88: text changed",
                                                      "para 90: not found"]


def test_a_failing_callback_is_reported_too(qtbot: QtBot, errors: list[tuple[str, str]]) -> None:
    def done(_r: object) -> None:
        raise DocumentError("cannot show it")

    task = workers.run_task(None, "Opening…", lambda: 1, done)
    assert task.wait(5000) is False
    assert errors == [("Opening failed", "cannot show it")]


def test_busy_indicator_only_for_slow_jobs_and_gone_after(qtbot: QtBot, errors: list[tuple[str, str]]) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    quick = workers.run_task(parent, "Quick…", lambda: None)
    assert quick.wait(5000) and quick.progress is None
    release = threading.Event()
    slow = workers.run_task(parent, "Slow…", lambda: release.wait(5), delay_ms=20)
    qtbot.waitUntil(lambda: slow.progress is not None and slow.progress.isVisible(), timeout=3000)
    assert slow.progress is not None and slow.progress.labelText() == "Slow…"
    ticks = []
    start = time.monotonic()
    qtbot.wait(50)  # the event loop keeps running while the job works
    ticks.append(time.monotonic() - start)
    release.set()
    assert slow.wait(5000) is True
    assert slow.progress is None and ticks[0] < 1


def test_wait_for_tasks_waits_for_every_job(qtbot: QtBot) -> None:
    done: list[int] = []
    for i in range(4):
        workers.run_task(None, "Job…", lambda i=i: (time.sleep(0.05), i)[1], done.append)
    assert workers.wait_for_tasks(5000)
    assert sorted(done) == [0, 1, 2, 3]


def test_progress_task_reports_and_returns(qtbot: QtBot, errors: list[tuple[str, str]]) -> None:
    seen: list[int] = []

    def work(progress: workers.Progress) -> str:
        for n in range(3):
            progress(n, 3, f"step {n}")
            time.sleep(0.15)
        return "done"

    task = workers.run_progress_task(None, "Merging…", work, lambda r: seen.append(len(r)), delay_ms=50)
    task.progressed.connect(lambda done, *_: seen.append(done * 10))
    assert task.wait(5000) and task.result == "done" and errors == []
    assert task.progress is None and seen[-1] == 4 and 20 in seen


def test_cancelled_progress_task_drops_its_result(qtbot: QtBot, errors: list[tuple[str, str]]) -> None:
    calls: list[str] = []
    results: list[object] = []

    def work(progress: workers.Progress) -> str:
        for n in range(500):
            progress(n, 500, "working")
            time.sleep(0.01)
        return "finished anyway"

    task = workers.run_progress_task(None, "Merging…", work, results.append, on_cancel=lambda: calls.append("cancel"),
                                     delay_ms=10)
    qtbot.waitUntil(lambda: task.progress is not None, timeout=3000)
    assert task.progress is not None and task.progress.objectName() == "progressDialog"
    task.progress.canceled.emit()  # what the Cancel button does
    assert task.wait(5000) is False
    assert task.cancelled and calls == ["cancel"] and results == [] and errors == []
    assert workers.active_tasks() == 0


def test_progress_task_errors_are_a_dialog(qtbot: QtBot, errors: list[tuple[str, str]]) -> None:
    def work(progress: workers.Progress) -> None:
        progress(0, 1, "reading eu.docx")
        raise DocumentError("eu.docx: not a Word document")

    task = workers.run_progress_task(None, "Merging…", work)
    assert task.wait(5000) is False and errors == [("Merging failed", "eu.docx: not a Word document")]


def test_a_job_pauses_cycle_collection_and_resumes_it_after(qtbot: QtBot) -> None:
    """A collection pass run from a pool thread could destroy a window there; none runs while a job works."""
    assert gc.isenabled()
    task = workers.run_task(None, "Counting…", gc.isenabled)
    assert task.wait(5000) and task.result is False
    qtbot.waitUntil(gc.isenabled, timeout=2000)  # back on once the job's thread is done with it


def test_a_job_releases_what_it_captured_on_its_own_thread(qtbot: QtBot) -> None:
    class Captured:
        pass

    captured = Captured()
    alive = weakref.ref(captured)
    freed_before_done: list[bool] = []
    task = workers.run_task(None, "Reading…", lambda c=captured: type(c).__name__,
                            lambda _r: freed_before_done.append(alive() is None))
    del captured
    assert task.wait(5000) and task.result == "Captured"
    assert freed_before_done == [True]  # by the job, before it reported: not later, wherever Qt deletes it


def test_a_progress_job_is_handed_no_qt_object(qtbot: QtBot) -> None:
    """The job's thread must never hold (and so perhaps drop the last reference to) the task, a QObject."""
    task = workers.run_progress_task(None, "Merging…",
                                     lambda progress: isinstance(getattr(progress, "__self__", progress), QObject))
    assert task.wait(5000) and task.result is False
