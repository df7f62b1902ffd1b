"""docx_io.un_document: UN styles, page set-up, masthead, typed labels, footnotes, deterministic output."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from app.model import Formatting, Run
from docx_io.ns import qn
from docx_io.un_document import Block, UNDocument, label_prefix

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _sample() -> UNDocument:
    doc = UNDocument("A/80/L.41", "16 December 2025", session="Eightieth session", agenda="Agenda item 15",
                     agenda_title="Information and communications technologies for sustainable development")
    sponsor = "Draft resolution submitted by the President of the General Assembly"
    doc.add_block(Block("sponsor", [Run(sponsor)]))
    doc.add_block(Block("text", [Run("Recalling", Formatting(italic=True)), Run(" its resolution 70/125,")]))
    doc.add_block(Block("subheading", [Run("Financial mechanisms")]))
    p = doc.add_block(Block("paragraph", [Run("We invite the Secretary-General;")], "66"))
    doc.add_footnote(p, "Resolution 79/323, annex.")
    doc.add_block(Block("paragraph", [Run("We recognise the work:")], "83 bis"))
    doc.add_block(Block("subparagraph", [Run("Of the Forum;")], "(a)"))
    return doc


def _parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: etree.fromstring(zf.read(n)) for n in zf.namelist() if n.endswith((".xml", ".rels"))}


def _style(styles: etree._Element, sid: str) -> etree._Element:
    found = styles.find(f"{W}style[@{W}styleId='{sid}']")
    assert found is not None, sid
    return found


def _text(el: etree._Element) -> str:
    return "".join(t for t in el.itertext() if isinstance(t, str))


def _val(el: etree._Element, path: str, attr: str = "val") -> str | None:
    """w:<attr> of the element at a w:-prefixed path below el."""
    found = el.find("/".join(f"{W}{step}" for step in path.split("/")))
    return None if found is None else found.get(f"{W}{attr}")


def test_styles_carry_un_names_ids_and_measured_values() -> None:
    styles = _parts(_sample().to_bytes())["word/styles.xml"]
    names = {s.get(f"{W}styleId"): _val(s, "name") for s in styles.iter(f"{W}style")}
    for sid, name in (("SingleTxt", "__Single Txt"), ("HCh", "_ H _Ch"), ("H1", "_ H_1"), ("H23", "_ H_2/3"),
                      ("H4", "_ H_4"), ("Sponsors", "Sponsors"), ("Title_H1", "Title_H1"),
                      ("Session", "Session"), ("FootnoteText", "footnote text"),
                      ("FootnoteReference", "footnote reference")):
        assert names[sid] == name
    normal = _style(styles, "Normal")
    assert normal.find(f"{W}pPr/{W}suppressAutoHyphens") is not None
    assert _val(normal, "pPr/spacing", "line") == "240"
    assert _val(normal, "pPr/spacing", "lineRule") == "exact"
    rpr = normal.find(f"{W}rPr")
    assert rpr is not None
    assert [etree.QName(c).localname for c in rpr] == ["rFonts", "spacing", "w", "kern", "sz", "szCs", "lang"]
    assert _val(rpr, "rFonts", "ascii") == "Times New Roman"
    assert (_val(rpr, "sz"), _val(rpr, "w"), _val(rpr, "spacing")) == ("20", "103", "4")
    assert _val(rpr, "lang") == "en-GB"
    single = _style(styles, "SingleTxt")
    ind = single.find(f"{W}pPr/{W}ind")
    assert ind is not None and (ind.get(f"{W}left"), ind.get(f"{W}right")) == ("1267", "1267")
    tabs = [int(t.get(f"{W}pos") or 0) for t in single.iter(f"{W}tab")]
    assert tabs[:4] == [1267, 1742, 2218, 2693] and tabs[-1] == 6048
    ppr = single.find(f"{W}pPr")
    assert ppr is not None and [etree.QName(c).localname for c in ppr] == ["tabs", "spacing", "ind", "jc"]


def test_typed_labels_and_layout_of_blocks() -> None:
    assert label_prefix("paragraph", "66") == "66.\t"
    assert label_prefix("paragraph", "83 bis") == "83 bis.\t"
    assert label_prefix("subparagraph", "(a)") == "\t(a)\t"
    assert label_prefix("subheading", None) == "\t\t"
    assert label_prefix("heading", "A.") == "\tA.\t"
    assert label_prefix("chapter", "I.") == "I.\t"
    assert label_prefix("text", None) == "\t"


def test_page_setup_sections_and_headers(tmp_path: Path) -> None:
    path = tmp_path / "d.docx"
    _sample().save(path)
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert texts[:3] == ["Eightieth session", "Agenda item 15",
                         "Information and communications technologies for sustainable development"]
    assert "66.\tWe invite the Secretary-General;" in texts
    assert "83 bis.\tWe recognise the work:" in texts
    assert "\t(a)\tOf the Forum;" in texts
    assert document.settings.odd_and_even_pages_header_footer
    first, rest = document.sections
    assert (rest.page_width, rest.page_height) == (12240 * 635, 15840 * 635)  # EMU
    assert first.different_first_page_header_footer and not rest.different_first_page_header_footer
    assert (first.bottom_margin, rest.bottom_margin) == (1728 * 635, 1152 * 635)
    assert (rest.left_margin, rest.top_margin, rest.header_distance) == (1200 * 635, 1440 * 635, 432 * 635)
    masthead = "".join(first.first_page_header._element.itertext())
    for text in ("United Nations", "A", "/80/L.41", "General Assembly", "Distr.: Limited", "16 December 2025",
                 "Original: English"):
        assert text in masthead
    assert "A/80/L.41" in "".join(first.header._element.itertext())
    assert "NUMPAGES" in "".join(first.footer._element.itertext())


def test_footnote_is_a_real_footnote_referenced_at_the_end_of_its_paragraph() -> None:
    data = _sample().to_bytes()
    parts = _parts(data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        types = zf.read("[Content_Types].xml").decode()
    assert "wordprocessingml.footnotes+xml" in types
    rels = parts["word/_rels/document.xml.rels"]
    assert any(r.get("Target") == "footnotes.xml" for r in rels)
    notes = [n for n in parts["word/footnotes.xml"] if n.get(qn("w:type")) is None]
    assert [n.get(qn("w:id")) for n in notes] == ["1"]
    assert _text(notes[0]).strip() == "Resolution 79/323, annex."
    body = parts["word/document.xml"]
    para = next(p for p in body.iter(f"{W}p") if _text(p).startswith("66."))
    last = para[-1]
    assert last.find(f"{W}footnoteReference") is not None
    assert _val(last, "rPr/rStyle") == "FootnoteReference"
    settings = parts["word/settings.xml"]
    assert [f.get(qn("w:id")) for f in settings.iter(f"{W}footnote")] == ["-1", "0"]


def test_output_is_deterministic_and_the_p_is_returned_for_revision_markup() -> None:
    assert _sample().to_bytes() == _sample().to_bytes()
    with zipfile.ZipFile(io.BytesIO(_sample().to_bytes())) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in zf.namelist()
        core = zf.read("docProps/core.xml").decode()
    assert "2025-12-16T00:00:00Z" in core
    doc = UNDocument("A/1", "1 January 2026")
    p = doc.add_paragraph("SingleTxt", [Run("x")])
    assert p.tag == f"{W}p" and p.getparent() is not None
    with pytest.raises(ValueError, match="unknown UN style"):
        doc.add_paragraph("Heading1")


def test_save_is_atomic_and_refuses_a_missing_folder(tmp_path: Path) -> None:
    from app.errors import OutputError

    doc = UNDocument("A/1", "1 January 2026")
    with pytest.raises(OutputError):
        doc.save(tmp_path / "missing" / "x.docx")
    doc.save(tmp_path / "x.docx")
    assert zipfile.is_zipfile(tmp_path / "x.docx")
    assert [p.name for p in tmp_path.iterdir()] == ["x.docx"]
