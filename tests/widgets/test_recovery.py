"""widgets.recovery: autosave to a recovery file, and restoring it after a crash (a killed process)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.errors import ProjectError
from app.redline_edit import RedlineEdit
from app.resources import REV2_EXCERPT
from app.wiring.session import Session
from widgets import recovery
from widgets.recovery import Autosaver, find_recovery, recovery_file, restore_recovery

REPO = Path(__file__).resolve().parents[2]


def _dead_pid() -> int:
    """The id of a process that has ended (as a crashed app's)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _edited_session() -> Session:
    session = Session.open_draft(REV2_EXCERPT)
    body = session.draft.by_label("88").body
    edit = RedlineEdit(body)
    i = body.index("description")
    edit.replace(i, i + len("description"), "working definition")
    session.set_segments("88", edit.segments)
    return session


def test_autosave_writes_only_while_there_are_unsaved_changes(qtbot: QtBot, tmp_path: Path) -> None:
    session = Session.open_draft(REV2_EXCERPT)
    saver = Autosaver(lambda: session, tmp_path / "rec", interval_ms=30)
    saved: list[Path] = []
    saver.saved.connect(saved.append)
    assert saver.save_now() is False and not saver.path.exists()
    session.amendments = _edited_session().amendments
    session.dirty = True
    saver.start()
    qtbot.waitUntil(lambda: saver.path.exists(), timeout=3000)
    assert saver.path == recovery_file(tmp_path / "rec") and saved[0] == saver.path
    assert "working definition" in saver.path.read_text(encoding="utf-8")
    session.dirty = False  # saved cleanly: the next tick removes the file
    qtbot.waitUntil(lambda: not saver.path.exists(), timeout=3000)
    saver.stop()


def test_own_file_is_not_a_crash_but_a_dead_process_file_is(tmp_path: Path) -> None:
    session = _edited_session()
    session.write_recovery(recovery_file(tmp_path))  # this process: still running
    assert find_recovery(tmp_path) is None
    left = recovery_file(tmp_path, _dead_pid())
    session.write_recovery(left)
    assert find_recovery(tmp_path) == left
    assert find_recovery(tmp_path / "missing") is None


def test_restore_gives_the_edit_back_unsaved_with_its_project(tmp_path: Path) -> None:
    session = _edited_session()
    project = tmp_path / "imsb.json"
    session.save(project)
    session.dirty = True
    saver = Autosaver(lambda: session, tmp_path, interval_ms=10_000)
    saver.save_now()
    left = recovery_file(tmp_path, _dead_pid())
    saver.path.rename(left)
    recovery.origin_file(saver.path).rename(recovery.origin_file(left))
    restored = restore_recovery(left)
    assert restored.amendments[0].options == session.amendments[0].options
    assert restored.dirty and restored.project_path == project.resolve()
    assert not left.exists() and find_recovery(tmp_path) is None


def test_an_unreadable_recovery_file_is_set_aside(tmp_path: Path) -> None:
    left = recovery_file(tmp_path, _dead_pid())
    left.write_text("{ not json", encoding="utf-8")
    with pytest.raises(ProjectError, match="not a valid project file"):
        restore_recovery(left)
    assert find_recovery(tmp_path) is None
    assert list(tmp_path.glob("*.failed.json"))


CHILD = r"""
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, {repo!r})
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.resources import REV2_EXCERPT
from widgets.main_window import MainWindow
from widgets.settings import Settings
window = MainWindow(Settings.in_file(Path({ini!r})), recovery_dir=Path({rec!r}), autosave_interval_ms=100)
window.show()
assert window.open_draft(REV2_EXCERPT) and window.go_to("88")
editor = window.editor
body = editor.toPlainText()
start = body.index("description")
cursor = editor.textCursor()
cursor.setPosition(start)
cursor.setPosition(start + len("description"), cursor.MoveMode.KeepAnchor)
editor.setTextCursor(cursor)
QTest.keyClicks(editor, "working definition")
QTest.keyClick(editor, Qt.Key.Key_End)
QTest.keyClicks(editor, " (Tunis)")
segments = [[s.op.value, s.text] for s in window.session.amendment_for("88").option.segments]
print(json.dumps(segments), flush=True)
app.exec()
"""


def test_an_edit_survives_a_killed_process(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.widgets.window_helpers import capture_dialogs
    from widgets.main_window import MainWindow
    from widgets.settings import Settings

    dialogs = capture_dialogs(monkeypatch)

    rec = tmp_path / "recovery"
    script = CHILD.format(repo=str(REPO), ini=str(tmp_path / "child.ini"), rec=str(rec))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=env)
    try:
        line = child.stdout.readline() if child.stdout else ""
        assert line, child.stderr.read() if child.stderr else "no output"
        expected = json.loads(line)
        written = recovery_file(rec, child.pid)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (written.exists() and "(Tunis)" in written.read_text("utf-8")):
            time.sleep(0.05)
        assert written.exists(), "the child never autosaved"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    assert child.returncode == -signal.SIGKILL
    found = find_recovery(rec)
    assert found == written
    window = MainWindow(Settings.in_file(tmp_path / "parent.ini"), recovery_dir=rec)
    qtbot.addWidget(window)
    assert window.restore_recovery(found)
    a88 = window.session.amendment_for("88") if window.session else None
    assert a88 is not None
    assert [[s.op.value, s.text] for s in a88.option.segments] == expected
    assert window.is_modified() and window.isWindowModified()
    assert find_recovery(rec) is None
    assert dialogs.errors == []


REVIEW_CHILD = r"""
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, {repo!r})
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.wiring.merging import InputSpec
from app.resources import REV2_EXCERPT
from tests.widgets.merge_helpers import DATE, write_redlines
from widgets.main_window import MainWindow
from widgets.settings import Settings
window = MainWindow(Settings.in_file(Path({ini!r})), recovery_dir=Path({rec!r}), autosave_interval_ms=100)
window.show()
paths = write_redlines(Path({inputs!r}))
assert window.open_draft(REV2_EXCERPT)
assert window.import_redlines([InputSpec(paths["G77"]), InputSpec(paths["EU"])], date=DATE)
assert window.decide_author("EU", "rejected") and window.decide(["p2"], "accepted")
print(json.dumps({{p.id: p.decision.value for p in window.review.proposals}}), flush=True)
app.exec()
"""


def test_a_merge_review_survives_a_killed_process(qtbot: QtBot, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.widgets.window_helpers import capture_dialogs
    from widgets.main_window import MainWindow
    from widgets.settings import Settings

    dialogs = capture_dialogs(monkeypatch)
    rec, inputs = tmp_path / "recovery", tmp_path / "inputs"
    inputs.mkdir()
    script = REVIEW_CHILD.format(repo=str(REPO), ini=str(tmp_path / "child.ini"), rec=str(rec), inputs=str(inputs))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=env)

    def autosaved(path: Path) -> dict[str, str]:
        try:
            review = json.loads(path.read_text("utf-8")).get("review") or {}
        except (OSError, ValueError):
            return {}
        return {p["id"]: p["decision"] for p in review.get("proposals", [])}

    try:
        line = child.stdout.readline() if child.stdout else ""
        assert line, child.stderr.read() if child.stderr else "no output"
        expected = json.loads(line)
        assert expected == {"p1": "pending", "p2": "accepted", "p3": "rejected", "p4": "rejected"}
        written = recovery_file(rec, child.pid)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and autosaved(written) != expected:
            time.sleep(0.05)
        assert autosaved(written) == expected, "the child never autosaved its review"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    assert child.returncode == -signal.SIGKILL
    found = find_recovery(rec)
    assert found == written
    window = MainWindow(Settings.in_file(tmp_path / "parent.ini"), recovery_dir=rec)
    qtbot.addWidget(window)
    assert window.restore_recovery(found)
    review = window.review
    assert review is not None and {p.id: p.decision.value for p in review.proposals} == expected
    assert window.review_panel.shown_ids() == ["p1", "p3", "p2", "p4"]
    assert window.review_panel.row_texts("p4")[4] == "rejected"
    assert window.document_view.review() is review and window.is_modified()
    assert dialogs.errors == [] and dialogs.warnings == []
