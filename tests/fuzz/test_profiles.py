"""The Hypothesis profile reaches every property test of the suite: derandomized by default, random under fuzz."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.profiles import PROFILE_NAME

REPO = Path(__file__).resolve().parents[2]

# In a fresh interpreter, as pytest does: tests/conftest.py first, then every test module with a property test;
# prints each @given test's (derandomize, has an example database), and how many `@given(` lines start a line.
_SURVEY = """
import importlib, json, sys
from pathlib import Path
import tests.conftest
found, decorated = {}, 0
for path in sorted(Path("tests").rglob("test_*.py")):
    text = path.read_text(encoding="utf-8")
    decorated += sum(line.startswith("@given(") for line in text.splitlines())
    if "@given" in text:
        module = importlib.import_module(".".join(path.with_suffix("").parts))
        for name, fn in vars(module).items():
            if callable(fn) and hasattr(fn, "hypothesis"):
                s = fn._hypothesis_internal_use_settings
                found[f"{module.__name__}.{name}"] = [s.derandomize, s.database is not None]
print(json.dumps({"found": found, "decorated": decorated}))
"""


def test_every_property_test_runs_under_the_profile() -> None:
    """Each test's @settings inherit the profile only if it is loaded before the test modules are imported."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", _SURVEY], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=300, check=True)
    survey = json.loads(done.stdout.strip().splitlines()[-1])
    found: dict[str, list[bool]] = survey["found"]
    assert len(found) == survey["decorated"] > 20  # the survey saw each of the suite's property tests
    if PROFILE_NAME == "ci":
        random = sorted(name for name, (derandomized, database) in found.items() if not derandomized or database)
        assert random == [], "these property tests would draw other examples on every run"
    else:
        assert sorted(name for name, (derandomized, _) in found.items() if derandomized) == []


def drawn_examples() -> list[bytes]:
    """The examples one small property draws under the current profile."""
    seen: list[bytes] = []

    @settings(max_examples=30)
    @given(st.binary(min_size=8, max_size=8))
    def prop(data: bytes) -> None:
        seen.append(data)

    prop()
    return seen


def test_the_default_profile_draws_the_same_examples_every_time() -> None:
    first, again = drawn_examples(), drawn_examples()
    assert len(first) == 30
    if PROFILE_NAME == "ci":
        assert first == again
    else:
        assert first != again  # 30 draws of 8 random bytes: equal lists would mean a fixed seed
