"""`compare` writes formatting-only differences as w:rPrChange / w:pPrChange by the comparing author."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
from lxml import etree

from app.wiring.apply import compare_files
from docx_io.ns import qn

DATE = datetime(2025, 12, 9, tzinfo=UTC)


def make(path: Path, *, bold: bool = False, italic: bool = False, style: str | None = None) -> Path:
    """Two numbered paragraphs; the second's middle word bold/italic and its style as asked."""
    doc = docx.Document()
    doc.add_paragraph("1.\tWe urge all States to act.")
    p = doc.add_paragraph("2.\tWe ", style=style)
    run = p.add_run("strongly")
    run.bold, run.italic = bold or None, italic or None
    p.add_run(" encourage cooperation.")
    doc.save(str(path))
    return path


def body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def compared(tmp_path: Path, **new: object) -> tuple[str, etree._Element]:
    out = tmp_path / "out.docx"
    summary = compare_files(make(tmp_path / "old.docx"), make(tmp_path / "new.docx", **new),  # type: ignore[arg-type]
                            out, "Co-facilitators", DATE)
    return summary, body(out)


def test_bold_word_is_a_run_format_change(tmp_path: Path) -> None:
    summary, root = compared(tmp_path, bold=True)
    assert "1 paragraphs changed (0 renumbered, 1 in formatting only)" in summary
    changes = list(root.iter(qn("w:rPrChange")))
    assert len(changes) == 1
    assert changes[0].get(qn("w:author")) == "Co-facilitators"
    assert changes[0].get(qn("w:date")) == "2025-12-09T00:00:00Z"
    run = changes[0].getparent().getparent()
    assert "".join(run.itertext()) == "strongly" and run.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None
    assert changes[0].find(f"{qn('w:rPr')}/{qn('w:b')}") is None  # it was not bold


def test_italic_and_style_change(tmp_path: Path) -> None:
    _, root = compared(tmp_path, italic=True, style="Heading 1")
    (change,) = root.iter(qn("w:pPrChange"))
    ppr = change.getparent()
    assert ppr.find(qn("w:pStyle")).get(qn("w:val")) == "Heading1"
    assert change.get(qn("w:author")) == "Co-facilitators"
    assert ppr[-1] is change  # last child of w:pPr, as the schema wants
    assert any(r.find(qn("w:i")) is not None for r in root.iter(qn("w:rPr")))


def test_same_formatting_writes_nothing(tmp_path: Path) -> None:
    summary, root = compared(tmp_path)
    assert "0 paragraphs changed (0 renumbered)," in summary
    assert not list(root.iter(qn("w:rPrChange"))) and not list(root.iter(qn("w:pPrChange")))
