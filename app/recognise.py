"""Which earlier revision of the draft an input was made on, recognised from the text it was made on.

An input's original text (a tracked redline's reject-all paragraphs, an edited copy's paragraphs) is compared
paragraph by paragraph with each revision a project holds: the revision holding clearly more of those paragraphs
word for word than the current draft is the one the input was made on (its base for the three-way carry).
An input that quotes only the paragraphs it changes (a text form, a project file) is compared by its quotes: the
label and the original text (what it keeps and strikes) of each amended paragraph.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from app.attributed import IncomingParagraph
from app.model import Draft

# Clearly better: at least this many more paragraphs found word for word than in the current draft, and at least
# this share of the input's paragraphs (an input that quotes a few paragraphs is recognised on those).
MARGIN = 2
SHARE = 0.8

Quote = tuple[str, str]  # (label, original text) of a quoted paragraph


def _fold(text: str) -> str:
    return " ".join(text.split())


def found_in(lines: Sequence[str], draft: Draft) -> int:
    """How many of the (non-empty) lines are paragraphs of the draft word for word (white space aside)."""
    texts = {_fold(p.text) for p in draft.paragraphs}
    return sum(1 for line in lines if _fold(line) and _fold(line) in texts)


def quotes_found_in(quotes: Sequence[Quote], draft: Draft) -> int:
    """How many of the quotes are, word for word, the body of the draft paragraph their label names. The
    label counts: a revision that only renumbered a paragraph does not hold the quote under its old number."""
    bodies = {(p.label, _fold(p.body)) for p in draft.paragraphs if p.label}
    return sum(1 for label, text in quotes if (label, _fold(text)) in bodies)


def quotes_of(paragraphs: Sequence[IncomingParagraph]) -> list[Quote]:
    """The quotes of a text form or project read as quoted paragraphs (app.sparse): each amended paragraph's
    label and original text (equal and struck segments); new paragraphs and empty stand-ins quote nothing."""
    return [(p.label, p.original) for p in paragraphs if not p.inserted and p.label and _fold(p.original)]


def recognise(lines: Sequence[str], current: Draft, earlier: Sequence[tuple[str, Draft]]) -> tuple[str, Draft] | None:
    """The (name, revision) among `earlier` the input whose original paragraphs are `lines` was made on: the one
    holding most of them, when it holds clearly more than `current` does; None when none does (or a tie)."""
    wanted = [line for line in lines if _fold(line)]
    return _best(len(wanted), lambda d: found_in(wanted, d), current, earlier)


def recognise_quoted(quotes: Sequence[Quote], current: Draft,
                     earlier: Sequence[tuple[str, Draft]]) -> tuple[str, Draft] | None:
    """As `recognise`, for an input that quotes the paragraphs it amends (`quotes_of`)."""
    wanted = [(label, text) for label, text in quotes if _fold(text)]
    return _best(len(wanted), lambda d: quotes_found_in(wanted, d), current, earlier)


def _best(wanted: int, score: Callable[[Draft], int], current: Draft,
          earlier: Sequence[tuple[str, Draft]]) -> tuple[str, Draft] | None:
    if not wanted or not earlier:
        return None
    scores = sorted(((score(d), k) for k, (_, d) in enumerate(earlier)), reverse=True)
    best, k = scores[0]
    if len(scores) > 1 and scores[1][0] == best:
        return None  # two revisions hold it alike: not recognised
    if best < SHARE * wanted or best < score(current) + MARGIN:
        return None
    return earlier[k]
