"""Bench probe: report when the app's window is interactive, then end the process (bench/gui.py's start measures).

"Interactive" is: the window is shown with the draft open, and the event loop has finished painting the document
view with the draft's text (the first Paint of its viewport with a non-empty document, plus one pass of the loop).
`install` must run before the app creates its window; it creates the QApplication the app then reuses (as
widgets.app.application does when one exists). The seconds since BENCH_T0 (a time.time() taken by the bench just
before it started the process) go to the file named by BENCH_FIRST_PAINT_OUT, so the app's own output is untouched.

    python -c "import bench.first_paint as p; p.install(); from app.wiring.cli import main; main([])"
    sitecustomize.py for `scripts/run_app.sh`: see SITECUSTOMIZE
"""

from __future__ import annotations

import os
import sys
import time

T0_ENV = "BENCH_T0"
OUT_ENV = "BENCH_FIRST_PAINT_OUT"

# Put in a folder on PYTHONPATH, it hooks only the redline-desk process that run_app.sh starts (not the python that
# scripts/env_check.sh runs on the way).
SITECUSTOMIZE = """
import os, sys
if os.path.basename(sys.argv[0] if sys.argv else "") == "redline-desk":
    sys.path.insert(0, {root!r})
    import bench.first_paint
    bench.first_paint.install()
"""


def install() -> None:
    """Create the QApplication and watch its events for the first paint of the document with the draft in it."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QTextEdit, QWidget

    t0 = float(os.environ[T0_ENV])
    out = os.environ[OUT_ENV]
    app = QApplication.instance() or QApplication(sys.argv[:1])

    def report() -> None:
        with open(out, "w", encoding="utf-8") as f:
            f.write(f"{time.time() - t0:.4f}\n")
        os._exit(0)  # the measure ends here; nothing of the session is kept (the bench isolates its files)

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if not self.seen and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
                view = watched.parent()
                if (isinstance(view, QTextEdit) and view.objectName() == "documentView"
                        and not view.document().isEmpty()):
                    self.seen = True
                    QTimer.singleShot(0, report)  # after this paint, once the loop is back
            return False

    watcher = FirstPaint(app)
    app.installEventFilter(watcher)
