"""The desktop window refuses bad drafts, projects and outputs with one error dialog of one line,
and keeps the document it held."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.amendments import modify
from app.project import SCHEMA_VERSION, save_project
from app.resources import REV2_EXCERPT
from tests.app.test_project import full_project
from tests.robustness import hostile
from tests.widgets.window_helpers import Dialogs, capture_dialogs, make_window
from widgets.main_window import MainWindow

pytestmark = pytest.mark.own_structure_check  # the inputs are damaged on purpose

DRAFTS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "not_a_zip": (hostile.not_a_zip, "not a .docx"),
    "truncated": (hostile.truncated_zip, "truncated or damaged zip"),
    "crc_error": (hostile.crc_error, "damaged zip package"),
    "malformed_xml": (hostile.malformed_xml, "malformed XML"),
    "legacy_doc": (hostile.legacy_doc, "legacy Word 97-2003 .doc file"),
    "password_protected": (hostile.encrypted_docx, "password-protected"),
    "billion_laughs": (lambda p: hostile.with_entities(p, "billion_laughs"), "DOCTYPE"),
    "external_entity": (lambda p: hostile.with_entities(p, "external_file"), "DOCTYPE"),
    "zip_bomb": (lambda p: hostile.real_bomb(p, 20 * 2**20), "zip bomb"),
    "unsafe_entry": (lambda p: hostile.unsafe_entry(p, "../../escaped.xml"), "unsafe path"),
    "controls_300_deep": (lambda p: hostile.nested_blocks(p, 300, "sdt"), "nested more than"),
    "style_chain": (lambda p: hostile.style_chain(p, 100_000), "chain of more than"),
    "fifo": (lambda p: (os.mkfifo(p), p)[1], "FIFO"),
}


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return capture_dialogs(monkeypatch)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> MainWindow:
    w = make_window(qtbot, tmp_path)
    assert w.open_draft(REV2_EXCERPT)
    assert dialogs.errors == []
    return w


def _one_error(dialogs: Dialogs, title: str, needle: str) -> str:
    (shown_title, text), = dialogs.errors
    assert shown_title == title
    assert "\n" not in text and needle.lower() in text.lower(), text
    assert "Traceback" not in text
    return text


@pytest.mark.parametrize("case", list(DRAFTS))
def test_a_bad_draft_shows_one_line_and_keeps_the_document(case: str, window: MainWindow, dialogs: Dialogs,
                                                           tmp_path: Path) -> None:
    build, needle = DRAFTS[case]
    before = window.session
    path = build(tmp_path / f"{case}.docx")
    assert window.open_draft(path) is False
    _one_error(dialogs, f"Opening {path.name} failed", needle)
    assert window.session is before
    assert window.session is not None and window.session.draft_path == REV2_EXCERPT


def _project_text(tmp_path: Path, case: str) -> str:
    path = tmp_path / "sound.json"
    save_project(full_project(), path)
    text = path.read_text(encoding="utf-8")
    path.unlink()
    if case == "truncated":
        return text[: len(text) // 2]
    data = json.loads(text)
    data["schema_version"] = SCHEMA_VERSION + 1
    return json.dumps(data)


@pytest.mark.parametrize("case,needle", [("truncated", "not a valid project file"),
                                         ("newer_schema", "newer Redline Desk")])
def test_a_bad_project_shows_one_line_and_is_left_untouched(case: str, needle: str, window: MainWindow,
                                                            dialogs: Dialogs, tmp_path: Path) -> None:
    before = window.session
    path = tmp_path / "p.json"
    path.write_text(_project_text(tmp_path, case), encoding="utf-8")
    data = path.read_bytes()
    assert window.open_project(path) is False
    _one_error(dialogs, "Opening project p.json failed", needle)
    assert window.session is before
    assert path.read_bytes() == data


def test_a_project_whose_draft_is_hostile_is_refused(window: MainWindow, dialogs: Dialogs, tmp_path: Path) -> None:
    hostile.with_entities(tmp_path / "draft.docx", "billion_laughs")
    project = full_project()
    project.draft_path = "draft.docx"
    save_project(project, tmp_path / "p.json")
    data = (tmp_path / "p.json").read_bytes()
    before = window.session
    assert window.open_project(tmp_path / "p.json") is False
    _one_error(dialogs, "Opening project p.json failed", "DOCTYPE")
    assert window.session is before
    assert (tmp_path / "p.json").read_bytes() == data


def test_an_export_onto_a_file_open_in_word_is_refused(window: MainWindow, dialogs: Dialogs, tmp_path: Path) -> None:
    session = window.session
    assert session is not None
    body = session.draft.by_label("88").body
    session.amendments.append(modify(session.draft, "88", body.replace("reaffirm", "recall"), author="T"))
    out = hostile.base_docx(tmp_path / "amended.docx")
    data = out.read_bytes()
    (tmp_path / "~$ended.docx").write_bytes(b"\x0bJane Doe")
    assert window.export(out, "full") is False
    _one_error(dialogs, "Exporting amended.docx failed", "is open in Word")
    assert out.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []
