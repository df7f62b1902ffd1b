"""The robustness budget: each hostile or unusual file is shown or refused by the command line within
5 s of CPU and 500 MB of peak memory (2-core machine).

The test suite asserts only ceilings far above these (tests/robustness/cli_run.py), so that a loaded
CI machine cannot fail it; this script measures the budget itself, the median of several runs.

    python -m bench.hostile [--runs 3] [--json]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/hostile.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.budget_table import budget_main
from tests.robustness import hostile
from tests.robustness.cli_run import run_cli

BUDGET_CPU_SECONDS = 5.0
BUDGET_RSS_MB = 500.0

# name -> (make the input, the command's arguments before the input)
CASES: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    "show 100,000 paragraphs": (hostile.many_paragraphs, ("show",)),
    "show a 1 MB paragraph": (hostile.huge_paragraph, ("show",)),
    "refuse a 300 MB bomb": (lambda p: hostile.real_bomb(p, 300 * 2**20), ("show",)),
    "refuse 20 small bombs": (lambda p: hostile.many_small_bombs(p, 20, 9 * 2**20), ("show",)),
    "refuse billion laughs": (lambda p: hostile.with_entities(p, "billion_laughs"), ("show",)),
    "refuse 300 nested controls": (lambda p: hostile.nested_blocks(p, 300, "sdt"), ("show",)),
    "refuse 300 nested insertions": (lambda p: hostile.nested_blocks(p, 300, "ins"), ("show",)),
    "refuse tables 500 deep": (lambda p: hostile.nested_tables(p, 500), ("show",)),
    "refuse 100,000-style chain": (lambda p: hostile.style_chain(p, 100_000), ("show",)),
    "refuse 2,000 headers": (lambda p: hostile.many_headers(p, 2_000, 10_000), ("show",)),
    "show a lone surrogate sym": (lambda p: hostile.odd_attribute(p, "sym", "char", "D800"), ("show",)),
    "show a w:date in 99999": (lambda p: hostile.odd_attribute(p, "ins", "date", "99999-01-01T00:00:00Z"),
                               ("show",)),
}


def measure(runs: int) -> list[dict[str, object]]:
    """Each case `runs` times: median CPU seconds and the highest peak RSS, against the budget."""
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (make, command) in CASES.items():
            path = make(Path(tmp) / f"{len(rows)}.docx")
            results = [run_cli(*command, path) for _ in range(runs)]
            cpu = statistics.median(r.cpu_seconds for r in results)
            rss = max(r.max_rss_bytes for r in results) / 2**20
            rows.append({"case": name, "exit": results[0].code, "cpu_s": round(cpu, 2), "rss_mb": round(rss),
                         "ok": cpu < BUDGET_CPU_SECONDS and rss < BUDGET_RSS_MB})
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the table (or JSON); exit 1 when a case is over budget."""
    header = f"{'case':<30} {'exit':>4} {'cpu s':>7} {'MB':>6}  budget {BUDGET_CPU_SECONDS:g} s, {BUDGET_RSS_MB:g} MB"
    return budget_main(argv, __doc__ or "", measure, header,
                       lambda row: f"{row['case']:<30} {row['exit']:>4} {row['cpu_s']:>7} {row['rss_mb']:>6}")


if __name__ == "__main__":
    sys.exit(main())
