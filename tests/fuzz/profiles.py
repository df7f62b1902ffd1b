"""Hypothesis profiles for the property tests in tests/fuzz, chosen by the HYPOTHESIS_PROFILE env var.

    ci    (default) a few seconds per test module: what every test run and CI use
    fuzz  long runs on demand (`HYPOTHESIS_PROFILE=fuzz pytest tests/fuzz`, or `make fuzz`)

The chosen profile is applied as a decorator (`@PROFILE`) to these tests only; other tests keep their own settings.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=100, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz", max_examples=5000, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PROFILE_NAME = os.environ.get("HYPOTHESIS_PROFILE", "ci")
PROFILE = settings.get_profile(PROFILE_NAME)


def scaled(max_examples: int) -> settings:
    """The profile with a test's own example count under "ci" (cheap or costly tests), scaled up under "fuzz"."""
    if PROFILE_NAME == "fuzz":
        return settings(PROFILE, max_examples=max_examples * 20)
    return settings(PROFILE, max_examples=max_examples)
