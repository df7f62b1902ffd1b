"""Deterministic benchmark inputs: a 500-page UN-style draft, 1,000 amendments in the text form,
and a second revision of the draft for `compare`.

Prose comes from an order-2 word Markov chain trained on the real A/80/L.41 text, so word
lengths, vocabulary and punctuation are realistic while every paragraph is different. All
randomness comes from one `random.Random(seed)`; the same seed gives byte-identical files.

The generators are pure functions over `Item` lists; `write_inputs` renders them to files.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/drafts/A_80_L.41.txt")
SEED = 20261123
N_PARAGRAPHS = 10_000  # all body paragraphs: numbered, sub-paragraphs, headings
N_AMENDMENTS = 1_000
N_BIS = 20
N_WHOLE_DELETIONS = 5
NATURAL_SHARE = 0.5  # amendments typed with spaces around the markers; the rest exact
N_REVISION_EDITS = 1_000  # 2 inserted paragraphs, 1 move, 1 deletion, the rest word-level edits
CHARS_PER_PAGE = 2_490  # LibreOffice lays out the default-seed draft (1,332,188 characters) on 535 pages
SYMBOL = "A/81/L.99"
DATE = "23 November 2026"

# The reader's view of the front matter UNDocument writes before the body (session, agenda item).
FRONT = ("Eighty-first session", "Agenda item 15")

_JUNK_LINE = re.compile(
    r"^\s*$|^A/80/L\.41$|^\d+/20$|^25-20327|^_+$|^\d{1,3}$|^\*\d+\*$|^\d{6}$|^(See |Ibid|Resolution \d)"
)
_NUMBER_START = re.compile(r"^\d{1,3}\.(?:\s+|$)")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
          "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV", "XXVI", "XXVII",
          "XXVIII", "XXIX", "XXX", "XXXI", "XXXII", "XXXIII", "XXXIV", "XXXV", "XXXVI", "XXXVII",
          "XXXVIII", "XXXIX", "XL", "XLI", "XLII", "XLIII", "XLIV", "XLV", "XLVI", "XLVII", "XLVIII",
          "XLIX", "L", "LI", "LII", "LIII", "LIV", "LV", "LVI", "LVII", "LVIII", "LIX", "LX")


@dataclass(frozen=True)
class Item:
    """One body paragraph. Numbered paragraphs get their number when rendered, unless `label` is set."""

    kind: str  # "title", "text", "chapter", "heading", "paragraph", "subparagraph"
    text: str  # the body, without the typed label
    label: str | None = None  # "I." (chapter), "A." (heading), "(a)" (sub), "83 bis" (fixed number)


@dataclass
class Amendments:
    """The text form and what the amended draft must read like once all revisions are accepted."""

    text: str
    expected: list[str]  # accepted texts of the body paragraphs
    changes: int  # marked changes (~~ / ** spans), for the revision-count plausibility check
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class Revision:
    """The second revision's items and a summary of what was done to them."""

    items: list[Item]
    counts: dict[str, int] = field(default_factory=dict)


# ----- prose -----

def corpus_words(path: Path = CORPUS) -> list[str]:
    """The words of the real draft's body, page furniture and footnote markers removed."""
    raw = path.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(raw) if line.strip() == "Introduction"), -1) + 1
    lines = [s for s in (line.strip() for line in raw[start:]) if not _JUNK_LINE.match(s)]
    # A heading is a line without final punctuation right before a paragraph number.
    lines = [s for s, nxt in zip(lines, [*lines[1:], ""], strict=True)
             if not (_NUMBER_START.match(nxt) and s[-1] not in ".,;:")]
    text = " ".join(_NUMBER_START.sub("", s) for s in lines)
    text = re.sub(r"(?<=[a-z,.;)”])\s\d{1,3}(?=\s)", "", text)  # footnote numbers
    text = re.sub(r"(?<=\w) -(?=\w)", "-", text)  # "High -level"
    return text.split()


class Prose:
    """An order-2 word Markov chain over the corpus."""

    def __init__(self, words: Sequence[str], rng: random.Random) -> None:
        self.rng = rng
        self.chain: dict[tuple[str, str], list[str]] = {}
        self.starts: list[tuple[str, str]] = []
        for i in range(len(words) - 2):
            self.chain.setdefault((words[i], words[i + 1]), []).append(words[i + 2])
            if (i == 0 or words[i - 1].endswith(".")) and words[i][:1].isupper():
                self.starts.append((words[i], words[i + 1]))
        self.plain = [w for w in words if w.isalpha() and w.islower() and len(w) > 1]

    def paragraph(self, min_words: int, end: str = ".") -> str:
        """At least min_words words, stopping at the first punctuation after that; ends with `end`."""
        out: list[str] = []
        while True:
            a, b = self.rng.choice(self.starts)
            out += [a, b]
            while True:
                if len(out) >= min_words and out[-1][-1] in ",;.:":
                    return " ".join(out)[:-1] + end
                nxt = self.chain.get((a, b))
                if not nxt or len(out) > min_words + 40:
                    out[-1] = out[-1].rstrip(",;.:") + "."
                    if len(out) >= min_words:
                        return " ".join(out)[:-1] + end
                    break
                a, b = b, self.rng.choice(nxt)
                out.append(b)

    def phrase(self, lo: int, hi: int) -> str:
        """lo..hi plain lower-case words (for insertions and replacements)."""
        return " ".join(self.rng.choice(self.plain) for _ in range(self.rng.randint(lo, hi)))

    def heading(self) -> str:
        a, b = self.rng.choice(self.starts)
        words, n = [a, b], self.rng.randint(3, 7)
        while len(words) < n and (a, b) in self.chain:
            a, b = b, self.rng.choice(self.chain[(a, b)])
            words.append(b)
        return " ".join(words).rstrip(",;.:")

    def length(self) -> int:
        return max(5, min(150, int(self.rng.lognormvariate(1.8, 0.6))))


# ----- the draft -----

def make_draft(seed: int = SEED, n: int = N_PARAGRAPHS) -> list[Item]:
    """About n body paragraphs: chapters, a heading every ~20 paragraphs, some (a)/(b) lists."""
    rng = random.Random(seed)
    prose = Prose(corpus_words(), rng)
    seen: set[str] = set()

    def unique(make: Callable[[], str]) -> str:
        while True:
            text = make()
            if text not in seen:
                seen.add(text)
                return text

    items = [
        Item("title", "Draft outcome document of the high-level meeting on the review of the "
                      "information society"),
        Item("text", "The General Assembly,"),
    ]
    chapter = heading = 0
    while len(items) < n:
        if heading % 10 == 0:
            items.append(Item("chapter", unique(prose.heading), f"{_ROMAN[chapter % len(_ROMAN)]}."))
            chapter += 1
        items.append(Item("heading", unique(prose.heading), f"{chr(ord('A') + heading % 10)}."))
        heading += 1
        for _ in range(rng.randint(15, 24)):
            if rng.random() < 0.012:
                items.append(Item("paragraph", unique(lambda: prose.paragraph(prose.length(), ":"))))
                subs = rng.randint(2, 4)
                for k in range(subs):
                    end = "." if k == subs - 1 else ";"
                    items.append(Item("subparagraph", unique(partial(prose.paragraph, 8, end)),
                                      f"({chr(ord('a') + k)})"))
            else:
                items.append(Item("paragraph", unique(lambda: prose.paragraph(prose.length()))))
    return items[:n]


def numbers(items: Sequence[Item]) -> dict[int, str]:
    """Item index -> printed label of each numbered paragraph."""
    out: dict[int, str] = {}
    n = 0
    for i, item in enumerate(items):
        if item.kind == "paragraph":
            if item.label is None:
                n += 1
                out[i] = str(n)
            else:
                out[i] = item.label
    return out


def typed_text(item: Item, label: str | None) -> str:
    """The paragraph's text as the reader shows it: typed label, TAB, body."""
    if item.kind == "paragraph":
        return f"{label}.\t{item.text}"
    if item.kind == "subparagraph":
        return f"\t{item.label}\t{item.text}"
    if item.kind == "chapter":
        return f"{item.label}\t{item.text}"
    if item.kind == "heading":
        return f"\t{item.label}\t{item.text}"
    if item.kind == "title":
        return f"\t\t{item.text}"
    return f"\t{item.text}"


def texts(items: Sequence[Item]) -> list[str]:
    labels = numbers(items)
    return [typed_text(item, labels.get(i)) for i, item in enumerate(items)]


# ----- edits inside a paragraph -----

@dataclass(frozen=True)
class Span:
    """One change to words[start:end]: "replace" (by `new`), "insert" (`new` before words[start]) or "delete"."""

    start: int
    end: int
    kind: str
    new: str = ""


@dataclass(frozen=True)
class Marked:
    """A paragraph's body with its changes marked (the text form) and what they amount to."""

    exact: str  # unchanged + struck text is the body character for character (`a ~~b ~~c`, `a ~~b~~**x** c`)
    natural: str  # as people type it, spaces around the markers (`a ~~b~~ c`, `a ~~b~~ **x** c`)
    proposed: str
    changes: int  # marked spans


def pick_spans(words: Sequence[str], rng: random.Random, n_changes: int) -> list[tuple[int, int, str]]:
    """Up to n_changes non-overlapping, non-adjacent (start, end, kind) word spans, in order."""
    spans: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for _ in range(n_changes * 10):
        if len(spans) == n_changes:
            break
        kind = rng.choice(("replace", "insert", "delete"))
        size = 0 if kind == "insert" else rng.randint(1, 3 if kind == "replace" else 5)
        s = rng.randrange(0, len(words) - 1)
        e = s + size
        if e >= len(words) or any(k in taken for k in range(s - 1, e + 1)):
            continue
        if not all(w.isalpha() for w in words[s:e]):
            continue
        spans.append((s, e, kind))
        taken.update(range(s - 1, e + 1))
    return sorted(spans)


def new_words(words: Sequence[str], start: int, end: int, kind: str, prose: Prose) -> Span:
    """The span with new wording drawn for it (a replacement differs from the words it replaces)."""
    if kind == "insert":
        return Span(start, end, kind, prose.phrase(1, 4))
    if kind == "delete":
        return Span(start, end, kind)
    old = " ".join(words[start:end])
    new = prose.phrase(1, 3)
    while new == old:
        new = prose.phrase(1, 3)
    return Span(start, end, kind, new)


def mark_spans(text: str, spans: Sequence[Span]) -> Marked:
    """`text` (words separated by single spaces) with the spans, in order, marked in the text form."""
    words = text.split(" ")
    parts: list[tuple[str, str]] = []  # (op, text), op in "=", "-", "+"
    natural: list[str] = []
    i = 0
    for span in spans:
        s, e = span.start, span.end
        if s > i:
            parts.append(("=", " ".join(words[i:s]) + " "))
        natural += words[i:s]
        old = " ".join(words[s:e])
        if span.kind == "insert":
            parts.append(("+", span.new + " "))
            natural.append(f"**{span.new}**")
        elif span.kind == "delete":
            parts.append(("-", old + " "))
            natural.append(f"~~{old}~~")
        else:
            parts += [("-", old), ("+", span.new), ("=", " ")]
            natural.append(f"~~{old}~~ **{span.new}**")
        i = e
    parts.append(("=", " ".join(words[i:])))
    natural += words[i:]
    exact = "".join(t if op == "=" else (f"~~{t}~~" if op == "-" else f"**{t}**") for op, t in parts)
    assert "".join(t for op, t in parts if op != "+") == text
    changes = sum(1 for op, _ in parts if op != "=")
    return Marked(exact, " ".join(natural), "".join(t for op, t in parts if op != "-"), changes)


def edit_words(text: str, rng: random.Random, prose: Prose, n_changes: int) -> tuple[str, str, str, int]:
    """n_changes non-overlapping word replacements, insertions or phrase deletions in `text`.

    Returns (exact markup, natural markup, proposed text, changes marked); see `Marked`."""
    words = text.split(" ")
    spans = [new_words(words, s, e, kind, prose) for s, e, kind in pick_spans(words, rng, n_changes)]
    marked = mark_spans(text, spans)
    return marked.exact, marked.natural, marked.proposed, marked.changes


# ----- amendments -----

def make_amendments(items: Sequence[Item], seed: int = SEED, n: int = N_AMENDMENTS) -> Amendments:
    """n amendments on distinct numbered paragraphs: N_BIS new "N bis" paragraphs, N_WHOLE_DELETIONS
    whole-paragraph deletions, the rest word replacements, insertions and phrase deletions."""
    rng = random.Random(seed + 1)
    prose = Prose(corpus_words(), rng)
    labels = numbers(items)
    # "N bis" goes right after N: take paragraphs not followed by sub-paragraphs.
    simple = [i for i in labels if i + 1 >= len(items) or items[i + 1].kind != "subparagraph"]
    chosen = rng.sample(simple, n)
    cut = N_BIS + N_WHOLE_DELETIONS
    bis, whole, edits = chosen[:N_BIS], chosen[N_BIS:cut], chosen[cut:]
    expected = texts(items)
    extra: dict[int, list[str]] = {}
    entries: dict[int, str] = {}
    changes = 0
    counts = {"bis": len(bis), "whole_deletion": len(whole), "edited": len(edits), "two_changes": 0,
              "natural_spacing": 0}
    for i in bis:
        body = prose.paragraph(prose.length())
        entries[i] = f"{labels[i]} bis. **{body}**"
        extra[i] = [f"{labels[i]} bis.\t{body}"]
        changes += 1
    for i in whole:
        entries[i] = f"{labels[i]}. ~~{items[i].text}~~"
        changes += 1
    for i in edits:
        k = 2 if rng.random() < 0.25 else 1
        counts["two_changes"] += k == 2
        exact, natural, proposed, made = edit_words(items[i].text, rng, prose, k)
        is_natural = rng.random() < NATURAL_SHARE
        counts["natural_spacing"] += is_natural
        entries[i] = f"{labels[i]}. {natural if is_natural else exact}"
        expected[i] = f"{labels[i]}.\t{proposed}"
        changes += made
    lines = ["# Amendments to " + SYMBOL, "", "Proposed by the benchmark delegation.", ""]
    for i in sorted(entries):
        lines += [entries[i], ""]
    out: list[str] = []
    for i, text in enumerate(expected):
        if i not in whole:
            out.append(text)
        out += extra.get(i, [])
    return Amendments("\n".join(lines), out, changes, counts)


# ----- the second revision -----

def make_revision(items: Sequence[Item], seed: int = SEED, n_edits: int = N_REVISION_EDITS) -> Revision:
    """The next revision: 2 paragraphs inserted early (every later number shifts), one paragraph moved,
    one deleted, and word edits on n_edits - 4 others (a few on headings and sub-paragraphs)."""
    rng = random.Random(seed + 2)
    prose = Prose(corpus_words(), rng)
    labels = numbers(items)
    numbered = list(labels)
    moved, deleted = numbered[len(numbered) // 4], numbered[len(numbered) * 3 // 4]
    others = [i for i, it in enumerate(items) if it.kind in ("heading", "subparagraph")]
    pool = [i for i in numbered[12:] if i not in (moved, deleted)]
    n_word = n_edits - 4
    n_other = n_word // 20
    targets = set(rng.sample(pool, n_word - n_other)) | set(rng.sample(others, n_other))
    new: list[Item] = list(items)
    for i in sorted(targets):
        _, _, proposed, _ = edit_words(items[i].text, rng, prose, 2 if rng.random() < 0.25 else 1)
        new[i] = replace(items[i], text=proposed)
    moved_item = new[moved]
    new[moved] = Item("deleted", "")
    new[deleted] = Item("deleted", "")
    new.insert(numbered[len(numbered) * 3 // 5], moved_item)
    new.insert(numbered[8], Item("paragraph", prose.paragraph(prose.length())))
    new.insert(numbered[3], Item("paragraph", prose.paragraph(prose.length())))
    new = [it for it in new if it.kind != "deleted"]
    old_labels = {items[i].text: lab for i, lab in labels.items()}
    renumbered_only = sum(
        1 for i, lab in numbers(new).items()
        if old_labels.get(new[i].text, lab) != lab and new[i] is not moved_item
    )
    return Revision(new, {"inserted": 2, "moved": 1, "deleted": 1, "word_edits": len(targets),
                          "renumbered_only": renumbered_only})


# ----- files -----

def render(items: Sequence[Item], path: Path) -> None:
    """Write the items as a UN-formatted .docx (docx_io.un_document; plain python-docx if that fails)."""
    labels = numbers(items)
    try:
        from app.model import Run
        from docx_io.un_document import Block, UNDocument

        doc = UNDocument(SYMBOL, DATE, session=FRONT[0], agenda=FRONT[1])
        for i, item in enumerate(items):
            label = labels.get(i) if item.kind == "paragraph" else item.label
            doc.add_block(Block(item.kind, [Run(item.text)], label))  # type: ignore[arg-type]
        doc.save(path)
    except ImportError as exc:  # un_document not available: the same text in plain python-docx
        print(f"note: docx_io.un_document unavailable ({exc}); writing plain python-docx", file=sys.stderr)
        _render_plain(items, path)


def _render_plain(items: Sequence[Item], path: Path) -> None:
    import docx

    doc = docx.Document()
    for text in FRONT:
        doc.add_paragraph(text)
    for item, text in zip(items, texts(items), strict=True):
        style = "Heading 1" if item.kind in ("chapter", "heading", "title") else "Normal"
        para = doc.add_paragraph(style=style)
        para.add_run(text)
    doc.save(str(path))


def write_inputs(out: Path, seed: int = SEED) -> dict[str, object]:
    """Generate every input into `out`; returns (and writes) the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    draft = make_draft(seed)
    amendments = make_amendments(draft, seed)
    revision = make_revision(draft, seed)
    render(draft, out / "draft.docx")
    render(revision.items, out / "revision.docx")
    (out / "amendments.md").write_text(amendments.text, encoding="utf-8")
    from bench.redlines import write_redline_files  # it uses this module's generators

    redlines = write_redline_files(out, draft, seed)
    chars = sum(len(t) for t in texts(draft))
    manifest: dict[str, object] = {
        "seed": seed,
        "paragraphs": len(draft),
        "kinds": {k: sum(1 for it in draft if it.kind == k) for k in sorted({it.kind for it in draft})},
        "characters": chars,
        "words": sum(len(it.text.split()) for it in draft),
        "estimated_pages": round(chars / CHARS_PER_PAGE),
        "amendments": {**amendments.counts, "total": N_AMENDMENTS, "marked_changes": amendments.changes},
        "revision": revision.counts,
        "redlines": redlines,
        "front": list(FRONT),
        "expected_accepted_export": amendments.expected,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def main() -> int:
    import argparse

    if str(ROOT) not in sys.path:  # run as a script: the repo's packages must be importable
        sys.path.insert(0, str(ROOT))

    p = argparse.ArgumentParser(description="Generate the Redline Desk benchmark inputs.")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    p.add_argument("--seed", type=int, default=SEED)
    args = p.parse_args()
    manifest = write_inputs(args.out, args.seed)
    summary = {k: v for k, v in manifest.items() if k != "expected_accepted_export"}
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
