"""The compilation views of a merge, as lines of styled runs for a UN document writer.

`compiled_text`: the draft as UN bracketed text. Each passage that proposals touch is written in
square brackets: the draft's wording first, then each proposed wording (bold) with its authors
(italic), alternatives joined by " / ", and the authors who would delete it:

    We [urge / call on – G77, EU / encourage – US] all States …
    We urge all States [to act without delay – EU delete].
    We [strongly – CARICOM] urge …                       (a pure insertion)

New paragraphs carry their bis/ter number; untouched numbered paragraphs may end "[Agreed ad ref]".

Accepted proposals are agreed text: written plainly, without brackets. Rejected ones are left out.

`comparison_rows`: two columns, the current text and, for each author, the paragraph as that author
would have it (static markup: struck text struck through, new text bold) with the rationale.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from app.comment_placing import PlacedComment, heading
from app.labels import split_typed_label
from app.model import Draft, Formatting, Kind, Paragraph, Run
from app.planning import insertion_place
from app.proposals import Decision, Proposal, ProposalKind

AGREED = "[Agreed ad ref]"
WORDING = Formatting(bold=True)
CREDIT = Formatting(italic=True)
STRUCK = Formatting(strike=True)
KEPT = frozenset({Decision.PENDING, Decision.ACCEPTED})


@dataclass
class Line:
    """One paragraph of an output: its block kind (paragraph, subparagraph, heading, text), its number exactly
    as the draft prints it ("66.", "(a)", "IV.", "1.1"; typed or Word's automatic number), its runs."""

    kind: str
    number: str | None
    runs: list[Run]


@dataclass
class Row:
    """One row of the comparison table: the current paragraph and the proposals on it."""

    label: str
    current: list[Line]
    proposals: list[Line] = field(default_factory=list)
    new: bool = False  # a paragraph proposed by someone (no current text)


@dataclass
class _Passage:
    start: int
    end: int
    proposals: list[Proposal]


def compiled_text(draft: Draft, proposals: list[Proposal], *, agreed_ad_ref: bool = False,
                  comments: Sequence[PlacedComment] = ()) -> list[Line]:
    """The draft with every kept proposal in brackets (see the module docstring); each incoming comment follows
    its paragraph (or the new paragraph it is in) as "G77 comment: …"."""
    kept = [p for p in proposals if p.decision in KEPT]
    changes, inserts = _by_paragraph(draft, kept)
    lines: list[Line] = []
    for para in draft.paragraphs:
        kind, number, body_start = _shape(para)
        mine = changes.get(para.index, [])
        runs = _bracketed(para.text, body_start, mine)
        if not mine and agreed_ad_ref and para.kind in (Kind.PARAGRAPH, Kind.SUBPARAGRAPH):
            runs.append(Run(" " + AGREED))
        lines.append(Line(kind, number, runs))
        lines += _comment_lines([c for c in comments if c.paragraph == para.index and c.new is None])
        for p in inserts.get(para.index, []):
            new_kind, new_number, start = _new_shape(p)
            lines.append(Line(new_kind, new_number, [
                Run("["), Run(p.text[start:].strip(), WORDING), Run(" – " + _names(_who(p)), CREDIT), Run("]"),
            ]))
            lines += _comment_lines([c for c in comments if c.new is p])
    return lines


def comparison_rows(draft: Draft, proposals: list[Proposal], comments: Sequence[PlacedComment] = ()) -> list[Row]:
    """Every paragraph of the draft with, per author, that author's version and rationale, then the comments."""
    kept = [p for p in proposals if p.decision in KEPT]
    changes, inserts = _by_paragraph(draft, kept)
    rows: list[Row] = []
    for para in draft.paragraphs:
        kind, number, body_start = _shape(para)
        row = Row(para.display_label, [Line(kind, number, [Run(para.text[body_start:])])])
        for author in _authors_in(changes.get(para.index, [])):
            theirs = [p for p in changes[para.index] if author in p.authors]
            who = next((w for p in theirs for w in _who(p) if w.startswith(author + " (")), author)
            row.proposals.append(Line("text", None, [Run(who + ": ", CREDIT),
                                                     *_version(para.text, body_start, theirs)]))
            row.proposals += _rationale(author, theirs)
        row.proposals += _comment_lines([c for c in comments if c.paragraph == para.index and c.new is None])
        rows.append(row)
        for p in inserts.get(para.index, []):
            _, new_number, start = _new_shape(p)
            shown = p.label or (new_number or "").rstrip(".") or f"after {para.display_label}"
            new = Row(shown, [Line("text", None, [Run("(new paragraph)", CREDIT)])], new=True)
            new.proposals.append(Line("text", None, [Run(_names(_who(p)) + ": ", CREDIT),
                                                     Run(p.text[start:].strip(), WORDING)]))
            for author in p.authors:
                new.proposals += _rationale(author, [p])
            new.proposals += _comment_lines([c for c in comments if c.new is p])
            rows.append(new)
    return rows


def _by_paragraph(
    draft: Draft, proposals: list[Proposal]
) -> tuple[dict[int, list[Proposal]], dict[int, list[Proposal]]]:
    """Changes by the paragraph they change; new paragraphs by the one they are written after."""
    changes: dict[int, list[Proposal]] = {}
    inserts: dict[int, list[Proposal]] = {}
    for p in proposals:
        if p.kind is ProposalKind.INSERT:
            place, _ = insertion_place(draft, draft.paragraphs[p.paragraph], p.text)
            inserts.setdefault(place.index, []).append(p)
        else:
            changes.setdefault(p.paragraph, []).append(p)
    for items in inserts.values():
        items.sort(key=lambda p: p.order)
    return changes, inserts


def _shape(para: Paragraph) -> tuple[str, str | None, int]:
    """Block kind, the number as the draft prints it, and where the body starts."""
    # A typed number is the text before the body ("66.\t"); Word's automatic number is not in the
    # text (body_start 0) but the reader gives it as printed (`number_text`): either way it is printed.
    number = para.prefix.strip() or (para.number_text or "").strip() or None
    if para.kind is Kind.HEADING and number is None:
        head, tab, _ = para.text.partition("\t")
        if tab and len(head.strip()) <= 6:
            return "heading", head.strip(), len(head) + 1
    kinds = {Kind.PARAGRAPH: "paragraph", Kind.SUBPARAGRAPH: "subparagraph", Kind.HEADING: "heading"}
    return kinds.get(para.kind, "text"), number, para.body_start


def _new_shape(p: Proposal) -> tuple[str, str | None, int]:
    """A new paragraph's kind, printed number ("83 bis.") and where its body starts in `p.text`."""
    typed, start = split_typed_label(p.text)
    label = p.label or typed
    if label is None:
        return "text", None, start
    printed = p.text[:start].strip() if typed == label and start else label + "."
    return "paragraph", printed if printed.endswith(".") else printed + ".", start


def _span(p: Proposal, text: str, body_start: int) -> tuple[int, int]:
    """The proposal's span, kept off the typed number."""
    start, end = p.span(text, body_start)
    return max(start, body_start), max(end, body_start)


def _passages(text: str, body_start: int, proposals: list[Proposal]) -> list[_Passage]:
    """Proposals grouped into passages: touching or overlapping spans, insertions at one place, and one
    author's strike and insertion with only a space between them ("~~urge~~ **call on**")."""
    ordered = sorted(proposals, key=lambda p: _span(p, text, body_start))
    out: list[_Passage] = []
    for p in ordered:
        start, end = _span(p, text, body_start)
        last = out[-1] if out else None
        if last is not None and (_joins(last, start, end) or _same_hand(text, last, p, start)):
            last.end = max(last.end, end)
            last.proposals.append(p)
        else:
            out.append(_Passage(start, end, [p]))
    return out


def _joins(last: _Passage, start: int, end: int) -> bool:
    """Overlapping spans, or an insertion where the last passage ends (or a strike where it inserted)."""
    return start < last.end or (start == last.end and (start == end or last.start == last.end))


def _same_hand(text: str, last: _Passage, p: Proposal, start: int) -> bool:
    """The same authors' change right after the last passage, only white space between: one proposal."""
    gap = text[last.end:start]
    return gap.isspace() and len(gap) <= 2 and all(_hand(q) == _hand(p) for q in last.proposals)


def _hand(p: Proposal) -> frozenset[str]:
    """Who made a proposal: one author's (or co-sponsors') changes in a passage read as one proposal."""
    return frozenset(p.authors)


def _bracketed(text: str, body_start: int, proposals: list[Proposal]) -> list[Run]:
    runs: list[Run] = []
    pos = body_start
    for passage in _passages(text, body_start, proposals):
        if passage.start > pos:
            runs.append(Run(text[pos:passage.start]))
        runs += _bracket(text, passage)
        pos = passage.end
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return runs


def _bracket(text: str, passage: _Passage) -> list[Run]:
    """One passage: "[draft wording / proposal – authors; authors delete]"."""
    original = text[passage.start:passage.end]
    versions = _versions(text, passage)
    if len({v for v, _ in versions}) == 1 and all(p.decision is Decision.ACCEPTED for p in passage.proposals):
        return [Run(versions[0][0])]  # agreed: plain text, no brackets
    wordings: dict[str, list[str]] = {}
    deleters: list[str] = []
    for version, authors in versions:
        version = version.strip()
        names = wordings.setdefault(version, []) if version else deleters
        names += [a for a in authors if a not in names]
    runs: list[Run] = [Run("[")]
    parts = 0
    if original.strip():
        runs.append(Run(original.strip()))
        parts += 1
    for version, names in wordings.items():
        runs += [Run(" / ")] if parts else []
        runs += [Run(version, WORDING), Run(" – " + _names(names), CREDIT)]
        parts += 1
    if deleters:
        runs.append(Run("; " if wordings else " – "))
        runs.append(Run(_names(deleters) + " delete", CREDIT))
    runs.append(Run("]"))
    around = original if original.strip() else versions[0][0]
    return _spaced(around, runs)


def _versions(text: str, passage: _Passage) -> list[tuple[str, list[str]]]:
    """The passage as each hand would have it: one author's strike and insertion side by side are one
    version ("[e / de – X]", not "[e / de – X; X delete]"); a hand's overlapping proposals stay apart."""
    hands: dict[frozenset[str], list[Proposal]] = {}
    for p in passage.proposals:
        hands.setdefault(_hand(p), []).append(p)
    out: list[tuple[str, list[str]]] = []
    for mine in hands.values():
        spans = sorted(((_clip(p, passage), p) for p in mine), key=lambda sp: sp[0])
        apart = all(a[0][1] <= b[0][0] and a[0] != b[0] for a, b in pairwise(spans))
        if not apart:
            out += [(_apply_in(text, passage, p), _who(p)) for p in mine]
            continue
        version, pos = "", passage.start
        for (start, end), p in spans:
            version += text[pos:start] + ("" if p.kind is ProposalKind.DELETE else p.text)
            pos = end
        out.append((version + text[pos:passage.end], _who(mine[0])))
    return out


def _clip(p: Proposal, passage: _Passage) -> tuple[int, int]:
    """The proposal's span inside the passage (a whole-paragraph deletion: the passage)."""
    if p.kind is ProposalKind.DELETE:
        return passage.start, passage.end
    return max(p.start, passage.start), max(p.end, passage.start)


def _spaced(around: str, runs: list[Run]) -> list[Run]:
    """Keep the spaces around the passage (its draft wording, or an insertion) outside the brackets."""
    if not around.strip():
        return runs
    lead = around[: len(around) - len(around.lstrip())]
    trail = around[len(around.rstrip()):]
    return ([Run(lead)] if lead else []) + runs + ([Run(trail)] if trail else [])


def _apply_in(text: str, passage: _Passage, p: Proposal) -> str:
    """The passage as this one proposal would have it."""
    if p.kind is ProposalKind.DELETE:
        return ""
    start, end = max(p.start, passage.start), max(p.end, passage.start)
    return text[passage.start:start] + p.text + text[end:passage.end]


def _version(text: str, body_start: int, proposals: list[Proposal]) -> list[Run]:
    """The paragraph body with these (one author's, non-overlapping) proposals in static markup."""
    runs: list[Run] = []
    pos = body_start
    for p in sorted(proposals, key=lambda p: _span(p, text, body_start)):
        start, end = _span(p, text, body_start)
        if start < pos:
            continue  # the author's proposals do not overlap; guard anyway
        if start > pos:
            runs.append(Run(text[pos:start]))
        if end > start:
            runs.append(Run(text[start:end], STRUCK))
        if p.kind is ProposalKind.MODIFY and p.text:
            runs.append(Run(p.text, WORDING))
        pos = end
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return [r for r in runs if r.text]


def _rationale(author: str, proposals: Iterable[Proposal]) -> list[Line]:
    reasons = []
    for p in proposals:
        for c in p.credits:
            if c.author == author and c.rationale and c.rationale not in reasons:
                reasons.append(c.rationale)
    if not reasons:
        return []
    return [Line("text", None, [Run("Rationale: ", CREDIT), Run(" ".join(reasons))])]


def _comment_lines(comments: Iterable[PlacedComment]) -> list[Line]:
    """ "G77 comment: …" ("EU reply: …") on the words it is anchored on."""
    out = []
    for c in comments:
        on = f" (on “{c.comment.anchored}”)" if c.comment.anchored.strip() else ""
        out.append(Line("text", None, [Run(f"{heading(c)}{on}: ", CREDIT), Run(c.text)]))
    return out


def _authors_in(proposals: list[Proposal]) -> list[str]:
    seen: list[str] = []
    for p in proposals:
        seen += [a for a in p.authors if a not in seen]
    return seen


def _who(p: Proposal) -> list[str]:
    """The proposal's authors, each with the either/or option it is part of: "IMSB (Option A; or Option B:
    para 84)", so a compilation keeps options as options."""
    return [f"{c.author} ({c.option})" if c.option else c.author for c in p.credits]


def _names(authors: list[str]) -> str:
    return ", ".join(a for a in authors if a) or "unattributed"



