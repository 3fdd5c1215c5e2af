"""The switch: an on/off control drawn as a small sliding pill, for rows of the settings dialog.

A check box underneath, so screen readers, the keyboard (Space) and tests know it as one; only
its look differs. It has no words of its own: the row's title names it. Its mnemonic, if a
caller ever gives it one, only moves the focus (see ``focus_only_shortcut``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QCheckBox, QWidget

from kindtray.ui.widgets.mnemonic import focus_only_shortcut

_WIDTH, _HEIGHT = 44, 24  # logical pixels, as GNOME's switch
_RING = 3  # room around the pill for the focus ring


class Switch(QCheckBox):
    """An on/off switch named ``name``; disabled, with its reason, when ``why_not`` is given.

    Colours come from the palette: Highlight for on, Mid for the off track, Base for the knob,
    and Highlight again for the focus ring (kindtray's sage when the window uses its palette).
    """

    def __init__(
        self, name: str, accessible: str, *, why_not: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.why_not = why_not
        self.setEnabled(not why_not)
        self.setToolTip(why_not)
        self.setAccessibleDescription(why_not)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def sizeHint(self) -> QSize:
        """The pill and the ring around it."""
        return QSize(_WIDTH + 2 * _RING, _HEIGHT + 2 * _RING)

    def minimumSizeHint(self) -> QSize:
        """As large as it wants: a switch never shrinks."""
        return self.sizeHint()

    def hitButton(self, pos: QPoint) -> bool:
        """A click anywhere on the widget toggles it (QCheckBox would want the box)."""
        return self.rect().contains(pos)

    def event(self, event: QEvent) -> bool:
        """A mnemonic moves the focus here and never flips the switch."""
        if focus_only_shortcut(self, event):
            return True
        return super().event(event)

    def paintEvent(self, _: QPaintEvent) -> None:
        """Draw the track, the knob and, with the focus, one ring in the accent."""
        palette = self.palette()
        on = self.isChecked()
        enabled = self.isEnabled()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = QRectF(_RING, (self.height() - _HEIGHT) / 2, _WIDTH, _HEIGHT)
        accent = palette.color(QPalette.ColorRole.Highlight)
        off = palette.color(QPalette.ColorRole.Mid)
        color = QColor(accent if on else off)
        if not enabled:
            color.setAlphaF(0.45)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(track, _HEIGHT / 2, _HEIGHT / 2)
        knob = _HEIGHT - 6
        x = track.right() - knob - 3 if on else track.left() + 3
        knob_color = QColor(palette.color(QPalette.ColorRole.Base))
        if not enabled:
            knob_color.setAlphaF(0.8)
        painter.setBrush(knob_color)
        painter.drawEllipse(QRectF(x, track.top() + 3, knob, knob))
        if self.hasFocus():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(accent, 2))
            ring = track.adjusted(-2.5, -2.5, 2.5, 2.5)
            painter.drawRoundedRect(ring, ring.height() / 2, ring.height() / 2)
        painter.end()
