"""Hostile and unusual .docx files, built in a test's tmp_path (never copied from a corpus).

Every builder writes one file and returns its path. Sound documents start from python-docx
(tests.docx_io.docx_factory); damage is then done on the zip bytes or on the parts' XML with lxml.
A few attacks (a DOCTYPE, entities) cannot be written by lxml and are spliced in as bytes: that is
what an attacker would do too.
"""

from __future__ import annotations

import random
import string
import struct
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from lxml import etree

from tests.docx_io.docx_factory import make_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
DOC = "word/document.xml"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PARAGRAPHS = ("1.\tWe reaffirm the first principle.", "2.\tWe recognise the second principle.")
AMENDMENT = "1. We reaffirm the ~~first~~ **foremost** principle.\n"


def w(tag: str) -> str:
    """A WordprocessingML tag in Clark notation."""
    return f"{{{W}}}{tag}"


def base_docx(path: Path, paragraphs: Iterable[str] = PARAGRAPHS) -> Path:
    """A small sound draft with numbered paragraphs "1." and "2."."""
    return make_docx(path, list(paragraphs))


def read_parts(path: Path) -> dict[str, bytes]:
    """The parts of a zip, in order."""
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def write_parts(path: Path, parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A zip holding these parts, in this order."""
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in parts.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, compression)
    return path


def edit_xml(path: Path, part: str, edit: Callable[[etree._Element], None]) -> Path:
    """Rewrite one XML part of the .docx in place with lxml."""
    parts = read_parts(path)
    root = etree.fromstring(parts[part])
    edit(root)
    parts[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return write_parts(path, parts)


def body(root: etree._Element) -> etree._Element:
    """The w:body of a document part."""
    found = root.find(w("body"))
    assert found is not None
    return found


# --- not a package -------------------------------------------------------------------------------

def not_a_zip(path: Path) -> Path:
    """Plain text with a .docx name."""
    path.write_bytes(b"Dear delegate, please find our amendments below.\n" * 20)
    return path


def truncated_zip(path: Path) -> Path:
    """The first 60 % of a sound .docx (a download cut short): the central directory is gone."""
    data = base_docx(path).read_bytes()
    path.write_bytes(data[: len(data) * 6 // 10])
    return path


def _central_directory(data: bytes) -> tuple[int, int]:
    """(offset, entry count) of a zip's central directory, from its end record."""
    end = data.rindex(b"PK\x05\x06")
    count, _size, offset = struct.unpack("<HII", data[end + 10: end + 20])
    return offset, count


def damaged_central_directory(path: Path) -> Path:
    """A .docx whose end record is intact but whose central directory is overwritten."""
    data = bytearray(base_docx(path).read_bytes())
    offset, _ = _central_directory(bytes(data))
    data[offset: offset + 46] = b"\xa5" * 46
    path.write_bytes(bytes(data))
    return path


def crc_error(path: Path) -> Path:
    """A .docx whose document part (stored, not compressed) has a damaged byte: its CRC-32 fails."""
    parts = read_parts(base_docx(path))
    write_parts(path, parts, zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    at = data.index(b"We reaffirm")
    data[at] ^= 0x20  # "we reaffirm": still well-formed XML, only the checksum tells
    path.write_bytes(bytes(data))
    return path


def without_document(path: Path) -> Path:
    """A zip with content types and relationships but no word/document.xml."""
    parts = read_parts(base_docx(path))
    del parts[DOC]
    return write_parts(path, parts)


def malformed_xml(path: Path) -> Path:
    """A .docx whose document part is cut in the middle of an element."""
    parts = read_parts(base_docx(path))
    parts[DOC] = parts[DOC][: len(parts[DOC]) // 2]
    return write_parts(path, parts)


def legacy_doc(path: Path) -> Path:
    """A Word 97-2003 file: an OLE2 compound file (only its signature and an empty header matter)."""
    path.write_bytes(OLE2_MAGIC + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 1024)
    return path


def encrypted_docx(path: Path) -> Path:
    """A password-protected .docx: Word wraps the package in OLE2 with EncryptionInfo and EncryptedPackage."""
    directory = b"".join(name.encode("utf-16-le") + b"\x00" * (64 - 2 * len(name))
                         for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    path.write_bytes(OLE2_MAGIC + b"\x00" * 504 + directory + b"\x00" * 2048)
    return path


# --- DOCTYPE and entities --------------------------------------------------------------------------

ENTITY_ATTACKS = {
    "doctype": b"<!DOCTYPE w:document>",
    "billion_laughs": b"<!DOCTYPE w:document [<!ENTITY lol0 \"lol\">"
                      + b"".join(f"<!ENTITY lol{i} \"{('&lol' + str(i - 1) + ';') * 10}\">".encode()
                                 for i in range(1, 10))
                      + b"]>",
    "external_file": b"<!DOCTYPE w:document [<!ENTITY lol9 SYSTEM \"file:///etc/passwd\">]>",
    "external_http": b"<!DOCTYPE w:document [<!ENTITY lol9 SYSTEM \"{url}\">]>",
    "parameter_entity": b"<!DOCTYPE w:document [<!ENTITY % remote SYSTEM \"file:///etc/passwd\"> %remote;]>",
}


def with_entities(path: Path, attack: str, part: str = DOC, url: str = "http://127.0.0.1:9/evil.xml") -> Path:
    """A .docx whose `part` starts with the DOCTYPE of `attack` and uses its entity &lol9; in text
    (for the document part: in paragraph 1's text and in an attribute); `url` for external_http."""
    parts = read_parts(base_docx(path))
    data = parts[part]
    decl_end = data.index(b"?>") + 2
    data = data[:decl_end] + b"\n" + ENTITY_ATTACKS[attack].replace(b"{url}", url.encode()) + data[decl_end:]
    if attack != "doctype" and attack != "parameter_entity" and part == DOC:
        data = data.replace(b"We reaffirm", b"We &lol9; reaffirm", 1)
        data = data.replace(b"<w:body>", b"<w:body><w:p w:rsidR=\"&lol9;\"/>", 1)
    parts[part] = data
    return write_parts(path, parts)


# --- zip bombs --------------------------------------------------------------------------------------

def _patch_sizes(data: bytearray, name: str, file_size: int, compress_size: int | None = None) -> None:
    """Forge the sizes one entry declares, in its local header and in the central directory."""
    encoded = name.encode()
    offset, count = _central_directory(bytes(data))
    at = offset
    for _ in range(count):
        name_len, extra_len, comment_len = struct.unpack("<HHH", data[at + 28: at + 34])
        local = struct.unpack("<I", data[at + 42: at + 46])[0]
        if bytes(data[at + 46: at + 46 + name_len]) == encoded:
            struct.pack_into("<I", data, at + 24, file_size)
            struct.pack_into("<I", data, local + 22, file_size)
            if compress_size is not None:
                struct.pack_into("<I", data, at + 20, compress_size)
                struct.pack_into("<I", data, local + 18, compress_size)
            return
        at += 46 + name_len + extra_len + comment_len
    raise KeyError(name)


def declared_huge(path: Path, size: int = 0xFFFF_FFF0, part: str = DOC) -> Path:
    """A .docx whose document part claims (in both headers) to inflate to `size` bytes."""
    data = bytearray(base_docx(path).read_bytes())
    _patch_sizes(data, part, size)
    path.write_bytes(bytes(data))
    return path


def declared_total(path: Path, parts_count: int, each: int) -> Path:
    """A .docx with extra parts that each claim `each` bytes, compressed as much (ratio 1), so only
    the total is past a limit. The data behind them is a few bytes: nothing may read it."""
    parts = read_parts(base_docx(path))
    names = [f"word/media/blob{i}.bin" for i in range(parts_count)]
    for name in names:
        parts[name] = b"x"
    data = bytearray(write_parts(path, parts, zipfile.ZIP_STORED).read_bytes())
    for name in names:
        _patch_sizes(data, name, each, each)
    path.write_bytes(bytes(data))
    return path


def real_bomb(path: Path, size: int, part: str = "word/media/zeros.bin") -> Path:
    """A .docx with an extra part of `size` zero bytes, deflated streaming (the test stays light)."""
    base_docx(path)
    chunk = b"\x00" * (1 << 20)
    info = zipfile.ZipInfo(part, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "a") as zf, zf.open(info, "w", force_zip64=True) as fh:
        written = 0
        while written < size:
            fh.write(chunk[: min(len(chunk), size - written)])
            written += len(chunk)
    return path


def many_small_bombs(path: Path, count: int, each: int) -> Path:
    """A .docx with `count` extra parts of `each` zero bytes: each part alone is under every limit."""
    parts = read_parts(base_docx(path))
    zeros = b"\x00" * each
    for i in range(count):
        parts[f"word/media/zeros{i}.bin"] = zeros
    return write_parts(path, parts)


# --- unsafe entry names -------------------------------------------------------------------------------

UNSAFE_NAMES = {
    "dotdot": "../../escaped.xml",
    "dotdot_inside": "word/../../escaped.xml",
    "absolute": "/tmp/escaped.xml",
    "backslash": "word\\..\\..\\escaped.xml",
    "drive": "C:/escaped.xml",
}


def unsafe_entry(path: Path, name: str) -> Path:
    """A sound .docx plus one entry with a hostile name."""
    parts = read_parts(base_docx(path))
    parts[name] = b"<escaped/>"
    return write_parts(path, parts)


# --- unusual but sound documents ----------------------------------------------------------------------

PART_RELS = {
    "word/styles.xml": "/styles",
    "word/numbering.xml": "/numbering",
    "word/settings.xml": "/settings",
}


def without_part(path: Path, part: str) -> Path:
    """A sound draft without `part`, its relationship and its content type."""
    parts = read_parts(base_docx(path))
    parts.pop(part, None)
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    for rel in list(rels):
        if rel.get("Type", "").endswith(PART_RELS[part]):
            rels.remove(rel)
    parts["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
    types = etree.fromstring(parts["[Content_Types].xml"])
    for override in list(types):
        if override.get("PartName") == "/" + part:
            types.remove(override)
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
    return write_parts(path, parts)


def _paragraph(text: str) -> etree._Element:
    p = etree.Element(w("p"))
    r = etree.SubElement(p, w("r"))
    t = etree.SubElement(r, w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return p


def unknown_elements(path: Path) -> Path:
    """Custom namespaced elements in the body and inside paragraph 1 (ignorable, as Word writes them)."""
    base_docx(path)

    def edit(root: etree._Element) -> None:
        b = body(root)
        b.insert(0, etree.Element("{urn:example:custom}block", nsmap={"x": "urn:example:custom"}))
        first = b.findall(w("p"))[0]
        marker = etree.Element("{urn:example:custom}marker", {"level": "1"}, nsmap={"x": "urn:example:custom"})
        first.insert(1, marker)
        etree.SubElement(marker, "{urn:example:custom}child").text = "hidden"

    return edit_xml(path, DOC, edit)


def content_controls(path: Path) -> Path:
    """A block content control around paragraph 2 and an inline one holding part of paragraph 1."""
    base_docx(path)

    def edit(root: etree._Element) -> None:
        b = body(root)
        first, second = b.findall(w("p"))[:2]
        sdt = etree.Element(w("sdt"))
        etree.SubElement(etree.SubElement(sdt, w("sdtPr")), w("alias"), {w("val"): "Block"})
        content = etree.SubElement(sdt, w("sdtContent"))
        second.addprevious(sdt)
        content.append(second)
        inline = etree.SubElement(first, w("sdt"))
        etree.SubElement(etree.SubElement(inline, w("sdtPr")), w("alias"), {w("val"): "Inline"})
        inner = etree.SubElement(inline, w("sdtContent"))
        run = etree.SubElement(inner, w("r"))
        etree.SubElement(run, w("t")).text = " Controlled."

    return edit_xml(path, DOC, edit)


def text_box(path: Path) -> Path:
    """A paragraph holding a VML text box with its own paragraph inside."""
    base_docx(path)
    v = "urn:schemas-microsoft-com:vml"

    def edit(root: etree._Element) -> None:
        b = body(root)
        holder = _paragraph("Before the box.")
        b.insert(len(b.findall(w("p"))), holder)
        pict = etree.SubElement(etree.SubElement(holder, w("r")), w("pict"))
        shape = etree.SubElement(pict, f"{{{v}}}shape", {"style": "width:200pt;height:50pt"}, nsmap={"v": v})
        content = etree.SubElement(etree.SubElement(shape, f"{{{v}}}textbox"), w("txbxContent"))
        content.append(_paragraph("Text in a box."))

    return edit_xml(path, DOC, edit)


def fields(path: Path) -> Path:
    """A simple field (PAGE) and a complex field (DATE with begin/separate/end) in paragraph 2."""
    base_docx(path)

    def edit(root: etree._Element) -> None:
        second = body(root).findall(w("p"))[1]
        simple = etree.SubElement(second, w("fldSimple"), {w("instr"): " PAGE "})
        etree.SubElement(etree.SubElement(simple, w("r")), w("t")).text = "1"
        for kind in ("begin", None, "separate", "result", "end"):
            run = etree.SubElement(second, w("r"))
            if kind == "result":
                etree.SubElement(run, w("t")).text = "9 December 2025"
            elif kind is None:
                instr = etree.SubElement(run, w("instrText"))
                instr.text = ' DATE \\@ "d MMMM yyyy" '
                instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            else:
                etree.SubElement(run, w("fldChar"), {w("fldCharType"): kind})

    return edit_xml(path, DOC, edit)


def footnotes_and_comments(path: Path) -> Path:
    """A footnote on paragraph 2 and a comment on paragraph 1, each with its part, relationship and type."""
    base_docx(path)
    parts = read_parts(path)
    root = etree.fromstring(parts[DOC])
    first, second = body(root).findall(w("p"))[:2]
    ref = etree.SubElement(second, w("r"))
    etree.SubElement(ref, w("footnoteReference"), {w("id"): "1"})
    first.insert(0, etree.Element(w("commentRangeStart"), {w("id"): "0"}))
    etree.SubElement(first, w("commentRangeEnd"), {w("id"): "0"})
    etree.SubElement(etree.SubElement(first, w("r")), w("commentReference"), {w("id"): "0"})
    parts[DOC] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    notes = etree.Element(w("footnotes"), nsmap={"w": W})
    for note_id, kind in (("-1", "separator"), ("0", "continuationSeparator")):
        note = etree.SubElement(notes, w("footnote"), {w("type"): kind, w("id"): note_id})
        etree.SubElement(etree.SubElement(etree.SubElement(note, w("p")), w("r")), w(kind))
    etree.SubElement(notes, w("footnote"), {w("id"): "1"}).append(_paragraph("A footnote."))
    parts["word/footnotes.xml"] = etree.tostring(notes, xml_declaration=True, encoding="UTF-8", standalone=True)
    comments = etree.Element(w("comments"), nsmap={"w": W})
    comment = etree.SubElement(comments, w("comment"), {w("id"): "0", w("author"): "Reviewer",
                                                        w("date"): "2025-12-01T00:00:00Z", w("initials"): "R"})
    comment.append(_paragraph("A comment."))
    parts["word/comments.xml"] = etree.tostring(comments, xml_declaration=True, encoding="UTF-8", standalone=True)

    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    for rid, kind in (("rIdNote1", "footnotes"), ("rIdComment1", "comments")):
        etree.SubElement(rels, f"{{{PKG_RELS}}}Relationship",
                         {"Id": rid, "Type": office + kind, "Target": f"{kind}.xml"})
    parts["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
    types = etree.fromstring(parts["[Content_Types].xml"])
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml."
    for kind in ("footnotes", "comments"):
        etree.SubElement(types, f"{{{CT}}}Override",
                         {"PartName": f"/word/{kind}.xml", "ContentType": f"{wml}{kind}+xml"})
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
    return write_parts(path, parts)


def huge_paragraph(path: Path, size: int = 1 << 20) -> Path:
    """Paragraph 1 followed by about `size` characters of text in one run."""
    clauses: list[str] = []
    length = 0
    n = 0
    while length < size:
        n += 1
        clause = f"and further reaffirms commitment {n} to the {n * 7919 % 10007}th principle, "
        clauses.append(clause)
        length += len(clause)
    return base_docx(path, [PARAGRAPHS[0] + " " + "".join(clauses)[:size], PARAGRAPHS[1]])


def many_paragraphs(path: Path, count: int = 100_000) -> Path:
    """`count` numbered paragraphs, built with lxml directly (python-docx would take minutes)."""
    base_docx(path)
    parts = read_parts(path)
    root = etree.fromstring(parts[DOC])
    b = body(root)
    sect = b.find(w("sectPr"))
    for p in b.findall(w("p")):
        b.remove(p)
    for n in range(1, count + 1):
        p = _paragraph(f"{n}.\tThe Assembly takes note of item {n} of the agenda.")
        if sect is not None:
            sect.addprevious(p)
        else:
            b.append(p)
    parts[DOC] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return write_parts(path, parts)



# --- values, depth and amplification (issue 15) ---------------------------------------------------

def _first_paragraph(root: etree._Element) -> etree._Element:
    found = body(root).find(w("p"))
    assert found is not None
    return found


def nested_blocks(path: Path, depth: int, kind: str = "sdt") -> Path:
    """Paragraph 2 inside `depth` nested block content controls (kind "sdt"), or paragraph 1's run
    inside `depth` nested hyperlinks ("hyperlink") or insertions ("ins")."""
    base_docx(path)

    def edit(root: etree._Element) -> None:
        b = body(root)
        if kind == "sdt":
            second = b.findall(w("p"))[1]
            holder = second.getparent()
            assert holder is not None
            outer = inner = etree.Element(w("sdt"))
            for level in range(depth):
                content = etree.SubElement(inner, w("sdtContent"))
                if level < depth - 1:
                    inner = etree.SubElement(content, w("sdt"))
            second.addprevious(outer)
            content.append(second)
            return
        first = _first_paragraph(root)
        wrapper = etree.SubElement(first, w(kind))
        for _ in range(depth - 1):
            attrs = {w("id"): "9", w("author"): "Deep", w("date"): "2025-01-01T00:00:00Z"} if kind == "ins" else {}
            wrapper = etree.SubElement(wrapper, w(kind), attrs)
        run = etree.SubElement(wrapper, w("r"))
        etree.SubElement(run, w("t")).text = " Nested."

    return edit_xml(path, DOC, edit)


def nested_tables(path: Path, depth: int) -> Path:
    """A table in a table … `depth` deep, the innermost cell holding one paragraph."""
    base_docx(path)

    def edit(root: etree._Element) -> None:
        holder = body(root)
        first = True
        for _ in range(depth):
            tbl = etree.Element(w("tbl"))
            cell = etree.SubElement(etree.SubElement(tbl, w("tr")), w("tc"))
            if first:
                holder.insert(0, tbl)
                first = False
            else:
                holder.append(tbl)
            holder = cell
        holder.append(_paragraph("Deep in the tables."))

    return edit_xml(path, DOC, edit)


def grid_before(path: Path, value: str) -> Path:
    """A one-cell table whose row says it skips `value` grid columns first (w:gridBefore)."""
    base_docx(path)

    def edit(root: etree._Element) -> None:
        tbl = etree.Element(w("tbl"))
        tr = etree.SubElement(tbl, w("tr"))
        etree.SubElement(etree.SubElement(tr, w("trPr")), w("gridBefore"), {w("val"): value})
        etree.SubElement(tr, w("tc")).append(_paragraph("In the cell."))
        body(root).insert(0, tbl)

    return edit_xml(path, DOC, edit)


def style_chain(path: Path, length: int, loop: bool = False) -> Path:
    """styles.xml with `length` paragraph styles each based on the next (the last on the first when
    `loop`), paragraph 1 using the first."""
    base_docx(path)
    parts = read_parts(path)
    styles = etree.fromstring(parts["word/styles.xml"])
    for i in range(length):
        style = etree.SubElement(styles, w("style"), {w("type"): "paragraph", w("styleId"): f"S{i}"})
        etree.SubElement(style, w("name"), {w("val"): f"Chain {i}"})
        if i + 1 < length or loop:
            etree.SubElement(style, w("basedOn"), {w("val"): f"S{(i + 1) % length}"})
    parts["word/styles.xml"] = etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True)
    document = etree.fromstring(parts[DOC])
    first = _first_paragraph(document)
    ppr = first.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        first.insert(0, ppr)
    ppr.insert(0, etree.Element(w("pStyle"), {w("val"): "S0"}))
    parts[DOC] = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
    return write_parts(path, parts)


def many_headers(path: Path, count: int, each: int) -> Path:
    """`count` header parts of about `each` bytes of paragraphs, each related from the document."""
    base_docx(path)
    parts = read_parts(path)
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    types = etree.fromstring(parts["[Content_Types].xml"])
    rng = random.Random(count)  # varied words: the file compresses like a real one, under the zip-bomb ratio
    for i in range(count):
        filler = "".join(f"<w:p><w:r><w:t>{''.join(rng.choices(string.ascii_lowercase, k=4))}</w:t></w:r></w:p>"
                         for _ in range(max(1, each // 40)))
        name = f"header{i}.xml"
        parts[f"word/{name}"] = f'<w:hdr xmlns:w="{W}">{filler}</w:hdr>'.encode()
        etree.SubElement(rels, f"{{{PKG_RELS}}}Relationship", Id=f"rIdH{i}", Target=name,
                         Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header")
        etree.SubElement(types, f"{{{CT}}}Override", PartName=f"/word/{name}",
                         ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml")
    parts["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
    write_parts(path, parts)
    return odd_attribute(path, "ins", "author", "Reviser", fresh=False)  # a tracked change: every story is then read


def odd_attribute(path: Path, where: str, name: str, value: str, fresh: bool = True) -> Path:
    """A draft with an element carrying an odd attribute value: `where` is "sym" (a w:sym in a run,
    attribute w:char), "sz" (w:rPr/w:sz), "outline" (w:pPr/w:outlineLvl), or "ins" (the run wrapped in a
    w:ins in paragraph 2 with this attribute, e.g. w:date or w:id). `fresh`: on a new base draft, else on `path`."""
    if fresh:
        base_docx(path)

    def edit(root: etree._Element) -> None:
        first = _first_paragraph(root)
        run = first.find(w("r"))
        assert run is not None
        if where == "sym":
            etree.SubElement(run, w("sym"), {w("font"): "Symbol", w(name): value})
        elif where == "sz":
            rpr = run.find(w("rPr"))
            if rpr is None:
                rpr = etree.Element(w("rPr"))
                run.insert(0, rpr)
            etree.SubElement(rpr, w("sz"), {w(name): value})
        elif where == "outline":
            ppr = first.find(w("pPr"))
            if ppr is None:
                ppr = etree.Element(w("pPr"))
                first.insert(0, ppr)
            etree.SubElement(ppr, w("outlineLvl"), {w(name): value})
        else:
            attrs = {w("id"): "1", w("author"): "Someone", w("date"): "2025-01-01T00:00:00Z"}
            attrs[w(name)] = value
            ins = etree.SubElement(body(root).findall(w("p"))[1], w("ins"), attrs)  # in paragraph 2
            extra = etree.SubElement(ins, w("r"))
            etree.SubElement(extra, w("t")).text = " Inserted."

    return edit_xml(path, DOC, edit)
