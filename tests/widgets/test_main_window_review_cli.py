"""The same decisions on the three-author merge made in the GUI's Review (by author, by paragraph, picking or
rewording in the collision dialog's terms) and written by `redline-desk review`: every form writes the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from pytestqt.qtbot import QtBot

from app.proposals import Decision
from app.resources import REV2_EXCERPT
from app.wiring.cli import main
from app.wiring.merging import InputSpec
from tests.widgets.merge_helpers import DATE, tracked_changes, write_three_redlines
from tests.widgets.window_helpers import capture_dialogs, make_window
from widgets.main_window import MainWindow
from widgets.review.collision_dialog import PICK, REWORD, CollisionChoice

FORMS = ("full", "clean", "compilation", "table")


def gui_decides(window: MainWindow, settle: str) -> None:
    """Accept all of G77, reject para 89, then settle para 66's collision: pick the US's, or reword it."""
    review = window.review
    assert review is not None
    assert window.decide_author("G77", Decision.ACCEPTED)
    assert window.decide_paragraph(review.result.draft.by_label("89").index, Decision.REJECTED)
    g77 = next(p for p in review.proposals if p.authors == ["G77"] and p.paragraph == review.by_id("66-1").paragraph)
    collision = review.collision_of(g77.id)
    assert collision is not None
    if settle == "pick":
        us = next(p for p in collision.proposals if p.authors == ["US"])
        assert window.apply_collision_choice(CollisionChoice(PICK, [us.id]))
    else:
        assert window.apply_collision_choice(CollisionChoice(REWORD, [p.id for p in collision.proposals], "the Board"))


def text_of(path: Path) -> list[str]:
    """Every paragraph's and table cell's text, as accepted by python-docx."""
    document = Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return [p.text for p in document.paragraphs] + cells


@pytest.mark.parametrize("settle", ["pick", "reword"])
def test_the_command_line_writes_what_the_gui_exports(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      settle: str) -> None:
    dialogs = capture_dialogs(monkeypatch)
    paths = write_three_redlines(tmp_path)
    window = make_window(qtbot, tmp_path)
    assert window.open_draft(REV2_EXCERPT)
    assert window.import_redlines([InputSpec(paths[a]) for a in ("G77", "EU", "US")], date=DATE)
    gui_decides(window, settle)
    reviewer = window.settings.organisation
    assert reviewer  # rewordings are credited to it in both
    decisions = ["--accept", "G77", "--reject", "89"]
    decisions += ["--pick", "66-1=US"] if settle == "pick" else ["--reword", "66-1=the Board", "--reviewer", reviewer]
    inputs = [str(paths[a]) for a in ("G77", "EU", "US")]
    for form in FORMS:
        gui, cli = tmp_path / f"gui-{form}.docx", tmp_path / f"cli-{form}.docx"
        assert window.export_merge(gui, form, report=tmp_path / f"gui-{form}.json")
        code = main(["review", str(REV2_EXCERPT), *inputs, *decisions, "--form", form, "-o", str(cli),
                     "--report", str(tmp_path / f"cli-{form}.json"), "--date", DATE.isoformat()])
        assert code == 0, form
        assert tracked_changes(cli) == tracked_changes(gui), form
        assert text_of(cli) == text_of(gui), form
        assert (tmp_path / f"cli-{form}.json").read_text() == (tmp_path / f"gui-{form}.json").read_text(), form
    full = tracked_changes(tmp_path / "cli-full.docx")
    wanted = ("insert", "US", "high-level political forum on sustainable development") if settle == "pick" else (
        "insert", reviewer, "the Board")
    assert wanted in full and not any(who == "EU" and text == "shall remain" for _, who, text in full)
    assert dialogs.errors == []
    window.undo_stack.setClean()
