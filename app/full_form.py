"""How the full form writes one paragraph's proposals so that any accept/reject by author gives proposed text.

Word and LibreOffice accept or reject revisions per w:author, and a revision has one author. So, per paragraph,
only a set of proposals that do not overlap is written as revisions (the first in arrival order, then each
later one that overlaps none already chosen); every other proposal (a rival in a collision) is written as a
comment by its author on the span it disputes, giving its full wording of that span. Accepting any set of
authors then applies whole, independent proposals: never a mix of two wordings, never a separator.
A proposal several authors made is one revision under the first author's name; a comment names the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from app.plan import Attribution, Comment
from app.proposals import Proposal, ProposalKind, overlaps
from app.segments import Op, Segment

Dated = Callable[[Proposal], Attribution]  # a proposal's first author and date


@dataclass
class Layout:
    """One paragraph's proposals as the full form writes them."""

    tracked: list[Proposal]  # written as revisions; pairwise non-overlapping
    rivals: list[tuple[Proposal, Proposal]]  # (rival written as a comment, the tracked proposal it disputes)


def layout(changes: Sequence[Proposal]) -> Layout:
    """Split one paragraph's proposals (not new paragraphs) into tracked ones and rivals, in arrival order."""
    tracked: list[Proposal] = []
    rivals: list[tuple[Proposal, Proposal]] = []
    for p in changes:
        blocking = next((t for t in tracked if _clash(t, p)), None)
        if blocking is None:
            tracked.append(p)
        else:
            rivals.append((p, blocking))
    return Layout(tracked, rivals)


def rivals_of(proposals: Sequence[Proposal]) -> dict[int, Proposal]:
    """id(rival) -> the tracked proposal it disputes, for every rival the full form writes as a comment
    (`proposals`: those the full form writes, any paragraphs)."""
    by_paragraph: dict[int, list[Proposal]] = {}
    for p in proposals:
        if p.kind is not ProposalKind.INSERT:
            by_paragraph.setdefault(p.paragraph, []).append(p)
    return {id(rival): tracked for changes in by_paragraph.values() for rival, tracked in layout(changes).rivals}


def _clash(a: Proposal, b: Proposal) -> bool:
    """Whether two proposals cannot both be revisions: they overlap, or insert at one place."""
    if overlaps(a, b):
        return True
    # Two insertions at one place (whatever their texts) would run together when both are accepted.
    return a.kind is b.kind is ProposalKind.MODIFY and a.start == a.end == b.start == b.end


def comments(text: str, body_start: int, lay: Layout, dated: Dated) -> list[Comment]:
    """The comments of a paragraph: each rival's wording of the span it disputes, each shared credit."""
    out: list[Comment] = []
    for rival, tracked in lay.rivals:
        lo, hi = _region(text, body_start, rival, [t for t in lay.tracked if _clash(t, rival)] or [tracked])
        names = ", ".join(rival.authors)
        verb = "propose" if len(rival.authors) > 1 else "proposes"
        if rival.kind is ProposalKind.DELETE:
            said = f"{names} {verb} deleting the paragraph."
        else:
            start, end = rival.span(text, body_start)
            said = f"{names} {verb}: \u201c{text[lo:start]}{rival.text}{text[end:hi]}\u201d"
        out.append(Comment(lo, hi, dated(rival), said))
    for t in lay.tracked:
        if len(t.credits) > 1:
            start, end = t.span(text, body_start)
            others = ", ".join(t.authors[1:])
            verb = "propose" if len(t.authors) > 2 else "proposes"
            by = Attribution(t.authors[1], dated(t).date)
            out.append(Comment(start, end, by, f"{others} {verb} the same change (tracked under {t.authors[0]})."))
    return out


def _region(text: str, body_start: int, rival: Proposal, tracked: list[Proposal]) -> tuple[int, int]:
    """The original text a rival disputes: its span joined with the tracked proposals it clashes with."""
    spans = [p.span(text, body_start) for p in (rival, *tracked)]
    return min(s for s, _ in spans), max(e for _, e in spans)


def segments(text: str, tracked: list[Proposal], cuts: set[int],
             dated: Dated) -> tuple[list[Segment], list[Attribution | None]]:
    """Segments over `text` writing the (non-overlapping) tracked proposals, each under its first author,
    with unchanged text also cut at `cuts` (where comments start and end)."""
    out: list[Segment] = []
    who: list[Attribution | None] = []

    def keep(start: int, end: int, op: Op, by: Attribution | None, move: str = "") -> None:
        edges = sorted({start, end, *(c for c in cuts if start < c < end)})
        for a, b in pairwise(edges):
            out.append(Segment(op, text[a:b], move))
            who.append(by)

    pos = 0
    for p in sorted(tracked, key=lambda p: (p.start, p.end)):
        keep(pos, p.start, Op.EQUAL, None)
        keep(p.start, p.end, Op.DELETE, dated(p), p.move)  # a move's half keeps its name (app.moves checks it)
        if p.text:
            out.append(Segment(Op.INSERT, p.text, p.move))
            who.append(dated(p))
        pos = p.end
    keep(pos, len(text), Op.EQUAL, None)
    return out, who
