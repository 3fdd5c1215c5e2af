"""Shared test setup: never touch the real user's files, desktop or buses; never need a display.

The environment is set here, at import, before any test or Qt connects to anything: Qt keeps
its first system-bus connection for the life of the process, so a reachable outer bus would
leak into every later test. Desktop tests start their own buses and pass them to subprocesses.
"""

from __future__ import annotations

import os

from hypothesis import settings

# Qt aborts the whole process without a platform; GUI tests run offscreen, whatever the outer
# session uses.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
for _name in ("DISPLAY", "WAYLAND_DISPLAY"):
    os.environ.pop(_name, None)
# Addresses nothing listens on: no test reaches the outer session or system bus (and libdbus
# does not autolaunch a bus of its own).
OUTER_BUS_BLOCKED = "unix:path=/nonexistent/kindtray-tests-have-no-outer-bus"
os.environ["DBUS_SESSION_BUS_ADDRESS"] = OUTER_BUS_BLOCKED
os.environ["DBUS_SYSTEM_BUS_ADDRESS"] = OUTER_BUS_BLOCKED
# Tests read kindtray's English words whatever the developer's language (kindtray.i18n reads
# LANGUAGE first); the translation tests set the language they test.
os.environ["LANGUAGE"] = "en"

# Hypothesis runs derandomized by default (`make test` and CI): the same examples every run, so
# a red build is never luck. `make explore` passes --hypothesis-profile=explore instead: random
# examples and more of them, to find new cases (pin each one found with @example).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", derandomize=False, max_examples=10_000, print_blob=True)
settings.load_profile("ci")
