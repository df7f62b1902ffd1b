"""Every tracked change of a .docx as a list of records, counted the way LibreOffice counts them.

Each story (body, footnotes, endnotes, headers, footers, text boxes) is flattened into segments that carry
the stack of revisions they lie in (see revision_segments). A record is a maximal stretch of
consecutive segments with the same stack; its kind is the innermost change, and the changes it
is stacked on are kept in `under` (text inserted by one author and deleted by another gives a
"delete" record with the insertion under it, as LibreOffice shows it). Paragraph breaks inside a
record are "\\n"; a comment anchor (w:commentReference) ends a record, since Writer anchors the
comment on a character outside the change. A paragraph's formatting change (w:pPrChange) is a
record over the paragraph's first text portion (a w:t, w:tab, …) and the later portions lying in
no other change, as Writer's import marks them; a change the first portion lies in is laid on the
paragraph's change there, so its record ends with that portion. The portion right after a note
reference counts as a first portion again (Writer restarts the marking after reading the note).
Text boxes (w:txbxContent, read once) are stories of their own, listed after the notes; a box
anchored in a change has that change laid over its paragraphs' text (revision_segments). Neighbouring run
format changes (w:rPrChange) make one record only when they undo the same former properties.
Table-row insertions and deletions are listed in `RevisionSet.rows`: LibreOffice reports them
through the text of the row's cells. Text is read as shown: white space at the ends of a w:t
without xml:space="preserve" is not part of it (text_map.displayed_text).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import datetime

from app.values import datetime_or_none
from docx_io.ns import W
from docx_io.numbering import format_number
from docx_io.package import Package, rels_name
from docx_io.revision_segments import Mark, Segment, StoryStream, build_box_stream, build_stream

_W = f"{{{W}}}"
# Story parts by relationship type suffix, in the order LibreOffice lists their redlines.
_NOTE_PARTS = (("/footnotes", "footnote", "footnote"), ("/endnotes", "endnote", "endnote"))
_HEADER_FOOTER = (("/header", "header"), ("/footer", "footer"))
_LO_TYPES = {
    "insert": "Insert", "delete": "Delete", "move-to": "Insert", "move-from": "Delete",
    "format": "Format", "paragraph-format": "ParagraphFormat",
}


@dataclass(frozen=True)
class Revision:
    """One tracked change: kind, author, date, text, story and block-paragraph anchor."""

    kind: str  # insert, delete, move-from, move-to, format, paragraph-format
    author: str
    date: str
    text: str
    story: str  # body, footnote, endnote, header, footer, textbox
    anchor: int  # block paragraph ordinal in its story where the change starts
    paragraph_mark: bool = False  # the change covers a paragraph mark
    under: tuple[Mark, ...] = ()  # older changes this one is stacked on (outer first)
    part: str = ""

    @property
    def lo_type(self) -> str:
        """LibreOffice's name for the kind (Insert, Delete, Format, ParagraphFormat)."""
        return _LO_TYPES.get(self.kind, self.kind)


@dataclass(frozen=True)
class RowRevision:
    """A table row's own insertion or deletion (w:trPr/w:ins, w:trPr/w:del)."""

    kind: str  # table-row-insert, table-row-delete
    author: str
    date: str
    anchor: int


@dataclass
class RevisionSet:
    """All tracked changes of a document."""

    revisions: list[Revision] = field(default_factory=list)
    rows: list[RowRevision] = field(default_factory=list)


def story_streams(pkg: Package) -> list[StoryStream]:
    """Flattened stories in LibreOffice's order: notes, text boxes, headers and footers, then the body."""
    notes: list[StoryStream] = []
    for suffix, story, tag in _NOTE_PARTS:
        part = pkg.related(pkg.main_part, suffix)
        if part and pkg.has(part):
            for note in pkg.xml(part).iter(_W + tag):
                if note.get(f"{_W}type") in (None, "normal"):
                    notes.append(build_stream(note, story, part))
    headers = [build_stream(pkg.xml(part), story, part)
               for suffix, story in _HEADER_FOOTER for part in _related_all(pkg, suffix)]
    body_el = pkg.xml(pkg.main_part).find(_W + "body")
    body = [build_stream(body_el, "body", pkg.main_part)] if body_el is not None else []
    return notes + _box_streams(notes + headers + body) + headers + body


def _box_streams(streams: list[StoryStream]) -> list[StoryStream]:
    """The text boxes anchored in these stories and, after each box, those anchored in it."""
    out: list[StoryStream] = []
    for stream in streams:
        for box, anchor in stream.boxes:
            inner = build_box_stream(box, anchor, stream.part)
            out.append(inner)
            out.extend(_box_streams([inner]))
    return out


def _related_all(pkg: Package, suffix: str) -> list[str]:
    """Every part the main part points to by relationships of a type ending in suffix."""
    name = rels_name(pkg.main_part)
    if not pkg.has(name):
        return []
    out = []
    for rel in pkg.xml(name):
        if rel.get("Type", "").endswith(suffix) and rel.get("TargetMode") != "External":
            target = _resolve(pkg.main_part, rel.get("Target", ""))
            if pkg.has(target):
                out.append(target)
    return out


def _resolve(source: str, target: str) -> str:
    """A relationship target as a part name."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def read_revisions(pkg: Package) -> RevisionSet:
    """Every tracked change of the document, stories in LibreOffice's order."""
    result = RevisionSet()
    if not _has_revision_markup(pkg):
        return result  # nothing to find: skip flattening every story (seconds on 100,000 paragraphs)
    counters = {"footnote": 0, "endnote": 0}
    streams = story_streams(pkg)
    body = streams[-1] if streams and streams[-1].story == "body" else None
    if body is not None:
        number_notes(body.segments, counters)
    for stream in streams:
        result.revisions.extend(stream_revisions(stream))
        if stream.story == "body":
            result.rows.extend(_row_revisions(stream))
    return result


def number_notes(segments: list[Segment], counters: dict[str, int]) -> None:
    """Fill in the text of note references as automatic numbers (footnotes 1, 2…; endnotes i, ii…)."""
    for seg in segments:
        if seg.note is None or seg.custom_note_mark:
            continue
        counters[seg.note] += 1
        n = counters[seg.note]
        seg.text = str(n) if seg.note == "footnote" else _roman(n)


def _roman(n: int) -> str:
    return format_number(n, "lowerRoman")


def stream_revisions(stream: StoryStream) -> list[Revision]:
    """Records of one story: stacked text changes merged by equal stack, then paragraph-format changes."""
    out: list[Revision] = []
    current: list[Segment] = []
    key: tuple[Mark, ...] = ()
    firsts = _first_portions(stream)
    for seg in stream.segments:
        seg_key = () if seg.boundary else _key(seg)
        if not seg_key or not _combinable(seg_key, key):
            _flush(current, key, stream, out)
            current, key = [], seg_key
        if seg_key and (seg.text or seg.is_mark):
            current.append(seg)
        if id(seg) in firsts and seg_key:
            # Writer lays the paragraph's format change under this change: it joins nothing after it.
            _flush(current, key, stream, out)
            current, key = [], ()
    _flush(current, key, stream, out)
    return out + _paragraph_format_revisions(stream)


def _first_portions(stream: StoryStream) -> set[int]:
    """The segments (by id) Writer's import treats as the first text portion of a paragraph with a
    formatting change (w:pPrChange): its first text segment, and each one right after a note reference,
    since Writer starts marking the paragraph again once it has read a note."""
    firsts: set[int] = set()
    seen: set[int] = set()  # paragraphs whose first portion is known
    after_note = False
    for seg in stream.segments:
        if seg.paragraph not in stream.para_changes or seg.is_mark or not seg.text:
            continue
        if seg.paragraph not in seen or after_note:
            firsts.add(id(seg))
            seen.add(seg.paragraph)
        after_note = seg.note is not None
    return firsts


def _combinable(a: tuple[Mark, ...], b: tuple[Mark, ...]) -> bool:
    """LibreOffice joins neighbouring changes of the same kinds and authors made within a minute
    (format changes only when they undo the same properties)."""
    if len(a) != len(b):
        return False
    return all(
        x.kind == y.kind and x.author == y.author and x.before == y.before and _within_minute(x.date, y.date)
        for x, y in zip(a, b, strict=True)
    )


def _within_minute(a: str, b: str) -> bool:
    if a == b:
        return True
    ta, tb = _timestamp(a), _timestamp(b)
    return ta is not None and tb is not None and abs((ta - tb).total_seconds()) <= 60


def _timestamp(value: str) -> datetime | None:
    return datetime_or_none(value)  # a w:date out of range ("99999-01-01…") is no date


def _key(seg: Segment) -> tuple[Mark, ...]:
    """The stack that decides which record a segment belongs to (a run's format change when nothing else)."""
    if seg.stack:
        return seg.stack
    if seg.fmt is not None and not seg.is_mark:
        return (seg.fmt,)
    return ()


def _flush(segs: list[Segment], key: tuple[Mark, ...], stream: StoryStream, out: list[Revision]) -> None:
    if not segs or not key:
        return
    top = key[-1]
    out.append(Revision(
        kind=top.kind, author=top.author, date=top.date, text="".join(s.text for s in segs),
        story=stream.story, anchor=stream.block_of(segs[0].paragraph), paragraph_mark=any(s.is_mark for s in segs),
        under=key[:-1], part=stream.part,
    ))


def _paragraph_format_revisions(stream: StoryStream) -> list[Revision]:
    """One record per stretch of a changed paragraph's text that Writer marks with the change: its first
    text portions (_first_portions), whatever changes they lie in, and every later portion in no other
    change (no insertion, deletion, move or run format change); text in other changes interrupts the
    stretch, and a first portion lying in a change starts a stretch of its own."""
    out: list[Revision] = []
    firsts = _first_portions(stream)
    for ordinal, mark in stream.para_changes.items():
        pieces: list[str] = [""]
        for seg in stream.segments:
            if seg.paragraph != ordinal or seg.is_mark:
                continue
            changed = bool(seg.stack) or seg.fmt is not None
            if id(seg) in firsts and changed and pieces[-1]:
                pieces.append(seg.text)  # laid on another change: a mark of its own
            elif id(seg) in firsts or not changed:
                pieces[-1] += seg.text
            elif seg.text:
                pieces.append("")
        for text in pieces:
            if text:
                out.append(Revision("paragraph-format", mark.author, mark.date, text, stream.story,
                                    stream.block_of(ordinal),
                                    part=stream.part))
    return out


def _row_revisions(stream: StoryStream) -> list[RowRevision]:
    """The table rows' own insertions and deletions, anchored at the row's first paragraph."""
    kinds = {"insert": "table-row-insert", "delete": "table-row-delete"}
    return [RowRevision(kinds[mark.kind], mark.author, mark.date, stream.block_of(anchor))
            for mark, anchor in stream.row_changes]


# Every element that marks a tracked change (run, paragraph, table, section or numbering level).
_ANY_REVISION = tuple(_W + t for t in (
    "ins", "del", "moveFrom", "moveTo", "moveFromRangeStart", "moveToRangeStart", "rPrChange", "pPrChange",
    "sectPrChange", "tblPrChange", "tblPrExChange", "tcPrChange", "trPrChange", "tblGridChange",
    "numberingChange", "cellIns", "cellDel", "cellMerge",
))


def _has_revision_markup(pkg: Package) -> bool:
    """Tell whether the body, notes, headers or footers hold any tracked-change element."""
    parts = [pkg.main_part]
    for suffix, _story, _tag in _NOTE_PARTS:
        part = pkg.related(pkg.main_part, suffix)
        if part and pkg.has(part):
            parts.append(part)
    for suffix, _story in _HEADER_FOOTER:
        parts.extend(_related_all(pkg, suffix))
    return any(next(pkg.xml(part).iter(*_ANY_REVISION), None) is not None for part in parts)
