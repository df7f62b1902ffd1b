"""A project moved onto a new revision of its draft (issue 12 item 2): the IMSB's amendments made on Rev 2
carried onto A/80/L.41, relabelled in its numbering, with a line per amendment; the revision history kept in
the project file; "83 bis" relabelled when a project is opened on a changed draft; undo back to Rev 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.amendments import Kind
from app.errors import ProjectError
from app.project import HISTORY_SCHEMA, load_project
from app.resources import REV2_EXCERPT, SAMPLE_DRAFT, SAMPLES
from app.revision import ALREADY_THERE, CARRIED, MOVED, OVERTAKEN_NOW, RevisionLine
from app.segments import Op, Segment
from app.threeway import ALREADY, APPLIED, OVERTAKEN
from app.wiring.session import Session

IMSB = SAMPLES / "imsb_rev2_amendments.md"

# Rev 2 label -> L.41 label, the amendment's status, and its changes' fates (read off L.41's text; see
# tests/app/test_merge_rebase.py): 66 was rewritten; 83 bis follows Rev 2's 83, L.41's 84; Rev 2's 84 is L.41's
# 85; L.41's 88 already says "working definition" but dropped the comma the second insertion follows; Rev 2's 89
# is L.41's 91, which already says "recognize"; Rev 2's 100 is L.41's 99; L.41's 103 recased the struck words.
ON_L41 = {
    "66": ("67", OVERTAKEN_NOW, [OVERTAKEN, OVERTAKEN]),
    "83 bis": ("84 bis", MOVED, []),
    "84": ("85", MOVED, [APPLIED]),
    "88": ("88", OVERTAKEN_NOW, [ALREADY, OVERTAKEN]),
    "89": ("91", MOVED, [ALREADY, APPLIED]),
    "100": ("99", OVERTAKEN_NOW, [OVERTAKEN]),
    "103": ("103", OVERTAKEN_NOW, [OVERTAKEN]),
}


def _imsb_on(tmp_path: Path) -> Session:
    """The IMSB's amendments as a project on a copy of Rev 2 (saved)."""
    rev2 = shutil.copy(REV2_EXCERPT, tmp_path / "rev2.docx")
    session = Session.open_draft(Path(rev2))
    session.organisation = "IMSB"
    session.import_text_form(IMSB.read_text(encoding="utf-8"))
    session.save(tmp_path / "imsb.json")
    return session


def _fates(lines: list[RevisionLine]) -> dict[str, tuple[str | None, str, list[str]]]:
    return {line.old_label: (line.new_label, line.status, sorted(c.status for c in line.changes)) for line in lines}


def test_the_imsb_amendments_move_from_rev2_to_l41_relabelled_with_what_became_of_each(tmp_path: Path) -> None:
    session = _imsb_on(tmp_path)
    l41 = Path(shutil.copy(SAMPLE_DRAFT, tmp_path / "L41.docx"))
    lines = session.new_revision(l41)
    assert _fates(lines) == {k: (new, status, sorted(f)) for k, (new, status, f) in ON_L41.items()}
    assert session.draft_path == l41 and session.draft.title == "A/80/L.41"
    by_label = {a.label: a for a in session.amendments}
    assert set(by_label) == {"67", "84 bis", "85", "88", "91", "99", "103"}  # overtaken ones kept
    new = by_label["84 bis"]
    assert new.kind is Kind.INSERT and new.target == "84"
    assert session.inserted_after("84") == [new]
    assert "including the Internet Governance Forum and the WSIS Forum" in by_label["85"].option.proposed
    assert by_label["85"].option.original == session.draft.by_label("85").body
    # 91: the insertion applied, the "recognize" L.41 already has is not proposed again
    assert "encompasses both technical and public policy issues and" in by_label["91"].option.proposed
    assert by_label["91"].option.original == by_label["91"].option.proposed.replace(
        "encompasses both technical and public policy issues and ", "")
    # overtaken: marked with both texts, its changes to redo; nothing proposed that no longer fits
    assert "made on ', as', the new revision reads 'Society as'" in by_label["88"].overtaken
    assert by_label["67"].overtaken and by_label["67"].option.proposed == session.draft.by_label("67").body
    assert not by_label["85"].overtaken
    line = next(x for x in lines if x.old_label == "83 bis")
    assert str(line) == "para 83 bis -> 84 bis (moved)"


def test_an_amendment_wholly_in_the_new_revision_is_reported_and_dropped(tmp_path: Path) -> None:
    session = _imsb_on(tmp_path)
    body = session.draft.by_label("89").body
    at = body.index("reaffirm")
    session.set_segments("89", [Segment(Op.EQUAL, body[:at]), Segment(Op.DELETE, "reaffirm"),
                                Segment(Op.INSERT, "recognize"), Segment(Op.EQUAL, body[at + 8:])])
    lines = session.new_revision(SAMPLE_DRAFT)
    line = next(x for x in lines if x.old_label == "89")
    assert (line.new_label, line.status) == (None, ALREADY_THERE)
    assert session.amendment_for("91") is None


def test_a_revision_with_the_same_numbering_carries_without_moving(tmp_path: Path) -> None:
    session = _imsb_on(tmp_path)
    same = Path(shutil.copy(REV2_EXCERPT, tmp_path / "rev2-copy.docx"))
    with same.open("ab") as f:
        f.write(b"\0")  # another file (another sha256), the same document: zip readers ignore trailing bytes
    lines = session.new_revision(same)
    assert {x.old_label: (x.new_label, x.status) for x in lines} == {
        k: (k, CARRIED) for k in ("66", "83 bis", "84", "88", "89", "100", "103")}


def test_the_draft_already_open_is_refused(tmp_path: Path) -> None:
    session = _imsb_on(tmp_path)
    with pytest.raises(ProjectError, match="already open"):
        session.new_revision(session.draft_path)


def test_save_and_reopen_keep_the_revision_history(tmp_path: Path) -> None:
    session = _imsb_on(tmp_path)
    l41 = Path(shutil.copy(SAMPLE_DRAFT, tmp_path / "L41.docx"))
    session.new_revision(l41)
    session.save()
    data = json.loads((tmp_path / "imsb.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == HISTORY_SCHEMA
    assert [(r["path"], r["title"]) for r in data["revisions"]] == [
        ("rev2.docx", "WSIS+20 Rev. 2 (reconstructed excerpt)"), ("L41.docx", "A/80/L.41")]
    assert data["revisions"][0]["taken_up"] is None and data["revisions"][1]["taken_up"]
    assert data["draft"]["path"] == "L41.docx" and data["base"]["sha256"] == session.draft.sha256
    reopened, placements = Session.open_project(tmp_path / "imsb.json")
    assert [r.sha256 for r in reopened.revisions] == [r.sha256 for r in session.revisions]
    assert reopened.revisions[1].path == str(l41.resolve())
    assert {p.how for p in placements} == {"same text"}
    assert {a.label: a.overtaken for a in reopened.amendments} == {a.label: a.overtaken for a in session.amendments}


def test_a_project_without_history_is_still_written_and_read_as_schema_1(tmp_path: Path) -> None:
    _imsb_on(tmp_path)
    assert json.loads((tmp_path / "imsb.json").read_text(encoding="utf-8"))["schema_version"] == 1
    project = load_project(tmp_path / "imsb.json")
    assert project.revisions == [] and len(project.amendments) == 7 and not any(a.overtaken for a in project.amendments)


def test_undo_returns_to_the_earlier_revision(tmp_path: Path) -> None:
    session = _imsb_on(tmp_path)
    before = session.snapshot()
    rev2, labels = session.draft, {a.label for a in session.amendments}
    session.new_revision(SAMPLE_DRAFT)
    after = session.snapshot()
    session.restore(before)
    assert session.draft is rev2 and {a.label for a in session.amendments} == labels and session.revisions == []
    session.restore(after)
    assert session.draft.title == "A/80/L.41" and "84 bis" in session.amended_labels()


def test_a_project_opened_on_its_changed_draft_relabels_new_paragraphs(tmp_path: Path) -> None:
    session = _imsb_on(tmp_path)
    shutil.copy(SAMPLE_DRAFT, session.draft_path)  # the draft file replaced by the next revision
    reopened, placements = Session.open_project(tmp_path / "imsb.json")
    moved = {p.old_label: p.new_label for p in placements}
    assert moved["83 bis"] == "84 bis" and moved["84"] == "85"
    new = next(a for a in reopened.amendments if a.kind is Kind.INSERT)
    assert (new.target, new.label) == ("84", "84 bis")
    labels = [p.label for p in reopened.draft.paragraphs if p.label]
    assert labels[labels.index("84") + 1] == "85" and reopened.inserted_after("84") == [new]
