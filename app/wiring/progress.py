"""A progress line on stderr for long command-line runs: only on a terminal, overwriting itself, cleared at the end.

Piped or redirected, stderr gets nothing from here (scripts and tests read it line by line: a refusal is exactly one
line). On a terminal the line appears once a run has taken DELAY seconds, so quick runs print nothing at all.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

Progress = Callable[[int, int, str], None]  # done, total, what (as app.wiring.merging.Progress)
DELAY = 0.5  # seconds before the line first appears


class TerminalProgress:
    """The callback: rewrites one line ("redline-desk: merge: reading x.docx (1/4)") in place with a carriage return."""

    def __init__(self, stream: TextIO, command: str, prog: str, delay: float = DELAY,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._stream, self._label, self._delay, self._clock = stream, f"{prog}: {command}", delay, clock
        self._start = clock()
        self._shown = 0  # characters on the line now

    def __call__(self, done: int, total: int, what: str) -> None:
        if self._clock() - self._start < self._delay:
            return
        width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
        line = f"{self._label}: {what} ({min(done + 1, total)}/{total})"[:width]
        self._write("\r" + line + " " * max(0, self._shown - len(line)))
        self._shown = len(line)

    def clear(self) -> None:
        """Blank the line and return to its start (nothing when it never appeared)."""
        if self._shown:
            self._write("\r" + " " * self._shown + "\r")
            self._shown = 0

    def _write(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):  # a terminal gone away: the run goes on without its progress line
            self._shown = 0


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, OSError, ValueError):
        return False


@contextmanager
def terminal_progress(command: str, prog: str, stream: TextIO | None = None) -> Iterator[Progress | None]:
    """A progress callback when `stream` (stderr by default) is a terminal, else None; the line is cleared on the way
    out, however the run ends (an error's or an interruption's message then starts on a clean line)."""
    out = sys.stderr if stream is None else stream
    if not _is_terminal(out):
        yield None
        return
    bar = TerminalProgress(out, command, prog)
    try:
        yield bar
    finally:
        bar.clear()
