"""Without a tray icon: the note and the welcome say what really happens, one at a time."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kindtray.core.clock import FakeClock
from kindtray.paths import default_paths
from kindtray.ui.app import NO_TRAY_MARKER, KindtrayApp, build_kindtray
from kindtray.ui.notify.base import RouteError
from kindtray.ui.notify.chain import RouteChain
from kindtray.ui.welcome import WelcomeWindow

MONDAY_10 = datetime.fromisoformat("2026-11-30T10:00:00+00:00")


class Route:
    """A route that works, or says why it cannot (``problem``)."""

    why = "a test route"

    def __init__(self, name: str, problem: str | None = None) -> None:
        self.name = name
        self.problem = problem

    def probe(self) -> str | None:
        return self.problem

    def notify(self, title: str, body: str) -> None:
        if self.problem:
            raise RouteError(self.problem)

    def withdraw(self) -> None:
        pass

    def shutdown(self) -> None:
        pass


NO_SERVICE = "org.freedesktop.Notifications is not on the session bus"

# (the routes, what the note and the welcome say of reminders, what the log says)
CASES = {
    "notification service": (
        [Route("freedesktop"), Route("window")],
        "as your desktop's notifications",
        "reminders come as notifications",
    ),
    "no notification service": (
        [Route("freedesktop", NO_SERVICE), Route("window")],
        "in a small window of kindtray's own",
        "no notification service; reminders come in kindtray's own window",
    ),
    "nothing at all": (
        [Route("freedesktop", NO_SERVICE), Route("window", "there is no display")],
        "cannot be shown here",
        "reminders cannot be shown",
    ),
}


def make(qapp: QApplication, tmp_path: Path, routes: list[Route], *, set_up: bool) -> KindtrayApp:
    paths = default_paths(tmp_path)
    if set_up:
        paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
        paths.settings_file.write_text("schema = 1\n")
    app = build_kindtray(qapp, paths, FakeClock(MONDAY_10), routes=RouteChain(routes))
    app.start()
    return app


@pytest.fixture
def apps(qapp: QApplication) -> Iterator[list[KindtrayApp]]:
    made: list[KindtrayApp] = []
    yield made
    for app in made:
        app.shutdown()
    for widget in QApplication.topLevelWidgets():
        widget.close()


@pytest.mark.parametrize("case", CASES)
def test_the_note_and_the_log_say_how_reminders_really_come(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    apps: list[KindtrayApp],
    caplog: pytest.LogCaptureFixture,
    case: str,
) -> None:
    routes, words, logged = CASES[case]
    kindtray = make(qapp, tmp_path, routes, set_up=True)
    apps.append(kindtray)
    with caplog.at_level(logging.INFO, logger="kindtray.ui.app"):
        kindtray._tell_about_missing_tray_once()  # the offscreen platform has no tray
    note = kindtray.no_tray_notice
    assert note is not None and note.isVisible()
    assert words in note.words.text()
    assert logged in caplog.text
    if case != "notification service":
        assert "notifications" not in note.words.text()
        assert "as notifications" not in caplog.text


@pytest.mark.parametrize("case", CASES)
def test_the_welcome_without_a_tray_words_it_by_what_exists(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, apps: list[KindtrayApp], case: str
) -> None:
    routes, words, _ = CASES[case]
    kindtray = make(qapp, tmp_path, routes, set_up=False)
    apps.append(kindtray)
    assert kindtray.welcome_if_first_start()
    welcome = kindtray.welcome_window
    assert isinstance(welcome, WelcomeWindow)
    where = welcome.where.text()
    assert "tray" in where and "no tray icons" in where
    assert "Click it" not in where and "lives in your panel" not in where
    assert words in where


def test_the_welcome_with_a_tray_points_at_the_icon(qtbot: QtBot, tmp_path: Path) -> None:
    from kindtray.core.clock import FakeClock as Clock
    from kindtray.storage.settings_store import SettingsStore

    store = SettingsStore(tmp_path / "settings.toml", Clock(MONDAY_10))
    store.load()

    class Autostart:
        supported = False

        def is_enabled(self) -> bool:
            return False

    window = WelcomeWindow(store, Autostart(), lambda: None, has_tray=True)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    assert "Click it for a break" in window.where.text()


def test_the_note_waits_until_the_welcome_is_closed(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, apps: list[KindtrayApp]
) -> None:
    routes, _, _ = CASES["no notification service"]
    kindtray = make(qapp, tmp_path, routes, set_up=False)
    apps.append(kindtray)
    kindtray.welcome_if_first_start()
    welcome = kindtray.welcome_window
    assert welcome is not None and welcome.isVisible()
    kindtray._tell_about_missing_tray_once()  # five seconds after the start
    assert kindtray.no_tray_notice is None  # nothing on top of the welcome
    assert welcome.isVisible()
    assert not (kindtray.paths.state_dir / NO_TRAY_MARKER).exists()
    welcome.close()
    qtbot.waitUntil(lambda: kindtray.no_tray_notice is not None)
    note = kindtray.no_tray_notice
    assert note is not None and shiboken6.isValid(note) and note.isVisible()
    assert (kindtray.paths.state_dir / NO_TRAY_MARKER).exists()


def test_the_note_waits_for_the_break_the_welcome_opened(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, apps: list[KindtrayApp]
) -> None:
    routes, _, _ = CASES["no notification service"]
    kindtray = make(qapp, tmp_path, routes, set_up=False)
    apps.append(kindtray)
    kindtray.welcome_if_first_start()
    kindtray._tell_about_missing_tray_once()
    welcome = kindtray.welcome_window
    assert isinstance(welcome, WelcomeWindow)
    welcome.try_break()  # "Try a one-minute break now": the welcome closes, a break opens
    window = kindtray.break_window
    assert window is not None and window.isVisible()
    qtbot.waitUntil(lambda: not shiboken6.isValid(welcome))
    assert kindtray.no_tray_notice is None  # nothing over the break
    window.close()
    qtbot.waitUntil(lambda: kindtray.no_tray_notice is not None)
