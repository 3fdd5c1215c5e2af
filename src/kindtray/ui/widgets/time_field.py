"""The time field: a short text field for a time of day as "HH:MM".

Plain text on purpose: the core checks it (``kindtray.core.settings``) and explains what is
wrong in its own words, which a masked or spin-box editor would hide.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from kindtray.core.settings import format_hhmm
from kindtray.i18n import pgettext


class TimeField(QLineEdit):
    """A "HH:MM" field; ``raw()`` is the TOML string the core checks."""

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        # Translators: the placeholder of a typed time; the field takes "HH:MM" digits in any
        # language, so write the letters for hours and minutes the way your readers know them.
        self.setPlaceholderText(pgettext("time field", "HH:MM"))
        # A clock time reads left to right in every language, in a right-to-left window too.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setAccessibleName(accessible)
        self.setMaxLength(8)
        # Room for "00:00" and a little more, plus the frame.
        self.setFixedWidth(self.fontMetrics().horizontalAdvance("00:00000") + 16)

    def raw(self) -> str:
        """The text as typed, without surrounding spaces."""
        return self.text().strip()

    def set_time(self, value: time | None) -> None:
        """Show ``value`` as "HH:MM" (empty for None)."""
        self.setText("" if value is None else format_hhmm(value))
