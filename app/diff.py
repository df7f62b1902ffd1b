"""The redline engine: original and proposed text in, readable segments out.

A chain of named passes over one data shape (a list of Segments):
tokenize -> diff_tokens (rapidfuzz) -> cleanup_phrases (merge changes split by spaces or a
short word) -> normalize (deletion before insertion).
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import Indel, Levenshtein

from app.segments import Op, Segment, normalize
from app.tokenize import Granularity, tokenize

# Indel keeps a bit matrix of len(a) x len(b); past this many cells use Levenshtein (less memory).
_INDEL_CELL_LIMIT = 40_000_000
# An unchanged stretch this short (in characters, one word at most) between two changes is
# folded into them, as a human would write "~~to consider~~ **to establish**".
SHORT_WORD = 4


def diff_text(original: str, proposed: str, granularity: Granularity = Granularity.PHRASE) -> list[Segment]:
    """Segments that turn `original` into `proposed`."""
    if original == proposed:
        return [Segment(Op.EQUAL, original)] if original else []
    prefix_len = _common_prefix(original, proposed)
    suffix_len = _common_suffix(original[prefix_len:], proposed[prefix_len:])
    # Trim whole tokens only: a cut must fall between words in both texts.
    while prefix_len > 0 and (_inside_word(original, prefix_len) or _inside_word(proposed, prefix_len)):
        prefix_len -= 1
    end_o = len(original) - suffix_len
    end_p = len(proposed) - suffix_len
    while suffix_len > 0 and (_inside_word(original, end_o) or _inside_word(proposed, end_p)):
        end_o += 1
        end_p += 1
        suffix_len -= 1
    tok_gran = Granularity.CHARACTER if granularity is Granularity.CHARACTER else Granularity.WORD
    middle = diff_tokens(
        tokenize(original[prefix_len:end_o], tok_gran), tokenize(proposed[prefix_len:end_p], tok_gran)
    )
    segments = [Segment(Op.EQUAL, original[:prefix_len]), *middle, Segment(Op.EQUAL, original[end_o:])]
    segments = normalize(segments)
    if granularity is Granularity.PHRASE:
        segments = cleanup_phrases(segments)
    return segments


def diff_tokens(a: Sequence[str], b: Sequence[str]) -> list[Segment]:
    """Token-level diff with rapidfuzz: an LCS (Indel) alignment, Levenshtein for huge inputs."""
    if not a and not b:
        return []
    if not a:
        return [Segment(Op.INSERT, "".join(b))]
    if not b:
        return [Segment(Op.DELETE, "".join(a))]
    metric = Indel if len(a) * len(b) <= _INDEL_CELL_LIMIT else Levenshtein
    out: list[Segment] = []
    for op in metric.opcodes(a, b):
        tag = op.tag
        if tag == "equal":
            out.append(Segment(Op.EQUAL, "".join(a[op.src_start : op.src_end])))
        else:
            if op.src_end > op.src_start:
                out.append(Segment(Op.DELETE, "".join(a[op.src_start : op.src_end])))
            if op.dest_end > op.dest_start:
                out.append(Segment(Op.INSERT, "".join(b[op.dest_start : op.dest_end])))
    return normalize(out)


def cleanup_phrases(segments: Sequence[Segment]) -> list[Segment]:
    """Fold short unchanged stretches between changes into them, so a change reads as one phrase.

    An equal segment sandwiched between two changes is absorbed when it is only white space and
    punctuation, or a single word of at most SHORT_WORD letters ("of", "the") with its spaces.
    The folded text is both deleted and inserted, which keeps the segment invariant.
    """
    segs = normalize(segments)
    changed = True
    while changed:
        changed = False
        out: list[Segment] = []
        i = 0
        while i < len(segs):
            seg = segs[i]
            if (
                seg.op is Op.EQUAL
                and 0 < i < len(segs) - 1
                and out
                and out[-1].op is not Op.EQUAL
                and segs[i + 1].op is not Op.EQUAL
                and _is_foldable(seg.text)
                and _has_both_sides(out, segs, i)
            ):
                out.append(Segment(Op.DELETE, seg.text))
                out.append(Segment(Op.INSERT, seg.text))
                changed = True
            else:
                out.append(seg)
            i += 1
        segs = _regroup(out)
    return segs


def _has_both_sides(out: list[Segment], segs: Sequence[Segment], i: int) -> bool:
    """Fold only between real replacements: pure insertions split by a space stay apart
    unless one side deletes something (a lone "and" between two insertions is kept)."""
    left: set[Op] = set()
    for s in reversed(out):
        if s.op is Op.EQUAL:
            break
        left.add(s.op)
    right: set[Op] = set()
    for s in segs[i + 1 :]:
        if s.op is Op.EQUAL:
            break
        right.add(s.op)
    return Op.DELETE in left | right and Op.INSERT in left | right


def _is_foldable(text: str) -> bool:
    stripped = text.strip()
    if not stripped:
        return True
    if all(not ch.isalnum() for ch in stripped) and len(stripped) <= 2:
        return True
    return stripped.isalpha() and len(stripped) <= SHORT_WORD and " " not in stripped


def _regroup(segments: list[Segment]) -> list[Segment]:
    """Join consecutive changes into one deletion followed by one insertion, with white space
    that both sides share at their edges moved out into the unchanged text."""
    return _trim_shared_space(normalize(segments))


def _trim_shared_space(segments: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    i = 0
    while i < len(segments):
        seg = segments[i]
        nxt = segments[i + 1] if i + 1 < len(segments) else None
        if seg.op is Op.DELETE and nxt is not None and nxt.op is Op.INSERT:
            d, ins = seg.text, nxt.text
            lead = _shared_space(d, ins, from_end=False)
            d, ins = d[len(lead):], ins[len(lead):]
            trail = _shared_space(d, ins, from_end=True)
            if trail:
                d, ins = d[: -len(trail)], ins[: -len(trail)]
            out += [Segment(Op.EQUAL, lead), Segment(Op.DELETE, d), Segment(Op.INSERT, ins), Segment(Op.EQUAL, trail)]
            i += 2
            continue
        out.append(seg)
        i += 1
    return normalize(out)


def _shared_space(a: str, b: str, from_end: bool) -> str:
    """The white space both strings start (or end) with, never all of either string."""
    n = 0
    limit = min(len(a), len(b)) - 1
    while n < limit:
        ca, cb = (a[-1 - n], b[-1 - n]) if from_end else (a[n], b[n])
        if ca != cb or not ca.isspace():
            break
        n += 1
    if not n:
        return ""
    return a[len(a) - n :] if from_end else a[:n]


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def _common_suffix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    i = 0
    while i < n and a[-1 - i] == b[-1 - i]:
        i += 1
    return i


def _inside_word(text: str, pos: int) -> bool:
    """Tell whether pos cuts a word of text in two."""
    return 0 < pos < len(text) and text[pos - 1].isalnum() and text[pos].isalnum()
