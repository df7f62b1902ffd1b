"""The Draft: a document's paragraphs in order, each known by its printed label.

Produced by docx_io.reader; consumed by amendments, the redline engine and the writers.
`Paragraph.anchor` is the paragraph's ordinal among the document's block-level paragraphs
(docx_io.paragraphs.iter_block_paragraphs), which is how writers find its `w:p` again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from app.errors import LabelError
from app.labels import LabelKey, label_key, parse_label


class Kind(StrEnum):
    """What a paragraph is in the draft's structure."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"  # a numbered paragraph ("66.")
    SUBPARAGRAPH = "subparagraph"  # "(a)", "(i)" under a numbered paragraph
    TEXT = "text"  # unnumbered body text (preamble, chapeau, table text)


@dataclass(frozen=True)
class Formatting:
    """Character formatting of a run, as far as the app needs to show and reproduce it."""

    bold: bool = False
    italic: bool = False
    underline: bool = False
    strike: bool = False
    superscript: bool = False
    subscript: bool = False
    font: str | None = None
    size_half_points: int | None = None
    char_style: str | None = None  # a character style's id (w:rStyle), e.g. "Emphasis"; not resolved


PLAIN = Formatting()


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting."""

    text: str
    formatting: Formatting = PLAIN


@dataclass
class Paragraph:
    """One block-level paragraph of the draft (its accepted text)."""

    index: int  # position in Draft.paragraphs
    anchor: int  # ordinal among block-level w:p of the main document part
    text: str  # full text as printed, typed number included
    kind: Kind = Kind.TEXT
    label: str | None = None
    body_start: int = 0  # offset where the body starts, after a typed "66.<tab>"
    number_text: str | None = None  # an automatic number as Word prints it ("66.", "(a)"); not in text
    runs: tuple[Run, ...] = ()
    style: str | None = None  # style name, e.g. "__Single Txt"
    style_id: str | None = None  # style id, e.g. "SingleTxt"
    heading_level: int | None = None
    in_table: bool = False
    footnote_ids: tuple[str, ...] = ()
    has_revisions: bool = False  # carried tracked changes when read (read as accepted)

    @property
    def body(self) -> str:
        """The text after the typed label ("We invite …" of "66.\tWe invite …")."""
        return self.text[self.body_start:]

    @property
    def prefix(self) -> str:
        """The typed label part of the text ("66.\t"), empty when numbered automatically or unnumbered."""
        return self.text[: self.body_start]

    @property
    def display_label(self) -> str:
        """Label, or a placeholder naming the position for unlabelled paragraphs."""
        return self.label if self.label is not None else f"¶{self.index + 1}"


@dataclass
class Draft:
    """A document read for amending: ordered paragraphs, footnotes and what the reader noticed."""

    paragraphs: list[Paragraph]
    path: Path | None = None
    sha256: str = ""
    title: str = ""
    footnotes: dict[str, str] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)  # told to the user: accepted revisions, duplicates
    tracked_change_count: int = 0
    notes: list[NoteStory] = field(default_factory=list)  # its footnotes and endnotes, in reference order
    _by_label: dict[str, Paragraph] = field(default_factory=dict, init=False, repr=False)
    _by_key: dict[LabelKey, Paragraph] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        """Rebuild the label index after paragraphs changed (first paragraph wins on duplicates)."""
        self._by_label = {}
        self._by_key = {}
        for i, para in enumerate(self.paragraphs):
            para.index = i
            if para.label is not None and para.label not in self._by_label:
                self._by_label[para.label] = para
                try:
                    self._by_key.setdefault(label_key(para.label), para)
                except LabelError:
                    continue  # a label set by hand that no scheme knows: reachable by its exact spelling only

    @property
    def labels(self) -> frozenset[str]:
        """All labels in the draft."""
        return frozenset(self._by_label)

    def has_label(self, label: str) -> bool:
        """Tell whether a label (in any spelling parse_label accepts) is in the draft."""
        return self._find(label) is not None

    def _find(self, label: str) -> Paragraph | None:
        """The paragraph a label in any spelling, script or alias ("OP5", "66 (a)" for "66 (а)") addresses."""
        found = self._by_label.get(label)
        if found is not None:
            return found
        try:
            return self._by_key.get(label_key(label))
        except LabelError:
            return None

    def resolve(self, label: str) -> str:
        """The draft's own spelling of a label typed in any form; LabelError when it is not in the draft."""
        found = self.by_label(label).label
        assert found is not None
        return found

    def by_label(self, label: str) -> Paragraph:
        """The paragraph printed with this label; LabelError naming the nearest labels if absent."""
        exact = self._by_label.get(label)  # also a label no scheme parses: a note's paragraph ("66 fn1")
        if exact is not None:
            return exact
        canonical = parse_label(label)
        para = self._find(label)
        if para is None:
            raise LabelError(
                f"paragraph '{canonical}' is not in the draft{self._nearest_hint(canonical)}; "
                "run 'redline-desk show' to list the labels"
            )
        return para

    def _nearest_hint(self, label: str) -> str:
        if not self._by_label:
            return " (the draft has no numbered paragraphs)"
        key = label_key(label)
        ordered = sorted(self._by_key)
        below = [self._by_key[k].label for k in ordered if k < key]
        above = [self._by_key[k].label for k in ordered if k > key]
        parts = []
        if below:
            parts.append(f"'{below[-1]}'")
        if above:
            parts.append(f"'{above[0]}'")
        return f" (nearest: {' and '.join(parts)})" if parts else ""

    def labelled(self) -> list[Paragraph]:
        """Paragraphs that carry a label, in document order."""
        return [p for p in self.paragraphs if p.label is not None]


@dataclass
class NoteStory:
    """One footnote or endnote of a draft: its own paragraphs, read like the body's (anchors count the note's
    block paragraphs), and the name reports and amendments give it ("66 fn1": the first footnote referenced in
    paragraph 66; "endnote 3": the third endnote)."""

    kind: str  # footnote, endnote
    id: str  # its w:id in the notes part
    name: str
    number: int  # its printed number (1, 2, …: its place among the notes of its kind)
    draft: Draft
    paragraph: str | None = None  # the label of the body paragraph that references it
    order: int = 0  # its place among that paragraph's notes of its kind (1: "66 fn1")

