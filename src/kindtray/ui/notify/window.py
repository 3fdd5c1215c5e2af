"""The window route: a small window of kindtray's own with the reminder and its two answers.

It always works while there is a display, so the chain tries it last. Closing the window
(or Esc) is dismissing the reminder; a withdraw by kindtray is not. It looks like the other
small windows (the theme's ``notice_style``): the reminder line, "Later" and "Start break".
The keyboard focus starts on "Later" and its ring shows at once, so a stray Space or a Tab
too few never opens a break unasked. It decides nothing beyond showing the text and passing
the answer on.

Unlike the windows a person opens, it does not sit in the middle of the screen: it stands in
for a notification, so it waits in the corner of the screen with the pointer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kindtray.i18n import N_, _
from kindtray.ui.notices import QuietWindow
from kindtray.ui.notify.base import SNOOZE_LABEL, START_LABEL, ReminderAnswers, app_icon_path
from kindtray.ui.windows import button_row, name_window, pointer_screen, scaled_fonts

# Qt platforms that draw nowhere a person can see.
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc")
# Translators: the title of the small reminder window (a taskbar may show it).
TITLE = N_("kindtray reminder")
WIDTH = 380
MARGIN = 24  # from the screen's corner


class ReminderWindow(QuietWindow):
    """A small, quiet window with the reminder text and the two answers (Esc dismisses)."""

    def __init__(self, answers: ReminderAnswers, theme: str = "system") -> None:
        super().__init__(Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint, theme, WIDTH)
        name_window(
            self, "kindtray-reminder", _(TITLE), _("A reminder to take a one-minute break.")
        )
        self._answers = answers
        self._answered = False
        (line_font,) = scaled_fonts(self, 1.15)
        self.icon = QLabel()
        self.icon.setAccessibleName("kindtray")
        icon_path = app_icon_path()
        if icon_path is not None:
            self.icon.setPixmap(QIcon(str(icon_path)).pixmap(36, 36))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.body = QLabel()
        self.body.setObjectName("reminderLine")
        self.body.setTextFormat(Qt.TextFormat.PlainText)  # a phrase is words, never markup
        self.body.setWordWrap(True)
        self.body.setFont(line_font)
        self.body.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.snooze_button = QPushButton()
        self.start_button = QPushButton()
        self.start_button.setObjectName("primaryButton")
        self._say_buttons()
        for button in (self.snooze_button, self.start_button):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setAutoDefault(False)  # Enter and Space act on the button with the ring
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.start_button.clicked.connect(lambda: self._answer(answers.start_break))
        self.snooze_button.clicked.connect(lambda: self._answer(answers.snooze))

        line = QHBoxLayout()
        line.setSpacing(14)
        line.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(self.body, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 18)
        layout.setSpacing(18)
        layout.addLayout(line)
        layout.addLayout(button_row(self.snooze_button, self.start_button, spacing=8))
        QWidget.setTabOrder(self.snooze_button, self.start_button)
        self._apply_colors()

    def _say_buttons(self) -> None:
        """The answers' words, in the language of the moment (the window is kept for reuse)."""
        self.snooze_button.setText(_(SNOOZE_LABEL))
        self.snooze_button.setAccessibleName(_(SNOOZE_LABEL))
        self.snooze_button.setAccessibleDescription(_("Remind me again a little later."))
        self.start_button.setText(_(START_LABEL))
        self.start_button.setAccessibleName(_(START_LABEL))
        self.start_button.setAccessibleDescription(_("Opens the one-minute break now."))

    def present(self, body: str) -> None:
        """Show the reminder text in the bottom-right corner of the screen with the pointer."""
        self._answered = False
        self.setWindowTitle(_(TITLE))
        self.setAccessibleName(_(TITLE))
        self._say_buttons()
        self.body.setText(body)
        self.body.setAccessibleName(body)
        self.setAccessibleDescription(body)
        self.fit()
        screen = pointer_screen()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(area.right() - self.width() - MARGIN, area.bottom() - self.height() - MARGIN)
        # The calm answer holds the focus, ringed from the first moment.
        self.snooze_button.setFocus(Qt.FocusReason.OtherFocusReason)
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

    def __init__(
        self, answers: ReminderAnswers, theme: Callable[[], str] = lambda: "system"
    ) -> None:
        self._answers = answers
        # Asked at each reminder: the break.theme setting may have changed since the last.
        self._theme = theme
        self.window: ReminderWindow | None = None
        self._window_theme = ""

    def probe(self) -> str | None:
        """None while Qt draws on a real display; a headless Qt platform shows nobody."""
        if QGuiApplication.platformName() in HEADLESS_PLATFORMS:
            return "there is no display to show a window on"
        return None

    def notify(self, title: str, body: str) -> None:
        """Show (or replace) the reminder window, in the theme the settings ask for now."""
        theme = self._theme()
        if self.window is not None and self._window_theme != theme:
            self.window.withdraw()
            self.window.deleteLater()
            self.window = None
        if self.window is None:
            self.window = ReminderWindow(self._answers, theme)
            self._window_theme = theme
        self.window.present(body)

    def withdraw(self) -> None:
        """Hide the window if it is shown."""
        if self.window is not None and self.window.isVisible():
            self.window.withdraw()

    def shutdown(self) -> None:
        """Hide the window; it goes with the QApplication."""
        self.withdraw()
