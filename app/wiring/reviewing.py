"""The review use case from the command line: merge the redlines as `merge` does, apply written decisions
as the Review panel would, list the proposals, and write the merge as reviewed, as the GUI's merge export does."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from app.atomic import check_output_path
from app.errors import AmendmentError
from app.merge import MergeResult, describe
from app.proposals import Credit, Decision, Proposal, ProposalKind
from app.review import MergedInput, Review
from app.review_decisions import ReviewDecision, apply_decisions
from app.wiring.apply import _check_form_options, _not_an_input, not_the_output
from app.wiring.merging import (
    MERGE_FORMS,
    OUR_AMENDMENTS,
    merge_inputs,
    parse_input,
    project_revisions,
    write_merged,
    write_report,
)
from docx_io.package import Package, read_package
from docx_io.reader import draft_from_package

REVIEW_FORMS = (*MERGE_FORMS, "clean")
_MINE = ("", OUR_AMENDMENTS)  # the sources of the reviewer's own proposals: a rewording (no file), their amendments


def review_files(draft_path: Path, inputs: list[str], decisions: list[ReviewDecision], *, date: datetime,
                 out: Path | None = None, form: str = "full", report: Path | None = None,
                 agreed_ad_ref: bool = False, title: str = "",
                 reviewer: str = "Redline Desk", decision_files: tuple[Path, ...] = (),
                 project: Path | None = None) -> tuple[Review, list[str]]:
    """Merge the inputs into the draft, apply the decisions in order and, when `out` is given, write `form`
    (and the report). Returns the review and notices. Nothing is written when a decision cannot be made.
    `project`: a project whose revision history holds the revisions an input may have been made on (as merge)."""
    if form not in REVIEW_FORMS:
        raise AmendmentError(f"unknown form '{form}'; use one of {', '.join(REVIEW_FORMS)}")
    if agreed_ad_ref and form != "compilation":
        raise AmendmentError("--agreed-ad-ref applies to --form compilation only")
    if not inputs:
        raise AmendmentError("name at least one redline to merge")
    specs = [parse_input(s) for s in inputs]
    read = [draft_path, *(s.path for s in specs), *decision_files, *([project] if project else [])]
    if out is not None:
        check_output_path(out)
        _check_form_options(out, form, "tracked")
        _not_an_input(out, *read)
    if report is not None:
        check_output_path(report)
        _not_an_input(report, *read, *([out] if out else []))
        not_the_output(report, out)
    pkg = read_package(draft_path)
    draft = draft_from_package(pkg)
    notes: list[str] = []
    result, messages = merge_inputs(draft, specs, date, earlier=project_revisions(project, draft, notes))
    review = Review(result, [MergedInput.read(s.path, s.author) for s in specs])
    apply_decisions(review, decisions, reviewer=reviewer)
    messages = draft.notices + notes + messages + [f"{line.file}: {line.author}: {line.reason}"
                                           for line in result.not_applicable]
    if out is not None:
        messages += write_review(pkg, review.reviewed(), review.ids(), out, form=form, report=report,
                                 agreed_ad_ref=agreed_ad_ref, title=title)
    return review, messages


def write_review(pkg: Package, reviewed: MergeResult, ids: dict[str, str], out: Path, *, form: str,
                 report: Path | None = None, agreed_ad_ref: bool = False, title: str = "") -> list[str]:
    """Write a review's merge as decided (`Review.reviewed`, `Review.ids`) in `form`, and the report when
    asked; returns notices. The GUI's merge export and `review` both write through here."""
    notes = write_merged(pkg, reviewed, out, form=form, agreed_ad_ref=agreed_ad_ref, title=title)
    if report is not None:
        write_report(reviewed, report, ids)
    return notes


def reviewers_own(proposals: list[Proposal]) -> list[Proposal]:
    """The proposals not rejected that are the reviewer's own: rewordings made in the review (no file of
    their own) and the reviewer's amendments merged in with the others."""
    return [p for p in proposals if p.decision is not Decision.REJECTED
            and any(c.source in _MINE for c in p.credits)]


def credited_to_reviewer(reviewed: MergeResult, reviewer: str) -> MergeResult:
    """A copy of a reviewed merge whose reviewer's own revisions (`reviewers_own`) are credited to `reviewer`,
    as the export of one's amendments credits them to the identity the Export dialog shows; everyone else's
    keep their authors. The merge itself is left as it is."""
    def credit(p: Proposal) -> Proposal:
        credits: list[Credit] = []
        for c in p.credits:
            if c.source in _MINE:
                if any(o.source in _MINE for o in credits):  # the reviewer once, however it came in
                    continue
                c = replace(c, author=reviewer)
            credits.append(c)
        return replace(p, credits=credits)

    return replace(reviewed, proposals=[credit(p) for p in reviewed.proposals])


def listing(review: Review) -> list[str]:
    """One tab-separated line per proposal: id, paragraph label, author(s), kind, status, the change in the
    text form. The status is the decision, and the ids of the proposals it collides with, if any."""
    draft = review.result.draft
    colliding: dict[str, list[Proposal]] = {}
    for collision in review.collisions():
        for p in collision.proposals:
            colliding[p.id] = [o for o in collision.proposals if o is not p]
    lines = []
    for p in sorted(review.proposals, key=lambda p: (p.paragraph, _number(review.public_id(p)))):
        label = p.label if p.kind is ProposalKind.INSERT and p.label else draft.paragraphs[p.paragraph].display_label
        status = p.decision.value
        if p.id in colliding and p.decision is not Decision.REJECTED:
            status += "; collides with " + " ".join(sorted((review.public_id(o) for o in colliding[p.id]), key=_number))
        lines.append("\t".join([review.public_id(p), label, p.by, p.kind.value, status,
                                " ".join(describe(draft, p).split())]))
    return lines


def _number(public_id: str) -> int:
    tail = public_id.rpartition("-")[2]
    return int(tail) if tail.isdigit() else 0
