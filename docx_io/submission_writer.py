"""The `amendments` form: a submission in UN format listing each amendment, its redlined
paragraph (native revisions or static strike/bold markup) and its rationale.

An either/or set (Option A: new 83 bis / Option B: amend 84) is written together under one heading,
"Option A (83 bis) or Option B (84)", each option with its paragraph and rationale, joined by "or".
When final and draft amendments are exported together, the drafts say so in their heading.

Text moved from one amended paragraph to another (both in the submission) is written as a tracked move,
as in the full form; a move with a half missing here is a plain deletion or insertion."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from lxml import etree

from app.amendments import Amendment, Kind, Option, Status, either_or, grouped
from app.model import PLAIN, Draft, Formatting, Paragraph, Run
from app.moves import whole_moves
from app.plan import Attribution
from app.segments import Op
from app.styled import StyledSegment, styled_segments
from docx_io.revisions import (
    RevisionIds,
    mark_paragraph,
    move_range,
    revision,
    settle_last_inserted_mark,
    text_run,
)
from docx_io.un_document import Block, UNDocument, document_symbol, long_date
from docx_io.un_styles import run_properties


def write_submission(
    draft: Draft, amendments: list[Amendment], out: Path, *, title: str = "", author: str = "",
    organisation: str = "", date: datetime, tracked: bool = True, rationale: str = "paragraph",
    line_numbers: bool = False,
) -> None:
    """Write the amendments-only submission to `out` (atomically); `rationale`: "paragraph" (a "Rationale:"
    line after the amendment), "comment" (a Word comment by its author on its paragraph) or "none";
    `line_numbers`: number the lines, restarting on each page (w:lnNumType), as UN line-numbered drafts."""
    symbol = document_symbol(draft.title)
    doc = UNDocument(symbol or "Amendments", long_date(date), distribution="General")
    what = symbol or draft.title or "the draft"
    submitter = organisation or author or (amendments[0].attribution if amendments else "")
    doc.add_block(Block("title", [Run(title or f"Proposed amendments to {what}")]))
    if submitter:
        doc.add_block(Block("sponsor", [Run(f"Submitted by {submitter}")]))
    doc.add_block(Block("text", [Run(long_date(date))]))
    writer = _Writer(doc, draft, submitter, date, tracked, mixed=len({a.status for a in amendments}) > 1)
    writer.rationale = rationale
    writer.moves = whole_moves((s, a.attribution or submitter) for a in amendments if a.kind is not Kind.INSERT
                               for o in a.options for s in o.segments)
    for members in grouped(amendments):
        if len(members) == 1:
            writer.amendment(members[0], _heading(members[0]))
            continue
        doc.add_block(Block("subheading", [Run(either_or(members))]))
        for n, amendment in enumerate(members):
            if n:
                doc.add_block(Block("text", [Run("or", Formatting(italic=True))]))
            writer.amendment(amendment, None)
    writer.finish()
    if line_numbers:
        doc.number_lines()
    doc.save(out)


class _Writer:
    """Writes amendments one after another, sharing revision ids across the document."""

    def __init__(self, doc: UNDocument, draft: Draft, submitter: str, date: datetime, tracked: bool,
                 *, mixed: bool) -> None:
        self.doc, self.draft, self.submitter, self.date, self.tracked = doc, draft, submitter, date, tracked
        self.mixed = mixed  # final and draft amendments together: the drafts say so
        self.ids: RevisionIds | None = None
        self.last: etree._Element | None = None
        self.rationale = "paragraph"  # where rationales go: paragraph, comment, none
        self.moves: set[str] = set()  # the moves whose both halves are written here

    def amendment(self, amendment: Amendment, heading: str | None) -> None:
        """One amendment: its heading (or, in an either/or set, its option line), paragraph(s), rationale."""
        doc = self.doc
        draft_mark = " (draft)" if self.mixed and amendment.status is Status.DRAFT else ""
        if heading is not None:
            doc.add_block(Block("subheading", [Run(heading + draft_mark)]))
        target = self.draft.by_label(amendment.target)
        by = Attribution(amendment.attribution or self.submitter or "Redline Desk", self.date)
        for k, option in enumerate(amendment.options):
            if heading is None and k == 0:
                what = _heading(amendment)
                doc.add_block(Block("text", [Run(f"Option {option.name}: {what[0].lower()}{what[1:]}{draft_mark}",
                                                 Formatting(italic=True))]))
            elif len(amendment.options) > 1 or option.name != "A":
                doc.add_block(Block("text", [Run(f"Option {option.name}", Formatting(italic=True))]))
            p = doc.add_block(Block("paragraph", [], label=None))
            if self.ids is None:
                self.ids = RevisionIds([p.getroottree().getroot()])
            _fill(p, amendment, option, target, by, self.ids, self.tracked, self.moves)
            self.last = p
        if amendment.rationale and self.rationale == "comment" and self.last is not None:
            doc.add_comment(self.last, amendment.rationale, by)
        elif amendment.rationale and self.rationale == "paragraph":
            doc.add_block(Block("text", [
                Run("Rationale: ", Formatting(italic=True)), Run(amendment.rationale),
            ]))

    def finish(self) -> None:
        """Close the last inserted paragraph's mark (see settle_last_inserted_mark)."""
        if self.ids is not None and self.last is not None:
            settle_last_inserted_mark(self.last)


def _fill(
    p: etree._Element, amendment: Amendment, option: Option, target: Paragraph, by: Attribution,
    ids: RevisionIds, tracked: bool, moves: AbstractSet[str] = frozenset(),
) -> None:
    label_run = StyledSegment(Op.EQUAL, f"{amendment.label}.\t", PLAIN)
    if amendment.kind is Kind.INSERT:
        pieces = [StyledSegment(Op.INSERT, label_run.text, PLAIN),
                  StyledSegment(Op.INSERT, option.proposed.strip(), _body_format(target))]
    elif amendment.kind is Kind.DELETE:
        pieces = [StyledSegment(Op.DELETE, label_run.text, PLAIN), *styled_segments(target, option.segments)]
    else:
        pieces = [label_run, *styled_segments(target, option.segments)]
    open_range: tuple[str, etree._Element] | None = None  # the move range the last pieces are in: name, its end
    for piece in pieces:
        if not piece.text:
            continue
        if not tracked:
            p.append(text_run(piece.text, run_properties(_static(piece))))
            continue
        move = piece.move if piece.move in moves else ""
        if open_range is not None and open_range[0] != f"{piece.op}:{move}":
            p.append(open_range[1])
            open_range = None
        if move and open_range is None:
            start, end = move_range("moveFrom" if piece.op is Op.DELETE else "moveTo", move, by, ids)
            p.append(start)
            open_range = (f"{piece.op}:{move}", end)
        _tracked_piece(p, piece, by, ids, bool(move))
    if open_range is not None:
        p.append(open_range[1])
    if tracked and amendment.kind is Kind.INSERT:
        mark_paragraph(p, "ins", by, ids)


def _tracked_piece(p: etree._Element, piece: StyledSegment, by: Attribution, ids: RevisionIds,
                   moved: bool = False) -> None:
    """One piece as a run, in its revision (a move's half in w:moveFrom / w:moveTo, whose runs keep w:t)."""
    rpr = run_properties(piece.formatting)
    if piece.op is Op.EQUAL:
        p.append(text_run(piece.text, rpr))
        return
    if moved:
        wrapper = revision("w:moveTo" if piece.op is Op.INSERT else "w:moveFrom", by, ids)
    else:
        wrapper = revision("w:ins" if piece.op is Op.INSERT else "w:del", by, ids)
    wrapper.append(text_run(piece.text, rpr, deleted=piece.op is Op.DELETE and not moved))
    p.append(wrapper)


def _static(piece: StyledSegment) -> Formatting:
    """UN print convention: deletions struck through, insertions bold (and underlined)."""
    if piece.op is Op.DELETE:
        return replace(piece.formatting, strike=True)
    if piece.op is Op.INSERT:
        return replace(piece.formatting, bold=True, underline=True)
    return piece.formatting


def _body_format(para: Paragraph) -> Formatting:
    longest = max(para.runs, key=lambda r: len(r.text), default=None)
    return longest.formatting if longest else PLAIN


def _heading(amendment: Amendment) -> str:
    if amendment.kind is Kind.INSERT:
        return f"New paragraph {amendment.label} (after paragraph {amendment.target})"
    if amendment.kind is Kind.DELETE:
        return f"Paragraph {amendment.label}: delete"
    return f"Paragraph {amendment.label}"


