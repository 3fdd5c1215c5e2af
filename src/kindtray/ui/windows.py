"""What kindtray's own windows share: opening one of a kind, names, fonts, buttons, timers.

Owns only the mechanics every window repeats (the break and its parts, the welcome, Settings,
About, the no-tray note, the reminder window), among them where a window opens: centred on the
screen with the pointer, placed by kindtray itself, since without a window manager nobody else
places it (Qt would leave it at 0,0). It must not hold colours (ui/theme.py does), wording
or any decision.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QCursor, QFont, QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QWidget

W = TypeVar("W", bound=QWidget)


def make_timer(
    parent: QObject, slot: Callable[[], object], *, single_shot: bool = False, interval: int = 0
) -> QTimer:
    """A timer owned by ``parent`` that calls ``slot``; ``interval`` in milliseconds."""
    timer = QTimer(parent)
    timer.setSingleShot(single_shot)
    timer.setInterval(interval)
    timer.timeout.connect(slot)
    return timer


def pointer_screen() -> QScreen | None:
    """The screen with the mouse pointer (where the person looks), else the primary one."""
    return QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()


def center_on_pointer_screen(window: QWidget) -> None:
    """Move ``window`` to the middle of the screen with the pointer, at its current size."""
    screen = pointer_screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    size = window.size()
    window.move(
        area.x() + (area.width() - size.width()) // 2,
        area.y() + (area.height() - size.height()) // 2,
    )


def present(window: QWidget) -> None:
    """Show a window the person asked for: centred on their screen, in front, with the focus."""
    if not window.isVisible():
        window.ensurePolished()  # the style sheet's padding is part of the size
        if not window.testAttribute(Qt.WidgetAttribute.WA_Resized):
            window.adjustSize()  # what show() would do, done first to centre the real size
        center_on_pointer_screen(window)
    window.show()
    window.raise_()
    window.activateWindow()


def show_one(kind: type[W], make: Callable[[], W]) -> W:
    """Raise the visible window of ``kind``, or make one (deleted when closed) and show it."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.isVisible():
            widget.raise_()
            widget.activateWindow()
            return widget
    window = make()
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    present(window)
    return window


def name_window(window: QWidget, object_name: str, title: str, description: str) -> None:
    """Give a window its style-sheet name, its title, and what a screen reader says of it."""
    window.setObjectName(object_name)
    window.setWindowTitle(title)
    window.setAccessibleName(title)
    window.setAccessibleDescription(description)


def scaled_fonts(window: QWidget, *scales: float) -> list[QFont]:
    """Set the window's base font (10 pt at least); return it scaled by each of ``scales``."""
    base = QFont(window.font())
    base.setPointSizeF(max(base.pointSizeF(), 10.0))
    window.setFont(base)
    fonts = []
    for scale in scales:
        font = QFont(base)
        font.setPointSizeF(base.pointSizeF() * scale)
        fonts.append(font)
    return fonts


def button_row(*buttons: QPushButton, spacing: int | None = None) -> QHBoxLayout:
    """The buttons at the right end of a row, in the order given (the default one last)."""
    row = QHBoxLayout()
    if spacing is not None:
        row.setSpacing(spacing)
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


def make_button(
    text: str,
    object_name: str,
    description: str,
    slot: Callable[[], object],
    *,
    default: bool = False,
) -> QPushButton:
    """A button with its style-sheet name, what a screen reader says of it, and its action."""
    button = QPushButton(text)
    button.setObjectName(object_name)
    button.setAccessibleDescription(description)
    button.setDefault(default)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.clicked.connect(slot)
    return button


def wrapped_label(text: str, object_name: str) -> QLabel:
    """A label of plain text (never read as markup) that wraps, with its style-sheet name."""
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
