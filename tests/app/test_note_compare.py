"""compare writes the differences in footnote and endnote text as tracked changes in the notes."""

from __future__ import annotations

from pathlib import Path

from app.wiring.apply import compare_files
from tests.app.test_note_merge import DATE, END, FOOT, PARAS, _note_revisions
from tests.docx_io.docx_factory import make_noted_docx


def test_note_text_differences_are_tracked_in_the_notes(tmp_path: Path) -> None:
    old = make_noted_docx(tmp_path / "old.docx", PARAS, [(0, "footnote", FOOT), (1, "endnote", END)])
    new = make_noted_docx(tmp_path / "new.docx", PARAS, [(0, "footnote", "See decision 1/CP.21, paragraph 5."),
                                                         (1, "endnote", END)])
    out = tmp_path / "diff.docx"
    summary = compare_files(old, new, out, "Secretariat", DATE)
    assert "1 note(s) changed" in summary
    assert _note_revisions(out, "footnote") == [("del", "Secretariat", "4"), ("ins", "Secretariat", "5")]
    assert _note_revisions(out, "endnote") == []


def test_a_note_count_that_differs_is_said(tmp_path: Path) -> None:
    old = make_noted_docx(tmp_path / "old.docx", PARAS, [(0, "footnote", FOOT)])
    new = make_noted_docx(tmp_path / "new.docx", PARAS, [(0, "footnote", FOOT), (1, "footnote", "Another.")])
    summary = compare_files(old, new, tmp_path / "diff.docx", "Secretariat", DATE)
    assert "the old draft has 1 footnote(s), the new one 2" in summary
