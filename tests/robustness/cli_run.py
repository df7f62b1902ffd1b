"""Run the command line in a subprocess and measure what it cost (CPU time and peak memory, not wall time).

The tests assert ceilings, not speed targets: an amplification (a bomb inflated, a quadratic loop,
a recursion) costs minutes or gigabytes, far above the 60 s of CPU and 500 MB allowed here, while a
slow or loaded CI machine stays well under them. The speed budget itself (5 s of CPU per command) is
measured by `bench/hostile.py`. The subprocess also gets a wall-clock timeout, so a hang fails
instead of blocking the suite.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
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


def run_cli(*args: str | Path, cwd: Path | None = None) -> Run:
    """Run `python main.py ARGS` with its own stdout and stderr files; reap it with os.wait4."""
    env = {k: v for k, v in os.environ.items() if k != "REDLINE_DESK_DEBUG"}
    env["PYTHONPATH"] = str(REPO)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, str(REPO / "main.py"), *map(str, args)], stdin=subprocess.DEVNULL,
                                stdout=out, stderr=err, cwd=cwd or REPO, env=env)
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                os.kill(proc.pid, signal.SIGKILL)
                os.wait4(proc.pid, 0)
                proc.returncode = -9  # reaped here: keep Popen from waiting again
                raise AssertionError(f"timed out after {TIMEOUT_SECONDS:.0f} s: {args}")
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: keep Popen from waiting again
        out.seek(0)
        err.seek(0)
        return Run(proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)
