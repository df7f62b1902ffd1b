"""The .docx reader fuzz target (tests/fuzz/fuzz_reader.py) in the normal test run, bounded in time.

FUZZ_SECONDS sets how long (default 60 s with CI set, 10 s otherwise); FUZZ_SEED replays a run.
Mutated files are written to a temporary folder outside tmp_path and deleted after each case.
"""

from __future__ import annotations

import os
import random

import pytest

from tests.fuzz.fuzz_reader import FIXTURES, default_seconds, fixture_files, fuzz, mutate


def test_mutations_are_reproducible_and_varied() -> None:
    files = fixture_files()
    assert len(files) >= 100, f"expected the shared fixture corpus at {FIXTURES}"
    rng = random.Random(0)
    kinds: set[str] = set()
    for _ in range(120):
        path, seed = rng.choice(files), rng.getrandbits(48)
        data, log = mutate(path, seed)
        assert mutate(path, seed) == (data, log), "the same case seed gives the same file"
        kinds.update(entry.split(":")[0].split(" ")[0] for entry in log)
    # Zip-level and XML-level damage both happen (XML log entries start with the part's name).
    assert {"drop", "duplicate", "rename", "raw", "swap", "word/document.xml"} <= kinds


def test_reader_survives_mutated_fixtures(capsys: pytest.CaptureFixture[str]) -> None:
    """Only our typed errors escape the read path and the writers on mutated fixture files."""
    seed_text = os.environ.get("FUZZ_SEED")
    report = fuzz(default_seconds(), int(seed_text) if seed_text else None)
    with capsys.disabled():
        print(f"\n{report.summary()}")
    assert report.cases > 0
    if report.crashes:
        first = next(iter(report.unique().values()))
        details = "\n\n".join(str(c) for c in report.unique().values())
        pytest.fail(f"{report.summary()}\n\n{details}\n\nfirst traceback:\n{first.trace}", pytrace=False)
