"""Compare the footnotes and endnotes of two drafts: the k-th footnote (endnote) the old draft references with
the k-th of the new one, each pair compared as drafts of their own (app.compare)."""

from __future__ import annotations

from app.compare import compare
from app.model import Draft, NoteStory
from app.plan import Attribution, RedlinePlan
from app.tokenize import Granularity


def compare_notes(old: Draft, new: Draft, by: Attribution, granularity: Granularity = Granularity.PHRASE
                  ) -> tuple[dict[tuple[str, str], RedlinePlan], list[str]]:
    """A plan per note of the old draft whose text differs in the new one, by (kind, w:id); and a notice for
    each kind whose count differs (notes added or removed are not written: carry them over by hand)."""
    plans: dict[tuple[str, str], RedlinePlan] = {}
    notices: list[str] = []
    for kind in ("footnote", "endnote"):
        olds, news = _of(old, kind), _of(new, kind)
        for o, n in zip(olds, news, strict=False):
            if [p.text for p in o.draft.paragraphs] != [p.text for p in n.draft.paragraphs] or \
                    [p.runs for p in o.draft.paragraphs] != [p.runs for p in n.draft.paragraphs]:
                plan = compare(o.draft, n.draft, by, granularity).plan
                if len(plan) or plan.formats:
                    plans[(kind, o.id)] = plan
        if len(olds) != len(news):
            notices.append(f"the old draft has {len(olds)} {kind}(s), the new one {len(news)}: the first "
                           f"{min(len(olds), len(news))} are compared in order; {kind}s added or removed are not "
                           "marked")
    return plans, notices


def _of(draft: Draft, kind: str) -> list[NoteStory]:
    return [s for s in draft.notes if s.kind == kind]
