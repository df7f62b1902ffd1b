"""Page furniture of a New York UN document: the first-page masthead, running headers and footers.

Built into the (emptied) root of a header or footer part, as borderless fixed tables like DGACM's
(UN_FORMAT.md §1a, rows 3, 20-22 of §3). No emblem, QR code or barcode images.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from docx_io.ns import sub_element
from docx_io.un_styles import PPR_ORDER, RPR_ORDER, Props, set_prop

MASTHEAD_GRID = (1267, 1872, 245, 3110, 245, 3096)
RUNNING_GRID = (4920, 4920)
_SYMBOL_LEAD = re.compile(r"([A-Z]+)(/.*)")
_NOT_BOLD: Props = (("b", {"val": "0"}),)


def build_masthead(
    root: etree._Element, symbol: str, organ: str, distribution: str, date: str, original: str
) -> None:
    """Fill a first-page header with the masthead: "United Nations" | symbol; organ | Distr./date/Original."""
    tbl = _table(root, MASTHEAD_GRID)
    row = _row(tbl, 864)
    rule = {"bottom": 4}
    _paragraph(_cell(row, 1267, borders=rule), "Header")
    p = _paragraph(_cell(row, 1872, borders=rule), "HCh", spacing={"after": "80"})
    _run(p, "United Nations", (*_NOT_BOLD, ("spacing", {"val": "2"}), ("w", {"val": "96"})))
    _paragraph(_cell(row, 245, borders=rule), "Header")
    p = _paragraph(_cell(row, sum(MASTHEAD_GRID[3:]), span=3, borders=rule), None,
                   spacing={"after": "80", "line": "240", "lineRule": "auto"}, jc="right")
    lead = _SYMBOL_LEAD.fullmatch(symbol)
    lowered: Props = (("position", {"val": "-4"}),)
    if lead:
        _run(p, lead.group(1), (*lowered, ("sz", {"val": "40"}), ("szCs", {"val": "40"})))
        _run(p, lead.group(2), lowered)
    else:
        _run(p, symbol, lowered)
    row = _row(tbl, 2880)
    rules = {"top": 4, "bottom": 12}
    _paragraph(_cell(row, 1267, borders=rules, valign=None), "Header")  # the emblem's place
    p = _paragraph(_cell(row, sum(MASTHEAD_GRID[1:4]), span=3, borders=rules, valign=None), "XLarge",
                   spacing={"before": "109"})
    _run(p, organ)
    _paragraph(_cell(row, 245, borders=rules, valign=None), "Header")
    cell = _cell(row, MASTHEAD_GRID[5], borders=rules, valign=None)
    _run(_paragraph(cell, None, spacing={"before": "240"}), f"Distr.: {distribution}")
    _run(_paragraph(cell, None), date)
    _paragraph(cell, None)
    _run(_paragraph(cell, None), f"Original: {original}")
    _paragraph(root, "Header")


def build_running_header(root: etree._Element, symbol: str, *, odd: bool) -> None:
    """Fill a page header: the symbol in bold over a thin rule, right on odd pages, left on even ones."""
    tbl = _table(root, RUNNING_GRID, bottom_rule=2)
    row = _row(tbl, 864)
    for right_cell in (False, True):
        p = _paragraph(_cell(row, RUNNING_GRID[0]), "Header", spacing={"after": "80"},
                       jc="right" if right_cell else None)
        if right_cell == odd:
            _run(p, symbol, (("b", {}),))
    _paragraph(root, "Header")


def build_running_footer(root: etree._Element, job: str, *, odd: bool) -> None:
    """Fill a page footer: "n/N" in bold on the outer edge, the job number (7 pt) on the inner one."""
    tbl = _table(root, RUNNING_GRID)
    row = _row(tbl, None)
    for right_cell in (False, True):
        p = _paragraph(_cell(row, RUNNING_GRID[0], valign=None), "Footer", jc="right" if right_cell else None)
        if right_cell == odd:
            _field(p, "PAGE", "1")
            _run(p, "/")
            _field(p, "NUMPAGES", "1")
        elif job:
            _run(p, job, (*_NOT_BOLD, ("sz", {"val": "14"}), ("szCs", {"val": "14"})))
    _paragraph(root, "Footer")


def build_first_footer(root: etree._Element, job_number: str | None) -> None:
    """Fill the first-page footer: the job line ("25-20327 (E)    161225") when there is one."""
    p = _paragraph(root, "Footer")
    if job_number:
        _run(p, job_number, (*_NOT_BOLD, ("sz", {"val": "20"}), ("szCs", {"val": "20"})))


def _table(parent: etree._Element, grid: Sequence[int], bottom_rule: int | None = None) -> etree._Element:
    tbl = sub_element(parent, "w:tbl")
    pr = sub_element(tbl, "w:tblPr")
    sub_element(pr, "w:tblW", {"w:w": str(sum(grid)), "w:type": "dxa"})
    if bottom_rule:
        borders = sub_element(pr, "w:tblBorders")
        sub_element(borders, "w:bottom", {"w:val": "single", "w:sz": str(bottom_rule), "w:space": "0",
                                          "w:color": "000000"})
    sub_element(pr, "w:tblLayout", {"w:type": "fixed"})
    margins = sub_element(pr, "w:tblCellMar")
    for side in ("left", "right"):
        sub_element(margins, f"w:{side}", {"w:w": "0", "w:type": "dxa"})
    cols = sub_element(tbl, "w:tblGrid")
    for width in grid:
        sub_element(cols, "w:gridCol", {"w:w": str(width)})
    return tbl


def _row(tbl: etree._Element, exact_height: int | None) -> etree._Element:
    tr = sub_element(tbl, "w:tr")
    if exact_height:
        sub_element(sub_element(tr, "w:trPr"), "w:trHeight", {"w:hRule": "exact", "w:val": str(exact_height)})
    return tr


def _cell(
    tr: etree._Element, width: int, span: int = 1, borders: dict[str, int] | None = None,
    valign: str | None = "bottom",
) -> etree._Element:
    tc = sub_element(tr, "w:tc")
    pr = sub_element(tc, "w:tcPr")
    sub_element(pr, "w:tcW", {"w:w": str(width), "w:type": "dxa"})
    if span > 1:
        sub_element(pr, "w:gridSpan", {"w:val": str(span)})
    if borders:
        box = sub_element(pr, "w:tcBorders")
        for side in ("top", "bottom"):  # schema order
            if side in borders:
                sub_element(box, f"w:{side}", {"w:val": "single", "w:sz": str(borders[side]), "w:space": "0",
                                               "w:color": "auto"})
    if valign:
        sub_element(pr, "w:vAlign", {"w:val": valign})
    return tc


def _paragraph(
    parent: etree._Element, style: str | None, spacing: dict[str, str] | None = None, jc: str | None = None
) -> etree._Element:
    p = sub_element(parent, "w:p")
    ppr = sub_element(p, "w:pPr")
    if style:
        set_prop(ppr, "pStyle", {"val": style}, PPR_ORDER)
    if spacing:
        set_prop(ppr, "spacing", spacing, PPR_ORDER)
    if jc:
        set_prop(ppr, "jc", {"val": jc}, PPR_ORDER)
    return p


def _run(p: etree._Element, text: str, props: Props = ()) -> etree._Element:
    r = sub_element(p, "w:r")
    if props:
        rpr = sub_element(r, "w:rPr")
        for local, attrs in props:
            set_prop(rpr, local, attrs, RPR_ORDER)
    t = sub_element(r, "w:t", {"xml:space": "preserve"} if text != text.strip() else None)
    t.text = text
    return r


def _field(p: etree._Element, instruction: str, placeholder: str) -> None:
    """A complex field (PAGE, NUMPAGES) with a placeholder result that Word and LibreOffice update."""
    sub_element(sub_element(p, "w:r"), "w:fldChar", {"w:fldCharType": "begin"})
    instr = sub_element(sub_element(p, "w:r"), "w:instrText", {"xml:space": "preserve"})
    instr.text = f" {instruction} \\* Arabic "
    sub_element(sub_element(p, "w:r"), "w:fldChar", {"w:fldCharType": "separate"})
    _run(p, placeholder)
    sub_element(sub_element(p, "w:r"), "w:fldChar", {"w:fldCharType": "end"})
