"""The redline engine: invariants over random text, and readable phrases on the IMSB examples."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.diff import cleanup_phrases, diff_text, diff_tokens
from app.segments import Op, Segment, is_unchanged, original_text, proposed_text
from app.tokenize import Granularity, tokenize

UNICODE = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(list("abc de fg,.;-()\t\n\u00a0中文字日本語مرحبا Привет🙂é\u0301")),
    ),
    max_size=40,
)

# Rev 2 wording and IMSB's proposal (seed 001), paras 88 and 89.
P88_OLD = (
    "We reaffirm the description of Internet governance in the Tunis Agenda for the Information Society, "
    "as the development and application by governments, the private sector and civil society, in their "
    "respective roles, of shared principles, norms, rules, decision-making procedures, and programmes that "
    "shape the evolution and use of the Internet."
)
P88_NEW = P88_OLD.replace("the description of", "the working definition of").replace(
    "Society, as the", "Society, with a working definition as the"
)
P89_OLD = (
    "We reaffirm that Internet governance must continue to be global and multistakeholder in nature with "
    "the full involvement of governments, the private sector, civil society, technical and academic "
    "communities, international organisations, and all other relevant stakeholders in accordance with "
    "their respective roles and responsibilities."
)
P89_NEW = P89_OLD.replace("We reaffirm that Internet governance must", "We recognize that Internet governance "
                          "encompasses both technical and public policy issues and must")


def changes(segments: list[Segment]) -> list[tuple[str, str]]:
    """Each change (a run of non-equal segments) as (deleted, inserted)."""
    out: list[tuple[str, str]] = []
    current: tuple[str, str] | None = None
    for seg in segments:
        if seg.op is Op.EQUAL:
            if current is not None:
                out.append(current)
                current = None
            continue
        d, i = current or ("", "")
        current = (d + seg.text, i) if seg.op is Op.DELETE else (d, i + seg.text)
    if current is not None:
        out.append(current)
    return out


def assert_well_formed(segments: list[Segment], original: str, proposed: str) -> None:
    assert original_text(segments) == original
    assert proposed_text(segments) == proposed
    assert all(seg.text for seg in segments), "no empty segments"
    for a, b in itertools.pairwise(segments):
        assert a.op is not b.op, f"adjacent {a.op} segments: {a!r} {b!r}"
        # Within a change the deletion comes first ("~~old~~ **new**").
        assert not (a.op is Op.INSERT and b.op is Op.DELETE)


@settings(max_examples=150, deadline=None)
@given(UNICODE, UNICODE, st.sampled_from(list(Granularity)))
def test_segments_rebuild_both_texts(original: str, proposed: str, gran: Granularity) -> None:
    segments = diff_text(original, proposed, gran)
    assert_well_formed(segments, original, proposed)
    assert is_unchanged(segments) == (original == proposed)


@settings(max_examples=60, deadline=None)
@given(UNICODE, st.sampled_from(list(Granularity)))
def test_identical_texts_have_no_changes(text: str, gran: Granularity) -> None:
    segments = diff_text(text, text, gran)
    assert is_unchanged(segments)
    assert all(seg.op is Op.EQUAL for seg in segments)
    assert original_text(segments) == text


WORDS = st.lists(
    st.sampled_from(["the", "of", "and", "Internet", "governance", "forum", "we", "reaffirm", "recognize",
                     "stakeholders", "développement", "数字", "نحن", "81st", "session", ",", ".",
                     "organisation", "organisations", "LDCs", "LLDCs"]),
    min_size=1, max_size=25,
)


@st.composite
def edited_pair(draw: st.DrawFn) -> tuple[str, str]:
    """A sentence and a version of it with some words deleted, replaced, inflected or inserted."""
    words = draw(WORDS)
    new: list[str] = []
    for word in words:
        action = draw(st.sampled_from(["keep", "keep", "keep", "delete", "replace", "insert", "inflect"]))
        if action == "keep":
            new.append(word)
        elif action == "inflect":
            new.append(word + "s")
        elif action == "replace":
            new.append(draw(st.sampled_from(["consider", "establish", "CSTD", "développer", "论坛"])))
        elif action == "insert":
            new += [word, draw(st.sampled_from(["also", "both", "with a working definition"]))]
    if draw(st.booleans()):
        new.insert(0, "Further,")
    return " ".join(words), " ".join(new)


@settings(max_examples=120, deadline=None)
@given(edited_pair())
def test_edited_sentences_invariants(pair: tuple[str, str]) -> None:
    original, proposed = pair
    by_gran = {g: diff_text(original, proposed, g) for g in Granularity}
    for segments in by_gran.values():
        assert_well_formed(segments, original, proposed)
    # Phrase cleanup only merges changes: never more of them than the word diff.
    assert len(changes(by_gran[Granularity.PHRASE])) <= len(changes(by_gran[Granularity.WORD]))


@settings(max_examples=120, deadline=None)
@given(edited_pair())
def test_edited_sentences_changes_are_whole_words(pair: tuple[str, str]) -> None:
    """Word and phrase changes are made of whole tokens: no segment starts or ends inside a word
    of the original or of the proposed text."""
    original, proposed = pair
    by_gran = {g: diff_text(original, proposed, g) for g in (Granularity.WORD, Granularity.PHRASE)}
    for gran in by_gran:
        for text, side_ops in ((original, (Op.EQUAL, Op.DELETE)), (proposed, (Op.EQUAL, Op.INSERT))):
            boundaries = {0}
            pos = 0
            for tok in tokenize(text):
                pos += len(tok)
                boundaries.add(pos)
            pos = 0
            for seg in by_gran[gran]:
                if seg.op in side_ops:
                    pos += len(seg.text)
                    assert pos in boundaries, (gran, text, by_gran[gran])


def test_imsb_para_88_description_becomes_working_definition() -> None:
    segments = diff_text(P88_OLD, P88_NEW)
    assert_well_formed(segments, P88_OLD, P88_NEW)
    found = changes(segments)
    assert found[0] == ("description", "working definition")
    assert len(found) == 2
    # The second change is the pure insertion (where its one space goes is up to the diff).
    assert found[1][0] == ""
    assert found[1][1].strip() == "with a working definition"
    # Shown as "~~description~~ **working definition**": deletion directly followed by the insertion.
    i = segments.index(Segment(Op.DELETE, "description"))
    assert segments[i + 1] == Segment(Op.INSERT, "working definition")
    assert segments[i - 1].op is Op.EQUAL and segments[i - 1].text.endswith("reaffirm the ")


def test_imsb_para_88_word_level_splits_what_phrase_level_joins() -> None:
    word = changes(diff_text(P88_OLD, P88_NEW, Granularity.WORD))
    phrase = changes(diff_text(P88_OLD, P88_NEW, Granularity.PHRASE))
    assert len(word) > len(phrase) == 2


def test_imsb_para_89_reaffirm_to_recognize_and_insertion() -> None:
    segments = diff_text(P89_OLD, P89_NEW)
    assert_well_formed(segments, P89_OLD, P89_NEW)
    found = changes(segments)
    assert found[0] == ("reaffirm", "recognize")
    assert len(found) == 2
    deleted, inserted = found[1]
    assert deleted == ""
    assert inserted.strip() == "encompasses both technical and public policy issues and"
    # The unchanged words between the two changes stay unchanged.
    equal = [s.text for s in segments if s.op is Op.EQUAL]
    assert any("that Internet governance" in t for t in equal)


def test_changes_separated_by_a_short_word_become_one_replacement() -> None:
    original = "We note the rights of women in the digital economy."
    proposed = "We note the duties of men in the digital economy."
    word = diff_text(original, proposed, Granularity.WORD)
    assert changes(word) == [("rights", "duties"), ("women", "men")]
    assert Segment(Op.EQUAL, " of ") in word
    phrase = diff_text(original, proposed, Granularity.PHRASE)
    assert_well_formed(phrase, original, proposed)
    assert changes(phrase) == [("rights of women", "duties of men")]


def test_changes_separated_only_by_spaces_and_punctuation_become_one() -> None:
    original = "We protect the rights, women and girls."
    proposed = "We protect the duties; men and girls."
    word = diff_text(original, proposed, Granularity.WORD)
    assert changes(word) == [("rights,", "duties;"), ("women", "men")]
    phrase = diff_text(original, proposed)
    assert_well_formed(phrase, original, proposed)
    assert changes(phrase) == [("rights, women", "duties; men")]


def test_a_long_unchanged_word_keeps_changes_apart() -> None:
    original = "We note the rights concerning women."
    proposed = "We note the duties concerning men."
    phrase = diff_text(original, proposed)
    assert changes(phrase) == [("rights", "duties"), ("women", "men")]


def test_two_insertions_split_by_a_short_word_stay_apart() -> None:
    original = "peace and security"
    proposed = "lasting peace and global security"
    segments = diff_text(original, proposed)
    assert_well_formed(segments, original, proposed)
    assert all(d == "" for d, _ in changes(segments))
    assert [i.strip() for _, i in changes(segments)] == ["lasting", "global"]


def test_character_granularity_marks_letters() -> None:
    segments = diff_text("organisation", "organization", Granularity.CHARACTER)
    assert changes(segments) == [("s", "z")]
    assert changes(diff_text("organisation", "organization", Granularity.WORD)) == [("organisation", "organization")]


def test_word_diff_does_not_cut_words_sharing_a_prefix() -> None:
    segments = diff_text("We reaffirm this.", "We reassert this.")
    assert changes(segments) == [("reaffirm", "reassert")]


@pytest.mark.parametrize(
    ("original", "proposed", "expected"),
    [
        # A letter added at the end of a word: the word is replaced whole, not cut as "organisation**s**".
        ("We thank the organisation.", "We thank the organisations.", ("organisation", "organisations")),
        # ... and at the start of a word.
        ("for LDCs.", "for LLDCs.", ("LDCs", "LLDCs")),
        ("We note action.", "We note inaction.", ("action", "inaction")),
    ],
)
def test_phrase_level_never_cuts_a_word_of_the_proposed_text(
    original: str, proposed: str, expected: tuple[str, str]
) -> None:
    segments = diff_text(original, proposed)
    assert_well_formed(segments, original, proposed)
    assert changes(segments) == [expected]


def test_whole_text_replaced_and_empty_sides() -> None:
    assert diff_text("", "") == []
    assert diff_text("", "new text") == [Segment(Op.INSERT, "new text")]
    assert diff_text("old text", "") == [Segment(Op.DELETE, "old text")]


def test_cjk_change_is_per_character() -> None:
    segments = diff_text("数字经济论坛", "数字社会论坛", Granularity.WORD)
    assert changes(segments) == [("经济", "社会")]


def test_diff_tokens_invariants_and_edges() -> None:
    a, b = ["a", " ", "b"], ["a", " ", "c"]
    segs = diff_tokens(a, b)
    assert original_text(segs) == "a b" and proposed_text(segs) == "a c"
    assert diff_tokens([], []) == []
    assert diff_tokens([], ["x"]) == [Segment(Op.INSERT, "x")]
    assert diff_tokens(["x"], []) == [Segment(Op.DELETE, "x")]


@pytest.mark.parametrize(
    "segments",
    [
        [Segment(Op.EQUAL, "a "), Segment(Op.DELETE, "b"), Segment(Op.INSERT, "c"), Segment(Op.EQUAL, " of "),
         Segment(Op.DELETE, "d"), Segment(Op.INSERT, "e"), Segment(Op.EQUAL, " f")],
        [Segment(Op.DELETE, "x"), Segment(Op.EQUAL, ", "), Segment(Op.INSERT, "y")],
    ],
)
def test_cleanup_phrases_keeps_invariant(segments: list[Segment]) -> None:
    out = cleanup_phrases(segments)
    assert_well_formed(out, original_text(segments), proposed_text(segments))
    assert len(changes(out)) == 1
