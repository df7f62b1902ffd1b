"""Paragraph styles of a package: names by id, heading levels, and the default style."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from app.errors import DocumentError
from app.values import int_or_none
from docx_io.ns import W, w_attr

_W = f"{{{W}}}"
# Built-in and UN heading style names ("heading 2", "_ H_1", "_ H _Ch_G", "Title").
MAX_STYLE_CHAIN = 64  # styles in one w:basedOn chain; Word's own chains are a handful long
_HEADING_NAME = re.compile(r"^(?:heading\s*(\d)|_\s*h\s*_?\s*(ch|\d)|title)", re.IGNORECASE)


@dataclass
class StyleSheet:
    """What the reader needs to know about styles."""

    names: dict[str, str] = field(default_factory=dict)  # style id -> name
    outline: dict[str, int] = field(default_factory=dict)  # style id -> heading level (1-based), 0: body text
    based_on: dict[str, str] = field(default_factory=dict)
    default_paragraph: str | None = None

    def name(self, style_id: str | None) -> str | None:
        """The display name of a style id (the id itself when unknown)."""
        if style_id is None:
            return None
        return self.names.get(style_id, style_id)

    def heading_level(self, style_id: str | None) -> int | None:
        """The heading level a paragraph style gives (following basedOn, at most MAX_STYLE_CHAIN styles;
        a loop ends the chain), or None."""
        seen: list[str] = []
        while style_id and style_id not in seen and len(seen) < MAX_STYLE_CHAIN:
            seen.append(style_id)
            if style_id in self.outline:
                return self.outline[style_id] or None
            style_id = self.based_on.get(style_id)
        return None


def check_chains(sheet: StyleSheet, where: str) -> None:
    """Refuse a w:basedOn chain longer than MAX_STYLE_CHAIN: each style's depth is found once (memoised,
    no recursion), so 100,000 styles based one on the next cost one pass, not one walk per paragraph.
    A loop is cut where it closes (Word reads such files)."""
    depth: dict[str, int] = {}
    for start in sheet.based_on:
        path: list[str] = []
        on_path: set[str] = set()
        style: str | None = start
        while style is not None and style not in depth and style not in on_path:
            path.append(style)
            on_path.add(style)
            style = sheet.based_on.get(style)
        below = depth.get(style, 0) if style is not None else 0
        for sid in reversed(path):
            below += 1
            depth[sid] = below
            if below > MAX_STYLE_CHAIN:
                raise DocumentError(f"{where}: style '{sid[:40]}' is based on a chain of more than "
                                    f"{MAX_STYLE_CHAIN} styles (w:basedOn); the file is damaged or hostile, "
                                    "re-save it in Word")


def read_styles(styles: etree._Element | None, where: str = "styles.xml") -> StyleSheet:
    """Collect names, basedOn links and heading levels from styles.xml (DocumentError, naming `where`,
    for a basedOn chain past MAX_STYLE_CHAIN)."""
    sheet = StyleSheet()
    if styles is None:
        return sheet
    for style in styles.iter(_W + "style"):
        if w_attr(style, "type") not in (None, "paragraph"):
            continue
        sid = w_attr(style, "styleId")
        if not sid:
            continue
        name_el = style.find(_W + "name")
        name = (w_attr(name_el, "val") if name_el is not None else None) or sid
        sheet.names[sid] = name
        based = style.find(_W + "basedOn")
        if based is not None and w_attr(based, "val"):
            sheet.based_on[sid] = w_attr(based, "val") or ""
        if w_attr(style, "default") in ("1", "true"):
            sheet.default_paragraph = sid
        level = _level_of(style, name)
        if level is not None:
            sheet.outline[sid] = level
    check_chains(sheet, where)
    return sheet


def _level_of(style: etree._Element, name: str) -> int | None:
    outline = style.find(f"{_W}pPr/{_W}outlineLvl")
    if outline is not None:
        value = int_or_none(w_attr(outline, "val"), 0, 9)
        if value is None:
            value = 9
        # An explicit level 9 means body text, whatever the style is based on.
        return value + 1 if value < 9 else 0
    m = _HEADING_NAME.match(name.strip())
    if not m:
        return None
    if m.group(1):
        return int(m.group(1))
    if m.group(2):
        return 1 if m.group(2).lower() == "ch" else int(m.group(2)) + 1
    return 1
