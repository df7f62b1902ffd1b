"""Paragraph alignment between draft revisions, and compare() turning it into a plan."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from app.align import Pair, align, key
from app.compare import compare
from app.model import Draft, Paragraph
from app.model import Kind as ParaKind
from app.plan import Attribution, DeleteParagraph, InsertParagraph, ModifyParagraph
from app.segments import Op, original_text, proposed_text

BY = Attribution("Co-Facilitators", datetime(2025, 12, 9, tzinfo=UTC))

BODIES = [
    "We recognize the importance of sustainable funding for the Internet Governance Forum.",
    "We invite the Secretary-General to establish a task force to examine future financial mechanisms.",
    "We note the work of the United Nations Inter-Agency Working Group on Artificial Intelligence.",
    "We encourage the development of international partnerships on artificial intelligence capacity-building.",
    "We reaffirm the working definition of Internet governance in the Tunis Agenda for the Information Society.",
    "We reaffirm that Internet governance must continue to be global and multistakeholder in nature.",
    "We decide that the Internet Governance Forum shall be made a permanent forum of the United Nations.",
    "We call for the strengthening of the Secretariat of the Internet Governance Forum.",
]


def numbered(number: int, body: str, index: int) -> Paragraph:
    prefix = f"{number}.\t"
    return Paragraph(index=index, anchor=index, text=prefix + body, kind=ParaKind.PARAGRAPH, label=str(number),
                     body_start=len(prefix))


def make_draft(bodies: list[str], first: int = 60) -> Draft:
    return Draft([numbered(first + i, body, i) for i, body in enumerate(bodies)])


NEW_FIRST = "We welcome the pledges made by Member States at the high-level meeting held in Geneva."


def test_key_folds_white_space_and_ignores_the_typed_number() -> None:
    a = numbered(66, "We  invite\tthe  Secretary-General.", 0)
    b = numbered(67, "We invite the Secretary-General.", 0)
    assert key(a) == key(b) == "We invite the Secretary-General."


def test_renumbered_draft_aligns_every_paragraph_with_its_twin() -> None:
    old = make_draft(BODIES, first=60)
    new = make_draft([NEW_FIRST, *BODIES], first=60)  # every old number is now one higher
    pairs = align(old.paragraphs, new.paragraphs)
    assert pairs[0] == Pair(None, 0)
    matched = [p for p in pairs if p.old is not None and p.new is not None]
    assert [(p.old, p.new) for p in matched] == [(i, i + 1) for i in range(len(BODIES))]
    for i, j in [(i, i + 1) for i in range(len(BODIES))]:
        assert old.paragraphs[i].label is not None
        assert int(new.paragraphs[j].label or 0) == int(old.paragraphs[i].label or 0) + 1
    # No delete/insert churn: one insertion, no deletion.
    assert [p for p in pairs if p.new is None] == []
    assert [p for p in pairs if p.old is None] == [Pair(None, 0)]


def test_every_paragraph_covered_once_in_order() -> None:
    old = make_draft(BODIES)
    new_bodies = [NEW_FIRST, *BODIES[:3], *BODIES[4:]]
    new_bodies[5] = new_bodies[5].replace("global", "global, open")
    new = make_draft(new_bodies)
    pairs = align(old.paragraphs, new.paragraphs)
    olds = [p.old for p in pairs if p.old is not None]
    news = [p.new for p in pairs if p.new is not None]
    assert olds == list(range(len(old.paragraphs)))
    assert news == list(range(len(new.paragraphs)))
    # Pairs are monotone: matched old and new indexes both increase.
    matched = [(p.old, p.new) for p in pairs if p.old is not None and p.new is not None]
    assert matched == sorted(matched)
    assert len({n for _, n in matched}) == len(matched)
    # The removed paragraph is deleted.
    assert Pair(3, None) in pairs


def test_modified_paragraph_is_paired_not_deleted_and_inserted() -> None:
    old = make_draft(BODIES)
    changed = BODIES[1].replace("to establish", "to consider the establishment of")
    new = make_draft([NEW_FIRST, BODIES[0], changed, *BODIES[2:]])
    pairs = align(old.paragraphs, new.paragraphs)
    pair = next(p for p in pairs if p.old == 1)
    assert pair.new == 2
    assert pair.score > 0
    assert [p for p in pairs if p.new is None] == []


def test_completely_rewritten_paragraph_is_deleted_and_inserted() -> None:
    old = make_draft(BODIES[:3])
    new = make_draft([BODIES[0], "Fisheries subsidies distort global markets and deplete stocks.", BODIES[2]])
    pairs = align(old.paragraphs, new.paragraphs)
    assert Pair(1, None) in pairs and Pair(None, 1) in pairs


def test_empty_sides() -> None:
    paras = make_draft(BODIES[:2]).paragraphs
    assert align([], paras) == [Pair(None, 0), Pair(None, 1)]
    assert align(paras, []) == [Pair(0, None), Pair(1, None)]
    assert align([], []) == []


def check_modify_steps(old: Draft, new: Draft, pairs: list[Pair], modifies: list[ModifyParagraph]) -> None:
    by_anchor = {s.anchor: s for s in modifies}
    for pair in pairs:
        if pair.old is None or pair.new is None:
            continue
        o, n = old.paragraphs[pair.old], new.paragraphs[pair.new]
        if o.text == n.text:
            assert o.anchor not in by_anchor
            continue
        step = by_anchor[o.anchor]
        assert original_text(step.segments) == o.text
        assert proposed_text(step.segments) == n.text
        assert step.by == BY


def test_compare_renumbered_draft() -> None:
    old = make_draft(BODIES)
    new = make_draft([NEW_FIRST, *BODIES])
    result = compare(old, new, BY)
    assert (result.inserted, result.deleted, result.renumbered) == (1, 0, len(BODIES))
    inserts = [s for s in result.plan.steps if isinstance(s, InsertParagraph)]
    assert len(inserts) == 1
    # The new first paragraph goes before the old first one.
    assert inserts[0].before is True and inserts[0].anchor == old.paragraphs[0].anchor
    assert inserts[0].text == new.paragraphs[0].text
    assert inserts[0].by == BY
    assert not [s for s in result.plan.steps if isinstance(s, DeleteParagraph)]
    modifies = [s for s in result.plan.steps if isinstance(s, ModifyParagraph)]
    # Only the typed numbers changed, in every paragraph.
    assert result.modified == len(modifies) == len(BODIES)
    check_modify_steps(old, new, result.pairs, modifies)
    for step in modifies:
        changed = [s for s in step.segments if s.op is not Op.EQUAL]
        assert "".join(s.text for s in changed if s.op is Op.DELETE).isdigit()
        assert "".join(s.text for s in changed if s.op is Op.INSERT).isdigit()


def test_compare_renumbered_and_modified_draft() -> None:
    old = make_draft(BODIES)
    changed = BODIES[1].replace("to establish", "to consider the establishment of")
    new = make_draft([NEW_FIRST, BODIES[0], changed, *BODIES[2:]])
    result = compare(old, new, BY)
    # Only the new first paragraph is new; the changed one is a modification of old 61.
    assert (result.inserted, result.deleted) == (1, 0)
    modifies = [s for s in result.plan.steps if isinstance(s, ModifyParagraph)]
    assert result.modified == len(modifies) == len(BODIES)
    check_modify_steps(old, new, result.pairs, modifies)
    step61 = next(s for s in modifies if s.anchor == old.by_label("61").anchor)
    inserted = " ".join(s.text for s in step61.segments if s.op is Op.INSERT)
    assert "consider" in inserted


def test_compare_identical_drafts_has_an_empty_plan() -> None:
    old = make_draft(BODIES)
    result = compare(old, make_draft(BODIES), BY)
    assert len(result.plan) == 0
    assert (result.modified, result.inserted, result.deleted, result.renumbered) == (0, 0, 0, 0)


def test_compare_deletion_and_insertion_in_the_middle() -> None:
    old = make_draft(BODIES)
    new_bodies = [*BODIES[:2], "A new paragraph about digital public goods and open source software.", *BODIES[3:]]
    # Keep the old numbers (a replacement of paragraph 62).
    new = Draft([numbered(60 + i, b, i) for i, b in enumerate(new_bodies)])
    result = compare(old, new, BY)
    deletes = [s for s in result.plan.steps if isinstance(s, DeleteParagraph)]
    inserts = [s for s in result.plan.steps if isinstance(s, InsertParagraph)]
    assert [s.anchor for s in deletes] == [old.paragraphs[2].anchor]
    assert len(inserts) == 1 and inserts[0].before is False
    assert re.match(r"62\.\tA new paragraph", inserts[0].text)
    assert result.modified == 0


def test_an_unrelated_paragraph_under_the_same_label_is_a_deletion_and_an_insertion() -> None:
    # 43 % alike by characters (above the same-label cutoff), 15 % by words: no paragraph revised, but replaced;
    # a redline pairing them would keep only "We" and "that".
    unrelated = "We stress that capacity-building activities should target rural communities and their local needs."
    old = make_draft(["We recognize that digital technologies can accelerate progress towards the Sustainable "
                      "Development Goals.", *BODIES[:2]])
    new = make_draft([unrelated, *BODIES[:2]])
    assert align(old.paragraphs, new.paragraphs) == [Pair(0, None), Pair(None, 0), Pair(1, 1), Pair(2, 2)]
    result = compare(old, new, BY)
    assert (result.modified, result.inserted, result.deleted) == (0, 1, 1)


def test_a_heavily_revised_paragraph_is_still_one_paragraph() -> None:
    old = make_draft(BODIES[:3])
    revised = "We recognize the vital importance of stable and sustainable funding for the Forum and its work."
    new = make_draft([revised, *BODIES[1:3]])
    assert align(old.paragraphs, new.paragraphs)[0].old == 0 and align(old.paragraphs, new.paragraphs)[0].new == 0


def test_a_number_change_is_diffed_as_diff_text_diffs_it() -> None:
    from app.compare import number_change
    from app.diff import diff_text
    from app.tokenize import Granularity

    for old, new in [("66.\t", "67.\t"), ("9.\t", "10.\t"), ("83 bis.\t", "84 bis.\t"), ("99.\t", "100.\t"),
                     ("7", "8"), ("12. ", "13. ")]:
        for granularity in (Granularity.WORD, Granularity.PHRASE):  # by characters: 6 of 66 kept, as diffed
            assert number_change(old, new) == diff_text(old, new, granularity), (old, new, granularity)
    for old, new in [("66.\t", "66.\t"), ("1.\t", "2. "), ("(a)\t", "(b)\t"), ("66.\t", "A.\t"), ("", "1.\t")]:
        assert number_change(old, new) is None
