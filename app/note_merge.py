"""Merge the tracked changes incoming redlines make inside footnotes and endnotes.

Each note of the draft (app.model.NoteStory) is merged as a draft of its own, with the paragraphs each input
has for the same note (matched by kind and id): authors, collisions and the report work as in the body, the
report naming the note ("66 fn1", "endnote 3"). Changes in a note the draft does not have are reported.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from app.attributed import IncomingParagraph
from app.model import Draft, NoteStory

if TYPE_CHECKING:
    from app.merge import Incoming, MergeResult, ReportLine


def merge_notes(draft: Draft, incoming: list[Incoming], date: datetime
                ) -> tuple[list[tuple[NoteStory, MergeResult]], list[ReportLine]]:
    """Per note of the draft that some input changes: the note and its merge; and a report line per input
    note the draft does not have."""
    from app.merge import NOT_APPLICABLE, Incoming, ReportLine, merge

    stories = {(s.kind, s.id): s for s in draft.notes}
    merged: list[tuple[NoteStory, MergeResult]] = []
    for story in draft.notes:
        key = (story.kind, story.id)
        sources = [Incoming(src.name, src.notes[key]) for src in incoming if key in src.notes]
        if sources:
            result = merge(story.draft, sources, date)
            for line in result.not_applicable:  # placed nowhere in the note: named by the note itself
                line.paragraph = line.paragraph or story.name
            merged.append((story, result))
    missing = [ReportLine(src.name, _authors(src.notes[key]), f"{key[0]} id {key[1]}", "modify", NOT_APPLICABLE,
                          f"a {key[0]} the draft does not have (or does not reference); carry it over by hand")
               for src in incoming for key in src.notes if key not in stories]
    return merged, missing


def _authors(paragraphs: list[IncomingParagraph]) -> str:
    names = sorted({c.author for p in paragraphs for c in p.changes if c.author})
    return ", ".join(names)
