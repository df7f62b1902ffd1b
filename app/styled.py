"""Segments with the draft's formatting attached: what a view or a writer needs to draw a redline."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from app.model import PLAIN, Formatting, Paragraph
from app.segments import Op, Segment


@dataclass(frozen=True)
class StyledSegment:
    """A segment piece in one formatting."""

    op: Op
    text: str
    formatting: Formatting
    move: str = ""  # the move it is half of (Segment.move)


def styled_segments(para: Paragraph, segments: Sequence[Segment], offset: int | None = None) -> list[StyledSegment]:
    """Split segments (on text starting at `offset` in the paragraph, default: its body) at the
    paragraph's run boundaries; inserted text takes the formatting of the text before it."""
    starts: list[int] = []
    formats: list[Formatting] = []
    pos = 0
    for run in para.runs:
        starts.append(pos)
        formats.append(run.formatting)
        pos += len(run.text)

    def fmt_at(at: int) -> Formatting:
        if not starts:
            return PLAIN
        return formats[max(bisect.bisect_right(starts, at) - 1, 0)]

    out: list[StyledSegment] = []
    at = para.body_start if offset is None else offset
    for seg in segments:
        if seg.op is Op.INSERT:
            out.append(StyledSegment(Op.INSERT, seg.text, fmt_at(max(at - 1, 0)), seg.move))
            continue
        end = at + len(seg.text)
        cuts = [s for s in starts if at < s < end]
        edges = [at, *cuts, end]
        for a, b in itertools.pairwise(edges):
            out.append(StyledSegment(seg.op, seg.text[a - at : b - at], fmt_at(a), seg.move))
        at = end
    return out
