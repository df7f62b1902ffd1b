"""Whose name is on a revision (issue 13 item 5): an opened project's amendments keep their own author, new
ones get the current identity; a reword with no identity set asks for one first; the merge export says to
whom the reviewer's own revisions are credited and credits them so."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.resources import REV2_EXCERPT
from app.segments import Op, Segment
from app.wiring.merging import InputSpec
from app.wiring.session import Session
from tests.widgets.merge_helpers import DATE, tracked_changes, write_redlines
from tests.widgets.window_helpers import Dialogs, capture_dialogs, make_window, select_in_editor
from widgets.dialogs.merge_export_dialog import MergeExportDialog
from widgets.dialogs.settings_dialog import SettingsDialog
from widgets.main_window import MainWindow
from widgets.review.collision_dialog import REWORD, CollisionChoice


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return capture_dialogs(monkeypatch)


def _g77_project(tmp_path: Path) -> Path:
    """A project saved under the G77's identity whose amendment to 88 carries no author of its own (as a
    project made before any name was set, or by a tool that writes the identity once, at the top)."""
    session = Session.open_draft(REV2_EXCERPT)
    body = session.draft.by_label("88").body
    at = body.index("description")
    session.set_segments("88", [Segment(Op.EQUAL, body[:at]), Segment(Op.DELETE, "description"),
                                Segment(Op.INSERT, "working definition"), Segment(Op.EQUAL, body[at + 11:])])
    session.author, session.organisation = "G77 chair", "G77"
    return session.save(tmp_path / "g77.json")


def test_an_opened_projects_amendments_keep_their_author(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> None:
    window = make_window(qtbot, tmp_path)  # identity: Jane Doe, IMSB
    assert window.open_project(_g77_project(tmp_path))
    session = window.session
    assert session is not None
    old = session.amendment_for("88")
    assert old is not None and (old.author, old.organisation) == ("G77 chair", "G77")
    assert window.go_to("89")
    select_in_editor(qtbot, window, "must continue to be global")
    qtbot.keyClicks(window.editor, "shall remain global")
    new = session.amendment_for("89")
    assert new is not None and (new.author, new.organisation) == ("Jane Doe", "IMSB")  # the current identity
    out = tmp_path / "both.docx"
    assert window.export(out, "full")
    credits = {text: author for _op, author, text in tracked_changes(out)}
    assert credits["working definition"] == "G77" and credits["shall remain global"] == "IMSB"
    assert window.save_project()
    reopened, _ = Session.open_project(tmp_path / "g77.json")
    again = reopened.amendment_for("88")
    assert again is not None and again.attribution == "G77"  # saving did not re-credit it either


def _reviewing(qtbot: QtBot, tmp_path: Path, *, identity: bool = True) -> MainWindow:
    window = make_window(qtbot, tmp_path)
    if not identity:
        window.settings.author, window.settings.organisation = "", ""  # the welcome was skipped
    assert window.open_draft(REV2_EXCERPT)
    paths = write_redlines(tmp_path)
    assert window.import_redlines([InputSpec(paths["G77"]), InputSpec(paths["EU"])], date=DATE)
    return window


REWORDING = CollisionChoice(REWORD, ["p1", "p3"], "Economic and Social Council")


def test_a_reword_with_no_identity_asks_for_one_first(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    window = _reviewing(qtbot, tmp_path, identity=False)
    review = window.review
    assert review is not None
    titles: list[str] = []

    def cancel(dialog: SettingsDialog) -> int:
        titles.append(dialog.windowTitle())
        return 0

    monkeypatch.setattr(SettingsDialog, "exec", cancel)
    assert not window.apply_collision_choice(REWORDING)
    assert titles == ["Who is rewording?"] and len(review.proposals) == 4  # nothing reworded
    assert "Not reworded: revisions need an author" in window.statusBar().currentMessage()

    def identify(dialog: SettingsDialog) -> int:
        dialog.organisation.setText("IMSB")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", identify)
    assert window.apply_collision_choice(REWORDING)
    assert review.proposals[-1].authors == ["IMSB"]  # not "Redline Desk"
    assert window.settings.organisation == "IMSB"


def test_the_merge_export_credits_the_reviewers_changes_to_the_identity_shown(
        qtbot: QtBot, tmp_path: Path, dialogs: Dialogs, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _reviewing(qtbot, tmp_path)  # Jane Doe, IMSB
    assert window.apply_collision_choice(REWORDING)
    out = tmp_path / "merged.docx"
    shown: list[str] = []

    def export(dialog: MergeExportDialog) -> int:
        shown.append(dialog.credit.text())
        dialog.organisation.setText("IMSB Secretariat")  # for this export only, as in the Export dialog
        dialog.path.setText(str(out))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(MergeExportDialog, "exec", export)
    window.ui_actions["export_merge"].trigger()
    assert shown and "1 change(s)" in shown[0] and "“IMSB”" in shown[0]
    authors = {author for _op, author, _text in tracked_changes(out)}
    assert "IMSB Secretariat" in authors and "IMSB" not in authors and "Redline Desk" not in authors
    assert {"G77", "EU"} <= authors  # everyone else's keep their authors
    review = window.review
    assert review is not None and review.proposals[-1].authors == ["IMSB"]  # the review itself is unchanged
