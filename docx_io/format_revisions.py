"""Write formatting-only changes as native revisions: w:rPrChange on runs, w:pPrChange on a paragraph.

Each revision holds the properties as they were, so rejecting it in Word or LibreOffice restores them; the
run or paragraph itself carries the new ones (bold, italic, underline, character style; paragraph style).
"""

from __future__ import annotations

import copy

from lxml import etree

from app.model import Formatting
from app.plan import Attribution, FormatParagraph, FormatSpan
from docx_io.ns import W
from docx_io.paragraph_edit import split_at
from docx_io.revisions import RevisionIds, w_date
from docx_io.text_map import paragraph_pieces

_W = f"{{{W}}}"
# CT_RPr children in schema order, as far as the toggles we set need to know where they go.
_RPR_ORDER = [_W + t for t in (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
    "lang", "eastAsianLayout", "specVanish", "oMath", "ins", "del", "moveFrom", "moveTo", "rPrChange",
)]
_MARK_ONLY = {_W + t for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange")}
_PPR_KEEP_OUT = {_W + t for t in ("rPr", "sectPr", "pPrChange")}


def apply_format(p: etree._Element, step: FormatParagraph, ids: RevisionIds, tracked: bool = True) -> None:
    """Give paragraph `p` the step's paragraph style and character formatting, as revisions when tracked."""
    if step.style_id is not None:
        _restyle(p, step.style_id, step.by, ids, tracked)
    if step.spans:
        split_at(p, {o for span in step.spans for o in (span.start, span.end)})
        for piece in paragraph_pieces(p):
            span = _covering(step.spans, piece.start, piece.end)
            if span is not None and piece.text:
                _reformat(piece.run, span, step.by, ids, tracked)


def _covering(spans: tuple[FormatSpan, ...], start: int, end: int) -> FormatSpan | None:
    return next((s for s in spans if s.start <= start and end <= s.end), None)


def _restyle(p: etree._Element, style_id: str, by: Attribution, ids: RevisionIds, tracked: bool) -> None:
    """Set w:pStyle, keeping the former paragraph properties in a w:pPrChange (last child of w:pPr)."""
    ppr = p.find(_W + "pPr")
    if ppr is None:
        ppr = etree.Element(_W + "pPr")
        p.insert(0, ppr)
    old = etree.Element(_W + "pPr")
    for child in ppr:
        if child.tag not in _PPR_KEEP_OUT:
            old.append(copy.deepcopy(child))
    style = ppr.find(_W + "pStyle")
    if not style_id:  # back to the default paragraph style
        if style is not None:
            ppr.remove(style)
    else:
        if style is None:
            style = etree.Element(_W + "pStyle")
            ppr.insert(0, style)
        style.set(_W + "val", style_id)
    for stale in ppr.findall(_W + "pPrChange"):
        ppr.remove(stale)  # an earlier change folded in: ours records the properties as they were shown
    if tracked:
        change = _change("pPrChange", by, ids)
        change.append(old)
        ppr.append(change)


def _reformat(run: etree._Element, span: FormatSpan, by: Attribution, ids: RevisionIds, tracked: bool) -> None:
    """Set the span's toggles on one run; the run's former w:rPr goes in a w:rPrChange (last child)."""
    rpr = run.find(_W + "rPr")
    if rpr is None:
        rpr = etree.Element(_W + "rPr")
        run.insert(0, rpr)
    before = etree.Element(_W + "rPr")
    for child in rpr:
        if child.tag not in _MARK_ONLY:
            before.append(copy.deepcopy(child))
    changed = False
    for local, new, old in _toggles(span.new, span.old):
        if new != old:
            changed = True
            _set(rpr, local, new)
    if not changed or not tracked:
        return
    for stale in rpr.findall(_W + "rPrChange"):
        rpr.remove(stale)
    change = _change("rPrChange", by, ids)
    change.append(before)
    rpr.append(change)


def _toggles(new: Formatting, old: Formatting) -> list[tuple[str, str | bool | None, str | bool | None]]:
    return [("rStyle", new.char_style, old.char_style), ("b", new.bold, old.bold), ("i", new.italic, old.italic),
            ("u", new.underline, old.underline)]


def _set(rpr: etree._Element, local: str, value: str | bool | None) -> None:
    """Set one property of a w:rPr in schema order: off is written explicitly (w:val="0") so that a style's
    bold is switched off too; a character style is removed when None. Underline on is "single"."""
    tag = _W + local
    for el in rpr.findall(tag):
        rpr.remove(el)
    if value is None or (local == "rStyle" and not value):
        return
    el = etree.Element(tag)
    if local == "rStyle":
        el.set(_W + "val", str(value))
    elif local == "u":
        el.set(_W + "val", "single" if value else "none")
    elif not value:
        el.set(_W + "val", "0")
    rank = _RPR_ORDER.index(tag)
    later = next((c for c in rpr if c.tag in _RPR_ORDER and _RPR_ORDER.index(c.tag) > rank), None)
    if later is None:
        rpr.append(el)
    else:
        later.addprevious(el)


def _change(local: str, by: Attribution, ids: RevisionIds) -> etree._Element:
    el = etree.Element(_W + local)
    el.set(_W + "id", ids.next())
    el.set(_W + "author", by.author)
    el.set(_W + "date", w_date(by.date))
    return el
