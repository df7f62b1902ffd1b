"""docx_io.submission_writer: the amendments-only submission, tracked or static markup."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from app.amendments import Amendment, Status
from app.resources import REV2_EXCERPT, SAMPLES
from app.textform import import_text_form
from docx_io.ns import qn
from docx_io.reader import read_draft
from docx_io.submission_writer import write_submission

DATE = datetime(2025, 12, 9, tzinfo=UTC)


def _write(tmp_path: Path, tracked: bool, change: Callable[[list[Amendment]], None] | None = None) -> etree._Element:
    draft = read_draft(REV2_EXCERPT)
    amendments = import_text_form(
        draft, (SAMPLES / "imsb_rev2_amendments.md").read_text(encoding="utf-8"), organisation="IMSB"
    ).amendments
    if change is not None:
        change(amendments)
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
    for heading in ("Paragraph 66", "Option A (83 bis) or Option B (84)", "Paragraph 88", "Paragraph 103"):
        assert heading in text
    assert "Rationale: Consolidate the references to the IGF Secretariat" in text
    authors = {el.get(qn("w:author")) for el in root.iter(qn("w:ins"), qn("w:del"))}
    assert authors == {"IMSB"}


def _paragraphs(root: etree._Element) -> list[str]:
    return ["".join(p.itertext()) for p in root.iter(qn("w:p"))]


def test_an_either_or_set_is_written_together_with_each_options_rationale(tmp_path: Path) -> None:
    def give_84_a_rationale(amendments: list[Amendment]) -> None:
        next(a for a in amendments if a.label == "84").rationale = "Name the IGF and the WSIS Forum."

    for tracked in (True, False):
        text = _paragraphs(_write(tmp_path, tracked, give_84_a_rationale))
        start = text.index("Option A (83 bis) or Option B (84)")
        assert text[start + 1] == "Option A: new paragraph 83 bis (after paragraph 83)"
        assert text[start + 2].startswith("83 bis.We recognise the significant work")
        assert text[start + 3:start + 5] == ["or", "Option B: paragraph 84"]
        assert text[start + 5].startswith("84.We encourage the development")
        assert text[start + 6] == "Rationale: Name the IGF and the WSIS Forum."
        assert text[start + 7] == "Paragraph 88"


def test_drafts_are_marked_only_beside_final_amendments(tmp_path: Path) -> None:
    def finalise(amendments: list[Amendment]) -> None:
        for a in amendments:
            a.status = Status.FINAL if a.label in ("66", "84") else Status.DRAFT

    text = _paragraphs(_write(tmp_path, False, finalise))
    assert "Paragraph 66" in text and "Paragraph 88 (draft)" in text
    assert "Option A: new paragraph 83 bis (after paragraph 83) (draft)" in text and "Option B: paragraph 84" in text
    assert not any("(draft)" in line for line in _paragraphs(_write(tmp_path, False)))  # all drafts: no mark
