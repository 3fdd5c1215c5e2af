"""What every presence source offers: an answer, a way to be woken, and a word for doctor.

Owns the Source and IdleSource shapes, the polling floor, and the source that is answered by
one small command (``CommandSource``, with ``run``). Must not import Qt or decide anything
about reminders.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from typing import Final

from kindtray.core.presence import HoldReason

#: No source asks the desktop more often than this (a DND poll that froze a desktop is a
#: known failure of another break app; a signal is always preferred).
POLL_SECONDS: Final = 30.0

Run = Callable[[list[str]], str | None]


def run(command: list[str]) -> str | None:
    """Run a small command; its output, or None if it is missing or fails."""
    if shutil.which(command[0]) is None:
        return None
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=2, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


class Unavailable(Exception):
    """The source cannot work on this desktop; the text says why, in plain words."""


class Source:
    """One desktop signal that can hold a reminder.

    ``start`` connects (raising Unavailable when the signal is not here) and reads the first
    answer. Sources with events return a file descriptor from ``fileno``; when it is readable
    the caller calls ``dispatch``. Sources without events are asked by ``poll`` at most every
    POLL_SECONDS. ``value`` is the latest answer: True, False or None (unknown).
    """

    name: str = ""
    reason: HoldReason = HoldReason.DO_NOT_DISTURB
    polls: bool = False

    def __init__(self) -> None:
        self.value: bool | None = None
        self.why_not = "not started"

    #: Why a polling source is unavailable when its first question gets no answer.
    cannot_tell: str = "it cannot tell here"

    def start(self) -> None:
        """Connect and read the first answer; raise Unavailable if it cannot work here.

        For a polling source: ask once; no answer means it cannot work here.
        """
        self.poll()
        if self.value is None:
            raise Unavailable(self.cannot_tell)

    def fileno(self) -> int | None:
        """The descriptor to watch for events, or None when this source polls."""
        return None

    def dispatch(self) -> None:
        """Handle whatever arrived on ``fileno`` without blocking."""

    def poll(self) -> None:
        """Ask again (only for sources that poll; called at most every POLL_SECONDS)."""

    def next_poll(self) -> float:
        """Seconds until this source wants to be asked again (never less than POLL_SECONDS)."""
        return POLL_SECONDS

    def close(self) -> None:
        """Let go of connections; the answer becomes unknown."""
        self.value = None

    def try_start(self) -> bool:
        """Start, keeping the reason in ``why_not`` when the source cannot work here."""
        try:
            self.start()
        except Unavailable as exc:
            self.close()  # let go of a connection the half-done start opened
            self.why_not = str(exc)
            return False
        self.why_not = ""
        return True


class CommandSource(Source):
    """A source answered by one small command, asked every POLL_SECONDS.

    No output (the command is missing or fails) means unknown; ``answer`` reads the output.
    """

    polls = True
    command: tuple[str, ...] = ()

    def __init__(self, run: Run = run) -> None:
        super().__init__()
        self._run = run

    def answer(self, out: str) -> bool | None:
        """What the command's output says (None: it cannot tell)."""
        raise NotImplementedError

    def poll(self) -> None:
        """Run the command and read its output."""
        out = self._run(list(self.command))
        self.value = None if out is None else self.answer(out)


class IdleSource(Source):
    """How long the person has not touched keyboard or pointer (``idle_seconds``).

    ``value`` is True while they count as away (idle at least ``away_after`` seconds).
    """

    reason = HoldReason.AWAY

    def __init__(self, away_after: float) -> None:
        super().__init__()
        self.away_after = away_after
        self._idle: float | None = None

    def idle_seconds(self) -> float | None:
        """Seconds since the last input, or None when the desktop cannot tell."""
        raise NotImplementedError

    def poll(self) -> None:
        """Ask for the idle time and compare it with the away time."""
        idle = self.idle_seconds()
        self._idle = idle
        self.value = None if idle is None else idle >= self.away_after

    def next_poll(self) -> float:
        """Seconds until asking again can tell something new.

        While the person is here, not before the idle time could reach the away time (so an
        active person costs one question every few minutes); while away, every POLL_SECONDS.
        """
        idle = self._idle
        if self.value or idle is None:
            return POLL_SECONDS
        return max(POLL_SECONDS, self.away_after - idle)


class ReadIdle(IdleSource):
    """An idle source that is one call away (``read``), asked every POLL_SECONDS."""

    polls = True

    def __init__(self, away_after: float, read: Callable[[], float | None]) -> None:
        super().__init__(away_after)
        self._read = read

    def idle_seconds(self) -> float | None:
        """Seconds since the last input."""
        return self._read()
