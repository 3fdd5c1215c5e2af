"""Thirty days of simulated life, across both DST changes, with 100 random suspends.

Runs in well under a second per scenario: the clock is fake. Checks what a user would
notice: no reminder outside active hours, none twice, no burst after waking, and no active
window without a single reminder when the machine was awake through it.
"""

from __future__ import annotations

import itertools
import random
import time as walltime
from datetime import UTC, datetime, time, timedelta

import pytest

from kindtray.core.plan import active_windows, min_gap
from kindtray.core.presence import HoldReason
from kindtray.core.settings import ReminderSettings, Settings
from kindtray.core.settings_keys import DAYS
from tests.core.sim import DAY, HOUR, MINUTE, AppSim, in_active_window, start_at

SCENARIOS = [
    # zone, start (local), around which DST change
    ("Europe/Berlin", "2027-03-10T00:00"),  # clocks go forward on 28 March
    ("Europe/Berlin", "2026-10-10T00:00"),  # and back on 25 October
    ("America/New_York", "2027-02-28T00:00"),  # forward on 14 March
    ("America/New_York", "2026-10-20T00:00"),  # back on 1 November
]
REMINDERS = {
    "office hours": ReminderSettings(),
    # Every night across the DST hour itself, crossing midnight.
    "night owl": ReminderSettings(
        interval_minutes=40,
        randomness_percent=30,
        active_days=DAYS,
        active_start=time(22, 0),
        active_end=time(4, 0),
    ),
}


@pytest.mark.parametrize("zone,start", SCENARIOS)
@pytest.mark.parametrize("name", sorted(REMINDERS))
def test_thirty_days_with_100_suspends(zone: str, start: str, name: str) -> None:
    began = walltime.perf_counter()
    rng = random.Random(f"{zone}{start}{name}")
    settings = Settings(reminders=REMINDERS[name])
    clock = start_at(start, zone)
    sim = AppSim(clock, settings)
    first = clock.now()

    # 100 suspends at random moments: most short (a minute to an hour), some overnight.
    total = 30 * DAY
    moments = sorted(rng.uniform(0, total) for _ in range(100))
    suspended: list[tuple[datetime, datetime]] = []
    for moment in moments:
        if clock.true_elapsed < moment:
            sim.run_for(moment - clock.true_elapsed)
        length = rng.uniform(MINUTE, HOUR) if rng.random() < 0.7 else rng.uniform(HOUR, 16 * HOUR)
        before = clock.now().astimezone(UTC)
        sim.suspend(length, platform_tells=rng.random() < 0.5)
        suspended.append((before, clock.now().astimezone(UTC)))
    sim.run_for(max(0.0, total - clock.true_elapsed))
    last = clock.now()

    shown = sim.reminders
    assert shown, "a month without a single reminder"
    assert all(in_active_window(r) for r in shown), "a reminder outside active hours"
    instants = [r.wall.astimezone(UTC) for r in shown]
    assert len(set(instants)) == len(instants), "a reminder shown twice"
    shortest = min_gap(settings.reminders).total_seconds()
    for a, b in itertools.pairwise(shown):
        spacing = b.true_seconds - a.true_seconds
        assert spacing >= MINUTE, "a burst of reminders"
        if not b.disturbed_before:
            assert spacing >= shortest - 1, "a reminder too soon after the last"

    # Every active window during which the machine was awake throughout got a reminder
    # (unless it is shorter than the catch-up delay after the start).
    zone_info = clock.zone
    for window in active_windows(settings.reminders, zone_info, first.astimezone(UTC)):
        if window.end > last.astimezone(UTC):
            break
        if window.start < first.astimezone(UTC):
            continue
        if any(s < window.end and e > window.start for s, e in suspended):
            continue
        assert any(window.start <= t < window.end for t in instants), (
            f"no reminder in the window {window.start.astimezone(zone_info)}"
        )

    # Fast enough for every CI run (no timed assertion: printed for the closing note).
    print(f"{name}/{zone}/{start}: {len(shown)} reminders, {walltime.perf_counter() - began:.2f} s")


def test_a_quiet_month_costs_at_most_twelve_wake_ups_an_hour() -> None:
    clock = start_at("2026-11-30T00:00", "Europe/Berlin")
    sim = AppSim(clock, Settings(reminders=ReminderSettings(active_days=())))
    sim.run_for(30 * DAY)
    assert sim.checks <= 12 * 24 * 30
    assert clock.now() - timedelta(days=30) == start_at("2026-11-30T00:00", "Europe/Berlin").now()


@pytest.mark.parametrize("zone,start", SCENARIOS)
@pytest.mark.parametrize("name", sorted(REMINDERS))
def test_thirty_days_with_holds_and_absences(zone: str, start: str, name: str) -> None:
    """A month of presentations, calls, locked screens and walks, with suspends among them."""
    rng = random.Random(f"held:{zone}{start}{name}")
    settings = Settings(reminders=REMINDERS[name])
    clock = start_at(start, zone)
    sim = AppSim(clock, settings)
    interval = settings.reminders.interval_minutes * MINUTE
    away_after = 5 * MINUTE
    long_returns: list[float] = []
    suspends = 0
    runs_of_holds = 0
    while clock.true_elapsed < 30 * DAY:
        sim.run_for(rng.uniform(0, 3 * HOUR))
        kind = rng.random()
        if kind < 0.45:
            # A hold, sometimes a run of them a few seconds apart (a call, then a shared screen).
            runs = rng.choice([1, 1, 1, 2, 3, 5])
            runs_of_holds += runs > 1
            for _ in range(runs):
                sim.begin_hold(rng.choice(list(HoldReason)[:-1]))
                sim.run_for(rng.uniform(MINUTE, 3 * HOUR))
                sim.end_hold()
                sim.run_for(rng.uniform(1, 50))
        elif kind < 0.85:
            # Away: noticed after the away time; back after up to four hours.
            length = rng.uniform(away_after, 4 * HOUR)
            sim.run_for(away_after)
            sim.go_away(away_after)
            if rng.random() < 0.2:
                sim.suspend(length - away_after)
                suspends += 1
            else:
                sim.run_for(length - away_after)
            sim.come_back()
            if length >= interval:
                long_returns.append(clock.true_elapsed)
        else:
            sim.suspend(rng.uniform(MINUTE, 10 * HOUR), platform_tells=rng.random() < 0.5)
            suspends += 1

    shown = times(sim)
    assert shown, "a month without a single reminder"
    assert all(in_active_window(r) for r in sim.reminders), "a reminder outside active hours"
    assert any(r.reason == "after a hold" for r in sim.reminders), "no hold ever mattered"
    shortest = min_gap(settings.reminders).total_seconds()
    holds = [(s, e) for s, e in sim.holds if s is not None and e is not None]
    absences = [(s, e) for s, e in sim.absences if s is not None and e is not None]
    for begin, end in holds:
        assert not any(begin < t <= end for t in shown), "a reminder inside a hold"
        after = [t for t in shown if end < t < end + shortest - 1]
        assert len(after) <= 1, "more than one reminder after a hold"
    for back in long_returns:
        assert not any(back <= t <= back + MINUTE for t in shown), "a reminder on coming back"
    for left, back in absences:
        assert not any(left + away_after < t <= back for t in shown), "a reminder while away"
    print(
        f"{name}/{zone}/{start}: {len(shown)} reminders in 30 days; {len(holds)} holds "
        f"({runs_of_holds} runs of several), {len(absences)} absences "
        f"({len(long_returns)} as long as the interval), {suspends} suspends"
    )


def times(sim: AppSim) -> list[float]:
    return [r.true_seconds for r in sim.reminders]
