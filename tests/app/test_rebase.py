"""Carrying segments made on one text onto a slightly different text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.edits import Replace, Strike, segments_from_edits
from app.rebase import closest_match, rebase, squash_space
from app.segments import Op, Segment, original_text, proposed_text

OLD = "We invite the Secretary-General to report to the 81st session of the General Assembly."


def replaced(text: str, old: str, new: str) -> list[Segment]:
    start = text.index(old)
    return segments_from_edits(text, [Replace(start, start + len(old), new)])


def test_same_text_is_unchanged() -> None:
    segs = replaced(OLD, "81st", "82nd")
    result = rebase(segs, OLD)
    assert result.segments == segs
    assert result.mismatches == []
    assert result.whitespace_only is False


def test_edit_moves_onto_text_with_extra_words_before_it() -> None:
    segs = replaced(OLD, "General Assembly", "Commission on Science and Technology for Development")
    target = "Recalling resolution 70/125, " + OLD.replace("report to", "report, in 2026, to")
    result = rebase(segs, target)
    assert result.mismatches == []
    assert original_text(result.segments) == target
    assert proposed_text(result.segments) == target.replace(
        "General Assembly", "Commission on Science and Technology for Development"
    )
    assert [s for s in result.segments if s.op is not Op.EQUAL] == [
        Segment(Op.DELETE, "General Assembly"),
        Segment(Op.INSERT, "Commission on Science and Technology for Development"),
    ]


def test_pure_insertion_moves_with_its_context() -> None:
    at = OLD.index("to report")
    segs = [Segment(Op.EQUAL, OLD[:at]), Segment(Op.INSERT, "urgently "), Segment(Op.EQUAL, OLD[at:])]
    target = "Also, " + OLD
    result = rebase(segs, target)
    assert result.mismatches == []
    assert proposed_text(result.segments) == "Also, " + OLD[:at] + "urgently " + OLD[at:]


def test_strike_moves_when_text_after_it_changed() -> None:
    start = OLD.index("the Secretary-General")
    segs = segments_from_edits(OLD, [Strike(start, start + len("the "))])
    target = OLD.replace("81st session", "eighty-first session")
    result = rebase(segs, target)
    assert result.mismatches == []
    assert proposed_text(result.segments) == target.replace("the Secretary-General", "Secretary-General")


def test_mismatch_reported_with_closest_match() -> None:
    segs = replaced(OLD, "81st session of the General Assembly", "CSTD")
    target = OLD.replace("81st", "82nd")
    result = rebase(segs, target)
    assert len(result.mismatches) == 1
    miss = result.mismatches[0]
    assert miss.found == "81st session of the General Assembly"
    assert miss.expected == "82nd session of the General Assembly"
    assert "session of the General Assembly" in miss.closest
    assert 60 <= miss.score < 100
    # The change that does not fit is left out; the target is kept as is.
    assert original_text(result.segments) == target
    assert proposed_text(result.segments) == target


def test_mismatch_with_nothing_similar_has_no_closest_match() -> None:
    segs = replaced(OLD, "Secretary-General", "President")
    target = "Completely different wording about oceans and fisheries management."
    result = rebase(segs, target)
    assert len(result.mismatches) == 1
    assert result.mismatches[0].found == "Secretary-General"
    assert result.mismatches[0].closest == ""
    assert original_text(result.segments) == target


def test_other_changes_still_carried_when_one_mismatches() -> None:
    segs = segments_from_edits(OLD, [
        Replace(OLD.index("invite"), OLD.index("invite") + len("invite"), "request"),
        Strike(OLD.index("81st "), OLD.index("81st ") + len("81st ")),
    ])
    target = OLD.replace("81st", "82nd")
    result = rebase(segs, target)
    assert [m.found for m in result.mismatches] == ["81st "]
    assert proposed_text(result.segments) == target.replace("invite", "request")


def test_whitespace_only_difference_is_flagged_and_tolerated() -> None:
    source = "We  invite the\tSecretary-General to report."
    target = "We invite the Secretary-General to report."
    start = source.index("invite")
    segs = segments_from_edits(source, [Replace(start, start + len("invite"), "request")])
    result = rebase(segs, target)
    assert result.whitespace_only is True
    assert result.mismatches == []
    assert proposed_text(result.segments) == "We request the Secretary-General to report."


def test_struck_text_spanning_changed_white_space_is_accepted() -> None:
    source = "to the 81st  session of the\nGeneral Assembly."
    target = "to the 81st session of the General Assembly."
    start = source.index("81st")
    segs = segments_from_edits(source, [Strike(start, source.index(" of"))])
    result = rebase(segs, target)
    assert result.mismatches == []
    assert proposed_text(result.segments) == "to the  of the General Assembly."


def test_squash_space() -> None:
    assert squash_space(" a \t b\n c\u00a0d ") == "abcd"


def test_closest_match() -> None:
    found, score = closest_match("81st session", OLD)
    assert found == "81st session"
    assert score == 100
    assert closest_match("", OLD) == ("", 0.0)
    assert closest_match("x", "") == ("", 0.0)


WORDS = st.lists(st.sampled_from(["we", "invite", "the", "forum", "to", "report", "on", "session", "81st"]),
                 min_size=3, max_size=12)


@settings(max_examples=80, deadline=None)
@given(WORDS, st.data())
def test_rebase_onto_prefixed_text_keeps_invariants(words: list[str], data: st.DataObject) -> None:
    source = " ".join(words)
    i = data.draw(st.integers(0, len(words) - 1))
    start = len(" ".join(words[:i])) + (1 if i else 0)
    segs = segments_from_edits(source, [Replace(start, start + len(words[i]), "NEW")])
    target = "ZZZ. " + source
    result = rebase(segs, target)
    assert original_text(result.segments) == target
    # The prefix shares no letter with the sentence, so the edit lands where it was.
    assert result.mismatches == []
    assert proposed_text(result.segments) == "ZZZ. " + proposed_text(segs)


def test_insertion_stays_before_a_space_that_differs() -> None:
    """The quote has a plain space where the draft has a no-break space: the insertion still goes
    right after the word before it."""
    segments = [Segment(Op.EQUAL, "resolution 72/266"), Segment(Op.INSERT, "/Rev.1"), Segment(Op.EQUAL, " A).")]
    result = rebase(segments, "resolution 72/266\u00a0A).")
    assert proposed_text(result.segments) == "resolution 72/266/Rev.1\u00a0A)."
    assert result.mismatches == [] and result.differences == []
