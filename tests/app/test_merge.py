"""app.merge: several authors' changes on one draft."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.attributed import Change, IncomingParagraph
from app.merge import APPLIED, COLLISION, NOT_APPLICABLE, OVERTAKEN_BY_REVISION, Incoming, merge
from app.model import Draft, Kind, Paragraph
from app.plan import DeleteParagraph, InsertParagraph, ModifyParagraph
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
    # One revision (w:author holds one name: the first); a comment by the EU and the report credit both.
    assert {a.author for a in step.authors or [] if a} == {"G77"}
    assert [(c.by.author, TEXT[c.start:c.end], c.text) for c in step.comments] == [
        ("EU", "urge", "EU proposes the same change (tracked under G77).")]
    assert {(r.author, r.status) for r in result.report} == {("G77", APPLIED), ("EU", APPLIED)}
    assert {r.reason for r in result.report} == {"one change for G77, EU, tracked under G77"}


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
    # The first proposal tracked, the rival a comment by its author with its wording of the span: no separator.
    assert inserted == [("call on", "G77")]
    assert [(c.by.author, TEXT[c.start:c.end], c.text) for c in step.comments] == [
        ("US", "urge", "US proposes: \u201cencourage\u201d")]
    assert original_text(step.segments) == TEXT
    assert {r.status for r in result.report} == {COLLISION}
    assert {(r.author, r.reason) for r in result.report} == {
        ("G77", "overlaps another author's change; tracked in the full form"),
        ("US", "overlaps another author's change; in the full form a comment on the span, as G77's change is "
               "tracked there")}


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


def _para(i: int, text: str) -> Paragraph:
    label, _, _ = text.partition(".")
    return Paragraph(i, i, text, Kind.PARAGRAPH, label, text.index("\t") + 1)


def _edited(author: str, texts: list[str], changes_at: dict[int, tuple[str, str]]) -> Incoming:
    """A redline of `texts` where paragraph i has `old` replaced by `new` by `author`."""
    paragraphs = []
    for i, text in enumerate(texts):
        if i in changes_at:
            old, new = changes_at[i]
            k = text.index(old)
            paragraphs.append(IncomingParagraph(i, [Change(Op.EQUAL, text[:k]), Change(Op.DELETE, old, author),
                                                    Change(Op.INSERT, new, author),
                                                    Change(Op.EQUAL, text[k + len(old):])]))
        else:
            paragraphs.append(IncomingParagraph(i, [Change(Op.EQUAL, text)]))
    return Incoming(f"{author}.docx", paragraphs)


BODIES = ["We meet in Geneva.", "We urge all States to act without delay.", "We call on donors to help the poorest.",
          "We decide to review progress in 2030.", "We request a report on implementation."]


def test_a_redline_made_on_an_earlier_renumbered_revision_lands_on_the_right_paragraphs() -> None:
    earlier = [f"{n}.\t{b}" for n, b in zip(range(4, 9), BODIES, strict=True)]
    # Our revision inserted a paragraph after the first: every later number moved up by one.
    ours = Draft([_para(i, t) for i, t in enumerate(
        [earlier[0], "5.\tWe welcome the new partners.",
         *[f"{n}.\t{b}" for n, b in zip(range(6, 10), BODIES[1:], strict=True)]])])
    redline = _edited("G77", earlier, {1: ("urge", "call on"), 3: ("2030", "2028")})
    result = merge(ours, [redline], DATE)
    placed = {(ours.paragraphs[p.paragraph].label, p.text) for p in result.proposals}
    assert placed == {("6", "call on"), ("8", "2028")}
    assert {(r.paragraph, r.status) for r in result.report} == {("6", APPLIED), ("8", APPLIED)}


def test_a_paragraph_our_draft_split_in_two_takes_its_changes_in_both_halves() -> None:
    theirs = ["4.\tWe meet in Geneva.", "5.\t" + BODIES[1] + " " + BODIES[2], "6.\t" + BODIES[3]]
    ours = Draft([_para(i, t) for i, t in enumerate(
        ["4.\tWe meet in Geneva.", "5.\t" + BODIES[1], "6.\t" + BODIES[2], "7.\t" + BODIES[3]])])
    k = theirs[1].index("urge")
    j = theirs[1].index("donors")
    text = theirs[1]
    redline = Incoming("EU.docx", [
        IncomingParagraph(0, [Change(Op.EQUAL, theirs[0])]),
        IncomingParagraph(1, [Change(Op.EQUAL, text[:k]), Change(Op.DELETE, "urge", "EU"),
                              Change(Op.INSERT, "invite", "EU"), Change(Op.EQUAL, text[k + 4:j]),
                              Change(Op.DELETE, "donors", "EU"), Change(Op.INSERT, "partners", "EU"),
                              Change(Op.EQUAL, text[j + 6:])]),
        IncomingParagraph(2, [Change(Op.EQUAL, theirs[2])])])
    result = merge(ours, [redline], DATE)
    placed = {(ours.paragraphs[p.paragraph].label, ours.paragraphs[p.paragraph].text[p.start:p.end], p.text)
              for p in result.proposals}
    assert placed == {("5", "urge", "invite"), ("6", "donors", "partners")}
    assert not result.not_applicable


def test_a_paragraph_our_draft_merged_into_its_neighbour_takes_its_changes_there() -> None:
    theirs = ["4.\tWe meet in Geneva.", "5.\t" + BODIES[1], "6.\t" + BODIES[2], "7.\t" + BODIES[3]]
    ours = Draft([_para(i, t) for i, t in enumerate(
        ["4.\tWe meet in Geneva.", "5.\t" + BODIES[1] + " " + BODIES[2], "6.\t" + BODIES[3]])])
    result = merge(ours, [_edited("US", theirs, {2: ("donors", "partners")})], DATE)
    (p,) = result.proposals
    para = ours.paragraphs[p.paragraph]
    assert (para.label, para.text[p.start:p.end], p.text) == ("5", "donors", "partners")


def test_a_change_whose_text_is_gone_is_reported_overtaken_with_both_texts() -> None:
    theirs = ["4.\tWe meet.", "5.\tWe urge all States to act without any delay whatsoever."]
    result = merge(_draft(), [_edited("G77", theirs, {1: ("whatsoever", "at all")})], DATE)
    (line,) = [r for r in result.report if r.status == OVERTAKEN_BY_REVISION]
    assert (line.author, line.paragraph, line.change) == ("G77", "5", "~~whatsoever~~ **at all**")
    assert "made on 'delay whatsoever.'" in line.reason
    assert not result.proposals


def _new(author: str, text: str, rationale: str = "") -> Incoming:
    return Incoming(f"{author}.docx", [IncomingParagraph(0, [Change(Op.EQUAL, "4.\tWe meet.")]),
                                       IncomingParagraph(1, [Change(Op.EQUAL, TEXT)]),
                                       IncomingParagraph(2, [Change(Op.INSERT, text, author)], inserted=True,
                                                         rationale=rationale)])


def test_new_paragraphs_of_several_authors_are_numbered_bis_ter_and_identical_ones_credit_both() -> None:
    result = merge(_draft(), [_new("US", "5 bis.\tFirst idea.", "Needed."), _new("EU", "5 bis.\tSecond idea."),
                              _new("AU", "5 bis.\tFirst idea.")], DATE)
    inserts = [(p.label, p.text, p.authors) for p in result.proposals]
    assert inserts == [("5 bis", "5 bis.\tFirst idea.", ["US", "AU"]), ("5 ter", "5 ter.\tSecond idea.", ["EU"])]
    assert result.proposals[0].credits[0].rationale == "Needed."
    steps = [s for s in result.plan.steps if isinstance(s, InsertParagraph)]
    # w:author holds one name: the first; the report credits both.
    assert [(s.text, s.by.author) for s in steps] == [("5 bis.\tFirst idea.", "US"), ("5 ter.\tSecond idea.", "EU")]
    assert {(r.author, r.paragraph) for r in result.report} == {("US", "5 bis"), ("AU", "5 bis"), ("EU", "5 ter")}


def test_deleting_a_paragraph_collides_with_changing_it() -> None:
    deleting = Incoming("EU.docx", [IncomingParagraph(0, [Change(Op.EQUAL, "4.\tWe meet.")]),
                                    IncomingParagraph(1, [Change(Op.DELETE, TEXT, "EU")], deleted=True)])
    result = merge(_draft(), [deleting, _replace("G77", "urge", "call on")], DATE)
    assert result.collisions == {"5"}
    (step,) = result.plan.steps
    # The EU's deletion came first: it is tracked, G77's change is a comment on the paragraph's body.
    assert isinstance(step, DeleteParagraph) and step.by.author == "EU"
    (comment,) = step.comments
    assert (comment.by.author, TEXT[comment.start:comment.end]) == ("G77", TEXT[3:])
    assert comment.text == "G77 proposes: \u201cWe call on all States to act without delay.\u201d"


def test_a_replaced_phrase_is_narrowed_to_the_words_that_change() -> None:
    result = merge(_draft(), [_replace("EU", "urge all States", "urge every State")], DATE)
    (p,) = result.proposals
    assert (TEXT[p.start:p.end], p.text) == ("all States", "every State")


def _marked(author: str, *, join: bool = False, split_at: str = "", then_new: bool = False) -> Incoming:
    first = IncomingParagraph(0, [Change(Op.EQUAL, "4.\tWe meet.")], mark_deleted=join, mark_inserted=then_new,
                              mark_author=author if join or then_new else "")
    if not split_at:
        rest = [IncomingParagraph(1, [Change(Op.EQUAL, TEXT)])]
    else:
        i = TEXT.index(split_at)
        rest = [IncomingParagraph(1, [Change(Op.EQUAL, TEXT[:i])], mark_inserted=True, mark_author=author),
                IncomingParagraph(2, [Change(Op.EQUAL, TEXT[i:i + 8]), Change(Op.DELETE, "without", author),
                                      Change(Op.INSERT, "with no", author), Change(Op.EQUAL, " delay.")])]
    if then_new:
        rest.insert(0, IncomingParagraph(1, [Change(Op.INSERT, "4 bis.\tNew.", author)], inserted=True))
    return Incoming(f"{author}.docx", [first, *rest])


def test_a_paragraph_join_is_reported_not_applicable_with_its_author() -> None:
    result = merge(_draft(), [_marked("EU", join=True)], DATE)
    (line,) = result.report
    assert (line.author, line.paragraph, line.kind, line.status) == ("EU", "4", "join paragraphs", NOT_APPLICABLE)
    assert "joins paragraph 4 with the next one" in line.reason and not result.proposals


def test_a_paragraph_split_is_reported_and_the_edit_after_it_still_lands() -> None:
    result = merge(_draft(), [_marked("US", split_at=" to act")], DATE)
    (p,) = result.proposals
    assert (p.paragraph, TEXT[p.start:p.end], p.text) == (1, "without", "with no")
    (line,) = [r for r in result.report if r.status == NOT_APPLICABLE]
    assert (line.author, line.paragraph, line.kind) == ("US", "5", "split paragraph")
    assert "after '5.\tWe urge all States'" in line.reason


def test_enter_typed_at_the_end_of_a_paragraph_is_a_new_paragraph_not_a_split() -> None:
    result = merge(_draft(), [_marked("US", then_new=True)], DATE)
    assert [r.kind for r in result.report] == ["insert paragraph"]
    assert [p.text for p in result.proposals] == ["4 bis.\tNew."]


def test_the_last_paragraph_keeps_its_mark_whatever_it_says() -> None:
    last = IncomingParagraph(1, [Change(Op.EQUAL, TEXT)], mark_deleted=True, mark_author="EU")
    result = merge(_draft(), [Incoming("EU.docx", [IncomingParagraph(0, [Change(Op.EQUAL, "4.\tWe meet.")]), last])],
                   DATE)
    assert result.report == [] and result.proposals == []


@pytest.mark.parametrize("order", ["struck first", "inserted first"])
def test_one_authors_adjacent_strike_and_insertion_are_one_proposal(order: str) -> None:
    text = "5.\tWe urge all States to act."
    draft = Draft([Paragraph(0, 0, text, Kind.PARAGRAPH, "5", 3)])
    at = text.index("urge")
    pair = [Change(Op.DELETE, "urge", "X"), Change(Op.INSERT, "call on", "X")]
    changes = [Change(Op.EQUAL, text[:at]), *(pair if order == "struck first" else pair[::-1]),
               Change(Op.EQUAL, text[at + 4:])]
    result = merge(draft, [Incoming("x.docx", [IncomingParagraph(0, changes)])], DATE)
    assert [(p.start, p.end, p.text) for p in result.proposals] == [(at, at + 4, "call on")]
    assert [line.change for line in result.report] == ["~~urge~~ **call on**"]
