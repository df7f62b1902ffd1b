"""A redline plan: what a writer must do to a draft's paragraphs, in document terms.

Amendments and comparisons both end as a plan; docx_io writers carry it out on the
original package. Offsets and texts refer to a paragraph's full text (typed number included).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.model import Run
from app.segments import Segment


@dataclass(frozen=True)
class Attribution:
    """Who made a change, and when (written as w:author / w:date)."""

    author: str
    date: datetime


@dataclass(frozen=True)
class Comment:
    """A Word comment on [start, end) of a paragraph's original text (a rival proposal, a shared credit)."""

    start: int
    end: int
    by: Attribution
    text: str


@dataclass
class ModifyParagraph:
    """Strike and insert inside an existing paragraph."""

    anchor: int
    segments: list[Segment]
    by: Attribution
    authors: list[Attribution | None] | None = None  # per segment, when changes come from several authors
    comments: tuple[Comment, ...] = ()  # offsets in the original text, on segment edges


@dataclass
class InsertParagraph:
    """A new paragraph placed after (or, with before=True, before) an existing one."""

    anchor: int
    text: str
    by: Attribution
    before: bool = False
    runs: tuple[Run, ...] = ()  # formatting to use; empty: take the neighbour's
    style_id: str | None = None  # style to use; None: the neighbour's paragraph properties
    source: int | None = None  # copy this paragraph (block ordinal) of the other document, when writing a comparison
    like: int | None = None  # take paragraph properties from this paragraph (block ordinal), not from the anchor
    comments: tuple[Comment, ...] = ()  # offsets in `text`


@dataclass
class DeleteParagraph:
    """An existing paragraph struck whole, its paragraph mark included."""

    anchor: int
    by: Attribution
    comments: tuple[Comment, ...] = ()


Step = ModifyParagraph | InsertParagraph | DeleteParagraph


@dataclass
class RedlinePlan:
    """Steps for one document; at most one Modify or Delete per anchor."""

    steps: list[Step] = field(default_factory=list)

    def add(self, step: Step) -> None:
        """Append a step."""
        self.steps.append(step)

    def __len__(self) -> int:
        return len(self.steps)
