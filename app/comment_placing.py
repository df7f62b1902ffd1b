"""Incoming comments placed on our draft: the paragraph each is on, where in its text, and the proposal it
sits in or overlaps, so every output can carry it (the report, the compilation and table forms, the full form
as a Word comment by its author, the Review panel).

A comment on words our draft still has keeps its place; where the draft's paragraph reads differently, the
comment goes on the same words found there, else on the paragraph's body. A comment in a new paragraph
belongs to that paragraph's proposal.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import pairwise

from app.attributed import IncomingComment, IncomingParagraph
from app.model import Draft, Paragraph
from app.plan import Attribution, Comment, InsertParagraph, ModifyParagraph, RedlinePlan
from app.proposals import Proposal, ProposalKind, parse_date
from app.segments import Op, Segment

COMMENT = "comment"  # a comment's kind and status in the report


@dataclass
class PlacedComment:
    """One incoming comment and where it lands on our draft."""

    source: str  # the input file
    comment: IncomingComment
    paragraph: int | None  # the draft paragraph's index; None when it could not be placed
    start: int = 0  # offsets in that paragraph's text (in `new`'s text for a comment in a new paragraph)
    end: int = 0
    new: Proposal | None = None  # the new paragraph it is in
    proposals: list[Proposal] = field(default_factory=list)  # the changes its span overlaps
    old_label: str | None = None  # the paragraph's label in the commenting file
    why: str = ""  # why it could not be placed

    @property
    def author(self) -> str:
        """Who wrote it."""
        return self.comment.author

    @property
    def text(self) -> str:
        """What it says."""
        return self.comment.text


def place_on(source: str, para: IncomingParagraph, target: Paragraph | None,
             old_label: str | None) -> list[PlacedComment]:
    """The paragraph's comments on our `target` paragraph (None: it has none, they are reported unplaced)."""
    out = []
    for c in para.comments:
        if target is None:
            why = f"no paragraph like '{para.original[:60]}' in the draft"
            out.append(PlacedComment(source, c, None, old_label=old_label, why=why))
            continue
        start, end = _span(c, para.original, target)
        out.append(PlacedComment(source, c, target.index, start, end, old_label=old_label))
    return out


def place_in_new(source: str, para: IncomingParagraph, proposal: Proposal) -> list[PlacedComment]:
    """The comments of a new paragraph: on the whole of it (its text is the proposal's)."""
    return [PlacedComment(source, c, proposal.paragraph, 0, len(proposal.text), new=proposal,
                          old_label=proposal.label) for c in para.comments]


def unplaced(source: str, comments: list[IncomingComment], why: str) -> list[PlacedComment]:
    """Comments anchored nowhere a merge can place them (a header, a footnote), kept to be reported."""
    return [PlacedComment(source, c, None, why=why) for c in comments]


def _span(c: IncomingComment, original: str, target: Paragraph) -> tuple[int, int]:
    """Where the comment's words are in our paragraph's text."""
    text = target.text
    start, end = min(c.start, len(original)), min(c.end, len(original))
    if text == original:
        return start, end
    words = original[start:end]
    if words.strip():
        at = text.find(words)
        if at >= 0:
            return at, at + len(words)
    return target.body_start, len(text)


def link(comments: list[PlacedComment], proposals: list[Proposal]) -> None:
    """Note on each placed comment the changes its span overlaps (a deletion of its paragraph overlaps all)."""
    by_paragraph: dict[int, list[Proposal]] = {}
    for p in proposals:
        if p.kind is not ProposalKind.INSERT:
            by_paragraph.setdefault(p.paragraph, []).append(p)
    for pc in comments:
        if pc.paragraph is None or pc.new is not None:
            continue
        pc.proposals = [p for p in by_paragraph.get(pc.paragraph, []) if _overlaps(pc.start, pc.end, p)]


def _overlaps(start: int, end: int, p: Proposal) -> bool:
    if p.kind is ProposalKind.DELETE:
        return True
    if p.start < p.end and start < end:
        return p.start < end and start < p.end
    # An insertion point (or a comment on a point): touching counts, the comment is on the inserted words.
    return start <= p.end and p.start <= end


def on_proposal(comments: list[PlacedComment], proposal: Proposal) -> list[PlacedComment]:
    """The comments in or on a proposal."""
    return [c for c in comments if c.new is proposal or any(p is proposal for p in c.proposals)]


def heading(pc: PlacedComment) -> str:
    """How a comment is introduced in the compilation and table forms: "G77 comment", "EU reply"."""
    return f"{pc.author or 'Unattributed'} {'reply' if pc.comment.parent else 'comment'}"


def parent_of(pc: PlacedComment, comments: list[PlacedComment]) -> PlacedComment | None:
    """The comment `pc` replies to (in the same file), if any."""
    if not pc.comment.parent:
        return None
    return next((c for c in comments if c.source == pc.source and c.comment.id == pc.comment.parent), None)


def report_reason(pc: PlacedComment, parent: PlacedComment | None, describe: str = "") -> str:
    """The report's reason for a comment: where it is, what it answers, whether it is resolved."""
    parts = [pc.why] if pc.paragraph is None else [f"on '{pc.comment.anchored}'" if pc.comment.anchored
                                                    else "on a point in the text"]
    if parent is not None:
        parts.append(f"reply to {parent.author}'s comment")
    if pc.comment.resolved:
        parts.append("resolved")
    if pc.new is not None:
        parts.append("in the new paragraph proposed there")
    elif describe:
        parts.append(f"on the change {describe}")
    return "; ".join(parts)


def with_comments(plan: RedlinePlan, draft: Draft, comments: list[PlacedComment], written: list[Proposal],
                  date: datetime) -> RedlinePlan:
    """The full form's plan with the incoming comments added as Word comments by their authors on their spans.

    A comment in a new paragraph not written (rejected) goes on the end of the paragraph it was to follow;
    a paragraph without a change gets a step that changes nothing, to carry its comments."""
    steps = {s.anchor: s for s in plan.steps if not isinstance(s, InsertParagraph)}
    inserts = {id(p): p for p in written if p.kind is ProposalKind.INSERT}
    for pc in comments:
        if pc.paragraph is None:
            continue
        para = draft.paragraphs[pc.paragraph]
        by = Attribution(pc.author or "Unattributed", parse_date([pc.comment.date], date))
        key, parent = _thread_key(pc.source, pc.comment.id), pc.comment.parent
        parent = _thread_key(pc.source, parent) if parent else ""
        if pc.new is not None and id(pc.new) in inserts:
            step = next((s for s in plan.steps if isinstance(s, InsertParagraph) and s.text == pc.new.text), None)
            if step is not None:
                step.comments += (Comment(0, len(step.text), by, pc.text, key, parent, pc.comment.resolved),)
                continue
        start, end = (len(para.text), len(para.text)) if pc.new is not None else (pc.start, pc.end)
        note = Comment(start, end, by, pc.text, key, parent, pc.comment.resolved)
        found = steps.get(para.anchor)
        if found is None:
            found = steps[para.anchor] = ModifyParagraph(para.anchor, [Segment(Op.EQUAL, para.text)], by)
            plan.add(found)
        if isinstance(found, ModifyParagraph):
            found.segments, found.authors = cut(found.segments, found.authors, {start, end})
        found.comments += (note,)
    return plan


def _thread_key(source: str, comment_id: str) -> str:
    """A comment's name in the compiled file's threads: its input and its id there."""
    return f"{source}#{comment_id}"


def cut(segments: list[Segment], authors: list[Attribution | None] | None,
        at: set[int]) -> tuple[list[Segment], list[Attribution | None] | None]:
    """The segments cut at offsets `at` of the original text (an insertion takes no original text)."""
    out: list[Segment] = []
    who: list[Attribution | None] = []
    pos = 0
    for k, seg in enumerate(segments):
        by = authors[k] if authors is not None else None
        if seg.op is Op.INSERT:
            out.append(seg)
            who.append(by)
            continue
        edges = sorted({0, len(seg.text), *(c - pos for c in at if pos < c < pos + len(seg.text))})
        for a, b in pairwise(edges):
            out.append(Segment(seg.op, seg.text[a:b]))
            who.append(by)
        pos += len(seg.text)
    return out, (who if authors is not None else None)


def rebound(comments: list[PlacedComment], proposals: list[Proposal]) -> list[PlacedComment]:
    """The comments pointing at `proposals` (copies of the ones they were placed with, matched by id)."""
    by_id = {p.id: p for p in proposals}
    return [replace(pc, new=by_id.get(pc.new.id) if pc.new is not None else None,
                    proposals=[by_id[p.id] for p in pc.proposals if p.id in by_id]) for pc in comments]
