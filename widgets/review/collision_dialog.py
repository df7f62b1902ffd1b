"""A collision: the colliding proposals side by side with their authors; pick one, combine them,
or write a new wording of the passage they dispute.

The dialog changes nothing itself: `choice()` says what the reviewer chose and the window applies it
(Review.pick or Review.combine) as an undoable command.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.model import Draft
from app.proposals import Proposal, ProposalKind
from widgets.dialogs.form_parts import message_label
from widgets.document.paragraph_format import serif_font
from widgets.review.author_colours import AuthorColours

CONTEXT = 80  # characters of the paragraph shown before and after the disputed passage
PICK, COMBINE, REWORD = "pick", "combine", "reword"


@dataclass(frozen=True)
class CollisionChoice:
    """What the reviewer chose: pick one proposal, combine them, or reword the passage with `text`."""

    action: str
    ids: list[str] = field(default_factory=list)
    text: str | None = None


def span_of(draft: Draft, p: Proposal) -> tuple[int, int]:
    """The part of its paragraph's full text a proposal touches."""
    para = draft.paragraphs[p.paragraph]
    if p.kind is ProposalKind.DELETE:
        return para.body_start, len(para.text)
    return p.start, p.end


def joint_span(draft: Draft, proposals: list[Proposal]) -> tuple[int, int]:
    """The passage colliding proposals dispute: from the first start to the last end."""
    spans = [span_of(draft, p) for p in proposals]
    return min(s for s, _ in spans), max(e for _, e in spans)


class CollisionDialog(QDialog):
    """The colliding proposals of one paragraph side by side; `choice()` once accepted."""

    def __init__(self, draft: Draft, proposals: list[Proposal], colours: AuthorColours,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("collisionDialog")
        para = draft.paragraphs[proposals[0].paragraph]
        name = para.display_label or "this paragraph"
        self.setWindowTitle(f"Collision in para {name}")
        self.resize(900, 480)
        self._draft = draft
        self._proposals = proposals
        self._choice: CollisionChoice | None = None
        start, end = joint_span(draft, proposals)
        intro = QLabel(f"{len(proposals)} proposals change the same words of para {name}. Pick one, combine "
                       "them, or write your own wording of the passage.", self)
        intro.setWordWrap(True)
        row = QHBoxLayout()
        self.views: list[QTextBrowser] = []
        self.pick_buttons: list[QPushButton] = []
        for n, p in enumerate(proposals, 1):
            colour = colours.of_proposal(p.authors)
            box = QGroupBox(f"{n}. {p.by}", self)
            box.setObjectName(f"collisionProposal_{p.id}")
            box.setStyleSheet(f"QGroupBox {{ color: {colour.name()}; font-weight: bold; }}")
            view = QTextBrowser(box)
            view.setObjectName(f"collisionText_{p.id}")
            view.setAccessibleName(f"Proposal {n} by {p.by}")
            self._render(view, para.text, start, end, p, colour)
            rationale = "; ".join(c.rationale for c in p.credits if c.rationale)
            pick = QPushButton(f"&{n} Pick This" if n < 10 else "Pick This", box)
            pick.setObjectName(f"collisionPick_{p.id}")
            pick.setToolTip(f"Accept the proposal of {p.by} and reject the others")
            pick.clicked.connect(lambda *_, pid=p.id: self.pick(pid))
            inner = QVBoxLayout(box)
            inner.addWidget(view, 1)
            if rationale:
                why = QLabel(f"Rationale: {rationale}", box)
                why.setWordWrap(True)
                inner.addWidget(why)
            inner.addWidget(pick)
            row.addWidget(box, 1)
            self.views.append(view)
            self.pick_buttons.append(pick)
        holder = QWidget(self)
        holder.setLayout(row)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.combine_button = QPushButton("C&ombine Them", self)
        self.combine_button.setObjectName("collisionCombine")
        self.combine_button.setToolTip("One change over the whole passage: each proposal's wording in turn, "
                                       "crediting every author")
        self.combine_button.clicked.connect(self.combine)
        combinable = all(p.kind is not ProposalKind.INSERT for p in proposals)
        self.combine_button.setEnabled(combinable)
        self.wording = QPlainTextEdit(para.text[start:end], self)
        self.wording.setObjectName("collisionWording")
        self.wording.setAccessibleName("Your wording of the passage")
        self.wording.setFixedHeight(80)
        self.wording.setTabChangesFocus(True)
        wording_label = QLabel(f"Your &wording of “{_short(para.text[start:end])}”:", self)
        wording_label.setBuddy(self.wording)
        self.reword_button = QPushButton("Use &My Wording", self)
        self.reword_button.setObjectName("collisionReword")
        self.reword_button.setToolTip("Replace the passage with your wording, credited to you; the proposals "
                                      "are rejected")
        self.reword_button.clicked.connect(self.reword)
        self.reword_button.setEnabled(combinable)
        self.message = message_label(self, "collisionMessage")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.combine_button)
        actions.addStretch(1)
        actions.addWidget(self.reword_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(wording_label)
        layout.addWidget(self.wording)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _render(self, view: QTextBrowser, text: str, start: int, end: int, p: Proposal, colour: QColor) -> None:
        """The passage with context, as this proposal would have it: struck and inserted in its colour."""
        view.document().setDefaultFont(serif_font(11))
        cursor = QTextCursor(view.document())
        plain = QTextCharFormat()
        struck = QTextCharFormat()
        struck.setFontStrikeOut(True)
        struck.setForeground(colour)
        inserted = QTextCharFormat()
        inserted.setFontUnderline(True)
        inserted.setForeground(colour)
        lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
        s, e = span_of(self._draft, p)
        cursor.insertText(("…" if lo else "") + text[lo:s], plain)
        cursor.insertText(text[s:e], struck)
        if p.kind is ProposalKind.MODIFY:
            cursor.insertText(p.text, inserted)
        cursor.insertText(text[e:hi] + ("…" if hi < len(text) else ""), plain)

    # --- choices --------------------------------------------------------------------------------

    def pick(self, proposal_id: str) -> None:
        """Choose one proposal."""
        self._choice = CollisionChoice(PICK, [proposal_id])
        self.accept()

    def combine(self) -> None:
        """Combine the proposals into one change."""
        self._choice = CollisionChoice(COMBINE, [p.id for p in self._proposals])
        self.accept()

    def reword(self) -> None:
        """Replace the passage with the reviewer's wording."""
        text = self.wording.toPlainText().replace("\n", " ")
        self._choice = CollisionChoice(REWORD, [p.id for p in self._proposals], text)
        self.accept()

    def choice(self) -> CollisionChoice | None:
        """What was chosen (None when cancelled)."""
        return self._choice


def _short(text: str, limit: int = 50) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
