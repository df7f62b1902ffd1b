"""An incoming redline in domain terms: each paragraph's original text and its changes, each change
with the author who made it (as read from someone else's tracked-change file)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.model import PLAIN, Formatting, Kind
from app.segments import Op, Segment


@dataclass(frozen=True)
class Change:
    """A segment with the author and date of the revision that made it (none for unchanged text)."""

    op: Op
    text: str
    author: str = ""
    date: str = ""
    # An insertion another author then deleted (w:del inside w:ins): who struck it, and when. The words are the
    # inserting author's proposal; the striker proposes that insertion without them (see striker_versions).
    struck_by: str = ""
    struck_date: str = ""
    # The move it is half of (w:moveFrom / w:moveTo): the name of its range, pairing it with the other half.
    move: str = ""

    @property
    def segment(self) -> Segment:
        """The change without its attribution."""
        return Segment(self.op, self.text)


@dataclass(frozen=True)
class IncomingComment:
    """A Word comment in an incoming file: who wrote it, when, what it says and the text it is anchored on.

    `start`/`end` are offsets in its paragraph's original (reject-all) text; `anchored` is all the text between
    its marks as the author saw it (inserted and deleted words included), since a delegation often comments on
    the words it inserted. A reply names its parent comment's id (commentsExtended paraIdParent)."""

    id: str
    author: str
    text: str
    date: str = ""
    anchored: str = ""
    start: int = 0
    end: int = 0
    parent: str = ""  # the id of the comment this one answers ("" for a thread's first comment)
    resolved: bool = False  # marked done in Word (commentsExtended w15:done), or its thread is


@dataclass(frozen=True)
class IncomingFormat:
    """A tracked formatting change in an incoming file (w:rPrChange on a run, w:pPrChange on a paragraph).

    A run's change covers [start, end) of its paragraph's original (reject-all) text, with the formatting
    before (`old`) and after (`new`); a paragraph's change gives the style before and after."""

    author: str
    date: str
    start: int = 0
    end: int = 0
    new: Formatting = PLAIN
    old: Formatting = PLAIN
    paragraph: bool = False  # a w:pPrChange: the paragraph's properties
    style_id: str | None = None
    old_style_id: str | None = None

    @property
    def what(self) -> str:
        """In words, for the report: "bold on", "style Heading1 (was Normal)"."""
        if self.paragraph:
            return f"paragraph style {self.style_id or '(default)'} (was {self.old_style_id or '(default)'})"
        parts = [f"{name} {'on' if new else 'off'}" for name, new, old in (
            ("bold", self.new.bold, self.old.bold), ("italic", self.new.italic, self.old.italic),
            ("underline", self.new.underline, self.old.underline)) if new != old]
        if self.new.char_style != self.old.char_style:
            parts.append(f"character style {self.new.char_style or '(none)'}")
        return ", ".join(parts) or "formatting"


@dataclass
class IncomingParagraph:
    """One paragraph of an incoming file: original (reject-all) text, the changes, and its fate."""

    anchor: int  # block-paragraph ordinal in the incoming file
    changes: list[Change] = field(default_factory=list)
    inserted: bool = False  # a paragraph added by the redline (its mark inserted, all of it inserted)
    deleted: bool = False  # a paragraph struck whole (its mark deleted, all of it deleted)
    in_table: bool = False
    mark_inserted: bool = False  # its paragraph mark is a tracked insertion (gone on reject)
    mark_deleted: bool = False  # its paragraph mark is a tracked deletion (gone on accept)
    rationale: str = ""  # why, when the source says (the text form's rationale)
    option: str = ""  # an either/or option it is part of, in words: "Option A; or Option B: para 84"
    mark_author: str = ""  # who inserted or deleted the paragraph mark
    # The label the document reader gives this paragraph (docx_io.reader, as `show` prints it), its kind and
    # where its body starts; labelled False when no reader labelled it (the label is then read from the text).
    label: str | None = None
    kind: Kind = Kind.TEXT
    body_start: int = 0
    labelled: bool = False
    comments: list[IncomingComment] = field(default_factory=list)  # anchored in this paragraph, in file order
    formats: list[IncomingFormat] = field(default_factory=list)  # tracked formatting changes, in file order

    @property
    def joined_on(self) -> bool:
        """Its mark alone is struck: the author joins it with the next paragraph, keeping the text."""
        return self.mark_deleted and not self.deleted

    @property
    def split_off(self) -> bool:
        """Its mark alone is inserted: the author split a paragraph here, keeping the text."""
        return self.mark_inserted and not self.inserted

    @property
    def original(self) -> str:
        """The text before the changes (reject-all)."""
        return "".join(c.text for c in self.changes if c.op is not Op.INSERT)

    @property
    def proposed(self) -> str:
        """The text after the changes (accept-all)."""
        return "".join(c.text for c in self.changes if c.op is not Op.DELETE and not c.struck_by)

    @property
    def authors(self) -> set[str]:
        """Who changed this paragraph (a striker of another author's insertion too)."""
        return {c.author for c in self.changes if c.op is not Op.EQUAL and c.author} | self.strikers

    @property
    def strikers(self) -> set[str]:
        """Who struck words of another author's insertion here."""
        return {c.struck_by for c in self.changes if c.struck_by}

    @property
    def changed(self) -> bool:
        """Whether the paragraph carries any change."""
        return self.inserted or self.deleted or any(c.op is not Op.EQUAL and c.text for c in self.changes)


@dataclass(frozen=True)
class StrikerVersion:
    """A striker's version of another author's change: that change without the words the striker struck.

    `segments` cover the whole paragraph (its other changes as unchanged original text); `amends` is the
    author whose insertion was struck, `struck` the words struck."""

    segments: list[Segment]
    amends: str
    struck: str


def own_segments(changes: list[Change], author: str) -> list[Segment]:
    """The author's own changes over the paragraph's original text; every other change (and the runs of
    changes the author struck into, which are their StrikerVersions) read as the original."""
    runs = _struck_runs(changes, author)
    out: list[Segment] = []
    for k, c in enumerate(changes):
        if c.op is Op.EQUAL or c.author != author or any(k in run for run in runs):
            if c.op is not Op.INSERT:
                out.append(Segment(Op.EQUAL, c.text))  # other authors' strikes: not this author's
            continue
        out.append(c.segment)
    return out


def striker_versions(changes: list[Change], author: str) -> list[StrikerVersion]:
    """Each stretch of changes where `author` struck words another author had inserted, as the author's version
    of it: the stretch's strikes and insertions, less the words `author` struck (the simplest faithful reading
    of a deletion nested in someone's insertion: a rival wording of that person's proposal)."""
    out = []
    for run in _struck_runs(changes, author):
        segments: list[Segment] = []
        for k, c in enumerate(changes):
            if k not in run:
                if c.op is not Op.INSERT:
                    segments.append(Segment(Op.EQUAL, c.text))
            elif c.struck_by != author:
                segments.append(c.segment)
        struck = [changes[k] for k in run if changes[k].struck_by == author]
        out.append(StrikerVersion(segments, struck[0].author, "".join(c.text for c in struck)))
    return out


def _struck_runs(changes: list[Change], author: str) -> list[range]:
    """The maximal stretches of consecutive changes (no unchanged text between) holding an insertion `author` struck."""
    runs: list[range] = []
    k = 0
    while k < len(changes):
        if changes[k].op is Op.EQUAL:
            k += 1
            continue
        start = k
        while k < len(changes) and changes[k].op is not Op.EQUAL:
            k += 1
        if any(changes[i].struck_by == author for i in range(start, k)):
            runs.append(range(start, k))
    return runs


def original_lines(paragraphs: list[IncomingParagraph]) -> list[str]:
    """The file's paragraphs after reject-all: a paragraph whose mark was inserted runs on into the next."""
    return _joined(paragraphs, lambda p: p.original, lambda p: p.mark_inserted)


def proposed_lines(paragraphs: list[IncomingParagraph]) -> list[str]:
    """The file's paragraphs after accept-all: a paragraph whose mark was deleted runs on into the next."""
    return _joined(paragraphs, lambda p: p.proposed, lambda p: p.mark_deleted)


def _joined(
    paragraphs: list[IncomingParagraph], text: Callable[[IncomingParagraph], str],
    runs_on: Callable[[IncomingParagraph], bool],
) -> list[str]:
    lines: list[str] = []
    pending = ""
    for i, para in enumerate(paragraphs):
        # The last paragraph of a body or cell keeps its mark whatever it says.
        last_in_run = i + 1 == len(paragraphs) or paragraphs[i + 1].in_table != para.in_table
        if runs_on(para) and not last_in_run:
            pending += text(para)
            continue
        lines.append(pending + text(para))
        pending = ""
    return lines


def merge_changes(changes: list[Change]) -> list[Change]:
    """Join neighbours of the same kind and attribution; drop empty ones."""
    out: list[Change] = []
    for c in changes:
        if not c.text:
            continue
        last = out[-1] if out else None
        if last is not None and _key(last) == _key(c):
            out[-1] = Change(c.op, last.text + c.text, c.author, c.date, c.struck_by, c.struck_date)
        else:
            out.append(c)
    return out


def _key(c: Change) -> tuple[Op, str, str, str, str]:
    return c.op, c.author, c.date, c.struck_by, c.struck_date
