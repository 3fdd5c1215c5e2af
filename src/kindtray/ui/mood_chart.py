"""The small mood picture of "Your practice": bars drawn with QPainter, and its table twin.

Owns drawing a MoodPicture (how often each mood was noted at the start and at the end of
breaks) in the window's palette, and the same counts as a read-only table a screen reader can
walk. The words for it come from ``kindtray.core.history``; no chart library.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFocusEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from kindtray.core.history import MoodPicture
from kindtray.i18n import N_, _
from kindtray.ui.theme import Colors

__all__ = ["MoodChart", "mood_table"]

# Marked here, translated where they are drawn.
START, END = N_("At the start"), N_("At the end")
_LEGEND_HEIGHT = 26
_LABEL_HEIGHT = 22
_COUNT_HEIGHT = 16


class MoodChart(QWidget):
    """Two bars per mood (start and end of the breaks), tallest count at full height.

    Focusable, so a keyboard user lands on it and a screen reader reads its description (the
    picture in words, set by the window).
    """

    def __init__(
        self, picture: MoodPicture, labels: Sequence[str], colors: Colors, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.picture = picture
        self._labels = tuple(labels)
        self._colors = colors
        self._focused = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(self.sizeHint())

    def sizeHint(self) -> QSize:
        """Wide enough for five mood words under their bars."""
        return QSize(440, 190)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Show that the picture has the keyboard focus."""
        self._focused = True
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Take the focus frame away again."""
        self._focused = False
        self.update()
        super().focusOutEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Legend on top, then a pair of bars over each mood word."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # The picture is drawn at fixed places, moods from heavy to light: in a right-to-left
        # window its words would move to the other end of their boxes and leave the legend's
        # keys behind. It keeps one direction, as a chart's axis does.
        painter.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        c = self._colors
        # "At the start" is an outline and "at the end" solid, so the two differ without colour.
        start_color, end_color = QColor(c.secondary), QColor(c.accent)
        start_fill = QColor(c.surface)
        if self._focused:
            painter.setPen(QPen(QColor(c.text), 2))
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 8, 8)
        metrics = painter.fontMetrics()
        x = 12.0
        legend = ((_(START), start_color, start_fill), (_(END), end_color, end_color))
        for name, color, fill in legend:
            painter.setPen(QPen(color, 2))
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(x + 1, 10, 11, 11), 3, 3)
            painter.setPen(QColor(c.text))
            width = metrics.horizontalAdvance(name) + 4  # longer words in other languages
            painter.drawText(QRectF(x + 18, 4, width, 22), Qt.AlignmentFlag.AlignVCenter, name)
            x += 18 + metrics.horizontalAdvance(name) + 24

        top = _LEGEND_HEIGHT + _COUNT_HEIGHT
        bottom = self.height() - _LABEL_HEIGHT - 4
        slot = (self.width() - 16) / len(self._labels)
        bar = min(28.0, slot / 3)
        tallest = max((*self.picture.before, *self.picture.after, 1))
        for index, label in enumerate(self._labels):
            left = 8 + index * slot
            centre = left + slot / 2
            for offset, count, color, fill in (
                (-bar - 2, self.picture.before[index], start_color, start_fill),
                (2, self.picture.after[index], end_color, end_color),
            ):
                height = (bottom - top) * count / tallest
                rect = QRectF(centre + offset, bottom - height, bar, height)
                painter.setPen(QPen(color, 2))
                painter.setBrush(fill)
                if count:
                    painter.drawRoundedRect(rect.adjusted(1, 1, -1, 0), 4, 4)
                painter.setPen(QColor(c.secondary))
                painter.drawText(
                    QRectF(rect.x() - 6, rect.y() - _COUNT_HEIGHT, bar + 12, _COUNT_HEIGHT),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    str(count),
                )
            painter.setPen(QColor(c.text))
            painter.drawText(
                QRectF(left, bottom + 4, slot, _LABEL_HEIGHT),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                label,
            )
        painter.setPen(QPen(QColor(c.secondary), 1))
        painter.drawLine(8, int(bottom), self.width() - 8, int(bottom))


def mood_table(picture: MoodPicture, labels: Sequence[str], parent: QWidget | None) -> QTableWidget:
    """The picture's counts as a read-only table: one row per mood, start and end columns."""
    table = QTableWidget(len(labels), 2, parent)
    table.setHorizontalHeaderLabels([_(START), _(END)])
    table.setVerticalHeaderLabels([label.capitalize() for label in labels])
    for row, (before, after) in enumerate(zip(picture.before, picture.after, strict=True)):
        for column, count in enumerate((before, after)):
            item = QTableWidgetItem(str(count))
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            table.setItem(row, column, item)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys walk it
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setAccessibleName(_("Mood at the start and at the end, as a table"))
    return table
