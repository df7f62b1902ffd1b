"""LibreOffice sees our formatting revisions (compare of a bold word and a new paragraph style) as Format and
ParagraphFormat redlines by their author, and reject-all leaves the text as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.wiring.apply import compare_files
from tests.docx_io.test_format_revisions import DATE, make
from tests.interop.libreoffice import LibreOffice

pytestmark = pytest.mark.interop


def test_libreoffice_lists_format_redlines_by_author(libreoffice: LibreOffice, tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    compare_files(make(tmp_path / "old.docx"), make(tmp_path / "new.docx", bold=True, style="Heading 1"), out,
                  "Co-facilitators", DATE)
    res = libreoffice.inspect(out)
    kinds = {(r["type"], r["author"]) for r in res["redlines"]}
    assert ("Format", "Co-facilitators") in kinds and ("ParagraphFormat", "Co-facilitators") in kinds
    assert "We strongly encourage cooperation." in res["accepted_text"]
    assert "We strongly encourage cooperation." in res["rejected_text"]


def test_merged_format_changes_keep_their_author_in_libreoffice(libreoffice: LibreOffice, tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from app.wiring.merging import merge_files

    base = make(tmp_path / "base.docx")
    redline = tmp_path / "g77.docx"
    compare_files(base, make(tmp_path / "new.docx", italic=True, style="Heading 1"), redline, "G77", DATE)
    out = tmp_path / "merged.docx"
    merge_files(base, [str(redline)], out, form="full", date=datetime(2026, 1, 1, tzinfo=UTC))
    kinds = {(r["type"], r["author"]) for r in libreoffice.inspect(out)["redlines"]}
    assert kinds == {("Format", "G77"), ("ParagraphFormat", "G77")}
