"""A structural check of the .docx files we write: what Word needs besides well-formed XML.

`problems(path)` lists, one line each: missing required parts or relationship targets, parts
without a content type, content-type overrides for absent parts, malformed XML, revision ids used
twice in the document, w:delText outside a deletion, w:t inside one (w:moveFrom keeps w:t, as Word
writes it), a deletion nested in another author's insertion (LibreOffice drops that form), and moves
that do not hold together (see _moves).

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
        out += _moves(name, tree)
        for deletion in tree.iter(*_DELETIONS):
            if deletion.tag == f"{{{W}}}del" and any(t.tag == f"{{{W}}}t" for t in deletion.iter()):
                out.append(f"{name}: w:t inside a deletion (Word needs w:delText)")
            author = deletion.get(f"{{{W}}}author")
            for outer in deletion.iterancestors(*_INSERTIONS):
                if outer.get(f"{{{W}}}author") != author:
                    out.append(f"{name}: a deletion by {author!r} nested in an insertion by "
                               f"{outer.get(f'{{{W}}}author')!r}")
    return out


def _moves(name: str, tree: etree._Element) -> list[str]:
    """Move ranges: each w:moveFromRangeStart / w:moveToRangeStart has an author, a date, a w:name and
    the RangeEnd with its id after it (and each RangeEnd its start); each name has one source range and
    one destination range; each w:moveFrom / w:moveTo lies inside a range of its kind."""
    out: list[str] = []
    names: dict[str, dict[str, int]] = {}
    for kind in ("moveFrom", "moveTo"):
        start_tag, end_tag, wrapper_tag = (f"{{{W}}}{kind}RangeStart", f"{{{W}}}{kind}RangeEnd", f"{{{W}}}{kind}")
        open_ranges: dict[str, str] = {}
        ended: set[str] = set()
        for el in tree.iter(start_tag, end_tag, wrapper_tag):
            rid = el.get(f"{{{W}}}id") or ""
            if el.tag == start_tag:
                missing = [a for a in ("id", "author", "date", "name") if not el.get(f"{{{W}}}{a}")]
                if missing:
                    out.append(f"{name}: w:{kind}RangeStart without w:{', w:'.join(missing)}")
                if rid in open_ranges or rid in ended:
                    out.append(f"{name}: w:{kind}RangeStart id {rid} used twice")
                move = el.get(f"{{{W}}}name") or ""
                open_ranges[rid] = move
                names.setdefault(move, {}).setdefault(kind, 0)
                names[move][kind] += 1
            elif el.tag == end_tag:
                if rid not in open_ranges:
                    out.append(f"{name}: w:{kind}RangeEnd id {rid} without its start before it")
                else:
                    del open_ranges[rid]
                    ended.add(rid)
            elif el.getparent() is not None and el.getparent().tag != f"{{{W}}}rPr" and not open_ranges:
                out.append(f"{name}: w:{kind} id {rid} outside a w:{kind}RangeStart/End range")
        out += [f"{name}: w:{kind}RangeStart id {rid} ({move}) never ended" for rid, move in open_ranges.items()]
    for move, kinds in sorted(names.items()):
        if kinds.get("moveFrom", 0) != 1 or kinds.get("moveTo", 0) != 1:
            out.append(f"{name}: move {move!r} has {kinds.get('moveFrom', 0)} source and {kinds.get('moveTo', 0)} "
                       f"destination ranges (one each expected)")
    return out
