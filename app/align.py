"""Paragraph alignment between two texts (revisions of a draft), by text and by label.

Two passes: paragraphs whose text is the same (typed numbers aside) are matched with one
sequence diff over the whole document; within the stretches left over, paragraphs are
paired by rapidfuzz similarity, in order, so a renumbered or lightly edited paragraph is
still "the same paragraph" and not a deletion plus an insertion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from app.model import Paragraph

# Least similarity (0-100) for two different paragraphs to count as one paragraph revised.
MATCH_CUTOFF = 55.0
# Same label makes a weaker text match acceptable.
SAME_LABEL_CUTOFF = 40.0
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
    return " ".join(para.body.split())


def align(old: Sequence[Paragraph], new: Sequence[Paragraph]) -> list[Pair]:
    """Monotone alignment of old and new paragraphs, covering every paragraph once."""
    old_keys = [key(p) for p in old]
    new_keys = [key(p) for p in new]
    pairs: list[Pair] = []
    for op in Indel.opcodes(old_keys, new_keys):
        if op.tag == "equal":
            pairs += [Pair(op.src_start + k, op.dest_start + k) for k in range(op.src_end - op.src_start)]
        else:
            pairs += _fuzzy(old, new, old_keys, new_keys, op.src_start, op.src_end, op.dest_start, op.dest_end)
    return pairs


def _fuzzy(
    old: Sequence[Paragraph], new: Sequence[Paragraph], ok: list[str], nk: list[str],
    i1: int, i2: int, j1: int, j2: int,
) -> list[Pair]:
    if i1 == i2:
        return [Pair(None, j) for j in range(j1, j2)]
    if j1 == j2:
        return [Pair(i, None) for i in range(i1, i2)]
    scorer = _Scorer(old, new, ok, nk)
    if (i2 - i1) * (j2 - j1) <= _DP_CELL_LIMIT:
        matches = _best_matches(scorer, i1, i2, j1, j2)
    else:
        matches = _greedy_matches(scorer, i1, i2, j1, j2)
    return _interleave(matches, i1, i2, j1, j2)


class _Scorer:
    def __init__(self, old: Sequence[Paragraph], new: Sequence[Paragraph], ok: list[str], nk: list[str]) -> None:
        self.old, self.new, self.ok, self.nk = old, new, ok, nk

    def gain(self, i: int, j: int) -> float:
        """How much matching old i with new j is worth (<= 0: not a match)."""
        a, b = self.ok[i], self.nk[j]
        same_label = self.old[i].label is not None and self.old[i].label == self.new[j].label
        cutoff = SAME_LABEL_CUTOFF if same_label else MATCH_CUTOFF
        # Length ratio bounds the similarity; skip hopeless pairs cheaply.
        la, lb = len(a), len(b)
        if la and lb and 200.0 * min(la, lb) / (la + lb) < cutoff:
            return 0.0
        score = fuzz.ratio(a, b, score_cutoff=cutoff)
        if self.old[i].kind != self.new[j].kind and score < 90:
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
