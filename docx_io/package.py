"""Reading and writing the OPC package (the .docx zip) safely.

Reads refuse what is not a sane Word package before inflating anything big; writes
copy every untouched part byte-for-byte and replace the output atomically.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import IO

from lxml import etree

from app.atomic import atomic_write
from app.errors import DocumentError
from app.regular_files import check_regular

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Limits keep any accepted file within about 500 MB of memory (docs/SECURITY.md); all are checked
# on the zip's directory before anything is inflated, except the last two (checked before parsing).
MAX_ENTRIES = 10_000  # parts in one package
MAX_PART_BYTES = 128 * 1024 * 1024  # one inflated part
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # all inflated parts
MAX_RATIO = 200  # inflated / compressed, past which a part (or the whole file) is treated as a zip bomb
RATIO_FLOOR_BYTES = 10 * 1024 * 1024  # parts (and packages) smaller than this are never called bombs
MAX_XML_PART_BYTES = 64 * 1024 * 1024  # one XML part, before it is parsed
MAX_XML_MARKUP = 2_000_000  # '<' in one XML part (an upper bound on its elements), before it is parsed
MAX_PARAGRAPHS = 150_000  # paragraphs in one part, counted right after parsing
# Elements nested deeper than this are refused right after parsing. Real Word parts nest about 20
# deep (a text box in a nested table); every walk over a tree then stays far from Python's recursion
# limit, however the hostile file nests content controls, hyperlinks, revisions or tables.
MAX_XML_DEPTH = 128
# All XML parts one package has parsed, together: thousands of parts each under the per-part limits
# (headers, footers, notes) must not add up to gigabytes of trees.
MAX_XML_TOTAL_BYTES = 64 * 1024 * 1024
MAX_XML_TOTAL_MARKUP = 2_000_000
MAIN_REL_TYPES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
)

# Parsing never resolves entities, loads DTDs or touches the network.
XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=True,
    remove_blank_text=False,
)


# ISO/IEC 29500 Strict names the same vocabularies with other namespaces; parts are read as transitional.
STRICT_NAMESPACES: dict[str, str] = {
    "http://purl.oclc.org/ooxml/wordprocessingml/main": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/officeDocument/relationships":
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/math": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://purl.oclc.org/ooxml/drawingml/main": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing":
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "http://purl.oclc.org/ooxml/drawingml/picture": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}
_STRICT_HINT = "purl.oclc.org/ooxml/"
_STRICT_DECLARATION = re.compile(
    rb'(xmlns(?::[^=\s]+)?=")(' + b"|".join(re.escape(k.encode()) for k in STRICT_NAMESPACES) + rb')(")'
)


def parse_xml(data: bytes, where: str) -> etree._Element:
    """Parse a part's XML; DocumentError on malformed XML, any DOCTYPE, or past the size limits.

    Strict namespaces become transitional."""
    if has_doctype(data):
        raise DocumentError(_DOCTYPE_MESSAGE.format(where=where))
    markup = data.count(b"<")
    if len(data) > MAX_XML_PART_BYTES or markup > MAX_XML_MARKUP:
        raise DocumentError(f"{where}: XML part too large to read safely ({len(data)} bytes, "
                            f"limits {MAX_XML_PART_BYTES} bytes and {MAX_XML_MARKUP} tags); split the document")
    try:
        root = etree.fromstring(data, XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise DocumentError(f"{where}: malformed XML ({exc.msg}); the file is damaged, re-save it in Word") from None
    if getattr(root.getroottree().docinfo, "doctype", ""):
        raise DocumentError(_DOCTYPE_MESSAGE.format(where=where))
    root = _as_transitional(root, data, where)
    if markup > MAX_XML_DEPTH and _TOO_DEEP(root):
        raise DocumentError(f"{where}: elements nested more than {MAX_XML_DEPTH} deep (Word nests about 20); "
                            "the file is damaged or hostile, re-save it in Word")
    counted = _COUNT_PARAGRAPHS(root) if markup > MAX_PARAGRAPHS else 0  # each paragraph is at least one tag
    paragraphs = int(counted) if isinstance(counted, float | int) else 0
    if paragraphs > MAX_PARAGRAPHS:
        raise DocumentError(f"{where}: {paragraphs} paragraphs, past the {MAX_PARAGRAPHS} this app reads; "
                            "split the document")
    return root


# True when some element lies MAX_XML_DEPTH levels below the root: evaluated level by level in C (no recursion).
_TOO_DEEP = etree.XPath("boolean(" + "/".join(["*"] * MAX_XML_DEPTH) + ")")
_COUNT_PARAGRAPHS = etree.XPath(
    "count(//w:p)", namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"})
_DOCTYPE_MESSAGE = ("{where}: XML with a DOCTYPE or entities is refused (Word never writes them; "
                    "a possible attack); ask the sender for a copy saved by Word")
# A DOCTYPE (and with it any entity) in the encodings XML parts may use; searched before any parsing.
_DOCTYPE_MARKS = tuple("<!DOCTYPE".encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le",
                                                           "utf-32-be"))


def has_doctype(data: bytes) -> bool:
    """Tell whether XML bytes hold a DOCTYPE anywhere (conservative: also inside a comment or CDATA)."""
    return any(mark in data for mark in _DOCTYPE_MARKS)


def _as_transitional(root: etree._Element, data: bytes, where: str) -> etree._Element:
    """The same tree with ISO/IEC 29500 Strict namespace declarations renamed to their transitional twins.

    Only namespace declarations change (prefixes are kept), so every reader and writer that knows
    the transitional names (w:p, r:id, …) reads a Strict document too. A tree written back keeps
    transitional names.
    """
    if not any(_STRICT_HINT.encode(enc) in data for enc in ("utf-8", "utf-16-le", "utf-16-be")):
        return root  # cheap test first: most parts never mention a Strict namespace
    text = etree.tostring(root, encoding="UTF-8")
    mapped = _STRICT_DECLARATION.sub(lambda m: m[1] + STRICT_NAMESPACES[m[2].decode()].encode() + m[3], text)
    try:
        return etree.fromstring(mapped, XML_PARSER)
    except etree.XMLSyntaxError:  # an attribute given in both vocabularies (w:id twice once renamed)
        raise DocumentError(
            f"{where}: mixes Strict and transitional names for one attribute; re-save it in Word"
        ) from None


@dataclass
class Package:
    """The parts of a .docx as bytes, in their original order, plus the main part's name."""

    path: Path
    names: list[str]
    parts: dict[str, bytes]
    infos: dict[str, zipfile.ZipInfo]
    main_part: str
    _xml_cache: dict[str, etree._Element] = field(default_factory=dict, repr=False)
    # bytes, '<' and paragraphs of the parts parsed so far
    _parsed: list[int] = field(default_factory=lambda: [0, 0, 0], repr=False)

    def xml(self, name: str) -> etree._Element:
        """The parsed XML of a part (parsed once); DocumentError once the parts parsed add up past the
        package-wide limits (MAX_XML_TOTAL_BYTES, MAX_XML_TOTAL_MARKUP)."""
        if name not in self._xml_cache:
            data = self.parts[name]
            self._parsed[0] += len(data)
            self._parsed[1] += data.count(b"<")
            if self._parsed[0] > MAX_XML_TOTAL_BYTES or self._parsed[1] > MAX_XML_TOTAL_MARKUP:
                raise DocumentError(
                    f"{self.path.name}: its XML parts add up to more than {MAX_XML_TOTAL_BYTES} bytes or "
                    f"{MAX_XML_TOTAL_MARKUP} tags (at part '{name}'), past what this app reads; split the document")
            root = parse_xml(data, f"{self.path.name}:{name}")
            counted = _COUNT_PARAGRAPHS(root)
            self._parsed[2] += int(counted) if isinstance(counted, float | int) else 0
            if self._parsed[2] > MAX_PARAGRAPHS:  # thousands of headers, each with a few hundred paragraphs
                raise DocumentError(f"{self.path.name}: its parts hold more than {MAX_PARAGRAPHS} paragraphs in all "
                                    f"(at part '{name}'), past what this app reads; split the document")
            self._xml_cache[name] = root
        return self._xml_cache[name]

    def fresh(self) -> Package:
        """The same parts with nothing parsed yet: a writer edits the copy's trees, part list and part
        table (adding a footnotes part, say), never this package's."""
        return replace(self, names=list(self.names), parts=dict(self.parts), infos=dict(self.infos), _xml_cache={},
                       _parsed=[0, 0, 0])

    def has(self, name: str) -> bool:
        """Tell whether the package holds a part of this name."""
        return name in self.parts

    def related(self, source: str, rel_type_suffix: str) -> str | None:
        """The part that `source` points to by a relationship whose type ends in rel_type_suffix
        (None when none does, or when each such relationship names a part the package lacks)."""
        rels_name = _rels_name(source)
        if rels_name not in self.parts:
            return None
        for rel in self.xml(rels_name):
            if rel.get("Type", "").endswith(rel_type_suffix) and rel.get("TargetMode") != "External":
                target = _resolve_target(source, rel.get("Target", ""))
                if target in self.parts:  # a relationship to a part the package lacks points nowhere
                    return target
        return None


def rels_name(source: str) -> str:
    """The relationships part of a part ("word/document.xml" -> "word/_rels/document.xml.rels")."""
    return _rels_name(source)


def _rels_name(source: str) -> str:
    p = PurePosixPath(source)
    return str(p.parent / "_rels" / (p.name + ".rels")).lstrip("/") if source else "_rels/.rels"


def _resolve_target(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = list(PurePosixPath(source).parent.parts) if source else []
    for piece in PurePosixPath(target).parts:
        if piece == "..":
            if parts:
                parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


def read_package(path: Path) -> Package:
    """Open a .docx; DocumentError with a one-line reason for anything that is not a usable one."""
    check_regular(path, ".docx file", DocumentError)  # a FIFO would block the open below for ever
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a folder, not a .docx file") from None
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file") from None
    except PermissionError:
        raise DocumentError(f"{path}: permission denied; check that you can read it") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror})") from None
    if head == OLE2_MAGIC:
        raise DocumentError(_ole2_message(path))
    if not zipfile.is_zipfile(path):
        if head.startswith(b"PK\x03\x04"):
            raise DocumentError(f"{path}: truncated or damaged zip package (its directory is missing); "
                                "copy or download it again, or re-save it from Word")
        raise DocumentError(f"{path}: not a .docx (not a zip package); save it from Word as .docx")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_limits(path, infos)
            names = [i.filename for i in infos]
            parts = {i.filename: zf.read(i) for i in infos if not i.is_dir()}
            for name, data in parts.items():
                if name.lower().endswith((".xml", ".rels")) and has_doctype(data):
                    raise DocumentError(_DOCTYPE_MESSAGE.format(where=f"{path}: part '{name}'"))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError, zlib.error) as exc:
        raise DocumentError(f"{path}: damaged zip package ({exc}); re-save it from Word") from None
    except OSError as exc:
        raise DocumentError(f"{path}: damaged zip package ({exc}); re-save it from Word") from None
    pkg = Package(path, names, parts, {i.filename: i for i in infos}, main_part="")
    pkg.main_part = _find_main_part(pkg)
    return pkg


def _ole2_message(path: Path) -> str:
    with open(path, "rb") as fh:
        data = fh.read(1 << 20)
    if "EncryptedPackage".encode("utf-16-le") in data:
        return f"{path}: password-protected .docx; remove the password in Word (File > Info) and save again"
    return f"{path}: legacy Word 97-2003 .doc file; open it in Word or LibreOffice and save it as .docx"


def _check_limits(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse, from the zip's directory alone, unsafe names and anything that would inflate too much."""
    refused = f"{path}: refused as a possible zip bomb:"
    if len(infos) > MAX_ENTRIES:
        raise DocumentError(f"{refused} {len(infos)} parts, past the {MAX_ENTRIES} limit; re-save it from Word")
    total = 0
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        if name.lower() in seen:  # part names ignore case; readers differ on which copy counts
            raise DocumentError(f"{path}: zip entry '{name}' appears twice; the file is damaged, re-save it from Word")
        seen.add(name.lower())
        if name.startswith("/") or ".." in PurePosixPath(name).parts or "\\" in name or ":" in name:
            raise DocumentError(f"{path}: zip entry '{name}' has an unsafe path (outside the package); "
                                "the file is refused, do not extract it")
        if info.flag_bits & 0x1:  # zipfile would raise RuntimeError (password required) on reading it
            raise DocumentError(f"{path}: zip entry '{name}' is encrypted; remove the password and save it again")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):  # all a .docx may use
            raise DocumentError(f"{path}: zip entry '{name}' uses compression method {info.compress_type}, "
                                "which Word never writes; re-save it from Word")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES:
            raise DocumentError(f"{refused} part '{name}' would inflate to {info.file_size} bytes, "
                                f"past the {MAX_PART_BYTES} limit")
        if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
            raise DocumentError(f"{refused} part '{name}' would inflate {ratio:.0f} times "
                                f"(to {info.file_size} bytes), past the {MAX_RATIO}x limit")
    if total > MAX_TOTAL_BYTES:
        raise DocumentError(f"{refused} it would inflate to {total} bytes in all, past the {MAX_TOTAL_BYTES} limit")
    size = max(path.stat().st_size, 1)  # the file itself: its directory's sizes may be forged
    if total > RATIO_FLOOR_BYTES and total / size > MAX_RATIO:
        raise DocumentError(f"{refused} its parts would inflate {total / size:.0f} times in all "
                            f"(to {total} bytes), past the {MAX_RATIO}x limit")


def _find_main_part(pkg: Package) -> str:
    if "_rels/.rels" in pkg.parts:
        for rel in pkg.xml("_rels/.rels"):
            if rel.get("Type") in MAIN_REL_TYPES:
                target = _resolve_target("", rel.get("Target", ""))
                if target in pkg.parts:
                    return target
    if "word/document.xml" in pkg.parts:
        return "word/document.xml"
    raise DocumentError(f"{pkg.path}: no main document part (word/document.xml); not a Word document")


def write_package(pkg: Package, replaced: dict[str, bytes], out: Path) -> None:
    """Write the package to `out` with some parts replaced or added; other parts are copied unchanged.

    The file appears at `out` complete or not at all.
    """
    def fill(zf: zipfile.ZipFile) -> None:
        for name in pkg.names:
            info = pkg.infos[name]
            if info.is_dir():
                continue
            data = replaced.get(name, pkg.parts[name])
            zf.writestr(_copy_info(info), data)
        for name, data in replaced.items():
            if name not in pkg.infos:
                zf.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)

    atomic_zip(out, fill)


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    new = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    new.compress_type = info.compress_type
    new.external_attr = info.external_attr
    new.create_system = info.create_system
    return new


def atomic_zip(out: Path, fill: Callable[[zipfile.ZipFile], None]) -> None:
    """Create a zip at `out` atomically: `fill(zipfile)` writes the entries into a temporary file."""

    def writer(fh: IO[bytes]) -> None:
        with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
            fill(zf)

    atomic_write(out, writer)


def serialize(root: etree._Element) -> bytes:
    """A part's XML as Word writes it: UTF-8 with a standalone declaration."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

