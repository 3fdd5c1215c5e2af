"""The tray-message route: the tray icon's own message balloon (QSystemTrayIcon.showMessage).

Owns showing the balloon and whether the tray can show one now. Qt cannot confirm that a
balloon appeared, nor take it back. It must not own the tray icon (ui/tray.py does).
"""

from __future__ import annotations

from PySide6.QtWidgets import QSystemTrayIcon

from kindtray.ui.notify.base import ReminderAnswers, raise_unless_usable


class TrayMessageRoute:
    """QSystemTrayIcon.showMessage; a click on the message opens a break."""

    name = "tray-message"
    why = "a message balloon from the tray icon; a click on it starts a break"

    def __init__(self, tray: QSystemTrayIcon, answers: ReminderAnswers) -> None:
        self._tray = tray
        tray.messageClicked.connect(answers.start_break)

    def probe(self) -> str | None:
        """Why the tray cannot show a message balloon now, or None if it can."""
        return tray_message_problem(self._tray)

    def notify(self, title: str, body: str) -> None:
        """Show the balloon; raise RouteError if there is no tray that can show one."""
        raise_unless_usable(self.probe())
        self._tray.showMessage(title, body, self._tray.icon(), 20_000)

    def withdraw(self) -> None:
        """Qt offers no way to take a balloon back; it times out by itself."""

    def shutdown(self) -> None:
        """Nothing to let go of: the tray icon belongs to the tray."""


def tray_message_problem(tray: QSystemTrayIcon | None) -> str | None:
    """Why the tray cannot show a message balloon now, or None if it can."""
    if tray is None:
        return "kindtray has no tray icon"
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return "the desktop shows no system tray"
    if not QSystemTrayIcon.supportsMessages():
        return "the system tray does not show messages"
    if not tray.isVisible():
        return "the tray icon is not shown"
    return None
