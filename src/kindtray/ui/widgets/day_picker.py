"""The day picker: seven buttons that stay pressed in, one per weekday.

Owns the day names (short on the button, full for screen readers and the tooltip). It reads
and shows the raw TOML list (``["mon", "tue"]``); whether that list is allowed is the core's
call. Colours come from the window's style sheet (``kindtray.ui.theme``).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from kindtray.core.settings_keys import DAYS

# Three letters: "Mon" reads at a glance where two ("Mo") made people stop and think.
DAY_NAMES: dict[str, tuple[str, str]] = {
    "mon": ("Mon", "Monday"),
    "tue": ("Tue", "Tuesday"),
    "wed": ("Wed", "Wednesday"),
    "thu": ("Thu", "Thursday"),
    "fri": ("Fri", "Friday"),
    "sat": ("Sat", "Saturday"),
    "sun": ("Sun", "Sunday"),
}


class DayPicker(QWidget):
    """Seven checkable buttons named ``day_mon`` … ``day_sun``; ``changed`` on every press."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.buttons: dict[str, QPushButton] = {}
        for day in DAYS:
            short, full = DAY_NAMES[day]
            button = QPushButton(short)
            button.setObjectName(f"day_{day}")
            button.setCheckable(True)
            button.setAccessibleName(full)
            button.setToolTip(full)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.toggled.connect(self.changed)
            layout.addWidget(button)
            self.buttons[day] = button
        layout.addStretch(1)

    @property
    def first(self) -> QPushButton:
        """The button a label's mnemonic moves the focus to."""
        return self.buttons[DAYS[0]]

    def value(self) -> list[str]:
        """The pressed-in days, as the TOML list the core checks."""
        return [day for day in DAYS if self.buttons[day].isChecked()]

    def set_value(self, days: Iterable[str]) -> None:
        """Press in exactly ``days``."""
        chosen = set(days)
        for day, button in self.buttons.items():
            button.setChecked(day in chosen)
