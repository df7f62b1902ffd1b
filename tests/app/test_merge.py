"""app.merge: several authors' changes on one draft."""

from __future__ import annotations

from datetime import UTC, datetime

from app.attributed import Change, IncomingParagraph
from app.merge import APPLIED, COLLISION, NOT_APPLICABLE, Incoming, merge
from app.model import Draft, Kind, Paragraph
from app.plan import InsertParagraph, ModifyParagraph
from app.segments import Op, original_text, proposed_text

DATE = datetime(2025, 12, 10, tzinfo=UTC)
TEXT = "5.\tWe urge all States to act without delay."


def _draft() -> Draft:
    return Draft([Paragraph(0, 0, "4.\tWe meet.", Kind.PARAGRAPH, "4", 3),
                  Paragraph(1, 1, TEXT, Kind.PARAGRAPH, "5", 3)])


def _replace(author: str, old: str, new: str, text: str = TEXT) -> Incoming:
    i = text.index(old)
    changes = [Change(Op.EQUAL, text[:i]), Change(Op.DELETE, old, author), Change(Op.INSERT, new, author),
               Change(Op.EQUAL, text[i + len(old):])]
    return Incoming(f"{author}.docx", [IncomingParagraph(0, [Change(Op.EQUAL, "4.\tWe meet.")]),
                                       IncomingParagraph(1, changes)])


def test_identical_proposals_are_one_change_crediting_both() -> None:
    result = merge(_draft(), [_replace("G77", "urge", "call on"), _replace("EU", "urge", "call on")], DATE)
    (step,) = result.plan.steps
    assert isinstance(step, ModifyParagraph)
    assert proposed_text(step.segments) == "5.\tWe call on all States to act without delay."
    assert {a.author for a in step.authors or [] if a} == {"G77; EU"}
    assert {(r.author, r.status) for r in result.report} == {("G77", APPLIED), ("EU", APPLIED)}


def test_separate_changes_of_two_authors_both_apply() -> None:
    result = merge(_draft(), [_replace("G77", "urge", "call on"), _replace("EU", "without delay", "now")], DATE)
    (step,) = result.plan.steps
    assert isinstance(step, ModifyParagraph)
    assert original_text(step.segments) == TEXT
    assert proposed_text(step.segments) == "5.\tWe call on all States to act now."
    assert not result.collisions


def test_different_changes_to_the_same_words_collide_and_both_stay() -> None:
    result = merge(_draft(), [_replace("G77", "urge", "call on"), _replace("US", "urge", "encourage")], DATE)
    assert result.collisions == {"5"}
    (step,) = result.plan.steps
    assert isinstance(step, ModifyParagraph)
    inserted = [(s.text, a.author if a else None) for s, a in zip(step.segments, step.authors or [], strict=True)
                if s.op is Op.INSERT]
    # Side by side, separated so that accept-all does not run them together; the separator is the compiler's.
    assert inserted == [("call on", "G77"), (" / ", "Redline Desk"), ("encourage", "US")]
    assert original_text(step.segments) == TEXT
    assert {r.status for r in result.report} == {COLLISION}
    assert {r.reason for r in result.report} == {"overlaps another author's change"}


def test_a_change_to_text_the_draft_does_not_have_is_not_applicable() -> None:
    other = "5.\tWe welcome the report."
    result = merge(_draft(), [_replace("G77", "welcome", "note", other)], DATE)
    assert [r.status for r in result.report] == [NOT_APPLICABLE]


def test_new_paragraph_goes_after_the_one_it_follows() -> None:
    new = IncomingParagraph(2, [Change(Op.INSERT, "5 bis.\tAlso this.", "US")], inserted=True)
    base = _replace("US", "urge", "call on")
    base.paragraphs.append(new)
    result = merge(_draft(), [base], DATE)
    inserts = [s for s in result.plan.steps if isinstance(s, InsertParagraph)]
    assert len(inserts) == 1 and inserts[0].anchor == 1 and inserts[0].text == "5 bis.\tAlso this."
    assert ("US", "5 bis", APPLIED) in {(r.author, r.paragraph, r.status) for r in result.report}
