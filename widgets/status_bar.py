"""The status bar: which draft is open, how many amendments it carries, and whether they are saved."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from widgets.elided_label import ElidedLabel


class StatusBar(QStatusBar):
    """Draft name, amendment count and saved state as permanent labels (words, not colours)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self.setAccessibleName("Status bar")
        self.draft_label = self._permanent("draftName", "Draft", ElidedLabel(parent=self))
        self.count_label = self._permanent("amendmentCount", "Amendments", QLabel(self))
        self.saved_label = self._permanent("savedState", "Saved state", QLabel(self))
        self.show_state("", 0, False)

    def _permanent(self, name: str, accessible: str, label: QLabel, stretch: int = 0) -> QLabel:
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        self.addPermanentWidget(label, stretch)  # a long draft name is elided, never widening the window
        return label

    def show_state(self, draft_name: str, amendment_count: int, unsaved: bool) -> None:
        """Show the draft's file name, "N amendments" and "Unsaved changes" or "Saved"."""
        self.draft_label.setText(draft_name or "No draft open")
        self.draft_label.setToolTip(draft_name)
        noun = "amendment" if amendment_count == 1 else "amendments"
        self.count_label.setText(f"{amendment_count} {noun}")
        self.saved_label.setText("Unsaved changes" if unsaved else "Saved")
