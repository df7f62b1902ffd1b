"""List the tracked changes already in a document: type, author, date, text, paragraph.

A thin view of docx_io.revision_reader for `redline-desk show`: one entry per revision as
LibreOffice counts them, then the table rows' own insertions and deletions.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx_io.package import Package
from docx_io.revision_reader import Revision, read_revisions


@dataclass(frozen=True)
class TrackedChange:
    """One revision found in a file."""

    kind: str  # insert, delete, move-from, move-to, format, paragraph-format, table-row-insert/-delete
    author: str
    date: str
    text: str
    anchor: int  # block paragraph ordinal of the body (-1 outside the body: notes, headers, footers)
    story: str = "body"
    paragraph_mark: bool = False


def list_tracked_changes(pkg: Package) -> list[TrackedChange]:
    """Revisions of the document (notes, headers and footers, then the body), then table-row changes."""
    found = read_revisions(pkg)
    out = [_from_revision(rev) for rev in found.revisions]
    out.extend(TrackedChange(row.kind, row.author, row.date, "", row.anchor) for row in found.rows)
    return out


def _from_revision(rev: Revision) -> TrackedChange:
    anchor = rev.anchor if rev.story == "body" else -1
    return TrackedChange(rev.kind, rev.author, rev.date, rev.text, anchor, rev.story, rev.paragraph_mark)
