"""Issue 13: the window fits a 1,024×768 laptop with every panel shown, on the sample, a 500-page draft and a
three-author merge review; the review's table wraps instead of scrolling sideways; panels close and reopen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QToolButton
from pytestqt.qtbot import QtBot

from app.resources import SAMPLE_DRAFT
from bench import generate
from tests.widgets.window_helpers import make_window
from tests.widgets.window_probe import LAPTOP_MINIMUM, open_three_author_review, show_every_panel
from widgets.main_window import MainWindow
from widgets.review.review_panel import COLUMNS, INSERTED, STATUS, STRUCK


@pytest.fixture(scope="module")
def big_draft(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The benchmark's 500-page draft (bench.generate, default seed) and a label in its middle."""
    items = generate.make_draft()
    path = tmp_path_factory.mktemp("big") / "draft.docx"
    generate.render(items, path)
    labels = generate.numbers(items)
    return path, labels[sorted(labels)[len(labels) // 2]]


def assert_fits_laptop(window: MainWindow) -> None:
    """Minimum size within 1,024×700, and the window really takes that size."""
    hint, minimum = window.minimumSizeHint(), window.minimumSize()
    width, height = LAPTOP_MINIMUM
    assert hint.width() <= width and hint.height() <= height, hint
    assert minimum.width() <= width and minimum.height() <= height, minimum
    window.resize(width, height)
    QApplication.processEvents()
    assert (window.width(), window.height()) == LAPTOP_MINIMUM


def _discard(window: MainWindow) -> None:
    window.undo_stack.setClean()
    if window.session is not None:
        window.session.dirty = False


@pytest.mark.parametrize("split", [False, True], ids=["tabbed", "split"])
def test_sample_fits_a_laptop(qtbot: QtBot, tmp_path: Path, split: bool) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.open_draft(SAMPLE_DRAFT)
    show_every_panel(window, "5", split=split)
    assert window.editor_pane.heading.text() == "Editing para 5"
    assert_fits_laptop(window)
    _discard(window)


def test_500_page_draft_fits_a_laptop(qtbot: QtBot, tmp_path: Path, big_draft: tuple[Path, str]) -> None:
    path, label = big_draft
    window = make_window(qtbot, tmp_path)
    assert window.open_draft(path)
    assert len(window.session.draft.paragraphs) > 9_000  # type: ignore[union-attr]
    show_every_panel(window, label, split=True)
    assert_fits_laptop(window)
    _discard(window)


@pytest.mark.parametrize("split", [False, True], ids=["tabbed", "split"])
def test_three_author_review_fits_a_laptop(qtbot: QtBot, tmp_path: Path, split: bool) -> None:
    window = make_window(qtbot, tmp_path)
    open_three_author_review(window, tmp_path)
    show_every_panel(window, "66", split=split)
    assert window.review_dock.isVisible() and window.review_panel.shown_ids()
    assert_fits_laptop(window)
    _discard(window)


def test_review_table_wraps_instead_of_scrolling_sideways(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.resize(1024, 700)
    open_three_author_review(window, tmp_path)
    QApplication.processEvents()
    tree = window.review_panel.tree
    header = tree.header()
    widths = [header.sectionSize(c) for c in range(len(COLUMNS))]
    assert sum(widths) <= tree.viewport().width()
    assert tree.horizontalScrollBar().maximum() == 0 and not tree.horizontalScrollBar().isVisible()
    panel = window.review_panel
    us = next(i for i in panel.shown_ids()
              if panel.row_texts(i)[1] == "US" and panel.row_texts(i)[0] == "collision: replacement")
    texts = panel.row_texts(us)
    assert texts[INSERTED] == "high-level political forum on sustainable development"
    assert "collision" in texts[STATUS]
    index = panel.index_of(us)
    assert index is not None
    inserted = index.siblingAtColumn(INSERTED)
    metrics = tree.fontMetrics()
    # The inserted text is wider than its column, so its row is several lines high rather than cut.
    assert metrics.horizontalAdvance(texts[INSERTED]) > header.sectionSize(INSERTED)
    assert tree.visualRect(inserted).height() >= 2 * metrics.height()
    assert panel.model.itemFromIndex(inserted).toolTip() == f"Inserted: {texts[INSERTED]}"
    assert panel.model.itemFromIndex(index.siblingAtColumn(STRUCK)).toolTip().startswith("Struck: 81st session")
    _discard(window)


def test_review_dock_opens_wide_and_can_be_widened(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    window.resize(1366, 740)
    QApplication.processEvents()
    open_three_author_review(window, tmp_path)
    QApplication.processEvents()
    dock, tree = window.review_dock, window.review_panel.tree
    assert dock.width() >= 0.35 * window.width()  # wider than the amendments' share
    before = tree.header().sectionSize(INSERTED)
    window.resizeDocks([dock], [800], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert dock.width() >= 790
    assert tree.header().sectionSize(INSERTED) > before
    assert sum(tree.header().sectionSize(c) for c in range(len(COLUMNS))) <= tree.viewport().width()
    _discard(window)


def test_panels_close_and_reopen_from_the_view_menu(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    view = window.ui_actions.menus["View"]
    for dock in window.findChildren(QDockWidget):
        features = dock.features()
        for feature in (QDockWidget.DockWidgetFeature.DockWidgetClosable,
                        QDockWidget.DockWidgetFeature.DockWidgetMovable):
            assert features & feature, (dock.objectName(), feature)
        toggle = dock.toggleViewAction()
        assert toggle in view.actions()
        dock.show()
        toggle.trigger()
        assert not dock.isVisible()
        toggle.trigger()
        assert dock.isVisible()


def test_paragraph_actions_overflow_instead_of_widening(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.open_draft(SAMPLE_DRAFT)
    show_every_panel(window, "5")
    pane = window.editor_pane
    window.resize(1024, 700)
    window.resizeDocks([window.navigator_dock, window.amendments_dock], [300, 420], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    hidden = [name for name, button in pane.buttons.items() if not button.isVisible()]
    extension = pane.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert hidden and extension is not None and extension.isVisible()  # the rest is behind »
    assert pane.minimumSizeHint().width() < 300
    _discard(window)
