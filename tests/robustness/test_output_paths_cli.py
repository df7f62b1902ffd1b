"""Outputs that cannot be written, through the command line (app/atomic.py is tested in tests/app/test_atomic.py):
a read-only file, a folder, a file open in Word (its ~$ lock file), a missing or read-only folder.
Each: exit 1, one line on stderr, no partial or temporary file, an existing output unchanged.
(A full disk is covered by tests/robustness/test_inputs_untouched.py.)"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.robustness import hostile
from tests.robustness.cli_run import run_cli


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "amendments.md").write_text(hostile.AMENDMENT, encoding="utf-8")
    return hostile.base_docx(folder / "draft.docx"), folder / "amendments.md"


def _commands(draft: Path, amendments: Path, out: Path) -> dict[str, list[str | Path]]:
    return {
        "apply": ["apply", draft, amendments, "-o", out, "--author", "T"],
        "merge": ["merge", draft, amendments, "-o", out],
        "compare": ["compare", draft, draft, "-o", out, "--author", "T"],
    }


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("command", ["apply", "merge", "compare"])
def test_read_only_output_is_left_as_it_was(command: str, inputs: tuple[Path, Path], tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = hostile.base_docx(out_dir / "amended.docx")
    before = out.read_bytes()
    out.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        run_cli(*_commands(*inputs, out)[command]).refused("read-only", str(out))
        assert out.read_bytes() == before
        assert _listing(out_dir) == ["amended.docx"]
    finally:
        out.chmod(0o644)


@pytest.mark.own_structure_check  # a folder named *.docx
@pytest.mark.parametrize("command", ["apply", "merge", "compare"])
def test_a_folder_as_output_is_refused(command: str, inputs: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    out.mkdir()
    run_cli(*_commands(*inputs, out)[command]).refused("is a folder")
    assert out.is_dir() and _listing(out) == []


@pytest.mark.own_structure_check  # the lock file is named *.docx
@pytest.mark.parametrize("lock_name", ["~$ended.docx", "~$amended.docx"])  # Word's two ways of naming it
@pytest.mark.parametrize("command", ["apply", "merge", "compare"])
def test_an_output_open_in_word_is_refused(command: str, lock_name: str, inputs: tuple[Path, Path],
                                           tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = hostile.base_docx(out_dir / "amended.docx")
    before = out.read_bytes()
    (out_dir / lock_name).write_bytes(b"\x0bJane Doe" + b"\x00" * 150)
    run_cli(*_commands(*inputs, out)[command]).refused("is open in Word (lock file '~$", "close it there")
    assert out.read_bytes() == before
    assert _listing(out_dir) == sorted(["amended.docx", lock_name])


def test_a_missing_folder_is_refused(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "out.docx"
    run_cli(*_commands(*inputs, out)["apply"]).refused("does not exist")
    assert not out.parent.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_refused(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out_dir.chmod(0o555)
    try:
        run_cli(*_commands(*inputs, out_dir / "out.docx")["apply"]).refused("not writable")
        assert _listing(out_dir) == []
    finally:
        out_dir.chmod(0o755)


def test_the_draft_itself_as_output_is_refused(inputs: tuple[Path, Path]) -> None:
    draft, amendments = inputs
    before = draft.read_bytes()
    run_cli("apply", draft, amendments, "-o", draft, "--author", "T").refused("is an input file")
    assert draft.read_bytes() == before
