"""Formatting-only differences between two paragraphs with the same text, as a FormatParagraph step.

Compared: bold, italic, underline and character style per character, and the paragraph style; fonts and sizes
are left alone (drafts reflowed by another template differ in those everywhere, without anyone meaning it).
"""

from __future__ import annotations

from dataclasses import replace

from app.model import PLAIN, Formatting, Paragraph, Run
from app.plan import Attribution, FormatParagraph, FormatSpan


def format_change(old: Paragraph, new: Paragraph, by: Attribution) -> FormatParagraph | None:
    """What turns old's formatting into new's (their texts being equal); None when nothing that counts differs."""
    spans = tuple(_spans(_per_char(old.runs, len(old.text)), _per_char(new.runs, len(new.text))))
    restyled = old.style_id != new.style_id and new.style_id is not None
    if not spans and not restyled:
        return None
    return FormatParagraph(old.anchor, by, spans, new.style_id if restyled else None,
                           old.style_id if restyled else None)


def _key(fmt: Formatting) -> Formatting:
    """Only what the comparison looks at."""
    return replace(PLAIN, bold=fmt.bold, italic=fmt.italic, underline=fmt.underline, char_style=fmt.char_style)


def _per_char(runs: tuple[Run, ...], length: int) -> list[Formatting]:
    out: list[Formatting] = []
    for run in runs:
        out += [_key(run.formatting)] * len(run.text)
    return (out + [PLAIN] * length)[:length]


def _spans(old: list[Formatting], new: list[Formatting]) -> list[FormatSpan]:
    """Maximal stretches where the formatting differs the same way."""
    out: list[FormatSpan] = []
    start = None
    for i in range(len(old) + 1):
        same_as_start = start is not None and i < len(old) and (old[i], new[i]) == (old[start], new[start])
        if start is not None and not same_as_start:
            out.append(FormatSpan(start, i, new[start], old[start]))
            start = None
        if start is None and i < len(old) and old[i] != new[i]:
            start = i
    return out
