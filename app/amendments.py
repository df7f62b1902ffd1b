"""Amendments: proposed changes to a draft's paragraphs, with options, rationale, author and status."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from app.diff import diff_text
from app.edits import Edit, segments_from_edits
from app.errors import AmendmentError
from app.labels import next_inserted_label, parse_label
from app.model import Draft
from app.segments import Op, Segment, is_unchanged, original_text, proposed_text
from app.tokenize import Granularity


class Kind(StrEnum):
    """What an amendment does to its target paragraph."""

    MODIFY = "modify"  # strike and insert inside the paragraph
    INSERT = "insert"  # a new paragraph after the target
    DELETE = "delete"  # the whole paragraph struck


class Status(StrEnum):
    """Where an amendment is in its life."""

    DRAFT = "draft"
    FINAL = "final"
    WITHDRAWN = "withdrawn"


@dataclass
class Option:
    """One alternative wording ("A", "B") for an amendment, as segments of the target's body."""

    name: str
    segments: list[Segment]

    @property
    def proposed(self) -> str:
        """The option's text."""
        return proposed_text(self.segments)

    @property
    def original(self) -> str:
        """The text the option changes."""
        return original_text(self.segments)


def _new_id() -> str:
    return uuid.uuid4().hex[:12]


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class Amendment:
    """A proposed change to one paragraph (or a new paragraph after it)."""

    kind: Kind
    target: str  # label amended; for INSERT, the label of the paragraph it follows
    options: list[Option]
    anchor_text: str  # the target's body when the amendment was made (for re-anchoring)
    new_label: str | None = None  # INSERT: "83 bis"
    rationale: str = ""
    author: str = ""
    organisation: str = ""
    status: Status = Status.DRAFT
    chosen: int = 0  # the option a full redline shows
    group: str | None = None  # amendments made together (a merge of two paragraphs)
    # What a new revision of the draft overtook ("~~x~~ **y**: made on '…', the new revision reads '…'"): the
    # amendment is kept, marked, for the user to redo that change; "" when nothing was.
    overtaken: str = ""
    # Either/or: amendments of different paragraphs offered as alternatives (Option A: new 83 bis, Option B:
    # amend 84) share this id; each one's option names ("A", "B") are its letters in the set.
    alternatives: str | None = None
    id: str = field(default_factory=_new_id)
    created: datetime = field(default_factory=_now)

    @property
    def label(self) -> str:
        """The label the amendment is shown under ("83 bis" for an insertion)."""
        return self.new_label if self.kind is Kind.INSERT and self.new_label else self.target

    @property
    def option(self) -> Option:
        """The chosen option."""
        return self.options[min(self.chosen, len(self.options) - 1)]

    @property
    def attribution(self) -> str:
        """Who the revisions are written under: the organisation, else the author."""
        return self.organisation or self.author

    def add_option(self, proposed_body: str, name: str | None = None) -> Option:
        """Add an alternative wording of the same target (option B, C, …)."""
        if self.kind is Kind.DELETE:
            raise AmendmentError(f"para {self.label}: a deletion has no alternative wording; add a modify amendment")
        base = self.options[0].original
        segments = [Segment(Op.INSERT, proposed_body)] if self.kind is Kind.INSERT else diff_text(base, proposed_body)
        option = Option(name or chr(ord("A") + len(self.options)), segments)
        self.options.append(option)
        return option


def modify(
    draft: Draft, label: str, proposed_body: str, *, author: str = "", organisation: str = "",
    rationale: str = "", granularity: Granularity = Granularity.PHRASE,
) -> Amendment:
    """Amend a paragraph to read `proposed_body` (its text after the typed number)."""
    para = draft.by_label(label)
    segments = diff_text(para.body, proposed_body, granularity)
    if is_unchanged(segments):
        raise AmendmentError(f"para {para.label}: the proposed text is the same as the draft's; nothing to amend")
    return Amendment(
        Kind.MODIFY, para.label or label, [Option("A", segments)], para.body,
        rationale=rationale, author=author, organisation=organisation,
    )


def modify_by_edits(
    draft: Draft, label: str, edits: list[Edit], *, author: str = "", organisation: str = "", rationale: str = "",
) -> Amendment:
    """Amend a paragraph by explicit edits (offsets in its body text)."""
    para = draft.by_label(label)
    segments = segments_from_edits(para.body, edits)
    return Amendment(
        Kind.MODIFY, para.label or label, [Option("A", segments)], para.body,
        rationale=rationale, author=author, organisation=organisation,
    )


def modify_by_segments(
    draft: Draft, label: str, segments: list[Segment], *, author: str = "", organisation: str = "",
    rationale: str = "", option_name: str = "A",
) -> Amendment:
    """Amend a paragraph with ready-made segments whose original text is the paragraph's body."""
    para = draft.by_label(label)
    if original_text(segments) != para.body:
        raise AmendmentError(f"para {para.label}: the struck and kept text does not match the draft's text")
    return Amendment(
        Kind.MODIFY, para.label or label, [Option(option_name, segments)], para.body,
        rationale=rationale, author=author, organisation=organisation,
    )


def insert_after(
    draft: Draft, after: str, body: str, *, new_label: str | None = None, taken: set[str] | None = None,
    author: str = "", organisation: str = "", rationale: str = "",
) -> Amendment:
    """A new paragraph after `after`, labelled "N bis", "N ter"… unless a label is given."""
    para = draft.by_label(after)
    used = set(draft.labels) | (taken or set())
    label = parse_label(new_label) if new_label else next_inserted_label(para.label or after, used)
    if label in draft.labels:
        raise AmendmentError(f"a paragraph '{label}' is already in the draft; choose another label")
    if not body.strip():
        raise AmendmentError(f"new para {label}: the text is empty")
    return Amendment(
        Kind.INSERT, para.label or after, [Option("A", [Segment(Op.INSERT, body)])], para.body,
        new_label=label, rationale=rationale, author=author, organisation=organisation,
    )


def delete(draft: Draft, label: str, *, author: str = "", organisation: str = "", rationale: str = "") -> Amendment:
    """Strike a whole paragraph."""
    para = draft.by_label(label)
    return Amendment(
        Kind.DELETE, para.label or label, [Option("A", [Segment(Op.DELETE, para.body)])], para.body,
        rationale=rationale, author=author, organisation=organisation,
    )


def merge_paragraphs(
    draft: Draft, keep: str, absorb: str, *, joiner: str = " ", author: str = "", organisation: str = "",
    rationale: str = "",
) -> list[Amendment]:
    """Merge paragraph `absorb` into `keep`: its text is appended to `keep` and it is deleted.

    Returns the two amendments, linked by a shared group id.
    """
    kept = draft.by_label(keep)
    gone = draft.by_label(absorb)
    if kept.index == gone.index:
        raise AmendmentError(f"cannot merge para {keep} into itself")
    group = _new_id()
    first = modify(
        draft, keep, kept.body.rstrip() + joiner + gone.body.strip(),
        author=author, organisation=organisation, rationale=rationale,
    )
    second = delete(draft, absorb, author=author, organisation=organisation, rationale=rationale)
    first.group = second.group = group
    return [first, second]


def link_alternatives(amendments: list[Amendment]) -> str:
    """Make these amendments (of different paragraphs) one either/or set; returns the set's id."""
    set_id = _new_id()
    for a in amendments:
        a.alternatives = set_id
    return set_id


def alternatives_of(amendment: Amendment, amendments: list[Amendment]) -> list[Amendment]:
    """The either/or set `amendment` belongs to, in the order given (just itself when it is in none)."""
    if amendment.alternatives is None:
        return [amendment]
    return [a for a in amendments if a.alternatives == amendment.alternatives]


def either_or(amendments: list[Amendment]) -> str:
    """An either/or set in words: "Option A (83 bis) or Option B (84)"."""
    return " or ".join(f"Option {'/'.join(o.name for o in a.options)} ({a.label})" for a in amendments)


def grouped(amendments: list[Amendment]) -> list[list[Amendment]]:
    """The amendments in order, each either/or set together where its first member comes."""
    out: list[list[Amendment]] = []
    placed: set[str] = set()
    for a in amendments:
        if a.alternatives is None:
            out.append([a])
        elif a.alternatives not in placed:
            placed.add(a.alternatives)
            out.append(alternatives_of(a, amendments))
    return out
