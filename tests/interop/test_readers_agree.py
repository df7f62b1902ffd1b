"""Every reader gives a paragraph the same label: `show --json` (tracked changes), `merge --report` and the
editor's session, on redlines of Rev 2 saved by LibreOffice (its empty section-break paragraph), by Word (the
sample itself, edited through LibreOffice) and by python-docx (with an empty paragraph added)."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from lxml import etree

from app.resources import REV2_EXCERPT
from app.wiring.cli import main
from app.wiring.session import Session
from docx_io.ns import qn
from tests.interop.libreoffice import LibreOffice

pytestmark = pytest.mark.interop

# (paragraph, text in it, replacement): edits to paras 66, 88 and 103 of Rev 2
EDITS = [("66", "within existing mandates", "within existing mandates and budgets"),
         ("88", "description", "working definition"),
         ("103", "strengthening of the Secretariat", "strengthening of the Secretariat (as agreed)")]
LABELS = {label for label, _, _ in EDITS}


def _libreoffice_redline(libreoffice: LibreOffice, tmp_path: Path) -> Path:
    out = tmp_path / "libreoffice.docx"
    libreoffice.author(REV2_EXCERPT, [{"author": "G77", "find": old, "replace": new} for _, old, new in EDITS], out)
    return out


def _python_docx_redline(tmp_path: Path) -> Path:
    """Rev 2 re-saved by python-docx with an empty paragraph before 66 and each edit as a w:ins at the end."""
    doc = docx.Document(str(REV2_EXCERPT))
    for label, _, new in EDITS:
        p = next(p for p in doc.paragraphs if p.text.startswith(f"{label}."))
        if label == "66":
            p.insert_paragraph_before("")
        ins = etree.SubElement(p._p, qn("w:ins"), {qn("w:id"): f"9{label}", qn("w:author"): "G77",
                                                   qn("w:date"): "2025-01-01T00:00:00Z"})
        etree.SubElement(etree.SubElement(ins, qn("w:r")), qn("w:t")).text = f" [{new}]"
    out = tmp_path / "python-docx.docx"
    doc.save(str(out))
    return out


def _labels_everywhere(capsys: pytest.CaptureFixture[str], tmp_path: Path, redline: Path) -> dict[str, set[str]]:
    assert main(["show", str(redline), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    report = tmp_path / f"{redline.stem}.report.json"
    assert main(["merge", str(REV2_EXCERPT), str(redline), "-o", str(tmp_path / "merged.docx"),
                 "--report", str(report)]) == 0
    capsys.readouterr()
    session = Session.open_draft(redline)
    by_index = {p.index: p for p in session.draft.paragraphs}
    return {
        "show paragraphs": {p["label"] for p in shown["paragraphs"] if any(new in p["text"] for _, _, new in EDITS)},
        "show changes": {ch["label"] for ch in shown["tracked_changes"] if ch["story"] == "body"},
        "merge report": {line["paragraph"] for line in json.loads(report.read_text(encoding="utf-8"))},
        "session": {by_index[ch["paragraph"]].label for ch in shown["tracked_changes"] if ch["story"] == "body"},
    }


def test_libreoffice_saved_redline(libreoffice: LibreOffice, capsys: pytest.CaptureFixture[str],
                                   tmp_path: Path) -> None:
    redline = _libreoffice_redline(libreoffice, tmp_path)
    labels = _labels_everywhere(capsys, tmp_path, redline)
    assert labels == dict.fromkeys(labels, LABELS)


def test_python_docx_saved_redline(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    labels = _labels_everywhere(capsys, tmp_path, _python_docx_redline(tmp_path))
    assert labels == dict.fromkeys(labels, LABELS)


def test_word_saved_draft_labels_the_same_in_show_and_session(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(REV2_EXCERPT), "--json"]) == 0
    shown = [(p["index"], p["label"]) for p in json.loads(capsys.readouterr().out)["paragraphs"]]
    assert shown == [(p.index, p.label) for p in Session.open_draft(REV2_EXCERPT).draft.paragraphs]
    assert {label for _, label in shown} >= LABELS
