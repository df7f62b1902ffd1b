"""An amendment in the text form can target a footnote or an endnote: "66 fn1." (the first footnote referenced
in para 66) or the note's printed number ("endnote 1."); it is written as tracked changes in that note."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.errors import AmendmentError
from app.note_labels import find_note, is_note_address
from app.textform import import_text_form
from app.wiring.apply import apply_amendments
from docx_io.package import read_package
from docx_io.reader import read_draft
from tests.app.test_note_merge import DATE, END, FOOT, PARAS, _note_revisions
from tests.docx_io.docx_factory import make_noted_docx

TEXT = ("66 fn1. See decision 1/CP.21, paragraph ~~4~~ **5**.\n\n"
        "endnote 1. As adopted at the ~~fifth~~ **sixth** session.\n\n"
        "67. We request the secretariat to report **annually**.\n")


def _draft(folder: Path) -> Path:
    return make_noted_docx(folder / "draft.docx", PARAS, [(0, "footnote", FOOT), (1, "endnote", END)])


def test_note_addresses_name_the_draft_notes(tmp_path: Path) -> None:
    draft = read_draft(_draft(tmp_path))
    assert [s.name for s in draft.notes] == ["66 fn1", "endnote 1"]
    assert is_note_address("66 fn1") and is_note_address("footnote 2") and not is_note_address("66")
    found = [find_note(draft, a) for a in ("66 fn1", "footnote 1", "67 en1", "endnote 1", "66 fn2", "footnote 9")]
    assert [s.name if s else None for s in found] == ["66 fn1", "66 fn1", "endnote 1", "endnote 1", None, None]
    imported = import_text_form(draft, TEXT, author="Brazil")
    assert [a.target for a in imported.amendments] == ["66 fn1", "endnote 1", "67"]
    assert not imported.diagnostics


def test_apply_writes_note_amendments_as_tracked_changes_in_the_notes(tmp_path: Path) -> None:
    source = tmp_path / "ours.md"
    source.write_text(TEXT, encoding="utf-8")
    out, report = tmp_path / "out.docx", tmp_path / "report.json"
    apply_amendments(_draft(tmp_path), source, out, form="full", author="Brazil", organisation="", date=DATE,
                     report=report)
    assert _note_revisions(out, "footnote") == [("del", "Brazil", "4"), ("ins", "Brazil", "5")]
    assert _note_revisions(out, "endnote") == [("del", "Brazil", "fifth"), ("ins", "Brazil", "sixth")]
    body = read_package(out).xml("word/document.xml")
    assert [t.text for t in body.iter("{*}t") if t.getparent().getparent().tag.endswith("ins")] == [" annually"]
    lines = {(r["paragraph"], r["status"]) for r in json.loads(report.read_text())}
    assert lines == {("66 fn1", "applied"), ("endnote 1", "applied"), ("67", "applied")}


def test_apply_clean_accepts_note_amendments(tmp_path: Path) -> None:
    source = tmp_path / "ours.md"
    source.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "clean.docx"
    apply_amendments(_draft(tmp_path), source, out, form="clean", author="Brazil", organisation="", date=DATE)
    assert [s.draft.paragraphs[0].text.strip() for s in read_draft(out).notes] == [
        "See decision 1/CP.21, paragraph 5.", "As adopted at the sixth session."]


def test_amendments_form_with_only_note_amendments_says_so(tmp_path: Path) -> None:
    source = tmp_path / "ours.md"
    source.write_text(TEXT.split("\n\n67.")[0] + "\n", encoding="utf-8")
    with pytest.raises(AmendmentError, match="those to notes"):
        apply_amendments(_draft(tmp_path), source, tmp_path / "sub.docx", form="amendments", author="Brazil",
                         organisation="", date=DATE)
