"""LibreOffice reads back the tracked changes a merge writes inside footnotes and endnotes: each note's
accept-all and reject-all text and the changes' authors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.wiring.apply import apply_amendments, compare_files
from app.wiring.merging import merge_files
from tests.app.test_note_merge import DATE, END, FOOT, PARAS
from tests.docx_io.docx_factory import make_noted_docx
from tests.interop.libreoffice import LibreOffice

pytestmark = pytest.mark.interop


def test_merged_note_changes_read_back_by_libreoffice(libreoffice: LibreOffice, tmp_path: Path) -> None:
    draft = make_noted_docx(tmp_path / "draft.docx", PARAS, [(0, "footnote", FOOT), (1, "endnote", END)])
    g77 = make_noted_docx(tmp_path / "g77.docx", PARAS, [
        (0, "footnote", [("=", "See decision 1/CP.21, paragraph "), ("-", "4", "G77"), ("+", "5", "G77"),
                         ("=", ".")]),
        (1, "endnote", END)])
    eu = make_noted_docx(tmp_path / "eu.docx", PARAS, [
        (0, "footnote", FOOT),
        (1, "endnote", [("=", "As adopted at the "), ("-", "fifth", "EU"), ("+", "sixth", "EU"), ("=", " session."),
                        ("+", " Amended.", "EU")])])
    out, report = tmp_path / "merged.docx", tmp_path / "report.json"
    merge_files(draft, [str(g77), str(eu)], out, form="full", date=DATE, report=report)
    assert {(r["author"], r["paragraph"], r["status"]) for r in json.loads(report.read_text())} == {
        ("G77", "66 fn1", "applied"), ("EU", "endnote 1", "applied")}
    seen = libreoffice.notes(out)
    assert [t.strip() for t in seen["accepted"]["footnotes"]] == ["See decision 1/CP.21, paragraph 5."]
    assert [t.strip() for t in seen["rejected"]["footnotes"]] == [FOOT]
    assert [t.strip() for t in seen["accepted"]["endnotes"]] == ["As adopted at the sixth session. Amended."]
    assert [t.strip() for t in seen["rejected"]["endnotes"]] == [END]
    changes = {(r["type"], r["author"], r["text"]) for r in libreoffice.inspect(out)["redlines"]}
    assert {("Delete", "G77", "4"), ("Insert", "G77", "5"), ("Delete", "EU", "fifth"), ("Insert", "EU", "sixth"),
            ("Insert", "EU", " Amended.")} <= changes
    assert {author for _, author, _ in changes} == {"G77", "EU"}


def test_applied_note_amendments_read_back_by_libreoffice(libreoffice: LibreOffice, tmp_path: Path) -> None:
    draft = make_noted_docx(tmp_path / "draft.docx", PARAS, [(0, "footnote", FOOT), (1, "endnote", END)])
    source = tmp_path / "ours.md"
    source.write_text("66 fn1. See decision 1/CP.21, paragraph ~~4~~ **5**.\n\n"
                      "endnote 1. As adopted at the ~~fifth~~ **sixth** session.\n", encoding="utf-8")
    out = tmp_path / "applied.docx"
    apply_amendments(draft, source, out, form="full", author="Brazil", organisation="", date=DATE)
    seen = libreoffice.notes(out)
    assert [t.strip() for t in seen["accepted"]["footnotes"]] == ["See decision 1/CP.21, paragraph 5."]
    assert [t.strip() for t in seen["rejected"]["footnotes"]] == [FOOT]
    assert [t.strip() for t in seen["accepted"]["endnotes"]] == ["As adopted at the sixth session."]
    assert [t.strip() for t in seen["rejected"]["endnotes"]] == [END]
    changes = {(r["type"], r["author"], r["text"]) for r in libreoffice.inspect(out)["redlines"]}
    assert changes == {("Delete", "Brazil", "4"), ("Insert", "Brazil", "5"), ("Delete", "Brazil", "fifth"),
                       ("Insert", "Brazil", "sixth")}


def test_compared_note_text_read_back_by_libreoffice(libreoffice: LibreOffice, tmp_path: Path) -> None:
    old = make_noted_docx(tmp_path / "old.docx", PARAS, [(0, "footnote", FOOT), (1, "endnote", END)])
    new = make_noted_docx(tmp_path / "new.docx", PARAS, [(0, "footnote", FOOT),
                                                         (1, "endnote", "As adopted at the sixth session.")])
    out = tmp_path / "diff.docx"
    compare_files(old, new, out, "Secretariat", DATE)
    seen = libreoffice.notes(out)
    assert [t.strip() for t in seen["accepted"]["endnotes"]] == ["As adopted at the sixth session."]
    assert [t.strip() for t in seen["rejected"]["endnotes"]] == [END]
    assert {r["author"] for r in libreoffice.inspect(out)["redlines"]} == {"Secretariat"}
