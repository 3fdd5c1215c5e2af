"""Mnemonics that move the focus and nothing else.

Qt lets a label's mnemonic click its buddy when the buddy is a button, and a check box's own
mnemonic toggle it: Alt+Y on "Active da&ys" turned Monday off. kindtray's mnemonics only ever
move the focus; a choice changes by Space, a click or typing, never by an Alt+letter.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLabel, QWidget


def focus_only_shortcut(widget: QWidget, event: QEvent) -> bool:
    """Handle ``event`` if it is ``widget``'s mnemonic: focus it; return whether it was."""
    if event.type() != QEvent.Type.Shortcut:
        return False
    if widget.focusPolicy() != Qt.FocusPolicy.NoFocus or widget.focusProxy() is not None:
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
    widget.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
    return True


class FocusLabel(QLabel):
    """A label whose mnemonic moves the focus to its buddy, never clicking it."""

    def event(self, event: QEvent) -> bool:
        """The mnemonic focuses the buddy (QLabel would click a button buddy)."""
        if event.type() == QEvent.Type.Shortcut:
            buddy = self.buddy()
            if buddy is not None:
                return focus_only_shortcut(buddy, event)
        return super().event(event)


class ButtonGroup(QWidget):
    """A group of buttons a label can name: focused, it hands the focus to ``first_button``.

    Not a focus proxy: Qt's tab order would then jump into the group out of turn. Tab passes
    the group itself by (it takes the focus only when asked) and stops at each button.
    """

    first_button: QWidget | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Pass the focus on, with the reason it came for (so the ring shows for keys)."""
        super().focusInEvent(event)
        if self.first_button is not None:
            self.first_button.setFocus(event.reason())
