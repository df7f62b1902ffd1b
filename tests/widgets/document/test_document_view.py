"""widgets.document.document_view: the whole draft, redlines inline, fast refresh of one paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont, QFontDatabase, QTextBlock, QTextCursor

from app.model import Draft, Kind, Paragraph, Run
from app.redline_edit import RedlineEdit
from app.resources import REV2_EXCERPT
from app.wiring.session import Session
from widgets.document.block_layout import first_strong_direction
from widgets.document.document_view import DocumentView
from widgets.document.margin_markers import AMENDED_PROPERTY
from widgets.document.paragraph_format import DEFAULT_AUTHOR_COLOUR, DELETED_COLOUR
from widgets.document.view_mode import ViewMode

ARABIC = "نحن نعترف بأهمية سد الفجوات الرقمية."
CHINESE = "我们认识到弥合数字鸿沟的重要性。"


@pytest.fixture
def session() -> Session:
    s = Session.open_draft(REV2_EXCERPT)
    s.author, s.organisation = "Jane Doe", "IMSB"
    return s


@pytest.fixture
def view(qtbot) -> DocumentView:
    v = DocumentView()
    qtbot.addWidget(v)
    v.resize(700, 500)
    return v


def _edit_88(session: Session) -> None:
    body = session.draft.by_label("88").body
    e = RedlineEdit(body, session.segments_for("88"))
    i = body.index("description")
    e.replace(i, i + len("description"), "working definition")
    session.set_segments("88", e.segments)


def _fragments(block: QTextBlock) -> list[tuple[str, bool, bool, str]]:
    """(text, struck, underlined, colour) of each fragment of a block."""
    out = []
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        cf = frag.charFormat()
        out.append((frag.text(), cf.fontStrikeOut(), cf.fontUnderline(), cf.foreground().color().name()))
        it += 1
    return out


def _block_texts(view: DocumentView) -> list[str]:
    doc = view.document()
    return [doc.findBlockByNumber(i).text() for i in range(doc.blockCount())]


def _snapshot(view: DocumentView) -> list[tuple[str, list[tuple[str, bool, bool, str]], int]]:
    blocks = (view.document().findBlockByNumber(i) for i in range(view.document().blockCount()))
    return [(b.text(), _fragments(b), b.userState()) for b in blocks]


def _small_session(*bodies: str) -> Session:
    """A session on a draft made here (no file): paragraphs "1.", "2."… with these bodies."""
    paras = [Paragraph(0, 0, "\t\tHeading", Kind.HEADING, heading_level=2, runs=(Run("\t\tHeading"),))]
    for n, body in enumerate(bodies, start=1):
        text = f"{n}.\t{body}"
        paras.append(Paragraph(0, n, text, Kind.PARAGRAPH, str(n), body_start=len(f"{n}.\t"), runs=(Run(text),)))
    return Session(Path("made-here.docx"), None, Draft(paras))  # type: ignore[arg-type]


def test_one_block_per_paragraph_with_labels(view: DocumentView, session: Session) -> None:
    view.show_session(session, ViewMode.REDLINE)
    assert view.objectName() == "documentView" and view.accessibleName()
    assert view.document().blockCount() == len(session.draft.paragraphs)
    assert _block_texts(view) == [p.text for p in session.draft.paragraphs]
    for para in session.draft.labelled():
        block = view.block_for(para.label)
        assert block is not None and block.blockNumber() == para.index


def test_modes_show_redline_proposed_and_original(view: DocumentView, session: Session) -> None:
    _edit_88(session)
    para = session.draft.by_label("88")
    segments = session.segments_for("88")
    expected = {
        ViewMode.REDLINE: para.prefix + "".join(s.text for s in segments),
        ViewMode.PROPOSED: para.prefix + para.body.replace("description", "working definition"),
        ViewMode.ORIGINAL: para.text,
    }
    view.show_session(session, ViewMode.REDLINE)
    for mode, text in expected.items():
        view.set_mode(mode)
        lines = view.document().toPlainText().split("\n")
        assert lines[para.index] == text
    assert view.mode() is ViewMode.ORIGINAL
    assert view.document().toPlainText() == "\n".join(p.text for p in session.draft.paragraphs).replace("\xa0", " ")


def test_struck_and_inserted_text_formats(view: DocumentView, session: Session) -> None:
    _edit_88(session)
    view.show_session(session, ViewMode.REDLINE)
    frags = {text: rest for text, *rest in _fragments(view.block_for("88"))}
    assert frags["description"] == [True, False, DELETED_COLOUR.name()]
    assert frags["working definition"] == [False, True, DEFAULT_AUTHOR_COLOUR.name()]
    assert not any(struck or underlined for text, struck, underlined, _ in _fragments(view.block_for("89")))
    view.set_mode(ViewMode.PROPOSED)
    assert all(not struck and not underlined for _, struck, underlined, _ in _fragments(view.block_for("88")))


def test_author_colour_is_used_for_insertions(view: DocumentView, session: Session) -> None:
    _edit_88(session)
    view.set_author_colour(Qt.GlobalColor.darkGreen)
    view.show_session(session, ViewMode.REDLINE)
    colours = {text: colour for text, _, underlined, colour in _fragments(view.block_for("88")) if underlined}
    assert colours == {"working definition": "#008000"}


def test_deleted_paragraph_is_struck_whole_then_hidden_when_proposed(view: DocumentView, session: Session) -> None:
    session.delete_paragraph("103")
    para = session.draft.by_label("103")
    view.show_session(session, ViewMode.REDLINE)
    block = view.block_for("103")
    assert block.text() == para.text and block.isVisible()
    assert all(struck and colour == DELETED_COLOUR.name() for _, struck, _, colour in _fragments(block))
    view.set_mode(ViewMode.PROPOSED)
    block = view.block_for("103")
    assert block.text() == "" and not block.isVisible()
    view.set_mode(ViewMode.ORIGINAL)
    assert view.block_for("103").text() == para.text
    assert not any(struck for _, struck, _, _ in _fragments(view.block_for("103")))


def test_new_paragraph_is_inserted_after_its_anchor(view: DocumentView, session: Session) -> None:
    view.show_session(session, ViewMode.REDLINE)
    count = view.document().blockCount()
    new = session.insert_after("83", "We recognise the work done within the WSIS framework.")
    view.refresh_paragraph(new.label)
    block = view.block_for("83 bis")
    assert block.blockNumber() == view.block_for("83").blockNumber() + 1
    assert block.text() == "83 bis.\tWe recognise the work done within the WSIS framework."
    assert all(underlined and not struck for _, struck, underlined, _ in _fragments(block))
    assert view.document().blockCount() == count + 1
    assert view.block_for("84").text() == session.draft.by_label("84").text
    view.set_mode(ViewMode.ORIGINAL)
    assert view.block_for("83 bis") is None and view.document().blockCount() == count
    view.set_mode(ViewMode.PROPOSED)
    assert view.block_for("83 bis").text().startswith("83 bis.\tWe recognise")


def test_dropping_a_new_paragraph_removes_its_block(view: DocumentView, session: Session) -> None:
    session.insert_after("83", "First new.")
    session.insert_after("83 bis", "Second new.")
    view.show_session(session, ViewMode.REDLINE)
    before = _block_texts(view)
    assert before[view.block_for("83").blockNumber() + 1:][:2] == ["83 bis.\tFirst new.", "83 ter.\tSecond new."]
    session.delete_paragraph("83 bis")
    view.refresh_paragraph("83 bis")
    assert view.block_for("83 bis") is None
    assert _block_texts(view) == [t for t in before if t != "83 bis.\tFirst new."]
    assert view.block_for("84").text() == session.draft.by_label("84").text


def test_new_paragraph_after_the_last_one(view: DocumentView, session: Session) -> None:
    last = session.draft.paragraphs[-1]
    view.show_session(session, ViewMode.REDLINE)
    new = session.insert_after(last.label, "At the very end.")
    view.refresh_paragraph(new.label)
    assert _block_texts(view)[-2:] == [last.text, f"{new.label}.\tAt the very end."]
    session.delete_paragraph(new.label)
    view.refresh_paragraph(new.label)
    assert _block_texts(view)[-1] == last.text
    view.scroll_to(last.label)
    assert view.current_label() == last.label


def test_refresh_paragraph_changes_only_that_block(view: DocumentView, session: Session) -> None:
    view.show_session(session, ViewMode.REDLINE)
    before = _snapshot(view)
    _edit_88(session)
    view.refresh_paragraph("88")
    after = _snapshot(view)
    index = session.draft.by_label("88").index
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [index]
    fresh = DocumentView()
    fresh.show_session(session, ViewMode.REDLINE)
    assert _snapshot(fresh) == after
    assert view.block_for("88").blockFormat().property(AMENDED_PROPERTY) == "modify"


def test_amended_paragraphs_are_marked(view: DocumentView, session: Session) -> None:
    _edit_88(session)
    session.delete_paragraph("103")
    view.show_session(session, ViewMode.REDLINE)
    view.setTextCursor(QTextCursor(view.block_for("88")))
    assert view.accessibleDescription() == "Amended by IMSB (para 88, draft)"
    assert view.block_for("88").blockFormat().property(AMENDED_PROPERTY) == "modify"
    assert view.block_for("103").blockFormat().property(AMENDED_PROPERTY) == "delete"
    assert view.block_for("89").blockFormat().property(AMENDED_PROPERTY) is None
    assert view.block_for("88").blockFormat().background().style() != Qt.BrushStyle.NoBrush


def test_headings_bold_and_numbered_paragraphs_laid_out_the_un_way(view: DocumentView, session: Session) -> None:
    view.show_session(session, ViewMode.REDLINE)
    view.show()
    title = view.document().findBlockByNumber(3)  # "Outcome document of …", heading level 1
    section = view.document().findBlockByNumber(5)  # "Financial mechanisms", level 2
    for block in (title, section):
        assert all(f.charFormat().fontWeight() == QFont.Weight.Bold for f in _iter_fragments(block))
    assert _first_format(title).fontPointSize() > _first_format(section).fontPointSize()
    block = view.block_for("64")
    fmt = block.blockFormat()
    assert fmt.leftMargin() > 0 and fmt.textIndent() == 0
    lines = block.layout()
    assert lines.lineCount() > 1
    assert lines.lineAt(1).x() == lines.lineAt(0).x()  # wrapped lines come back to the number's margin
    number_x = lines.lineAt(0).cursorToX(0)[0]
    text_x = lines.lineAt(0).cursorToX(len("64.\t"))[0]
    assert text_x - number_x == pytest.approx(view.document().defaultTextOption().tabStopDistance(), abs=1)
    assert section.blockFormat().textIndent() == -section.blockFormat().leftMargin()  # number hangs


def test_scroll_to_moves_the_cursor_without_selecting(qtbot, view: DocumentView, session: Session) -> None:
    view.show_session(session, ViewMode.REDLINE)
    view.show()
    with qtbot.assertNotEmitted(view.paragraphSelected):
        view.scroll_to("100")
    assert view.textCursor().block().blockNumber() == view.block_for("100").blockNumber()
    assert view.textCursor().position() == view.block_for("100").position()
    assert view.current_label() == "100"
    assert view.verticalScrollBar().value() > 0
    view.scroll_to("83 bis")  # not there: nothing happens
    assert view.current_label() == "100"


def test_selecting_and_activating_a_paragraph(qtbot, view: DocumentView, session: Session) -> None:
    view.show_session(session, ViewMode.REDLINE)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.paragraphSelected) as selected:
        view.setTextCursor(QTextCursor(view.block_for("89")))
    assert selected.args == ["89"]
    assert view.accessibleDescription() == "Paragraph 89"
    with qtbot.waitSignal(view.paragraphActivated) as activated:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert activated.args == ["89"]
    view.scroll_to("88")
    rect = view.cursorRect(QTextCursor(view.block_for("88")))
    with qtbot.waitSignal(view.paragraphActivated) as activated:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() + QPoint(30, 0))
    assert activated.args == ["88"]
    view.setTextCursor(QTextCursor(view.document()))  # the session line: not a labelled paragraph
    assert view.current_label() is None


def test_arabic_paragraphs_are_right_to_left(view: DocumentView) -> None:
    session = _small_session("We note the report.", ARABIC, "(1) " + ARABIC)
    view.show_session(session, ViewMode.REDLINE)
    direction = {label: view.block_for(label).blockFormat().layoutDirection() for label in ("1", "2", "3")}
    assert direction == {"1": Qt.LayoutDirection.LeftToRight, "2": Qt.LayoutDirection.RightToLeft,
                         "3": Qt.LayoutDirection.RightToLeft}
    assert view.block_for("2").text() == "2.\t" + ARABIC
    new = session.insert_after("1", ARABIC)
    view.refresh_paragraph(new.label)
    assert view.block_for("1 bis").blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_first_strong_direction() -> None:
    assert first_strong_direction("66.\t" + ARABIC) is Qt.LayoutDirection.RightToLeft
    assert first_strong_direction("66.\tWe") is Qt.LayoutDirection.LeftToRight
    assert first_strong_direction(CHINESE) is Qt.LayoutDirection.LeftToRight
    assert first_strong_direction("66. 2030") is None


def test_chinese_is_shown(view: DocumentView) -> None:
    session = _small_session(CHINESE)
    view.show_session(session, ViewMode.REDLINE)
    view.show()
    block = view.block_for("1")
    assert block.text() == "1.\t" + CHINESE
    assert QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese), (
        "no Chinese font installed: scripts/bootstrap.sh installs fonts-arphic-uming"
    )
    view.document().documentLayout().blockBoundingRect(block)  # lays the block out
    runs = block.layout().glyphRuns(0, len(block.text()))
    glyphs = [g for run in runs for g in run.glyphIndexes()]
    assert len(glyphs) == len(block.text()) - 1  # one glyph a character, the tab aside
    assert 0 not in glyphs  # glyph 0 is the "missing" box: every character has a real glyph

def test_unlabelled_text_has_no_label(view: DocumentView, session: Session) -> None:
    view.show_session(session, ViewMode.REDLINE)
    assert view.label_at(QPoint(0, 0)) is None
    view.refresh_paragraph("999")  # unknown: ignored
    assert view.document().blockCount() == len(session.draft.paragraphs)


def _iter_fragments(block: QTextBlock):
    it = block.begin()
    while not it.atEnd():
        yield it.fragment()
        it += 1


def _first_format(block: QTextBlock):
    return next(_iter_fragments(block)).charFormat()



# --- a merge under review --------------------------------------------------------------------------


def test_review_shows_each_authors_changes_in_their_colour(view: DocumentView, session: Session,
                                                           tmp_path: Path) -> None:
    from app.proposals import Decision
    from tests.widgets.merge_helpers import merged_review
    from widgets.review.author_colours import AuthorColours

    _edit_88(session)
    view.show_session(session, ViewMode.REDLINE)
    review = merged_review(tmp_path)
    colours = AuthorColours(review.authors)
    g77, eu = colours.colour("G77").name(), colours.colour("EU").name()
    view.show_review(review, colours)
    para66 = review.result.draft.by_label("66").index
    block = view.block_for_paragraph(para66)
    assert block is not None and block == view.block_for("66")
    shown = _fragments(block)
    changed = [(t, s, u, c) for t, s, u, c in shown if s or u]
    assert ("81st session of the General Assembly", True, False, g77) in changed  # struck once, by the first
    assert ("Commission", False, True, g77) in changed
    # As the full form writes it: the EU's rival wording is a comment there, not a revision.
    assert not any(t == "Economic and Social Council" for t, _, _, _ in changed)
    assert ("working definition", False, True, g77) in _fragments(view.block_for("88"))  # G77 and the EU
    assert ("shall remain", False, True, eu) in _fragments(view.block_for("89"))
    # Rejected proposals are hidden; without the review our own amendment is back.
    review.decide_author("EU", Decision.REJECTED)
    view.show_review(review, colours)
    assert not any(t == "Economic and Social Council" for t, *_ in _fragments(view.block_for("66")))
    assert not any(s or u for _, s, u, _ in _fragments(view.block_for("89")))
    view.show_review(None)
    assert view.review() is None
    assert ("working definition", False, True, DEFAULT_AUTHOR_COLOUR.name()) in _fragments(view.block_for("88"))
    assert not any(s or u for _, s, u, _ in _fragments(view.block_for("66")))


def test_review_scrolls_to_a_paragraph_by_index(view: DocumentView, session: Session, tmp_path: Path) -> None:
    from tests.widgets.merge_helpers import merged_review

    view.show_session(session, ViewMode.REDLINE)
    view.show_review(merged_review(tmp_path))
    view.scroll_to_paragraph(session.draft.by_label("100").index)
    assert view.current_label() == "100"


def test_proposed_view_on_a_deleted_paragraph_stays_at_its_place(qtbot, view: DocumentView, session: Session) -> None:
    session.delete_paragraph("103")
    view.show()
    view.show_session(session, ViewMode.REDLINE)
    view.scroll_to("103")
    where = view.verticalScrollBar().value()
    assert where > 0
    view.set_mode(ViewMode.PROPOSED)  # 103 is hidden now: the view shows the paragraph before it, not the top
    labels = [p.label for p in session.draft.labelled()]
    before = labels[labels.index("103") - 1]
    assert view.current_label() == before and view.textCursor().block().isVisible()
    top = view.document().documentLayout().blockBoundingRect(view.block_for(before)).top()
    assert view.verticalScrollBar().value() == min(int(top), view.verticalScrollBar().maximum()) > 0
    view.scroll_to("103")  # Go to a struck paragraph in Proposed: same place
    assert view.current_label() == before and view.verticalScrollBar().value() > 0
