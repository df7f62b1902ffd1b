"""A text form's or a project's amendments to footnotes and endnotes ("66 fn1", "endnote 3"), merged like the
changes a redline makes inside its notes: each becomes the note's incoming paragraphs (Incoming.notes), keyed by
the draft's own note of that address, so app.note_merge merges it with every other input's changes to the note.

An address the draft has no note for is a report line, never a silent loss."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from app.amendment_paragraphs import amendments_as_incoming
from app.amendments import Amendment
from app.attributed import Change, IncomingParagraph
from app.merge import NOT_APPLICABLE, ReportLine
from app.model import Draft, NoteStory
from app.note_labels import find_note, is_note_address
from app.segments import Op

NoteKey = tuple[str, str]


def is_note_input(draft: Draft, label: str | None) -> bool:
    """Whether a quoted paragraph or amendment addresses a note rather than a paragraph of `draft`."""
    return bool(label) and is_note_address(label or "") and not draft.has_label(label or "")


def quoted_notes(draft: Draft, name: str, author: str, paragraphs: Sequence[IncomingParagraph]
                 ) -> tuple[dict[NoteKey, list[IncomingParagraph]], list[ReportLine]]:
    """Quoted note paragraphs (their changes on the note's text) as the draft's notes' incoming paragraphs."""
    notes: dict[NoteKey, list[IncomingParagraph]] = {}
    problems: list[ReportLine] = []
    for quoted in paragraphs:
        story = find_note(draft, quoted.label or "")
        if story is None or not story.draft.paragraphs:
            problems.append(_missing(name, author, quoted.label or ""))
            continue
        notes[(story.kind, story.id)] = _with_change(story, quoted)
    return notes, problems


def amended_notes(base: Draft, draft: Draft, name: str, author: str, amendments: Sequence[Amendment]
                  ) -> tuple[dict[NoteKey, list[IncomingParagraph]], list[ReportLine]]:
    """Amendments read on `base` that address its notes, as the incoming paragraphs of the draft's notes of the
    same address (the changes stay on the base note's text: the note merge aligns the two by text)."""
    notes: dict[NoteKey, list[IncomingParagraph]] = {}
    problems: list[ReportLine] = []
    for a in amendments:
        made_on, story = find_note(base, a.label), find_note(draft, a.label)
        if made_on is None or story is None:
            problems.append(_missing(name, a.attribution or author, a.label))
            continue
        paragraphs = amendments_as_incoming(made_on.draft, [a])
        for para in paragraphs:
            para.label, para.labelled = None, True  # placed by their text, as a redline's note paragraphs are
        notes[(story.kind, story.id)] = paragraphs
    return notes, problems


def _with_change(story: NoteStory, quoted: IncomingParagraph) -> list[IncomingParagraph]:
    """The note's paragraphs, the one the quote is most like carrying its changes."""
    paragraphs = story.draft.paragraphs
    target = max(range(len(paragraphs)), key=lambda i: fuzz.ratio(paragraphs[i].body, quoted.original))
    out = []
    for i, para in enumerate(paragraphs):
        if i == target:
            changes = [Change(Op.EQUAL, para.prefix), *quoted.changes] if para.prefix else list(quoted.changes)
            incoming = IncomingParagraph(para.anchor, changes, rationale=quoted.rationale)
        else:
            incoming = IncomingParagraph(para.anchor, [Change(Op.EQUAL, para.text)])
        incoming.labelled = True
        out.append(incoming)
    return out


def _missing(name: str, author: str, address: str) -> ReportLine:
    return ReportLine(name, author, None, "modify", NOT_APPLICABLE,
                      f"{address}: the draft has no such note; carry the change over by hand", old_label=address)
