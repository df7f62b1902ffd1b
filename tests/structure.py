"""A structural check of the .docx files we write: what Word needs besides well-formed XML.

`problems(path)` lists, one line each: missing required parts or relationship targets, parts
without a content type, content-type overrides for absent parts, malformed XML, revision ids used
twice in the document, w:delText outside a deletion, w:t inside one, and a deletion nested in
another author's insertion (LibreOffice drops that form).

tests/conftest.py runs it on every .docx a test leaves in its tmp_path.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFICE_DOCUMENT = "/officeDocument"
_REVISIONS = {f"{{{W}}}{t}" for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange",
                                      "tblPrChange", "tcPrChange", "trPrChange", "tblGridChange", "numberingChange",
                                      "moveFromRangeStart", "moveToRangeStart", "cellIns", "cellDel")}
_DELETIONS = (f"{{{W}}}del", f"{{{W}}}moveFrom")
_INSERTIONS = (f"{{{W}}}ins", f"{{{W}}}moveTo")


def problems(path: Path) -> list[str]:
    """Everything structurally wrong with the .docx at `path` (empty when it is sound)."""
    try:
        with zipfile.ZipFile(path) as zf:
            parts = {i.filename: zf.read(i) for i in zf.infolist() if not i.is_dir()}
    except (zipfile.BadZipFile, OSError) as exc:
        return [f"not a readable zip: {exc}"]
    out: list[str] = []
    trees: dict[str, etree._Element] = {}
    for name, data in parts.items():
        if name.endswith((".xml", ".rels")):
            try:
                trees[name] = etree.fromstring(data)
            except etree.XMLSyntaxError as exc:
                out.append(f"{name}: malformed XML ({exc})")
    out += _content_types(parts, trees)
    out += _relationships(parts, trees)
    out += _revisions(trees)
    return out


def _content_types(parts: dict[str, bytes], trees: dict[str, etree._Element]) -> list[str]:
    ct = trees.get("[Content_Types].xml")
    if ct is None:
        return ["[Content_Types].xml is missing"]
    defaults = {d.get("Extension", "").lower() for d in ct.iter(f"{{{_CT}}}Default")}
    overrides = {(o.get("PartName") or "").lstrip("/") for o in ct.iter(f"{{{_CT}}}Override")}
    out = [f"content type override for absent part {o}" for o in sorted(overrides - set(parts))]
    for name in parts:
        if name == "[Content_Types].xml":
            continue
        base = posixpath.basename(name)
        extension = base.rsplit(".", 1)[1].lower() if "." in base else ""
        if name not in overrides and extension not in defaults:
            out.append(f"{name}: no content type")
    return out


def _relationships(parts: dict[str, bytes], trees: dict[str, etree._Element]) -> list[str]:
    root_rels = trees.get("_rels/.rels")
    if root_rels is None:
        return ["_rels/.rels is missing"]
    out: list[str] = []
    main = [r for r in root_rels if (r.get("Type") or "").endswith(_OFFICE_DOCUMENT)]
    if not main:
        out.append("_rels/.rels has no officeDocument relationship")
    for name, tree in trees.items():
        if not name.endswith(".rels"):
            continue
        folder = posixpath.dirname(posixpath.dirname(name))
        for rel in tree.iter(f"{{{_PKG_RELS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            if resolved not in parts:
                out.append(f"{name}: relationship {rel.get('Id')} points to absent part {resolved}")
    return out


def _revisions(trees: dict[str, etree._Element]) -> list[str]:
    out: list[str] = []
    seen: dict[str, str] = {}
    for name in sorted(trees):
        tree = trees[name]
        if not name.startswith("word/") or name.endswith(".rels"):
            continue
        for el in tree.iter(*_REVISIONS):
            rid = el.get(f"{{{W}}}id")
            if rid is None:
                continue
            if rid in seen:
                out.append(f"{name}: revision id {rid} used twice (also in {seen[rid]})")
            seen[rid] = name
        for text in tree.iter(f"{{{W}}}delText"):
            if not any(a.tag in _DELETIONS for a in text.iterancestors()):
                out.append(f"{name}: w:delText outside a deletion")
        for deletion in tree.iter(*_DELETIONS):
            if any(t.tag == f"{{{W}}}t" for t in deletion.iter()):
                out.append(f"{name}: w:t inside a deletion (Word needs w:delText)")
            author = deletion.get(f"{{{W}}}author")
            for outer in deletion.iterancestors(*_INSERTIONS):
                if outer.get(f"{{{W}}}author") != author:
                    out.append(f"{name}: a deletion by {author!r} nested in an insertion by "
                               f"{outer.get(f'{{{W}}}author')!r}")
    return out
