"""SettingsDialog: author, organisation, colour and font size, stored only when accepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from widgets.dialogs.settings_dialog import SettingsDialog
from widgets.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.in_file(tmp_path / "s.ini")


def test_first_run_needs_a_name_or_an_organisation(qtbot: QtBot, settings: Settings) -> None:
    d = SettingsDialog(settings, first_run=True)
    qtbot.addWidget(d)
    assert d.objectName() == "settingsDialog" and d.windowTitle() == "Welcome to Redline Desk"
    ok = d.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and "revisions need an author" in d.message.text()
    d.accept()  # refused as it is
    assert not settings.has_identity()
    qtbot.keyClicks(d.organisation, "IMSB")
    assert ok.isEnabled() and d.message.text() == ""


def test_accept_stores_everything(qtbot: QtBot, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    d = SettingsDialog(settings)
    qtbot.addWidget(d)
    qtbot.keyClicks(d.author, "Jane Doe")
    qtbot.keyClicks(d.organisation, "IMSB")
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#aa3377"))
    d.colour_button.click()
    assert d.colour_button.text() == "#aa3377"
    d.font_size.setValue(15)
    d.accept()
    again = Settings.in_file(Path(settings.store.fileName()))
    assert (again.author, again.organisation, again.author_colour.name(), again.font_size) == \
        ("Jane Doe", "IMSB", "#aa3377", 15)


def test_cancelled_colour_and_cancelled_dialog_change_nothing(qtbot: QtBot, settings: Settings,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    settings.author = "Jane"
    d = SettingsDialog(settings)
    qtbot.addWidget(d)
    before = d.colour().name()
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor())  # the user cancelled
    d.choose_colour()
    assert d.colour().name() == before
    d.author.setText("Someone else")
    d.reject()
    assert settings.author == "Jane"


def test_the_dialog_says_to_whom_revisions_will_be_credited(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings.in_file(tmp_path / "who.ini")
    dialog = SettingsDialog(settings, first_run=True)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.author, "Jane Doe")
    assert dialog.credit.text() == "Revisions will be credited to “Jane Doe”."
    qtbot.keyClicks(dialog.organisation, "IMSB")
    assert "credited to “IMSB”" in dialog.credit.text() and "your name is not written" in dialog.credit.text()
