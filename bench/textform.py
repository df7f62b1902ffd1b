"""The text form's time budget: each hostile line (long runs of spaces, tabs, markers, label-like text) is read
by `parse_text_form` within 1 s of CPU, the median of several runs; issue 15 measured 20–49 s for 60,000 spaces
before the reader's patterns were made linear.

The tests (tests/fuzz/test_textform_roundtrip.py) check only that these parse, and correctly: a wall-clock
assertion would fail on a loaded CI machine. This script measures the budget itself.

    python -m bench.textform [--runs 3] [--json]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/textform.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.textform import format_text_form, parse_text_form
from bench.budget_table import budget_main

BUDGET_CPU_SECONDS = 1.0
N = 200_000

CASES: dict[str, str] = {
    "200,000 spaces": " " * N,
    "200,000 tabs before Option B": "\t" * N + "Option B",
    "Status: and 200,000 spaces": "66. ~~a~~\nStatus:" + " " * N + "x",
    "Rationale: and 200,000 spaces": "66. ~~a~~\nRationale:" + " " * N + "x",
    "label, 200,000 spaces, markup": "66." + " " * N + "~~a~~ **b**",
    "200,000 asterisks": "*" * N,
    "100,000 escaped asterisks": "66. " + "\\*" * (N // 2),
    "heading-like I.I.….I!": "I." * N + "I!. x",
    "1,000 lines of I.×30": ("I." * 30 + "I!. x\n") * 1000,
    "a paragraph of 40,000 strikes": "66. a" + "~~b~~" * (N // 5),
}


def _write_then_read() -> str:
    """A text form the writer makes of 2,000 amendments (its read-back check included)."""
    from app.amendments import Amendment, Kind, Option
    from app.segments import Op, Segment

    amendments = [Amendment(Kind.MODIFY, str(n), [Option("A", [Segment(Op.EQUAL, "We "), Segment(Op.DELETE, "a*"),
                                                               Segment(Op.INSERT, "b~")])], "We a*",
                            rationale="why\nbecause") for n in range(1, 2001)]
    return format_text_form(amendments)


def measure(runs: int) -> list[dict[str, object]]:
    """Each case `runs` times: the median CPU seconds, against the budget."""
    rows: list[dict[str, object]] = []
    cases = {**CASES, "write and check 2,000 amendments": ""}
    for name, text in cases.items():
        times = []
        for _ in range(runs):
            start = time.process_time()
            if text:
                parse_text_form(text)
            else:
                _write_then_read()
            times.append(time.process_time() - start)
        cpu = statistics.median(times)
        rows.append({"case": name, "cpu_s": round(cpu, 3), "ok": cpu < BUDGET_CPU_SECONDS})
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the table (or JSON); exit 1 when a case is over budget."""
    return budget_main(argv, __doc__ or "", measure,
                       f"{'case':<36} {'cpu s':>7}  budget {BUDGET_CPU_SECONDS:g} s",
                       lambda row: f"{row['case']:<36} {row['cpu_s']:>7}")


if __name__ == "__main__":
    sys.exit(main())
