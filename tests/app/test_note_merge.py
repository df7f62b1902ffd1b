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


def test_text_forms_addressing_notes_are_merged_into_the_notes(tmp_path: Path) -> None:
    draft = _draft(tmp_path)
    g77 = tmp_path / "G77.md"
    g77.write_text("66 fn1. See decision 1/CP.21, paragraph ~~4~~**5**.\n\n"
                   "67. We request the secretariat to ~~report~~**report annually**.\n\n"
                   "68 fn1. Nothing ~~here~~.\n", encoding="utf-8")
    eu = _redline(tmp_path, "eu.docx", [("=", FOOT)],
                  [("=", "As adopted at the "), ("-", "fifth", "EU"), ("+", "sixth", "EU"), ("=", " session.")])
    out, report = tmp_path / "merged.docx", tmp_path / "report.json"
    merge_files(draft, [str(g77), str(eu)], out, form="full", date=DATE, report=report)
    lines = {(r["author"], r["paragraph"], r["status"], r["change"]) for r in json.loads(report.read_text())}
    assert ("G77", "66 fn1", "applied", "~~4~~ **5**") in lines
    assert ("EU", "endnote 1", "applied", "~~fifth~~ **sixth**") in lines
    assert ("G77", "67", "applied", "~~report~~ **report annually**") in lines
    missing = [r for r in json.loads(report.read_text()) if r["status"] == "not applicable"]
    assert len(missing) == 1 and missing[0]["reason"].startswith("68 fn1: the draft has no such note")
    assert _note_revisions(out, "footnote") == [("del", "G77", "4"), ("ins", "G77", "5")]


def test_a_text_form_made_on_a_base_revision_carries_its_note_changes(tmp_path: Path) -> None:
    base = _draft(tmp_path)
    draft = make_noted_docx(tmp_path / "rev2.docx", ["65.\tWe note the report.", *PARAS],
                            [(1, "footnote", FOOT), (2, "endnote", END)])  # the note's paragraph is now 66 still
    form = tmp_path / "US.md"
    form.write_text("66 fn1. See decision ~~1/CP.21~~**2/CP.21**, paragraph 4.\n", encoding="utf-8")
    out, report = tmp_path / "merged.docx", tmp_path / "report.json"
    merge_files(draft, [str(form)], out, form="full", date=DATE, report=report, base=base)
    assert _note_revisions(out, "footnote") == [("del", "US", "1/CP.21"), ("ins", "US", "2/CP.21")]
    assert not [r for r in json.loads(report.read_text()) if r["status"] == "not applicable"]


def _renumber_notes(src: Path, out: Path, shift: int) -> Path:
    """A copy whose footnote and endnote ids are all moved by `shift`, as LibreOffice renumbers them on saving."""
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename in ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml"):
                root = etree.fromstring(data)
                for el in root.iter(_W + "footnote", _W + "endnote", _W + "footnoteReference",
                                    _W + "endnoteReference"):
                    number = int(el.get(_W + "id", "0"))
                    if number > 0:
                        el.set(_W + "id", str(number + shift))
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, data)
    return out


def test_a_note_is_matched_by_its_number_and_text_when_the_ids_differ(tmp_path: Path) -> None:
    draft = _draft(tmp_path)
    g77 = _renumber_notes(_redline(tmp_path, "g77.docx", [("=", "See decision 1/CP.21, paragraph "),
                                                          ("-", "4", "G77"), ("+", "5", "G77"), ("=", ".")]),
                          tmp_path / "g77 saved by LibreOffice.docx", 6)
    out, report = tmp_path / "merged.docx", tmp_path / "report.json"
    merge_files(draft, [str(g77)], out, form="full", date=DATE, report=report)
    lines = json.loads(report.read_text())
    assert [(r["author"], r["paragraph"], r["status"]) for r in lines] == [("G77", "66 fn1", "applied")]
    assert _note_revisions(out, "footnote") == [("del", "G77", "4"), ("ins", "G77", "5")]
