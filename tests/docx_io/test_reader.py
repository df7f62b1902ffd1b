"""docx_io.reader: labels from typed numbers, sub-paragraphs, headings, tables, tracked changes."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from app.errors import DocumentError, LabelError
from app.model import Kind
from docx_io.reader import read_draft
from tests.docx_io.docx_factory import add_revision_paragraph, make_docx


def test_typed_numbers_become_labels_and_bodies(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "d.docx", [
        ("Heading 1", "Internet governance"),
        "88.\tWe reaffirm the description of Internet governance.",
        "83 bis.\tWe recognise the significant work.",
        "(a)\tFirst sub-paragraph;",
        "(b)\tSecond sub-paragraph;",
        "(i)\tA point under (b);",
        "89. We recognize (space, not tab).",
        "Recalling the outcome document,",
    ])
    draft = read_draft(path)
    labels = [p.label for p in draft.paragraphs]
    assert labels == [None, "88", "83 bis", "83 bis (a)", "83 bis (b)", "83 bis (b) (i)", "89", None]
    assert draft.paragraphs[0].kind is Kind.HEADING
    assert draft.by_label("88").body == "We reaffirm the description of Internet governance."
    assert draft.by_label("88").prefix == "88.\t"
    assert draft.by_label("89").body == "We recognize (space, not tab)."
    assert draft.by_label("83bis").kind is Kind.PARAGRAPH
    assert draft.by_label("83 bis (b)").kind is Kind.SUBPARAGRAPH
    assert draft.paragraphs[-1].kind is Kind.TEXT
    assert len(draft.sha256) == 64


def test_letters_continue_past_h_as_letters(tmp_path: Path) -> None:
    paras = ["12.\tChapeau:"] + [f"({c})\tItem {c};" for c in "abcdefghij"]
    draft = read_draft(make_docx(tmp_path / "d.docx", paras))
    assert draft.has_label("12 (i)")
    assert draft.has_label("12 (j)")
    assert not draft.has_label("12 (h) (i)")


def test_unknown_label_names_neighbours(tmp_path: Path) -> None:
    draft = read_draft(make_docx(tmp_path / "d.docx", ["1.\tOne.", "3.\tThree."]))
    with pytest.raises(LabelError, match="'1' and '3'"):
        draft.by_label("2")


def test_table_cell_paragraphs_are_read(tmp_path: Path) -> None:
    draft = read_draft(make_docx(tmp_path / "d.docx", ["1.\tBefore."], table=["Cell one", "Cell two"]))
    cells = [p for p in draft.paragraphs if p.in_table]
    assert [p.text for p in cells] == ["Cell one", "Cell two"]
    assert [p.anchor for p in draft.paragraphs] == sorted(p.anchor for p in draft.paragraphs)


def test_tracked_changes_are_read_as_accepted_and_reported(tmp_path: Path) -> None:
    base = make_docx(tmp_path / "b.docx", ["1.\tPlain."])
    path = add_revision_paragraph(base, tmp_path / "r.docx", "2.\tKept ", "added", " gone", "Alice")
    draft = read_draft(path)
    assert draft.by_label("2").text == "2.\tKept added"
    assert draft.by_label("2").has_revisions
    assert draft.tracked_change_count == 2
    assert any("read as accepted" in n for n in draft.notices)


def test_formatting_runs_are_kept(tmp_path: Path) -> None:
    doc = docx.Document()
    p = doc.add_paragraph("5.\t")
    p.add_run("Recalling").italic = True
    p.add_run(" the outcome")
    doc.save(str(tmp_path / "f.docx"))
    para = read_draft(tmp_path / "f.docx").by_label("5")
    assert [(r.text, r.formatting.italic) for r in para.runs] == [
        ("5.\t", False), ("Recalling", True), (" the outcome", False)
    ]


@pytest.mark.own_structure_check  # damaged on purpose
@pytest.mark.parametrize("content,expected", [
    (b"plain text, not a zip", "not a .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "legacy Word 97-2003"),
])
def test_bad_files_are_refused_with_one_line(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=expected) as info:
        read_draft(path)
    assert "\n" not in str(info.value)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        read_draft(tmp_path / "nope.docx")


WGIG = "open-xml-sdk/test/DocumentFormat.OpenXml.Tests.Assets/assets/TestDataStorage/v2FxTestFiles/wordprocessing/" \
    "mixed features/BackgroundReport - THE WORKING GROUP ON INTERNET GOVERNANCE.docx"


def test_automatic_numbering_gives_labels(fixtures_dir: Path) -> None:
    """A real UN-style report numbered by Word (w:numPr): labels are the printed numbers, the text has none."""
    draft = read_draft(fixtures_dir / "redlines" / WGIG)
    para = draft.by_label("231")
    assert para.number_text == "231."
    assert para.kind is Kind.PARAGRAPH
    assert para.body_start == 0 and para.text.startswith("There are a number of non-governmental")
    numbered = [p for p in draft.paragraphs if p.kind is Kind.PARAGRAPH and p.number_text]
    assert len(numbered) > 60 and not any(p.in_table for p in numbered)
    # The definitions numbered 1.–11. inside Box 1 (a one-cell table) are addressed by their cell, not as paras.
    boxed = [p for p in draft.paragraphs if p.in_table and p.number_text == "1."]
    assert boxed and all((p.label or "").startswith("table ") for p in boxed)
    assert draft.has_label("17 (iv)") and not draft.has_label("17 (i) (ii)")


def test_roman_list_without_letters_is_first_level(tmp_path: Path) -> None:
    draft = read_draft(make_docx(tmp_path / "d.docx", ["13.\tChapeau:", "(i)\tOne;", "(ii)\tTwo;", "(iii)\tThree."]))
    assert [p.label for p in draft.paragraphs] == ["13", "13 (i)", "13 (ii)", "13 (iii)"]
