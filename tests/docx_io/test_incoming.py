"""docx_io.incoming: a redlined file read back as attributed changes per paragraph."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from app.attributed import Change, original_lines, proposed_lines
from app.diff import diff_text
from app.plan import Attribution, DeleteParagraph, InsertParagraph, ModifyParagraph, RedlinePlan
from app.segments import Op, shift
from docx_io.incoming import read_incoming
from docx_io.ns import qn
from docx_io.package import read_package
from docx_io.reader import read_draft
from docx_io.redline_writer import write_redline
from tests.docx_io.docx_factory import make_docx

G77 = Attribution("G77", datetime(2025, 12, 1, tzinfo=UTC))
EU = Attribution("EU", datetime(2025, 12, 2, tzinfo=UTC))
TEXTS = ["1.\tWe meet in New York.", "2.\tWe urge all States to act.", "3.\tWe part.", "4.\tLast words."]


def _redline(tmp_path: Path) -> Path:
    base = make_docx(tmp_path / "base.docx", TEXTS)
    draft = read_draft(base)
    p2, p3 = draft.by_label("2"), draft.by_label("3")
    plan = RedlinePlan()
    plan.add(ModifyParagraph(p2.anchor, shift(diff_text(p2.body, "We call on all States to act now."), p2.prefix), G77))
    plan.add(InsertParagraph(p2.anchor, "2 bis.\tA new paragraph.", EU))
    plan.add(DeleteParagraph(p3.anchor, EU))
    out = tmp_path / "redline.docx"
    write_redline(read_package(base), plan, out)
    return out


def test_views_are_the_original_and_the_proposal(tmp_path: Path) -> None:
    paragraphs = read_incoming(read_package(_redline(tmp_path)))
    assert original_lines(paragraphs) == TEXTS
    assert proposed_lines(paragraphs) == [
        "1.\tWe meet in New York.", "2.\tWe call on all States to act now.", "2 bis.\tA new paragraph.",
        "4.\tLast words.",
    ]


def test_every_change_carries_its_author(tmp_path: Path) -> None:
    paragraphs = read_incoming(read_package(_redline(tmp_path)))
    p2 = next(p for p in paragraphs if p.original.startswith("2."))
    assert p2.authors == {"G77"}
    assert Change(Op.DELETE, "urge", "G77", "2025-12-01T00:00:00Z") in p2.changes
    new = next(p for p in paragraphs if p.inserted)
    assert new.proposed == "2 bis.\tA new paragraph." and new.authors == {"EU"}
    gone = next(p for p in paragraphs if p.deleted)
    assert gone.original == "3.\tWe part." and gone.authors == {"EU"}


@pytest.mark.own_structure_check  # the input nests a deletion in an insertion on purpose
def test_text_inserted_by_one_author_and_deleted_by_another_is_in_neither_view(tmp_path: Path) -> None:
    base = make_docx(tmp_path / "b.docx", ["Kept "])
    import docx

    doc = docx.Document(str(base))
    p = doc.paragraphs[0]._p
    ins = etree.SubElement(p, qn("w:ins"), {qn("w:id"): "1", qn("w:author"): "A", qn("w:date"): "2025-01-01T00:00:00Z"})
    dele = etree.SubElement(ins, qn("w:del"), {qn("w:id"): "2", qn("w:author"): "B",
                                               qn("w:date"): "2025-01-02T00:00:00Z"})
    run = etree.SubElement(dele, qn("w:r"))
    etree.SubElement(run, qn("w:delText")).text = "gone"
    doc.save(str(tmp_path / "n.docx"))
    (para,) = read_incoming(read_package(tmp_path / "n.docx"))
    assert para.original == "Kept " and para.proposed == "Kept "
    # Still read: A's insertion, struck by B (A proposes "gone", B the insertion without it).
    assert Change(Op.INSERT, "gone", "A", "2025-01-01T00:00:00Z", "B", "2025-01-02T00:00:00Z") in para.changes
    assert para.authors == {"A", "B"} and para.strikers == {"B"}


@pytest.mark.own_structure_check  # the input nests a deletion in an insertion on purpose
def test_an_author_deleting_their_own_insertion_leaves_nothing(tmp_path: Path) -> None:
    base = make_docx(tmp_path / "b.docx", ["Kept "])
    import docx

    doc = docx.Document(str(base))
    ins = etree.SubElement(doc.paragraphs[0]._p, qn("w:ins"), {qn("w:id"): "1", qn("w:author"): "A"})
    run = etree.SubElement(etree.SubElement(ins, qn("w:del"), {qn("w:id"): "2", qn("w:author"): "A"}), qn("w:r"))
    etree.SubElement(run, qn("w:delText")).text = "gone"
    doc.save(str(tmp_path / "n.docx"))
    (para,) = read_incoming(read_package(tmp_path / "n.docx"))
    assert para.changes == [Change(Op.EQUAL, "Kept ")] and para.authors == set()


def test_a_struck_paragraph_mark_is_read_with_its_author(tmp_path: Path) -> None:
    """A join: the mark of "1." deleted by EU, both texts kept."""
    base = make_docx(tmp_path / "b.docx", TEXTS[:2])
    import docx

    doc = docx.Document(str(base))
    ppr = doc.paragraphs[0]._p.get_or_add_pPr()
    etree.SubElement(etree.SubElement(ppr, qn("w:rPr")), qn("w:del"),
                     {qn("w:id"): "1", qn("w:author"): "EU", qn("w:date"): "2025-01-01T00:00:00Z"})
    doc.save(str(tmp_path / "joined.docx"))
    first, second = read_incoming(read_package(tmp_path / "joined.docx"))
    assert (first.joined_on, first.deleted, first.mark_author) == (True, False, "EU")
    assert not second.joined_on and second.mark_author == ""
    assert proposed_lines([first, second]) == [TEXTS[0] + TEXTS[1]]
