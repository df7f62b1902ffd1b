"""The command line's progress line (app/wiring/progress.py) and Ctrl+C during a large merge."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.wiring.progress import TerminalProgress, terminal_progress

REPO = Path(__file__).resolve().parents[2]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_progress_when_stderr_is_not_a_terminal() -> None:
    stream = io.StringIO()
    with terminal_progress("merge", "redline-desk", stream) as progress:
        assert progress is None
    assert stream.getvalue() == ""


def test_the_line_overwrites_itself_and_is_cleared() -> None:
    now = [0.0]
    stream = _Terminal()
    bar = TerminalProgress(stream, "merge", "redline-desk", delay=0.5, clock=lambda: now[0])
    bar(0, 3, "reading draft.docx")
    assert stream.getvalue() == "", "a quick run prints nothing"
    now[0] = 1.0
    bar(1, 3, "reading a-much-longer-name.docx")
    bar(2, 3, "merging")
    text = stream.getvalue()
    assert "\n" not in text and text.startswith("\rredline-desk: merge: reading a-much-longer-name.docx (2/3)")
    last = text.rsplit("\r", 1)[1]
    assert last.rstrip() == "redline-desk: merge: merging (3/3)" and len(last) == len(text.split("\r")[1])
    bar.clear()
    assert stream.getvalue().endswith("\r" + " " * len(last.rstrip()) + "\r")


def test_the_line_is_cleared_when_the_run_fails() -> None:
    stream = _Terminal()
    with pytest.raises(KeyboardInterrupt), terminal_progress("compare", "redline-desk", stream) as progress:
        assert isinstance(progress, TerminalProgress)
        progress._start -= 10  # past the delay
        progress(0, 4, "reading old.docx")
        raise KeyboardInterrupt
    assert stream.getvalue().endswith("\r")
    assert stream.getvalue().rsplit("\r", 2)[1].strip() == ""


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a running process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads CPU time from /proc")
def test_ctrl_c_during_a_large_merge_exits_130_with_one_line_and_no_output(tmp_path: Path) -> None:
    from app.wiring.apply import compare_files
    from bench.generate import make_draft, make_revision, render

    items = make_draft(n=4000)
    draft, revision, redline = tmp_path / "draft.docx", tmp_path / "revision.docx", tmp_path / "redline.docx"
    render(items, draft)
    render(make_revision(items, n_edits=400).items, revision)
    compare_files(draft, revision, redline, "Delegation A", datetime(2026, 1, 1, tzinfo=UTC))
    before = sorted(p.name for p in tmp_path.iterdir())
    out = tmp_path / "merged.docx"
    env = {k: v for k, v in os.environ.items() if k != "REDLINE_DESK_DEBUG"}
    env["PYTHONPATH"] = str(REPO)
    proc = subprocess.Popen([sys.executable, str(REPO / "main.py"), "merge", str(draft), str(redline), str(redline),
                             "-o", str(out)], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    try:
        # Mid-run: past the imports (about 0.3 s of CPU), long before the merge ends (about 5 s of CPU here).
        deadline = time.monotonic() + 60
        while proc.poll() is None and _cpu_seconds(proc.pid) < 1.0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the merge ended before it could be interrupted"
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, stderr
    assert stderr.decode().splitlines() == ["redline-desk: interrupted; no output was written"]
    assert stdout == b""
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == before, "no temporary file left behind"
