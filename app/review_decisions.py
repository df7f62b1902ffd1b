"""Review decisions written down (command-line options or a decisions file) and applied in order to a Review,
through the same Review methods the Review panel calls.

A decision is a verb and a target: `accept G77` (an author), `reject 66` (a paragraph: its changes and the
new paragraphs after it), `accept 66-2` (a proposal, by the stable id reports print), `pick 66-1=US` (settle
the collision of 66-1 in favour of US's proposal), `combine 66-1`, `reword 66-1=text` (replace the passage
the collision disputes). `author:`, `para:` or `id:` before a target says which it is when a name is both.
Later decisions override earlier, broader ones (`accept G77`, then `reject 66-3`); two decisions that decide
the same target differently conflict, and conflicts are errors.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from app.errors import AmendmentError, DiagnosedError, DocumentError, RedlineDeskError
from app.proposals import Decision, Proposal, ProposalKind
from app.regular_files import check_regular
from app.review import Review

VERBS = ("accept", "reject", "pick", "combine", "reword")
_WITH_VALUE = {"pick": "author", "reword": "text"}  # the part after "=" and its name in a JSON object
_PREFIXES = ("author", "para", "id")
MAX_DECISIONS_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class ReviewDecision:
    """One decision as written: verb, target (author, label or id), value (pick: author; reword: text), and
    where it was written ("--accept", "decisions.txt:3"), for messages."""

    verb: str
    target: str
    value: str = ""
    where: str = ""

    def __str__(self) -> str:
        return f"{self.verb} {self.target}" + (f"={self.value}" if self.value else "")


def parse_decision(verb: str, text: str, where: str) -> ReviewDecision:
    """A decision from its verb and the rest ("66-1=US" for pick); AmendmentError when malformed."""
    verb = verb.strip().lower()
    if verb not in VERBS:
        raise AmendmentError(f"{where}: unknown decision '{verb}'; use one of {', '.join(VERBS)}")
    target, sep, value = text.partition("=") if verb in _WITH_VALUE else (text, "", "")
    target, value = " ".join(target.split()), " ".join(value.split()) if verb == "pick" else value.strip()
    if not target:
        raise AmendmentError(f"{where}: '{verb}' needs what to {verb} (an author, a paragraph label or an id)")
    if verb == "reword" and (not sep or not value):
        raise AmendmentError(f"{where}: write 'reword ID=new wording'")
    return ReviewDecision(verb, target, value.replace("\n", " "), where)


def parse_line(line: str, where: str) -> ReviewDecision | None:
    """One line of a decisions file ("accept G77", "pick 66-1=US"); None for a blank line or a # comment."""
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    verb, _, rest = text.partition(" ")
    return parse_decision(verb, rest, where)


def read_decisions(path: Path) -> list[ReviewDecision]:
    """The decisions in a file: JSON (a list of "accept G77" strings or {"pick": "66-1", "author": "US"}
    objects) when it ends in .json, else one decision a line. Every bad line is reported, one line each."""
    check_regular(path, "decisions file", DocumentError, None)
    try:
        if path.stat().st_size > MAX_DECISIONS_BYTES:
            raise DocumentError(f"{path}: a decisions file over {MAX_DECISIONS_BYTES // 1024 // 1024} MB is refused")
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read the decisions file ({exc.strerror or exc}); check the name") from None
    except UnicodeDecodeError:
        raise DocumentError(f"{path}: the decisions file is not UTF-8 text; save it as UTF-8") from None
    if path.suffix.lower() == ".json":
        items = _json_items(path, text)
    else:
        items = [(f"{path.name}:{n}", line) for n, line in enumerate(text.splitlines(), 1)]
    out: list[ReviewDecision] = []
    errors: list[str] = []
    for where, item in items:
        try:
            decision = parse_line(item, where) if isinstance(item, str) else _from_object(item, where)
        except AmendmentError as exc:
            errors.append(str(exc))
            continue
        if decision is not None:
            out.append(decision)
    if errors:
        raise DiagnosedError(f"{path}: {len(errors)} decision(s) cannot be read; nothing was written", errors)
    return out


def _json_items(path: Path, text: str) -> list[tuple[str, object]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DocumentError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno} column {exc.colno})") from None
    if not isinstance(data, list):
        raise DocumentError(f"{path}: expected a JSON list of decisions, like [\"accept G77\", \"reject 66\"]")
    return [(f"{path.name} item {n}", item) for n, item in enumerate(data, 1)]


def _from_object(item: object, where: str) -> ReviewDecision:
    """{"accept": "G77"}, {"pick": "66-1", "author": "US"}, {"reword": "66-1", "text": "…"}."""
    if not isinstance(item, dict):
        raise AmendmentError(f"{where}: write a decision as \"accept G77\" or {{\"accept\": \"G77\"}}")
    verbs = [k for k in item if k in VERBS]
    value_key = _WITH_VALUE.get(verbs[0], "") if len(verbs) == 1 else ""
    extra = [k for k in item if k not in (*verbs, value_key)]
    if len(verbs) != 1 or extra or not all(isinstance(v, str) for v in item.values()):
        raise AmendmentError(f"{where}: write one decision per object, with text values, like {{\"accept\": \"G77\"}} "
                             "or {\"pick\": \"66-1\", \"author\": \"US\"}")
    target = str(item[verbs[0]])
    value = str(item.get(value_key, "")) if value_key else ""
    return parse_decision(verbs[0], f"{target}={value}" if value else target, where)


# ----- applying -----

_Key = tuple[str, str]  # ("author", "G77"), ("para", "12"), ("proposal", "p3"): what a decision names


def apply_decisions(review: Review, decisions: Iterable[ReviewDecision], *, reviewer: str = "Redline Desk") -> None:
    """Apply the decisions in order, as the Review panel would (rewordings credited to `reviewer`). Nothing
    changes when any cannot be made: DiagnosedError with one line per decision that failed or conflicts."""
    before = review.snapshot()
    decided: dict[_Key, tuple[Decision, ReviewDecision]] = {}
    errors: list[str] = []
    for d in decisions:
        try:
            outcomes, make = _plan(review, d, reviewer)
        except RedlineDeskError as exc:
            errors.append(f"{d.where}: '{d}': {exc}")
            continue
        clash = next(((outcome, decided[key]) for key, outcome in outcomes
                      if key in decided and decided[key][0] is not outcome), None)
        if clash is not None:
            outcome, (was, earlier) = clash
            errors.append(f"{d.where}: '{d}' conflicts with '{earlier}' ({earlier.where}): it "
                          f"{_VERB[outcome]} what that {_VERB[was]}; keep one")
            continue  # not made, so that later decisions are checked against the review as it should be
        try:
            make()
        except RedlineDeskError as exc:
            errors.append(f"{d.where}: '{d}': {exc}")
            continue
        decided.update((key, (outcome, d)) for key, outcome in outcomes if key not in decided)
    if errors:
        review.restore(before)
        raise DiagnosedError(f"{len(errors)} decision(s) cannot be made; nothing was written", errors)


_VERB = {Decision.ACCEPTED: "accepts", Decision.REJECTED: "rejects", Decision.PENDING: "reopens"}


def _plan(review: Review, d: ReviewDecision, reviewer: str) -> tuple[list[tuple[_Key, Decision]], Callable[[], object]]:
    """What one decision decides, by what it names (to find conflicts before making it), and how to make it."""
    if d.verb in ("accept", "reject"):
        decision = Decision.ACCEPTED if d.verb == "accept" else Decision.REJECTED
        kind, name, found = resolve_target(review, d.target)
        if kind == "author":
            return [(("author", name), decision)], lambda: review.decide_author(name, decision)
        if kind == "para":
            return [(("para", name), decision)], lambda: review.decide_paragraph(int(name), decision)
        ids = [p.id for p in found]
        return [(("proposal", i), decision) for i in ids], lambda: review.decide(ids, decision)
    proposal = _proposal(review, d.target)
    live = review.collision_of(proposal.id)
    # Settled or undone by earlier decisions: the merge's collision still tells what this one would decide,
    # so that it is reported as the conflict it is (or as made already, when it was).
    collision = live or next((c for c in review.result.collision_groups if proposal in c.proposals), None)
    if collision is None:
        raise AmendmentError(f"{d.target} is in no collision; accept or reject it instead")
    members = [p.id for p in collision.proposals]
    if d.verb == "pick":
        chosen = _chosen(review, collision.proposals, d.value).id if d.value else proposal.id
        outcomes = [(("proposal", i), Decision.ACCEPTED if i == chosen else Decision.REJECTED) for i in members]
        make: Callable[[], object] = lambda: review.pick(chosen)  # noqa: E731
    else:
        outcomes = [(("proposal", i), Decision.REJECTED) for i in members]
        wording, author = (None, "") if d.verb == "combine" else (d.value, reviewer)
        make = lambda: review.combine(members, wording, author=author)  # noqa: E731
    if live is None:
        make = lambda: _made_already(review, outcomes, d)  # noqa: E731
    return outcomes, make


def _made_already(review: Review, outcomes: list[tuple[_Key, Decision]], d: ReviewDecision) -> None:
    """A pick or rewording of a collision earlier decisions settled: fine when it decides what is decided."""
    if d.verb != "pick" or any(review.by_id(key[1]).decision is not outcome for key, outcome in outcomes):
        raise AmendmentError(f"{d.target} is in no collision any more (earlier decisions settled it); "
                             "accept or reject it instead")


def resolve_target(review: Review, target: str) -> tuple[str, str, list[Proposal]]:
    """What a target names: ("author", name, []), ("para", index, []) or ("proposal", id, proposals) (an id,
    or the label of a proposed new paragraph). `author:`, `para:`, `id:` force one reading."""
    prefix, sep, rest = target.partition(":")
    forced = prefix.strip().lower() if sep and prefix.strip().lower() in _PREFIXES else ""
    name = rest.strip() if forced else target
    readings: list[tuple[str, str, list[Proposal]]] = []
    if forced in ("", "id"):
        with contextlib.suppress(AmendmentError):
            readings.append(("proposal", name, [review.by_id(name)]))
    if forced in ("", "author"):
        readings += [("author", a, []) for a in _authors_named(review, name)]
    if forced in ("", "para"):
        readings += _paragraph_named(review, name)
    if len(readings) == 1:
        return readings[0]
    if readings:
        kinds = " and ".join(dict.fromkeys({"proposal": "a proposal id", "author": "an author",
                                            "para": "a paragraph"}[r[0]] for r in readings))
        raise AmendmentError(f"'{name}' is {kinds}; write author:{name}, para:{name} or id:{name}")
    raise AmendmentError(f"'{name}' is no author, paragraph with proposals, or proposal id of this merge "
                         f"(authors: {', '.join(review.authors) or 'none'}; list the ids with --list)")


def _authors_named(review: Review, name: str) -> list[str]:
    exact = [a for a in review.authors if a == name]
    return exact or [a for a in review.authors if a.casefold() == name.casefold()]


def _paragraph_named(review: Review, name: str) -> list[tuple[str, str, list[Proposal]]]:
    """The draft paragraph with this label and proposals on it, or the proposed new paragraphs so labelled."""
    draft = review.result.draft
    wanted = " ".join(name.removesuffix(".").split())
    para = next((p for p in draft.paragraphs if p.display_label == wanted), None)
    if para is not None and review.on_paragraph(para.index):
        return [("para", str(para.index), [])]
    new = [p for p in review.proposals if p.kind is ProposalKind.INSERT and p.label == wanted]
    return [("proposal", wanted, new)] if new else []


def _proposal(review: Review, target: str) -> Proposal:
    name = target.partition(":")[2].strip() if target.lower().startswith("id:") else target
    try:
        return review.by_id(name)
    except AmendmentError:
        raise AmendmentError(f"no proposal '{name}' in this merge; list the ids with --list") from None


def _chosen(review: Review, members: list[Proposal], value: str) -> Proposal:
    """The collision's proposal named by `value`: its id, or its author's only proposal there."""
    by_id = [p for p in members if value in (p.id, review.public_id(p))]
    if by_id:
        return by_id[0]
    theirs = [p for p in members if any(a == value for a in p.authors)]
    theirs = theirs or [p for p in members if any(a.casefold() == value.casefold() for a in p.authors)]
    if len(theirs) == 1:
        return theirs[0]
    in_it = ", ".join(dict.fromkeys(a for p in members for a in p.authors))
    if not theirs:
        raise AmendmentError(f"{value} has no proposal in this collision (its authors: {in_it})")
    raise AmendmentError(f"{value} has {len(theirs)} proposals in this collision "
                         f"({', '.join(review.public_id(p) for p in theirs)}); pick one by id")
