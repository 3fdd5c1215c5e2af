"""The day picker: seven buttons that stay pressed in, one per weekday.

Owns the day names (short on the button, full for screen readers and the tooltip), in the
language kindtray speaks: the short names are the catalog's short weekdays. It reads
and shows the raw TOML list (``["mon", "tue"]``); whether that list is allowed is the core's
call. Colours come from the window's style sheet (``kindtray.ui.theme``).

A label names the picker itself, never Monday's button: Qt lets a label's mnemonic click a
button it points at, and Alt+D once turned Monday off. The picker passes the focus on to
Monday and is clicked by nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from kindtray.core.settings_keys import DAYS
from kindtray.i18n import _, weekday_name
from kindtray.ui.widgets.mnemonic import ButtonGroup, focus_only_shortcut

_A_MONDAY = date(2024, 1, 1)


def day_names(day: str) -> tuple[str, str]:
    """The short and the full name of ``day`` ("mon"): ("Mon", "Monday"), ("Mo.", "Montag").

    Three letters in English: "Mon" reads at a glance where two ("Mo") made people stop and
    think. The short names are the catalog's ("short weekday"), the ones dates use too.
    """
    index = DAYS.index(day)
    full = (
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    )[index]
    return weekday_name(_A_MONDAY + timedelta(days=index)), full


class ChoiceButton(QPushButton):
    """A button that stays pressed in for a chosen value; a mnemonic only focuses it."""

    def __init__(self, text: str, name: str, accessible: str) -> None:
        super().__init__(text)
        self.setObjectName(name)
        self.setCheckable(True)
        self.setAccessibleName(accessible)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def event(self, event: QEvent) -> bool:
        """Never pressed in or out by an Alt+letter."""
        return focus_only_shortcut(self, event) or super().event(event)


class DayPicker(ButtonGroup):
    """Seven checkable buttons named ``day_mon`` … ``day_sun``; ``changed`` on every press."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        for day in DAYS:
            short, full = day_names(day)
            button = ChoiceButton(short, f"day_{day}", full)
            button.setToolTip(full)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.toggled.connect(self.changed)
            layout.addWidget(button)
            self.buttons[day] = button
        layout.addStretch(1)
        # A label's buddy: the focus goes on to Monday, and nothing is clicked.
        self.first_button = self.first

    @property
    def first(self) -> QPushButton:
        """The button the focus lands on when the picker is focused."""
        return self.buttons[DAYS[0]]

    def value(self) -> list[str]:
        """The pressed-in days, as the TOML list the core checks."""
        return [day for day in DAYS if self.buttons[day].isChecked()]

    def set_value(self, days: Iterable[str]) -> None:
        """Press in exactly ``days``."""
        chosen = set(days)
        for day, button in self.buttons.items():
            button.setChecked(day in chosen)
