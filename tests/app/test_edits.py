"""Explicit edits (strike, insert, replace at offsets) turned into segments."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.edits import Insert, Replace, Strike, segments_from_edits
from app.errors import AmendmentError
from app.segments import Op, Segment, original_text, proposed_text

TEXT = "We invite the Secretary-General to report to the General Assembly."


def span(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def test_strike() -> None:
    s, e = span("Secretary-General")
    segs = segments_from_edits(TEXT, [Strike(s, e)])
    assert segs == [
        Segment(Op.EQUAL, "We invite the "),
        Segment(Op.DELETE, "Secretary-General"),
        Segment(Op.EQUAL, " to report to the General Assembly."),
    ]


def test_insert_in_the_middle() -> None:
    at = TEXT.index("to report")
    segs = segments_from_edits(TEXT, [Insert(at, "urgently ")])
    assert proposed_text(segs) == TEXT[:at] + "urgently " + TEXT[at:]
    assert original_text(segs) == TEXT
    assert Segment(Op.INSERT, "urgently ") in segs


def test_insert_at_start_and_end() -> None:
    segs = segments_from_edits(TEXT, [Insert(0, "Further, "), Insert(len(TEXT), " Done.")])
    assert segs[0] == Segment(Op.INSERT, "Further, ")
    assert segs[-1] == Segment(Op.INSERT, " Done.")
    assert segs[1] == Segment(Op.EQUAL, TEXT)
    assert proposed_text(segs) == "Further, " + TEXT + " Done."


def test_replace_strikes_then_inserts() -> None:
    s, e = span("General Assembly")
    segs = segments_from_edits(TEXT, [Replace(s, e, "Commission on Science and Technology for Development")])
    assert segs == [
        Segment(Op.EQUAL, "We invite the Secretary-General to report to the "),
        Segment(Op.DELETE, "General Assembly"),
        Segment(Op.INSERT, "Commission on Science and Technology for Development"),
        Segment(Op.EQUAL, "."),
    ]


def test_several_edits_in_any_order() -> None:
    s1, e1 = span("invite")
    s2, e2 = span("General Assembly")
    edits: list[Strike | Insert | Replace] = [Replace(s2, e2, "CSTD"), Strike(s1, e1), Insert(0, "Also, ")]
    segs = segments_from_edits(TEXT, edits)
    assert original_text(segs) == TEXT
    assert proposed_text(segs) == "Also, We  the Secretary-General to report to the CSTD."
    assert [s.op for s in segs] == [Op.INSERT, Op.EQUAL, Op.DELETE, Op.EQUAL, Op.DELETE, Op.INSERT, Op.EQUAL]


def test_adjacent_strikes_are_joined() -> None:
    segs = segments_from_edits("abcdef", [Strike(0, 2), Strike(2, 4)])
    assert segs == [Segment(Op.DELETE, "abcd"), Segment(Op.EQUAL, "ef")]


def test_no_edits_is_unchanged() -> None:
    assert segments_from_edits(TEXT, []) == [Segment(Op.EQUAL, TEXT)]


@pytest.mark.parametrize(
    "edits",
    [
        [Strike(0, 5), Strike(3, 8)],
        [Strike(3, 8), Strike(0, 5)],
        [Strike(0, 10), Replace(2, 4, "x")],
        [Replace(5, 9, "a"), Replace(8, 12, "b")],
    ],
)
def test_overlapping_strikes_are_rejected(edits: list[Strike | Replace]) -> None:
    with pytest.raises(AmendmentError, match="overlap"):
        segments_from_edits(TEXT, edits)


@pytest.mark.parametrize(
    "edit",
    [Strike(-1, 3), Strike(0, len(TEXT) + 1), Insert(len(TEXT) + 1, "x"), Insert(-1, "x"),
     Replace(2, len(TEXT) + 5, "x")],
)
def test_offsets_out_of_range_are_rejected(edit: Strike | Insert | Replace) -> None:
    with pytest.raises(AmendmentError, match="outside the paragraph"):
        segments_from_edits(TEXT, [edit])


def test_backwards_span_is_rejected() -> None:
    with pytest.raises(AmendmentError, match="backwards"):
        segments_from_edits(TEXT, [Strike(8, 3)])


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[Strike | Insert | Replace]]:
    text = draw(st.text(min_size=0, max_size=30))
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=6)))
    edits: list[Strike | Insert | Replace] = []
    # Non-overlapping, non-touching spans between distinct cut points.
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        kind = draw(st.sampled_from(["strike", "replace", "insert"]))
        if kind == "strike":
            edits.append(Strike(a, b))
        elif kind == "replace":
            edits.append(Replace(a, b, draw(st.text(min_size=1, max_size=5))))
        else:
            edits.append(Insert(a, draw(st.text(min_size=1, max_size=5))))
    return text, edits


@settings(max_examples=100, deadline=None)
@given(text_and_edits())
def test_edits_property(case: tuple[str, list[Strike | Insert | Replace]]) -> None:
    text, edits = case
    segs = segments_from_edits(text, edits)
    assert original_text(segs) == text
    # Build the expected proposed text directly, applying edits from the end.
    expected = text
    for edit in sorted(edits, key=lambda e: e.at if isinstance(e, Insert) else e.start, reverse=True):
        if isinstance(edit, Insert):
            expected = expected[: edit.at] + edit.text + expected[edit.at :]
        elif isinstance(edit, Replace):
            expected = expected[: edit.start] + edit.text + expected[edit.end :]
        else:
            expected = expected[: edit.start] + expected[edit.end :]
    assert proposed_text(segs) == expected
    assert all(s.text for s in segs)


def test_inserts_at_one_offset_keep_their_order() -> None:
    segs = segments_from_edits("ab", [Insert(1, "x"), Insert(1, "y")])
    assert proposed_text(segs) == "axyb"
    assert segs == [Segment(Op.EQUAL, "a"), Segment(Op.INSERT, "xy"), Segment(Op.EQUAL, "b")]
