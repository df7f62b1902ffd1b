"""docx_io.redline_writer: native revisions on the original package, untouched parts unchanged."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
from lxml import etree

from app.diff import diff_text
from app.plan import Attribution, DeleteParagraph, InsertParagraph, ModifyParagraph, RedlinePlan
from app.segments import shift
from docx_io.ns import qn
from docx_io.package import read_package
from docx_io.reader import draft_from_package, read_draft
from docx_io.redline_writer import write_redline
from tests.docx_io.docx_factory import make_docx

BY = Attribution("IMSB", datetime(2025, 12, 9, 10, 30, tzinfo=UTC))
W_INS, W_DEL = qn("w:ins"), qn("w:del")


def _document(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def _sample(tmp_path: Path) -> Path:
    doc = docx.Document()
    doc.add_paragraph("Internet governance", style="Heading 1")
    p = doc.add_paragraph("88.\tWe reaffirm the ")
    p.add_run("description").italic = True
    p.add_run(" of Internet governance in the Tunis Agenda.")
    doc.add_paragraph("89.\tWe reaffirm that Internet governance must continue to be global.")
    doc.add_paragraph("90.\tUntouched paragraph.")
    doc.save(str(tmp_path / "base.docx"))
    return tmp_path / "base.docx"


def _plan(path: Path) -> RedlinePlan:
    draft = read_draft(path)
    p88, p89, p90 = draft.by_label("88"), draft.by_label("89"), draft.by_label("90")
    proposed = "We reaffirm the working definition of Internet governance in the Tunis Agenda."
    plan = RedlinePlan()
    plan.add(ModifyParagraph(p88.anchor, shift(diff_text(p88.body, proposed), p88.prefix), BY))
    plan.add(InsertParagraph(p89.anchor, "89 bis.\tA new paragraph.", BY))
    plan.add(DeleteParagraph(p90.anchor, BY))
    return plan


def test_full_writes_ins_and_del_with_author_date_and_unique_ids(tmp_path: Path) -> None:
    base = _sample(tmp_path)
    out = tmp_path / "full.docx"
    write_redline(read_package(base), _plan(base), out)
    root = _document(out)
    revisions = list(root.iter(W_INS, W_DEL))
    assert revisions, "no revisions written"
    assert {r.get(qn("w:author")) for r in revisions} == {"IMSB"}
    assert {r.get(qn("w:date")) for r in revisions} == {"2025-12-09T10:30:00Z"}
    ids = [el.get(qn("w:id")) for el in root.iter() if el.get(qn("w:id")) is not None]
    assert len(ids) == len(set(ids))
    # delText only inside w:del, never w:t there.
    for d in root.iter(W_DEL):
        assert not list(d.iter(qn("w:t")))
    for t in root.iter(qn("w:delText")):
        assert any(a.tag == W_DEL for a in t.iterancestors())


def test_deleted_text_keeps_its_formatting_and_insertion_joins_it(tmp_path: Path) -> None:
    base = _sample(tmp_path)
    out = tmp_path / "full.docx"
    write_redline(read_package(base), _plan(base), out)
    root = _document(out)
    deleted = [d for d in root.iter(W_DEL) if "".join(d.itertext()) == "description"]
    assert deleted and deleted[0].find(f".//{qn('w:i')}") is not None
    inserted = [i for i in root.iter(W_INS) if "".join(i.itertext()) == "working definition"]
    assert inserted and inserted[0].find(f".//{qn('w:i')}") is not None


def test_new_and_deleted_paragraph_marks_are_tracked(tmp_path: Path) -> None:
    base = _sample(tmp_path)
    out = tmp_path / "full.docx"
    write_redline(read_package(base), _plan(base), out)
    body = _document(out).find(qn("w:body"))
    assert body is not None
    paras = body.findall(qn("w:p"))
    new = [p for p in paras if "".join(p.itertext()).startswith("89 bis.")]
    assert len(new) == 1
    assert new[0].find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:ins')}") is not None
    gone = [p for p in paras if "Untouched" in "".join(p.itertext())]
    # The last body paragraph keeps its mark (Word needs one); its text is struck.
    assert gone and list(gone[0].iter(W_DEL))


def test_reading_the_output_gives_the_proposed_text(tmp_path: Path) -> None:
    base = _sample(tmp_path)
    out = tmp_path / "full.docx"
    write_redline(read_package(base), _plan(base), out)
    texts = [p.text for p in read_draft(out).paragraphs]
    assert "88.\tWe reaffirm the working definition of Internet governance in the Tunis Agenda." in texts
    assert "89 bis.\tA new paragraph." in texts
    assert not any("Untouched" in t for t in texts)


def test_untouched_paragraphs_and_parts_are_unchanged(tmp_path: Path) -> None:
    base = _sample(tmp_path)
    out = tmp_path / "full.docx"
    write_redline(read_package(base), _plan(base), out)
    with zipfile.ZipFile(base) as a, zipfile.ZipFile(out) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            if name != "word/document.xml":
                assert a.read(name) == b.read(name), name
    before = _document(base).find(qn("w:body"))
    after = _document(out).find(qn("w:body"))
    assert before is not None and after is not None
    p89_before = etree.tostring(before.findall(qn("w:p"))[2])
    assert p89_before in [etree.tostring(p) for p in after.findall(qn("w:p"))]


def test_clean_leaves_no_revisions(tmp_path: Path) -> None:
    base = _sample(tmp_path)
    out = tmp_path / "clean.docx"
    write_redline(read_package(base), _plan(base), out, tracked=False)
    root = _document(out)
    assert not list(root.iter(W_INS, W_DEL, qn("w:delText")))
    texts = [p.text for p in read_draft(out).paragraphs]
    assert texts[1] == "88.\tWe reaffirm the working definition of Internet governance in the Tunis Agenda."
    assert texts[3] == "89 bis.\tA new paragraph."


def test_empty_plan_copies_every_part_byte_for_byte(tmp_path: Path) -> None:
    base = make_docx(tmp_path / "b.docx", ["1.\tOne."])
    out = tmp_path / "same.docx"
    write_redline(read_package(base), RedlinePlan(), out)
    with zipfile.ZipFile(base) as a, zipfile.ZipFile(out) as b:
        assert {n: a.read(n) for n in a.namelist()} == {n: b.read(n) for n in b.namelist()}


def test_input_file_is_never_modified(tmp_path: Path) -> None:
    base = _sample(tmp_path)
    before = base.read_bytes()
    write_redline(read_package(base), _plan(base), tmp_path / "o.docx")
    assert base.read_bytes() == before


def _alice_paragraph(tmp_path: Path) -> Path:
    from tests.docx_io.docx_factory import add_revision_paragraph

    base = make_docx(tmp_path / "b.docx", ["1.\tFirst."])
    return add_revision_paragraph(base, tmp_path / "alice.docx", "2.\tKept text ", "added words", " gone", "Alice")


def test_other_authors_revisions_are_kept(tmp_path: Path) -> None:
    path = _alice_paragraph(tmp_path)
    draft = read_draft(path)
    p2 = draft.by_label("2")
    assert p2.text == "2.\tKept text added words"
    plan = RedlinePlan()
    plan.add(ModifyParagraph(p2.anchor, shift(diff_text(p2.body, "Kept fine text added words"), p2.prefix), BY))
    out = tmp_path / "o.docx"
    notices = write_redline(read_package(path), plan, out)
    assert notices == []
    root = _document(out)
    alice = [el for el in root.iter(W_INS, W_DEL) if el.get(qn("w:author")) == "Alice"]
    assert sorted("".join(el.itertext()) for el in alice) == [" gone", "added words"]
    assert read_draft(out).by_label("2").text == "2.\tKept fine text added words"


def test_striking_another_authors_insertion_accepts_it_and_says_so(tmp_path: Path) -> None:
    path = _alice_paragraph(tmp_path)
    draft = read_draft(path)
    p2 = draft.by_label("2")
    plan = RedlinePlan()
    plan.add(ModifyParagraph(p2.anchor, shift(diff_text(p2.body, "Kept text added"), p2.prefix), BY))
    out = tmp_path / "o.docx"
    notices = write_redline(read_package(path), plan, out)
    assert len(notices) == 1 and "Alice's insertion" in notices[0]
    root = _document(out)
    for ins in root.iter(W_INS):  # no deletion nested in an insertion
        assert not list(ins.iter(W_DEL))
    assert read_draft(out).by_label("2").text == "2.\tKept text added"


def test_insertion_inside_another_authors_insertion_goes_beside_it(tmp_path: Path) -> None:
    path = _alice_paragraph(tmp_path)
    draft = read_draft(path)
    p2 = draft.by_label("2")
    plan = RedlinePlan()
    plan.add(ModifyParagraph(p2.anchor, shift(diff_text(p2.body, "Kept text added new words"), p2.prefix), BY))
    out = tmp_path / "o.docx"
    write_redline(read_package(path), plan, out)
    root = _document(out)
    for ins in root.iter(W_INS):
        assert not [el for el in ins.iter(W_INS) if el is not ins]
    assert read_draft(out).by_label("2").text == "2.\tKept text added new words"


def _para_with_link_and_field(tmp_path: Path) -> Path:
    """ "7.<tab>See resolution 72/266 and the Tunis Agenda today." with "72/266" a hyperlink and
    "Tunis Agenda" a REF field."""
    doc = docx.Document()
    p = doc.add_paragraph("7.\tSee resolution ")._p

    def run(parent: etree._Element, text: str | None = None, child: str = "w:t", **attrs: str) -> None:
        r = etree.SubElement(parent, qn("w:r"))
        el = etree.SubElement(r, qn(child), {qn(k): v for k, v in attrs.items()})
        if text is not None:
            el.text = text
            el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    link = etree.SubElement(p, qn("w:hyperlink"), {qn("w:anchor"): "x"})
    run(link, "72/266")
    run(p, " and the ")
    run(p, child="w:fldChar", **{"w:fldCharType": "begin"})
    run(p, " REF tunis \\h ", child="w:instrText")
    run(p, child="w:fldChar", **{"w:fldCharType": "separate"})
    run(p, "Tunis Agenda")
    run(p, child="w:fldChar", **{"w:fldCharType": "end"})
    run(p, " today.")
    doc.save(str(tmp_path / "lf.docx"))
    return tmp_path / "lf.docx"


def _apply(path: Path, proposed_body: str, out: Path) -> etree._Element:
    para = read_draft(path).by_label("7")
    plan = RedlinePlan()
    plan.add(ModifyParagraph(para.anchor, shift(diff_text(para.body, proposed_body), para.prefix), BY))
    write_redline(read_package(path), plan, out)
    return _document(out)


def test_a_struck_field_is_struck_whole(tmp_path: Path) -> None:
    path = _para_with_link_and_field(tmp_path)
    root = _apply(path, "See resolution 72/266 today.", tmp_path / "o.docx")
    instr = list(root.iter(qn("w:instrText"))) + list(root.iter(qn("w:delInstrText")))
    assert [el.tag for el in instr] == [qn("w:delInstrText")]
    for fld in root.iter(qn("w:fldChar")):
        assert any(a.tag == W_DEL for a in fld.iterancestors()), "field character left outside the strike"
    assert read_draft(tmp_path / "o.docx").by_label("7").body == "See resolution 72/266 today."


def test_text_typed_after_a_link_is_not_part_of_it(tmp_path: Path) -> None:
    path = _para_with_link_and_field(tmp_path)
    root = _apply(path, "See resolution 72/266/Rev.1 and the Tunis Agenda today.", tmp_path / "o.docx")
    (link,) = root.iter(qn("w:hyperlink"))
    assert "".join(link.itertext()) == "72/266"
    body = read_draft(tmp_path / "o.docx").by_label("7").body
    assert body == "See resolution 72/266/Rev.1 and the Tunis Agenda today."


def test_each_change_can_carry_its_own_author(tmp_path: Path) -> None:
    """A merge writes several authors' changes in one paragraph; two insertions at one place keep order."""
    from app.segments import Op, Segment

    base = make_docx(tmp_path / "b.docx", ["5.\tWe urge States to act."])
    para = read_draft(base).by_label("5")
    g77 = Attribution("G77", datetime(2025, 12, 1, tzinfo=UTC))
    eu = Attribution("EU", datetime(2025, 12, 2, tzinfo=UTC))
    segments = [Segment(Op.EQUAL, "5.\tWe "), Segment(Op.DELETE, "urge"), Segment(Op.INSERT, "call on"),
                Segment(Op.EQUAL, " States to act"), Segment(Op.INSERT, " now"), Segment(Op.INSERT, " together"),
                Segment(Op.EQUAL, ".")]
    plan = RedlinePlan()
    plan.add(ModifyParagraph(para.anchor, segments, BY, authors=[None, g77, g77, None, eu, g77, None]))
    out = tmp_path / "o.docx"
    write_redline(read_package(base), plan, out)
    root = _document(out)
    seen = [(el.tag == W_INS, el.get(qn("w:author")), "".join(el.itertext())) for el in root.iter(W_INS, W_DEL)]
    assert seen == [(False, "G77", "urge"), (True, "G77", "call on"), (True, "EU", " now"), (True, "G77", " together")]
    assert read_draft(out).by_label("5").body == "We call on States to act now together."


def test_the_package_can_be_written_twice(tmp_path: Path) -> None:
    """Writing leaves the package as it was read: a second export of the same plan gives the same file."""
    src = make_docx(tmp_path / "d.docx", ["1.\tWe meet.", "2.\tWe urge all States to act."])
    pkg = read_package(src)
    draft = draft_from_package(pkg)
    para = draft.by_label("2")
    plan = RedlinePlan([ModifyParagraph(para.anchor, diff_text(para.text, "2.\tWe call on all States to act."), BY)])
    write_redline(pkg, plan, tmp_path / "a.docx")
    write_redline(pkg, plan, tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
