"""Block-level paragraphs of a story, in document order: the enumeration that anchors use.

Body paragraphs, table-cell paragraphs (nested tables too) and paragraphs inside block
content controls count; paragraphs inside text boxes, footnotes or headers do not.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from docx_io.ns import W

_P = f"{{{W}}}p"
_TBL = f"{{{W}}}tbl"
_TR = f"{{{W}}}tr"
_TC = f"{{{W}}}tc"
# Block containers whose children are again block content.
_CONTAINERS = {f"{{{W}}}{n}" for n in ("sdt", "sdtContent", "customXml", "ins", "del", "moveTo", "moveFrom")}


def body_of(document: etree._Element) -> etree._Element | None:
    """The w:body of a main document part."""
    return document.find(f"{{{W}}}body")


def iter_block_paragraphs(container: etree._Element) -> Iterator[tuple[etree._Element, bool]]:
    """Yield (w:p, in_table) for each block-level paragraph below a body, cell or note."""
    yield from _walk(container, False)


def _walk(el: etree._Element, in_table: bool) -> Iterator[tuple[etree._Element, bool]]:
    for child in el:
        tag = child.tag
        if tag == _P:
            yield child, in_table
        elif tag == _TBL:
            for row in child.iter(_TR):
                if _nearest_table(row) is not child:
                    continue
                for cell in row:
                    if cell.tag == _TC:
                        yield from _walk(cell, True)
                    elif cell.tag in _CONTAINERS:
                        for sub in cell.iter(_TC):
                            if _nearest_table(sub) is child:
                                yield from _walk(sub, True)
        elif tag in _CONTAINERS:
            yield from _walk(child, in_table)


def _nearest_table(el: etree._Element) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != _TBL:
        parent = parent.getparent()
    return parent


def paragraph_list(document: etree._Element) -> list[etree._Element]:
    """All block-level paragraphs of a main document part; index = Paragraph.anchor."""
    body = body_of(document)
    if body is None:
        return []
    return [p for p, _ in iter_block_paragraphs(body)]


class CellAddresses:
    """(table, row, column) of a table-cell paragraph, all counted from 1 in document order (nested tables too)."""

    def __init__(self, body: etree._Element) -> None:
        self._tables = {tbl: i + 1 for i, tbl in enumerate(body.iter(_TBL))}
        self._rows: dict[etree._Element, dict[etree._Element, int]] = {}

    def address(self, p: etree._Element) -> tuple[int, int, int] | None:
        """The address of the cell holding p, None outside tables."""
        cell = p.getparent()
        while cell is not None and cell.tag != _TC:
            cell = cell.getparent()
        if cell is None:
            return None
        row = cell.getparent()
        while row is not None and row.tag != _TR:
            row = row.getparent()
        table = _nearest_table(cell)
        if row is None or table is None:
            return None
        rows = self._rows.get(table)
        if rows is None:
            own = [r for r in table.iter(_TR) if _nearest_table(r) is table]
            rows = self._rows[table] = {r: i + 1 for i, r in enumerate(own)}
        column = 1 + sum(1 for c in row.iter(_TC) if c is not cell and _nearest_table(c) is table
                         and _before(c, cell))
        return self._tables.get(table, 0), rows.get(row, 0), column


def _before(a: etree._Element, b: etree._Element) -> bool:
    """a comes before b in the same row (cells of one row are siblings, or inside sibling containers)."""
    for el in a.itersiblings():
        if el is b or b in set(el.iter(_TC)):
            return True
    parent = a.getparent()
    return parent is not None and parent.tag != _TR and _before(parent, b)
