"""Project files: a draft's amendments (and the merge under review, if any) saved as versioned JSON,
and re-anchored on reopening.

Schema 1 holds the draft and the amendments; schema 2 adds an optional "review" (app.review_file); schema 3
adds the revisions of the draft the project went through ("revisions": path, sha256, title, when it was taken
up) and the note on amendments a new revision overtook ("overtaken"). A project is written with the lowest
schema that holds what it has, so older versions of the app keep reading it, and refuse (rather than drop on
saving) what they cannot hold.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from app.amendments import Amendment, Kind, Option, Status
from app.atomic import atomic_write_text
from app.errors import ProjectError
from app.model import Draft, Paragraph
from app.note_labels import find_note, is_note_address
from app.regular_files import check_regular
from app.relabel import relabel_insertions
from app.segments import Op, Segment, from_json, to_json
from app.values import dropped_notice, stored_date, stored_int, xml_json

if TYPE_CHECKING:
    from app.review_file import StoredReview

FORMAT = "redline-desk-project"
SCHEMA_VERSION = 3  # the newest this app reads and writes
REVIEW_SCHEMA = 2  # the first with a review
HISTORY_SCHEMA = 3  # the first with the revision history and overtaken amendments
# A paragraph must be at least this similar (0-100) to the one an amendment was made on.
REANCHOR_CUTOFF = 70.0
MAX_PROJECT_BYTES = 64 * 1024 * 1024  # a project file larger than this is refused unread


@dataclass(frozen=True)
class Revision:
    """One revision of the draft a project went through."""

    path: str
    sha256: str
    title: str = ""
    taken_up: datetime | None = None  # when the project moved onto it


@dataclass
class Project:
    """A draft reference and the amendments composed on it."""

    draft_path: str
    draft_sha256: str
    amendments: list[Amendment] = field(default_factory=list)
    author: str = ""
    organisation: str = ""
    title: str = ""
    review: StoredReview | None = None
    # The revision the amendments were made on (their anchor texts are its paragraphs), when the app knows it.
    base_path: str = ""
    base_sha256: str = ""
    revisions: list[Revision] = field(default_factory=list)  # oldest first; the last is the draft's
    notices: list[str] = field(default_factory=list, compare=False)  # what loading told the user (not saved)


@dataclass
class Placement:
    """Where an amendment landed when its project was opened on a (changed) draft."""

    amendment: Amendment
    old_label: str
    new_label: str | None  # None: could not be placed
    how: str  # "same text", "moved", "text changed", or why not placed


def save_project(project: Project, path: Path) -> None:
    """Write the project as JSON, atomically."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "schema_version": _schema_for(project),
        "title": project.title,
        "author": project.author,
        "organisation": project.organisation,
        "draft": {"path": project.draft_path, "sha256": project.draft_sha256},
        "amendments": [_amendment_to_json(a) for a in project.amendments],
    }
    if project.base_sha256:
        data["base"] = {"path": project.base_path, "sha256": project.base_sha256}
    if project.review is not None:
        from app.review_file import review_to_json  # the merge machinery loads only with a review

        data["review"] = review_to_json(project.review)
    if project.revisions:
        data["revisions"] = [_revision_to_json(r) for r in project.revisions]
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def _schema_for(project: Project) -> int:
    """The lowest schema that holds the project."""
    if project.revisions or any(a.overtaken for a in project.amendments):
        return HISTORY_SCHEMA
    return 1 if project.review is None else REVIEW_SCHEMA


def _revision_to_json(revision: Revision) -> dict[str, Any]:
    return {"path": revision.path, "sha256": revision.sha256, "title": revision.title,
            "taken_up": revision.taken_up.isoformat() if revision.taken_up else None}


def _revision_from_json(d: dict[str, Any]) -> Revision:
    taken_up = d.get("taken_up")
    return Revision(str(d["path"]), str(d["sha256"]), str(d.get("title", "")),
                    None if taken_up is None else stored_date(taken_up, "taken_up"))


def load_project(path: Path) -> Project:
    """Read a project file; ProjectError for anything damaged or from a newer version."""
    check_regular(path, "project file", ProjectError, None)  # a FIFO would block the read for ever
    try:
        if path.stat().st_size > MAX_PROJECT_BYTES:
            raise ProjectError(f"{path}: {path.stat().st_size} bytes, too large for a project file "
                               f"(limit {MAX_PROJECT_BYTES}); it was not changed")
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProjectError(f"{path}: no such project file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProjectError(f"{path}: cannot be read ({exc})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ProjectError(
            f"{path}: not a valid project file (JSON error at line {exc.lineno}); it was not changed"
        ) from None
    except RecursionError:
        raise ProjectError(f"{path}: not a valid project file (nested too deeply); it was not changed") from None
    except ValueError:  # an integer past Python's 4300-digit limit (not a JSONDecodeError)
        raise ProjectError(f"{path}: not a valid project file (a number too long); it was not changed") from None
    data, dropped = xml_json(data)  # text a Word document cannot hold is left out, and the user told
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProjectError(f"{path}: not a Redline Desk project file")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProjectError(f"{path}: project file has no valid schema version")
    if version > SCHEMA_VERSION:
        raise ProjectError(f"{path}: made by a newer Redline Desk (schema {str(version)[:12]}, this one reads "
                           f"{SCHEMA_VERSION}); update the app, the file was not changed")
    try:
        draft = data["draft"]
        review = data.get("review") if version >= REVIEW_SCHEMA else None
        if review is not None:
            from app.review_file import review_from_json  # the merge machinery loads only with a review

            review = review_from_json(review)
        base = data.get("base") or {}
        return Project(
            draft_path=str(draft["path"]),
            draft_sha256=str(draft.get("sha256", "")),
            amendments=[_amendment_from_json(a) for a in data.get("amendments", [])],
            author=str(data.get("author", "")),
            organisation=str(data.get("organisation", "")),
            title=str(data.get("title", "")),
            review=review,
            base_path=str(base.get("path", "")),
            base_sha256=str(base.get("sha256", "")),
            revisions=[_revision_from_json(r) for r in data.get("revisions", [])] if version >= HISTORY_SCHEMA else [],
            notices=[dropped_notice(dropped, path.name)] if dropped else [],
        )
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError, RecursionError) as exc:
        raise ProjectError(f"{path}: damaged project file ({str(exc)[:200]}); it was not changed") from None


def _amendment_to_json(a: Amendment) -> dict[str, Any]:
    return {
        "id": a.id,
        "kind": a.kind.value,
        "target": a.target,
        "new_label": a.new_label,
        "anchor_text": a.anchor_text,
        "options": [{"name": o.name, "segments": to_json(o.segments)} for o in a.options],
        "chosen": a.chosen,
        "rationale": a.rationale,
        "author": a.author,
        "organisation": a.organisation,
        "status": a.status.value,
        "group": a.group,
        "alternatives": a.alternatives,
        "created": a.created.isoformat(),
        **({"overtaken": a.overtaken} if a.overtaken else {}),
    }


def _amendment_from_json(d: dict[str, Any]) -> Amendment:
    options = [Option(str(o["name"]), from_json(o["segments"])) for o in d["options"]]
    if not options:
        raise ValueError(f"amendment {d.get('id')} has no options")
    chosen = stored_int(d.get("chosen", 0), "chosen")
    if not 0 <= chosen < len(options):
        raise ValueError(f"amendment {d.get('id')} chooses option {chosen} of {len(options)}")
    for key in ("new_label", "group", "alternatives"):
        if not isinstance(d.get(key), str | None):
            raise ValueError(f"amendment {d.get('id')}: '{key}' is not text")
    return Amendment(
        kind=Kind(d["kind"]),
        target=str(d["target"]),
        options=options,
        anchor_text=str(d["anchor_text"]),
        new_label=d.get("new_label"),
        rationale=str(d.get("rationale", "")),
        author=str(d.get("author", "")),
        organisation=str(d.get("organisation", "")),
        status=Status(d.get("status", "draft")),
        chosen=chosen,
        group=d.get("group"),
        alternatives=d.get("alternatives"),
        id=str(d["id"]),
        created=stored_date(d["created"], "created"),
        overtaken=str(d.get("overtaken", "")),
    )


def reanchor(project: Project, draft: Draft) -> list[Placement]:
    """Place each amendment on the draft by label and text; amendments that cannot be placed are
    reported (and left unchanged in the project)."""
    bodies = [p.body for p in draft.paragraphs]
    by_body: dict[str, list[Paragraph]] = {}
    for p in draft.paragraphs:
        if p.label is not None:
            by_body.setdefault(p.body, []).append(p)
    placements: list[Placement] = []
    for amendment in project.amendments:
        old = amendment.target
        old_label = amendment.label
        para = draft.by_label(old) if draft.has_label(old) else None
        if para is None and is_note_address(old):  # "66 fn1": the note of that address, by its text
            placements.append(_reanchor_note(amendment, draft, old_label))
            continue
        if para is not None and para.body == amendment.anchor_text:
            placements.append(Placement(amendment, old_label, para.label, "same text"))
            continue
        best: Paragraph | None
        same = by_body.get(amendment.anchor_text, [])
        if len(same) == 1:
            best = same[0]  # the very text, moved: stronger evidence than the old label
        elif para is not None and fuzz.ratio(para.body, amendment.anchor_text) >= REANCHOR_CUTOFF:
            best = para
        else:
            found = process.extractOne(amendment.anchor_text, bodies, scorer=fuzz.ratio, score_cutoff=REANCHOR_CUTOFF)
            best = draft.paragraphs[found[2]] if found else None
        if best is None or best.label is None:
            placements.append(Placement(amendment, old_label, None, "no paragraph like the one it was made on"))
            continue
        how = "moved" if best.label != old else "text changed"
        if best.body != amendment.anchor_text and amendment.kind is not Kind.INSERT:
            problem = _carry_options(amendment, best.body)
            if problem:
                placements.append(Placement(amendment, old_label, None, problem))
                continue
            how = "text changed" if best.label == old else "moved, text changed"
        amendment.target = best.label
        amendment.anchor_text = best.body
        placements.append(Placement(amendment, old_label, best.label, how))
    # A new paragraph follows its anchor into the draft's numbering ("83 bis" after what is now 84: "84 bis").
    relabel_insertions([p.amendment for p in placements if p.new_label is not None], draft.labels)
    for placed in placements:
        if placed.new_label is not None:
            placed.new_label = placed.amendment.label
    return placements


def _reanchor_note(amendment: Amendment, draft: Draft, old_label: str) -> Placement:
    """An amendment to a note: on the draft's note of the same address when its text is (nearly) the same."""
    story = find_note(draft, amendment.target)
    para = story.draft.paragraphs[0] if story is not None and story.draft.paragraphs else None
    if para is None or para.label is None:
        return Placement(amendment, old_label, None, "no such note in the draft")
    if para.body == amendment.anchor_text:
        amendment.target = para.label
        return Placement(amendment, old_label, para.label, "same text")
    if fuzz.ratio(para.body, amendment.anchor_text) < REANCHOR_CUTOFF:
        return Placement(amendment, old_label, None, "the note's text is no longer like the one it was made on")
    problem = _carry_options(amendment, para.body)
    if problem:
        return Placement(amendment, old_label, None, problem)
    amendment.target, amendment.anchor_text = para.label, para.body
    return Placement(amendment, old_label, para.label, "text changed")


def _carry_options(amendment: Amendment, body: str) -> str | None:
    """Rebase every option onto the new body; the reason when a change no longer fits."""
    if amendment.kind is Kind.DELETE:
        amendment.options = [Option(o.name, [Segment(Op.DELETE, body)]) for o in amendment.options]
        return None
    from app.rebase import rebase  # a draft opened alone never re-anchors

    new_options = []
    for option in amendment.options:
        result = rebase(option.segments, body)
        if result.mismatches:
            miss = result.mismatches[0]
            return f"struck text '{miss.found}' is no longer in the paragraph"
        new_options.append(Option(option.name, result.segments))
    amendment.options = new_options
    return None
