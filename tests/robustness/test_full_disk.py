"""An output on a full disk (issue 5, item 1): one clear message, a non-zero CLI exit, no partial file, and
the old output (if any) unchanged.

In process, the disk fills up under the atomic writer (os.fdopen and os.fsync raise ENOSPC); through the
CLI, a child process is limited to a few kilobytes per file (RLIMIT_FSIZE, with SIGXFSZ ignored) so the
real write fails with EFBIG, as it does on a full or size-limited file system. In the desktop app, saving
and exporting show the message in a dialog and keep the unsaved work; autosave fails quietly and keeps the
previous recovery file.
"""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from app.errors import OutputError
from app.project import load_project, save_project
from app.resources import REV2_EXCERPT, SAMPLE_DRAFT, SAMPLES
from app.wiring.apply import apply_amendments, compare_files
from app.wiring.session import Session
from tests.docx_io.docx_factory import make_docx

AMENDMENTS = SAMPLES / "imsb_rev2_amendments.md"
DATE = datetime(2025, 12, 9, 10, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[2]


class _FullDisk(io.FileIO):
    """A file on a disk with `room` bytes left: what fits is written, then ENOSPC."""

    room = 0

    def write(self, data: Any) -> int:
        if len(data) > _FullDisk.room:
            if _FullDisk.room:
                written = super().write(bytes(data)[:_FullDisk.room])
                _FullDisk.room = 0
                return written
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        _FullDisk.room -= len(data)
        return super().write(data)


def _fill_disk_at(monkeypatch: pytest.MonkeyPatch, room: int) -> None:
    """Temporary files opened by app.atomic get `room` bytes, then the disk is full."""
    real = os.fdopen
    _FullDisk.room = room

    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if mode == "wb":
            return io.BufferedWriter(_FullDisk(fd, "wb", closefd=True))
        return real(fd, mode, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", fdopen)


def _full_at_fsync(monkeypatch: pytest.MonkeyPatch, room: int) -> None:
    """Everything is written, but the disk reports ENOSPC when the data is flushed to it (NFS, thin volumes)."""
    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)


def _project(out: Path) -> None:
    session = Session.open_draft(REV2_EXCERPT)
    session.import_text_form(AMENDMENTS.read_text(encoding="utf-8"), organisation="IMSB")
    save_project(session.to_project(absolute=True), out)


def _export(form: str) -> Callable[[Path], None]:
    def run(out: Path) -> None:
        apply_amendments(REV2_EXCERPT, AMENDMENTS, out, form=form, author="", organisation="IMSB", date=DATE)
    return run


def _compare(out: Path) -> None:
    compare_files(REV2_EXCERPT, SAMPLE_DRAFT, out, "CF", DATE)


SAVES: dict[str, tuple[str, Callable[[Path], None]]] = {
    "project": ("imsb.json", _project),
    "full redline": ("full.docx", _export("full")),
    "amendments": ("amendments.docx", _export("amendments")),
    "markdown": ("imsb.md", _export("markdown")),
    "compare": ("compare.docx", _compare),
}


@pytest.mark.parametrize("room", [0, 1000])
@pytest.mark.parametrize("fill", [_fill_disk_at, _full_at_fsync], ids=["on write", "on fsync"])
@pytest.mark.parametrize("what", list(SAVES))
def test_full_disk_is_one_clear_message_and_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, what: str, fill: Callable[[pytest.MonkeyPatch, int], None],
    room: int,
) -> None:
    name, save = SAVES[what]
    out = tmp_path / name
    save(out)  # the previous version, written while there was room
    old = out.read_bytes()
    os.utime(out, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    fill(monkeypatch, room)
    with pytest.raises(OutputError) as info:
        save(out)
    message = str(info.value)
    assert "\n" not in message
    assert str(out) in message and "disk is full" in message and "nothing was changed" in message
    assert "Free some space" in message and str(tmp_path) in message
    assert out.read_bytes() == old and out.stat().st_mtime_ns == 1_600_000_000_000_000_000
    assert sorted(p.name for p in tmp_path.iterdir()) == [name], "a partial or temporary file was left"
    if what == "project":
        load_project(out)


def test_full_disk_with_no_previous_file_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fill_disk_at(monkeypatch, 4096)
    with pytest.raises(OutputError, match="disk is full"):
        _export("full")(tmp_path / "new.docx")
    assert list(tmp_path.iterdir()) == []


def test_no_room_even_for_the_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    with pytest.raises(OutputError, match="disk is full") as info:
        _project(tmp_path / "p.json")
    assert "cannot create a file" in str(info.value) and "\n" not in str(info.value)
    assert list(tmp_path.iterdir()) == []


# ----- through the CLI, with a real write failing -----

def _limit_file_size() -> None:
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write then fails with EFBIG instead of killing us
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
@pytest.mark.parametrize(("name", "args"), [
    ("full.docx", ["apply", str(REV2_EXCERPT), str(AMENDMENTS), "--organisation", "IMSB"]),
    ("amendments.docx", ["apply", str(REV2_EXCERPT), str(AMENDMENTS), "--form", "amendments", "--author", "A"]),
    ("compilation.docx", ["merge", str(REV2_EXCERPT), str(AMENDMENTS), "--form", "compilation"]),
    ("compare.docx", ["compare", str(REV2_EXCERPT), str(SAMPLE_DRAFT), "--author", "CF"]),
])
@pytest.mark.parametrize("previous", [True, False], ids=["over an old file", "new file"])
def test_cli_on_a_full_disk_exits_non_zero_with_one_line(tmp_path: Path, name: str, args: list[str],
                                                         previous: bool) -> None:
    out = tmp_path / name
    if previous:
        make_docx(out, ["1. The text of an older output."])
    old = out.read_bytes() if previous else None
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "QT_QPA_PLATFORM": "offscreen"}
    env.pop("REDLINE_DESK_DEBUG", None)
    command = [sys.executable, "-m", "app.wiring.cli", *args, "-o", str(out), "--date", "2025-12-09T10:00:00Z"]
    child = subprocess.run(command,
                           cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
                           preexec_fn=_limit_file_size)
    lines = child.stderr.strip().splitlines()
    assert child.returncode == 1, child.stderr
    assert len(lines) == 1, child.stderr
    assert lines[0].startswith("redline-desk: error: ") and str(out) in lines[0]
    assert "too large" in lines[0] and "nothing was changed" in lines[0] and "Traceback" not in child.stderr
    if previous:
        assert out.read_bytes() == old
        assert sorted(p.name for p in tmp_path.iterdir()) == [name], "a partial or temporary file was left"
    else:
        assert list(tmp_path.iterdir()) == [], "a partial or temporary file was left"



# ----- in the desktop app: a dialog, and the work kept -----

def test_app_on_a_full_disk_shows_the_message_and_keeps_the_work(qtbot: Any, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.widgets.window_helpers import capture_dialogs, make_window

    dialogs = capture_dialogs(monkeypatch)
    window = make_window(qtbot, tmp_path)
    assert window.open_draft(REV2_EXCERPT) and window.session is not None
    window.session.import_text_form(AMENDMENTS.read_text(encoding="utf-8"), organisation="IMSB")
    folder = tmp_path / "work"
    folder.mkdir()
    project, export = folder / "imsb.json", folder / "imsb.docx"
    assert window.save_project(project) and window.export(export, "full", date=DATE)
    old_project, old_export = project.read_bytes(), export.read_bytes()
    assert window.go_to("88") and window.new_paragraph_after("A paragraph written when the disk was full.")
    assert window.is_modified()
    _full_at_fsync(monkeypatch, 0)
    assert not window.save_project(project)
    assert not window.export(export, "full", date=DATE)
    assert [title for title, _ in dialogs.errors] == ["Saving failed", "Exporting imsb.docx failed"]
    assert all("disk is full" in text and "nothing was changed" in text for _, text in dialogs.errors)
    assert project.read_bytes() == old_project and export.read_bytes() == old_export
    assert sorted(p.name for p in folder.iterdir()) == ["imsb.docx", "imsb.json"]
    assert window.is_modified()  # the work is still there, unsaved, for another try elsewhere


def test_autosave_on_a_full_disk_keeps_the_previous_recovery_file_quietly(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from widgets.recovery import Autosaver

    session = Session.open_draft(REV2_EXCERPT)
    session.import_text_form(AMENDMENTS.read_text(encoding="utf-8"), organisation="IMSB")
    session.dirty = True
    saver = Autosaver(lambda: session, tmp_path)
    assert saver.save_now()
    previous = saver.path.read_bytes()
    session.insert_after("88", "Typed when the disk was full.")
    _fill_disk_at(monkeypatch, 100)
    assert saver.save_now() is False  # no dialog: autosave never interrupts; the next tick tries again
    assert saver.path.read_bytes() == previous
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
