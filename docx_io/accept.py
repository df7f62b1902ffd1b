"""Accept every tracked change of a part, as Word's "Accept All Changes" does."""

from __future__ import annotations

from lxml import etree

from docx_io.ns import W
from docx_io.revisions import accept_in, has_revisions

_W = f"{{{W}}}"


def accept_all(root: etree._Element) -> bool:
    """Accept all revisions below root in place; True when anything changed."""
    marks = [p for p in root.iter(_W + "p") if p.find(f"{_W}pPr/{_W}rPr/{_W}del") is not None]
    rows = [tr for tr in root.iter(_W + "tr") if tr.find(f"{_W}trPr/{_W}del") is not None]
    changed = bool(marks or rows) or has_revisions(root) or _has_property_changes(root)
    if not changed:
        return False
    for tr in rows:
        parent = tr.getparent()
        if parent is not None:
            parent.remove(tr)
    # A deleted paragraph mark joins the paragraph with the next one.
    for p in reversed(marks):
        _join_with_next(p)
    accept_in(root)
    for trpr in root.iter(_W + "trPr"):
        for el in trpr.findall(_W + "ins"):
            trpr.remove(el)
    for tag in ("sectPrChange", "tblPrChange", "tcPrChange", "trPrChange", "tblGridChange", "numberingChange"):
        for el in list(root.iter(_W + tag)):
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)
    return True


def _has_property_changes(root: etree._Element) -> bool:
    tags = [_W + t for t in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "tcPrChange", "trPrChange")]
    return any(True for _ in root.iter(*tags))


def _join_with_next(p: etree._Element) -> None:
    nxt = p.getnext()
    if nxt is None or nxt.tag != _W + "p":
        rpr = p.find(f"{_W}pPr/{_W}rPr")
        if rpr is not None:
            for el in rpr.findall(_W + "del"):
                rpr.remove(el)
        return
    content = [c for c in p if c.tag != _W + "pPr"]
    ppr = nxt.find(_W + "pPr")
    pos = 1 if ppr is not None else 0
    for i, child in enumerate(content):
        nxt.insert(pos + i, child)
    parent = p.getparent()
    if parent is not None:
        parent.remove(p)
