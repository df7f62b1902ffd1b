"""A story's content as a flat stream of segments, each carrying the revisions it lies in.

A segment is a run of text (or a paragraph mark, "\\n") together with the stack of tracked
changes wrapping it, innermost last: `w:ins` / `w:del` / `w:moveFrom` / `w:moveTo` wrappers and
the paragraph mark's own `w:pPr/w:rPr` revision. Both the revision listing and the accept-all /
reject-all views are computed from this stream, so they cannot disagree about what a change covers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from app.errors import DocumentError
from app.values import MAX_ID, int_or_none
from docx_io.ns import NSMAP, W, w_attr
from docx_io.paragraphs import iter_block_paragraphs
from docx_io.text_map import displayed_text

_W = f"{{{W}}}"
MAX_GRID_COLUMNS = 63  # columns in a Word table; w:gridBefore and w:gridAfter past it are damage or an attack
WRAPPER_KINDS = {_W + "ins": "insert", _W + "del": "delete", _W + "moveFrom": "move-from", _W + "moveTo": "move-to"}
REMOVED = frozenset({"delete", "move-from"})
ADDED = frozenset({"insert", "move-to"})
_TRANSPARENT = {
    _W + n for n in ("hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo", "sdtContent", "sdt")
}
_BLOCK_CONTAINERS = {_W + n for n in ("sdt", "sdtContent", "customXml", "ins", "del", "moveTo", "moveFrom")}
_HIDDEN_CHILDREN = {_W + n for n in ("rPr", "lastRenderedPageBreak", "annotationRef")}
_MC = f"{{{NSMAP['mc']}}}"
_SHAPE_HOLDERS = {_MC + "AlternateContent", _W + "drawing", _W + "pict"}  # run children that can hold a text box
TEXT_BOX = _W + "txbxContent"


@dataclass(frozen=True)
class Mark:
    """One tracked change wrapping a segment: kind (insert, delete, move-from, move-to), author, date.

    `before` is a run format change's former properties (canonical w:rPrChange/w:rPr), "" otherwise:
    Writer keeps neighbouring format changes apart when what they undo differs.
    """

    kind: str
    author: str
    date: str
    before: str = field(default="", compare=False)


@dataclass
class Segment:
    """A piece of a story's text in document order with the changes it lies in."""

    text: str
    stack: tuple[Mark, ...]
    paragraph: int  # ordinal of its block paragraph in the story
    is_mark: bool = False  # the paragraph mark ("\n")
    final_mark: bool = False  # last mark of a cell, note or story: never a revision, always a line end
    fmt: Mark | None = None  # w:rPrChange on the run
    note: str | None = None  # "footnote" / "endnote" for a reference whose number is filled in per view
    custom_note_mark: bool = False
    row: tuple[Mark, ...] = ()  # w:trPr/w:ins|w:del of the enclosing table rows
    boundary: bool = False  # a comment anchor: no text, but ends the record it interrupts
    field: str = ""  # the field type ("DATE", "PAGE", …) when the text is a field's stored result


@dataclass
class StoryStream:
    """The segments of one story plus its paragraphs' formatting changes."""

    story: str  # body, footnote, endnote, header, footer
    part: str
    segments: list[Segment] = field(default_factory=list)
    para_changes: dict[int, Mark] = field(default_factory=dict)  # paragraph ordinal -> w:pPrChange
    row_changes: list[tuple[Mark, int]] = field(default_factory=list)  # w:trPr/w:ins|w:del, first paragraph
    boxes: list[tuple[etree._Element, tuple[Mark, ...]]] = field(default_factory=list)  # w:txbxContent, anchor's stack
    # Writer's paragraph ordinal -> the w:p's ordinal in iter_block_paragraphs (what readers and writers call a
    # paragraph's anchor): they differ after an empty section-break paragraph, which Writer does not have.
    blocks: list[int] = field(default_factory=list)

    def block_of(self, ordinal: int) -> int:
        """The block-paragraph ordinal (anchor) of Writer's paragraph `ordinal`; unmapped ordinals unchanged."""
        return self.blocks[ordinal] if 0 <= ordinal < len(self.blocks) and self.blocks[ordinal] >= 0 else ordinal


def mark_of(el: etree._Element, kind: str) -> Mark:
    """The Mark for a revision element of a given kind."""
    return Mark(kind, w_attr(el, "author") or "", w_attr(el, "date") or "")


def push(stack: tuple[Mark, ...], mark: Mark) -> tuple[Mark, ...]:
    """The stack inside one more wrapper. Writer stacks a deletion on an insertion only: an insertion
    inside a deletion or move source (w:del/w:ins, w:moveFrom/w:ins) is a plain insertion there, and
    a deletion inside one (w:moveFrom/w:del, w:del/w:moveFrom) adds nothing: the outer change covers
    the text, whoever made the inner one (both views are the same either way)."""
    if mark.kind in ADDED:
        stack = tuple(m for m in stack if m.kind not in REMOVED)
    elif mark.kind in REMOVED and any(m.kind in REMOVED for m in stack):
        return stack
    return (*stack, mark)


def build_stream(container: etree._Element, story: str, part: str) -> StoryStream:
    """Linearise a body, note or header/footer element into a StoryStream."""
    stream = StoryStream(story, part)
    builder = _Builder(stream)
    builder.blocks(container, (), (), final_owner=True)
    order = {id(p): i for i, (p, _) in enumerate(iter_block_paragraphs(container))}
    stream.blocks = [order.get(id(p), -1) for p in builder.elements]
    return stream


def build_box_stream(box: etree._Element, anchor: tuple[Mark, ...], part: str) -> StoryStream:
    """Linearise a text box (w:txbxContent) whose anchor lies in the changes `anchor` (outer first).

    Writer's import lays the anchor's change over the text of each box paragraph, replacing the box's
    own change there when the same author made it (an insertion over an older insertion or a deletion
    of that author); another author's change keeps its place. Paragraph marks keep their own changes.
    """
    stream = StoryStream("textbox", part)
    _Builder(stream).blocks(box, (), (), final_owner=True)
    if anchor:
        for seg in stream.segments:
            if seg.text and not seg.is_mark and (not seg.stack or seg.stack[-1].author == anchor[-1].author):
                seg.stack = anchor
    return stream


def text_boxes(el: etree._Element) -> list[etree._Element]:
    """The text boxes (w:txbxContent) drawn by a run child, each read once: Word writes a box twice in
    mc:AlternateContent (DrawingML in mc:Choice, VML in mc:Fallback), and the Choice copy is taken when it
    has one. Boxes nested in these boxes are left to the boxes holding them."""
    out = []
    for box in el.iter(TEXT_BOX):
        ancestors = []
        for a in box.iterancestors():
            if a is el:
                break
            ancestors.append(a)
        if any(a.tag == TEXT_BOX for a in ancestors):
            continue
        fallback = next((a for a in ancestors if a.tag == _MC + "Fallback"), None)
        holder = fallback.getparent() if fallback is not None else None
        if holder is not None and any(next(c.iter(TEXT_BOX), None) is not None
                                      for c in holder if c.tag == _MC + "Choice"):
            continue
        out.append(box)
    return out


class _Builder:
    """Walks block and inline content, appending segments to a stream."""

    def __init__(self, stream: StoryStream) -> None:
        self.stream = stream
        self.paragraph = -1
        self.fields: list[_OpenField] = []  # open complex fields, innermost last
        self.simple_fields: list[str] = []  # types of the w:fldSimple the walk is inside
        self.row: tuple[Mark, ...] = ()
        self.section_start = True  # no paragraph yet in the current section
        self.elements: list[etree._Element] = []  # the w:p of each Writer paragraph, by ordinal

    def blocks(self, el: etree._Element, stack: tuple[Mark, ...], row: tuple[Mark, ...], final_owner: bool) -> None:
        """Block content of a body, cell or note; the last paragraph's mark is final when final_owner."""
        blocks = list(_block_paragraph_order(el))
        for i, child in enumerate(blocks):
            if child.tag == _W + "p":
                nxt = blocks[i + 1] if i + 1 < len(blocks) else None
                # Writer cannot track the mark of a cell's or story's last paragraph, nor of one before a table.
                final = (nxt is None and final_owner) or (nxt is not None and nxt.tag == _W + "tbl")
                self.paragraph_el(child, stack, row, final)
            else:
                self.table(child, stack, row)

    def table(self, tbl: etree._Element, stack: tuple[Mark, ...], row: tuple[Mark, ...]) -> None:
        """Rows and cells of a table in order."""
        for tr in _children(tbl, _W + "tr"):
            own = _row_marks(tr)
            self.stream.row_changes.extend((mark, self.paragraph + 1) for mark in own)
            row_marks = row + own
            self._grid_cells(tr, "gridBefore", self.paragraph + 1, row_marks)
            for tc in _children(tr, _W + "tc"):
                self.blocks(tc, stack, row_marks, final_owner=True)
            self._grid_cells(tr, "gridAfter", self.paragraph, row_marks)

    def _grid_cells(self, tr: etree._Element, name: str, paragraph: int, row: tuple[Mark, ...]) -> None:
        """Writer fills a row's skipped grid columns (w:gridBefore, w:gridAfter) with empty cells, one a column."""
        el = tr.find(f"{_W}trPr/{_W}{name}")
        value = w_attr(el, "val") if el is not None else None
        count = int_or_none(value, 0, MAX_GRID_COLUMNS)
        if count is None:
            if int_or_none(value, 0, MAX_ID) is not None:  # a number, but past any real table: amplification
                raise DocumentError(f"{self.stream.part}: a table row skips {value[:12] if value else ''} grid "
                                    f"columns (w:{name}), past the {MAX_GRID_COLUMNS} a Word table can have; "
                                    "the file is damaged, re-save it in Word")
            count = 0
        for _ in range(count):
            self.stream.segments.append(Segment("\n", (), paragraph, is_mark=True, final_mark=True, row=row))

    def paragraph_el(self, p: etree._Element, stack: tuple[Mark, ...], row: tuple[Mark, ...], final: bool) -> None:
        """Inline content of a paragraph, then its mark."""
        self.paragraph += 1
        self.elements.append(p)
        self.row = row
        change = p.find(f"{_W}pPr/{_W}pPrChange")
        if change is not None:
            self.stream.para_changes[self.paragraph] = mark_of(change, "paragraph-format")
        start = len(self.stream.segments)
        self.inline(p, stack)
        first_in_section, self.section_start = self.section_start, _section_only(p)
        if self.section_start and not first_in_section and not any(seg.text for seg in self.stream.segments[start:]):
            # An empty paragraph carrying a mid-document section break: Writer has no paragraph there,
            # unless it is the only paragraph of its section.
            del self.stream.segments[start:]
            self.stream.para_changes.pop(self.paragraph, None)
            self.paragraph -= 1
            self.elements.pop()
            return
        mark_stack = stack + _paragraph_mark_marks(p)
        self.stream.segments.append(
            Segment("\n", () if final else mark_stack, self.paragraph, is_mark=True, final_mark=final, row=row)
        )

    def inline(self, el: etree._Element, stack: tuple[Mark, ...]) -> None:
        """Runs below a paragraph or inline wrapper."""
        for child in el:
            tag = child.tag
            if tag == _W + "r":
                self.run(child, stack)
            elif tag in WRAPPER_KINDS:
                self.inline(child, push(stack, mark_of(child, WRAPPER_KINDS[tag])))
            elif tag == _W + "fldSimple":
                self.simple_fields.append(field_type(w_attr(child, "instr") or ""))
                self.inline(child, stack)
                self.simple_fields.pop()
            elif tag in _TRANSPARENT:
                self.inline(child, stack)

    def run(self, run: etree._Element, stack: tuple[Mark, ...]) -> None:
        """The pieces of one run."""
        change = run.find(f"{_W}rPr/{_W}rPrChange")
        fmt = None
        if change is not None:
            author, date = w_attr(change, "author") or "", w_attr(change, "date") or ""
            fmt = Mark("format", author, date, _former_properties(change))
        for child in run:
            if child.tag in _HIDDEN_CHILDREN or not isinstance(child.tag, str):
                continue
            if child.tag == _W + "fldChar":
                self._field(child)
                continue
            if child.tag in _SHAPE_HOLDERS:
                self.stream.boxes.extend((box, stack) for box in text_boxes(child))
                continue
            seg = self._segment(child, stack, fmt)
            if seg is not None:
                self.stream.segments.append(seg)

    def _segment(self, child: etree._Element, stack: tuple[Mark, ...], fmt: Mark | None) -> Segment | None:
        tag = child.tag
        if tag in (_W + "footnoteReference", _W + "endnoteReference"):
            note = "footnote" if tag == _W + "footnoteReference" else "endnote"
            custom = w_attr(child, "customMarkFollows") in ("1", "true", "on")
            return Segment("", stack, self.paragraph, fmt=fmt, note=note, custom_note_mark=custom, row=self.row)
        if self.fields and self.fields[-1].in_instruction:
            if tag in (_W + "instrText", _W + "delInstrText"):
                self.fields[-1].instruction += child.text or ""
            return None  # instruction text of a complex field: not shown
        if tag == _W + "commentReference":
            # Writer anchors the comment on a character of its own, outside any tracked change.
            return Segment("", stack, self.paragraph, boundary=True, row=self.row)
        text = displayed_text(child)
        if not text:
            return None
        return Segment(text, stack, self.paragraph, fmt=fmt, row=self.row, field=self._field_type())

    def _field(self, fld: etree._Element) -> None:
        kind = w_attr(fld, "fldCharType")
        if kind == "begin":
            self.fields.append(_OpenField())
        elif kind == "separate" and self.fields:
            self.fields[-1].in_instruction = False
        elif kind == "end" and self.fields:
            self.fields.pop()

    def _field_type(self) -> str:
        """The type of the innermost field whose result is being read ("" outside fields)."""
        if self.fields:
            return field_type(self.fields[-1].instruction)
        return self.simple_fields[-1] if self.simple_fields else ""


@dataclass
class _OpenField:
    """A complex field between its begin and end characters."""

    instruction: str = ""
    in_instruction: bool = True


def field_type(instruction: str) -> str:
    """A field instruction's type in upper case ("DATE" for ' DATE \\@ "d MMMM yyyy" ')."""
    words = instruction.split()
    return words[0].upper() if words else ""


def _former_properties(change: etree._Element) -> str:
    """A w:rPrChange's former run properties in a canonical form (order of properties ignored)."""
    rpr = change.find(_W + "rPr")
    if rpr is None:
        return ""
    props = (etree.tostring(el, method="c14n", exclusive=True).decode() for el in rpr if isinstance(el.tag, str))
    return "".join(sorted(props))


def _section_only(p: etree._Element) -> bool:
    """A paragraph holding a mid-document w:sectPr."""
    return p.find(f"{_W}pPr/{_W}sectPr") is not None


def _paragraph_mark_marks(p: etree._Element) -> tuple[Mark, ...]:
    """Revisions of a paragraph's mark (w:pPr/w:rPr/w:ins|w:del|w:moveFrom|w:moveTo), outer first."""
    rpr = p.find(f"{_W}pPr/{_W}rPr")
    if rpr is None:
        return ()
    marks = [mark_of(el, WRAPPER_KINDS[el.tag]) for el in rpr if el.tag in WRAPPER_KINDS]
    # An inserted mark later deleted: the insertion is the older layer.
    marks.sort(key=lambda m: 0 if m.kind in ADDED else 1)
    return tuple(marks)


def _row_marks(tr: etree._Element) -> tuple[Mark, ...]:
    trpr = tr.find(_W + "trPr")
    if trpr is None:
        return ()
    return tuple(mark_of(el, WRAPPER_KINDS[el.tag]) for el in trpr if el.tag in (_W + "ins", _W + "del"))


def _children(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with a tag, looking through block wrappers (sdt, customXml, …)."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _BLOCK_CONTAINERS:
            yield from _children(child, tag)


def _block_paragraph_order(el: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables directly in a block container, looking through block wrappers."""
    for child in el:
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag in _BLOCK_CONTAINERS:
            yield from _block_paragraph_order(child)
