"""What the document view shows of a merge under review, as Word shows tracked changes being reviewed:
pending changes as markup in the colour of the author who proposed them, accepted changes applied (their
struck text gone, their inserted text plain, tinted), rejected changes gone; only the changes of the
reviewers shown (the review's reviewer filter).

Per paragraph the changes are laid out as the `full` export writes them (app.full_form.layout): the
rivals of a collision are comments there, so here they are drawn as a note after the change they dispute
("⟨EU: Economic and Social Council⟩"), in their author's colour, not as tracked text.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from PySide6.QtGui import QColor

from app.full_form import layout
from app.planning import insertion_place
from app.proposals import Decision, Proposal, ProposalKind
from app.review import Review
from app.segments import Op, Segment
from widgets.review.author_colours import AuthorColours


@dataclass(frozen=True)
class Mark:
    """One piece of a paragraph's text under review: a segment, its author's colour, whether it is accepted."""

    segment: Segment
    colour: QColor
    accepted: bool = False
    ident: str = ""  # the proposal's id (Previous/Next change select its words)
    rival: bool = False  # a rival wording of a collision: a note after the change it disputes, not text


@dataclass
class ReviewOverlay:
    """Per draft paragraph index: the marked pieces of its full text, a deletion (colour, accepted, proposal id),
    new paragraphs after it (text, colour, accepted, proposal id)."""

    modified: dict[int, list[Mark]] = field(default_factory=dict)
    deleted: dict[int, tuple[QColor, bool, str]] = field(default_factory=dict)
    inserted: dict[int, list[tuple[str, QColor, bool, str]]] = field(default_factory=dict)
    tips: dict[int, str] = field(default_factory=dict)

    def touches(self, index: int) -> bool:
        """Whether anything is shown on (or after) a paragraph."""
        return index in self.modified or index in self.deleted or index in self.inserted


def shown_proposals(review: Review, reviewers: Collection[str] | None = None) -> list[Proposal]:
    """The proposals of the reviewers shown (None: everyone's), in arrival order; a proposal several
    authors made is shown while any of them is."""
    if reviewers is None:
        return list(review.proposals)
    wanted = set(reviewers)
    return [p for p in review.proposals if wanted.intersection(p.authors)]


def review_overlay(review: Review, colours: AuthorColours,
                   reviewers: Collection[str] | None = None) -> ReviewOverlay:
    """The overlay of a review: the pending and accepted proposals of the reviewers shown."""
    draft = review.result.draft
    overlay = ReviewOverlay()
    tips: dict[int, list[str]] = {}
    changes: dict[int, list[Proposal]] = {}
    new: dict[int, list[tuple[int, str, QColor, bool, str]]] = {}
    for p in shown_proposals(review, reviewers):
        if p.decision is Decision.REJECTED:
            continue  # as in Word: a rejected change is gone
        tips.setdefault(p.paragraph, []).append(f"{p.by} ({p.decision.value})")
        colour = colours.of_proposal(p.authors)
        accepted = p.decision is Decision.ACCEPTED
        if p.kind is ProposalKind.INSERT:
            place, _ = insertion_place(draft, draft.paragraphs[p.paragraph], p.text)  # where the export puts it
            new.setdefault(place.index, []).append((p.order, p.text, colour, accepted, p.id))
        else:
            changes.setdefault(p.paragraph, []).append(p)
    for index, mine in changes.items():
        lay = layout(mine)
        first = lay.tracked[0]
        if first.kind is ProposalKind.DELETE:
            overlay.deleted[index] = (colours.of_proposal(first.authors), first.decision is Decision.ACCEPTED, first.id)
        else:
            overlay.modified[index] = _marks(draft.paragraphs[index].text, lay.tracked, colours, lay.rivals)
    for index, entries in new.items():
        overlay.inserted[index] = [entry[1:] for entry in sorted(entries, key=lambda entry: entry[0])]
    overlay.tips = {i: "Proposals by " + ", ".join(dict.fromkeys(t)) for i, t in tips.items()}
    return overlay


def rival_note(rival: Proposal) -> str:
    """How a rival wording shows in the text: its authors and what they propose instead."""
    names = ", ".join(rival.authors)
    if rival.kind is ProposalKind.DELETE:
        said = "delete the paragraph"
    elif rival.text:
        said = rival.text
    else:
        said = "delete these words"
    return f" \u27e8{names}: {said}\u27e9"


def _marks(text: str, tracked: list[Proposal], colours: AuthorColours,
           rivals: Sequence[tuple[Proposal, Proposal]] = ()) -> list[Mark]:
    """A paragraph's full text cut into unchanged, struck and inserted pieces (the proposals do not overlap),
    each rival's note after the change it disputes."""
    out: list[Mark] = []
    pos = 0
    for p in sorted(tracked, key=lambda p: (p.start, p.end)):
        colour = colours.of_proposal(p.authors)
        accepted = p.decision is Decision.ACCEPTED
        if p.start > pos:
            out.append(Mark(Segment(Op.EQUAL, text[pos:p.start]), QColor()))
        if p.end > p.start:
            out.append(Mark(Segment(Op.DELETE, text[p.start:p.end]), colour, accepted, p.id))
        if p.text:
            out.append(Mark(Segment(Op.INSERT, p.text), colour, accepted, p.id))
        for rival, disputed in rivals:
            if disputed is p:
                out.append(Mark(Segment(Op.INSERT, rival_note(rival)), colours.of_proposal(rival.authors),
                                rival.decision is Decision.ACCEPTED, rival.id, rival=True))
        pos = max(pos, p.end)
    if pos < len(text):
        out.append(Mark(Segment(Op.EQUAL, text[pos:]), QColor()))
    return out
