"""Three redlines written by LibreOffice itself under three author names, merged: every change
appears once with its author, identical proposals credit both authors, collisions are flagged."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.merging import merge_files
from app.resources import REV2_EXCERPT
from tests.interop.libreoffice import LibreOffice

pytestmark = pytest.mark.interop
EDITS = {
    "G77": [{"find": "We reaffirm the description", "replace": "We reaffirm the working definition"},
            {"find": "to the 81st session of the General Assembly", "replace": "to the Commission"}],
    "EU": [{"find": "We reaffirm the description", "replace": "We reaffirm the working definition"},
           {"find": "must continue to be global", "replace": "shall remain global"}],
    "US": [{"find": "to the 81st session of the General Assembly", "replace": "to the Economic and Social Council"},
           {"after_paragraph": "We note the approaches", "paragraph": "83 bis.\tA new paragraph by the US."}],
}


def test_merge_of_three_libreoffice_redlines(libreoffice: LibreOffice, tmp_path: Path) -> None:
    inputs = []
    for author, edits in EDITS.items():
        path = tmp_path / f"{author}.docx"
        libreoffice.author(REV2_EXCERPT, [{"author": author, **e} for e in edits], path)
        inputs.append(str(path))
    out, report = tmp_path / "merged.docx", tmp_path / "report.json"
    result, _ = merge_files(REV2_EXCERPT, inputs, out, form="full", date=datetime(2025, 12, 10, tzinfo=UTC),
                            report=report)
    lines = json.loads(report.read_text())
    by = {(r["author"], r["paragraph"], r["status"]) for r in lines}
    assert ("G77", "66", "collision") in by and ("US", "66", "collision") in by
    assert {("G77", "88", "applied"), ("EU", "88", "applied"), ("EU", "89", "applied")} <= by
    assert ("US", "83 bis", "applied") in by
    assert result.collisions == {"66"}
    seen = libreoffice.inspect(out)
    changes = [(r["type"], r["author"], r["text"]) for r in seen["redlines"]]
    # The identical proposal of G77 and the EU appears once, crediting both.
    assert changes.count(("Insert", "G77; EU", "We reaffirm the working definition")) == 1
    assert ("Insert", "EU", "shall remain global") in changes
    assert ("Insert", "US", "to the Economic and Social Council") in changes
    assert ("Insert", "G77", "to the Commission") in changes
    assert any(t == "Insert" and a == "US" and x.startswith("83 bis.") for t, a, x in changes)
    assert seen["rejected_text"] == libreoffice.inspect(REV2_EXCERPT)["rejected_text"]
