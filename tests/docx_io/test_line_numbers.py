"""`apply --form amendments --line-numbers`: the submission's section numbers its lines, restarting per page."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from app.errors import AmendmentError
from app.resources import REV2_EXCERPT, SAMPLES
from app.wiring.apply import apply_amendments
from docx_io.line_numbers import number_lines
from docx_io.ns import qn

DATE = datetime(2025, 12, 9, 12, 0, tzinfo=UTC)


def _sections(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return list(root.iter(qn("w:sectPr")))


def _submission(tmp_path: Path, line_numbers: bool) -> Path:
    out = tmp_path / "submission.docx"
    apply_amendments(REV2_EXCERPT, SAMPLES / "imsb_rev2_amendments.md", out, form="amendments", author="",
                     organisation="IMSB", date=DATE, line_numbers=line_numbers)
    return out


def test_the_body_section_numbers_lines_restarting_each_page(tmp_path: Path) -> None:
    last = _sections(_submission(tmp_path, True))[-1]
    ln = last.find(qn("w:lnNumType"))
    assert ln is not None
    assert ln.get(qn("w:countBy")) == "1" and ln.get(qn("w:restart")) == "newPage"
    # Schema order: after the page margins, before the columns and the title page switch.
    tags = [etree.QName(c).localname for c in last]
    assert tags.index("lnNumType") > tags.index("pgMar")
    assert all(tags.index("lnNumType") < tags.index(t) for t in ("cols", "docGrid") if t in tags)


def test_without_the_option_no_section_numbers_lines(tmp_path: Path) -> None:
    assert all(s.find(qn("w:lnNumType")) is None for s in _sections(_submission(tmp_path, False)))


def test_numbering_twice_leaves_one_element() -> None:
    sect = etree.Element(qn("w:sectPr"))
    etree.SubElement(sect, qn("w:pgMar"))
    etree.SubElement(sect, qn("w:cols"))
    number_lines(sect)
    number_lines(sect)
    assert [etree.QName(c).localname for c in sect] == ["pgMar", "lnNumType", "cols"]


def test_other_forms_refuse_the_option(tmp_path: Path) -> None:
    with pytest.raises(AmendmentError, match="--line-numbers"):
        apply_amendments(REV2_EXCERPT, SAMPLES / "imsb_rev2_amendments.md", tmp_path / "full.docx", form="full",
                         author="", organisation="IMSB", date=DATE, line_numbers=True)
