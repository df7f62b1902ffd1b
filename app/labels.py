"""Paragraph labels as printed in UN drafts: "66", "83 bis", "66 (a)", "66 (a) (i)".

A label is kept as its canonical string; these functions parse, normalise, order and
invent labels (the next "bis/ter" after a paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.errors import LabelError

# Latin multiplicative adverbs used for inserted paragraphs, in order.
SUFFIXES: tuple[str, ...] = (
    "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies",
    "undecies", "duodecies", "terdecies", "quaterdecies", "quindecies",
)
_SUFFIX_RANK = {s: i + 1 for i, s in enumerate(SUFFIXES)}

_LABEL_RE = re.compile(
    r"^\s*(?P<num>\d+)\s*(?P<suffix>" + "|".join(sorted(SUFFIXES, key=len, reverse=True)) + r")?"
    r"(?P<subs>(?:\s*\(\s*[a-z]{1,6}\s*\))*)\s*$",
    re.IGNORECASE,
)
_SUB_RE = re.compile(r"\(\s*([a-z]{1,6})\s*\)", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class LabelKey:
    """Sort key of a label: number, suffix rank, then sub-paragraph parts."""

    number: int
    suffix_rank: int
    subs: tuple[int, ...]


def parse_label(text: str) -> str:
    """Return the canonical form of a label ("83bis." -> "83 bis", "66(a)" -> "66 (a)").

    Raises LabelError when the text is not a label.
    """
    cleaned = text.strip().rstrip(".")
    m = _LABEL_RE.match(cleaned)
    if not m:
        raise LabelError(
            f"'{text}' is not a paragraph label; use a number with an optional bis/ter and "
            "sub-paragraph letters, e.g. 66, 83 bis, 66 (a)"
        )
    out = str(int(m.group("num")))
    if m.group("suffix"):
        out += " " + m.group("suffix").lower()
    for sub in _SUB_RE.findall(m.group("subs") or ""):
        out += f" ({sub.lower()})"
    return out


def is_label(text: str) -> bool:
    """Tell whether text parses as a paragraph label."""
    try:
        parse_label(text)
    except LabelError:
        return False
    return True


def label_key(label: str) -> LabelKey:
    """Sort key that orders 83 < 83 bis < 83 ter < 84 and 66 < 66 (a) < 66 (b)."""
    m = _LABEL_RE.match(label)
    if not m:
        raise LabelError(f"'{label}' is not a paragraph label")
    suffix = (m.group("suffix") or "").lower()
    markers = [s.lower() for s in _SUB_RE.findall(m.group("subs") or "")]
    # First level (a), (b) … (aa); second level (i), (ii) … in roman order.
    subs = tuple(
        roman_value(s) if depth and is_roman(s) else _letter_value(s) for depth, s in enumerate(markers)
    )
    return LabelKey(int(m.group("num")), _SUFFIX_RANK.get(suffix, 0), subs)


def _letter_value(marker: str) -> int:
    """a=1 … z=26, aa=27 (Word's lowerLetter sequence)."""
    return (len(marker) - 1) * 26 + (ord(marker[0]) - ord("a") + 1)


def roman_value(marker: str) -> int:
    """The value of a lower-case roman numeral."""
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for i, ch in enumerate(marker):
        v = values[ch]
        total += -v if i + 1 < len(marker) and values[marker[i + 1]] > v else v
    return total


def base_number(label: str) -> int:
    """The leading paragraph number of a label ("83 bis" -> 83)."""
    return label_key(label).number


def parent_label(label: str) -> str | None:
    """The label one level up ("66 (a) (i)" -> "66 (a)", "66 (a)" -> "66"), None at the top."""
    idx = label.rfind(" (")
    return label[:idx] if idx >= 0 else None


def next_inserted_label(after: str, existing: set[str] | frozenset[str]) -> str:
    """The first free "N bis", "N ter", … label for a paragraph inserted after `after`.

    A paragraph inserted after "83" is "83 bis"; after "83 bis" it is "83 ter".
    """
    key = label_key(after)
    if key.subs:
        raise LabelError(f"cannot number a new paragraph after sub-paragraph '{after}'; insert after its parent")
    for suffix in SUFFIXES[key.suffix_rank:]:
        candidate = f"{key.number} {suffix}"
        if candidate not in existing:
            return candidate
    raise LabelError(f"no free bis/ter label left after '{after}'")


_TYPED = re.compile(
    r"^[ \t]*(\d{1,4})(?:[ \u00a0]?(" + "|".join(sorted(SUFFIXES, key=len, reverse=True)) + r"))?\.(?:[ \t\u00a0]+)",
    re.IGNORECASE,
)


def split_typed_label(text: str) -> tuple[str | None, int]:
    """The label typed at the start of a paragraph ("66.<tab>…" -> ("66", 4)), or (None, 0)."""
    m = _TYPED.match(text)
    if not m:
        return None, 0
    label = str(int(m.group(1))) + (f" {m.group(2).lower()}" if m.group(2) else "")
    return label, m.end()


_ROMAN_RE = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def is_roman(text: str) -> bool:
    """Tell whether a lower-case sub-paragraph marker is a roman numeral (i, iv, xii)."""
    return bool(text) and bool(_ROMAN_RE.match(text))
