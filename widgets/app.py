"""The desktop app: QApplication, settings, first-run author prompt, recovery offer, the main window."""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.resources import ICON_SIZES, SAMPLE_DRAFT, icon_png
from widgets import recovery
from widgets.dialogs import messages
from widgets.main_window import APP_NAME, VERSION, MainWindow
from widgets.settings import Settings

# Set to skip the first-run prompt (tests, scripts, screenshots).
NO_FIRST_RUN_ENV = "REDLINE_DESK_NO_FIRST_RUN"
# Set to keep recovery files somewhere else than <AppDataLocation>/recovery.
RECOVERY_DIR_ENV = "REDLINE_DESK_RECOVERY_DIR"
# Set to N: quit N milliseconds after the window opened its file, saying what it showed (smoke tests of a build).
QUIT_AFTER_ENV = "REDLINE_DESK_QUIT_AFTER_MS"


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
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("org.redlinedesk.RedlineDesk")  # the installed .desktop entry (packaging/linux/)
    return app


def app_icon() -> QIcon:
    """The app's icon, every rendered size (PNGs: no SVG image plugin needed)."""
    icon = QIcon()
    for size in ICON_SIZES:
        if icon_png(size).is_file():
            icon.addFile(str(icon_png(size)))
    return icon


def ask_identity(settings: Settings) -> None:
    """On first run (no author or organisation stored), ask for them; skipped with NO_FIRST_RUN_ENV.
    Skipping the welcome is said in a word: the first export asks again."""
    if settings.has_identity() or os.environ.get(NO_FIRST_RUN_ENV):
        return
    from widgets.dialogs.settings_dialog import SettingsDialog  # dialogs load when first opened: a faster start

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
    if not window.isVisible():  # closed while the draft opened: quit() came before exec(), which would wait forever
        return 0
    quit_after = os.environ.get(QUIT_AFTER_ENV, "")
    if quit_after.isdigit():
        QTimer.singleShot(int(quit_after), partial(_report_and_quit, app, window))
    status = app.exec()
    del window
    return status


def _report_and_quit(app: QApplication, window: MainWindow) -> None:
    """For QUIT_AFTER_ENV: one line on what the window shows, then quit."""
    paragraphs = len(window.session.draft.paragraphs) if window.session else 0
    print(f"{APP_NAME}: window shown ({app.platformName()}), title {window.windowTitle()!r}, "
          f"{paragraphs} paragraphs, icon {'set' if not app.windowIcon().isNull() else 'missing'}", flush=True)
    window.close()
    app.quit()
