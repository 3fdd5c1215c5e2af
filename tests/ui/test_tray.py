"""The tray menu and tooltip: each entry does what it says, the look follows the core."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from kindtray.core.schedule import Decision
from kindtray.ui.theme import DARK, LIGHT, contrast, on_accent
from kindtray.ui.tray import Tray

NOW = datetime.fromisoformat("2026-11-30T14:00:00+01:00")


def decision(
    next_reminder: datetime | None = None, paused_until: datetime | None = None
) -> Decision:
    return Decision(False, None, next_reminder, paused_until, NOW + timedelta(minutes=5))


@pytest.fixture
def tray(qtbot: QtBot) -> Tray:
    return Tray()


def labels(tray: Tray) -> list[str]:
    return [a.text() for a in tray.menu.actions() if not a.isSeparator() and a.isVisible()]


def test_menu_has_the_entries_in_order(tray: Tray) -> None:
    assert labels(tray) == [
        "Starting",
        "Take a break now",
        "A hard moment",
        "Pause",
        "Your practice",
        "Settings…",
        "About",
        "Quit",
    ]
    assert [a.text() for a in tray.pause_menu.actions()] == [
        "30 minutes",
        "1 hour",
        "Until tomorrow",
    ]


@pytest.mark.parametrize(
    ("action_name", "signal_name"),
    [
        ("break_action", "break_requested"),
        ("practice_action", "practice_requested"),
        ("settings_action", "settings_requested"),
        ("about_action", "about_requested"),
        ("quit_action", "quit_requested"),
        ("resume_action", "resume_requested"),
        ("remind_anyway_action", "remind_anyway_requested"),
    ],
)
def test_menu_entries_emit_their_request(
    qtbot: QtBot, tray: Tray, action_name: str, signal_name: str
) -> None:
    with qtbot.waitSignal(getattr(tray, signal_name)):
        getattr(tray, action_name).trigger()


def test_pause_entries_ask_for_their_length(qtbot: QtBot, tray: Tray) -> None:
    thirty, hour, tomorrow = tray.pause_actions
    with qtbot.waitSignal(tray.pause_requested) as blocker:
        thirty.trigger()
    assert blocker.args == [30]
    with qtbot.waitSignal(tray.pause_requested) as blocker:
        hour.trigger()
    assert blocker.args == [60]
    with qtbot.waitSignal(tray.pause_until_tomorrow_requested):
        tomorrow.trigger()


def test_resume_shows_only_while_paused_and_the_icon_changes(tray: Tray) -> None:
    active_key = tray.icon.icon().cacheKey()
    tray.show_decision(decision(paused_until=NOW + timedelta(hours=1)), NOW)
    assert "Resume" in labels(tray)
    assert tray.icon.toolTip() == "Paused until 15:00"
    assert tray.icon.icon().cacheKey() != active_key
    tray.show_decision(decision(next_reminder=NOW + timedelta(minutes=32)), NOW)
    assert "Resume" not in labels(tray)
    assert tray.icon.toolTip() == "Next reminder at 14:32"
    assert tray.icon.icon().cacheKey() == active_key


def test_left_click_opens_a_break_and_right_click_does_not(qtbot: QtBot, tray: Tray) -> None:
    with qtbot.waitSignal(tray.break_requested):
        tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    with qtbot.assertNotEmitted(tray.break_requested):
        tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Context)


def test_the_icons_are_real_images(tray: Tray) -> None:
    for icon in (tray.active_icon, tray.paused_icon):
        assert not icon.pixmap(16, 16).isNull()
        assert not icon.pixmap(64, 64).isNull()


def test_remind_me_anyway_shows_only_while_a_reminder_is_held(tray: Tray) -> None:
    from kindtray.core.presence import Hold, HoldReason

    held = Decision(False, None, None, None, NOW, (), Hold(HoldReason.FULLSCREEN, NOW), True)
    tray.show_decision(held, NOW)
    assert "Remind me anyway" in labels(tray)
    assert tray.icon.toolTip() == "Holding the reminder while a window is fullscreen"
    tray.show_decision(decision(next_reminder=NOW + timedelta(minutes=32)), NOW)
    assert "Remind me anyway" not in labels(tray)


@pytest.mark.parametrize(
    ("shown", "line"),
    [
        (decision(next_reminder=NOW + timedelta(minutes=32)), "Next reminder at 14:32"),
        (decision(paused_until=NOW + timedelta(hours=1)), "Paused until 15:00"),
        (decision(next_reminder=NOW + timedelta(hours=19)), "Next reminder tomorrow at 09:00"),
        (decision(), "No reminders planned (see Settings: active days and hours)"),
    ],
)
def test_the_menu_opens_with_a_status_line_nobody_can_click(
    tray: Tray, shown: Decision, line: str
) -> None:
    tray.show_decision(shown, NOW)
    first = tray.menu.actions()[0]
    assert first is tray.status_action
    assert first.text() == line == tray.icon.toolTip()
    assert not first.isEnabled()


def test_the_status_line_says_why_a_reminder_is_held(tray: Tray) -> None:
    from kindtray.core.presence import Hold, HoldReason

    held = Decision(False, None, None, None, NOW, (), Hold(HoldReason.MIC_OR_CAMERA, NOW), True)
    tray.show_decision(held, NOW)
    assert tray.status_action.text() == "Holding the reminder while you are on a call"


@pytest.mark.parametrize("scheme", [Qt.ColorScheme.Light, Qt.ColorScheme.Dark])
def test_the_highlighted_entry_wears_the_accent_not_the_platform_blue(
    qtbot: QtBot, tray: Tray, monkeypatch: pytest.MonkeyPatch, scheme: Qt.ColorScheme
) -> None:
    monkeypatch.setattr(QGuiApplication.styleHints(), "colorScheme", lambda: scheme)
    tray._style_menu()
    colors = DARK if scheme == Qt.ColorScheme.Dark else LIGHT
    menu = tray.menu
    menu.ensurePolished()
    menu.adjustSize()
    menu.setActiveAction(tray.break_action)
    image = menu.grab().toImage()
    box = menu.actionGeometry(tray.break_action)
    ratio = image.devicePixelRatio()
    inside = QPoint(int((box.left() + 4) * ratio), int(box.center().y() * ratio))
    assert image.pixelColor(inside) == QColor(colors.accent)
    page = QPoint(
        int((box.left() + 4) * ratio),
        int(menu.actionGeometry(tray.quit_action).center().y() * ratio),
    )
    assert image.pixelColor(page) == QColor(colors.background)
    # Every text pair of the menu is readable: entries, the status line, the highlighted entry.
    assert contrast(colors.text, colors.background) >= 4.5
    assert contrast(colors.secondary, colors.background) >= 4.5
    assert contrast(on_accent(colors), colors.accent) >= 4.5


def test_a_hard_moment_is_one_click_away(tray: Tray, qtbot: QtBot) -> None:
    with qtbot.waitSignal(tray.hard_moment_requested, timeout=1000):
        tray.hard_moment_action.trigger()
