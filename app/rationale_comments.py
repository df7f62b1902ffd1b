"""An amendment's rationale as a Word comment by the amendment's author on the change (`apply --rationale
comment`), instead of a "Rationale:" paragraph (the amendments form's default) or nothing (the full form's).

The comment covers the original words the change strikes; a pure insertion's comment sits at its insertion point
(Word shows it beside the inserted words); a new paragraph's covers the whole paragraph.
"""

from __future__ import annotations

from datetime import datetime

from app.amendments import Amendment, Kind
from app.model import Draft
from app.plan import Attribution, Comment, DeleteParagraph, InsertParagraph, ModifyParagraph, RedlinePlan
from app.planning import active, new_paragraph_text
from app.segments import Op

RATIONALE_PLACES = ("paragraph", "comment", "none")  # `apply --rationale`


def with_rationales(plan: RedlinePlan, draft: Draft, amendments: list[Amendment], default_author: str,
                    date: datetime) -> RedlinePlan:
    """The plan (plan_amendments' for these amendments) with each rationale as a comment on its change."""
    for amendment in active(amendments):
        if not amendment.rationale.strip():
            continue
        para = draft.by_label(amendment.target)
        by = Attribution(amendment.attribution or default_author, date)
        if amendment.kind is Kind.INSERT:
            text = new_paragraph_text(para, amendment)
            step = next((s for s in plan.steps if isinstance(s, InsertParagraph) and s.text == text), None)
            if step is not None:
                step.comments += (Comment(0, len(text), by, amendment.rationale),)
            continue
        found = next((s for s in plan.steps if not isinstance(s, InsertParagraph) and s.anchor == para.anchor), None)
        if isinstance(found, DeleteParagraph):
            found.comments += (Comment(para.body_start, len(para.text), by, amendment.rationale),)
        elif isinstance(found, ModifyParagraph):
            start, end = changed_span(found)
            found.comments += (Comment(start, end, by, amendment.rationale),)
    return plan


def changed_span(step: ModifyParagraph) -> tuple[int, int]:
    """[first, last) original offsets the step's changes touch (segment edges, so no run needs cutting)."""
    pos, first, last = 0, None, 0
    for seg in step.segments:
        if seg.op is not Op.EQUAL:
            first = pos if first is None else first
            last = pos + (len(seg.text) if seg.op is Op.DELETE else 0)
        if seg.op is not Op.INSERT:
            pos += len(seg.text)
    return (first or 0, last) if first is not None else (0, 0)
