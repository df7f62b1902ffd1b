"""A value-level fuzz target for the .docx read path: hostile attribute values and deep nesting, in sound XML.

fuzz_reader.py damages the zip and the XML's shape; here the package and the markup stay sound and only values
change, as a document written by another tool (or by hand) may hold them. Each case parses a fixture's
word/document.xml (and word/styles.xml, word/numbering.xml when present) with lxml and applies one to four of:

  value   replace attribute values the reader interprets (w:val of w:ilvl, w:numId, w:gridSpan, w:gridBefore, w:sz,
          w:start, w:outlineLvl; w:id, w:date and w:author of revisions; w:char of w:sym, …) with one of HOSTILE:
          superscript and Arabic-Indic digits, numbers of 5,000 digits, negative and huge numbers, NaN,
          out-of-range dates, lone surrogate and control character codes, control characters, empty text;
  inject  add the elements that carry such values where the fixture has none (a w:numPr, a w:gridSpan,
          a w:gridBefore, a w:sym, a w:ins / w:del with hostile id, author and date);
  nest    wrap a run or a paragraph in N copies of w:sdt/w:sdtContent, w:hyperlink, w:ins, w:smartTag;
  raw     a control character or a lone surrogate's bytes in one value (malformed XML: refused as such).

Characters XML cannot hold (controls, lone surrogates) cannot be set through lxml: they are written as placeholders
and spliced into the serialized bytes, as a hostile writer would. Every case then runs fuzz_reader.read_path (the
whole read path, the writers and a re-read of what was written) under fuzz_reader's per-case time limit; only our
typed errors (app.errors.RedlineDeskError) may escape. `special_path_cases` reads a FIFO, /dev/null, a directory
and a symlink to /dev/zero through read_draft and read_incoming, the entry points that take paths.

    .venv/bin/python -m tests.fuzz.fuzz_values --seconds 600 [--seed N]     random seed unless given (`make fuzz`)
    .venv/bin/python -m tests.fuzz.fuzz_values --cases 60 --seed 20261123   the test run (test_fuzz_values.py)
    .venv/bin/python -m tests.fuzz.fuzz_values --replay redlines/x/y.docx --case-seed N [--save out.docx]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from lxml import etree

from app.errors import RedlineDeskError
from tests.fuzz.fuzz_reader import _W, Entry, Sample, _elements, load_entries, main

PARTS = ("word/document.xml", "word/styles.xml", "word/numbering.xml")
CASES = 60  # the test run's cases (about 10 s on the 2-core development VM)
_PLACEHOLDER = "\ue000fuzz{}\ue001"  # private-use marks, replaced by raw bytes after serializing

# Raw bytes a hostile writer may put in an attribute value; lxml would refuse them as text.
RAW = (b"\x01", b"\x1f", b"\x00", b"\xed\xa0\x80", b"\x7f\xc2\x85", b"\xef\xbf\xbf", b"\x0b\x0c")
NUMBERS = (
    "\u00b2\u00b3", "\u0663", "\u0661\u0662", "\uff11\uff12", "9" * 5000, "-" + "9" * 5000, "-1", "-2147483649",
    "2147483647", "2147483648", "18446744073709551616", "1e308", "-1e308", "NaN", "nan", "inf", "-0", "+5", " 7 ",
    "0x10", "1_000", "1.5", "", " ", "\u00a0", "٣٣", "⁹", "Ⅻ", "0" * 300 + "1",
)
DATES = (
    "99999-01-01T00:00:00Z", "0000-00-00", "0000-00-00T00:00:00Z", "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00", "2025-02-30T10:00:00Z", "2025-12-09T25:61:61Z", "NaN", "", "2025",
    "\u0662\u0660\u0662\u0665-01-01T00:00:00Z", "2025-12-09T10:00:00.9999999999Z", "1600-12-31T23:59:59Z",
    "2025-12-09T10:00:00" + "9" * 5000,
)
CHAR_CODES = ("D800", "DFFF", "DBFF", "0", "0000", "1F", "7F", "85", "FFFE", "FFFF", "110000", "FFFFFFFF",
              "F" * 5000, "-41", "\uff14\uff11", "\u00b2", "zz", "", "F020", "0041", "10FFFF")
TEXT = ("", " ", "\u202eevil", "x" * 5000, "\ud7ff", "مرحبا", "𝔘🙂", "<w:t>", "&amp;", "\t\n")
HOSTILE = NUMBERS + DATES[:4] + CHAR_CODES[:6] + TEXT

# Where a value is read: (element, attribute) -> the dictionary it draws from.
NUMERIC_VAL = ("ilvl", "numId", "gridSpan", "gridBefore", "gridAfter", "sz", "szCs", "start", "outlineLvl",
               "abstractNumId", "lvlRestart", "spacing", "kern", "position", "w", "ind", "vMerge", "pStyle",
               "numFmt", "lvlText", "lvlJc", "restart")
ATTRS: dict[str, tuple[str, ...]] = {
    "id": NUMBERS, "date": DATES, "author": TEXT + NUMBERS[:4], "char": CHAR_CODES, "font": TEXT,
    "abstractNumId": NUMBERS, "numId": NUMBERS, "ilvl": NUMBERS, "w": NUMBERS, "left": NUMBERS,
    "hanging": NUMBERS, "firstLine": NUMBERS, "styleId": TEXT + NUMBERS[:4], "val": HOSTILE,
}


def _raw_marker(rng: random.Random, raw: list[bytes]) -> str:
    """A placeholder for raw bytes (a control character, a lone surrogate) spliced in after serializing."""
    raw.append(rng.choice(RAW))
    return _PLACEHOLDER.format(len(raw) - 1)


def _hostile(rng: random.Random, pool: tuple[str, ...], raw: list[bytes]) -> str:
    """A value from `pool`, rarely with raw bytes lxml cannot write after it (the part is then malformed: most
    cases keep the XML sound, so that the values reach the code that reads them)."""
    if rng.random() < 0.01:
        return rng.choice(pool) + _raw_marker(rng, raw)
    return rng.choice(pool)


def _pool(el: etree._Element, name: str) -> tuple[str, ...]:
    local = etree.QName(name).localname
    if local == "val" and etree.QName(el).localname in NUMERIC_VAL:
        return NUMBERS
    return ATTRS.get(local, HOSTILE)


def v_value(rng: random.Random, root: etree._Element, raw: list[bytes]) -> str:
    """Replace one to twenty attribute values the reader interprets with hostile ones."""
    els = [el for el in _elements(root) if any(etree.QName(k).localname in ATTRS for k in el.attrib)]
    if not els:
        return ""
    done = []
    for el in rng.sample(els, min(len(els), rng.choice((1, 1, 3, 20)))):
        name = rng.choice([k for k in el.attrib if etree.QName(k).localname in ATTRS])
        value = _hostile(rng, _pool(el, name), raw)
        el.set(name, value)
        done.append(f"{etree.QName(el).localname}@{etree.QName(name).localname}={value[:16]!r}")
    return "value " + ", ".join(done)


def v_raw(rng: random.Random, root: etree._Element, raw: list[bytes]) -> str:
    """One attribute value with a control character or a lone surrogate's bytes in it (malformed XML)."""
    els = [el for el in _elements(root) if any(etree.QName(k).localname in ATTRS for k in el.attrib)]
    if not els:
        return ""
    el = rng.choice(els)
    name = rng.choice([k for k in el.attrib if etree.QName(k).localname in ATTRS])
    el.set(name, rng.choice(("", "1", "2025-01-01T00:00:00Z")) + _raw_marker(rng, raw))
    return f"raw bytes in {etree.QName(el).localname}@{etree.QName(name).localname} ({raw[-1]!r})"


def _w(parent: etree._Element, local: str, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, _W + local)
    for k, v in attrs.items():
        el.set(_W + k, v)
    return el


def v_inject(rng: random.Random, root: etree._Element, raw: list[bytes]) -> str:
    """Add an element that carries a hostile value where the fixture has none."""
    paras = [el for el in root.iter(_W + "p")]
    if not paras:
        return ""
    p = rng.choice(paras)
    kind = rng.randrange(6)
    num = lambda: _hostile(rng, NUMBERS, raw)  # noqa: E731
    if kind == 0:
        ppr = p.find(_W + "pPr")
        if ppr is None:
            ppr = etree.Element(_W + "pPr")
            p.insert(0, ppr)
        numpr = _w(ppr, "numPr")
        _w(numpr, "ilvl", val=num())
        _w(numpr, "numId", val=num())
        return f"inject numPr ilvl={numpr[0].get(_W + 'val', '')[:12]!r} numId={numpr[1].get(_W + 'val', '')[:12]!r}"
    if kind == 1:
        cells = list(root.iter(_W + "tc"))
        if not cells:
            return ""
        tc = rng.choice(cells)
        tcpr = tc.find(_W + "tcPr")
        if tcpr is None:
            tcpr = etree.Element(_W + "tcPr")
            tc.insert(0, tcpr)
        value = num()
        _w(tcpr, rng.choice(("gridSpan", "vMerge", "tcW")), val=value)
        return f"inject tcPr value {value[:12]!r}"
    if kind == 2:
        rows = list(root.iter(_W + "tr"))
        if not rows:
            return ""
        tr = rng.choice(rows)
        trpr = tr.find(_W + "trPr")
        if trpr is None:
            trpr = etree.Element(_W + "trPr")
            tr.insert(0, trpr)
        value = num()
        _w(trpr, rng.choice(("gridBefore", "gridAfter")), val=value)
        return f"inject trPr grid value {value[:12]!r}"
    if kind == 3:
        r = _w(p, "r")
        char = _hostile(rng, CHAR_CODES, raw)
        _w(r, "sym", font=rng.choice(("Symbol", "Wingdings", "")), char=char)
        return f"inject sym char={char[:12]!r}"
    if kind == 4:
        rev = _w(p, rng.choice(("ins", "del", "moveFrom", "moveTo")), id=num(), author=_hostile(rng, TEXT, raw),
                 date=_hostile(rng, DATES, raw))
        r = _w(rev, "r")
        _w(r, "delText" if rev.tag.endswith("del") or rev.tag.endswith("From") else "t").text = "fuzz"
        return f"inject <{etree.QName(rev).localname}> id={rev.get(_W + 'id', '')[:12]!r}"
    runs = [el for el in p.iter(_W + "r")]
    if not runs:
        return ""
    rpr = runs[0].find(_W + "rPr")
    if rpr is None:
        rpr = etree.Element(_W + "rPr")
        runs[0].insert(0, rpr)
    value = num()
    _w(rpr, rng.choice(("sz", "szCs", "kern", "position", "spacing", "w")), val=value)
    return f"inject rPr value {value[:12]!r}"


NESTERS = ("sdt", "hyperlink", "ins", "del", "smartTag", "customXml", "fldSimple")
DEPTHS = (2, 10, 60, 100, 120, 250, 3000)  # the reader refuses more than 128 levels


def v_nest(rng: random.Random, root: etree._Element, raw: list[bytes]) -> str:
    """Wrap a run or a paragraph in N copies of one wrapper (w:sdt/w:sdtContent, w:hyperlink, w:ins, …)."""
    runs = list(root.iter(_W + "r"))
    paras = list(root.iter(_W + "p"))
    pool = runs if runs and (rng.random() < 0.6 or not paras) else paras
    if not pool:
        return ""
    el = rng.choice(pool)
    parent = el.getparent()
    if parent is None:
        return ""
    kind, depth = rng.choice(NESTERS), rng.choice(DEPTHS)
    where = parent.index(el)
    outer: etree._Element | None = None
    inner: etree._Element | None = None
    for n in range(depth):
        wrapper = etree.Element(_W + kind)
        if kind in ("ins", "del"):
            wrapper.set(_W + "id", str(n + 90000))
            wrapper.set(_W + "author", "Fuzz")
            wrapper.set(_W + "date", "2025-01-01T00:00:00Z")
        if kind == "fldSimple":
            wrapper.set(_W + "instr", "PAGE")
        holder = etree.SubElement(wrapper, _W + "sdtContent") if kind == "sdt" else wrapper
        if inner is None:
            outer = wrapper
        else:
            inner.append(wrapper)
        inner = holder
    assert outer is not None and inner is not None
    parent.remove(el)
    inner.append(el)
    parent.insert(where, outer)
    return f"nest <{etree.QName(el).localname}> in {depth} x <{kind}>"


VALUE_MUTATIONS: tuple[Callable[[random.Random, etree._Element, list[bytes]], str], ...] = (
    v_value, v_value, v_value, v_value, v_inject, v_inject, v_inject, v_nest, v_nest, v_raw,
)


def _serialize(root: etree._Element, raw: list[bytes]) -> bytes:
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    for n, blob in enumerate(raw):
        data = data.replace(_PLACEHOLDER.format(n).encode(), blob)
    return data


def mutate_values(path: Path, case_seed: int) -> tuple[bytes, list[str]]:
    """The fixture with hostile values for one case (fuzz_reader.Mutator), and what was done to it."""
    rng = random.Random(case_seed)
    loaded = load_entries(path)
    if isinstance(loaded, bytes):
        return loaded, ["not a zip: read as it is"]
    sample = Sample([Entry(e.name, e.data, e.compress_type) for e in loaded])
    parts = [e for e in sample.entries if e.name in PARTS]
    if not parts:
        return sample.to_bytes(), ["no document, styles or numbering part: read as it is"]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    trees: dict[str, tuple[Entry, etree._Element, list[bytes]]] = {}
    for _ in range(rng.choice((1, 1, 2, 3, 4))):
        main_part = [e for e in parts if e.name == "word/document.xml"]
        entry = main_part[0] if main_part and rng.random() < 0.6 else rng.choice(parts)
        if entry.name not in trees:
            try:
                trees[entry.name] = (entry, etree.fromstring(entry.data, parser), [])
            except etree.XMLSyntaxError:
                continue
        _, root, raw = trees[entry.name]
        what = rng.choice(VALUE_MUTATIONS)(rng, root, raw)
        if what:
            sample.log.append(f"{entry.name}: {what}")
    for entry, root, raw in trees.values():
        entry.data = _serialize(root, raw)
    return sample.to_bytes(), sample.log or ["no value changed"]


# --------------------------------------------------------------------------------------------
# Paths that are not regular files (where the harness passes a path)


@contextmanager
def _special(kind: str, folder: Path) -> Iterator[Path]:
    if kind == "fifo":
        path = folder / "pipe.docx"
        os.mkfifo(path)
        yield path
    elif kind == "devnull":
        yield Path(os.devnull)
    elif kind == "directory":
        path = folder / "folder.docx"
        path.mkdir()
        yield path
    elif kind == "devzero":
        path = folder / "zero.docx"
        path.symlink_to("/dev/zero")
        yield path
    elif kind == "dangling":
        path = folder / "gone.docx"
        path.symlink_to(folder / "nothing-here")
        yield path
    else:
        raise ValueError(kind)


SPECIAL = ("fifo", "devnull", "directory", "devzero", "dangling")


def special_path_cases() -> list[str]:
    """Read each special path through the entry points that take paths; returns what escaped that is not our
    typed error (or was read as a draft: none of them is a document). Each read runs under the case time limit."""
    from docx_io.incoming import read_incoming
    from docx_io.package import read_package
    from docx_io.reader import read_draft
    from tests.fuzz.fuzz_reader import CASE_TIMEOUT, Hang, time_limit

    readers: dict[str, Callable[[Path], object]] = {
        "read_draft": read_draft, "read_incoming": lambda p: read_incoming(read_package(p)),
    }
    bad: list[str] = []
    with tempfile.TemporaryDirectory(prefix="redline-fuzz-") as work:
        for kind in SPECIAL:
            for name, read in readers.items():
                with tempfile.TemporaryDirectory(dir=work) as case, _special(kind, Path(case)) as path:
                    try:
                        with time_limit(CASE_TIMEOUT):
                            read(path)
                        bad.append(f"{kind} via {name}: read without an error")
                    except RedlineDeskError:
                        pass
                    except (Exception, Hang) as exc:
                        bad.append(f"{kind} via {name}: {type(exc).__name__}: {str(exc)[:200]}")
    return bad


if __name__ == "__main__":
    sys.exit(main(mutator=mutate_values, target="fuzz_values", doc=__doc__))

