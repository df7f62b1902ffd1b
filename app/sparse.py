"""Inputs that quote only the paragraphs they change (a text form, a project file) when the revision they
were made on is not known: placed on the draft by label and text together, never by label alone.

A quoted paragraph goes to the paragraph its label names when that one is nearly the same text; otherwise
to the paragraph its label became as the surely placed paragraphs around it were renumbered (66 -> 67),
unless another paragraph is clearly more alike (a paragraph the new revision moved); a new paragraph
("83 bis") goes after the paragraph its label follows, renumbered the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from app.align import MATCH_CUTOFF, SAME_LABEL_CUTOFF
from app.amendments import Amendment, Kind
from app.attributed import Change, IncomingParagraph
from app.diff import diff_text
from app.labels import base_label, is_label, label_key, paragraph_number
from app.landing import CONTAINED
from app.model import Draft
from app.model import Kind as ParagraphKind
from app.planning import active
from app.segments import Op, Segment, is_unchanged, proposed_text
from app.textform import parse_text_form

SURE = 90.0  # this alike (0-100) to the paragraph its label names: placed there without looking further
CLEARLY_MORE = 10.0  # another paragraph this much more alike than the renumbered label's wins
MIN_CONTAINED = 60  # a quote this long (characters) found whole in one paragraph only is that paragraph


@dataclass
class Quoted:
    """What a text form or project says, before it is placed: its paragraphs and the problems found."""

    paragraphs: list[IncomingParagraph]
    problems: list[tuple[str, str]]  # (label, what is wrong)


def quoted_text_form(text: str, author: str) -> Quoted:
    """A text form as quoted paragraphs: each labelled paragraph with its changes credited to `author`;
    a new paragraph ("83 bis", nothing struck) after an empty stand-in for the paragraph it follows."""
    parsed, diagnostics = parse_text_form(text)
    out: list[IncomingParagraph] = []
    problems = [(d.label, str(d)) for d in diagnostics]
    seen: set[str] = set()
    sets: dict[int, list[tuple[str, str]]] = {}  # either/or set -> (option, label) of its members
    for para in parsed:
        if para.either is not None and para.label not in seen:
            sets.setdefault(para.either, []).append((para.option or "A", para.label))
    for para in parsed:
        if para.label in seen:
            problems.append((para.label, f"line {para.line}: para {para.label}: option {para.option or '?'} is "
                                         "another option of a paragraph already given; a merge takes the first"))
            continue
        seen.add(para.label)
        new = is_label(para.label) and label_key(para.label).suffix_rank > 0  # not "66 fn1", a note's address
        if new and all(s.op is not Op.DELETE for s in para.segments) and (
                is_unchanged(para.segments) or all(s.op is Op.INSERT for s in para.segments)):
            body = proposed_text(para.segments).strip()
            out += _new_after(base_label(para.label), "", f"{para.label}.\t{body}", author, para.rationale)
        else:
            unmarked = is_unchanged(para.segments)  # the new wording in full: kept for _fill_unmarked
            changes = [Change(s.op, s.text, author if unmarked or s.op is not Op.EQUAL else "")
                       for s in para.segments]
            out.append(_quoted(para.label, changes, para.rationale))
        out[-1].option = _option_in_words(para.option or "A", para.label, sets.get(para.either or -1, []))
    return Quoted(out, problems)


def _option_in_words(option: str, label: str, members: list[tuple[str, str]]) -> str:
    """A paragraph's place in its either/or set: "Option A; or Option B: para 84" ("" when in none)."""
    others = [(name, other) for name, other in members if other != label]
    if not others:
        return ""
    return f"Option {option}; or " + "; ".join(f"Option {name}: para {other}" for name, other in others)


def quoted_amendments(amendments: Sequence[Amendment], author: str) -> Quoted:
    """A project's amendments as quoted paragraphs (the text each was made on is kept in the project)."""
    out: list[IncomingParagraph] = []
    for a in active(list(amendments)):
        who = a.attribution or author or "Redline Desk"
        if a.kind is Kind.INSERT:
            out += _new_after(a.target, a.anchor_text, f"{a.label}.\t{a.option.proposed.strip()}", who, a.rationale)
            continue
        segments = a.option.segments if a.kind is Kind.MODIFY else [Segment(Op.DELETE, a.anchor_text)]
        para = _quoted(a.target, [Change(s.op, s.text, who if s.op is not Op.EQUAL else "") for s in segments],
                       a.rationale)
        para.deleted = a.kind is Kind.DELETE
        out.append(para)
    return Quoted(out, [])


def _quoted(label: str, changes: list[Change], rationale: str) -> IncomingParagraph:
    return IncomingParagraph(-1, changes, rationale=rationale, label=label, kind=ParagraphKind.PARAGRAPH, labelled=True)


def _new_after(after: str, after_text: str, text: str, author: str, rationale: str) -> list[IncomingParagraph]:
    stand_in = _quoted(after, [Change(Op.EQUAL, after_text)], "")
    new = IncomingParagraph(-1, [Change(Op.INSERT, text, author)], inserted=True, mark_inserted=True,
                            rationale=rationale)
    return [stand_in, new]


def place(draft: Draft, paragraphs: list[IncomingParagraph]) -> dict[int, int]:
    """Their kept (not inserted) paragraph index -> ours, by label and text; an unmarked quote (the new
    wording in full) gets its changes from our paragraph once placed."""
    kept = [p for p in paragraphs if not p.inserted]
    bodies = [" ".join(p.body.split()) for p in draft.paragraphs]
    quotes = [" ".join(p.original.split()) for p in kept]
    placed: dict[int, int] = {}
    for k, para in enumerate(kept):  # first the sure ones: the label's paragraph, or the very text
        own = _own(draft, para.label)
        if quotes[k] and own is not None and fuzz.ratio(quotes[k], bodies[own]) >= SURE:
            placed[k] = own
        elif quotes[k]:
            best = process.extractOne(quotes[k], bodies, scorer=fuzz.ratio, score_cutoff=SURE)
            if best is not None:
                placed[k] = best[2]
    sure = [(n, draft.paragraphs[j].label, k) for k, j in placed.items()
            if (n := _number(kept[k].label)) is not None and _number(draft.paragraphs[j].label) is not None]
    for k, para in enumerate(kept):
        if k in placed:
            continue
        found = _renumbered(draft, para.label, sure, kept)
        if not quotes[k]:  # a stand-in for the paragraph a new one follows: its label is all there is
            if found is not None:
                placed[k] = found
            continue
        chosen = _most_likely(quotes[k], bodies, found, _own(draft, para.label))
        if chosen is not None:
            placed[k] = chosen
    for k, j in placed.items():
        _fill_unmarked(kept[k], draft.paragraphs[j].body)
    return placed


def _most_likely(quote: str, bodies: list[str], renumbered: int | None, own: int | None) -> int | None:
    best = process.extractOne(quote, bodies, scorer=fuzz.ratio)
    best_score = best[1] if best is not None else 0.0
    expected = fuzz.ratio(quote, bodies[renumbered]) if renumbered is not None else 0.0
    if best is not None and best_score >= MATCH_CUTOFF and best_score > expected + CLEARLY_MORE:
        return int(best[2])
    if renumbered is not None and expected >= SAME_LABEL_CUTOFF:
        return renumbered
    if own is not None and fuzz.ratio(quote, bodies[own]) >= MATCH_CUTOFF:
        return own
    if best is not None and best_score >= MATCH_CUTOFF:
        return int(best[2])
    if len(quote) >= MIN_CONTAINED:  # a paragraph the new revision extended: the quote is part of it
        longer = {j: b for j, b in enumerate(bodies) if len(b) >= len(quote)}
        within = process.extract(quote, longer, scorer=fuzz.partial_ratio, score_cutoff=CONTAINED, limit=2)
        if len(within) == 1:
            return int(within[0][2])
    return None


def _renumbered(draft: Draft, label: str | None, sure: list[tuple[int, str | None, int]],
                kept: list[IncomingParagraph]) -> int | None:
    """Our paragraph that `label` became, numbered as the nearest surely placed paragraph moved."""
    n = _number(label)
    if label is None or n is None:
        return None
    shift = 0
    if sure:
        old_n, new_label, _k = min(sure, key=lambda s: (abs(s[0] - n), s[0] < n))
        new_n = _number(new_label)
        shift = 0 if new_n is None else new_n - old_n
    wanted = f"{n + shift}{label[len(str(n)):]}"
    return _own(draft, wanted)


def _own(draft: Draft, label: str | None) -> int | None:
    return draft.by_label(label).index if label and draft.has_label(label) else None


def _number(label: str | None) -> int | None:
    return None if label is None else paragraph_number(label)


def _fill_unmarked(para: IncomingParagraph, body: str) -> None:
    """A quote with nothing marked is the new wording in full: its changes are its differences from `body`."""
    if para.changed or not para.original.strip():
        return
    author = next((c.author for c in para.changes if c.author), "")
    segments = diff_text(body, para.original)
    para.changes = [Change(s.op, s.text, author if s.op is not Op.EQUAL else "") for s in segments]


__all__ = ["Quoted", "place", "quoted_amendments", "quoted_text_form"]
