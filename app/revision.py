"""A project moved onto a new revision of its draft (File > New Revision of the Draft…).

Every amendment is carried three-way from the revision it was made on: its paragraph is followed
through the alignment of the two revisions (app.align.paragraph_map) and each of its changes is carried
onto the new text (app.threeway). New paragraphs are relabelled in the new numbering (app.relabel). Each
amendment gets a line saying what became of it: carried, moved, already in the draft, or overtaken (with
the text it was made on and what the new revision says there). Overtaken amendments are kept, marked,
so the user can redo them; the changes of theirs that still apply are carried.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from app.align import key, paragraph_map
from app.amendments import Amendment, Kind, Option
from app.edits import Edit, Insert, Replace, Strike, segments_from_edits
from app.model import Draft, Paragraph
from app.relabel import relabel_insertions
from app.segments import Op, Segment
from app.threeway import ALREADY, APPLIED, OVERTAKEN, Carried, carry

CARRIED, MOVED, ALREADY_THERE, OVERTAKEN_NOW = "carried", "moved", "already in the draft", "overtaken"
_NEAR = 3  # a new paragraph already in the new revision is looked for this many paragraphs around its place


@dataclass
class RevisionLine:
    """What became of one amendment on the new revision."""

    amendment_id: str
    old_label: str
    new_label: str | None  # None: no longer in the project (already in the draft, or its paragraph is gone)
    status: str  # CARRIED, MOVED, ALREADY_THERE or OVERTAKEN_NOW
    changes: list[Carried] = field(default_factory=list)  # each change's fate (modify amendments)
    reason: str = ""

    def __str__(self) -> str:
        where = f"para {self.old_label} -> {self.new_label}" if self.new_label else f"para {self.old_label}"
        text = f"{where} ({self.status})"
        details = [_describe(c) for c in self.changes if c.status != APPLIED]
        return "; ".join([text, *([self.reason] if self.reason else []), *details])


@dataclass
class OnRevision:
    """The amendments as they stand on the new revision, and a line per amendment of the old one."""

    amendments: list[Amendment]
    lines: list[RevisionLine]


def onto_revision(old: Draft, new: Draft, amendments: list[Amendment]) -> OnRevision:
    """`amendments` (made on `old`, left unchanged) carried onto `new`, relabelled in its numbering."""
    through = paragraph_map(old.paragraphs, new.paragraphs)
    kept: list[Amendment] = []
    pending: list[tuple[Amendment, RevisionLine]] = []
    for original in amendments:
        amendment = copy.deepcopy(original)
        line = _carry_one(old, new, through, amendment)
        pending.append((amendment, line))
        if line.new_label is not None:
            kept.append(amendment)
    relabel_insertions(kept, new.labels)
    for amendment, line in pending:
        if line.new_label is None:
            continue
        line.new_label = amendment.label
        if line.status == CARRIED and line.new_label != line.old_label:
            line.status = MOVED
    return OnRevision(kept, [line for _a, line in pending])


def _carry_one(old: Draft, new: Draft, through: dict[int, int], amendment: Amendment) -> RevisionLine:
    """Carry one amendment (in place); its line, with the new label still to be set."""
    line = RevisionLine(amendment.id, amendment.label, None, OVERTAKEN_NOW)
    if not old.has_label(amendment.target):
        line.reason = f"its paragraph {amendment.target} is not in the earlier revision"
        return line
    was = old.by_label(amendment.target)
    now = _in_new(new, through, was)
    if amendment.kind is Kind.INSERT:
        return _carry_insert(old, new, through, amendment, line, now)
    if now is None or now.label is None:
        if amendment.kind is Kind.DELETE:
            line.status, line.reason = ALREADY_THERE, "the new revision no longer has the paragraph"
        else:
            line.reason = f"the new revision no longer has the paragraph; it read '{_clip(was.body)}'"
        return line
    if amendment.kind is Kind.DELETE:  # the whole paragraph struck, whatever it now says
        amendment.options = [Option(o.name, [Segment(Op.DELETE, now.body)]) for o in amendment.options]
    else:
        _carry_options(amendment, now.body, line)
    amendment.target, amendment.anchor_text = now.label, now.body
    if line.status == ALREADY_THERE:
        return line  # nothing left to propose: not kept
    line.new_label = now.label
    return line


def _carry_options(amendment: Amendment, body: str, line: RevisionLine) -> None:
    """Each option's changes carried onto `body`; the line's status from their fates."""
    options: list[Option] = []
    for option in amendment.options:
        fates = carry(option.segments, body)
        line.changes += fates
        edits = [_edit(f) for f in fates if f.status == APPLIED]
        options.append(Option(option.name, segments_from_edits(body, edits)))
    amendment.options = options
    statuses = {c.status for c in line.changes}
    if OVERTAKEN in statuses:
        line.status = OVERTAKEN_NOW
        amendment.overtaken = "; ".join(_describe(c) for c in line.changes if c.status == OVERTAKEN)
    elif statuses == {ALREADY}:
        line.status = ALREADY_THERE
    else:
        line.status = CARRIED


def _carry_insert(old: Draft, new: Draft, through: dict[int, int], amendment: Amendment,
                  line: RevisionLine, now: Paragraph | None) -> RevisionLine:
    """A new paragraph follows its anchor, or the nearest paragraph before it the new revision kept."""
    index = old.by_label(amendment.target).index
    while (now is None or now.label is None) and index > 0:
        index -= 1
        now = _in_new(new, through, old.paragraphs[index])
    if now is None or now.label is None:
        line.reason = "the new revision has no paragraph before it to place it after"
        return line
    there = _already_inserted(new, amendment.option.proposed, now.index)
    if there is not None:
        line.status, line.reason = ALREADY_THERE, f"the new revision has it as para {there.display_label}"
        return line
    amendment.target, amendment.anchor_text = now.label, now.body
    line.status, line.new_label = CARRIED, amendment.label
    return line


def _in_new(new: Draft, through: dict[int, int], para: Paragraph) -> Paragraph | None:
    j = through.get(para.index)
    return None if j is None else new.paragraphs[j]


def _already_inserted(new: Draft, text: str, after: int) -> Paragraph | None:
    body = " ".join(text.split())
    for p in new.paragraphs[max(after - _NEAR, 0):after + _NEAR + 1]:
        if body and key(p) == body:
            return p
    return None


def _edit(fate: Carried) -> Edit:
    if fate.end == fate.start:
        return Insert(fate.start, fate.text)
    return Replace(fate.start, fate.end, fate.text) if fate.text else Strike(fate.start, fate.end)


def _describe(fate: Carried) -> str:
    if fate.status == ALREADY:
        return f"{fate.change}: the draft already reads '{fate.current}'"
    return f"{fate.change}: made on '{fate.base}', the new revision reads '{fate.current}'"


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
