"""docx_io.paragraph_copy via compare: a new paragraph keeps its footnote even when the old
document has no footnotes part yet."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

from app.model import Run
from app.wiring.apply import compare_files
from docx_io.reader import read_draft
from docx_io.un_document import Block, UNDocument


def _doc(path: Path, paragraphs: list[str], footnote_on: str | None = None) -> Path:
    doc = UNDocument("A/1/L.1", "1 January 2026")
    for i, text in enumerate(paragraphs, start=1):
        p = doc.add_block(Block("paragraph", [Run(text)], label=str(i)))
        if text == footnote_on:
            doc.add_footnote(p, "Resolution 79/323, annex.")
    doc.save(path)
    return path


def test_inserted_paragraph_brings_its_footnote(tmp_path: Path) -> None:
    old = _doc(tmp_path / "old.docx", ["We meet.", "We part."])
    new = _doc(tmp_path / "new.docx", ["We meet.", "We recall the Sevilla Commitment.", "We part."],
               footnote_on="We recall the Sevilla Commitment.")
    with zipfile.ZipFile(old) as zf:
        assert "word/footnotes.xml" not in zf.namelist()
    out = tmp_path / "cmp.docx"
    compare_files(old, new, out, "CF", datetime(2026, 1, 2, tzinfo=UTC))
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        types = zf.read("[Content_Types].xml").decode()
        rels = zf.read("word/_rels/document.xml.rels").decode()
    assert "word/footnotes.xml" in names
    assert "footnotes+xml" in types and "relationships/footnotes" in rels
    draft = read_draft(out)
    para = next(p for p in draft.paragraphs if "Sevilla" in p.text)
    assert [draft.footnotes[f] for f in para.footnote_ids] == ["Resolution 79/323, annex."]
