"""docx_io.package.Package: the in-memory .docx a reader and the writers share."""

from __future__ import annotations

from pathlib import Path

from docx_io.package import read_package
from tests.docx_io.docx_factory import make_docx


def test_a_fresh_copy_shares_nothing_a_writer_changes(tmp_path: Path) -> None:
    """Adding a part to the copy (a writer adding footnotes) or editing its trees leaves the original as read."""
    pkg = read_package(make_docx(tmp_path / "d.docx", ["1.\tText."]))
    names, parts = list(pkg.names), dict(pkg.parts)
    copy = pkg.fresh()
    copy.names.append("word/footnotes.xml")
    copy.parts["word/footnotes.xml"] = b"<w:footnotes/>"
    copy.xml(copy.main_part).clear()
    assert (pkg.names, pkg.parts) == (names, parts)
    assert len(pkg.xml(pkg.main_part))  # the original's tree is its own, still whole
