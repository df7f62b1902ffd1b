"""`compare` of the Rev 2 excerpt with A/80/L.41, checked through LibreOffice: renumbered
paragraphs aligned, accept-all gives L.41's text and reject-all Rev 2's."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.compare import compare
from app.plan import Attribution
from app.resources import REV2_EXCERPT, SAMPLE_DRAFT
from app.wiring.apply import compare_files
from docx_io.reader import read_draft
from tests.interop.libreoffice import LibreOffice

BY = Attribution("Co-facilitators", datetime(2025, 12, 16, tzinfo=UTC))


def test_renumbered_paragraphs_are_aligned() -> None:
    old, new = read_draft(REV2_EXCERPT), read_draft(SAMPLE_DRAFT)
    result = compare(old, new, BY)
    pairs = {
        old.paragraphs[p.old].label: new.paragraphs[p.new].label
        for p in result.pairs if p.old is not None and p.new is not None and old.paragraphs[p.old].label
    }
    # Rev 2's 66 (the financing task force) is L.41's 67; its 84 is 85, its 100 is 99.
    assert pairs["66"] == "67"
    assert pairs["84"] == "85"
    assert pairs["88"] == "88"
    assert pairs["100"] == "99"
    assert pairs["103"] == "103"
    assert pairs["65"] == "66"
    # Renumbering shows as a changed number, not as a deleted and a new paragraph.
    assert result.deleted <= 3


@pytest.mark.interop
def test_compare_output_accepts_to_new_and_rejects_to_old(libreoffice: LibreOffice, tmp_path: Path) -> None:
    out = tmp_path / "rev2_vs_l41.docx"
    compare_files(REV2_EXCERPT, SAMPLE_DRAFT, out, BY.author, BY.date)
    seen = libreoffice.inspect(out)
    assert {r["author"] for r in seen["redlines"]} == {"Co-facilitators"}
    # LibreOffice's own reading of each draft, footnote numbers included.
    assert seen["accepted_text"] == libreoffice.inspect(SAMPLE_DRAFT)["accepted_text"]
    assert seen["rejected_text"] == libreoffice.inspect(REV2_EXCERPT)["rejected_text"]
    # The renumbering of Rev 2's 66 is a small change of the number, not the whole paragraph.
    number_changes = [r for r in seen["redlines"] if r["text"] in ("66", "67")]
    assert {r["type"] for r in number_changes} == {"Insert", "Delete"}


@pytest.mark.interop
def test_replacing_the_last_paragraph_leaves_no_empty_one(libreoffice: LibreOffice, tmp_path: Path) -> None:
    import docx

    for name, texts in (("old", ["One.", "Two.", "This is a test."]),
                        ("new", ["One.", "Two.", "An entirely different closing sentence here.", "And another."])):
        document = docx.Document()
        for text in texts:
            document.add_paragraph(text)
        document.save(str(tmp_path / f"{name}.docx"))
    out = tmp_path / "cmp.docx"
    compare_files(tmp_path / "old.docx", tmp_path / "new.docx", out, "X", BY.date)
    seen = libreoffice.inspect(out)
    assert seen["accepted_text"] == "One.\nTwo.\nAn entirely different closing sentence here.\nAnd another.\n"
    assert seen["rejected_text"] == "One.\nTwo.\nThis is a test.\n"
