"""Addresses of footnotes and endnotes in a text form: "66 fn1." (the first footnote referenced in para 66),
"66 en2." (the second endnote referenced there), or the note's printed number, "footnote 3." / "endnote 3."."""

from __future__ import annotations

import re

from app.amendments import Amendment
from app.model import Draft, NoteStory

_BY_PARAGRAPH = re.compile(r"^\s*(?P<para>\S(?:.*\S)?)\s+(?P<kind>fn|en)\s*(?P<n>\d{1,4})\s*$", re.IGNORECASE)
_BY_NUMBER = re.compile(r"^\s*(?P<kind>footnote|endnote)\s+(?P<n>\d{1,4})\s*$", re.IGNORECASE)


def is_note_address(text: str) -> bool:
    """Tell whether text has the shape of a note's address (whether or not a draft has that note)."""
    return bool(_BY_PARAGRAPH.match(text) or _BY_NUMBER.match(text))


def find_note(draft: Draft, address: str) -> NoteStory | None:
    """The draft's note an address names; None when it names none (or is no address)."""
    m = _BY_NUMBER.match(address)
    if m:
        kind, n = m.group("kind").lower(), int(m.group("n"))
        return next((s for s in draft.notes if s.kind == kind and s.number == n), None)
    m = _BY_PARAGRAPH.match(address)
    if m is None or not draft.has_label(m.group("para")):
        return None
    kind = "footnote" if m.group("kind").lower() == "fn" else "endnote"
    label, n = draft.resolve(m.group("para")), int(m.group("n"))
    return next((s for s in draft.notes if s.kind == kind and s.paragraph == label and s.order == n), None)


def note_named(draft: Draft, name: str) -> NoteStory | None:
    """The draft's note whose name (NoteStory.name) is `name` exactly."""
    return next((s for s in draft.notes if s.name == name), None)


NoteAmendments = list[tuple[NoteStory, list[Amendment]]]  # per note, the amendments to it


def by_note(draft: Draft, amendments: list[Amendment]) -> tuple[list[Amendment], NoteAmendments]:
    """The amendments to the body, and those to each note (their target is the note's name), note by note."""
    body: list[Amendment] = []
    notes: dict[str, tuple[NoteStory, list[Amendment]]] = {}
    for a in amendments:
        note = None if draft.has_label(a.target) else note_named(draft, a.target)
        if note is None:
            body.append(a)
        else:
            notes.setdefault(note.name, (note, []))[1].append(a)
    return body, list(notes.values())
