"""Inputs of the `import` and `merge` stages: delegations' tracked-change redlines of the benchmark draft.

- `redline.docx`: the 1,000 amendments of `amendments.md` written as one redline (`full` form) by one author;
- `previous.docx`: the draft's previous revision: one paragraph early on did not exist yet (every later number
  is one less) and N_STALE paragraphs still had a phrase the draft has since removed;
- `redlines/redline_NN.docx`: N_REDLINES delegations' redlines ("Delegation 01" …), each on 20-60 paragraphs
  (word replacements, insertions and deletions, some "N bis" paragraphs, some whole-paragraph deletions). On
  N_IDENTICAL paragraphs 2-4 delegations propose the same change; on N_CONTESTED 2-3 replace the same words
  differently. The last N_ON_PREVIOUS delegations worked on `previous.docx`; among their changes, a strike of
  each stale phrase, which cannot apply to the draft.
- `redlines.json`: what the merge must make of every change (see `Proposal`).

Every redline is written by the project's own writers (app.textform, app.planning, docx_io.redline_writer).
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.model import Draft
from app.planning import plan_amendments
from app.textform import Severity, import_text_form
from app.wiring.apply import apply_amendments
from bench.generate import (
    Item,
    Prose,
    Span,
    corpus_words,
    mark_spans,
    new_words,
    numbers,
    pick_spans,
    render,
)
from docx_io.package import read_package
from docx_io.reader import draft_from_package
from docx_io.redline_writer import write_redline

N_REDLINES = 50
N_ON_PREVIOUS = 3
N_IDENTICAL = 30
N_CONTESTED = 15
N_STALE = 9
PARAGRAPHS_EACH = (20, 60)
REMOVED_NUMBER = 5  # the draft's paragraph 5 is new since the previous revision
DATE = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
AUTHOR_IMPORT = "Benchmark delegation"  # the author of redline.docx (bench.run's AUTHOR)
APPLIED, COLLISION, NOT_APPLICABLE = "applied", "collision", "not applicable"  # as app.merge reports them


@dataclass(frozen=True)
class Proposal:
    """One change of one redline and what the merge must make of it."""

    label: str  # the draft's label of the paragraph changed (or followed, for a new paragraph)
    kind: str  # modify, insert paragraph, delete paragraph (app.merge's report kinds)
    status: str  # applied, collision, not applicable
    pieces: tuple[tuple[str, str], ...]  # (delete | insert, text) the output must credit to the author


@dataclass
class Redline:
    """One delegation's redline: its text-form entries by draft item, and its proposals."""

    author: str
    file: str
    on_previous: bool
    entries: dict[int, tuple[str, str]] = field(default_factory=dict)  # item -> (kind, body markup)
    proposals: list[Proposal] = field(default_factory=list)


@dataclass
class Previous:
    """The previous revision and how its paragraphs map to the draft's."""

    items: list[Item]
    removed: int  # draft item index not in the previous revision
    stale: dict[int, Span]  # draft item -> the phrase the previous revision still had (a deletion span on it)

    def index(self, i: int) -> int:
        """The previous revision's item index of draft item i."""
        return i - (i > self.removed)


def author_name(k: int) -> str:
    """ "Delegation 01" …"""
    return f"Delegation {k + 1:02d}"


def make_previous(items: list[Item], rng: random.Random, prose: Prose, pool: list[int]) -> Previous:
    """The draft without its paragraph REMOVED_NUMBER, and N_STALE long paragraphs with an extra phrase."""
    labels = numbers(items)
    removed = next(i for i, lab in labels.items() if lab == str(REMOVED_NUMBER))
    long_ones = [i for i in pool if len(items[i].text.split(" ")) >= 30]
    stale: dict[int, Span] = {}
    previous = list(items)
    for i in sorted(rng.sample(long_ones, N_STALE)):
        words = items[i].text.split(" ")
        at = rng.randrange(5, len(words) - 5)
        phrase = prose.phrase(2, 3).split(" ")
        previous[i] = Item(items[i].kind, " ".join(words[:at] + phrase + words[at:]), items[i].label)
        stale[i] = Span(at, at + len(phrase), "delete")
    del previous[removed]
    return Previous(previous, removed, stale)


def make_redlines(items: list[Item], seed: int) -> tuple[list[Redline], Previous]:
    """The delegations' redlines (entries and expected fates) and the previous revision."""
    rng = random.Random(seed + 4)
    prose = Prose(corpus_words(), rng)
    labels = numbers(items)
    simple = [i for i in labels if i + 1 >= len(items) or items[i + 1].kind != "subparagraph"]
    pool = [i for i in simple if labels[i].isdigit() and int(labels[i]) > REMOVED_NUMBER + 1]
    rng.shuffle(pool)
    previous = make_previous(items, rng, prose, pool[:200])
    pool = [i for i in pool if i not in previous.stale]
    redlines = [Redline(author_name(k), f"redline_{k + 1:02d}.docx", k >= N_REDLINES - N_ON_PREVIOUS)
                for k in range(N_REDLINES)]
    hot = [pool.pop() for _ in range(N_IDENTICAL + N_CONTESTED)]
    for n, i in enumerate(hot):
        _shared(items[i].text, i, labels[i], redlines, rng, prose, contested=n >= N_IDENTICAL)
    on_previous = [r for r in redlines if r.on_previous]
    for n, (i, span) in enumerate(sorted(previous.stale.items())):
        owner = on_previous[n % len(on_previous)]
        owner.entries[i] = ("edit", mark_spans(previous.items[previous.index(i)].text, [span]).exact)
        owner.proposals.append(Proposal(labels[i], "modify", NOT_APPLICABLE, ()))
    for redline in redlines:
        wanted = rng.randint(*PARAGRAPHS_EACH) - len(redline.entries)
        for _ in range(max(wanted, 0)):
            _own(items, pool.pop(), labels, redline, rng, prose)
    return redlines, previous


def _shared(text: str, i: int, label: str, redlines: list[Redline], rng: random.Random, prose: Prose,
            contested: bool) -> None:
    """One paragraph several delegations change: the same change, or the same words replaced differently
    (the first two differently; a third agrees with the first half the time)."""
    words = text.split(" ")
    while True:
        picked = pick_spans(words, rng, 1)
        if picked and (not contested or picked[0][2] == "replace"):
            break
    s, e, kind = picked[0]
    authors = rng.sample(redlines, rng.randint(2, 3) if contested else rng.randint(2, 4))
    spans = [new_words(words, s, e, kind, prose)] * len(authors)
    if contested:
        spans[1] = _different(words, spans[:1], prose)
        if len(spans) == 3 and rng.random() < 0.5:
            spans[2] = _different(words, spans[:2], prose)
    for redline, span in zip(authors, spans, strict=True):
        pieces = _pieces(words, span)
        if contested:  # the first strike of the words is kept; each author's insertion beside it
            pieces = tuple(p for p in pieces if p[0] == "insert")
        redline.entries[i] = ("edit", mark_spans(text, [span]).exact)
        redline.proposals.append(Proposal(label, "modify", COLLISION if contested else APPLIED, pieces))


def _different(words: list[str], taken: list[Span], prose: Prose) -> Span:
    """The span of `taken` replaced by wording none of them has."""
    while True:
        other = new_words(words, taken[0].start, taken[0].end, taken[0].kind, prose)
        if all(other.new != span.new for span in taken):
            return other


def _own(items: list[Item], i: int, labels: dict[int, str], redline: Redline, rng: random.Random,
         prose: Prose) -> None:
    """A change only this delegation makes: mostly word edits, sometimes a new or a struck paragraph."""
    text, label = items[i].text, labels[i]
    roll = rng.random()
    if roll < 0.03:
        body = prose.paragraph(prose.length())
        redline.entries[i] = ("bis", body)
        redline.proposals.append(Proposal(label, "insert paragraph", APPLIED, (("insert", body),)))
    elif roll < 0.045:
        redline.entries[i] = ("delete", text)
        redline.proposals.append(Proposal(label, "delete paragraph", APPLIED, (("delete", text),)))
    else:
        words = text.split(" ")
        spans = [new_words(words, s, e, kind, prose)
                 for s, e, kind in pick_spans(words, rng, 2 if rng.random() < 0.25 else 1)]
        redline.entries[i] = ("edit", mark_spans(text, spans).exact)
        redline.proposals += [Proposal(label, "modify", APPLIED, _pieces(words, span)) for span in spans]


def _pieces(words: list[str], span: Span) -> tuple[tuple[str, str], ...]:
    """What the span shows as revisions: the struck words, the inserted ones (a replacement's words
    in common at either end are not changed: the text-form import keeps them)."""
    old, new = words[span.start:span.end], span.new.split()
    while old and new and old[0] == new[0]:
        old, new = old[1:], new[1:]
    while old and new and old[-1] == new[-1]:
        old, new = old[:-1], new[:-1]
    return tuple((kind, " ".join(t)) for kind, t in (("delete", old), ("insert", new)) if t)


def text_form(redline: Redline, labels: dict[int, str]) -> str:
    """The redline's entries as a text form, labelled as in the text it was made on."""
    lines = [f"# Amendments of {redline.author}", ""]
    for i in sorted(redline.entries):
        kind, body = redline.entries[i]
        if kind == "bis":
            lines += [f"{labels[i]} bis. **{body}**", ""]
        elif kind == "delete":
            lines += [f"{labels[i]}. ~~{body}~~", ""]
        else:
            lines += [f"{labels[i]}. {body}", ""]
    return "\n".join(lines)


def write_redline_files(out: Path, items: list[Item], seed: int) -> dict[str, object]:
    """previous.docx, redline.docx, redlines/*.docx and redlines.json; returns a summary for the manifest."""
    redlines, previous = make_redlines(items, seed)
    render(previous.items, out / "previous.docx")
    apply_amendments(out / "draft.docx", out / "amendments.md", out / "redline.docx", form="full",
                     author=AUTHOR_IMPORT, organisation="", date=DATE)
    folder = out / "redlines"
    folder.mkdir(exist_ok=True)
    draft_labels, previous_labels = numbers(items), numbers(previous.items)
    by_draft_index = {i: previous_labels[previous.index(i)] for i in draft_labels if i != previous.removed}
    bases = {on: out / ("previous.docx" if on else "draft.docx") for on in (False, True)}
    drafts = {on: draft_from_package(read_package(path)) for on, path in bases.items()}
    for k, redline in enumerate(redlines):
        on = redline.on_previous
        _write_one(bases[on], drafts[on], text_form(redline, by_draft_index if on else draft_labels),
                   redline.author, DATE + timedelta(minutes=k), folder / redline.file)
    expected = [{**asdict(r), "entries": None} for r in redlines]
    (out / "redlines.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1), encoding="utf-8")
    statuses = [p.status for r in redlines for p in r.proposals]
    return {
        "files": len(redlines), "on_previous": N_ON_PREVIOUS, "identical": N_IDENTICAL, "contested": N_CONTESTED,
        "stale": N_STALE, "paragraphs": sum(len(r.entries) for r in redlines),
        "changes": len(statuses), "collisions": statuses.count(COLLISION),
        "not_applicable": statuses.count(NOT_APPLICABLE),
    }


def _write_one(base: Path, draft: Draft, form: str, author: str, date: datetime, path: Path) -> None:
    """One redline: the text form imported on `draft` (read from `base`), written in the `full` form."""
    imported = import_text_form(draft, form, author=author)
    errors = [str(d) for d in imported.diagnostics if d.severity is Severity.ERROR]
    if errors:
        raise RuntimeError(f"{path.name}: the generated text form does not import: {errors[:3]}")
    write_redline(read_package(base), plan_amendments(draft, imported.amendments, author, date), path)
