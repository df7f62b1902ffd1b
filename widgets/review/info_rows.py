"""Rows of the Review panel for what a merge carries besides proposals: the inputs' formatting changes and the
tracked changes inside footnotes and endnotes. They are listed under the paragraph they belong to, so nothing an
input holds is out of sight, but they are not decided here: the compiled file carries them as Word revisions."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.format_placing import format_lines
from app.model import Draft
from widgets.review.kinds import change_kind, change_texts

if TYPE_CHECKING:
    from app.merge import MergeResult

COLLISION = "collision"  # app.merge's report status (not imported: the merge machinery loads with a merge)
FORMAT_TIP = ("A formatting change from {source}: the compiled file carries it as a Word formatting revision "
              "(accept or reject it in Word){why}")
NOTE_TIP = ("A change inside {note}, from {source}: the compiled file carries it as a tracked change in the note "
            "(accept or reject it in Word)")


@dataclass(frozen=True)
class InfoRow:
    """One listed change that is not a proposal of the review: its columns and tooltip."""

    kind: str
    by: str
    struck: str
    inserted: str
    status: str
    tip: str


def format_rows(result: MergeResult, shown: Collection[str] | None) -> dict[int, list[InfoRow]]:
    """The inputs' formatting changes placed on a paragraph, by paragraph index, of the authors shown."""
    out: dict[int, list[InfoRow]] = {}
    lines = format_lines(result.draft, result.formats, result.proposals)
    for pf, line in zip(result.formats, lines, strict=True):
        if pf.paragraph is None or (shown is not None and pf.author not in shown):
            continue
        status = "reported" if line.status == COLLISION else "in the compilation"
        why = f"; {line.reason}" if line.reason else ""
        out.setdefault(pf.paragraph, []).append(InfoRow(
            "formatting", pf.author or "Unattributed", "", line.change, status,
            FORMAT_TIP.format(source=pf.source or "an input", why=why)))
    return out


def note_rows(result: MergeResult, shown: Collection[str] | None) -> dict[int, list[InfoRow]]:
    """The tracked changes of each changed note, under the paragraph that references the note."""
    out: dict[int, list[InfoRow]] = {}
    for story, merged in result.notes:
        index = _referencing(result.draft, story.paragraph)
        if index is None:
            continue  # a note no labelled paragraph references: the merge report lists its changes
        for p in merged.proposals:
            if shown is not None and not set(shown).intersection(p.authors):
                continue
            struck, inserted = change_texts(story.draft, p)
            sources = ", ".join(dict.fromkeys(c.source for c in p.credits if c.source)) or "an input"
            out.setdefault(index, []).append(InfoRow(
                f"{story.name}: {change_kind(p)}", p.by, struck, inserted, "in the compilation",
                NOTE_TIP.format(note=story.name, source=sources)))
    return out


def _referencing(draft: Draft, label: str | None) -> int | None:
    if label is None:
        return None
    return next((p.index for p in draft.paragraphs if p.label == label), None)
