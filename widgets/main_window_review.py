"""The main window's merge review: import other people's redlines, decide on their proposals (by
change, paragraph or author), settle collisions, and export the merge.

The review is an app.review.Review over the merge of the session's draft. Importing and closing a
review are undoable (ReviewSwitchCommand), and so is every decision (ReviewCommand, from
Review.snapshot / restore); the panel and the document view show the review after each. The review
shown is also the session's (Session.review), so saving the project and autosaving keep it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from app.errors import DocumentError, RedlineDeskError
from app.proposals import Decision
from app.review import MergedInput, Review
from widgets.commands import ReviewCommand, ReviewSwitchCommand
from widgets.dialogs import messages
from widgets.main_window_layout import review_width
from widgets.review.author_colours import AuthorColours
from widgets.workers import Cancelled, Progress, error_message, run_progress_task, run_task

if TYPE_CHECKING:
    from app.merge import MergeResult
    from app.wiring.merging import InputSpec
    from widgets.main_window import MainWindow
    from widgets.review.collision_dialog import CollisionChoice

    _Base = MainWindow
else:
    _Base = object

VERBS = {Decision.ACCEPTED: "Accept", Decision.REJECTED: "Reject", Decision.PENDING: "Reopen"}
REVIEW_ACTIONS = ("accept_proposal", "reject_proposal", "accept_paragraph", "reject_paragraph", "resolve_collision",
                  "close_review", "export_merge", "remerge_inputs", "accept_next", "reject_next", "accept_shown",
                  "reject_shown")


class ReviewMixin(_Base):
    """Importing redlines, reviewing the merge and exporting it; part of MainWindow."""

    _review: Review | None = None
    _colours: dict[int, AuthorColours]
    import_messages: list[str]

    # --- state ------------------------------------------------------------------------------

    @property
    def review(self) -> Review | None:
        """The merge under review (None when there is none)."""
        return self._review

    def review_colours(self) -> AuthorColours:
        """The colours of the review's authors."""
        if self._review is None:
            return AuthorColours()
        colours = self._colours.setdefault(id(self._review), AuthorColours())
        for author in self._review.listed_authors:
            colours.colour(author)
        return colours

    def _show_review(self, review: Review | None) -> None:
        """Make `review` the one shown (None: none) in the panel and the document view, and the
        session's (saved with the project)."""
        self._review = review
        if self._session is not None:
            self._session.review = review
        self._refresh_review()
        if review is not None:
            self.review_dock.show()
            self.review_dock.raise_()
            self._widen_review_dock()
        self._update_actions()

    def _widen_review_dock(self) -> None:
        """A docked review narrower than its comfortable width is widened (the user may narrow it again)."""
        dock = self.review_dock
        wanted = review_width(self.width())
        if not dock.isFloating() and dock.width() < wanted:
            self.resizeDocks([dock], [wanted], Qt.Orientation.Horizontal)

    def _refresh_review(self) -> None:
        colours = self.review_colours()
        self._review_panel.show_review(self._review, colours)
        self._document_view.set_reviewers(self._review_panel.reviewers() if self._review is not None else None)
        self._document_view.show_review(self._review, colours)
        self._update_review_actions()

    def _update_review_actions(self) -> None:
        live = self._review is not None
        for name in REVIEW_ACTIONS:
            self.ui_actions[name].setEnabled(live)
        self.ui_actions["import_redlines"].setEnabled(self._session is not None)

    def _forget_review(self) -> None:
        """A new draft: no review (the undo stack is cleared with it)."""
        self._review = None
        self._colours.clear()
        self._review_panel.show_review(None)
        self._document_view.show_review(None)

    # --- importing --------------------------------------------------------------------------

    def import_redlines(self, specs: list[InputSpec], include_mine: bool = False, *,
                        date: datetime | None = None, previous: Review | None = None) -> bool:
        """Merge redlines into the draft on a worker thread (with a cancellable progress dialog) and open
        the review, taking over the decisions of `previous` where the same change is proposed again;
        False after an error dialog naming the file, or when cancelled."""
        session = self._session
        if session is None:
            messages.show_error(self, "Import failed", "no draft is open; open the draft the redlines amend first")
            return False
        if not specs:
            messages.show_error(self, "Import failed", "choose at least one redline to merge")
            return False
        draft = session.draft
        ours = session.snapshot().amendments if include_mine and session.amendments else None
        when = date or datetime.now(UTC).replace(microsecond=0)
        specs = list(specs)
        from app.wiring import merging  # the merge engine and its writers load on first use, not at start

        def work(progress: Progress) -> tuple[MergeResult, list[str], list[MergedInput]]:
            reading: list[str] = [""]

            def report(done: int, total: int, what: str) -> None:
                progress(done, total, what)
                reading[0] = specs[done].path.name if what.startswith("reading") and done < len(specs) else ""

            try:
                inputs = [MergedInput.read(s.path, s.author) for s in specs]  # as merged, to tell later changes
                notes: list[str] = []  # a revision whose file is missing or changed: said, not recognised on
                earlier = merging.earlier_revisions(session.revisions, session.draft_path.parent, draft.sha256, notes)
                result, said = merging.merge_inputs(draft, specs, when, ours=ours, progress=report, earlier=earlier)
                return result, notes + said, inputs
            except Cancelled:
                raise
            except Exception as exc:
                text = error_message(exc)
                if reading[0] and reading[0] not in text:
                    raise DocumentError(f"{reading[0]}: {text}") from exc
                raise

        names = ", ".join(s.path.name for s in specs)
        task = run_progress_task(self, f"Merging {names}…", work,
                                 lambda outcome: self._imported(outcome, include_mine=ours is not None,
                                                                previous=previous))
        return task.wait(600_000)

    def _imported(self, outcome: tuple[MergeResult, list[str], list[MergedInput]], *, include_mine: bool,
                  previous: Review | None = None) -> None:
        result, notes, inputs = outcome
        review = Review(result, inputs, include_mine)
        undecided = review.carry_decisions(previous) if previous is not None else []
        self.import_messages = notes + [f"{line.file}: {line.author}: {line.reason}" for line in result.not_applicable]
        self.import_messages += [f"{p.id} ({p.by}, {p.decision.value} before): no longer proposed as it was; "
                                 "decide again" for p in undecided]
        self._undo_stack.push(ReviewSwitchCommand(self._review, review, "Import redlines", self._show_review))
        collisions = len(review.collisions())
        self.statusBar().showMessage(
            f"Merged: {len(review.proposals)} proposals from {len(review.authors)} author(s), "
            f"{collisions} collision(s)" + (f"; {len(self.import_messages)} note(s)" if self.import_messages else ""),
            10000)
        if result.not_applicable:
            lines = "\n".join(self.import_messages[:20])
            messages.show_warning(self, "Some changes could not be placed",
                                  f"These changes are not in the review (they are in the report):\n{lines}")
        elif undecided:
            lines = "\n".join(self.import_messages[-20:])
            messages.show_warning(self, "Some decisions could not be kept",
                                  f"These changes are no longer proposed as they were; decide them again:\n{lines}")

    def choose_and_import(self) -> None:
        """File > Import Redlines: choose the files, then merge them."""
        if self._session is None:
            return
        from widgets.dialogs.import_dialog import ImportDialog  # loads the merge engine: on first use

        dialog = ImportDialog(self, has_mine=bool(self._session.amendments), start_dir=self._default_dir())
        if dialog.exec():
            self.import_redlines(dialog.specs(), dialog.include_mine())

    def remerge_inputs(self) -> bool:
        """Review > Merge Inputs Again: merge the review's files again (after one changed), keeping the
        decisions on every change still proposed as it was; False after an error dialog."""
        review = self._review
        if review is None:
            return False
        missing = [i.path for i in review.inputs if not i.path.is_file()]
        if not review.inputs or missing:
            what = f"{missing[0].name} is no longer at {missing[0]}" if missing else "this review has no input files"
            messages.show_error(self, "Cannot merge again", f"{what}; use File > Import Redlines to choose the files")
            return False
        from app.wiring.merging import InputSpec

        specs = [InputSpec(i.path, i.author) for i in review.inputs]
        return self.import_redlines(specs, review.include_mine, previous=review)

    def close_review(self) -> None:
        """Stop reviewing the merge (undoable); the document shows our amendments again."""
        if self._review is not None:
            self._undo_stack.push(ReviewSwitchCommand(self._review, None, "Close review", self._show_review))

    # --- decisions -----------------------------------------------------------------------------

    def change_review(self, text: str, change: Callable[[Review], Any]) -> bool:
        """Apply one change to the review as an undoable command; an error is shown and nothing changes."""
        review = self._review
        if review is None:
            return False
        before = review.snapshot()
        try:
            change(review)
        except RedlineDeskError as exc:
            review.restore(before)
            messages.show_error(self, "Cannot make this decision", error_message(exc))
            return False
        self._undo_stack.push(ReviewCommand(review, before, review.snapshot(), text, self._refresh_review))
        return True

    def decide(self, ids: list[str], decision: Decision | str) -> bool:
        """Accept or reject proposals by id."""
        decision = Decision(decision)
        if not ids:
            return False
        what = f"{VERBS[decision]} {len(ids)} changes" if len(ids) > 1 else f"{VERBS[decision]} change"
        return self.change_review(what, lambda r: r.decide(ids, decision))

    def decide_author(self, author: str, decision: Decision | str) -> bool:
        """Accept or reject every proposal of one author."""
        decision = Decision(decision)
        return self.change_review(f"{VERBS[decision]} all of {author}",
                                  lambda r: r.decide_author(author, decision))

    def decide_paragraph(self, index: int, decision: Decision | str) -> bool:
        """Accept or reject every proposal on one draft paragraph."""
        decision = Decision(decision)
        name = self._review.result.draft.paragraphs[index].display_label if self._review else str(index)
        return self.change_review(f"{VERBS[decision]} para {name}",
                                  lambda r: r.decide_paragraph(index, decision))

    def accept_selected(self) -> None:
        """Accept the changes selected in the review panel."""
        self.decide(self._review_panel.selected_ids(), Decision.ACCEPTED)

    def reject_selected(self) -> None:
        """Reject the changes selected in the review panel."""
        self.decide(self._review_panel.selected_ids(), Decision.REJECTED)

    def accept_paragraph(self) -> None:
        """Accept every change on the paragraph of the review panel's current row."""
        index = self._review_panel.current_paragraph()
        if index is not None:
            self.decide_paragraph(index, Decision.ACCEPTED)

    def reject_paragraph(self) -> None:
        """Reject every change on the paragraph of the review panel's current row."""
        index = self._review_panel.current_paragraph()
        if index is not None:
            self.decide_paragraph(index, Decision.REJECTED)

    def _show_proposal(self, proposal_id: str) -> None:
        """A proposal selected in the panel: scroll the document to its paragraph and select its words."""
        if self._review is None:
            return
        try:
            proposal = self._review.by_id(proposal_id)
        except RedlineDeskError:
            return
        self._document_view.scroll_to_paragraph(proposal.paragraph)
        self._document_view.select_proposal(proposal.id, proposal.paragraph)

    def _build_author_menus(self) -> None:
        """Review > Accept All of ▸ / Reject All of ▸, filled with the authors when opened."""
        review_menu = self.ui_actions.menus["Review"]
        before = self.ui_actions["resolve_collision"]
        self.author_menus: dict[Decision, QMenu] = {}
        for decision, title in ((Decision.ACCEPTED, "Accept All &of"), (Decision.REJECTED, "Reject All o&f")):
            menu = QMenu(title, review_menu)
            menu.setObjectName(f"menu{VERBS[decision]}Author")
            menu.setToolTipsVisible(True)
            menu.aboutToShow.connect(lambda m=menu, d=decision: self._fill_author_menu(m, d))
            review_menu.insertMenu(before, menu)
            self.author_menus[decision] = menu
        review_menu.insertSeparator(before)

    def _fill_author_menu(self, menu: QMenu, decision: Decision) -> None:
        """Review > Accept All of / Reject All of: one entry per author, in the author's colour."""
        menu.clear()
        review = self._review
        colours = self.review_colours()
        for author in review.authors if review is not None else []:
            action = menu.addAction(colours.icon(author), author)
            action.setStatusTip(f"{VERBS[decision]} every change of {author}")
            action.triggered.connect(lambda *_, a=author: self.decide_author(a, decision))
        if menu.isEmpty():
            menu.addAction("(no merge under review)").setEnabled(False)

    # --- collisions ------------------------------------------------------------------------------

    def resolve_collision(self, proposal_id: str | None = None) -> bool:
        """Show the collision of a proposal (default: the panel's current one) and apply the choice."""
        review = self._review
        proposal_id = proposal_id or self._review_panel.current_id()
        if review is None or proposal_id is None:
            return False
        collision = review.collision_of(proposal_id)
        if collision is None:
            self.statusBar().showMessage("This change collides with no other", 5000)
            return False
        from widgets.review.collision_dialog import CollisionDialog  # dialogs load when first opened: a faster start

        dialog = CollisionDialog(review.result.draft, collision.proposals, self.review_colours(), self)
        if not dialog.exec():
            return False
        choice = dialog.choice()
        return choice is not None and self.apply_collision_choice(choice)

    def apply_collision_choice(self, choice: CollisionChoice) -> bool:
        """Pick one proposal, combine them, or reword the passage (credited to the reviewer)."""
        from widgets.review.collision_dialog import COMBINE, PICK, REWORD

        if choice.action == PICK:
            return self.change_review("Pick a proposal", lambda r: r.pick(choice.ids[0]))
        if choice.action == COMBINE:
            return self.change_review("Combine proposals", lambda r: r.combine(choice.ids))
        if choice.action == REWORD:
            if not self.ask_identity_before("reword"):  # never silently "Redline Desk": ask, as the export does
                return False
            reviewer = self.settings.credit()
            return self.change_review("Reword a collision", lambda r: r.combine(choice.ids, choice.text or "",
                                                                                 author=reviewer))
        return False

    # --- exporting -------------------------------------------------------------------------------

    def export_merge(self, path: Path, form: str, *, report: Path | None = None, agreed_ad_ref: bool = False,
                     reviewer: str | None = None) -> bool:
        """Write the merge as reviewed (full, compilation, table or clean) on a worker thread, and the
        JSON report when asked; False after an error dialog. Given a `reviewer`, the reviewer's own
        revisions (rewordings, their amendments merged in) are credited to it."""
        session, review = self._session, self._review
        if session is None or review is None:
            messages.show_error(self, "Export failed", "no merge under review; import redlines first")
            return False
        path = Path(path)
        frozen, ids = review.reviewed(), review.ids()  # as `redline-desk review` writes it
        pkg = session.pkg.fresh()  # the worker parses its own copy
        from app.wiring.reviewing import credited_to_reviewer, write_review  # the writers load on first use

        if reviewer:
            frozen = credited_to_reviewer(frozen, reviewer)

        def work() -> list[str]:
            return write_review(pkg, frozen, ids, path, form=form, report=None if report is None else Path(report),
                                agreed_ad_ref=agreed_ad_ref)

        def done(notes: list[str]) -> None:
            self.statusBar().showMessage(f"Exported the merge ({form}) to {path}", 8000)
            if notes:
                messages.show_warning(self, "Exported, with notes", "\n".join(notes))

        return run_task(self, f"Exporting {path.name}…", work, done).wait()

    def choose_and_export_merge(self) -> None:
        """File > Export Compilation: the merge export dialog, then the export."""
        if self._session is None or self._review is None:
            return
        default = self._default_dir() / f"{self._session.draft_path.stem} compilation.docx"
        from app.wiring.reviewing import reviewers_own
        from widgets.dialogs.merge_export_dialog import MergeExportDialog

        own = len(reviewers_own(self._review.proposals))
        dialog = MergeExportDialog(default, self, settings=self.settings, own_changes=own)
        if dialog.exec():
            req = dialog.request()
            self.export_merge(req.path, req.form, report=req.report, agreed_ad_ref=req.agreed_ad_ref,
                              reviewer=req.credit or None)
