"""The Qt binding itself: a build that drops references to None (PySide6 6.12.0 on Python 3.11)
crashes the app after a few thousand calls, so it must never be installed."""

import sys

from PySide6.QtGui import QColor


def test_void_qt_calls_keep_none_alive() -> None:
    colour = QColor()
    before = sys.getrefcount(None)
    for _ in range(2000):
        colour.setRed(1)
    assert sys.getrefcount(None) >= before - 50
