"""The merge use case: read a draft and several redlines (Word/LibreOffice files with tracked changes,
edited copies without them, text forms, our own projects), merge them, write the chosen form and the
report."""

from __future__ import annotations

import dataclasses
import gc
import json
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.amendment_inputs import one_per_paragraph, project_input, text_form_input
from app.amendment_paragraphs import amendments_as_incoming
from app.amendments import Amendment
from app.atomic import atomic_write_text, check_output_path
from app.attributed import Change, IncomingComment, IncomingParagraph, original_lines
from app.comment_placing import with_comments
from app.compilation import comparison_rows, compiled_text
from app.errors import AmendmentError, DocumentError
from app.format_placing import format_steps
from app.merge import NOT_APPLICABLE, Incoming, MergeResult, ReportLine, merge
from app.model import Draft
from app.plan import RedlinePlan
from app.project import Project, Revision, load_project
from app.proposals import Decision, plan_of
from app.recognise import Quote, quotes_of, recognise, recognise_quoted
from app.regular_files import sha256_of
from app.review import report_entries
from app.segments import Op
from app.sparse import quoted_amendments, quoted_text_form
from app.untracked import edited_copy_changes
from app.wiring.apply import TEXT_SUFFIXES, _check_form_options, _not_an_input, not_the_output, read_text_form
from docx_io.comment_reader import FileComments, read_file_comments
from docx_io.format_reader import read_format_changes
from docx_io.incoming import move_names, read_incoming
from docx_io.note_reader import incoming_notes, note_numbers
from docx_io.ns import w_attr
from docx_io.package import Package, read_package
from docx_io.paragraphs import body_of
from docx_io.reader import draft_from_package, last_modified_by, read_draft
from docx_io.redline_writer import write_redline
from docx_io.un_document import document_symbol
from docx_io.unmerged import unmerged_changes

MERGE_FORMS = ("full", "compilation", "table")
Progress = Callable[[int, int, str], None]  # done, total, what


# The source of the reviewer's own amendments when merged in with the others ("include my amendments").
OUR_AMENDMENTS = "our amendments"

@dataclass(frozen=True)
class InputSpec:
    """One redline to merge and, optionally, the author to credit all its changes to."""

    path: Path
    author: str = ""


def parse_input(spec: str) -> InputSpec:
    """ "FILE" or "AUTHOR=FILE" (credit every change of FILE to AUTHOR)."""
    if "=" in spec:
        author, _, path = spec.partition("=")
        if Path(path).exists() and author.strip():
            return InputSpec(Path(path), author.strip())
    return InputSpec(Path(spec))


def read_input(draft: Draft, spec: InputSpec, messages: list[str], base: Draft | None = None,
               earlier: Sequence[tuple[str, Draft]] = ()) -> Incoming:
    """One incoming redline as attributed paragraphs; notes what was assumed in `messages`. `base`: the
    revision it was made on (its changes are then carried three-way from there); without one, an input made on
    one of the `earlier` revisions (name, draft) a project holds is recognised by its text and carried from it."""
    path = spec.path
    if not path.is_file():
        raise DocumentError(f"{path}: no such file; check the name")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _read_docx(draft, read_package(path), spec, messages, base, earlier)
    if suffix in TEXT_SUFFIXES:
        text, who = read_text_form(path, messages), spec.author or path.stem
        found = None if base is not None else recognised(
            path.name, quotes_of(quoted_text_form(text, who).paragraphs), draft, earlier, messages)
        return on_base(text_form_input(draft, path.name, text, who, found[1] if found else base), found)
    if suffix == ".json":
        project = load_project(path)
        messages += project.notices
        base = base or project_base(project, path)
        found = None if base is not None else recognised(
            path.name, quotes_of(quoted_amendments(project.amendments, spec.author).paragraphs), draft, earlier,
            messages)
        return on_base(project_input(draft, path.name, project, spec.author, found[1] if found else base), found)
    raise DocumentError(f"{path}: cannot merge a '{suffix}' file; give a .docx, a text form (.md) or a project (.json)")


def recognised(name: str, quotes: Sequence[Quote], draft: Draft, earlier: Sequence[tuple[str, Draft]],
               messages: list[str]) -> tuple[str, Draft] | None:
    """The earlier revision (name, draft) an input quoting `quotes` was made on, said in `messages`; None
    when none is recognised (the input is then placed on the draft by label and text)."""
    found = recognise_quoted(quotes, draft, earlier) if earlier else None
    if found is not None:
        messages.append(f"{name}: made on {found[0]} (recognised); carried from it onto the draft")
    return found


def on_base(incoming: Incoming, found: tuple[str, Draft] | None) -> Incoming:
    """The input, named in the report as made on the revision `found` (recognised) when there is one."""
    if found is not None:
        incoming.base_name, incoming.recognised = found[0], True
    return incoming


def _read_docx(draft: Draft, pkg: Package, spec: InputSpec, messages: list[str], base: Draft | None,
               earlier: Sequence[tuple[str, Draft]] = ()) -> Incoming:
    name = spec.path.name
    paragraphs = read_incoming(pkg)
    unread: Counter[str] = Counter()
    for anchor, formats in read_format_changes(pkg, unread).items():  # anchors are block-paragraph ordinals in both
        if anchor < len(paragraphs) and paragraphs[anchor].anchor == anchor:
            paragraphs[anchor].formats = formats
    comments = read_file_comments(pkg)
    if spec.author:  # AUTHOR=FILE credits the file's comments to AUTHOR as well as its changes
        comments = FileComments({a: [_comment_by(c, spec.author) for c in cs] for a, cs in comments.by_anchor.items()},
                                [_comment_by(c, spec.author) for c in comments.unplaced])
    if base is None and earlier:
        tracked = any(p.changed for p in paragraphs)
        lines = original_lines(paragraphs) if tracked else [p.text for p in draft_from_package(pkg).paragraphs]
        found = recognise(lines, draft, earlier)
        if found is not None:
            base = found[1]
            messages.append(f"{name}: made on {found[0]} (recognised); carried from it onto the draft")
    else:
        found = None
    notes = incoming_notes(pkg)
    if any(p.changed or p.formats for p in paragraphs) or unread or notes:
        if spec.author:
            paragraphs = [_credited_to(p, spec.author) for p in paragraphs]
        label_as_shown(paragraphs, draft_from_package(pkg))
        for para in paragraphs:
            para.comments = comments.by_anchor.get(para.anchor, [])
        for key, note in notes.items():
            if spec.author:
                notes[key] = note = [_credited_to(p, spec.author) for p in note]
            for para in note:  # no label read from a note's text: its paragraphs are placed by their text
                para.labelled = True
        left_out = _left_out(name, pkg, spec.author) + _textless_moves(name, pkg, paragraphs, spec.author) + [
            ReportLine(name, spec.author or who, None, "formatting", NOT_APPLICABLE,
                       f"{n} formatting change(s) in the body on inserted text, a paragraph mark or a text box are "
                       "not merged on their own; carry them over by hand") for who, n in sorted(unread.items())]
        return on_base(Incoming(name, paragraphs, left_out, base=base,
                                unplaced_comments=comments.unplaced, notes=notes,
                                note_numbers=note_numbers(pkg) if notes else {}), found)
    who = spec.author or last_modified_by(pkg) or spec.path.stem
    against = "the base revision" if base is not None else "the draft"
    said = f"; its {len(comments)} comment(s) are kept" if len(comments) else ""
    messages.append(f"{name}: no tracked changes; compared with {against} and credited to {who}{said}")
    copy = draft_from_package(pkg)
    changes = edited_copy_changes(base or draft, copy, who)
    lost = _comments_on_copy(changes, {p.anchor: p.text for p in copy.paragraphs}, comments)
    return on_base(Incoming(name, changes, base=base, unplaced_comments=comments.unplaced + lost), found)


def _comment_by(c: IncomingComment, author: str) -> IncomingComment:
    return IncomingComment(c.id, author, c.text, c.date, c.anchored, c.start, c.end, c.parent, c.resolved)


def _comments_on_copy(paragraphs: list[IncomingParagraph], texts: dict[int, str],
                      comments: FileComments) -> list[IncomingComment]:
    """Put an edited copy's comments on the paragraphs read from it (found by their text, offsets moved into each
    one's original text); returns those whose paragraph is not among them."""
    lost: list[IncomingComment] = []
    for anchor, found in comments.by_anchor.items():
        text = texts.get(anchor)
        para = next((p for p in paragraphs if text is not None and p.proposed == text), None)
        if para is None:
            lost += found
            continue
        original = para.original
        for c in found:
            words = (text or "")[c.start:c.end]
            at = original.find(words) if words else -1
            start, end = (at, at + len(words)) if at >= 0 else (0, len(original))
            para.comments.append(IncomingComment(c.id, c.author, c.text, c.date, c.anchored, start, end, c.parent,
                                                 c.resolved))
    return lost


def earlier_revisions(revisions: Sequence[Revision], where: Path, draft_sha256: str,
                      notes: list[str] | None = None) -> list[tuple[str, Draft]]:
    """The revisions of a project's history (name, draft) other than the current draft, read from their files
    (beside `where`, the project's folder, or as written) when these still have the sha256 recorded. One line
    in `notes` for each revision left out (its file missing or changed): inputs made on it are not recognised."""
    out: list[tuple[str, Draft]] = []
    for revision in revisions:
        if revision.sha256 == draft_sha256:
            continue
        candidates = [c for c in (where / revision.path, Path(revision.path)) if c.is_file()]
        same = next((c for c in candidates if file_sha256(c) == revision.sha256), None)
        if same is not None:
            draft = read_draft(same)
            out.append((revision.title or draft.title or same.name, draft))
        elif notes is not None:
            name = revision.title or Path(revision.path).name
            why = (f"{candidates[0]} has changed since the project recorded it (sha256 differs)" if candidates
                   else f"its file {revision.path} is not found")
            notes.append(f"revision {name}: {why}; inputs made on it are not recognised")
    return out


def project_revisions(project: Path | None, draft: Draft, notes: list[str]) -> list[tuple[str, Draft]]:
    """The earlier revisions (name, draft) the project file at `project` holds, for `--project`; none without
    one. What cannot be used is said in `notes`, prefixed with the project's name."""
    if project is None:
        return []
    said: list[str] = []
    earlier = earlier_revisions(load_project(project).revisions, project.parent, draft.sha256, said)
    notes += [f"{project.name}: {line}" for line in said]
    return earlier


def project_base(project: Project, path: Path) -> Draft | None:
    """The revision a project's amendments were made on, when its file is where the project says (beside
    the project file or as written) and still has the sha256 the project recorded; else None."""
    for where, sha in ((project.base_path, project.base_sha256), (project.draft_path, project.draft_sha256)):
        if not where or not sha:
            continue
        for candidate in (path.parent / where, Path(where)):
            if candidate.is_file() and file_sha256(candidate) == sha:
                return read_draft(candidate)
    return None


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, as project files record it."""
    return sha256_of(path, ".docx file", DocumentError)


def label_as_shown(paragraphs: list[IncomingParagraph], shown: Draft) -> None:
    """Give incoming paragraphs the labels the reader gives the same file (`show`, the editor), by anchor,
    so one labelling code path numbers every reader's paragraphs. A paragraph the reader does not list (struck
    whole, gone once accepted) keeps its label read from its text."""
    by_anchor = {p.anchor: p for p in shown.paragraphs}
    for para in paragraphs:
        read = by_anchor.get(para.anchor)
        if read is None:
            continue
        para.label, para.kind, para.labelled = read.label, read.kind, True
        para.body_start = read.body_start if para.original.startswith(read.prefix) else 0


def _left_out(name: str, pkg: Package, author: str) -> list[ReportLine]:
    """Report lines for the tracked changes a merge does not carry (notes, headers, footers, formatting)."""
    lines = []
    for u in unmerged_changes(pkg):
        what = f"{u.count} formatting change(s)" if u.sort == "formatting" else f"{u.count} tracked change(s)"
        lines.append(ReportLine(name, author or u.author, None, u.sort, NOT_APPLICABLE,
                                f"{what} in the {u.where} are not merged; carry them over by hand"))
    return lines


def _textless_moves(name: str, pkg: Package, paragraphs: list[IncomingParagraph], author: str) -> list[ReportLine]:
    """A report line for each move of the file that left no text to merge (its moved words were themselves
    inserted and deleted inside it), so that no move goes unmentioned."""
    body = body_of(pkg.xml(pkg.main_part))
    named = {} if body is None else move_names(body)
    read = {c.move for p in paragraphs for c in p.changes if c.move}
    lines = []
    for move in sorted(set(named.values()) - read):
        who = next((w_attr(el, "author") or "" for el, n in named.items() if n == move), "")
        lines.append(ReportLine(name, author or who, None, "move", NOT_APPLICABLE,
                                f"the move {move!r} carries no text once its own insertions and deletions are "
                                "read; nothing to merge"))
    return lines


def _credited_to(para: IncomingParagraph, author: str) -> IncomingParagraph:
    # One author for the whole file: words struck in an insertion are that author's own undoing, gone.
    changes = [Change(c.op, c.text, author if c.op is not Op.EQUAL else "", c.date, move=c.move)
               for c in para.changes if not c.struck_by]
    return IncomingParagraph(para.anchor, changes, para.inserted, para.deleted, para.in_table, para.mark_inserted,
                             para.mark_deleted, para.rationale, author if para.mark_author else "",
                             comments=para.comments,
                             formats=[dataclasses.replace(f, author=author) for f in para.formats])


def merge_inputs(draft: Draft, specs: list[InputSpec], date: datetime, *, ours: list[Amendment] | None = None,
                 progress: Progress | None = None, base: Draft | None = None,
                 earlier: Sequence[tuple[str, Draft]] = ()) -> tuple[MergeResult, list[str]]:
    """Read every input and merge them (with our own amendments, if any) into proposals on the draft;
    `base`: the revision the inputs were made on; `earlier`: the (name, draft) revisions a project went
    through, among which an input's base is recognised when `base` is not given."""
    with _collector_paused():
        return _merge_inputs(draft, specs, date, ours, progress, base, earlier)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hundreds of thousands of paragraphs are read and kept: a cyclic collection after every few
    thousand would rescan them all (a third of a big merge's time). Nothing read here forms cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _merge_inputs(draft: Draft, specs: list[InputSpec], date: datetime, ours: list[Amendment] | None,
                  progress: Progress | None, base: Draft | None,
                  earlier: Sequence[tuple[str, Draft]]) -> tuple[MergeResult, list[str]]:
    messages: list[str] = []
    incoming: list[Incoming] = []
    if ours:
        mine, doubled = one_per_paragraph(OUR_AMENDMENTS, ours, "")
        incoming.append(Incoming(OUR_AMENDMENTS, amendments_as_incoming(draft, mine), doubled))
    for n, spec in enumerate(specs):
        if progress is not None:
            progress(n, len(specs) + 1, f"reading {spec.path.name}")
        incoming.append(read_input(draft, spec, messages, base, earlier))
    if progress is not None:
        progress(len(specs), len(specs) + 1, "merging")
    result = merge(draft, incoming, date)
    if progress is not None:
        progress(len(specs) + 1, len(specs) + 1, "done")
    return result, messages


def write_merged(pkg: Package, result: MergeResult, out: Path, *, form: str, agreed_ad_ref: bool = False,
                 title: str = "", compiler: str = "Redline Desk") -> list[str]:
    """Write one form of the merge; returns notices for the user.

    full: every proposal not rejected as tracked changes under its authors; compilation: UN bracketed
    text; table: current text | proposals; clean: the draft with the accepted proposals applied.
    """
    check_output_path(out)
    if form not in (*MERGE_FORMS, "clean"):
        raise AmendmentError(f"unknown merge form '{form}'; use one of {', '.join(MERGE_FORMS)} or clean")
    _check_form_options(out, form, "tracked")
    draft = result.draft
    if form == "full":
        plan = plan_of(draft, result.proposals, result.date, compiler=compiler)
        written = [p for p in result.proposals if p.decision is not Decision.REJECTED]
        plan.formats += format_steps(draft, result.formats, result.proposals, result.date)
        return write_redline(pkg, with_comments(plan, draft, result.comments, written, result.date), out,
                             notes=note_plans(result))
    if form == "clean":
        accepted = plan_of(draft, result.proposals, result.date, decisions=frozenset({Decision.ACCEPTED}))
        return write_redline(pkg, accepted, out, tracked=False)
    from docx_io.compilation_writer import write_compilation, write_table

    symbol = document_symbol(draft.title)
    what = symbol or draft.title or "the draft"
    if form == "compilation":
        write_compilation(compiled_text(draft, result.proposals, agreed_ad_ref=agreed_ad_ref,
                                        comments=result.comments), out, symbol=symbol,
                          title=title or f"Compilation of proposals on {what}", date=result.date, legend=_LEGEND)
    else:
        write_table(comparison_rows(draft, result.proposals, result.comments), out, symbol=symbol,
                    title=title or f"Proposals on {what}", date=result.date)
    return []


_LEGEND = ("Proposed wording in bold, followed by the proposing delegations in italics; "
           "alternatives separated by \" / \"; text in square brackets is not agreed.")


def note_plans(result: MergeResult) -> dict[tuple[str, str], RedlinePlan]:
    """The full form's plan for each changed note, by (kind, w:id): its proposals not rejected."""
    return {(story.kind, story.id): plan_of(story.draft, merged.proposals, result.date)
            for story, merged in result.notes}


def write_report(result: MergeResult, report: Path, ids: Mapping[str, str] | None = None) -> None:
    """The report as JSON: one entry per author per change (id, file, author, paragraph, kind, status, reason,
    change, decision); `ids`: the proposals' stable ids when they were given by a review (app.review.Review.ids)."""
    check_output_path(report)
    atomic_write_text(report, json.dumps(report_entries(result, ids), ensure_ascii=False, indent=1) + "\n")


def merge_files(draft_path: Path, inputs: list[str], out: Path, *, form: str, date: datetime,
                report: Path | None = None, agreed_ad_ref: bool = False,
                title: str = "", base: Path | None = None,
                project: Path | None = None, progress: Progress | None = None) -> tuple[MergeResult, list[str]]:
    """Merge the inputs into the draft and write `form`; returns the result and messages. `base`: the
    revision the inputs were made on (each change is then carried three-way from it); `project`: a project
    whose revision history holds the revisions an input may have been made on (recognised by its text);
    `progress` (done, total, what) hears of each step: reading the draft and each input, merging, writing."""
    check_output_path(out)
    if form not in MERGE_FORMS:
        raise AmendmentError(f"unknown merge form '{form}'; use one of {', '.join(MERGE_FORMS)}")
    _check_form_options(out, form, "tracked")
    if agreed_ad_ref and form != "compilation":
        raise AmendmentError("--agreed-ad-ref applies to --form compilation only")
    if not inputs:
        raise AmendmentError("name at least one redline to merge")
    specs = [parse_input(s) for s in inputs]
    bases = [] if base is None else [base]
    bases += [] if project is None else [project]  # read like the base: never written over
    _not_an_input(out, draft_path, *bases, *(s.path for s in specs))
    if report is not None:
        check_output_path(report)
        _not_an_input(report, draft_path, out, *bases, *(s.path for s in specs))
        not_the_output(report, out)
    if progress is not None:
        progress(0, len(specs) + 1, f"reading {draft_path.name}")
    pkg = read_package(draft_path)
    draft = draft_from_package(pkg)
    notes: list[str] = []
    earlier = project_revisions(project, draft, notes)
    result, messages = merge_inputs(draft, specs, date, base=None if base is None else read_draft(base),
                                    earlier=earlier, progress=progress)
    messages = draft.notices + notes + messages
    if progress is not None:
        progress(len(specs), len(specs) + 1, f"writing {out.name}")
    messages += write_merged(pkg, result, out, form=form, agreed_ad_ref=agreed_ad_ref, title=title)
    if report is not None:
        try:
            write_report(result, report)
        except KeyboardInterrupt:  # Ctrl+C: "no output was written" must hold, the merge goes with its report
            out.unlink(missing_ok=True)
            raise
    return result, messages
