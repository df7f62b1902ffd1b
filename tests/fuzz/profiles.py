"""Hypothesis profiles for every property test of the suite, chosen by the HYPOTHESIS_PROFILE env var.

    ci    (default) derandomized: every test run, `make test` and CI try the same examples every time (each test's
          examples follow from its own code), with no example database, so a run never depends on an earlier one
    fuzz  random examples, many more of them in tests/fuzz (`make fuzz`); a failure found there becomes an explicit
          @example on the property (or a regression test beside it), so the default run then tries it every time

tests/conftest.py imports this module before any test module, so the chosen profile is Hypothesis' default and the
@settings of every property test inherit from it (derandomize, database, health checks). tests/fuzz also applies it
as a decorator (`@PROFILE`, or `@scaled(n)` for its own example count).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]

settings.register_profile(
    "ci", max_examples=100, deadline=None, print_blob=True, derandomize=True, database=None,
    suppress_health_check=_QUIET,
)
settings.register_profile(
    "fuzz", max_examples=5000, deadline=None, print_blob=True, derandomize=False, suppress_health_check=_QUIET,
)

PROFILE_NAME = os.environ.get("HYPOTHESIS_PROFILE", "ci")
if PROFILE_NAME not in ("ci", "fuzz"):
    raise SystemExit(f"HYPOTHESIS_PROFILE={PROFILE_NAME!r} is not a profile of tests/fuzz/profiles.py; "
                     "unset it (ci, derandomized) or use fuzz")
settings.load_profile(PROFILE_NAME)
PROFILE = settings.get_profile(PROFILE_NAME)


def scaled(max_examples: int) -> settings:
    """The profile with a test's own example count under "ci" (cheap or costly tests), scaled up under "fuzz"."""
    if PROFILE_NAME == "fuzz":
        return settings(PROFILE, max_examples=max_examples * 20)
    return settings(PROFILE, max_examples=max_examples)
