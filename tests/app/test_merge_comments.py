"""Comments in incoming redlines: read (author, anchor, replies, resolved), placed on the draft and on the change
they overlap, reported one entry each, and kept as Word comments by their authors in the full form."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.text.run import Run
from lxml import etree

from app.wiring.merging import merge_files
from docx_io.comment_reader import read_file_comments
from docx_io.comments import read_comments
from docx_io.ns import qn
from docx_io.package import read_package
from tests.docx_io.comment_factory import Note, add_comments
from tests.docx_io.docx_factory import make_docx

DATE = datetime(2025, 12, 10, tzinfo=UTC)
TEXTS = ["1. We meet in New York.", "2. We urge all States to act."]
FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "redlines"


def _draft(tmp_path: Path) -> Path:
    return make_docx(tmp_path / "draft.docx", TEXTS)


def test_comments_read_with_anchor_reply_and_resolved_state(tmp_path: Path) -> None:
    commented = add_comments(_draft(tmp_path), tmp_path / "g77.docx", [
        Note(1, "all States", "G77", "All States, not only members."),
        Note(1, "all States", "EU", "Agreed.", reply_to=0, done=True)])
    found = read_file_comments(read_package(commented))
    first, reply = found.by_anchor[1]
    assert (first.author, first.text, first.anchored, TEXTS[1][first.start:first.end]) == (
        "G77", "All States, not only members.", "all States", "all States")
    assert (reply.author, reply.parent, reply.resolved, first.resolved) == ("EU", first.id, True, False)
    assert found.unplaced == []


def test_a_file_with_comments_only_merges_reported_and_kept_in_the_full_form(tmp_path: Path) -> None:
    draft = _draft(tmp_path)
    commented = add_comments(draft, tmp_path / "g77.docx", [
        Note(1, "all States", "G77", "All States, not only members."),
        Note(1, "all States", "EU", "Agreed.", reply_to=0, done=True)])
    out, report = tmp_path / "merged.docx", tmp_path / "report.json"
    result, _ = merge_files(draft, [str(commented)], out, form="full", date=DATE, report=report)
    assert result.proposals == []
    entries = json.loads(report.read_text())
    assert [(e["author"], e["kind"], e["status"], e["paragraph"], e["change"], e["anchor"]) for e in entries] == [
        ("G77", "comment", "comment", "2", "All States, not only members.", "all States"),
        ("EU", "comment", "comment", "2", "Agreed.", "all States")]
    assert "reply to G77's comment; resolved" in entries[1]["reason"]
    assert read_comments(read_package(out)) == [("G77", "All States, not only members.", "all States"),
                                                 ("EU", "Agreed.", "all States")]


def test_a_comment_on_a_change_is_linked_to_it(tmp_path: Path) -> None:
    # The G77 inserts " now" and comments on the words it inserted, as delegations give their rationale.
    draft = _draft(tmp_path)
    doc = docx.Document(str(draft))
    p = doc.paragraphs[1]._p
    for r in p.findall(qn("w:r")):
        p.remove(r)
    _run(p, "2. We urge all States to act")
    ins = etree.SubElement(p, qn("w:ins"), {qn("w:id"): "901", qn("w:author"): "G77",
                                             qn("w:date"): "2025-12-01T00:00:00Z"})
    inserted = _run(ins, " now")
    _run(p, ".")
    doc.add_comment(Run(inserted, doc.paragraphs[1]), text="Urgency.", author="G77")
    doc.save(str(tmp_path / "g77.docx"))
    out, report = tmp_path / "merged.docx", tmp_path / "report.json"
    result, _ = merge_files(draft, [str(tmp_path / "g77.docx")], out, form="full", date=DATE, report=report)
    (placed,) = result.comments
    (change,) = result.proposals
    assert placed.proposals == [change] and placed.comment.anchored == " now"
    entry = next(e for e in json.loads(report.read_text()) if e["kind"] == "comment")
    assert entry["reason"] == "on ' now'; on the change ** now**"
    assert read_comments(read_package(out)) == [("G77", "Urgency.", "")]  # on the insertion point


def _run(parent: etree._Element, text: str) -> etree._Element:
    r = etree.SubElement(parent, qn("w:r"))
    t = etree.SubElement(r, qn("w:t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def test_incoming_comments_never_take_the_drafts_comment_ids(tmp_path: Path) -> None:
    draft = add_comments(_draft(tmp_path), tmp_path / "draft_c.docx", [Note(0, "New York", "Chair", "Venue tbc.")])
    commented = add_comments(_draft(tmp_path), tmp_path / "g77.docx", [Note(1, "act", "G77", "Act how?")])
    out = tmp_path / "merged.docx"
    merge_files(draft, [str(commented)], out, form="full", date=DATE)
    assert read_comments(read_package(out)) == [("Chair", "Venue tbc.", "New York"), ("G77", "Act how?", "act")]
    ids = [c.get(qn("w:id")) for c in _part(out, "word/comments.xml").iter(qn("w:comment"))]
    assert len(ids) == len(set(ids)) == 2
    # The draft's own comment is left exactly as it was.
    assert _comment(draft, "0") == _comment(out, "0")


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def _comment(path: Path, cid: str) -> bytes:
    (el,) = [c for c in _part(path, "word/comments.xml").iter(qn("w:comment")) if c.get(qn("w:id")) == cid]
    return etree.tostring(el, method="c14n")


def _fixtures_with_comments() -> list[Path]:
    out = []
    for path in sorted(FIXTURES.rglob("*.docx")):
        try:
            with zipfile.ZipFile(path) as z:
                if "word/comments.xml" in z.namelist():
                    out.append(path)
        except zipfile.BadZipFile:
            continue
    return out


@pytest.mark.own_structure_check  # the draft is the real file itself: its own revisions are as Word wrote them
@pytest.mark.skipif(not FIXTURES.is_dir(), reason="the shared fixtures are not here")
@pytest.mark.parametrize("path", _fixtures_with_comments(), ids=lambda p: p.name)
def test_every_comment_of_a_real_file_is_in_the_report(path: Path, tmp_path: Path) -> None:
    # Merged onto itself: whatever is placed or not, every comment of the file has its report entry.
    report = tmp_path / "report.json"
    merge_files(path, [str(path)], tmp_path / "merged.docx", form="full", date=DATE, report=report)
    with zipfile.ZipFile(path) as z:
        written = [(c.get(qn("w:author")) or "", "".join(t.text or "" for t in c.iter(qn("w:t"))).strip())
                   for c in etree.fromstring(z.read("word/comments.xml")).iter(qn("w:comment"))]
    entries = [e for e in json.loads(report.read_text()) if e["kind"] == "comment"]
    assert sorted((e["author"], e["change"]) for e in entries) == sorted(written)
    assert all(e["status"] == "comment" or e["reason"] for e in entries)
    placed = [e for e in entries if e["status"] == "comment"]
    with zipfile.ZipFile(tmp_path / "merged.docx") as z:
        out = etree.fromstring(z.read("word/comments.xml")).findall(qn("w:comment"))
    # Every placed comment is a Word comment in the output, beside the draft's own (the file itself).
    assert len(out) == len(written) + len(placed)


@pytest.mark.parametrize("form", ["compilation", "table"])
def test_comments_carried_into_the_compilation_and_table(tmp_path: Path, form: str) -> None:
    draft = _draft(tmp_path)
    commented = add_comments(draft, tmp_path / "g77.docx", [Note(1, "all States", "G77", "Not only members.")])
    out = tmp_path / f"{form}.docx"
    merge_files(draft, [str(commented)], out, form=form, date=DATE)
    document = docx.Document(str(out))
    texts = [p.text.strip() for p in document.paragraphs]
    texts += [p.text.strip() for t in document.tables for cell in t._cells for p in cell.paragraphs]
    assert "G77 comment (on \u201call States\u201d): Not only members." in texts


def test_a_reply_and_its_resolved_state_stay_threaded_in_the_full_form(tmp_path: Path) -> None:
    draft = _draft(tmp_path)
    commented = add_comments(draft, tmp_path / "g77.docx", [
        Note(1, "all States", "G77", "All States, not only members."),
        Note(1, "all States", "EU", "Agreed.", reply_to=0, done=True),
        Note(1, "act", "US", "Act how?")])
    out = tmp_path / "merged.docx"
    merge_files(draft, [str(commented)], out, form="full", date=DATE)
    found = read_file_comments(read_package(out))
    by_text = {c.text: c for cs in found.by_anchor.values() for c in cs}
    first, reply, other = by_text["All States, not only members."], by_text["Agreed."], by_text["Act how?"]
    assert (reply.author, reply.parent, reply.resolved) == ("EU", first.id, True)
    assert (first.parent, first.resolved, other.parent, other.resolved) == ("", False, "", False)
    with zipfile.ZipFile(out) as z:
        ids = [el.get(qn("w14:paraId")) for name in z.namelist() if name.endswith(".xml")
               for el in etree.fromstring(z.read(name)).iter() if el.get(qn("w14:paraId"))]
        types = z.read("[Content_Types].xml")
    assert len(ids) == len(set(ids)) and all(int(i, 16) < 0x80000000 for i in ids)  # unique, as Word requires
    assert b"commentsExtended+xml" in types
