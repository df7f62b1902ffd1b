"""Carry segments made against one text onto another (a draft whose text differs a little).

The old original is aligned with the new text character by character (rapidfuzz); each
strike and insertion moves to the matching place. A strike whose text is not there any
more is reported, with the closest match, and left out.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

from app.edits import Edit, Insert, Replace, Strike, segments_from_edits
from app.segments import Op, Segment, original_text

_INDEL_CELL_LIMIT = 40_000_000


@dataclass(frozen=True)
class Mismatch:
    """A strike that does not match the new text."""

    expected: str  # the text at that place in the new text
    found: str  # the struck text in the change
    closest: str  # the closest match for the struck text anywhere in the new text
    score: float  # similarity of the closest match, 0-100


@dataclass
class Rebased:
    """Segments on the new text, and what could not be carried over."""

    segments: list[Segment]
    mismatches: list[Mismatch]
    whitespace_only: bool  # texts differed only in white space
    differences: list[tuple[str, str]] = field(default_factory=list)  # (old text, new text), white space aside
    absorbed: list[str] = field(default_factory=list)  # quote-only punctuation taken into an insertion


def squash_space(text: str) -> str:
    """Text without any white space (for whitespace-insensitive comparison)."""
    return "".join(text.split())


def rebase(segments: Sequence[Segment], target: str) -> Rebased:
    """Segments made against original_text(segments), carried onto `target`."""
    source = original_text(segments)
    if source == target:
        return Rebased(list(segments), [], False)
    segments, absorbed = _absorb_extras(list(segments), _Mapper(source, target), source)
    source = original_text(segments)
    mapper = _Mapper(source, target)
    edits: list[Edit] = []
    mismatches: list[Mismatch] = []
    pos = 0
    i = 0
    segs = list(segments)
    while i < len(segs):
        seg = segs[i]
        if seg.op is Op.EQUAL:
            pos += len(seg.text)
            i += 1
            continue
        if seg.op is Op.INSERT:
            edits.append(Insert(mapper.start(pos), seg.text))
            i += 1
            continue
        start, end = mapper.start(pos), mapper.end(pos + len(seg.text))
        insert_text = segs[i + 1].text if i + 1 < len(segs) and segs[i + 1].op is Op.INSERT else None
        there = target[start:end]
        if squash_space(there) == squash_space(seg.text) and start <= end:
            edits.append(Replace(start, end, insert_text) if insert_text is not None else Strike(start, end))
        else:
            mismatches.append(_mismatch(_whole_words(target, start, end), seg.text, target))
        pos += len(seg.text)
        i += 2 if insert_text is not None else 1
    clean = _drop_overlaps(edits)
    return Rebased(
        segments_from_edits(target, clean), mismatches, squash_space(source) == squash_space(target),
        mapper.differences(source, target), absorbed,
    )


def absorb_extras(segments: Sequence[Segment], target: str, *, paired_only: bool = False) -> list[Segment]:
    """The segments with quote-only punctuation next to an insertion taken into it (see _absorb_extras);
    `paired_only`: only where there is such punctuation on both sides (", **including …**, ")."""
    source = original_text(segments)
    if source == target:
        return list(segments)
    return _absorb_extras(list(segments), _Mapper(source, target), source, paired_only)[0]


def _absorb_extras(segments: list[Segment], mapper: _Mapper, source: str,
                   paired_only: bool = False) -> tuple[list[Segment], list[str]]:
    """Punctuation the quote has next to an insertion but the draft does not ("mechanisms,
    **including the Forum**, to") was typed as part of the insertion: move it in."""
    extra = mapper.source_only()
    starts: list[int] = []
    pos = 0
    for seg in segments:
        starts.append(pos)
        pos += 0 if seg.op is Op.INSERT else len(seg.text)
    out = list(segments)
    absorbed: list[str] = []
    for i, seg in enumerate(segments):
        if seg.op is not Op.INSERT:
            continue
        prefix = suffix = ""
        left = out[i - 1] if i > 0 else None
        if left is not None and left.op is Op.EQUAL:
            end = starts[i - 1] + len(left.text)
            k = end
            while k > starts[i - 1] and k - 1 in extra and not source[k - 1].isalnum():
                k -= 1
            if k < end and source[k:end].strip():
                prefix = source[k:end]
        right = out[i + 1] if i + 1 < len(out) else None
        if right is not None and right.op is Op.EQUAL:
            begin = starts[i + 1]
            k = begin
            while k < begin + len(right.text) and k in extra and not source[k].isalnum():
                k += 1
            if k > begin and source[begin:k].strip():
                suffix = source[begin:k]
        if paired_only and not (prefix and suffix):
            continue
        if left is not None and prefix:
            out[i - 1] = Segment(Op.EQUAL, left.text[: len(left.text) - len(prefix)])
        if right is not None and suffix:
            out[i + 1] = Segment(Op.EQUAL, right.text[len(suffix):])
        if prefix or suffix:
            out[i] = Segment(Op.INSERT, prefix + seg.text + suffix)
            absorbed += [x.strip() for x in (prefix, suffix) if x.strip()]
    return [s for s in out if s.text], absorbed


def closest_match(needle: str, haystack: str) -> tuple[str, float]:
    """The passage of haystack most like needle, and its score (0-100)."""
    if not needle or not haystack:
        return "", 0.0
    found = fuzz.partial_ratio_alignment(needle, haystack)
    if found is None:
        return "", 0.0
    return _whole_words(haystack, found.dest_start, found.dest_end).strip(), found.score


def _whole_words(text: str, start: int, end: int) -> str:
    """text[start:end] widened to whole words."""
    start, end = min(start, end), max(start, end)
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


def _mismatch(expected: str, found: str, target: str) -> Mismatch:
    closest, score = closest_match(found, target)
    if score < 60:
        closest = ""
    return Mismatch(expected, found, closest, score)


def _drop_overlaps(edits: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    last_end = -1
    for edit in sorted(edits, key=lambda e: (e.at if isinstance(e, Insert) else e.start)):
        if isinstance(edit, Insert):
            out.append(edit)
            continue
        if edit.start < last_end:
            continue
        out.append(edit)
        last_end = edit.end
    return out


class _Mapper:
    """Maps offsets in the source text to offsets in the target text."""

    def __init__(self, source: str, target: str) -> None:
        metric = Indel if len(source) * len(target) <= _INDEL_CELL_LIMIT else Levenshtein
        self.blocks: list[tuple[str, int, int, int, int]] = [
            (op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end) for op in metric.opcodes(source, target)
        ]
        self.starts = [b[1] for b in self.blocks]
        self.target_len = len(target)

    def differences(self, source: str, target: str) -> list[tuple[str, str]]:
        """The places where the texts differ other than in white space, widened to whole words."""
        out: list[tuple[str, str]] = []
        stretch: list[tuple[int, int, int, int]] = []
        for tag, s1, e1, s2, e2 in [*self.blocks, ("equal", 0, 0, 0, 0)]:
            if tag != "equal":
                stretch.append((s1, e1, s2, e2))
                continue
            if stretch:
                a1, b1 = stretch[0][0], stretch[-1][1]
                a2, b2 = stretch[0][2], stretch[-1][3]
                if squash_space(source[a1:b1]) != squash_space(target[a2:b2]):
                    out.append((_whole_words(source, a1, b1), _whole_words(target, a2, b2)))
                stretch = []
        return out

    def source_only(self) -> set[int]:
        """Source offsets whose character has no counterpart in the target."""
        return {k for tag, s1, e1, _s2, _e2 in self.blocks if tag != "equal" for k in range(s1, e1)}

    def _equal_blocks_near(self, pos: int) -> list[tuple[str, int, int, int, int]]:
        idx = bisect.bisect_right(self.starts, pos)
        return [b for b in self.blocks[max(idx - 3, 0) : idx + 2] if b[0] == "equal"]

    def start(self, pos: int) -> int:
        """Where text inserted (or a strike starting) at source offset pos goes in the target: right
        after the unchanged text before it, so a changed space after it stays after it."""
        if not self.blocks:
            return 0
        near = self._equal_blocks_near(pos)
        for _, s1, e1, s2, _e2 in near:
            if s1 < pos <= e1:
                return s2 + (pos - s1)
        for _, s1, _e1, s2, _e2 in near:
            if s1 == pos:
                return s2
        return self._changed_side(pos, start=True)

    def end(self, pos: int) -> int:
        """Where a strike ending at source offset pos ends in the target: right before the unchanged
        text after it."""
        if not self.blocks:
            return 0
        near = self._equal_blocks_near(pos)
        for _, s1, e1, s2, _e2 in near:
            if s1 <= pos < e1:
                return s2 + (pos - s1)
        for _, _s1, e1, _s2, e2 in near:
            if e1 == pos:
                return e2
        return self._changed_side(pos, start=False)

    def _changed_side(self, pos: int, start: bool) -> int:
        """For a position inside changed text: the start (or end) of that change in the target."""
        idx = max(bisect.bisect_right(self.starts, pos) - 1, 0)
        _, s1, e1, s2, e2 = self.blocks[idx]
        if not s1 <= pos <= e1:
            return e2 if pos > e1 else s2
        return s2 if start else e2
