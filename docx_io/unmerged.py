"""Tracked changes a merge does not carry: those in headers, footers and text boxes, and formatting
changes there and in notes (the body's formatting changes are merged: docx_io.format_reader; the notes' text
changes: app.note_merge).

They are counted per author and place so that the merge report can say what was left for the user.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from lxml import etree

from docx_io.ns import NSMAP, W, w_attr
from docx_io.package import Package

_W = f"{{{W}}}"
_TEXT_CHANGES = tuple(_W + t for t in ("ins", "del", "moveFrom", "moveTo"))
_FORMAT_CHANGES = tuple(_W + t for t in ("rPrChange", "pPrChange"))
_TEXT_BOX = _W + "txbxContent"
_FALLBACK = f"{{{NSMAP['mc']}}}Fallback"  # Word writes each text box twice: DrawingML, then VML here
_STORIES = (("footnotes", "footnotes"), ("endnotes", "endnotes"), ("header", "headers"), ("footer", "footers"))


@dataclass(frozen=True)
class Unmerged:
    """`count` tracked changes of one author, of one sort (text or formatting), in one place."""

    author: str
    where: str  # footnotes, endnotes, headers, footers, text boxes, body
    sort: str  # text, formatting
    count: int


def unmerged_changes(pkg: Package) -> list[Unmerged]:
    """Text changes outside the body's own paragraphs and formatting changes anywhere, counted per author
    and place."""
    counts: Counter[tuple[str, str, str]] = Counter()
    parts = [(pkg.main_part, "body")] + [(n, w) for n in sorted(pkg.names) if (w := _story(n)) is not None]
    for name, where in parts:
        root = pkg.xml(name)
        if where not in ("body", "footnotes", "endnotes"):  # the notes' text changes are merged (app.note_merge)
            for el in root.iter(*_TEXT_CHANGES):
                counts[(w_attr(el, "author") or "", where, "text")] += 1
        for el in _text_box_changes(root):
            counts[(w_attr(el, "author") or "", "text boxes", "text")] += 1
        for el in root.iter(*_FORMAT_CHANGES) if where != "body" else ():  # the body's are merged
            counts[(w_attr(el, "author") or "", where, "formatting")] += 1
    return [Unmerged(author, where, sort, n) for (author, where, sort), n in sorted(counts.items())]


def _text_box_changes(root: etree._Element) -> list[etree._Element]:
    """Text changes inside text boxes, each text box counted once (its DrawingML form)."""
    return [el for box in root.iter(_TEXT_BOX)
            if not any(a.tag == _FALLBACK for a in box.iterancestors()) for el in box.iter(*_TEXT_CHANGES)]


def _story(name: str) -> str | None:
    if not name.startswith("word/") or not name.endswith(".xml") or "/" in name[5:]:
        return None
    base = name[5:-4]
    for prefix, where in _STORIES:
        if base.startswith(prefix):
            return where
    return None

