"""Which earlier revision of the draft an input was made on, recognised from the text it was made on.

An input's original text (a tracked redline's reject-all paragraphs, an edited copy's paragraphs) is compared
paragraph by paragraph with each revision a project holds: the revision holding clearly more of those paragraphs
word for word than the current draft is the one the input was made on (its base for the three-way carry).
"""

from __future__ import annotations

from collections.abc import Sequence

from app.model import Draft

# Clearly better: at least this many more paragraphs found word for word than in the current draft, and at least
# this share of the input's paragraphs (an input that quotes a few paragraphs is recognised on those).
MARGIN = 2
SHARE = 0.8


def _fold(text: str) -> str:
    return " ".join(text.split())


def found_in(lines: Sequence[str], draft: Draft) -> int:
    """How many of the (non-empty) lines are paragraphs of the draft word for word (white space aside)."""
    texts = {_fold(p.text) for p in draft.paragraphs}
    return sum(1 for line in lines if _fold(line) and _fold(line) in texts)


def recognise(lines: Sequence[str], current: Draft, earlier: Sequence[tuple[str, Draft]]) -> tuple[str, Draft] | None:
    """The (name, revision) among `earlier` the input whose original paragraphs are `lines` was made on: the one
    holding most of them, when it holds clearly more than `current` does; None when none does (or a tie)."""
    wanted = [line for line in lines if _fold(line)]
    if not wanted or not earlier:
        return None
    scores = sorted(((found_in(wanted, d), k) for k, (_, d) in enumerate(earlier)), reverse=True)
    best, k = scores[0]
    if len(scores) > 1 and scores[1][0] == best:
        return None  # two revisions hold it alike: not recognised
    if best < SHARE * len(wanted) or best < found_in(wanted, current) + MARGIN:
        return None
    return earlier[k]
