"""Render the main window with the IMSB's amendments applied, offscreen, into docs/screenshots/.

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

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.resources import REV2_EXCERPT, SAMPLES  # noqa: E402
from widgets.document.view_mode import ViewMode  # noqa: E402
from widgets.main_window import MainWindow  # noqa: E402
from widgets.settings import Settings  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    """Write the screenshots; returns the exit status."""
    app = QApplication.instance() or QApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat))
        settings.author, settings.organisation = "Jane Doe", "IMSB"
        window = MainWindow(settings, recovery_dir=Path(tmp) / "recovery")
        window.resize(1400, 860)
        if not window.open_draft(REV2_EXCERPT):
            return 1
        text = (SAMPLES / "imsb_rev2_amendments.md").read_text(encoding="utf-8")
        window.apply_change("Import IMSB amendments", lambda s: s.import_text_form(text, organisation="IMSB"))
        window.show()
        app.processEvents()
        shots = [("redline", ViewMode.REDLINE, "88"), ("proposed", ViewMode.PROPOSED, "100"),
                 ("new_paragraph", ViewMode.REDLINE, "83 bis")]
        for name, mode, label in shots:
            window.set_mode(mode)
            window.go_to(label)
            app.processEvents()
            window.document_view.scroll_to(label)
            app.processEvents()
            window.grab().save(str(OUT / f"{name}.png"))
            print(OUT / f"{name}.png")
        window.undo_stack.setClean()  # nothing to save: close without asking
        window.session.dirty = False  # type: ignore[union-attr]
        window.close()
        _review_shot(app, settings, Path(tmp))
    return 0


def _review_shot(app: QApplication, settings: Settings, tmp: Path) -> None:
    """The merge review: two delegations' redlines of Rev 2 imported, a collision on para 66."""
    from app.merging import InputSpec
    from tests.widgets.merge_helpers import write_redlines

    window = MainWindow(settings, recovery_dir=tmp / "recovery2")
    window.resize(1400, 860)
    window.open_draft(REV2_EXCERPT)
    window.import_redlines([InputSpec(p) for p in write_redlines(tmp).values()])
    window.show()
    window.go_to("66")
    app.processEvents()
    window.document_view.scroll_to("66")
    app.processEvents()
    window.grab().save(str(OUT / "review.png"))
    print(OUT / "review.png")
    window.undo_stack.setClean()
    window.session.dirty = False  # type: ignore[union-attr]
    window.close()


if __name__ == "__main__":
    raise SystemExit(main())
