"""The welcome window: only on a truly first start, saves exactly what the user chose."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kindtray.core.clock import FakeClock
from kindtray.core.history import BreakRecord, Outcome, Trigger
from kindtray.core.settings import Settings
from kindtray.paths import Paths, default_paths
from kindtray.storage.history import History
from kindtray.storage.settings_store import SettingsStore
from kindtray.ui.app import KindtrayApp, build_kindtray
from kindtray.ui.welcome import WelcomeWindow

MONDAY_10 = datetime.fromisoformat("2026-11-30T10:00:00+00:00")


class FakeAutostart:
    supported = True

    def __init__(self) -> None:
        self.on = False

    def is_enabled(self) -> bool:
        return self.on

    def enable(self) -> None:
        self.on = True

    def disable(self) -> None:
        self.on = False


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_10)


@pytest.fixture
def autostart() -> FakeAutostart:
    return FakeAutostart()


def make_app(
    qapp: QApplication, paths: Paths, clock: FakeClock, autostart: FakeAutostart
) -> KindtrayApp:
    kindtray = build_kindtray(qapp, paths, clock, autostart=autostart)
    kindtray.start()
    return kindtray


@pytest.fixture
def closer(qapp: QApplication) -> Iterator[list[KindtrayApp]]:
    apps: list[KindtrayApp] = []
    yield apps
    for kindtray in apps:
        kindtray.shutdown()
    for widget in QApplication.topLevelWidgets():
        widget.close()


def welcome_windows() -> list[WelcomeWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, WelcomeWindow) and w.isVisible()
    ]


def test_welcome_shows_on_the_first_start_and_never_after(
    qapp: QApplication,
    tmp_path: Path,
    clock: FakeClock,
    autostart: FakeAutostart,
    closer: list[KindtrayApp],
) -> None:
    paths = default_paths(tmp_path)
    first = make_app(qapp, paths, clock, autostart)
    closer.append(first)
    assert first.welcome_if_first_start()
    [window] = welcome_windows()
    window.close()  # the title bar's close button: counts as done
    assert paths.settings_file.exists()
    first.shutdown()
    closer.remove(first)

    second = make_app(qapp, paths, clock, autostart)
    closer.append(second)
    assert not second.welcome_if_first_start()
    assert welcome_windows() == []


def test_no_welcome_when_there_is_a_history_but_no_settings_file(
    qapp: QApplication,
    tmp_path: Path,
    clock: FakeClock,
    autostart: FakeAutostart,
    closer: list[KindtrayApp],
) -> None:
    paths = default_paths(tmp_path)
    with History(paths.history_file, clock) as history:
        history.record(BreakRecord(MONDAY_10, MONDAY_10, 60, Outcome.COMPLETED, Trigger.REQUEST))
    assert not paths.first_start
    kindtray = make_app(qapp, paths, clock, autostart)
    closer.append(kindtray)
    assert not kindtray.welcome_if_first_start()
    assert welcome_windows() == []


def test_the_three_choices_and_start_at_login_are_saved_exactly(
    qtbot: Any, tmp_path: Path, clock: FakeClock
) -> None:
    store = SettingsStore(tmp_path / "settings.toml", clock)
    store.load()
    autostart = FakeAutostart()
    window = WelcomeWindow(store, autostart, lambda: None)
    qtbot.addWidget(window)
    window.show()
    # Prefilled with the defaults.
    assert window.interval.value() == 90
    assert [d for d, b in window.day_buttons.items() if b.isChecked()] == [
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
    ]
    assert window.start_edit.text() == "09:00"

    qtbot.keyClick(window.interval, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.interval, "45")
    qtbot.mouseClick(window.day_buttons["fri"], Qt.MouseButton.LeftButton)  # off
    qtbot.mouseClick(window.day_buttons["sat"], Qt.MouseButton.LeftButton)  # on
    for edit, text in ((window.start_edit, "08:30"), (window.end_edit, "16:15")):
        edit.selectAll()
        qtbot.keyClicks(edit, text)
    window.login.click()
    with qtbot.waitSignal(window.finished) as done:
        qtbot.mouseClick(window.done_button, Qt.MouseButton.LeftButton)

    saved = SettingsStore(tmp_path / "settings.toml", clock).load()
    assert saved.problems == ()
    reminders = saved.settings.reminders
    assert reminders.interval_minutes == 45
    assert reminders.active_days == ("mon", "tue", "wed", "thu", "sat")
    assert (reminders.active_start, reminders.active_end) == (time(8, 30), time(16, 15))
    assert saved.settings.system.start_at_login is True
    assert autostart.on is True
    # Everything else keeps its default.
    assert saved.settings.break_ == Settings().break_
    assert done.args == [saved.settings]
    assert not window.isVisible()


def test_escape_is_done_and_saves_the_defaults_shown(
    qtbot: Any, tmp_path: Path, clock: FakeClock
) -> None:
    store = SettingsStore(tmp_path / "settings.toml", clock)
    store.load()
    window = WelcomeWindow(store, FakeAutostart(), lambda: None)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.finished):
        qtbot.keyClick(window.interval, Qt.Key.Key_Escape)
    assert not window.isVisible()
    saved = SettingsStore(tmp_path / "settings.toml", clock).load()
    assert saved.exists and saved.settings == Settings()


def test_try_a_break_saves_closes_and_opens_the_break(
    qtbot: Any, tmp_path: Path, clock: FakeClock
) -> None:
    store = SettingsStore(tmp_path / "settings.toml", clock)
    store.load()
    opened: list[str] = []
    window = WelcomeWindow(store, FakeAutostart(), lambda: opened.append("break"))
    qtbot.addWidget(window)
    window.show()
    qtbot.mouseClick(window.day_buttons["sun"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.try_button, Qt.MouseButton.LeftButton)
    assert opened == ["break"]
    assert not window.isVisible()
    assert "sun" in SettingsStore(store.path, clock).load().settings.reminders.active_days


def test_try_a_break_in_the_app_opens_the_apps_break(
    qapp: QApplication,
    tmp_path: Path,
    clock: FakeClock,
    autostart: FakeAutostart,
    closer: list[KindtrayApp],
) -> None:
    kindtray = make_app(qapp, default_paths(tmp_path), clock, autostart)
    closer.append(kindtray)
    kindtray.welcome_if_first_start()
    [window] = welcome_windows()
    window.try_button.click()
    # The app's own break, opened as asked for (not as a reminder).
    assert kindtray.break_window is not None and kindtray.break_window.isVisible()
    assert kindtray.break_window.trigger is Trigger.REQUEST
    # The saved choices reached the running scheduler too.
    assert kindtray.scheduler.settings == Settings()


def test_keyboard_path_mnemonics_and_accessible_names(qtbot: Any, tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.toml", FakeClock(MONDAY_10))
    window = WelcomeWindow(store, FakeAutostart(), lambda: None)
    qtbot.addWidget(window)
    window.show()

    def active() -> bool:
        # Ask again on each poll: on a busy machine the first request can be lost.
        window.activateWindow()
        return window.isActiveWindow()

    qtbot.waitUntil(active)
    window.interval.setFocus()
    order = []
    for _ in range(14):
        focused = QApplication.focusWidget()
        assert focused is not None
        # The spin box's text field belongs to the spin box.
        order.append(window.interval if focused.parent() is window.interval else focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    names = [w.objectName() for w in order]
    assert names[:1] == ["interval_minutes"]
    assert names[1:8] == [f"day_{d}" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")]
    assert names[8:] == [
        "active_start",
        "active_end",
        "start_at_login",
        "tryButton",
        "doneButton",
        "interval_minutes",  # and round again
    ]
    for button in window.day_buttons.values():
        assert button.accessibleName().endswith("day")
    assert "&" in window.try_button.text() and "&" in window.done_button.text()
    assert window.done_button.isDefault()


def test_about_offers_the_welcome_again(
    qapp: QApplication,
    tmp_path: Path,
    clock: FakeClock,
    autostart: FakeAutostart,
    closer: list[KindtrayApp],
) -> None:
    paths = default_paths(tmp_path)
    paths.settings_file.write_text("schema = 1\n")
    kindtray = make_app(qapp, paths, clock, autostart)
    closer.append(kindtray)
    box = kindtray.show_about()
    [again] = [b for b in box.buttons() if "welcome" in b.text()]
    again.click()
    assert len(welcome_windows()) == 1
    reply = kindtray.handle_command({"command": "welcome"})
    assert reply.exit == 0
    assert len(welcome_windows()) == 1  # raised, not a second one


def test_a_time_the_core_refuses_is_explained_and_holds_done(
    qtbot: Any, tmp_path: Path, clock: FakeClock
) -> None:
    store = SettingsStore(tmp_path / "settings.toml", clock)
    store.load()
    window = WelcomeWindow(store, FakeAutostart(), lambda: None)
    qtbot.addWidget(window)
    window.show()
    window.end_edit.selectAll()
    qtbot.keyClicks(window.end_edit, "25:00")
    assert window.error.isVisible()
    assert window.error.text().startswith('Active hours end: "25:00" is not allowed')
    assert window.end_edit.accessibleDescription() != ""
    assert not window.done_button.isEnabled()
    # Esc still closes: the refused value keeps its default, the rest is saved.
    qtbot.keyClick(window.end_edit, Qt.Key.Key_Escape)
    saved = SettingsStore(store.path, clock).load()
    assert saved.settings.reminders.active_end == time(18, 0)


def test_closing_the_welcome_keeps_what_settings_saved_meanwhile(
    qapp: QApplication,
    tmp_path: Path,
    clock: FakeClock,
    autostart: FakeAutostart,
    closer: list[KindtrayApp],
) -> None:
    paths = default_paths(tmp_path)
    kindtray = make_app(qapp, paths, clock, autostart)
    closer.append(kindtray)
    kindtray.welcome_if_first_start()
    [window] = welcome_windows()
    # With the welcome still open, the user sets things up in Settings instead and presses OK.
    chosen = (
        Settings()
        .with_value("break.theme", "dark")
        .with_value("reminders.interval_minutes", 45)
        .with_value("system.start_at_login", True)
    )
    autostart.enable()
    kindtray.settings_store.save(chosen)
    kindtray.apply_settings(chosen)
    window.close()  # then closes the welcome without touching it
    saved = SettingsStore(paths.settings_file, clock).load().settings
    assert saved == chosen
    assert kindtray.scheduler.settings == chosen
    assert autostart.on
