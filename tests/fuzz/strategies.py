"""Hypothesis strategies for hostile text: every script, combining marks, bidi controls, NBSP and
zero-width characters, astral characters (no lone surrogates), very long tokens."""

from __future__ import annotations

from hypothesis import strategies as st

# Characters that break naive text handling, each named for what it is.
NASTY = [
    "\u0301", "\u0302", "\u0308", "\u20dd",  # combining marks (alone they combine with whatever precedes)
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # zero-width space, joiners, word joiner, BOM
    "\u00a0", "\u202f", "\u2007", "\u3000", "\u2028", "\u2029", "\u0085",  # no-break and odd spaces, separators
    "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069",  # bidi controls
    "\u05d0", "\u05e9", "\u0627", "\u0644", "\u0645", "\u06f1",  # Hebrew, Arabic, Extended Arabic digits
    "中", "文", "日", "本", "カ", "한", "\uff21", "\uff0c",  # CJK, kana, Hangul, full-width forms
    "\U0001f642", "\U0001f3f3\ufe0f\u200d\U0001f308", "\U0001d518", "\U00020000", "\U0010fffd",  # astral
    "e\u0301", "ﬁ", "ß", "İ", "ǅ", "Σ", "ς",  # decomposable, ligature, case-mapping oddities
    "\t", " ", "  ", ".", ",", ";", "(", ")", "\"", "“", "”", "'", "-", "–", "~", "*", "_",
    "a", "b", "the", "of", "66.", "(a)", "bis",
]

ANY_CHAR = st.characters(codec="utf-8", exclude_categories=("Cs",))  # every code point but lone surrogates

UNICODE_TEXT = st.lists(st.one_of(ANY_CHAR, st.sampled_from(NASTY)), max_size=40).map("".join)
LONG_TOKEN = st.builds(lambda c, n: c * n, st.sampled_from(["a", "中", "\u0301", "\U0001f642", "٣", " "]),
                       st.integers(min_value=200, max_value=5000))
TEXT = st.one_of(
    UNICODE_TEXT, UNICODE_TEXT,
    st.builds(lambda a, t, b: a + t + b, UNICODE_TEXT, LONG_TOKEN, UNICODE_TEXT),
)

# Text a .docx paragraph can hold: XML 1.0 characters, no line or paragraph breaks of its own.
_XML_BAD = "".join(chr(c) for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0xFFFE, 0xFFFF))
DOCX_CHAR = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp"),
                          exclude_characters=_XML_BAD)
DOCX_TEXT = st.lists(
    st.one_of(DOCX_CHAR, st.sampled_from([c for c in NASTY if not set(c) & set(_XML_BAD + "\u2028\u2029")])),
    max_size=30,
).map("".join)

# Words for readable generated paragraphs (the text form's round trip needs words, not noise).
WORDS = st.sampled_from([
    "We", "the", "of", "and", "Internet", "governance", "forum", "reaffirm", "recognize", "81st", "session,",
    "(a)", "“open”", "数字", "نحن", "multi-stakeholder", "développement", "Σύνοδος", "e\u0301tude", "ﬁnance",
    "\U0001f642", "CSTD;", "A/80/L.41", "2030", "resources.", "\u05e9\u05dc\u05d5\u05dd",
])
SENTENCE = st.lists(WORDS, min_size=1, max_size=14).map(" ".join)
