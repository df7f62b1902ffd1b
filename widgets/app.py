"""The desktop app: QApplication, settings, first-run author prompt, recovery offer, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.resources import SAMPLE_DRAFT
from widgets import recovery
from widgets.dialogs import messages
from widgets.dialogs.settings_dialog import SettingsDialog
from widgets.main_window import APP_NAME, VERSION, MainWindow
from widgets.settings import Settings

# Set to skip the first-run prompt (tests, scripts, screenshots).
NO_FIRST_RUN_ENV = "REDLINE_DESK_NO_FIRST_RUN"
# Set to keep recovery files somewhere else than <AppDataLocation>/recovery.
RECOVERY_DIR_ENV = "REDLINE_DESK_RECOVERY_DIR"


def application() -> QApplication:
    """The QApplication, named so QSettings and QStandardPaths find the app's own places."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(VERSION)
    app.setStyle("Fusion")
    return app


def ask_identity(settings: Settings) -> None:
    """On first run (no author or organisation stored), ask for them; skipped with NO_FIRST_RUN_ENV.
    Skipping the welcome is said in a word: the first export asks again."""
    if settings.has_identity() or os.environ.get(NO_FIRST_RUN_ENV):
        return
    if not SettingsDialog(settings, first_run=True).exec():
        messages.show_information(None, "No name set yet",
                                  "Your amendments carry no author for now; the first export asks who to credit "
                                  "them to (or set it now in Edit > Preferences).")


def offer_recovery(window: MainWindow) -> bool:
    """If a crashed session left a recovery file, offer to restore it (else discard it); True if restored."""
    found = recovery.find_recovery(window.autosaver.directory)
    if found is None:
        return False
    if messages.ask_restore_recovery(window, found, recovery.recovery_time(found)):
        return bool(window.restore_recovery(found))
    recovery.discard_recovery(found)
    return False


def start(path: Path | None, settings: Settings | None = None, recovery_dir: Path | None = None) -> MainWindow:
    """Show the window and open `path` (the bundled sample when None), after any recovery offer."""
    settings = settings if settings is not None else Settings()
    ask_identity(settings)
    env_dir = os.environ.get(RECOVERY_DIR_ENV)
    window = MainWindow(settings, recovery_dir=recovery_dir or (Path(env_dir) if env_dir else None))
    window.show()
    if not offer_recovery(window):
        window.open_path(path or SAMPLE_DRAFT)
    return window


def run(path: Path | None) -> int:
    """Run the desktop app until its window closes; returns the exit status."""
    app = application()
    window = start(path)
    status = app.exec()
    del window
    return status
