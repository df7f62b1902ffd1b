"""A redline plan: what a writer must do to a draft's paragraphs, in document terms.

Amendments and comparisons both end as a plan; docx_io writers carry it out on the
original package. Offsets and texts refer to a paragraph's full text (typed number included).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.model import Formatting, Run
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
    # A thread, for comments carried from an input: `key` names this comment, `parent` the comment it answers
    # ("" for none); `resolved` is Word's "done". The writer links them in word/commentsExtended.xml.
    key: str = ""
    parent: str = ""
    resolved: bool = False


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


@dataclass(frozen=True)
class FormatSpan:
    """[start, end) of a paragraph's text given new character formatting (bold, italic, underline, character
    style); `old` is what it had, kept in the revision so rejecting it restores that."""

    start: int
    end: int
    new: Formatting
    old: Formatting


@dataclass
class FormatParagraph:
    """A formatting-only change of an existing paragraph whose text is left as it is: spans of new character
    formatting (w:rPrChange) and/or a new paragraph style (w:pPrChange)."""

    anchor: int
    by: Attribution
    spans: tuple[FormatSpan, ...] = ()
    style_id: str | None = None  # the new paragraph style; None: unchanged
    old_style_id: str | None = None


@dataclass
class RedlinePlan:
    """Steps for one document; at most one Modify or Delete per anchor."""

    steps: list[Step] = field(default_factory=list)
    # Formatting-only changes, kept apart from the text steps so that code walking `steps` is unchanged; a
    # writer applies one only to a paragraph no step touches (its offsets are in the unchanged text).
    formats: list[FormatParagraph] = field(default_factory=list)

    def add(self, step: Step) -> None:
        """Append a step."""
        self.steps.append(step)

    def __len__(self) -> int:
        return len(self.steps)
