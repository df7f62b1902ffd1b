"""Damaged, truncated, hostile and newer project files: refused with one line (load_project and the
command line, which takes projects as amendments), the file left byte-identical, nothing written.
(tests/app/test_project.py covers the simpler corruptions in-process.)"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import app.project as project_module
from app.errors import ProjectError
from app.project import SCHEMA_VERSION, load_project, save_project
from tests.app.test_project import full_project
from tests.robustness import hostile
from tests.robustness.cli_run import run_cli


def _edited(edit: Callable[[dict[str, Any]], object]) -> Callable[[str], str]:
    def make(saved: str) -> str:
        data = copy.deepcopy(json.loads(saved))
        edit(data)
        return json.dumps(data)
    return make


def _amendment(key: str, value: object) -> Callable[[dict[str, Any]], object]:
    return lambda d: d["amendments"][0].__setitem__(key, value)


# name: (the file's text made from a sound saved project, words of the message)
CASES: dict[str, tuple[Callable[[str], str], str]] = {
    "truncated": (lambda s: s[: len(s) // 2], "not a valid project file"),
    "truncated_to_nothing": (lambda s: "", "not a valid project file"),
    "newer_schema": (_edited(lambda d: d.__setitem__("schema_version", SCHEMA_VERSION + 1)), "newer Redline Desk"),
    "far_newer_schema": (_edited(lambda d: d.__setitem__("schema_version", 10**400)), "newer Redline Desk"),
    "schema_true": (_edited(lambda d: d.__setitem__("schema_version", True)), "no valid schema version"),
    "nested_deeply": (lambda s: "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "nested_amendments": (lambda s: s.replace('"amendments": [', '"amendments": [' + "[" * 50_000 + "]" * 50_000
                                              + ",", 1), "not a valid project file"),
    "chosen_infinite": (_edited(_amendment("chosen", 1e309)), "damaged project file"),
    "chosen_out_of_range": (_edited(_amendment("chosen", 7)), "chooses option 7"),
    "group_not_text": (_edited(_amendment("group", {"a": 1})), "'group' is not text"),
    "new_label_not_text": (_edited(_amendment("new_label", [1])), "'new_label' is not text"),
    "review_not_object": (_edited(lambda d: (d.__setitem__("schema_version", 2), d.__setitem__("review", "x"))),
                          "damaged project file"),
    "review_incomplete": (_edited(lambda d: (d.__setitem__("schema_version", 2),
                                             d.__setitem__("review", {"inputs": 5}))), "damaged project file"),
    "a_docx_named_json": (lambda s: "PK\x03\x04" + "\x00" * 40, "not a valid project file"),
}


@pytest.fixture
def saved(tmp_path: Path) -> str:
    path = tmp_path / "sound.json"
    save_project(full_project(), path)
    text = path.read_text(encoding="utf-8")
    path.unlink()
    return text


@pytest.mark.parametrize("case", list(CASES))
def test_load_project_refuses(case: str, saved: str, tmp_path: Path) -> None:
    make, needle = CASES[case]
    path = tmp_path / "p.json"
    path.write_text(make(saved), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ProjectError) as info:
        load_project(path)
    message = str(info.value)
    assert needle in message and "\n" not in message and len(message) < 400, message
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.json"]


def test_an_oversized_project_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(project_module, "MAX_PROJECT_BYTES", 100)
    path = tmp_path / "p.json"
    path.write_text("[" + " " * 200 + "]", encoding="utf-8")
    with pytest.raises(ProjectError, match="too large for a project file"):
        load_project(path)


CLI_CASES = ["truncated", "newer_schema", "nested_deeply", "chosen_infinite", "review_not_object"]


@pytest.mark.parametrize("case", CLI_CASES)
def test_cli_refuses_a_bad_project(case: str, saved: str, tmp_path: Path) -> None:
    make, needle = CASES[case]
    draft = hostile.base_docx(tmp_path / "draft.docx")
    path = tmp_path / "p.json"
    path.write_text(make(saved), encoding="utf-8")
    before = path.read_bytes()
    listing = sorted(p.name for p in tmp_path.iterdir())
    run_cli("apply", draft, path, "-o", tmp_path / "out.docx", "--author", "T").refused(needle)
    run_cli("merge", draft, path, "-o", tmp_path / "merged.docx").refused(needle)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing
