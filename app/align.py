"""Paragraph alignment between two texts (revisions of a draft), by text and by label.

Two passes: paragraphs whose text is the same (typed numbers aside) are matched with one
sequence diff over the whole document; within the stretches left over, paragraphs are
paired by rapidfuzz similarity, in order, so a renumbered or lightly edited paragraph is
still "the same paragraph" and not a deletion plus an insertion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from app.labels import paragraph_number
from app.model import Paragraph

# Least similarity (0-100) for two different paragraphs to count as one paragraph revised.
MATCH_CUTOFF = 55.0
# The expected label (the same, or moved as the neighbours' labels moved) makes a weaker text match acceptable.
SAME_LABEL_CUTOFF = 40.0
# Least share (0-100) of words two paragraphs must keep in common, in order, to be one paragraph revised: two
# unrelated paragraphs of a language are often 40-55 % alike by characters, but share only a few words ("We",
# "the"), and a redline keeping only those would read as noise. Below it they are a deletion and an insertion.
WORD_FLOOR = 30.0
# Stretches larger than this many cells are matched greedily instead of optimally.
_DP_CELL_LIMIT = 250_000


@dataclass(frozen=True)
class Pair:
    """An aligned pair: old index, new index (either may be None), and their similarity."""

    old: int | None
    new: int | None
    score: float = 100.0


def key(para: Paragraph) -> str:
    """What identifies a paragraph's content: its body with white space folded."""
    return _folded(para.body)


@lru_cache(maxsize=1 << 14)
def _folded(text: str) -> str:
    # A merge aligns many redlines with one draft, and most of their paragraphs read as the draft's:
    # remembering the keys halves the cost of making them.
    return " ".join(text.split())


@lru_cache(maxsize=1 << 14)
def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def align(old: Sequence[Paragraph], new: Sequence[Paragraph]) -> list[Pair]:
    """Monotone alignment of old and new paragraphs, covering every paragraph once."""
    old_keys = [key(p) for p in old]
    new_keys = [key(p) for p in new]
    pairs: list[Pair] = []
    i = j = 0  # start of the stretch not yet aligned
    for op in Indel.opcodes(old_keys, new_keys):
        if op.tag != "equal":
            continue  # deletions and insertions next to each other form one stretch
        shifts = _shifts(old, new, [(i - 1, j - 1), (op.src_start, op.dest_start)])
        pairs += _fuzzy(old, new, old_keys, new_keys, i, op.src_start, j, op.dest_start, shifts)
        pairs += [Pair(op.src_start + k, op.dest_start + k) for k in range(op.src_end - op.src_start)]
        i, j = op.src_end, op.dest_end
    shifts = _shifts(old, new, [(i - 1, j - 1)])
    pairs += _fuzzy(old, new, old_keys, new_keys, i, len(old), j, len(new), shifts)
    return pairs


def _shifts(old: Sequence[Paragraph], new: Sequence[Paragraph], around: list[tuple[int, int]]) -> set[int]:
    """How far the numbering moved at the matched paragraphs around a stretch (66 -> 67: +1)."""
    out: set[int] = set()
    for i, j in around:
        if 0 <= i < len(old) and 0 <= j < len(new):
            a, b = _number(old[i]), _number(new[j])
            if a is not None and b is not None:
                out.add(b - a)
    return out


def _number(para: Paragraph) -> int | None:
    return None if para.label is None else _label_number(para.label)


@lru_cache(maxsize=1 << 14)
def _label_number(label: str) -> int | None:
    return paragraph_number(label)  # "66", "83 bis" shift with renumbering; "29.1", "PP3", "annex, 3" do not


def _fuzzy(
    old: Sequence[Paragraph], new: Sequence[Paragraph], ok: list[str], nk: list[str],
    i1: int, i2: int, j1: int, j2: int, shifts: set[int],
) -> list[Pair]:
    if i1 == i2 and j1 == j2:
        return []
    if i1 == i2:
        return [Pair(None, j) for j in range(j1, j2)]
    if j1 == j2:
        return [Pair(i, None) for i in range(i1, i2)]
    scorer = _Scorer(old, new, ok, nk, shifts)
    if (i2 - i1) * (j2 - j1) <= _DP_CELL_LIMIT:
        matches = _best_matches(scorer, i1, i2, j1, j2)
    else:
        matches = _greedy_matches(scorer, i1, i2, j1, j2)
    return _interleave(matches, i1, i2, j1, j2)


class _Scorer:
    def __init__(
        self, old: Sequence[Paragraph], new: Sequence[Paragraph], ok: list[str], nk: list[str], shifts: set[int]
    ) -> None:
        self.old, self.new, self.ok, self.nk, self.shifts = old, new, ok, nk, shifts | {0}

    def expected_label(self, i: int, j: int) -> bool:
        """The new paragraph carries the old one's label, or that label moved as its neighbours' did."""
        a, b = self.old[i], self.new[j]
        if a.label is not None and a.label == b.label:
            return True
        na, nb = _number(a), _number(b)
        if na is None or nb is None or a.label is None or b.label is None:
            return False
        same_rest = a.label[len(str(na)):] == b.label[len(str(nb)):]
        return same_rest and (nb - na) in self.shifts

    def gain(self, i: int, j: int) -> float:
        """How much matching old i with new j is worth (<= 0: not a match)."""
        a, b = self.ok[i], self.nk[j]
        cutoff = SAME_LABEL_CUTOFF if self.expected_label(i, j) else MATCH_CUTOFF
        # Length ratio bounds the similarity; skip hopeless pairs cheaply.
        la, lb = len(a), len(b)
        if la and lb and 200.0 * min(la, lb) / (la + lb) < cutoff:
            return 0.0
        score = fuzz.ratio(a, b, score_cutoff=cutoff)
        if self.old[i].kind != self.new[j].kind and score < 90:
            return 0.0
        if score and score < 90 and Indel.normalized_similarity(_words(a), _words(b)) * 100 < WORD_FLOOR:
            return 0.0
        return score - cutoff + 1.0 if score else 0.0


def _best_matches(s: _Scorer, i1: int, i2: int, j1: int, j2: int) -> list[tuple[int, int, float]]:
    """Monotone matching with the largest total gain (dynamic programming)."""
    n, m = i2 - i1, j2 - j1
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    gains: dict[tuple[int, int], float] = {}
    for a in range(n - 1, -1, -1):
        row, below = best[a], best[a + 1]
        for b in range(m - 1, -1, -1):
            g = s.gain(i1 + a, j1 + b)
            if g > 0:
                gains[(a, b)] = g
            take = below[b + 1] + g if g > 0 else 0.0
            row[b] = max(below[b], row[b + 1], take)
    out: list[tuple[int, int, float]] = []
    a = b = 0
    while a < n and b < m:
        g = gains.get((a, b), 0.0)
        if g > 0 and best[a][b] == best[a + 1][b + 1] + g:
            out.append((i1 + a, j1 + b, g))
            a += 1
            b += 1
        elif best[a][b] == best[a + 1][b]:
            a += 1
        else:
            b += 1
    return out


def _greedy_matches(s: _Scorer, i1: int, i2: int, j1: int, j2: int) -> list[tuple[int, int, float]]:
    """In-order matching for very large stretches: each old paragraph takes the best new one
    within a window after the last match."""
    out: list[tuple[int, int, float]] = []
    j = j1
    for i in range(i1, i2):
        window = range(j, min(j2, j + 50))
        scored = [(s.gain(i, jj), jj) for jj in window]
        g, jj = max(scored, default=(0.0, -1))
        if g > 0:
            out.append((i, jj, g))
            j = jj + 1
    return out


def _interleave(matches: list[tuple[int, int, float]], i1: int, i2: int, j1: int, j2: int) -> list[Pair]:
    pairs: list[Pair] = []
    i, j = i1, j1
    for mi, mj, g in matches:
        pairs += [Pair(k, None) for k in range(i, mi)]
        pairs += [Pair(None, k) for k in range(j, mj)]
        pairs.append(Pair(mi, mj, g))
        i, j = mi + 1, mj + 1
    pairs += [Pair(k, None) for k in range(i, i2)]
    pairs += [Pair(None, k) for k in range(j, j2)]
    return pairs


def paragraph_map(old: Sequence[Paragraph], new: Sequence[Paragraph]) -> dict[int, int]:
    """Old index -> new index for every old paragraph that is in the new text: the alignment, then the
    paragraphs it left over paired across it (a paragraph the new revision moved, e.g. Rev 2's 89 to 91)."""
    out = {p.old: p.new for p in align(old, new) if p.old is not None and p.new is not None}
    out.update(moved(old, new, [i for i in range(len(old)) if i not in out], set(out.values())))
    return out


def moved(old: Sequence[Paragraph], new: Sequence[Paragraph], unpaired: Sequence[int],
          taken: set[int]) -> dict[int, int]:
    """The `unpaired` old paragraphs paired with new paragraphs not `taken`, most alike first, when at
    least MATCH_CUTOFF alike (order aside: the paragraph was moved)."""
    free = [j for j in range(len(new)) if j not in taken and key(new[j])]
    scored: list[tuple[float, int, int]] = []
    for i in unpaired:
        if not key(old[i]):
            continue
        for j in free:
            if old[i].kind != new[j].kind:
                continue
            score = fuzz.ratio(key(old[i]), key(new[j]), score_cutoff=MATCH_CUTOFF)
            if score:
                scored.append((score, i, j))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _score, i, j in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out
