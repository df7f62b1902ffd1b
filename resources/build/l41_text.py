"""Clean the text of A/80/L.41 as poppler extracted it (`pdftotext -layout`) into structured blocks.

Pure functions, one pass each: split pages, drop page furniture (running symbol, "15/20",
"25-20327", "(E) 161225", barcode), split off the footnote zone, mark footnote references, cut the
front matter, segment the body into preamble paragraphs, headings and numbered paragraphs (by
their expected number), join lines, then repair extraction artefacts: spaced hyphens
("High -level", "micro -,"), a space before punctuation ("technologies ."), words split by a
space ("develop ment"). The -layout text is used because it keeps line-end hyphens
("knowledge-" / "sharing"), which the plain text silently drops.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

FN_OPEN, FN_CLOSE = "\ue000", "\ue001"  # footnote reference marker inside cleaned text
_FN_MARK = re.compile(f"{FN_OPEN}(\\d+){FN_CLOSE}")
_FURNITURE = (
    re.compile(r"A/\d+/L\.\d+"),  # running symbol
    re.compile(r"(?:\d{1,2}/\d{1,2}\s+)?\d{2}-\d{5}(?:\s+\d{1,2}/\d{1,2})?"),  # "2/20   25-20327"
    re.compile(r"\d{2}-\d{5} \(E\)\s+\d{6}"),  # first-page job line
    re.compile(r"\*\d{7}\*"),  # barcode
)
_FOOTNOTE_RULE = re.compile(r"_{10,}")
_PARA_START = re.compile(r"(\d{1,3})\.\s+(\S.*)")
_SUB_START = re.compile(r"(\([a-z]{1,5}\))\s+(\S.*)")
_TERMINAL = re.compile(f"[.,;:][\"”’)]?(?:{FN_OPEN}\\d+{FN_CLOSE})?$")
PREAMBLE_OPENER = re.compile(r"[A-Z][a-z]+ing(?: (?:also|further|further also|on|upon))?\b")
FOOTNOTE_ITALICS = ("Treaty Series",)


@dataclass(frozen=True)
class Line:
    """A body line: its text (stripped), indentation, the page's base indentation and page number."""

    text: str
    indent: int
    base: int
    page: int


@dataclass(frozen=True)
class CleanBlock:
    """One paragraph of the cleaned text; footnote references are FN_OPEN n FN_CLOSE marks in `marked`."""

    kind: str  # "text" (preamble), "subheading", "paragraph", "subparagraph"
    marked: str
    label: str | None = None

    @property
    def text(self) -> str:
        """The paragraph's text without footnote marks."""
        return _FN_MARK.sub("", self.marked)

    def parts(self) -> list[str | int]:
        """Text pieces and footnote numbers in order: ["… Commitment,", 1, " which …"]."""
        pieces = _FN_MARK.split(self.marked)
        return [int(p) if i % 2 else p for i, p in enumerate(pieces) if i % 2 or p]


@dataclass(frozen=True)
class FrontMatter:
    """What the first page says above the title."""

    symbol: str
    distribution: str
    date: str
    original: str
    session: str
    agenda_item: str
    agenda_title: str
    sponsor: str
    organ: str
    adopting: str
    title: str
    job_number: str


@dataclass
class L41Text:
    """The cleaned document: front matter, body blocks in order, footnotes by number."""

    front: FrontMatter
    blocks: list[CleanBlock]
    footnotes: dict[int, str]
    merged_words: list[str] = field(default_factory=list)  # "an d" -> "and", … as repaired


class ParseError(ValueError):
    """The text does not have the expected shape."""


# ----- page level -----


def split_pages(layout: str) -> list[list[str]]:
    """Pages (form feeds) as lists of lines; a trailing empty page is dropped."""
    pages = [page.split("\n") for page in layout.split("\f")]
    while pages and not any(line.strip() for line in pages[-1]):
        pages.pop()
    return pages


def is_furniture(line: str) -> bool:
    """Tell whether a line is a running header/footer, job number or barcode."""
    text = line.strip()
    return any(p.fullmatch(text) for p in _FURNITURE)


def job_line(pages: Sequence[Sequence[str]]) -> str:
    """The first page's job line, spaced as DGACM prints it: "25-20327 (E)    161225"."""
    for line in pages[0]:
        m = re.fullmatch(r"(\d{2}-\d{5}) \(E\)\s+(\d{6})", line.strip())
        if m:
            return f"{m.group(1)} (E)    {m.group(2)}"
    raise ParseError("no job number line on the first page")


def split_footnote_zone(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """(body lines, footnote lines) of a page: the footnotes follow the "____" rule."""
    for i, line in enumerate(lines):
        if _FOOTNOTE_RULE.fullmatch(line.strip()):
            return list(lines[:i]), list(lines[i + 1:])
    return list(lines), []


def parse_footnotes(lines: Iterable[str]) -> dict[int, str]:
    """Footnotes of one page: a line with the number alone, then its text lines."""
    notes: dict[int, list[str]] = {}
    current: int | None = None
    for line in lines:
        text = line.strip()
        if not text or is_furniture(line):
            continue
        if re.fullmatch(r"\d{1,3}", text):
            current = int(text)
            notes[current] = []
        elif current is None:
            raise ParseError(f"footnote text without a number: {text!r}")
        else:
            notes[current].append(text)
    return {n: normalise_space(" ".join(parts)) for n, parts in notes.items()}


def mark_footnote_refs(lines: list[str], numbers: Sequence[int]) -> list[str]:
    """Replace each footnote number's reference (" 1" after a word or punctuation) by a mark, in order."""
    out = list(lines)
    row, col = 0, 0
    for n in sorted(numbers):
        pattern = re.compile(rf"(?<=[^\s\d]) {n}(?= |$)")
        while row < len(out):
            m = pattern.search(out[row], col)
            if m:
                out[row] = out[row][: m.start()] + f"{FN_OPEN}{n}{FN_CLOSE}" + out[row][m.end():]
                col = m.start() + 1
                break
            row, col = row + 1, 0
        else:
            raise ParseError(f"reference to footnote {n} not found on its page")
    return out


# ----- front matter and body -----


def take_front_matter(lines: Sequence[str], job_number: str) -> tuple[FrontMatter, int]:
    """Read the first page's masthead, session block, sponsor line, organ, adopting text and title.

    Returns the front matter and the index of the first body line (the first preamble paragraph).
    """
    stripped = [line.strip() for line in lines]

    def find(pattern: str, start: int = 0) -> tuple[int, re.Match[str]]:
        for i in range(start, len(stripped)):
            m = re.search(pattern, stripped[i])
            if m:
                return i, m
        raise ParseError(f"front matter: no line matching {pattern!r}")

    def paragraph_from(start: int) -> tuple[int, str]:
        end = start
        while end < len(stripped) and stripped[end]:
            end += 1
        return end, join_lines(stripped[start:end])

    _, symbol = find(r"^United Nations\s+(\S.*)$")
    _, distr = find(r"Distr\.:\s*(\S+)")
    _, date = find(r"^(\d{1,2} [A-Z][a-z]+ \d{4})$")
    _, original = find(r"Original:\s*(\S+)")
    i_session, session = find(r"^(\S+ session)$")
    i_agenda, agenda = find(r"^(Agenda item \d+)$", i_session)
    _, agenda_title = paragraph_from(i_agenda + 1)
    i_sponsor, sponsor = find(r"^(Draft resolution .*)$", i_agenda)
    i_organ, organ = find(r"^(The \S.*)$", i_sponsor + 1)
    end, adopting = paragraph_from(i_organ + 1)
    i_title, _ = find(r"\S", end)
    end, title = paragraph_from(i_title)
    i_body, _ = find(r"\S", end)
    front = FrontMatter(
        symbol=symbol.group(1), distribution=distr.group(1), date=date.group(1), original=original.group(1),
        session=session.group(1), agenda_item=agenda.group(1), agenda_title=agenda_title,
        sponsor=sponsor.group(1), organ=organ.group(1), adopting=adopting, title=title, job_number=job_number,
    )
    return front, i_body


def body_lines(pages_body: Sequence[Sequence[str]], first_page_start: int) -> list[Line]:
    """Non-empty body lines of all pages, with each page's base (smallest) indentation."""
    out: list[Line] = []
    for number, lines in enumerate(pages_body, start=1):
        keep = lines[first_page_start:] if number == 1 else lines
        texts = [(len(line) - len(line.lstrip()), line.strip()) for line in keep if line.strip()]
        if not texts:
            continue
        base = min(indent for indent, _ in texts)
        out.extend(Line(text, indent, base, number) for indent, text in texts)
    return out


def segment(lines: Sequence[Line]) -> list[tuple[str, str | None, list[str]]]:
    """Group lines into (kind, label, lines): preamble "text", "paragraph" N in sequence, "subparagraph".

    Preamble paragraphs start at an indented first line; numbered paragraphs at the next expected
    "N."; headings are split off afterwards (split_headings).
    """
    blocks: list[tuple[str, str | None, list[str]]] = []
    expected = 1
    for line in lines:
        para = _PARA_START.fullmatch(line.text)
        sub = _SUB_START.fullmatch(line.text)
        if para and int(para.group(1)) == expected:
            blocks.append(("paragraph", para.group(1), [para.group(2)]))
            expected += 1
        elif sub and expected > 1 and line.indent > line.base + 2:
            blocks.append(("subparagraph", sub.group(1), [sub.group(2)]))
        elif expected == 1 and (not blocks or line.indent > line.base + 2):
            blocks.append(("text", None, [line.text]))
        else:
            blocks[-1][2].append(line.text)
    return split_headings(blocks)


def split_headings(
    blocks: list[tuple[str, str | None, list[str]]],
) -> list[tuple[str, str | None, list[str]]]:
    """Move heading lines glued to the end of the block before a numbered paragraph into their own block.

    A heading is the run of last lines that do not end a sentence, starting with a capital, after a
    line that does end one.
    """
    out: list[tuple[str, str | None, list[str]]] = []
    for i, (kind, label, lines) in enumerate(blocks):
        followed_by_para = i + 1 < len(blocks) and blocks[i + 1][0] == "paragraph"
        cut = len(lines)
        while followed_by_para and cut > 1 and not _TERMINAL.search(lines[cut - 1]):
            cut -= 1
        if cut < len(lines) and _TERMINAL.search(lines[cut - 1]) and lines[cut][:1].isupper():
            out.append((kind, label, lines[:cut]))
            out.append(("subheading", None, lines[cut:]))
        else:
            out.append((kind, label, lines))
    return out


# ----- text repairs -----


def join_lines(lines: Iterable[str]) -> str:
    """Join a paragraph's lines: a space between lines, none after a line-end hyphen (kept)."""
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        text = text + line if (not text or text.endswith("-")) else f"{text} {line}"
    return text


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace to one space and trim."""
    return re.sub(r"\s+", " ", text).strip()


def fix_spaced_hyphens(text: str) -> str:
    """"High -level" -> "High-level", "micro -," -> "micro-,", "2021 –2025" -> "2021–2025"."""
    text = re.sub(r"(?<=\w) -(?=[\w,])", "-", text)
    return re.sub(r"(?<=\d) –(?=\d)", "–", text)


def fix_space_before_punctuation(text: str) -> str:
    """"technologies ." -> "technologies."."""
    return re.sub(r"(?<=\w) (?=[.,;:](?:\s|$))", "", text)


def word_counts(texts: Iterable[str]) -> Counter[str]:
    """How often each (lower-case) word occurs in the texts."""
    return Counter(w.lower() for text in texts for w in re.findall(r"[A-Za-z]+", _FN_MARK.sub(" ", text)))


def merge_split_words(text: str, counts: Counter[str]) -> tuple[str, list[str]]:
    """Join "develop ment" -> "development" when one piece occurs nowhere else and the whole word does.

    Returns the text and the pairs joined ("develop ment").
    """
    merged: list[str] = []

    def join(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        whole = (a + b).lower()
        lonely = counts[a.lower()] <= 1 or counts[b.lower()] <= 1
        if lonely and counts[whole] >= 1:
            merged.append(f"{a} {b}")
            return a
        return m.group(0)

    # b is only looked at, not consumed, so "skills an d" still tries "an d" after "skills an".
    return re.sub(r"(?<![A-Za-z])([A-Za-z]+) (?=([a-z]+)(?![A-Za-z]))", join, text), merged


def clean_text(text: str) -> str:
    """The repairs that need no vocabulary, in order."""
    return normalise_space(fix_space_before_punctuation(fix_spaced_hyphens(normalise_space(text))))


def split_italic(text: str, phrases: Sequence[str]) -> list[tuple[str, bool]]:
    """Split text into (piece, italic) around the given phrases ("Treaty Series")."""
    if not phrases:
        return [(text, False)]
    pattern = re.compile("(" + "|".join(re.escape(p) for p in phrases) + ")")
    return [(piece, i % 2 == 1) for i, piece in enumerate(pattern.split(text)) if piece]


def preamble_opener(text: str) -> int:
    """Length of a preambular paragraph's italic opening ("Recalling also", "Building on"); 0 if none."""
    m = PREAMBLE_OPENER.match(text)
    return m.end() if m else 0


# ----- whole document -----


def parse_l41(layout: str) -> L41Text:
    """Parse and clean the -layout text of A/80/L.41."""
    pages = split_pages(layout)
    job = job_line(pages)
    footnotes: dict[int, str] = {}
    pages_body: list[list[str]] = []
    for lines in pages:
        body, zone = split_footnote_zone(lines)
        notes = parse_footnotes(zone)
        footnotes.update(notes)
        body = [line for line in body if not is_furniture(line)]
        pages_body.append(mark_footnote_refs(body, list(notes)))
    front, start = take_front_matter(pages_body[0], job)
    raw = [(kind, label, clean_text(join_lines(lines))) for kind, label, lines in segment(
        body_lines(pages_body, start))]
    counts = word_counts(text for _, _, text in raw)
    blocks: list[CleanBlock] = []
    merged_all: list[str] = []
    for kind, label, text in raw:
        text, merged = merge_split_words(text, counts)
        merged_all.extend(merged)
        blocks.append(CleanBlock(kind, text, label))
    front = FrontMatter(**{k: v if k == "job_number" else clean_text(v) for k, v in vars(front).items()})
    return L41Text(front, blocks, footnotes, merged_all)
