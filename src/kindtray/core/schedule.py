"""The scheduler: what should happen now, and when to look at the clock again.

Keeps settings and state together and answers every question the app asks with a
``Decision``. Pure Python, handed the time through a ``Clock``; it never sleeps, starts a
timer or saves anything itself. Where the reminders fall (windows, gaps, ``next_due``) is the
plan's, in ``kindtray.core.plan``; this module only moves the plan. The rules (each has a
test):

- Snooze brings the reminder back after ``snooze_minutes``. A pause always has an end and
  ends by itself; after a pause or a resume the plan starts again from then.
- After a gap (sleep, a clock jump, or time the app was not running): if reminders fell due
  during it, at most one is shown, a couple of minutes after waking and only inside an
  active window. A clock set back never causes a second reminder.

Respectful timing (the caller hands a ``Presence`` to ``observe`` whenever it changes):

- Never a reminder while one is held (screen locked, fullscreen, Do Not Disturb, screen
  shared, mic or camera) or while the person is away: a reminder that falls due then waits.
- A held reminder is shown once, RELEASE_DELAY after the hold ends, and only if the active
  hours (and no pause) still allow it then. However many holds follow one another, and
  however many gaps pass during them, at most one reminder waits.
- Away at least as long as the interval counts as a break: the next reminder comes one full
  gap after the return, and nothing that waited is shown. A shorter absence does not move
  the plan (a reminder that fell due during it comes as after a hold).
- A hold read back from the state file is only a memory until the desktop confirms it, so a
  hold nobody can see any more (unknown) never blocks a reminder.
- Not the planner's business, so kept by the caller: a break the person asks for (menu,
  ``kindtray break``, the welcome) is never held; it is told with ``break_taken``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from enum import StrEnum

from kindtray.core.clock import Clock
from kindtray.core.plan import next_due, pause_until_tomorrow, window_at
from kindtray.core.presence import Hold, HoldReason, Presence
from kindtray.core.settings import Settings
from kindtray.core.state import State

#: The reminder timer never sleeps longer than this: Qt timers stop during suspend, so the
#: core must look at the clock regularly to notice a wake (at most 12 wake-ups an hour).
MAX_TIMER = timedelta(minutes=5)
#: Wall and monotonic time may disagree by this much before we call it a sleep or a jump.
JUMP_TOLERANCE = timedelta(seconds=60)
#: After a gap, the one catch-up reminder comes this long after waking.
CATCH_UP_DELAY = timedelta(minutes=2)
#: A held reminder comes this long after the hold ends: "within a minute", yet not at the
#: very moment of an unlock or of a window leaving fullscreen for a second.
RELEASE_DELAY = timedelta(seconds=30)
#: The longest pause the planner accepts, however it is asked for (the command line offers
#: up to a day; "until tomorrow" is at most a week away when only one day is active).
MAX_PAUSE = timedelta(days=8)
#: How far a saved pause, snooze or catch-up reminder may lie ahead, and a plan's start behind,
#: before the planner treats the saved time as damaged and brings it within reach.
_MAX_AHEAD = MAX_PAUSE
_MAX_BEHIND = timedelta(days=366)


class Reason(StrEnum):
    """Why a reminder comes now (the log says it)."""

    SCHEDULED = "scheduled"  # its gap is over
    SNOOZE = "snooze"  # the snooze is over
    CATCH_UP = "catch-up"  # the one reminder after a gap in which reminders fell due
    AFTER_HOLD = "after a hold"  # the one reminder that waited while the person was busy


@dataclass(frozen=True)
class Decision:
    """What the caller should do now, and when to ask again.

    Times are aware and in the clock's local zone. ``wake_at`` is never more than MAX_TIMER
    ahead. ``events`` name what the core noticed (for the log; no private content).
    ``held`` says why and since when a reminder may not come now; ``waiting`` that one fell
    due meanwhile and comes after the hold.
    """

    remind: bool
    reason: Reason | None  # None when no reminder comes now
    next_reminder: datetime | None
    paused_until: datetime | None
    wake_at: datetime
    events: tuple[str, ...] = ()
    held: Hold | None = None
    waiting: bool = False

    def wait_seconds(self, now: datetime) -> float:
        """Seconds from ``now`` until ``wake_at`` (never negative).

        Uses timestamps: subtracting two datetimes of the same zone gives wall-clock
        difference, which is wrong across a DST change.
        """
        return max(0.0, self.wake_at.timestamp() - now.timestamp())


class Scheduler:
    """Keeps settings and state together and answers every question the app asks.

    Every method returns a Decision; afterwards ``state`` holds what must be saved. The
    scheduler never sleeps or starts timers itself: the caller calls ``check()`` at
    ``Decision.wake_at`` (the ui's reminder timer does exactly that).
    """

    def __init__(self, settings: Settings, state: State, clock: Clock) -> None:
        self.settings = settings
        self.state = state
        self._clock = clock
        self._last_wall: datetime | None = None
        self._last_mono: float | None = None
        # "Remind me anyway": the current hold no longer holds, until it ends.
        self._hold_ignored = False
        self._released_at: datetime | None = None
        # A hold or absence read back from the file, until the desktop confirms it.
        self._remembered = (state.held_reason, state.held_since, state.away_since)
        self.state = state.with_changes(held_reason=None, held_since=None, away_since=None)

    # -- the questions -----------------------------------------------------------------

    def start(self) -> Decision:
        """Begin: time that passed while kindtray was not running counts as a gap."""
        now = self._now()
        events: list[str] = self._bring_within_reach(now)
        if self.state.anchor is None:
            self.state = self.state.with_changes(anchor=now)
            events.append("first start: the plan begins now")
        else:
            last_seen = self.state.last_seen
            if last_seen is not None and now - last_seen < -JUMP_TOLERANCE:
                # The clock was set back while we were away. Without a monotonic clock across
                # the restart, the time since we last looked is the least it went back by;
                # the same rule as check() applies, so a restart never lengthens a pause.
                events.extend(self._clock_set_back(now, now - last_seen))
            if self.state.anchor is not None and self.state.anchor > now:
                self.state = self.state.with_changes(anchor=now)
                events.append("clock is earlier than the last plan: the plan begins now")
            events.extend(self._after_gap(now, "kindtray was not running"))
        self._remember_clock(now)
        return self._decide(now, events)

    def check(self) -> Decision:
        """Look at the clock: notice sleep or clock jumps, and remind if one is due."""
        now, events = self._look()
        return self._decide(now, events)

    def notice_wake(self) -> Decision:
        """The platform said the machine woke from sleep."""
        now = self._now()
        events = self._after_gap(now, "woke from sleep")
        self._remember_clock(now)
        return self._decide(now, events)

    def reminder_shown(self) -> Decision:
        """A reminder was shown outside the plan (``kindtray remind``): count it."""
        now, events = self._look()
        self._mark_reminded(now)
        return self._decide(now, events)

    def observe(self, presence: Presence) -> Decision:
        """The desktop said whether the person is busy or away (call on every change)."""
        now, events = self._look()
        events.extend(self._apply_presence(now, presence))
        return self._decide(now, events)

    def remind_anyway(self) -> Decision:
        """The person asked for the held reminder now; the hold no longer holds until it ends."""
        now, events = self._look()
        if self._holding():
            self._hold_ignored = True
            events.append("the person asked not to wait")
        if self.state.held_due is not None:
            self.state = self.state.with_changes(held_due=None, catch_up_at=now)
        return self._decide(now, events)

    def snooze(self) -> Decision:
        """The user said "Later": bring the reminder back after the snooze time."""
        now, events = self._look()
        until = now + timedelta(minutes=self.settings.reminders.snooze_minutes)
        self.state = self.state.with_changes(snooze_until=until, catch_up_at=None)
        return self._decide(now, events)

    def pause_for(self, minutes: int) -> Decision:
        """Pause reminders for ``minutes``; the pause ends by itself."""
        now, events = self._look()
        length = min(timedelta(minutes=max(0, minutes)), MAX_PAUSE)
        return self._pause(now, now + length, events)

    def pause_until_tomorrow(self) -> Decision:
        """Pause until the first active window that opens after today."""
        now, events = self._look()
        return self._pause(now, pause_until_tomorrow(self.settings, self._local(now)), events)

    def resume(self) -> Decision:
        """End a pause now; the plan starts again from now. Without a pause, nothing changes."""
        now, events = self._look()
        if self.state.pause_until is not None:
            self.state = self.state.with_changes(pause_until=None, anchor=now, held_due=None)
        return self._decide(now, events)

    def break_taken(self) -> Decision:
        """The user just had a break (asked for or reminded): the next gap starts now.

        Without this, a break taken by shortcut at 10:20 would be followed by the reminder
        planned for 10:23.
        """
        now, events = self._look()
        self.state = self.state.with_changes(
            anchor=now, snooze_until=None, catch_up_at=None, held_due=None
        )
        return self._decide(now, events)

    def update_settings(self, settings: Settings) -> Decision:
        """Use new settings; a reminder never becomes due at once because of an edit."""
        now, events = self._look()
        self.settings = settings
        due = next_due(settings, self.state, self._zone())
        if due is not None and due <= now:
            self.state = self.state.with_changes(anchor=now, catch_up_at=None, snooze_until=None)
        return self._decide(now, events)

    # -- the rules -----------------------------------------------------------------------

    def _decide(self, now: datetime, events: list[str]) -> Decision:
        events = list(events) + self._bring_within_reach(now)
        if self.state.pause_until is not None and self.state.pause_until <= now:
            # A pause ends by itself; the plan starts again where it ended.
            end = self.state.pause_until.astimezone(UTC)
            anchor = max(end, (self.state.anchor or end).astimezone(UTC))
            self.state = self.state.with_changes(pause_until=None, anchor=anchor)
            events.append("pause ended")
        due = next_due(self.settings, self.state, self._zone())
        if (
            due is not None
            and due <= now
            and not window_at(self.settings.reminders, self._zone(), now)
        ):
            # Overdue, but now is outside active hours (a gap nobody noticed yet): treat it
            # as a gap, so it is made up for at most once, and never outside active hours.
            events.extend(self._after_gap(now, "a reminder was missed"))
            due = next_due(self.settings, self.state, self._zone())
        holding = self._holding()
        if not holding and self.state.held_due is not None:
            events.extend(self._release(now))
            due = next_due(self.settings, self.state, self._zone())
        if holding and due is not None and due <= now:
            # Whatever fell due (planned, snoozed, made up for) waits; only one ever does.
            if self.state.held_due is None:
                events.append("a reminder fell due while held: it waits")
            self.state = self.state.with_changes(
                held_due=self.state.held_due or due, anchor=now, snooze_until=None, catch_up_at=None
            )
            due = next_due(self.settings, self.state, self._zone())
        remind = False
        reason: Reason | None = None
        if due is not None and due <= now:
            reason = self._reason(due)
            remind = True
            self._mark_reminded(now)
            due = next_due(self.settings, self.state, self._zone())
        wake = now + MAX_TIMER if due is None else min(due, now + MAX_TIMER)
        pause = self.state.pause_until
        return Decision(
            remind=remind,
            reason=reason,
            next_reminder=self._local(due) if due is not None else None,
            paused_until=self._local(pause) if pause is not None else None,
            wake_at=self._local(max(wake, now)),
            events=tuple(events),
            held=self._hold(),
            waiting=self.state.held_due is not None,
        )

    def _bring_within_reach(self, now: datetime) -> list[str]:
        """Clamp saved times that no kindtray could have planned (a damaged or edited file).

        A pause, snooze or catch-up reminder ends at most ``_MAX_AHEAD`` from now; the plan's
        start and the last reminder lie at most ``_MAX_BEHIND`` back. Without this a far
        date would overflow the calendar or silence kindtray for centuries.
        """
        latest, earliest = now + _MAX_AHEAD, now - _MAX_BEHIND
        changes: dict[str, datetime | None] = {}
        for name in ("pause_until", "snooze_until", "catch_up_at"):
            value = getattr(self.state, name)
            if value is not None and value.astimezone(UTC) > latest:
                changes[name] = latest
        for name in ("anchor", "last_reminder_at", "last_seen"):
            value = getattr(self.state, name)
            if value is not None and value.astimezone(UTC) < earliest:
                changes[name] = earliest
        if not changes:
            return []
        self.state = self.state.with_changes(**changes)
        return [f"saved times out of reach were brought near: {', '.join(sorted(changes))}"]

    def _reason(self, due: datetime) -> Reason:
        if self.state.catch_up_at is not None and due == self._released_at:
            return Reason.AFTER_HOLD
        if self.state.catch_up_at is not None and due == self.state.catch_up_at:
            return Reason.CATCH_UP
        if self.state.snooze_until is not None and due == self.state.snooze_until:
            return Reason.SNOOZE
        return Reason.SCHEDULED

    def _mark_reminded(self, now: datetime) -> None:
        self.state = self.state.with_changes(
            last_reminder_at=now, anchor=now, snooze_until=None, catch_up_at=None, held_due=None
        )

    def _notice_jumps(self, now: datetime) -> list[str]:
        if self._last_wall is None or self._last_mono is None:
            return []
        wall = now - self._last_wall
        mono = timedelta(seconds=self._clock.monotonic() - self._last_mono)
        drift = wall - mono
        if drift > JUMP_TOLERANCE:
            return self._after_gap(now, f"sleep or clock jump forward ({_minutes(drift)})")
        if drift < -JUMP_TOLERANCE:
            return self._clock_set_back(now, drift)
        return []

    def _clock_set_back(self, now: datetime, drift: timedelta) -> list[str]:
        """Apply the rule for a clock set back by ``-drift`` (``drift`` is negative)."""
        events = [f"clock set back ({_minutes(-drift)})"]
        # Never let a clock set back make the plan wait for a time that already passed
        # for the user, nor repeat a reminder: the next gap starts now. A pause, snooze
        # or catch-up reminder keeps the real time it had left (a pause of one hour
        # must not become a day because the clock went back a day).
        anchor = self.state.anchor
        if anchor is None or anchor > now:
            self.state = self.state.with_changes(anchor=now)
        self.state = self.state.with_changes(
            **{
                name: value + drift
                for name in ("pause_until", "snooze_until", "catch_up_at")
                if (value := getattr(self.state, name)) is not None
            }
        )
        return events

    def _after_gap(self, now: datetime, why: str) -> list[str]:
        """Apply the rule for a gap: at most one catch-up reminder, then plan from now."""
        events = [why]
        due = next_due(self.settings, self.state, self._zone())
        if due is None or due > now:
            return events
        catch_up = now + CATCH_UP_DELAY
        paused = self.state.pause_until is not None and catch_up < self.state.pause_until
        in_window = window_at(self.settings.reminders, self._zone(), catch_up) is not None
        if in_window and not paused:
            events.append("a reminder fell due meanwhile: one comes in a couple of minutes")
            self.state = self.state.with_changes(
                catch_up_at=catch_up, snooze_until=None, anchor=now
            )
        else:
            events.append("a reminder fell due meanwhile, outside active hours: skipped")
            self.state = self.state.with_changes(catch_up_at=None, snooze_until=None, anchor=now)
        return events

    def _holding(self) -> bool:
        busy = self.state.held_since is not None or self.state.away_since is not None
        return busy and not self._hold_ignored

    def _hold(self) -> Hold | None:
        """Why and since when a reminder may not come now (None: it may)."""
        if not self._holding():
            return None
        if self.state.held_reason is not None and self.state.held_since is not None:
            return Hold(HoldReason(self.state.held_reason), self.state.held_since)
        since = self.state.away_since
        return Hold(HoldReason.AWAY, since) if since is not None else None

    def _apply_presence(self, now: datetime, presence: Presence) -> list[str]:
        """Note what changed; a return after a long absence counts as a break."""
        events: list[str] = []
        reason_then, held_then, away_then = self._remembered
        self._remembered = (None, None, None)
        state = self.state
        away = presence.away_since
        if away is not None:
            away = min(away.astimezone(UTC), now)
            # Still away since before a restart: the absence began then.
            away = min(away, state.away_since or away_then or away)
            if state.away_since is None:
                events.append("away")
            state = state.with_changes(away_since=away)
        elif state.away_since is not None:
            length = now - state.away_since
            state = state.with_changes(away_since=None)
            interval = timedelta(minutes=self.settings.reminders.interval_minutes)
            if length >= interval:
                # Time away was a break: the next gap starts now, and nothing waits.
                state = state.with_changes(
                    anchor=now, snooze_until=None, catch_up_at=None, held_due=None
                )
                events.append(f"back after {_minutes(length)}: counted as a break")
            else:
                events.append(f"back after {_minutes(length)}")
        reason = presence.held.value if presence.held is not None else None
        if reason is None and state.held_since is not None:
            events.append(f"no longer held ({state.held_reason})")
            state = state.with_changes(held_reason=None, held_since=None)
        elif reason is not None and reason != state.held_reason:
            since = state.held_since
            if since is None:
                since = held_then if reason == reason_then and held_then is not None else now
                events.append(f"held: {reason}")
            state = state.with_changes(held_reason=reason, held_since=since)
        if state.held_since is None and state.away_since is None:
            if self._holding() and state.held_due is None:
                # A reminder fell due during the hold but nobody looked (the machine slept):
                # it waited all the same, so it comes after the release delay, not at once.
                due = next_due(self.settings, state, self._zone())
                if due is not None and due <= now:
                    state = state.with_changes(held_due=due)
            self._hold_ignored = False
        self.state = state
        return events

    def _release(self, now: datetime) -> list[str]:
        """The hold ended: the one reminder that waited comes shortly, if hours allow."""
        at = now + RELEASE_DELAY
        paused = self.state.pause_until is not None and at < self.state.pause_until
        self.state = self.state.with_changes(held_due=None)
        if paused or window_at(self.settings.reminders, self._zone(), at) is None:
            return ["the reminder that waited is skipped: outside active hours"]
        catch_up = self.state.catch_up_at
        if catch_up is not None and catch_up > now:
            # A catch-up already past fell due in the hold: it is the reminder that waited.
            at = min(at, catch_up)
        self._released_at = at
        self.state = self.state.with_changes(catch_up_at=at)
        return ["the reminder that waited comes in half a minute"]

    def _pause(self, now: datetime, until: datetime, events: list[str]) -> Decision:
        self.state = self.state.with_changes(
            pause_until=until.astimezone(UTC), snooze_until=None, catch_up_at=None, held_due=None
        )
        return self._decide(now, events)

    # -- the clock -----------------------------------------------------------------------

    def _now(self) -> datetime:
        return self._clock.now().astimezone(UTC)

    def _look(self) -> tuple[datetime, list[str]]:
        """Read the clock, noticing any sleep or jump since the last look."""
        now = self._now()
        events = self._notice_jumps(now)
        self._remember_clock(now)
        return now, events

    def _zone(self) -> tzinfo:
        zone = self._clock.now().tzinfo
        return zone if zone is not None else UTC

    def _local(self, instant: datetime) -> datetime:
        return instant.astimezone(self._zone())

    def _remember_clock(self, now: datetime) -> None:
        self._last_wall = now
        self._last_mono = self._clock.monotonic()
        self.state = self.state.with_changes(last_seen=now)


def _minutes(delta: timedelta) -> str:
    minutes = round(delta.total_seconds() / 60)
    return f"{minutes} min"
