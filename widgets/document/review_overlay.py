"""What the document view shows of a merge under review: each paragraph's incoming changes with the
colour of the author who proposed them (rejected proposals left out), deleted and new paragraphs.

Built from app.proposals.plan_of, so the view shows exactly what the `full` export writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor

from app.plan import DeleteParagraph, InsertParagraph, ModifyParagraph
from app.proposals import Decision, plan_of
from app.review import Review
from app.segments import Op, Segment
from widgets.review.author_colours import COMPILER_COLOUR, AuthorColours


@dataclass
class ReviewOverlay:
    """Per draft paragraph index: coloured segments on its full text, a deletion, new paragraphs after it."""

    modified: dict[int, list[tuple[Segment, QColor]]] = field(default_factory=dict)
    deleted: dict[int, QColor] = field(default_factory=dict)
    inserted: dict[int, list[tuple[str, QColor]]] = field(default_factory=dict)
    tips: dict[int, str] = field(default_factory=dict)

    def touches(self, index: int) -> bool:
        """Whether anything is shown on (or after) a paragraph."""
        return index in self.modified or index in self.deleted or index in self.inserted


def review_overlay(review: Review, colours: AuthorColours) -> ReviewOverlay:
    """The overlay of a review: pending and accepted proposals, each in its first author's colour."""
    draft = review.result.draft
    by_anchor = {p.anchor: p.index for p in draft.paragraphs}
    colour_of: dict[str, QColor] = {}
    tips: dict[int, list[str]] = {}
    for p in review.proposals:
        colour_of.setdefault(p.by, colours.of_proposal(p.authors))
        if p.decision is not Decision.REJECTED:
            tips.setdefault(p.paragraph, []).append(f"{p.by} ({p.decision.value})")
    overlay = ReviewOverlay(tips={i: "Proposals by " + ", ".join(dict.fromkeys(t)) for i, t in tips.items()})
    plan = plan_of(draft, review.proposals, review.result.date)

    def colour(author: str) -> QColor:
        return QColor(colour_of.get(author, COMPILER_COLOUR))

    for step in plan.steps:
        index = by_anchor[step.anchor]
        if isinstance(step, ModifyParagraph):
            authors = step.authors or [step.by] * len(step.segments)
            overlay.modified[index] = [
                (seg, colour(who.author) if who is not None and seg.op is not Op.EQUAL else QColor())
                for seg, who in zip(step.segments, authors, strict=False)
            ]
        elif isinstance(step, DeleteParagraph):
            overlay.deleted[index] = colour(step.by.author)
        elif isinstance(step, InsertParagraph):
            overlay.inserted.setdefault(index, []).append((step.text, colour(step.by.author)))
    return overlay
