"""An editing session: one draft, the amendments composed on it, the merge under review (if any),
and where they are saved.

The desktop editor drives a Session; it holds no Qt and no XML. Every change goes through a
method here, so the GUI's undo stack can snapshot and restore the amendments around it.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.amendments import Amendment, Kind, Option, Status, delete, insert_after
from app.errors import AmendmentError, DocumentError, ProjectError
from app.labels import next_inserted_label
from app.model import Draft, Paragraph
from app.note_labels import find_note, is_note_address
from app.project import Placement, Project, Revision, load_project, reanchor, save_project
from app.regular_files import OUTSIDE, outside_note, sha256_of
from app.segments import Op, Segment, is_unchanged, normalize, original_text
from docx_io.package import Package, read_package
from docx_io.reader import draft_from_package

if TYPE_CHECKING:  # loaded where used: opening a draft needs none of the merge, revision or text-form machinery
    from app.review import Review
    from app.revision import RevisionLine
    from app.textform import Diagnostic


@dataclass
class Snapshot:
    """What undo puts back: the amendments, and the draft they are on (a new revision is undoable too).

    The draft and its package are shared, not copied: the session replaces them, never changes them."""

    amendments: list[Amendment]
    draft_path: Path
    pkg: Package = field(compare=False)
    draft: Draft = field(compare=False)
    draft_sha256: str
    revisions: list[Revision]


class Session:
    """A draft under amendment."""

    def __init__(self, draft_path: Path, pkg: Package, draft: Draft) -> None:
        self.draft_path = draft_path
        self.pkg = pkg
        self.draft = draft
        self.amendments: list[Amendment] = []
        self.project_path: Path | None = None
        self.author = ""
        self.organisation = ""
        self.dirty = False
        self.review: Review | None = None  # the merge under review, saved with the project
        self.review_notes: list[str] = []  # what reopening the review noticed (inputs changed, proposals lost)
        self.open_notes: list[str] = []  # what opening the project noticed (a draft outside its folder, text cleaned)
        self.revisions: list[Revision] = []  # the revisions of the draft the project went through, oldest first

    # --- opening -------------------------------------------------------------

    @classmethod
    def open_draft(cls, path: Path) -> Session:
        """A new session on a .docx draft (DocumentError when it cannot be read)."""
        pkg = read_package(path)
        draft = draft_from_package(pkg)
        draft.sha256 = sha256_of(path, ".docx file", DocumentError)
        return cls(path, pkg, draft)

    @classmethod
    def open_project(cls, path: Path) -> tuple[Session, list[Placement]]:
        """A session from a project file; its amendments re-anchored on the draft as it is now."""
        project = load_project(path)
        draft_path = _resolve(path, project.draft_path)
        if not draft_path.exists():
            raise ProjectError(f"{path}: its draft '{project.draft_path}' is not there; put it back or open it again")
        outside = outside_note(draft_path, path.parent, "its draft")
        session = cls.open_draft(draft_path)
        session.open_notes += [*([outside] if outside else []), *project.notices]
        placements = reanchor(project, session.draft)
        placed = {p.amendment.id for p in placements if p.new_label is not None}
        session.amendments = [a for a in project.amendments if a.id in placed]
        session.author, session.organisation = project.author, project.organisation
        session.revisions = [replace(r, path=str(_resolve(path, r.path).resolve())) for r in project.revisions]
        session.project_path = path
        session.dirty = any(p.how != "same text" for p in placements)
        if project.review is not None:
            from app.review_file import restore_review  # the merge machinery loads only with a review

            session.review, notes = restore_review(project.review, session.draft, path.parent)
            session.open_notes += [n for n in notes if OUTSIDE in n]  # where the inputs are: not about the review
            session.review_notes += [n for n in notes if OUTSIDE not in n]
        return session, placements

    # --- reading -------------------------------------------------------------

    def amendment_for(self, label: str) -> Amendment | None:
        """The amendment shown under a label (an insertion under its new label)."""
        for a in self.amendments:
            if a.label == label and a.status is not Status.WITHDRAWN:
                return a
        return None

    def segments_for(self, label: str) -> list[Segment]:
        """The segments of a paragraph's body: its amendment's chosen option, or the text unchanged."""
        amendment = self.amendment_for(label)
        if amendment is not None and amendment.kind is not Kind.INSERT:
            return list(amendment.option.segments)
        return [Segment(Op.EQUAL, self.paragraph(label).body)]

    def paragraph(self, label: str) -> Paragraph:
        """The draft's paragraph of a label, or the (first) paragraph of the note an address names ("66 fn1",
        "endnote 3"): a note is amended like a paragraph, under the note's name. LabelError when neither."""
        if not self.draft.has_label(label) and is_note_address(label):
            story = find_note(self.draft, label)
            if story is not None and story.draft.paragraphs:
                return story.draft.paragraphs[0]
        return self.draft.by_label(label)

    def amended_labels(self) -> set[str]:
        """Labels of paragraphs that carry an amendment (inserted paragraphs under their own label)."""
        return {a.label for a in self.amendments if a.status is not Status.WITHDRAWN}

    def inserted_after(self, label: str) -> list[Amendment]:
        """New paragraphs placed after a paragraph, in label order."""
        return [a for a in self.amendments if a.kind is Kind.INSERT and a.target == label
                and a.status is not Status.WITHDRAWN]

    # --- changing ------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """A copy of the amendments (and the draft they are on), for undo."""
        return Snapshot(copy.deepcopy(self.amendments), self.draft_path, self.pkg, self.draft, self.draft.sha256,
                        list(self.revisions))

    def restore(self, snapshot: Snapshot) -> None:
        """Put the amendments (and the draft they are on) back as they were in a snapshot."""
        self.amendments = copy.deepcopy(snapshot.amendments)
        self.draft_path, self.pkg, self.draft = snapshot.draft_path, snapshot.pkg, snapshot.draft
        self.revisions = list(snapshot.revisions)
        self.dirty = True

    # --- a new revision of the draft -------------------------------------------

    def new_revision(self, path: Path) -> list[RevisionLine]:
        """Move the project onto a new revision of its draft: every amendment carried three-way from the draft
        open now (the revision they were made on), relabelled in the new numbering; a line per amendment
        (carried, moved, already in the draft, overtaken). The revision history grows by one."""
        if self.review is not None:
            raise ProjectError("a merge is under review on this draft; close the review, then open the new revision")
        new = Session.open_draft(path)
        if new.draft.sha256 == self.draft.sha256:
            raise ProjectError(f"{path}: this is the draft already open; choose the new revision's file")
        from app.revision import onto_revision

        moved = onto_revision(self.draft, new.draft, self.amendments)
        taken_up = datetime.now(UTC).replace(microsecond=0)
        if not self.revisions:  # the revision the project started on
            self.revisions.append(self._revision(self.draft_path, self.draft, None))
        self.revisions.append(self._revision(path, new.draft, taken_up))
        self.draft_path, self.pkg, self.draft = path, new.pkg, new.draft
        self.amendments = moved.amendments
        self.dirty = True
        return moved.lines

    @staticmethod
    def _revision(path: Path, draft: Draft, taken_up: datetime | None) -> Revision:
        return Revision(str(path.resolve()), draft.sha256, draft.title, taken_up)  # absolute while open

    def set_segments(self, label: str, segments: list[Segment], option: int | None = None) -> Amendment | None:
        """Make a paragraph read as `segments` (on its body); no change removes its amendment."""
        para = self.paragraph(label)
        if original_text(segments) != para.body:
            raise AmendmentError(f"para {label}: the edit does not match the paragraph's text")
        segments = normalize(segments)
        amendment = self.amendment_for(label)
        if amendment is not None and amendment.kind is Kind.INSERT:
            raise AmendmentError(f"para {label} is a new paragraph; edit its text instead")
        self.dirty = True
        if amendment is None:
            if is_unchanged(segments):
                return None
            amendment = Amendment(Kind.MODIFY, para.label or label, [Option("A", segments)], para.body,
                                  author=self.author, organisation=self.organisation)
            self.amendments.append(amendment)
            return amendment
        index = amendment.chosen if option is None else option
        amendment.options[index] = Option(amendment.options[index].name, segments)
        amendment.kind = Kind.DELETE if all(s.op is Op.DELETE for s in segments) else Kind.MODIFY
        if is_unchanged(segments) and len(amendment.options) == 1:
            self.amendments.remove(amendment)
            return None
        return amendment

    def set_new_text(self, label: str, text: str) -> None:
        """Change the text of a new (bis/ter) paragraph."""
        amendment = self.amendment_for(label)
        if amendment is None or amendment.kind is not Kind.INSERT:
            raise AmendmentError(f"para {label} is not a new paragraph")
        amendment.options[amendment.chosen] = Option(amendment.option.name, [Segment(Op.INSERT, text)])
        self.dirty = True

    def new_label_after(self, label: str) -> str:
        """The label `insert_after(label, …)` will give ("88 bis", then "88 ter"…), for the GUI to show first."""
        base = self._insert_base(label)
        para = self.draft.by_label(base)
        return next_inserted_label(para.label or base, set(self.draft.labels) | {a.label for a in self.amendments})

    def _insert_base(self, label: str) -> str:
        """The draft paragraph new paragraphs after `label` follow (a new paragraph's own anchor)."""
        new = self.amendment_for(label)
        return new.target if new is not None and new.kind is Kind.INSERT else label

    def insert_after(self, label: str, text: str) -> Amendment:
        """A new paragraph after `label` (or after the new paragraphs already there): "N bis", "N ter"…"""
        base = self._insert_base(label)
        taken = {a.label for a in self.amendments}
        amendment = insert_after(self.draft, base, text, taken=taken,
                                 author=self.author, organisation=self.organisation)
        self.amendments.append(amendment)
        self.dirty = True
        return amendment

    def delete_paragraph(self, label: str) -> Amendment | None:
        """Strike a whole paragraph (a new paragraph is simply dropped)."""
        existing = self.amendment_for(label)
        self.dirty = True
        if existing is not None and existing.kind is Kind.INSERT:
            self.amendments.remove(existing)
            return None
        if existing is not None:
            self.amendments.remove(existing)
        amendment = delete(self.draft, label, author=self.author, organisation=self.organisation)
        self.amendments.append(amendment)
        return amendment

    def add_option(self, label: str) -> Option:
        """A further option (B, C…) for a paragraph's amendment, starting from the current wording."""
        amendment = self.amendment_for(label)
        if amendment is None:
            raise AmendmentError(f"para {label} has no amendment yet; amend it first, then add an option")
        option = amendment.add_option(amendment.option.proposed)
        amendment.chosen = len(amendment.options) - 1
        self.dirty = True
        return option

    def move_text(self, source: str, start: int, end: int, target: str, at: int) -> None:
        """Move body text [start, end) of one paragraph to offset `at` of another's body (as the IMSB
        moved the Secretariat sentence from 103 to 100): struck there, inserted here, the two halves named as
        one move (written as w:moveFrom / w:moveTo while both stay as they were made)."""
        if source == target:
            raise AmendmentError("moving text inside one paragraph: cut and type it instead")
        moved = self.draft.by_label(source).body[start:end]
        if not moved.strip():
            raise AmendmentError(f"para {source}: nothing selected to move")
        from app.moves import new_move_name
        from app.redline_edit import RedlineEdit

        src = RedlineEdit(self.draft.by_label(source).body, self.segments_for(source))
        tgt = RedlineEdit(self.draft.by_label(target).body, self.segments_for(target))
        name = new_move_name()
        src.delete_range(*_view_range(src.segments, start, end), move=name)
        tgt.type_text(_view_offset(tgt.segments, at), moved, move=name)
        self.set_segments(source, src.segments)
        self.set_segments(target, tgt.segments)

    def import_text_form(self, text: str, author: str = "", organisation: str = "") -> list[Diagnostic]:
        """Add the amendments of a text form (`66. … ~~struck~~ **inserted** …`); returns its diagnostics.
        A paragraph that already has an amendment here keeps it; the incoming one is reported and left out."""
        from app.textform import Diagnostic, Severity, import_text_form

        imported = import_text_form(self.draft, text, author=author or self.author,
                                    organisation=organisation or self.organisation)
        diagnostics = list(imported.diagnostics)
        for amendment in imported.amendments:
            if self.amendment_for(amendment.label) is not None:
                diagnostics.append(Diagnostic(Severity.WARNING, amendment.label, 0,
                                              "already amended here; the imported amendment was left out"))
                continue
            self.amendments.append(amendment)
            self.dirty = True
        return diagnostics

    def choose_option(self, amendment_id: str, index: int) -> None:
        """Show option `index` of an amendment in the full redline."""
        amendment = self._by_id(amendment_id)
        if not 0 <= index < len(amendment.options):
            raise AmendmentError(f"amendment {amendment_id} has no option {index + 1}")
        amendment.chosen = index
        self.dirty = True

    def set_rationale(self, amendment_id: str, text: str) -> None:
        """The rationale of an amendment."""
        self._by_id(amendment_id).rationale = text
        self.dirty = True

    def set_status(self, amendment_id: str, status: Status) -> None:
        """Move an amendment along draft -> final -> withdrawn."""
        self._by_id(amendment_id).status = status
        self.dirty = True

    def remove(self, amendment_id: str) -> None:
        """Drop an amendment altogether."""
        self.amendments.remove(self._by_id(amendment_id))
        self.dirty = True

    def _by_id(self, amendment_id: str) -> Amendment:
        for a in self.amendments:
            if a.id == amendment_id:
                return a
        raise AmendmentError(f"no amendment {amendment_id}")

    # --- saving and exporting -------------------------------------------------

    def to_project(self, *, absolute: bool = False) -> Project:
        """The session as a project (the draft's and the merged inputs' paths relative to the project
        file when possible; `absolute`: always absolute)."""
        where = self.project_path.parent if self.project_path else Path.cwd()
        from app.review_file import store_review

        review = None if self.review is None else store_review(self.review, None if absolute else where)
        draft_path = str(self.draft_path.resolve()) if absolute else _relative(self.draft_path, where)
        # The amendments are anchored on the draft open now: it is the revision they were made on.
        return Project(draft_path, self.draft.sha256, self.amendments, self.author, self.organisation,
                       self.draft.title, review, base_path=draft_path, base_sha256=self.draft.sha256,
                       revisions=[self._stored(r, where, absolute) for r in self.revisions])

    @staticmethod
    def _stored(revision: Revision, where: Path, absolute: bool) -> Revision:
        """A revision as the project file keeps it: its path relative to the file (absolute for recovery)."""
        path = revision.path if absolute else _relative(Path(revision.path), where)
        return replace(revision, path=path)

    def save(self, path: Path | None = None) -> Path:
        """Save the project (atomically); returns where."""
        target = path or self.project_path
        if target is None:
            raise ProjectError("the project has no file yet; choose where to save it")
        self.project_path = target
        save_project(self.to_project(), target)
        self.dirty = False
        return target

    def write_recovery(self, path: Path) -> None:
        """Write the unsaved state to a recovery file (atomically), leaving the project file alone."""
        save_project(self.to_project(absolute=True), path)

    def export(self, out: Path, form: str, *, markup: str = "tracked", date: datetime | None = None,
               title: str = "", rationale: str = "paragraph", line_numbers: bool = False) -> list[str]:
        """Write an output form (full, amendments, clean, markdown) of the draft with the amendments;
        returns notices for the user. `rationale` and `line_numbers` as `apply --rationale/--line-numbers`."""
        from app.wiring.apply import write_form  # the writers load on first export, not at start

        return write_form(self.pkg, self.draft, self.amendments, out, form=form, author=self.author,
                   organisation=self.organisation, date=date or datetime.now(UTC).replace(microsecond=0),
                   markup=markup, title=title, rationale=rationale, line_numbers=line_numbers)


def _resolve(project: Path, draft: str) -> Path:
    candidate = Path(draft)
    return candidate if candidate.is_absolute() else (project.parent / candidate)


def _relative(path: Path, start: Path) -> str:
    try:
        return os.path.relpath(path.resolve(), start.resolve())
    except ValueError:  # another drive on Windows
        return str(path.resolve())


def _view_offset(segments: list[Segment], body_offset: int) -> int:
    """The redline-view offset of a body (original text) offset."""
    view = orig = 0
    for seg in segments:
        if seg.op is Op.INSERT:
            view += len(seg.text)
            continue
        if orig + len(seg.text) >= body_offset:
            return view + (body_offset - orig)
        orig += len(seg.text)
        view += len(seg.text)
    return view


def _view_range(segments: list[Segment], start: int, end: int) -> tuple[int, int]:
    return _view_offset(segments, start), _view_offset(segments, end)
