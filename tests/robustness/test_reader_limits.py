"""docx_io.package in-process: every hostile file is a DocumentError of one line, bombs are refused
before a single part is inflated, and each limit (lowered here) is enforced."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import docx_io.package as package
from app.errors import DocumentError
from app.wiring.session import Session
from tests.robustness import hostile
from tests.robustness.test_bad_docx_cli import CASES

pytestmark = pytest.mark.own_structure_check  # the inputs are damaged on purpose


def _no_inflating(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, reading any part's data fails the test: refusals must come from the zip's directory."""
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("a part was inflated")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)


@pytest.mark.parametrize("case", [c for c in CASES if c != "actual_bomb_300mb_zeros"])
def test_every_hostile_file_is_one_typed_line(case: str, tmp_path: Path) -> None:
    build, needles = CASES[case]
    path = build(tmp_path / f"{case}.docx")
    with pytest.raises(DocumentError) as info:
        Session.open_draft(path)  # what the GUI does
    message = str(info.value)
    assert "\n" not in message and len(message) < 400
    assert all(n.lower() in message.lower() for n in needles), message


@pytest.mark.parametrize("build", [
    hostile.declared_huge,
    lambda p: hostile.declared_total(p, 3, 100 * 2**20),
    lambda p: hostile.real_bomb(p, 20 * 2**20),
    lambda p: hostile.many_small_bombs(p, 20, 9 * 2**20),
    lambda p: hostile.unsafe_entry(p, "../x.xml"),
])
def test_bombs_and_unsafe_names_are_refused_before_inflating(build: Any, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = build(tmp_path / "bad.docx")
    _no_inflating(monkeypatch)
    with pytest.raises(DocumentError):
        package.read_package(path)


def test_sound_file_reads_once_the_guard_is_off(tmp_path: Path) -> None:
    assert package.read_package(hostile.base_docx(tmp_path / "ok.docx")).main_part == "word/document.xml"


@pytest.mark.parametrize("limit,value,needle", [
    ("MAX_ENTRIES", 5, "parts, past the 5 limit"),
    ("MAX_PART_BYTES", 1000, "past the 1000 limit"),
    ("MAX_TOTAL_BYTES", 5000, "in all, past the 5000 limit"),
    ("MAX_XML_PART_BYTES", 500, "too large"),
    ("MAX_XML_MARKUP", 10, "too large"),
    ("MAX_PARAGRAPHS", 1, "2 paragraphs, past the 1"),
])
def test_each_limit_is_enforced(limit: str, value: int, needle: str, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = hostile.base_docx(tmp_path / "ok.docx")
    monkeypatch.setattr(package, limit, value)
    with pytest.raises(DocumentError, match=needle) as info:
        Session.open_draft(path)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be"])
def test_a_doctype_is_found_in_any_encoding(encoding: str) -> None:
    text = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'
    assert package.has_doctype(text.encode(encoding))
    assert not package.has_doctype("<a>DOCTYPE</a>".encode(encoding))


def test_parse_xml_never_expands_an_entity() -> None:
    laughs = hostile.ENTITY_ATTACKS["billion_laughs"]
    with pytest.raises(DocumentError, match="DOCTYPE"):
        package.parse_xml(b'<?xml version="1.0"?>' + laughs.replace(b"w:document", b"a") + b"<a>&lol9;</a>", "x")


def test_the_parser_itself_resolves_nothing() -> None:
    """Even past the DOCTYPE check, the shared parser loads no DTD, resolves no entity, opens no URL."""
    data = b'<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>'
    root = etree.fromstring(data, package.XML_PARSER)
    assert "root:" not in etree.tostring(root).decode()


def test_legacy_and_encrypted_are_told_apart(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"legacy Word 97-2003 \.doc file; open it in Word or LibreOffice and save"):
        package.read_package(hostile.legacy_doc(tmp_path / "old.doc"))
    with pytest.raises(DocumentError, match=r"password-protected \.docx; remove the password"):
        package.read_package(hostile.encrypted_docx(tmp_path / "secret.docx"))
