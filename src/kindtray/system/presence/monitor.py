"""All presence sources of this desktop, added up into one Presence for the planner.

Owns choosing the sources for this system (only those whose switch is on, plus the idle time
and the lock, which also tell "away"), starting them, and turning their answers into a
``Presence``: the first enabled reason that is true, and since when the person is away (last
input, or the moment the screen locked). A call (microphone or camera in use) is never taken
for an absence. It also gives ``doctor`` one line per source. No Qt: the app watches
``watched()`` descriptors and calls ``poll()`` every POLL_SECONDS when a source needs it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from kindtray.core.presence import SETTING_FOR, HoldReason, Presence, combine
from kindtray.core.settings import WaitingSettings
from kindtray.system.presence.base import POLL_SECONDS, IdleSource, Source, Unavailable

SourceFactory = Callable[[WaitingSettings, bool], tuple[list[Source], list[IdleSource]]]


def enabled_reasons(waiting: WaitingSettings) -> set[HoldReason]:
    """The reasons the person allowed to hold a reminder."""
    return {
        reason
        for reason, key in SETTING_FOR.items()
        if getattr(waiting, key.removeprefix("waiting."))
    }


def default_sources(
    waiting: WaitingSettings, everything: bool = False
) -> tuple[list[Source], list[IdleSource]]:
    """This system's sources: those that hold, and the idle sources to try in order.

    Hold sources are the switched-on ones (all of them when ``everything``).
    """
    enabled = set(HoldReason) if everything else enabled_reasons(waiting)
    away_after = waiting.away_after_minutes * 60.0
    holds: list[Source] = []
    idle: list[IdleSource] = []
    if sys.platform == "win32":
        from kindtray.system.presence import windows

        for reason in (HoldReason.SCREEN_LOCKED, HoldReason.FULLSCREEN, HoldReason.DO_NOT_DISTURB):
            holds.append(windows.NotificationState(reason))
        if HoldReason.MIC_OR_CAMERA in enabled:
            holds.append(windows.WindowsMicOrCamera())
        idle.append(windows.WindowsIdle(away_after))
    elif sys.platform == "darwin":
        from kindtray.system.presence import macos

        holds.append(macos.MacLocked())
        idle.append(macos.MacIdle(away_after))
    else:
        holds.extend(_linux_holds(enabled))
        from kindtray.system.presence import idle as idle_sources

        idle.extend(
            [
                idle_sources.MutterIdle(away_after),
                idle_sources.ScreenSaverIdle(away_after),
                idle_sources.X11Idle(away_after),
            ]
        )
    # The lock always counts: it is the surest sign of being away, switch or not.
    return [s for s in holds if s.reason in enabled or s.reason is HoldReason.SCREEN_LOCKED], idle


def _linux_holds(enabled: set[HoldReason]) -> list[Source]:
    # Each source's module is imported only when its switch is on.
    from kindtray.system.presence import locked

    holds: list[Source] = [locked.LogindLocked(), locked.gnome(), locked.freedesktop()]
    if HoldReason.FULLSCREEN in enabled:
        from kindtray.system.presence import fullscreen

        if os.environ.get("SWAYSOCK"):
            holds.append(fullscreen.SwayFullscreen())
        if os.environ.get("DISPLAY"):
            holds.append(fullscreen.X11Fullscreen())
    if HoldReason.DO_NOT_DISTURB in enabled:
        holds.append(_DoNotDisturb())
    if HoldReason.SCREEN_SHARED in enabled:
        from kindtray.system.presence import screen_shared

        holds.append(screen_shared.ScreenShared())
    if HoldReason.MIC_OR_CAMERA in enabled:
        from kindtray.system.presence import mic_camera

        holds.append(mic_camera.MicOrCamera())
    return holds


class _DoNotDisturb(Source):
    """Whichever daemon owns the notification name decides which DND source applies."""

    name = "Do Not Disturb"
    reason = HoldReason.DO_NOT_DISTURB

    def __init__(self) -> None:
        super().__init__()
        self.inner: Source | None = None

    def start(self) -> None:
        """Ask the notification daemon its name, then start its source."""
        from kindtray.system.presence.dbus import Bus
        from kindtray.system.presence.dnd import for_server, server_name

        bus = Bus()
        try:
            server = server_name(bus)
        finally:
            bus.close()
        inner = for_server(server)
        if inner is None:
            raise Unavailable(f"no way known to read Do Not Disturb from {server or 'no daemon'}")
        self.inner = inner
        self.name = inner.name
        self.polls = inner.polls
        inner.start()
        self.value = inner.value

    def fileno(self) -> int | None:
        """The inner source's descriptor."""
        return self.inner.fileno() if self.inner else None

    def dispatch(self) -> None:
        """Pass on."""
        if self.inner:
            self.inner.dispatch()
            self.value = self.inner.value

    def poll(self) -> None:
        """Pass on."""
        if self.inner:
            self.inner.poll()
            self.value = self.inner.value

    def close(self) -> None:
        """Pass on."""
        if self.inner:
            self.inner.close()
        super().close()


class PresenceMonitor:
    """The sources in use, and what they add up to."""

    #: A source is asked when its time is this close (a timer may fire a moment early).
    EARLY_SECONDS = 2.0

    def __init__(
        self,
        waiting: WaitingSettings,
        factory: SourceFactory = default_sources,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.waiting = waiting
        self.holds, self._idle_candidates = factory(waiting, False)
        self.idle: IdleSource | None = None
        self._locked_since: datetime | None = None
        self._monotonic = monotonic
        self._due: dict[Source, float] = {}  # when each polling source wants to be asked

    def start(self) -> None:
        """Start every hold source and the first idle source that works here."""
        for source in self.holds:
            source.try_start()
        for candidate in self._idle_candidates:
            if candidate.try_start():
                self.idle = candidate
                break
        now = self._monotonic()
        self._due = {s: now + s.next_poll() for s in self._polling()}

    def sources(self) -> list[Source]:
        """Every source in use."""
        return [*self.holds, *([self.idle] if self.idle else [])]

    def watched(self) -> list[tuple[int, Source]]:
        """The descriptors to watch, each with its source."""
        return [(fd, s) for s in self.sources() if not s.why_not and (fd := s.fileno()) is not None]

    def needs_polling(self) -> bool:
        """Whether any working source must be asked every POLL_SECONDS."""
        return bool(self._polling())

    def poll(self) -> None:
        """Ask the sources that have no signal and whose time has come.

        Each keeps its own pace: the idle time of someone at work is asked every few minutes
        even while the microphone check runs every POLL_SECONDS.
        """
        now = self._monotonic()
        for source in self._polling():
            if self._due.get(source, now) - now <= self.EARLY_SECONDS:
                source.poll()
                self._due[source] = now + source.next_poll()

    def next_poll(self) -> float:
        """Seconds until some polling source wants to be asked again (at least POLL_SECONDS)."""
        now = self._monotonic()
        waits = [self._due.get(s, now) - now for s in self._polling()]
        return max(POLL_SECONDS, min(waits, default=POLL_SECONDS))

    def _polling(self) -> list[Source]:
        return [s for s in self.sources() if s.polls and not s.why_not]

    def presence(self, now: datetime) -> Presence:
        """What the sources say now. Unknown and switched-off answers hold nothing."""
        answers = [(s.reason, s.value) for s in self.holds]
        locked = any(s.reason is HoldReason.SCREEN_LOCKED and s.value for s in self.holds)
        if locked and self._locked_since is None:
            self._locked_since = now
        elif not locked:
            self._locked_since = None
        on_a_call = any(s.reason is HoldReason.MIC_OR_CAMERA and s.value for s in self.holds)
        away: datetime | None = self._locked_since
        if self.idle is not None and self.idle.value and not on_a_call:
            idle = self.idle.idle_seconds()
            since = now - timedelta(seconds=idle if idle is not None else self.idle.away_after)
            away = since if away is None else min(away, since)
        return combine(answers, enabled_reasons(self.waiting), away)

    def close(self) -> None:
        """Stop every source."""
        for source in self.sources():
            source.close()


def report(
    waiting: WaitingSettings, factory: SourceFactory = default_sources
) -> list[dict[str, Any]]:
    """``kindtray doctor``: every source this system has, whether it works, what it says."""
    holds, idle = factory(waiting, True)
    rows = []
    for source in [*holds, *idle]:
        works = source.try_start()
        value = source.value
        source.close()
        rows.append(
            {
                "name": source.name,
                "reason": source.reason.value,
                "works": works,
                "why_not": source.why_not or None,
                "now": value,
                "switched_on": source.reason in enabled_reasons(waiting)
                or source.reason in (HoldReason.AWAY, HoldReason.SCREEN_LOCKED),
            }
        )
    return rows
