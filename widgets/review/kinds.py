"""What a proposal of a merge is called in the review: insertion, deletion, replacement, new paragraph,
paragraph deletion, and "collision: …" when it overlaps another author's proposal.

Named from the shape of the change (what it strikes and what it inserts), as Word's reviewing pane
names a revision, rather than from the internal kind (a MODIFY may be any of the first three).
"""

from __future__ import annotations

from app.model import Draft
from app.proposals import Proposal, ProposalKind

INSERTION, DELETION, REPLACEMENT = "insertion", "deletion", "replacement"
NEW_PARAGRAPH, PARAGRAPH_DELETION = "new paragraph", "paragraph deletion"
COLLISION = "collision"
KIND_NAMES = (INSERTION, DELETION, REPLACEMENT, NEW_PARAGRAPH, PARAGRAPH_DELETION, COLLISION)


def change_kind(p: Proposal) -> str:
    """The shape of one proposal: "insertion", "deletion", "replacement", "new paragraph", "paragraph deletion"."""
    if p.kind is ProposalKind.INSERT:
        return NEW_PARAGRAPH
    if p.kind is ProposalKind.DELETE:
        return PARAGRAPH_DELETION
    if p.start == p.end:
        return INSERTION
    return REPLACEMENT if p.text else DELETION


def kind_name(p: Proposal) -> str:
    """How the review names a proposal: its shape, its new label ("new paragraph 83 bis"), and
    "collision: " before it while it collides with another author's (the collision is what to settle first)."""
    name = change_kind(p)
    if p.kind is ProposalKind.INSERT and p.label:
        name = f"{name} {p.label}"
    return f"{COLLISION}: {name}" if p.collision else name


def change_texts(draft: Draft, p: Proposal) -> tuple[str, str]:
    """What a proposal strikes and what it inserts."""
    para = draft.paragraphs[p.paragraph]
    if p.kind is ProposalKind.DELETE:
        return para.body, ""
    if p.kind is ProposalKind.INSERT:
        return "", p.text
    return para.text[p.start:p.end], p.text
