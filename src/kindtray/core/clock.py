"""Where the core gets the time: a Clock protocol, the real clock and a fake one for tests.

The core never reads the system clock itself. Everything that decides *when* is handed a
Clock, so a test can move through days of simulated life (suspends, clock jumps, DST) in
milliseconds. A Clock gives two readings:

- ``now()``: aware wall-clock time in the user's time zone (what the user sees);
- ``monotonic()``: seconds that only move forward while the machine is awake. Comparing the
  two across calls reveals a suspend (wall moved more than monotonic) or a clock jump.
"""

from __future__ import annotations

import logging
import os
import re
import struct
import time
from datetime import datetime, timedelta, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)


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
    change of time zone while kindtray runs is noticed. ``TZ`` is read the way the C library
    reads it: a zone name, ``:name``, ``:/path/to/zonefile`` or a POSIX rule such as
    ``CET-1CEST,M3.5.0,M10.5.0/3``. A ``TZ`` that gives no zone never stops kindtray: the
    system's own zone is used and the log says so once.
    """
    value = os.environ.get("TZ", "")
    if value:
        zone, problem = zone_from_tz(value)
        if zone is not None:
            return zone
        if value not in _REPORTED:
            _REPORTED.add(value)
            log.warning(
                "The time zone in TZ=%r could not be used (%s); kindtray uses the "
                "system's local time instead",
                value,
                problem,
            )
    return _system_zone()


_REPORTED: set[str] = set()
# glibc's rule for a POSIX zone that names summer time without saying when it starts and ends.
_DEFAULT_DST_RULE = ",M3.2.0,M11.1.0"
_TZ_NAME = r"(?:[A-Za-z]{3,}|<[A-Za-z0-9+\-]{3,}>)"
_TZ_OFFSET = r"[+-]?\d{1,2}(?::\d{1,2}){0,2}"
_DST_WITHOUT_DATES = re.compile(rf"{_TZ_NAME}{_TZ_OFFSET}{_TZ_NAME}(?:{_TZ_OFFSET})?")


def zone_from_tz(value: str) -> tuple[tzinfo | None, str]:
    """Build the zone a ``TZ`` value names; return (zone, "") or (None, why it cannot be used)."""
    name = value[1:] if value.startswith(":") else value
    if not name:
        return None, "it is empty"
    if name.startswith("/"):
        try:
            with open(name, "rb") as handle:
                return ZoneInfo.from_file(handle, key=name), ""
        except (OSError, ValueError) as exc:
            return None, f"{name} is not a readable zone file: {exc}"
    try:
        return ZoneInfo(name), ""
    except (KeyError, ValueError, OSError):
        pass  # not a zone name (ZoneInfoNotFoundError is a KeyError); maybe a POSIX rule
    if value.startswith(":"):
        return None, f"no time zone is called {name!r}"
    try:
        return _posix_zone(name), ""
    except (ValueError, UnicodeError):
        return None, "it is neither a time zone name such as Europe/Berlin nor a POSIX rule"


def _posix_zone(rule: str) -> tzinfo:
    # zoneinfo understands POSIX rules only as the footer of a zone file, so build the smallest
    # one: no transitions, one placeholder type, then the rule (RFC 8536, version 2).
    if _DST_WITHOUT_DATES.fullmatch(rule):
        rule += _DEFAULT_DST_RULE
    header = b"TZif2" + bytes(15)
    block = struct.pack(">6l", 0, 0, 0, 0, 1, 1) + struct.pack(">lBB", 0, 0, 0) + b"\0"
    data = header + block + header + block + b"\n" + rule.encode("ascii") + b"\n"
    return ZoneInfo.from_file(_Reader(data), key=rule)


class _Reader:
    """Just enough of a binary file for ``ZoneInfo.from_file`` (no I/O module in the core)."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._at = 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size < 0 else self._at + size
        chunk = self._data[self._at : end]
        self._at += len(chunk)
        return chunk

    def seek(self, offset: int, whence: int = 0, /) -> int:
        base = (0, self._at, len(self._data))[whence]
        self._at = max(0, base + offset)
        return self._at


def _system_zone() -> tzinfo:
    try:
        with open("/etc/localtime", "rb") as handle:
            return ZoneInfo.from_file(handle, key="localtime")
    except (OSError, ValueError):
        zone = datetime.now().astimezone().tzinfo
        return zone if zone is not None else ZoneInfo("UTC")


def _seconds(delta: timedelta | float) -> float:
    return delta.total_seconds() if isinstance(delta, timedelta) else float(delta)
