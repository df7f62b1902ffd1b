"""Amendments (ours, a text form's, a project's) as the paragraphs of an incoming redline, the shape the merge
takes: the whole draft in order, amended paragraphs carrying their changes under the amendment's author."""

from __future__ import annotations

from app.amendments import Amendment, Kind, alternatives_of
from app.attributed import Change, IncomingParagraph
from app.model import Draft
from app.planning import active
from app.segments import Op


def amendments_as_incoming(draft: Draft, amendments: list[Amendment]) -> list[IncomingParagraph]:
    """Amendments (ours, or a text form's) as a redline of the whole draft: every paragraph in order,
    amended ones with their changes credited to the amendment's author, new ones after their target."""
    changed: dict[str, Amendment] = {}
    inserted: dict[str, list[Amendment]] = {}
    for a in active(amendments):
        if a.kind is Kind.INSERT:
            inserted.setdefault(a.target, []).append(a)
        else:
            changed.setdefault(a.target, a)
    out: list[IncomingParagraph] = []
    for para in draft.paragraphs:
        mine = changed.get(para.label) if para.label else None
        if mine is None:
            incoming = IncomingParagraph(para.anchor, [Change(Op.EQUAL, para.text)], in_table=para.in_table)
        else:
            who = mine.attribution or "Redline Desk"
            changes = [Change(Op.EQUAL, para.prefix)] + [
                Change(s.op, s.text, who if s.op is not Op.EQUAL else "") for s in mine.option.segments
            ]
            incoming = IncomingParagraph(para.anchor, changes, deleted=mine.kind is Kind.DELETE,
                                         in_table=para.in_table, rationale=mine.rationale,
                                         option=option_in_words(mine, amendments))
        # labelled as the draft labels it: the report names each change's paragraph on that revision
        incoming.label, incoming.kind, incoming.body_start, incoming.labelled = (
            para.label, para.kind, para.body_start, True)
        out.append(incoming)
        for new in inserted.get(para.label or "", []) if para.label else []:
            text = f"{new.label}.\t{new.option.proposed.strip()}"
            who = new.attribution or "Redline Desk"
            out.append(IncomingParagraph(-1, [Change(Op.INSERT, text, who)], inserted=True, mark_inserted=True,
                                         rationale=new.rationale, option=option_in_words(new, amendments)))
    return out


def option_in_words(amendment: Amendment, amendments: list[Amendment]) -> str:
    """An amendment's place in its either/or set: "Option A; or Option B: para 84" ("" when in none)."""
    others = [a for a in alternatives_of(amendment, active(amendments)) if a is not amendment]
    if not others:
        return ""
    names = "/".join(o.name for o in amendment.options)
    rest = "; ".join(f"Option {'/'.join(o.name for o in a.options)}: para {a.label}" for a in others)
    return f"Option {names}; or {rest}"
