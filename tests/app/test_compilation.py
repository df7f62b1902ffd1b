"""app.compilation: the bracketed text and the comparison rows, run by run."""

from __future__ import annotations

from app.compilation import AGREED, WORDING, comparison_rows, compiled_text
from app.model import Draft, Kind, Paragraph
from app.proposals import Credit, Decision, Proposal, ProposalKind

TEXT = "5.\tWe urge all States to act without delay."
DRAFT = Draft([Paragraph(0, 0, "4.\tWe meet.", Kind.PARAGRAPH, "4", 3), Paragraph(1, 1, TEXT, Kind.PARAGRAPH, "5", 3)])


def _modify(old: str, new: str, *authors: str, rationale: str = "") -> Proposal:
    start = TEXT.index(old) if old else TEXT.index(" all")
    return Proposal("", ProposalKind.MODIFY, 1, [Credit(a, rationale=rationale) for a in authors], start,
                    start + len(old), new)


def _line(proposals: list[Proposal], agreed: bool = False) -> str:
    return "".join(r.text for r in compiled_text(DRAFT, proposals, agreed_ad_ref=agreed)[1].runs)


def test_alternatives_are_joined_by_a_slash_after_the_draft_wording() -> None:
    assert _line([_modify("urge", "call on", "G77", "EU"), _modify("urge", "encourage", "US")]) == \
        "We [urge / call on – G77, EU / encourage – US] all States to act without delay."


def test_a_deletion_names_its_authors_and_keeps_the_spaces_outside() -> None:
    assert _line([_modify(" without delay", "", "EU")]) == "We urge all States to act [without delay – EU delete]."
    assert _line([_modify("urge", "call on", "G77"), _modify("urge", "", "US")]) == \
        "We [urge / call on – G77; US delete] all States to act without delay."


def test_a_pure_insertion_is_bracketed_with_its_author() -> None:
    assert _line([_modify("", " strongly", "CARICOM")]) == "We urge [strongly – CARICOM] all States to act " \
        "without delay."


def test_accepted_text_is_plain_and_rejected_text_is_gone() -> None:
    accepted = _modify("urge", "call on", "G77")
    accepted.decision = Decision.ACCEPTED
    rejected = _modify(" without delay", "", "EU")
    rejected.decision = Decision.REJECTED
    assert _line([accepted, rejected]) == "We call on all States to act without delay."


def test_proposed_wording_is_bold_and_untouched_paragraphs_can_be_marked_agreed() -> None:
    lines = compiled_text(DRAFT, [_modify("urge", "call on", "G77")], agreed_ad_ref=True)
    assert [r.text for r in lines[1].runs if r.formatting == WORDING] == ["call on"]
    assert lines[0].runs[-1].text == " " + AGREED and (lines[0].kind, lines[0].number) == ("paragraph", "4.")
    assert not _line([_modify("urge", "call on", "G77")], agreed=True).endswith(AGREED)


def test_new_paragraphs_follow_their_paragraph_with_their_number() -> None:
    new = Proposal("", ProposalKind.INSERT, 1, [Credit("US")], text="5 bis.\tAlso this.", label="5 bis")
    lines = compiled_text(DRAFT, [new])
    assert (lines[2].number, "".join(r.text for r in lines[2].runs)) == ("5 bis.", "[Also this. – US]")


def test_comparison_rows_give_each_author_their_version_and_rationale() -> None:
    rows = comparison_rows(DRAFT, [_modify("urge", "call on", "G77", "EU", rationale="Softer."),
                                   _modify(" without delay", "", "EU")])
    row = rows[1]
    assert "".join(r.text for r in row.current[0].runs) == "We urge all States to act without delay."
    shown = ["".join(r.text for r in line.runs) for line in row.proposals]
    assert shown == ["G77: We urgecall on all States to act without delay.", "Rationale: Softer.",
                     "EU: We urgecall on all States to act without delay.", "Rationale: Softer."]
    struck = [r.text for r in row.proposals[2].runs if r.formatting.strike]
    assert struck == ["urge", " without delay"]
    assert rows[0].proposals == []


def test_auto_numbered_paragraphs_keep_their_numbers_and_a_new_one_follows_the_sub_paragraphs() -> None:
    # Word numbers these paragraphs itself: the numbers are not in the text (body_start 0).
    draft = Draft([
        Paragraph(0, 0, "We meet:", Kind.PARAGRAPH, "4", number_text="4."),
        Paragraph(1, 1, "first;", Kind.SUBPARAGRAPH, "4 (a)", number_text="(a)"),
        Paragraph(2, 2, "We act.", Kind.PARAGRAPH, "5", number_text="5."),
    ])
    new = Proposal("", ProposalKind.INSERT, 0, [Credit("IMSB")], text="4 bis.\tWe agree.", label="4 bis")
    lines = compiled_text(draft, [new])
    assert [(line.kind, line.number) for line in lines] == [
        ("paragraph", "4."), ("subparagraph", "(a)"), ("paragraph", "4 bis."), ("paragraph", "5.")]
    assert "".join(r.text for r in lines[0].runs) == "We meet:"


def test_one_authors_strike_and_insertion_side_by_side_are_one_proposal() -> None:
    # As two proposals (an insertion before the strike, as LibreOffice may write it): still one version.
    start = TEXT.index("urge")
    insert = Proposal("", ProposalKind.MODIFY, 1, [Credit("X")], start, start, "call on")
    strike = Proposal("", ProposalKind.MODIFY, 1, [Credit("X")], start, start + 4, "")
    assert _line([insert, strike]) == "We [urge / call on – X] all States to act without delay."
    # Struck, a space, then inserted ("~~urge~~ **call on**"): one proposal too.
    after = Proposal("", ProposalKind.MODIFY, 1, [Credit("X")], start + 5, start + 5, "call on ")
    assert _line([strike, after]) == "We [urge / call on – X] all States to act without delay."
    # Another author's strike beside X's insertion stays a rival.
    other = Proposal("", ProposalKind.MODIFY, 1, [Credit("Y")], start, start + 4, "")
    assert _line([insert, other]) == "We [urge / call onurge – X; Y delete] all States to act without delay."
