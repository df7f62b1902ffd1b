"""Atomic writes and the output-path checks that run before any work."""

from __future__ import annotations

from pathlib import Path
from typing import IO

import pytest

from app.atomic import atomic_write, atomic_write_bytes, atomic_write_text, check_output_path
from app.errors import OutputError

pytestmark = pytest.mark.own_structure_check  # placeholder bytes under .docx names: the files are not documents


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_atomic_write_text_creates_the_file(tmp_path: Path) -> None:
    out = tmp_path / "redline.md"
    atomic_write_text(out, "66. We ~~invite~~ **request** — 中文\n")
    assert out.read_bytes() == "66. We ~~invite~~ **request** — 中文\n".encode()
    assert names(tmp_path) == ["redline.md"]


def test_atomic_write_replaces_existing_content(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    out.write_bytes(b"old")
    atomic_write_bytes(out, b"new content")
    assert out.read_bytes() == b"new content"
    assert names(tmp_path) == ["out.docx"]


def test_existing_permissions_are_kept(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old")
    out.chmod(0o640)
    atomic_write_text(out, "new")
    assert out.stat().st_mode & 0o777 == 0o640


class Boom(Exception):
    pass


def test_failure_in_writer_leaves_existing_file_and_no_temp(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    out.write_bytes(b"precious original")

    def writer(fh: IO[bytes]) -> None:
        fh.write(b"half written")
        raise Boom("writer failed")

    with pytest.raises(Boom):
        atomic_write(out, writer)
    assert out.read_bytes() == b"precious original"
    assert names(tmp_path) == ["out.docx"]


def test_os_error_in_writer_becomes_output_error(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    out.write_bytes(b"precious original")

    def writer(fh: IO[bytes]) -> None:
        fh.write(b"partial")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match="nothing was changed"):
        atomic_write(out, writer)
    assert out.read_bytes() == b"precious original"
    assert names(tmp_path) == ["out.docx"]


def test_failure_when_no_file_existed_leaves_nothing(tmp_path: Path) -> None:
    def writer(fh: IO[bytes]) -> None:
        raise Boom("early")

    with pytest.raises(Boom):
        atomic_write(tmp_path / "new.docx", writer)
    assert names(tmp_path) == []


def test_output_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "out.docx"
    folder.mkdir()
    with pytest.raises(OutputError, match="folder"):
        atomic_write_text(folder, "x")
    assert names(folder) == []


def test_output_in_missing_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "out.docx"
    with pytest.raises(OutputError, match="does not exist"):
        atomic_write_text(out, "x")
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize(
    ("out_name", "lock_name"),
    [
        ("rev2.docx", "~$rev2.docx"),
        ("negotiation.docx", "~$negotiation.docx"),
        # Word replaces the first two letters of a long name.
        ("negotiation.docx", "~$gotiation.docx"),
    ],
)
def test_output_open_in_word_is_refused(tmp_path: Path, out_name: str, lock_name: str) -> None:
    out = tmp_path / out_name
    out.write_bytes(b"original")
    (tmp_path / lock_name).write_bytes(b"lock")
    with pytest.raises(OutputError, match="open in Word"):
        atomic_write_bytes(out, b"new")
    assert out.read_bytes() == b"original"
    assert names(tmp_path) == sorted([lock_name, out_name])


def test_lock_file_of_another_document_does_not_matter(tmp_path: Path) -> None:
    (tmp_path / "~$other.docx").write_bytes(b"lock")
    out = tmp_path / "report.docx"
    check_output_path(out)
    atomic_write_bytes(out, b"ok")
    assert out.read_bytes() == b"ok"


def test_read_only_output_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "ro.docx"
    out.write_bytes(b"original")
    out.chmod(0o444)
    with pytest.raises(OutputError, match="read-only"):
        atomic_write_bytes(out, b"new")
    assert out.read_bytes() == b"original"


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temporary_files_are_hidden_and_named_after_target_and_process(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    seen: list[str] = []

    def writer(fh: IO[bytes]) -> None:
        seen.extend(p.name for p in tmp_path.iterdir())
        fh.write(b"x")

    atomic_write(tmp_path / "out.docx", writer)
    assert len(seen) == 1 and seen[0].startswith(f".out.docx.{os.getpid()}.") and seen[0].endswith(".tmp")


def test_next_save_removes_temporaries_of_dead_processes_only(tmp_path: Path) -> None:
    import os

    from app.atomic import remove_stale_temps

    dead, alive = _dead_pid(), os.getppid()
    left = [
        f".out.docx.{dead}.abc123.tmp",  # a save killed midway: removed
        f".out.docx.{alive}.def456.tmp",  # another process saving right now: kept
        f".other.docx.{dead}.abc123.tmp",  # another file's: kept (its own next save removes it)
        ".out.docx.notapid.tmp", "out.docx.tmp",  # not ours: kept
    ]
    for name in left:
        (tmp_path / name).write_bytes(b"partial")
    atomic_write_bytes(tmp_path / "out.docx", b"new")
    assert names(tmp_path) == sorted(["out.docx", *left[1:]])
    assert remove_stale_temps(tmp_path / "other.docx") == [tmp_path / left[2]]


def test_a_long_file_name_still_gets_a_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / ("Проект резолюции " * 7 + "Annex II final text.docx")  # 248 bytes in UTF-8, of 255
    assert 245 < len(out.name.encode()) < 255  # ".<name>.<pid>.<random>.tmp" would be too long
    atomic_write_bytes(out, b"ok")
    assert out.read_bytes() == b"ok" and names(tmp_path) == [out.name]
