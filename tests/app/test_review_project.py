"""A merge review kept in the project file (schema 2): saved and reopened with the same proposals and
decisions, inputs relative to the project with their sha256, older files still read, damaged ones refused."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from app.errors import ProjectError
from app.project import load_project
from app.proposals import Decision, Proposal
from app.resources import REV2_EXCERPT
from app.review import MergedInput, Review
from app.review_file import restore_review, store_review
from app.wiring.merging import InputSpec, merge_inputs
from app.wiring.session import Session
from tests.widgets.merge_helpers import DATE, write_redlines


def _records(proposals: list[Proposal]) -> list[dict[str, Any]]:
    """What a proposal is, without the collision number (recomputed from the live proposals)."""
    return [{k: v for k, v in dataclasses.asdict(p).items() if k != "collision"} for p in proposals]


def _reviewed_session(folder: Path) -> Session:
    """The Rev 2 excerpt with G77's and the EU's redlines merged and partly decided (one combine)."""
    inputs = folder / "inputs"
    inputs.mkdir()
    paths = write_redlines(inputs)
    session = Session.open_draft(REV2_EXCERPT)
    specs = [InputSpec(paths["G77"]), InputSpec(paths["EU"], "European Union")]
    result, _ = merge_inputs(session.draft, specs, DATE)
    review = Review(result, [MergedInput.read(s.path, s.author) for s in specs])
    review.decide(["p2"], Decision.ACCEPTED)
    review.decide(["p4"], Decision.REJECTED)
    review.combine(["p1", "p3"], "the Commission and the Council", author="IMSB")
    session.review = review
    return session


def test_save_and_reopen_gives_the_same_proposals_and_decisions(tmp_path: Path) -> None:
    session = _reviewed_session(tmp_path)
    review = session.review
    assert review is not None
    project = tmp_path / "projects" / "rev2.json"
    project.parent.mkdir()
    session.save(project)

    reopened, _ = Session.open_project(project)
    again = reopened.review
    assert again is not None and reopened.review_notes == []
    assert _records(again.proposals) == _records(review.proposals)
    assert [p.decision for p in again.proposals] == [Decision.REJECTED, Decision.ACCEPTED, Decision.REJECTED,
                                                     Decision.REJECTED, Decision.ACCEPTED]
    assert again.result.date == DATE and again.include_mine is False
    assert [(i.path.resolve(), i.author, i.sha256) for i in again.inputs] == [
        (i.path.resolve(), i.author, i.sha256) for i in review.inputs]
    assert again.result.draft is reopened.draft
    assert again.result.plan.steps == review.result.plan.steps
    assert again.combine(["p2"], "working definition").id == "p6"  # numbering goes on past the stored ids


def test_the_file_holds_relative_inputs_with_their_sha256_and_the_proposals(tmp_path: Path) -> None:
    session = _reviewed_session(tmp_path)
    project = tmp_path / "rev2.json"
    session.save(project)
    data = json.loads(project.read_text(encoding="utf-8"))
    assert data["schema_version"] == 2
    stored = data["review"]
    assert [(i["path"], i["author"]) for i in stored["inputs"]] == [("inputs/G77.md", ""),
                                                                    ("inputs/EU.md", "European Union")]
    assert all(len(i["sha256"]) == 64 for i in stored["inputs"])
    first = stored["proposals"][0]
    assert first["paragraph_label"] == "66" and first["decision"] == "rejected"
    assert first["credits"][0]["author"] == "G77" and first["credits"][0]["source"] == "G77.md"
    assert first["paragraph_text"][first["start"]:first["end"]] == "81st session of the General Assembly"


def test_a_changed_or_missing_input_is_noted_and_the_review_kept(tmp_path: Path) -> None:
    session = _reviewed_session(tmp_path)
    project = tmp_path / "rev2.json"
    session.save(project)
    (tmp_path / "inputs" / "G77.md").write_text("88. something else\n", encoding="utf-8")
    (tmp_path / "inputs" / "EU.md").unlink()
    reopened, _ = Session.open_project(project)
    assert reopened.review is not None and len(reopened.review.proposals) == 5
    assert len(reopened.review_notes) == 2
    assert "G77.md: changed since it was merged" in reopened.review_notes[0]
    assert "EU.md: no longer at" in reopened.review_notes[1]


def test_a_proposal_whose_paragraph_left_the_draft_is_reported(tmp_path: Path) -> None:
    session = _reviewed_session(tmp_path)
    assert session.review is not None
    stored = store_review(session.review, tmp_path)
    draft = Session.open_draft(REV2_EXCERPT).draft
    p89 = draft.by_label("89")
    draft.paragraphs[p89.index].text = p89.text + " (amended since)"
    review, notes = restore_review(stored, draft, tmp_path)
    assert [p.id for p in review.proposals] == ["p1", "p2", "p3", "p5"]
    assert notes == ["p4 (European Union, para 89): its paragraph is no longer in the draft; left out of the review"]


def test_a_project_without_a_review_is_still_schema_1_and_loads(tmp_path: Path) -> None:
    project = tmp_path / "plain.json"
    Session.open_draft(REV2_EXCERPT).save(project)
    assert json.loads(project.read_text(encoding="utf-8"))["schema_version"] == 1
    session, _ = Session.open_project(project)
    assert session.review is None and session.review_notes == []
    v1 = tmp_path / "v1.json"
    v1.write_text(json.dumps({"format": "redline-desk-project", "schema_version": 1,
                              "draft": {"path": str(REV2_EXCERPT)}, "amendments": []}), encoding="utf-8")
    assert load_project(v1).review is None


def test_recovery_writes_absolute_input_paths(tmp_path: Path) -> None:
    session = _reviewed_session(tmp_path)
    left = tmp_path / "elsewhere" / "session.recovery.json"
    left.parent.mkdir()
    session.write_recovery(left)
    paths = [i["path"] for i in json.loads(left.read_text(encoding="utf-8"))["review"]["inputs"]]
    assert paths == [str((tmp_path / "inputs" / n).resolve()) for n in ("G77.md", "EU.md")]
    restored, _ = Session.open_project(left)
    assert restored.review is not None and restored.review_notes == []


@pytest.mark.parametrize("review", [
    "[]",
    '{"proposals": []}',
    '{"date": "2025-12-10T09:00:00+00:00", "proposals": [{"id": "p1", "kind": "bogus"}]}',
    '{"date": "2025-12-10T09:00:00+00:00", "proposals": [{"id": "p1", "kind": "modify", "paragraph": 0, '
    '"paragraph_text": "abc", "start": 2, "end": 9, "credits": []}]}',
    '{"date": "2025-12-10T09:00:00+00:00", "proposals": [{"id": "p1", "kind": "modify", "paragraph": 0, '
    '"paragraph_text": "abc", "credits": [], "decision": "maybe"}]}',
])
def test_a_damaged_review_is_refused(tmp_path: Path, review: str) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"format": "redline-desk-project", "schema_version": 2, "draft": {"path": "x"}, '
                    f'"review": {review}}}', encoding="utf-8")
    with pytest.raises(ProjectError, match="damaged project file"):
        load_project(path)


def test_an_either_or_credit_survives_the_project_file(tmp_path: Path) -> None:
    """A merged text form's Option A / Option B set: each credit keeps its place in the set."""
    from app.review_file import StoredProposal, StoredReview, review_from_json, review_to_json
    from app.wiring.merging import merge_files

    form = tmp_path / "IMSB.md"
    draft = Session.open_draft(REV2_EXCERPT).draft
    body = draft.by_label("84").body
    form.write_text("Option A\n83 bis. We recognise the work done.\n\nOption B\n84. "
                    + body.replace("We encourage", "We ~~encourage~~ **support**", 1) + "\n", encoding="utf-8")
    result, _ = merge_files(REV2_EXCERPT, [str(form)], tmp_path / "m.docx", form="full", date=DATE)
    options = sorted(c.option for p in result.proposals for c in p.credits)
    assert options == ["Option A; or Option B: para 84", "Option B; or Option A: para 83 bis"]
    stored = StoredReview(DATE, proposals=[StoredProposal(p, None, result.draft.paragraphs[p.paragraph].text)
                                           for p in result.proposals])
    back = review_from_json(json.loads(json.dumps(review_to_json(stored))))
    assert sorted(c.option for s in back.proposals for c in s.proposal.credits) == options
