"""Moves written as Word writes them: w:moveFrom / w:moveTo between named range markers, in the full and
amendments forms; a move missing a half, or whose halves differ, is written as a deletion and an insertion."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
from lxml import etree

from app.amendments import Amendment, Kind, Option
from app.plan import Attribution, ModifyParagraph, RedlinePlan
from app.segments import Op, Segment
from docx_io.ns import qn
from docx_io.package import read_package
from docx_io.reader import read_draft
from docx_io.redline_writer import write_redline
from docx_io.submission_writer import write_submission
from tests.structure import problems

BY = Attribution("IMSB", datetime(2025, 12, 9, 10, 30, tzinfo=UTC))
MOVED = "We call for the strengthening of this Secretariat."
DATE = "2025-12-09T10:30:00Z"


def _draft(tmp_path: Path) -> Path:
    doc = docx.Document()
    doc.add_paragraph("100.\tWe decide that the Forum shall be made permanent.")
    doc.add_paragraph(f"103.\t{MOVED} We invite the Secretary-General to submit a proposal.")
    doc.save(str(tmp_path / "draft.docx"))
    return tmp_path / "draft.docx"


def _write_full(tmp_path: Path, p100: list[Segment], p103: list[Segment]) -> etree._Element:
    path = _draft(tmp_path)
    draft = read_draft(path)
    a, b = draft.by_label("100"), draft.by_label("103")
    plan = RedlinePlan()
    plan.add(ModifyParagraph(a.anchor, [Segment(Op.EQUAL, a.prefix), *p100], BY))
    plan.add(ModifyParagraph(b.anchor, [Segment(Op.EQUAL, b.prefix), *p103], BY))
    out = tmp_path / "full.docx"
    write_redline(read_package(path), plan, out)
    assert problems(out) == []
    with zipfile.ZipFile(out) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def _tags(root: etree._Element, *names: str) -> list[etree._Element]:
    return list(root.iter(*(qn(f"w:{n}") for n in names)))


def _whole_move() -> tuple[list[Segment], list[Segment]]:
    """(para 100's body, para 103's body): the sentence moved from the start of 103 to the start of 100."""
    p100 = [Segment(Op.INSERT, MOVED + " ", "move1"),
            Segment(Op.EQUAL, "We decide that the Forum shall be made permanent.")]
    p103 = [Segment(Op.DELETE, MOVED + " ", "move1"),
            Segment(Op.EQUAL, "We invite the Secretary-General to submit a proposal.")]
    return p100, p103


def test_full_form_writes_a_named_move_with_its_ranges(tmp_path: Path) -> None:
    p100, p103 = _whole_move()
    root = _write_full(tmp_path, p100, p103)
    assert not _tags(root, "ins", "del")
    (move_from,), (move_to,) = _tags(root, "moveFrom"), _tags(root, "moveTo")
    assert "".join(move_from.itertext()) == "".join(move_to.itertext()) == MOVED + " "
    assert move_from.find(f".//{qn('w:t')}") is not None  # Word keeps w:t in a moveFrom
    (from_start,), (to_start,) = _tags(root, "moveFromRangeStart"), _tags(root, "moveToRangeStart")
    (from_end,), (to_end,) = _tags(root, "moveFromRangeEnd"), _tags(root, "moveToRangeEnd")
    assert from_start.get(qn("w:name")) == to_start.get(qn("w:name")) == "move1"
    assert from_start.get(qn("w:id")) == from_end.get(qn("w:id"))
    assert to_start.get(qn("w:id")) == to_end.get(qn("w:id"))
    ids = [el.get(qn("w:id")) for el in (move_from, move_to, from_start, to_start)]
    assert len(set(ids)) == 4
    for el in (move_from, move_to, from_start, to_start):
        assert el.get(qn("w:author")) == "IMSB" and el.get(qn("w:date")) == DATE
    # The range holds the move: start, moveFrom, end are siblings in that order.
    assert from_start.getnext() is move_from and move_from.getnext() is from_end
    assert to_start.getnext() is move_to and move_to.getnext() is to_end


def test_a_move_with_a_half_missing_is_a_deletion_and_an_insertion(tmp_path: Path) -> None:
    _, p103 = _whole_move()
    p100 = [Segment(Op.EQUAL, "We decide that the Forum shall be made permanent."),
            Segment(Op.INSERT, MOVED + " ")]  # the destination was retyped: no longer the move
    root = _write_full(tmp_path, p100, p103)
    assert not _tags(root, "moveFrom", "moveTo", "moveFromRangeStart", "moveToRangeStart")
    assert len(_tags(root, "ins")) == 1 and len(_tags(root, "del")) == 1


def test_halves_that_differ_are_not_a_move(tmp_path: Path) -> None:
    _, p103 = _whole_move()
    p100 = [Segment(Op.EQUAL, "We decide that the Forum shall be made permanent."),
            Segment(Op.INSERT, "We call for a stronger Secretariat. ", "move1")]
    root = _write_full(tmp_path, p100, p103)
    assert not _tags(root, "moveFrom", "moveTo")
    assert all(d.find(f".//{qn('w:delText')}") is not None for d in _tags(root, "del"))


def test_amendments_form_writes_the_move_too(tmp_path: Path) -> None:
    path = _draft(tmp_path)
    draft = read_draft(path)
    p100, p103 = _whole_move()
    amendments = [
        Amendment(Kind.MODIFY, "100", [Option("A", p100)], draft.by_label("100").body, organisation="IMSB"),
        Amendment(Kind.MODIFY, "103", [Option("A", p103)], draft.by_label("103").body, organisation="IMSB"),
    ]
    out = tmp_path / "amendments.docx"
    write_submission(draft, amendments, out, date=datetime(2025, 12, 9, tzinfo=UTC))
    assert problems(out) == []
    with zipfile.ZipFile(out) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    (start_from,), (start_to,) = _tags(root, "moveFromRangeStart"), _tags(root, "moveToRangeStart")
    assert start_from.get(qn("w:name")) == start_to.get(qn("w:name")) == "move1"
    assert "".join(_tags(root, "moveFrom")[0].itertext()) == MOVED + " "
    # Only one of the two amendments submitted: its half is a plain deletion.
    out2 = tmp_path / "one.docx"
    write_submission(draft, amendments[1:], out2, date=datetime(2025, 12, 9, tzinfo=UTC))
    assert problems(out2) == []
    with zipfile.ZipFile(out2) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    assert not _tags(root, "moveFrom", "moveTo") and _tags(root, "del")
