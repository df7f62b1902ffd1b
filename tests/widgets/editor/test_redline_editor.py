"""widgets.editor.redline_editor: key events make Word-like tracked changes, drawn as the model says."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import QAction, QColor, QInputMethodEvent, QKeyEvent, QKeySequence, QTextCursor, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from app.diff import diff_text
from app.resources import REV2_EXCERPT
from app.segments import Op, Segment, normalize
from app.wiring.session import Session
from widgets.commands import SessionCommand
from widgets.document.paragraph_format import DELETED_COLOUR
from widgets.editor.redline_editor import RedlineEditor

BODY = "We reaffirm the description of Internet governance."
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
EQ, DEL, INS = Op.EQUAL, Op.DELETE, Op.INSERT


@pytest.fixture
def editor(qtbot) -> RedlineEditor:
    ed = RedlineEditor()
    qtbot.addWidget(ed)
    ed.resize(600, 300)
    with qtbot.waitExposed(ed):
        ed.show()
    return ed


@pytest.fixture
def edits(editor: RedlineEditor) -> list[tuple]:
    """Every `edited` emission, in order."""
    got: list[tuple] = []
    editor.edited.connect(lambda *args: got.append(args))
    return got


@pytest.fixture(scope="module")
def body_88() -> str:
    return Session.open_draft(REV2_EXCERPT).draft.by_label("88").body


def put(editor: RedlineEditor, start: int, end: int | None = None) -> None:
    """Caret at start, or the selection [start, end)."""
    cursor = editor.textCursor()
    cursor.setPosition(start)
    if end is not None:
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def show_active(qtbot, window: QWidget) -> None:
    """Show a window and make it the active one (focus and window shortcuts need that)."""
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()


def type_keys(widget: QWidget, text: str) -> None:
    """Type text as a keyboard layout would send it (QTest.keyClicks knows only Latin-1)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, ord(ch.upper()[0]), Qt.KeyboardModifier.NoModifier, ch))


def shown(editor: RedlineEditor) -> list[Segment]:
    """What the document draws, read back from its character formats."""
    out: list[Segment] = []
    block = editor.document().firstBlock()
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        fmt = frag.charFormat()
        op = DEL if fmt.fontStrikeOut() else INS if fmt.fontUnderline() else EQ
        if out and out[-1].op is op:
            out[-1] = Segment(op, out[-1].text + frag.text())
        else:
            out.append(Segment(op, frag.text()))
        it += 1
    assert editor.document().blockCount() == 1
    return out


def format_at(editor: RedlineEditor, pos: int):
    cursor = QTextCursor(editor.document())
    cursor.setPosition(pos + 1)
    return cursor.charFormat()  # the format of the character before the cursor


def test_names_for_tests_and_assistive_technology(editor: RedlineEditor) -> None:
    assert editor.objectName() == "redlineEditor"
    assert editor.accessibleName() and editor.accessibleDescription()
    editor.load("88", BODY, [])
    assert "88" in editor.accessibleName()
    assert editor.label() == "88" and editor.segments() == [Segment(EQ, BODY)]
    assert not editor.isUndoRedoEnabled()


def test_read_only_until_a_paragraph_is_loaded(qtbot, editor: RedlineEditor, edits: list) -> None:
    qtbot.keyClicks(editor, "abc")
    assert editor.label() is None and editor.segments() == [] and edits == []
    assert editor.document().toRawText() == ""


def test_typing_inserts_underlined_text_in_the_author_colour(qtbot, editor: RedlineEditor, edits: list) -> None:
    editor.load("88", BODY, [])
    at = BODY.index("Internet")
    put(editor, at)
    qtbot.keyClicks(editor, "global ")
    assert editor.segments() == [Segment(EQ, BODY[:at]), Segment(INS, "global "), Segment(EQ, BODY[at:])]
    assert shown(editor) == editor.segments()
    assert editor.cursor_offset() == at + len("global ")
    assert len(edits) == len("global ")
    assert edits[-1] == ("88", editor.segments(), "Typing in para 88", True)
    fmt = format_at(editor, at)
    assert fmt.fontUnderline() and fmt.foreground().color() == QColor("#1f5fbf")
    assert editor.currentCharFormat().fontUnderline()  # the caret types inserted text


def test_backspace_over_original_strikes_it_and_keeps_it_visible(qtbot, editor: RedlineEditor, edits: list) -> None:
    editor.load("88", BODY, [])
    end = BODY.index(" of")
    put(editor, end)
    for _ in range(len("description")):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    start = BODY.index("description")
    assert editor.segments() == [Segment(EQ, BODY[:start]), Segment(DEL, "description"), Segment(EQ, BODY[end:])]
    assert editor.document().toRawText() == BODY  # struck text stays
    assert shown(editor) == editor.segments()
    assert editor.cursor_offset() == start
    fmt = format_at(editor, start)
    assert fmt.fontStrikeOut() and fmt.foreground().color() == DELETED_COLOUR
    assert all(mergeable for *_, mergeable in edits)


def test_backspace_over_struck_text_only_moves_the_cursor(qtbot, editor: RedlineEditor, edits: list) -> None:
    editor.load("88", BODY, [Segment(EQ, "We "), Segment(DEL, "reaffirm"), Segment(EQ, BODY[11:])])
    put(editor, 11)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.cursor_offset() == 10 and edits == []


def test_deleting_ones_own_insertion_removes_it(qtbot, editor: RedlineEditor, edits: list) -> None:
    editor.load("88", BODY, [])
    put(editor, 3)
    qtbot.keyClicks(editor, "firmly ")
    for _ in range(len("firmly ")):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.segments() == [Segment(EQ, BODY)]
    assert editor.document().toRawText() == BODY and shown(editor) == [Segment(EQ, BODY)]
    assert edits[-1][1] == [Segment(EQ, BODY)]
    put(editor, 3)
    qtbot.keyClicks(editor, "xy")
    put(editor, 3)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.segments() == [Segment(EQ, BODY)] and editor.cursor_offset() == 3


def test_delete_forward_strikes_and_steps_over(qtbot, editor: RedlineEditor) -> None:
    editor.load("88", BODY, [])
    put(editor, 0)
    for _ in range(3):
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.segments() == [Segment(DEL, "We "), Segment(EQ, BODY[3:])]
    assert editor.cursor_offset() == 3 and shown(editor) == editor.segments()


def test_typing_over_a_selection_replaces_it(qtbot, editor: RedlineEditor, edits: list) -> None:
    editor.load("88", BODY, [])
    start = BODY.index("description")
    put(editor, start, start + len("description"))
    qtbot.keyClicks(editor, "working definition")
    assert editor.segments() == [Segment(EQ, "We reaffirm the "), Segment(DEL, "description"),
                                 Segment(INS, "working definition"), Segment(EQ, " of Internet governance.")]
    assert editor.document().toRawText() == "We reaffirm the descriptionworking definition of Internet governance."
    assert shown(editor) == editor.segments()
    assert edits[0][2:] == ("Replace in para 88", False)
    assert edits[1][2:] == ("Typing in para 88", True)


def test_selection_and_delete_or_backspace_strike_the_range(qtbot, editor: RedlineEditor) -> None:
    editor.load("88", BODY, [])
    put(editor, 0, 3)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    put(editor, BODY.index("Internet"), len(BODY) - 1)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    i = BODY.index("Internet")
    assert editor.segments() == [Segment(DEL, "We "), Segment(EQ, BODY[3:i]), Segment(DEL, "Internet governance"),
                                 Segment(EQ, ".")]
    assert shown(editor) == editor.segments()


def replay(qtbot, editor: RedlineEditor, segments: list[Segment]) -> None:
    """Make the changes in `segments` with the keyboard: select and strike deletions, type insertions."""
    at = 0
    for seg in segments:
        if seg.op is DEL:
            put(editor, at, at + len(seg.text))
            qtbot.keyClick(editor, Qt.Key.Key_Delete)
        elif seg.op is INS:
            put(editor, at)
            qtbot.keyClicks(editor, seg.text)
        at += len(seg.text)


def test_imsb_para_88_edit_gives_the_diff_of_the_proposal(qtbot, editor: RedlineEditor, body_88: str) -> None:
    proposed = body_88.replace("the description of", "the working definition of").replace(
        "Society, as the", "Society, with a working definition as the")
    expected = diff_text(body_88, proposed)
    assert [(s.op, s.text) for s in expected if s.op is not EQ][:2] == [(DEL, "description"),
                                                                        (INS, "working definition")]
    editor.load("88", body_88, [])
    replay(qtbot, editor, expected)
    assert editor.segments() == expected
    assert shown(editor) == expected


def test_strike_description_then_type_working_definition(qtbot, editor: RedlineEditor, body_88: str) -> None:
    start = body_88.index("description")
    editor.load("88", body_88, [])
    put(editor, start, start + len("description"))
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.cursor_offset() == start + len("description")  # after the struck word
    qtbot.keyClicks(editor, "working definition")
    assert editor.segments() == diff_text(body_88, body_88.replace("description", "working definition"))


def test_ctrl_backspace_and_ctrl_delete_work_by_word(qtbot, editor: RedlineEditor) -> None:
    editor.load("88", BODY, [])
    put(editor, BODY.index(" of"))
    qtbot.keyClick(editor, Qt.Key.Key_Backspace, CTRL)
    start = BODY.index("description")
    assert editor.segments() == [Segment(EQ, BODY[:start]), Segment(DEL, "description"), Segment(EQ, BODY[start + 11:])]
    assert editor.cursor_offset() == start
    put(editor, 0)
    qtbot.keyClick(editor, Qt.Key.Key_Delete, CTRL)
    assert editor.segments()[0] == Segment(DEL, "We ")


def test_paste_arrives_as_plain_text_on_one_line(qtbot, editor: RedlineEditor, edits: list) -> None:
    editor.load("88", BODY, [])
    mime = QMimeData()
    mime.setHtml("<b>ignored</b>")
    mime.setText("line one\r\nline two\nthree\tfour")
    QApplication.clipboard().setMimeData(mime)
    put(editor, 3)
    qtbot.keyClick(editor, Qt.Key.Key_V, CTRL)
    assert editor.segments() == [Segment(EQ, "We "), Segment(INS, "line one line two three four"),
                                 Segment(EQ, BODY[3:])]
    assert shown(editor) == editor.segments() and editor.document().blockCount() == 1
    assert edits[-1][2:] == ("Paste in para 88", False)
    assert not editor.document().toHtml().count("font-weight:700")


def test_rich_text_without_a_plain_version_pastes_as_its_text(qtbot, editor: RedlineEditor) -> None:
    editor.load("88", BODY, [])
    mime = QMimeData()
    mime.setHtml("<p><b>bold</b> <span style='color:red'>red</span></p><p>next</p>")  # as some apps offer it
    assert editor.canInsertFromMimeData(mime)
    QApplication.clipboard().setMimeData(mime)
    put(editor, 3)
    qtbot.keyClick(editor, Qt.Key.Key_V, CTRL)
    assert editor.segments() == [Segment(EQ, "We "), Segment(INS, "bold red next"), Segment(EQ, BODY[3:])]
    assert not editor.document().toHtml().count("font-weight:700")


def test_cut_copies_and_strikes(qtbot, editor: RedlineEditor) -> None:
    editor.load("88", BODY, [])
    put(editor, 0, 2)
    qtbot.keyClick(editor, Qt.Key.Key_X, CTRL)
    assert QApplication.clipboard().text() == "We"
    assert editor.segments() == [Segment(DEL, "We"), Segment(EQ, BODY[2:])]


def test_reject_change_at_cursor(qtbot, editor: RedlineEditor, edits: list) -> None:
    start = BODY.index("description")
    segments = [Segment(EQ, BODY[:start]), Segment(DEL, "description"), Segment(INS, "working definition"),
                Segment(EQ, BODY[start + 11:])]
    editor.load("88", BODY, segments)
    put(editor, start + len("description") + 4)  # inside the insertion
    editor.reject_change_at_cursor()
    assert editor.segments() == [Segment(EQ, BODY[:start]), Segment(DEL, "description"), Segment(EQ, BODY[start + 11:])]
    assert edits[-1][2:] == ("Reject change in para 88", False)
    put(editor, start + 2)  # inside the strike
    editor.reject_change_at_cursor()
    assert editor.segments() == [Segment(EQ, BODY)] and shown(editor) == [Segment(EQ, BODY)]
    count = len(edits)
    editor.reject_change_at_cursor()  # nothing left to reject
    assert len(edits) == count


def test_reject_every_change_in_a_selection(qtbot, editor: RedlineEditor) -> None:
    editor.load("88", BODY, [])
    put(editor, 0, 3)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    put(editor, 10)
    qtbot.keyClicks(editor, "X")
    put(editor, 0, 20)
    editor.reject_change_at_cursor()
    assert editor.segments() == [Segment(EQ, BODY)]


def test_context_menu_offers_reject_and_nothing_that_bypasses_tracking(qtbot, editor: RedlineEditor) -> None:
    editor.load("88", BODY, [Segment(DEL, "We "), Segment(EQ, BODY[3:])])
    put(editor, 1)
    menu = editor.context_menu()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Reject this change", "Copy", "Select All"]
    reject = menu.actions()[0]
    assert reject.isEnabled()
    reject.trigger()
    assert editor.segments() == [Segment(EQ, BODY)]
    put(editor, 10)
    assert not editor.context_menu().actions()[0].isEnabled()  # no change here


def test_enter_and_tab_change_nothing(qtbot, editor: RedlineEditor, edits: list) -> None:
    editor.load("88", BODY, [])
    put(editor, 5)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
        qtbot.keyClick(editor, key)
    assert edits == [] and editor.document().toRawText() == BODY and editor.document().blockCount() == 1
    assert editor.tabChangesFocus()


def test_tab_moves_focus_for_keyboard_only_use(qtbot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    editor, other = RedlineEditor(), QLineEdit()
    layout.addWidget(editor)
    layout.addWidget(other)
    show_active(qtbot, host)
    editor.load("88", BODY, [])
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert other.hasFocus() and editor.segments() == [Segment(EQ, BODY)]


def test_navigation_selection_and_copy_keep_working(qtbot, editor: RedlineEditor, edits: list) -> None:
    editor.load("88", BODY, [])
    put(editor, 0)
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    qtbot.keyClick(editor, Qt.Key.Key_Right, SHIFT)
    assert editor.textCursor().selectedText() == "e"
    qtbot.keyClick(editor, Qt.Key.Key_End, CTRL)
    assert editor.cursor_offset() == len(BODY)
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == BODY
    assert edits == []


def test_undo_and_redo_keys_reach_the_windows_actions(qtbot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    editor = RedlineEditor(host)
    QVBoxLayout(host).addWidget(editor)
    fired: list[str] = []
    for name, keys in (("undo", ["Ctrl+Z"]), ("redo", ["Ctrl+Shift+Z", "Ctrl+Y"])):
        action = QAction(name, host)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(lambda _=False, n=name: fired.append(n))
        host.addAction(action)
    show_active(qtbot, host)
    editor.load("88", BODY, [])
    editor.setFocus()
    put(editor, 3)
    qtbot.keyClicks(editor, "x")
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.keyClick(editor, Qt.Key.Key_Y, CTRL)
    assert fired == ["undo", "redo", "redo"]
    assert editor.segments() == [Segment(EQ, "We "), Segment(INS, "x"), Segment(EQ, BODY[3:])]


def test_undo_redo_through_session_commands_restore_segments(qtbot, editor: RedlineEditor, body_88: str) -> None:
    session = Session.open_draft(REV2_EXCERPT)
    stack = QUndoStack()

    def refresh() -> None:
        if normalize(editor.segments()) != session.segments_for("88"):
            editor.load("88", body_88, session.segments_for("88"))

    def on_edited(label: str, segments: list, text: str, mergeable: bool) -> None:
        before = session.snapshot()
        session.set_segments(label, segments)
        stack.push(SessionCommand(session, before, session.snapshot(), text, refresh, label, mergeable))

    editor.edited.connect(on_edited)
    editor.load("88", body_88, session.segments_for("88"))
    start = body_88.index("description")
    put(editor, start, start + len("description"))
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor, "working definition")
    edited = editor.segments()
    assert stack.count() == 2  # the strike, then the typing merged into one command
    assert session.segments_for("88") == edited
    struck = [Segment(EQ, body_88[:start]), Segment(DEL, "description"), Segment(EQ, body_88[start + 11:])]
    stack.undo()
    assert session.segments_for("88") == struck and editor.segments() == struck
    stack.undo()
    assert session.amendment_for("88") is None and editor.segments() == [Segment(EQ, body_88)]
    assert shown(editor) == [Segment(EQ, body_88)]
    stack.redo()
    stack.redo()
    assert session.segments_for("88") == edited and editor.segments() == edited and shown(editor) == edited


def test_arabic_typing(qtbot, editor: RedlineEditor) -> None:
    body = "نؤكد من جديد وصف حوكمة الإنترنت."
    editor.load("12", body, [])
    at = body.index("حوكمة")
    put(editor, at)
    type_keys(editor, "تعريف ")
    assert editor.segments() == [Segment(EQ, body[:at]), Segment(INS, "تعريف "), Segment(EQ, body[at:])]
    word = body.index("وصف")
    put(editor, word, word + len("وصف"))
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.segments()[1] == Segment(DEL, "وصف")
    assert shown(editor) == editor.segments()
    assert editor.document().firstBlock().textDirection() == Qt.LayoutDirection.RightToLeft


def test_chinese_typing_and_characters_beyond_the_bmp(qtbot, editor: RedlineEditor) -> None:
    body = "我们重申互联网治理的描述。"
    editor.load("7", body, [])
    at = body.index("描述")
    put(editor, at, at + 2)
    type_keys(editor, "工作定义")
    assert editor.segments() == [Segment(EQ, body[:at]), Segment(DEL, "描述"), Segment(INS, "工作定义"),
                                 Segment(EQ, "。")]
    # U+20000 is two UTF-16 units in Qt, one character in the model: offsets must not drift.
    put(editor, 0)
    type_keys(editor, "\U00020000好")
    assert editor.segments()[0] == Segment(INS, "\U00020000好")
    assert editor.cursor_offset() == 2 and editor.textCursor().position() == 3
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.segments()[0] == Segment(EQ, body[:at])
    assert shown(editor) == editor.segments()


def test_input_method_commit_is_typed(qtbot, editor: RedlineEditor) -> None:
    editor.load("7", "互联网治理", [])
    put(editor, 3)
    preedit = QInputMethodEvent("zhong", [])
    QApplication.sendEvent(editor, preedit)
    assert editor.segments() == [Segment(EQ, "互联网治理")]  # pre-edit text is not part of the paragraph
    commit = QInputMethodEvent()
    commit.setCommitString("中文")
    QApplication.sendEvent(editor, commit)
    assert editor.segments() == [Segment(EQ, "互联网"), Segment(INS, "中文"), Segment(EQ, "治理")]
    assert editor.cursor_offset() == 5 and shown(editor) == editor.segments()


def test_input_method_composing_over_a_selection_replaces_it(qtbot, editor: RedlineEditor) -> None:
    editor.load("7", "互联网治理的描述", [])
    put(editor, 6, 8)
    QApplication.sendEvent(editor, QInputMethodEvent("gongzuo", []))
    commit = QInputMethodEvent()
    commit.setCommitString("工作")
    QApplication.sendEvent(editor, commit)
    assert editor.segments() == [Segment(EQ, "互联网治理的"), Segment(DEL, "描述"), Segment(INS, "工作")]
    assert shown(editor) == editor.segments()


def test_new_paragraph_stays_inserted_text(qtbot, editor: RedlineEditor) -> None:
    editor.load("83 bis", "", [Segment(INS, "We recognise the work.")], new_paragraph=True)
    put(editor, len("We recognise the work"))
    qtbot.keyClicks(editor, " done")
    put(editor, 0, 3)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.segments() == [Segment(INS, "recognise the work done.")]
    assert editor.document().toRawText() == "recognise the work done."
    editor.load("83 ter", "Text.", [], new_paragraph=True)
    assert editor.segments() == [Segment(INS, "Text.")] and shown(editor) == [Segment(INS, "Text.")]


def test_reloading_the_same_paragraph_keeps_the_cursor(editor: RedlineEditor) -> None:
    editor.load("88", BODY, [])
    put(editor, 10)
    editor.load("88", BODY, [Segment(DEL, "We "), Segment(EQ, BODY[3:])])
    assert editor.cursor_offset() == 10
    editor.load("89", "Short.", [])
    assert editor.cursor_offset() == 0


def test_author_colour_and_font_size(editor: RedlineEditor) -> None:
    editor.load("88", BODY, [Segment(INS, "Now "), Segment(EQ, BODY)])
    editor.set_author_colour(QColor("#228b22"))
    assert format_at(editor, 0).foreground().color() == QColor("#228b22")
    assert editor.currentCharFormat().foreground().color() == QColor("#228b22")
    editor.set_font_size(17)
    assert editor.document().defaultFont().pointSize() == 17


def test_outside_changes_to_the_document_are_undone(qtbot, editor: RedlineEditor, edits: list) -> None:
    editor.load("88", BODY, [])
    QTextCursor(editor.document()).insertText("sneaky ")
    qtbot.waitUntil(lambda: editor.document().toRawText() == BODY)
    assert shown(editor) == [Segment(EQ, BODY)] and edits == []


# Random editing by keyboard: the document always draws exactly the model's segments.
_ACTIONS = st.lists(st.tuples(st.sampled_from(["type", "backspace", "delete", "select-type", "select-delete",
                                               "word-back", "reject"]),
                              st.floats(0, 1), st.floats(0, 1), st.sampled_from(["a", "xy ", "é", "دل", "字"])),
                    min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=_ACTIONS)
def test_document_always_shows_the_model(qapp, actions: list) -> None:
    editor = RedlineEditor()
    editor.load("1", BODY, [Segment(EQ, "We "), Segment(DEL, "reaffirm"), Segment(INS, "recall"),
                            Segment(EQ, BODY[11:])])
    try:
        for kind, a, b, text in actions:
            n = len(editor.document().toRawText())
            lo, hi = sorted((round(a * n), round(b * n)))
            put(editor, lo, hi if kind.startswith("select") else None)
            if kind in ("type", "select-type"):
                type_keys(editor, text)
            elif kind in ("backspace", "word-back"):
                QTest.keyClick(editor, Qt.Key.Key_Backspace, CTRL if kind == "word-back" else Qt.KeyboardModifier(0))
            elif kind in ("delete", "select-delete"):
                QTest.keyClick(editor, Qt.Key.Key_Delete)
            else:
                editor.reject_change_at_cursor()
            assert shown(editor) == editor.segments()
            assert "".join(s.text for s in editor.segments() if s.op is not INS) == BODY
    finally:
        editor.deleteLater()
