"""docx_io.paragraph_edit: a paragraph's opening words (its typed number) replaced, the change most of a
renumbered draft makes, is written straight onto the first run, and the XML is exactly what the general
path writes, whatever the shape of the runs; shapes it does not handle go the general way."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest
from lxml import etree

from app.plan import Attribution
from app.segments import Op, Segment
from docx_io import paragraph_edit
from docx_io.paragraph_edit import edit_paragraph
from docx_io.revisions import RevisionIds
from docx_io.text_map import paragraph_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BY = Attribution("G77", datetime(2026, 1, 1, tzinfo=UTC))

# The body of a w:p; each case's text starts with "12".
SHAPES = {
    "number, tab and text in one w:t": '<w:r><w:t xml:space="preserve">12.\tThe Assembly</w:t></w:r>',
    "number in a run of its own": '<w:r><w:rPr><w:b/></w:rPr><w:t>12.</w:t></w:r><w:r><w:tab/><w:t>The</w:t></w:r>',
    "number then a w:tab in the same run": '<w:r><w:t>12</w:t><w:tab/><w:t>The Assembly</w:t></w:r>',
    "number with a footnote reference after it": (
        '<w:r><w:t>12</w:t><w:footnoteReference w:id="3"/></w:r><w:r><w:t> The Assembly</w:t></w:r>'),
    "number inside a hyperlink": '<w:hyperlink><w:r><w:t>12</w:t></w:r></w:hyperlink><w:r><w:t>. The</w:t></w:r>',
    "number in an earlier insertion": (
        '<w:ins w:id="1" w:author="EU" w:date="2025-01-01T00:00:00Z"><w:r><w:t>12</w:t></w:r></w:ins>'
        '<w:r><w:t>. The</w:t></w:r>'),
    "number split over two w:t": '<w:r><w:t>1</w:t><w:t>2. The</w:t></w:r>',
    "a field before the number": (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>SEQ</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>12</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>. The</w:t></w:r>'),
}


def _paragraph(body: str) -> etree._Element:
    return etree.fromstring(f'<w:p xmlns:w="{W}"><w:pPr><w:ind w:left="0"/></w:pPr>{body}</w:p>')


def _segments(p: etree._Element) -> list[Segment]:
    rest = paragraph_text(p)[2:]
    return [Segment(Op.DELETE, "12"), Segment(Op.INSERT, "13"), *([Segment(Op.EQUAL, rest)] if rest else [])]


@pytest.mark.parametrize("shape", SHAPES)
def test_a_replaced_number_is_written_as_the_general_path_writes_it(shape: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    fast, general = _paragraph(SHAPES[shape]), _paragraph(SHAPES[shape])
    segments = _segments(fast)
    edit_paragraph(fast, segments, BY, RevisionIds([fast]))
    monkeypatch.setattr(paragraph_edit, "_replace_opening", lambda *_a: False)
    edit_paragraph(general, segments, BY, RevisionIds([general]))
    assert etree.tostring(fast) == etree.tostring(general)
    assert paragraph_text(fast).startswith("13")


def test_the_plain_shapes_take_the_short_way(monkeypatch: pytest.MonkeyPatch) -> None:
    taken: list[bool] = []
    original = paragraph_edit._replace_opening

    def spy(*args: object) -> bool:
        taken.append(original(*args))  # type: ignore[arg-type]
        return taken[-1]

    monkeypatch.setattr(paragraph_edit, "_replace_opening", spy)
    for shape in SHAPES:
        p = _paragraph(SHAPES[shape])
        edit_paragraph(p, _segments(p), BY, RevisionIds([p]))
    assert dict(zip(SHAPES, taken, strict=True)) == {
        "number, tab and text in one w:t": True, "number in a run of its own": True,
        "number then a w:tab in the same run": True, "number with a footnote reference after it": True,
        "number inside a hyperlink": False, "number in an earlier insertion": False,
        "number split over two w:t": False, "a field before the number": False,
    }


def test_other_changes_are_not_taken_for_a_renumbering() -> None:
    p = _paragraph(SHAPES["number in a run of its own"])
    before = copy.deepcopy(p)
    ids = RevisionIds([p])
    for segments in (
        [Segment(Op.EQUAL, "12."), Segment(Op.DELETE, "\tThe"), Segment(Op.INSERT, "\tA")],
        [Segment(Op.DELETE, "12"), Segment(Op.INSERT, "13"), Segment(Op.DELETE, ".\tThe")],
        [Segment(Op.DELETE, "12", move="m1"), Segment(Op.INSERT, "13"), Segment(Op.EQUAL, ".\tThe")],
    ):
        assert not paragraph_edit._replace_opening(p, paragraph_edit.paragraph_pieces(p), segments, BY, ids)
    assert etree.tostring(p) == etree.tostring(before)
