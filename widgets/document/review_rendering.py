"""The document view's rendering of a merge under review, as Word shows changes being reviewed: each draft
paragraph with incoming proposals drawn in the colour of the author who proposed them, pending ones struck and
inserted, accepted ones applied (tinted), rival wordings of a collision as notes; proposed new paragraphs after
their anchor. Part of DocumentView (widgets/document/document_view.py)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QTextBlock, QTextCharFormat, QTextCursor

from app.model import PLAIN, Paragraph
from app.model import Kind as ParagraphKind
from app.segments import Op, Segment
from app.styled import StyledSegment, styled_segments
from widgets.document.change_spans import CHANGE_PROPERTY
from widgets.document.paragraph_format import char_format, visible
from widgets.document.review_overlay import Mark, ReviewOverlay
from widgets.document.view_mode import ViewMode

if TYPE_CHECKING:
    from widgets.document.document_view import DocumentView

    _Base = DocumentView
else:
    _Base = object

RIVAL_BACKGROUND = QColor(238, 238, 246)  # a rival wording's note: the tint of a comment balloon
ACCEPTED_BACKGROUND = QColor(222, 241, 222)  # accepted text under review: applied, tinted to tell it from the draft's


class ReviewRenderingMixin(_Base):
    """Writes the blocks of paragraphs under review; part of DocumentView."""

    def _write_reviewed(self, cursor: QTextCursor, para: Paragraph, overlay: ReviewOverlay) -> None:
        """A draft paragraph with its incoming changes, each in its author's colour."""
        block = cursor.block()
        deleted = overlay.deleted.get(para.index)
        marks = ([Mark(Segment(Op.DELETE, para.text), *deleted)] if deleted is not None
                 else overlay.modified[para.index])
        cursor.setBlockFormat(self._block_format(para, para.body, "delete" if deleted is not None else "modify"))
        if para.number_text and not para.prefix:
            number = Mark(Segment(Op.DELETE if deleted is not None else Op.EQUAL, para.number_text + "\t"),
                          *(deleted or (QColor(), False, "")))
            self._insert_marked(cursor, StyledSegment(number.segment.op, number.segment.text, PLAIN), number, para)
        at = 0
        for mark in marks:
            for piece in styled_segments(para, [mark.segment], at):
                self._insert_marked(cursor, piece, mark, para)
            at += 0 if mark.segment.op is Op.INSERT else len(mark.segment.text)
        block.setUserState(self._state(para.label) if para.label is not None else -1)
        gone = deleted is not None and (self._mode is ViewMode.PROPOSED
                                        or (deleted[1] and self._mode is ViewMode.REDLINE))
        block.setVisible(not gone)
        if para.label is not None:
            self._blocks[para.label] = block

    def _write_review_inserted(self, cursor: QTextCursor, anchor: Paragraph,
                               new: list[tuple[str, QColor, bool, str]]) -> None:
        """Proposed new paragraphs after their anchor (not editable here: no label state)."""
        for text, colour, accepted, ident in new:
            cursor.insertBlock()
            cursor.setBlockFormat(self._block_format(anchor, text, "insert"))
            mark = Mark(Segment(Op.INSERT, text), colour, accepted, ident)
            self._insert_marked(cursor, StyledSegment(Op.INSERT, text, PLAIN), mark, anchor)
            cursor.block().setUserState(-1)
            cursor.block().setVisible(self._mode is not ViewMode.ORIGINAL)

    def _insert_marked(self, cursor: QTextCursor, piece: StyledSegment, mark: Mark, para: Paragraph) -> None:
        """One piece of a paragraph under review: pending markup in its author's colour; in Redline an
        accepted change is applied (struck text gone, inserted text plain and tinted)."""
        if not piece.text or not visible(piece.op, self._mode):
            return
        if mark.rival:
            if self._mode is ViewMode.REDLINE:
                cursor.insertText(piece.text, self._rival_format(mark))
            return
        applied = mark.accepted and self._mode is ViewMode.REDLINE
        if applied and piece.op is Op.DELETE:
            return
        heading = para.kind is ParagraphKind.HEADING
        op = piece.op if self._mode is ViewMode.REDLINE and not applied else Op.EQUAL
        fmt = replace(piece.formatting, bold=True) if heading else piece.formatting
        cf = char_format(fmt, op, mark.colour)
        if op is Op.DELETE:
            cf.setForeground(mark.colour)
        if applied and piece.op is Op.INSERT:
            cf.setBackground(ACCEPTED_BACKGROUND)
            cf.setToolTip("Accepted")
        if op is not Op.EQUAL and mark.ident:
            cf.setProperty(CHANGE_PROPERTY, mark.ident)
        cursor.insertText(piece.text, cf)

    def _rival_format(self, mark: Mark) -> QTextCharFormat:
        """A rival wording's note: the author's colour, italic, on a comment's tint; not tracked text."""
        cf = QTextCharFormat()
        cf.setFontItalic(True)
        cf.setForeground(mark.colour)
        cf.setBackground(RIVAL_BACKGROUND)
        cf.setToolTip("A rival wording of this change (a comment in the compiled file): "
                      "resolve the collision in the Review panel")
        cf.setProperty(CHANGE_PROPERTY, mark.ident)
        return cf

    def _review_tip(self, block: QTextBlock) -> str:
        if self._overlay is None:
            return ""
        for index, shown in self._index_blocks.items():
            if shown == block:
                return self._overlay.tips.get(index, "")
        return ""
