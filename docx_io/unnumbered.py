"""Paragraph properties for a new paragraph beside an automatically numbered one.

A new "3 bis." carries its label typed in its text, so it must print no list number of its own and must not
count in the list (Word and LibreOffice would otherwise print "4. 3 bis." and renumber every later paragraph).
It should still sit on the page like its neighbour: the indents the list level gave the neighbour are written
on the new paragraph itself.
"""

from __future__ import annotations

from lxml import etree

from docx_io.ns import W
from docx_io.numbering import NumberingResolver
from docx_io.un_styles import set_prop

_W = f"{{{W}}}"
_FIRST_LINE = {"firstLine", "firstLineChars", "hanging", "hangingChars"}


def take_out_of_list(ppr: etree._Element, neighbour: etree._Element, numbering: NumberingResolver) -> None:
    """Make `ppr` (copied from `neighbour`, its w:numPr already gone) print no list number, with the neighbour's
    indents; nothing changes when the neighbour is not numbered."""
    level_ppr = numbering.level_ppr(neighbour)
    if level_ppr is None:
        return
    # numId 0 switches off numbering a paragraph style would otherwise give (ECMA-376 17.9.18).
    numpr = set_prop(ppr, "numPr")
    numpr.append(etree.Element(_W + "numId", {_W + "val": "0"}))
    indents = _indents(level_ppr.find(_W + "ind"))
    own = _indents(ppr.find(_W + "ind"))
    if own.keys() & _FIRST_LINE:
        indents = {k: v for k, v in indents.items() if k not in _FIRST_LINE}
    indents.update(own)  # the paragraph's own indents outrank its list level's
    if indents:
        set_prop(ppr, "ind", indents)


def _indents(ind: etree._Element | None) -> dict[str, str]:
    """The w:ind attributes by local name ("left", "hanging", …)."""
    if ind is None:
        return {}
    return {name[len(_W):]: str(value) for name, value in ((str(k), v) for k, v in ind.attrib.items())
            if name.startswith(_W)}
