"""Merge other people's redlines into one set of changes on our draft.

Each incoming file's paragraphs are aligned with the draft by their original (reject-all) text and
label; each author's changes are carried onto our text (app.rebase); then, paragraph by paragraph,
identical proposals become one change crediting every author, and different changes to overlapping
original text by different authors are a Collision, kept side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.align import align
from app.attributed import IncomingParagraph
from app.labels import split_typed_label
from app.model import Draft, Kind, Paragraph
from app.plan import Attribution, DeleteParagraph, InsertParagraph, ModifyParagraph, RedlinePlan
from app.rebase import rebase
from app.segments import Op, Segment

APPLIED, COLLISION, NOT_APPLICABLE = "applied", "collision", "not applicable"


@dataclass
class Incoming:
    """One incoming redline: a name for the report and its paragraphs."""

    name: str
    paragraphs: list[IncomingParagraph]


@dataclass
class Edit:
    """One change on our paragraph's full text: strike [start, end) and/or insert text at end."""

    start: int
    end: int
    text: str
    authors: list[str]
    dates: list[str]
    sources: list[str]


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
    """The plan on our draft, the report, and the labels where proposals collide."""

    plan: RedlinePlan
    report: list[ReportLine] = field(default_factory=list)
    collisions: set[str] = field(default_factory=set)


def merge(draft: Draft, incoming: list[Incoming], default_date: datetime) -> MergeResult:
    """All incoming changes as one plan on the draft."""
    result = MergeResult(RedlinePlan())
    edits: dict[int, list[Edit]] = {}  # by our paragraph index
    for source in incoming:
        _collect(draft, source, edits, result)
    for index in sorted(edits):
        para = draft.paragraphs[index]
        _emit(para, edits[index], default_date, result)
    return result


def _collect(draft: Draft, source: Incoming, edits: dict[int, list[Edit]], result: MergeResult) -> None:
    kept = [p for p in source.paragraphs if not p.inserted]
    theirs = [_as_paragraph(i, p) for i, p in enumerate(kept)]
    pairs = align(draft.paragraphs, theirs)
    ours_of = {pair.new: pair.old for pair in pairs if pair.new is not None}
    last_ours: int | None = None
    kept_index = -1
    for para in source.paragraphs:
        if para.inserted:
            _new_paragraph(draft, source, para, last_ours, result)
            continue
        kept_index += 1
        ours = ours_of.get(kept_index)
        if ours is not None:
            last_ours = ours
        if not para.changed:
            continue
        if ours is None:
            for author in sorted(para.authors):
                result.report.append(ReportLine(source.name, author, None, "modify", NOT_APPLICABLE,
                                                f"no paragraph like '{para.original[:60]}' in the draft"))
            continue
        target = draft.paragraphs[ours]
        if para.deleted:
            author = next(iter(sorted(para.authors)), "")
            result.plan.add(DeleteParagraph(target.anchor, _by(author, para, source)))
            result.report.append(ReportLine(source.name, author, target.label, "delete paragraph", APPLIED))
            continue
        for author in sorted(para.authors):
            _carry(target, para, author, source.name, edits.setdefault(ours, []), result)


def _carry(target: Paragraph, para: IncomingParagraph, author: str, name: str, out: list[Edit],
           result: MergeResult) -> None:
    """One author's changes in one incoming paragraph, moved onto our paragraph's text."""
    segments: list[Segment] = []
    date = ""
    for c in para.changes:
        if c.op is Op.EQUAL or c.author != author:
            if c.op is not Op.INSERT:
                segments.append(Segment(Op.EQUAL, c.text))  # other authors' strikes: not this author's
            continue
        segments.append(c.segment)
        date = date or c.date
    carried = rebase(segments, target.text)
    for miss in carried.mismatches:
        result.report.append(ReportLine(name, author, target.label, "modify", NOT_APPLICABLE,
                                        f"struck text '{miss.found}' is not in the draft here", miss.found))
    pos = 0
    i = 0
    segs = carried.segments
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
        out.append(Edit(start, end, text, [author], [date], [name]))
        pos = end
        i += 1


def _emit(para: Paragraph, edits: list[Edit], default_date: datetime, result: MergeResult) -> None:
    """One paragraph's edits as a ModifyParagraph with per-change authors; collisions flagged."""
    merged: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end, e.text)):
        same = next((m for m in merged if (m.start, m.end, m.text) == (edit.start, edit.end, edit.text)), None)
        if same is not None:
            for author, date, source in zip(edit.authors, edit.dates, edit.sources, strict=True):
                if author not in same.authors:
                    same.authors.append(author)
                    same.dates.append(date)
                    same.sources.append(source)
            continue
        merged.append(edit)
    collided: set[int] = set()
    for i, a in enumerate(merged):
        for j in range(i + 1, len(merged)):
            b = merged[j]
            if _overlap(a, b) and set(a.authors) != set(b.authors):
                collided |= {i, j}
    if collided:
        result.collisions.add(para.display_label)
    segments, authors = _segments(para.text, merged, default_date)
    result.plan.add(ModifyParagraph(para.anchor, segments, authors[0] or Attribution("", default_date), authors))
    for i, edit in enumerate(merged):
        status = COLLISION if i in collided else APPLIED
        shown = f"~~{para.text[edit.start:edit.end]}~~ **{edit.text}**".replace("~~~~ ", "").replace(" ****", "")
        for author, source in zip(edit.authors, edit.sources, strict=True):
            result.report.append(ReportLine(source, author, para.label, "modify", status,
                                            "overlaps another author's change" if status == COLLISION else "",
                                            shown))


def _overlap(a: Edit, b: Edit) -> bool:
    if a.start < a.end and b.start < b.end:
        return a.start < b.end and b.start < a.end
    # An insertion collides with a strike around its place, or with another insertion at the same place.
    if a.start == a.end and b.start == b.end:
        return a.start == b.start and a.text != b.text
    point, span = (a, b) if a.start == a.end else (b, a)
    return span.start < point.start < span.end


def _segments(text: str, edits: list[Edit], default_date: datetime) -> tuple[list[Segment], list[Attribution | None]]:
    """Segments over `text` for non-nested edits (a strike already made by an earlier edit is not
    struck twice; every insertion is kept)."""
    segments: list[Segment] = []
    authors: list[Attribution | None] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        by = Attribution("; ".join(edit.authors), _date(edit.dates, default_date))
        start = max(edit.start, pos)
        if start > pos:
            segments.append(Segment(Op.EQUAL, text[pos:start]))
            authors.append(None)
        if edit.end > start:
            segments.append(Segment(Op.DELETE, text[start:edit.end]))
            authors.append(by)
            pos = edit.end
        if edit.text:
            segments.append(Segment(Op.INSERT, edit.text))
            authors.append(by)
    if pos < len(text):
        segments.append(Segment(Op.EQUAL, text[pos:]))
        authors.append(None)
    return segments, authors


def _date(dates: list[str], default: datetime) -> datetime:
    for value in dates:
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            continue
    return default


def _by(author: str, para: IncomingParagraph, source: Incoming) -> Attribution:
    dates = [c.date for c in para.changes if c.author == author and c.date]
    return Attribution(author, _date(dates, datetime.now().astimezone()))


def _new_paragraph(draft: Draft, source: Incoming, para: IncomingParagraph, after: int | None,
                   result: MergeResult) -> None:
    author = next(iter(sorted(para.authors)), "")
    if after is None:
        result.report.append(ReportLine(source.name, author, None, "insert paragraph", NOT_APPLICABLE,
                                        "no paragraph of the draft before it to place it after", para.proposed))
        return
    anchor = draft.paragraphs[after]
    result.plan.add(InsertParagraph(anchor.anchor, para.proposed, _by(author, para, source)))
    label, _ = split_typed_label(para.proposed)
    result.report.append(ReportLine(source.name, author, label or f"after {anchor.display_label}",
                                    "insert paragraph", APPLIED, change=para.proposed))


def _as_paragraph(index: int, para: IncomingParagraph) -> Paragraph:
    label, body_start = split_typed_label(para.original)
    kind = Kind.PARAGRAPH if label else Kind.TEXT
    return Paragraph(index, para.anchor, para.original, kind, label, body_start, in_table=para.in_table)
