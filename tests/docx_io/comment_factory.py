"""Word comments added to a saved .docx in tests: ranges on words of a paragraph (python-docx), and replies and
resolved state (word/commentsExtended.xml, w15:paraIdParent and w15:done, written with lxml as Word does)."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
from lxml import etree

from docx_io.ns import qn

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
EXTENDED_REL = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
EXTENDED_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"


@dataclass(frozen=True)
class Note:
    """A comment on the words `on` of paragraph `index`; `reply_to`: the index of the note it answers."""

    index: int
    on: str
    author: str
    text: str
    reply_to: int | None = None
    done: bool = False


def add_comments(path: Path, out: Path, notes: Sequence[Note]) -> Path:
    """A copy of `path` with the notes as Word comments (each paragraph commented is cut into before/on/after)."""
    doc = docx.Document(str(path))
    words: dict[tuple[int, str], object] = {}
    for note in notes:
        key = (note.index, note.on)
        if key not in words:
            p = doc.paragraphs[note.index]
            text = p.text
            at = text.index(note.on)
            for r in list(p._p.findall(qn("w:r"))):
                p._p.remove(r)
            p.add_run(text[:at])
            words[key] = p.add_run(note.on)
            p.add_run(text[at + len(note.on):])
        doc.add_comment(words[key], text=note.text, author=note.author, initials=note.author[:2])  # type: ignore[arg-type]
    doc.save(str(out))
    if any(n.reply_to is not None or n.done for n in notes):
        _extend(out, notes)
    return out


def _extend(out: Path, notes: Sequence[Note]) -> None:
    """Give each comment's paragraph a w14:paraId and write commentsExtended.xml naming parents and done."""
    with zipfile.ZipFile(out) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    comments = etree.fromstring(parts["word/comments.xml"])
    ids = []
    for k, c in enumerate(comments.iter(qn("w:comment"))):
        para_id = f"{0x10000000 + k:08X}"
        c.findall(qn("w:p"))[-1].set(f"{{{W14}}}paraId", para_id)
        ids.append(para_id)
    parts["word/comments.xml"] = etree.tostring(comments, xml_declaration=True, encoding="UTF-8", standalone=True)
    ex = etree.Element(f"{{{W15}}}commentsEx", nsmap={"w15": W15})
    for note, para_id in zip(notes, ids, strict=True):
        attrs = {f"{{{W15}}}paraId": para_id, f"{{{W15}}}done": "1" if note.done else "0"}
        if note.reply_to is not None:
            attrs[f"{{{W15}}}paraIdParent"] = ids[note.reply_to]
        etree.SubElement(ex, f"{{{W15}}}commentEx", attrs)
    parts["word/commentsExtended.xml"] = etree.tostring(ex, xml_declaration=True, encoding="UTF-8", standalone=True)
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    etree.SubElement(rels, f"{{{rels.nsmap[None]}}}Relationship", Id="rIdEx1", Type=EXTENDED_REL,
                     Target="commentsExtended.xml")
    parts["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
    types = etree.fromstring(parts["[Content_Types].xml"])
    etree.SubElement(types, f"{{{types.nsmap[None]}}}Override", PartName="/word/commentsExtended.xml",
                     ContentType=EXTENDED_CT)
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
