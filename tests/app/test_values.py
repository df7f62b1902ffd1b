"""app/values.py: the bounded readers of outside values and the one XML text sanitiser."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from app.values import (
    ValueRefused,
    code_point_or_none,
    datetime_or_none,
    int_or_none,
    plain_name,
    require_datetime,
    require_int,
    stored_int,
    xml_char_ok,
    xml_json,
    xml_text,
)


@pytest.mark.parametrize("text,expected", [
    ("7", 7), (" 12 ", 12), ("-3", -3), ("+4", 4), ("²", None), ("١", None), ("9" * 5000, None), ("", None),
    ("1.5", None), (None, None), (True, None), (5, 5), ("1e3", None), ("100", None),
])
def test_int_or_none(text: object, expected: int | None) -> None:
    assert int_or_none(text, -10, 99) == expected


def test_require_int_names_what_and_bounds() -> None:
    with pytest.raises(ValueRefused, match="w:gridBefore is '300000000', not a whole number from 0 to 63"):
        require_int("300000000", 0, 63, "w:gridBefore")
    with pytest.raises(ValueError, match="'chosen'"):
        stored_int("²", "chosen")


@pytest.mark.parametrize("code,expected", [
    ("F0B7", "\uf0b7"), ("41", "A"), ("D800", None), ("0", None), ("FFFF", None), ("110000", None),
    ("zz", None), (None, None), ("1F600", "\U0001f600"),
])
def test_code_point_or_none(code: str | None, expected: str | None) -> None:
    assert code_point_or_none(code) == expected


@pytest.mark.parametrize("text,expected", [
    ("2025-12-09T10:00:00Z", datetime(2025, 12, 9, 10, tzinfo=UTC)),
    ("2025-12-09T12:00:00+02:00", datetime(2025, 12, 9, 10, tzinfo=UTC)),
    ("2025-12-09", datetime(2025, 12, 9, tzinfo=UTC)),
    ("99999-01-01T00:00:00Z", None), ("0001-01-01T00:00:00+14:00", None), ("9999-12-31T23:59:59-14:00", None),
    ("", None), ("x" * 1000, None), (20251209, None),
])
def test_datetime_or_none(text: object, expected: datetime | None) -> None:
    assert datetime_or_none(text) == expected


def test_require_datetime_is_one_line() -> None:
    with pytest.raises(ValueRefused, match="from 1601 to 9998") as info:
        require_datetime("99999-01-01", "the date")
    assert "\n" not in str(info.value)


def test_xml_text_drops_what_xml_cannot_hold() -> None:
    assert xml_text("a\tb\nc") == ("a\tb\nc", 0)
    assert xml_text("a\x00b\x01\x0b\x1f\x7f\x85c\ud800\udfff\ufffe\uffffd") == ("abcd", 10)
    assert xml_text("中文 « ok » \U0001f600") == ("中文 « ok » \U0001f600", 0)


@given(st.text())
def test_sanitised_text_always_fits_in_xml(text: str) -> None:
    cleaned, dropped = xml_text(text)
    etree.Element("t").text = cleaned  # lxml refuses anything XML 1.0 cannot hold
    assert len(cleaned) + dropped == len(text)


def test_xml_json_cleans_every_string_without_recursion() -> None:
    data: object = {"a\x01": ["x\x02", {"k": "v\ud800"}], "n": 1}
    deep: list[object] = []
    node = deep
    for _ in range(50_000):  # deeper than Python's recursion limit
        child: list[object] = ["\x03"]
        node.append(child)
        node = child
    cleaned, dropped = xml_json({"data": data, "deep": deep})
    assert isinstance(cleaned, dict) and cleaned["data"] == {"a": ["x", {"k": "v"}], "n": 1}
    assert dropped == 3 + 50_000


@pytest.mark.parametrize("text,needle", [("Ana\x01", "control"), ("I\udcffMSB", "control"), ("A" * 300, "255")])
def test_plain_name_refuses(text: str, needle: str) -> None:
    with pytest.raises(ValueRefused, match=needle):
        plain_name(text, "the name")


def test_plain_name_folds_white_space() -> None:
    assert plain_name("  Ana \t Lima\n", "the name") == "Ana Lima"


def test_xml_text_drops_exactly_what_xml_char_ok_refuses_in_the_whole_bmp_and_at_the_astral_edges() -> None:
    points = [*range(0x10000), 0x10000, 0x1F600, 0x10FFFF]
    text = "".join(chr(c) for c in points)
    cleaned, dropped = xml_text(text)
    kept = [c for c in points if xml_char_ok(chr(c))]
    assert cleaned == "".join(chr(c) for c in kept) and dropped == len(points) - len(kept)
