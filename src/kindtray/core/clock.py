"""Where the core gets the time: a Clock protocol, the real clock and a fake one for tests.

The core never reads the system clock itself. Everything that decides *when* is handed a
Clock, so a test can move through days of simulated life (suspends, clock jumps, DST) in
milliseconds. A Clock gives two readings:

- ``now()``: aware wall-clock time in the user's time zone (what the user sees);
- ``monotonic()``: seconds that only move forward while the machine is awake. Comparing the
  two across calls reveals a suspend (wall moved more than monotonic) or a clock jump.
"""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    """A source of wall time (aware, local zone) and monotonic time (seconds)."""

    def now(self) -> datetime:
        """Return the current wall time as an aware datetime in the local zone."""
        ...

    def monotonic(self) -> float:
        """Return seconds on a clock that never goes back and stops during suspend."""
        ...


class SystemClock:
    """The real clock of this machine, in its local time zone (with its DST rules)."""

    def now(self) -> datetime:
        """Return the local wall time as an aware datetime in the machine's zone."""
        return datetime.now(local_zone())

    def monotonic(self) -> float:
        """Return ``time.monotonic()`` (CLOCK_MONOTONIC on Linux: stops during suspend)."""
        return time.monotonic()


class FakeClock:
    """A clock for tests: time moves only when the test says so.

    ``advance`` is time passing while awake (both readings move); ``suspend`` is the machine
    asleep (wall moves, monotonic does not); ``jump`` is somebody setting the clock (wall moves
    by any amount, even backwards; monotonic does not). ``true_elapsed`` counts real time that
    passed, which tests use to check spacing between reminders as a person would feel it.
    """

    def __init__(self, start: datetime, zone: str | tzinfo = "UTC") -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware start time")
        self.zone: tzinfo = ZoneInfo(zone) if isinstance(zone, str) else zone
        self._utc = start.astimezone(ZoneInfo("UTC"))
        self._mono = 1000.0
        self.true_elapsed = 0.0

    def now(self) -> datetime:
        """Return the fake wall time in the fake zone."""
        return self._utc.astimezone(self.zone)

    def monotonic(self) -> float:
        """Return the fake monotonic reading."""
        return self._mono

    def advance(self, delta: timedelta | float) -> None:
        """Let time pass while the machine is awake."""
        self._mono += self._pass(delta, "time cannot pass backwards; use jump()")

    def suspend(self, delta: timedelta | float) -> None:
        """Sleep the machine: wall time moves on, monotonic time stands still."""
        self._pass(delta, "a suspend cannot last a negative time")

    def _pass(self, delta: timedelta | float, refusal: str) -> float:
        """Let real (and wall) time pass; return the seconds."""
        seconds = _seconds(delta)
        if seconds < 0:
            raise ValueError(refusal)
        self._utc += timedelta(seconds=seconds)
        self.true_elapsed += seconds
        return seconds

    def jump(self, delta: timedelta | float) -> None:
        """Set the wall clock forward or back; no real time passes."""
        self._utc += timedelta(seconds=_seconds(delta))

    def set_zone(self, zone: str | tzinfo) -> None:
        """Move the machine to another time zone (the instant stays the same)."""
        self.zone = ZoneInfo(zone) if isinstance(zone, str) else zone


def local_zone() -> tzinfo:
    """Return the machine's time zone with its full rules, looked up afresh each call.

    ``datetime.now().astimezone()`` only gives today's fixed offset, which would place
    tomorrow's active hours wrongly across a DST change. Looked up each time (cheap) so a
    change of time zone while kindtray runs is noticed.
    """
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ValueError, OSError):
            pass
    try:
        with open("/etc/localtime", "rb") as handle:
            return ZoneInfo.from_file(handle, key="localtime")
    except (OSError, ValueError):
        zone = datetime.now().astimezone().tzinfo
        return zone if zone is not None else ZoneInfo("UTC")


def _seconds(delta: timedelta | float) -> float:
    return delta.total_seconds() if isinstance(delta, timedelta) else float(delta)
