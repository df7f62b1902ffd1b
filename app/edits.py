"""Explicit edits (strike this span, insert at this offset) turned into the same Segments
the diff produces, so hand edits and computed redlines share one model."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from app.errors import AmendmentError
from app.segments import Op, Segment, normalize


@dataclass(frozen=True)
class Strike:
    """Strike original text [start, end)."""

    start: int
    end: int


@dataclass(frozen=True)
class Insert:
    """Insert text before original offset `at`."""

    at: int
    text: str


@dataclass(frozen=True)
class Replace:
    """Strike [start, end) and insert text in its place."""

    start: int
    end: int
    text: str


Edit = Strike | Insert | Replace


def segments_from_edits(original: str, edits: Iterable[Edit]) -> list[Segment]:
    """Segments for a set of non-overlapping edits on `original` (offsets in the original)."""
    strikes: list[tuple[int, int]] = []
    inserts: dict[int, list[str]] = {}
    for edit in edits:
        if isinstance(edit, Insert):
            _check_offset(original, edit.at)
            inserts.setdefault(edit.at, []).append(edit.text)
            continue
        _check_offset(original, edit.start)
        _check_offset(original, edit.end)
        if edit.start > edit.end:
            raise AmendmentError(f"edit span {edit.start}..{edit.end} runs backwards")
        strikes.append((edit.start, edit.end))
        if isinstance(edit, Replace):
            inserts.setdefault(edit.end, []).append(edit.text)
    strikes.sort()
    for (s1, e1), (s2, _e2) in itertools.pairwise(strikes):
        if s2 < e1:
            raise AmendmentError(f"struck spans {s1}..{e1} and {s2}.. overlap; merge them into one")
    cuts = sorted({0, len(original), *inserts, *(s for s, _ in strikes), *(e for _, e in strikes)})
    out: list[Segment] = []
    for a, b in itertools.pairwise(cuts):
        out += [Segment(Op.INSERT, t) for t in inserts.get(a, [])]
        struck = any(s <= a and b <= e for s, e in strikes)
        out.append(Segment(Op.DELETE if struck else Op.EQUAL, original[a:b]))
    out += [Segment(Op.INSERT, t) for t in inserts.get(len(original), [])]
    return normalize(out)


def _check_offset(text: str, at: int) -> None:
    if not 0 <= at <= len(text):
        raise AmendmentError(f"offset {at} is outside the paragraph (0..{len(text)})")
