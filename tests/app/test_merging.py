"""app.wiring.merging: the merge use case end to end on the bundled Rev 2 excerpt (forms, inputs, errors)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
import pytest

from app.errors import AmendmentError, DocumentError
from app.proposals import Decision
from app.resources import REV2_EXCERPT, SAMPLES
from app.review import Review
from app.wiring.cli import main
from app.wiring.merging import InputSpec, merge_files, merge_inputs, parse_input, write_merged
from docx_io.comments import read_comments
from docx_io.package import read_package
from docx_io.reader import draft_from_package
from docx_io.revision_reader import read_revisions

DATE = datetime(2025, 12, 10, tzinfo=UTC)
EU = """88. We reaffirm the ~~description~~ **working definition** of Internet governance in the Tunis Agenda for \
the Information Society, as the development and application by governments, the private sector and civil society, \
in their respective roles, of shared principles, norms, rules, decision-making procedures, and programmes that shape \
the evolution and use of the Internet.

Rationale: The Tunis Agenda's own words.
"""
US = """88. We ~~reaffirm~~ **recall** the description of Internet governance in the Tunis Agenda for the Information \
Society, as the development and application by governments, the private sector and civil society, in their \
respective roles, of shared principles, norms, rules, decision-making procedures, and programmes that shape the \
evolution and use of the Internet.

83 bis. A new paragraph on artificial intelligence.
"""
G77 = US.split("\n\n")[0].replace("**recall**", "**note**") + "\n"


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    for name, text in (("eu", EU), ("us", US), ("g77", G77)):
        (tmp_path / f"{name}.md").write_text(text, encoding="utf-8")
    return [f"EU={tmp_path / 'eu.md'}", f"US={tmp_path / 'us.md'}", f"G77={tmp_path / 'g77.md'}"]


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_full_form_writes_every_change_under_its_author(inputs: list[str], tmp_path: Path) -> None:
    out, report = tmp_path / "merged.docx", tmp_path / "report.json"
    result, _ = merge_files(REV2_EXCERPT, inputs, out, form="full", date=DATE, report=report)
    revisions = read_revisions(read_package(out)).revisions
    inserted = {(r.author, r.text) for r in revisions if r.lo_type == "Insert"}
    assert {("EU", "working definition"), ("US", "recall")} <= inserted
    assert not any(a == "G77" for a, _ in inserted)  # G77's rival wording of "reaffirm" is a comment of G77's
    assert ("G77", "G77 proposes: \u201cnote\u201d", "reaffirm") in read_comments(read_package(out))
    assert any(a == "US" and t.startswith("83 bis.") for a, t in inserted)
    assert result.collisions == {"88"}
    lines = json.loads(report.read_text(encoding="utf-8"))
    assert {(x["author"], x["paragraph"], x["status"]) for x in lines} >= {
        ("US", "88", "collision"), ("G77", "88", "collision"), ("EU", "88", "applied"), ("US", "83 bis", "applied")}
    fields = {"id", "file", "author", "paragraph", "old_label", "kind", "status", "reason", "change", "decision",
              "base", "base_recognised", "anchor",  # base*: issue 12, the revision each input was made on;
              "moved_from", "moved_to"}  # anchor: issue 16, a comment's text; moved_*: a move's paragraphs
    assert all(set(x) == fields for x in lines)
    assert all(x["base"] is None and x["base_recognised"] is False for x in lines)  # all made on the draft
    # Each placed change names its proposal by the stable id `review --list` prints: para label and number.
    placed = [x for x in lines if x["status"] != "not applicable"]
    assert placed and all(x["id"].startswith(x["paragraph"].split()[0] + "-") for x in placed)
    assert all(x["decision"] == "pending" for x in placed)


def test_compilation_form_brackets_each_passage_with_its_authors(inputs: list[str], tmp_path: Path) -> None:
    out = tmp_path / "compilation.docx"
    merge_files(REV2_EXCERPT, inputs, out, form="compilation", date=DATE, agreed_ad_ref=True)
    text = _text(out)
    assert "88.\tWe [reaffirm / recall – US / note – G77] the [description / working definition – EU] of" in text
    assert "83 bis.\t[A new paragraph on artificial intelligence. – US]" in text
    assert "89.\tWe reaffirm that Internet governance" in text and "stakeholders in accordance with their " \
        "respective roles and responsibilities. [Agreed ad ref]" in text
    assert read_revisions(read_package(out)).revisions == []  # static text, no tracked changes


def test_table_form_has_the_current_text_and_each_authors_version(inputs: list[str], tmp_path: Path) -> None:
    out = tmp_path / "table.docx"
    merge_files(REV2_EXCERPT, inputs, out, form="table", date=DATE)
    table = docx.Document(str(out)).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Current text", "Proposals"]
    row = next(r for r in table.rows if r.cells[0].text.startswith("88.\t"))
    right = row.cells[1].text
    assert "EU: We reaffirm the descriptionworking definition of Internet" in right  # struck, then bold
    assert "Rationale: The Tunis Agenda's own words." in right
    assert "US: We reaffirmrecall the description" in right and "G77: We reaffirmnote the" in right
    new = next(r for r in table.rows if r.cells[0].text == "(new paragraph)")
    assert new.cells[1].text == "US: A new paragraph on artificial intelligence."


def test_an_edited_copy_without_tracked_changes_is_credited_to_its_last_editor(tmp_path: Path) -> None:
    copy = tmp_path / "kenya.docx"
    document = docx.Document(str(REV2_EXCERPT))
    para = next(p for p in document.paragraphs if p.text.startswith("88.\t"))
    run = next(r for r in para.runs if "description" in r.text)
    run.text = run.text.replace("description", "definition")
    document.core_properties.last_modified_by = "Kenya"
    document.save(str(copy))
    draft = draft_from_package(read_package(REV2_EXCERPT))
    result, messages = merge_inputs(draft, [InputSpec(copy)], DATE)
    (p,) = result.proposals
    assert (p.authors, p.text, draft.paragraphs[p.paragraph].text[p.start:p.end]) == (
        ["Kenya"], "definition", "description")
    assert messages == ["kenya.docx: no tracked changes; compared with the draft and credited to Kenya"]
    result, _ = merge_inputs(draft, [InputSpec(copy, "Kenya delegation")], DATE)
    assert result.proposals[0].authors == ["Kenya delegation"]


def test_author_override_credits_every_change_of_a_tracked_file(inputs: list[str], tmp_path: Path) -> None:
    tracked = tmp_path / "tracked.docx"
    merge_files(REV2_EXCERPT, inputs[:1], tracked, form="full", date=DATE)
    draft = draft_from_package(read_package(REV2_EXCERPT))
    result, _ = merge_inputs(draft, [parse_input(f"African Group={tracked}")], DATE)
    assert [p.authors for p in result.proposals] == [["African Group"]]


def test_review_decisions_shape_the_outputs(inputs: list[str], tmp_path: Path) -> None:
    pkg = read_package(REV2_EXCERPT)
    draft = draft_from_package(pkg)
    result, _ = merge_inputs(draft, [parse_input(s) for s in inputs], DATE)
    review = Review(result)
    us = next(p for p in review.proposals if p.text == "recall")
    review.pick(us.id)
    review.decide_author("EU", Decision.REJECTED)
    out = tmp_path / "clean.docx"
    write_merged(pkg, result, out, form="clean")
    text = _text(out)
    assert "88.\tWe recall the description of Internet governance" in text
    write_merged(pkg, result, tmp_path / "c.docx", form="compilation")
    assert "88.\tWe recall the description of Internet governance" in _text(tmp_path / "c.docx")


def test_bad_inputs_are_refused_with_a_message(tmp_path: Path, inputs: list[str]) -> None:
    out = tmp_path / "out.docx"
    with pytest.raises(AmendmentError, match="at least one"):
        merge_files(REV2_EXCERPT, [], out, form="full", date=DATE)
    with pytest.raises(AmendmentError, match="compilation only"):
        merge_files(REV2_EXCERPT, inputs, out, form="full", date=DATE, agreed_ad_ref=True)
    odd = tmp_path / "notes.pdf"
    odd.write_bytes(b"%PDF-1.4")
    with pytest.raises(DocumentError, match=r"cannot merge a '\.pdf' file"):
        merge_files(REV2_EXCERPT, [str(odd)], out, form="full", date=DATE)
    with pytest.raises(DocumentError, match="no such file"):
        merge_files(REV2_EXCERPT, [str(tmp_path / "missing.docx")], out, form="full", date=DATE)
    assert not out.exists()


def test_cli_merge_writes_the_compilation_and_fails_cleanly(inputs: list[str], tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c.docx"
    assert main(["merge", str(REV2_EXCERPT), *inputs, "-o", str(out), "--form", "compilation",
                 "--date", "2025-12-10"]) == 0
    assert "collisions in para 88" in capsys.readouterr().out
    assert out.is_file()
    bad = tmp_path / "c.md"
    assert main(["merge", str(REV2_EXCERPT), *inputs, "-o", str(bad), "--form", "table"]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "the table form is written as .docx" in err[0]
    assert not bad.exists()


def _with_extra_revisions(src: Path, out: Path) -> Path:
    """A copy of a tracked file with a tracked insertion in a footer and in a text box, and a formatting
    change in the body."""
    import zipfile

    from lxml import etree

    from docx_io.ns import qn, sub_element

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename in ("word/footer1.xml", "word/document.xml"):
                root = etree.fromstring(data)
                if info.filename == "word/footer1.xml":
                    ins = sub_element(next(root.iter(qn("w:p"))), "w:ins", {"w:id": "901", "w:author": "EU"})
                    sub_element(sub_element(ins, "w:r"), "w:t").text = "Draft"
                else:
                    _add_text_box_insertion(next(root.iter(qn("w:p"))), "EU", "903")
                    run = next(root.iter(qn("w:r")))
                    rpr = run.find(qn("w:rPr"))
                    if rpr is None:
                        rpr = etree.Element(qn("w:rPr"))
                        run.insert(0, rpr)
                    sub_element(rpr, "w:b")
                    sub_element(rpr, "w:rPrChange", {"w:id": "902", "w:author": "EU"})
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, data)
    return out


def _add_text_box_insertion(p: Any, author: str, rev_id: str) -> None:
    """A text box as Word writes it: DrawingML (mc:Choice) and VML (mc:Fallback) copies of one text."""
    from lxml import etree

    from docx_io.ns import qn, sub_element

    mc, wps, wp = (f"{{{uri}}}" for uri in ("http://schemas.openxmlformats.org/markup-compatibility/2006",
                                             "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
                                             "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"))
    alternate = etree.SubElement(sub_element(p, "w:r"), mc + "AlternateContent")
    choice = etree.SubElement(alternate, mc + "Choice", Requires="wps")
    anchor = etree.SubElement(sub_element(choice, "w:drawing"), wp + "inline")
    data = etree.SubElement(etree.SubElement(anchor, qn("a:graphic")), qn("a:graphicData"))
    box = etree.SubElement(etree.SubElement(etree.SubElement(data, wps + "wsp"), wps + "txbx"), qn("w:txbxContent"))
    fallback = etree.SubElement(alternate, mc + "Fallback")
    vml = "{urn:schemas-microsoft-com:vml}"
    old_box = etree.SubElement(etree.SubElement(etree.SubElement(sub_element(fallback, "w:pict"), vml + "shape"),
                                                vml + "textbox"), qn("w:txbxContent"))
    for container, i in ((box, rev_id), (old_box, rev_id + "1")):
        ins = sub_element(sub_element(container, "w:p"), "w:ins", {"w:id": i, "w:author": author})
        sub_element(sub_element(ins, "w:r"), "w:t").text = "Boxed"


def test_changes_a_merge_cannot_carry_are_reported(inputs: list[str], tmp_path: Path) -> None:
    tracked = tmp_path / "tracked.docx"
    merge_files(REV2_EXCERPT, inputs[:1], tracked, form="full", date=DATE)
    extra = _with_extra_revisions(tracked, tmp_path / "extra.docx")
    draft = draft_from_package(read_package(REV2_EXCERPT))
    result, _ = merge_inputs(draft, [InputSpec(extra)], DATE)
    left = sorted((r.author, r.kind, r.status, r.reason) for r in result.report if r.paragraph is None)
    # The body's formatting change is merged now (issue 16): a "format" entry on its paragraph, not left out.
    assert [(r.author, r.kind) for r in result.report if r.kind == "format"] == [("EU", "format")]
    assert left == [
        ("EU", "text", "not applicable", "1 tracked change(s) in the footers are not merged; carry them over by hand"),
        ("EU", "text", "not applicable",
         "1 tracked change(s) in the text boxes are not merged; carry them over by hand"),
    ]
    assert [p.authors for p in result.proposals] == [["EU"]]  # the body's text change is merged


def test_compilation_and_table_keep_an_either_or_set_as_options(tmp_path: Path) -> None:
    imsb = f"IMSB={SAMPLES / 'imsb_rev2_amendments.md'}"
    out = tmp_path / "compilation.docx"
    merge_files(REV2_EXCERPT, [imsb], out, form="compilation", date=DATE)
    text = _text(out)
    assert "coordination efforts. – IMSB (Option A; or Option B: para 84)]" in text
    assert "[, including the Internet Governance Forum and the WSIS Forum, – IMSB (Option B; or Option A: " \
        "para 83 bis)]" in text
    assert "89.\tWe [reaffirm / recognize – IMSB] that" in text  # not in a set: no option
    table = tmp_path / "table.docx"
    merge_files(REV2_EXCERPT, [imsb], table, form="table", date=DATE)
    rights = [row.cells[1].text for row in docx.Document(str(table)).tables[0].rows]
    assert any(r.startswith("IMSB (Option A; or Option B: para 84): We recognise") for r in rights)
    assert any(r.startswith("IMSB (Option B; or Option A: para 83 bis): We encourage") for r in rights)
