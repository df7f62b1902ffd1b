"""Merge the tracked changes incoming redlines make inside footnotes and endnotes.

Each note of the draft (app.model.NoteStory) is merged as a draft of its own, with the paragraphs each input
has for the same note: authors, collisions and the report work as in the body, the report naming the note
("66 fn1", "endnote 3"). An input's note is the draft's note of the same kind and printed number, or else of the
same w:id, whichever has the same text (LibreOffice renumbers ids on saving; a note added earlier in the text
shifts the numbers); changes in a note matched to none of the draft's are reported.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from app.attributed import IncomingParagraph
from app.model import Draft, NoteStory

if TYPE_CHECKING:
    from app.merge import Incoming, MergeResult, ReportLine

_SAME_NOTE = 60.0  # an input's note this alike (0-100) in its original text to one of the draft's is that note


def merge_notes(draft: Draft, incoming: list[Incoming], date: datetime
                ) -> tuple[list[tuple[NoteStory, MergeResult]], list[ReportLine]]:
    """Per note of the draft that some input changes: the note and its merge; and a report line per input
    note the draft does not have."""
    from app.merge import NOT_APPLICABLE, Incoming, ReportLine, merge

    merged: list[tuple[NoteStory, MergeResult]] = []
    used: set[tuple[str, tuple[str, str]]] = set()  # (input, its note key) matched to a draft note
    for story in draft.notes:
        sources = []
        for src in incoming:
            key = _match(story, src)
            if key is not None and (src.name, key) not in used:  # an input's note goes to one draft note only
                used.add((src.name, key))
                sources.append(Incoming(src.name, src.notes[key]))
        if sources:
            result = merge(story.draft, sources, date)
            for line in result.not_applicable:  # placed nowhere in the note: named by the note itself
                line.paragraph = line.paragraph or story.name
            merged.append((story, result))
    missing = [ReportLine(src.name, _authors(src.notes[key]), f"{key[0]} id {key[1]}", "modify", NOT_APPLICABLE,
                          f"a {key[0]} the draft does not have (or does not reference); carry it over by hand")
               for src in incoming for key in src.notes if (src.name, key) not in used]
    return merged, missing


def _match(story: NoteStory, src: Incoming) -> tuple[str, str] | None:
    """The key of the input's note that is the draft's `story`: by printed number, else by id, whichever is
    alike in text (an input without numbers: by id)."""
    by_number = next((k for k, n in src.note_numbers.items() if k[0] == story.kind and n == story.number
                      and k in src.notes), None)
    by_id = (story.kind, story.id) if (story.kind, story.id) in src.notes else None
    if not src.note_numbers:
        return by_id
    text = "\n".join(p.text for p in story.draft.paragraphs)
    for key in dict.fromkeys(k for k in (by_number, by_id) if k is not None):
        original = "\n".join(p.original for p in src.notes[key])
        if fuzz.ratio(original, text) >= _SAME_NOTE:
            return key
    return by_number if by_number == by_id else None


def _authors(paragraphs: list[IncomingParagraph]) -> str:
    names = sorted({c.author for p in paragraphs for c in p.changes if c.author})
    return ", ".join(names)
