"""What kindtray says: status lines, the schedule preview, the reminder fallback."""

from __future__ import annotations

from datetime import datetime, timedelta

from kindtray.core.schedule import Decision
from kindtray.session.wording import (
    BUILT_IN_REMINDERS,
    ReminderTexts,
    at_time,
    describe_schedule,
    entries,
    format_clock,
    planned_for,
    status_line,
)

NOW = datetime.fromisoformat("2026-11-30T14:00:00+01:00")


def decision(
    next_reminder: datetime | None = None, paused_until: datetime | None = None
) -> Decision:
    return Decision(False, None, next_reminder, paused_until, NOW + timedelta(minutes=5))


def test_times_are_said_the_short_way() -> None:
    assert format_clock(NOW + timedelta(minutes=32), NOW) == "14:32"
    assert format_clock(NOW + timedelta(hours=19), NOW) == "tomorrow 09:00"
    assert format_clock(NOW + timedelta(days=3), NOW) == "Thu 14:00"


def test_the_next_reminder_reads_as_a_sentence() -> None:
    assert at_time(NOW + timedelta(minutes=32), NOW) == "at 14:32"
    assert at_time(NOW + timedelta(hours=19), NOW) == "tomorrow at 09:00"
    assert at_time(NOW + timedelta(days=3), NOW) == "on Thu at 14:00"
    assert status_line(decision(), NOW).startswith("No reminders planned")


def test_the_status_line_says_pause_plan_or_starting() -> None:
    assert status_line(None, NOW) == "Starting"
    paused = decision(NOW + timedelta(hours=2), paused_until=NOW + timedelta(hours=1))
    assert status_line(paused, NOW) == "Paused until 15:00"
    assert status_line(decision(NOW + timedelta(minutes=5)), NOW) == "Next reminder at 14:05"
    assert planned_for(decision(NOW + timedelta(minutes=5)), NOW) == "14:05"
    assert planned_for(decision(), NOW).startswith("nothing")


def test_the_schedule_preview_groups_times_by_day() -> None:
    times = [NOW + timedelta(hours=1), NOW + timedelta(hours=2), NOW + timedelta(days=1)]
    assert describe_schedule(times, NOW, 2, None).splitlines() == [
        "Upcoming reminders (3 in the next 2 days):",
        "  Mon 30 Nov   15:00  16:00",
        "  Tue 01 Dec   14:00",
    ]
    assert describe_schedule([], NOW, 1, NOW + timedelta(hours=1)).splitlines() == [
        "Paused until Mon 30 Nov 15:00.",
        "No reminders in the next day (outside your active days and hours).",
    ]


def test_history_rows_are_counted_in_words() -> None:
    assert (entries(1), entries(0), entries(3)) == ("1 entry", "0 entries", "3 entries")


def test_a_failing_phrase_library_falls_back_to_built_in_texts_in_turn() -> None:
    def broken() -> str:
        raise RuntimeError("no library")

    texts = ReminderTexts(broken)
    assert [texts.next() for _ in range(5)] == [*BUILT_IN_REMINDERS, BUILT_IN_REMINDERS[0]]
    assert ReminderTexts(lambda: "mine").next() == "mine"


def test_the_status_line_says_why_a_reminder_is_held() -> None:
    from kindtray.core.presence import Hold, HoldReason
    from kindtray.session.wording import HELD_WHILE

    shared = Hold(HoldReason.SCREEN_SHARED, NOW)
    base = decision(NOW + timedelta(minutes=32))
    waiting = Decision(False, None, base.next_reminder, None, base.wake_at, (), shared, True)
    assert status_line(waiting, NOW) == "Holding the reminder while you present"
    later = Decision(False, None, base.next_reminder, None, base.wake_at, (), shared, False)
    assert status_line(later, NOW) == "Next reminder at 14:32; it waits while you present"
    assert set(HELD_WHILE) == {reason.value for reason in HoldReason}
