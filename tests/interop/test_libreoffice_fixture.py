"""The session's LibreOffice reads a w:ins/w:del we wrote, and records a reviewer's replace itself."""

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from tests.interop.libreoffice import LibreOffice, TextNotFound

pytestmark = pytest.mark.interop

DATE = "2025-03-01T10:00:00Z"
# (kind, author, text): kind "" is plain text, "ins" / "del" a tracked change
PARTS = [
    ("", "", "The Assembly "),
    ("ins", "Alice", "firmly "),
    ("", "", "decides to "),
    ("del", "Bob", "urgently "),
    ("", "", "convene a meeting."),
]
ACCEPTED = "The Assembly firmly decides to convene a meeting.\n"
REJECTED = "The Assembly decides to urgently convene a meeting.\n"


def _run(parent: etree._Element, text: str, deleted: bool = False) -> None:
    """Append <w:r><w:t>TEXT</w:t></w:r> (w:delText when DELETED) to PARENT."""
    run = etree.SubElement(parent, qn("w:r"))
    t = etree.SubElement(run, qn("w:delText" if deleted else "w:t"))
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text


def build_docx(path: Path, *, revisions: bool) -> Path:
    """One paragraph made of PARTS: with REVISIONS a w:ins by Alice and a w:del by Bob, else the base text."""
    document = docx.Document()
    p = document.add_paragraph()._p
    for rev_id, (kind, author, text) in enumerate(PARTS, start=1):
        if not revisions:
            if kind != "ins":
                _run(p, text)
            continue
        if not kind:
            _run(p, text)
            continue
        change = etree.SubElement(p, qn(f"w:{kind}"))
        change.set(qn("w:id"), str(rev_id))
        change.set(qn("w:author"), author)
        change.set(qn("w:date"), DATE)
        _run(change, text, deleted=kind == "del")
    document.save(str(path))
    return path


def test_inspect_reports_insert_and_delete(libreoffice: LibreOffice, tmp_path: Path) -> None:
    res = libreoffice.inspect(build_docx(tmp_path / "two.docx", revisions=True))

    assert [(r["type"], r["author"], r["text"]) for r in res["redlines"]] == [
        ("Insert", "Alice", "firmly "),
        ("Delete", "Bob", "urgently "),
    ]
    assert all(r["date"].startswith(DATE.rstrip("Z")) for r in res["redlines"])  # LibreOffice drops the "Z"
    assert res["accepted_text"] == ACCEPTED
    assert res["rejected_text"] == REJECTED
    assert (res["left_after_accept"], res["left_after_reject"]) == (0, 0)
    assert res["method"] == "uno", res.get("uno_error")


def test_author_records_a_replace(libreoffice: LibreOffice, tmp_path: Path) -> None:
    base = build_docx(tmp_path / "base.docx", revisions=False)
    assert libreoffice.inspect(base)["redlines"] == []

    out = tmp_path / "g77.docx"
    made = libreoffice.author(base, [{"author": "G77", "find": "urgently", "replace": "promptly"}], out)
    res = libreoffice.inspect(out)

    assert made["out"] == str(out)
    changes = sorted((r["type"], r["author"], r["text"]) for r in res["redlines"])
    assert changes == [("Delete", "G77", "urgently"), ("Insert", "G77", "promptly")]
    assert sorted((r["type"], r["author"], r["text"]) for r in made["redlines"]) == changes
    assert res["accepted_text"] == REJECTED.replace("urgently", "promptly")
    assert res["rejected_text"] == REJECTED


def test_author_missing_text_raises_and_office_serves_on(libreoffice: LibreOffice, tmp_path: Path) -> None:
    base = build_docx(tmp_path / "base.docx", revisions=False)
    edits = [{"author": "EU", "find": "no such words", "delete": True}]
    with pytest.raises(TextNotFound, match="no such words"):
        libreoffice.author(base, edits, tmp_path / "x.docx")
    assert libreoffice.ping()["startup_s"] >= 0
