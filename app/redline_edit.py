"""Track-changes editing of one paragraph, as Word does it, on Segments (no Qt).

Positions are offsets in the redline view, where struck text stays visible: typing inserts
tracked text; deleting original text strikes it; deleting one's own inserted text removes it;
a change can be rejected. The order of a strike and an insertion is kept as the user made
them, so the cursor stays where they expect.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.segments import Op, Segment, original_text, proposed_text


@dataclass(frozen=True)
class Span:
    """Where a segment sits in the redline view."""

    index: int
    start: int
    end: int
    op: Op


class RedlineEdit:
    """One paragraph's segments under editing."""

    def __init__(self, original: str, segments: Sequence[Segment] | None = None) -> None:
        self.segments: list[Segment] = _merge(list(segments) if segments else [Segment(Op.EQUAL, original)])
        if original_text(self.segments) != original:
            raise ValueError("segments do not match the paragraph's text")

    # --- views -------------------------------------------------------------

    @property
    def view_text(self) -> str:
        """The redline view: kept, struck and inserted text, in order."""
        return "".join(s.text for s in self.segments)

    @property
    def original(self) -> str:
        """The text before the changes."""
        return original_text(self.segments)

    @property
    def proposed(self) -> str:
        """The text after the changes."""
        return proposed_text(self.segments)

    def spans(self) -> list[Span]:
        """Each segment's place in the redline view."""
        out: list[Span] = []
        pos = 0
        for i, seg in enumerate(self.segments):
            out.append(Span(i, pos, pos + len(seg.text), seg.op))
            pos += len(seg.text)
        return out

    def op_at(self, pos: int) -> Op | None:
        """The kind of the character at view offset pos (None past the end)."""
        for span in self.spans():
            if span.start <= pos < span.end:
                return span.op
        return None

    # --- edits -------------------------------------------------------------

    def type_text(self, pos: int, text: str, move: str = "") -> int:
        """Insert text at view offset pos as a tracked insertion; returns the cursor after it.

        `move`: the text arrives by that move (its own segment, even inside another insertion)."""
        pos = self._clamp(pos)
        if not text:
            return pos
        out: list[Segment] = []
        done = False
        at = 0
        for seg in self.segments:
            end = at + len(seg.text)
            if not done and at <= pos <= end and (seg.op is Op.INSERT or pos < end or end == len(self.view_text)):
                k = pos - at
                if seg.op is Op.INSERT and not move:
                    out.append(Segment(Op.INSERT, seg.text[:k] + text + seg.text[k:]))
                else:
                    out += [Segment(seg.op, seg.text[:k], seg.move), Segment(Op.INSERT, text, move),
                            Segment(seg.op, seg.text[k:], seg.move)]
                done = True
            else:
                out.append(seg)
            at = end
        if not done:
            out.append(Segment(Op.INSERT, text, move))
        self.segments = _merge(out)
        return pos + len(text)

    def delete_range(self, start: int, end: int, move: str = "") -> int:
        """Delete view text [start, end): original text is struck, inserted text removed.

        `move`: the struck text leaves by that move.

        Returns the cursor after what stays visible of the range (the struck text).
        """
        start, end = self._clamp(min(start, end)), self._clamp(max(start, end))
        if start == end:
            return start
        before = len(self.view_text)
        out: list[Segment] = []
        at = 0
        for seg in self.segments:
            s_end = at + len(seg.text)
            a, b = max(start, at), min(end, s_end)
            if a >= b:
                out.append(seg)
            else:
                head, mid, tail = seg.text[: a - at], seg.text[a - at : b - at], seg.text[b - at :]
                out.append(Segment(seg.op, head))
                if seg.op is not Op.INSERT:
                    out.append(Segment(Op.DELETE, mid, move))  # original text stays, struck
                out.append(Segment(seg.op, tail))
            at = s_end
        self.segments = _merge(out)
        return end - (before - len(self.view_text))

    def backspace(self, pos: int) -> int:
        """Backspace at pos: strike or remove the character before it; the cursor moves before it."""
        pos = self._clamp(pos)
        if pos == 0:
            return 0
        self.delete_range(pos - 1, pos)
        return pos - 1

    def delete_forward(self, pos: int) -> int:
        """Delete at pos: strike or remove the character after it; returns the new cursor."""
        pos = self._clamp(pos)
        if pos >= len(self.view_text):
            return pos
        op = self.op_at(pos)
        self.delete_range(pos, pos + 1)
        return pos + 1 if op is not Op.INSERT else pos

    def replace(self, start: int, end: int, text: str) -> int:
        """Type over a selection: strike or remove it, then insert text after what stays visible."""
        start, end = self._clamp(min(start, end)), self._clamp(max(start, end))
        before = len(self.view_text)
        self.delete_range(start, end)
        removed = before - len(self.view_text)
        return self.type_text(end - removed, text)

    def reject_at(self, pos: int) -> int:
        """Reject the change at view offset pos (a strike is restored, an insertion removed)."""
        for span in self.spans():
            if span.op is not Op.EQUAL and span.start <= pos <= span.end and span.start < span.end:
                seg = self.segments[span.index]
                if seg.op is Op.DELETE:
                    self.segments[span.index] = Segment(Op.EQUAL, seg.text)
                else:
                    self.segments[span.index] = Segment(Op.EQUAL, "")
                self.segments = _merge(self.segments)
                return span.start
        return pos

    def reject_all(self) -> None:
        """Back to the original text."""
        self.segments = _merge([Segment(Op.EQUAL, self.original)])

    def _clamp(self, pos: int) -> int:
        return max(0, min(pos, len(self.view_text)))


def _merge(segments: list[Segment]) -> list[Segment]:
    """Drop empty segments and join neighbours of the same kind and move (order otherwise kept)."""
    out: list[Segment] = []
    for seg in segments:
        if not seg.text:
            continue
        if out and out[-1].op is seg.op and out[-1].move == seg.move:
            out[-1] = Segment(seg.op, out[-1].text + seg.text, seg.move)
        else:
            out.append(seg)
    return out
