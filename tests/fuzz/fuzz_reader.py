"""A fuzz target for the .docx read path: mutate the real fixture files, read them, write them.

Each case takes one file of ../shared/fixtures (read in place, never copied into the repository),
applies one to three random mutations (zip level: byte flips, truncation, forged sizes and flags,
duplicate, missing, renamed or swapped entries; XML level: deleted, duplicated, moved or renamed
elements, dropped or garbled attributes, unknown elements, random text, revisions, content
controls, hyperlinks and field characters nested in odd places, relationships pointing anywhere),
writes the result to a temporary folder outside the tests' tmp_path, and runs the whole read path:
read_package, draft_from_package, read_revisions, accepted_text / rejected_text, read_incoming,
then a no-amendment and a one-amendment write_redline and a re-read of what was written.
Only our typed errors (app.errors.RedlineDeskError) may escape; anything else is a crash.

A case is reproducible from its fixture and case seed, printed with every crash. A run is a sequence of cases
drawn from one master seed. The test run (tests/fuzz/test_fuzz_reader.py, also in CI) is deterministic: the fixed
DEFAULT_SEED and a fixed number of cases (prefixes of one sequence: LOCAL_CASES, CI_CASES with CI set), so every run
tries the same files; `make fuzz` draws a random seed and runs for a time instead:

    .venv/bin/python -m tests.fuzz.fuzz_reader --seconds 600 [--seed N]     random seed unless given
    .venv/bin/python -m tests.fuzz.fuzz_reader --cases 500 --seed 20261123  the CI run
    .venv/bin/python -m tests.fuzz.fuzz_reader --replay redlines/x/y.docx --case-seed N [--save out.docx]
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import hashlib
import io
import os
import random
import shutil
import signal
import struct
import sys
import tempfile
import time
import traceback
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

from lxml import etree

from app.errors import RedlineDeskError
from app.plan import Attribution, DeleteParagraph, InsertParagraph, ModifyParagraph, RedlinePlan
from app.segments import Op, Segment
from docx_io.incoming import read_incoming
from docx_io.package import read_package
from docx_io.reader import draft_from_package
from docx_io.redline_writer import write_redline
from docx_io.revision_reader import read_revisions
from docx_io.revision_views import accepted_text, rejected_text

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT.parent / "shared" / "fixtures"
CASE_TIMEOUT = 30.0  # seconds; a case past this is reported as a hang
DEFAULT_SEED = 20261123  # master seed of the test run and CI (FUZZ_SEED changes it)
# Cases of the test run: about 9 s locally and 22 s in CI on the 2-core development VM (CI's budget is 60 s).
LOCAL_CASES = 200
CI_CASES = 500
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_W = f"{{{W}}}"

# Elements the read path cares about: mutations prefer them.
INTERESTING = {_W + n for n in (
    "p", "r", "t", "delText", "tab", "br", "ins", "del", "moveFrom", "moveTo", "pPr", "rPr", "pStyle", "numPr",
    "ilvl", "numId", "tbl", "tr", "tc", "trPr", "tcPr", "sdt", "sdtContent", "hyperlink", "fldChar", "fldSimple",
    "instrText", "footnoteReference", "endnoteReference", "commentReference", "pPrChange", "rPrChange",
    "sectPr", "body", "smartTag", "customXml", "footnote", "endnote", "style", "num", "abstractNum", "lvl",
    "lvlText", "numFmt", "start", "outlineLvl", "gridBefore", "gridAfter", "sym", "noBreakHyphen", "cr",
)}
# Tags an element may be renamed to, or a new element made with.
VOCABULARY = sorted(n.split("}")[1] for n in INTERESTING)
WRAPPERS = ("ins", "del", "moveFrom", "moveTo", "sdt", "sdtContent", "hyperlink", "fldSimple", "smartTag",
            "customXml", "r", "p", "tbl", "tc", "tr", "dir", "bdo")
KEY_ATTRS = ("id", "author", "date", "val", "numId", "ilvl", "fldCharType", "type", "abstractNumId", "styleId",
             "instr", "customMarkFollows", "space", "gridSpan", "vMerge")
ODD_VALUES = (
    "", " ", "-1", "0", "1", "2147483648", "99999999999999999999999", "-0", "1.5", "1e9", "abc", "NaN",
    "2025-13-45T99:99:99Z", "0000-00-00T00:00:00Z", "\u202eevil", "x" * 5000, "../../../etc/passwd",
    "http://example.invalid/", "#", "begin", "separate", "end", "bullet", "decimal", "lowerRoman", "none",
    "Heading1", "%1.%2.%3.%4.%5.%6.%7.%8.%9.%10", "%0", "%", "\u0000".replace("\u0000", "\ufffd"), "preserve",
)
ODD_TEXT = (
    "x", "66.\t", "(a) ", "83 bis. ", "\u00a0", "\u200b\u200d\ufeff", "e\u0301\u0302\u0303", "مرحبا", "\u202e",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢🙂", "中文字", "\t\t", " " * 50, "~~x~~ **y**", "A" * 20000, "9999.", "\ud7ff", "\r\n",
)
RELS_TARGETS = (
    "", "/", "..", "../..", "document.xml", "/word/document.xml", "styles.xml", "numbering.xml", "media/image1.png",
    "../[Content_Types].xml", "word/document.xml#x", "%20", "http://example.invalid/x", "_rels/.rels",
    "footnotes.xml", "header1.xml", "/../../x",
)


@dataclass
class Entry:
    """One zip entry being mutated."""

    name: str
    data: bytes
    compress_type: int = zipfile.ZIP_DEFLATED


@dataclass
class Sample:
    """The mutated package: entries, then raw-byte mutations applied to the zip they make."""

    entries: list[Entry]
    raw: list[Callable[[bytearray], bytearray]] = field(default_factory=list)
    log: list[str] = field(default_factory=list)

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # duplicate names are a mutation, not a mistake
            with zipfile.ZipFile(buf, "w") as zf:
                for e in self.entries:
                    info = zipfile.ZipInfo(e.name, date_time=(1980, 1, 1, 0, 0, 0))
                    info.compress_type = e.compress_type
                    zf.writestr(info, e.data)
        data = bytearray(buf.getvalue())
        for fn in self.raw:
            data = bytearray(fn(data))
        return bytes(data)


# --------------------------------------------------------------------------------------------
# Fixtures


_CACHE: dict[Path, list[Entry] | bytes] = {}


def fixture_files() -> list[Path]:
    """Every .docx of the shared corpus, sorted."""
    return sorted(FIXTURES.rglob("*.docx"))


def load_entries(path: Path) -> list[Entry] | bytes:
    """The fixture's entries, or its raw bytes when it is not a readable zip (cached)."""
    if path not in _CACHE:
        raw = path.read_bytes()
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                _CACHE[path] = [Entry(i.filename, zf.read(i), i.compress_type) for i in zf.infolist()
                                if not i.is_dir()]
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, OSError, EOFError):
            _CACHE[path] = raw
    return _CACHE[path]


# --------------------------------------------------------------------------------------------
# Mutations


def _pick_xml_entry(rng: random.Random, s: Sample) -> Entry | None:
    xml = [e for e in s.entries if e.name.endswith((".xml", ".rels"))]
    if not xml:
        return None
    main = [e for e in xml if e.name == "word/document.xml"]
    if main and rng.random() < 0.55:
        return main[0]
    return rng.choice(xml)


def _elements(root: etree._Element) -> list[etree._Element]:
    return [el for el in root.iter() if isinstance(el.tag, str) and el is not root]


def _pick(rng: random.Random, root: etree._Element) -> etree._Element | None:
    els = _elements(root)
    if not els:
        return None
    good = [el for el in els if el.tag in INTERESTING]
    return rng.choice(good if good and rng.random() < 0.7 else els)


def _w(local: str) -> etree._Element:
    return etree.Element(_W + local, nsmap={"w": W})


def _text_run(text: str, deleted: bool = False) -> etree._Element:
    r = _w("r")
    t = etree.SubElement(r, _W + ("delText" if deleted else "t"))
    t.text = text
    return r


def _odd_text(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(ODD_TEXT)
    return "".join(chr(rng.choice((rng.randint(0x20, 0x7E), rng.randint(0xA0, 0xD7FF), rng.randint(0xE000, 0xFFFD),
                                   rng.randint(0x10000, 0x10FFFF))))
                   for _ in range(rng.randint(1, 30)))


def _xml_safe(text: str) -> str:
    """Text lxml accepts (XML 1.0 characters only)."""
    return "".join(c for c in text if c in "\t\n\r" or 0x20 <= ord(c) <= 0xD7FF or 0xE000 <= ord(c) <= 0xFFFD
                   or ord(c) >= 0x10000)


def _x_delete(rng: random.Random, root: etree._Element) -> str:
    el = _pick(rng, root)
    if el is None or el.getparent() is None:
        return ""
    el.getparent().remove(el)  # type: ignore[union-attr]
    return f"delete <{etree.QName(el).localname}>"


def _x_duplicate(rng: random.Random, root: etree._Element) -> str:
    el = _pick(rng, root)
    if el is None:
        return ""
    times = rng.choice((1, 1, 2, 5))
    for _ in range(times):
        el.addnext(copy.deepcopy(el))
    return f"duplicate <{etree.QName(el).localname}> x{times}"


def _x_move(rng: random.Random, root: etree._Element) -> str:
    el, dest = _pick(rng, root), _pick(rng, root)
    if el is None or dest is None or el is dest or any(a is el for a in dest.iterancestors()):
        return ""
    if rng.random() < 0.5:
        dest.insert(rng.randint(0, len(dest)), el)
    else:
        dest.addnext(el)
    return f"move <{etree.QName(el).localname}> to <{etree.QName(dest).localname}>"


def _x_swap_tags(rng: random.Random, root: etree._Element) -> str:
    el = _pick(rng, root)
    parent = el.getparent() if el is not None else None
    if el is None or parent is None:
        return ""
    sibs = [s for s in parent if isinstance(s.tag, str) and s is not el]
    if not sibs:
        return ""
    other = rng.choice(sibs)
    el.tag, other.tag = other.tag, el.tag
    return f"swap tags <{etree.QName(el).localname}> <{etree.QName(other).localname}>"


def _x_rename(rng: random.Random, root: etree._Element) -> str:
    el = _pick(rng, root)
    if el is None:
        return ""
    old = etree.QName(el).localname
    el.tag = _W + rng.choice(VOCABULARY)
    return f"rename <{old}> to <w:{etree.QName(el).localname}>"


def _x_attribute(rng: random.Random, root: etree._Element) -> str:
    els = [el for el in _elements(root) if el.attrib]
    if not els:
        return ""
    keyed = [el for el in els if any(etree.QName(k).localname in KEY_ATTRS or k in ("Target", "Type", "Id")
                                     for k in el.attrib)]
    el = rng.choice(keyed if keyed and rng.random() < 0.8 else els)
    names = list(el.attrib)
    preferred = [k for k in names if etree.QName(k).localname in KEY_ATTRS or k in ("Target", "Type", "Id")]
    name = rng.choice(preferred or names)
    local = f"<{etree.QName(el).localname} {etree.QName(name).localname}>"
    if rng.random() < 0.3:
        del el.attrib[name]
        return f"drop attribute {local}"
    if name == "Target" and rng.random() < 0.6:
        value = rng.choice(RELS_TARGETS)
    elif rng.random() < 0.2:
        value = str(rng.randint(-5, 50))
    else:
        value = rng.choice(ODD_VALUES)
    el.set(name, value)
    return f"set attribute {local}={value[:40]!r}"


def _x_add_attribute(rng: random.Random, root: etree._Element) -> str:
    el = _pick(rng, root)
    if el is None:
        return ""
    name = rng.choice(KEY_ATTRS)
    value = rng.choice(ODD_VALUES)
    el.set(_W + name, value)
    return f"add attribute <{etree.QName(el).localname} w:{name}={value[:40]!r}>"


def _x_unknown(rng: random.Random, root: etree._Element) -> str:
    el = _pick(rng, root)
    if el is None:
        return ""
    kind = rng.choice(("w", "foreign", "mc"))
    if kind == "w":
        new = _w("fuzzThing")
    elif kind == "foreign":
        new = etree.Element("{urn:fuzz}unknown", nsmap={"fz": "urn:fuzz"})
    else:
        new = etree.Element("{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent")
        choice = etree.SubElement(new, "{http://schemas.openxmlformats.org/markup-compatibility/2006}Choice")
        choice.append(_text_run("alt"))
    if rng.random() < 0.5:
        new.append(_text_run(_xml_safe(_odd_text(rng))))
    el.insert(rng.randint(0, len(el)), new)
    return f"insert unknown <{etree.QName(new).localname}> in <{etree.QName(el).localname}>"


def _x_text(rng: random.Random, root: etree._Element) -> str:
    el = _pick(rng, root)
    if el is None:
        return ""
    text = _xml_safe(_odd_text(rng))
    if rng.random() < 0.6:
        el.text = text
        return f"text of <{etree.QName(el).localname}> = {text[:30]!r}"
    el.tail = text
    return f"tail of <{etree.QName(el).localname}> = {text[:30]!r}"


def _x_wrap(rng: random.Random, root: etree._Element) -> str:
    el = _pick(rng, root)
    parent = el.getparent() if el is not None else None
    if el is None or parent is None:
        return ""
    tag = rng.choice(WRAPPERS)
    wrapper = _w(tag)
    if tag in ("ins", "del", "moveFrom", "moveTo"):
        wrapper.set(_W + "id", str(rng.choice((1, 1, 0, -1, 99))))
        wrapper.set(_W + "author", rng.choice(("Fuzz", "", "Other")))
        wrapper.set(_W + "date", rng.choice(("2025-01-01T00:00:00Z", "garbage", "")))
    el.addprevious(wrapper)
    if tag == "sdt":
        wrapper = etree.SubElement(wrapper, _W + "sdtContent")
    wrapper.append(el)
    return f"wrap <{etree.QName(el).localname}> in <w:{tag}>"


def _x_insert_odd(rng: random.Random, root: etree._Element) -> str:
    el = _pick(rng, root)
    if el is None:
        return ""
    choice = rng.randrange(9)
    if choice == 0:
        new = _w("r")
        etree.SubElement(new, _W + "fldChar").set(_W + "fldCharType", rng.choice(("begin", "separate", "end", "x")))
    elif choice == 1:
        new = _w("r")
        etree.SubElement(new, _W + "instrText").text = rng.choice((" HYPERLINK \"x\" ", " PAGE ", " SEQ x ", ""))
    elif choice == 2:
        new = _w(rng.choice(("ins", "del", "moveFrom", "moveTo")))
        new.set(_W + "id", "7")
        new.set(_W + "author", "Fuzz")
        new.append(_text_run(_xml_safe(_odd_text(rng)), deleted=rng.random() < 0.5))
    elif choice == 3:
        new = _text_run(_xml_safe(_odd_text(rng)), deleted=True)
    elif choice == 4:
        new = _w("pPr")
        rpr = etree.SubElement(new, _W + "rPr")
        etree.SubElement(rpr, _W + rng.choice(("ins", "del", "moveFrom", "moveTo"))).set(_W + "author", "Fuzz")
    elif choice == 5:
        new = _w("r")
        etree.SubElement(new, _W + rng.choice(("footnoteReference", "endnoteReference", "commentReference"))).set(
            _W + "id", rng.choice(("1", "0", "-1", "x", "")))
    elif choice == 6:
        new = _w("numPr")
        etree.SubElement(new, _W + "ilvl").set(_W + "val", rng.choice(("0", "8", "9", "-1", "x")))
        etree.SubElement(new, _W + "numId").set(_W + "val", rng.choice(("1", "0", "99", "-1", "x")))
    elif choice == 7:
        new = _w("trPr")
        etree.SubElement(new, _W + rng.choice(("ins", "del"))).set(_W + "author", "Fuzz")
    else:
        new = _w("p")
        new.append(_text_run(_xml_safe(_odd_text(rng))))
    el.insert(rng.randint(0, len(el)), new)
    return f"insert <{etree.QName(new).localname}> ({choice}) in <{etree.QName(el).localname}>"


def _x_empty(rng: random.Random, root: etree._Element) -> str:
    el = _pick(rng, root)
    if el is None:
        return ""
    for child in list(el):
        el.remove(child)
    el.text = None
    return f"empty <{etree.QName(el).localname}>"


XML_MUTATIONS: tuple[Callable[[random.Random, etree._Element], str], ...] = (
    _x_delete, _x_duplicate, _x_move, _x_swap_tags, _x_rename, _x_attribute, _x_attribute, _x_add_attribute,
    _x_unknown, _x_text, _x_wrap, _x_wrap, _x_insert_odd, _x_insert_odd, _x_empty,
)


def m_xml(rng: random.Random, s: Sample) -> str:
    """One to four tree mutations of one XML part (word/document.xml more often than others)."""
    entry = _pick_xml_entry(rng, s)
    if entry is None:
        return ""
    try:
        root = etree.fromstring(entry.data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    except etree.XMLSyntaxError:
        return ""
    done = []
    for _ in range(rng.choice((1, 1, 2, 3, 5, 8))):
        what = rng.choice(XML_MUTATIONS)(rng, root)
        if what:
            done.append(what)
    entry.data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return f"{entry.name}: " + "; ".join(done) if done else ""


def m_garble_many(rng: random.Random, s: Sample) -> str:
    """Many attribute values of one part at once (numbering, styles and notes parts as often as the document)."""
    parts = [e for e in s.entries if e.name in ("word/numbering.xml", "word/styles.xml", "word/footnotes.xml",
                                               "word/endnotes.xml", "word/document.xml", "word/settings.xml")]
    if not parts:
        return ""
    entry = rng.choice(parts)
    try:
        root = etree.fromstring(entry.data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    except etree.XMLSyntaxError:
        return ""
    els = [el for el in _elements(root) if any(etree.QName(k).localname in KEY_ATTRS for k in el.attrib)]
    if not els:
        return ""
    changed = []
    for el in rng.sample(els, min(len(els), rng.randint(1, 25))):
        name = rng.choice([k for k in el.attrib if etree.QName(k).localname in KEY_ATTRS])
        value = rng.choice(ODD_VALUES) if rng.random() < 0.7 else str(rng.randint(-3, 12))
        el.set(name, value)
        changed.append(f"{etree.QName(el).localname}@{etree.QName(name).localname}={value[:12]!r}")
    entry.data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return f"{entry.name}: set " + ", ".join(changed)


def m_xml_bytes(rng: random.Random, s: Sample) -> str:
    """Text-level damage to one XML part: DOCTYPE, entities, cut tags, encodings, Strict namespaces."""
    entry = _pick_xml_entry(rng, s)
    if entry is None:
        return ""
    data = entry.data
    choice = rng.randrange(8)
    if choice == 0:
        doctype = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        end = data.find(b"?>") + 2 if data.startswith(b"<?xml") else 0
        entry.data = data[:end] + doctype + data[end:]
        return f"{entry.name}: DOCTYPE with entities"
    if choice == 1:
        cut = rng.randrange(max(1, len(data)))
        entry.data = data[:cut]
        return f"{entry.name}: cut at {cut}"
    if choice == 2:
        pos = rng.randrange(max(1, len(data)))
        entry.data = data[:pos] + data[pos + rng.randint(1, 20):]
        return f"{entry.name}: bytes removed at {pos}"
    if choice == 3:
        entry.data = data.replace(W.encode(), W_STRICT.encode())
        return f"{entry.name}: Strict namespace"
    if choice == 4:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return ""
        entry.data = text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode(rng.choice(("utf-16", "utf-8")))
        return f"{entry.name}: re-encoded"
    if choice == 5:
        entry.data = b"\xef\xbb\xbf" + data if rng.random() < 0.5 else data.replace(b"<w:t", b"<w:t xml:space='x'")
        return f"{entry.name}: BOM or xml:space"
    if choice == 6:
        entry.data = data.replace(b"w:", b"x:", rng.randint(1, 50))
        return f"{entry.name}: prefix w: renamed (undeclared)"
    pos = rng.randrange(max(1, len(data)))
    entry.data = data[:pos] + b"&#0;&unknown;<![CDATA[x]]><?pi x?><!-- c -->" + data[pos:]
    return f"{entry.name}: markup injected at {pos}"


def m_drop_entry(rng: random.Random, s: Sample) -> str:
    """Drop one entry (often a key one: content types, relationships, styles, numbering)."""
    if not s.entries:
        return ""
    key = [e for e in s.entries if e.name in ("[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels",
                                              "word/styles.xml", "word/numbering.xml", "word/document.xml",
                                              "word/footnotes.xml", "word/settings.xml")]
    entry = rng.choice(key if key and rng.random() < 0.7 else s.entries)
    s.entries.remove(entry)
    return f"drop entry {entry.name}"


def m_duplicate_entry(rng: random.Random, s: Sample) -> str:
    """The same name twice, with the same or other content."""
    if not s.entries:
        return ""
    entry = rng.choice(s.entries)
    other = rng.choice(s.entries)
    s.entries.insert(rng.randint(0, len(s.entries)), Entry(entry.name, other.data, entry.compress_type))
    return f"duplicate entry {entry.name} (content of {other.name})"


def m_rename_entry(rng: random.Random, s: Sample) -> str:
    """Rename an entry: case, unsafe paths, directory-like names, odd characters."""
    if not s.entries:
        return ""
    entry = rng.choice(s.entries)
    old = entry.name
    entry.name = rng.choice((
        old.upper(), "../" + old, "/" + old, old.replace("/", "\\"), old + "/", "word/" + old, old + "\u00e9",
        "C:" + old, old.replace(".xml", ".XML"), "./" + old, "word//document.xml", "",
    )) or "x"
    return f"rename entry {old} -> {entry.name}"


def m_swap_entries(rng: random.Random, s: Sample) -> str:
    """Swap the contents of two entries (a styles part where the document should be, …)."""
    if len(s.entries) < 2:
        return ""
    a, b = rng.sample(s.entries, 2)
    a.data, b.data = b.data, a.data
    return f"swap contents {a.name} <-> {b.name}"


def m_content(rng: random.Random, s: Sample) -> str:
    """Replace an entry with nothing, random bytes, or an OLE2 header."""
    if not s.entries:
        return ""
    entry = rng.choice(s.entries)
    choice = rng.randrange(4)
    entry.data = (b"", rng.randbytes(rng.randint(1, 300)), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
                  b"<?xml version='1.0'?><x/>")[choice]
    return f"content of {entry.name} replaced ({choice})"


def m_compression(rng: random.Random, s: Sample) -> str:
    """Store an entry with another method (stored, bzip2, lzma)."""
    if not s.entries:
        return ""
    entry = rng.choice(s.entries)
    entry.compress_type = rng.choice((zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA))
    return f"compression of {entry.name} = {entry.compress_type}"


def m_directory(rng: random.Random, s: Sample) -> str:
    """Add a directory entry, possibly shadowing a part's name."""
    name = rng.choice(("word/", "word/document.xml/", "_rels/", "customXml/"))
    s.entries.insert(rng.randint(0, len(s.entries)), Entry(name, b""))
    return f"directory entry {name}"


def _central_records(data: bytearray) -> list[int]:
    out, pos = [], data.find(b"PK\x01\x02")
    while pos >= 0:
        out.append(pos)
        pos = data.find(b"PK\x01\x02", pos + 4)
    return out


def _local_records(data: bytearray) -> list[int]:
    out, pos = [], data.find(b"PK\x03\x04")
    while pos >= 0:
        out.append(pos)
        pos = data.find(b"PK\x03\x04", pos + 4)
    return out


def m_raw(rng: random.Random, s: Sample) -> str:
    """Damage to the zip's own bytes: flips, truncation, forged sizes, CRCs, flags and methods, junk."""
    choice = rng.randrange(9)
    seed = rng.getrandbits(32)
    fns: dict[int, tuple[str, Callable[[bytearray], bytearray]]] = {}

    def flips(d: bytearray) -> bytearray:
        r = random.Random(seed)
        for _ in range(r.randint(1, 20)):
            if d:
                d[r.randrange(len(d))] ^= 1 << r.randrange(8)
        return d

    def truncate(d: bytearray) -> bytearray:
        return d[: random.Random(seed).randrange(max(1, len(d)))]

    def forge(field_offset: int, central: bool) -> Callable[[bytearray], bytearray]:
        def fn(d: bytearray) -> bytearray:
            r = random.Random(seed)
            recs = _central_records(d) if central else _local_records(d)
            if not recs:
                return d
            pos = r.choice(recs) + field_offset
            if pos + 4 > len(d):
                return d
            value = r.choice((0, 1, 0xFFFFFFFF, 0x7FFFFFFF, 300 * 1024 * 1024, r.getrandbits(32),
                              struct.unpack_from("<I", d, pos)[0] * 1000 & 0xFFFFFFFF))
            struct.pack_into("<I", d, pos, value)
            return d
        return fn

    def flag_or_method(d: bytearray) -> bytearray:
        r = random.Random(seed)
        recs = _central_records(d)
        if not recs:
            return d
        pos = r.choice(recs)
        if r.random() < 0.5:
            struct.pack_into("<H", d, pos + 8, struct.unpack_from("<H", d, pos + 8)[0] | r.choice((1, 8, 0x40, 0x800)))
        else:
            struct.pack_into("<H", d, pos + 10, r.choice((1, 6, 9, 12, 14, 98, 99, 0xFFFF)))
        return d

    def junk(d: bytearray) -> bytearray:
        r = random.Random(seed)
        blob = r.randbytes(r.randint(1, 200))
        return bytearray(blob + d if r.random() < 0.5 else d + blob)

    def comment_len(d: bytearray) -> bytearray:
        pos = d.rfind(b"PK\x05\x06")
        if pos >= 0 and pos + 22 <= len(d):
            struct.pack_into("<H", d, pos + 20, random.Random(seed).choice((1, 0xFFFF)))
            struct.pack_into("<H", d, pos + 10, random.Random(seed).choice((0, 1, 0xFFFF)))
        return d

    fns = {
        0: ("byte flips", flips), 1: ("truncate", truncate),
        2: ("forged central compressed size", forge(20, True)), 3: ("forged central file size", forge(24, True)),
        4: ("forged central CRC", forge(16, True)), 5: ("forged local sizes", forge(18 + 4 * (seed % 2), False)),
        6: ("flag or method", flag_or_method), 7: ("junk before or after", junk), 8: ("end record counts", comment_len),
    }
    name, fn = fns[choice]
    s.raw.append(fn)
    return f"raw: {name} (seed {seed})"


MUTATIONS: tuple[Callable[[random.Random, Sample], str], ...] = (
    m_xml, m_xml, m_xml, m_xml, m_xml, m_xml, m_garble_many, m_garble_many, m_xml_bytes, m_drop_entry,
    m_duplicate_entry, m_rename_entry, m_swap_entries, m_content, m_compression, m_directory, m_raw, m_raw,
)


def mutate(path: Path, case_seed: int) -> tuple[bytes, list[str]]:
    """The mutated bytes of a fixture for one case, and what was done to it."""
    rng = random.Random(case_seed)
    loaded = load_entries(path)
    if isinstance(loaded, bytes):
        data = bytearray(loaded)
        for _ in range(rng.randint(1, 10)):
            if data:
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        return bytes(data), ["raw file (not a zip): byte flips"]
    sample = Sample([Entry(e.name, e.data, e.compress_type) for e in loaded])
    n = rng.choice((1, 1, 1, 2, 2, 3))
    while len(sample.log) < n:
        what = rng.choice(MUTATIONS)(rng, sample)
        if what:
            sample.log.append(what)
    return sample.to_bytes(), sample.log


# --------------------------------------------------------------------------------------------
# The read path


BY = Attribution("Fuzz", datetime(2025, 1, 1, tzinfo=UTC))


def one_amendment(draft_paragraphs: list[tuple[int, str]], rng: random.Random) -> RedlinePlan:
    """One amendment on a paragraph with text: a modification, a deletion or an insertion."""
    plan = RedlinePlan()
    if not draft_paragraphs:
        return plan
    anchor, text = rng.choice(draft_paragraphs)
    kind = rng.randrange(4)
    if kind == 0:
        plan.add(DeleteParagraph(anchor, BY))
    elif kind == 1:
        plan.add(InsertParagraph(anchor, "Fuzz inserted paragraph.", BY, before=rng.random() < 0.3))
    else:
        a = rng.randrange(len(text) + 1)
        b = rng.randrange(a, len(text) + 1)
        plan.add(ModifyParagraph(anchor, [Segment(Op.EQUAL, text[:a]), Segment(Op.DELETE, text[a:b]),
                                          Segment(Op.INSERT, " fuzz "), Segment(Op.EQUAL, text[b:])], BY))
    return plan


def read_path(path: Path, rng: random.Random, out_dir: Path) -> list[str]:
    """Run everything that reads or writes the file; returns the typed errors met (step: message)."""
    refused: list[str] = []

    def step(name: str, fn: Callable[[], object]) -> object:
        try:
            return fn()
        except RedlineDeskError as exc:
            refused.append(f"{name}: {type(exc).__name__}: {str(exc)[:200]}")
            return None

    pkg = step("read_package", lambda: read_package(path))
    if pkg is None:
        return refused
    from docx_io.package import Package

    assert isinstance(pkg, Package)
    draft = step("draft_from_package", lambda: draft_from_package(pkg))
    step("read_revisions", lambda: read_revisions(pkg))
    step("accepted_text", lambda: accepted_text(pkg))
    step("rejected_text", lambda: rejected_text(pkg))
    step("read_incoming", lambda: read_incoming(pkg))
    step("write_redline(no amendment)", lambda: write_redline(pkg, RedlinePlan(), out_dir / "none.docx"))
    if draft is not None:
        from app.model import Draft

        assert isinstance(draft, Draft)
        paragraphs = [(p.anchor, p.text) for p in draft.paragraphs if p.text.strip()]
        plan = one_amendment(paragraphs, rng)
        out = out_dir / "one.docx"
        tracked = rng.random() < 0.75
        if step("write_redline(one amendment)", lambda: write_redline(pkg, plan, out, tracked=tracked)) is not None:
            again = step("re-read output", lambda: read_package(out))
            if again is not None:
                step("re-read output draft", lambda: draft_from_package(again))  # type: ignore[arg-type]
    return refused


# --------------------------------------------------------------------------------------------
# Running


class Hang(BaseException):
    """A case ran past CASE_TIMEOUT (BaseException: no `except Exception` in the code under test catches it)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise Hang in the main thread after `seconds` (no limit off the main thread or without SIGALRM)."""
    if not hasattr(signal, "SIGALRM") or seconds <= 0:
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"case ran past {seconds:.0f} s")

    try:
        old = signal.signal(signal.SIGALRM, on_alarm)
    except ValueError:  # not the main thread
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@dataclass
class Crash:
    """An exception other than our typed errors, with what reproduces it."""

    fixture: str
    case_seed: int
    mutations: list[str]
    error: str
    where: str
    trace: str
    target: str = "fuzz_reader"  # the module whose mutations made the case (fuzz_reader, fuzz_values)

    def replay_command(self) -> str:
        return f".venv/bin/python -m tests.fuzz.{self.target} --replay {self.fixture} --case-seed {self.case_seed}"

    def __str__(self) -> str:
        muts = "\n    ".join(self.mutations)
        return (f"CRASH {self.error}\n  at {self.where}\n  fixture {self.fixture} case seed {self.case_seed}\n"
                f"  mutations:\n    {muts}\n  replay: {self.replay_command()}")


@dataclass
class Report:
    """What a fuzzing run did."""

    seed: int
    target: str = "fuzz_reader"
    cases: int = 0
    refused: int = 0
    seconds: float = 0.0
    crashes: list[Crash] = field(default_factory=list)
    slowest: tuple[float, str, int] = (0.0, "", 0)
    digest: str = ""  # of every case's fixture, seed and mutated bytes: equal digests, the same cases ran

    def unique(self) -> dict[str, Crash]:
        """The first crash of each kind (exception type and innermost frame of our code)."""
        out: dict[str, Crash] = {}
        for c in self.crashes:
            out.setdefault(f"{c.error.split(':')[0]} @ {c.where}", c)
        return out

    def summary(self) -> str:
        return (f"{self.target}: seed {self.seed}: {self.cases} cases in {self.seconds:.0f} s, {self.refused} refused "
                f"with a typed error, {len(self.crashes)} crashes ({len(self.unique())} distinct); slowest case "
                f"{self.slowest[0]:.1f} s ({self.slowest[1]} seed {self.slowest[2]}); cases digest {self.digest}")


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/app/" in f.filename or "/docx_io/" in f.filename]
    f = (ours or frames)[-1] if (ours or frames) else None
    return f"{Path(f.filename).name}:{f.lineno} ({f.name})" if f else "?"


Mutator = Callable[[Path, int], tuple[bytes, list[str]]]  # (fixture, case seed) -> (mutated bytes, what was done)


def run_case(path: Path, case_seed: int, work: Path,
             seen: Callable[[bytes], None] | None = None, *, mutator: Mutator = mutate,
             target: str = "fuzz_reader") -> tuple[Crash | None, bool]:
    """One case: (the crash, if any; whether a typed error refused some step); `seen` gets the case and its bytes.
    `mutator` makes the case's file (this module's `mutate`, or fuzz_values' value-level mutations)."""
    data, log = mutator(path, case_seed)
    if seen is not None:
        seen(f"{path.relative_to(FIXTURES)}\0{case_seed}\0{len(data)}\0".encode())
        seen(data)
    case_dir = Path(tempfile.mkdtemp(dir=work))
    try:
        docx = case_dir / path.name
        docx.write_bytes(data)
        rng = random.Random(case_seed ^ 0x5EED)
        try:
            with time_limit(CASE_TIMEOUT), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                refused = read_path(docx, rng, case_dir)
        except (Exception, Hang) as exc:
            crash = Crash(str(path.relative_to(FIXTURES)), case_seed, log, f"{type(exc).__name__}: {exc}"[:300],
                          _where(exc), "".join(traceback.format_exception(exc)), target)
            return crash, False
        return None, bool(refused)
    finally:
        shutil.rmtree(case_dir, ignore_errors=True)


def fuzz(seconds: float | None = None, seed: int | None = None, files: list[Path] | None = None,
         echo: Callable[[str], None] | None = None, *, cases: int | None = None, mutator: Mutator = mutate,
         target: str = "fuzz_reader") -> Report:
    """Run exactly `cases` cases (the same ones for the same seed and files), or as many as fit in about `seconds`
    (fewer on a slower machine); a random master seed unless given. Every crash is recorded (and echoed when
    asked)."""
    if (seconds is None) == (cases is None):
        raise ValueError("fuzz: give either seconds or cases")
    seed = random.SystemRandom().getrandbits(32) if seed is None else seed
    files = files if files is not None else fixture_files()
    report = Report(seed, target)
    master = random.Random(seed)
    seen = hashlib.sha256()
    start = time.monotonic()

    def more() -> bool:
        if cases is not None:
            return report.cases < cases
        return time.monotonic() - start < (seconds or 0.0)

    with tempfile.TemporaryDirectory(prefix="redline-fuzz-") as work:
        while files and more():
            path = master.choice(files)
            case_seed = master.getrandbits(48)
            t0 = time.monotonic()
            crash, refused = run_case(path, case_seed, Path(work), seen.update, mutator=mutator, target=target)
            took = time.monotonic() - t0
            if took > report.slowest[0]:
                report.slowest = (took, str(path.relative_to(FIXTURES)), case_seed)
            report.cases += 1
            report.refused += refused
            if crash is not None:
                report.crashes.append(crash)
                if echo is not None:
                    echo(str(crash))
    report.seconds = time.monotonic() - start
    report.digest = seen.hexdigest()[:16]
    return report


def _ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "false", "0")


def _env_number(name: str, kind: type[int] | type[float]) -> float | None:
    """The number in environment variable `name`, None when unset; a clear error for anything else."""
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    try:
        number = kind(value)
    except ValueError:
        what = "whole number" if kind is int else "number"
        raise ValueError(f"{name}={value!r} is not a {what}; unset it or fix it") from None
    if number < 0:
        raise ValueError(f"{name}={value!r} is negative; unset it or give a positive number")
    return number


def default_budget() -> tuple[float | None, int | None]:
    """(seconds, cases) of the test run: FUZZ_SECONDS (a time bound), else FUZZ_CASES, else CI_CASES with CI set
    and LOCAL_CASES otherwise."""
    seconds, cases = _env_number("FUZZ_SECONDS", float), _env_number("FUZZ_CASES", int)
    if seconds is not None:
        return seconds, None
    if cases is not None:
        return None, int(cases)
    return None, CI_CASES if _ci() else LOCAL_CASES


def default_seed() -> int:
    """The master seed of the test run: FUZZ_SEED, else DEFAULT_SEED."""
    value = _env_number("FUZZ_SEED", int)
    return DEFAULT_SEED if value is None else int(value)


def main(argv: list[str] | None = None, *, mutator: Mutator = mutate, target: str = "fuzz_reader",
         doc: str | None = __doc__) -> int:
    """The command line of a fuzz target: this module's, or a sibling's with its own `mutator`."""
    parser = argparse.ArgumentParser(prog=target, description=doc.split("\n\n")[0] if doc else "")
    parser.add_argument("--seconds", type=float, default=None,
                        help="how long to run (default: the test run's budget, see default_budget)")
    parser.add_argument("--cases", type=int, default=None, help="run exactly this many cases instead")
    parser.add_argument("--seed", type=int, default=None, help="master seed (default: random, printed)")
    parser.add_argument("--replay", metavar="FIXTURE", help="fixture path relative to ../shared/fixtures")
    parser.add_argument("--case-seed", type=int, help="the case seed printed with a crash (with --replay)")
    parser.add_argument("--save", type=Path, help="with --replay: also write the mutated file here")
    parser.add_argument("--show-trace", action="store_true", help="print full tracebacks of crashes")
    args = parser.parse_args(argv)
    if args.replay:
        if args.case_seed is None:
            parser.error("--replay needs --case-seed")
        path = FIXTURES / args.replay
        data, log = mutator(path, args.case_seed)
        print("mutations:\n  " + "\n  ".join(log))
        if args.save:
            args.save.write_bytes(data)
            print(f"mutated file written to {args.save}")
        with tempfile.TemporaryDirectory(prefix="redline-fuzz-") as work:
            crash, refused = run_case(path, args.case_seed, Path(work), mutator=mutator, target=target)
        if crash is None:
            print("no crash" + (" (refused with a typed error)" if refused else ""))
            return 0
        print(crash.trace)
        print(crash)
        return 1
    seconds, cases = (args.seconds, args.cases) if args.seconds or args.cases else default_budget()
    if seconds is not None and cases is not None:
        parser.error("give --seconds or --cases, not both")
    report = fuzz(seconds, args.seed, echo=lambda s: print(s, flush=True), cases=cases, mutator=mutator,
                  target=target)
    print(f"{target}: seed {report.seed} (re-run with --seed {report.seed})")
    if args.show_trace:
        for crash in report.unique().values():
            print(crash.trace)
    for key, crash in report.unique().items():
        print(f"distinct: {key}: {crash.replay_command()}")
    print(report.summary())
    return 1 if report.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
