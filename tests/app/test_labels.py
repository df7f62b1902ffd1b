"""Paragraph labels: parsing, normalising, ordering and inventing bis/ter labels."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import LabelError
from app.labels import (
    SUFFIXES,
    base_number,
    caption_number,
    is_label,
    is_roman,
    label_key,
    next_inserted_label,
    parent_label,
    parse_label,
)


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("66", "66"),
        ("66.", "66"),
        ("  66.  ", "66"),
        ("083", "83"),
        ("83bis.", "83 bis"),
        ("83 bis", "83 bis"),
        ("83  BIS", "83 bis"),
        ("83 ter.", "83 ter"),
        ("83quater", "83 quater"),
        ("66(a)", "66 (a)"),
        ("66 ( A )", "66 (a)"),
        ("66(a)(i)", "66 (a) (i)"),
        ("66 (a)  (ii).", "66 (a) (ii)"),
        ("83bis(a)", "83 bis (a)"),
    ],
)
def test_parse_label_normalises(raw: str, canonical: str) -> None:
    assert parse_label(raw) == canonical
    assert is_label(raw)


@pytest.mark.parametrize("raw", ["", "   ", "abc", "bis", "66 (1)", "83 bisx", "83 bis bis", "66 (a", "(a)", "6 6"])
def test_parse_label_rejects_non_labels_with_helpful_message(raw: str) -> None:
    with pytest.raises(LabelError) as info:
        parse_label(raw)
    message = str(info.value)
    # The message quotes the input and shows what a label looks like.
    assert f"'{raw}'" in message
    assert "83 bis" in message and "66 (a)" in message
    assert not is_label(raw)


def test_unknown_suffix_is_not_a_label() -> None:
    with pytest.raises(LabelError):
        parse_label("83 zeta")


def test_canonical_form_is_a_fixed_point() -> None:
    for raw in ["83bis.", "66(a)(i)", "12 TER", "7 (b)"]:
        once = parse_label(raw)
        assert parse_label(once) == once


def test_ordering_of_inserted_paragraphs() -> None:
    ordered = ["83", "83 bis", "83 ter", "83 quater", "84"]
    keys = [label_key(lab) for lab in ordered]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    shuffled = ordered[:]
    random.Random(4).shuffle(shuffled)
    assert sorted(shuffled, key=label_key) == ordered


def test_ordering_of_subparagraphs() -> None:
    assert label_key("66") < label_key("66 (a)") < label_key("66 (b)") < label_key("67")
    assert label_key("66 (a)") < label_key("66 (a) (i)") < label_key("66 (b)")


def test_numbers_compare_numerically_not_as_text() -> None:
    assert label_key("9") < label_key("10") < label_key("100")
    assert sorted(["100", "9", "10 bis", "10"], key=label_key) == ["9", "10", "10 bis", "100"]


def test_all_suffixes_order_in_latin_sequence() -> None:
    labels = [f"5 {s}" for s in SUFFIXES]
    assert sorted(reversed(labels), key=label_key) == labels
    # "undecies" must not be read as "decies" (or "terdecies" as "ter").
    assert label_key("5 undecies") > label_key("5 decies")
    assert label_key("5 terdecies") > label_key("5 ter")
    assert parse_label("5terdecies") == "5 terdecies"


def test_roman_subsubparagraphs_order_by_value() -> None:
    """Second-level sub-paragraphs are roman numerals: (viii) < (ix) < (x), not alphabetical."""
    romans = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi"]
    labels = [f"66 (a) ({r})" for r in romans]
    assert sorted(labels, key=label_key) == labels


def test_base_number_and_parent() -> None:
    assert base_number("83 bis") == 83
    assert base_number("66 (a) (i)") == 66
    assert parent_label("66 (a) (i)") == "66 (a)"
    assert parent_label("66 (a)") == "66"
    assert parent_label("66") is None


def test_next_inserted_label() -> None:
    assert next_inserted_label("83", set()) == "83 bis"
    assert next_inserted_label("83", {"83 bis"}) == "83 ter"
    assert next_inserted_label("83", {"83 bis", "83 ter"}) == "83 quater"
    # After "83 bis" comes "83 ter", never "83 bis" again.
    assert next_inserted_label("83 bis", set()) == "83 ter"
    assert next_inserted_label("83 bis", {"83 ter"}) == "83 quater"
    # Labels of other paragraphs do not matter.
    assert next_inserted_label("83", {"84 bis", "82 bis"}) == "83 bis"


def test_next_inserted_label_refuses_subparagraph_and_exhaustion() -> None:
    with pytest.raises(LabelError, match="parent"):
        next_inserted_label("66 (a)", set())
    with pytest.raises(LabelError):
        next_inserted_label("83", {f"83 {s}" for s in SUFFIXES})
    with pytest.raises(LabelError):
        next_inserted_label(f"83 {SUFFIXES[-1]}", set())


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=9998), st.sets(st.sampled_from(SUFFIXES)))
def test_next_inserted_label_is_free_and_follows(number: int, taken_suffixes: set[str]) -> None:
    existing = {f"{number} {s}" for s in taken_suffixes}
    if len(existing) == len(SUFFIXES):
        return
    new = next_inserted_label(str(number), existing)
    assert new not in existing
    assert parse_label(new) == new
    assert base_number(new) == number
    assert label_key(str(number)) < label_key(new) < label_key(str(number + 1))
    # It is the first free one: every suffix before it is taken.
    rank = SUFFIXES.index(new.split()[1])
    assert all(f"{number} {s}" in existing for s in SUFFIXES[:rank])


@pytest.mark.parametrize(
    "text", ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xii", "xiv", "xl", "xc"]
)
def test_is_roman_true(text: str) -> None:
    assert is_roman(text)


@pytest.mark.parametrize("text", ["", "a", "b", "iiii", "vv", "ic", "il", "I", "xm", "iix"])
def test_is_roman_false(text: str) -> None:
    assert not is_roman(text)


@pytest.mark.parametrize(("text", "number"), [
    ("Table 25.6", "25.6"), ("  table 3", "3"), ("\tCuadro 12", "12"), ("Tableau 4A", "4A"), ("Таблица 2", "2"),
    ("ＴＡＢＬＥ　７", "7"), ("表 5", "5"), ("الجدول 8", "8"),
    ("The Assembly", None), ("66.\tThe table 3", None), ("Total 3", None), ("Chapter 2", None), ("", None),
])
def test_table_captions_in_every_spelling_and_nothing_else(text: str, number: str | None) -> None:
    assert caption_number(text) == number
