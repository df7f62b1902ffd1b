"""Where the changes are in a rendered document, as Word's Previous/Next change finds them.

Struck and inserted text carries CHANGE_PROPERTY in its character format: "delete" or "insert" for our own
amendments, the proposal's id for a merge under review. A change is a run of such text: a deletion and the
insertion next to it are one replacement (our own amendment), or one proposal's pieces (under review).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextBlock, QTextDocument, QTextFormat

CHANGE_PROPERTY = QTextFormat.Property.UserProperty + 2
_OWN = {"insert", "delete"}


@dataclass(frozen=True)
class Span:
    """A change in the document: positions [start, end) and what it belongs to ("" for our own amendments)."""

    start: int
    end: int
    ident: str


def change_spans(block: QTextBlock) -> list[Span]:
    """The changes of a block, in order."""
    spans: list[Span] = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        it += 1
        if not fragment.isValid():
            continue
        value = fragment.charFormat().property(CHANGE_PROPERTY)
        if not value:
            continue
        ident = "" if value in _OWN else str(value)
        start, end = fragment.position(), fragment.position() + fragment.length()
        if spans and spans[-1].end == start and spans[-1].ident == ident:
            spans[-1] = Span(spans[-1].start, end, ident)
        else:
            spans.append(Span(start, end, ident))
    return spans


def next_change(doc: QTextDocument, position: int, delta: int) -> tuple[Span | None, bool]:
    """The first change starting after `position` (delta 1) or ending before it (delta -1) in a shown block,
    and whether the search wrapped round the other end of the document (as Word continues from the start)."""
    start = doc.findBlock(position)
    if not start.isValid():
        start = doc.lastBlock()
    for wrapped in (False, True):
        block = (doc.firstBlock() if delta > 0 else doc.lastBlock()) if wrapped else start
        while block.isValid():
            if block.isVisible():
                spans = change_spans(block)
                ahead = ([s for s in spans if s.start >= position or wrapped] if delta > 0
                         else [s for s in reversed(spans) if s.end <= position or wrapped])
                if ahead:
                    return ahead[0], wrapped
            block = block.next() if delta > 0 else block.previous()
    return None, False


def proposal_span(doc: QTextDocument, first: QTextBlock, ident: str, blocks: int = 64) -> Span | None:
    """The text of one proposal, from `first` on (a new paragraph is a block after its anchor): from its first
    piece to its last, in the first block that has it."""
    block = first
    for _ in range(blocks):
        if not block.isValid():
            break
        mine = [s for s in change_spans(block) if s.ident == ident]
        if mine:
            return Span(mine[0].start, mine[-1].end, ident)
        block = block.next()
    return None
