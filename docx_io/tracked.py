"""List the tracked changes already in a document: type, author, date, text, paragraph."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from docx_io.ns import W, w_attr
from docx_io.package import Package
from docx_io.paragraphs import paragraph_list

_W = f"{{{W}}}"
_KINDS = {
    "ins": "insertion", "del": "deletion", "moveFrom": "move-from", "moveTo": "move-to",
    "rPrChange": "formatting", "pPrChange": "paragraph-formatting",
}


@dataclass(frozen=True)
class TrackedChange:
    """One revision found in a file."""

    kind: str  # insertion, deletion, move-from, move-to, formatting, paragraph-formatting, paragraph-mark-…
    author: str
    date: str
    text: str
    anchor: int  # block paragraph ordinal (-1 when outside body paragraphs)


def list_tracked_changes(pkg: Package) -> list[TrackedChange]:
    """Revisions of the main document part, in document order."""
    document = pkg.xml(pkg.main_part)
    out: list[TrackedChange] = []
    rows = {id(tr): tr for tr in document.iter(_W + "tr")}
    for tr in rows.values():
        mark = tr.find(f"{_W}trPr/{_W}ins")
        if mark is None:
            mark = tr.find(f"{_W}trPr/{_W}del")
        if mark is not None:
            kind = "row-" + _KINDS[etree.QName(mark).localname]
            out.append(TrackedChange(kind, w_attr(mark, "author") or "", w_attr(mark, "date") or "",
                                     "".join(str(t) for t in tr.itertext()), -1))
    for anchor, p in enumerate(paragraph_list(document)):
        for el in p.iter(*(_W + k for k in _KINDS)):
            kind = _KINDS[etree.QName(el).localname]
            parent = el.getparent()
            if parent is not None and parent.tag == _W + "rPr" and kind in ("insertion", "deletion"):
                grand = parent.getparent()
                if grand is not None and grand.tag == _W + "pPr":
                    kind = "paragraph-mark-" + kind
                else:
                    continue  # a run's own mark inside a revision wrapper: counted with the wrapper
            out.append(TrackedChange(
                kind, w_attr(el, "author") or "", w_attr(el, "date") or "", _text(el, kind), anchor,
            ))
    return out


def _text(el: etree._Element, kind: str) -> str:
    if kind in ("formatting", "paragraph-formatting") or kind.startswith("paragraph-mark"):
        return ""
    parts: list[str] = []
    for node in el.iter(_W + "t", _W + "delText", _W + "tab", _W + "br"):
        local = etree.QName(node).localname
        parts.append(node.text or "" if local in ("t", "delText") else ("\t" if local == "tab" else "\n"))
    return "".join(parts)
