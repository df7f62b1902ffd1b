"""Writing a package we read as an output .docx: a plain document (never macros), fresh zip entries (never the
input's entry attributes), and only what our own reader would accept again.

`docx_io.package` reads packages; this module is the output side, kept apart so the reader's hardening and the
writer's rules can change independently.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from app.errors import OutputError
from docx_io.package import (
    MAX_ENTRIES,
    MAX_PARAGRAPHS,
    MAX_PART_BYTES,
    MAX_RATIO,
    MAX_TOTAL_BYTES,
    MAX_XML_MARKUP,
    MAX_XML_PART_BYTES,
    RATIO_FLOOR_BYTES,
    Package,
    atomic_zip,
    parse_xml,
    rels_name,
    serialize,
)

_CT = "[Content_Types].xml"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOCUMENT_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# The main part's types that carry macros (a .docm document, a .dotm template) and the plain ones they become.
_MACRO_MAIN_CTS = {
    "application/vnd.ms-word.document.macroEnabled.main+xml": DOCUMENT_CT,
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": DOCUMENT_CT,
}
_MACRO_CT_HINTS = ("vbaProject", "vbaData", "ms-office.activeX", "ms-word.keyMapCustomizations",
                   "ms-word.attachedToolbars")
_MACRO_REL_HINTS = ("/vbaProject", "/wordVbaData", "/keyMapCustomizations", "/attachedToolbars")
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the zip format's earliest date: the output says nothing of the input's
_ENTRY_MODE = 0o644 << 16  # a regular file, rw-r--r--: never a symlink bit, never an executable one


def write_output_package(pkg: Package, replaced: dict[str, bytes], out: Path, notices: list[str]) -> None:
    """Write the package with some parts replaced or added, as a plain .docx: macro parts left out (said in
    `notices`), every zip entry new (name, fixed date, deflated, mode 0644), the package checked against the
    reader's limits. The file appears at `out` complete or not at all; OutputError when it would not be read."""
    parts = {name: replaced.get(name, pkg.parts[name]) for name in pkg.names if not pkg.infos[name].is_dir()}
    parts.update({name: data for name, data in replaced.items() if name not in parts})
    dropped = _drop_macros(pkg, parts)
    if dropped:
        notices.append(f"{pkg.path.name}: its macros ({', '.join(sorted(dropped))}) were left out: "
                       f"{out.name} is a plain Word document (.docx)")
    _check_readable(parts, out)

    def fill(zf: zipfile.ZipFile) -> None:
        for name, data in parts.items():
            entry = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = _ENTRY_MODE
            entry.create_system = 3  # Unix: the mode above is read as one
            zf.writestr(entry, data)
        _check_ratios(zf, out)

    atomic_zip(out, fill)


def _drop_macros(pkg: Package, parts: dict[str, bytes]) -> set[str]:
    """Remove the macro parts (vbaProject.bin and what belongs to it), their relationships and content types,
    and give the main part the plain document type. Returns the names removed."""
    types = parse_xml(parts[_CT], f"{pkg.path.name}:{_CT}") if _CT in parts else None
    main_type = _override(types, pkg.main_part)
    macro_names = {name for name in parts if _is_macro_part(name, types)}
    if not macro_names and (main_type is None or main_type.get("ContentType") not in _MACRO_MAIN_CTS):
        return set()
    for name in macro_names:
        del parts[name]
        parts.pop(rels_name(name), None)
    if types is not None:
        if main_type is not None and main_type.get("ContentType") in _MACRO_MAIN_CTS:
            main_type.set("ContentType", _MACRO_MAIN_CTS[main_type.get("ContentType", "")])
        for el in list(types):
            if any(h in el.get("ContentType", "") for h in _MACRO_CT_HINTS) or \
                    el.get("PartName", "").lstrip("/") in macro_names:
                types.remove(el)
        parts[_CT] = serialize(types)
    for name in list(parts):
        if name.endswith(".rels"):
            _drop_macro_relationships(pkg, parts, name, macro_names)
    return macro_names or {"macro-enabled main part"}


def _override(types: etree._Element | None, part: str) -> etree._Element | None:
    """The [Content_Types].xml Override naming `part`, if any."""
    if types is None:
        return None
    for el in types.iter(f"{{{_CT_NS}}}Override"):
        if el.get("PartName", "").lstrip("/").lower() == part.lower():
            return el
    return None


def _is_macro_part(name: str, types: etree._Element | None) -> bool:
    """A part holding macros or what only macros use: by its name, or by its type in [Content_Types].xml."""
    base = posixpath.basename(name).lower()
    if base in ("vbaproject.bin", "vbadata.xml") or (base.startswith("activex") and name.lower().startswith("word/")):
        return True
    override = _override(types, name)
    return override is not None and any(h in override.get("ContentType", "") for h in _MACRO_CT_HINTS)


def _drop_macro_relationships(pkg: Package, parts: dict[str, bytes], rels: str, gone: set[str]) -> None:
    """Remove from one .rels part the relationships to macro parts (by type or by target)."""
    root = parse_xml(parts[rels], f"{pkg.path.name}:{rels}")
    source_dir = posixpath.dirname(posixpath.dirname(rels))
    changed = False
    for rel in list(root):
        target = posixpath.normpath(posixpath.join(source_dir, rel.get("Target", ""))).lstrip("/")
        if any(rel.get("Type", "").endswith(h) for h in _MACRO_REL_HINTS) or target in gone:
            root.remove(rel)
            changed = True
    if changed:
        parts[rels] = serialize(root)


def _check_readable(parts: dict[str, bytes], out: Path) -> None:
    """Refuse, before writing, an output our reader would refuse (docs/SECURITY.md, Limits)."""
    why = ""
    if len(parts) > MAX_ENTRIES:
        why = f"{len(parts)} parts, past the {MAX_ENTRIES} limit"
    elif sum(len(d) for d in parts.values()) > MAX_TOTAL_BYTES:
        why = f"{sum(len(d) for d in parts.values())} bytes in all, past the {MAX_TOTAL_BYTES} limit"
    for name, data in parts.items():
        if why:
            break
        if len(data) > MAX_PART_BYTES:
            why = f"part '{name}' of {len(data)} bytes, past the {MAX_PART_BYTES} limit"
        elif name.endswith((".xml", ".rels")):
            if len(data) > MAX_XML_PART_BYTES:
                why = f"XML part '{name}' of {len(data)} bytes, past the {MAX_XML_PART_BYTES} limit"
            elif data.count(b"<") > MAX_XML_MARKUP:
                why = f"XML part '{name}' with {data.count(b'<')} tags, past the {MAX_XML_MARKUP} limit"
            elif data.count(b"<w:p>") + data.count(b"<w:p ") > MAX_PARAGRAPHS:
                why = f"part '{name}' with more than {MAX_PARAGRAPHS} paragraphs"
    if why:
        raise OutputError(f"{out}: not written: it would hold {why}, which Redline Desk refuses to read; "
                          "split the draft or export fewer amendments")


def _check_ratios(zf: zipfile.ZipFile, out: Path) -> None:
    """Refuse (inside the atomic write: nothing appears at `out`) an output whose parts compress so well that
    our reader would take it for a zip bomb."""
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    packed = max(sum(i.compress_size for i in infos), 1)
    for info in infos:
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size / max(info.compress_size, 1) > MAX_RATIO:
            raise OutputError(f"{out}: not written: its part '{info.filename}' compresses more than {MAX_RATIO} "
                              "times, which Redline Desk refuses to read as a possible zip bomb")
    if total > RATIO_FLOOR_BYTES and total / packed > MAX_RATIO:
        raise OutputError(f"{out}: not written: it compresses more than {MAX_RATIO} times, which Redline Desk "
                          "refuses to read as a possible zip bomb")
