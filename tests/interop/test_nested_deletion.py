"""A deletion nested in another author's insertion, made in LibreOffice (the G77 inserts words in para 88, the
EU then deletes some of them), merged and read back by LibreOffice: the G77's insertion tracked under the G77, the
EU's version of it a comment by the EU, the report saying the EU deletes the G77's proposed words."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.resources import REV2_EXCERPT
from app.wiring.merging import merge_files
from docx_io.incoming import read_incoming
from docx_io.package import read_package
from tests.interop.libreoffice import LibreOffice
from tests.structure import problems

# LibreOffice writes the EU's deletion inside the G77's w:ins (as Word does): the input is checked by hand.
pytestmark = [pytest.mark.interop, pytest.mark.own_structure_check]
EDITS = [{"author": "G77", "after": "We reaffirm the description", "insert": " and the agreed common understanding"},
         {"author": "EU", "find": "agreed common ", "delete": True}]


def test_libreoffice_nested_deletion_merged_and_read_back(libreoffice: LibreOffice, tmp_path: Path) -> None:
    redline = tmp_path / "g77_eu.docx"
    libreoffice.author(REV2_EXCERPT, EDITS, redline)
    (para,) = [p for p in read_incoming(read_package(redline)) if p.strikers]
    assert para.strikers == {"EU"} and "G77" in para.authors
    out, report = tmp_path / "merged.docx", tmp_path / "report.json"
    merge_files(REV2_EXCERPT, [str(redline)], out, form="full", date=datetime(2025, 12, 10, tzinfo=UTC),
                report=report)
    lines = {r["author"]: r for r in json.loads(report.read_text())}
    assert (lines["G77"]["paragraph"], lines["G77"]["kind"]) == ("88", "modify")
    assert (lines["EU"]["paragraph"], lines["EU"]["kind"], lines["EU"]["status"]) == ("88", "delete", "collision")
    assert "deletes 'agreed common ' from G77's proposed text" in lines["EU"]["reason"]
    assert problems(out) == []  # our output nests no deletion in another author's insertion
    seen = libreoffice.inspect(out)
    assert {r["author"] for r in seen["redlines"]} == {"G77"}
    assert "We reaffirm the description and the agreed common understanding of Internet" in seen["accepted_text"]
    assert seen["rejected_text"] == libreoffice.inspect(REV2_EXCERPT)["rejected_text"]
    comments = {(a, c) for a, c, _ in libreoffice.accept_authors(out, [])["comments"]}
    assert any(a == "EU" and "and the understanding" in c for a, c in comments), comments
