"""Cheap correctness checks on the benchmark's outputs: revision counts, accept-all and reject-all views."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from docx_io.accept import accept_all
from docx_io.ns import W
from docx_io.package import read_package
from docx_io.paragraphs import body_of, iter_block_paragraphs
from docx_io.reader import draft_from_package

_W = f"{{{W}}}"
_INSERTED = (_W + "ins", _W + "moveTo")
_SKIP = (_W + "pPr", _W + "rPr")


def revision_count(path: Path) -> dict[str, int]:
    """w:ins and w:del elements in the main part (paragraph-mark revisions included)."""
    pkg = read_package(path)
    doc = pkg.xml(pkg.main_part)
    ins = sum(1 for _ in doc.iter(_W + "ins"))
    dels = sum(1 for _ in doc.iter(_W + "del"))
    return {"ins": ins, "del": dels, "total": ins + dels}


def paragraph_marks(path: Path) -> dict[str, int]:
    """Paragraphs inserted or deleted whole (an inserted / deleted paragraph mark)."""
    pkg = read_package(path)
    body = body_of(pkg.xml(pkg.main_part))
    counts = {"inserted": 0, "deleted": 0}
    for p, _ in iter_block_paragraphs(body) if body is not None else ():
        mark = p.find(f"{_W}pPr/{_W}rPr")
        if mark is not None:
            counts["inserted"] += any(el.tag in _INSERTED for el in mark)
            counts["deleted"] += any(el.tag in (_W + "del", _W + "moveFrom") for el in mark)
    return counts


def reader_texts(path: Path) -> list[str]:
    """Paragraph texts as docx_io's reader sees them (tracked changes read as accepted)."""
    return [p.text for p in draft_from_package(read_package(path)).paragraphs]


def accepted_texts(path: Path) -> list[str]:
    """Paragraph texts after docx_io.accept.accept_all on the main part, read back with the reader."""
    pkg = read_package(path)
    accept_all(pkg.xml(pkg.main_part))  # the parsed tree is cached: the reader sees the accepted one
    return [p.text for p in draft_from_package(pkg).paragraphs]


def rejected_texts(path: Path) -> list[str]:
    """Paragraph texts with every tracked change rejected (independent of docx_io's writer):
    inserted text dropped, deleted text kept, a paragraph whose mark was inserted joined to the next."""
    pkg = read_package(path)
    body = body_of(pkg.xml(pkg.main_part))
    out: list[str] = []
    pending = ""
    if body is None:
        return out
    for p, _ in iter_block_paragraphs(body):
        text = pending + "".join(_rejected(p))
        mark = p.find(f"{_W}pPr/{_W}rPr")
        if mark is not None and any(el.tag in _INSERTED for el in mark):
            pending = text
            continue
        out.append(text)
        pending = ""
    if pending:
        out.append(pending)
    return out


def _rejected(el: etree._Element) -> Iterator[str]:
    for child in el:
        tag = child.tag
        if tag in _INSERTED or tag in _SKIP:
            continue
        if tag in (_W + "t", _W + "delText"):
            yield child.text or ""
        elif tag == _W + "tab":
            yield "\t"
        elif tag in (_W + "br", _W + "cr"):
            yield "\n"
        else:
            yield from _rejected(child)


def first_difference(got: list[str], want: list[str]) -> str:
    """'' when equal, else how many paragraphs differ and the first of them."""
    if got == want:
        return ""
    if len(got) != len(want):
        return f"{len(got)} paragraphs, want {len(want)}"
    bad = [i for i, (a, b) in enumerate(zip(got, want, strict=True)) if a != b]
    i = bad[0]
    return f"{len(bad)} paragraphs differ; first, paragraph {i}: got {got[i][:70]!r}, want {want[i][:70]!r}"


# ----- merge -----

def revisions_by_author(path: Path) -> dict[tuple[str, str], list[str]]:
    """(author, "insert" | "delete") -> texts of the body's text revisions (docx_io.revision_reader);
    a change credited to several authors ("A; B") is listed under each of them."""
    from docx_io.revision_reader import read_revisions

    out: dict[tuple[str, str], list[str]] = {}
    for rev in read_revisions(read_package(path)).revisions:
        if rev.story != "body" or rev.kind not in ("insert", "delete"):
            continue
        for author in rev.author.split("; "):
            out.setdefault((author, rev.kind), []).append(rev.text)
    return out


def missing_pieces(expected: list[dict[str, Any]], found: dict[tuple[str, str], list[str]]) -> list[str]:
    """Each redline's expected revisions (bench.redlines.Proposal.pieces) not in `found` with its author."""
    missing: list[str] = []
    for redline in expected:
        author = redline["author"]
        for proposal in redline["proposals"]:
            for kind, text in proposal["pieces"]:
                if not any(text in got for got in found.get((author, kind), ())):
                    missing.append(f"{author}, para {proposal['label']}: {kind} {text[:40]!r}")
    return missing


def report_differences(expected: list[dict[str, Any]], report: list[dict[str, Any]]) -> list[str]:
    """Files whose report lines differ from their expected changes, by (kind, status)."""
    got: dict[str, Counter[tuple[str, str]]] = {}
    for line in report:
        got.setdefault(line["file"], Counter())[(line["kind"], line["status"])] += 1
    out: list[str] = []
    for redline in expected:
        want = Counter((p["kind"], p["status"]) for p in redline["proposals"])
        have = got.pop(redline["file"], Counter())
        if have != want:
            out.append(f"{redline['file']}: {dict(have)}, want {dict(want)}")
    out += [f"{name}: not a generated redline" for name in got]
    return out
