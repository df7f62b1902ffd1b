"""Segments: the change model, its helpers and its JSON form."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.segments import (
    Op,
    Segment,
    from_json,
    is_unchanged,
    normalize,
    original_text,
    proposed_text,
    shift,
    to_json,
)

SEGMENT = st.builds(Segment, st.sampled_from(list(Op)), st.text(max_size=12))
SEGMENTS = st.lists(SEGMENT, max_size=12)


@settings(max_examples=100, deadline=None)
@given(SEGMENTS)
def test_json_round_trip(segments: list[Segment]) -> None:
    data = to_json(segments)
    # It really is JSON: survives a dump and load.
    assert from_json(json.loads(json.dumps(data, ensure_ascii=False))) == segments
    assert all(isinstance(op, str) and isinstance(text, str) for op, text in data)


def test_to_json_shape() -> None:
    segs = [Segment(Op.EQUAL, "a "), Segment(Op.DELETE, "b"), Segment(Op.INSERT, "c")]
    assert to_json(segs) == [["equal", "a "], ["delete", "b"], ["insert", "c"]]


@pytest.mark.parametrize(
    "data",
    [
        None,
        "equal",
        {"op": "equal", "text": "a"},
        [["equal"]],
        [["equal", "a", "b"]],
        [["equal", 3]],
        [[None, "a"]],
        [("equal", "a")],
        ["equal", "a"],
        [["replace", "a"]],
        [["EQUAL", "a"]],
    ],
)
def test_from_json_rejects_malformed_input(data: object) -> None:
    with pytest.raises(ValueError):
        from_json(data)


def test_from_json_empty_list() -> None:
    assert from_json([]) == []


@settings(max_examples=100, deadline=None)
@given(SEGMENTS)
def test_normalize_keeps_both_texts_and_is_tidy(segments: list[Segment]) -> None:
    out = normalize(segments)
    assert original_text(out) == original_text(segments)
    assert proposed_text(out) == proposed_text(segments)
    assert all(s.text for s in out)
    for a, b in itertools.pairwise(out):
        assert a.op is not b.op
        assert not (a.op is Op.INSERT and b.op is Op.DELETE)
    assert normalize(out) == out


def test_normalize_puts_deletion_before_insertion() -> None:
    segs = [Segment(Op.EQUAL, "a "), Segment(Op.INSERT, "new"), Segment(Op.DELETE, "old"), Segment(Op.EQUAL, "")]
    assert normalize(segs) == [Segment(Op.EQUAL, "a "), Segment(Op.DELETE, "old"), Segment(Op.INSERT, "new")]


def test_original_and_proposed_text() -> None:
    segs = [Segment(Op.EQUAL, "We "), Segment(Op.DELETE, "reaffirm"), Segment(Op.INSERT, "recognize"),
            Segment(Op.EQUAL, " that")]
    assert original_text(segs) == "We reaffirm that"
    assert proposed_text(segs) == "We recognize that"


def test_is_unchanged() -> None:
    assert is_unchanged([])
    assert is_unchanged([Segment(Op.EQUAL, "x"), Segment(Op.DELETE, ""), Segment(Op.INSERT, "")])
    assert not is_unchanged([Segment(Op.EQUAL, "x"), Segment(Op.INSERT, "y")])
    assert not is_unchanged([Segment(Op.DELETE, "x")])


def test_shift_prepends_the_typed_label() -> None:
    segs = [Segment(Op.EQUAL, "We "), Segment(Op.DELETE, "a"), Segment(Op.INSERT, "b")]
    out = shift(segs, "66.\t")
    assert out[0] == Segment(Op.EQUAL, "66.\tWe ")
    assert original_text(out) == "66.\tWe a"
    assert proposed_text(out) == "66.\tWe b"
    # A change at the very start stays a change after the label.
    out2 = shift([Segment(Op.INSERT, "Also, "), Segment(Op.EQUAL, "we")], "7. ")
    assert out2 == [Segment(Op.EQUAL, "7. "), Segment(Op.INSERT, "Also, "), Segment(Op.EQUAL, "we")]
