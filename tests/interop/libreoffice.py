"""Client of one long-lived headless LibreOffice (lo_server.py under Debian's Python) for the interop tests.

    from tests.interop.libreoffice import LibreOffice, TextNotFound

    lo = LibreOffice(tools_dir)           # ../shared/tools: lo_redlines.py, lo_author.py
    lo.start()
    res = lo.inspect("out.docx")          # redlines, accepted_text, rejected_text, ... (see lo_redlines.py)
    lo.author("base.docx", [{"author": "G77", "find": "urgently", "replace": "promptly"}], "g77.docx")
    lo.close()

The project's venv cannot import uno, so the Office lives in a server process run by /usr/bin/python3;
requests and answers are JSON lines. A request that outlives its timeout kills the server and its soffice; the
next request starts new ones. Errors raise LibreOfficeError (TextNotFound, also a LookupError, for an edit's
missing text) with the server's message and the tail of its stderr.
"""

from __future__ import annotations

import collections
import contextlib
import json
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

SERVER = Path(__file__).with_name("lo_server.py")
SYSTEM_PYTHON = "/usr/bin/python3"


class LibreOfficeError(RuntimeError):
    """LibreOffice (or its server) failed, timed out or answered an error."""


class TextNotFound(LibreOfficeError, LookupError):
    """An edit's "find" / "after" / "after_paragraph" text is not in the document."""


def missing_requirements(tools_dir: Path, python: str = SYSTEM_PYTHON) -> list[str]:
    """Why LibreOffice cannot be used here (empty when it can)."""
    problems = []
    if shutil.which("soffice") is None:
        problems.append("soffice not found (apt: libreoffice-writer-nogui)")
    if not os.access(python, os.X_OK):
        problems.append(f"{python} not found")
    else:
        probe = subprocess.run([python, "-I", "-c", "import uno"], capture_output=True, text=True, timeout=60)
        if probe.returncode != 0:
            problems.append(f"{python} cannot import uno (apt: python3-uno)")
    for name in ("lo_redlines.py", "lo_author.py"):
        if not (tools_dir / name).is_file():
            problems.append(f"{tools_dir / name} missing")
    return problems


class LibreOffice:
    """One lo_server.py process (and its soffice), started on demand, used by one thread at a time."""

    def __init__(
        self,
        tools_dir: Path,
        *,
        python: str = SYSTEM_PYTHON,
        timeout: float = 180.0,
        start_timeout: float = 120.0,
    ) -> None:
        self.tools_dir = Path(tools_dir)
        self.python = python
        self.timeout = timeout
        self.start_timeout = start_timeout
        self.starts = 0
        self.startup_s: float | None = None
        self._proc: subprocess.Popen[str] | None = None
        self._answers: queue.Queue[str | None] = queue.Queue()
        self._stderr: collections.deque[str] = collections.deque(maxlen=60)
        self._soffice_pid: int | None = None
        self._profile: str | None = None
        self._lock = threading.Lock()
        self._scratch = Path(tempfile.mkdtemp(prefix="redline_lo_"))

    # -- life cycle --------------------------------------------------------------------------------------
    def start(self) -> None:
        """Start the server and wait until its soffice answers (no-op when running)."""
        with self._lock:
            self._ensure_started()

    def close(self) -> None:
        """Ask the server to stop soffice and exit; kill both when it does not."""
        with self._lock:
            proc = self._proc
            if proc is not None and proc.poll() is None:
                with contextlib.suppress(OSError, ValueError):
                    assert proc.stdin is not None
                    proc.stdin.write(json.dumps({"op": "shutdown"}) + "\n")
                    proc.stdin.close()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    if proc.wait(timeout=60) == 0:  # it stopped its soffice itself
                        self._soffice_pid = self._profile = None
            self._kill()
            shutil.rmtree(self._scratch, ignore_errors=True)

    def __enter__(self) -> LibreOffice:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- requests ----------------------------------------------------------------------------------------
    def inspect(
        self, path: str | os.PathLike[str], outdir: str | os.PathLike[str] | None = None, *,
        method: str = "auto", timeout: float | None = None,
    ) -> dict[str, Any]:
        """lo_redlines.inspect() of PATH: "redlines" (type Insert/Delete/Format/ParagraphFormat, author, date,
        comment, text), "accepted_text", "rejected_text" (one line per paragraph, each ending in "\\n"),
        "text_with_pending_changes", "left_after_accept"/"left_after_reject", "record_changes", "method"."""
        if outdir is None:
            outdir = tempfile.mkdtemp(prefix="inspect_", dir=self._scratch)
        req = {"op": "inspect", "path": _abs(path), "outdir": _abs(outdir), "method": method}
        return self._request(req, timeout)

    def author(
        self, base: str | os.PathLike[str], edits: list[dict[str, Any]], out: str | os.PathLike[str], *,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """LibreOffice records EDITS (lo_author.py's JSON form) in a copy of BASE as tracked changes under
        each edit's author and stores OUT (.docx): {"out": path, "redlines": [...] as read back from OUT}."""
        req = {"op": "author", "base": _abs(base), "edits": edits, "out": _abs(out)}
        return self._request(req, timeout)

    def accept_authors(self, path: str | os.PathLike[str], authors: list[str], *,
                       timeout: float | None = None) -> dict[str, Any]:
        """Accept the tracked changes of AUTHORS in PATH and reject the others, in LibreOffice: {"text": one line
        per paragraph, "comments": [[author, content, anchored text]], "left": redlines still there}."""
        return self._request({"op": "accept_authors", "path": _abs(path), "authors": authors}, timeout)

    def comments(self, path: str | os.PathLike[str], *, timeout: float | None = None) -> list[dict[str, Any]]:
        """The comments of PATH as LibreOffice reads them, in document order: {"author", "text", "anchor" (the
        text the comment is anchored on), "resolved"}."""
        return list(self._request({"op": "comments", "path": _abs(path)}, timeout)["comments"])

    def notes(self, path: str | os.PathLike[str], *, timeout: float | None = None) -> dict[str, Any]:
        """The footnotes' and endnotes' text of PATH as LibreOffice reads them (inspect() reads the body only):
        {"pending"|"accepted"|"rejected": {"footnotes": [text per note], "endnotes": [...]}}, the changes
        pending, all accepted, all rejected. Their redlines are among inspect()'s "redlines"."""
        return self._request({"op": "notes", "path": _abs(path)}, timeout)

    def ping(self) -> dict[str, Any]:
        """{"startup_s": ..., "restarts": soffice restarts inside the current server}."""
        return self._request({"op": "ping"}, 30)

    # -- internals ---------------------------------------------------------------------------------------
    def _request(self, req: dict[str, Any], timeout: float | None) -> dict[str, Any]:
        with self._lock:
            self._ensure_started()
            proc = self._proc
            assert proc is not None and proc.stdin is not None
            try:
                proc.stdin.write(json.dumps(req) + "\n")
                proc.stdin.flush()
            except OSError as e:
                self._kill()
                raise self._error(f"{req['op']}: server gone ({e})") from None
            answer = self._read_answer(timeout or self.timeout, f"{req['op']} {_subject(req)}")
            self._soffice_pid = answer.get("soffice_pid", self._soffice_pid)
            self._profile = answer.get("profile", self._profile)
            if answer.get("ok"):
                result: dict[str, Any] = answer["result"]
                return result
            kind = TextNotFound if answer.get("error_type") == "TextNotFound" else LibreOfficeError
            detail = answer.get("traceback", "").strip().splitlines()[-12:]
            raise self._error(
                f"{req['op']} {_subject(req)}: {answer.get('error_type')}: {answer.get('error')}",
                detail, kind)

    def _ensure_started(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            return
        self._kill()
        self._answers = queue.Queue()
        self._stderr.clear()
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
        # -I: Debian's Python sees neither the venv nor the user's site. Own session: Ctrl-C reaches pytest
        # only, which then shuts the server down properly.
        self._proc = subprocess.Popen(
            [self.python, "-I", str(SERVER), str(self.tools_dir)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8", errors="replace", bufsize=1, env=env, start_new_session=True,
        )
        self.starts += 1
        assert self._proc.stdout is not None and self._proc.stderr is not None
        _pump(self._proc.stdout, self._answers.put, "lo-answers", mark_end=True)
        _pump(self._proc.stderr, self._stderr.append, "lo-stderr", mark_end=False)
        ready = self._read_answer(self.start_timeout, "start")
        if not ready.get("ready"):
            self._kill()
            raise self._error(f"LibreOffice did not start: {ready.get('error')}")
        self.startup_s = ready.get("startup_s")
        self._soffice_pid, self._profile = ready.get("soffice_pid"), ready.get("profile")

    def _read_answer(self, timeout: float, what: str) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        try:
            line = self._answers.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            self._kill()
            raise self._error(f"{what}: no answer from LibreOffice within {timeout:g} s "
                              "(server and soffice killed; the next request starts new ones)") from None
        if line is None:  # stdout closed: the server exited
            assert self._proc is not None
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._proc.wait(timeout=5)
            rc = self._proc.returncode
            self._kill()
            raise self._error(f"{what}: LibreOffice server exited (status {rc})")
        try:
            answer: dict[str, Any] = json.loads(line)
        except ValueError:
            self._kill()
            raise self._error(f"{what}: the server wrote a line that is not JSON: {line[:200]!r}") from None
        return answer

    def _kill(self) -> None:
        """Kill the server and its soffice (own process group), remove soffice's profile."""
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)
        if self._soffice_pid is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self._soffice_pid, signal.SIGKILL)
            self._soffice_pid = None
        if self._profile:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None

    def _error(
        self, message: str, detail: list[str] | None = None, kind: type[LibreOfficeError] = LibreOfficeError,
    ) -> LibreOfficeError:
        time.sleep(0.05)  # let the stderr pump catch up with a dying server
        parts = [message]
        if detail:
            parts.append("server traceback (end):\n  " + "\n  ".join(detail))
        tail = [ln.rstrip("\n") for ln in list(self._stderr)[-20:]]
        if tail:
            parts.append("server stderr (end):\n  " + "\n  ".join(tail))
        return kind("\n".join(parts))


def _pump(stream: IO[str], put: Callable[[Any], None], name: str, *, mark_end: bool) -> None:
    """Copy STREAM's lines to PUT in a daemon thread (then None, with MARK_END)."""
    def run() -> None:
        for line in stream:
            put(line)
        if mark_end:
            put(None)
    threading.Thread(target=run, name=name, daemon=True).start()


def _abs(path: str | os.PathLike[str]) -> str:
    return str(Path(path).resolve())


def _subject(req: dict[str, Any]) -> str:
    return str(req.get("path") or req.get("base") or "")
