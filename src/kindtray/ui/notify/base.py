"""What every route shares: the Route protocol, its error, the answers signal object and labels.

Owns the contract between a route and the chain (``Route``, ``RouteError``) and the way the
user's answer comes back whichever route showed the reminder (``ReminderAnswers``). It must
not know any particular route, nor decide when to remind or what an answer means.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from kindtray.assets import find_resource
from kindtray.i18n import N_

APP_NAME = "kindtray"
DESKTOP_ENTRY = "io.github.kindtray.Kindtray"
TITLE = "kindtray"
# Marked here, translated where they are shown: the language can change while kindtray runs.
START_LABEL = N_("Start break")
# Translators: the reminder's snooze answer: remind me again a little later.
SNOOZE_LABEL = N_("Later")


class RouteError(Exception):
    """A route could not show the reminder; the next route should try."""


class ReminderAnswers(QObject):
    """What the user did with the reminder, whichever route showed it."""

    start_break = Signal()
    snooze = Signal()
    dismissed = Signal()


class Route(Protocol):
    """One way of showing the reminder."""

    name: str

    @property
    def why(self) -> str:
        """What this route looks like to the user, for ``kindtray doctor``."""
        ...

    def probe(self) -> str | None:
        """Return None when this route can show a reminder here, else the problem in plain words.

        It may ask the system (the session bus, the tray) but never shows anything.
        """
        ...

    def notify(self, title: str, body: str) -> None:
        """Show (or replace) the reminder; raise RouteError if it could not be shown."""
        ...

    def withdraw(self) -> None:
        """Take the reminder off the screen if it is still there; never raises."""
        ...

    def shutdown(self) -> None:
        """Let go of what the route holds (connections, windows); never raises."""
        ...


def raise_unless_usable(problem: str | None) -> None:
    """Raise RouteError with a route's ``probe()`` answer, unless it found no problem."""
    if problem is not None:
        raise RouteError(problem)


def app_icon_path() -> Path | None:
    """Return the colour app icon as a file path, or None if it is missing."""
    try:
        return find_resource("icons", "kindtray.svg")
    except FileNotFoundError:
        return None
