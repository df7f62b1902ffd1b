"""Render the main window, offscreen, into docs/screenshots/<width>x<height>/ at a laptop's and a desktop's size:
the IMSB's amendments applied to the Rev 2 excerpt (redline, proposed, a new paragraph), and a merge review
of two delegations' redlines with the collision on para 66.

Run: `make screenshots` (or `.venv/bin/python scripts/screenshots.py`).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("REDLINE_DESK_NO_FIRST_RUN", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, QSize  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.resources import REV2_EXCERPT, SAMPLES  # noqa: E402
from widgets.document.view_mode import ViewMode  # noqa: E402
from widgets.main_window import MainWindow  # noqa: E402
from widgets.settings import Settings  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZES = (QSize(1024, 768), QSize(1920, 1080))  # a small laptop's screen, a desktop's
SHOTS = (("redline", ViewMode.REDLINE, "88"), ("proposed", ViewMode.PROPOSED, "100"),
         ("new_paragraph", ViewMode.REDLINE, "83 bis"))


def main() -> int:
    """Write every screenshot at every size; returns the exit status."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyle("Fusion")  # as widgets.app.application() does
    for size in SIZES:
        folder = OUT / f"{size.width()}x{size.height()}"
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            if not _amendment_shots(app, Path(tmp), size, folder) or not _review_shot(app, Path(tmp), size, folder):
                return 1
    return 0


def _window(tmp: Path, size: QSize, name: str) -> MainWindow:
    """A window with fresh settings (no saved layout), at `size` before it is first shown."""
    settings = Settings(QSettings(str(tmp / f"{name}.ini"), QSettings.Format.IniFormat))
    settings.author, settings.organisation = "Jane Doe", "IMSB"
    window = MainWindow(settings, recovery_dir=tmp / f"recovery-{name}")
    window.resize(size)  # the docks are sized in proportion on first show
    return window


def _save(app: QApplication, window: MainWindow, label: str, path: Path) -> None:
    window.go_to(label)
    app.processEvents()
    window.document_view.scroll_to(label)
    app.processEvents()
    window.grab().save(str(path))
    print(path)


def _close(window: MainWindow) -> None:
    window.undo_stack.setClean()  # nothing to save: close without asking
    window.session.dirty = False  # type: ignore[union-attr]
    window.close()


def _amendment_shots(app: QApplication, tmp: Path, size: QSize, folder: Path) -> bool:
    """Redline, proposed and new-paragraph views with the IMSB's amendments."""
    window = _window(tmp, size, "amend")
    window.show()
    if not window.open_draft(REV2_EXCERPT):
        return False
    text = (SAMPLES / "imsb_rev2_amendments.md").read_text(encoding="utf-8")
    window.apply_change("Import IMSB amendments", lambda s: s.import_text_form(text, organisation="IMSB"))
    for name, mode, label in SHOTS:
        window.set_mode(mode)
        _save(app, window, label, folder / f"{name}.png")
    _close(window)
    return True


def _review_shot(app: QApplication, tmp: Path, size: QSize, folder: Path) -> bool:
    """The merge review: two delegations' redlines of Rev 2 imported, a collision on para 66."""
    from app.wiring.merging import InputSpec
    from tests.widgets.merge_helpers import write_redlines

    window = _window(tmp, size, "review")
    window.show()
    if not window.open_draft(REV2_EXCERPT):
        return False
    if not window.import_redlines([InputSpec(p) for p in write_redlines(tmp).values()]):
        return False
    window.review_panel.select(window.review_panel.shown_ids()[0])
    _save(app, window, "66", folder / "review.png")
    _close(window)
    return True


if __name__ == "__main__":
    raise SystemExit(main())
