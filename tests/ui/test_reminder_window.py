"""The fallback reminder window: calm, keyboard-safe, its focus visible from the start."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kindtray.ui.notify.base import ReminderAnswers
from kindtray.ui.notify.window import ReminderWindow
from kindtray.ui.theme import LIGHT, contrast


def shown(qtbot: QtBot, answers: ReminderAnswers) -> ReminderWindow:
    window = ReminderWindow(answers, theme="light")
    qtbot.addWidget(window)
    window.present("A minute for yourself?")
    window.activateWindow()
    qtbot.waitUntil(window.snooze_button.hasFocus)
    return window


def ring_at_left_edge(button: QWidget) -> QColor:
    """The colour in the middle of the button's left edge, where the focus ring is drawn."""
    image = button.grab().toImage()
    ratio = image.devicePixelRatio()
    return image.pixelColor(QPoint(1, int(button.height() * ratio / 2)))


def test_the_focus_starts_on_later_and_wears_a_ring_from_the_first_moment(qtbot: QtBot) -> None:
    # The trial: nothing looked focused, so Tab (meant to reach "Later") then Space started
    # a break. The focus starts on the calm answer, and the ring shows before any key.
    answers = ReminderAnswers()
    window = shown(qtbot, answers)
    ring = QColor(LIGHT.text)
    assert window.focusWidget() is window.snooze_button
    assert ring_at_left_edge(window.snooze_button) == ring
    assert ring_at_left_edge(window.start_button) != ring
    QTest.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert window.focusWidget() is window.start_button
    assert ring_at_left_edge(window.start_button) == ring
    assert ring_at_left_edge(window.snooze_button) != ring
    # The ring stands out from the page around it.
    assert contrast(LIGHT.text, LIGHT.background) >= 3
    with qtbot.assertNotEmitted(answers.snooze), qtbot.waitSignal(answers.start_break):
        QTest.keyClick(window.start_button, Qt.Key.Key_Space)


def test_escape_dismisses_the_reminder(qtbot: QtBot) -> None:
    answers = ReminderAnswers()
    window = shown(qtbot, answers)
    with qtbot.waitSignal(answers.dismissed):
        QTest.keyClick(window.focusWidget(), Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_the_window_names_every_control_and_is_no_bare_grey_box(qtbot: QtBot) -> None:
    window = shown(qtbot, ReminderAnswers())
    buttons = window.findChildren(QPushButton)
    assert [b.text() for b in buttons] == ["Later", "Start break"]
    assert all(b.accessibleName() for b in buttons)
    assert window.body.accessibleName() == "A minute for yourself?"
    page = window.grab().toImage().pixelColor(QPoint(4, 4))
    assert page == QColor(LIGHT.background)
    assert window.width() > 320
