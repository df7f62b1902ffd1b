"""docx_io.compilation_writer: the compilation and table forms print every paragraph's number as the draft
prints it, Word's automatic numbers included, on a synthetic numbered resolution and a real Word-numbered file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest

from app.wiring.merging import merge_files
from docx_io.reader import read_draft
from tests.docx_io.docx_factory import make_numbered_docx

DATE = datetime(2025, 12, 9, tzinfo=UTC)
ITEMS = [(-1, "The General Assembly,"), (0, "Recalls its resolution."), (0, "Welcomes the progress:"),
         (1, "first sub item;"), (1, "second sub item;"), (0, "Decides to remain seized.")]
WGIG = ("open-xml-sdk/test/DocumentFormat.OpenXml.Tests.Assets/assets/TestDataStorage/v2FxTestFiles/wordprocessing/"
        "mixed features/BackgroundReport - THE WORKING GROUP ON INTERNET GOVERNANCE.docx")


def _merge(draft: Path, tmp_path: Path, form: str, text: str) -> list[str]:
    source = tmp_path / "x.md"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / f"{form}.docx"
    merge_files(draft, [f"X={source}"], out, form=form, date=DATE)
    doc = docx.Document(str(out))
    if form == "table":
        return [p.text for t in doc.tables for row in t.rows for p in row.cells[0].paragraphs]
    return [p.text for p in doc.paragraphs]


@pytest.mark.parametrize("form", ["compilation", "table"])
def test_auto_numbered_draft_keeps_every_number(tmp_path: Path, form: str) -> None:
    draft = make_numbered_docx(tmp_path / "draft.docx", ITEMS, via_style=True)
    lines = _merge(draft, tmp_path, form, "2. Welcomes the ~~progress~~ **results**:\n\n2 bis. **Notes it.**\n")
    printed = [line.strip() for line in lines if "\t" in line.strip()]
    expected = ["1.\tRecalls its resolution.", "(a)\tfirst sub item;", "(b)\tsecond sub item;",
                "3.\tDecides to remain seized."]
    assert all(e in printed for e in expected), printed
    assert any(line.startswith("2.\tWelcomes the ") for line in printed)
    if form == "compilation":
        assert "2 bis.\t[Notes it. – X]" in printed


def test_real_word_numbered_file_prints_every_number(fixtures_dir: Path, tmp_path: Path) -> None:
    draft_path = fixtures_dir / "redlines" / WGIG
    draft = read_draft(draft_path)
    numbered = [p for p in draft.paragraphs if p.number_text and p.number_text.strip() and p.text.strip()]
    assert len(numbered) > 50
    lines = [line.strip() for line in _merge(draft_path, tmp_path, "compilation", "2 bis. **New text.**\n")]
    # Every numbered paragraph appears, in order, as "number<TAB>text".
    pos = 0
    for para in numbered:
        wanted = f"{para.number_text.strip()}\t{para.text.strip()[:30]}"  # type: ignore[union-attr]
        found = next((i for i in range(pos, len(lines)) if lines[i].startswith(wanted)), None)
        assert found is not None, f"'{wanted}' not printed after line {pos}"
        pos = found + 1
