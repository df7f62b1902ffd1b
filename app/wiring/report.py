"""What `show` reports about a .docx: paragraphs with labels, notices and tracked changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx_io.package import read_package
from docx_io.reader import draft_from_package
from docx_io.tracked import list_tracked_changes


def describe(path: Path) -> dict[str, Any]:
    """A JSON-ready description of a document."""
    pkg = read_package(path)
    draft = draft_from_package(pkg)
    by_anchor = {p.anchor: p for p in draft.paragraphs}
    changes = []
    for ch in list_tracked_changes(pkg):
        para = by_anchor.get(ch.anchor)
        changes.append({
            "type": ch.kind, "author": ch.author, "date": ch.date, "text": ch.text,
            "story": ch.story,  # body, footnote, endnote, header, footer, textbox
            # Paragraphs gone in the accepted view (a whole deleted paragraph) have no index.
            "paragraph": para.index if para else None, "label": para.label if para else None,
        })
    return {
        "file": str(path),
        "title": draft.title,
        "notices": draft.notices,
        "paragraphs": [
            {
                "index": p.index, "label": p.label, "kind": p.kind.value, "text": p.text,
                "body": p.body, "style": p.style, "in_table": p.in_table,
                "number_text": p.number_text, "footnotes": [draft.footnotes.get(f, "") for f in p.footnote_ids],
            }
            for p in draft.paragraphs
        ],
        "tracked_changes": changes,
    }
