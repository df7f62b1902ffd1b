"""The command line of a budget benchmark (bench/hostile.py, bench/textform.py): measure, then a table of the cases
(or JSON), exit 1 when any is over its budget."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

Row = dict[str, Any]  # a measured case; "ok" says whether it kept to its budget


def budget_main(argv: list[str] | None, doc: str, measure: Callable[[int], list[Row]], header: str,
                line: Callable[[Row], str]) -> int:
    """Parse --runs and --json, measure, print; 0 when every row is "ok"."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = measure(args.runs)
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print(header)
        for row in rows:
            print(f"{line(row)}  {'ok' if row['ok'] else 'OVER'}")
    return 0 if all(row["ok"] for row in rows) else 1
