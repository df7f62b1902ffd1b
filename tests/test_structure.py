"""tests/structure.py: the structural check finds each problem it names, and passes our own output."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.resources import REV2_EXCERPT
from app.wiring.apply import apply_amendments
from tests.structure import problems

AMENDMENTS = "88. We reaffirm the ~~description~~ **working definition** of Internet governance in the Tunis Agenda " \
    "for the Information Society, as the development and application by governments, the private sector and civil " \
    "society, in their respective roles, of shared principles, norms, rules, decision-making procedures, and " \
    "programmes that shape the evolution and use of the Internet.\n"


@pytest.fixture
def redline(tmp_path: Path) -> Path:
    source = tmp_path / "a.md"
    source.write_text(AMENDMENTS, encoding="utf-8")
    out = tmp_path / "full.docx"
    apply_amendments(REV2_EXCERPT, source, out, form="full", author="EU", organisation="", date=datetime.now(UTC))
    return out


def _rewrite(path: Path, out: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info, data)
    return out


def test_our_redline_is_sound(redline: Path) -> None:
    assert problems(redline) == []


CASES: dict[str, tuple[Callable[[str, bytes], bytes | None], str]] = {
    "duplicate id": (lambda n, d: d.replace(b'w:id="2"', b'w:id="1"') if n == "word/document.xml" else d,
                     "revision id 1 used twice"),
    "delText in an insertion": (
        lambda n, d: d.replace(b'<w:t xml:space="preserve">working definition</w:t>',
                               b'<w:delText xml:space="preserve">working definition</w:delText>')
        if n == "word/document.xml" else d, "w:delText outside a deletion"),
    "t in a deletion": (
        lambda n, d: d.replace(b'<w:delText xml:space="preserve">description</w:delText>',
                               b'<w:t xml:space="preserve">description</w:t>')
        if n == "word/document.xml" else d, "w:t inside a deletion"),
    "missing part": (lambda n, d: None if n == "word/styles.xml" else d, "points to absent part word/styles.xml"),
    "no content type": (lambda n, d: d.replace(b'Extension="xml"', b'Extension="xmlx"')
                        if n == "[Content_Types].xml" else d, "no content type"),
}


@pytest.mark.own_structure_check
@pytest.mark.parametrize("case", CASES)
def test_each_problem_is_found(redline: Path, tmp_path: Path, case: str) -> None:
    change, expected = CASES[case]
    broken = _rewrite(redline, tmp_path / "broken.docx", change)
    assert any(expected in p for p in problems(broken)), problems(broken)


@pytest.mark.own_structure_check
def test_a_deletion_nested_in_another_authors_insertion_is_found(redline: Path, tmp_path: Path) -> None:
    def nest(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        return data.replace(b"<w:del ", b'<w:ins w:id="990" w:author="US"><w:del ', 1).replace(
            b"</w:del>", b"</w:del></w:ins>", 1)

    broken = _rewrite(redline, tmp_path / "nested.docx", nest)
    assert any("a deletion by 'EU' nested in an insertion by 'US'" in p for p in problems(broken)), problems(broken)
