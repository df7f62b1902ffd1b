"""Segments: a paragraph's change as a list of (equal | deleted | inserted) texts.

Invariant: the equal and deleted texts in order give the original; the equal and inserted
texts in order give the proposed text.

A moved text is a deleted segment in one paragraph and an inserted segment in another that share a
`move` name (written as w:moveFrom / w:moveTo); app.moves says which pairs are whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Op(StrEnum):
    """What a segment does to the original text."""

    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


@dataclass(frozen=True)
class Segment:
    """A run of text that is kept, struck or inserted."""

    op: Op
    text: str
    # The move this text belongs to ("" for none): its deleted half is where it was, its inserted half where
    # it went. The name pairs the halves across paragraphs, as w:name pairs a file's move ranges.
    move: str = ""


def original_text(segments: Iterable[Segment]) -> str:
    """The text before the change: equal + deleted."""
    return "".join(s.text for s in segments if s.op is not Op.INSERT)


def proposed_text(segments: Iterable[Segment]) -> str:
    """The text after the change: equal + inserted."""
    return "".join(s.text for s in segments if s.op is not Op.DELETE)


def is_unchanged(segments: Iterable[Segment]) -> bool:
    """True when no segment deletes or inserts anything."""
    return all(s.op is Op.EQUAL or not s.text for s in segments)


def normalize(segments: Iterable[Segment]) -> list[Segment]:
    """Drop empty segments, join neighbours of the same op (and move), and put deletions before
    insertions within each change (so a replacement reads "~~old~~ **new**")."""
    out: list[Segment] = []
    pending_del: list[Segment] = []
    pending_ins: list[Segment] = []

    def flush() -> None:
        for pending in (pending_del, pending_ins):
            for seg in pending:
                if out and out[-1].op is seg.op and out[-1].move == seg.move:
                    out[-1] = Segment(seg.op, out[-1].text + seg.text, seg.move)
                else:
                    out.append(seg)
            pending.clear()

    for seg in segments:
        if not seg.text:
            continue
        if seg.op is Op.DELETE:
            pending_del.append(seg)
        elif seg.op is Op.INSERT:
            pending_ins.append(seg)
        else:
            flush()
            if out and out[-1].op is Op.EQUAL:
                out[-1] = Segment(Op.EQUAL, out[-1].text + seg.text)
            else:
                out.append(seg)
    flush()
    return out


def shift(segments: Sequence[Segment], prefix: str) -> list[Segment]:
    """Prepend unchanged text (e.g. the typed label "66.\t") to a body's segments."""
    return normalize([Segment(Op.EQUAL, prefix), *segments])


def to_json(segments: Iterable[Segment]) -> list[list[str]]:
    """Segments as JSON-friendly pairs [op, text] ([op, text, move] for a moved text)."""
    return [[s.op.value, s.text, s.move] if s.move else [s.op.value, s.text] for s in segments]


def from_json(data: object) -> list[Segment]:
    """Segments from [op, text] pairs (or [op, text, move]); ValueError on anything else."""
    if not isinstance(data, list):
        raise ValueError("segments must be a list of [op, text] pairs")
    out = []
    for item in data:
        if not (isinstance(item, list) and len(item) in (2, 3) and all(isinstance(x, str) for x in item)):
            raise ValueError(f"bad segment {item!r}: expected [op, text] or [op, text, move]")
        op, move = Op(item[0]), item[2] if len(item) == 3 else ""
        if len(item) == 3 and (op is Op.EQUAL or not move):
            raise ValueError(f"bad segment {item!r}: only a deletion or an insertion is half of a move")
        out.append(Segment(op, item[1], move))
    return out
