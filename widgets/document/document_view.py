"""The document view: the whole draft as one continuous text, with its amendments shown inline.

One QTextBlock per draft paragraph, plus one per new (bis/ter) paragraph after its anchor. Each
block's userState indexes the label it shows, so an edit re-renders that block alone.

While a merge is under review (`show_review`), paragraphs with incoming proposals show those instead
of our amendments, as Word shows changes under review: pending ones struck and inserted in the colour of
the author who proposed them, accepted ones applied (tinted), rejected ones gone, new paragraphs after the
one they follow; only the changes of the reviewers shown (`set_reviewers`).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QPaintEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from app.amendments import Amendment
from app.amendments import Kind as AmendmentKind
from app.errors import LabelError
from app.labels import label_key, parse_label
from app.model import PLAIN, Formatting, NoteStory, Paragraph
from app.model import Kind as ParagraphKind
from app.planning import new_paragraph_text
from app.review import Review
from app.segments import Op, Segment
from app.styled import StyledSegment, styled_segments
from app.wiring.session import Session
from widgets.document.block_layout import BlockLayout
from widgets.document.change_spans import next_change, proposal_span
from widgets.document.in_place_edit import InPlaceEditing
from widgets.document.margin_markers import MarginMarkers
from widgets.document.paragraph_format import DEFAULT_AUTHOR_COLOUR, char_format, serif_font, visible
from widgets.document.review_overlay import ReviewOverlay, review_overlay
from widgets.document.review_rendering import ReviewRenderingMixin
from widgets.document.typing_events import TypingMixin
from widgets.document.view_mode import ViewMode
from widgets.review.author_colours import AuthorColours

NOTE_SCALE = 0.85  # a note's text size, of the body's
NOTE_MARKER_COLOUR = QColor("#6b6b6b")


class DocumentView(TypingMixin, ReviewRenderingMixin, QTextBrowser):
    """The draft, continuous, redlines inline; type in it with tracked changes (Redline view), or
    double-click or Enter on a paragraph to edit it in the paragraph editor."""

    paragraphActivated = Signal(str)
    paragraphSelected = Signal(str)
    editRequested = Signal(object)  # an EditRequest: the window applies it to the session (undoable)
    editRefused = Signal(str)  # why a key could not change the text here

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentView")
        self.setAccessibleName("Document")
        self.setAccessibleDescription("The draft with its amendments. Enter or double-click edits a paragraph.")
        self.setOpenLinks(False)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(self.textInteractionFlags() | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self._session: Session | None = None
        self._mode = ViewMode.REDLINE
        self._points = 12
        self._author_colour = QColor(DEFAULT_AUTHOR_COLOUR)
        self._labels: list[str] = []  # userState -> label
        self._states: dict[str, int] = {}  # label -> userState
        self._blocks: dict[str, QTextBlock] = {}
        self._inserted: dict[str, list[str]] = {}  # anchor label -> new labels shown after it
        self._char_formats: dict[tuple[Formatting, Op, int], QTextCharFormat] = {}
        self._layout = BlockLayout(self._points, self.logicalDpiY())
        self._quiet = False  # no paragraphSelected while the view moves its own cursor
        self._selected: str | None = None
        self._draft_labels: frozenset[str] = frozenset()
        self._review: Review | None = None
        self._overlay: ReviewOverlay | None = None
        self._colours = AuthorColours()
        self._reviewers: frozenset[str] | None = None  # whose changes are shown (None: everyone's)
        self._index_blocks: dict[int, QTextBlock] = {}  # draft paragraph index -> block
        self._notes: dict[str, NoteStory] = {}  # a note's name ("66 fn1") -> the note, shown after its paragraph
        self.cursorPositionChanged.connect(self._on_cursor_moved)
        self._markers = MarginMarkers(self)
        self._typing = InPlaceEditing(lambda: self._session, self._label_of)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)  # read-only views get no input method
        self._apply_font()

    # --- public API ------------------------------------------------------------

    def show_session(self, session: Session, mode: ViewMode) -> None:
        """Render the whole draft in one edit block."""
        self._session, self._mode = session, mode
        self._blocks.clear()
        self._inserted.clear()
        self._index_blocks.clear()
        self._notes = {s.name: s for s in session.draft.notes if s.draft.paragraphs}
        self._draft_labels = session.draft.labels | frozenset(self._notes)
        notes_after: dict[str, list[NoteStory]] = {}
        for story in self._notes.values():
            notes_after.setdefault(story.paragraph or "", []).append(story)
        doc = self.document()
        self._markers.forget()
        self._quiet = True
        try:
            doc.clear()
            cursor = QTextCursor(doc)
            cursor.beginEditBlock()
            amended = session.amended_labels()
            anchors = {a.target for a in session.amendments if a.kind is AmendmentKind.INSERT}
            first = True
            for para in session.draft.paragraphs:
                if not first:
                    cursor.insertBlock()
                first = False
                self._write_paragraph(cursor, para, para.label in amended)
                if para.label in anchors and para.label not in self._inserted:
                    self._write_inserted(cursor, para)
                if self._overlay is not None and para.index in self._overlay.inserted:
                    self._write_review_inserted(cursor, para, self._overlay.inserted[para.index])
                for story in notes_after.get(para.label, []) if para.label else []:  # its notes, after it
                    cursor.insertBlock()
                    self._write_paragraph(cursor, story.draft.paragraphs[0], story.name in amended)
            cursor.endEditBlock()
            self.setTextCursor(QTextCursor(doc))
        finally:
            self._quiet = False
        self._selected = None

    def refresh_paragraph(self, label: str) -> None:
        """Re-render one paragraph (and the new paragraphs after it when they changed)."""
        if self._session is None:
            return
        label = _canonical(label)
        if label in self._draft_labels:
            block = self._block(label)
            if block is not None:
                self._rewrite(block, self._session.paragraph(label))
            if [a.label for a in self._wanted_inserts(label)] != self._inserted.get(label, []):
                self._sync_inserted(label)
        else:
            for anchor in self._anchors_of(label):
                self._sync_inserted(anchor)
        self.viewport().update()

    def set_mode(self, mode: ViewMode) -> None:
        """Show the draft with redlines, as proposed or as the original; keeps the current paragraph."""
        if mode is self._mode:
            return
        self._mode = mode
        if self._session is not None:
            label = self.current_label()
            self.show_session(self._session, mode)
            if label is not None:
                self.scroll_to(label)

    def mode(self) -> ViewMode:
        """The current view mode."""
        return self._mode

    def show_review(self, review: Review | None, colours: AuthorColours | None = None) -> None:
        """Show a merge's incoming changes in their authors' colours (None: our amendments again);
        re-renders the draft, keeping the scroll position."""
        self._review = review
        if colours is not None:
            self._colours = colours
        elif review is not None:
            self._colours = AuthorColours(review.listed_authors)
        self._overlay = review_overlay(review, self._colours, self._reviewers) if review else None
        if self._session is not None:
            scroll = self.verticalScrollBar().value()
            self.show_session(self._session, self._mode)
            self.verticalScrollBar().setValue(scroll)

    def review(self) -> Review | None:
        """The merge whose changes are shown, if any."""
        return self._review

    def set_reviewers(self, reviewers: set[str] | frozenset[str] | None) -> None:
        """Show only these reviewers' changes of the merge (None: everyone's), like Word's Show Markup ▸
        Specific People; the others' paragraphs show the draft's text."""
        wanted = None if reviewers is None else frozenset(reviewers)
        if wanted == self._reviewers:
            return
        self._reviewers = wanted
        if self._review is not None:
            self.show_review(self._review, self._colours)

    def reviewers(self) -> frozenset[str] | None:
        """The reviewers whose changes are shown (None: everyone's)."""
        return self._reviewers

    def scroll_to_paragraph(self, index: int) -> None:
        """Scroll a draft paragraph (by index, labelled or not) to the top."""
        block = self._index_blocks.get(index)
        if block is None or not block.isValid():
            return
        block = _nearest_visible(block)  # an accepted deletion is hidden, as in Word
        self._quiet = True
        try:
            self.setTextCursor(QTextCursor(block))
        finally:
            self._quiet = False
        self._selected = self._label_of(block)
        top = self.document().documentLayout().blockBoundingRect(block).top()
        self.verticalScrollBar().setValue(int(top))

    def block_for_paragraph(self, index: int) -> QTextBlock | None:
        """The block showing a draft paragraph (for tests and the window)."""
        return self._index_blocks.get(index)

    def scroll_to(self, label: str) -> None:
        """Put the cursor at the start of a paragraph and scroll it to the top (no paragraphSelected); a
        paragraph hidden in this mode (struck, in Proposed) puts the nearest shown one there instead."""
        block = self._block(_canonical(label))
        if block is None:
            return
        block = _nearest_visible(block)
        self._quiet = True
        try:
            self.setTextCursor(QTextCursor(block))
        finally:
            self._quiet = False
        self._selected = self._label_of(block)
        self.ensureCursorVisible()
        top = self.document().documentLayout().blockBoundingRect(block).top()
        self.verticalScrollBar().setValue(int(top))

    def select_change(self, delta: int) -> tuple[str | None, bool] | None:
        """Select the next (delta 1) or previous (-1) change after the selection, as Word's Next change does;
        the label of its paragraph (None for text outside labelled paragraphs) and whether the search wrapped
        round the document's end; None when no change is shown."""
        cursor = self.textCursor()
        here = cursor.selectionEnd() if delta > 0 else cursor.selectionStart()
        span, wrapped = next_change(self.document(), here, delta)
        if span is None:
            return None
        self._select(span.start, span.end)
        return self._label_of(self.textCursor().block()), wrapped

    def select_proposal(self, ident: str, index: int) -> bool:
        """Select a proposal's words under review, from its draft paragraph on (a new paragraph follows it);
        False when it shows no words here (a rejected or filtered-out proposal)."""
        block = self._index_blocks.get(index)
        span = proposal_span(self.document(), block, ident) if block is not None and block.isValid() else None
        if span is None:
            return False
        self._select(span.start, span.end)
        return True

    def _select(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self._quiet = True
        try:
            self.setTextCursor(cursor)
        finally:
            self._quiet = False
        self._selected = self._label_of(cursor.block())
        self.ensureCursorVisible()

    def current_label(self) -> str | None:
        """The label of the paragraph holding the cursor, None outside labelled paragraphs."""
        return self._label_of(self.textCursor().block())

    def label_at(self, pos: QPoint) -> str | None:
        """The label of the paragraph at a viewport position."""
        return self._label_of(self.cursorForPosition(pos).block())

    def block_for(self, label: str) -> QTextBlock | None:
        """The block showing a label (for tests and the window)."""
        return self._block(_canonical(label))

    def set_author_colour(self, colour: QColor) -> None:
        """The colour of inserted text (applied at the next render)."""
        self._author_colour = QColor(colour)
        self._char_formats.clear()

    def set_font_size(self, points: int) -> None:
        """The body font size; re-renders the draft."""
        self._points = points
        self._char_formats.clear()
        self._layout.resize(points, self.logicalDpiY())
        self._apply_font()
        if self._session is not None:
            self.show_session(self._session, self._mode)

    # --- events ----------------------------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:
        """Tooltips on amended paragraphs say what the amendment is."""
        if event.type() == QEvent.Type.ToolTip and self._session is not None:
            if self._overlay is not None:
                tip = self._review_tip(self.cursorForPosition(event.pos()).block())  # type: ignore[attr-defined]
                if tip:
                    QToolTip.showText(event.globalPos(), tip, self.viewport())  # type: ignore[attr-defined]
                    return True
            label = self.label_at(event.pos())  # type: ignore[attr-defined]
            amendment = self._session.amendment_for(label) if label else None
            if amendment is not None:
                QToolTip.showText(event.globalPos(), _describe(amendment), self.viewport())  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw a bar in the left margin beside amended paragraphs (a shape, not only a tint)."""
        super().paintEvent(event)
        self._markers.paint()

    # --- rendering ----------------------------------------------------------------

    def _apply_font(self) -> None:
        doc = self.document()
        doc.setDefaultFont(serif_font(self._points))
        option = QTextOption(doc.defaultTextOption())
        option.setTabStopDistance(self._layout.tab())
        doc.setDefaultTextOption(option)

    def _write_paragraph(self, cursor: QTextCursor, para: Paragraph, amended: bool) -> None:
        """Fill the (empty) block at the cursor with a draft paragraph (or the paragraph of a note)."""
        block = cursor.block()
        note = self._notes.get(para.label or "") if para.label else None
        if note is not None:
            self._write_note(cursor, para, note, amended)
            return
        self._index_blocks[para.index] = block
        if self._overlay is not None and (para.index in self._overlay.modified or para.index in self._overlay.deleted):
            self._write_reviewed(cursor, para, self._overlay)
            return
        amendment = (self._session.amendment_for(para.label) if amended and self._session and self._overlay is None
                     else None)
        pieces, shown = self._pieces(para, amendment)
        kind = amendment.kind.value if amendment is not None and amendment.kind is not AmendmentKind.INSERT else None
        cursor.setBlockFormat(self._block_format(para, para.body, kind))
        self._insert(cursor, pieces, para)
        block.setUserState(self._state(para.label) if para.label is not None else -1)
        block.setVisible(shown)
        if para.label is not None:
            self._blocks[para.label] = block

    def _write_inserted(self, cursor: QTextCursor, anchor: Paragraph) -> None:
        """New paragraphs after their anchor, each in a block of its own after the cursor's block."""
        labels = []
        for amendment in self._wanted_inserts(anchor.label or ""):
            cursor.insertBlock()
            text = new_paragraph_text(anchor, amendment)
            cursor.setBlockFormat(self._block_format(anchor, amendment.option.proposed, "insert"))
            self._insert(cursor, [StyledSegment(Op.INSERT, text, PLAIN)], anchor)
            block = cursor.block()
            block.setUserState(self._state(amendment.label))
            block.setVisible(True)
            self._blocks[amendment.label] = block
            labels.append(amendment.label)
        self._inserted[anchor.label or ""] = labels

    def _pieces(self, para: Paragraph, amendment: Amendment | None) -> tuple[list[StyledSegment], bool]:
        """What a draft paragraph shows in the current mode, and whether its block is visible."""
        changed = amendment is not None and amendment.kind is not AmendmentKind.INSERT
        segments = list(amendment.option.segments) if changed else [Segment(Op.EQUAL, para.body)]
        deleted = changed and amendment.kind is AmendmentKind.DELETE
        prefix_op = Op.DELETE if deleted else Op.EQUAL
        if not changed and len(para.runs) <= 1 and (para.prefix or not para.number_text):  # the common case
            pieces = [StyledSegment(Op.EQUAL, para.text, para.runs[0].formatting if para.runs else PLAIN)]
        elif para.prefix or not para.number_text:
            pieces = styled_segments(para, [Segment(prefix_op, para.prefix), *segments], 0)
        else:  # numbered automatically: show the number Word prints
            pieces = [StyledSegment(prefix_op, para.number_text + "\t", PLAIN), *styled_segments(para, segments)]
        return pieces, not (deleted and self._mode is ViewMode.PROPOSED)

    def _write_note(self, cursor: QTextCursor, para: Paragraph, note: NoteStory, amended: bool) -> None:
        """A footnote or endnote after the paragraph that references it: smaller, indented, its kind and number
        before it; typed in and amended like a paragraph, under the note's name ("66 fn1")."""
        block = cursor.block()
        amendment = self._session.amendment_for(para.label or "") if amended and self._session else None
        if self._overlay is not None:
            amendment = None
        pieces, shown = self._pieces(para, amendment)
        kind = amendment.kind.value if amendment is not None else None
        cursor.setBlockFormat(self._layout.note_format(para.body, kind))
        size = max(1, round(self._points * NOTE_SCALE))
        cursor.insertText(f"{note.kind.capitalize()} {note.number}:\u2002", self._note_marker_format(size))
        self._insert(cursor, pieces, para, size)
        block.setUserState(self._state(note.name))
        block.setVisible(shown)
        self._blocks[note.name] = block

    def _note_marker_format(self, size: int) -> QTextCharFormat:
        cf = QTextCharFormat(self._char_format(PLAIN, Op.EQUAL, size))
        cf.setForeground(NOTE_MARKER_COLOUR)
        return cf

    def _insert(self, cursor: QTextCursor, pieces: list[StyledSegment], para: Paragraph, size: int = 0) -> None:
        heading = para.kind is ParagraphKind.HEADING
        size = size or (round(self._points * 1.2) if heading and (para.heading_level or 9) <= 1 else 0)
        for piece in pieces:
            if not piece.text or not visible(piece.op, self._mode):
                continue
            op = piece.op if self._mode is ViewMode.REDLINE else Op.EQUAL
            fmt = replace(piece.formatting, bold=True) if heading else piece.formatting
            cursor.insertText(piece.text, self._char_format(fmt, op, size))

    def _char_format(self, fmt: Formatting, op: Op, size: int) -> QTextCharFormat:
        key = (fmt, op, size)
        cf = self._char_formats.get(key)
        if cf is None:
            cf = char_format(fmt, op, self._author_colour)
            if size:
                cf.setFontPointSize(size)
            self._char_formats[key] = cf
        return cf

    def _block_format(self, para: Paragraph, text: str, amended: str | None) -> QTextBlockFormat:
        """UN layout (widgets/document/block_layout.py) for a paragraph showing `text`."""
        return self._layout.block_format(para.kind is ParagraphKind.HEADING, text, amended)

    # --- the fast path ------------------------------------------------------------

    def _rewrite(self, block: QTextBlock, para: Paragraph) -> None:
        """Replace one draft paragraph's block contents."""
        assert self._session is not None
        was_visible = block.isVisible()
        cursor = QTextCursor(block)
        self._quiet = True
        try:
            cursor.beginEditBlock()
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            self._write_paragraph(cursor, para, para.label in self._session.amended_labels())
            cursor.endEditBlock()
        finally:
            self._quiet = False
        if block.isVisible() != was_visible:
            self.document().markContentsDirty(block.position(), block.length())

    def _wanted_inserts(self, anchor: str) -> list[Amendment]:
        if self._session is None or self._mode is ViewMode.ORIGINAL or self._overlay is not None:
            return []
        return sorted(self._session.inserted_after(anchor), key=lambda a: label_key(a.label))

    def _anchors_of(self, label: str) -> list[str]:
        """The anchors whose new paragraphs include `label`, now or as shown."""
        anchors = [anchor for anchor, labels in self._inserted.items() if label in labels]
        amendment = self._session.amendment_for(label) if self._session else None
        if amendment is not None and amendment.kind is AmendmentKind.INSERT and amendment.target not in anchors:
            anchors.append(amendment.target)
        return anchors

    def _sync_inserted(self, anchor: str) -> None:
        """Replace the new paragraphs shown after an anchor with those the session has."""
        assert self._session is not None
        block = self._block(anchor)
        if block is None:
            return
        doc = self.document()
        shown = [b for b in (self._block(lab) for lab in self._inserted.get(anchor, [])) if b is not None]
        self._quiet = True
        try:
            cursor = QTextCursor(doc)
            cursor.beginEditBlock()
            if shown:
                last = shown[-1]
                at_end = not last.next().isValid()
                if at_end:  # take the anchor's paragraph mark instead of the last one's
                    cursor.setPosition(block.position() + block.length() - 1)
                    cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
                else:
                    cursor.setPosition(shown[0].position())
                    cursor.setPosition(last.next().position(), QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
                for lab in self._inserted.pop(anchor):
                    self._blocks.pop(lab, None)
                if at_end:  # Qt may have kept the last block's state on the merged block: write it anew
                    block = self._blocks[anchor] = doc.findBlock(cursor.position())
                    self._rewrite(block, self._session.draft.by_label(anchor))
            cursor.setPosition(block.position() + block.length() - 1)
            self._write_inserted(cursor, self._session.draft.by_label(anchor))
            cursor.endEditBlock()
        finally:
            self._quiet = False

    # --- labels and blocks -----------------------------------------------------------

    def _state(self, label: str) -> int:
        state = self._states.get(label)
        if state is None:
            state = self._states[label] = len(self._labels)
            self._labels.append(label)
        return state

    def _label_of(self, block: QTextBlock) -> str | None:
        state = block.userState() if block.isValid() else -1
        return self._labels[state] if 0 <= state < len(self._labels) else None

    def _block(self, label: str) -> QTextBlock | None:
        """The block of a label; rescans the document if the remembered handle went stale."""
        block = self._blocks.get(label)
        if block is None or (block.isValid() and self._label_of(block) == label):
            return block
        self._blocks = {}
        block = self.document().begin()
        while block.isValid():
            found = self._label_of(block)
            if found is not None:
                self._blocks.setdefault(found, block)
            block = block.next()
        return self._blocks.get(label)

    def _on_cursor_moved(self) -> None:
        if self._quiet:
            return
        label = self.current_label()
        if label is not None and label != self._selected:
            self._selected = label
            amendment = self._session.amendment_for(label) if self._session else None
            self.setAccessibleDescription(_describe(amendment) if amendment else f"Paragraph {label}")
            self.paragraphSelected.emit(label)


def _nearest_visible(block: QTextBlock) -> QTextBlock:
    """The block itself when shown, else the closest shown one before it, else after it (a hidden block has no
    place on screen: scrolling to it would go to the top)."""
    for step in (QTextBlock.previous, QTextBlock.next):
        found = block
        while found.isValid() and not found.isVisible():
            found = step(found)
        if found.isValid():
            return found
    return block


def _canonical(label: str) -> str:
    try:
        return parse_label(label)
    except LabelError:
        return label


def _describe(amendment: Amendment) -> str:
    """A tooltip naming the amendment."""
    what = {AmendmentKind.MODIFY: "Amended", AmendmentKind.DELETE: "Deleted",
            AmendmentKind.INSERT: "New paragraph"}[amendment.kind]
    who = f" by {amendment.attribution}" if amendment.attribution else ""
    return f"{what}{who} (para {amendment.label}, {amendment.status.value})"
