"""Small .docx files built in tests with python-docx and lxml (no XML strings in production code)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx
from lxml import etree

from docx_io.ns import qn


def make_docx(path: Path, paragraphs: Sequence[str | tuple[str, str]], table: Sequence[str] = ()) -> Path:
    """A document whose paragraphs are given as text or (style name, text); table cells after them."""
    doc = docx.Document()
    for item in paragraphs:
        style, text = item if isinstance(item, tuple) else (None, item)
        doc.add_paragraph(text, style=style)
    if table:
        tbl = doc.add_table(rows=1, cols=len(table))
        for cell, text in zip(tbl.rows[0].cells, table, strict=True):
            cell.text = text
    doc.save(str(path))
    return path


def add_revision_paragraph(path: Path, out: Path, kept: str, inserted: str, deleted: str, author: str) -> Path:
    """Append a paragraph "kept + <ins>inserted</ins> + <del>deleted</del>" to a saved document."""
    doc = docx.Document(str(path))
    p = doc.add_paragraph(kept)._p
    ins = etree.SubElement(p, qn("w:ins"), {qn("w:id"): "901", qn("w:author"): author,
                                             qn("w:date"): "2025-01-01T00:00:00Z"})
    r = etree.SubElement(ins, qn("w:r"))
    t = etree.SubElement(r, qn("w:t"))
    t.text = inserted
    dele = etree.SubElement(p, qn("w:del"), {qn("w:id"): "902", qn("w:author"): author,
                                              qn("w:date"): "2025-01-01T00:00:00Z"})
    r = etree.SubElement(dele, qn("w:r"))
    t = etree.SubElement(r, qn("w:delText"))
    t.text = deleted
    doc.save(str(out))
    return out
