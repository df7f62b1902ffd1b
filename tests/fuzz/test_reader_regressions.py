"""Crashes the .docx fuzz target (tests/fuzz/fuzz_reader.py) found, each rebuilt from a generated document
and a minimal mutation recipe: every one is now a typed error with one line (or a file read as usual)."""

from __future__ import annotations

import struct
import warnings
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from app.errors import DocumentError
from app.plan import Attribution, ModifyParagraph, RedlinePlan
from app.segments import Op, Segment
from app.wiring.cli import main
from docx_io.incoming import read_incoming
from docx_io.package import read_package
from docx_io.reader import draft_from_package
from docx_io.redline_writer import write_redline
from docx_io.revision_reader import read_revisions
from docx_io.revision_views import accepted_text, rejected_text
from tests.docx_io.docx_factory import add_revision_paragraph, make_docx

# The files these tests leave in tmp_path are damaged on purpose.
pytestmark = pytest.mark.own_structure_check

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
BY = Attribution("Fuzz", datetime(2025, 1, 1, tzinfo=UTC))


def base_docx(folder: Path) -> Path:
    plain = make_docx(folder / "plain.docx", ["1.\tWe reaffirm the Tunis Agenda.", "2.\tWe note the work."])
    return add_revision_paragraph(plain, folder / "base.docx", "3.\tWe ", "strongly ", "firmly ", "Ana")


def rezip(src: Path, out: Path, *, change: Callable[[str, bytes], bytes | None] | None = None,
          extra: tuple[tuple[str, bytes], ...] = (), method: dict[str, int] | None = None) -> Path:
    """Copy a zip entry by entry: `change` may rewrite (or, returning None, drop) an entry, `extra`
    adds entries (duplicate names allowed), `method` sets an entry's compression."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data: bytes | None = zin.read(info)
            if change is not None:
                data = change(info.filename, data)
            if data is None:
                continue
            new = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            new.compress_type = (method or {}).get(info.filename, zipfile.ZIP_DEFLATED)
            zout.writestr(new, data)
        for name, data in extra:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "Duplicate name": the point of the recipe
                zout.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return out


def assert_refused(path: Path, words: str, capsys: pytest.CaptureFixture[str]) -> None:
    """read_package refuses with one line naming the file; `show` exits 1 with one line on stderr."""
    with pytest.raises(DocumentError) as info:
        read_package(path)
    message = str(info.value)
    assert words in message and path.name in message and "\n" not in message
    assert main(["show", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err


def read_everything(path: Path, out: Path) -> None:
    """The fuzz target's read path: nothing may raise."""
    pkg = read_package(path)
    draft = draft_from_package(pkg)
    read_revisions(pkg)
    accepted_text(pkg)
    rejected_text(pkg)
    read_incoming(pkg)
    write_redline(pkg, RedlinePlan(), out.with_name("none.docx"))
    para = draft.paragraphs[0]
    write_redline(pkg, RedlinePlan([ModifyParagraph(para.anchor, [Segment(Op.EQUAL, para.text),
                                                                  Segment(Op.INSERT, " Fuzz.")], BY)]), out)
    assert draft_from_package(read_package(out)).paragraphs[0].text == para.text + " Fuzz."


def test_corrupt_deflate_stream_is_a_damaged_zip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """zlib.error ("invalid block type") escaped read_package. Recipe: the first byte of
    word/document.xml's compressed data set to 0xFF (a reserved deflate block type)."""
    path = rezip(base_docx(tmp_path), tmp_path / "corrupt.docx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    data[info.header_offset + 30 + name_len + extra_len] = 0xFF
    path.write_bytes(bytes(data))
    assert_refused(path, "damaged zip package", capsys)


def test_entry_flagged_encrypted_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """RuntimeError ("password required for extraction") escaped read_package. Recipe: bit 0 of the
    general-purpose flags of one central-directory record set."""
    path = rezip(base_docx(tmp_path), tmp_path / "flagged.docx")
    data = bytearray(path.read_bytes())
    record = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, record + 8, struct.unpack_from("<H", data, record + 8)[0] | 1)
    path.write_bytes(bytes(data))
    assert_refused(path, "is encrypted", capsys)


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_compression_word_never_writes_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], method: int
) -> None:
    """lzma.LZMAError ("Corrupt input data") escaped read_package on a damaged LZMA entry. Recipe: an entry
    stored with LZMA (or bzip2), which a .docx never uses: refused before inflating anything."""
    path = rezip(base_docx(tmp_path), tmp_path / "method.docx", method={"word/document.xml": method})
    assert_refused(path, f"compression method {method}", capsys)


@pytest.mark.parametrize("twin", ["word/document.xml", "WORD/Document.xml"])
def test_duplicate_entries_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], twin: str) -> None:
    """A name twice made write_redline copy the later entry's content under both (and zipfile warn
    "Duplicate name"); readers differ on which copy counts. Recipe: a second entry of the same name
    (or the same name in other case: part names ignore case)."""
    path = rezip(base_docx(tmp_path), tmp_path / "twice.docx", extra=((twin, b"<x/>"),))
    assert_refused(path, "appears twice", capsys)


@pytest.mark.parametrize("dropped", ["word/styles.xml", "word/numbering.xml", "word/settings.xml",
                                     "word/fontTable.xml"])
def test_relationship_to_a_missing_part_is_ignored(tmp_path: Path, dropped: str) -> None:
    """KeyError ('word/styles.xml') escaped draft_from_package: the relationship to a part the zip lacks
    was followed. Recipe: drop the part, keep its relationship and content type."""
    base = base_docx(tmp_path)
    path = rezip(base, tmp_path / "missing.docx", change=lambda name, data: None if name == dropped else data)
    pkg = read_package(path)
    assert not pkg.has(dropped)
    assert pkg.related(pkg.main_part, "/" + Path(dropped).stem) is None
    read_everything(path, tmp_path / "out.docx")
    assert accepted_text(read_package(path)) == accepted_text(read_package(base))


def test_attribute_in_strict_and_transitional_names_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """lxml's XMLSyntaxError ("Namespaced Attribute … redefined") escaped parse_xml when a Strict part's
    names were renamed to transitional ones. Recipe: one element with w:rsidR in both namespaces."""
    def both(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        root = etree.fromstring(data)
        p = root.find(f".//{{{W}}}p")
        assert p is not None
        p.set(f"{{{W_STRICT}}}rsidR", "00000001")
        p.set(f"{{{W}}}rsidR", "00000002")
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    path = rezip(base_docx(tmp_path), tmp_path / "mixed.docx", change=both)
    pkg = read_package(path)
    with pytest.raises(DocumentError, match="mixes Strict and transitional") as info:
        draft_from_package(pkg)
    assert path.name in str(info.value) and "\n" not in str(info.value)
    assert main(["show", str(path)]) == 1
    assert "mixes Strict and transitional" in capsys.readouterr().err
