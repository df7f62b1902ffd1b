"""The revision reader on small documents built with lxml."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from docx_io.ns import W, qn
from docx_io.package import Package, serialize
from docx_io.revision_reader import read_revisions, story_streams
from docx_io.revision_views import accepted_text, rejected_text
from docx_io.tracked import list_tracked_changes

D1 = "2025-01-01T10:00:00Z"
D2 = "2025-01-02T10:00:00Z"


def _change(parent: etree._Element, tag: str, author: str, date: str = D1) -> etree._Element:
    el = etree.SubElement(parent, qn(tag))
    el.set(qn("w:id"), str(len(list(parent.iter()))))
    el.set(qn("w:author"), author)
    el.set(qn("w:date"), date)
    return el


def _run(parent: etree._Element, text: str, deleted: bool = False) -> etree._Element:
    run = etree.SubElement(parent, qn("w:r"))
    t = etree.SubElement(run, qn("w:delText" if deleted else "w:t"))
    t.text = text
    if text != text.strip():
        t.set(qn("xml:space"), "preserve")
    return run


def _doc() -> tuple[etree._Element, etree._Element]:
    root = etree.Element(qn("w:document"), nsmap={"w": W})
    return root, etree.SubElement(root, qn("w:body"))


def _para(body: etree._Element, text: str = "") -> etree._Element:
    p = etree.SubElement(body, qn("w:p"))
    if text:
        _run(p, text)
    return p


def _mark(p: etree._Element, tag: str, author: str) -> None:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.Element(qn("w:pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.SubElement(ppr, qn("w:rPr"))
    _change(rpr, tag, author)


def _pkg(root: etree._Element, extra: dict[str, bytes] | None = None) -> Package:
    parts = {"word/document.xml": serialize(root), **(extra or {})}
    return Package(Path("t.docx"), list(parts), parts, {}, "word/document.xml")


def _summary(pkg: Package) -> list[tuple[str, str, str]]:
    return [(r.kind, r.author, r.text) for r in read_revisions(pkg).revisions]


def test_insert_and_delete_with_authors() -> None:
    root, body = _doc()
    p = _para(body, "The Assembly ")
    _run(_change(p, "w:ins", "Alice"), "firmly ")
    _run(p, "decides to ")
    _run(_change(p, "w:del", "Bob"), "urgently ", deleted=True)
    _run(p, "act.")
    pkg = _pkg(root)
    assert _summary(pkg) == [("insert", "Alice", "firmly "), ("delete", "Bob", "urgently ")]
    assert accepted_text(pkg) == "The Assembly firmly decides to act.\n"
    assert rejected_text(pkg) == "The Assembly decides to urgently act.\n"


def test_deletion_nested_in_another_authors_insertion() -> None:
    root, body = _doc()
    p = _para(body)
    ins = _change(p, "w:ins", "Alice")
    _run(ins, "new ")
    _run(_change(ins, "w:del", "Bob", D2), "gone ", deleted=True)
    _run(ins, "text")
    revisions = read_revisions(_pkg(root)).revisions
    assert [(r.kind, r.author, r.text) for r in revisions] == [
        ("insert", "Alice", "new "), ("delete", "Bob", "gone "), ("insert", "Alice", "text"),
    ]
    assert revisions[1].under[0].author == "Alice"
    assert accepted_text(_pkg(root)) == "new text\n"
    assert rejected_text(_pkg(root)) == "\n"


def test_move_from_and_move_to_with_range_markers() -> None:
    root, body = _doc()
    first = _para(body, "Stay. ")
    etree.SubElement(first, qn("w:moveFromRangeStart"), {qn("w:id"): "1", qn("w:name"): "m"})
    _run(_change(first, "w:moveFrom", "Carol"), "Moved.", deleted=True)
    etree.SubElement(first, qn("w:moveFromRangeEnd"), {qn("w:id"): "1"})
    second = _para(body, "End. ")
    _run(_change(second, "w:moveTo", "Carol"), "Moved.")
    pkg = _pkg(root)
    assert _summary(pkg) == [("move-from", "Carol", "Moved."), ("move-to", "Carol", "Moved.")]
    assert [r.lo_type for r in read_revisions(pkg).revisions] == ["Delete", "Insert"]
    assert accepted_text(pkg) == "Stay. \nEnd. Moved.\n"
    assert rejected_text(pkg) == "Stay. Moved.\nEnd. \n"


def test_paragraph_marks_inserted_and_deleted() -> None:
    root, body = _doc()
    first = _para(body, "One")
    _mark(first, "w:del", "Dan")
    second = _para(body, "two")
    inserted = _para(body)
    _run(_change(inserted, "w:ins", "Eve"), "New")
    _mark(second, "w:ins", "Eve")
    _para(body, "Last")
    pkg = _pkg(root)
    assert _summary(pkg) == [("delete", "Dan", "\n"), ("insert", "Eve", "\nNew")]
    assert read_revisions(pkg).revisions[1].paragraph_mark
    assert accepted_text(pkg) == "Onetwo\nNew\nLast\n"
    assert rejected_text(pkg) == "One\ntwo\nLast\n"


def test_table_row_insertion_and_deletion() -> None:
    root, body = _doc()
    tbl = etree.SubElement(body, qn("w:tbl"))
    for text, tag in (("kept", None), ("added", "w:ins"), ("dropped", "w:del")):
        tr = etree.SubElement(tbl, qn("w:tr"))
        if tag:
            _change(etree.SubElement(tr, qn("w:trPr")), tag, "Fay")
        tc = etree.SubElement(tr, qn("w:tc"))
        p = _para(tc)
        if tag == "w:ins":
            _run(_change(p, "w:ins", "Fay"), text)
        elif tag == "w:del":
            _run(_change(p, "w:del", "Fay"), text, deleted=True)
        else:
            _run(p, text)
    _para(body)
    pkg = _pkg(root)
    result = read_revisions(pkg)
    assert [(r.kind, r.text) for r in result.revisions] == [("insert", "added"), ("delete", "dropped")]
    assert [r.kind for r in result.rows] == ["table-row-insert", "table-row-delete"]
    assert accepted_text(pkg) == "kept\nadded\n\n"
    assert rejected_text(pkg) == "kept\ndropped\n\n"


def test_footnote_revision_and_reference_numbers() -> None:
    root, body = _doc()
    p = _para(body, "Text")
    ref = etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:footnoteReference"))
    ref.set(qn("w:id"), "1")
    notes = etree.Element(qn("w:footnotes"), nsmap={"w": W})
    note = etree.SubElement(notes, qn("w:footnote"), {qn("w:id"): "1"})
    _run(_change(_para(note), "w:ins", "Gil"), "A note.")
    rels = etree.Element("{http://schemas.openxmlformats.org/package/2006/relationships}Relationships")
    etree.SubElement(rels, "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship", {
        "Id": "rId1", "Target": "footnotes.xml",
        "Type": "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
    })
    pkg = _pkg(root, {"word/footnotes.xml": serialize(notes), "word/_rels/document.xml.rels": serialize(rels)})
    revisions = read_revisions(pkg).revisions
    assert [(r.kind, r.story, r.text) for r in revisions] == [("insert", "footnote", "A note.")]
    assert accepted_text(pkg) == "Text1\n"


def test_field_instruction_hidden_and_del_instr_text_ignored() -> None:
    root, body = _doc()
    p = _para(body)
    deleted = _change(p, "w:del", "Hal")
    for kind, instr in (("begin", None), (None, " DATE "), ("separate", None), (None, "1/1/25"), ("end", None)):
        run = etree.SubElement(deleted, qn("w:r"))
        if kind:
            etree.SubElement(run, qn("w:fldChar"), {qn("w:fldCharType"): kind})
        elif instr == " DATE ":
            etree.SubElement(run, qn("w:delInstrText")).text = instr
        else:
            etree.SubElement(run, qn("w:delText")).text = instr
    assert _summary(_pkg(root)) == [("delete", "Hal", "1/1/25")]


def test_paragraph_format_and_run_format_changes() -> None:
    root, body = _doc()
    p = _para(body)
    ppr = etree.Element(qn("w:pPr"))
    p.insert(0, ppr)
    _change(ppr, "w:pPrChange", "Ivy")
    run = _run(p, "Bold")
    rpr = etree.Element(qn("w:rPr"))
    run.insert(0, rpr)
    _change(rpr, "w:rPrChange", "Jon")
    assert _summary(_pkg(root)) == [("format", "Jon", "Bold"), ("paragraph-format", "Ivy", "Bold")]


def test_changes_in_hyperlink_and_content_control() -> None:
    root, body = _doc()
    p = _para(body)
    link = etree.SubElement(p, qn("w:hyperlink"))
    _run(_change(link, "w:ins", "Kim"), "link")
    content = etree.SubElement(etree.SubElement(p, qn("w:sdt")), qn("w:sdtContent"))
    _run(_change(content, "w:del", "Kim", D2), "control", deleted=True)
    assert _summary(_pkg(root)) == [("insert", "Kim", "link"), ("delete", "Kim", "control")]


def test_comment_anchor_splits_an_insertion() -> None:
    root, body = _doc()
    p = _para(body)
    ins = _change(p, "w:ins", "Lea")
    etree.SubElement(ins, qn("w:commentRangeStart"), {qn("w:id"): "7"})
    _run(ins, "noted ")
    etree.SubElement(ins, qn("w:commentRangeEnd"), {qn("w:id"): "7"})
    ref = etree.SubElement(ins, qn("w:r"))
    etree.SubElement(ref, qn("w:commentReference"), {qn("w:id"): "7"})
    _run(ins, "and more")
    pkg = _pkg(root)
    assert _summary(pkg) == [("insert", "Lea", "noted "), ("insert", "Lea", "and more")]
    assert accepted_text(pkg) == "noted and more\n"


def test_section_break_paragraph_kept_only_when_alone_in_its_section() -> None:
    root, body = _doc()
    for text, breaks in (("", True), ("Text", False), ("", True), ("Last", False)):
        p = _para(body, text)
        if breaks:
            etree.SubElement(etree.SubElement(p, qn("w:pPr")), qn("w:sectPr"))
    # Sections [empty break] and [Text, empty break]: Writer keeps the first (its section's only
    # paragraph) and has no paragraph for the second.
    pkg = _pkg(root)
    assert accepted_text(pkg) == "\nText\nLast\n"


def test_strict_namespace_read_as_transitional() -> None:
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    root = etree.Element(f"{{{strict}}}document", nsmap={"w": strict})
    p = etree.SubElement(etree.SubElement(root, f"{{{strict}}}body"), f"{{{strict}}}p")
    ins = etree.SubElement(p, f"{{{strict}}}ins", {f"{{{strict}}}author": "Max", f"{{{strict}}}id": "1"})
    etree.SubElement(etree.SubElement(ins, f"{{{strict}}}r"), f"{{{strict}}}t").text = "strict"
    pkg = _pkg(root)
    assert pkg.xml("word/document.xml").tag == qn("w:document")
    assert _summary(pkg) == [("insert", "Max", "strict")]
    assert accepted_text(pkg) == "strict\n"


def test_insertion_inside_a_move_source_is_a_plain_insertion() -> None:
    root, body = _doc()
    p = _para(body, "a")
    _run(_change(_change(p, "w:moveFrom", "Ned"), "w:ins", "Ned"), "b")
    pkg = _pkg(root)
    revisions = read_revisions(pkg).revisions
    assert [(r.kind, r.text, r.under) for r in revisions] == [("insert", "b", ())]
    assert accepted_text(pkg) == "ab\n"
    assert rejected_text(pkg) == "a\n"


def test_segments_know_the_field_their_text_is_the_result_of() -> None:
    root, body = _doc()
    p = _para(body, "On ")
    for kind, instr, text in (("begin", None, None), (None, " DA", None), (None, "TE \\@ d/M ", None),
                              ("separate", None, None), (None, None, "1/2"), ("end", None, None)):
        run = etree.SubElement(p, qn("w:r"))
        if kind:
            etree.SubElement(run, qn("w:fldChar"), {qn("w:fldCharType"): kind})
        elif instr:
            etree.SubElement(run, qn("w:instrText")).text = instr
        else:
            etree.SubElement(run, qn("w:t")).text = text
    _run(etree.SubElement(p, qn("w:fldSimple"), {qn("w:instr"): " page "}), "7")
    segments = story_streams(_pkg(root))[-1].segments
    assert [(s.text, s.field) for s in segments] == [("On ", ""), ("1/2", "DATE"), ("7", "PAGE"), ("\n", "")]


def test_skipped_grid_columns_are_empty_cells() -> None:
    root, body = _doc()
    tbl = etree.SubElement(body, qn("w:tbl"))
    for text, name in (("a", "w:gridAfter"), ("b", "w:gridBefore")):
        tr = etree.SubElement(tbl, qn("w:tr"))
        etree.SubElement(etree.SubElement(tr, qn("w:trPr")), qn(name), {qn("w:val"): "2"})
        _para(etree.SubElement(tr, qn("w:tc")), text)
    _para(body)
    assert accepted_text(_pkg(root)) == "a\n\n\n\n\nb\n\n"


def test_white_space_at_the_ends_of_text_needs_xml_space_preserve() -> None:
    root, body = _doc()
    p = _para(body, "This ")
    _run(_change(p, "w:del", "Oz"), "old", deleted=True).find(qn("w:delText")).text = " old \t"
    etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:t")).text = "\tsentence\nremains. "
    kept = etree.SubElement(etree.SubElement(p, qn("w:r"), {qn("xml:space"): "preserve"}), qn("w:t"))
    kept.text = " [ok] "
    pkg = _pkg(root)
    assert _summary(pkg) == [("delete", "Oz", "old")]
    assert accepted_text(pkg) == "This sentence remains. [ok] \n"
    assert rejected_text(pkg) == "This oldsentence remains. [ok] \n"


def test_neighbouring_run_format_changes_apart_when_they_undo_different_properties() -> None:
    root, body = _doc()
    p = _para(body)
    for text, former in (("Apache ", "w:u"), ("Tika", "w:u"), (" is part of ", None), ("Lucene", "w:u")):
        run = _run(p, text)
        rpr = etree.Element(qn("w:rPr"))
        run.insert(0, rpr)
        old = etree.SubElement(_change(rpr, "w:rPrChange", "Pat"), qn("w:rPr"))
        if former:
            etree.SubElement(old, qn(former), {qn("w:val"): "single"})
    assert _summary(_pkg(root)) == [
        ("format", "Pat", "Apache Tika"), ("format", "Pat", " is part of "), ("format", "Pat", "Lucene")]


def _changed_paragraph(body: etree._Element, author: str = "Ivy") -> etree._Element:
    p = _para(body)
    ppr = etree.SubElement(p, qn("w:pPr"))
    _change(ppr, "w:pPrChange", author, D2)
    return p


def test_paragraph_format_change_over_inserted_text_covers_its_first_portion() -> None:
    """Writer marks the first text portion and the portions in no other change; the insertion the first
    portion lies in is laid on the paragraph's change there, so its record ends with that portion."""
    root, body = _doc()
    ins = _change(_changed_paragraph(body), "w:ins", "Jon")
    _run(ins, "first ")
    _run(ins, "second")
    assert _summary(_pkg(root)) == [
        ("insert", "Jon", "first "), ("insert", "Jon", "second"), ("paragraph-format", "Ivy", "first "),
    ]


def test_paragraph_format_change_skips_later_portions_in_other_changes() -> None:
    root, body = _doc()
    p = _changed_paragraph(body)
    _run(p, "plain ")
    _run(_change(p, "w:del", "Jon"), "gone ", deleted=True)
    _run(p, "kept ")
    _run(_change(p, "w:ins", "Jon"), "added ")
    _run(p, "end")
    assert _summary(_pkg(root)) == [
        ("delete", "Jon", "gone "), ("insert", "Jon", "added "),
        ("paragraph-format", "Ivy", "plain "), ("paragraph-format", "Ivy", "kept "), ("paragraph-format", "Ivy", "end"),
    ]


def test_paragraph_format_change_covers_a_deleted_first_portion() -> None:
    root, body = _doc()
    p = _changed_paragraph(body)
    _run(_change(p, "w:del", "Jon"), "gone ", deleted=True)
    _run(p, "kept")
    assert _summary(_pkg(root)) == [("delete", "Jon", "gone "), ("paragraph-format", "Ivy", "gone kept")]


def test_deletion_inside_a_move_source_is_part_of_the_move() -> None:
    """Writer does not stack a deletion on a deletion: the outer change takes the text (LibreOffice 7.4
    lists w:moveFrom "MOV" + w:moveFrom/w:del "ED" by another author as one deletion "MOVED")."""
    root, body = _doc()
    p = _para(body, "a ")
    move = _change(p, "w:moveFrom", "Ned")
    _run(move, "MOV")
    _run(_change(move, "w:del", "Ora", D2), "ED", deleted=True)
    _run(_change(_change(p, "w:del", "Ora"), "w:moveFrom", "Ned"), "x", deleted=True)
    pkg = _pkg(root)
    assert [(r.kind, r.author, r.text, r.under) for r in read_revisions(pkg).revisions] == [
        ("move-from", "Ned", "MOVED", ()), ("delete", "Ora", "x", ())]
    assert accepted_text(pkg) == "a \n"
    assert rejected_text(pkg) == "a MOVEDx\n"


def test_portion_after_a_note_reference_is_a_first_portion_again() -> None:
    """Writer restarts marking a changed paragraph after a note: the next portion gets the paragraph's
    change whatever change it lies in, as a record of its own, and the insertion holding it ends there."""
    root, body = _doc()
    p = _changed_paragraph(body)
    ins = _change(p, "w:ins", "Jon")
    _run(ins, "X")
    etree.SubElement(etree.SubElement(ins, qn("w:r")), qn("w:endnoteReference"), {qn("w:id"): "1"})
    etree.SubElement(etree.SubElement(ins, qn("w:r")), qn("w:footnoteReference"), {qn("w:id"): "1"})
    _run(_change(p, "w:ins", "Kim"), " ")
    assert _summary(_pkg(root)) == [
        ("insert", "Jon", "X"), ("insert", "Jon", "i1"), ("insert", "Kim", " "),
        ("paragraph-format", "Ivy", "X"), ("paragraph-format", "Ivy", "1"), ("paragraph-format", "Ivy", " "),
    ]


_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_V = "urn:schemas-microsoft-com:vml"


def _text_box(parent: etree._Element, paragraphs: list[etree._Element]) -> None:
    """A run drawing a text box as Word writes it: DrawingML in mc:Choice, the same box in VML in mc:Fallback."""
    alternate = etree.SubElement(etree.SubElement(parent, qn("w:r")), qn("mc:AlternateContent"))
    choice = etree.SubElement(alternate, qn("mc:Choice"), {"Requires": "wps"})
    txbx = etree.SubElement(etree.SubElement(etree.SubElement(choice, qn("w:drawing")), f"{{{_WPS}}}wsp"),
                            f"{{{_WPS}}}txbx")
    content = etree.SubElement(txbx, qn("w:txbxContent"))
    content.extend(paragraphs)
    fallback = etree.SubElement(alternate, qn("mc:Fallback"))
    shape = etree.SubElement(etree.SubElement(fallback, qn("w:pict")), f"{{{_V}}}shape")
    etree.SubElement(etree.SubElement(shape, f"{{{_V}}}textbox"), qn("w:txbxContent")).extend(
        [etree.fromstring(etree.tostring(p)) for p in paragraphs])


def _box_paragraph(text: str) -> etree._Element:
    p = etree.Element(qn("w:p"))
    _run(p, text)
    return p


def test_text_box_changes_are_a_story_of_their_own_read_once() -> None:
    root, body = _doc()
    p = _para(body, "Body ")
    inner = _box_paragraph("Boxed ")
    _run(_change(inner, "w:ins", "Kim"), "words")
    _text_box(p, [inner])
    pkg = _pkg(root)
    assert [(r.kind, r.author, r.text, r.story) for r in read_revisions(pkg).revisions] == [
        ("insert", "Kim", "words", "textbox")]
    assert accepted_text(pkg) == rejected_text(pkg) == "Body \n"  # the views are the body's


def test_text_box_anchored_in_a_change_has_it_laid_over_its_paragraphs_text() -> None:
    """The anchor's insertion covers each box paragraph's text, replacing an older change of its author
    there; another author's change keeps its place, and paragraph marks keep their own changes."""
    root, body = _doc()
    own, plain, other = _box_paragraph(""), _box_paragraph("Second"), _box_paragraph("Third ")
    _run(_change(own, "w:ins", "Ann", D1), "First")
    _mark(own, "w:ins", "Ann")
    _run(_change(other, "w:ins", "Kim"), "words")
    # (an empty paragraph between two covered ones: Writer would join their records over an untracked mark)
    boxed = [own, plain, _box_paragraph(""), other, _box_paragraph("")]
    _text_box(_change(_para(body, "Body"), "w:ins", "Ann", D2), boxed)
    revisions = read_revisions(_pkg(root)).revisions
    assert [(r.kind, r.author, r.date, r.text) for r in revisions] == [
        ("insert", "Ann", D2, "First"), ("insert", "Ann", D1, "\n"), ("insert", "Ann", D2, "Second"),
        ("insert", "Ann", D2, "Third "), ("insert", "Kim", D1, "words"),
    ]
    assert {r.story for r in revisions} == {"textbox"}
    assert accepted_text(_pkg(root)) == rejected_text(_pkg(root)) == "Body\n"


def test_vml_text_box_without_drawingml_copy_is_read() -> None:
    root, body = _doc()
    inner = _box_paragraph("")
    _run(_change(inner, "w:del", "Kim"), "gone", deleted=True)
    shape = etree.SubElement(etree.SubElement(etree.SubElement(_para(body, "Body"), qn("w:r")), qn("w:pict")),
                             f"{{{_V}}}shape")
    etree.SubElement(etree.SubElement(shape, f"{{{_V}}}textbox"), qn("w:txbxContent")).append(inner)
    assert [(r.kind, r.story, r.text) for r in read_revisions(_pkg(root)).revisions] == [
        ("delete", "textbox", "gone")]


def test_show_lists_text_box_changes_with_their_story() -> None:
    """`show` (docx_io.tracked) names the story; a box's change has no body paragraph."""
    root, body = _doc()
    inner = _box_paragraph("")
    _run(_change(inner, "w:ins", "Kim"), "boxed")
    _text_box(_para(body, "Body"), [inner])
    assert [(c.story, c.anchor, c.text) for c in list_tracked_changes(_pkg(root))] == [("textbox", -1, "boxed")]
