"""Moves in the text form: a struck passage followed by "(moved to 100)", and the same passage inserted
in para 100 followed by "(moved from 103)":

    100. We decide that the Forum shall be made permanent, **maintaining its Secretariat.**(moved from 103)
    103. We ~~maintaining its Secretariat.~~(moved to 100) invite the Secretary-General …

The note sits right after the closing marker (no space), so it cannot be mistaken for the draft's own
words in brackets. Both halves must name each other and carry the same text; then they are one move
(written as w:moveFrom / w:moveTo). A half without its partner stays a plain strike or insertion, with
a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from app.amendments import Amendment, Kind
from app.labels import parse_label
from app.moves import new_move_name
from app.segments import Op, Segment

if TYPE_CHECKING:  # textform imports this module; only the type comes the other way
    from app.textform import Diagnostic

# A marked span directly followed by its note; spans never nest, so the span is the shortest run to its mark.
_STRUCK_NOTE = re.compile(r"~~((?:(?!~~).)+?)~~\(moved to ([^()]+)\)")
_INSERTED_NOTE = re.compile(r"\*\*((?:(?!\*\*).)+?)\*\*\(moved from ([^()]+)\)")
TO, FROM = "to", "from"


@dataclass(frozen=True)
class MoveNote:
    """One half of a move as the text form states it: which way, the other paragraph, the text marked."""

    direction: str  # TO: struck here, moved to `other`; FROM: inserted here, moved from `other`
    other: str
    text: str


def take_notes(body: str) -> tuple[str, list[MoveNote]]:
    """The markup without its "(moved to …)" / "(moved from …)" notes, and the notes in order."""
    notes: list[MoveNote] = []

    def struck(m: re.Match[str]) -> str:
        notes.append(MoveNote(TO, parse_label(m.group(2).strip()), m.group(1)))
        return f"~~{m.group(1)}~~"

    def inserted(m: re.Match[str]) -> str:
        notes.append(MoveNote(FROM, parse_label(m.group(2).strip()), m.group(1)))
        return f"**{m.group(1)}**"

    return _INSERTED_NOTE.sub(inserted, _STRUCK_NOTE.sub(struck, body)), notes


def link_moves(amendments: Iterable[tuple[Amendment, list[MoveNote]]], resolve: Mapping[str, str],
               warn: list[Diagnostic]) -> None:
    """Name the halves of each move whose two notes name each other over the same text, in place.

    `resolve` maps a label as typed to the draft's spelling of it; `warn` receives a warning per half left
    a plain strike or insertion."""
    from app.textform import Diagnostic, Severity

    by_label = {a.label: (a, notes) for a, notes in amendments if a.kind is not Kind.INSERT}
    for label, (amendment, notes) in by_label.items():
        for note in notes:
            if note.direction != TO:
                continue
            other = resolve.get(note.other, note.other)
            partner = by_label.get(other)
            back = next((n for n in partner[1] if n.direction == FROM and resolve.get(n.other, n.other) == label
                         and n.text.strip() == note.text.strip()), None) if partner else None
            linked = partner is not None and back is not None and _name_halves(amendment, partner[0], note.text)
            if not linked:
                warn.append(Diagnostic(Severity.WARNING, label, 0,
                                       f"'(moved to {note.other})' has no matching '(moved from {label})' passage "
                                       f"in para {note.other}; read as a strike"))
        for note in notes:
            if note.direction == FROM and not any(
                    s.move and s.op is Op.INSERT for o in amendment.options for s in o.segments):
                warn.append(Diagnostic(Severity.WARNING, label, 0,
                                       f"'(moved from {note.other})' has no matching '(moved to {label})' passage "
                                       f"in para {note.other}; read as an insertion"))


def _name_halves(source: Amendment, target: Amendment, text: str) -> bool:
    """Give the struck passage in `source` and the inserted one in `target` (same text) one move name."""
    want = text.strip()
    for option_s in source.options:
        i = _find(option_s.segments, Op.DELETE, want)
        if i is None:
            continue
        for option_t in target.options:
            j = _find(option_t.segments, Op.INSERT, want)
            if j is None or option_s.segments[i].text != option_t.segments[j].text:
                continue
            name = new_move_name()
            option_s.segments[i] = replace(option_s.segments[i], move=name)
            option_t.segments[j] = replace(option_t.segments[j], move=name)
            return True
    return False


def _find(segments: list[Segment], op: Op, text: str) -> int | None:
    return next((i for i, s in enumerate(segments) if s.op is op and not s.move and s.text.strip() == text), None)


def notes_of(amendments: Iterable[Amendment]) -> dict[tuple[str, Op], str]:
    """(move name, op) -> the note written after that half: "(moved to 100)" after the struck one,
    "(moved from 103)" after the inserted one. Only moves with both halves among `amendments` get notes."""
    where: dict[str, dict[Op, str]] = {}
    for a in amendments:
        if a.kind is Kind.INSERT:
            continue
        for o in a.options:
            for s in o.segments:
                if s.move and s.op is not Op.EQUAL:
                    where.setdefault(s.move, {})[s.op] = a.label
    out: dict[tuple[str, Op], str] = {}
    for name, halves in where.items():
        if Op.DELETE in halves and Op.INSERT in halves:
            out[(name, Op.DELETE)] = f"(moved to {halves[Op.INSERT]})"
            out[(name, Op.INSERT)] = f"(moved from {halves[Op.DELETE]})"
    return out
