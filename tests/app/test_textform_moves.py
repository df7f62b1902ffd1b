"""Moves in the text form: "~~…~~(moved to 100)" and "**…**(moved from 103)" read as one move, written back
the same way; a half without its partner is a plain strike or insertion, with a warning."""

from __future__ import annotations

from app.amendments import Amendment, Kind, Option
from app.moves import whole_moves
from app.redline_edit import RedlineEdit
from app.segments import Op
from app.textform import Severity, format_text_form, import_text_form, parse_text_form
from tests.app.test_textform import draft

B100 = "We decide that the Forum shall be made a permanent forum of the United Nations."
B103 = "We call for the strengthening of the Secretariat, and invite the Secretary-General to submit a proposal."
MOVED = "call for the strengthening of the Secretariat, and "

FORM = (
    "100. We decide that the Forum shall be made a permanent forum of the United Nations. "
    "**We call for the strengthening of the Secretariat.**(moved from 103)\n"
    "103. We ~~call for the strengthening of the Secretariat, and~~(moved to 100) invite the Secretary-General "
    "to submit a proposal.\n"
)


def test_notes_are_not_part_of_the_text() -> None:
    parsed, problems = parse_text_form(FORM)
    assert problems == []
    assert [n.direction for p in parsed for n in p.moves] == ["from", "to"]
    assert all("moved" not in s.text for p in parsed for s in p.segments)


def test_a_move_written_by_hand_with_different_halves_stays_a_strike_and_an_insertion() -> None:
    d = draft(("100", B100), ("103", B103))
    imported = import_text_form(d, FORM, organisation="IMSB")
    assert len(imported.amendments) == 2
    assert not any(s.move for a in imported.amendments for s in a.option.segments)
    warnings = [x for x in imported.diagnostics if x.severity is Severity.WARNING and "moved" in x.message]
    assert warnings, imported.diagnostics


def _moved_session_amendments() -> str:
    """The text form of a move made as the editor makes it (Session.move_text's edits, without a file)."""
    src, tgt = RedlineEdit(B103), RedlineEdit(B100)
    start = B103.index(MOVED)
    src.delete_range(start, start + len(MOVED), move="m1")
    tgt.type_text(len(B100), MOVED, move="m1")
    amendments = [Amendment(Kind.MODIFY, "103", [Option("A", src.segments)], B103, organisation="IMSB"),
                  Amendment(Kind.MODIFY, "100", [Option("A", tgt.segments)], B100, organisation="IMSB")]
    return format_text_form(amendments)


def test_an_editor_move_round_trips_through_the_text_form() -> None:
    text = _moved_session_amendments()
    assert "~~(moved to 100)" in text and "**(moved from 103)" in text
    d = draft(("100", B100), ("103", B103))
    imported = import_text_form(d, text, organisation="IMSB")
    assert not [x for x in imported.diagnostics if "moved" in x.message]
    halves = [(s, a.attribution) for a in imported.amendments for s in a.option.segments]
    (name,) = whole_moves(halves)
    moved = [s for s, _ in halves if s.move == name]
    assert sorted(s.op.value for s in moved) == [Op.DELETE.value, Op.INSERT.value]
    assert {s.text for s in moved} == {MOVED}
    assert format_text_form(imported.amendments) == text
