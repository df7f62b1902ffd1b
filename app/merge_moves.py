"""Incoming moves in a merge: the proposals that are the two halves of one author's move are named as one
move (Proposal.move), written as w:moveFrom / w:moveTo and reported with kind "move", from and to.

A move whose halves did not both become proposals of the same text (another author's edits, text the
draft no longer has, a whole moved paragraph) is reported as a move that is kept as its parts, with why.
In the full form a move's half that loses a collision (written as a comment) takes its other half out
of the tracked text, so that accepting or rejecting by author never leaves the passage twice or nowhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.attributed import IncomingParagraph
from app.model import Draft
from app.proposals import Proposal, ProposalKind
from app.segments import Op

MOVE = "move"


def halves_of(paragraphs: Iterable[IncomingParagraph]) -> dict[str, dict[Op, tuple[str, str, str]]]:
    """Move name -> op -> (author, text, the paragraph's original text start) of an incoming file's moves."""
    out: dict[str, dict[Op, tuple[str, str, str]]] = {}
    for para in paragraphs:
        for c in para.changes:
            if c.move and c.op is not Op.EQUAL and not c.struck_by:
                author, text, where = out.setdefault(c.move, {}).get(c.op, (c.author, "", para.original[:40]))
                out[c.move][c.op] = (author, text + c.text, where)
    return out


def name_moves(draft: Draft, source: str, paragraphs: list[IncomingParagraph],
               proposals: list[Proposal]) -> list[tuple[str, str, str]]:
    """Name the proposals of `source` that are its moves' halves (Proposal.move), in place; returns the moves
    that could not be kept whole: (author, their text, why)."""
    fallbacks: list[tuple[str, str, str]] = []
    mine = [p for p in proposals if p.kind is ProposalKind.MODIFY and any(c.source == source for c in p.credits)]
    for name, halves in sorted(halves_of(paragraphs).items()):
        gone, came = halves.get(Op.DELETE), halves.get(Op.INSERT)
        if gone is None or came is None:
            fallbacks.append(((gone or came or ("", "", ""))[0], (gone or came or ("", "", ""))[1],
                              "only one half of the move is in the file"))
            continue
        author, text = gone[0], gone[1]
        if came[0] != author or came[1] != text:
            fallbacks.append((author, text, "its halves differ (author or text)"))
            continue
        struck = [p for p in mine if author in p.authors and not p.text and p.end > p.start
                  and draft.paragraphs[p.paragraph].text[p.start:p.end] == text and not p.move]
        put = [p for p in mine if author in p.authors and p.start == p.end and p.text == text and not p.move]
        if len(struck) != 1 or len(put) != 1:
            fallbacks.append((author, text, "the draft does not take it as one struck passage and one insertion "
                                            "of the same text (changed since, or edited by another author)"))
            continue
        full = f"{source}#{name}"  # names are per file: two files may both have "move1"
        struck[0].move = put[0].move = full
    return fallbacks


def other_half(p: Proposal, proposals: Iterable[Proposal]) -> Proposal | None:
    """The other half of p's move, if any."""
    if not p.move:
        return None
    return next((q for q in proposals if q is not p and q.move == p.move), None)
