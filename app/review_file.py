"""A merge review as stored in a project file, and restored from it.

The proposals are stored themselves (kind, the paragraph they are on, offsets, text, credits,
decision), so reopening a review never reads the merged inputs again; the inputs are kept (path,
author override, sha256) to say what was merged and to tell when an input changed since. Offsets
are into a paragraph's full text: each proposal keeps that text, and is placed again only on a
paragraph with the very same text (by position, then label, then the text alone); a proposal whose
paragraph is no longer in the draft is left out and reported.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from app.errors import ProjectError
from app.merge import MergeResult, ReportLine
from app.model import Draft, Paragraph
from app.proposals import Credit, Decision, Proposal, ProposalKind
from app.regular_files import outside_note, sha256_of
from app.review import MergedInput, Review
from app.values import stored_date, stored_int


@dataclass
class StoredInput:
    """One merged redline: its path (relative to the project file when possible), author override, sha256."""

    path: str
    author: str = ""
    sha256: str = ""


@dataclass
class StoredProposal:
    """A proposal and the text of the draft paragraph it was made on (its offsets are into that text)."""

    proposal: Proposal
    paragraph_label: str | None
    paragraph_text: str


@dataclass
class StoredReview:
    """Everything a project keeps of a merge review."""

    date: datetime
    inputs: list[StoredInput] = field(default_factory=list)
    include_mine: bool = False
    proposals: list[StoredProposal] = field(default_factory=list)
    not_applicable: list[ReportLine] = field(default_factory=list)


# ----- to and from a Review ------------------------------------------------------------------------


def store_review(review: Review, base: Path | None) -> StoredReview:
    """What to save of a review; input paths relative to `base` when possible (None: absolute)."""
    draft = review.result.draft
    stored = []
    for p in review.proposals:
        para = draft.paragraphs[p.paragraph]
        stored.append(StoredProposal(p, para.label, para.text))
    inputs = [StoredInput(_relative(i.path, base), i.author, i.sha256) for i in review.inputs]
    return StoredReview(review.result.date, inputs, review.include_mine, stored, list(review.result.not_applicable))


def restore_review(stored: StoredReview, draft: Draft, base: Path) -> tuple[Review, list[str]]:
    """The review on `draft` (input paths resolved against `base`), and notes for the user: proposals
    whose paragraph is gone, inputs missing or changed since the merge."""
    notes: list[str] = []
    proposals: list[Proposal] = []
    for s in stored.proposals:
        para = _find_paragraph(draft, s)
        p = copy.deepcopy(s.proposal)  # the stored one is left as it was
        if para is None:
            where = s.paragraph_label or f"¶{p.paragraph + 1}"
            notes.append(f"{p.id} ({p.by or 'no author'}, para {where}): its paragraph is no longer in the draft; "
                         "left out of the review")
            continue
        p.paragraph = para.index
        proposals.append(p)
    inputs = []
    for i in stored.inputs:
        path = _resolve(base, i.path)
        inputs.append(MergedInput(path, i.author, i.sha256))
        outside = outside_note(path, base, "review input")
        notes += [outside] if outside else []  # said before the file is read
        notes += _input_note(path, i.sha256)
    result = MergeResult(draft, stored.date, proposals, [], list(stored.not_applicable))
    review = Review(result, inputs, stored.include_mine)
    result.collision_groups = review.collisions()
    return review, notes


def _find_paragraph(draft: Draft, s: StoredProposal) -> Paragraph | None:
    index = s.proposal.paragraph
    if 0 <= index < len(draft.paragraphs) and draft.paragraphs[index].text == s.paragraph_text:
        return draft.paragraphs[index]
    if s.paragraph_label is not None and draft.has_label(s.paragraph_label):
        para = draft.by_label(s.paragraph_label)
        if para.text == s.paragraph_text:
            return para
    same = [p for p in draft.paragraphs if p.text == s.paragraph_text]
    return same[0] if len(same) == 1 else None


def _input_note(path: Path, sha256: str) -> list[str]:
    try:
        now = sha256_of(path, "review input", ProjectError)  # a FIFO, /dev/zero or a 1 GB file: refused
    except OSError:
        return [f"{path.name}: no longer at {path}; the review keeps its proposals as merged"]
    if sha256 and now != sha256:
        return [f"{path.name}: changed since it was merged; the review keeps its proposals as merged "
                "(import it again to see the changes)"]
    return []


def _relative(path: Path, base: Path | None) -> str:
    if base is None:
        return str(path.resolve())
    try:
        return os.path.relpath(path.resolve(), base.resolve())
    except ValueError:  # another drive on Windows
        return str(path.resolve())


def _resolve(base: Path, path: str) -> Path:
    candidate = Path(path)
    return candidate if candidate.is_absolute() else base / candidate


# ----- JSON --------------------------------------------------------------------------------------


def review_to_json(stored: StoredReview) -> dict[str, Any]:
    """The review's part of a project file."""
    return {
        "date": stored.date.isoformat(),
        "include_mine": stored.include_mine,
        "inputs": [{"path": i.path, "author": i.author, "sha256": i.sha256} for i in stored.inputs],
        "proposals": [_proposal_to_json(s) for s in stored.proposals],
        "not_applicable": [dict(line.__dict__) for line in stored.not_applicable],
    }


def review_from_json(d: dict[str, Any]) -> StoredReview:
    """A review read from a project file (KeyError, TypeError or ValueError when damaged)."""
    if not isinstance(d, dict):
        raise TypeError("review is not an object")
    return StoredReview(
        date=stored_date(d["date"], "review date"),
        inputs=[StoredInput(str(i["path"]), str(i.get("author", "")), str(i.get("sha256", "")))
                for i in d.get("inputs", [])],
        include_mine=bool(d.get("include_mine", False)),
        proposals=[_proposal_from_json(p) for p in d.get("proposals", [])],
        not_applicable=[_line_from_json(line) for line in d.get("not_applicable", [])],
    )


def _proposal_to_json(s: StoredProposal) -> dict[str, Any]:
    p = s.proposal
    return {
        "id": p.id,
        "kind": p.kind.value,
        "paragraph": p.paragraph,
        "paragraph_label": s.paragraph_label,
        "paragraph_text": s.paragraph_text,
        "start": p.start,
        "end": p.end,
        "text": p.text,
        "label": p.label,
        "order": p.order,
        "credits": [_credit_to_json(c) for c in p.credits],
        "decision": p.decision.value,
    }


def _credit_to_json(c: Credit) -> dict[str, str]:
    out = {"author": c.author, "date": c.date, "source": c.source, "rationale": c.rationale, "label": c.label}
    if c.amends:  # only on a version of another author's change (optional: older files have none)
        out |= {"amends": c.amends, "struck": c.struck}
    if c.option:  # only on one of an either/or set (optional: older files have none)
        out["option"] = c.option
    return out


def _proposal_from_json(d: dict[str, Any]) -> StoredProposal:
    credits = [Credit(str(c["author"]), str(c.get("date", "")), str(c.get("source", "")),
                      str(c.get("rationale", "")), str(c.get("label", "")), amends=str(c.get("amends", "")),
                      struck=str(c.get("struck", "")), option=str(c.get("option", ""))) for c in d["credits"]]
    start, end, paragraph = (stored_int(d.get("start", 0), "start"), stored_int(d.get("end", 0), "end"),
                             stored_int(d["paragraph"], "paragraph"))
    text = str(d["paragraph_text"])
    if paragraph < 0 or not 0 <= start <= end <= len(text):
        raise ValueError(f"proposal {d.get('id')} has offsets outside its paragraph")
    label = d.get("label")
    proposal = Proposal(str(d["id"]), ProposalKind(d["kind"]), paragraph, credits, start, end, str(d.get("text", "")),
                        label=None if label is None else str(label), decision=Decision(d.get("decision", "pending")),
                        order=stored_int(d.get("order", 0), "order"))
    para_label = d.get("paragraph_label")
    return StoredProposal(proposal, None if para_label is None else str(para_label), text)


def _line_from_json(d: dict[str, Any]) -> ReportLine:
    paragraph = d.get("paragraph")
    return ReportLine(str(d["file"]), str(d["author"]), None if paragraph is None else str(paragraph),
                      str(d["kind"]), str(d["status"]), str(d.get("reason", "")), str(d.get("change", "")))
