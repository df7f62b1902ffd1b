"""Real redlines that once broke a merge, merged into themselves (the draft is the file's accepted text)."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from app.wiring.merging import merge_files
from docx_io.incoming import read_incoming
from docx_io.package import read_package


def test_paragraphs_deleted_with_no_author_on_their_text_merge(fixtures_dir: Path) -> None:
    # RP001 deletes empty paragraphs by their marks alone: the proposals had no author and the full form failed
    # with an IndexError (internal error) instead of writing them under the mark's author.
    source = fixtures_dir / "redlines" / "open-xml-powertools" / "TestFiles" / "RP" / "RP001-Tracked-Revisions-01.docx"
    # Not in tmp_path: the draft here is the redline itself, whose own move ranges (kept as they came) carry no
    # w:date, which the structural check of tmp_path outputs (meant for what we write) would flag.
    folder = Path(tempfile.mkdtemp())
    out, report = folder / "merged.docx", folder / "report.json"
    result, _ = merge_files(source, [str(source)], out, form="full", date=datetime(2025, 12, 10, tzinfo=UTC),
                            report=report)
    deletions = [p for p in result.proposals if p.kind.value == "delete paragraph"]
    assert deletions and all(p.credits for p in deletions)
    assert out.exists() and json.loads(report.read_text(encoding="utf-8"))
    assert any(p.changed for p in read_incoming(read_package(out)))  # the merge is written as revisions
    shutil.rmtree(folder)
