"""The editor on every label scheme (issue 11): Go to (Ctrl+G) takes every spelling and lands on the right
paragraph, and amending a table cell or a preambular paragraph from the editor exports what the CLI's `apply` of
the same amendment exports."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.wiring.cli import main as cli_main
from tests.docx_io.un_labelled_docs import cells_doc, report_doc, resolution_doc
from tests.widgets.window_helpers import Dialogs, capture_dialogs, make_window, select_in_editor
from widgets.dialogs.goto_dialog import GoToDialog
from widgets.main_window import MainWindow
from widgets.navigator.paragraph_navigator import LABEL_ROLE

DATE = datetime(2025, 12, 9, 10, 0, tzinfo=UTC)
UN = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "un"
Builder = Callable[[Path], object]
DOCS: dict[str, Builder] = {"resolution": resolution_doc, "report": report_doc, "cells": cells_doc}

# (document, what a user types, the label it must land on)
SPELLINGS = [
    ("resolution", "PP2", "PP2"), ("resolution", "pp 1", "PP1"), ("resolution", "OP2", "2"), ("resolution", "2", "2"),
    ("resolution", "OP1 (a)", "1 (a)"), ("resolution", "１", "1"), ("resolution", "ＰＰ２", "PP2"),
    ("report", "29.1", "29.1"), ("report", "２９．２", "29.2"), ("report", "IS1.1", "IS1.1"),
    ("report", "annex I, 2", "annex I, 2"), ("report", "Annex I, para 1", "annex I, 1"),
    ("report", "T1R1C2", "table 1, row 1, column 2"),
    ("cells", "table 1, row 2, column 3", "table 1, row 2, column 3"),
    ("cells", "T1R2C3P2", "table 1, row 2, column 3, paragraph 2"),
    ("cells", "table 1, row 1, column 1, paragraph 3", "table 1, row 1, column 1, paragraph 3"),
    ("cells", "Ｔ２Ｒ１Ｃ２", "table 2, row 1, column 2"),
]


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return capture_dialogs(monkeypatch)


def _open(qtbot: QtBot, tmp_path: Path, doc: str) -> tuple[MainWindow, Path]:
    path = tmp_path / f"{doc}.docx"
    DOCS[doc](path)
    window = make_window(qtbot, tmp_path)
    assert window.open_draft(path)
    return window, path


@pytest.mark.parametrize(("doc", "typed", "label"), SPELLINGS)
def test_go_to_every_spelling_lands_on_the_paragraph(
    qtbot: QtBot, tmp_path: Path, dialogs: Dialogs, doc: str, typed: str, label: str,
) -> None:
    window, _ = _open(qtbot, tmp_path, doc)
    dialog = GoToDialog(window.resolve_label, window.labels())
    qtbot.addWidget(dialog)
    if typed.isascii():
        qtbot.keyClicks(dialog.edit, typed)
    else:  # QTest cannot synthesise keys outside Latin-1: typed through an input method, the text arrives whole
        dialog.edit.insert(typed)
    dialog.accept()
    assert dialog.label() == label
    assert window.go_to(typed)
    assert window.current_label == label and window.document_view.current_label() == label
    assert window.session is not None
    assert window.editor.toPlainText() == window.session.draft.by_label(label).body
    assert window.navigator.tree().currentIndex().data(LABEL_ROLE) == label


def test_go_to_on_un_budget_sections(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> None:
    window = make_window(qtbot, tmp_path)
    assert window.open_draft(UN / "A_80_6_SECT.36.docx")
    for typed, label in [("36.1", "36.1"), ("３６．１", "36.1"), ("T2R12C1", "table 2, row 12, column 1")]:
        assert window.go_to(typed) and window.current_label == label
    assert window.open_draft(UN / "A_80_6_Sect.25.docx")
    assert window.go_to("Table 25.7(2)") and window.current_label == "table 25.7 (2)"
    assert window.editor.toPlainText().strip() == "Extrabudgetary"  # the sub-heading's title, its "(2)" aside
    assert window.go_to("25.13 (c)") and window.current_label == "25.13 (c)"
    assert window.go_to("table 99, row 1, column 1") is False and window.current_label == "25.13 (c)"


def _amend_in_editor(qtbot: QtBot, window: MainWindow, label: str, word: str, new: str) -> None:
    assert window.go_to(label)
    select_in_editor(qtbot, window, word)
    qtbot.keyClicks(window.editor, new)


def _cli(draft: Path, lines: list[str], out: Path) -> None:
    amendments = out.with_suffix(".md")
    amendments.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    code = cli_main(["apply", str(draft), str(amendments), "-o", str(out), "--author", "Jane Doe",
                     "--organisation", "IMSB", "--date", DATE.isoformat()])
    assert code == 0


def _document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml").decode()


@pytest.mark.parametrize(("doc", "edits"), [
    ("resolution", [("PP1", "Recalling", "Reaffirming"), ("1 (a)", "Headquarters", "the Secretariat")]),
    ("cells", [("table 1, row 2, column 3, paragraph 2", "Second", "Next"),
               ("table 1, row 1, column 1, paragraph 3", "after", "below")]),
    ("report", [("table 1, row 1, column 1", "number", "figure"), ("annex I, 2", "every", "each")]),
])
def test_amending_a_cell_or_a_pp_paragraph_exports_what_the_cli_exports(
    qtbot: QtBot, tmp_path: Path, dialogs: Dialogs, doc: str, edits: list[tuple[str, str, str]],
) -> None:
    window, path = _open(qtbot, tmp_path, doc)
    assert window.session is not None
    lines = []
    for label, word, new in edits:
        body = window.session.draft.by_label(label).body
        lines.append(f"{label}. {body.replace(word, f'~~{word}~~**{new}**', 1)}")
        _amend_in_editor(qtbot, window, label, word, new)
    gui, cli = tmp_path / "gui.docx", tmp_path / "cli.docx"
    assert window.export(gui, "full", date=DATE) and dialogs.errors == []
    _cli(path, lines, cli)
    xml = _document_xml(gui)
    assert xml == _document_xml(cli)
    for _, word, new in edits:
        assert f">{word}</w:delText>" in xml and f">{new}</w:t>" in xml
