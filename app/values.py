"""Values read from outside (documents, project files, text forms, command-line arguments), by one rule.

Every number, date, character code and piece of text that comes from a file or an argument goes
through one of these helpers instead of a bare `int()`, `str.isdigit()` or `datetime.fromisoformat()`:
each has bounds, so a hostile value ("²", a number of 5,000 digits, the year 99999, a lone surrogate)
is either read as absent (the lenient `…_or_none` readers, for attributes Word may garble) or
refused with one line (`require_…`, for what the user must fix). Pure: no files, no XML.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from app.errors import RedlineDeskError

# Digits as Word and JSON write them: ASCII only. str.isdigit() also accepts "²" and "١", which int()
# rejects or reads as another number; and a number of thousands of digits costs quadratic time.
_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")
_HEX = re.compile(r"[0-9A-Fa-f]{1,6}")
MIN_YEAR = 1601  # Windows' FILETIME epoch: Word writes no earlier date
MAX_YEAR = 9998  # one year short of datetime's end, so a time zone shift never overflows
MAX_ID = 2**31 - 1  # w:id and other ST_DecimalNumber values: a 32-bit signed integer
MAX_NAME_CHARS = 255  # an author, organisation or reviewer
MAX_TITLE_CHARS = 1000  # a submission's, compilation's or table's title


class ValueRefused(RedlineDeskError):
    """A value from outside that is out of its bounds and cannot be read as absent."""


def int_or_none(text: object, low: int, high: int) -> int | None:
    """The integer `text` holds (ASCII digits, optional sign) when it lies in [low, high]; else None."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text if low <= text <= high else None
    if not isinstance(text, str) or not _INTEGER.fullmatch(text.strip()):
        return None
    value = int(text.strip())
    return value if low <= value <= high else None


def require_int(text: object, low: int, high: int, what: str) -> int:
    """`int_or_none`, or ValueRefused naming `what` and the bounds."""
    value = int_or_none(text, low, high)
    if value is None:
        shown = str(text)[:40]
        raise ValueRefused(f"{what} is '{shown}', not a whole number from {low} to {high}")
    return value


def code_point_or_none(hex_text: str | None) -> str | None:
    """The character a hexadecimal code (w:sym's w:char) names, when XML can hold it; else None.

    "D800" (a lone surrogate), "0", "FFFF" and "110000" are None: written back they would make XML
    that no reader, ours included, accepts."""
    if hex_text is None or not _HEX.fullmatch(hex_text.strip()):
        return None
    code = int(hex_text.strip(), 16)
    if code > 0x10FFFF:
        return None
    char = chr(code)
    return char if xml_char_ok(char) else None


def datetime_or_none(text: object) -> datetime | None:
    """An ISO 8601 date and time (a trailing Z allowed) between MIN_YEAR and MAX_YEAR, in UTC; else None.

    A naive time is taken as UTC. The bounds keep later arithmetic (a time zone shift, a sort against
    an aware time) from overflowing datetime's range."""
    if not isinstance(text, str) or not 0 < len(text) <= 64:
        return None
    cleaned = text.strip()
    if cleaned.endswith(("Z", "z")):
        cleaned = cleaned[:-1] + "+00:00"
    try:
        value = datetime.fromisoformat(cleaned)
    except ValueError:
        return None
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    try:
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    except (OverflowError, ValueError):
        return None


def require_datetime(text: str, what: str) -> datetime:
    """`datetime_or_none`, or ValueRefused naming `what`, the form and the bounds."""
    value = datetime_or_none(text)
    if value is None:
        raise ValueRefused(f"{what} '{text[:40]}' is not an ISO 8601 date from {MIN_YEAR} to {MAX_YEAR} "
                           "(e.g. 2025-12-09T10:00:00Z)")
    return value


def stored_int(value: object, what: str) -> int:
    """A whole number stored in a project file (JSON), within ±MAX_ID; ValueError (a damaged file) otherwise."""
    number = int_or_none(value, -MAX_ID, MAX_ID)
    if number is None:
        raise ValueError(f"'{what}' is {str(value)[:40]!r}, not a whole number")
    return number


def stored_date(value: object, what: str) -> datetime:
    """A date stored in a project file, bounded as `datetime_or_none`; ValueError (a damaged file) otherwise."""
    found = datetime_or_none(value)
    if found is None:
        raise ValueError(f"'{what}' is {str(value)[:40]!r}, not an ISO 8601 date from {MIN_YEAR} to {MAX_YEAR}")
    return found


def xml_char_ok(char: str) -> bool:
    """Tell whether XML 1.0 can hold this character as text (tab and newline are the only controls kept)."""
    code = ord(char)
    if code < 0x20:
        return char in "\t\n"
    if 0x7F <= code <= 0x9F:  # DEL and the C1 controls: allowed by XML 1.0, but never text
        return False
    return not (0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF))


# The characters xml_char_ok refuses, listed (the negated class of those it allows took 20 ms to compile at start).
_BAD_XML = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> tuple[str, int]:
    """The text without what XML 1.0 cannot hold (controls other than tab and newline, lone surrogates,
    U+FFFE and U+FFFF), and how many characters were dropped. The one sanitiser for text that will be
    written into a document; callers tell the user when the count is not zero."""
    cleaned, dropped = _BAD_XML.subn("", text)
    return cleaned, dropped


def xml_json(data: object) -> tuple[object, int]:
    """Decoded JSON with every string (keys too) passed through `xml_text`, walked without recursion;
    and how many characters were dropped in all."""
    dropped = 0

    def clean(value: object) -> object:
        nonlocal dropped
        if isinstance(value, str):
            text, n = xml_text(value)
            dropped += n
            return text
        return value

    root: list[object] = [data]
    stack: list[list[object] | dict[str, object]] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            for i, item in enumerate(node):
                node[i] = clean(item)
                if isinstance(item, list | dict):
                    stack.append(item)
        else:
            for key in list(node):
                item = node.pop(key)
                node[str(clean(key))] = clean(item)
                if isinstance(item, list | dict):
                    stack.append(item)
    return root[0], dropped


def dropped_notice(dropped: int, where: str) -> str:
    """The one notice line for characters `xml_text` dropped."""
    return (f"{where}: {dropped} character(s) that a Word document cannot hold (control characters, "
            "lone surrogates) were left out")


def plain_name(text: str, what: str, limit: int = MAX_NAME_CHARS) -> str:
    """A name or title given by the user: one line, printable, at most `limit` characters;
    ValueRefused otherwise (spaces, tabs and newlines are folded into single spaces)."""
    cleaned = " ".join(text.split())
    if any(not ch.isprintable() for ch in cleaned):
        raise ValueRefused(f"{what} contains control characters or lone surrogates; give plain text")
    if len(cleaned) > limit:
        raise ValueRefused(f"{what} is {len(cleaned)} characters long, past the {limit} allowed")
    return cleaned
