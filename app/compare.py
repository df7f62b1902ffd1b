"""Compare two drafts: aligned paragraphs become a RedlinePlan on the old one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.align import Pair, align
from app.diff import diff_text
from app.format_diff import format_change
from app.model import Draft, Paragraph
from app.plan import Attribution, DeleteParagraph, InsertParagraph, ModifyParagraph, RedlinePlan
from app.segments import Op, Segment, normalize
from app.tokenize import Granularity


@dataclass
class Comparison:
    """The plan and a summary of how paragraphs lined up."""

    plan: RedlinePlan
    pairs: list[Pair]
    modified: int = 0
    inserted: int = 0
    deleted: int = 0
    renumbered: int = 0
    formatted: int = 0  # paragraphs whose text is the same but whose formatting changed


def compare(old: Draft, new: Draft, by: Attribution, granularity: Granularity = Granularity.PHRASE) -> Comparison:
    """What turns `old` into `new`, as revisions on `old`."""
    pairs = align(old.paragraphs, new.paragraphs)
    result = Comparison(RedlinePlan(), pairs)
    last_old: int | None = None
    pending_before: list[int] = []  # new paragraphs before any old one
    for pair in pairs:
        if pair.old is not None and pair.new is not None:
            o, n = old.paragraphs[pair.old], new.paragraphs[pair.new]
            if o.text != n.text:
                result.plan.add(ModifyParagraph(o.anchor, _paragraph_diff(o, n, granularity), by))
                result.modified += 1
            elif (fmt := format_change(o, n, by)) is not None:
                result.plan.formats.append(fmt)
                result.modified += 1
                result.formatted += 1
            if o.label != n.label:
                result.renumbered += 1
            last_old = pair.old
            if pending_before:
                for j in pending_before:
                    result.plan.add(_insert(new, j, o.anchor, by, before=True))
                pending_before.clear()
        elif pair.old is not None:
            result.plan.add(DeleteParagraph(old.paragraphs[pair.old].anchor, by))
            result.deleted += 1
            last_old = pair.old
        elif pair.new is not None:
            result.inserted += 1
            if last_old is None:
                pending_before.append(pair.new)
            else:
                result.plan.add(_insert(new, pair.new, old.paragraphs[last_old].anchor, by))
    if pending_before and old.paragraphs:
        for j in pending_before:
            result.plan.add(_insert(new, j, old.paragraphs[0].anchor, by, before=True))
    return result


def _paragraph_diff(o: Paragraph, n: Paragraph, granularity: Granularity) -> list[Segment]:
    """A renumbered paragraph with the same body (most of a long draft after an insertion) needs
    only its number diffed."""
    if o.body == n.body:
        fast = number_change(o.prefix, n.prefix) if granularity is not Granularity.CHARACTER else None
        prefix = fast or diff_text(o.prefix, n.prefix, granularity)
        return normalize([*prefix, Segment(Op.EQUAL, o.body)])
    return diff_text(o.text, n.text, granularity)


_NUMBER_AND_REST = re.compile(r"(\d+)(\D.*)?", re.DOTALL)


def number_change(old: str, new: str) -> list[Segment] | None:
    """The diff of two paragraph prefixes that differ only in their leading number ("66.\t" -> "67.\t": 66 struck,
    67 inserted, ".\t" kept), as diff_text gives it at word and phrase granularity, without tokenising; None
    otherwise."""
    a, b = _NUMBER_AND_REST.fullmatch(old), _NUMBER_AND_REST.fullmatch(new)
    if a is None or b is None or a.group(1) == b.group(1) or (a.group(2) or "") != (b.group(2) or ""):
        return None
    rest = a.group(2) or ""
    kept = [Segment(Op.EQUAL, rest)] if rest else []
    return [Segment(Op.DELETE, a.group(1)), Segment(Op.INSERT, b.group(1)), *kept]


def _insert(new: Draft, j: int, anchor: int, by: Attribution, before: bool = False) -> InsertParagraph:
    para = new.paragraphs[j]
    return InsertParagraph(anchor, para.text, by, before=before, runs=para.runs, style_id=para.style_id,
                           source=para.anchor)
