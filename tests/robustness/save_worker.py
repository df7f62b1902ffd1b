"""A process that saves one file the way the app does, to be killed (SIGKILL) at any moment of the save.

Run with the project's Python: `python tests/robustness/save_worker.py MODE ARGS...`

  project SOURCE TARGET            load the project SOURCE, save it (app.project.save_project) over TARGET
  docx DRAFT AMENDMENTS TARGET DATE  export the full redline (app.wiring.apply.write_form) of DRAFT with the text form
                                   AMENDMENTS, revisions dated DATE, over TARGET
  autosave PROJECT FOLDER          autosave (widgets.recovery.Autosaver) the project's session into FOLDER,
                                   print FIRST <sha256>, add a paragraph, print
                                   SECOND <sha256 of what the next autosave writes>, autosave again

Everything is read and prepared first; "READY" is printed just before the save starts and "DONE <seconds>"
after it, with how often each stage below was reached ("write=12"). With RD_PAUSE=STAGE:N set, the N-th time
the save reaches STAGE the worker prints "AT STAGE:N" and sleeps until it is killed, so the parent can kill it
exactly between two steps of the atomic write. Stages (counted over the whole save; an autosave writes two
files, so each stage happens twice):

  created   the temporary file exists, empty          write     after the N-th write() to the temporary file
  fsync     before an os.fsync (file, then folder)    synced    after an os.fsync
  replace   before os.replace (temporary -> target)   replaced  after os.replace, before the folder's fsync

The stages are hooks around the standard library calls app.atomic makes: the code under test is not changed.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

_counts: dict[str, int] = {}
_pause = os.environ.get("RD_PAUSE", "")
_armed = False  # hooks fire only during the save under test


def stage(name: str) -> None:
    """Count one arrival at `name`; at the requested one, say so and wait to be killed."""
    if not _armed:
        return
    _counts[name] = _counts.get(name, 0) + 1
    here = f"{name}:{_counts[name]}"
    if here == _pause:
        print(f"AT {here}", flush=True)
        while True:
            time.sleep(60)


class _Writer(io.BufferedWriter):
    def write(self, data: Any) -> int:
        n = super().write(data)
        if _armed:
            self.flush()  # what was written so far is on disk when the parent kills us
        stage("write")
        return n


def _install_hooks() -> None:
    real_mkstemp, real_fsync, real_replace, real_fdopen = tempfile.mkstemp, os.fsync, os.replace, os.fdopen

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        made = real_mkstemp(*args, **kwargs)
        stage("created")
        return made

    def fsync(fd: Any) -> None:
        stage("fsync")
        real_fsync(fd)
        stage("synced")

    def replace(src: Any, dst: Any, **kwargs: Any) -> None:
        stage("replace")
        real_replace(src, dst, **kwargs)
        stage("replaced")

    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if mode == "wb" and _armed:
            return _Writer(io.FileIO(fd, "wb", closefd=True))
        return real_fdopen(fd, mode, *args, **kwargs)

    tempfile.mkstemp = mkstemp  # type: ignore[assignment]
    os.fsync = fsync
    os.replace = replace
    os.fdopen = fdopen  # type: ignore[assignment]


def timed_save(save: Callable[[], object]) -> None:
    """Run the save under test between READY and DONE, with the hooks armed."""
    global _armed
    print("READY", flush=True)
    start = time.perf_counter()
    _armed = True
    save()
    _armed = False
    counts = " ".join(f"{name}={n}" for name, n in sorted(_counts.items()))
    print(f"DONE {time.perf_counter() - start:.4f} {counts}", flush=True)


def save_project_file(source: Path, target: Path) -> None:
    from app.project import load_project, save_project

    project = load_project(source)
    timed_save(lambda: save_project(project, target))


def export_docx(draft_path: Path, amendments: Path, target: Path, date: str) -> None:
    from app.wiring.apply import load_amendments, write_form
    from docx_io.package import read_package
    from docx_io.reader import draft_from_package

    pkg = read_package(draft_path)
    draft = draft_from_package(pkg)
    found, _ = load_amendments(draft, amendments, "Worker", "", keep_going=True)
    when = datetime.fromisoformat(date)
    timed_save(lambda: write_form(pkg, draft, found, target, form="full", author="Worker", organisation="",
                                  date=when))


def autosave(project: Path, folder: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication

    from app.wiring.session import Session
    from widgets.recovery import Autosaver

    QCoreApplication([])
    session, _ = Session.open_project(project)
    session.dirty = True
    saver = Autosaver(lambda: session, folder)
    assert saver.save_now(), "the first autosave failed"
    print(f"FIRST {_sha256(saver.path)}", flush=True)
    first = next(p.label for p in session.draft.paragraphs if p.label)
    session.insert_after(first, "A paragraph added after the first autosave.")
    expected = folder.parent / f"expected-{os.getpid()}.json"  # what the second autosave will write
    session.write_recovery(expected)
    print(f"SECOND {_sha256(expected)}", flush=True)
    expected.unlink()

    def again() -> None:
        assert saver.save_now(), "the second autosave failed"

    timed_save(again)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str]) -> int:
    _install_hooks()
    mode, *args = argv
    if mode == "project":
        save_project_file(Path(args[0]), Path(args[1]))
    elif mode == "docx":
        export_docx(Path(args[0]), Path(args[1]), Path(args[2]), args[3])
    elif mode == "autosave":
        autosave(Path(args[0]), Path(args[1]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
