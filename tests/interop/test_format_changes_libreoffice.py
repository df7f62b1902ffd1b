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
