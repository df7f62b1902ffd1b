"""Line numbers in a section's properties (w:lnNumType), as UN line-numbered drafts carry them."""

from __future__ import annotations

from lxml import etree

from docx_io.ns import qn

# CT_SectPr children that come after w:lnNumType: it goes before the first of them present.
_AFTER = tuple(qn(f"w:{t}") for t in (
    "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter",
    "docGrid", "printerSettings", "sectPrChange",
))


def number_lines(sect_pr: etree._Element) -> None:
    """Number every line of the section, restarting on each page (w:countBy="1" w:restart="newPage").

    Why per page: delegates cite "page 3, line 12" in the room, as on UN line-numbered drafts."""
    for old in sect_pr.findall(qn("w:lnNumType")):
        sect_pr.remove(old)
    ln = etree.Element(qn("w:lnNumType"))
    ln.set(qn("w:countBy"), "1")
    ln.set(qn("w:restart"), "newPage")
    later = next((c for c in sect_pr if c.tag in _AFTER), None)
    if later is None:
        sect_pr.append(ln)
    else:
        later.addprevious(ln)
