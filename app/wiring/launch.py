"""Start the desktop app (or, where it cannot start, say why)."""

from __future__ import annotations

import sys
from pathlib import Path

from app.errors import DocumentError
from app.resources import SAMPLE_DRAFT


def launch(path: Path | None) -> int:
    """Open the app on `path`, or on the bundled sample draft."""
    target = path or SAMPLE_DRAFT
    if not target.exists():
        raise DocumentError(f"{target}: no such file")
    try:
        from widgets.app import run  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return _text_overview(target)
    result: int = run(target)
    return result


def _text_overview(target: Path) -> int:
    """Until the desktop editor exists: an outline of the draft in the terminal."""
    from app.wiring.report import describe

    report = describe(target)
    print(f"Redline Desk — {target.name}: {len(report['paragraphs'])} paragraphs")
    for para in report["paragraphs"]:
        if para["kind"] == "heading":
            print(f"\n  {para['text'].strip()}")
        elif para["label"]:
            print(f"    {para['label']:>8}  {para['body'][:90]}")
    print("\nTry: redline-desk apply DRAFT.docx AMENDMENTS.md -o OUT.docx --author NAME", file=sys.stderr)
    return 0
