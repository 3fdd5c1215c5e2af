"""The timer bridge: one single-shot timer armed to what the core says, re-armed after events."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime, time, timedelta

import pytest
from pytestqt.qtbot import QtBot

from kindtray.core.clock import FakeClock
from kindtray.core.schedule import Decision, Scheduler
from kindtray.core.settings import ReminderSettings, Settings
from kindtray.core.state import State
from kindtray.ui.reminder_timer import MAX_WAIT_MS, ReminderTimer, SleepWatcher
from tests.fake_bus import FakeBus

MONDAY_10 = datetime.fromisoformat("2026-11-30T10:00:00+00:00")
FIVE_MIN_MS = 5 * 60 * 1000


def settings(**reminders: object) -> Settings:
    base = ReminderSettings(
        interval_minutes=60,
        randomness_percent=0,
        active_days=("mon", "tue", "wed", "thu", "fri"),
        active_start=time(9, 0),
        active_end=time(18, 0),
        snooze_minutes=2,
    )
    return Settings(reminders=replace(base, **reminders))  # type: ignore[arg-type]


class Saved:
    def __init__(self) -> None:
        self.states: list[State] = []

    def __call__(self, state: State) -> None:
        self.states.append(state)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_10)


@pytest.fixture
def bridge(qtbot: QtBot, clock: FakeClock) -> ReminderTimer:
    scheduler = Scheduler(settings(), State(seed=7), clock)
    timer = ReminderTimer(scheduler, clock, Saved())
    timer.start()
    return timer


def expected_ms(decision: Decision, clock: FakeClock) -> int:
    return math.ceil(decision.wait_seconds(clock.now()) * 1000)


def fire(bridge: ReminderTimer, clock: FakeClock) -> Decision:
    """Let exactly the armed interval pass, then do what the timer's timeout does."""
    clock.advance(bridge.interval_ms / 1000)
    return bridge.check()


def test_start_arms_at_most_five_minutes_ahead(bridge: ReminderTimer, clock: FakeClock) -> None:
    assert bridge.timer.isSingleShot()
    assert bridge.interval_ms == FIVE_MIN_MS  # the first reminder is an hour away


def test_arms_exactly_to_a_reminder_due_within_five_minutes(
    bridge: ReminderTimer, clock: FakeClock
) -> None:
    clock.advance(timedelta(minutes=57))
    decision = bridge.check()
    assert decision.next_reminder == MONDAY_10 + timedelta(hours=1)
    assert bridge.interval_ms == 3 * 60 * 1000


def test_the_timer_firing_at_the_due_time_asks_for_a_reminder(
    qtbot: QtBot, bridge: ReminderTimer, clock: FakeClock
) -> None:
    decisions: list[Decision] = []
    bridge.decided.connect(decisions.append)
    while not decisions or not decisions[-1].remind:
        fire(bridge, clock)
        assert clock.now() <= MONDAY_10 + timedelta(hours=1)
    assert clock.now() == MONDAY_10 + timedelta(hours=1)
    assert bridge.interval_ms == FIVE_MIN_MS  # and the next one is planned an hour later


def test_every_call_saves_the_state(qtbot: QtBot, clock: FakeClock) -> None:
    saved = Saved()
    bridge = ReminderTimer(Scheduler(settings(), State(seed=7), clock), clock, saved)
    bridge.start()
    bridge.perform(lambda s: s.pause_for(30))
    assert len(saved.states) == 2
    assert saved.states[-1].pause_until == MONDAY_10 + timedelta(minutes=30)


def test_rearms_after_snooze(bridge: ReminderTimer, clock: FakeClock) -> None:
    bridge.timer.stop()
    bridge.perform(lambda s: s.snooze())
    assert bridge.interval_ms == 2 * 60 * 1000  # snooze_minutes


def test_rearms_after_pause_to_the_end_of_the_pause(
    bridge: ReminderTimer, clock: FakeClock
) -> None:
    bridge.timer.stop()
    decision = bridge.perform(lambda s: s.pause_for(3))
    assert decision.paused_until == MONDAY_10 + timedelta(minutes=3)
    # The core would look again in 5 minutes; the tray must stop showing "paused" at 3.
    assert bridge.interval_ms == 3 * 60 * 1000
    after = fire(bridge, clock)
    assert after.paused_until is None


def test_rearms_after_resume(bridge: ReminderTimer, clock: FakeClock) -> None:
    bridge.perform(lambda s: s.pause_for(120))
    clock.advance(timedelta(minutes=10))
    bridge.timer.stop()
    decision = bridge.perform(lambda s: s.resume())
    assert decision.paused_until is None
    assert decision.next_reminder == clock.now() + timedelta(hours=1)
    assert bridge.interval_ms == FIVE_MIN_MS


def test_rearms_after_a_settings_change(bridge: ReminderTimer, clock: FakeClock) -> None:
    clock.advance(timedelta(minutes=7))
    bridge.check()
    bridge.timer.stop()
    decision = bridge.perform(lambda s: s.update_settings(settings(interval_minutes=10)))
    # The gap started at 10:00; with a 10-minute interval the reminder is due at 10:10.
    assert decision.next_reminder == MONDAY_10 + timedelta(minutes=10)
    assert bridge.interval_ms == 3 * 60 * 1000 == expected_ms(decision, clock)


LOGIND = "org.freedesktop.login1"
MANAGER = "org.freedesktop.login1.Manager"


def system_bus(logind: bool = True) -> FakeBus:
    """The system bus as SleepWatcher sees it: logind there or not."""
    return FakeBus({"NameHasOwner": (logind,)})


def test_a_wake_signal_rearms_for_the_catch_up_reminder(
    qtbot: QtBot, bridge: ReminderTimer, clock: FakeClock
) -> None:
    bus = system_bus()
    watcher = SleepWatcher(bus=lambda: bus)
    assert watcher.listen() and watcher.system_bus and watcher.listening
    assert bus.calls == [("NameHasOwner", "s", LOGIND)]
    watcher.woke.connect(bridge.notice_wake)
    clock.suspend(timedelta(hours=2))  # the 11:00 reminder fell due while asleep
    bridge.timer.stop()
    with qtbot.waitSignal(bridge.decided) as blocker:
        bus.emit(MANAGER, "PrepareForSleep", False, sender=LOGIND)
    decision = blocker.args[0]
    assert decision.next_reminder == clock.now() + timedelta(minutes=2)
    assert bridge.interval_ms == 2 * 60 * 1000
    watcher.stop()
    assert bus.closed and not watcher.listening


def test_going_to_sleep_does_nothing(qtbot: QtBot) -> None:
    bus = system_bus()
    watcher = SleepWatcher(bus=lambda: bus)
    watcher.listen()
    with qtbot.assertNotEmitted(watcher.woke):
        bus.emit(MANAGER, "PrepareForSleep", True, sender=LOGIND)
    watcher.stop()


def test_listening_again_lets_go_of_the_first_connection(qtbot: QtBot) -> None:
    buses = [system_bus(), system_bus(logind=False)]
    watcher = SleepWatcher(bus=lambda: buses[0] if not buses[0].closed else buses[1])
    assert watcher.listen()
    assert watcher.listen() is False  # logind has gone meanwhile
    assert buses[0].closed and buses[1].closed
    assert watcher.system_bus and not watcher.listening


def test_a_system_bus_without_logind_is_let_go(qtbot: QtBot) -> None:
    bus = system_bus(logind=False)
    watcher = SleepWatcher(bus=lambda: bus)
    assert watcher.listen() is False
    assert watcher.system_bus and not watcher.listening
    assert bus.closed and not bus.handlers


def test_no_system_bus_means_no_sleep_signal_not_an_error(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/kindtray-test")
    watcher = SleepWatcher()
    assert watcher.listen() is False
    assert not watcher.system_bus and not watcher.listening


def test_a_sleep_without_signal_is_noticed_at_the_next_capped_check(
    bridge: ReminderTimer, clock: FakeClock
) -> None:
    clock.suspend(timedelta(hours=2))
    decision = bridge.check()
    assert any("sleep" in event for event in decision.events)
    assert bridge.interval_ms == 2 * 60 * 1000


def test_idle_costs_at_most_twelve_wakeups_an_hour(qtbot: QtBot, clock: FakeClock) -> None:
    # A Sunday: nothing is due all day, so only the capped checks wake the process.
    clock.jump(timedelta(days=-1))
    bridge = ReminderTimer(Scheduler(settings(), State(seed=7), clock), clock, Saved())
    bridge.start()
    end = clock.now() + timedelta(hours=1)
    wakeups = 0
    while clock.now() < end:
        assert 0 < bridge.interval_ms <= MAX_WAIT_MS
        fire(bridge, clock)
        wakeups += 1
    assert wakeups == 12
