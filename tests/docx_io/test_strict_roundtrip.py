"""An ISO/IEC 29500 Strict main part stays Strict when the writer changes it (it was written back transitional,
inside a package whose other parts and relationships stay Strict)."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from app.plan import Attribution, ModifyParagraph, RedlinePlan
from app.segments import Op, Segment
from docx_io.package import STRICT_NAMESPACES, read_package
from docx_io.reader import draft_from_package
from docx_io.redline_writer import write_redline
from docx_io.strict import as_declared
from tests.docx_io.docx_factory import make_docx

BY = Attribution("Strict Check", datetime(2025, 6, 2, 9, 30, tzinfo=UTC))
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
TRANSITIONAL_W = STRICT_NAMESPACES[STRICT_W]


def _strict_copy(src: Path, out: Path) -> Path:
    """SRC with the main part's namespace declarations renamed to their Strict names."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                for strict, transitional in STRICT_NAMESPACES.items():
                    data = data.replace(f'"{transitional}"'.encode(), f'"{strict}"'.encode())
            zout.writestr(info, data)
    return out


def test_amended_strict_main_part_keeps_its_strict_namespaces(tmp_path: Path) -> None:
    base = make_docx(tmp_path / "base.docx", ["The Assembly decides to convene a meeting."])
    strict = _strict_copy(base, tmp_path / "strict.docx")
    pkg = read_package(strict)
    para = draft_from_package(pkg).paragraphs[0]
    segments = [Segment(Op.EQUAL, "The Assembly "), Segment(Op.DELETE, "decides"), Segment(Op.INSERT, "resolves"),
                Segment(Op.EQUAL, " to convene a meeting.")]
    out = tmp_path / "out.docx"
    write_redline(pkg, RedlinePlan([ModifyParagraph(para.anchor, segments, BY)]), out)

    with zipfile.ZipFile(out) as zf:
        data = zf.read("word/document.xml")
    root = etree.fromstring(data)
    assert root.tag == f"{{{STRICT_W}}}document"
    assert TRANSITIONAL_W.encode() not in data
    assert [el.get(f"{{{STRICT_W}}}author") for el in root.iter(f"{{{STRICT_W}}}del", f"{{{STRICT_W}}}ins")] == [
        "Strict Check", "Strict Check"]
    again = draft_from_package(read_package(out))
    assert again.paragraphs[0].text == "The Assembly resolves to convene a meeting."
    assert again.tracked_change_count == 2


def test_transitional_parts_are_left_transitional() -> None:
    data = f'<w:document xmlns:w="{TRANSITIONAL_W}"/>'.encode()
    assert as_declared(data, data) == data
    strict = f'<w:document xmlns:w="{STRICT_W}"/>'.encode()
    assert as_declared(data, strict) == strict
