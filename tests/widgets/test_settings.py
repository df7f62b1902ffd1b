"""widgets.settings: preferences and recent files over QSettings (an ini file here)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor

from widgets.document.paragraph_format import DEFAULT_AUTHOR_COLOUR
from widgets.settings import DEFAULT_FONT_SIZE, MAX_FONT_SIZE, MAX_RECENT, MIN_FONT_SIZE, Settings


def test_defaults_when_nothing_is_stored(tmp_path: Path) -> None:
    s = Settings.in_file(tmp_path / "s.ini")
    assert (s.author, s.organisation, s.has_identity()) == ("", "", False)
    assert s.author_colour == DEFAULT_AUTHOR_COLOUR
    assert s.font_size == DEFAULT_FONT_SIZE
    assert s.recent_files() == []


def test_values_persist_in_the_file(tmp_path: Path) -> None:
    s = Settings.in_file(tmp_path / "s.ini")
    s.author, s.organisation = "  Jane Doe ", "IMSB"
    s.author_colour = QColor("#228833")
    s.font_size = 14
    s.sync()
    again = Settings.in_file(tmp_path / "s.ini")
    assert (again.author, again.organisation, again.has_identity()) == ("Jane Doe", "IMSB", True)
    assert again.author_colour.name() == "#228833"
    assert again.font_size == 14


def test_font_size_is_kept_in_range(tmp_path: Path) -> None:
    s = Settings.in_file(tmp_path / "s.ini")
    s.font_size = 200
    assert s.font_size == MAX_FONT_SIZE
    s.font_size = 1
    assert s.font_size == MIN_FONT_SIZE
    s.store.setValue("look/font_size", "large")
    assert s.font_size == DEFAULT_FONT_SIZE


def test_recent_files_newest_first_without_duplicates_and_bounded(tmp_path: Path) -> None:
    s = Settings.in_file(tmp_path / "s.ini")
    files = [tmp_path / f"d{i}.docx" for i in range(MAX_RECENT + 3)]
    for f in files:
        s.add_recent_file(f)
    s.add_recent_file(files[-3])  # reopened: moves to the top, not duplicated
    recent = s.recent_files()
    assert len(recent) == MAX_RECENT
    assert recent[0] == files[-3].resolve() and recent[1] == files[-1].resolve()
    assert len(set(recent)) == MAX_RECENT


def test_a_single_recent_file_survives_the_ini_round_trip(tmp_path: Path) -> None:
    s = Settings.in_file(tmp_path / "s.ini")
    s.add_recent_file(tmp_path / "only.json")
    s.sync()
    assert Settings.in_file(tmp_path / "s.ini").recent_files() == [(tmp_path / "only.json").resolve()]


def test_remove_and_clear_recent_files(tmp_path: Path) -> None:
    s = Settings.in_file(tmp_path / "s.ini")
    s.add_recent_file(tmp_path / "a.docx")
    s.add_recent_file(tmp_path / "b.docx")
    s.remove_recent_file(tmp_path / "a.docx")
    assert s.recent_files() == [(tmp_path / "b.docx").resolve()]
    s.clear_recent_files()
    assert s.recent_files() == []
