"""The .docx reader fuzz target (tests/fuzz/fuzz_reader.py) in the normal test run: the same cases every time.

A fixed master seed and a fixed number of cases (fuzz_reader.LOCAL_CASES, CI_CASES with CI set), so a slower machine
runs the same cases, only slower. FUZZ_SEED and FUZZ_CASES change them; FUZZ_SECONDS bounds the run by time instead
(not deterministic: `make fuzz` runs that way, with a random seed). Mutated files are written to a temporary folder
outside tmp_path and deleted after each case.
"""

from __future__ import annotations

import random

import pytest

from tests.fuzz.fuzz_reader import FIXTURES, default_budget, default_seed, fixture_files, fuzz, mutate


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
    seconds, cases = default_budget()
    report = fuzz(seconds, default_seed(), cases=cases)
    with capsys.disabled():
        print(f"\n{report.summary()}")
    assert report.cases == cases if cases is not None else report.cases > 0
    if report.crashes:
        first = next(iter(report.unique().values()))
        details = "\n\n".join(str(c) for c in report.unique().values())
        pytest.fail(f"{report.summary()}\n\n{details}\n\nfirst traceback:\n{first.trace}", pytrace=False)


def test_a_run_of_cases_is_the_same_every_time() -> None:
    """The same seed and number of cases try the same files with the same mutations (the digest covers the
    mutated bytes), and a shorter run is the start of a longer one; another seed tries other cases."""
    files = fixture_files()[::12]  # a few files of each kind keep this quick
    first, again = fuzz(seed=7, files=files, cases=6), fuzz(seed=7, files=files, cases=6)
    assert (first.cases, first.digest) == (again.cases, again.digest) == (6, first.digest)
    assert fuzz(seed=8, files=files, cases=6).digest != first.digest
    assert fuzz(seed=7, files=files, cases=3).digest != first.digest  # fewer cases, another digest


def test_a_run_needs_a_time_or_a_number_of_cases() -> None:
    with pytest.raises(ValueError, match="seconds or cases"):
        fuzz(seed=1)
    with pytest.raises(ValueError, match="seconds or cases"):
        fuzz(1.0, seed=1, cases=1)


def test_the_default_run_is_bounded_by_cases_with_a_fixed_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FUZZ_SECONDS", "FUZZ_CASES", "FUZZ_SEED"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CI", "true")
    assert default_budget() == (None, 500) and default_seed() == 20261123
    monkeypatch.setenv("CI", "false")
    assert default_budget() == (None, 200)
    monkeypatch.setenv("FUZZ_CASES", "5")
    monkeypatch.setenv("FUZZ_SEED", "42")
    assert default_budget() == (None, 5) and default_seed() == 42
    monkeypatch.setenv("FUZZ_SECONDS", "2.5")
    assert default_budget() == (2.5, None)
    monkeypatch.setenv("FUZZ_SECONDS", "ten")
    with pytest.raises(ValueError, match="FUZZ_SECONDS='ten' is not a number"):
        default_budget()
    monkeypatch.setenv("FUZZ_SEED", "1.5")
    with pytest.raises(ValueError, match=r"FUZZ_SEED='1\.5' is not a whole number"):
        default_seed()
