"""Helpers for merge-review tests: two text-form redlines of the Rev 2 excerpt (G77 and the EU) that
agree on para 88, collide on para 66, and where only the EU amends para 89; and what a file carries."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from app.resources import REV2_EXCERPT
from app.review import Review
from app.segments import Op
from app.wiring.merging import InputSpec, merge_inputs
from app.wiring.session import Session
from docx_io.incoming import read_incoming
from docx_io.package import read_package
from docx_io.reader import draft_from_package

DATE = datetime(2025, 12, 10, 9, 0, tzinfo=UTC)
GA = "81st session of the General Assembly"
EDITS = {
    "G77": {"88": ("description", "working definition"), "66": (GA, "Commission")},
    "EU": {"88": ("description", "working definition"), "66": (GA, "Economic and Social Council"),
           "89": ("must continue to be global", "shall remain global")},
}


def write_redlines(folder: Path) -> dict[str, Path]:
    """G77.md and EU.md, text forms of the two redlines (the file's stem is its author)."""
    draft = Session.open_draft(REV2_EXCERPT).draft
    out = {}
    for author, edits in EDITS.items():
        lines = []
        for label, (old, new) in edits.items():
            body = draft.by_label(label).body
            assert old in body, (label, old)
            lines.append(f"{label}. " + body.replace(old, f"~~{old}~~**{new}**", 1))
        path = folder / f"{author}.md"
        path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        out[author] = path
    return out


def merged_review(folder: Path) -> Review:
    """The two redlines merged on the excerpt, under review."""
    paths = write_redlines(folder)
    draft = Session.open_draft(REV2_EXCERPT).draft
    result, _ = merge_inputs(draft, [InputSpec(p) for p in paths.values()], DATE)
    return Review(result)


def tracked_changes(path: Path) -> list[tuple[str, str, str]]:
    """(op, author, text) of every tracked change in a .docx, in document order."""
    return [(c.op.value, c.author, c.text) for p in read_incoming(read_package(path)) for c in p.changes
            if c.op is not Op.EQUAL]


def clean_text(path: Path, label: str) -> str:
    """The text of one paragraph of a .docx (as accepted)."""
    return draft_from_package(read_package(path)).by_label(label).text


US_NEW_PARAGRAPH = ("83 bis. We invite all stakeholders to share, through the Internet Governance Forum and the"
                    " WSIS Forum, their experience of building capacity in artificial intelligence.")


def write_three_redlines(folder: Path) -> dict[str, Path]:
    """G77.md and EU.md (write_redlines) and US.md: a third wording of para 66 (a three-way collision) and a
    new paragraph 83 bis, as the US of tests/interop/test_merge_three_authors."""
    out = write_redlines(folder)
    body = Session.open_draft(REV2_EXCERPT).draft.by_label("66").body
    assert GA in body
    path = folder / "US.md"
    amended = body.replace(GA, f"~~{GA}~~**high-level political forum on sustainable development**", 1)
    path.write_text(f"66. {amended}\n\n{US_NEW_PARAGRAPH}\n", encoding="utf-8")
    return {**out, "US": path}
