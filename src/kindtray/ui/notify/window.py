"""The window route: a small window of kindtray's own with the reminder and its two answers.

It always works while there is a display, so the chain tries it last. Closing the window
is dismissing the reminder; a withdraw by kindtray is not. It must not style or decide
anything beyond showing the text and passing the answer on.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kindtray.ui.notify.base import SNOOZE_LABEL, START_LABEL, ReminderAnswers
from kindtray.ui.windows import button_row

# Qt platforms that draw nowhere a person can see.
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc")


class ReminderWindow(QWidget):
    """A small, quiet window with the reminder text and the two answers."""

    def __init__(self, answers: ReminderAnswers) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle("kindtray reminder")
        self.setObjectName("kindtray-reminder")
        self._answers = answers
        self._answered = False
        self.body = QLabel()
        self.body.setTextFormat(Qt.TextFormat.PlainText)  # a phrase is words, never markup
        self.body.setWordWrap(True)
        self.start_button = QPushButton(START_LABEL)
        self.snooze_button = QPushButton(SNOOZE_LABEL)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(lambda: self._answer(answers.start_break))
        self.snooze_button.clicked.connect(lambda: self._answer(answers.snooze))
        buttons = button_row(self.snooze_button, self.start_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(self.body)
        layout.addLayout(buttons)
        self.setMinimumWidth(320)

    def present(self, body: str) -> None:
        """Show the reminder text in the bottom-right corner of the screen."""
        self._answered = False
        self.body.setText(body)
        self.adjustSize()
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(area.right() - self.width() - 24, area.bottom() - self.height() - 24)
        self.show()
        self.raise_()

    def withdraw(self) -> None:
        """Hide without counting as the user's answer."""
        self._answered = True
        self.hide()

    def _answer(self, signal: Any) -> None:
        self._answered = True
        self.hide()
        signal.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window is dismissing the reminder."""
        if not self._answered:
            self._answered = True
            self._answers.dismissed.emit()
        super().closeEvent(event)


class WindowRoute:
    """Shows the reminder in a ReminderWindow; always works while there is a display."""

    name = "window"
    why = "a small window of kindtray's own; it works wherever there is a display"

    def __init__(self, answers: ReminderAnswers) -> None:
        self._answers = answers
        self.window: ReminderWindow | None = None

    def probe(self) -> str | None:
        """None while Qt draws on a real display; a headless Qt platform shows nobody."""
        if QGuiApplication.platformName() in HEADLESS_PLATFORMS:
            return "there is no display to show a window on"
        return None

    def notify(self, title: str, body: str) -> None:
        """Show (or replace) the reminder window."""
        if self.window is None:
            self.window = ReminderWindow(self._answers)
        self.window.present(body)

    def withdraw(self) -> None:
        """Hide the window if it is shown."""
        if self.window is not None and self.window.isVisible():
            self.window.withdraw()

    def shutdown(self) -> None:
        """Hide the window; it goes with the QApplication."""
        self.withdraw()
