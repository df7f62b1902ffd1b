"""A paragraph's accepted text mapped back to the XML that holds it.

`paragraph_pieces` walks a `w:p` in document order and yields one Piece per text-bearing
run child (w:t, w:tab, w:br, …) and per non-text marker (footnote reference, drawing,
field character). Reader and writers both use it, so a character offset means the same
thing when reading a draft and when writing revisions onto it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from app.values import code_point_or_none
from docx_io.ns import W, w_attr

_W = f"{{{W}}}"
# Inline wrappers whose content is part of the paragraph's text.
_TRANSPARENT = {_W + n for n in ("hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo", "sdtContent")}
_INSERTED = {_W + "ins", _W + "moveTo"}
_REMOVED = {_W + "del", _W + "moveFrom"}
_SDT = _W + "sdt"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# What Word and Writer drop at the ends of a w:t without xml:space="preserve": XML white space and
# control characters, and the spaces of U+2000…U+200B, U+2028, U+2029 (no-break space stays).
_EDGE_SPACE = "".join(map(chr, range(1, 33))) + "".join(map(chr, range(0x2000, 0x200C))) + "\u2028\u2029"
_RUN = _W + "r"
_NO_TEXT = {_W + n for n in ("rPr", "delText", "delInstrText", "lastRenderedPageBreak", "annotationRef")}
_MARKERS = {
    _W + n for n in (
        "footnoteReference", "endnoteReference", "commentReference", "drawing", "pict", "object",
        "fldChar", "instrText", "separator", "continuationSeparator", "footnoteRef", "endnoteRef", "ruby",
    )
}


@dataclass(slots=True)  # one per run child of every paragraph: creation cost matters
class Piece:
    """One run child: its text ("" for markers) at `start` in the paragraph's accepted text."""

    start: int
    text: str
    run: etree._Element
    child: etree._Element
    inserted: bool  # inside w:ins / w:moveTo (an earlier author's tracked insertion)

    @property
    def end(self) -> int:
        """Offset just past this piece."""
        return self.start + len(self.text)


def paragraph_pieces(p: etree._Element) -> list[Piece]:
    """Pieces of a paragraph's accepted view (tracked deletions skipped, insertions kept)."""
    out: list[Piece] = []
    state = FieldState()
    _walk(p, out, False, state)
    return out


def paragraph_text(p: etree._Element) -> str:
    """A paragraph's accepted text."""
    return "".join(piece.text for piece in paragraph_pieces(p))


class FieldState:
    """Complex fields: text between fldChar begin and separate is the instruction, not shown."""

    def __init__(self) -> None:
        self.stack: list[bool] = []  # per open field: True while still in its instruction

    @property
    def in_instruction(self) -> bool:
        return bool(self.stack) and self.stack[-1]

    def update(self, fld_char: etree._Element) -> None:
        kind = w_attr(fld_char, "fldCharType")
        if kind == "begin":
            self.stack.append(True)
        elif kind == "separate" and self.stack:
            self.stack[-1] = False
        elif kind == "end" and self.stack:
            self.stack.pop()


def _walk(el: etree._Element, out: list[Piece], inserted: bool, state: FieldState) -> None:
    for child in el:
        tag = child.tag
        if tag == _RUN:
            _run_pieces(child, out, inserted, state)
        elif tag in _TRANSPARENT:
            _walk(child, out, inserted, state)
        elif tag == _SDT:
            content = child.find(_W + "sdtContent")
            if content is not None:
                _walk(content, out, inserted, state)
        elif tag in _INSERTED:
            _walk(child, out, True, state)
        elif tag in _REMOVED:
            _track_fields_only(child, state)


def _track_fields_only(el: etree._Element, state: FieldState) -> None:
    """Deleted runs still open and close fields in the file's structure."""
    for fld in el.iter(_W + "fldChar"):
        state.update(fld)


def _run_pieces(run: etree._Element, out: list[Piece], inserted: bool, state: FieldState) -> None:
    pos = out[-1].end if out else 0
    for child in run:
        tag = child.tag
        if tag in _NO_TEXT or not isinstance(tag, str):
            continue
        if tag == _W + "fldChar":
            state.update(child)
            out.append(Piece(pos, "", run, child, inserted))
            continue
        text = "" if state.in_instruction else child_text(child)
        out.append(Piece(pos, text, run, child, inserted))
        pos += len(text)


def child_text(child: etree._Element) -> str:
    """The text a run child shows (w:t and w:delText alike); "" for markers and what shows nothing."""
    local = child.tag[len(_W):] if isinstance(child.tag, str) and child.tag.startswith(_W) else ""
    if local in ("t", "delText"):
        return child.text or ""
    if local in ("tab", "ptab"):
        return "\t"
    if local == "br":
        return "\n" if w_attr(child, "type") in (None, "textWrapping") else ""
    if local == "cr":
        return "\n"
    if local == "noBreakHyphen":
        return "\u2011"
    if local == "softHyphen":
        return "\u00ad"
    if local == "sym":
        # A code XML cannot hold (a lone surrogate "D800", "0", past U+10FFFF) shows nothing.
        return code_point_or_none(w_attr(child, "char")) or ""
    return ""


def displayed_text(child: etree._Element) -> str:
    """The text a run child shows, with XML's white-space rules applied to w:t and w:delText.

    A line end inside the text shows as a space. Without xml:space="preserve" on the element or an
    ancestor, white space at either end is not part of the text and a tab is a space (as Word and
    LibreOffice read it). child_text keeps the raw characters, so offsets into child.text stay valid
    for the writers; the revision reader shows what a user sees.
    """
    text = child_text(child)
    if not text or child.tag not in (_W + "t", _W + "delText"):
        return text
    text = text.replace("\n", " ")
    if not _preserves_space(child):
        text = text.strip(_EDGE_SPACE).replace("\t", " ")
    return text


def _preserves_space(el: etree._Element | None) -> bool:
    """xml:space of the element, else of its nearest ancestor that sets it ("default" when none)."""
    while el is not None:
        value = el.get(_XML_SPACE)
        if value is not None:
            return value == "preserve"
        el = el.getparent()
    return False
