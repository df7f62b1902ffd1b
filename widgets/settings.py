"""Settings: the user's name, organisation, colours, font size and recent files, over QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor

from widgets.document.paragraph_format import DEFAULT_AUTHOR_COLOUR

MAX_RECENT = 8
DEFAULT_FONT_SIZE = 12
MIN_FONT_SIZE, MAX_FONT_SIZE = 8, 32


class Settings:
    """Typed access to the stored preferences (a custom QSettings, e.g. an ini file, for tests)."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings()

    @classmethod
    def in_file(cls, path: Path) -> Settings:
        """Settings kept in an ini file (tests, portable use)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    @property
    def store(self) -> QSettings:
        """The underlying QSettings."""
        return self._store

    def _text(self, key: str) -> str:
        value = self._store.value(key, "")
        return str(value) if value is not None else ""

    # --- who is amending -------------------------------------------------------

    @property
    def author(self) -> str:
        """The author name written on every revision."""
        return self._text("user/author")

    @author.setter
    def author(self, value: str) -> None:
        self._store.setValue("user/author", value.strip())

    @property
    def organisation(self) -> str:
        """The organisation (revisions are written under it when set)."""
        return self._text("user/organisation")

    @organisation.setter
    def organisation(self, value: str) -> None:
        self._store.setValue("user/organisation", value.strip())

    def has_identity(self) -> bool:
        """True once an author or an organisation has been stored (no first-run prompt then)."""
        return bool(self.author or self.organisation)

    def credit(self) -> str:
        """Who revisions are credited to: the organisation, else the name ("" when neither is set)."""
        return self.organisation or self.author

    # --- what each dialog last used ----------------------------------------------

    def remembered(self, dialog: str, key: str, default: str = "") -> str:
        """What a dialog last used for `key` (a folder, a form…), or `default`."""
        value = self._store.value(f"dialogs/{dialog}/{key}", default)
        return str(value) if value is not None else default

    def remember(self, dialog: str, key: str, value: str) -> None:
        """Keep what a dialog used for `key`, for the next time it opens."""
        self._store.setValue(f"dialogs/{dialog}/{key}", value)

    def remembered_folder(self, dialog: str) -> Path | None:
        """The folder a dialog last wrote to, if it still exists."""
        text = self.remembered(dialog, "folder")
        return Path(text) if text and Path(text).is_dir() else None

    # --- look ------------------------------------------------------------------

    @property
    def author_colour(self) -> QColor:
        """The colour of the author's insertions."""
        colour = QColor(self._text("look/author_colour"))
        return colour if colour.isValid() else QColor(DEFAULT_AUTHOR_COLOUR)

    @author_colour.setter
    def author_colour(self, value: QColor) -> None:
        self._store.setValue("look/author_colour", QColor(value).name())

    @property
    def font_size(self) -> int:
        """The body font size of the document view and editor, in points."""
        try:
            size = int(str(self._store.value("look/font_size", DEFAULT_FONT_SIZE)))
        except (TypeError, ValueError):
            return DEFAULT_FONT_SIZE
        return min(max(size, MIN_FONT_SIZE), MAX_FONT_SIZE)

    @font_size.setter
    def font_size(self, value: int) -> None:
        self._store.setValue("look/font_size", int(min(max(value, MIN_FONT_SIZE), MAX_FONT_SIZE)))

    # --- recent files ------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        """Recently opened drafts and projects, newest first (at most MAX_RECENT)."""
        raw = self._store.value("files/recent", [])
        if isinstance(raw, str):  # QSettings gives a lone value back as a string
            raw = [raw] if raw else []
        items = raw if isinstance(raw, list | tuple) else []
        return [Path(str(p)) for p in items][:MAX_RECENT]

    def add_recent_file(self, path: Path) -> None:
        """Put a file at the top of the recent list."""
        path = Path(path).resolve()
        files = [path, *(p for p in self.recent_files() if p != path)][:MAX_RECENT]
        self._store.setValue("files/recent", [str(p) for p in files])

    def remove_recent_file(self, path: Path) -> None:
        """Drop a file from the recent list (e.g. it no longer exists)."""
        path = Path(path).resolve()
        self._store.setValue("files/recent", [str(p) for p in self.recent_files() if p != path])

    def clear_recent_files(self) -> None:
        """Forget all recent files."""
        self._store.setValue("files/recent", [])

    def sync(self) -> None:
        """Write pending changes to storage."""
        self._store.sync()
