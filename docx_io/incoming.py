"""Read someone else's tracked-change file paragraph by paragraph: original text, changes and authors.

Text in w:ins (or w:moveTo) is inserted by its author, text in w:del (or w:moveFrom) deleted by its
author. Text one author inserted and another deleted (w:del inside w:ins) is in neither the original
nor the accept-all text; it is read as the inserting author's, marked struck by the other
(Change.struck_by): the first proposes the whole insertion, the second that insertion without those
words. An author deleting their own insertion leaves nothing to read. A paragraph whose mark and
text are all inserted is a new paragraph; one whose mark and text are all deleted is struck whole.
Moved text keeps the name of its w:moveFromRangeStart / w:moveToRangeStart (Change.move): the two
halves of one move share it.
"""

from __future__ import annotations

from lxml import etree

from app.attributed import Change, IncomingParagraph
from app.segments import Op
from docx_io.main_part import wordprocessing_document
from docx_io.ns import W, w_attr
from docx_io.package import Package
from docx_io.paragraphs import body_of, iter_block_paragraphs
from docx_io.text_map import FieldState, child_text

_W = f"{{{W}}}"
_INSERTED = (_W + "ins", _W + "moveTo")
_REMOVED = (_W + "del", _W + "moveFrom")
_TRANSPARENT = {_W + n for n in ("hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo", "sdtContent")}
_RUN, _T, _DEL_TEXT, _TAB, _RPR, _FLD_CHAR = (_W + n for n in ("r", "t", "delText", "tab", "rPr", "fldChar"))
_SDT, _SDT_CONTENT = _W + "sdt", _W + "sdtContent"
_PPR = _W + "pPr"
_P = _W + "p"
_CONTAINERS = {*_INSERTED, *_REMOVED, *_TRANSPARENT, _SDT}  # what _walk goes into besides runs
_EQUAL = (Op.EQUAL, "", "", "", "", "")
_MOVE_WRAPPERS = {_W + "moveFrom": "moveFrom", _W + "moveTo": "moveTo"}

Key = tuple[Op, str, str, str, str, str]  # (op, author, date, struck by, struck date, move name) of a change


def read_incoming(pkg: Package) -> list[IncomingParagraph]:
    """The body paragraphs of a redlined file with their attributed changes, in document order."""
    body = body_of(wordprocessing_document(pkg))
    if body is None:
        return []
    return read_story(body)


def read_story(body: etree._Element) -> list[IncomingParagraph]:
    """The block paragraphs below `body` (the w:body, or one w:footnote / w:endnote) with their attributed
    changes, in document order; anchors are their ordinals there."""
    out: list[IncomingParagraph] = []
    revised = _revised_paragraphs(body)
    moves = move_names(body)
    for anchor, (p, in_table) in enumerate(iter_block_paragraphs(body)):
        plain = None if p in revised else _plain_text(p)
        if plain is not None:  # most paragraphs: no change, no field, only text and tabs
            out.append(IncomingParagraph(anchor, [Change(Op.EQUAL, plain)] if plain else [], in_table=in_table))
            continue
        changes = _Changes()
        changes.moves = moves
        mark = _walk(p, changes, _EQUAL)  # the paragraph mark's run properties, pPr/rPr
        para = IncomingParagraph(anchor, changes.done(), in_table=in_table)
        mark_ins = mark is not None and mark.find(_W + "ins") is not None
        mark_del = mark is not None and mark.find(_W + "del") is not None
        kinds = {c.op for c in para.changes}
        para.mark_inserted, para.mark_deleted = mark_ins, mark_del
        changed_mark = None if mark is None else mark.find(_W + ("del" if mark_del else "ins"))
        if changed_mark is not None:
            para.mark_author = w_attr(changed_mark, "author") or ""
        para.inserted = mark_ins and kinds <= {Op.INSERT}
        para.deleted = mark_del and kinds <= {Op.DELETE}
        # A paragraph typed after another (Enter at its end): the other's mark is the inserted one.
        if out and out[-1].mark_inserted and kinds == {Op.INSERT} and not mark_del:
            para.inserted = True
        out.append(para)
    return out


def _revised_paragraphs(body: etree._Element) -> set[etree._Element]:
    """Paragraphs with a w:ins or w:del anywhere in them (their text or their mark)."""
    return {p for el in body.iter(_W + "ins", _W + "del") for p in el.iterancestors(_P)}


def move_names(body: etree._Element) -> dict[etree._Element, str]:
    """Each w:moveFrom / w:moveTo (not a mark's) -> the w:name of the move range it lies in, in document order
    (a range opens at its RangeStart and closes at the RangeEnd with the same id; Word may put the end
    after the paragraph)."""
    out: dict[etree._Element, str] = {}
    if not any(True for _ in body.iter(_W + "moveFromRangeStart", _W + "moveToRangeStart")):
        return out
    open_ranges: dict[str, dict[str, str]] = {"moveFrom": {}, "moveTo": {}}
    for el in body.iter(_W + "moveFromRangeStart", _W + "moveFromRangeEnd", _W + "moveToRangeStart",
                        _W + "moveToRangeEnd", *_MOVE_WRAPPERS):
        tag = etree.QName(el).localname
        kind = tag.removesuffix("RangeStart").removesuffix("RangeEnd")
        if tag.endswith("RangeStart"):
            open_ranges[kind][w_attr(el, "id") or ""] = w_attr(el, "name") or ""
        elif tag.endswith("RangeEnd"):
            open_ranges[kind].pop(w_attr(el, "id") or "", None)
        elif open_ranges[kind] and (parent := el.getparent()) is not None and parent.tag != _RPR:
            out[el] = next(reversed(open_ranges[kind].values()))  # the innermost open range
    return out


def _plain_text(p: etree._Element) -> str | None:
    """The text of a paragraph without revisions, read the way _walk reads it; None when the paragraph
    has a field, or runs in a container (read those with _walk)."""
    parts: list[str] = []
    for child in p:
        tag = child.tag
        if tag == _RUN:
            for el in child:
                t = el.tag
                if t == _T:
                    parts.append(el.text or "")
                elif t == _TAB:
                    parts.append("\t")
                elif t == _FLD_CHAR:
                    return None
                elif t != _RPR:
                    parts.append(child_text(el))
        elif tag in _CONTAINERS:
            return None
    return "".join(parts)


class _Changes:
    """A paragraph's changes as its runs are read: neighbours of the same kind and attribution joined,
    empty ones dropped (what app.attributed.merge_changes makes of one Change per run)."""

    __slots__ = ("changes", "fields", "key", "moves", "parts")

    def __init__(self) -> None:
        self.moves: dict[etree._Element, str] = {}  # move wrappers -> their range's name (move_names)
        self.changes: list[Change] = []
        self.fields = FieldState()
        self.key: Key = _EQUAL
        self.parts: list[str] = []

    def add(self, key: Key, text: str) -> None:
        """Text (not empty) of one run, made by the change `key`."""
        if key != self.key:
            self._flush()
            self.key = key
        self.parts.append(text)

    def done(self) -> list[Change]:
        """The changes read."""
        self._flush()
        return self.changes

    def _flush(self) -> None:
        if self.parts:
            op, author, date, struck_by, struck_date, move = self.key
            self.changes.append(Change(op, "".join(self.parts), author, date, struck_by, struck_date, move))
            self.parts = []


def _walk(
    el: etree._Element, out: _Changes, key: Key, ins: bool = False, dele: bool = False
) -> etree._Element | None:
    """Read the runs below `el`; `key` is the change they are in (the innermost w:ins or w:del).

    Returns the first w:rPr of el's w:pPr children (for a paragraph: its mark's properties)."""
    mark = None
    for child in el:
        tag = child.tag
        if tag == _PPR:
            if mark is None:
                mark = next((c for c in child if c.tag == _RPR), None)
        elif tag == _RUN:
            _run(child, out, key, ins and dele)
        elif tag in _INSERTED:
            # An insertion inside a deletion is dropped with it; a deletion inside an insertion, see _struck.
            _walk(child, out, key if dele else _attributed(Op.INSERT, child, out.moves.get(child, "")), True, dele)
        elif tag in _REMOVED:
            struck = _struck(key, child) if ins and not dele else None
            if struck is not None:  # another author's deletion of this insertion: kept, marked struck
                _walk(child, out, struck, False, True)
            else:
                _walk(child, out, _attributed(Op.DELETE, child, out.moves.get(child, "")), ins, True)
        elif tag in _TRANSPARENT:
            _walk(child, out, key, ins, dele)
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                _walk(content, out, key, ins, dele)
    return mark


def _attributed(op: Op, revision: etree._Element, move: str = "") -> Key:
    return (op, w_attr(revision, "author") or "", w_attr(revision, "date") or "", "", "", move)


def _struck(inserted: Key, deletion: etree._Element) -> Key | None:
    """The key of inserted text another author deleted; None when the inserting author deleted it (gone)."""
    op, author, date, _, _, move = inserted
    by = w_attr(deletion, "author") or ""
    if op is not Op.INSERT or by == author:
        return None
    return (op, author, date, by, w_attr(deletion, "date") or "", move)


def _run(run: etree._Element, out: _Changes, key: Key, dropped: bool) -> None:
    stack = out.fields.stack  # in a field's instruction while stack and stack[-1]
    text: list[str] = []
    for child in run:
        tag = child.tag
        if tag == _FLD_CHAR:
            out.fields.update(child)
        elif stack and stack[-1]:
            continue
        elif tag in (_T, _DEL_TEXT):
            text.append(child.text or "")
        elif tag == _TAB:
            text.append("\t")
        elif tag != _RPR:
            text.append(child_text(child))
    joined = "".join(text)
    if joined and not dropped:  # dropped: an author's own insertion deleted, or one inside a deletion
        out.add(key, joined)
