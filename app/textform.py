r"""The text form of amendments, as stakeholders write them in e-mails and the seeds:

    66. We invite … ~~to the 81st session~~ **to the 29th session** of …

one labelled paragraph per line (a paragraph may wrap onto following lines), `~~struck~~`
and `**inserted**` inline; a label not in the draft ("83 bis") is a new paragraph;
"Option A" / "Option B" lines name the option of the paragraph that follows, and a
"Rationale:" line gives the rationale of the paragraph before it, a "Status:" line (draft, final,
withdrawn) its status. Consecutive options on different paragraphs ("Option A" 83 bis, "Option B"
84) are one either/or set; on one paragraph, options of one amendment.

The markup of one paragraph, its escapes and its spaces are app/textform_markup.py's; a rationale and the title
are escaped the same way, so that what `format_text_form` writes reads back as the same amendments (it checks
this and refuses otherwise).

Every line is read in time linear in its length: the line patterns below have no two adjacent quantifiers over
overlapping characters (the way a regex backtracks quadratically or worse on a long run of spaces).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from rapidfuzz import fuzz, process

from app.amendments import Amendment, Kind, Option, Status, grouped, link_alternatives
from app.errors import AmendmentError, LabelError
from app.labels import base_label, is_label, label_key, parse_label
from app.model import Draft
from app.note_labels import find_note, is_note_address
from app.rebase import rebase
from app.segments import Op, Segment, is_unchanged, original_text, proposed_text
from app.textform_markup import MARK, escape, format_markup, parse_markup, unescape
from app.textform_moves import MoveNote, link_moves, notes_of, take_notes

# "66. text", "83 bis. text", "29.1. text", "PP3. text", "annex, 3 (a). text", "table 2, row 3, column 1. text":
# the shortest prefix ending in ". " that app.labels reads as a label.
_LABEL_CANDIDATE = re.compile(r"\.(?:\*\*)?[ \t]+(?=\S)")
_LABEL_START = re.compile(r"^\s*(?:\*\*)?")
_MAX_LABEL = 48


class _LabelLine:
    """A labelled line split into its label and the rest (the regex-match shape the parser uses)."""

    def __init__(self, label: str, rest: str) -> None:
        self._groups = {"label": label, "rest": rest}

    def group(self, name: str) -> str:
        return self._groups[name]


def _label_line(line: str) -> _LabelLine | None:
    """The label and text of a line that opens a labelled paragraph, None for any other line."""
    start = _LABEL_START.match(line)
    offset = start.end() if start else 0
    for m in _LABEL_CANDIDATE.finditer(line, offset):
        if m.start() - offset > _MAX_LABEL:
            break
        candidate = line[offset:m.start()]
        if candidate.strip() and (is_label(candidate) or is_note_address(candidate)):
            return _LabelLine(candidate, line[m.end():])
    return None


# Each pattern is one character class per stretch (never `\s*[# ]*`, which tries every split of a run of spaces).
_OPTION_LINE = re.compile(r"^[#*_\s]*Option\s+(?P<name>[A-Z])\b", re.IGNORECASE)
_RATIONALE_LINE = re.compile(r"^[*_\s]*Rationale[*_\s]*:[*_\s]*(?P<text>.*)$", re.IGNORECASE | re.DOTALL)
_STATUS_HEAD = re.compile(r"^[*_\s]*Status[*_\s]*:", re.IGNORECASE)
_SENTENCE_MARKS = ".;:!?"
_CLOSING = "\"”’)]"
# Words that, repeated inside one strike, suggest an old and a new wording struck together.
_MIN_STEM = 6
_MAX_AMBIGUOUS_WORDS = 12
# Below this similarity (0-100) a quoted paragraph is taken to be another paragraph altogether.
_SAME_PARAGRAPH = 60.0


class Severity(StrEnum):
    """How much a diagnostic matters."""

    ERROR = "error"  # the paragraph (or part of it) was not imported
    WARNING = "warning"  # imported, but check it
    INFO = "info"


@dataclass(frozen=True)
class Diagnostic:
    """Something the importer wants the user to know about one paragraph."""

    severity: Severity
    label: str
    line: int
    message: str
    expected: str = ""
    found: str = ""
    closest: str = ""

    def __str__(self) -> str:
        out = f"line {self.line}: para {self.label}: {self.severity.value}: {self.message}"
        if self.found:
            out += f"; quoted '{self.found.strip()}'"
        if self.expected:
            out += f"; the draft has '{self.expected}'"
        if self.closest:
            out += f"; closest match '{self.closest}'"
        return out


@dataclass
class ParsedParagraph:
    """One labelled paragraph of the text form."""

    label: str
    segments: list[Segment]
    line: int
    option: str | None = None
    rationale: str = ""
    status: Status | None = None
    either: int | None = None  # the either/or set of consecutive "Option" paragraphs it belongs to
    moves: list[MoveNote] = field(default_factory=list)  # "(moved to 100)" / "(moved from 103)" notes


@dataclass
class Imported:
    """What a text form import produced."""

    amendments: list[Amendment]
    diagnostics: list[Diagnostic]


class _StatusLine:
    """A "Status: final" line (the regex-match shape the parser uses)."""

    def __init__(self, value: str) -> None:
        self.value = value

    def group(self, name: str) -> str:
        return self.value


def _status_line(line: str) -> _StatusLine | None:
    """The value of a "Status:" line ("**Status:** final" -> final); None for any other line, and for a value
    of more than one word. Scanned, not matched: the marks and spaces around the value are stripped."""
    head = _STATUS_HEAD.match(line)
    if head is None:
        return None
    value = line[head.end():].strip().strip("*_").strip()
    if any(ch.isspace() or ch in "*_" for ch in value):
        return None
    return _StatusLine(value)


def _sentence_end(text: str) -> bool:
    """Whether text ends a sentence: a full stop (or ; : ! ?), then perhaps closing quotes and brackets."""
    return text.rstrip().rstrip(_CLOSING)[-1:] in tuple(_SENTENCE_MARKS)


def parse_text_form(text: str) -> tuple[list[ParsedParagraph], list[Diagnostic]]:
    """Parse labelled lines with ~~ / ** markup (no draft needed)."""
    lines = text.splitlines()
    out: list[ParsedParagraph] = []
    diagnostics: list[Diagnostic] = []
    option: str | None = None
    either: int | None = None  # the set the next "Option" paragraph joins
    sets = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        opt = _OPTION_LINE.match(line)
        if opt:
            option = opt.group("name").upper()
            if option == "A" or either is None:
                sets += 1
                either = sets
            i += 1
            continue
        rat = _RATIONALE_LINE.match(line)
        if rat and out:
            out[-1].rationale = (out[-1].rationale + " " + unescape(rat.group("text").strip())).strip()
            i += 1
            continue
        stat = _status_line(line)
        if stat and out:
            _read_status(out[-1], stat.group("value"), i + 1, diagnostics)
            i += 1
            continue
        m = _label_line(line)
        if not m:
            i += 1
            continue
        start_line = i + 1
        body, i = _gather(lines, i, m.group("rest"))
        typed = m.group("label")
        label = parse_label(typed) if is_label(typed) else " ".join(typed.split())  # else a note's address
        body, moves = take_notes(body)
        segments, problem = parse_markup(body)
        if option is None:
            either = None  # a paragraph with no "Option" line ends an either/or set
        if problem:
            diagnostics.append(Diagnostic(Severity.ERROR, label, start_line, problem))
            option = None
            continue
        out.append(ParsedParagraph(label, segments, start_line, option, either=either if option else None,
                                   moves=moves))
        option = None
    return out, diagnostics


def _read_status(para: ParsedParagraph, value: str, line: int, diagnostics: list[Diagnostic]) -> None:
    try:
        para.status = Status(value.lower())
    except ValueError:
        known = ", ".join(s.value for s in Status)
        diagnostics.append(Diagnostic(Severity.ERROR, para.label, line,
                                      f"unknown status '{value}'; write one of {known}"))


def _gather(lines: list[str], i: int, first: str) -> tuple[str, int]:
    """Join a paragraph's continuation lines; a page break may leave one blank line inside it."""
    parts = [first.strip()]
    i += 1
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            nxt = i + 1
            if (
                nxt < len(lines) and lines[nxt].strip()
                and not _sentence_end(_strip_marks(parts[-1]))
                and _strip_marks(lines[nxt].strip())[:1].islower()
            ):
                i = nxt
                continue
            break
        if _label_line(line) or _OPTION_LINE.match(line) or _RATIONALE_LINE.match(line) or _status_line(line):
            break
        parts.append(line.strip())
        i += 1
    return " ".join(parts), i


def _strip_marks(text: str) -> str:
    return MARK.sub(lambda m: m.group(0)[1:] if m.group(0)[0] == "\\" else "", text)


def import_text_form(draft: Draft, text: str, *, author: str = "", organisation: str = "") -> Imported:
    """Amendments from a text form, checked against the draft."""
    parsed, diagnostics = parse_text_form(text)
    amendments: list[Amendment] = []
    new_labels: set[str] = set()
    by_label: dict[str, Amendment] = {}
    sets: dict[int, list[Amendment]] = {}
    moved: list[tuple[Amendment, list[MoveNote]]] = []  # amendments with move notes, linked at the end
    for para in parsed:
        earlier = by_label.get(para.label)
        if earlier is not None and para.option and earlier.kind is not Kind.DELETE:
            _add_option(draft, earlier, para, diagnostics)
            continue
        note = None if draft.has_label(para.label) else find_note(draft, para.label)
        if note is not None and note.draft.paragraphs:  # "66 fn1.": the note's (first) paragraph
            para.label = note.name
            amendment = _modify(note.draft, para, diagnostics)
        elif draft.has_label(para.label):
            para.label = draft.resolve(para.label)  # "66 (a)" typed in Latin, "66 (а)" in a Russian draft
            amendment = _modify(draft, para, diagnostics)
        else:
            amendment = _insert(draft, para, new_labels, diagnostics)
        if amendment is None:
            continue
        amendment.author = author
        amendment.organisation = organisation
        amendment.rationale = para.rationale
        amendment.status = para.status or Status.DRAFT
        amendments.append(amendment)
        by_label[para.label] = amendment
        if para.moves:
            moved.append((amendment, para.moves))
        if para.either is not None:
            sets.setdefault(para.either, []).append(amendment)
    for members in sets.values():
        if len(members) > 1:
            link_alternatives(members)
    if moved:
        others = {n.other for _, notes in moved for n in notes}
        link_moves(moved, {o: draft.resolve(o) for o in others if draft.has_label(o)}, diagnostics)
    return Imported(amendments, diagnostics)


def _modify(draft: Draft, para: ParsedParagraph, diagnostics: list[Diagnostic]) -> Amendment | None:
    target = draft.by_label(para.label)
    segments = para.segments
    if is_unchanged(segments):
        # No markup: the line is the proposed wording in full.
        quoted = original_text(segments)
        if " ".join(quoted.split()) == " ".join(target.body.split()):
            diagnostics.append(Diagnostic(Severity.WARNING, para.label, para.line, "no change is marked; skipped"))
            return None
        from app.diff import diff_text

        segments = diff_text(target.body, quoted)
        diagnostics.append(Diagnostic(
            Severity.INFO, para.label, para.line, "no ~~ or ** markup: the line was read as the new wording in full"
        ))
    else:
        if _other_paragraph(draft, para, target.body, diagnostics):
            return None
        _check_ambiguous_strikes(para, diagnostics)
        result = rebase(segments, target.body)
        if result.absorbed:
            marks = " and ".join(f"'{a}'" for a in result.absorbed)
            diagnostics.append(Diagnostic(
                Severity.WARNING, para.label, para.line,
                f"the quote has {marks} next to an insertion where the draft has none; taken as part of the insertion",
            ))
        for miss in result.mismatches:
            diagnostics.append(Diagnostic(
                Severity.ERROR, para.label, para.line, "struck text is not in the draft; that change was left out",
                expected=miss.expected, found=miss.found, closest=miss.closest,
            ))
        if result.differences:
            found, expected = result.differences[0]
            more = f" (and {len(result.differences) - 1} more places)" if len(result.differences) > 1 else ""
            diagnostics.append(Diagnostic(
                Severity.WARNING, para.label, para.line,
                f"the quoted text differs from the draft outside the marked changes{more}; "
                "the draft's text was kept there",
                expected=expected, found=found,
            ))
        segments = result.segments
    if is_unchanged(segments):
        return None
    kind = Kind.DELETE if all(s.op is Op.DELETE for s in segments) else Kind.MODIFY
    return Amendment(kind, para.label, [Option(para.option or "A", segments)], target.body)


def _other_paragraph(draft: Draft, para: ParsedParagraph, body: str, diagnostics: list[Diagnostic]) -> bool:
    """Report (and skip) a quote that is not this draft's paragraph at all, naming the paragraph it is
    most like: the redline was probably written on another revision, with other numbers."""
    quoted = original_text(para.segments)
    alike = fuzz.ratio(quoted, body)
    if alike >= _SAME_PARAGRAPH:
        return False
    bodies = [p.body for p in draft.paragraphs]
    best = process.extractOne(quoted, bodies, scorer=fuzz.ratio)
    hint = ""
    if best is not None and best[1] > alike and draft.paragraphs[best[2]].label:
        hint = f"; it is most like para {draft.paragraphs[best[2]].label} ({best[1]:.0f}% alike)"
    diagnostics.append(Diagnostic(
        Severity.ERROR, para.label, para.line,
        f"the quoted text is not this draft's para {para.label} ({alike:.0f}% alike){hint}; "
        "was it written on another revision of the draft?",
    ))
    return True


def _add_option(draft: Draft, amendment: Amendment, para: ParsedParagraph, diagnostics: list[Diagnostic]) -> None:
    """A second "Option B" for a paragraph already amended becomes an option of that amendment."""
    if amendment.kind is Kind.INSERT:
        amendment.options.append(Option(para.option or "B", [Segment(Op.INSERT, proposed_text(para.segments).strip())]))
        return
    other = _modify(draft, para, diagnostics)
    if other is not None and other.kind is Kind.MODIFY:
        amendment.options.append(Option(para.option or chr(ord("A") + len(amendment.options)), other.option.segments))
        if para.rationale:
            amendment.rationale = (amendment.rationale + " " + para.rationale).strip()


def _insert(
    draft: Draft, para: ParsedParagraph, new_labels: set[str], diagnostics: list[Diagnostic]
) -> Amendment | None:
    key = label_key(para.label)
    if not key.suffix_rank:
        diagnostics.append(Diagnostic(
            Severity.ERROR, para.label, para.line,
            "no such paragraph in the draft; a new paragraph needs a bis/ter label (e.g. 83 bis)",
        ))
        return None
    after = base_label(para.label)
    if not draft.has_label(after):
        diagnostics.append(Diagnostic(
            Severity.ERROR, para.label, para.line, f"new paragraph follows para {after}, which is not in the draft",
        ))
        return None
    body = proposed_text(para.segments).strip()
    if any(s.op is Op.DELETE for s in para.segments):
        diagnostics.append(Diagnostic(
            Severity.WARNING, para.label, para.line, "a new paragraph has struck text; it was dropped",
        ))
    new_labels.add(para.label)
    anchor = draft.by_label(after)
    return Amendment(
        Kind.INSERT, anchor.label or after, [Option(para.option or "A", [Segment(Op.INSERT, body)])],
        anchor.body, new_label=para.label,
    )


def _check_ambiguous_strikes(para: ParsedParagraph, diagnostics: list[Diagnostic]) -> None:
    """A short strike with nothing inserted beside it that repeats a word stem, inside itself
    ("to establish consider the establishment of") or in the words right after it ("~~81st
    session~~ 29th session"), may hold the old and the new wording with the insertion unmarked."""
    segs = para.segments
    for i, seg in enumerate(segs):
        if seg.op is not Op.DELETE or len(seg.text.split()) > _MAX_AMBIGUOUS_WORDS:
            continue
        if any(segs[j].op is Op.INSERT for j in (i - 1, i + 1) if 0 <= j < len(segs)):
            continue
        after = segs[i + 1].text if i + 1 < len(segs) and segs[i + 1].op is Op.EQUAL else ""
        stem = _repeated_stem(_words(seg.text), _words(after)[:_MAX_AMBIGUOUS_WORDS])
        if stem:
            diagnostics.append(Diagnostic(
                Severity.WARNING, para.label, para.line,
                f"the struck text repeats '{stem}' with nothing marked as inserted: old and new wording may "
                "stand side by side with the insertion unmarked; check which words should stay",
                found=seg.text,
            ))


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"\w+", text)]


def _repeated_stem(struck: list[str], following: list[str]) -> str | None:
    """A stem of at least _MIN_STEM letters shared by two struck words, or a struck and a following word."""
    for i, a in enumerate(struck):
        for b in struck[i + 1 :] + following:
            n = 0
            while n < min(len(a), len(b)) and a[n] == b[n]:
                n += 1
            if n >= _MIN_STEM or (a == b and len(a) >= _MIN_STEM - 1):
                return a[:n]
    return None


def format_text_form(amendments: list[Amendment], title: str = "") -> str:
    """Amendments in the text form (what `apply --form markdown` writes); an either/or set's members
    are written together, each under its "Option" line, so that reading it back links them again.

    Raises AmendmentError when the text would read back as other amendments (`check_reads_back`)."""
    lines: list[str] = []
    if title:
        lines += [_title_line(title), ""]
    notes = notes_of(amendments)
    for members in grouped(amendments):
        for amendment in members:
            lines += _amendment_lines(amendment, either=len(members) > 1, notes=notes)
    text = "\n".join(lines)
    check_reads_back(amendments, text)
    return text


def _title_line(title: str) -> str:
    """The "# title" line; a title that would read as an option, rationale, status or labelled line (a title
    "Option B" would give the next paragraph option B) has its first character escaped."""
    line = f"# {escape(title).strip()}"
    if _OPTION_LINE.match(line) or _RATIONALE_LINE.match(line) or _status_line(line) or _label_line(line):
        line = f"# \\{escape(title).strip()}"
    return line


def _amendment_lines(amendment: Amendment, *, either: bool,
                     notes: Mapping[tuple[str, Op], str] | None = None) -> list[str]:
    lines: list[str] = []
    many = len(amendment.options) > 1
    for option in amendment.options:
        if many or either or option.name != "A":
            lines.append(f"Option {option.name}")
        text = (f"**{escape(option.proposed)}**" if amendment.kind is Kind.INSERT
                else format_markup(option.segments, notes))
        lines.append(f"{amendment.new_label or amendment.label}. {text}")
    if amendment.rationale:
        lines.append(f"Rationale: {escape(amendment.rationale).strip()}")
    if amendment.status is not Status.DRAFT:
        lines.append(f"Status: {amendment.status.value}")
    lines.append("")
    return lines


def check_reads_back(amendments: list[Amendment], text: str) -> None:
    """Refuse (AmendmentError) a text form that would not read back as `amendments`: each option as one
    paragraph of the same label, option, original and proposed text (white space folded, line breaks being
    written as spaces), rationale and status. What we write is what we mean."""
    parsed, diagnostics = parse_text_form(text)
    if diagnostics:
        raise AmendmentError(f"the text form would not read back: {diagnostics[0]}; nothing was written. "
                             "Export another form (full or amendments) instead")
    expected = [(a, o) for members in grouped(amendments) for a in members for o in a.options]
    for k, (amendment, option) in enumerate(expected):
        label = amendment.new_label or amendment.label
        got = parsed[k] if k < len(parsed) else None
        problem = _read_back_problem(amendment, option, got, last=k + 1 == len(expected)
                                     or expected[k + 1][0] is not amendment)
        if problem:
            raise AmendmentError(f"para {label}: the text form would read back with {problem}; nothing was "
                                 "written. Export another form (full or amendments) instead")
    if len(parsed) > len(expected):
        raise AmendmentError(f"the text form would read back with an extra para {parsed[len(expected)].label}; "
                             "nothing was written. Export another form (full or amendments) instead")


def _read_back_problem(amendment: Amendment, option: Option, got: ParsedParagraph | None, *, last: bool) -> str:
    """What would differ when `got` is read as this option of the amendment ("" when nothing)."""
    if got is None:
        return "no paragraph"
    try:
        label = parse_label(amendment.new_label or amendment.label)
    except LabelError:
        return "a label the text form cannot hold"
    if got.label != label:
        return f"label {got.label}"
    if (got.option or "A") != option.name:
        return f"option {got.option or 'A'} instead of {option.name}"
    inserted = amendment.kind is Kind.INSERT
    want = ("", _fold(option.proposed)) if inserted else (_fold(option.original), _fold(option.proposed))
    if (_fold(original_text(got.segments)) if not inserted else "", _fold(proposed_text(got.segments))) != want:
        return "other text"
    if last and (_fold(got.rationale), got.status or Status.DRAFT) != (_fold(amendment.rationale), amendment.status):
        return "another rationale or status"
    return ""


def _fold(text: str) -> str:
    return " ".join(text.split())
