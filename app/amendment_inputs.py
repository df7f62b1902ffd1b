"""Text forms and project files read for a merge: on the revision they were made on when it is known
(its paragraphs, then carried through its alignment with the draft), else quoted and placed on the draft
by label and text (app.sparse). What cannot be read becomes a report line, never a refusal of the whole."""

from __future__ import annotations

from app.amendment_paragraphs import amendments_as_incoming
from app.amendments import Amendment, Kind
from app.attributed import IncomingParagraph
from app.merge import NOT_APPLICABLE, Incoming, ReportLine
from app.model import Draft
from app.note_inputs import amended_notes, is_note_input, quoted_notes
from app.planning import active
from app.project import Project, reanchor
from app.sparse import Quoted, place, quoted_amendments, quoted_text_form
from app.textform import Severity, import_text_form


def text_form_input(draft: Draft, name: str, text: str, author: str, base: Draft | None) -> Incoming:
    """A text form to merge: read on `base` when given, else quoted and placed by label and text."""
    if base is None:
        return _quoted_input(draft, name, quoted_text_form(text, author), author)
    imported = import_text_form(base, text, author=author)
    problems = [ReportLine(name, author, None, "modify", NOT_APPLICABLE,
                           f"{d}; it was read on the base revision {_title(base)}", old_label=d.label)
                for d in imported.diagnostics if d.severity is Severity.ERROR]
    amendments, doubled = one_per_paragraph(name, imported.amendments, author)
    to_notes = [a for a in amendments if is_note_input(base, a.label)]
    notes, missing = amended_notes(base, draft, name, author, to_notes)
    body = [a for a in amendments if not any(a is n for n in to_notes)]
    return Incoming(name, amendments_as_incoming(base, body), problems + doubled + missing, base=base, notes=notes)


def project_input(draft: Draft, name: str, project: Project, author: str, base: Draft | None) -> Incoming:
    """A project's amendments to merge: on the revision they were made on when known, else placed by
    the label and the text each amendment keeps of its paragraph."""
    for a in project.amendments:
        a.author = a.author or author
    kept, doubled = one_per_paragraph(name, project.amendments, author)
    if base is None:
        incoming = _quoted_input(draft, name, quoted_amendments(kept, author), author)
        incoming.left_out += doubled
        return incoming
    placements = reanchor(project, base)
    problems = [ReportLine(name, p.amendment.attribution or author, None, p.amendment.kind.value, NOT_APPLICABLE,
                           f"not on the base revision {_title(base)}: {p.how}", old_label=p.old_label)
                for p in placements if p.new_label is None]
    placed = {p.amendment.id for p in placements if p.new_label is not None}
    to_notes = [a for a in kept if is_note_input(base, a.label)]
    notes, missing = amended_notes(base, draft, name, author, to_notes)
    amendments = [a for a in kept if a.id in placed and not any(a is n for n in to_notes)]
    return Incoming(name, amendments_as_incoming(base, amendments), problems + doubled + missing, base=base,
                    notes=notes)


def one_per_paragraph(name: str, amendments: list[Amendment], author: str) -> tuple[list[Amendment], list[ReportLine]]:
    """The amendments with at most one per amended paragraph (the first), and a report line for each other one:
    a merge never drops a second amendment to a paragraph silently (apply refuses it: app.planning)."""
    seen: set[str] = set()
    kept: list[Amendment] = []
    lines: list[ReportLine] = []
    for a in amendments:
        if a.kind is Kind.INSERT or a not in active([a]):
            kept.append(a)
        elif a.target in seen:
            lines.append(ReportLine(
                name, a.attribution or author, None, a.kind.value, NOT_APPLICABLE,
                f"para {a.target} has two amendments in {name}; the first is merged, this one is not: "
                "make them options of one amendment", old_label=a.target))
        else:
            seen.add(a.target)
            kept.append(a)
    return kept, lines


def _quoted_input(draft: Draft, name: str, quoted: Quoted, author: str) -> Incoming:
    problems = [ReportLine(name, author, None, "modify", NOT_APPLICABLE, what, old_label=label)
                for label, what in quoted.problems]
    to_notes = [p for p in quoted.paragraphs if not p.inserted and is_note_input(draft, p.label)]
    notes, missing = quoted_notes(draft, name, author, to_notes)
    body = [p for p in quoted.paragraphs if not any(p is n for n in to_notes)]
    paragraphs, placed = _in_draft_order(body, place(draft, body))
    return Incoming(name, paragraphs, problems + missing, placed=placed, notes=notes)


def _in_draft_order(paragraphs: list[IncomingParagraph],
                    placed: dict[int, int]) -> tuple[list[IncomingParagraph], dict[int, int]]:
    """The quoted paragraphs (each with the new ones after it) in the order of the draft paragraphs they
    were placed on, as a redline of the whole draft would list them; the unplaced ones last."""
    units: list[tuple[int | None, list[IncomingParagraph]]] = []
    for para in paragraphs:
        if para.inserted and units:
            units[-1][1].append(para)
        else:
            units.append((placed.get(len(units)), [para]))
    units.sort(key=lambda u: (u[0] is None, u[0] or 0))
    ordered = [p for _, unit in units for p in unit]
    return ordered, {k: at for k, (at, _unit) in enumerate(units) if at is not None}


def _title(draft: Draft) -> str:
    return f"'{draft.title}'" if draft.title else "given"
