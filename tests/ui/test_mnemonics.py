"""Every Alt+letter in every kindtray window: never two for one window, never a changed choice.

Alt+D in the welcome and Alt+Y in Settings once turned Monday off: a label's mnemonic clicked
the day button it pointed at, and closing the welcome then saved the week without Monday. A
mnemonic may move the focus or press an action button ("Apply", "Done"); it never presses a
choice in or out, flips a switch or changes a value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from kindtray import i18n
from kindtray.core.clock import FakeClock
from kindtray.core.history import Trigger
from kindtray.core.settings import BreakSettings
from kindtray.storage.settings_store import SettingsStore
from kindtray.ui.app import KindtrayApp
from kindtray.ui.break_window import BreakWindow
from kindtray.ui.notify.base import ReminderAnswers
from kindtray.ui.notify.window import ReminderWindow
from kindtray.ui.welcome import WelcomeWindow
from tests.ui.test_app import clock, kindtray, route  # noqa: F401 - fixtures used here
from tests.ui.test_break_window import TEXTS
from tests.ui.test_settings_dialog import Env
from tests.ui.test_welcome import FakeAutostart
from tools import translations

MONDAY_10 = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
LETTERS = [chr(c) for c in range(ord("a"), ord("z") + 1)]


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" ("&&" is a plain ampersand), lower case."""
    found = re.search(r"(?<!&)&([^&])", text)
    return found.group(1).lower() if found else None


def shown_mnemonics(window: QWidget) -> list[tuple[str, QWidget]]:
    """Each mnemonic a person can use in ``window`` as it shows now, with its widget."""
    found: list[tuple[str, QWidget]] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or not isinstance(widget, QLabel | QAbstractButton):
            continue
        letter = mnemonic(widget.text())
        if letter is not None:
            found.append((letter, widget))
    return found


def choices(window: QWidget) -> dict[str, object]:
    """Every choice the window shows: what is pressed in, ticked, typed, picked or chosen."""
    state: dict[str, object] = {}
    for widget in window.findChildren(QWidget):
        name = f"{type(widget).__name__}:{widget.objectName()}:{id(widget)}"
        if isinstance(widget, QAbstractButton) and widget.isCheckable():
            # Down: a mnemonic's click is on its way (Qt clicks a moment later).
            state[name] = (widget.isChecked(), widget.isDown())
        elif isinstance(widget, QAbstractSpinBox):
            state[name] = widget.text()
        elif isinstance(widget, QComboBox):
            state[name] = widget.currentIndex()
        elif isinstance(widget, QLineEdit) and not isinstance(widget.parent(), QAbstractSpinBox):
            state[name] = widget.text()
    return state


def is_action(widget: QWidget) -> bool:
    """A button that does something (Apply, Done): pressing it by its letter is its purpose."""
    return isinstance(widget, QAbstractButton) and not widget.isCheckable()


def activate(qtbot: Any, window: QWidget) -> None:
    """Make ``window`` the active one: mnemonics work only in the active window."""
    window.raise_()

    def active() -> bool:
        # Asked again until it takes: a tool window beside another may miss the first ask.
        window.activateWindow()
        return window.isActiveWindow()

    qtbot.waitUntil(active)


def walk(qtbot: Any, window: QWidget) -> None:
    """Press every Alt+letter that presses no action; no choice may change, none is doubled."""
    activate(qtbot, window)
    shown = shown_mnemonics(window)
    letters = [letter for letter, _ in shown]
    assert len(letters) == len(set(letters)), (window.windowTitle(), sorted(letters))
    actions = {letter for letter, widget in shown if is_action(widget)}
    before = choices(window)
    assert before or window.findChildren(QAbstractButton), window
    for letter in LETTERS:
        if letter in actions:
            continue
        # From the window itself each time: a letter a text field takes would be typing.
        window.setFocus()
        qtbot.keyClick(window, letter, Qt.KeyboardModifier.AltModifier)
        QApplication.processEvents()
        assert choices(window) == before, f"Alt+{letter.upper()} in {window.windowTitle()!r}"


# -- the windows ------------------------------------------------------------------------------


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Env:
    return Env(tmp_path, monkeypatch)


@pytest.fixture(params=["en", "de", "es"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each language's own letters: a translation picks its mnemonics anew."""
    if request.param != "en":
        translations.compile_all()
    i18n.use_language(request.param)
    yield request.param
    i18n.use_language(i18n.SYSTEM)  # English again: the suite's environment says so


def test_no_alt_letter_changes_a_setting_on_any_settings_page(
    qtbot: Any, env: Env, language: str
) -> None:
    dialog = env.dialog(qtbot)
    activate(qtbot, dialog)
    pages: Any = dialog._tabs
    for index in range(pages.count()):
        pages.setCurrentIndex(index)
        walk(qtbot, dialog)
    assert dialog._fields["reminders.active_days"].read() == ["mon", "tue", "wed", "thu", "fri"]


def test_alt_y_in_settings_and_alt_d_in_the_welcome_keep_monday(
    qtbot: Any, env: Env, tmp_path: Path
) -> None:
    dialog = env.dialog(qtbot)
    activate(qtbot, dialog)
    qtbot.keyClick(dialog, "y", Qt.KeyboardModifier.AltModifier)
    monday = dialog.findChild(QAbstractButton, "day_mon")
    assert monday is not None and not monday.isDown()  # no click on its way
    days = dialog._fields["reminders.active_days"].read()
    assert isinstance(days, list) and days[0] == "mon"
    assert dialog.focusWidget() is dialog.findChild(QAbstractButton, "day_mon")

    store = SettingsStore(tmp_path / "welcome.toml", FakeClock(MONDAY_10))
    store.load()
    welcome = WelcomeWindow(store, FakeAutostart(), lambda: None, theme="light")
    qtbot.addWidget(welcome)
    welcome.show()
    activate(qtbot, welcome)
    qtbot.keyClick(welcome, "d", Qt.KeyboardModifier.AltModifier)
    assert not welcome.day_buttons["mon"].isDown()
    days = welcome.raw_values()["reminders.active_days"]
    assert isinstance(days, list) and days[0] == "mon"
    assert welcome.focusWidget() is welcome.day_buttons["mon"]


def test_no_alt_letter_changes_a_choice_in_the_welcome(
    qtbot: Any, tmp_path: Path, language: str
) -> None:
    store = SettingsStore(tmp_path / "settings.toml", FakeClock(MONDAY_10))
    store.load()
    # With "Why this helps", as the app opens it.
    window = WelcomeWindow(store, FakeAutostart(), lambda: None, theme="light", open_why=print)
    qtbot.addWidget(window)
    window.show()
    activate(qtbot, window)
    walk(qtbot, window)
    # Closing saves what the window shows: still the whole working week.
    window.close()
    saved = SettingsStore(tmp_path / "settings.toml", FakeClock(MONDAY_10)).load().settings
    assert saved.reminders.active_days == ("mon", "tue", "wed", "thu", "fri")


def test_no_alt_letter_chooses_in_the_break_window(qtbot: Any) -> None:
    window = BreakWindow(
        TEXTS,
        BreakSettings(mood_check_in=True, reduced_motion="on"),
        FakeClock(MONDAY_10),
        trigger=Trigger.REQUEST,
    )
    qtbot.addWidget(window)
    window.start()
    window.show()
    walk(qtbot, window)


def test_no_alt_letter_answers_the_fallback_reminder_by_accident(qtbot: Any) -> None:
    answers = ReminderAnswers()
    window = ReminderWindow(answers)
    qtbot.addWidget(window)
    window.present("A minute for yourself?")
    walk(qtbot, window)


def test_the_about_and_no_tray_boxes_have_one_letter_per_button(
    qtbot: Any, request: pytest.FixtureRequest
) -> None:
    running: KindtrayApp = request.getfixturevalue("kindtray")  # test_app's running app
    walk(qtbot, running.show_about())
    running._tell_about_missing_tray_once()  # the offscreen platform has no tray
    box = running.no_tray_notice
    assert box is not None
    walk(qtbot, box)
