"""app.untracked: an edited copy compared with the draft, every difference credited to one author."""

from __future__ import annotations

from app.model import Draft, Kind, Paragraph
from app.segments import Op
from app.untracked import edited_copy_changes


def _draft(*texts: str) -> Draft:
    return Draft([Paragraph(i, i, t, Kind.PARAGRAPH, t.split(".")[0], t.index("\t") + 1) for i, t in enumerate(texts)])


def test_changes_inserts_and_deletions_are_credited_and_renumbering_is_not_a_change() -> None:
    draft = _draft("1.\tWe meet in Geneva.", "2.\tWe urge all States to act.", "3.\tWe decide to review it.",
                   "4.\tWe request a report.")
    edited = _draft("1.\tWe meet in Geneva.", "1 bis.\tA wholly new paragraph here.",
                    "2.\tWe urge all States to act now.", "3.\tWe request a report.")
    out = edited_copy_changes(draft, edited, "Kenya", "2025-12-10T00:00:00Z")
    shapes = [(p.inserted, p.deleted, p.original, p.proposed) for p in out]
    assert shapes == [
        (False, False, "1.\tWe meet in Geneva.", "1.\tWe meet in Geneva."),
        (True, False, "", "1 bis.\tA wholly new paragraph here."),
        (False, False, "2.\tWe urge all States to act.", "2.\tWe urge all States to act now."),
        (False, True, "3.\tWe decide to review it.", ""),
        (False, False, "4.\tWe request a report.", "4.\tWe request a report."),  # renumbered by hand: unchanged
    ]
    assert {c.author for p in out for c in p.changes if c.op is not Op.EQUAL} == {"Kenya"}
    assert not out[4].changed
