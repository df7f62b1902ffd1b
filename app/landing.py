"""Where an incoming paragraph lands on our draft when the draft split or merged paragraphs.

Alignment pairs paragraphs one to one. When our draft split one of their paragraphs in two, theirs
is paired with one half and the other half is left unpaired beside it; when our draft merged two of
theirs, one is paired with the merged paragraph and the other is left unpaired. These passes find
the paragraphs of ours that hold an incoming paragraph's original text in those two cases.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from app.model import Paragraph

CONTAINED = 90.0  # partial similarity for "their paragraph is part of ours"
MAX_PARTS = 4  # a split into more paragraphs than this is not looked for


def split_targets(draft: Sequence[Paragraph], original: str, ours: int, paired: set[int]) -> list[int]:
    """Our paragraph `ours`, with the unpaired neighbours that together with it hold `original`
    better than it does alone (the draft split their paragraph)."""
    best = [ours]
    best_score = fuzz.ratio(original, draft[ours].text)
    if best_score >= 95:
        return best
    for before in range(0, MAX_PARTS):
        for after in range(0, MAX_PARTS - before):
            if before == after == 0:
                continue
            span = list(range(ours - before, ours + after + 1))
            if span[0] < 0 or span[-1] >= len(draft) or any(i in paired and i != ours for i in span):
                continue
            score = fuzz.ratio(original, " ".join(draft[i].text for i in span))
            if score > best_score + 10:
                best, best_score = span, score
    return best


def merged_target(draft: Sequence[Paragraph], original: str, near: Sequence[int]) -> int | None:
    """The paragraph among `near` (ours paired with their neighbours) that contains `original`
    (the draft merged their paragraph into it), or None."""
    scored = [(fuzz.partial_ratio(original, draft[i].text), i) for i in near
              if len(draft[i].text) >= len(original) * 0.9]
    if not scored:
        return None
    score, index = max(scored)
    return index if score >= CONTAINED else None
