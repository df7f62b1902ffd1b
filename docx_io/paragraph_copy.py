"""Copy a paragraph from another document into this one (for `compare`): its formatting, and
the footnotes and links it carries, with ids and relationships made valid here.

What cannot travel without its part (images, comments, bookmarks, list numbering this document
does not have) is left out, and said so.
"""

from __future__ import annotations

import copy

from lxml import etree

from app.values import MAX_ID, int_or_none
from docx_io.ns import NSMAP, W, qn, sub_element, w_attr
from docx_io.package import Package, rels_name, serialize
from docx_io.paragraphs import paragraph_list
from docx_io.revisions import accept_in
from docx_io.strict import serialized

_W = f"{{{W}}}"
_R_ID = f"{{{NSMAP['r']}}}id"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_DROPPED = ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "proofErr", "permStart",
            "permEnd")


class ParagraphCopier:
    """Copies paragraphs of `source` into `target`; `changed_parts()` gives the parts it touched."""

    def __init__(self, source: Package, target: Package) -> None:
        self.source, self.target = source, target
        self.paragraphs = paragraph_list(source.xml(source.main_part))
        self.notices: list[str] = []
        self._touched: set[str] = set()
        self._footnotes: etree._Element | None = None
        self._footnotes_name = ""
        self._num_ids = _num_ids(target)

    def copy(self, anchor: int) -> etree._Element:
        """A copy of the source's paragraph #anchor, fit for the target's main part."""
        p = copy.deepcopy(self.paragraphs[anchor])
        accept_in(p)
        for local in _DROPPED:
            for el in list(p.iter(_W + local)):
                _remove(el)
        self._numbering(p)
        for ref in list(p.iter(_W + "footnoteReference")):
            self._footnote(ref)
        for link in list(p.iter(_W + "hyperlink")):
            self._hyperlink(link)
        for el in list(p.iter()):
            if el.get(_R_ID) is not None or el.tag in (_W + "drawing", _W + "pict", _W + "object"):
                self.notices.append("an image or embedded object in a new paragraph was left out")
                run = el if el.tag == _W + "r" else next((a for a in el.iterancestors(_W + "r")), el)
                _remove(run)
        return p

    def changed_parts(self) -> dict[str, bytes]:
        """The target parts this copier changed, serialised."""
        return {name: serialized(self.target, name) for name in sorted(self._touched)}

    def _numbering(self, p: etree._Element) -> None:
        num = p.find(f"{_W}pPr/{_W}numPr")
        if num is None:
            return
        num_id = num.find(_W + "numId")
        if num_id is None or (w_attr(num_id, "val") or "") not in self._num_ids:
            _remove(num)
            self.notices.append("list numbering of a new paragraph was left out (this draft has no such list)")

    def _footnote(self, ref: etree._Element) -> None:
        note = self._source_note(w_attr(ref, "id") or "")
        notes = self._target_notes()
        if note is None or notes is None:
            run = ref.getparent()
            _remove(run if run is not None else ref)
            return
        ids = [i for i in (int_or_none(w_attr(n, "id"), -MAX_ID, MAX_ID) for n in notes) if i is not None]
        new_id = str(max([0, *ids]) + 1)
        clone = copy.deepcopy(note)
        clone.set(qn("w:id"), new_id)
        accept_in(clone)
        notes.append(clone)
        ref.set(qn("w:id"), new_id)
        self._touched.add(self._footnotes_name)

    def _source_note(self, note_id: str) -> etree._Element | None:
        name = self.source.related(self.source.main_part, "/footnotes")
        if not name:
            return None
        for note in self.source.xml(name).iter(_W + "footnote"):
            if w_attr(note, "id") == note_id:
                return note
        return None

    def _target_notes(self) -> etree._Element | None:
        if self._footnotes is None:
            name = self.target.related(self.target.main_part, "/footnotes") or self._add_footnotes_part()
            self._footnotes_name = name
            self._footnotes = self.target.xml(name)
        return self._footnotes

    def _add_footnotes_part(self) -> str:
        """A footnotes part with Word's two separators, related to the main part and typed."""
        name = "word/footnotes.xml"
        root = etree.Element(_W + "footnotes", nsmap={"w": W})
        for note_id, kind in (("-1", "separator"), ("0", "continuationSeparator")):
            note = sub_element(root, "w:footnote", {"w:type": kind, "w:id": note_id})
            sub_element(sub_element(sub_element(note, "w:p"), "w:r"), "w:" + kind)
        self.target.parts[name] = serialize(root)
        self._add_relationship(_FOOTNOTES_REL, "footnotes.xml")
        types = self.target.xml("[Content_Types].xml")
        etree.SubElement(types, f"{{{_CT_NS}}}Override", PartName="/" + name, ContentType=_FOOTNOTES_CT)
        self._touched.add("[Content_Types].xml")
        return name

    def _hyperlink(self, link: etree._Element) -> None:
        rid = link.get(_R_ID)
        if rid is None:
            return
        target = self._source_rel_target(rid)
        if target is None:
            link.attrib.pop(_R_ID)
            return
        link.set(_R_ID, self._add_relationship(_HYPERLINK_REL, target, external=True))

    def _source_rel_target(self, rid: str) -> str | None:
        name = rels_name(self.source.main_part)
        if not self.source.has(name):
            return None
        for rel in self.source.xml(name):
            if rel.get("Id") == rid and rel.get("TargetMode") == "External":
                return rel.get("Target")
        return None

    def _add_relationship(self, rel_type: str, target: str, external: bool = False) -> str:
        name = rels_name(self.target.main_part)
        if not self.target.has(name):
            empty = etree.Element(f"{{{_REL_NS}}}Relationships", nsmap={None: _REL_NS})  # type: ignore[dict-item]
            self.target.parts[name] = serialize(empty)
        rels = self.target.xml(name)
        taken = {rel.get("Id") for rel in rels}
        n = len(taken) + 1
        while f"rIdRD{n}" in taken:
            n += 1
        rid = f"rIdRD{n}"
        attrs = {"Id": rid, "Type": rel_type, "Target": target}
        if external:
            attrs["TargetMode"] = "External"
        etree.SubElement(rels, f"{{{_REL_NS}}}Relationship", attrs)
        self._touched.add(name)
        return rid


def _num_ids(pkg: Package) -> set[str]:
    name = pkg.related(pkg.main_part, "/numbering")
    if not name:
        return set()
    return {w_attr(n, "numId") or "" for n in pkg.xml(name).iter(_W + "num")}


def _remove(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)
