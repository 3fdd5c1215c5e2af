"""Respectful timing, rule by rule: each test fails if its rule in the planner is taken out."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from kindtray.core.clock import FakeClock
from kindtray.core.presence import (
    SETTING_FOR,
    Hold,
    HoldReason,
    Presence,
    away_since,
    combine,
)
from kindtray.core.schedule import RELEASE_DELAY, Scheduler
from kindtray.core.settings import ReminderSettings, Settings
from kindtray.core.settings_keys import DAYS
from kindtray.core.state import State
from tests.core.sim import HOUR, MINUTE, AppSim, start_at

# Every day, all day, every hour on the hour: the plan is easy to read in the tests.
HOURLY = Settings(
    reminders=ReminderSettings(
        interval_minutes=60,
        randomness_percent=0,
        active_days=DAYS,
        active_start=time(0, 0),
        active_end=time(0, 0),
    )
)
OFFICE = Settings(
    reminders=ReminderSettings(interval_minutes=60, randomness_percent=0, active_days=DAYS)
)


def hourly(text: str = "2026-12-02T10:00") -> AppSim:
    return AppSim(start_at(text, "Europe/Berlin"), HOURLY)


def times(sim: AppSim) -> list[float]:
    return [r.true_seconds for r in sim.reminders]


# -- never inside a hold ---------------------------------------------------------------------


def test_no_reminder_while_held() -> None:
    sim = hourly()
    sim.run_for(50 * MINUTE)
    sim.begin_hold(HoldReason.FULLSCREEN)
    sim.run_for(3 * HOUR)
    assert sim.reminders == []
    assert sim.last.held == Hold(HoldReason.FULLSCREEN, sim.last_at.astimezone(UTC) - 3 * HOUR_TD)
    assert sim.last.waiting


def test_no_reminder_while_away() -> None:
    sim = hourly()
    sim.run_for(50 * MINUTE)
    sim.go_away(5 * MINUTE)
    sim.run_for(30 * MINUTE)
    assert sim.reminders == []
    assert sim.last.held is not None and sim.last.held.reason is HoldReason.AWAY


# -- shown once, within a minute of the end, if the hours allow ------------------------------


def test_a_held_reminder_comes_within_a_minute_of_the_hold_ending() -> None:
    sim = hourly()
    sim.run_for(50 * MINUTE)
    sim.begin_hold()
    sim.run_for(20 * MINUTE)
    ended = sim.clock.true_elapsed
    sim.end_hold()
    sim.run_for(MINUTE)
    assert times(sim) == [ended + RELEASE_DELAY.total_seconds()]
    assert sim.reminders[0].reason == "after a hold"


def test_a_hold_without_a_reminder_due_brings_none_and_keeps_the_plan() -> None:
    sim = hourly()
    planned = sim.last.next_reminder
    sim.run_for(10 * MINUTE)
    sim.begin_hold()
    sim.run_for(20 * MINUTE)
    sim.end_hold()
    assert sim.last.next_reminder == planned
    sim.run_for(29 * MINUTE)
    assert sim.reminders == []


def test_a_held_reminder_is_dropped_when_the_hold_ends_outside_active_hours() -> None:
    sim = AppSim(start_at("2026-12-02T16:00", "Europe/Berlin"), OFFICE)
    sim.run_for(70 * MINUTE)  # 17:10, one reminder at 17:00
    sim.begin_hold()
    sim.run_for(2 * HOUR)  # 18:00 due and held; active hours end at 18:00
    sim.end_hold()
    sim.run_for(2 * HOUR)
    assert len(sim.reminders) == 1


def test_a_held_reminder_waits_out_a_pause() -> None:
    sim = hourly()
    sim.run_for(50 * MINUTE)
    sim.begin_hold()
    sim.run_for(20 * MINUTE)
    sim.pause_for(60)
    sim.end_hold()
    sim.run_for(59 * MINUTE)
    assert sim.reminders == []


# -- a run of holds: one reminder ------------------------------------------------------------


def test_a_run_of_holds_never_brings_more_than_one_reminder() -> None:
    sim = hourly()
    sim.run_for(50 * MINUTE)
    for _ in range(12):  # four hours of holds with short breaths between them
        sim.begin_hold(HoldReason.DO_NOT_DISTURB)
        sim.run_for(20 * MINUTE)
        sim.end_hold()
        sim.run_for(10)
    sim.run_for(59 * MINUTE)
    assert len(sim.reminders) == 1


def test_a_hold_changing_its_reason_is_still_one_hold() -> None:
    sim = hourly()
    sim.run_for(50 * MINUTE)
    sim.begin_hold(HoldReason.FULLSCREEN)
    since = sim.last.held.since if sim.last.held else None
    sim.run_for(20 * MINUTE)
    sim.begin_hold(HoldReason.SCREEN_SHARED)
    assert sim.last.held == Hold(HoldReason.SCREEN_SHARED, since)  # type: ignore[arg-type]
    sim.run_for(2 * HOUR)
    sim.end_hold()
    sim.run_for(59 * MINUTE)
    assert len(sim.reminders) == 1


# -- time away -------------------------------------------------------------------------------


def test_an_absence_as_long_as_the_interval_counts_as_a_break() -> None:
    sim = hourly()
    sim.run_for(40 * MINUTE)
    sim.go_away(5 * MINUTE)  # left at 10:35
    sim.run_for(57 * MINUTE)  # back at 11:37: away 62 minutes, the 11:00 reminder waited
    back = sim.clock.true_elapsed
    sim.come_back()
    sim.run_for(2 * HOUR)
    assert times(sim)[0] == back + HOUR


def test_a_shorter_absence_does_not_move_the_plan() -> None:
    sim = hourly()
    planned = sim.last.next_reminder
    sim.run_for(10 * MINUTE)
    sim.go_away(5 * MINUTE)
    sim.run_for(20 * MINUTE)
    sim.come_back()
    assert sim.last.next_reminder == planned
    sim.run_for(31 * MINUTE)
    assert len(sim.reminders) == 1


def test_a_locked_screen_and_an_absence_end_together_as_one_break() -> None:
    sim = hourly()
    sim.run_for(30 * MINUTE)
    sim.begin_hold(HoldReason.SCREEN_LOCKED)
    sim.go_away(0)
    sim.run_for(2 * HOUR)
    back = sim.clock.true_elapsed
    sim.presence = Presence()
    sim.end_hold()
    sim.come_back()
    sim.run_for(HOUR + MINUTE)
    assert times(sim) == [back + HOUR]


# -- unknown never blocks; restarts ----------------------------------------------------------


def test_unknown_and_switched_off_sources_never_hold() -> None:
    everything = list(HoldReason)
    assert combine([(HoldReason.FULLSCREEN, None)], everything).held is None
    assert combine([(HoldReason.FULLSCREEN, False)], everything).held is None
    assert combine([(HoldReason.FULLSCREEN, True)], []).held is None
    both = [(HoldReason.DO_NOT_DISTURB, True), (HoldReason.SCREEN_LOCKED, True)]
    assert combine(both, everything).held is HoldReason.SCREEN_LOCKED


def test_every_hold_reason_but_away_has_a_switch() -> None:
    assert set(SETTING_FOR) == set(HoldReason) - {HoldReason.AWAY}


def test_away_needs_the_whole_away_time() -> None:
    now = datetime(2026, 12, 2, 10, tzinfo=UTC)
    assert away_since(now, 299, 300) is None
    assert away_since(now, None, 300) is None
    assert away_since(now, 300, 300) == now - timedelta(seconds=300)


def test_a_hold_read_back_from_the_file_holds_only_once_the_desktop_confirms_it() -> None:
    clock = FakeClock(datetime(2026, 12, 2, 10, tzinfo=UTC))
    now = clock.now()
    remembered = State(
        seed=1,
        anchor=now - timedelta(minutes=50),
        held_reason="fullscreen",
        held_since=now - timedelta(minutes=20),
        held_due=now - timedelta(minutes=1),
    )
    scheduler = Scheduler(HOURLY, remembered, clock)
    first = scheduler.start()
    assert first.held is None  # unconfirmed: nothing holds
    confirmed = scheduler.observe(Presence(held=HoldReason.FULLSCREEN))
    assert confirmed.held == Hold(HoldReason.FULLSCREEN, now - timedelta(minutes=20))
    clock.advance(10 * MINUTE)
    held = scheduler.check()
    assert not held.remind and held.waiting
    scheduler.observe(Presence())
    clock.advance(RELEASE_DELAY)
    assert scheduler.check().remind


def test_a_waiting_reminder_is_not_lost_in_a_restart_after_the_hold() -> None:
    sim = hourly()
    sim.run_for(50 * MINUTE)
    sim.begin_hold()
    sim.run_for(20 * MINUTE)
    sim.end_hold()
    sim.restart(5)
    sim.run_for(MINUTE)
    assert len(sim.reminders) == 1


# -- the person steers -----------------------------------------------------------------------


def test_remind_me_anyway_shows_the_waiting_reminder_and_lets_the_plan_run() -> None:
    sim = hourly()
    sim.run_for(50 * MINUTE)
    sim.begin_hold(HoldReason.DO_NOT_DISTURB)
    sim.run_for(20 * MINUTE)
    sim.remind_anyway()
    assert len(sim.reminders) == 1
    assert sim.last.held is None
    sim.run_for(HOUR)  # same hold: reminders come as planned
    assert len(sim.reminders) == 2
    sim.end_hold()
    sim.begin_hold(HoldReason.DO_NOT_DISTURB)  # a new hold holds again
    sim.run_for(HOUR)
    assert len(sim.reminders) == 2


def test_a_break_asked_for_during_a_hold_is_the_break_that_waited() -> None:
    # The break itself is never held (the session starts it at once); the planner counts it.
    sim = hourly()
    sim.run_for(50 * MINUTE)
    sim.begin_hold()
    sim.run_for(20 * MINUTE)
    sim.last = sim._handle(sim.scheduler.break_taken())
    sim.end_hold()
    sim.run_for(59 * MINUTE)
    assert sim.reminders == []


HOUR_TD = timedelta(hours=1)


def test_a_reminder_due_while_the_machine_slept_in_a_hold_waits_for_the_release() -> None:
    # Found by `make explore`: the screen locked, the machine slept into the active hours, a
    # catch-up fell due while nobody looked, and it came at the very moment of unlocking.
    reminders = ReminderSettings(
        interval_minutes=10,
        randomness_percent=0,
        active_days=("mon",),
        active_start=time(0, 0),
        active_end=time(0, 0),
        snooze_minutes=1,
    )
    sim = AppSim(start_at("2026-03-28T20:00", "Europe/Berlin"), Settings(reminders=reminders))
    sim.begin_hold(HoldReason.SCREEN_LOCKED)
    sim.suspend(1628 * MINUTE, platform_tells=True)
    sim.run_for(60)
    sim.suspend(MINUTE)
    sim.end_hold()
    unlocked = sim.clock.true_elapsed
    assert sim.reminders == []
    sim.run_for(MINUTE)
    assert [r.reason for r in sim.reminders] == ["after a hold"]
    assert 0 < sim.reminders[0].true_seconds - unlocked <= MINUTE


def test_a_catch_up_due_during_a_hold_across_restarts_waits_for_the_release() -> None:
    # Found by `make explore`: restarts while the screen was locked left a catch-up that fell
    # due in the hold, and the release took it at once, at the moment of unlocking.
    reminders = ReminderSettings(
        interval_minutes=10,
        randomness_percent=0,
        active_days=("mon",),
        active_start=time(0, 0),
        active_end=time(0, 0),
        snooze_minutes=1,
    )
    sim = AppSim(start_at("2026-11-30T08:00", "Europe/Berlin"), Settings(reminders=reminders))
    sim.begin_hold(HoldReason.SCREEN_LOCKED)
    sim.restart(10 * MINUTE)
    sim.restart(MINUTE)
    sim.suspend(MINUTE)
    sim.end_hold()
    unlocked = sim.clock.true_elapsed
    assert sim.reminders == []
    sim.run_for(MINUTE)
    assert [r.reason for r in sim.reminders] == ["after a hold"]
    assert 0 < sim.reminders[0].true_seconds - unlocked <= MINUTE
