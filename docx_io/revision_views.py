"""The body text after accept-all or reject-all, as LibreOffice's plain-text export prints it.

One line per paragraph (table cells included), each ended by "\\n". A removed paragraph mark
joins its paragraph with the next one; the last mark of a cell or of the body always stays.
Rows whose own insertion (reject) or deletion (accept) is undone vanish with their cells. A row's
skipped grid columns (w:gridBefore, w:gridAfter) print as empty cells, as Writer makes them.
Footnote references print as their automatic number in that view, endnotes as i, ii, ….
Automatic list numbers are not printed (LibreOffice prints them; tests normalise them away).
"""

from __future__ import annotations

from docx_io.package import Package
from docx_io.revision_reader import number_notes, story_streams
from docx_io.revision_segments import ADDED, REMOVED, Segment


def accepted_text(pkg: Package) -> str:
    """The document body's text with every tracked change accepted."""
    return _view(pkg, REMOVED)


def rejected_text(pkg: Package) -> str:
    """The document body's text with every tracked change rejected."""
    return _view(pkg, ADDED)


def _view(pkg: Package, dropped: frozenset[str]) -> str:
    streams = [s for s in story_streams(pkg) if s.story == "body"]
    if not streams:
        return ""
    segments = [seg for seg in streams[0].segments if _shown(seg, dropped)]
    number_notes(segments, {"footnote": 0, "endnote": 0})
    return "".join(seg.text for seg in segments)


def _shown(seg: Segment, dropped: frozenset[str]) -> bool:
    """Whether a segment survives when changes of the dropped kinds are undone."""
    if any(m.kind in dropped for m in seg.row):
        return False
    if seg.final_mark:
        return True
    return not any(m.kind in dropped for m in seg.stack)
