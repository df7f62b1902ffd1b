"""Typing in the document view, as in Word with Track Changes on.

Each key that would change text becomes a tracked change of the paragraph(s) it touches, made on
app.redline_edit.RedlineEdit exactly as the paragraph editor makes it: typed text is inserted,
deleted original text is struck, deleting one's own insertion removes it. A selection across
paragraphs strikes the selected part of each. Paragraph numbers are not editable: a caret in a
number acts at the start of the paragraph's text.

The view does not change its text itself: it reports the new segments (`EditRequest`); the window
applies them to the session as one undoable command and re-renders the paragraph; then the caret
is put back where the edit left it.

Only the redline view of our own amendments is editable: the Proposed and Original views hide text
the edit would act on, and a merge under review is decided, not typed into.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QTextBlock, QTextCursor

from app.amendments import Kind as AmendmentKind
from app.redline_edit import RedlineEdit
from app.segments import Op, Segment
from app.wiring.session import Session
from widgets.text_input import from_qt, to_qt


@dataclass(frozen=True)
class EditRequest:
    """New segments for one or more paragraphs, the undo text, and where the caret goes after."""

    edits: list[tuple[str, list[Segment]]]  # (label, segments): every paragraph the edit changed
    description: str
    mergeable: bool  # consecutive typing in one paragraph is one undo step
    caret: tuple[str, int]  # (label, offset in its redline body) after the edit


@dataclass
class _Target:
    """One paragraph under the caret or selection: its edit, its number's length, the part selected."""

    label: str
    edit: RedlineEdit
    prefix: int  # code points of the number (and tab) before the body in the block
    start: int  # body offsets of the selected part (equal: the caret)
    end: int


class Refused(Exception):
    """The edit cannot be made here; the message says why and what to do."""


class InPlaceEditing:
    """Turns keys on the document view into tracked changes of the paragraphs under the cursor."""

    def __init__(self, session: Callable[[], Session | None], label_of: Callable[[QTextBlock], str | None]) -> None:
        self._session = session
        self._label_of = label_of

    # --- requests ------------------------------------------------------------------

    def type_text(self, cursor: QTextCursor, text: str, verb: str = "Typing") -> EditRequest:
        """Type (or paste) `text` over the selection, or at the caret."""
        targets = self._targets(cursor)
        first = targets[0]
        if len(targets) == 1 and first.start != first.end:
            pos = first.edit.replace(first.start, first.end, text)
            # typing over a selection and typing on are one undo step, as in Word
            return self._request(targets, verb, first, pos, mergeable=verb == "Typing")
        pos = self._strike(targets) if len(targets) > 1 else first.start
        pos = first.edit.type_text(pos, text)
        mergeable = verb == "Typing" and len(targets) == 1
        return self._request(targets, verb if len(targets) == 1 else "Replace", first, pos, mergeable=mergeable)

    def delete(self, cursor: QTextCursor, *, backward: bool, verb: str = "Delete") -> EditRequest:
        """Backspace or Delete: the selection, else the character before or after the caret."""
        targets = self._targets(cursor)
        first = targets[0]
        if len(targets) > 1 or first.start != first.end:
            return self._request(targets, verb, first, self._strike(targets), mergeable=False)
        pos = first.edit.backspace(first.start) if backward else first.edit.delete_forward(first.start)
        return self._request(targets, verb, first, pos, mergeable=True)

    def caret_position(self, block: QTextBlock, offset: int) -> int:
        """The document position of a body offset in a block just rendered."""
        text = block.text()
        body = self._body_view(self._label_of(block) or "")
        prefix = len(text) - len(body) if body is not None and text.endswith(body) else 0
        return block.position() + to_qt(text, prefix + max(0, min(offset, len(text) - prefix)))

    # --- reading the view -----------------------------------------------------------------

    def _targets(self, cursor: QTextCursor) -> list[_Target]:
        """The paragraphs the cursor's selection (or caret) touches, first to last."""
        doc = cursor.document()
        lo, hi = cursor.selectionStart(), cursor.selectionEnd()
        first, last = doc.findBlock(lo), doc.findBlock(hi)
        if first.blockNumber() != last.blockNumber() and hi == last.position():
            last = last.previous()  # a selection ending at a paragraph's start leaves that paragraph alone
        targets: list[_Target] = []
        block = first
        while block.isValid():
            target = self._target(block, lo, hi, lone=first == last)
            if target is not None:
                targets.append(target)
            if block == last:
                break
            block = block.next()
        if not targets:
            raise Refused("this paragraph has no number to amend it by; click in a numbered paragraph")
        return targets

    def _target(self, block: QTextBlock, lo: int, hi: int, *, lone: bool) -> _Target | None:
        label = self._label_of(block)
        if label is None or not block.isVisible():
            if lone:
                raise Refused("this paragraph has no number to amend it by; click in a numbered paragraph")
            return None  # headings and other unlabelled paragraphs inside a selection are left as they are
        edit = self._edit_for(label)
        text = block.text()
        prefix = len(text) - len(edit.view_text)
        if prefix < 0 or not text.endswith(edit.view_text):
            raise Refused(f"para {label} is not shown as its amendment has it; switch to the Redline view")
        start = self._body_offset(text, prefix, lo - block.position())
        end = self._body_offset(text, prefix, hi - block.position())
        return _Target(label, edit, prefix, start, end)

    @staticmethod
    def _body_offset(text: str, prefix: int, qt_position: int) -> int:
        at = from_qt(text, max(0, qt_position))
        return max(0, min(at - prefix, len(text) - prefix))

    def _edit_for(self, label: str) -> RedlineEdit:
        session = self._session()
        if session is None:
            raise Refused("no draft is open")
        amendment = session.amendment_for(label)
        if amendment is not None and amendment.kind is AmendmentKind.DELETE:
            raise Refused(f"para {label} is proposed for deletion; restore it (Edit ▸ Reject) before amending it")
        if amendment is not None and amendment.kind is AmendmentKind.INSERT:
            text = amendment.option.proposed.strip()  # as the view shows it (planning.new_paragraph_text)
            return RedlineEdit("", [Segment(Op.INSERT, text)] if text else None)
        body = session.paragraph(label).body
        return RedlineEdit(body, list(amendment.option.segments) if amendment is not None else None)

    def _body_view(self, label: str) -> str | None:
        try:
            return self._edit_for(label).view_text if label else None
        except (Refused, KeyError, LookupError):
            return None

    # --- edits --------------------------------------------------------------------------

    @staticmethod
    def _strike(targets: list[_Target]) -> int:
        """Delete the selected part of every target (struck where original); the caret offset in the first."""
        pos = targets[0].start
        for i, t in enumerate(targets):
            after = t.edit.delete_range(t.start, t.end)
            if i == 0:
                pos = after
        return pos

    @staticmethod
    def _request(targets: list[_Target], verb: str, first: _Target, pos: int, *, mergeable: bool) -> EditRequest:
        labels = ", ".join(t.label for t in targets)
        return EditRequest([(t.label, list(t.edit.segments)) for t in targets], f"{verb} in para {labels}",
                           mergeable, (first.label, pos))
