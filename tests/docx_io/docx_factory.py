"""Small .docx files built in tests with python-docx and lxml (no XML strings in production code)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx
from lxml import etree

from docx_io.ns import qn
from docx_io.un_styles import set_prop


def make_docx(path: Path, paragraphs: Sequence[str | tuple[str, str]], table: Sequence[str] = ()) -> Path:
    """A document whose paragraphs are given as text or (style name, text); table cells after them."""
    doc = docx.Document()
    for item in paragraphs:
        style, text = item if isinstance(item, tuple) else (None, item)
        doc.add_paragraph(text, style=style)
    if table:
        tbl = doc.add_table(rows=1, cols=len(table))
        for cell, text in zip(tbl.rows[0].cells, table, strict=True):
            cell.text = text
    doc.save(str(path))
    return path


def add_revision_paragraph(path: Path, out: Path, kept: str, inserted: str, deleted: str, author: str) -> Path:
    """Append a paragraph "kept + <ins>inserted</ins> + <del>deleted</del>" to a saved document."""
    doc = docx.Document(str(path))
    p = doc.add_paragraph(kept)._p
    ins = etree.SubElement(p, qn("w:ins"), {qn("w:id"): "901", qn("w:author"): author,
                                             qn("w:date"): "2025-01-01T00:00:00Z"})
    r = etree.SubElement(ins, qn("w:r"))
    t = etree.SubElement(r, qn("w:t"))
    t.text = inserted
    dele = etree.SubElement(p, qn("w:del"), {qn("w:id"): "902", qn("w:author"): author,
                                              qn("w:date"): "2025-01-01T00:00:00Z"})
    r = etree.SubElement(dele, qn("w:r"))
    t = etree.SubElement(r, qn("w:delText"))
    t.text = deleted
    doc.save(str(out))
    return out


NUMBERED_STYLE = "NumberedPara"  # styleId of the paragraph style make_numbered_docx numbers through
_LEVELS = (("decimal", "%1.", 567), ("lowerLetter", "(%2)", 1134))  # (format, text, left indent in twips)


def make_numbered_docx(path: Path, items: Sequence[tuple[int, str]], *, via_style: bool = False) -> Path:
    """A resolution numbered by Word itself: level 0 prints "1.", level 1 "(a)" (restarting under each number).

    `items` are (level, text): level 0 or 1 is numbered, -1 is a plain paragraph. The list carries each level's
    hanging indent, as Word's do. With `via_style` the numbering comes from a paragraph style (whose w:numPr
    names the list; sub-paragraphs add their own w:ilvl), otherwise from each paragraph's own w:numPr.
    """
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    taken = [int(el.get(qn("w:abstractNumId"), "0")) for el in numbering.findall(qn("w:abstractNum"))]
    abstract_id = str(max([0, *taken]) + 1)
    num_id = str(max([0, *(int(el.get(qn("w:numId"), "0")) for el in numbering.findall(qn("w:num")))]) + 1)
    abstract = etree.Element(qn("w:abstractNum"), {qn("w:abstractNumId"): abstract_id})
    etree.SubElement(abstract, qn("w:multiLevelType"), {qn("w:val"): "multilevel"})
    for ilvl, (fmt, text, left) in enumerate(_LEVELS):
        lvl = etree.SubElement(abstract, qn("w:lvl"), {qn("w:ilvl"): str(ilvl)})
        etree.SubElement(lvl, qn("w:start"), {qn("w:val"): "1"})
        etree.SubElement(lvl, qn("w:numFmt"), {qn("w:val"): fmt})
        etree.SubElement(lvl, qn("w:lvlText"), {qn("w:val"): text})
        etree.SubElement(lvl, qn("w:lvlJc"), {qn("w:val"): "left"})
        ppr = etree.SubElement(lvl, qn("w:pPr"))
        etree.SubElement(ppr, qn("w:ind"), {qn("w:left"): str(left), qn("w:hanging"): "567"})
    # w:abstractNum elements come before every w:num in the schema.
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = etree.SubElement(numbering, qn("w:num"), {qn("w:numId"): num_id})
    etree.SubElement(num, qn("w:abstractNumId"), {qn("w:val"): abstract_id})
    if via_style:
        style = doc.styles.add_style("Numbered Para", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        assert style.style_id == NUMBERED_STYLE
        _add_numpr(style._element.get_or_add_pPr(), num_id, None)
    for level, text in items:
        p = doc.add_paragraph(text, style="Numbered Para" if via_style and level >= 0 else None)
        if level > 0 or (level == 0 and not via_style):  # the style's numPr gives level 0 itself
            _add_numpr(p._p.get_or_add_pPr(), None if via_style else num_id, level)
    doc.save(str(path))
    return path


def _add_numpr(ppr: etree._Element, num_id: str | None, ilvl: int | None) -> None:
    """A w:numPr (w:ilvl, then w:numId, each when given) at its schema place in a w:pPr."""
    numpr = set_prop(ppr, "numPr")
    if ilvl is not None:
        etree.SubElement(numpr, qn("w:ilvl"), {qn("w:val"): str(ilvl)})
    if num_id is not None:
        etree.SubElement(numpr, qn("w:numId"), {qn("w:val"): num_id})


def add_nested_deletion(path: Path, out: Path, index: int, at: str, inserted: tuple[str, str, str],
                        by: tuple[str, str]) -> Path:
    """Insert words into paragraph `index` (after its text `at`, the rest following) as Word writes a deletion
    of another author's insertion: `inserted` is (before, struck, after) inserted by by[0], the middle part then
    deleted by by[1] (<w:ins><w:r/><w:del><w:r><w:delText/></w:r></w:del><w:r/></w:ins>)."""
    doc = docx.Document(str(path))
    p = doc.paragraphs[index]._p
    whole = "".join(t.text or "" for t in p.iter(qn("w:t")))
    assert whole.startswith(at), (whole, at)
    for r in p.findall(qn("w:r")):
        p.remove(r)
    _text_run(p, at, "w:t")
    ins = etree.SubElement(p, qn("w:ins"), {qn("w:id"): "911", qn("w:author"): by[0],
                                             qn("w:date"): "2025-12-01T00:00:00Z"})
    before, struck, after = inserted
    if before:
        _text_run(ins, before, "w:t")
    dele = etree.SubElement(ins, qn("w:del"), {qn("w:id"): "912", qn("w:author"): by[1],
                                                qn("w:date"): "2025-12-02T00:00:00Z"})
    _text_run(dele, struck, "w:delText")
    if after:
        _text_run(ins, after, "w:t")
    _text_run(p, whole[len(at):], "w:t")
    doc.save(str(out))
    return out


def _text_run(parent: etree._Element, text: str, tag: str) -> None:
    t = etree.SubElement(etree.SubElement(parent, qn("w:r")), qn(tag))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


# A note's content: plain text, or pieces ("=", text) kept, ("+", text, author) inserted, ("-", text, author)
# deleted (tracked changes inside the note).
NotePiece = tuple[str, str] | tuple[str, str, str]
_NOTE_RELS = {"footnote": ("footnotes", "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"),
              "endnote": ("endnotes", "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml")}
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def make_noted_docx(path: Path, paragraphs: Sequence[str],
                    notes: Sequence[tuple[int, str, str | Sequence[NotePiece]]]) -> Path:
    """A document of `paragraphs` with real footnotes and endnotes: each note is (index of the paragraph whose
    end references it, "footnote" or "endnote", its text or pieces with tracked changes), in order."""
    doc = docx.Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    roots = {kind: _notes_root(kind) for kind in {kind for _, kind, _ in notes}}
    next_id = {"footnote": 1, "endnote": 1}
    for index, kind, content in notes:
        nid = str(next_id[kind])
        next_id[kind] += 1
        ref = etree.SubElement(doc.paragraphs[index]._p, qn("w:r"))
        etree.SubElement(etree.SubElement(ref, qn("w:rPr")), qn("w:vertAlign"), {qn("w:val"): "superscript"})
        etree.SubElement(ref, qn(f"w:{kind}Reference"), {qn("w:id"): nid})
        note = etree.SubElement(roots[kind], qn(f"w:{kind}"), {qn("w:id"): nid})
        p = etree.SubElement(note, qn("w:p"))
        mark = etree.SubElement(p, qn("w:r"))
        etree.SubElement(mark, qn(f"w:{kind}Ref"))
        _text_run(p, " ", "w:t")
        pieces: Sequence[NotePiece] = [("=", content)] if isinstance(content, str) else content
        for n, piece in enumerate(pieces):
            if piece[0] == "=":
                _text_run(p, piece[1], "w:t")
                continue
            tag = "w:ins" if piece[0] == "+" else "w:del"
            change = etree.SubElement(p, qn(tag), {qn("w:id"): str(950 + n), qn("w:author"): piece[2],  # type: ignore[misc]
                                                   qn("w:date"): "2025-12-01T00:00:00Z"})
            _text_run(change, piece[1], "w:t" if piece[0] == "+" else "w:delText")
    doc.save(str(path))
    _add_note_parts(path, roots)
    return path


def _notes_root(kind: str) -> etree._Element:
    root = etree.Element(qn(f"w:{kind}s"), nsmap={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"})
    for nid, sort in (("-1", "separator"), ("0", "continuationSeparator")):
        note = etree.SubElement(root, qn(f"w:{kind}"), {qn("w:type"): sort, qn("w:id"): nid})
        etree.SubElement(etree.SubElement(etree.SubElement(note, qn("w:p")), qn("w:r")), qn(f"w:{sort}"))
    return root


def _add_note_parts(path: Path, roots: dict[str, etree._Element]) -> None:
    """Add the notes parts to a saved package: the parts, their relationships and content types."""
    import zipfile

    with zipfile.ZipFile(path) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    rels = etree.fromstring(files["word/_rels/document.xml.rels"])
    types = etree.fromstring(files["[Content_Types].xml"])
    for kind, root in roots.items():
        stem, content_type = _NOTE_RELS[kind]
        files[f"word/{stem}.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        etree.SubElement(rels, f"{{{_REL_NS}}}Relationship", Id=f"rIdNotes{stem}", Target=f"{stem}.xml",
                         Type=f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{stem}")
        etree.SubElement(types, f"{{{_CT_NS}}}Override", PartName=f"/word/{stem}.xml", ContentType=content_type)
    files["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
    files["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
