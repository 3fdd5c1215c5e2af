"""Shared test setup: never touch the real user's files, never need a real display."""

from __future__ import annotations

import os

from hypothesis import settings

# Qt aborts the whole process without a platform; GUI tests run offscreen unless a desktop
# test sets DISPLAY for a subprocess explicitly.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Hypothesis runs derandomized by default (`make test` and CI): the same examples every run, so
# a red build is never luck. `make explore` passes --hypothesis-profile=explore instead: random
# examples and more of them, to find new cases (pin each one found with @example).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", derandomize=False, max_examples=10_000, print_blob=True)
settings.load_profile("ci")
