"""Issue 13 item 3: the Review toolbar's walk through every change of a three-author merge, accepting and
rejecting as it goes (Next change, Accept and move to next, Reject and move to next), then the full form
exported and read by LibreOffice: accepting all of it gives exactly the text accepted in the walk, rejecting
all of it gives the draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.proposals import Decision, ProposalKind
from app.resources import REV2_EXCERPT
from app.wiring.merging import InputSpec
from tests.interop.libreoffice import LibreOffice
from tests.widgets.merge_helpers import DATE, GA, US_NEW_PARAGRAPH, write_three_redlines
from tests.widgets.window_helpers import capture_dialogs, make_window
from widgets.main_window import MainWindow

pytestmark = pytest.mark.interop

HLPF = "high-level political forum on sustainable development"


def at(window: MainWindow) -> tuple[str, str, str]:
    """(paragraph, authors, kind) of the change the walk is on."""
    review, current = window.review, window.review_panel.current_id()
    assert review is not None and current is not None
    p = review.by_id(current)
    label = review.result.draft.paragraphs[p.paragraph].display_label
    return label, p.by, "new" if p.kind is ProposalKind.INSERT else p.text


def test_walking_a_three_author_merge_from_the_toolbar_exports_what_was_accepted(
        qtbot: QtBot, tmp_path: Path, libreoffice: LibreOffice, monkeypatch: pytest.MonkeyPatch) -> None:
    dialogs = capture_dialogs(monkeypatch)
    window = make_window(qtbot, tmp_path)
    assert window.open_draft(REV2_EXCERPT)
    paths = write_three_redlines(tmp_path)
    assert window.import_redlines([InputSpec(paths[a]) for a in ("G77", "EU", "US")], date=DATE)
    bar = window.review_toolbar.buttons
    review = window.review
    assert review is not None and len(review.proposals) == 6

    walk: list[tuple[tuple[str, str, str], str]] = []

    def press(name: str) -> None:
        walk.append((at(window), name))
        bar[name].click()

    bar["next_change"].click()  # from the top: the three-way collision on 66 first
    press("accept_next")  # G77's "Commission"
    press("reject_next")  # the EU's rival
    press("reject_next")  # the US's rival
    press("accept_next")  # the US's new paragraph 83 bis
    press("reject_next")  # "working definition" (G77 and the EU)
    press("accept_next")  # the EU's change to 89: the last
    assert walk == [(("66", "G77", "Commission"), "accept_next"),
                    (("66", "EU", "Economic and Social Council"), "reject_next"),
                    (("66", "US", HLPF), "reject_next"),
                    (("83", "US", "new"), "accept_next"),
                    (("88", "G77; EU", "working definition"), "reject_next"),
                    (("89", "EU", "shall remain"), "accept_next")]
    assert Decision.PENDING not in {p.decision for p in review.proposals}
    assert not window.next_change()  # nothing left to review
    assert window.undo_stack.count() == 1 + 6  # the import, then one ReviewCommand per decision

    full, clean = tmp_path / "walked.docx", tmp_path / "walked-clean.docx"
    assert window.export_merge(full, "full") and window.export_merge(clean, "clean")
    assert dialogs.errors == []
    seen = libreoffice.inspect(full)
    accepted = seen["accepted_text"]
    assert accepted == libreoffice.inspect(clean)["accepted_text"]  # exactly the text accepted in the walk
    assert "the Commission" in accepted and GA not in accepted
    assert "Economic and Social Council" not in accepted and HLPF not in accepted
    label, body = US_NEW_PARAGRAPH.split(". ", 1)
    assert any(line.startswith(label) and line.endswith(body) for line in accepted.splitlines())  # "83 bis.\t…"
    assert "description of Internet governance" in accepted and "working definition" not in accepted
    assert "shall remain global" in accepted
    assert seen["rejected_text"] == libreoffice.inspect(REV2_EXCERPT)["rejected_text"]
    # Only accepted changes are revisions (rejected ones leave the export), each under its author.
    authors = {(r["type"], r["author"], r["text"]) for r in seen["redlines"]}
    assert ("Insert", "G77", "Commission") in authors and ("Insert", "EU", "shall remain") in authors
    assert not any(text in ("working definition", "Economic and Social Council", HLPF) for _, _, text in authors)
    window.undo_stack.setClean()
