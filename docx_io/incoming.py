"""Read someone else's tracked-change file paragraph by paragraph: original text, changes and authors.

Text in w:ins (or w:moveTo) is inserted by its author, text in w:del (or w:moveFrom) deleted by its
author; text inserted by one author and deleted by another is in neither the original nor the
proposal and is left out. A paragraph whose mark and text are all inserted is a new paragraph; one
whose mark and text are all deleted is struck whole.
"""

from __future__ import annotations

from lxml import etree

from app.attributed import Change, IncomingParagraph, merge_changes
from app.segments import Op
from docx_io.ns import W, w_attr
from docx_io.package import Package
from docx_io.paragraphs import body_of, iter_block_paragraphs
from docx_io.text_map import FieldState, child_text

_W = f"{{{W}}}"
_INSERTED = (_W + "ins", _W + "moveTo")
_REMOVED = (_W + "del", _W + "moveFrom")
_TRANSPARENT = {_W + n for n in ("hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo", "sdtContent")}


def read_incoming(pkg: Package) -> list[IncomingParagraph]:
    """The body paragraphs of a redlined file with their attributed changes, in document order."""
    body = body_of(pkg.xml(pkg.main_part))
    if body is None:
        return []
    out: list[IncomingParagraph] = []
    for anchor, (p, in_table) in enumerate(iter_block_paragraphs(body)):
        changes: list[Change] = []
        _walk(p, changes, None, None, FieldState())
        para = IncomingParagraph(anchor, merge_changes(changes), in_table=in_table)
        mark = p.find(f"{_W}pPr/{_W}rPr")
        mark_ins = mark is not None and mark.find(_W + "ins") is not None
        mark_del = mark is not None and mark.find(_W + "del") is not None
        kinds = {c.op for c in para.changes}
        para.mark_inserted, para.mark_deleted = mark_ins, mark_del
        para.inserted = mark_ins and kinds <= {Op.INSERT}
        para.deleted = mark_del and kinds <= {Op.DELETE}
        # A paragraph typed after another (Enter at its end): the other's mark is the inserted one.
        if out and out[-1].mark_inserted and kinds == {Op.INSERT} and not mark_del:
            para.inserted = True
        out.append(para)
    return out


def _walk(el: etree._Element, out: list[Change], ins: etree._Element | None, dele: etree._Element | None,
          fields: FieldState) -> None:
    for child in el:
        tag = child.tag
        if tag == _W + "r":
            _run(child, out, ins, dele, fields)
        elif tag in _INSERTED:
            _walk(child, out, child, dele, fields)
        elif tag in _REMOVED:
            _walk(child, out, ins, child, fields)
        elif tag in _TRANSPARENT:
            _walk(child, out, ins, dele, fields)
        elif tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                _walk(content, out, ins, dele, fields)


def _run(run: etree._Element, out: list[Change], ins: etree._Element | None, dele: etree._Element | None,
         fields: FieldState) -> None:
    text: list[str] = []
    for child in run:
        if child.tag == _W + "fldChar":
            fields.update(child)
        elif not fields.in_instruction:
            text.append(child_text(child))
    joined = "".join(text)
    if not joined or (ins is not None and dele is not None):
        return  # inserted by one author and deleted by another: in neither text
    if dele is not None:
        out.append(Change(Op.DELETE, joined, w_attr(dele, "author") or "", w_attr(dele, "date") or ""))
    elif ins is not None:
        out.append(Change(Op.INSERT, joined, w_attr(ins, "author") or "", w_attr(ins, "date") or ""))
    else:
        out.append(Change(Op.EQUAL, joined))
