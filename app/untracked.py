"""An edited copy without tracked changes, read as a redline: compared with the draft, every
difference attributed to one author."""

from __future__ import annotations

from app.align import align
from app.attributed import Change, IncomingParagraph
from app.diff import diff_text
from app.model import Draft, Paragraph
from app.segments import Op


def edited_copy_changes(draft: Draft, edited: Draft, author: str, date: str = "") -> list[IncomingParagraph]:
    """The edited copy as attributed paragraphs on the draft's text, in the copy's order.

    A paragraph whose body is unchanged is unchanged even when its typed number differs (the
    author renumbered after inserting one); draft paragraphs missing from the copy are struck whole.
    """
    out: list[IncomingParagraph] = []
    for pair in align(draft.paragraphs, edited.paragraphs):
        old = draft.paragraphs[pair.old] if pair.old is not None else None
        new = edited.paragraphs[pair.new] if pair.new is not None else None
        if old is not None and new is not None:
            out.append(IncomingParagraph(len(out), _modified(old, new, author, date), in_table=old.in_table))
        elif old is not None:
            out.append(IncomingParagraph(len(out), [Change(Op.DELETE, old.text, author, date)], deleted=True,
                                         mark_deleted=True, in_table=old.in_table))
        elif new is not None:
            out.append(IncomingParagraph(len(out), [Change(Op.INSERT, new.text, author, date)], inserted=True,
                                         mark_inserted=True, in_table=new.in_table))
    return out


def _modified(old: Paragraph, new: Paragraph, author: str, date: str) -> list[Change]:
    if old.body == new.body:
        return [Change(Op.EQUAL, old.text)]
    changes = [Change(Op.EQUAL, old.prefix)] if old.prefix else []
    for seg in diff_text(old.body, new.body):
        changes.append(Change(seg.op, seg.text, author if seg.op is not Op.EQUAL else "",
                              date if seg.op is not Op.EQUAL else ""))
    return changes
