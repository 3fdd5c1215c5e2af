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

from kindtray.core.schedule import active_windows, min_gap
from kindtray.core.settings import DAYS, ReminderSettings, Settings
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
