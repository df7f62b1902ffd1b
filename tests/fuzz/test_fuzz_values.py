"""The value-level fuzz target (tests/fuzz/fuzz_values.py) in the normal test run: the same cases every time.

A fixed master seed (fuzz_reader.DEFAULT_SEED, or FUZZ_SEED) and a fixed number of cases (fuzz_values.CASES), about
10 s on the 2-core development VM; `make fuzz` runs the target at random for FUZZ_SECONDS instead.
"""

from __future__ import annotations

import random

import pytest

from tests.fuzz.fuzz_reader import default_seed, fixture_files, fuzz
from tests.fuzz.fuzz_values import CASES, mutate_values, special_path_cases


def test_value_mutations_are_reproducible_and_varied() -> None:
    files = fixture_files()
    rng = random.Random(0)
    kinds: set[str] = set()
    for _ in range(40):
        path, seed = rng.choice(files), rng.getrandbits(48)
        data, log = mutate_values(path, seed)
        assert mutate_values(path, seed) == (data, log), "the same case seed gives the same file"
        kinds.update(entry.split(": ", 1)[1].split(" ")[0] for entry in log if ": " in entry)
    assert {"value", "inject", "nest", "raw"} <= kinds


def test_reader_survives_hostile_values(capsys: pytest.CaptureFixture[str]) -> None:
    """Hostile numbers, dates, character codes and deep nesting end in a result or a typed error, in time."""
    report = fuzz(seed=default_seed(), cases=CASES, mutator=mutate_values, target="fuzz_values")
    with capsys.disabled():
        print(f"\n{report.summary()}")
    assert report.cases == CASES
    if report.crashes:
        details = "\n\n".join(str(c) for c in report.unique().values())
        first = next(iter(report.unique().values()))
        pytest.fail(f"{report.summary()}\n\n{details}\n\nfirst traceback:\n{first.trace}", pytrace=False)


def test_special_paths_are_refused_at_once() -> None:
    """A FIFO, /dev/null, a directory, a link to /dev/zero and a dangling link: each a typed error, never a hang."""
    assert special_path_cases() == []
