"""Run the command line in a subprocess and measure what it cost (CPU time and peak memory, not wall time).

The tests assert ceilings, not speed targets: an amplification (a bomb inflated, a quadratic loop,
a recursion) costs minutes or gigabytes, far above the 60 s of CPU and 500 MB allowed here, while a
slow or loaded CI machine stays well under them. The speed budget itself (5 s of CPU per command) is
measured by `bench/hostile.py`. The subprocess also gets a wall-clock timeout, so a hang fails
instead of blocking the suite.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MAX_CPU_SECONDS = 60.0
MAX_RSS_BYTES = 500 * 1024 * 1024
TIMEOUT_SECONDS = 120.0


@dataclass(frozen=True)
class Run:
    """How one command went."""

    code: int
    stdout: str
    stderr: str
    cpu_seconds: float
    max_rss_bytes: int

    def within_limits(self) -> None:
        """Assert the ceilings: 60 s of CPU and 500 MB of memory."""
        assert self.cpu_seconds < MAX_CPU_SECONDS, f"{self.cpu_seconds:.2f} s of CPU"
        assert self.max_rss_bytes < MAX_RSS_BYTES, f"{self.max_rss_bytes / 2**20:.0f} MB peak memory"

    def refused(self, *needles: str) -> str:
        """Assert a clean refusal: exit 1, nothing on stdout, one line on stderr holding every needle
        (case-insensitive), no traceback, within the limits. Returns the line."""
        assert self.code == 1, (self.code, self.stderr)
        assert self.stdout == "", self.stdout
        assert self.stderr.endswith("\n") and self.stderr.count("\n") == 1, self.stderr
        assert "Traceback" not in self.stderr
        line = self.stderr.strip()
        assert line.startswith("redline-desk: error: "), line
        for needle in needles:
            assert needle.lower() in line.lower(), (needle, line)
        self.within_limits()
        return line


# Started by the test process, this launcher runs the command as its own child and reports that child's rusage. A
# child forked straight from pytest would count pytest's own memory at the fork in its peak RSS (Linux keeps the
# high-water mark across exec), so a suite grown past 500 MB would fail every check; the launcher is a fresh small
# process, and its child's peak is the command's own.
_LAUNCHER = """
import json, os, subprocess, sys
proc = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(proc.pid, 0)
with open(sys.argv[1], "w", encoding="utf-8") as f:
    json.dump([os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss], f)
"""


def run_cli(*args: str | Path, cwd: Path | None = None) -> Run:
    """Run `python main.py ARGS` with its own stdout and stderr files; its CPU time and peak memory as the
    launcher above measures them."""
    env = {k: v for k, v in os.environ.items() if k != "REDLINE_DESK_DEBUG"}
    env["PYTHONPATH"] = str(REPO)
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        measured = Path(tmp) / "usage.json"
        command = [sys.executable, "-c", _LAUNCHER, str(measured), sys.executable, str(REPO / "main.py"),
                   *map(str, args)]
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=cwd or REPO, env=env,
                                start_new_session=True)  # a group of its own: a hang is killed with its child
        try:
            proc.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise AssertionError(f"timed out after {TIMEOUT_SECONDS:.0f} s: {args}") from None
        code, cpu, maxrss = json.loads(measured.read_text(encoding="utf-8"))
        out.seek(0)
        err.seek(0)
        return Run(code, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   cpu, maxrss * 1024)
