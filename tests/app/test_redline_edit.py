"""app.redline_edit: Word-like track-changes editing on segments."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.redline_edit import RedlineEdit
from app.segments import Op, Segment, original_text

TEXT = "We reaffirm the description of Internet governance"


def test_typing_inserts_tracked_text() -> None:
    e = RedlineEdit(TEXT)
    cursor = e.type_text(3, "firmly ")
    assert cursor == 10
    assert e.segments == [Segment(Op.EQUAL, "We "), Segment(Op.INSERT, "firmly "), Segment(Op.EQUAL, TEXT[3:])]
    assert e.original == TEXT


def test_typing_next_to_an_insertion_extends_it() -> None:
    e = RedlineEdit(TEXT)
    c = e.type_text(3, "f")
    c = e.type_text(c, "i")
    assert [s for s in e.segments if s.op is Op.INSERT] == [Segment(Op.INSERT, "fi")]


def test_deleting_original_text_strikes_it_and_keeps_it_visible() -> None:
    e = RedlineEdit(TEXT)
    i = TEXT.index("description")
    cursor = e.delete_range(i, i + len("description"))
    assert Segment(Op.DELETE, "description") in e.segments
    assert e.view_text == TEXT
    assert cursor == i + len("description")
    assert e.proposed == "We reaffirm the  of Internet governance"


def test_deleting_own_insertion_removes_it() -> None:
    e = RedlineEdit(TEXT)
    c = e.type_text(3, "xyz")
    c = e.backspace(c)
    assert c == 5
    assert e.view_text == "We xy" + TEXT[3:]
    e.delete_range(3, 5)
    assert e.segments == [Segment(Op.EQUAL, TEXT)]


def test_backspace_strikes_and_moves_left() -> None:
    e = RedlineEdit(TEXT)
    c = e.backspace(2)
    assert c == 1 and e.op_at(1) is Op.DELETE
    c = e.backspace(c)
    assert c == 0 and e.proposed == TEXT[2:]


def test_typing_over_a_selection_is_a_replacement() -> None:
    e = RedlineEdit(TEXT)
    i = TEXT.index("description")
    cursor = e.replace(i, i + len("description"), "working definition")
    assert e.segments[1:3] == [Segment(Op.DELETE, "description"), Segment(Op.INSERT, "working definition")]
    assert e.view_text[:cursor].endswith("working definition")
    assert e.proposed == "We reaffirm the working definition of Internet governance"


def test_reject_restores_a_strike_and_drops_an_insertion() -> None:
    e = RedlineEdit(TEXT)
    i = TEXT.index("description")
    e.replace(i, i + len("description"), "working definition")
    e.reject_at(i + 2)  # inside the strike
    assert e.original == TEXT and Segment(Op.DELETE, "description") not in e.segments
    e.reject_at(e.view_text.index("working"))
    assert e.segments == [Segment(Op.EQUAL, TEXT)]


EDITS = st.lists(
    st.tuples(st.sampled_from(["type", "delete", "backspace", "forward", "replace", "reject"]),
              st.integers(0, 80), st.integers(0, 80), st.text(alphabet="ab ", max_size=4)),
    max_size=15,
)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="xyz ,.", min_size=0, max_size=30), EDITS)
def test_any_edit_sequence_keeps_the_original(original: str, edits: list[tuple[str, int, int, str]]) -> None:
    e = RedlineEdit(original)
    for kind, a, b, text in edits:
        if kind == "type":
            e.type_text(a, text)
        elif kind == "delete":
            e.delete_range(a, b)
        elif kind == "backspace":
            e.backspace(a)
        elif kind == "forward":
            e.delete_forward(a)
        elif kind == "replace":
            e.replace(a, b, text)
        else:
            e.reject_at(a)
        assert original_text(e.segments) == original
        assert all(s.text for s in e.segments)
        assert 0 <= e.type_text(len(e.view_text), "") <= len(e.view_text)
