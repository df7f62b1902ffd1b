"""Proposals: the distinct changes a merge found on our draft, each crediting every author who made it.

A Proposal is one strike-and/or-insert inside a paragraph, one new paragraph, or one whole-paragraph
deletion, placed on our draft's text. Proposals of different authors that touch the same original
text differently form a collision group; they are kept side by side, never cancelled.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from app.model import Draft
from app.plan import Attribution, DeleteParagraph, ModifyParagraph, RedlinePlan
from app.planning import insert_paragraph
from app.values import datetime_or_none


class ProposalKind(StrEnum):
    """What a proposal does."""

    MODIFY = "modify"
    INSERT = "insert paragraph"
    DELETE = "delete paragraph"


class Decision(StrEnum):
    """The reviewer's decision on a proposal."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass
class Credit:
    """One author's share in a proposal: who, when (ISO text, may be empty), from which file, why, as which option."""

    author: str
    date: str = ""
    source: str = ""
    rationale: str = ""
    label: str = ""  # the paragraph's label in the revision the change was made on (for the report)
    option: str = ""  # the author offers it as one of an either/or set: "Option A; or Option B: para 84"
    # A version of another author's change: the author struck words (`struck`) of `amends`'s insertion.
    amends: str = ""
    struck: str = ""


@dataclass
class Proposal:
    """One distinct change on our draft.

    MODIFY strikes [start, end) of the paragraph's full text and inserts `text` at `end`;
    INSERT adds the paragraph `text` (typed label included) after paragraph `paragraph`;
    DELETE strikes paragraph `paragraph` whole.
    """

    id: str
    kind: ProposalKind
    paragraph: int
    credits: list[Credit]
    start: int = 0
    end: int = 0
    text: str = ""
    label: str | None = None  # INSERT: the new paragraph's label ("83 bis")
    collision: int | None = None  # the collision group, when proposals of others overlap this one
    decision: Decision = Decision.PENDING
    order: int = 0  # INSERT: position among the paragraphs inserted after the same one
    move: str = ""  # MODIFY: the incoming move it is half of, shared with the other half (app.merge_moves)

    @property
    def authors(self) -> list[str]:
        """Every author who proposed it, in the order they came."""
        return [c.author for c in self.credits]

    @property
    def by(self) -> str:
        """The authors as written on a revision: "G77; EU"."""
        return "; ".join(self.authors)

    def span(self, text: str, body_start: int) -> tuple[int, int]:
        """The original text it strikes or replaces, in the paragraph's `text`: a deletion strikes the body."""
        if self.kind is ProposalKind.DELETE:
            return body_start, len(text)
        return self.start, self.end

    def same_change(self, other: Proposal) -> bool:
        """Whether both propose exactly the same thing."""
        if self.kind is not other.kind or self.paragraph != other.paragraph:
            return False
        if self.kind is ProposalKind.INSERT:
            return _body(self.text) == _body(other.text)
        return (self.start, self.end, self.text) == (other.start, other.end, other.text)

    def credit(self, more: Iterable[Credit]) -> None:
        """Add the credits of authors not credited yet."""
        known = set(self.authors)
        for c in more:
            if c.author not in known:
                self.credits.append(c)
                known.add(c.author)


@dataclass
class Collision:
    """Proposals of different authors over overlapping original text of one paragraph."""

    id: int
    paragraph: int
    proposals: list[Proposal] = field(default_factory=list)


def _body(text: str) -> str:
    from app.labels import split_typed_label

    _, start = split_typed_label(text)
    return text[start:].strip()


def overlaps(a: Proposal, b: Proposal) -> bool:
    """Whether two proposals touch the same original text (or the same insertion point, differently)."""
    if a.paragraph != b.paragraph or ProposalKind.INSERT in (a.kind, b.kind):
        return False
    if ProposalKind.DELETE in (a.kind, b.kind):
        return True
    if a.start < a.end and b.start < b.end:
        return a.start < b.end and b.start < a.end
    if a.start == a.end and b.start == b.end:
        return a.start == b.start and a.text != b.text
    point, span = (a, b) if a.start == a.end else (b, a)
    if span.start < point.start < span.end:
        return True
    # Both insert at the end of the strike: two texts at one place.
    return point.start == span.end and bool(span.text) and point.text != span.text


def find_collisions(proposals: list[Proposal]) -> list[Collision]:
    """Group overlapping proposals of different authors (transitively); sets each one's `collision`."""
    for p in proposals:
        p.collision = None
    by_paragraph: dict[int, list[Proposal]] = {}
    for p in proposals:
        if p.kind is not ProposalKind.INSERT:
            by_paragraph.setdefault(p.paragraph, []).append(p)
    groups: list[Collision] = []
    for paragraph in sorted(by_paragraph):
        for group in _connected(by_paragraph[paragraph]):
            if len(group) > 1:
                collision = Collision(len(groups) + 1, paragraph, group)
                for p in group:
                    p.collision = collision.id
                groups.append(collision)
    return groups


def _connected(items: list[Proposal]) -> list[list[Proposal]]:
    """The items in groups linked by overlaps between different authors (union-find)."""
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(items):
        for j in range(i + 1, len(items)):
            b = items[j]
            if set(a.authors) != set(b.authors) and overlaps(a, b):
                parent[root(j)] = root(i)
    members: dict[int, list[Proposal]] = {}
    for i, p in enumerate(items):
        members.setdefault(root(i), []).append(p)
    return list(members.values())


def plan_of(draft: Draft, proposals: list[Proposal], date: datetime, *, compiler: str = "Redline Desk",
            decisions: frozenset[Decision] = frozenset({Decision.PENDING, Decision.ACCEPTED})) -> RedlinePlan:
    """The proposals with one of `decisions` as a redline plan on the draft (the full form).

    Per paragraph, proposals that do not overlap are written as revisions under their first author; each
    rival in a collision is a comment by its author on the span (app.full_form). Nothing is written under
    `compiler`'s name: it is kept for callers that name the compiling office.
    """
    from app.full_form import comments, layout, segments

    del compiler  # no revision of the compiler's own: every word written is an author's
    chosen = _whole_or_none(p for p in proposals if p.decision in decisions)
    plan = RedlinePlan()
    by_paragraph: dict[int, list[Proposal]] = {}
    inserts: dict[int, list[Proposal]] = {}
    for p in chosen:
        (inserts if p.kind is ProposalKind.INSERT else by_paragraph).setdefault(p.paragraph, []).append(p)

    def dated(p: Proposal) -> Attribution:
        # a revision the input carried without an author (w:author is required, but some writers omit it)
        return Attribution(p.authors[0] if p.authors else "", parse_date([c.date for c in p.credits], date))

    for index in sorted(set(by_paragraph) | set(inserts)):
        para = draft.paragraphs[index]
        changes = by_paragraph.get(index, [])
        if changes:
            lay = layout(changes)
            notes = tuple(comments(para.text, para.body_start, lay, dated))
            if lay.tracked[0].kind is ProposalKind.DELETE:
                plan.add(DeleteParagraph(para.anchor, dated(lay.tracked[0]), notes))
            else:
                cuts = {c.start for c in notes} | {c.end for c in notes}
                segs, authors = segments(para.text, lay.tracked, cuts, dated)
                plan.add(ModifyParagraph(para.anchor, segs, dated(lay.tracked[0]), authors, notes))
        for p in sorted(inserts.get(index, []), key=lambda p: p.order):
            plan.add(insert_paragraph(draft, para, p.text, dated(p)))
    return plan


def _whole_or_none(proposals: Iterable[Proposal]) -> list[Proposal]:
    """The proposals less the other half of any move whose half the full form writes as a comment (the rival
    of another author's change): tracked alone, it would leave the moved passage twice, or nowhere, for
    whoever accepts that author's changes."""
    from app.full_form import rivals_of

    chosen = list(proposals)
    if not any(p.move for p in chosen):
        return chosen
    rivals = rivals_of(chosen)
    commented = {p.move for p in chosen if p.move and id(p) in rivals}
    return [p for p in chosen if not p.move or p.move not in commented or id(p) in rivals]


def parse_date(values: list[str], default: datetime) -> datetime:
    """The first readable ISO date among `values`, else `default`."""
    for value in values:
        found = datetime_or_none(value)  # bounded: a w:date in the year 99999 is no date
        if found is not None:
            return found
    return default
