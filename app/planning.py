"""Turn amendments into a RedlinePlan on a draft (what the writers carry out)."""

from __future__ import annotations

from datetime import datetime

from app.amendments import Amendment, Kind, Status
from app.errors import AmendmentError
from app.labels import LabelKey, label_key, parent_label, split_typed_label
from app.model import Draft, Paragraph
from app.plan import Attribution, DeleteParagraph, InsertParagraph, ModifyParagraph, RedlinePlan
from app.segments import shift


def active(amendments: list[Amendment]) -> list[Amendment]:
    """Amendments that count (not withdrawn)."""
    return [a for a in amendments if a.status is not Status.WITHDRAWN]


def in_document_order(draft: Draft, amendments: list[Amendment]) -> list[Amendment]:
    """Amendments in the order of the paragraphs they amend (a new paragraph after its anchor)."""
    def key(a: Amendment) -> tuple[int, int, LabelKey]:
        para = draft.by_label(a.target) if draft.has_label(a.target) else None
        return (para.index if para else 1 << 30, 1 if a.kind is Kind.INSERT else 0, label_key(a.label))

    return sorted(amendments, key=key)


def check_on_draft(draft: Draft, amendments: list[Amendment]) -> None:
    """Refuse (AmendmentError, one line) amendments that are not this draft's: a target the draft lacks, a
    paragraph whose text is not the one the amendment (or one of its options) was made on, two amendments to
    one paragraph. Every output form checks this before writing, so none prints a text the draft does not have."""
    changed: dict[int, Amendment] = {}
    for amendment in active(amendments):
        if not draft.has_label(amendment.target):
            raise AmendmentError(f"para {amendment.label}: the draft has no para {amendment.target}; "
                                 "open the project against the draft it was made on to re-anchor it")
        para = draft.by_label(amendment.target)
        if amendment.kind is Kind.INSERT:
            continue
        if para.body != amendment.anchor_text or any(o.original != para.body for o in amendment.options):
            raise AmendmentError(
                f"para {amendment.label}: the draft's text is not the one the amendment was made on; "
                "open the project against this draft to re-anchor it"
            )
        if para.anchor in changed:
            raise AmendmentError(
                f"para {amendment.label} has two amendments ({changed[para.anchor].id} and {amendment.id}); "
                "make them options of one amendment or combine them"
            )
        changed[para.anchor] = amendment


def plan_amendments(draft: Draft, amendments: list[Amendment], default_author: str, date: datetime) -> RedlinePlan:
    """The plan that shows each active amendment's chosen option as revisions on the draft."""
    check_on_draft(draft, amendments)
    plan = RedlinePlan()
    inserts: list[tuple[Paragraph, Amendment]] = []
    for amendment in active(amendments):
        para = draft.by_label(amendment.target)
        by = Attribution(amendment.attribution or default_author, date)
        if amendment.kind is Kind.INSERT:
            inserts.append((para, amendment))
            continue
        if amendment.kind is Kind.DELETE:
            plan.add(DeleteParagraph(para.anchor, by))
        else:
            plan.add(ModifyParagraph(para.anchor, shift(amendment.option.segments, para.prefix), by))
    # New paragraphs after the same one go in label order: 83 bis before 83 ter.
    inserts.sort(key=lambda item: (item[0].index, label_key(item[1].label)))
    for para, amendment in inserts:
        by = Attribution(amendment.attribution or default_author, date)
        plan.add(insert_paragraph(draft, para, new_paragraph_text(para, amendment), by))
    return plan


def insert_paragraph(draft: Draft, after: Paragraph, text: str, by: Attribution) -> InsertParagraph:
    """The step that writes `text` as a new paragraph after `after` (placed and formatted by insertion_place)."""
    place, like = insertion_place(draft, after, text)
    return InsertParagraph(place.anchor, text, by, like=like.anchor if like is not place else None)


def insertion_place(draft: Draft, after: Paragraph, text: str) -> tuple[Paragraph, Paragraph]:
    """(the paragraph a new paragraph `text` follows, the paragraph it is formatted like) for one put after `after`.

    A new numbered paragraph ("3 bis.") goes after the sub-paragraphs of the paragraph it follows (else the
    reader would take them for its own: "3 bis (a)") and is formatted like that paragraph, not like a
    sub-paragraph.
    """
    label, _ = split_typed_label(text)
    top = _top_paragraph(draft, after)
    if label is None or top is None:
        return after, after
    end = top
    for para in draft.paragraphs[top.index + 1:]:
        if para.label is None or not para.label.startswith(f"{top.label} ("):
            break
        end = para
    return end, top


def _top_paragraph(draft: Draft, para: Paragraph) -> Paragraph | None:
    """The numbered paragraph `para` is (or is a sub-paragraph of); None for unlabelled paragraphs."""
    label = para.label
    while label is not None and parent_label(label) is not None:
        label = parent_label(label)
    if label is None or not draft.has_label(label):
        return None
    top = draft.by_label(label)
    return top if top.index <= para.index else None


def new_paragraph_text(after: Paragraph, amendment: Amendment) -> str:
    """The typed text of an inserted paragraph: "83 bis." + the separator its neighbour uses + body."""
    body = amendment.option.proposed.strip()
    if after.prefix:
        separator = after.prefix[len(after.prefix.rstrip(" \t\u00a0")):] or "\t"
        return f"{amendment.label}.{separator}{body}"
    return f"{amendment.label}.\t{body}" if amendment.new_label else body
