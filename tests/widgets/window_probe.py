"""Set the main window up with every panel shown and report its geometry: used in-process by the layout tests
and as a program (`python -m tests.widgets.window_probe FOLDER [--review]`) under a real X server (Xvfb)
or another QT_SCALE_FACTOR, where it prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from app.resources import REV2_EXCERPT, SAMPLE_DRAFT
from app.wiring.merging import InputSpec
from tests.widgets.merge_helpers import write_three_redlines
from tests.widgets.window_helpers import make_settings
from widgets.main_window import MainWindow

LAPTOP_MINIMUM = (1024, 700)  # issue 13: the window's minimum size must not exceed this


def show_every_panel(window: MainWindow, label: str, *, split: bool = False) -> None:
    """Every dock shown (the review beside the amendments when `split`, else tabbed with them) and `label`
    in the per-paragraph editor."""
    for dock in (window.navigator_dock, window.amendments_dock, window.review_dock):
        dock.show()
    if split:  # out of the amendments' tabs, then under them
        window.removeDockWidget(window.review_dock)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.review_dock)
        window.splitDockWidget(window.amendments_dock, window.review_dock, Qt.Orientation.Vertical)
        window.review_dock.show()
    assert window.go_to(label), label
    QApplication.processEvents()


def open_three_author_review(window: MainWindow, folder: Path) -> None:
    """The Rev 2 excerpt with the G77's, the EU's and the US's redlines imported under review."""
    assert window.open_draft(REV2_EXCERPT)
    assert window.import_redlines([InputSpec(p) for p in write_three_redlines(folder).values()])
    assert window.review is not None and len(window.review.authors) == 3


def outside(widget: QWidget, screen: QRect) -> bool:
    """True when the widget's global rectangle is not wholly inside the screen's."""
    rect = QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())
    return not screen.contains(rect)


def scrolled_content(widget: QWidget) -> bool:
    """True for widgets inside a scroll area's viewport, which may lie beyond the screen by design."""
    parent = widget.parentWidget()
    while parent is not None:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return True
        parent = grand
    return False


def report(window: MainWindow) -> dict[str, Any]:
    """The screen, the window and every visible widget of it (class, objectName, global rectangle)."""
    screen = window.screen()

    def rect(r: QRect) -> list[int]:
        return [r.x(), r.y(), r.width(), r.height()]

    widgets = []
    for widget in [window, *window.findChildren(QWidget)]:
        if widget.isVisible() and widget.window() is window and not scrolled_content(widget):
            top_left = widget.mapToGlobal(widget.rect().topLeft())
            widgets.append({"class": type(widget).__name__, "name": widget.objectName(),
                            "rect": [top_left.x(), top_left.y(), widget.width(), widget.height()]})
    hint = window.minimumSizeHint()
    return {"platform": QApplication.platformName(), "screen": rect(screen.geometry()),
            "available": rect(screen.availableGeometry()), "window": rect(window.geometry()),
            "frame": rect(window.frameGeometry()), "minimum_hint": [hint.width(), hint.height()],
            "widgets": widgets}


def main(argv: list[str] | None = None) -> int:
    """Show the window maximised with every panel (a three-author review when --review), print the report."""
    parser = argparse.ArgumentParser(prog="window_probe")
    parser.add_argument("folder", type=Path, help="a scratch folder (settings, recovery, redlines)")
    parser.add_argument("--review", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("REDLINE_DESK_NO_FIRST_RUN", "1")
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")  # as widgets.app.application()
    window = MainWindow(make_settings(args.folder), recovery_dir=args.folder / "recovery")
    window.showMaximized()
    if args.review:
        open_three_author_review(window, args.folder)
        show_every_panel(window, "66", split=True)
    else:
        assert window.open_draft(SAMPLE_DRAFT)
        show_every_panel(window, "5", split=True)
    by_manager = window.isMaximized() and window.geometry() == window.screen().availableGeometry()
    if not by_manager:  # no window manager on a bare X server: do what one does for "maximised"
        window.setGeometry(window.screen().availableGeometry())
    for _ in range(20):
        app.processEvents()
    print(json.dumps({**report(window), "maximised_by_window_manager": by_manager}))
    window.undo_stack.setClean()
    if window.session is not None:
        window.session.dirty = False
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
