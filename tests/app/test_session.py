"""app.wiring.session: composing amendments on a draft, saving, recovering, exporting."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from app.amendments import Kind, Status
from app.errors import AmendmentError, ProjectError
from app.redline_edit import RedlineEdit
from app.resources import REV2_EXCERPT
from app.segments import Op, Segment
from app.wiring.session import Session


@pytest.fixture
def session() -> Session:
    s = Session.open_draft(REV2_EXCERPT)
    s.author, s.organisation = "Jane Doe", "IMSB"
    return s


def _edit_88(session: Session) -> None:
    body = session.draft.by_label("88").body
    e = RedlineEdit(body, session.segments_for("88"))
    i = body.index("description")
    e.replace(i, i + len("description"), "working definition")
    session.set_segments("88", e.segments)


def test_set_segments_creates_updates_and_removes_an_amendment(session: Session) -> None:
    _edit_88(session)
    a = session.amendment_for("88")
    assert a is not None and a.kind is Kind.MODIFY and a.organisation == "IMSB"
    assert "working definition" in a.option.proposed
    session.set_segments("88", [Segment(Op.EQUAL, session.draft.by_label("88").body)])
    assert session.amendment_for("88") is None
    assert session.dirty


def test_new_paragraphs_are_bis_then_ter(session: Session) -> None:
    first = session.insert_after("83", "We recognise the work done within the WSIS framework.")
    second = session.insert_after("83 bis", "A further paragraph.")
    assert (first.label, second.label) == ("83 bis", "83 ter")
    assert [a.label for a in session.inserted_after("83")] == ["83 bis", "83 ter"]


def test_delete_paragraph_and_drop_new_one(session: Session) -> None:
    session.delete_paragraph("103")
    assert session.amendment_for("103") is not None and session.amendment_for("103").kind is Kind.DELETE  # type: ignore[union-attr]
    new = session.insert_after("83", "Text.")
    session.delete_paragraph(new.label)
    assert session.amendment_for(new.label) is None


def test_move_text_strikes_there_and_inserts_here(session: Session) -> None:
    body_103 = session.draft.by_label("103").body
    start = body_103.index("call for the strengthening")
    end = body_103.index(", and invite")
    at = len(session.draft.by_label("100").body)
    session.move_text("103", start, end, "100", at)
    a103, a100 = session.amendment_for("103"), session.amendment_for("100")
    assert a103 is not None and a100 is not None
    struck = [s for s in a103.option.segments if s.op is Op.DELETE]
    inserted = [s for s in a100.option.segments if s.op is Op.INSERT]
    assert [s.text for s in struck] == [body_103[start:end]]
    assert a100.option.proposed.endswith(body_103[start:end])
    # The two halves are one move: they share its name (written as w:moveFrom / w:moveTo).
    assert struck[0].move and [s.move for s in inserted] == [struck[0].move]
    assert Segment(Op.DELETE, body_103[start:end], struck[0].move) in a103.option.segments


def test_options_rationale_status(session: Session) -> None:
    with pytest.raises(AmendmentError, match="no amendment yet"):
        session.add_option("88")
    _edit_88(session)
    option = session.add_option("88")
    a = session.amendment_for("88")
    assert a is not None and option.name == "B" and a.chosen == 1
    session.set_rationale(a.id, "Tunis Agenda wording.")
    session.set_status(a.id, Status.FINAL)
    assert a.rationale == "Tunis Agenda wording." and a.status is Status.FINAL


def test_undo_snapshot_restores_exactly(session: Session) -> None:
    before = session.snapshot()
    _edit_88(session)
    session.insert_after("83", "New.")
    session.restore(before)
    assert session.amendments == []


def test_save_reopen_and_export(session: Session, tmp_path: Path) -> None:
    _edit_88(session)
    session.insert_after("83", "We recognise the work done.")
    with pytest.raises(ProjectError, match="choose where"):
        session.save()
    project = tmp_path / "imsb.rdproj.json"
    session.save(project)
    assert not session.dirty
    reopened, placements = Session.open_project(project)
    assert [p.how for p in placements] == ["same text", "same text"]
    assert {a.label for a in reopened.amendments} == {"88", "83 bis"}
    assert reopened.organisation == "IMSB"
    out = tmp_path / "full.docx"
    reopened.export(out, "full")
    with zipfile.ZipFile(out) as zf:
        xml = zf.read("word/document.xml").decode()
    assert 'w:author="IMSB"' in xml and "working definition" in xml


def test_recovery_file_names_the_draft_absolutely(session: Session, tmp_path: Path) -> None:
    _edit_88(session)
    recovery = tmp_path / "recovery.json"
    session.write_recovery(recovery)
    restored, _ = Session.open_project(recovery)
    assert restored.amendment_for("88") is not None
    assert restored.draft_path.resolve() == REV2_EXCERPT.resolve()
