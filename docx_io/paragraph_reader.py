"""One block paragraph of a story (the body, a footnote, an endnote) as a draft Paragraph: its accepted text,
runs, style, automatic number and the footnotes it references."""

from __future__ import annotations

from lxml import etree

from app.model import Formatting, Kind, Paragraph, Run
from app.values import int_or_none
from docx_io.formatting import run_formatting
from docx_io.ns import W, w_attr
from docx_io.numbering import NumberingResolver
from docx_io.styles import StyleSheet
from docx_io.text_map import Piece, paragraph_pieces

_W = f"{{{W}}}"


def read_paragraph(
    p: etree._Element, anchor: int, in_table: bool, sheet: StyleSheet,
    numbering: NumberingResolver, doc_has_revisions: bool,
) -> Paragraph | None:
    """The paragraph p (block ordinal `anchor`) as read for a draft; None when it is a tracked deletion of a
    whole paragraph (gone in the accepted view). Its index and label are left for the caller."""
    pieces = paragraph_pieces(p)
    text = "".join(piece.text for piece in pieces)
    ppr = p.find(_W + "pPr")
    style_id = _child_val(ppr, "pStyle") or sheet.default_paragraph
    number = numbering.number_for(p)
    has_revisions = doc_has_revisions and (any(piece.inserted for piece in pieces) or _has_removed(p))
    if not text and doc_has_revisions and _mark_deleted(p):
        return None  # a tracked deletion of a whole paragraph: gone in the accepted view
    level = _outline_level(ppr) or sheet.heading_level(style_id)
    para = Paragraph(
        index=0, anchor=anchor, text=text, style=sheet.name(style_id), style_id=style_id,
        in_table=in_table, runs=_runs(pieces), has_revisions=has_revisions,
        footnote_ids=_footnote_ids(pieces),
    )
    if number is not None and not number.is_bullet:
        para.number_text = number.text
    if level is not None and text.strip() and not in_table:
        para.kind = Kind.HEADING
        para.heading_level = level
    return para


def _child_val(ppr: etree._Element | None, local: str) -> str | None:
    """w:val of a child of w:pPr."""
    if ppr is None:
        return None
    el = ppr.find(_W + local)
    return w_attr(el, "val") if el is not None else None


def _outline_level(ppr: etree._Element | None) -> int | None:
    ol = ppr.find(_W + "outlineLvl") if ppr is not None else None
    if ol is None:
        return None
    value = int_or_none(w_attr(ol, "val"), 0, 9)
    return value + 1 if value is not None and value < 9 else None


def _mark_deleted(p: etree._Element) -> bool:
    return p.find(f"{_W}pPr/{_W}rPr/{_W}del") is not None


def _has_removed(p: etree._Element) -> bool:
    return any(True for _ in p.iter(_W + "del", _W + "moveFrom", _W + "ins", _W + "moveTo"))


def _runs(pieces: list[Piece]) -> tuple[Run, ...]:
    runs: list[Run] = []
    cache: dict[int, Formatting] = {}
    for piece in pieces:
        if not piece.text:
            continue
        key = id(piece.run)
        fmt = cache.get(key)
        if fmt is None:
            fmt = cache[key] = run_formatting(piece.run)
        if runs and runs[-1].formatting == fmt:
            runs[-1] = Run(runs[-1].text + piece.text, fmt)
        else:
            runs.append(Run(piece.text, fmt))
    return tuple(runs)


def _footnote_ids(pieces: list[Piece]) -> tuple[str, ...]:
    return tuple(
        w_attr(piece.child, "id") or "" for piece in pieces if piece.child.tag == _W + "footnoteReference"
    )
