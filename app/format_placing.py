"""Incoming tracked formatting changes placed on the draft: reported (kind "format") and, in the full form,
kept as formatting revisions by their authors.

A change is placed on the draft paragraph its paragraph is aligned with when that paragraph's text is still
the text the author formatted (its offsets then hold); otherwise it is reported as not applicable. On a
paragraph whose text another proposal changes it is reported as a collision and not written (a formatting
revision is laid on unchanged text only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from app.attributed import IncomingFormat, IncomingParagraph
from app.model import Draft
from app.plan import Attribution, FormatParagraph, FormatSpan
from app.proposals import Decision, Proposal, parse_date

if TYPE_CHECKING:
    from app.merge import ReportLine

FORMAT = "format"


@dataclass
class PlacedFormat:
    """One incoming formatting change and the draft paragraph it lands on (None: not applicable, `why`)."""

    source: str
    change: IncomingFormat
    paragraph: int | None
    old_label: str | None = None
    why: str = ""

    @property
    def author(self) -> str:
        """Who made it."""
        return self.change.author


def place_formats(draft: Draft, para: IncomingParagraph, ours: int | None, source: str,
                  old_label: str | None, *, new: bool = False) -> list[PlacedFormat]:
    """The paragraph's formatting changes on our paragraph `ours` (its aligned pair), when its text is the same;
    `new`: the paragraph is one the author inserted (its formatting goes with it, reported only)."""
    if new:
        why = "on a paragraph the author inserted; not merged on its own"
    elif ours is None:
        why = f"no paragraph like '{para.original[:60]}' in the draft"
    elif draft.paragraphs[ours].text != para.original:
        ours, why = None, "the draft's paragraph has other words now; carry the formatting over by hand"
    else:
        why = ""
    return [PlacedFormat(source, f, ours, old_label, why) for f in para.formats]


def _changed_paragraphs(proposals: list[Proposal]) -> set[int]:
    return {p.paragraph for p in proposals if p.decision is not Decision.REJECTED}


def format_lines(draft: Draft, formats: list[PlacedFormat], proposals: list[Proposal]) -> list[ReportLine]:
    """A report line per formatting change: applied, collision (the paragraph's text changes too) or not
    applicable."""
    from app.merge import APPLIED, COLLISION, NOT_APPLICABLE, ReportLine

    changed = _changed_paragraphs(proposals)
    lines = []
    for pf in formats:
        if pf.paragraph is None:
            status, why, label = NOT_APPLICABLE, pf.why, pf.old_label
        else:
            para = draft.paragraphs[pf.paragraph]
            label = para.label or para.display_label
            status, why = (COLLISION, "the paragraph's text is changed by a proposal too; the formatting is "
                           "reported, not written in the full form") if pf.paragraph in changed else (APPLIED, "")
        lines.append(ReportLine(pf.source, pf.author, label, FORMAT, status, why, _described(draft, pf),
                                pf.old_label))
    return lines


def _described(draft: Draft, pf: PlacedFormat) -> str:
    c = pf.change
    if pf.paragraph is None or c.paragraph:
        return c.what
    return f"{c.what}: “{draft.paragraphs[pf.paragraph].text[c.start:c.end]}”"


def format_steps(draft: Draft, formats: list[PlacedFormat], proposals: list[Proposal],
                 date: datetime) -> list[FormatParagraph]:
    """The full form's formatting revisions: one step per paragraph and author, on paragraphs no written
    proposal changes."""
    changed = _changed_paragraphs(proposals)
    steps: dict[tuple[int, str], FormatParagraph] = {}
    for pf in formats:
        if pf.paragraph is None or pf.paragraph in changed:
            continue
        c = pf.change
        key = (pf.paragraph, c.author)
        step = steps.get(key)
        if step is None:
            by = Attribution(c.author or "Unattributed", parse_date([c.date], date))
            step = steps[key] = FormatParagraph(draft.paragraphs[pf.paragraph].anchor, by)
        if c.paragraph:
            step.style_id, step.old_style_id = c.style_id or "", c.old_style_id
        else:
            step.spans += (FormatSpan(c.start, c.end, c.new, c.old),)
    return list(steps.values())
