"""A simulated kindtray: the scheduler driven the way the Qt timer bridge drives it.

The timer bridge arms one single-shot timer to ``Decision.wake_at``. Qt timers run on the
monotonic clock, which stops during suspend, so the simulated timer fires when enough
*monotonic* time has passed. Every reminder is recorded with the real (true) time, so tests
can check spacing as a person would feel it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from kindtray.core.clock import FakeClock
from kindtray.core.plan import window_at
from kindtray.core.presence import HoldReason, Presence
from kindtray.core.schedule import Decision, Reason, Scheduler
from kindtray.core.settings import Settings
from kindtray.core.state import State


@dataclass(frozen=True)
class Shown:
    """One reminder as the user saw it."""

    true_seconds: float
    wall: datetime
    reason: Reason | None
    settings: Settings
    disturbed_before: bool  # a snooze/sleep/jump/restart/edit happened since the last one


@dataclass
class AppSim:
    """Runs a Scheduler against a FakeClock with Qt-timer semantics."""

    clock: FakeClock
    settings: Settings
    state: State = field(default_factory=lambda: State(seed=12345))
    reminders: list[Shown] = field(default_factory=list)
    decisions: int = 0
    checks: int = 0
    presence: Presence = field(default_factory=Presence)
    # In true seconds: each hold as [start, end], each absence as [left, back] (end None: now).
    holds: list[list[float | None]] = field(default_factory=list)
    absences: list[list[float | None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.scheduler = Scheduler(self.settings, self.state, self.clock)
        self._disturbed = True
        self.last = self._handle(self.scheduler.start())

    # -- things that happen ---------------------------------------------------------------

    def run_for(self, seconds: float) -> None:
        """Let awake time pass; the timer fires whenever it is due."""
        end = self.clock.true_elapsed + seconds
        for _ in range(100_000):
            remaining = end - self.clock.true_elapsed
            to_timer = self._deadline - self.clock.monotonic()
            if to_timer > remaining:
                self.clock.advance(remaining)
                return
            self.clock.advance(max(0.0, to_timer))
            self.checks += 1
            self.last = self._handle(self.scheduler.check())
        raise AssertionError("the timer fired 100,000 times: a busy loop")

    def suspend(self, seconds: float, platform_tells: bool = False) -> None:
        """Sleep the machine; optionally the platform announces the wake."""
        self.clock.suspend(seconds)
        self._disturbed = True
        if platform_tells:
            self.last = self._handle(self.scheduler.notice_wake())

    def jump(self, seconds: float) -> None:
        """Somebody sets the clock."""
        self.clock.jump(seconds)
        if seconds > 0:
            self._disturbed = True

    def travel(self, zone: str) -> None:
        """The machine moves to another time zone: local hours move with it."""
        self.clock.set_zone(zone)
        self._disturbed = True

    def snooze(self) -> None:
        """The user says "Later"."""
        self._disturbed = True
        self.last = self._handle(self.scheduler.snooze())

    def pause_for(self, minutes: int) -> None:
        """Pause for a while."""
        self.last = self._handle(self.scheduler.pause_for(minutes))

    def pause_until_tomorrow(self) -> None:
        """Pause until tomorrow's first active window."""
        self.last = self._handle(self.scheduler.pause_until_tomorrow())

    def resume(self) -> None:
        """Resume reminders."""
        self.last = self._handle(self.scheduler.resume())

    def edit(self, settings: Settings) -> None:
        """The user saves new settings."""
        self._disturbed = True
        self.settings = settings
        self.last = self._handle(self.scheduler.update_settings(settings))

    def restart(self, downtime: float = 0.0) -> None:
        """Quit, stay away for ``downtime`` seconds (machine awake), start again.

        Like the app, the new run tells the planner at once what the desktop says (when it
        says anything: with nothing held and nobody away there is nothing to tell).
        """
        saved = self.scheduler.state
        self.clock.advance(downtime)
        self._disturbed = True
        self.scheduler = Scheduler(self.settings, saved, self.clock)
        self.last = self._handle(self.scheduler.start())
        if self.presence != Presence():
            self.last = self._handle(self.scheduler.observe(self.presence))

    def begin_hold(self, reason: HoldReason = HoldReason.FULLSCREEN) -> None:
        """Something starts holding reminders (a presentation, a locked screen...)."""
        if self.presence.held is None:
            self.holds.append([self.clock.true_elapsed, None])
        self._observe(replace(self.presence, held=reason))

    def end_hold(self) -> None:
        """Nothing holds reminders any more."""
        if self.presence.held is not None:
            self.holds[-1][1] = self.clock.true_elapsed
        self._observe(replace(self.presence, held=None))

    def go_away(self, idle_seconds: float) -> None:
        """The desktop notices the person left ``idle_seconds`` ago."""
        if self.presence.away_since is None:
            self.absences.append([self.clock.true_elapsed - idle_seconds, None])
            since = self.clock.now() - timedelta(seconds=idle_seconds)
            self._observe(replace(self.presence, away_since=since))

    def come_back(self) -> None:
        """The person is back at the keyboard."""
        if self.presence.away_since is not None:
            self.absences[-1][1] = self.clock.true_elapsed
            self._observe(replace(self.presence, away_since=None))

    def remind_anyway(self) -> None:
        """The person asks for the held reminder now."""
        self._disturbed = True
        self.last = self._handle(self.scheduler.remind_anyway())

    def _observe(self, presence: Presence) -> None:
        self.presence = presence
        self.last = self._handle(self.scheduler.observe(presence))

    # -- bookkeeping ----------------------------------------------------------------------

    def _handle(self, decision: Decision) -> Decision:
        self.decisions += 1
        self.last_at = self.clock.now()
        if decision.remind:
            assert decision.paused_until is None, "a reminder while paused"
            self.reminders.append(
                Shown(
                    self.clock.true_elapsed,
                    self.clock.now(),
                    decision.reason,
                    self.settings,
                    self._disturbed,
                )
            )
            self._disturbed = False
        wait = decision.wait_seconds(self.clock.now())
        assert 0 <= wait <= 300.001, f"timer armed for {wait} s"
        self._deadline = self.clock.monotonic() + wait
        return decision


def in_active_window(shown: Shown) -> bool:
    """Return True if a reminder was shown inside the active hours of its settings."""
    zone = shown.wall.tzinfo or UTC
    return window_at(shown.settings.reminders, zone, shown.wall.astimezone(UTC)) is not None


def start_at(text: str, zone: str) -> FakeClock:
    """Return a FakeClock at a local time in ``zone``."""
    from zoneinfo import ZoneInfo

    return FakeClock(datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone)), zone)


MINUTE = 60.0
HOUR = 3600.0
DAY = 86400.0
__all__ = ["DAY", "HOUR", "MINUTE", "AppSim", "Shown", "in_active_window", "start_at", "timedelta"]
