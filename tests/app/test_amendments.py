"""Amendments: modify, insert after, delete, merge, options, and their errors."""

from __future__ import annotations

import pytest

from app.amendments import (
    Kind,
    Option,
    Status,
    delete,
    insert_after,
    merge_paragraphs,
    modify,
    modify_by_edits,
    modify_by_segments,
)
from app.edits import Replace
from app.errors import AmendmentError, LabelError
from app.model import Draft, Paragraph
from app.model import Kind as ParaKind
from app.segments import Op, Segment, original_text, proposed_text
from app.tokenize import Granularity

B66 = "We invite the Secretary-General to report to the 81st session of the General Assembly."
B83 = "We note the work on artificial intelligence."
B100 = "We decide that the Internet Governance Forum shall be made a permanent forum of the United Nations."
B103 = "We call for the strengthening of the Secretariat of the Internet Governance Forum."


def make_draft() -> Draft:
    items = [("66", B66), ("83", B83), ("83 bis", "We also note it."), ("100", B100), ("103", B103)]
    paras = []
    for i, (label, body) in enumerate(items):
        prefix = f"{label}.\t"
        paras.append(Paragraph(index=i, anchor=i, text=prefix + body, kind=ParaKind.PARAGRAPH, label=label,
                               body_start=len(prefix)))
    return Draft(paras)


def test_modify_diffs_the_body() -> None:
    d = make_draft()
    proposed = B66.replace("81st session of the General Assembly", "29th session of the CSTD")
    a = modify(d, "66", proposed, author="Ana", organisation="IMSB", rationale="CSTD is the right forum.")
    assert a.kind is Kind.MODIFY
    assert a.target == "66" and a.label == "66"
    assert a.anchor_text == B66
    assert a.option.name == "A"
    assert a.option.original == B66
    assert a.option.proposed == proposed
    assert a.attribution == "IMSB"
    assert a.status is Status.DRAFT
    assert a.rationale == "CSTD is the right forum."
    # "session of the" is kept between the two changes (a long word keeps them apart).
    assert [s.text for s in a.option.segments if s.op is Op.DELETE] == ["81st", "General Assembly"]
    assert [s.text for s in a.option.segments if s.op is Op.INSERT] == ["29th", "CSTD"]


def test_modify_accepts_any_label_spelling() -> None:
    a = modify(make_draft(), "83bis.", "We also note it with appreciation.")
    assert a.target == "83 bis"


def test_modify_granularity_character() -> None:
    a = modify(make_draft(), "66", B66.replace("81st", "82nd"), granularity=Granularity.CHARACTER)
    assert a.option.proposed == B66.replace("81st", "82nd")
    # Letter by letter the shared "8" of "81st"/"82nd" stays unchanged.
    assert "".join(s.text for s in a.option.segments if s.op is Op.DELETE) == "1st"
    assert "".join(s.text for s in a.option.segments if s.op is Op.INSERT) == "2nd"


def test_modify_with_same_text_is_an_error() -> None:
    with pytest.raises(AmendmentError, match="same"):
        modify(make_draft(), "66", B66)


def test_modify_unknown_label_names_nearest() -> None:
    with pytest.raises(LabelError) as info:
        modify(make_draft(), "90", "text")
    assert "'83 bis'" in str(info.value) and "'100'" in str(info.value)


def test_attribution_falls_back_to_author() -> None:
    a = modify(make_draft(), "66", B66 + " Again.", author="Ana")
    assert a.attribution == "Ana"


def test_ids_are_unique() -> None:
    d = make_draft()
    ids = {modify(d, "66", B66 + " x").id for _ in range(20)}
    assert len(ids) == 20


def test_modify_by_edits() -> None:
    start = B66.index("81st")
    a = modify_by_edits(make_draft(), "66", [Replace(start, start + 4, "82nd")])
    assert a.option.proposed == B66.replace("81st", "82nd")
    assert a.option.original == B66


def test_modify_by_segments_checks_the_original() -> None:
    d = make_draft()
    good = [Segment(Op.EQUAL, B83[:-1]), Segment(Op.INSERT, " with interest"), Segment(Op.EQUAL, ".")]
    a = modify_by_segments(d, "83", good, option_name="B")
    assert a.option.name == "B" and a.option.proposed == "We note the work on artificial intelligence with interest."
    bad = [Segment(Op.EQUAL, "We note the work."), Segment(Op.INSERT, " Also.")]
    with pytest.raises(AmendmentError, match="does not match"):
        modify_by_segments(d, "83", bad)


def test_insert_after_numbers_bis_then_next_free() -> None:
    d = make_draft()
    a = insert_after(d, "66", "We also request a report.")
    assert a.kind is Kind.INSERT
    assert a.target == "66" and a.new_label == "66 bis" and a.label == "66 bis"
    assert a.option.segments == [Segment(Op.INSERT, "We also request a report.")]
    assert a.anchor_text == B66
    # "83 bis" already exists in the draft: the next one after 83 is "83 ter".
    b = insert_after(d, "83", "We recognise the WSIS work.")
    assert b.new_label == "83 ter"
    # Labels taken by other pending insertions are skipped too.
    c = insert_after(d, "83", "Another.", taken={"83 ter"})
    assert c.new_label == "83 quater"


def test_insert_after_with_explicit_label() -> None:
    a = insert_after(make_draft(), "100", "New text.", new_label="100bis.")
    assert a.new_label == "100 bis"


def test_insert_with_existing_label_is_an_error() -> None:
    with pytest.raises(AmendmentError, match="already in the draft"):
        insert_after(make_draft(), "83", "New text.", new_label="83 bis")


def test_insert_with_empty_text_is_an_error() -> None:
    with pytest.raises(AmendmentError, match="empty"):
        insert_after(make_draft(), "66", "   ")


def test_delete_strikes_the_whole_body() -> None:
    a = delete(make_draft(), "103", organisation="IMSB")
    assert a.kind is Kind.DELETE
    assert a.option.segments == [Segment(Op.DELETE, B103)]
    assert a.option.proposed == ""
    assert a.attribution == "IMSB"


def test_merge_paragraphs_appends_and_deletes() -> None:
    first, second = merge_paragraphs(make_draft(), "100", "103", organisation="IMSB")
    assert first.kind is Kind.MODIFY and first.target == "100"
    assert first.option.original == B100
    assert first.option.proposed == B100 + " " + B103
    assert second.kind is Kind.DELETE and second.target == "103"
    assert second.option.segments == [Segment(Op.DELETE, B103)]
    assert first.group is not None and first.group == second.group
    assert first.id != second.id


def test_merge_with_custom_joiner() -> None:
    first, _ = merge_paragraphs(make_draft(), "100", "103", joiner="\n")
    assert first.option.proposed == B100 + "\n" + B103


def test_merge_into_itself_is_an_error() -> None:
    with pytest.raises(AmendmentError, match="itself"):
        merge_paragraphs(make_draft(), "100", "100.")


def test_add_option_to_modify() -> None:
    a = modify(make_draft(), "66", B66.replace("81st", "82nd"))
    b = a.add_option(B66.replace("General Assembly", "CSTD"))
    assert b.name == "B"
    assert a.options[1] is b
    assert b.original == B66
    assert b.proposed == B66.replace("General Assembly", "CSTD")
    c = a.add_option(B66 + " Also.", name="Z")
    assert c.name == "Z"
    # The chosen option is the first until changed; an out-of-range choice falls back to the last.
    assert a.option.name == "A"
    a.chosen = 1
    assert a.option is b
    a.chosen = 9
    assert a.option is c


def test_add_option_to_insert_is_plain_text() -> None:
    a = insert_after(make_draft(), "66", "First wording.")
    b = a.add_option("Second wording.")
    assert b.name == "B"
    assert b.segments == [Segment(Op.INSERT, "Second wording.")]


def test_add_option_to_delete_is_an_error() -> None:
    a = delete(make_draft(), "103")
    with pytest.raises(AmendmentError, match="deletion"):
        a.add_option("Some text.")
    assert len(a.options) == 1


def test_option_properties() -> None:
    segs = [Segment(Op.EQUAL, "We "), Segment(Op.DELETE, "reaffirm"), Segment(Op.INSERT, "recognize")]
    opt = Option("A", segs)
    assert opt.original == original_text(segs) == "We reaffirm"
    assert opt.proposed == proposed_text(segs) == "We recognize"
