"""docx_io.submission_writer: the amendments-only submission, tracked or static markup."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from app.resources import REV2_EXCERPT, SAMPLES
from app.textform import import_text_form
from docx_io.ns import qn
from docx_io.reader import read_draft
from docx_io.submission_writer import write_submission

DATE = datetime(2025, 12, 9, tzinfo=UTC)


def _write(tmp_path: Path, tracked: bool) -> etree._Element:
    draft = read_draft(REV2_EXCERPT)
    amendments = import_text_form(
        draft, (SAMPLES / "imsb_rev2_amendments.md").read_text(encoding="utf-8"), organisation="IMSB"
    ).amendments
    out = tmp_path / "submission.docx"
    write_submission(draft, amendments, out, organisation="IMSB", date=DATE, tracked=tracked)
    with zipfile.ZipFile(out) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def _runs_with(root: etree._Element, prop: str) -> list[str]:
    return ["".join(r.itertext()) for r in root.iter(qn("w:r")) if r.find(f"{qn('w:rPr')}/{qn(prop)}") is not None]


def test_static_markup_strikes_and_bolds_without_revisions(tmp_path: Path) -> None:
    root = _write(tmp_path, tracked=False)
    assert not list(root.iter(qn("w:ins"), qn("w:del")))
    struck = _runs_with(root, "w:strike")
    assert "description" in struck and "reaffirm" in struck
    bold_underlined = set(_runs_with(root, "w:b")) & set(_runs_with(root, "w:u"))
    assert "working definition" in bold_underlined and "recognize" in bold_underlined


def test_tracked_submission_has_title_organisation_labels_and_rationale(tmp_path: Path) -> None:
    root = _write(tmp_path, tracked=True)
    text = "\n".join("".join(p.itertext()) for p in root.iter(qn("w:p")))
    assert "Proposed amendments to WSIS+20 Rev. 2 (reconstructed excerpt)" in text
    assert "Submitted by IMSB" in text and "9 December 2025" in text
    for heading in ("Paragraph 66", "New paragraph 83 bis (after paragraph 83)", "Paragraph 88", "Paragraph 103"):
        assert heading in text
    assert "Rationale: Consolidate the references to the IGF Secretariat" in text
    authors = {el.get(qn("w:author")) for el in root.iter(qn("w:ins"), qn("w:del"))}
    assert authors == {"IMSB"}
