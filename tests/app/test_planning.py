"""Planning: amendments on a draft become a RedlinePlan of document steps."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.amendments import Status, delete, insert_after, modify
from app.errors import AmendmentError
from app.model import Draft, Paragraph
from app.model import Kind as ParaKind
from app.plan import DeleteParagraph, InsertParagraph, ModifyParagraph
from app.planning import active, new_paragraph_text, plan_amendments
from app.segments import Op, Segment, original_text, proposed_text

DATE = datetime(2025, 12, 9, 10, 0, tzinfo=UTC)
B66 = "We invite the Secretary-General to report to the 81st session of the General Assembly."
B83 = "We note the work on artificial intelligence."
B84 = "We encourage international partnerships."


def para(label: str | None, body: str, index: int, anchor: int, sep: str = "\t") -> Paragraph:
    prefix = f"{label}.{sep}" if label else ""
    return Paragraph(index=index, anchor=anchor, text=prefix + body,
                     kind=ParaKind.PARAGRAPH if label else ParaKind.TEXT, label=label, body_start=len(prefix))


def make_draft(sep: str = "\t") -> Draft:
    # Anchors differ from indexes (a heading and tables in between), as in a real document.
    return Draft([
        para(None, "Financial mechanisms", 0, 10),
        para("66", B66, 1, 12, sep),
        para("83", B83, 2, 20, sep),
        para("84", B84, 3, 21, sep),
    ])


def test_modify_step_keeps_the_typed_prefix_as_equal_text() -> None:
    d = make_draft()
    a = modify(d, "66", B66.replace("General Assembly", "CSTD"), organisation="IMSB")
    plan = plan_amendments(d, [a], "Default", DATE)
    (step,) = plan.steps
    assert isinstance(step, ModifyParagraph)
    assert step.anchor == 12
    assert step.segments[0].op is Op.EQUAL and step.segments[0].text.startswith("66.\t")
    assert original_text(step.segments) == "66.\t" + B66
    assert proposed_text(step.segments) == "66.\t" + B66.replace("General Assembly", "CSTD")
    assert step.by.author == "IMSB" and step.by.date == DATE


def test_change_at_the_start_of_the_body_stays_after_the_prefix() -> None:
    d = make_draft()
    a = modify(d, "84", "Also, " + B84)
    (step,) = plan_amendments(d, [a], "Default", DATE).steps
    assert isinstance(step, ModifyParagraph)
    assert step.segments[0] == Segment(Op.EQUAL, "84.\t")
    assert step.segments[1].op is Op.INSERT


def test_default_author_when_amendment_has_none() -> None:
    d = make_draft()
    a = modify(d, "66", B66 + " Soon.")
    (step,) = plan_amendments(d, [a], "Mission of X", DATE).steps
    assert step.by.author == "Mission of X"


def test_delete_step() -> None:
    d = make_draft()
    (step,) = plan_amendments(d, [delete(d, "84")], "A", DATE).steps
    assert isinstance(step, DeleteParagraph) and step.anchor == 21


def test_inserts_after_the_same_paragraph_go_bis_before_ter() -> None:
    d = make_draft()
    bis = insert_after(d, "83", "Second new paragraph.", new_label="83 ter")
    ter = insert_after(d, "83", "First new paragraph.", new_label="83 bis")
    after66 = insert_after(d, "66", "After 66.")
    plan = plan_amendments(d, [bis, after66, ter], "A", DATE)
    inserts = [s for s in plan.steps if isinstance(s, InsertParagraph)]
    assert [(s.anchor, s.text) for s in inserts] == [
        (12, "66 bis.\tAfter 66."),
        (20, "83 bis.\tFirst new paragraph."),
        (20, "83 ter.\tSecond new paragraph."),
    ]
    assert all(not s.before for s in inserts)


def test_withdrawn_amendments_are_skipped() -> None:
    d = make_draft()
    kept = modify(d, "66", B66 + " Soon.")
    gone = modify(d, "84", B84 + " Now.")
    gone.status = Status.WITHDRAWN
    final = insert_after(d, "83", "New.")
    final.status = Status.FINAL
    assert active([kept, gone, final]) == [kept, final]
    plan = plan_amendments(d, [kept, gone, final], "A", DATE)
    assert [s.anchor for s in plan.steps] == [12, 20]
    # A withdrawn amendment does not count as a second amendment to its paragraph either.
    twin = modify(d, "66", B66 + " Later.")
    twin.status = Status.WITHDRAWN
    assert len(plan_amendments(d, [kept, twin], "A", DATE)) == 1


def test_two_amendments_to_one_paragraph_are_rejected() -> None:
    d = make_draft()
    a = modify(d, "66", B66 + " Soon.")
    b = delete(d, "66")
    with pytest.raises(AmendmentError) as info:
        plan_amendments(d, [a, b], "A", DATE)
    assert a.id in str(info.value) and b.id in str(info.value)


def test_amendment_made_on_other_text_is_rejected() -> None:
    d = make_draft()
    a = modify(d, "66", B66 + " Soon.")
    a.anchor_text = "An older wording."
    with pytest.raises(AmendmentError, match="re-anchor"):
        plan_amendments(d, [a], "A", DATE)


def test_chosen_option_is_planned() -> None:
    d = make_draft()
    a = modify(d, "66", B66.replace("81st", "82nd"))
    a.add_option(B66.replace("81st", "83rd"))
    a.chosen = 1
    (step,) = plan_amendments(d, [a], "A", DATE).steps
    assert isinstance(step, ModifyParagraph)
    assert proposed_text(step.segments) == "66.\t" + B66.replace("81st", "83rd")


@pytest.mark.parametrize("sep", ["\t", " ", "\u00a0", "  "])
def test_new_paragraph_text_uses_the_neighbours_separator(sep: str) -> None:
    d = make_draft(sep)
    a = insert_after(d, "83", "  We recognise the WSIS work.  ")
    assert new_paragraph_text(d.by_label("83"), a) == f"83 bis.{sep}We recognise the WSIS work."


def test_new_paragraph_after_automatically_numbered_paragraph() -> None:
    auto = Paragraph(index=0, anchor=0, text=B83, kind=ParaKind.PARAGRAPH, label="83", number_text="83.")
    d = Draft([auto])
    a = insert_after(d, "83", "New text.")
    assert new_paragraph_text(auto, a) == "83 bis.\tNew text."


def _sub(label: str, body: str, index: int, anchor: int) -> Paragraph:
    prefix = f"({label.rsplit('(', 1)[1]}\t"
    return Paragraph(index=index, anchor=anchor, text=prefix + body, kind=ParaKind.SUBPARAGRAPH, label=label,
                     body_start=len(prefix))


def test_new_paragraph_goes_after_the_sub_paragraphs_formatted_like_their_parent() -> None:
    d = Draft([para("83", B83, 0, 20), _sub("83 (a)", "first;", 1, 21), _sub("83 (b)", "second;", 2, 23),
               para("84", B84, 3, 24)])
    steps = plan_amendments(d, [insert_after(d, "83", "New text.")], "IMSB", DATE).steps
    assert [(s.anchor, s.like, s.text) for s in steps if isinstance(s, InsertParagraph)] == [
        (23, 20, "83 bis.\tNew text.")
    ]


def test_new_paragraph_after_one_without_sub_paragraphs_stays_next_to_it() -> None:
    d = make_draft()
    steps = plan_amendments(d, [insert_after(d, "83", "New text.")], "IMSB", DATE).steps
    assert [(s.anchor, s.like) for s in steps if isinstance(s, InsertParagraph)] == [(20, None)]
