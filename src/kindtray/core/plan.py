"""The plan: active windows, the gaps between reminders, and when the next one is due.

Pure functions of settings, state and an instant; they keep no state of their own, read no
clock and decide nothing about what happens now (snooze, sleep, holds, presence: that is the
``Scheduler`` in ``kindtray.core.schedule``). The rules (each has a test):

- Reminders come only inside active windows: active days x active hours in local time. A
  window that crosses midnight belongs to the day it starts; start == end means all day.
- The gap between reminders is the interval, plus or minus the configured randomness. The
  jitter of each gap is derived from the state's seed and the gap's start, so a plan is
  stable across restarts. The first reminder of a window comes one gap after it opens; a
  window shorter than a gap gets exactly one reminder, in its middle, unless that is less
  than the shortest gap after the plan's base (then the next window has it).
- A snooze, a catch-up reminder and a pause saved in the state move the plan as
  ``next_due`` says; after a pause the plan starts again from its end.
- All arithmetic is in UTC, windows are built per local day with zoneinfo, so daylight
  saving changes neither repeat nor skip a reminder.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from kindtray.core.settings import ReminderSettings, Settings
from kindtray.core.settings_keys import DAYS
from kindtray.core.state import State

#: How far ahead the planner looks for an active window (covers a whole week and DST).
_SEARCH_DAYS = 9


@dataclass(frozen=True)
class Window:
    """One active window, as UTC instants: reminders may come in ``[start, end)``."""

    start: datetime
    end: datetime

    def contains(self, instant: datetime) -> bool:
        """Return True if ``instant`` lies inside the window."""
        return self.start <= instant < self.end


def active_windows(reminders: ReminderSettings, zone: tzinfo, after: datetime) -> Iterator[Window]:
    """Yield the active windows that end after ``after``, in order, touching ones merged."""
    day_numbers = {DAYS.index(d) for d in reminders.active_days}
    if not day_numbers:
        return
    try:
        first_day = after.astimezone(zone).date() - timedelta(days=1)
    except OverflowError:  # within a day of year 1 or 9999: no calendar to plan in
        return
    pending: Window | None = None
    for offset in range(_SEARCH_DAYS + 1):
        try:
            day = first_day + timedelta(days=offset)
            window = _window_for_day(reminders, zone, day)
        except OverflowError:
            break
        if day.weekday() not in day_numbers:
            continue
        if window is None or window.end <= after:
            continue
        if pending is not None and window.start <= pending.end:
            pending = Window(pending.start, max(pending.end, window.end))
            continue
        if pending is not None:
            yield pending
        pending = window
    if pending is not None:
        yield pending


def _window_for_day(reminders: ReminderSettings, zone: tzinfo, day: date) -> Window | None:
    start_local = datetime.combine(day, reminders.active_start, tzinfo=zone)
    if reminders.active_end > reminders.active_start:
        end_local = datetime.combine(day, reminders.active_end, tzinfo=zone)
    elif reminders.active_end < reminders.active_start:
        end_local = datetime.combine(day + timedelta(days=1), reminders.active_end, tzinfo=zone)
    else:
        end_local = datetime.combine(day + timedelta(days=1), reminders.active_start, tzinfo=zone)
    start, end = start_local.astimezone(UTC), end_local.astimezone(UTC)
    return Window(start, end) if end > start else None


def window_at(reminders: ReminderSettings, zone: tzinfo, instant: datetime) -> Window | None:
    """Return the active window containing ``instant``, or None."""
    for window in active_windows(reminders, zone, instant):
        return window if window.contains(instant) else None
    return None


def gap_after(reminders: ReminderSettings, seed: int, start: datetime) -> timedelta:
    """Return the gap that begins at ``start``: the interval with its share of randomness."""
    interval = reminders.interval_minutes * 60.0
    spread = reminders.randomness_percent / 100.0
    if spread == 0:
        return timedelta(seconds=interval)
    # Seeded by the state's seed and the gap's start: the same gap gets the same jitter
    # after a restart, yet each gap differs.
    rng = random.Random(f"{seed}:{int(start.timestamp())}")
    # Whole minutes: "Next reminder at 14:32" then means 14:32, not 14:32:52.
    minutes = round(interval * (1 + rng.uniform(-spread, spread)) / 60)
    return timedelta(minutes=max(1, minutes))


def min_gap(reminders: ReminderSettings) -> timedelta:
    """Return the shortest gap the randomness can produce."""
    shortest = reminders.interval_minutes * (1 - reminders.randomness_percent / 100)
    return timedelta(minutes=max(1, round(shortest)))  # rounded like gap_after rounds


def next_due(settings: Settings, state: State, zone: tzinfo) -> datetime | None:
    """Return when the next reminder is due (UTC; maybe in the past), or None if never.

    ``state.anchor`` must be set: it is where the current gap started.
    """
    reminders = settings.reminders
    pause_end = state.pause_until.astimezone(UTC) if state.pause_until else None

    def not_paused(instant: datetime) -> bool:
        return pause_end is None or instant >= pause_end

    catch_up = state.catch_up_at
    if catch_up is not None and not_paused(catch_up) and window_at(reminders, zone, catch_up):
        # (Checked again here: the settings may have changed since it was planned.)
        return catch_up.astimezone(UTC)
    anchor = (
        state.anchor or state.last_reminder_at or datetime.min.replace(tzinfo=UTC)
    ).astimezone(UTC)
    if state.snooze_until is not None and not_paused(state.snooze_until):
        snooze = state.snooze_until.astimezone(UTC)
        if window_at(reminders, zone, snooze) is not None:
            return snooze
        anchor = max(anchor, snooze)
    base = max(anchor, pause_end) if pause_end is not None else anchor
    return _chain_from(settings, state.seed, zone, base)


def _chain_from(settings: Settings, seed: int, zone: tzinfo, base: datetime) -> datetime | None:
    reminders = settings.reminders
    for window in active_windows(reminders, zone, base):
        try:
            if window.start <= base:
                candidate = base + gap_after(reminders, seed, base)
                if candidate < window.end:
                    return candidate
                continue
            gap = gap_after(reminders, seed, window.start)
            if window.start + gap < window.end:
                return window.start + gap
        except OverflowError:  # a window at the very end of the calendar
            return None
        middle = window.start + (window.end - window.start) / 2
        # A base just before a short window (a clock set back past the last reminder, a
        # break just taken) must not bring its middle reminder sooner than the shortest gap.
        if middle - base >= min_gap(reminders):
            return middle
    return None


def upcoming(settings: Settings, state: State, start: datetime, count: int) -> list[datetime]:
    """Return the next ``count`` planned reminders at or after ``start``, in its zone.

    A preview: it follows the saved plan (anchor, snooze, pause) and assumes each reminder
    is shown when due and nothing else happens.
    """
    zone = start.tzinfo or UTC
    start_utc = start.astimezone(UTC)
    plan = state
    stale = start_utc - timedelta(days=_SEARCH_DAYS)
    if plan.anchor is None or plan.anchor < stale:
        plan = plan.with_changes(anchor=start_utc)
    # A snooze or catch-up long past would otherwise make the preview walk every gap since.
    for name in ("snooze_until", "catch_up_at"):
        if (value := getattr(plan, name)) is not None and value < stale:
            plan = plan.with_changes(**{name: None})
    result: list[datetime] = []
    while len(result) < count:
        due = next_due(settings, plan, zone)
        if due is None:
            break
        if due >= start_utc:
            result.append(due.astimezone(zone))
        plan = plan.with_changes(
            anchor=due, last_reminder_at=due, snooze_until=None, catch_up_at=None
        )
    return result


#: Until this hour the night still belongs to the day before: "until tomorrow" said at
#: 01:00 means the coming morning, not the morning after.
_NIGHT_ENDS = timedelta(hours=4)


def pause_until_tomorrow(settings: Settings, now: datetime) -> datetime:
    """Return when "pause until tomorrow" ends: the first active window opening tomorrow.

    "Tomorrow" is the day after the user's current day (which lasts until 04:00); a day
    without active hours passes on to the next active one. With no active days at all, the
    pause ends tomorrow at the usual start time.
    """
    zone = now.tzinfo or UTC
    local = now.astimezone(zone)
    tomorrow = (local - _NIGHT_ENDS).date() + timedelta(days=1)
    midnight = datetime.combine(tomorrow, datetime.min.time(), tzinfo=zone).astimezone(UTC)
    begin = max(midnight, now.astimezone(UTC))
    for window in active_windows(settings.reminders, zone, begin):
        if window.start >= begin:
            return window.start.astimezone(zone)
    return datetime.combine(tomorrow, settings.reminders.active_start, tzinfo=zone)
