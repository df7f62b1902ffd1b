"""Moved text: a deleted segment in one paragraph and an inserted one in another sharing a move name.

A move is written as a move (w:moveFrom / w:moveTo) only when it is whole: its name marks exactly one
deleted and one inserted segment, of the same text, by the same author. Anything else (a half lost
when a paragraph was edited again, an option repeating a half, an insertion retyped) is written as
the plain deletion and insertion it also is, so accepting or rejecting the move in Word can never
take away words without putting them back, or the reverse.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import replace

from app.plan import ModifyParagraph, RedlinePlan
from app.segments import Op, Segment


def new_move_name() -> str:
    """A fresh move name, unique across projects and merges (Word's own are "move" + digits)."""
    return "move" + uuid.uuid4().hex[:10]


def whole_moves(halves: Iterable[tuple[Segment, str]]) -> set[str]:
    """The move names, among (segment, author) pairs, that mark one deletion and one insertion of the same
    text by the same author."""
    seen: dict[str, list[tuple[Segment, str]]] = {}
    for seg, author in halves:
        if seg.move and seg.op is not Op.EQUAL:
            seen.setdefault(seg.move, []).append((seg, author))
    whole: set[str] = set()
    for name, found in seen.items():
        ops = sorted(s.op.value for s, _ in found)
        if ops == [Op.DELETE.value, Op.INSERT.value] and found[0][0].text == found[1][0].text \
                and found[0][1] == found[1][1] and found[0][0].text:
            whole.add(name)
    return whole


def keep_moves(segments: Sequence[Segment], whole: set[str]) -> list[Segment]:
    """The segments with the move names not in `whole` dropped (written as plain deletion and insertion)."""
    return [s if not s.move or s.move in whole else replace(s, move="") for s in segments]


def settle_plan_moves(plan: RedlinePlan) -> None:
    """Keep only the whole moves of a plan's modifications (each half in its own paragraph), in place."""
    halves: list[tuple[Segment, str]] = []
    for step in plan.steps:
        if isinstance(step, ModifyParagraph):
            who = step.authors or [None] * len(step.segments)
            halves += [(s, (w or step.by).author) for s, w in zip(step.segments, who, strict=True)]
    whole = whole_moves(halves)
    for step in plan.steps:
        if isinstance(step, ModifyParagraph) and any(s.move for s in step.segments):
            step.segments = keep_moves(step.segments, whole)


def moved_texts(segments: Sequence[Segment]) -> list[Segment]:
    """The segments that are halves of a move."""
    return [s for s in segments if s.move and s.op is not Op.EQUAL]
