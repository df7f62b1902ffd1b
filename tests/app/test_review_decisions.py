"""Review decisions written down: parsing lines, options and JSON, naming targets, applying them in order as
the Review panel does, and refusing unknown targets and conflicts without changing anything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.errors import AmendmentError, DiagnosedError, DocumentError
from app.proposals import Decision
from app.resources import REV2_EXCERPT
from app.review import Review, public_ids, report_entries
from app.review_decisions import ReviewDecision, apply_decisions, parse_decision, parse_line, read_decisions
from app.wiring.merging import InputSpec, merge_inputs
from app.wiring.session import Session
from tests.widgets.merge_helpers import DATE, GA, write_three_redlines


@pytest.fixture
def paths(tmp_path: Path) -> dict[str, Path]:
    return write_three_redlines(tmp_path)


def merged(paths: dict[str, Path], order: tuple[str, ...] = ("G77", "EU", "US")) -> Review:
    draft = Session.open_draft(REV2_EXCERPT).draft
    result, _ = merge_inputs(draft, [InputSpec(paths[a]) for a in order], DATE)
    return Review(result)


def lines(*texts: str) -> list[ReviewDecision]:
    out = [parse_line(t, f"test:{n}") for n, t in enumerate(texts, 1)]
    return [d for d in out if d is not None]


def state(review: Review) -> dict[str, tuple[str, str, str]]:
    """Stable id -> (authors in alphabetical order, decision, inserted text)."""
    return {review.public_id(p): ("; ".join(sorted(p.authors)), p.decision.value, p.text) for p in review.proposals}


# ----- parsing -----

def test_lines_parse_into_verb_target_and_value() -> None:
    assert parse_line("  accept   G77 ", "f:1") == ReviewDecision("accept", "G77", "", "f:1")
    assert parse_line("pick 66-1=US", "f:2") == ReviewDecision("pick", "66-1", "US", "f:2")
    # A rewording keeps its "=" and spacing inside; only the first "=" separates.
    assert parse_line("reword 66-1= the Council = the Board ", "f:3") == ReviewDecision(
        "reword", "66-1", "the Council = the Board", "f:3")
    assert parse_line("REJECT 83 bis", "f:4") == ReviewDecision("reject", "83 bis", "", "f:4")
    assert parse_line("# a comment", "f:5") is None and parse_line("   ", "f:6") is None


@pytest.mark.parametrize(("verb", "text", "message"), [
    ("approve", "G77", "unknown decision 'approve'"),
    ("accept", "  ", "'accept' needs what to accept"),
    ("reword", "66-1", "write 'reword ID=new wording'"),
    ("reword", "66-1=  ", "write 'reword ID=new wording'"),
])
def test_malformed_decisions_say_where_and_what_to_write(verb: str, text: str, message: str) -> None:
    with pytest.raises(AmendmentError) as caught:
        parse_decision(verb, text, "dec.txt:7")
    assert str(caught.value).startswith("dec.txt:7: ") and message in str(caught.value)


def test_a_decisions_file_reports_every_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "dec.txt"
    path.write_text("accept G77\nfoo bar\n\nreword 66-1\npick 66-1=US\n", encoding="utf-8")
    with pytest.raises(DiagnosedError) as caught:
        read_decisions(path)
    assert [d.split(":")[1] for d in caught.value.details] == ["2", "4"]
    path.write_text("# ours\naccept G77\npick 66-1=US\n", encoding="utf-8")
    assert [str(d) for d in read_decisions(path)] == ["accept G77", "pick 66-1=US"]
    assert [d.where for d in read_decisions(path)] == ["dec.txt:2", "dec.txt:3"]


def test_a_json_decisions_file_takes_strings_and_objects(tmp_path: Path) -> None:
    path = tmp_path / "dec.json"
    path.write_text(json.dumps(["accept G77", {"reject": "89"}, {"pick": "66-1", "author": "US"},
                               {"reword": "66-1", "text": "the Board"}]), encoding="utf-8")
    assert [str(d) for d in read_decisions(path)] == ["accept G77", "reject 89", "pick 66-1=US",
                                                      "reword 66-1=the Board"]
    path.write_text(json.dumps([{"accept": "G77", "reject": "EU"}, 5]), encoding="utf-8")
    with pytest.raises(DiagnosedError) as caught:
        read_decisions(path)
    assert [d.split(":")[0] for d in caught.value.details] == ["dec.json item 1", "dec.json item 2"]
    path.write_text('{"accept": "G77"}', encoding="utf-8")
    with pytest.raises(DocumentError, match="expected a JSON list"):
        read_decisions(path)
    path.write_text('["accept G77",', encoding="utf-8")
    with pytest.raises(DocumentError, match="not valid JSON"):
        read_decisions(path)
    with pytest.raises(DocumentError, match="cannot read the decisions file"):
        read_decisions(tmp_path / "missing.txt")


# ----- ids -----

def test_ids_are_label_and_number_whatever_the_order_of_the_inputs(paths: dict[str, Path]) -> None:
    one, other = merged(paths), merged(paths, ("US", "EU", "G77"))
    assert state(one) == state(other)
    assert sorted(state(one)) == ["66-1", "66-2", "66-3", "83-1", "88-1", "89-1"]
    assert state(one)["88-1"][0] == "EU; G77"
    # The report names the same ids.
    ids = {(e["author"], e["id"]) for e in report_entries(one.result)}
    assert {("G77", "88-1"), ("EU", "88-1"), ("US", "83-1")} <= ids
    assert public_ids(one.result.draft, one.proposals) == one.ids()


# ----- applying -----

def test_decisions_apply_in_order_narrower_ones_override(paths: dict[str, Path]) -> None:
    review = merged(paths)
    apply_decisions(review, lines("accept G77", "reject 66-1", "reject 89", "pick 66-2=US"))
    got = {k: v[1] for k, v in state(review).items()}
    assert got == {"66-1": "rejected", "66-2": "rejected", "66-3": "accepted", "83-1": "pending",
                   "88-1": "accepted", "89-1": "rejected"}


def test_the_same_decisions_through_the_review_methods_give_the_same_review(paths: dict[str, Path]) -> None:
    by_text, by_hand = merged(paths), merged(paths)
    apply_decisions(by_text, lines("accept EU", "reject 83 bis", "pick 66-1=US"))
    by_hand.decide_author("EU", Decision.ACCEPTED)
    by_hand.decide([p.id for p in by_hand.proposals if p.label == "83 bis"], Decision.REJECTED)
    us = next(p for p in by_hand.proposals if p.authors == ["US"] and p.paragraph == by_hand.by_id("66-1").paragraph)
    by_hand.pick(us.id)
    assert state(by_text) == state(by_hand)


def test_reword_and_combine_settle_the_collision(paths: dict[str, Path]) -> None:
    review = merged(paths)
    apply_decisions(review, lines("reword 66-2=the Board"), reviewer="Secretariat")
    new = state(review)["66-4"]
    assert new == ("Secretariat", "accepted", "the Board")
    assert all(state(review)[f"66-{n}"][1] == "rejected" for n in (1, 2, 3))
    combined = merged(paths)
    apply_decisions(combined, lines("combine 66-3"))
    authors, decision, text = state(combined)["66-4"]
    assert decision == "accepted" and authors == "EU; G77; US"
    assert "Commission" in text and "Economic and Social Council" in text and GA not in text


def test_pick_names_an_author_or_an_id_in_that_collision(paths: dict[str, Path]) -> None:
    review = merged(paths)
    apply_decisions(review, lines("reject EU", "pick 66-1=66-3"))
    assert {k: v[1] for k, v in state(review).items() if k.startswith("66")} == {
        "66-1": "rejected", "66-2": "rejected", "66-3": "accepted"}
    review = merged(paths)
    apply_decisions(review, lines("pick 66-1"))
    assert state(review)["66-1"][1] == "accepted" and state(review)["66-3"][1] == "rejected"


@pytest.mark.parametrize(("decisions", "message"), [
    (("accept FR",), "'FR' is no author, paragraph with proposals, or proposal id"),
    (("reject 12",), "'12' is no author, paragraph with proposals"),
    (("accept 66-9",), "'66-9' is no author"),
    (("pick 66-1=FR",), "FR has no proposal in this collision (its authors: G77, EU, US)"),
    (("pick 88-1=G77",), "88-1 is in no collision"),
    (("reject EU", "pick 66-1=EU"), "EU has no proposal in this collision (its authors: G77, US)"),
    (("accept G77", "reject G77"), "'reject G77' conflicts with 'accept G77' (test:2): it rejects what that accepts"),
    (("pick 66-1=US", "accept 66-2"), "'accept 66-2' conflicts with 'pick 66-1=US' (test:2)"),
    (("pick 66-1=US", "pick 66-2=EU"), "'pick 66-2=EU' conflicts with 'pick 66-1=US'"),
    (("pick 66-1=US", "reword 66-1=the Board"), "'reword 66-1=the Board' conflicts with 'pick 66-1=US'"),
    (("reject 66-2", "reject 66-3", "pick 66-2=EU"), "'pick 66-2=EU' conflicts with 'reject 66-2'"),
])
def test_bad_decisions_are_one_line_each_and_change_nothing(paths: dict[str, Path], decisions: tuple[str, ...],
                                                            message: str) -> None:
    review = merged(paths)
    before = state(review)
    with pytest.raises(DiagnosedError) as caught:
        apply_decisions(review, lines("accept 88", *decisions))
    assert len(caught.value.details) == 1 and message in caught.value.details[0]
    assert caught.value.details[0].startswith(f"test:{len(decisions) + 1}: ")
    assert "\n" not in caught.value.details[0]
    assert state(review) == before


def test_a_decision_made_twice_is_no_conflict(paths: dict[str, Path]) -> None:
    review = merged(paths)
    apply_decisions(review, lines("pick 66-1=US", "accept G77", "accept g77", "pick 66-3", "reject 66-2"))
    assert {k: v[1] for k, v in state(review).items()} == {"66-1": "rejected", "66-2": "rejected",
                                                           "66-3": "accepted", "83-1": "pending",
                                                           "88-1": "accepted", "89-1": "pending"}


def test_every_failing_decision_is_reported(paths: dict[str, Path]) -> None:
    with pytest.raises(DiagnosedError) as caught:
        apply_decisions(merged(paths), lines("accept FR", "accept G77", "reject G77", "pick 66-1=XX"))
    assert [d.split(":")[1] for d in caught.value.details] == ["1", "3", "4"]
    assert str(caught.value) == "3 decision(s) cannot be made; nothing was written"


def test_a_name_that_is_both_an_author_and_a_label_must_say_which(tmp_path: Path) -> None:
    paths = write_three_redlines(tmp_path)
    paths["88"] = paths.pop("EU").rename(tmp_path / "88.md")  # the file's stem is its author: "88"
    review = merged(paths, ("G77", "88", "US"))
    with pytest.raises(DiagnosedError) as caught:
        apply_decisions(review, lines("reject 88"))
    assert caught.value.details == ["test:1: 'reject 88': '88' is an author and a paragraph; "
                                    "write author:88, para:88 or id:88"]
    apply_decisions(review, lines("reject author:88", "accept para:88"))
    assert state(review)["88-1"][1] == "accepted" and state(review)["89-1"][1] == "rejected"


def test_a_rewording_with_characters_word_cannot_hold_is_refused_and_nothing_changes(paths: dict[str, Path]) -> None:
    review = merged(paths)
    before = state(review)
    with pytest.raises(DiagnosedError) as caught:
        apply_decisions(review, lines("reword 66-2=the \x07Board\ud800"))
    assert len(caught.value.details) == 1 and "2 character(s) a Word document cannot hold" in caught.value.details[0]
    assert state(review) == before
