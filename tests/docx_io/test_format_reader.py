"""Incoming tracked formatting changes: every body w:rPrChange / w:pPrChange of the real fixtures is read with
its author or counted as unread (reported by the merge), none lost; and a merge reports, keeps and attributes them."""

from __future__ import annotations

import csv
import json
import zipfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from app.wiring.apply import compare_files
from app.wiring.merging import merge_files
from docx_io.format_reader import read_format_changes
from docx_io.ns import qn
from docx_io.package import read_package
from tests.docx_io.test_format_revisions import DATE, make

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "redlines"


def _formatted_fixtures() -> list[str]:
    manifest = FIXTURES / "MANIFEST.tsv"
    if not manifest.exists():
        return []
    with manifest.open(encoding="utf-8") as f:
        return [r["path"] for r in csv.DictReader(f, delimiter="\t")
                if int(r["rPrChange"] or 0) + int(r["pPrChange"] or 0) and r["notes"].startswith("redline")]


@pytest.mark.parametrize("rel", _formatted_fixtures())
def test_every_body_format_change_is_read_or_counted(rel: str) -> None:
    pkg = read_package(FIXTURES / rel)
    unread: Counter[str] = Counter()
    read = [f for fs in read_format_changes(pkg, unread).values() for f in fs]
    body = pkg.xml(pkg.main_part)
    authors = {el.get(qn("w:author")) or "" for el in body.iter(qn("w:rPrChange"), qn("w:pPrChange"))}
    assert {f.author for f in read} | set(unread) == authors
    assert all(f.start <= f.end for f in read)


def test_merge_reports_and_keeps_format_changes_by_author(tmp_path: Path) -> None:
    base = make(tmp_path / "base.docx")
    redline = tmp_path / "g77.docx"
    compare_files(base, make(tmp_path / "new.docx", bold=True, style="Heading 1"), redline, "G77", DATE)
    out, report = tmp_path / "merged.docx", tmp_path / "report.json"
    merge_files(base, [str(redline)], out, form="full", date=datetime(2026, 1, 1, tzinfo=UTC), report=report)
    data = json.loads(report.read_text(encoding="utf-8"))
    entries = data if isinstance(data, list) else data["entries"]
    formats = [e for e in entries if e["kind"] == "format"]
    assert {(e["author"], e["status"]) for e in formats} == {("G77", "applied")}
    assert any("bold on" in e["change"] and "strongly" in e["change"] for e in formats)
    assert any("paragraph style Heading1" in e["change"] for e in formats)
    with zipfile.ZipFile(out) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    changes = [*root.iter(qn("w:rPrChange")), *root.iter(qn("w:pPrChange"))]
    assert len(changes) == 2 and {c.get(qn("w:author")) for c in changes} == {"G77"}
    assert {c.get(qn("w:date")) for c in changes} == {"2025-12-09T00:00:00Z"}
