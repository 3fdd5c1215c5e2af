"""The reminder and break rules, driven by events, with a fake screen and planner (no Qt)."""

from __future__ import annotations

from datetime import timedelta

from kindtray.core.break_script import BreakResult
from kindtray.core.history import Outcome, Practice, Trigger
from kindtray.session.reminder_flow import Answer, BreakFinished, ReminderAnswered, ReminderDue
from tests.session.fakes import Rig


def due(rig: Rig) -> None:
    """Let the clock reach the planned reminder and let the planner check."""
    decision = rig.planner.last_decision
    assert decision is not None and decision.next_reminder is not None
    rig.clock.advance(decision.next_reminder - rig.clock.now())
    rig.planner.perform(lambda s: s.check())


def test_a_due_reminder_is_shown_and_the_plan_follows_each_decision() -> None:
    rig = Rig()
    assert len(rig.screen.plans) == 1 and rig.screen.reminders == []
    due(rig)
    assert rig.screen.reminders == ["A minute for yourself?"]
    assert rig.screen.plans[-1] is rig.planner.last_decision


def test_no_reminder_is_shown_during_a_break() -> None:
    rig = Rig()
    rig.screen.break_open = True
    due(rig)
    assert rig.screen.reminders == []


def test_later_snoozes_and_is_recorded() -> None:
    rig = Rig()
    rig.flow.handle(ReminderDue())
    rig.clock.advance(30)
    rig.flow.handle(ReminderAnswered(Answer.SNOOZE))
    snooze = rig.scheduler.settings.reminders.snooze_minutes
    assert rig.planner.last_decision is not None
    assert rig.planner.last_decision.next_reminder == rig.clock.now() + timedelta(minutes=snooze)
    [entry] = rig.records
    assert (entry["outcome"], entry["trigger"]) == ("snoozed", "reminder")
    assert entry["ended"] - entry["started"] == timedelta(seconds=30)


def test_dismissing_is_recorded_and_changes_no_plan() -> None:
    rig = Rig()
    before = rig.planner.last_decision
    rig.flow.handle(ReminderAnswered(Answer.DISMISS))
    assert rig.planner.last_decision is before
    assert [r["outcome"] for r in rig.records] == ["dismissed"]


def test_starting_the_break_from_a_reminder_opens_it_as_reminded() -> None:
    rig = Rig()
    rig.flow.handle(ReminderAnswered(Answer.START_BREAK))
    rig.flow.open_break()
    assert rig.screen.breaks == [Trigger.REMINDER, Trigger.REQUEST]
    assert rig.records == []


def test_a_finished_break_is_recorded_and_moves_the_next_reminder() -> None:
    rig = Rig()
    planned = rig.planner.last_decision.next_reminder  # type: ignore[union-attr]
    assert planned is not None
    rig.clock.advance(planned - rig.clock.now() - timedelta(minutes=5))
    now = rig.clock.now()
    result = BreakResult(
        now, now + timedelta(seconds=95), 60, Outcome.COMPLETED, 2, 4, ("kind-1",), 58.5
    )
    rig.flow.handle(BreakFinished(result, Trigger.REQUEST))
    [entry] = rig.records
    assert entry["trigger"] == "request"
    assert (entry["mood_before"], entry["mood_after"], entry["phrase_ids"]) == (2, 4, ("kind-1",))
    assert (entry["practice"], entry["practice_seconds"]) == (Practice.MINUTE, 58.5)
    assert rig.planner.last_decision is not None
    assert rig.planner.last_decision.next_reminder is not None
    assert rig.planner.last_decision.next_reminder > planned + timedelta(minutes=30)


def test_remind_shows_one_reminder_and_counts_it() -> None:
    rig = Rig()
    assert rig.flow.remind() == "fake"
    assert len(rig.screen.reminders) == 1
    assert rig.scheduler.state.last_reminder_at == rig.clock.now()


def test_pause_resume_and_the_status() -> None:
    rig = Rig()
    rig.flow.pause_for(60)
    assert rig.flow.status_line() == "Paused until 11:00"
    status = rig.flow.status()
    assert status["paused"] is True and status["paused_until"] == "2026-11-30T11:00:00+00:00"
    rig.flow.resume()
    assert rig.flow.status_line().startswith("Next reminder at")
    rig.flow.pause_until_tomorrow()
    assert rig.flow.status_line().startswith("Paused until tomorrow")


def test_a_held_reminder_waits_and_status_says_why() -> None:
    from kindtray.core.presence import HoldReason, Presence

    rig = Rig()
    assert rig.flow.status()["held"] is None
    rig.flow.presence_changed(Presence(held=HoldReason.SCREEN_SHARED))
    due(rig)
    assert rig.screen.reminders == []
    assert rig.flow.status_line() == "Holding the reminder while you present"
    assert rig.flow.status()["held"] == {
        "reason": "screen-shared",
        "since": rig.scheduler.state.held_since.isoformat(timespec="seconds"),  # type: ignore[union-attr]
    }
    rig.flow.presence_changed(Presence())
    rig.clock.advance(30)
    rig.planner.perform(lambda s: s.check())
    assert rig.screen.reminders == ["A minute for yourself?"]
    assert rig.flow.status()["held"] is None


def test_remind_me_anyway_shows_the_reminder_now() -> None:
    from kindtray.core.presence import HoldReason, Presence

    rig = Rig()
    rig.flow.presence_changed(Presence(held=HoldReason.DO_NOT_DISTURB))
    assert rig.flow.remind_anyway() == "fake"
    assert rig.screen.reminders == ["A minute for yourself?"]
    assert rig.flow.status()["held"] is None  # the hold no longer holds until it ends


def test_a_break_asked_for_is_never_held() -> None:
    from kindtray.core.presence import HoldReason, Presence

    rig = Rig()
    rig.flow.presence_changed(Presence(held=HoldReason.FULLSCREEN))
    rig.flow.open_break()
    assert rig.screen.breaks == [Trigger.REQUEST]
