"""Merge other people's redlines into one set of proposals on our draft.

Each incoming file's paragraphs are aligned with the draft by their original (reject-all) text and
label, or with the revision they were made on and through its alignment with the draft; each author's
changes are carried onto our text (app.threeway: applied where our text still has their words, else
reported as already in the draft or overtaken) and become proposals (app.proposals): identical
proposals become one crediting every author, overlapping ones of different authors a collision kept
side by side. What cannot be placed is reported with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from rapidfuzz.distance import Indel

from app.align import align, moved, paragraph_map
from app.attributed import IncomingComment, IncomingParagraph, own_segments, striker_versions
from app.comment_placing import COMMENT, PlacedComment, link, parent_of, place_in_new, place_on, report_reason, unplaced
from app.errors import LabelError
from app.format_placing import PlacedFormat, format_lines, place_formats
from app.labels import next_inserted_label, split_typed_label
from app.landing import merged_target, split_targets
from app.merge_moves import MOVE, name_moves, other_half
from app.model import Draft, Kind, NoteStory, Paragraph
from app.plan import RedlinePlan
from app.proposals import Collision, Credit, Decision, Proposal, ProposalKind, find_collisions, plan_of
from app.rebase import absorb_extras
from app.segments import Op, Segment
from app.threeway import ALREADY, OVERTAKEN, carry

APPLIED, COLLISION, NOT_APPLICABLE, REJECTED = "applied", "collision", "not applicable", "rejected"
ALREADY_THERE, OVERTAKEN_BY_REVISION = ALREADY, OVERTAKEN


@dataclass
class Incoming:
    """One incoming redline: a name for the report and its paragraphs."""

    name: str
    paragraphs: list[IncomingParagraph]
    left_out: list[ReportLine] = field(default_factory=list)  # changes the reader found but a merge cannot carry
    # The revision its paragraphs were made on, when known: they are aligned with it, then carried through
    # its alignment with our draft (three-way). None: aligned with our draft directly, by label and text.
    base: Draft | None = None
    # Already placed (its kept paragraph index -> ours): an input that quotes only the paragraphs it changes.
    placed: dict[int, int] | None = None
    base_name: str = ""  # what to call `base` in the report (default: its title)
    recognised: bool = False  # `base` was recognised among a project's revisions, not given
    unplaced_comments: list[IncomingComment] = field(default_factory=list)  # anchored outside the body
    # Its notes' paragraphs (app.note_merge), by (kind, w:id), for the notes it changes.
    notes: dict[tuple[str, str], list[IncomingParagraph]] = field(default_factory=dict)
    # The printed number of each of those notes (its place among the notes of its kind, in reference order),
    # when the input says it: a note is matched to the draft's by number and text, not by w:id alone.
    note_numbers: dict[tuple[str, str], int] = field(default_factory=dict)


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
    old_label: str | None = None  # the paragraph's label in the revision the change was made on
    anchor: str = ""  # a comment: the text it is anchored on
    # Kind "move": the paragraphs the moved text leaves and joins (added for issue 16; older fields unchanged).
    moved_from: str | None = None
    moved_to: str | None = None


@dataclass
class MergeResult:
    """The proposals on our draft, the collisions among them, and what could not be placed."""

    draft: Draft
    date: datetime
    proposals: list[Proposal] = field(default_factory=list)
    collision_groups: list[Collision] = field(default_factory=list)
    not_applicable: list[ReportLine] = field(default_factory=list)
    # Input name -> (the revision it was made on, whether that was recognised rather than given); inputs read
    # on the draft itself are not listed. The report names it on each of the input's entries.
    made_on: dict[str, tuple[str, bool]] = field(default_factory=dict)
    comments: list[PlacedComment] = field(default_factory=list)  # the inputs' comments, placed on the draft
    formats: list[PlacedFormat] = field(default_factory=list)  # the inputs' tracked formatting changes
    notes: list[tuple[NoteStory, MergeResult]] = field(default_factory=list)  # each changed note's own merge

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
            moved = _move_ends(self.draft, p, self.proposals)
            for c in p.credits:
                kind, why = (MOVE if moved else p.kind.value), reason
                if c.amends:  # a deletion nested in another author's insertion: a version of their change
                    kind, why = "delete", "; ".join(r for r in (
                        f"deletes '{c.struck}' from {c.amends}'s proposed text (its version of {c.amends}'s change)",
                        reason) if r)
                lines.append(ReportLine(c.source, c.author, label or self.draft.paragraphs[p.paragraph].display_label,
                                        kind, status, why, describe(self.draft, p), c.label or None,
                                        moved_from=moved[0] if moved else None,
                                        moved_to=moved[1] if moved else None))
        notes = [line for _, merged in self.notes for line in merged.report]
        return lines + notes + self.comment_lines + format_lines(self.draft, self.formats, self.proposals) + \
            self.not_applicable

    @property
    def comment_lines(self) -> list[ReportLine]:
        """A report line per incoming comment: status "comment" where placed, "not applicable" where not."""
        lines = []
        for pc in self.comments:
            label = None
            if pc.new is not None:
                label = pc.new.label
            elif pc.paragraph is not None:
                para = self.draft.paragraphs[pc.paragraph]
                label = para.label or para.display_label
            on = describe(self.draft, pc.proposals[0]) if pc.proposals else ""
            lines.append(ReportLine(pc.source, pc.author, label, COMMENT,
                                    COMMENT if pc.paragraph is not None else NOT_APPLICABLE,
                                    report_reason(pc, parent_of(pc, self.comments), on), pc.text, pc.old_label,
                                    pc.comment.anchored))
        return lines


def _move_ends(draft: Draft, p: Proposal, proposals: list[Proposal]) -> tuple[str, str] | None:
    """(from, to) paragraph labels of the move p is half of; None when it is none."""
    other = other_half(p, proposals)
    if other is None:
        return None
    source, target = (p, other) if p.end > p.start else (other, p)
    return (draft.paragraphs[source.paragraph].display_label, draft.paragraphs[target.paragraph].display_label)


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
    through: dict[int, dict[int, int]] = {}  # per base revision (by id): base index -> ours, aligned once
    for source in incoming:
        result.not_applicable += source.left_out
        result.comments += unplaced(source.name, source.unplaced_comments, "anchored outside the body (a header, "
                                    "a footnote, a text box) or nowhere; carry it over by hand")
        if source.base is not None:
            result.made_on[source.name] = (source.base_name or source.base.title or "the base revision",
                                           source.recognised)
        if source.base is not None and id(source.base) not in through:
            through[id(source.base)] = paragraph_map(source.base.paragraphs, draft.paragraphs)
        via = None if source.base is None else through[id(source.base)]
        for proposal in _collect(draft, source, result, draft_texts, via):
            _add(result.proposals, seen.setdefault((proposal.paragraph, proposal.kind), []), proposal)
        for author, text, why in name_moves(draft, source.name, source.paragraphs, result.proposals):
            result.not_applicable.append(ReportLine(source.name, author, None, MOVE, NOT_APPLICABLE,
                                                    f"not kept as a move: {why}; its deletion and insertion are "
                                                    f"reported as such", f"~~{text}~~ **{text}**"))
    _number_insertions(draft, result.proposals)
    result.collision_groups = find_collisions(result.proposals)
    for i, p in enumerate(result.proposals, 1):
        p.id = f"p{i}"
    link(result.comments, result.proposals)
    if draft.notes:
        from app.note_merge import merge_notes

        result.notes, missing = merge_notes(draft, incoming, default_date)
        result.not_applicable += missing
        numbered = len(result.proposals)
        for p in (p for _, merged in result.notes for p in merged.proposals):
            numbered += 1
            p.id = f"p{numbered}"
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


def _collect(draft: Draft, source: Incoming, result: MergeResult, draft_texts: list[str],
             via: dict[int, int] | None) -> list[Proposal]:
    kept = [p for p in source.paragraphs if not p.inserted]
    ours_of = _placed(draft, draft_texts, source, kept, via)
    paired = set(ours_of.values())
    out: list[Proposal] = []
    last_ours: int | None = None
    numbered = _numbered(source.paragraphs)
    for i, (kept_index, para) in enumerate(numbered):
        if para.inserted:
            if para.formats:  # reported: a new paragraph is written as its author inserted it
                result.formats += place_formats(draft, para, None, source.name, _old_label(para), new=True)
            proposal = _new_paragraph(draft, source, para, last_ours, result)
            if proposal is not None:
                out.append(proposal)
                result.comments += place_in_new(source.name, para, proposal)
            elif para.comments:
                result.comments += place_on(source.name, para, None, _old_label(para))
            continue
        ours = ours_of.get(kept_index)
        if para.comments:
            result.comments += _comments_on(draft, para, kept_index, ours_of, paired, source.name)
        if ours is not None or source.placed is not None:  # a quoted input's paragraphs are not neighbours
            last_ours = ours
        if para.mark_deleted or para.mark_inserted:  # rare: keep the common path free of the call
            following = numbered[i + 1][1] if i + 1 < len(numbered) else None
            _report_mark_change(draft, source, para, following, ours, result)
        if para.formats:
            result.formats += place_formats(draft, para, ours_of.get(kept_index), source.name, _old_label(para))
        if not para.changed:
            continue
        targets = _targets(draft, para, kept_index, ours_of, paired)
        if not targets:
            status, why = (OVERTAKEN, "the new revision has no paragraph like") if via is not None else (
                NOT_APPLICABLE, "no paragraph like")
            for author in sorted(para.authors):
                result.not_applicable.append(ReportLine(
                    source.name, author, None, "modify", status, f"{why} '{para.original[:60]}' in the draft",
                    old_label=_old_label(para)))
            continue
        if para.deleted:
            # a paragraph whose only deletion is its mark (an empty one) has no author on its text
            authors = sorted(para.authors) or [para.mark_author]
            credits = [_credit(a, para, source) for a in authors]
            out += [Proposal("", ProposalKind.DELETE, t, list(credits)) for t in targets]
            continue
        for author in sorted(para.authors, key=lambda a: (a in para.strikers, a)):  # a striker's version after
            out += _carry([draft.paragraphs[t] for t in targets], para, author, source, result)
    return out


def _placed(draft: Draft, draft_texts: list[str], source: Incoming, kept: list[IncomingParagraph],
            via: dict[int, int] | None) -> dict[int, int]:
    """Their kept paragraph index -> ours: as placed by the reader, through their base revision's
    alignment with our draft, or aligned with our draft directly (with the paragraphs it moved)."""
    if source.placed is not None:
        return source.placed
    if source.base is not None and via is not None:
        on_base = _pairs(source.base, [p.text for p in source.base.paragraphs], kept)
        return {k: via[b] for k, b in on_base.items() if b in via}
    ours_of = _pairs(draft, draft_texts, kept)
    changed = [k for k, p in enumerate(kept) if k not in ours_of and p.changed and p.original.strip()]
    if changed:  # a changed paragraph the draft moved (out of order): pair it across the alignment
        theirs = [_as_paragraph(k, p) for k, p in enumerate(kept)]
        ours_of.update({k: j for k, j in moved(theirs, draft.paragraphs, changed, set(ours_of.values())).items()})
    return ours_of


def _old_label(para: IncomingParagraph) -> str | None:
    """The paragraph's label in the revision it was made on."""
    return para.label if para.labelled else split_typed_label(para.original or para.proposed)[0]


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


def _comments_on(draft: Draft, para: IncomingParagraph, kept_index: int, ours_of: dict[int, int],
                 paired: set[int], source: str) -> list[PlacedComment]:
    """A kept paragraph's comments on the draft paragraph that holds its text (the first, when split)."""
    targets = _targets(draft, para, kept_index, ours_of, paired) if para.original.strip() else (
        [ours_of[kept_index]] if kept_index in ours_of else [])
    return place_on(source, para, draft.paragraphs[targets[0]] if targets else None, _old_label(para))


def _credit(author: str, para: IncomingParagraph, source: Incoming) -> Credit:
    date = next((c.date for c in para.changes if c.author == author and c.date), "") or next(
        (c.struck_date for c in para.changes if c.struck_by == author and c.struck_date), "")
    return Credit(author, date, source.name, para.rationale, _old_label(para) or "", option=para.option)


def _carry(targets: list[Paragraph], para: IncomingParagraph, author: str, source: Incoming,
           result: MergeResult) -> list[Proposal]:
    """One author's changes in one incoming paragraph, moved onto our paragraphs' text (several when
    the draft split it: the changes are carried onto their joint text, then cut at the joins). A change
    whose words our text changed, or that our text already makes, is reported instead (app.threeway).
    Where the author struck words of another author's insertion, their version of that change is a
    proposal of its own (app.attributed.striker_versions), credited as amending the other's."""
    credit = _credit(author, para, source)
    versions = [(own_segments(para.changes, author), credit)]
    for v in striker_versions(para.changes, author):
        versions.append((v.segments, replace(credit, amends=v.amends, struck=v.struck)))
        if not any(s.op is not Op.EQUAL for s in v.segments):  # struck all of it: the original stands
            label = targets[0].label or targets[0].display_label
            result.not_applicable.append(ReportLine(
                source.name, author, label, "delete", COLLISION,
                f"deletes all of {v.amends}'s proposed text '{v.struck}': opposes {v.amends}'s change, which "
                f"rejecting it gives; not tracked in the full form", f"~~{v.struck}~~", credit.label or None))
    out: list[Proposal] = []
    for segments, by in versions:
        out += _carry_segments(targets, para, segments, by, source, result)
    return out


def _carry_segments(targets: list[Paragraph], para: IncomingParagraph, segments: list[Segment], credit: Credit,
                    source: Incoming, result: MergeResult) -> list[Proposal]:
    """Changes over one incoming paragraph's original text carried onto our paragraphs, under one credit."""
    first = targets[0]
    if para.labelled and para.body_start == 0 and first.prefix and split_typed_label(para.original)[0] is None \
            and not para.original.startswith(first.prefix):
        segments = [Segment(Op.EQUAL, first.prefix), *segments]  # a quoted body: our typed number stays as it is
    joint = _JOIN.join(t.text for t in targets)
    if source.base is None:  # a quote's own punctuation beside an insertion ("mechanisms, **including …**, to")
        segments = absorb_extras(segments, joint, paired_only=True)
    starts = [0]
    for t in targets[:-1]:
        starts.append(starts[-1] + len(t.text) + len(_JOIN))
    out: list[Proposal] = []
    for fate in carry(segments, joint):
        if fate.status != APPLIED:
            reason = (f"the draft already reads '{fate.current}'" if fate.status == ALREADY else
                      f"the new revision changed the words the change was made on: it was made on "
                      f"'{fate.base}', the draft now reads '{fate.current}'")
            result.not_applicable.append(ReportLine(
                source.name, credit.author, first.label or first.display_label, "modify", fate.status, reason,
                fate.change, credit.label or None))
            continue
        out += _cut(targets, starts, fate.start, fate.end, fate.text, credit)
    return out


_JOIN = "\u2029"  # between our paragraphs when their one paragraph is several of ours (white space to rebase)


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


def _new_paragraph(draft: Draft, source: Incoming, para: IncomingParagraph, after: int | None,
                   result: MergeResult) -> Proposal | None:
    """A new paragraph as its authors inserted it; words another author struck in it are reported, not merged."""
    inserters = sorted(para.authors - para.strikers)
    credits = [_credit(a, para, source) for a in inserters] or [Credit("", "", source.name)]
    text = "".join(c.text for c in para.changes if c.op is not Op.DELETE)  # struck words included: the inserters'
    old = split_typed_label(text)[0]
    for by, struck in _struck_by(para).items():
        result.not_applicable.append(ReportLine(
            source.name, by, old, "delete", COLLISION,
            f"deletes '{struck}' from the new paragraph {', '.join(inserters)} proposed; not merged: the new paragraph "
            f"is proposed as they inserted it", f"~~{struck}~~", old))
    for c in credits:
        c.label = old or ""
    if after is None:
        for c in credits:
            result.not_applicable.append(ReportLine(
                source.name, c.author, None, "insert paragraph", NOT_APPLICABLE,
                "no paragraph of the draft before it to place it after", text, old))
        return None
    there = _already_inserted(draft, text, after)
    if there is not None:
        for c in credits:
            result.not_applicable.append(ReportLine(
                source.name, c.author, there.label or there.display_label, "insert paragraph", ALREADY,
                f"the draft already has this paragraph as para {there.label or there.display_label}",
                there.text, old))
        return None
    return Proposal("", ProposalKind.INSERT, after, credits, text=text)


def _struck_by(para: IncomingParagraph) -> dict[str, str]:
    """Striker -> the words they struck of other authors' insertions in the paragraph (joined with " … ")."""
    out: dict[str, list[str]] = {}
    for c in para.changes:
        if c.struck_by:
            out.setdefault(c.struck_by, []).append(c.text)
    return {by: " … ".join(parts) for by, parts in out.items()}


_NEAR = 3  # a new paragraph already in the draft is looked for this many paragraphs around its place


def _already_inserted(draft: Draft, proposed: str, after: int) -> Paragraph | None:
    """The draft paragraph near `after` whose body is the new paragraph's (typed labels aside), if any."""
    _, body_start = split_typed_label(proposed)
    body = " ".join(proposed[body_start:].split())
    for p in draft.paragraphs[max(after - _NEAR, 0):after + _NEAR + 1]:
        if body and " ".join(p.body.split()) == body:
            return p
    return None


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
