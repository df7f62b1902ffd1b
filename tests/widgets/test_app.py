"""widgets.app: the start-up sequence (first-run prompt, recovery offer, opening) and run()."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.redline_edit import RedlineEdit
from app.resources import REV2_EXCERPT, SAMPLE_DRAFT
from app.wiring.session import Session
from tests.widgets.window_helpers import Dialogs, capture_dialogs, make_settings
from widgets import app as desktop
from widgets.dialogs import messages
from widgets.dialogs.settings_dialog import SettingsDialog
from widgets.main_window import MainWindow
from widgets.recovery import find_recovery, recovery_file
from widgets.settings import Settings

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return capture_dialogs(monkeypatch)


def _started(qtbot: QtBot, path: Path | None, settings: Settings, rec: Path) -> MainWindow:
    window = desktop.start(path, settings, rec)
    qtbot.addWidget(window)
    return window


def _crashed_session_file(rec: Path) -> Path:
    """A recovery file as a killed app leaves it (its process gone), with the para-88 edit."""
    session = Session.open_draft(REV2_EXCERPT)
    body = session.draft.by_label("88").body
    edit = RedlineEdit(body)
    i = body.index("description")
    edit.replace(i, i + len("description"), "working definition")
    session.set_segments("88", edit.segments)
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    rec.mkdir(parents=True, exist_ok=True)
    path = recovery_file(rec, child.pid)
    session.write_recovery(path)
    return path


def test_application_is_named_for_settings_and_paths(qtbot: QtBot) -> None:
    app = desktop.application()
    assert app is QApplication.instance()
    assert (app.organizationName(), app.applicationName()) == ("Redline Desk", "Redline Desk")


def test_no_path_opens_the_bundled_sample(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> None:
    window = _started(qtbot, None, make_settings(tmp_path), tmp_path / "rec")
    assert window.isVisible() and window.session is not None
    assert window.session.draft_path == SAMPLE_DRAFT
    assert window.windowTitle() == "A_80_L.41.docx[*] — Redline Desk"


def test_a_path_opens_that_draft_or_project(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> None:
    window = _started(qtbot, REV2_EXCERPT, make_settings(tmp_path), tmp_path / "rec")
    assert window.session is not None and window.session.draft_path == REV2_EXCERPT


def test_first_run_asks_for_the_author(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def answer(dialog: SettingsDialog) -> int:
        asked.append(dialog.windowTitle())
        dialog.author.setText("Jane Doe")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", answer)
    monkeypatch.delenv(desktop.NO_FIRST_RUN_ENV, raising=False)
    settings = Settings.in_file(tmp_path / "fresh.ini")
    window = _started(qtbot, REV2_EXCERPT, settings, tmp_path / "rec")
    assert asked == ["Welcome to Redline Desk"]
    assert settings.author == "Jane Doe" and window.session is not None and window.session.author == "Jane Doe"
    desktop.ask_identity(settings)  # stored now: not asked again
    assert len(asked) == 1


def test_first_run_prompt_can_be_skipped(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SettingsDialog, "exec", lambda _d: pytest.fail("asked"))
    monkeypatch.setenv(desktop.NO_FIRST_RUN_ENV, "1")
    desktop.ask_identity(Settings.in_file(tmp_path / "fresh.ini"))


def test_recovery_is_offered_and_restored(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    left = _crashed_session_file(tmp_path / "rec")
    offers: list[Path] = []
    monkeypatch.setattr(messages, "ask_restore_recovery", lambda _w, path, _when: offers.append(path) or True)
    window = _started(qtbot, SAMPLE_DRAFT, make_settings(tmp_path), tmp_path / "rec")
    assert offers == [left]
    assert window.session is not None and window.session.draft_path.resolve() == REV2_EXCERPT.resolve()
    a88 = window.session.amendment_for("88")
    assert a88 is not None and "working definition" in a88.option.proposed
    assert window.isWindowModified() and find_recovery(tmp_path / "rec") is None


def test_recovery_declined_is_discarded(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    left = _crashed_session_file(tmp_path / "rec")
    monkeypatch.setattr(messages, "ask_restore_recovery", lambda *_a: False)
    window = _started(qtbot, None, make_settings(tmp_path), tmp_path / "rec")
    assert not left.exists()
    assert window.session is not None and window.session.draft_path == SAMPLE_DRAFT


_RUN_AND_CLOSE = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from tests.widgets.window_helpers import make_settings
from widgets import app as desktop
from widgets.main_window import MainWindow

tmp, draft = Path(sys.argv[1]), Path(sys.argv[2])
desktop.Settings = lambda: make_settings(tmp)
QMessageBox.critical = QMessageBox.warning = lambda *a, **k: None
app = desktop.application()
seen = []

def close_it():
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if not shown:  # not shown yet on a busy machine: look again
        QTimer.singleShot(50, close_it)
        return
    seen.extend(shown)
    seen[-1].close()  # the last window closed quits the app

QTimer.singleShot(200, close_it)
status = desktop.run(draft)
window = seen[0]
print(status, len(seen), window.session.draft_path == draft, window.autosaver.directory == tmp / "rec",
      window.isVisible())
"""


def test_run_returns_when_the_window_closes(tmp_path: Path) -> None:
    # In a process of its own: the suite's earlier windows and event-loop state must not decide whether
    # closing the last window ends app.exec() (in the shared process it once hung the whole run).
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", desktop.RECOVERY_DIR_ENV: str(tmp_path / "rec"),
           "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", _RUN_AND_CLOSE, str(tmp_path), str(REV2_EXCERPT)], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "1", "True", "True", "False"], done.stdout + done.stderr


def test_launch_runs_the_desktop_app(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.wiring.launch import launch

    called: list[Path | None] = []
    monkeypatch.setattr(desktop, "run", lambda path: called.append(path) or 0)
    assert launch(REV2_EXCERPT) == 0 and launch(None) == 0
    assert called == [REV2_EXCERPT, SAMPLE_DRAFT]


def test_cancelling_the_welcome_says_what_happens_to_the_revisions(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda _d: 0)  # cancelled
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text, *a: told.append((title, text)))
    monkeypatch.delenv(desktop.NO_FIRST_RUN_ENV, raising=False)
    desktop.ask_identity(Settings.in_file(tmp_path / "fresh.ini"))
    (title, text), = told
    assert title == "No name set yet" and "the first export asks" in text and "Preferences" in text
