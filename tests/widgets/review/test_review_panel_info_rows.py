"""The Review panel lists what a merge carries besides proposals: changes inside footnotes and endnotes, and
formatting changes, under the paragraph they belong to; listed, not decided there (the walk skips them)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree
from pytestqt.qtbot import QtBot

from app.review import Review
from app.wiring.merging import InputSpec, merge_inputs
from app.wiring.session import Session
from docx_io.ns import qn, sub_element
from tests.app.test_note_merge import DATE, END, FOOT, PARAS
from tests.docx_io.docx_factory import make_noted_docx
from widgets.review.review_panel import PARA, ReviewPanel


def _bold_by(src: Path, out: Path, author: str, paragraph: int) -> Path:
    """A copy of `src` whose first run of a body paragraph was made bold as a tracked formatting change."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                run = list(root.iter(qn("w:p")))[paragraph].find(qn("w:r"))
                rpr = run.find(qn("w:rPr"))
                if rpr is None:
                    rpr = etree.Element(qn("w:rPr"))
                    run.insert(0, rpr)
                sub_element(rpr, "w:b")
                sub_element(rpr, "w:rPrChange", {"w:id": "902", "w:author": author})
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, data)
    return out


def _rows(panel: ReviewPanel) -> dict[str, list[list[str]]]:
    model, out = panel.model, {}
    for r in range(model.rowCount()):
        parent = model.item(r, PARA)
        out[parent.text()] = [[parent.child(c, col).text() for col in range(5)] for c in range(parent.rowCount())]
    return out


def test_note_and_formatting_changes_are_listed_under_their_paragraph(qtbot: QtBot, tmp_path: Path) -> None:
    draft_path = make_noted_docx(tmp_path / "draft.docx", PARAS, [(0, "footnote", FOOT), (1, "endnote", END)])
    g77 = make_noted_docx(tmp_path / "G77.docx", PARAS, [
        (0, "footnote", [("=", "See decision 1/CP.21, paragraph "), ("-", "4", "G77"), ("+", "5", "G77"),
                         ("=", ".")]), (1, "endnote", END)])
    us = _bold_by(draft_path, tmp_path / "US.docx", "US", 1)
    draft = Session.open_draft(draft_path).draft
    result, _ = merge_inputs(draft, [InputSpec(g77), InputSpec(us)], DATE)
    panel = ReviewPanel()
    qtbot.addWidget(panel)
    review = Review(result)
    panel.show_review(review)
    rows = _rows(panel)
    assert ["66 fn1: replacement", "G77", "4", "5", "in the compilation"] in rows["66"]
    formatting = [row for row in rows["67"] if row[0] == "formatting"]
    assert len(formatting) == 1 and formatting[0][1] == "US" and "bold" in formatting[0][3].lower()
    assert panel.shown_ids() == [p.id for p in review.proposals]  # listed, not proposals to walk or decide
    panel.set_reviewers({"G77"})
    rows = _rows(panel)
    assert "67" not in rows and rows["66"][0][:2] == ["66 fn1: replacement", "G77"]
