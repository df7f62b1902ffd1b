"""Merge other people's redlines into one set of proposals on our draft.

Each incoming file's paragraphs are aligned with the draft by their original (reject-all) text and
label; each author's changes are carried onto our text (app.rebase) and become proposals
(app.proposals): identical proposals become one crediting every author, overlapping ones of
different authors a collision kept side by side. What cannot be placed is reported with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from rapidfuzz.distance import Indel

from app.align import align
from app.attributed import IncomingParagraph
from app.errors import LabelError
from app.labels import next_inserted_label, split_typed_label
from app.landing import merged_target, split_targets
from app.model import Draft, Kind, Paragraph
from app.plan import RedlinePlan
from app.proposals import Collision, Credit, Decision, Proposal, ProposalKind, find_collisions, plan_of
from app.rebase import rebase
from app.segments import Op, Segment

APPLIED, COLLISION, NOT_APPLICABLE, REJECTED = "applied", "collision", "not applicable", "rejected"


@dataclass
class Incoming:
    """One incoming redline: a name for the report and its paragraphs."""

    name: str
    paragraphs: list[IncomingParagraph]
    left_out: list[ReportLine] = field(default_factory=list)  # changes the reader found but a merge cannot carry


@dataclass
class ReportLine:
    """What happened to one incoming change."""

    file: str
    author: str
    paragraph: str | None
    kind: str  # modify, insert paragraph, delete paragraph
    status: str
    reason: str = ""
    change: str = ""


@dataclass
class MergeResult:
    """The proposals on our draft, the collisions among them, and what could not be placed."""

    draft: Draft
    date: datetime
    proposals: list[Proposal] = field(default_factory=list)
    collision_groups: list[Collision] = field(default_factory=list)
    not_applicable: list[ReportLine] = field(default_factory=list)

    @property
    def collisions(self) -> set[str]:
        """Labels of the paragraphs where proposals collide."""
        return {self.draft.paragraphs[c.paragraph].display_label for c in self.collision_groups}

    @property
    def plan(self) -> RedlinePlan:
        """Every proposal not rejected, as a plan on the draft (collisions side by side)."""
        return plan_of(self.draft, self.proposals, self.date)

    @property
    def report(self) -> list[ReportLine]:
        """A line per author per change: applied, collision, rejected or not applicable, with the reason.

        A collision's reason says how the full form writes it: tracked, or as a comment by its authors."""
        from app.full_form import rivals_of

        rivals = rivals_of([p for p in self.proposals if p.decision is not Decision.REJECTED])
        lines: list[ReportLine] = []
        for p in self.proposals:
            label = p.label if p.kind is ProposalKind.INSERT else self.draft.paragraphs[p.paragraph].label
            status, reason = _status(p, rivals.get(id(p)))
            for c in p.credits:
                lines.append(ReportLine(c.source, c.author, label or self.draft.paragraphs[p.paragraph].display_label,
                                        p.kind.value, status, reason, describe(self.draft, p)))
        return lines + self.not_applicable


def _status(p: Proposal, tracked: Proposal | None) -> tuple[str, str]:
    """A proposal's report status and reason; `tracked`: the proposal written in its place, when it is a rival."""
    shared = f"; one change for {', '.join(p.authors)}, tracked under {p.authors[0]}" if len(p.authors) > 1 else ""
    if p.decision is Decision.REJECTED:
        return REJECTED, "rejected in the review"
    if tracked is not None:
        return COLLISION, (f"overlaps another author's change; in the full form a comment on the span, as "
                           f"{tracked.authors[0]}'s change is tracked there")
    if p.collision is not None:
        return COLLISION, f"overlaps another author's change; tracked in the full form{shared}"
    return APPLIED, shared.removeprefix("; ")


def describe(draft: Draft, p: Proposal) -> str:
    """A proposal in the text form: "~~struck~~ **inserted**", the new paragraph, or the struck one."""
    if p.kind is ProposalKind.INSERT:
        return p.text
    text = draft.paragraphs[p.paragraph].text
    if p.kind is ProposalKind.DELETE:
        return f"~~{draft.paragraphs[p.paragraph].body}~~"
    parts = []
    if p.end > p.start:
        parts.append(f"~~{text[p.start:p.end]}~~")
    if p.text:
        parts.append(f"**{p.text}**")
    return " ".join(parts)


def merge(draft: Draft, incoming: list[Incoming], default_date: datetime) -> MergeResult:
    """All incoming changes as proposals on the draft."""
    result = MergeResult(draft, default_date)
    seen: dict[tuple[int, ProposalKind], list[Proposal]] = {}
    draft_texts = [p.text for p in draft.paragraphs]
    for source in incoming:
        result.not_applicable += source.left_out
        for proposal in _collect(draft, source, result, draft_texts):
            _add(result.proposals, seen.setdefault((proposal.paragraph, proposal.kind), []), proposal)
    _number_insertions(draft, result.proposals)
    result.collision_groups = find_collisions(result.proposals)
    for i, p in enumerate(result.proposals, 1):
        p.id = f"p{i}"
    return result


def _add(proposals: list[Proposal], alike: list[Proposal], new: Proposal) -> None:
    """Add a proposal, or credit its authors on an identical one already there (`alike`: those of
    the same kind on the same paragraph)."""
    for p in alike:
        if p.same_change(new):
            p.credit(new.credits)
            return
    alike.append(new)
    proposals.append(new)


def _collect(draft: Draft, source: Incoming, result: MergeResult, draft_texts: list[str]) -> list[Proposal]:
    kept = [p for p in source.paragraphs if not p.inserted]
    ours_of = _pairs(draft, draft_texts, kept)
    paired = set(ours_of.values())
    out: list[Proposal] = []
    last_ours: int | None = None
    numbered = _numbered(source.paragraphs)
    for i, (kept_index, para) in enumerate(numbered):
        if para.inserted:
            proposal = _new_paragraph(source, para, last_ours, result)
            if proposal is not None:
                out.append(proposal)
            continue
        ours = ours_of.get(kept_index)
        if ours is not None:
            last_ours = ours
        if para.mark_deleted or para.mark_inserted:  # rare: keep the common path free of the call
            following = numbered[i + 1][1] if i + 1 < len(numbered) else None
            _report_mark_change(draft, source, para, following, ours, result)
        if not para.changed:
            continue
        targets = _targets(draft, para, kept_index, ours_of, paired)
        if not targets:
            for author in sorted(para.authors):
                result.not_applicable.append(ReportLine(
                    source.name, author, None, "modify", NOT_APPLICABLE,
                    f"no paragraph like '{para.original[:60]}' in the draft"))
            continue
        if para.deleted:
            credits = [_credit(a, para, source) for a in sorted(para.authors)]
            out += [Proposal("", ProposalKind.DELETE, t, list(credits)) for t in targets]
            continue
        for author in sorted(para.authors):
            out += _carry([draft.paragraphs[t] for t in targets], para, author, source, result)
    return out


def _pairs(draft: Draft, draft_texts: list[str], kept: list[IncomingParagraph]) -> dict[int, int]:
    """Their (kept) paragraph index -> ours. Paragraphs whose original is the draft's text word for
    word (most of a redline) pair at once; app.align pairs the stretches between them."""
    originals = [p.original for p in kept]
    ours_of: dict[int, int] = {}
    i = j = 0
    for op in Indel.opcodes(draft_texts, originals):
        if op.tag != "equal":
            continue
        ours_of.update(_align_stretch(draft, kept, i, op.src_start, j, op.dest_start))
        ours_of.update((op.dest_start + k, op.src_start + k) for k in range(op.src_end - op.src_start))
        i, j = op.src_end, op.dest_end
    ours_of.update(_align_stretch(draft, kept, i, len(draft_texts), j, len(kept)))
    return ours_of


def _align_stretch(draft: Draft, kept: list[IncomingParagraph], i1: int, i2: int, j1: int,
                   j2: int) -> dict[int, int]:
    """app.align on one stretch, with one matched paragraph of context each side (its numbering shift)."""
    if i1 == i2 or j1 == j2:
        return {}
    lo_i, lo_j = max(i1 - 1, 0), max(j1 - 1, 0)
    hi_i, hi_j = min(i2 + 1, len(draft.paragraphs)), min(j2 + 1, len(kept))
    theirs = [_as_paragraph(k - lo_j, kept[k]) for k in range(lo_j, hi_j)]
    out: dict[int, int] = {}
    for pair in align(draft.paragraphs[lo_i:hi_i], theirs):
        if pair.old is not None and pair.new is not None and j1 <= pair.new + lo_j < j2:
            out[pair.new + lo_j] = pair.old + lo_i
    return out


def _numbered(paragraphs: list[IncomingParagraph]) -> list[tuple[int, IncomingParagraph]]:
    """Each paragraph with its index among the ones that were there before (not inserted); -1 for new ones."""
    out: list[tuple[int, IncomingParagraph]] = []
    n = 0
    for para in paragraphs:
        out.append((-1, para) if para.inserted else (n, para))
        n += 0 if para.inserted else 1
    return out


def _targets(draft: Draft, para: IncomingParagraph, kept_index: int, ours_of: dict[int, int],
             paired: set[int]) -> list[int]:
    """Our paragraphs that hold this paragraph's original text: its pair (with the pieces the draft
    split it into), or, unpaired, the neighbour's pair the draft merged it into; [] when none."""
    ours = ours_of.get(kept_index)
    if ours is not None:
        return split_targets(draft.paragraphs, para.original, ours, paired)
    near = [ours_of[k] for k in (kept_index - 1, kept_index + 1) if k in ours_of]
    merged = merged_target(draft.paragraphs, para.original, near) if para.original.strip() else None
    return [] if merged is None else [merged]


def _credit(author: str, para: IncomingParagraph, source: Incoming) -> Credit:
    date = next((c.date for c in para.changes if c.author == author and c.date), "")
    return Credit(author, date, source.name, para.rationale)


def _carry(targets: list[Paragraph], para: IncomingParagraph, author: str, source: Incoming,
           result: MergeResult) -> list[Proposal]:
    """One author's changes in one incoming paragraph, moved onto our paragraphs' text (several when
    the draft split it: the changes are carried onto their joint text, then cut at the joins)."""
    segments: list[Segment] = []
    for c in para.changes:
        if c.op is Op.EQUAL or c.author != author:
            if c.op is not Op.INSERT:
                segments.append(Segment(Op.EQUAL, c.text))  # other authors' strikes: not this author's
            continue
        segments.append(c.segment)
    carried = rebase(segments, _JOIN.join(t.text for t in targets))
    first = targets[0]
    for miss in carried.mismatches:
        result.not_applicable.append(ReportLine(
            source.name, author, first.label or first.display_label, "modify", NOT_APPLICABLE,
            f"struck text '{miss.found}' is not in the draft here", miss.found))
    credit = _credit(author, para, source)
    starts = [0]
    for t in targets[:-1]:
        starts.append(starts[-1] + len(t.text) + len(_JOIN))
    out: list[Proposal] = []
    joint = _JOIN.join(t.text for t in targets)
    for start, end, text in _changes(carried.segments):
        lead, tail = _common_words(joint[start:end], text)
        start, end, text = start + lead, end - tail, text[lead:len(text) - tail]
        out += _cut(targets, starts, start, end, text, credit)
    return out


_JOIN = "\u2029"  # between our paragraphs when their one paragraph is several of ours (white space to rebase)


def _changes(segs: list[Segment]) -> list[tuple[int, int, str]]:
    """(start, end, inserted text) of each change, offsets in the segments' original text."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    i = 0
    while i < len(segs):
        seg = segs[i]
        if seg.op is Op.EQUAL:
            pos += len(seg.text)
            i += 1
            continue
        start = pos
        end = pos + (len(seg.text) if seg.op is Op.DELETE else 0)
        text = seg.text if seg.op is Op.INSERT else ""
        if seg.op is Op.DELETE and i + 1 < len(segs) and segs[i + 1].op is Op.INSERT:
            text = segs[i + 1].text
            i += 1
        out.append((start, end, text))
        pos = end
        i += 1
    return out


def _common_words(struck: str, inserted: str) -> tuple[int, int]:
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


def _cut(targets: list[Paragraph], starts: list[int], start: int, end: int, text: str,
         credit: Credit) -> list[Proposal]:
    """One change on the joint text as proposals on each paragraph it touches (the insertion goes
    where the change ends)."""
    out: list[Proposal] = []
    for k, t in enumerate(targets):
        lo, hi = starts[k], starts[k] + len(t.text)
        a, b = max(start, lo), min(end, hi)
        last = lo <= end <= hi
        if a < b or (last and start <= hi):
            out.append(Proposal("", ProposalKind.MODIFY, t.index, [credit], max(a, lo) - lo,
                                max(min(b, hi), max(a, lo)) - lo, text if last else ""))
    return [p for p in out if p.end > p.start or p.text]


def _report_mark_change(draft: Draft, source: Incoming, para: IncomingParagraph, following: IncomingParagraph | None,
                        ours: int | None, result: MergeResult) -> None:
    """A paragraph join or split (only the mark changed) is not a proposal a merge can make: say so.

    The last paragraph of a body or cell keeps its mark whatever it says; a mark inserted before a
    new paragraph is that paragraph's (Enter typed at the end of this one)."""
    if following is None or following.in_table != para.in_table:
        return
    if not (para.joined_on or (para.split_off and not following.inserted)):
        return
    label = None if ours is None else draft.paragraphs[ours].label or draft.paragraphs[ours].display_label
    where = f"paragraph {label}" if label else f"the paragraph '{para.original[:40]}'"
    if para.joined_on:
        kind, reason = "join paragraphs", f"joins {where} with the next one (its paragraph mark is struck)"
    else:
        kind, reason = "split paragraph", f"splits {where} after '{para.original[-40:]}' (a new paragraph mark)"
    result.not_applicable.append(ReportLine(
        source.name, para.mark_author, label, kind, NOT_APPLICABLE,
        f"{reason}; a merge does not join or split paragraphs: do it by hand in the compilation"))


def _new_paragraph(source: Incoming, para: IncomingParagraph, after: int | None,
                   result: MergeResult) -> Proposal | None:
    credits = [_credit(a, para, source) for a in sorted(para.authors)] or [Credit("", "", source.name)]
    if after is None:
        for c in credits:
            result.not_applicable.append(ReportLine(
                source.name, c.author, None, "insert paragraph", NOT_APPLICABLE,
                "no paragraph of the draft before it to place it after", para.proposed))
        return None
    return Proposal("", ProposalKind.INSERT, after, credits, text=para.proposed)


def _number_insertions(draft: Draft, proposals: list[Proposal]) -> None:
    """Number new paragraphs bis, ter… after the draft paragraph they follow, in order of arrival."""
    used = set(draft.labels)
    for p in proposals:
        if p.kind is not ProposalKind.INSERT:
            continue
        typed, body_start = split_typed_label(p.text)
        after = draft.paragraphs[p.paragraph]
        if typed is None or not after.label:
            p.label = typed
            continue
        try:
            label = next_inserted_label(after.label, used)
        except LabelError:
            p.label = typed
            continue
        used.add(label)
        p.label = label
        p.text = label + p.text[p.text.rindex(".", 0, body_start):]
    for n, p in enumerate(proposals):
        p.order = n


def _as_paragraph(index: int, para: IncomingParagraph) -> Paragraph:
    if para.labelled:  # labelled by the document reader, as `show` labels it
        return Paragraph(index, para.anchor, para.original, para.kind, para.label, para.body_start,
                         in_table=para.in_table)
    label, body_start = split_typed_label(para.original)
    kind = Kind.PARAGRAPH if label else Kind.TEXT
    return Paragraph(index, para.anchor, para.original, kind, label, body_start, in_table=para.in_table)
