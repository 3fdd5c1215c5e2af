"""The reminder and break flow: typed events in, the scheduler and the screen driven out.

Owns the rules between "a reminder is due" and "the break is in the history": a reminder that
falls due during a break is not shown; "Later" snoozes; every reminder answer and every break
is recorded; a finished break moves the plan on. It also answers the live commands (see
``session/commands.py``) with the same rules. No Qt: the screen (tray, notifications,
windows), the planner (the reminder timer) and the history come in as small interfaces.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from kindtray import __version__
from kindtray.core.clock import Clock
from kindtray.core.history import Outcome, Practice, Trigger
from kindtray.core.presence import Presence
from kindtray.core.schedule import Decision, Scheduler
from kindtray.core.settings import Settings
from kindtray.session.wording import planned_for, status_line

if TYPE_CHECKING:  # the practices' data loads with the first break, not with the tray
    from kindtray.core.break_script import BreakResult

log = logging.getLogger(__name__)


class Answer(StrEnum):
    """The user's answer to a reminder."""

    START_BREAK = "start_break"
    SNOOZE = "snooze"
    DISMISS = "dismiss"


# The history's outcome for an answer that is not a break.
ANSWER_OUTCOMES: dict[Answer, Outcome] = {
    Answer.SNOOZE: Outcome.SNOOZED,
    Answer.DISMISS: Outcome.DISMISSED,
}


@dataclass(frozen=True)
class PlanChanged:
    """The scheduler decided (a timer check, a wake, an action): show it; remind if due."""

    decision: Decision


@dataclass(frozen=True)
class ReminderDue:
    """Show a reminder now, whatever the plan says (``kindtray remind``)."""


@dataclass(frozen=True)
class ReminderAnswered:
    """The user answered the reminder notification."""

    answer: Answer


@dataclass(frozen=True)
class BreakFinished:
    """A break window closed, however it closed."""

    result: BreakResult
    trigger: Trigger


Event = PlanChanged | ReminderDue | ReminderAnswered | BreakFinished


class Screen(Protocol):
    """What the user sees: the tray, the reminder notification and the windows."""

    def show_plan(self, decision: Decision) -> None:
        """Show the plan (tooltip, paused look)."""

    def show_reminder(self, text: str) -> str | None:
        """Show the reminder; return the route that showed it (None: none could)."""

    def last_reminder_route(self) -> str | None:
        """The route that showed the last reminder."""

    def break_is_open(self) -> bool:
        """Whether a break window is on screen."""

    def open_break(
        self,
        trigger: Trigger,
        activation_token: str | None = None,
        practice: Practice = Practice.MINUTE,
    ) -> None:
        """Open the break (or bring the open one forward) with the keyboard focus.

        Every break is opened because the person asked (``trigger`` says how, for the
        history); ``activation_token`` is the desktop's permission to take the focus, when
        the request carried one (see ``session/commands.py``); ``practice``: which one opens.
        """

    def open_settings(self) -> None:
        """Open the settings dialog."""

    def show_welcome(self) -> None:
        """Show the welcome window."""

    def quit(self) -> None:
        """End the process once the current event is handled."""

    def tray_available(self) -> bool:
        """Whether the desktop shows tray icons."""


class Planner(Protocol):
    """Runs scheduler actions and announces each Decision (the reminder timer)."""

    last_decision: Decision | None

    def perform(self, action: Callable[[Scheduler], Decision]) -> Decision:
        """Run ``action`` on the scheduler, save, re-arm and announce its Decision."""
        ...


# Adds one history entry (BreakRecord's fields); it must never raise.
Recorder = Callable[..., None]


class ReminderFlow:
    """The running instance's use cases; ui/app.py forwards Qt signals here as events."""

    def __init__(
        self,
        scheduler: Scheduler,
        planner: Planner,
        screen: Screen,
        clock: Clock,
        *,
        record: Recorder,
        reminder_text: Callable[[], str],
        practice_reminder_text: Callable[[Practice], str | None] | None = None,
    ) -> None:
        self.scheduler = scheduler
        self.planner = planner
        self.screen = screen
        self.clock = clock
        self._record = record
        self._reminder_text = reminder_text
        # The words of a reminder that offers another practice (None: the usual words).
        self._practice_reminder_text = practice_reminder_text
        self._offered = Practice.MINUTE  # what the last reminder offered
        self._reminder_shown_at: datetime | None = None
        self._planned: datetime | None = None

    # -- events ------------------------------------------------------------------------------

    def handle(self, event: Event) -> None:
        """React to one event."""
        if isinstance(event, PlanChanged):
            self._plan_changed(event.decision)
        elif isinstance(event, ReminderDue):
            self._show_reminder()
        elif isinstance(event, ReminderAnswered):
            self._answered(event.answer)
        else:
            self._break_finished(event.result, event.trigger)

    def _plan_changed(self, decision: Decision) -> None:
        now = self.clock.now()
        if decision.next_reminder != self._planned:  # times only: the log stays private
            self._planned = decision.next_reminder
            log.info("next reminder planned for %s", planned_for(decision, now))
        self.screen.show_plan(decision)
        if decision.remind:
            if self.screen.break_is_open():
                # The user is taking a break right now: inviting them to one would jar.
                log.info("a reminder fell due during a break; not shown")
                return
            self._show_reminder()

    def _show_reminder(self) -> str | None:
        # Here, not at the top: the phrase library loads with the first reminder, not at start.
        from kindtray.core.practice_words import offered_practice

        now = self._reminder_shown_at = self.clock.now()
        # After the wind-down time, the reminder offers the wind-down instead of the minute.
        self._offered = offered_practice(now, self.scheduler.settings.phrases)
        text = None
        if self._offered is not Practice.MINUTE and self._practice_reminder_text is not None:
            text = self._practice_reminder_text(self._offered)
        return self.screen.show_reminder(text or self._reminder_text())

    @property
    def offered(self) -> Practice:
        """The practice the last reminder offered (its "Start break" opens it)."""
        return self._offered

    def _answered(self, answer: Answer) -> None:
        if answer is Answer.START_BREAK:
            self.screen.open_break(Trigger.REMINDER, practice=self._offered)
            return
        now = self.clock.now()
        self._record(
            started=self._reminder_shown_at or now,
            ended=now,
            planned_seconds=self.scheduler.settings.break_.length_seconds,
            outcome=ANSWER_OUTCOMES[answer],
            trigger=Trigger.REMINDER,
        )
        if answer is Answer.SNOOZE:
            self.planner.perform(lambda s: s.snooze())

    def _break_finished(self, result: BreakResult, trigger: Trigger) -> None:
        # The user just had their minute: the next reminder is one gap from now.
        self.planner.perform(lambda s: s.break_taken())
        self._record(
            started=result.started,
            ended=result.ended,
            planned_seconds=result.planned_seconds,
            outcome=result.outcome,
            trigger=trigger,
            mood_before=result.mood_before,
            mood_after=result.mood_after,
            phrase_ids=tuple(result.phrase_ids),
            practice=result.practice,
            practice_seconds=result.practice_seconds,
        )

    # -- actions (tray menu, commands) -------------------------------------------------------

    def remind(self) -> str | None:
        """Show the reminder now and count it; return the route that showed it."""
        decision = self.planner.perform(lambda s: s.reminder_shown())
        if decision.remind:  # the plan was due anyway: PlanChanged has shown it
            return self.screen.last_reminder_route()
        return self._show_reminder()

    def presence_changed(self, presence: Presence) -> Decision:
        """The desktop says the person became busy, free, away or back: tell the planner."""
        return self.planner.perform(lambda s: s.observe(presence))

    def remind_anyway(self) -> str | None:
        """The person chose "Remind me anyway": the reminder now; no more waiting this hold."""
        decision = self.planner.perform(lambda s: s.remind_anyway())
        if decision.remind:  # the reminder that waited: PlanChanged has shown it
            return self.screen.last_reminder_route()
        return self.remind()

    def open_break(self, activation_token: str | None = None) -> None:
        """A break on request (menu, command; a command may carry an activation token).

        Never held: the person asked for it.
        """
        self.screen.open_break(Trigger.REQUEST, activation_token)

    def open_hard_moment(self, activation_token: str | None = None) -> None:
        """A hard moment (tray item, ``kindtray sos``): opened at once, never held."""
        self.screen.open_break(Trigger.REQUEST, activation_token, practice=Practice.HARD_MOMENT)

    def pause_for(self, minutes: int) -> Decision:
        """No reminders for ``minutes``."""
        return self.planner.perform(lambda s: s.pause_for(minutes))

    def pause_until_tomorrow(self) -> Decision:
        """No reminders until tomorrow's active hours."""
        return self.planner.perform(lambda s: s.pause_until_tomorrow())

    def resume(self) -> Decision:
        """End a pause."""
        return self.planner.perform(lambda s: s.resume())

    def apply_settings(self, settings: Settings) -> Decision:
        """New settings: re-plan at once."""
        return self.planner.perform(lambda s: s.update_settings(settings))

    def open_settings(self) -> None:
        """Open the settings dialog."""
        self.screen.open_settings()

    def show_welcome(self) -> None:
        """Show the welcome window."""
        self.screen.show_welcome()

    def quit(self) -> None:
        """Stop kindtray."""
        self.screen.quit()

    # -- what it says ------------------------------------------------------------------------

    def status_line(self) -> str:
        """What kindtray will do next, in one line."""
        return status_line(self.planner.last_decision, self.clock.now())

    def status(self) -> dict[str, Any]:
        """The state of the running instance, for ``kindtray status --json``."""
        decision = self.planner.last_decision

        def iso(value: datetime | None) -> str | None:
            return value.isoformat(timespec="seconds") if value else None

        return {
            "running": True,
            "pid": os.getpid(),
            "version": __version__,
            "paused": bool(decision and decision.paused_until),
            "paused_until": iso(decision.paused_until) if decision else None,
            "next_reminder": iso(decision.next_reminder) if decision else None,
            "next_check": iso(decision.wake_at) if decision else None,
            "tray_available": self.screen.tray_available(),
            "last_reminder_via": self.screen.last_reminder_route(),
            "held": (
                {"reason": decision.held.reason.value, "since": iso(decision.held.since)}
                if decision and decision.held
                else None
            ),
        }
