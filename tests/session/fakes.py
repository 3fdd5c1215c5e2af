"""Qt-free stand-ins for the screen and the planner, shared by the session tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from kindtray.core.clock import FakeClock
from kindtray.core.history import Practice, Trigger
from kindtray.core.schedule import Decision, Scheduler
from kindtray.core.settings import Settings
from kindtray.core.state import State
from kindtray.session.reminder_flow import PlanChanged, ReminderFlow

MONDAY_10 = datetime.fromisoformat("2026-11-30T10:00:00+00:00")


class FakeScreen:
    """Remembers what the flow asked it to show."""

    def __init__(self) -> None:
        self.plans: list[Decision] = []
        self.reminders: list[str] = []
        self.breaks: list[Trigger] = []
        self.practices: list[Practice] = []
        self.activation_tokens: list[str | None] = []
        self.opened: list[str] = []
        self.break_open = False
        self.route: str | None = None

    def show_plan(self, decision: Decision) -> None:
        self.plans.append(decision)

    def show_reminder(self, text: str) -> str | None:
        self.reminders.append(text)
        self.route = "fake"
        return self.route

    def last_reminder_route(self) -> str | None:
        return self.route

    def break_is_open(self) -> bool:
        return self.break_open

    def open_break(
        self,
        trigger: Trigger,
        activation_token: str | None = None,
        practice: Practice = Practice.MINUTE,
    ) -> None:
        self.breaks.append(trigger)
        self.activation_tokens.append(activation_token)
        self.practices.append(practice)

    def open_settings(self) -> None:
        self.opened.append("settings")

    def show_welcome(self) -> None:
        self.opened.append("welcome")

    def quit(self) -> None:
        self.opened.append("quit")

    def tray_available(self) -> bool:
        return False


class FakePlanner:
    """The reminder timer without a timer: runs the action and hands the Decision on."""

    def __init__(self, scheduler: Scheduler) -> None:
        self.scheduler = scheduler
        self.last_decision: Decision | None = None
        self.listener: Callable[[Decision], None] = lambda decision: None

    def perform(self, action: Callable[[Scheduler], Decision]) -> Decision:
        decision = action(self.scheduler)
        self.last_decision = decision
        self.listener(decision)
        return decision


class Rig:
    """A ReminderFlow with fakes around it, wired as ui/app.py wires the real parts."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.clock = FakeClock(MONDAY_10)
        self.scheduler = Scheduler(settings or Settings(), State(), self.clock)
        self.planner = FakePlanner(self.scheduler)
        self.screen = FakeScreen()
        self.records: list[dict[str, Any]] = []
        self.flow = ReminderFlow(
            self.scheduler,
            self.planner,
            self.screen,
            self.clock,
            record=lambda **entry: self.records.append(entry),
            reminder_text=lambda: "A minute for yourself?",
            practice_reminder_text=lambda practice: f"An evening minute ({practice})?",
        )
        self.planner.listener = lambda decision: self.flow.handle(PlanChanged(decision))
        self.planner.perform(lambda s: s.start())
