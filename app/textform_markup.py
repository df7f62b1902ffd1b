r"""One paragraph of the text form: `~~struck~~` and `**inserted**` markup read into segments and written from
them (app/textform.py reads and writes whole text forms of labelled paragraphs).

Escapes: a backslash before `~`, `*`, `_` or another backslash makes it a plain character (`\*\*` is two
asterisks, not an insertion marker), as in Markdown; a backslash before anything else is itself. The writer
escapes every `~`, `*`, `_` and `\` of a text, and writes a line break (any of the separators `str.splitlines`
knows, U+2028 and U+2029 among them) as a space, so that what it writes reads back as the same segments.
Spaces around a change are settled so that both the original and the proposed text read with single spaces.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from app.segments import Op, Segment, normalize

MARK = re.compile(r"(\\[\\~*_]|~~|\*\*)")
_ESCAPED = "\\~*_"  # the characters a backslash makes plain
# What str.splitlines breaks a line at: the writer writes each as a space, so a text keeps to its line.
LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def escape(text: str) -> str:
    """Text as the text form writes it: `~`, `*`, `_` and `\\` escaped, line breaks as spaces."""
    out = LINE_BREAKS.sub(" ", text)
    return "".join("\\" + ch if ch in _ESCAPED else ch for ch in out)


def unescape(text: str) -> str:
    """Text as the text form means it: a backslash before `~`, `*`, `_` or `\\` dropped."""
    if "\\" not in text:
        return text
    return MARK.sub(lambda m: m.group(0)[1:] if m.group(0)[0] == "\\" else m.group(0), text)


def parse_markup(text: str) -> tuple[list[Segment], str | None]:
    """Segments of one paragraph's markup; an error message for unbalanced markers."""
    segments: list[Segment] = []
    state: Op = Op.EQUAL
    run: list[str] = []  # the text of the current state, joined once: 100,000 escapes make one segment

    def close() -> None:
        if run:
            segments.append(Segment(state, "".join(run)))
            run.clear()

    for piece in MARK.split(text):
        if piece[:1] == "\\" and len(piece) == 2:
            run.append(piece[1])  # an escaped character: plain text
        elif piece == "~~":
            if state is Op.INSERT:
                return [], "'~~' inside an insertion; close the ** first"
            close()
            state = Op.EQUAL if state is Op.DELETE else Op.DELETE
        elif piece == "**":
            if state is Op.DELETE:
                return [], "'**' inside a deletion; close the ~~ first"
            close()
            state = Op.EQUAL if state is Op.INSERT else Op.INSERT
        elif piece:
            run.append(piece)
    close()
    if state is not Op.EQUAL:
        mark = "~~" if state is Op.DELETE else "**"
        return [], f"a '{mark}' is never closed; add the closing '{mark}'"
    return _settle_spaces(normalize(segments)), None


def _settle_spaces(segments: list[Segment]) -> list[Segment]:
    """Writers put spaces on both sides of a marked change ("governance **encompasses …** must"),
    which would leave the original with a double space. Move the space before a lone insertion
    (or a lone strike) into the change, so each side reads with single spaces."""
    segs = normalize([s for i, s in enumerate(segments) if not _separator(segments, i)])
    # "**New** We …" at the very start: the space after the change belongs to the change.
    if len(segs) > 1 and segs[0].op is not Op.EQUAL and segs[1].op is Op.EQUAL:
        first, after = segs[0], segs[1]
        body = after.text.lstrip()
        space = after.text[: len(after.text) - len(body)]
        if space and body and not first.text[-1:].isspace():
            segs[0], segs[1] = Segment(first.op, first.text + space), Segment(Op.EQUAL, body)
    for i, seg in enumerate(segs):
        if seg.op is Op.EQUAL or i == 0 or segs[i - 1].op is not Op.EQUAL:
            continue
        partner = segs[i + 1] if i + 1 < len(segs) else None
        if partner is not None and partner.op is not Op.EQUAL:
            continue  # a replacement: both sides already read well
        left = segs[i - 1].text
        stripped = left.rstrip()
        space = left[len(stripped):]
        if not space or seg.text[:1].isspace() or seg.text[-1:].isspace():
            continue
        if partner is None or partner.text[:1].isspace() or not partner.text[:1].isalnum():
            if partner is not None and not partner.text[:1].isspace() and seg.op is Op.DELETE:
                continue  # "a ~~b~~, c": the space belongs to the kept text
            segs[i - 1] = Segment(Op.EQUAL, stripped)
            segs[i] = Segment(seg.op, space + seg.text)
    return normalize(segs)


def format_markup(segments: list[Segment], moves: Mapping[tuple[str, Op], str] | None = None) -> str:
    """One paragraph's segments as ~~struck~~ **inserted** text (marker characters escaped, line breaks as
    spaces: see the module's docstring); `moves` gives the note written right after a moved half
    ("(moved to 100)", app.textform_moves)."""
    segments = [replace(seg, text=escape(seg.text)) for seg in segments]
    out = []
    for i, seg in enumerate(segments):
        if seg.op is not Op.EQUAL:
            note = (moves or {}).get((seg.move, seg.op), "") if seg.move else ""
            if note:  # a moved half is written as it is, its note glued to the closing mark
                out.append(f"{'~~' if seg.op is Op.DELETE else '**'}{seg.text}{'~~' if seg.op is Op.DELETE else '**'}"
                           f"{note}")
                continue
            mark = "~~" if seg.op is Op.DELETE else "**"
            body = seg.text.lstrip()
            lead = seg.text[: len(seg.text) - len(body)]
            core = seg.text.rstrip()
            trail = seg.text[len(core):]
            if lead and body and _settles_back(segments, i):
                out.append(f"{lead}{mark}{body}{mark}")  # "governance **encompasses …** must"
            elif _would_take_space(segments, i):
                # "0 **0**:" would read as original "0:"; strike the space and insert it back with the text.
                out[-1] = out[-1][:-1]
                out.append(f"~~{_last_space(segments[i - 1].text)}~~**{_last_space(segments[i - 1].text)}{seg.text}**")
            elif i == 0 and trail and core and _opens_paragraph(segments):
                out.append(f"{mark}{core}{mark}{trail}")  # "**New** We …"
            else:
                out.append(f"{mark}{seg.text}{mark}")
        else:
            out.append(seg.text)
    return "".join(out).replace("\n", " ")


def _separator(segments: list[Segment], i: int) -> bool:
    """A space between a strike and its replacement ("the ~~big~~ **small** house") that only separates
    the markers: the text around the pair already has its spaces."""
    seg = segments[i]
    if not (seg.op is Op.EQUAL and seg.text.isspace() and 2 <= i + 1 < len(segments)):
        return False
    if segments[i - 1].op is not Op.DELETE or segments[i + 1].op is not Op.INSERT:
        return False
    before = segments[i - 2].text if i >= 2 else ""
    after = segments[i + 2].text if i + 2 < len(segments) else ""
    spaced_before = i < 2 or before[-1:].isspace()
    spaced_after = i + 2 >= len(segments) or after[:1].isspace() or not after[:1].isalnum()
    return spaced_before and spaced_after


def _settles_back(segments: list[Segment], i: int) -> bool:
    """Whether _settle_spaces would move a space before segment i back into it (see there)."""
    prev = segments[i - 1] if i > 0 else None
    nxt = segments[i + 1] if i + 1 < len(segments) else None
    if prev is None or prev.op is not Op.EQUAL or prev.text[-1:].isspace() or segments[i].text[-1:].isspace():
        return False
    if nxt is not None and nxt.op is not Op.EQUAL:
        return False
    if nxt is None or nxt.text[:1].isspace():
        return True
    return segments[i].op is Op.INSERT and not nxt.text[:1].isalnum()


def _would_take_space(segments: list[Segment], i: int) -> bool:
    """Whether _settle_spaces would pull the space before insertion i into it although the original keeps it:
    an insertion glued to punctuation after a space ("0 " + "0" + ":"), which no placement of markers says."""
    seg = segments[i]
    prev = segments[i - 1] if i > 0 else None
    nxt = segments[i + 1] if i + 1 < len(segments) else None
    if seg.op is not Op.INSERT or prev is None or prev.op is not Op.EQUAL or nxt is None or nxt.op is not Op.EQUAL:
        return False
    if len(prev.text) < 2 or not prev.text[-1].isspace() or prev.text[-2].isspace():
        return False
    if not seg.text or seg.text[:1].isspace():
        return False
    first = nxt.text[:1]
    return not seg.text[-1:].isspace() and first != "" and not first.isspace() and not first.isalnum()


def _last_space(text: str) -> str:
    """The one white-space character that ends text."""
    return text[-1:]


def _opens_paragraph(segments: list[Segment]) -> bool:
    """Whether _settle_spaces would give the first change back the space after it."""
    return len(segments) > 1 and segments[1].op is Op.EQUAL and not segments[1].text[:1].isspace()
