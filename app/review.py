"""Reviewing a merge: accept or reject proposals per change, per author or per paragraph, and settle
collisions by picking one proposal, combining them, or writing a new wording.

Rejected proposals leave every output. Accepted ones are agreed: the compilation writes them as plain
text, the `clean` form applies them; the `full` form writes accepted and pending ones as tracked
changes under their authors.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.comment_placing import rebound
from app.errors import AmendmentError, DocumentError
from app.model import Draft
from app.proposals import Collision, Credit, Decision, Proposal, ProposalKind, find_collisions
from app.regular_files import sha256_of
from app.values import xml_text

if TYPE_CHECKING:  # the merge machinery loads when a merge is made or read, not with every window
    from app.merge import MergeResult


@dataclass(frozen=True)
class MergedInput:
    """One redline a review was merged from: where it was, whom its changes were credited to (empty:
    the file's own authors), and its sha256 when merged (to tell when it changed since)."""

    path: Path
    author: str = ""
    sha256: str = ""

    @classmethod
    def read(cls, path: Path, author: str = "") -> MergedInput:
        """The input at `path` with the sha256 of its bytes now ("" when it cannot be read)."""
        try:
            digest = sha256_of(path, "redline", DocumentError)
        except OSError:
            digest = ""
        return cls(path, author, digest)


class Review:
    """The decisions on one merge's proposals; `inputs` and `include_mine` say what was merged."""

    def __init__(self, result: MergeResult, inputs: Iterable[MergedInput] = (), include_mine: bool = False) -> None:
        self.result = result
        self.inputs = list(inputs)
        self.include_mine = include_mine
        self._next = _next_number(result.proposals)
        self._public = public_ids(result.draft, result.proposals)

    @property
    def proposals(self) -> list[Proposal]:
        """Every proposal, decided or not, in order of arrival."""
        return self.result.proposals

    @property
    def authors(self) -> list[str]:
        """Every author with a proposal, in order of first appearance."""
        seen: list[str] = []
        for p in self.proposals:
            seen += [a for a in p.authors if a not in seen]
        return seen

    @property
    def listed_authors(self) -> list[str]:
        """Every author the review lists, in order of first appearance: those with a proposal, then those with
        only changes in notes, comments or formatting changes (the reviewer filter and the colours name them)."""
        seen = self.authors
        extra = [a for _, merged in self.result.notes for p in merged.proposals for a in p.authors]
        extra += [c.author for c in self.result.comments] + [f.author for f in self.result.formats]
        seen += [a for a in dict.fromkeys(extra) if a and a not in seen]
        return seen

    def by_id(self, proposal_id: str) -> Proposal:
        """The proposal with this id (its own, or the stable one `public_id` gives)."""
        for p in self.proposals:
            if p.id == proposal_id:
                return p
        for p in self.proposals:
            if self.public_id(p) == proposal_id:
                return p
        raise AmendmentError(f"no proposal '{proposal_id}' in this merge")

    def public_id(self, proposal: Proposal) -> str:
        """The proposal's stable id ("66-2"), as reports and the command line print it: see `public_ids`.
        A proposal made since the merge (by combining) takes the next number on its paragraph."""
        known = self._public.get(proposal.id)
        if known is None:
            prefix = f"{self.result.draft.paragraphs[proposal.paragraph].display_label}-"
            taken = [int(v[len(prefix):]) for v in self._public.values()
                     if v.startswith(prefix) and v[len(prefix):].isdigit()]
            known = self._public[proposal.id] = f"{prefix}{max(taken, default=0) + 1}"
        return known

    def ids(self) -> dict[str, str]:
        """Every proposal's stable id, keyed by its own id (for reports written from `reviewed`)."""
        return {p.id: self.public_id(p) for p in self.proposals}

    def reviewed(self) -> MergeResult:
        """The merge as decided so far, frozen (a copy): what every export of the review writes. Collisions
        are found again first, so that the report says "collision" only where one is left."""
        from app.merge import MergeResult

        self.collisions()
        result = self.result
        proposals = self.snapshot()
        return MergeResult(result.draft, result.date, proposals, [], list(result.not_applicable),
                           dict(result.made_on), rebound(result.comments, proposals))

    def on_paragraph(self, index: int) -> list[Proposal]:
        """The proposals on the draft paragraph at `index` (new paragraphs after it included)."""
        return [p for p in self.proposals if p.paragraph == index]

    # ----- decisions -----

    def decide(self, ids: Iterable[str], decision: Decision) -> None:
        """Set the decision on these proposals."""
        for proposal_id in ids:
            self.by_id(proposal_id).decision = decision

    def decide_author(self, author: str, decision: Decision) -> int:
        """Decide every proposal credited to `author`; returns how many."""
        mine = [p for p in self.proposals if author in p.authors]
        for p in mine:
            p.decision = decision
        return len(mine)

    def decide_paragraph(self, index: int, decision: Decision) -> int:
        """Decide every proposal on one paragraph; returns how many."""
        mine = self.on_paragraph(index)
        for p in mine:
            p.decision = decision
        return len(mine)

    # ----- collisions -----

    def collisions(self) -> list[Collision]:
        """Collisions among the proposals not rejected (recomputed after every decision)."""
        live = [p for p in self.proposals if p.decision is not Decision.REJECTED]
        for p in self.proposals:
            p.collision = None
        return find_collisions(live)

    def collision_of(self, proposal_id: str) -> Collision | None:
        """The live collision the proposal is part of."""
        return next((c for c in self.collisions() if any(p.id == proposal_id for p in c.proposals)), None)

    def pick(self, proposal_id: str) -> None:
        """Settle a collision in favour of one proposal: it is accepted, the others rejected."""
        chosen = self.by_id(proposal_id)
        collision = self.collision_of(proposal_id)
        others = [p for p in collision.proposals if p is not chosen] if collision else []
        chosen.decision = Decision.ACCEPTED
        for p in others:
            p.decision = Decision.REJECTED

    def combine(self, proposal_ids: list[str], text: str | None = None, author: str = "") -> Proposal:
        """Replace overlapping proposals of one paragraph by one change over their joint span.

        Its wording is `text` when given (the reviewer's own), else each proposal's wording of the
        span in turn, joined by a space; it credits `author` when given, else every author combined.
        The originals are rejected.
        """
        chosen = [self.by_id(i) for i in proposal_ids]
        if not chosen:
            raise AmendmentError("choose the proposals to combine")
        paragraphs = {p.paragraph for p in chosen}
        if len(paragraphs) != 1 or any(p.kind is ProposalKind.INSERT for p in chosen):
            raise AmendmentError("only changes inside one paragraph can be combined; pick one instead")
        if text is not None and xml_text(text)[1]:
            raise AmendmentError(f"the new wording holds {xml_text(text)[1]} character(s) a Word document cannot hold "
                                 "(control characters or broken surrogates); type it again without them")
        para = self.result.draft.paragraphs[paragraphs.pop()]
        start = min(p.span(para.text, para.body_start)[0] for p in chosen)
        end = max(p.span(para.text, para.body_start)[1] for p in chosen)
        if text is None:
            versions: list[str] = []
            for p in chosen:
                version = _version(para.text, start, end, p).strip()
                if version and version not in versions:
                    versions.append(version)
            text = " ".join(versions)
            lead = para.text[start:end][: len(para.text[start:end]) - len(para.text[start:end].lstrip())]
            text = (lead + text) if text else ""
        credits = [Credit(author)] if author else _all_credits(chosen)
        new = Proposal(f"p{self._next}", ProposalKind.MODIFY, para.index, credits, start, end, text,
                       decision=Decision.ACCEPTED)
        self._next += 1
        for p in chosen:
            p.decision = Decision.REJECTED
        self.proposals.append(new)
        return new

    # ----- merging again -----

    def carry_decisions(self, earlier: Review) -> list[Proposal]:
        """Take over the decisions of an earlier review of the same inputs (merged again after a file
        changed): a proposal making the same change, credited to the same authors, gets the earlier
        decision. Returns the decided proposals of `earlier` that found no such twin (changed since,
        or made by combining), so the reviewer can be told to decide them again."""
        unmatched = []
        for old in earlier.proposals:
            if old.decision is Decision.PENDING:
                continue
            twin = next((p for p in self.proposals
                         if p.same_change(old) and sorted(p.authors) == sorted(old.authors)), None)
            if twin is None:
                unmatched.append(old)
            else:
                twin.decision = old.decision
        return unmatched

    # ----- undo -----

    def snapshot(self) -> list[Proposal]:
        """A copy of the proposals and their decisions, to restore on undo."""
        return copy.deepcopy(self.proposals)

    def restore(self, snapshot: list[Proposal]) -> None:
        """Go back to a snapshot."""
        self.result.proposals = copy.deepcopy(snapshot)
        self._next = max(self._next, _next_number(self.result.proposals))


def public_ids(draft: Draft, proposals: list[Proposal]) -> dict[str, str]:
    """A stable id for each proposal (keyed by its own id): the label of the draft paragraph it is on and
    its number there ("66-1", "¶3-2"), counting changes by their place in the paragraph, then the new
    paragraphs after it in order. The same inputs give the same ids whatever the order they are merged in."""
    by_paragraph: dict[int, list[Proposal]] = {}
    for p in proposals:
        by_paragraph.setdefault(p.paragraph, []).append(p)
    out: dict[str, str] = {}
    for index, mine in by_paragraph.items():
        label = draft.paragraphs[index].display_label
        ordered = sorted(mine, key=lambda p: (p.kind is ProposalKind.INSERT, p.order if p.kind is ProposalKind.INSERT
                                              else 0, p.start, p.end, p.kind.value, p.text, sorted(p.authors)))
        for n, p in enumerate(ordered, 1):
            out[p.id] = f"{label}-{n}"
    return out


def report_entries(result: MergeResult,
                   ids: Mapping[str, str] | None = None) -> list[dict[str, str | bool | None]]:
    """The merge report as JSON objects: each line of `result.report` with the stable id of its proposal
    (`ids`, by the proposal's own id; default `public_ids`) and its decision; "" for a change not placed.
    Added later (after the fields above, so older readers are unaffected): `base`, the revision its input was
    made on (null: on the draft itself), and `base_recognised`, whether that was recognised, not given."""
    from app.merge import describe

    ids = public_ids(result.draft, result.proposals) if ids is None else ids
    queue: dict[tuple[str, str, str | None, str, str], list[Proposal]] = {}
    stories = [(result.draft, result.proposals)] + [(s.draft, merged.proposals) for s, merged in result.notes]
    for draft, proposals in stories:  # the body's proposals, then each note's
        for p in proposals:
            label = p.label if p.kind is ProposalKind.INSERT else draft.paragraphs[p.paragraph].label
            label = label or draft.paragraphs[p.paragraph].display_label
            for c in p.credits:
                kind = "move" if p.move and any(q.move == p.move for q in proposals if q is not p) else p.kind.value
                queue.setdefault((c.source, c.author, label, kind, describe(draft, p)), []).append(p)
    entries: list[dict[str, str | bool | None]] = []
    for line in result.report:
        mine = queue.get((line.file, line.author, line.paragraph, line.kind, line.change))
        found = mine.pop(0) if mine else None
        entry: dict[str, str | None] = {"id": ids.get(found.id, found.id) if found else ""}
        base, recognised = result.made_on.get(line.file, (None, False))
        entries.append({**entry, **line.__dict__, "decision": found.decision.value if found else "",
                        "base": base, "base_recognised": recognised})
    return entries


def _next_number(proposals: list[Proposal]) -> int:
    """The number of the next new proposal: past every "pN" id there (and past their count)."""
    numbers = [int(m.group(1)) for p in proposals if (m := re.fullmatch(r"p(\d+)", p.id))]
    return max([len(proposals), *numbers]) + 1


def _version(text: str, start: int, end: int, p: Proposal) -> str:
    if p.kind is ProposalKind.DELETE:
        return ""
    return text[start:p.start] + p.text + text[p.end:end]


def _all_credits(proposals: list[Proposal]) -> list[Credit]:
    out: list[Credit] = []
    for p in proposals:
        out += [c for c in p.credits if c.author not in {o.author for o in out}]
    return out
