"""Tokens for the word diff: words, white space runs, punctuation, single CJK characters."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.tokenize import Granularity, is_space, tokenize

# Text drawn from scripts the UN works in, plus emoji, combining marks and odd white space.
MIXED = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(list("中文字日本語かなカナ한국어مرحبا بالعالمПривет ,.;:-()“”’\t\n\u00a0\u3000🙂👍🏽é\u0301")),
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(MIXED)
def test_concatenation_gives_back_the_text(text: str) -> None:
    for gran in Granularity:
        tokens = tokenize(text, gran)
        assert "".join(tokens) == text
        assert all(tokens), "no empty tokens"


@settings(max_examples=100, deadline=None)
@given(MIXED)
def test_character_granularity_is_one_token_per_code_point(text: str) -> None:
    assert tokenize(text, Granularity.CHARACTER) == list(text)


@settings(max_examples=100, deadline=None)
@given(MIXED)
def test_word_tokens_are_homogeneous(text: str) -> None:
    for tok in tokenize(text, Granularity.WORD):
        if len(tok) > 1:
            # A multi-character token is either a run of white space or a run of word characters.
            assert tok.isspace() or all(ch.isalnum() or ch == "_" for ch in tok), tok


def test_each_cjk_character_is_a_token() -> None:
    assert tokenize("中文字") == ["中", "文", "字"]
    assert tokenize("日本語のテキスト") == list("日本語のテキスト")
    assert tokenize("한국어") == ["한", "국", "어"]


def test_cjk_inside_latin_text_splits_the_word() -> None:
    assert tokenize("abc中文def") == ["abc", "中", "文", "def"]
    assert tokenize("WSIS论坛2025") == ["WSIS", "论", "坛", "2025"]


def test_cjk_punctuation_and_full_width_forms_are_single_tokens() -> None:
    assert tokenize("你好，世界。") == ["你", "好", "，", "世", "界", "。"]
    assert tokenize("ＡＢ") == ["Ａ", "Ｂ"]


def test_words_spaces_and_punctuation() -> None:
    assert tokenize("Hello,  world!") == ["Hello", ",", "  ", "world", "!"]
    assert tokenize("decision-making procedures") == ["decision", "-", "making", " ", "procedures"]
    assert tokenize("81st\tsession") == ["81st", "\t", "session"]
    assert tokenize("(a) “quoted”") == ["(", "a", ")", " ", "“", "quoted", "”"]


def test_mixed_white_space_is_one_token() -> None:
    assert tokenize("a \t\u00a0\n b") == ["a", " \t\u00a0\n ", "b"]


def test_arabic_and_cyrillic_words_stay_whole() -> None:
    assert tokenize("مرحبا بالعالم") == ["مرحبا", " ", "بالعالم"]
    assert tokenize("Привет, мир") == ["Привет", ",", " ", "мир"]


def test_emoji_is_not_glued_to_words() -> None:
    tokens = tokenize("good🙂day")
    assert tokens[0] == "good" and tokens[-1] == "day"
    assert "".join(tokens[1:-1]) == "🙂"


def test_default_granularity_is_word() -> None:
    assert tokenize("a b") == tokenize("a b", Granularity.WORD) == ["a", " ", "b"]
    assert tokenize("a b", Granularity.PHRASE) == ["a", " ", "b"]


def test_empty_text() -> None:
    for gran in Granularity:
        assert tokenize("", gran) == []


@pytest.mark.parametrize(
    ("token", "expected"), [(" ", True), ("\t\n", True), ("\u3000", True), ("a", False), (",", False)]
)
def test_is_space(token: str, expected: bool) -> None:
    assert is_space(token) is expected
