"""Read the tracked formatting changes of an incoming file's body: w:rPrChange and w:pPrChange, attributed.

Offsets are in each paragraph's original (reject-all) text, as app.attributed reads it: text in a w:ins (or
w:moveTo) is not counted, struck text (w:delText) is. A formatting change on inserted text is part of that
insertion and is not listed on its own.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from app.attributed import IncomingFormat
from docx_io.formatting import run_formatting
from docx_io.ns import NSMAP, W, w_attr
from docx_io.package import Package
from docx_io.paragraphs import body_of, iter_block_paragraphs

_W = f"{{{W}}}"
_INSERTED = (_W + "ins", _W + "moveTo")
_FALLBACK = f"{{{NSMAP['mc']}}}Fallback"  # a text box's second (VML) copy: counted once
_TEXT = {_W + "t": None, _W + "delText": None, _W + "tab": "\t"}


def read_format_changes(pkg: Package, unread: Counter[str] | None = None) -> dict[int, list[IncomingFormat]]:
    """Block-paragraph ordinal (as docx_io.incoming numbers them) -> the paragraph's formatting changes.

    `unread` counts, per author, the body's formatting changes not listed (on inserted text, on a paragraph
    mark, in a text box), so that the merge report can say so: none is dropped silently."""
    body = body_of(pkg.xml(pkg.main_part))
    if body is None or next(body.iter(_W + "rPrChange", _W + "pPrChange"), None) is None:
        return {}  # most files: nothing to walk
    out: dict[int, list[IncomingFormat]] = {}
    used: set[etree._Element] = set()
    for anchor, (p, _) in enumerate(iter_block_paragraphs(body)):
        found = paragraph_format_changes(p, used)
        if found:
            out[anchor] = found
    if unread is not None:
        for el in body.iter(_W + "rPrChange", _W + "pPrChange"):
            if el not in used and not any(a.tag == _FALLBACK for a in el.iterancestors()):
                unread[w_attr(el, "author") or ""] += 1
    return out


def paragraph_format_changes(p: etree._Element, used: set[etree._Element] | None = None) -> list[IncomingFormat]:
    """One paragraph's formatting changes: its own (w:pPr/w:pPrChange) first, then its runs' in order;
    the change elements read are added to `used`."""
    used = set() if used is None else used
    out: list[IncomingFormat] = []
    length = 0
    runs: list[IncomingFormat] = []
    for run in p.iter(_W + "r"):
        text = _run_text(run)
        if any(a.tag in _INSERTED for a in run.iterancestors()):
            continue
        change = run.find(f"{_W}rPr/{_W}rPrChange")
        if change is not None and text:
            used.add(change)
            runs.append(_run_change(run, change, length, length + len(text)))
        length += len(text)
    ppr_change = p.find(f"{_W}pPr/{_W}pPrChange")
    if ppr_change is not None:
        used.add(ppr_change)
        old = ppr_change.find(f"{_W}pPr/{_W}pStyle")
        new = p.find(f"{_W}pPr/{_W}pStyle")
        out.append(IncomingFormat(w_attr(ppr_change, "author") or "", w_attr(ppr_change, "date") or "", 0, length,
                                  paragraph=True, style_id=w_attr(new, "val") if new is not None else None,
                                  old_style_id=w_attr(old, "val") if old is not None else None))
    return out + _joined(runs)


def _run_text(run: etree._Element) -> str:
    return "".join(_TEXT[c.tag] or c.text or "" for c in run if c.tag in _TEXT)


def _run_change(run: etree._Element, change: etree._Element, start: int, end: int) -> IncomingFormat:
    before = etree.Element(_W + "r")
    old_rpr = change.find(_W + "rPr")
    if old_rpr is not None:
        before.append(etree.fromstring(etree.tostring(old_rpr)))
    return IncomingFormat(w_attr(change, "author") or "", w_attr(change, "date") or "", start, end,
                          run_formatting(run), run_formatting(before))


def _joined(changes: list[IncomingFormat]) -> list[IncomingFormat]:
    """Neighbouring runs changed alike by one author (Word splits runs freely) as one change."""
    out: list[IncomingFormat] = []
    for c in changes:
        last = out[-1] if out else None
        if last is not None and last.end == c.start and (last.author, last.new, last.old) == (c.author, c.new, c.old):
            out[-1] = IncomingFormat(last.author, last.date, last.start, c.end, last.new, last.old)
        else:
            out.append(c)
    return out
