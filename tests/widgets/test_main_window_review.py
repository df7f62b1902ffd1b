"""MainWindow's merge review: import two text-form redlines, see the proposals with their authors,
accept or reject per author / paragraph / change, settle the collision, undo, and export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from app.proposals import Decision
from app.resources import REV2_EXCERPT
from app.wiring.merging import InputSpec
from tests.widgets.merge_helpers import DATE, clean_text, tracked_changes, write_redlines
from tests.widgets.window_helpers import Dialogs, capture_dialogs, make_window
from widgets.dialogs.import_dialog import ImportDialog
from widgets.main_window import MainWindow
from widgets.review.collision_dialog import COMBINE, PICK, REWORD, CollisionChoice, CollisionDialog


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return capture_dialogs(monkeypatch)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> MainWindow:
    w = make_window(qtbot, tmp_path)
    assert w.open_draft(REV2_EXCERPT)
    paths = write_redlines(tmp_path)
    assert w.import_redlines([InputSpec(paths["G77"]), InputSpec(paths["EU"])], date=DATE)
    return w


def _decisions(window: MainWindow) -> dict[str, Decision]:
    assert window.review is not None
    return {p.id: p.decision for p in window.review.proposals}


def test_import_lists_proposals_by_paragraph_with_their_authors(window: MainWindow, dialogs: Dialogs) -> None:
    panel = window.review_panel
    assert dialogs.errors == []
    assert panel.shown_ids() == ["p1", "p3", "p2", "p4"]  # para 66 (the collision), then 88, then 89
    assert panel.row_texts("p1") == ["collision: replacement", "G77", "81st session of the General Assembly",
                                     "Commission", "pending ⚠ collision 1"]
    assert panel.row_texts("p2")[1:4] == ["G77; EU", "description", "working definition"]
    assert panel.row_texts("p4")[1] == "EU"
    assert "4 proposals from 2 author(s)" in panel.summary.text()
    dock = window.findChild(QDockWidget, "reviewDock")
    assert dock is not None and dock.isVisible()
    assert window.ui_actions["export_merge"].isEnabled()


def test_reject_all_of_an_author_changes_what_full_export_writes(window: MainWindow, tmp_path: Path) -> None:
    before = tmp_path / "before.docx"
    assert window.export_merge(before, "full")
    assert {a for _, a, _ in tracked_changes(before)} >= {"G77", "EU"}
    assert window.decide_author("EU", Decision.REJECTED)
    after = tmp_path / "after.docx"
    assert window.export_merge(after, "full")
    changes = tracked_changes(after)
    assert changes and {a for _, a, _ in changes} == {"G77"}
    assert ("insert", "G77", "Commission") in changes
    assert window.review_panel.row_texts("p4")[4] == "rejected"


def test_accept_all_of_an_author_makes_the_clean_text(window: MainWindow, tmp_path: Path) -> None:
    assert window.decide_author("G77", Decision.ACCEPTED)
    out = tmp_path / "clean.docx"
    assert window.export_merge(out, "clean")
    assert "working definition" in clean_text(out, "88")
    assert "Commission" in clean_text(out, "66") and "Economic and Social" not in clean_text(out, "66")
    assert "must continue to be global" in clean_text(out, "89")  # the EU's own change is still pending


def test_a_merge_export_that_cannot_be_written_is_one_line_in_a_dialog(window: MainWindow, tmp_path: Path,
                                                                         dialogs: Dialogs) -> None:
    out = tmp_path / "no such folder" / "merged.docx"
    assert window.export_merge(out, "full") is False
    (title, text), = dialogs.errors
    assert title == "Exporting merged.docx failed"
    assert "no such folder" in text and "\n" not in text and "internal error" not in text
    assert not out.parent.exists()


def test_accept_and_reject_the_selected_change_by_shortcut(qtbot: QtBot, window: MainWindow) -> None:
    window.review_panel.select("p4")
    window.review_panel.tree.setFocus()
    assert window.ui_actions["accept_proposal"].shortcut().toString() == "Ctrl+Alt+A"
    window.ui_actions["accept_proposal"].trigger()
    assert _decisions(window)["p4"] is Decision.ACCEPTED
    window.review_panel.select("p2")
    window.ui_actions["reject_proposal"].trigger()
    assert _decisions(window)["p2"] is Decision.REJECTED
    assert window.review_panel.row_texts("p2")[4] == "rejected"


def test_paragraph_decision_and_undo_redo(window: MainWindow) -> None:
    window.review_panel.select("p1")
    window.accept_paragraph()
    assert _decisions(window) == {"p1": Decision.ACCEPTED, "p2": Decision.PENDING, "p3": Decision.ACCEPTED,
                                  "p4": Decision.PENDING}
    assert window.undo_stack.undoText() == "Accept para 66"
    window.undo_stack.undo()
    assert set(_decisions(window).values()) == {Decision.PENDING}
    assert window.review_panel.row_texts("p1")[4] == "pending ⚠ collision 1"
    window.undo_stack.redo()
    assert _decisions(window)["p3"] is Decision.ACCEPTED


def test_pick_settles_the_collision_and_undo_brings_it_back(window: MainWindow, tmp_path: Path) -> None:
    assert window.apply_collision_choice(CollisionChoice(PICK, ["p3"]))
    assert _decisions(window)["p3"] is Decision.ACCEPTED and _decisions(window)["p1"] is Decision.REJECTED
    assert "collision" not in window.review_panel.row_texts("p3")[4]
    out = tmp_path / "picked.docx"
    assert window.export_merge(out, "full")
    assert ("insert", "EU", "Economic and Social Council") in tracked_changes(out)
    assert not any(t == "Commission" for _, _, t in tracked_changes(out))
    window.undo_stack.undo()
    assert window.review is not None and len(window.review.collisions()) == 1


def test_combine_and_reword(window: MainWindow, tmp_path: Path) -> None:
    assert window.apply_collision_choice(CollisionChoice(COMBINE, ["p1", "p3"]))
    review = window.review
    assert review is not None
    combined = review.proposals[-1]
    assert combined.text == "Commission Economic and Social Council" and combined.authors == ["G77", "EU"]
    assert combined.id in window.review_panel.shown_ids()
    window.undo_stack.undo()
    assert len(review.proposals) == 4
    assert window.apply_collision_choice(CollisionChoice(REWORD, ["p1", "p3"], "Economic and Social Council"))
    mine = review.proposals[-1]
    assert mine.authors == ["IMSB"] and mine.decision is Decision.ACCEPTED  # the reviewer's organisation
    out = tmp_path / "reworded.docx"
    assert window.export_merge(out, "clean")
    assert "Economic and Social Council" in clean_text(out, "66")


def test_collision_dialog_from_the_window(qtbot: QtBot, window: MainWindow) -> None:
    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CollisionDialog)
        assert [v.objectName() for v in dialog.views] == ["collisionText_p1", "collisionText_p3"]
        dialog.pick_buttons[0].click()

    QTimer.singleShot(0, choose)
    window.review_panel.select("p3")
    window.ui_actions["resolve_collision"].trigger()
    assert _decisions(window)["p1"] is Decision.ACCEPTED and _decisions(window)["p3"] is Decision.REJECTED


def test_export_writes_the_report_and_compilation(window: MainWindow, tmp_path: Path) -> None:
    out, report = tmp_path / "compilation.docx", tmp_path / "report.json"
    assert window.export_merge(out, "compilation", report=report)
    lines = json.loads(report.read_text(encoding="utf-8"))
    assert {(r["author"], r["paragraph"], r["status"]) for r in lines} >= {
        ("G77", "66", "collision"), ("EU", "66", "collision"), ("EU", "89", "applied")}
    assert out.stat().st_size > 0


def test_selecting_a_proposal_scrolls_to_its_paragraph(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(900, 500)
    window.review_panel.select("p4")
    assert window.document_view.current_label() == "89"
    window.review_panel.select("p1")
    assert window.document_view.current_label() == "66"


def test_undo_import_and_close_review(window: MainWindow) -> None:
    review = window.review
    window.close_review()
    assert window.review is None and window.review_panel.shown_ids() == []
    assert not window.ui_actions["accept_proposal"].isEnabled()
    window.undo_stack.undo()
    assert window.review is review
    window.undo_stack.undo()  # the import itself
    assert window.review is None


def test_opening_another_draft_ends_the_review(window: MainWindow) -> None:
    window.undo_stack.setClean()
    assert window.open_draft(REV2_EXCERPT)
    assert window.review is None and window.document_view.review() is None


@pytest.mark.own_structure_check
def test_a_bad_file_is_an_error_dialog_naming_it(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> None:
    w = make_window(qtbot, tmp_path)
    assert w.open_draft(REV2_EXCERPT)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    good = write_redlines(tmp_path)["G77"]
    assert not w.import_redlines([InputSpec(good), InputSpec(broken)])
    assert len(dialogs.errors) == 1 and "broken.docx" in dialogs.errors[0][1]
    assert w.review is None


def test_import_dialog_drives_the_merge(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> None:
    w = make_window(qtbot, tmp_path)
    assert w.open_draft(REV2_EXCERPT)
    paths = write_redlines(tmp_path)

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ImportDialog)
        dialog.add_files([paths["G77"], paths["EU"]])
        dialog.set_author(1, "European Union")
        dialog.accept()

    QTimer.singleShot(0, fill)
    w.ui_actions["import_redlines"].trigger()
    assert w.review is not None and w.review.authors == ["G77", "European Union"]


def test_include_my_amendments(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> None:
    w = make_window(qtbot, tmp_path)
    assert w.open_draft(REV2_EXCERPT)
    w.apply_change("Strike", lambda s: s.delete_paragraph("103"))
    assert w.import_redlines([InputSpec(write_redlines(tmp_path)["EU"])], include_mine=True, date=DATE)
    review = w.review
    assert review is not None and review.authors[0] == "IMSB" and "EU" in review.authors
    ours = [p for p in review.proposals if p.authors == ["IMSB"]]
    assert [p.kind.value for p in ours] == ["delete paragraph"]
    assert window_shows_author(w, "IMSB")


def window_shows_author(w: MainWindow, author: str) -> bool:
    return author in w.review_panel.reviewer_filter.authors()


def test_cancelling_the_import_changes_nothing(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from app.wiring import merging

    def slow_merge(*_args: object, progress: Any, **_kwargs: object) -> object:
        for _ in range(1000):
            progress(0, 2, "reading G77.md")
            time.sleep(0.01)
        raise AssertionError("not cancelled")

    monkeypatch.setattr(merging, "merge_inputs", slow_merge)
    w = make_window(qtbot, tmp_path)
    assert w.open_draft(REV2_EXCERPT)

    def cancel() -> None:
        dialog = w.findChild(QProgressDialog, "progressDialog")
        assert dialog is not None and dialog.isVisible() and "reading G77.md" in dialog.labelText()
        button = dialog.findChild(QPushButton)
        assert button is not None and button.text() == "&Cancel"
        button.click()

    QTimer.singleShot(700, cancel)
    assert not w.import_redlines([InputSpec(write_redlines(tmp_path)["G77"])])
    assert w.review is None and dialogs.errors == [] and w.undo_stack.count() == 0


# --- the review kept in the project file and the recovery file ------------------------------------------


def _panel_rows(w: MainWindow) -> list[list[str]]:
    return [w.review_panel.row_texts(i) for i in w.review_panel.shown_ids()]


def _decide_some(w: MainWindow) -> None:
    assert w.decide_author("EU", Decision.REJECTED)
    assert w.decide(["p2"], Decision.ACCEPTED)
    assert w.apply_collision_choice(CollisionChoice(REWORD, ["p1", "p3"], "Commission"))


def test_decisions_survive_saving_closing_and_reopening(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                        dialogs: Dialogs) -> None:
    _decide_some(window)
    decided, rows = _decisions(window), _panel_rows(window)
    assert window.is_modified()
    before = tmp_path / "before.docx"
    assert window.export_merge(before, "clean")
    project = tmp_path / "projects" / "rev2.json"
    project.parent.mkdir()
    assert window.save_project(project)
    assert not window.is_modified()
    assert window.close() and dialogs.save_prompts == 0

    again = make_window(qtbot, tmp_path)
    assert again.open_project(project)
    assert _decisions(again) == decided
    assert decided == {"p1": Decision.REJECTED, "p2": Decision.ACCEPTED, "p3": Decision.REJECTED,
                       "p4": Decision.REJECTED, "p5": Decision.ACCEPTED}
    assert _panel_rows(again) == rows
    assert again.document_view.review() is again.review and again.session is not None
    assert again.session.review is again.review
    dock = again.findChild(QDockWidget, "reviewDock")
    assert dock is not None and dock.isVisible() and again.ui_actions["accept_proposal"].isEnabled()
    assert not again.is_modified() and again.undo_stack.count() == 0
    assert dialogs.errors == [] and dialogs.warnings == []
    after = tmp_path / "after.docx"  # the reopened review exports as the one decided
    assert again.export_merge(after, "clean")
    assert [clean_text(after, n) for n in ("66", "88", "89")] == [clean_text(before, n) for n in ("66", "88", "89")]
    assert "the Commission 29th" in clean_text(after, "66") and "working definition" in clean_text(after, "88")
    assert "must continue to be global" in clean_text(after, "89")


def test_a_closed_review_is_not_saved_and_undoing_an_import_drops_it(window: MainWindow, tmp_path: Path) -> None:
    window.close_review()
    project = tmp_path / "no-review.json"
    assert window.save_project(project)
    assert "review" not in json.loads(project.read_text(encoding="utf-8"))
    window.undo_stack.undo()  # the review again: saved with it
    assert window.save_project(project)
    assert len(json.loads(project.read_text(encoding="utf-8"))["review"]["proposals"]) == 4


def test_reopening_notes_an_input_changed_since_the_merge(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                         dialogs: Dialogs) -> None:
    project = tmp_path / "rev2.json"
    assert window.save_project(project)
    (tmp_path / "EU.md").write_text("88. changed\n", encoding="utf-8")
    again = make_window(qtbot, tmp_path)
    assert again.open_project(project)
    assert again.review is not None and len(again.review.proposals) == 4
    assert len(dialogs.warnings) == 1 and "EU.md: changed since it was merged" in dialogs.warnings[0][1]


def test_autosave_and_recovery_keep_the_review(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                               dialogs: Dialogs) -> None:
    import subprocess
    import sys

    from widgets import recovery

    _decide_some(window)
    decided, rows = _decisions(window), _panel_rows(window)
    assert window.autosaver.save_now()
    child = subprocess.Popen([sys.executable, "-c", "pass"])  # a process that has ended, as a crashed app's
    child.wait()
    left = recovery.recovery_file(window.autosaver.directory, child.pid)
    window.autosaver.path.rename(left)
    recovery.origin_file(window.autosaver.path).rename(recovery.origin_file(left))
    assert recovery.find_recovery(window.autosaver.directory) == left

    again = make_window(qtbot, tmp_path / "second")
    again.autosaver.directory = window.autosaver.directory
    assert again.restore_recovery(left)
    assert _decisions(again) == decided and _panel_rows(again) == rows
    assert again.document_view.review() is again.review
    assert again.is_modified()
    assert dialogs.errors == []


def test_merging_the_inputs_again_keeps_decisions_on_unchanged_changes(window: MainWindow, tmp_path: Path,
                                                                        dialogs: Dialogs) -> None:
    _decide_some(window)  # EU rejected, p2 accepted, p1/p3 reworded into p5 (accepted)
    earlier = window.review
    assert earlier is not None
    eu = tmp_path / "EU.md"
    eu.write_text(eu.read_text(encoding="utf-8").replace("**shall remain global**", "**shall stay global**"),
                  encoding="utf-8")
    window.ui_actions["remerge_inputs"].trigger()
    again = window.review
    assert again is not None and again is not earlier
    by_text = {(p.authors[0], p.text): p.decision for p in again.proposals}
    assert by_text[("EU", "shall stay")] is Decision.PENDING  # changed since: decided again
    assert by_text[("G77", "working definition")] is Decision.ACCEPTED  # p2, credited to both, as decided
    assert by_text[("G77", "Commission")] is Decision.REJECTED and by_text[("EU", "Economic and Social Council")] \
        is Decision.REJECTED
    (title, text), = dialogs.warnings
    assert title == "Some decisions could not be kept"
    assert "p4 (EU, rejected before)" in text and "p5 (IMSB, accepted before)" in text  # the reworded one
    window.undo_stack.undo()
    assert window.review is earlier


def test_merging_again_names_a_missing_input(window: MainWindow, tmp_path: Path, dialogs: Dialogs) -> None:
    earlier = window.review
    (tmp_path / "G77.md").unlink()
    assert not window.remerge_inputs()
    assert window.review is earlier
    assert len(dialogs.errors) == 1 and "G77.md is no longer at" in dialogs.errors[0][1]
