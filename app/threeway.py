"""Three-way carry: the changes made on a base paragraph, carried onto the current paragraph.

A change is applied where the current text still has the base's words under it and the word on each
side; where the current text already says what the change proposes there it is "already in the draft";
where the current text changed those words it is "overtaken by the new revision" (with both texts).
Texts are compared word by word, so a revision elsewhere in the paragraph does not disturb a change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from app.segments import Op, Segment, original_text

APPLIED = "applied"
ALREADY = "already in the draft"
OVERTAKEN = "overtaken by the new revision"

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_START, _END = "\x00start", "\x00end"  # sentinels: the paragraph's ends are context too
_SHOWN = 160  # characters of base and current text quoted in a reason


@dataclass(frozen=True)
class Carried:
    """One change's fate: where it applies on the current text, or why not."""

    status: str
    start: int  # applied: the struck span [start, end) of the current text, `text` inserted at end
    end: int
    text: str
    base: str  # the base's words under and around the change
    current: str  # the current text's words at that place
    change: str  # the change as made, in the text form ("~~struck~~ **inserted**")


def carry(segments: Sequence[Segment], current: str) -> list[Carried]:
    """Each change of `segments` (made on original_text(segments)) carried onto `current`."""
    base = original_text(segments)
    b_words, b_spans = _tokens(base)
    c_words, c_spans = _tokens(current)
    mapped: dict[int, int] = {}
    for op in Indel.opcodes(b_words, c_words):
        if op.tag == "equal":
            mapped.update((op.src_start + k, op.dest_start + k) for k in range(op.src_end - op.src_start))
    out: list[Carried] = []
    for start, end, text in changes_of(segments):
        lead, tail = common_words(base[start:end], text)
        start, end, text = start + lead, end - tail, text[lead:len(text) - tail]
        out.append(_one(base, current, b_spans, c_spans, mapped, start, end, text))
    return out


def _one(base: str, current: str, b_spans: list[tuple[int, int]], c_spans: list[tuple[int, int]],
         mapped: dict[int, int], start: int, end: int, text: str) -> Carried:
    change = " ".join(p for p in (f"~~{base[start:end]}~~" if end > start else "",
                                  f"**{text}**" if text else "") if p)
    left, right = _context(base, b_spans, start, end)
    span = range(left, right + 1)
    if all(k in mapped and mapped[k] == mapped[left] + (k - left) for k in span):
        shift = c_spans[mapped[left]][0] - b_spans[left][0]
        return Carried(APPLIED, start + shift, end + shift, text, "", "", change)
    anchor_l = max(k for k in range(left + 1) if k in mapped)
    anchor_r = min(k for k in range(right, len(b_spans)) if k in mapped)
    window = current[c_spans[mapped[anchor_l]][0]:c_spans[mapped[anchor_r]][1]]
    was = base[b_spans[left][0]:b_spans[right][1]]
    proposed = base[b_spans[left][0]:start] + text + base[end:b_spans[right][1]]
    status = ALREADY if _fold(proposed) and _fold(proposed) in _fold(window) else OVERTAKEN
    return Carried(status, 0, 0, text, _clip(was), _clip(window), change)


def _context(base: str, spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """Token indices of the word before the change and the word after it (sentinels at the ends);
    a change inside a word takes that whole word as its own."""
    left = max(k for k, (a, _b) in enumerate(spans) if a < start or k == 0)
    if spans[left][1] > start and left > 0:  # the change starts inside this word: it is under the change
        left -= 1
    while left > 0 and base[spans[left][0]:spans[left][1]].isspace():
        left -= 1
    right = min(k for k, (_a, b) in enumerate(spans) if b > end or k == len(spans) - 1)
    if spans[right][0] < end and right < len(spans) - 1:
        right += 1
    while right < len(spans) - 1 and base[spans[right][0]:spans[right][1]].isspace():
        right += 1
    return left, right


def _tokens(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Words, spaces and marks of text with their spans, between the two sentinels."""
    found = [(m.group(), m.span()) for m in _TOKEN.finditer(text)]
    words = [_START] + [w for w, _ in found] + [_END]
    spans = [(0, 0)] + [s for _, s in found] + [(len(text), len(text))]
    return words, spans


def _fold(text: str) -> str:
    return " ".join(text.split())


def _clip(text: str) -> str:
    text = _fold(text)
    return text if len(text) <= _SHOWN else text[:_SHOWN - 1] + "…"


def changes_of(segs: Sequence[Segment]) -> list[tuple[int, int, str]]:
    """(start, end, inserted text) of each change, offsets in the segments' original text.

    A run of strikes and insertions with nothing kept between them is one change, whatever their order
    ("~~e~~**de**", or "**de**~~e~~" as LibreOffice may write it): one proposal, not a deletion and a rival."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    i = 0
    while i < len(segs):
        if segs[i].op is Op.EQUAL:
            pos += len(segs[i].text)
            i += 1
            continue
        start, text = pos, ""
        while i < len(segs) and segs[i].op is not Op.EQUAL:
            if segs[i].op is Op.DELETE:
                pos += len(segs[i].text)
            else:
                text += segs[i].text
            i += 1
        out.append((start, pos, text))
    return out


def common_words(struck: str, inserted: str) -> tuple[int, int]:
    """Lengths of the whole words a replacement keeps at its start and end ("We reaffirm the
    description" -> "We reaffirm the working definition" changes only the last word)."""
    if not struck or not inserted:
        return 0, 0
    lead = 0
    for i, (a, b) in enumerate(zip(struck, inserted, strict=False)):
        if a != b:
            break
        if a.isspace():
            lead = i + 1
    rest_s, rest_i = struck[lead:], inserted[lead:]
    tail = 0
    for i, (a, b) in enumerate(zip(reversed(rest_s), reversed(rest_i), strict=False)):
        if a != b:
            break
        if a.isspace():
            tail = i + 1
    return lead, tail
