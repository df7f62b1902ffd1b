"""The three LibreOffice-authored redlines of test_merge_three_authors decided from the command line and in the
GUI's Review (accept G77, reject para 89, pick the US's wording in para 66's first collision): LibreOffice reads the
same revisions and texts in both, accepted and pending proposals as revisions under their authors, rejected ones
gone."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.proposals import Decision
from app.resources import REV2_EXCERPT
from app.wiring.cli import main
from app.wiring.merging import InputSpec
from tests.interop.libreoffice import LibreOffice
from tests.interop.test_merge_three_authors import EDITS
from tests.widgets.merge_helpers import DATE
from tests.widgets.window_helpers import capture_dialogs, make_window
from widgets.review.collision_dialog import PICK, CollisionChoice

pytestmark = pytest.mark.interop
DECISIONS = "accept G77\nreject 89\npick 66-1=US\n"


def test_libreoffice_reads_what_the_gui_exports_for_the_same_decisions(
    qtbot: QtBot, tmp_path: Path, libreoffice: LibreOffice, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialogs = capture_dialogs(monkeypatch)
    inputs = []
    for author, edits in EDITS.items():
        path = tmp_path / f"{author}.docx"
        libreoffice.author(REV2_EXCERPT, [{"author": author, **e} for e in edits], path)
        inputs.append(path)
    window = make_window(qtbot, tmp_path)
    assert window.open_draft(REV2_EXCERPT)
    assert window.import_redlines([InputSpec(p) for p in inputs], date=DATE)
    review = window.review
    assert review is not None
    assert window.decide_author("G77", Decision.ACCEPTED)
    assert window.decide_paragraph(review.result.draft.by_label("89").index, Decision.REJECTED)
    us = next(p for p in review.proposals if p.authors == ["US"] and p.collision is not None)
    assert window.apply_collision_choice(CollisionChoice(PICK, [us.id]))
    (tmp_path / "decisions.txt").write_text(DECISIONS, encoding="utf-8")
    draft = libreoffice.inspect(REV2_EXCERPT)
    for form in ("full", "clean"):
        gui, cli = tmp_path / f"gui-{form}.docx", tmp_path / f"cli-{form}.docx"
        assert window.export_merge(gui, form)
        assert main(["review", str(REV2_EXCERPT), *map(str, inputs), "--decisions", str(tmp_path / "decisions.txt"),
                     "--form", form, "-o", str(cli), "--date", DATE.isoformat()]) == 0
        seen, expected = libreoffice.inspect(cli), libreoffice.inspect(gui)
        assert seen["redlines"] == expected["redlines"], form
        assert seen["accepted_text"] == expected["accepted_text"], form
        assert seen["rejected_text"] == expected["rejected_text"], form
        if form == "full":  # rejecting every revision gives the draft back
            assert seen["rejected_text"] == draft["rejected_text"]
        text = seen["accepted_text"]
        # 66-1 is "consider the establishment of": the US's "establishing" picked over G77's "establish"
        assert "consider establishing a task force" in text and "establish consider establish " not in text, form
        # G77's "Commission" accepted; the US's rival wording of that span is pending (a comment in the full form)
        assert "to the Commission 29th session" in text, form
        assert "must continue to be global" in text, form  # the EU's para 89, rejected
        assert "We reaffirm the working definition" in text, form  # accepted (G77 and the EU)
    full = [(r["type"], r["author"], r["text"]) for r in libreoffice.inspect(tmp_path / "cli-full.docx")["redlines"]]
    assert ("Insert", "US", "establishing") in full and ("Insert", "G77", "Commission") in full
    assert not any(x == "establish" for _, _, x in full)  # G77's rejected wording of 66-1
    assert ("Insert", "G77", "working definition") in full  # G77's and the EU's: tracked under the first
    assert any(a == "US" and x.startswith("83 bis.") for _, a, x in full)  # pending: still a revision to decide
    clean = libreoffice.inspect(tmp_path / "cli-clean.docx")
    assert clean["redlines"] == [] and "83 bis." not in clean["accepted_text"]  # only the accepted ones applied
    assert dialogs.errors == []
    window.undo_stack.setClean()
