"""The small windows that tell something: About, and the note that there is no tray icon.

Owns their look (the break window's palette and type through the theme's ``notice_style``)
and their keys: Esc or "Close" closes, the focus starts on "Close" and its ring shows at
once. The words are session/wording.py's; what "Show welcome again" does is the caller's.
Neither window is modal: the tray and the commands keep working while one is open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontDatabase, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kindtray import __version__
from kindtray.i18n import N_, _
from kindtray.session.wording import (
    ABOUT_TEXT,
    NO_TRAY_COMMANDS,
    NO_TRAY_HEADING,
    NO_TRAY_TITLE,
    no_tray_text,
)
from kindtray.ui.theme import apply_window_palette, colors_for, notice_style
from kindtray.ui.tray import icon_resource
from kindtray.ui.windows import button_row, name_window, scaled_fonts

ABOUT_TITLE = N_("About kindtray")
WIDTH = 460
ABOUT_WIDTH = 540


class QuietWindow(QWidget):
    """What the small windows share (these two and the reminder window).

    The theme's ``notice_style``; Esc closes; the colours follow the desktop's light or dark
    when ``theme`` is "system".
    """

    def __init__(self, flags: Qt.WindowType, theme: str, width: int) -> None:
        super().__init__(None, flags)
        self._theme = theme
        self._width = width
        self._fitting = False
        self.setFixedWidth(width)

    def _apply_colors(self) -> None:
        colors = colors_for(self._theme)
        apply_window_palette(self, colors)
        self.setStyleSheet(notice_style(colors))

    def fit(self) -> None:
        """Take the room the words need at the window's width, no more and no less.

        The window grows wider only for lines that must not wrap. Fonts can change once the
        window is on its screen (a desktop's own font, its scale), and without a window
        manager nothing else would make room or take empty space away; so this runs again
        whenever the layout asks for it.
        """
        layout = self.layout()
        if layout is None or self._fitting:
            return
        self._fitting = True
        try:
            self.ensurePolished()  # the style sheet's padding counts
            layout.activate()
            if layout.totalMinimumSize().width() > self.width():
                self.setFixedWidth(layout.totalMinimumSize().width())
            # The width the window really has: a desktop's title bar may take some of it.
            width = self.width()
            needed = max(layout.totalHeightForWidth(width), layout.totalMinimumSize().height())
            if needed > 0 and needed != self.minimumHeight():
                self.setMinimumHeight(needed)
            if needed > 0 and needed != self.height():
                self.resize(width, needed)
        finally:
            self._fitting = False

    def event(self, event: QEvent) -> bool:
        """Fit again when the layout or the width changes (new words, another font)."""
        handled = super().event(event)
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.FontChange, QEvent.Type.Resize):
            self.fit()
        return handled

    def showEvent(self, event: QShowEvent) -> None:
        """Fit once the screen's fonts are known; keep the window where it was centred."""
        before = self.height()
        self.fit()
        if not event.spontaneous() and self.height() != before:
            self.move(self.x(), self.y() - (self.height() - before) // 2)
        super().showEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc closes the window (the reminder window counts that as dismissing)."""
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """Follow the desktop when it switches between light and dark."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ThemeChange and self._theme == "system":
            self._apply_colors()


class NoticeWindow(QuietWindow):
    """A calm small window: the heart, a heading, words, and its buttons at the bottom."""

    def __init__(
        self, object_name: str, title: str, heading: str, theme: str, width: int = WIDTH
    ) -> None:
        super().__init__(Qt.WindowType.Window, theme, width)
        name_window(self, object_name, title, heading)
        self.title_font, self.small_font = scaled_fonts(self, 1.45, 0.9)
        self.icon = QLabel()
        self.icon.setPixmap(icon_resource("kindtray").pixmap(48, 48))
        self.icon.setAccessibleName("kindtray")
        self.heading = self.text(heading, "heading")
        self.heading.setFont(self.title_font)
        self.close_button = QPushButton(_("Close"))
        self.close_button.setObjectName("primaryButton")
        self.close_button.setAccessibleName(_("Close"))
        self.close_button.setAccessibleDescription(_("Closes this window. Escape key."))
        self.close_button.clicked.connect(self.close)

        head = QHBoxLayout()
        head.setSpacing(16)
        head.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.heading, 1)
        self.body = QVBoxLayout()
        self.body.setSpacing(12)
        self._buttons: list[QPushButton] = [self.close_button]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(0)
        layout.addLayout(head)
        layout.addSpacing(16)
        layout.addLayout(self.body)
        layout.addSpacing(22)
        layout.addStretch(1)
        self._layout = layout

    def text(self, words: str, name: str = "") -> QLabel:
        """A label of plain, wrapped words (``name`` picks its colour in the style sheet)."""
        label = QLabel(words)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def buttons(self) -> list[QPushButton]:
        """The buttons in their row, left to right ("Close" last), as QMessageBox names them."""
        return list(self._buttons)

    def finish(self, *extra_buttons: QPushButton) -> None:
        """Put the buttons in their row (extras first, "Close" last), colour and focus."""
        for button in (*extra_buttons, self.close_button):
            # Never narrower than its words: the window grows instead (``fit``).
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setAutoDefault(False)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        self._buttons = [*extra_buttons, self.close_button]
        self._layout.addLayout(button_row(*self._buttons, spacing=8))
        for first, second in zip(self._buttons, self._buttons[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._apply_colors()
        self.fit()
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)


class AboutWindow(NoticeWindow):
    """What kindtray is, its version, a way back to the welcome and to "Why this helps"."""

    def __init__(
        self,
        show_welcome: Callable[[], object],
        theme: str = "system",
        *,
        show_why: Callable[[], object] | None = None,
    ) -> None:
        # Wider: three buttons in a row, with room to spare for a desktop's larger font.
        super().__init__("aboutWindow", _(ABOUT_TITLE), "kindtray", theme, ABOUT_WIDTH)
        self.version = self.text(_("Version {version}").format(version=__version__), "secondary")
        self.version.setFont(self.small_font)
        self.about = self.text(_(ABOUT_TEXT))
        self.body.addWidget(self.version)
        self.body.addWidget(self.about)
        # Translators: the & marks the Alt key letter; it must differ from the other buttons'.
        self.welcome_button = QPushButton(_("Show &welcome again"))
        self.welcome_button.setAccessibleName(_("Show welcome again"))
        self.welcome_button.setAccessibleDescription(_("Opens the first-start window again."))
        self.welcome_button.clicked.connect(show_welcome)
        extras = [self.welcome_button]
        if show_why is not None:
            self.why_button = QPushButton(_("Why this &helps"))
            self.why_button.setAccessibleName(_("Why this helps"))
            self.why_button.setAccessibleDescription(_("A short page on why these minutes help."))
            self.why_button.clicked.connect(show_why)
            extras.insert(0, self.why_button)
        self.finish(*extras)


class NoTrayWindow(NoticeWindow):
    """The note that the desktop shows no tray icons: how reminders come, and the commands.

    ``route`` says how reminders come here ("notifications", "window" or "none").
    """

    def __init__(
        self,
        route: str,
        theme: str = "system",
        commands: Sequence[tuple[str, str]] = NO_TRAY_COMMANDS,
    ) -> None:
        super().__init__("noTrayWindow", _(NO_TRAY_TITLE), _(NO_TRAY_HEADING), theme)
        self.words = self.text(no_tray_text(route))
        self.body.addWidget(self.words)
        self.commands = QFrame()
        self.commands.setObjectName("commands")
        grid = QGridLayout(self.commands)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(6)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(self.font().pointSizeF() * 0.95, 9.5))
        # One row per command, its words in a column of their own: aligned in any font.
        self.rows: list[tuple[QLabel, QLabel]] = []
        for row, (command, words) in enumerate(commands):
            typed = self.text(command, "command")
            typed.setFont(mono)
            typed.setWordWrap(False)
            # A command can be copied. (Only unwrapped lines: a selectable label measures
            # wrapped words in a way that may differ from how it draws them.)
            typed.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            meaning = self.text(_(words), "commandWords")
            meaning.setWordWrap(False)  # the window grows rather than break a row in two
            grid.addWidget(typed, row, 0)
            grid.addWidget(meaning, row, 1)
            self.rows.append((typed, meaning))
        grid.setColumnStretch(1, 1)
        self.commands.setAccessibleName(_("Commands that work without the tray icon"))
        self.body.addWidget(self.commands)
        self.finish()

    def command_rows(self) -> list[tuple[QLabel, QLabel]]:
        """The (command, words) label pairs of the list, top to bottom."""
        return list(self.rows)
