"""kill -9 at any moment of a save leaves the old file or the new one, never a broken one (issue 5, item 2).

A worker process (save_worker.py) saves over an older version of the file and is killed with SIGKILL:
exactly between the steps of the atomic write (temporary file created, part written, before and after
fsync, before and after the rename), where the worker pauses when asked, and at moments spread over the
save's measured duration. After each kill the target is byte-identical to the old file (killed before the
rename) or to the new one (after it), and is a sound .docx / a project that loads.

Temporary files: a kill before the rename leaves the worker's temporary file, `.<name>.<pid>.<random>.tmp`
beside the target — hidden, ending in .tmp, so nothing opens it as the document. The next save of the same
file removes the ones of processes no longer running (app.atomic.remove_stale_temps); for autosaves, the
next start does (widgets.recovery.find_recovery), and recovery never offers them.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from app.atomic import atomic_write_bytes
from app.project import load_project, save_project
from app.wiring.session import Session
from tests.docx_io.docx_factory import make_docx

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="kills with SIGKILL (POSIX)")

WORKER = Path(__file__).with_name("save_worker.py")
DATE_OLD, DATE_NEW = "2025-01-01T09:00:00+00:00", "2025-12-09T10:00:00+00:00"
WORDS = ["the", "member", "states", "reaffirm", "their", "commitment", "to", "digital", "cooperation", "and",
         "development", "of", "internet", "governance", "forum", "access", "capacity", "building", "inclusive"]


@dataclass
class Killed:
    """What one killed worker left."""

    pid: int
    completed: bool  # the save had finished (printed DONE) before the kill
    stdout: str


def _worker(args: list[str], *, pause: str = "", delay: float | None = None) -> Killed:
    """Run the worker; kill it at the `pause` stage, or `delay` seconds after READY. Completes if neither."""
    env = {**os.environ, "RD_PAUSE": pause, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    child = subprocess.Popen([sys.executable, str(WORKER), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=env)
    assert child.stdout is not None and child.stderr is not None
    seen: list[str] = []
    try:
        if pause or delay is not None:
            wanted = f"AT {pause}" if pause else "READY"
            for line in child.stdout:
                seen.append(line.strip())
                if line.strip() == wanted or line.startswith("DONE"):
                    break
            else:
                pytest.fail(f"worker ended before {wanted!r}: {seen} {child.stderr.read()}")
            if not pause and delay:
                time.sleep(delay)
            child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    seen += out.split("\n")
    if not (pause or delay is not None):
        assert child.returncode == 0, err
    else:
        assert child.returncode == -signal.SIGKILL or any(s.startswith("DONE") for s in seen), err
    if pause:
        assert f"AT {pause}" in seen, f"the worker never reached {pause}: {seen}"
    return Killed(child.pid, any(s.startswith("DONE") for s in seen), "\n".join(seen))


def _duration(killed: Killed) -> float:
    done = next(s for s in killed.stdout.split("\n") if s.startswith("DONE"))
    return float(done.split()[1])


def _stage_counts(killed: Killed) -> dict[str, int]:
    done = next(s for s in killed.stdout.split("\n") if s.startswith("DONE"))
    return {k: int(v) for k, v in (item.split("=") for item in done.split()[2:])}


def _temps(folder: Path, target: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{target.name}."))


def _assert_only_temps_of(folder: Path, target: Path, pid: int, expected: set[str]) -> None:
    """Besides the expected files, only temporary files of the killed process, named as such."""
    others = {p.name for p in folder.iterdir()} - expected
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.{pid}\.[A-Za-z0-9_]+\.tmp$")
    assert all(pattern.match(name) for name in others), f"unexpected files after the kill: {sorted(others)}"
    assert len(others) <= 1


def _sound_docx(path: Path) -> None:
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        etree.fromstring(zf.read("word/document.xml"))


def _stage_points(counts: dict[str, int]) -> list[str]:
    """Every step of the atomic write, and a spread of the writes into the temporary file."""
    writes = counts.get("write", 0)
    picks = (1, 2, writes // 4, writes // 2, 3 * writes // 4, writes - 1, writes)
    spread = sorted({n for n in picks if 0 < n <= writes})
    return (["created:1", *(f"write:{n}" for n in spread), "fsync:1", "synced:1", "replace:1", "replaced:1",
             "fsync:2", "synced:2"])


def _before_rename(point: str) -> bool:
    return point.split(":")[0] in ("created", "write", "fsync", "synced", "replace") and point not in (
        "fsync:2", "synced:2")


# ----- a redlined .docx export -----

@pytest.fixture(scope="module")
def big_draft(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """A 1,500-paragraph draft (about 0.5 MB zipped) and a text form amending every tenth paragraph."""
    folder = tmp_path_factory.mktemp("big_draft")
    lines = [f"{i}. " + " ".join(WORDS[(i * 7 + j * 3) % len(WORDS)] for j in range(300)) + "."
             for i in range(1, 1501)]
    draft = make_docx(folder / "draft.docx", lines)
    amended = [line.replace(" the ", " ~~the~~**a** ", 1) for line in lines[::10] if " the " in line]
    text_form = folder / "amendments.md"
    text_form.write_text("\n\n".join(amended) + "\n", encoding="utf-8")
    yield draft, text_form


def test_kill_during_a_docx_export_leaves_old_or_new(tmp_path: Path, big_draft: tuple[Path, Path]) -> None:
    draft, text_form = big_draft
    target = tmp_path / "redline.docx"
    _worker(["docx", str(draft), str(text_form), str(target), DATE_OLD])
    old = target.read_bytes()
    reference = tmp_path / "reference" / "redline.docx"
    reference.parent.mkdir()
    measured = _worker(["docx", str(draft), str(text_form), str(reference), DATE_NEW])
    new = reference.read_bytes()
    assert new != old
    _sound_docx(reference)
    args = ["docx", str(draft), str(text_form), str(target), DATE_NEW]
    duration = _duration(measured)

    points: list[tuple[str, float | None]] = [(p, None) for p in _stage_points(_stage_counts(measured))]
    points += [("", duration * k / 10) for k in range(11)]  # 0 % .. 100 % of the save
    mid_save = 0
    for pause, delay in points:
        killed = _worker(args, pause=pause, delay=delay)
        got = target.read_bytes()
        where = pause or f"{delay:.3f} s"
        assert got in (old, new), f"killed at {where}: the target is neither the old nor the new file"
        if pause:
            assert got == (old if _before_rename(pause) else new), f"killed at {where}"
            mid_save += 1
        elif not killed.completed:
            mid_save += 1
        _sound_docx(target)
        _assert_only_temps_of(tmp_path, target, killed.pid, {"redline.docx", "reference"})
        if pause and _before_rename(pause):
            assert len(_temps(tmp_path, target)) == 1, f"killed at {where}: the temporary file should be left"
        atomic_write_bytes(target, old)  # the next save (back to the old version) removes the dead one's temporary
        assert _temps(tmp_path, target) == [], f"killed at {where}: the next save left a temporary file"
    assert mid_save >= len(points) // 2, "too few kills landed during the save"


# ----- a project file -----

@pytest.fixture
def projects(tmp_path: Path, big_draft: tuple[Path, Path]) -> tuple[Path, Path]:
    """An older project file (one amendment) at the target, and a newer one (many) to save over it."""
    draft, text_form = big_draft
    session = Session.open_draft(draft)
    session.import_text_form(text_form.read_text(encoding="utf-8"), author="Worker")
    source = tmp_path / "source" / "newer.json"
    source.parent.mkdir()
    session.save(source)
    target = tmp_path / "project.json"
    session.amendments = session.amendments[:1]
    session.save(target)
    return source, target


def test_kill_during_a_project_save_leaves_old_or_new(tmp_path: Path, projects: tuple[Path, Path]) -> None:
    source, target = projects
    old = target.read_bytes()
    reference = tmp_path / "source" / "reference.json"
    measured = _worker(["project", str(source), str(reference)])
    new = reference.read_bytes()
    assert new != old and len(load_project(reference).amendments) > 1
    args = ["project", str(source), str(target)]
    duration = _duration(measured)
    points: list[tuple[str, float | None]] = [(p, None) for p in _stage_points(_stage_counts(measured))]
    points += [("", duration * k / 4) for k in range(5)]
    for pause, delay in points:
        killed = _worker(args, pause=pause, delay=delay)
        got = target.read_bytes()
        where = pause or f"{delay:.3f} s"
        assert got in (old, new), f"killed at {where}: the project file is neither the old nor the new one"
        if pause:
            assert got == (old if _before_rename(pause) else new), f"killed at {where}"
        assert load_project(target).amendments
        _assert_only_temps_of(tmp_path, target, killed.pid, {"project.json", "source"})
        if pause and _before_rename(pause):
            assert len(_temps(tmp_path, target)) == 1, f"killed at {where}: the temporary file should be left"
        save_project(load_project(source if got == new else target), tmp_path / "other.json")
        assert len(_temps(tmp_path, target)) <= 1, "a save of another file must not touch this one's temporary"
        atomic_write_bytes(target, old)  # the next save of the same file removes the dead process's temporary
        assert _temps(tmp_path, target) == [], f"killed at {where}: the next save left a temporary file"
        (tmp_path / "other.json").unlink()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ----- autosave, and recovery after the crash -----

def test_kill_during_an_autosave_leaves_a_recovery_file_that_is_offered(tmp_path: Path,
                                                                        projects: tuple[Path, Path]) -> None:
    from widgets.recovery import discard_recovery, find_recovery, recovery_file, restore_recovery

    source, _ = projects
    folder = tmp_path / "recovery"
    first = _worker(["autosave", str(source), str(folder)])
    counts = _stage_counts(first)
    assert counts["created"] == 2, counts  # the note naming the project, then the recovery file
    discard_recovery(recovery_file(folder, first.pid))  # the measuring run ended without closing
    # Two atomic writes: the origin note (…:1), then the recovery file (…:2); and times over the whole autosave.
    # Stages: fsync:1 and :2 are the note's and its folder's, fsync:3 and :4 the recovery file's and its folder's.
    origin = ["created:1", "write:1", "fsync:1", "replace:1", "replaced:1", "fsync:2"]
    recovery = ["created:2", "write:2", "fsync:3", "synced:3", "replace:2", "replaced:2", "fsync:4"]
    points: list[tuple[str, float | None]] = [(p, None) for p in origin + recovery]
    points += [("", _duration(first) * k / 3) for k in range(4)]
    amendments = len(load_project(source).amendments)
    for pause, delay in points:
        killed = _worker(["autosave", str(source), str(folder)], pause=pause, delay=delay)
        lines = killed.stdout.split("\n")
        sha_first = next(s.split()[1] for s in lines if s.startswith("FIRST"))
        sha_second = next(s.split()[1] for s in lines if s.startswith("SECOND"))
        written = recovery_file(folder, killed.pid)
        where = pause or f"{delay:.3f} s"
        second = _sha(written) == sha_second
        assert second or _sha(written) == sha_first, f"killed at {where}: a broken recovery file"
        if pause:
            expect_new = pause in ("replaced:2", "fsync:4")
            assert second == expect_new, f"killed at {where}"
            left = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
            renamed = pause in ("replaced:1", "fsync:2", "replaced:2", "fsync:4")
            assert len(left) == (0 if renamed else 1), f"killed at {where}: {left}"
            assert all(name.startswith(".session-") for name in left)  # never taken for a recovery file
        assert find_recovery(folder) == written, f"killed at {where}: the recovery file is not offered"
        assert not any(p.name.endswith(".tmp") for p in folder.iterdir()), "the start did not clean up"
        session = restore_recovery(written)
        assert session.dirty
        assert len(session.amendments) == amendments + (1 if second else 0), f"killed at {where}"
        assert list(folder.iterdir()) == [], f"killed at {where}: recovery left files behind"
