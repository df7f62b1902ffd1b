"""The apply and compare use cases: read inputs, build the plan, write the chosen form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.amendments import Amendment, Status
from app.atomic import atomic_write_text, check_output_path
from app.compare import compare
from app.errors import AmendmentError, DiagnosedError, DocumentError
from app.model import Draft
from app.note_compare import compare_notes
from app.note_labels import by_note
from app.plan import Attribution
from app.planning import active, check_on_draft, in_document_order, plan_amendments
from app.project import load_project, reanchor
from app.rationale_comments import RATIONALE_PLACES, with_rationales
from app.regular_files import check_regular
from app.textform import Severity, format_text_form, import_text_form
from app.tokenize import Granularity
from app.values import dropped_notice, xml_text
from docx_io.package import Package, read_package
from docx_io.reader import draft_from_package
from docx_io.redline_writer import write_redline

if TYPE_CHECKING:
    from app.wiring.carrying import Carried

TEXT_SUFFIXES = (".md", ".txt", ".markdown")
FORMS = ("full", "amendments", "clean", "markdown")
STATUSES = ("any", "final")  # `apply --status`: every amendment not withdrawn, or the final ones only


def load_amendments(
    draft: Draft, source: Path, author: str, organisation: str, keep_going: bool
) -> tuple[list[Amendment], list[str]]:
    """Amendments from a text form (.md/.txt) or a project (.json), placed on the draft.

    Returns them with the messages for the user; AmendmentError when something could not be
    placed and keep_going is off.
    """
    suffix = source.suffix.lower()
    messages: list[str] = []
    errors: list[str] = []
    if suffix in TEXT_SUFFIXES:
        imported = import_text_form(draft, read_text_form(source, messages), author=author,
                                    organisation=organisation)
        for diag in imported.diagnostics:
            line = f"{source.name}: {diag}"
            (errors if diag.severity is Severity.ERROR else messages).append(line)
        amendments = imported.amendments
    elif suffix == ".json":
        project = load_project(source)
        messages += project.notices
        placements = reanchor(project, draft)
        for placement in placements:
            if placement.new_label is None:
                errors.append(f"{source.name}: amendment to para {placement.old_label} not placed: {placement.how}")
            elif placement.how != "same text":
                messages.append(f"{source.name}: para {placement.old_label} -> {placement.new_label} ({placement.how})")
        placed = {p.amendment.id for p in placements if p.new_label is not None}
        amendments = [a for a in project.amendments if a.id in placed]
        for a in amendments:
            a.author = a.author or author
            a.organisation = a.organisation or organisation
    else:
        raise DocumentError(f"{source}: amendments must be a text form (.md, .txt) or a project (.json)")
    if errors and not keep_going:
        raise DiagnosedError(
            f"{len(errors)} problem(s) in {source.name} (listed above); nothing was written. "
            "Fix the text, or pass --keep-going to write the rest",
            errors,
        )
    if not amendments:
        raise AmendmentError(f"{source}: no amendments found; label each paragraph like '66. text'")
    return amendments, errors + messages


MAX_TEXT_FORM_BYTES = 64 * 1024 * 1024  # as a project file: a text form is typed, never this long


def read_text_form(source: Path, notes: list[str] | None = None) -> str:
    """The text of a text form file; DocumentError when it is missing, not a regular file or not UTF-8.
    What a Word document cannot hold (control characters, lone surrogates) is left out, and said in `notes`."""
    check_regular(source, "text form", DocumentError, MAX_TEXT_FORM_BYTES)
    if not source.is_file():
        raise DocumentError(f"{source}: no such file")
    try:
        raw = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentError(f"{source}: cannot be read as UTF-8 text ({exc})") from None
    text, dropped = xml_text(raw)
    if dropped and notes is not None:
        notes.append(dropped_notice(dropped, source.name))
    return text


def apply_amendments(
    draft_path: Path, source: Path, out: Path, *, form: str, author: str, organisation: str, date: datetime,
    markup: str = "tracked", title: str = "", keep_going: bool = False, base: Path | None = None,
    report: Path | None = None, status: str = "any", project: Path | None = None, rationale: str = "paragraph",
    line_numbers: bool = False,
) -> list[str]:
    """Write `form` of the draft with the amendments; returns messages for the user. `base`: the revision
    they were made on (each is then carried three-way to the draft, as merge does); `project`: a project whose
    revision history holds the revision they may have been made on (recognised by their quotes, without
    `base`); `report`: where to write each change's fate as JSON (merge's report format); `status` "final":
    the final amendments only (withdrawn ones are never written)."""
    bases = [*([] if base is None else [base]), *([] if project is None else [project])]
    check_output_path(out)
    _not_an_input(out, draft_path, source, *bases)
    if report is not None:
        check_output_path(report)
        _not_an_input(report, draft_path, source, out, *bases)
        not_the_output(report, out)
    _check_form_options(out, form, markup)
    if line_numbers and form != "amendments":
        raise AmendmentError("--line-numbers applies to --form amendments only")
    if status not in STATUSES:
        raise AmendmentError(f"unknown --status '{status}'; use one of {', '.join(STATUSES)}")
    pkg = read_package(draft_path)
    draft = draft_from_package(pkg)
    from app.wiring.carrying import (  # reads inputs as merge does (app.wiring.merging imports us)
        as_applied,
        carried,
        summary,
    )
    from app.wiring.merging import project_revisions

    notes: list[str] = []
    earlier = project_revisions(project, draft, notes)
    carry = carried(draft, source, base, author=author, organisation=organisation, date=date, earlier=earlier)
    if carry is None:
        amendments, messages, carry = _placed_or_carried(draft, source, author, organisation, keep_going, date)
    if carry is not None:
        amendments, messages = carry.amendments, carry.messages
        if not active(amendments):
            raise DiagnosedError(
                f"{source.name}: none of its changes applies to {draft_path.name} "
                f"({summary(carry.result, None).split(';')[0]}); nothing was written",
                [f"para {line.old_label} -> {line.paragraph or '?'}: {line.status}: {line.reason}"
                 for line in carry.result.report])
    amendments, said = by_status(amendments, status, source)
    messages = notes + messages + said
    if form == "full":
        for a in active(amendments):
            if len(a.options) > 1:
                names = ", ".join(o.name for o in a.options)
                messages.append(f"para {a.label} has options {names}; the full redline shows option {a.option.name}")
    said = write_form(pkg, draft, amendments, out, form=form, author=author, organisation=organisation, date=date,
                      markup=markup, title=title, rationale=rationale, line_numbers=line_numbers)
    result = carry.result if carry is not None else None
    if report is not None:
        from app.wiring.merging import write_report

        write_report(result or as_applied(draft, source.name, amendments, date), report)
    if result is not None:
        said.append(f"{out}: {summary(result, report)}")
    return draft.notices + messages + said


def _placed_or_carried(
    draft: Draft, source: Path, author: str, organisation: str, keep_going: bool, date: datetime
) -> tuple[list[Amendment], list[str], Carried | None]:
    """The amendments placed strictly on the draft; a text form refused because it was made on another
    revision is carried by text instead (looked at only once refused: placing by text costs more)."""
    from app.wiring.carrying import carried_by_text

    try:
        return (*load_amendments(draft, source, author, organisation, False), None)
    except DiagnosedError:
        carry = carried_by_text(draft, source, author=author, organisation=organisation, date=date)
        if carry is not None:
            return carry.amendments, carry.messages, carry
        if not keep_going:
            raise
    return (*load_amendments(draft, source, author, organisation, True), None)


def by_status(amendments: list[Amendment], status: str, source: Path) -> tuple[list[Amendment], list[str]]:
    """The amendments to export: never the withdrawn ones; with `status` "final" only the final ones.
    Returns them with a line naming what was left out."""
    left_out = [a for a in amendments if a.status is Status.WITHDRAWN
                or (status == "final" and a.status is not Status.FINAL)]
    kept = [a for a in amendments if a not in left_out]
    if amendments and not kept:
        wanted, fix = ("final", "mark them 'Status: final' (text form) or final (editor), or leave out --status") \
            if status == "final" else ("active", "mark one draft or final to export it")
        raise AmendmentError(f"{source}: none of its {len(amendments)} amendment(s) is {wanted} "
                             f"({_counts(amendments)}); nothing was written: {fix}")
    if not left_out:
        return kept, []
    paras = ", ".join(f"{a.label} ({a.status.value})" for a in left_out)
    return kept, [f"not exported: para {paras}"]


def _counts(amendments: list[Amendment]) -> str:
    counts = {s: sum(a.status is s for a in amendments) for s in Status}
    return ", ".join(f"{n} {s.value}" for s, n in counts.items() if n)


def write_form(
    pkg: Package, draft: Draft, amendments: list[Amendment], out: Path, *, form: str, author: str,
    organisation: str, date: datetime, markup: str = "tracked", title: str = "", rationale: str = "paragraph",
    line_numbers: bool = False,
) -> list[str]:
    """Write one output form of the draft with its amendments (full, amendments, clean, markdown);
    returns notices for the user. `rationale`: "paragraph" (the amendments form's "Rationale:" line; the full
    form writes none), "comment" (a Word comment by the amendment's author on its change, full and amendments
    forms) or "none"; `line_numbers`: the amendments form numbers its lines, restarting on each page."""
    check_output_path(out)
    if rationale not in RATIONALE_PLACES:
        raise AmendmentError(f"unknown --rationale '{rationale}'; use one of {', '.join(RATIONALE_PLACES)}")
    if form not in FORMS:
        raise AmendmentError(f"unknown output form '{form}'; use one of {', '.join(FORMS)}")
    if not active(amendments):
        raise AmendmentError("there are no amendments to export; amend a paragraph first")
    amendments, to_notes = by_note(draft, amendments)  # "66 fn1": amendments to a footnote or an endnote
    check_on_draft(draft, amendments)  # every form, not only the full one (issue 15)
    for note, theirs in to_notes:
        check_on_draft(note.draft, theirs)
    default_author = organisation or author or "Redline Desk"
    ordered = in_document_order(draft, active(amendments)) + [a for _, theirs in to_notes for a in active(theirs)]
    if form == "markdown":
        atomic_write_text(out, format_text_form(ordered, title))
    elif form == "amendments":
        from docx_io.submission_writer import write_submission

        if not active(amendments):
            raise AmendmentError("the amendments form lists amendments to the body; those to notes are written by "
                                 "the full and clean forms")
        write_submission(
            draft, in_document_order(draft, active(amendments)), out, title=title, author=author,
            organisation=organisation, date=date, tracked=(markup == "tracked"), rationale=rationale,
            line_numbers=line_numbers,
        )
        if to_notes:
            names = ", ".join(n.name for n, _ in to_notes)
            return [f"the amendments form lists amendments to the body; those to {names} are left out (the full "
                    "and clean forms write them)"]
    else:
        plan = plan_amendments(draft, amendments, default_author, date)
        notes = {(n.kind, n.id): plan_amendments(n.draft, theirs, default_author, date) for n, theirs in to_notes}
        if rationale == "comment" and form == "full":
            plan = with_rationales(plan, draft, amendments, default_author, date)
            notes = {(n.kind, n.id): with_rationales(notes[(n.kind, n.id)], n.draft, theirs, default_author, date)
                     for n, theirs in to_notes}
        return write_redline(pkg, plan, out, tracked=(form == "full"), notes=notes)
    return []


def _not_an_input(out: Path, *inputs: Path) -> None:
    """Never write over an input: the draft must stay as it was received."""
    for given in inputs:
        if out.exists() and given.exists() and out.resolve() == given.resolve():
            raise AmendmentError(f"{out}: is an input file; write the output under another name")


def not_the_output(report: Path, out: Path | None) -> None:
    """Refuse a --report that names the output (which need not exist yet: one would overwrite the other)."""
    if out is not None and report.resolve() == out.resolve():
        raise AmendmentError(f"{report}: is also the output (-o); write the report under another name")


def _check_form_options(out: Path, form: str, markup: str) -> None:
    wanted = ".md" if form == "markdown" else ".docx"
    if out.suffix.lower() not in ((".md", ".txt", ".markdown") if form == "markdown" else (".docx",)):
        raise AmendmentError(f"{out}: the {form} form is written as {wanted}; name the output '*{wanted}'")
    if markup != "tracked" and form != "amendments":
        raise AmendmentError(f"--markup {markup} applies to --form amendments only")


def compare_files(old: Path, new: Path, out: Path, author: str, date: datetime, granularity: str = "phrase", *,
                  progress: Callable[[int, int, str], None] | None = None) -> str:
    """Write the differences between two drafts as revisions on the old one; returns a summary. `progress`
    (done, total, what) hears of each step: reading each draft, comparing, writing."""
    check_output_path(out)
    _not_an_input(out, old, new)
    _check_form_options(out, "full", "tracked")
    if not author.strip():
        raise AmendmentError("--author is empty; name who the revisions are attributed to")

    def step(done: int, what: str) -> None:
        if progress is not None:
            progress(done, 4, what)

    step(0, f"reading {old.name}")
    old_pkg: Package = read_package(old)
    old_draft = draft_from_package(old_pkg)
    step(1, f"reading {new.name}")
    new_pkg: Package = read_package(new)
    new_draft = draft_from_package(new_pkg)
    by = Attribution(author, date)
    step(2, "comparing")
    result = compare(old_draft, new_draft, by, Granularity(granularity))
    notes, said = compare_notes(old_draft, new_draft, by, Granularity(granularity))
    step(3, f"writing {out.name}")
    notices = said + write_redline(old_pkg, result.plan, out, source=new_pkg, notes=notes)
    formatting = f", {result.formatted} in formatting only" if result.formatted else ""
    in_notes = f"; {len(notes)} note(s) changed" if notes else ""
    summary = (f"{out}: {result.modified} paragraphs changed ({result.renumbered} renumbered{formatting}), "
               f"{result.inserted} inserted, {result.deleted} deleted{in_notes}")
    return "\n".join([*notices, summary])
