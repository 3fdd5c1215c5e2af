"""The reminder flow's view of the screen (``session.reminder_flow.Screen``), drawn by the app.

Owns only the translation from the flow's requests to the running app's windows, tray and
routes. It must not decide anything: the flow decides, the app's parts draw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QSystemTrayIcon

from kindtray.core.history import Practice, Trigger
from kindtray.core.schedule import Decision

if TYPE_CHECKING:
    from kindtray.ui.app import KindtrayApp


class AppScreen:
    """The flow's view of the screen (session/reminder_flow.py's ``Screen``), drawn by the app."""

    def __init__(self, app: KindtrayApp) -> None:
        self._app = app

    def show_plan(self, decision: Decision) -> None:
        """The tray shows the plan (next reminder, or the pause)."""
        self._app.tray.show_decision(decision, self._app.clock.now())

    def show_reminder(self, text: str) -> str | None:
        """Show a reminder through the routes; return the route that showed it."""
        return self._app.show_reminder(text)

    def last_reminder_route(self) -> str | None:
        """The route that showed the last reminder."""
        return self._app.routes.last_used

    def break_is_open(self) -> bool:
        """Whether a break window is on screen."""
        window = self._app.break_window
        return window is not None and window.isVisible()

    def open_break(
        self,
        trigger: Trigger,
        activation_token: str | None = None,
        practice: Practice = Practice.MINUTE,
    ) -> None:
        """Open the break window (or raise the open one), with the request's token if any."""
        self._app.open_break(trigger, activation_token, practice)

    def open_settings(self) -> None:
        """Open the settings dialog."""
        self._app.open_settings()

    def show_welcome(self) -> None:
        """Show the welcome window."""
        self._app.show_welcome()

    def quit(self) -> None:
        """Quit once the current event is handled (the reply goes out first)."""
        QTimer.singleShot(0, self._app.qapp.quit)

    def tray_available(self) -> bool:
        """Whether the desktop has a tray to show the icon in."""
        return QSystemTrayIcon.isSystemTrayAvailable()
