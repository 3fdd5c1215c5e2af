"""Shared test setup: never touch the real user's files, never need a real display."""

from __future__ import annotations

import os

# Qt aborts the whole process without a platform; GUI tests run offscreen unless a desktop
# test sets DISPLAY for a subprocess explicitly.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
