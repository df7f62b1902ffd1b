"""`apply` on a draft newer than the revision its amendments were made on.

The input is carried the way `merge` carries a redline (app.amendment_inputs: on the base revision when known,
else quoted and placed by label and text; app.threeway for each change), and the proposals placed on the draft
become amendments on it again. What does not apply ("already in the draft", "overtaken by the new revision", not
placed) is reported in merge's report format, never refused.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rapidfuzz import fuzz

from app.amendment_inputs import project_input, text_form_input
from app.amendment_paragraphs import amendments_as_incoming
from app.amendments import Amendment, delete, insert_after, modify_by_edits
from app.edits import Edit, Replace
from app.labels import split_typed_label
from app.landing import CONTAINED
from app.merge import NOT_APPLICABLE, Incoming, MergeResult, ReportLine, merge
from app.model import Draft
from app.note_labels import by_note
from app.project import Project, load_project
from app.proposals import Proposal, ProposalKind
from app.recognise import quotes_of
from app.sparse import Quoted, place, quoted_amendments, quoted_text_form
from app.wiring.apply import TEXT_SUFFIXES, read_text_form
from app.wiring.merging import file_sha256, on_base, recognised
from docx_io.reader import read_draft

ANOTHER_REVISION = "made on another revision: carried by text; pass --base REV.docx for a three-way check"


@dataclass
class Carried:
    """The amendments carried onto the draft, the merge they came from (for the report) and what to tell."""

    amendments: list[Amendment]
    result: MergeResult
    messages: list[str]


def carried(draft: Draft, source: Path, base: Path | None, *, author: str, organisation: str,
            date: datetime, earlier: Sequence[tuple[str, Draft]] = ()) -> Carried | None:
    """The input's amendments carried onto the draft from the revision they were made on: `base`, the base a
    project records (found with its sha256), or the one recognised by its quotes among the `earlier` revisions
    (name, draft) of the project given with --project. None: no such revision (apply places them strictly)."""
    who = organisation or author or "Redline Desk"
    suffix = source.suffix.lower()
    if suffix == ".json":
        project = load_project(source)
        given = base or recorded_base(project, source, draft.sha256)

        def quoted() -> Quoted:
            return quoted_amendments(project.amendments, who)

        def read_on(on: Draft) -> Incoming:
            return project_input(draft, source.name, project, who, on)
    elif suffix in TEXT_SUFFIXES:
        text, given = read_text_form(source), base

        def quoted() -> Quoted:
            return quoted_text_form(text, who)

        def read_on(on: Draft) -> Incoming:
            return text_form_input(draft, source.name, text, who, on)
    else:
        return None  # apply's own reader says what it accepts
    if given is not None:
        how = f"{source.name}: made on {given.name}; carried three-way to the draft"
        return _carry(draft, read_on(read_draft(given)), how, author, organisation, date)
    said: list[str] = []
    found = recognised(source.name, quotes_of(quoted().paragraphs), draft, earlier, said)
    if found is None:
        return None
    return _carry(draft, on_base(read_on(found[1]), found), said[0], author, organisation, date)


def carried_by_text(draft: Draft, source: Path, *, author: str, organisation: str,
                    date: datetime) -> Carried | None:
    """A text form apply refused, carried onto the draft by label and text when it was made on another
    revision (see `made_on_another_revision`); None when it was not."""
    if source.suffix.lower() not in TEXT_SUFFIXES:
        return None
    text = read_text_form(source)
    if not made_on_another_revision(draft, text):
        return None
    incoming = text_form_input(draft, source.name, text, organisation or author or "Redline Desk", None)
    return _carry(draft, incoming, f"{source.name}: {ANOTHER_REVISION}", author, organisation, date)


def _carry(draft: Draft, incoming: Incoming, how: str, author: str, organisation: str,
           date: datetime) -> Carried:
    result = merge(draft, [incoming], date)
    return Carried(as_amendments(result, author, organisation), result, [how])


def recorded_base(project: Project, path: Path, draft_sha256: str) -> Path | None:
    """The file a project's `base` field names (beside the project, or as written) when it still has the
    recorded sha256 and is not the draft itself; else None."""
    if not project.base_path or not project.base_sha256 or project.base_sha256 == draft_sha256:
        return None
    for candidate in (path.parent / project.base_path, Path(project.base_path)):
        if candidate.is_file() and file_sha256(candidate) == project.base_sha256:
            return candidate
    return None


def made_on_another_revision(draft: Draft, text: str) -> bool:
    """Whether most of a text form's quoted paragraphs are not their label's paragraph here but are found
    as another one (66 quoted, 67 found): it was written on another revision, with other numbers. A quote
    that is part of its label's paragraph (a shortened quote) is that paragraph."""
    quoted = quoted_text_form(text, "")
    kept = [p for p in quoted.paragraphs if not p.inserted]
    placed = place(draft, quoted.paragraphs)
    quotes = [(k, " ".join(p.original.split())) for k, p in enumerate(kept) if p.original.strip()]
    elsewhere = 0
    for k, quote in quotes:
        label = kept[k].label
        own = " ".join(draft.by_label(label).body.split()) if label and draft.has_label(label) else ""
        if k not in placed or (own and fuzz.partial_ratio(quote, own) >= CONTAINED):
            continue
        found = " ".join(draft.paragraphs[placed[k]].body.split())
        elsewhere += fuzz.ratio(quote, found) > fuzz.ratio(quote, own)
    return 2 * elsewhere > len(quotes)


def as_amendments(result: MergeResult, author: str, organisation: str) -> list[Amendment]:
    """The merge's proposals as amendments on its draft (one per paragraph changed, one per new paragraph).
    A proposal an amendment cannot hold (overlapping another, inside a typed number, on an unlabelled
    paragraph) leaves the proposals for the report's not-applicable lines."""
    draft = result.draft
    out: list[Amendment] = []
    kept: list[Proposal] = []
    by_paragraph: dict[int, list[Proposal]] = {}
    for p in result.proposals:
        para = draft.paragraphs[p.paragraph]
        if not para.label:
            _drop(result, p, "the paragraph has no label an amendment can name; apply it by hand")
            continue
        if p.kind is ProposalKind.MODIFY:
            by_paragraph.setdefault(p.paragraph, []).append(p)
            continue
        kept.append(p)
        credit = p.credits[0]
        who = _who(credit.author, author, organisation)
        if p.kind is ProposalKind.DELETE:
            out.append(delete(draft, para.label, rationale=credit.rationale, **who))
        else:
            body = p.text[split_typed_label(p.text)[1]:].strip()
            out.append(insert_after(draft, para.label, body, new_label=p.label, taken={a.label for a in out},
                                    rationale=credit.rationale, **who))
    for index, proposals in by_paragraph.items():
        para = draft.paragraphs[index]
        label = para.label or ""  # unlabelled paragraphs were dropped above
        edits: list[Edit] = []
        last = para.body_start
        for p in sorted(proposals, key=lambda q: (q.start, q.end)):
            if p.start < last and not (p.start == p.end == last):
                _drop(result, p, "overlaps another change of the same input or the paragraph's number")
                continue
            edits.append(Replace(p.start - para.body_start, p.end - para.body_start, p.text))
            kept.append(p)
            last = p.end
        if not edits:
            continue
        credit = proposals[0].credits[0]
        rationale = next((c.rationale for q in proposals for c in q.credits if c.rationale), "")
        out.append(modify_by_edits(draft, label, edits, rationale=rationale,
                                   **_who(credit.author, author, organisation)))
    result.proposals = [p for p in result.proposals if any(p is k for k in kept)]
    return out


def _who(credited: str, author: str, organisation: str) -> dict[str, str]:
    """The apply's author and organisation, unless the change is credited to someone else (a project's
    amendment by another author)."""
    if credited in ("", organisation or author or "Redline Desk"):
        return {"author": author, "organisation": organisation}
    return {"author": credited, "organisation": ""}


def _drop(result: MergeResult, p: Proposal, reason: str) -> None:
    para = result.draft.paragraphs[p.paragraph]
    for c in p.credits:
        result.not_applicable.append(ReportLine(c.source, c.author, para.label or para.display_label, p.kind.value,
                                                NOT_APPLICABLE, reason, p.text, c.label or None))


def as_applied(draft: Draft, name: str, amendments: list[Amendment], date: datetime) -> MergeResult:
    """Amendments placed on the draft itself, as a merge of them (every change applied), for the report."""
    body, to_notes = by_note(draft, amendments)
    result = merge(draft, [Incoming(name, amendments_as_incoming(draft, body))], date)
    result.notes += [(note, merge(note.draft, [Incoming(name, amendments_as_incoming(note.draft, theirs))], date))
                     for note, theirs in to_notes]
    return result


def summary(result: MergeResult, report: Path | None) -> str:
    """One line: how many changes were applied, already in the draft, overtaken or not placed."""
    counts = Counter(line.status for line in result.report)
    said = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no changes found"
    left = len(result.report) - counts.get("applied", 0)
    if not left:
        return said
    return said + (f"; each one's reason: see {report}" if report else "; pass --report FILE to see each one's reason")


__all__ = ["ANOTHER_REVISION", "Carried", "as_amendments", "as_applied", "carried", "carried_by_text",
           "made_on_another_revision", "recorded_base", "summary"]
