"""Respectful timing under any mix of holds, absences, sleeps and restarts (hypothesis).

Whatever happens, these hold:

1. never a reminder inside a hold (from its start up to and including its end);
2. at most one reminder in the shortest gap after any hold ends, and a held reminder comes
   within a minute of the end or not at all;
3. never a reminder within 60 s of coming back from an absence as long as the interval,
   nor while the person is known to be away;
4. every reminder is inside the active hours.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from kindtray.core.plan import min_gap
from kindtray.core.presence import HoldReason
from kindtray.core.settings import ReminderSettings, Settings
from tests.core.sim import MINUTE, AppSim, in_active_window, start_at
from tests.core.test_schedule_properties import ZONES, reminder_settings

AWAY_AFTER = 5 * MINUTE


class BusyDays(RuleBasedStateMachine):
    """Presentations, calls, locked screens and walks, in any order."""

    def __init__(self) -> None:
        super().__init__()
        self.sim: AppSim | None = None
        self.long_returns: list[float] = []

    @initialize(
        zone=st.sampled_from(ZONES),
        start=st.sampled_from(["2026-03-28T20:00", "2026-11-30T08:00", "2027-03-13T23:00"]),
        reminders=reminder_settings,
    )
    def begin(self, zone: str, start: str, reminders: ReminderSettings) -> None:
        self.sim = AppSim(start_at(start, zone), Settings(reminders=reminders))

    @rule(minutes=st.integers(1, 600))
    def time_passes(self, minutes: int) -> None:
        if self.sim:
            self.sim.run_for(minutes * MINUTE)

    @rule(seconds=st.integers(0, 120))
    def a_moment_passes(self, seconds: int) -> None:
        if self.sim:
            self.sim.run_for(seconds)

    @rule(reason=st.sampled_from(list(HoldReason)[:-1]))
    def hold_begins(self, reason: HoldReason) -> None:
        if self.sim:
            self.sim.begin_hold(reason)

    @rule()
    def hold_ends(self) -> None:
        if self.sim:
            self.sim.end_hold()

    @rule()
    def person_leaves(self) -> None:
        if self.sim and self.sim.presence.away_since is None:
            self.sim.run_for(AWAY_AFTER)
            self.sim.go_away(AWAY_AFTER)

    @rule()
    def person_returns(self) -> None:
        sim = self.sim
        if sim and sim.presence.away_since is not None:
            left = sim.absences[-1][0]
            assert left is not None
            sim.come_back()
            interval = sim.settings.reminders.interval_minutes * MINUTE
            if sim.clock.true_elapsed - left >= interval:
                self.long_returns.append(sim.clock.true_elapsed)

    @rule(minutes=st.integers(1, 3000), told=st.booleans())
    def machine_sleeps(self, minutes: int, told: bool) -> None:
        if self.sim:
            self.sim.suspend(minutes * MINUTE, platform_tells=told)

    @rule(minutes=st.integers(0, 600))
    def restart(self, minutes: int) -> None:
        if self.sim:
            self.sim.restart(minutes * MINUTE)

    @invariant()
    def promises_hold(self) -> None:
        sim = self.sim
        if not sim:
            return
        shown = [r.true_seconds for r in sim.reminders]
        assert all(in_active_window(r) for r in sim.reminders), "outside active hours"
        shortest = min_gap(sim.settings.reminders).total_seconds()
        now = sim.clock.true_elapsed
        for begin, end in sim.holds:
            assert begin is not None
            last = now if end is None else end
            assert not any(begin < t <= last for t in shown), "a reminder inside a hold"
            if end is not None:
                after = [t for t in shown if end < t < end + shortest - 1]
                assert len(after) <= 1, "two reminders after one hold"
        ends = [e for _, e in sim.holds + sim.absences if e is not None]
        for released in (r.true_seconds for r in sim.reminders if r.reason == "after a hold"):
            assert any(0 < released - e <= MINUTE for e in ends), "a held reminder came late"
        for left, back in sim.absences:
            assert left is not None
            last = now if back is None else back
            assert not any(left + AWAY_AFTER < t <= last for t in shown), "while away"
        for back in self.long_returns:
            assert not any(back <= t <= back + MINUTE for t in shown), "on coming back"


BusyDays.TestCase.settings = settings(
    max_examples=max(400, settings().max_examples),
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestBusyDays = BusyDays.TestCase
