"""The time picker: a time of day chosen with the keyboard, the arrow keys or the wheel.

The settings dialog's way to pick a time (the welcome keeps its typed field). It can only hold
a real time, so the person never meets a format to follow; ``raw()`` still hands the core the
TOML string it checks, as every control does.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QAbstractSpinBox, QTimeEdit, QWidget

from kindtray.core.settings import format_hhmm


class TimePicker(QTimeEdit):
    """A time of day, 24-hour like the rest of kindtray; the hour and minute step apart."""

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        # A clock time reads left to right in every language. First: a time edit that is
        # right to left when its format is set turns the format around (09:00 as 00:09).
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setDisplayFormat("HH:mm")
        self.setWrapping(True)  # 23:59 and on to 00:00, as a clock does
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)

    def raw(self) -> str:
        """The time as the TOML string the core checks ("09:00")."""
        shown = self.time()
        return format_hhmm(time(shown.hour(), shown.minute()))

    def set_time(self, value: time | None) -> None:
        """Show ``value``; None (no time yet) keeps what is shown."""
        if value is not None:
            self.setTime(QTime(value.hour, value.minute))
