"""Every window kindtray opens: one title of its own, a name for each control, centred.

Runs on Qt's offscreen platform, which, like an X server without a window manager, places
no window: where a window opens is kindtray's own doing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from kindtray.core.clock import FakeClock
from kindtray.core.history import Trigger
from kindtray.paths import default_paths
from kindtray.ui.app import KindtrayApp, build_kindtray
from kindtray.ui.notify.base import ReminderAnswers
from kindtray.ui.notify.chain import RouteChain
from kindtray.ui.notify.window import ReminderWindow
from kindtray.ui.windows import pointer_screen

MONDAY_10 = datetime.fromisoformat("2026-11-30T10:00:00+00:00")
# The windows a person opens, each by the app's own way of opening it.
OPENERS: dict[str, Callable[[KindtrayApp], QWidget]] = {
    "welcome": lambda app: app.show_welcome(),
    "settings": lambda app: app.open_settings(),
    "about": lambda app: app.show_about(),
    "no tray": lambda app: app.show_no_tray_notice("window"),
    "break": lambda app: app.open_break(Trigger.REQUEST),
    "your practice": lambda app: app.show_practice(),
    "why this helps": lambda app: app.show_why(),
}


class Autostart:
    supported = True

    def is_enabled(self) -> bool:
        return False

    def enable(self) -> None:
        """Nothing: a test never changes the login."""

    def disable(self) -> None:
        """Nothing."""


@pytest.fixture
def kindtray(qapp: QApplication, tmp_path: Path) -> Iterator[KindtrayApp]:
    app = build_kindtray(
        qapp,
        default_paths(tmp_path),
        FakeClock(MONDAY_10),
        routes=RouteChain([]),
        autostart=Autostart(),
    )
    app.start()
    yield app
    app.shutdown()
    for widget in QApplication.topLevelWidgets():
        widget.close()


def every_window(qtbot: QtBot, kindtray: KindtrayApp) -> dict[str, QWidget]:
    windows: dict[str, QWidget] = {name: open_(kindtray) for name, open_ in OPENERS.items()}
    reminder = ReminderWindow(ReminderAnswers())
    qtbot.addWidget(reminder)
    reminder.present("A minute for yourself?")
    windows["reminder"] = reminder
    return windows


def test_every_window_has_one_title_of_its_own(qtbot: QtBot, kindtray: KindtrayApp) -> None:
    windows = every_window(qtbot, kindtray)
    titles = {name: window.windowTitle() for name, window in windows.items()}
    assert len(set(titles.values())) == len(titles), titles
    for name, title in titles.items():
        assert title, name
        # Qt appends the application's display name to a title when one is set; kindtray
        # sets none, so a title is shown as written and names kindtray at most once.
        assert title.lower().count("kindtray") <= 1, title
        assert not title.endswith(("— kindtray", "- kindtray")), title
        assert windows[name].accessibleName() in ("", title), name
    assert QApplication.applicationDisplayName() == QApplication.applicationName()


def test_every_control_has_a_name_a_screen_reader_can_say(
    qtbot: QtBot, kindtray: KindtrayApp
) -> None:
    for name, window in every_window(qtbot, kindtray).items():
        for button in window.findChildren(QAbstractButton):
            if button.isVisibleTo(window):
                spoken = button.accessibleName() or button.text().replace("&", "")
                assert spoken.strip(), (name, button.objectName())


@pytest.mark.parametrize("name", OPENERS)
def test_every_window_a_person_opens_is_centred_on_the_pointer_screen(
    qtbot: QtBot, kindtray: KindtrayApp, name: str
) -> None:
    window = OPENERS[name](kindtray)
    qtbot.waitUntil(window.isVisible)
    screen = pointer_screen()
    assert screen is not None
    area = screen.availableGeometry()
    frame: QRect = window.frameGeometry()
    assert area.contains(frame), (name, frame, area)
    # Centred to within a few pixels (a window may grow a little once its fonts are known).
    assert abs(frame.center().x() - area.center().x()) <= 8, (name, frame, area)
    assert abs(frame.center().y() - area.center().y()) <= 24, (name, frame, area)


def test_the_reminder_window_waits_in_a_corner_of_the_pointer_screen(qtbot: QtBot) -> None:
    reminder = ReminderWindow(ReminderAnswers())
    qtbot.addWidget(reminder)
    reminder.present("A minute for yourself?")
    screen = pointer_screen()
    assert screen is not None
    area = screen.availableGeometry()
    assert area.contains(reminder.frameGeometry())
    assert reminder.frameGeometry().center().x() > area.center().x()
    assert reminder.frameGeometry().center().y() > area.center().y()
