"""Times at the ends of the calendar (year 1, year 9999) never stop kindtray from planning.

A damaged or hand-edited state.toml, or a ``pause`` of a billion minutes sent to the control
socket, once made every start fail with OverflowError. Times read from the file are checked
against the years kindtray could have written; the planner clamps what it is given.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kindtray.core.clock import FakeClock
from kindtray.core.plan import upcoming
from kindtray.core.schedule import MAX_PAUSE, Scheduler
from kindtray.core.settings import Settings
from kindtray.core.state import State

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
FIELDS = ("pause_until", "snooze_until", "catch_up_at", "anchor", "last_reminder_at", "last_seen")
FAR = [
    datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
    datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-14))),
    datetime(1, 1, 1, 0, 0, tzinfo=UTC),
    datetime(1, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=14))),
]
ANY_TIME = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
)


@pytest.mark.parametrize("name", FIELDS)
@pytest.mark.parametrize("value", FAR, ids=lambda v: v.isoformat())
def test_a_far_time_in_the_file_is_ignored_with_a_message(name: str, value: datetime) -> None:
    state, problems = State.from_document({"seed": 5, name: value})
    assert getattr(state, name) is None
    assert len(problems) == 1
    assert problems[0].startswith(f"{name}: ") and "2000 to 2199" in problems[0]


def test_times_kindtray_writes_are_kept() -> None:
    state, problems = State.from_document({"seed": 5, "pause_until": NOW})
    assert (state.pause_until, problems) == (NOW, [])


@given(st.sampled_from(FIELDS), ANY_TIME)
def test_the_planner_never_overflows_whatever_time_it_is_given(name: str, value: datetime) -> None:
    clock = FakeClock(NOW)
    far: dict[str, Any] = {name: value}
    scheduler = Scheduler(Settings(), State(seed=5, **far), clock)
    decisions = [scheduler.start()]
    clock.advance(timedelta(minutes=10))
    decisions += [scheduler.check(), scheduler.snooze(), scheduler.resume()]
    assert all(d.wake_at is not None for d in decisions)
    for field in ("pause_until", "snooze_until", "catch_up_at"):
        later = getattr(scheduler.state, field)
        assert later is None or later <= clock.now() + MAX_PAUSE
    upcoming(Settings(), State(seed=5, **far), NOW, 5)


def test_a_pause_of_a_billion_minutes_is_clamped() -> None:
    clock = FakeClock(NOW)
    scheduler = Scheduler(Settings(), State(seed=5), clock)
    scheduler.start()
    decision = scheduler.pause_for(1_000_000_000)
    assert decision.paused_until == NOW + MAX_PAUSE
    assert State.from_document(scheduler.state.to_document())[1] == []  # saved, and readable
