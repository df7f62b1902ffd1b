"""Tokens for the word-level diff: words, runs of white space, single punctuation marks,
and each CJK character on its own (Chinese and Japanese have no spaces between words)."""

from __future__ import annotations

import re
from enum import StrEnum

# Han, kana, Hangul syllables, CJK punctuation and full-width forms.
_CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f"
)
_WORD_RE = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])\w)+|\s+|.", re.DOTALL)
_CHAR_RE = re.compile(r".", re.DOTALL)


class Granularity(StrEnum):
    """How finely a change is described."""

    PHRASE = "phrase"  # word tokens, then cleaned up into readable phrases (the default)
    WORD = "word"  # word tokens as found
    CHARACTER = "character"


def tokenize(text: str, granularity: Granularity = Granularity.WORD) -> list[str]:
    """Split text into tokens whose concatenation is the text."""
    if granularity is Granularity.CHARACTER:
        return _CHAR_RE.findall(text)
    return _WORD_RE.findall(text)


def is_space(token: str) -> bool:
    """Tell whether a token is white space."""
    return token.isspace()
