"""Tracked changes inside footnotes and endnotes of incoming redlines are merged as in the body: attributed,
written into the full form's notes part under their authors, reported under the note's name."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from app.wiring.merging import merge_files
from docx_io.ns import W
from docx_io.package import read_package
from tests.docx_io.docx_factory import make_noted_docx

_W = f"{{{W}}}"
DATE = datetime(2025, 12, 10, tzinfo=UTC)
PARAS = ["66.\tWe invite Parties to submit views.", "67.\tWe request the secretariat to report."]
FOOT = "See decision 1/CP.21, paragraph 4."
END = "As adopted at the fifth session."


def _draft(folder: Path) -> Path:
    return make_noted_docx(folder / "draft.docx", PARAS, [(0, "footnote", FOOT), (1, "endnote", END)])


def _redline(folder: Path, name: str, foot: list, end: list | str = END) -> Path:  # type: ignore[type-arg]
    return make_noted_docx(folder / name, PARAS, [(0, "footnote", foot), (1, "endnote", end)])


def _note_revisions(path: Path, kind: str) -> list[tuple[str, str, str]]:
    pkg = read_package(path)
    root = pkg.xml(f"word/{kind}s.xml")
    return [(etree.QName(el).localname, el.get(_W + "author") or "",
             "".join(t.text or "" for t in el.iter(_W + "t", _W + "delText")))
            for el in root.iter(_W + "ins", _W + "del")]


def test_note_changes_are_merged_attributed_and_reported(tmp_path: Path) -> None:
    draft = _draft(tmp_path)
    g77 = _redline(tmp_path, "g77.docx", [("=", "See decision 1/CP.21, paragraph "), ("-", "4", "G77"),
                                          ("+", "5", "G77"), ("=", ".")])
    eu = _redline(tmp_path, "eu.docx", [("=", FOOT)],
                  [("=", "As adopted at the "), ("-", "fifth", "EU"), ("+", "sixth", "EU"), ("=", " session.")])
    out, report = tmp_path / "merged.docx", tmp_path / "report.json"
    merge_files(draft, [str(g77), str(eu)], out, form="full", date=DATE, report=report)
    lines = json.loads(report.read_text())
    by = {(r["author"], r["paragraph"], r["kind"], r["status"], r["change"]) for r in lines}
    assert ("G77", "66 fn1", "modify", "applied", "~~4~~ **5**") in by
    assert ("EU", "endnote 1", "modify", "applied", "~~fifth~~ **sixth**") in by
    assert not [r for r in lines if r["status"] == "not applicable"]
    assert all(r["id"] for r in lines)
    assert _note_revisions(out, "footnote") == [("del", "G77", "4"), ("ins", "G77", "5")]
    assert _note_revisions(out, "endnote") == [("del", "EU", "fifth"), ("ins", "EU", "sixth")]
    assert not list(read_package(out).xml("word/document.xml").iter(_W + "ins", _W + "del"))


def test_rival_note_changes_are_a_collision_first_tracked(tmp_path: Path) -> None:
    draft = _draft(tmp_path)
    g77 = _redline(tmp_path, "g77.docx", [("=", "See decision 1/CP.21, paragraph "), ("-", "4", "G77"),
                                          ("+", "5", "G77"), ("=", ".")])
    us = _redline(tmp_path, "us.docx", [("=", "See decision 1/CP.21, paragraph "), ("-", "4", "US"),
                                        ("+", "6", "US"), ("=", ".")])
    out, report = tmp_path / "merged.docx", tmp_path / "report.json"
    merge_files(draft, [str(g77), str(us)], out, form="full", date=DATE, report=report)
    lines = json.loads(report.read_text())
    statuses = {(r["author"], r["paragraph"], r["status"]) for r in lines}
    assert statuses == {("G77", "66 fn1", "collision"), ("US", "66 fn1", "collision")}
    revisions = _note_revisions(out, "footnote")
    assert revisions == [("del", "G77", "4"), ("ins", "G77", "5")]  # the first tracked, never a mix
    words = "".join(t for _, _, t in revisions)
    assert "6" not in words


def test_author_credited_for_the_whole_file_covers_its_notes(tmp_path: Path) -> None:
    draft = _draft(tmp_path)
    red = _redline(tmp_path, "red.docx", [("=", "See decision 1/CP.21, paragraph 4"), ("+", " and 5", "someone"),
                                          ("=", ".")])
    out, report = tmp_path / "merged.docx", tmp_path / "report.json"
    merge_files(draft, [f"Brazil={red}"], out, form="full", date=DATE, report=report)
    assert _note_revisions(out, "footnote") == [("ins", "Brazil", " and 5")]
