"""The committed sample drafts: what resources/build/build_samples.py builds, and what they contain."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from docx_io.ns import qn
from resources.build.build_samples import L41_DOCX, REV2_DOCX, SAMPLES, build_all
from resources.build.rev2_excerpt import SEED_REDLINES, rev2_text, struck_texts

REV2_LABELS = ["64", "65", "66", "82", "83", "84", "85", "86", "87", "88", "89", "90", "91", "98", "99",
               "100", "101", "102", "103", "104"]


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    build_all(out)
    return out


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def _labelled(path: Path) -> list[tuple[str, str]]:
    """(label, body) of paragraphs whose text starts "N.<TAB>", read with python-docx."""
    out = []
    for para in docx.Document(str(path)).paragraphs:
        m = re.match(r"(\d+(?: bis)?)\.\t(.*)", para.text, re.S)
        if m:
            out.append((m.group(1), m.group(2)))
    return out


@pytest.mark.parametrize("name", [L41_DOCX, REV2_DOCX])
def test_committed_sample_is_what_the_script_builds(rebuilt: Path, name: str) -> None:
    committed, fresh = _parts(SAMPLES / name), _parts(rebuilt / name)
    assert committed["word/document.xml"] == fresh["word/document.xml"], (
        f"{name} is stale: run `python -m resources.build.build_samples` and commit the result")
    assert committed == fresh
    # Same members, order and fixed times; compressed bytes are compared in test_build_is_deterministic
    # only, since another zlib may deflate the same part differently.
    with zipfile.ZipFile(SAMPLES / name) as a, zipfile.ZipFile(rebuilt / name) as b:
        assert [(i.filename, i.date_time) for i in a.infolist()] == [(i.filename, i.date_time) for i in b.infolist()]


def test_build_is_deterministic(rebuilt: Path, tmp_path: Path) -> None:
    build_all(tmp_path)
    for name in (L41_DOCX, REV2_DOCX):
        assert (tmp_path / name).read_bytes() == (rebuilt / name).read_bytes()
        with zipfile.ZipFile(tmp_path / name) as zf:
            assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_l41_has_127_numbered_paragraphs_in_order() -> None:
    labels = [label for label, _ in _labelled(SAMPLES / L41_DOCX)]
    assert labels == [str(n) for n in range(1, 128)]


def test_l41_front_page_and_footnotes() -> None:
    document = docx.Document(str(SAMPLES / L41_DOCX))
    texts = [p.text for p in document.paragraphs]
    assert texts[:4] == ["Eightieth session", "Agenda item 15",
                         "Information and communications technologies for sustainable development",
                         "\t\tDraft resolution submitted by the President of the General Assembly"]
    assert "\tThe General Assembly" in texts
    assert any(t.startswith("\t\tOutcome document of the high-level meeting") for t in texts)
    assert sum(t == "\t\tArtificial intelligence" for t in texts) == 1
    parts = _parts(SAMPLES / L41_DOCX)
    notes = etree.fromstring(parts["word/footnotes.xml"])
    real = [n for n in notes.findall(qn("w:footnote")) if n.get(qn("w:type")) is None]
    assert [n.get(qn("w:id")) for n in real] == [str(i) for i in range(1, 13)]
    body = etree.fromstring(parts["word/document.xml"])
    assert len(body.findall(f".//{qn('w:footnoteReference')}")) == 12
    header = b"".join(v for k, v in parts.items() if k.startswith("word/header"))
    for text in (b"United Nations", b"General Assembly", b"Distr.: Limited", b"16 December 2025",
                 b"Original: English", b"/80/L.41"):
        assert text in header


def test_rev2_excerpt_has_the_seed_paragraphs_as_rev2_read_them() -> None:
    paragraphs = dict(_labelled(SAMPLES / REV2_DOCX))
    assert list(paragraphs) == REV2_LABELS
    for label, redline in SEED_REDLINES.items():
        assert paragraphs[label] == rev2_text(redline)
        for struck in struck_texts(redline):
            assert struck in paragraphs[label], (label, struck)
    assert "to establish consider the establishment of a task force" in paragraphs["66"]
    assert "micro-, small" in paragraphs["84"] and "WSIS Forum" not in paragraphs["84"]
    assert "multi-stakeholder mechanisms to support artificial intelligence capacity building" in paragraphs["84"]
    assert paragraphs["88"].startswith("We reaffirm the description of Internet governance")
    assert "working definition" not in paragraphs["88"]
    assert paragraphs["89"].startswith("We reaffirm that Internet governance must continue")
    assert paragraphs["103"].startswith("We call for the strengthening of the Secretariat")
    assert paragraphs["83"].startswith("We note the approaches to international governance of artificial")
