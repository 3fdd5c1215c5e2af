"""The switch row: one on/off choice in words, such as "Start kindtray when I log in".

When the choice cannot work here (no start-at-login on this system, no sound library), the
row stays visible but disabled, and says why to the mouse and to screen readers alike. Its
mnemonic moves the focus to it and never flips it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QCheckBox, QWidget

from kindtray.i18n import _
from kindtray.ui.widgets.mnemonic import focus_only_shortcut


class SwitchRow(QCheckBox):
    """An on/off choice; disabled with its reason when ``why_not`` is given."""

    def __init__(
        self, text: str, name: str, *, why_not: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(text, parent)
        self.setObjectName(name)
        self.why_not = why_not
        self.setEnabled(not why_not)
        self.setToolTip(why_not)
        self.setAccessibleDescription(why_not)

    def event(self, event: QEvent) -> bool:
        """An Alt+letter focuses the switch; only Space or a click changes it."""
        return focus_only_shortcut(self, event) or super().event(event)


def login_why_not(supported: bool) -> str:
    """Why the start-at-login switch is off limits here, or "" when it works."""
    return "" if supported else _("Starting at login is not supported on this system.")
