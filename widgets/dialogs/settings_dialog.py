"""Preferences: the author and organisation written on revisions, the author's colour, the font size."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from widgets.dialogs.credit import credit_line, credited_to
from widgets.dialogs.form_parts import message_label, ok_cancel
from widgets.settings import MAX_FONT_SIZE, MIN_FONT_SIZE, Settings


class SettingsDialog(QDialog):
    """Edits Settings; writes them only when accepted. On first run it explains why a name is needed."""

    def __init__(self, settings: Settings, parent: QWidget | None = None, *, first_run: bool = False,
                 before_export: bool = False, before_reword: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Who is exporting?" if before_export else "Who is rewording?" if before_reword else
                            "Welcome to Redline Desk" if first_run else "Preferences")
        self._settings = settings
        self._colour = settings.author_colour
        self.author = QLineEdit(settings.author, self)
        self.author.setObjectName("authorEdit")
        self.author.setAccessibleName("Author name")
        self.author.setPlaceholderText("Jane Doe")
        self.organisation = QLineEdit(settings.organisation, self)
        self.organisation.setObjectName("organisationEdit")
        self.organisation.setAccessibleName("Organisation")
        self.organisation.setPlaceholderText("e.g. IMSB, or your delegation")
        self.colour_button = QPushButton(self)
        self.colour_button.setObjectName("colourButton")
        self.colour_button.setAccessibleName("Colour of your insertions")
        self.colour_button.clicked.connect(self.choose_colour)
        self.font_size = QSpinBox(self)
        self.font_size.setObjectName("fontSizeSpin")
        self.font_size.setRange(MIN_FONT_SIZE, MAX_FONT_SIZE)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(settings.font_size)
        self.font_size.setAccessibleName("Font size")
        self.message = message_label(self, "settingsMessage")
        self.buttons = ok_cancel(self)
        form = QFormLayout(self)
        if first_run or before_export or before_reword:
            why = ("No name or organisation is set yet, and every revision in the file you export is credited "
                   "to one of them. " if before_export else
                   "No name or organisation is set yet, and your rewording is credited to one of them in the "
                   "merge. " if before_reword else
                   "Your name and organisation are written on every revision you make. ")
            intro = QLabel(why + "When an organisation is set, revisions are credited to it; otherwise to your "
                           "name. You can change them later in Preferences.", self)
            intro.setObjectName("settingsIntro")
            intro.setWordWrap(True)
            form.addRow(intro)
        form.addRow("&Author:", self.author)
        form.addRow("&Organisation:", self.organisation)
        self.credit = QLabel(self)
        self.credit.setObjectName("settingsCredit")
        self.credit.setWordWrap(True)
        form.addRow(self.credit)
        form.addRow("&Colour of insertions:", self.colour_button)
        form.addRow("&Font size:", self.font_size)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.author.textChanged.connect(self._changed)
        self.organisation.textChanged.connect(self._changed)
        self._show_colour()
        self._changed()

    def colour(self) -> QColor:
        """The colour chosen for insertions."""
        return QColor(self._colour)

    def set_colour(self, colour: QColor) -> None:
        """Choose the colour of insertions (ignored when invalid)."""
        if colour.isValid():
            self._colour = QColor(colour)
            self._show_colour()

    def choose_colour(self) -> None:
        """Ask for the colour of insertions."""
        self.set_colour(QColorDialog.getColor(self._colour, self, "Colour of your insertions"))

    def _show_colour(self) -> None:
        self.colour_button.setText(self._colour.name())
        self.colour_button.setStyleSheet(f"color: {self._colour.name()}; text-decoration: underline")

    def _changed(self) -> None:
        ok = bool(credited_to(self.author.text(), self.organisation.text()))
        self.credit.setText(credit_line(self.author.text(), self.organisation.text()) if ok else "")
        self.message.setText("" if ok else "Enter your name or your organisation: revisions need an author.")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def accept(self) -> None:
        """Store the preferences and close."""
        if not (self.author.text().strip() or self.organisation.text().strip()):
            return
        self._settings.author = self.author.text()
        self._settings.organisation = self.organisation.text()
        self._settings.author_colour = self._colour
        self._settings.font_size = self.font_size.value()
        self._settings.sync()
        super().accept()
