"""docx_io.unnumbered: a new "3 bis." in a Word-numbered draft prints only its typed label and renumbers nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from app.wiring.cli import main
from docx_io.ns import qn
from docx_io.numbering import NumberingResolver, resolver_for
from docx_io.package import read_package
from docx_io.paragraphs import body_of, iter_block_paragraphs
from docx_io.reader import read_draft
from docx_io.unnumbered import take_out_of_list
from tests.docx_io.docx_factory import make_docx, make_numbered_docx

ITEMS = [(-1, "The General Assembly,"), (0, "Recalls its resolution."), (0, "Notes the report."),
         (0, "Welcomes the progress:"), (1, "first sub item;"), (1, "second sub item;"),
         (0, "Decides to remain seized."), (0, "Requests a report.")]
NEW = "Encourages all States to act."


def _apply(tmp_path: Path, draft: Path, form: str) -> Path:
    amendments = tmp_path / "bis.md"
    amendments.write_text(f"3 bis. **{NEW}**\n", encoding="utf-8")
    out = tmp_path / f"{draft.stem}.{form}.docx"
    assert main(["apply", str(draft), str(amendments), "-o", str(out), "--form", form, "--organisation", "IMSB"]) == 0
    return out


def _new_paragraph(path: Path) -> etree._Element:
    body = body_of(read_package(path).xml("word/document.xml"))
    assert body is not None
    found = [p for p, _ in iter_block_paragraphs(body) if NEW in "".join(p.itertext())]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("via_style", [False, True], ids=["own-numPr", "style-numPr"])
@pytest.mark.parametrize("form", ["full", "clean"])
def test_new_paragraph_prints_no_list_number_and_keeps_the_hanging_indent(
    tmp_path: Path, via_style: bool, form: str
) -> None:
    out = _apply(tmp_path, make_numbered_docx(tmp_path / "numbered.docx", ITEMS, via_style=via_style), form)
    new = _new_paragraph(out)
    assert resolver_for(read_package(out)).level_ppr(new) is None  # no effective numbering, own or style's
    assert new.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}").get(qn("w:val")) == "0"
    ind = new.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    assert (ind.get(qn("w:left")), ind.get(qn("w:hanging"))) == ("567", "567")  # paragraph 3's, not (b)'s


@pytest.mark.parametrize("via_style", [False, True], ids=["own-numPr", "style-numPr"])
def test_later_paragraphs_keep_their_printed_numbers(tmp_path: Path, via_style: bool) -> None:
    base = make_numbered_docx(tmp_path / "numbered.docx", ITEMS, via_style=via_style)
    draft = read_draft(_apply(tmp_path, base, "clean"))
    printed = [(p.label, p.number_text, p.text) for p in draft.paragraphs]
    assert printed == [
        (None, None, "The General Assembly,"), ("1", "1.", "Recalls its resolution."), ("2", "2.", "Notes the report."),
        ("3", "3.", "Welcomes the progress:"), ("3 (a)", "(a)", "first sub item;"),
        ("3 (b)", "(b)", "second sub item;"),
        ("3 bis", None, f"3 bis.\t{NEW}"),  # after 3's sub-paragraphs, else they would read as "3 bis (a)"
        ("4", "4.", "Decides to remain seized."), ("5", "5.", "Requests a report."),
    ]


def test_typed_number_draft_gets_no_numbering_properties(tmp_path: Path) -> None:
    base = make_docx(tmp_path / "typed.docx", ["1.\tRecalls.", "2.\tNotes.", "3.\tWelcomes:",
                                                   "(a)\tfirst;", "4.\tDecides."])
    new = _new_paragraph(_apply(tmp_path, base, "full"))
    assert new.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is None
    assert new.find(f"{qn('w:pPr')}/{qn('w:ind')}") is None
    labels = [p.label for p in read_draft(_apply(tmp_path, base, "clean")).paragraphs]
    assert labels == ["1", "2", "3", "3 (a)", "3 bis", "4"]


def test_own_indents_outrank_the_list_levels(tmp_path: Path) -> None:
    base = make_numbered_docx(tmp_path / "numbered.docx", ITEMS)
    pkg = read_package(base)
    numbering = NumberingResolver(pkg.xml("word/numbering.xml"), pkg.xml("word/styles.xml"))
    body = body_of(pkg.xml("word/document.xml"))
    assert body is not None
    neighbour = [p for p, _ in iter_block_paragraphs(body)][1]
    ppr = etree.Element(qn("w:pPr"))
    etree.SubElement(ppr, qn("w:ind"), {qn("w:left"): "900", qn("w:firstLine"): "0"})
    take_out_of_list(ppr, neighbour, numbering)
    ind = ppr.find(qn("w:ind"))
    assert dict(ind.attrib) == {qn("w:left"): "900", qn("w:firstLine"): "0"}  # no hanging beside a firstLine
    assert [etree.QName(child).localname for child in ppr] == ["numPr", "ind"]


def test_unnumbered_neighbour_leaves_properties_alone(tmp_path: Path) -> None:
    base = make_numbered_docx(tmp_path / "numbered.docx", ITEMS)
    pkg = read_package(base)
    body = body_of(pkg.xml("word/document.xml"))
    assert body is not None
    chapeau = next(p for p, _ in iter_block_paragraphs(body))
    ppr = etree.Element(qn("w:pPr"))
    take_out_of_list(ppr, chapeau, resolver_for(pkg))
    assert len(ppr) == 0
