"""Showing the reminder: a Notifier protocol and its backends, best first, with fallback.

Owns *how* a reminder reaches the user and how their answer ("Start break", "Later", or
dismissing it) comes back, as the signals of ``ReminderAnswers``. Backends, tried in order:

1. ``FreedesktopNotifier``: org.freedesktop.Notifications on the session bus, called with
   jeepney (QtDBus from Python sends the wrong argument types; see desktop-stack.md), with
   actions and ``replaces_id`` so reminders never stack. Its signals are read on the Qt event
   loop through a QSocketNotifier on the bus socket: no thread, no polling.
2. ``TrayMessageNotifier``: QSystemTrayIcon.showMessage where the tray supports messages.
3. ``PlyerNotifier``: plyer's notification, on Windows and macOS only. On Linux plyer reaches
   the same daemon as backend 1 through ``notify-send`` and cannot tell whether it worked.
4. ``WindowNotifier``: a small window of our own. It always works, so it is last.

``NotifierChain`` tries them in order at send time: a backend that raises NotifierError hands
over to the next one, and the first that succeeds is the only one that shows the reminder.
This module decides nothing about *when* to remind (the core does) or what the answer means
(ui/app.py does).
"""

from __future__ import annotations

import contextlib
import html
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QSocketNotifier, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from kindtray.assets import find_resource

log = logging.getLogger(__name__)

APP_NAME = "kindtray"
DESKTOP_ENTRY = "io.github.kindtray.Kindtray"
TITLE = "kindtray"
START_LABEL = "Start break"
LATER_LABEL = "Later"


class NotifierError(Exception):
    """A backend could not show the reminder; the next backend should try."""


class ReminderAnswers(QObject):
    """What the user did with the reminder, whichever backend showed it."""

    start_break = Signal()
    later = Signal()
    dismissed = Signal()


class Notifier(Protocol):
    """One way of showing the reminder."""

    name: str

    def show(self, title: str, body: str) -> None:
        """Show (or replace) the reminder; raise NotifierError if it could not be shown."""
        ...

    def withdraw(self) -> None:
        """Take the reminder off the screen if it is still there; never raises."""
        ...


def app_icon_path() -> Path | None:
    """Return the colour app icon as a file path, or None if it is missing."""
    try:
        return find_resource("icons", "kindtray.svg")
    except FileNotFoundError:
        return None


# -- 1. freedesktop notifications over jeepney -------------------------------------------------

_BUS_NAME = "org.freedesktop.Notifications"
_OBJECT_PATH = "/org/freedesktop/Notifications"
_ACTION_START = "default"  # "default" is also what a click on the notification body sends
_ACTION_LATER = "later"
_CLOSED_BY_USER = 2


class FreedesktopNotifier(QObject):
    """Notify on the session bus with "Start break" and "Later" actions."""

    name = "freedesktop"

    def __init__(
        self, answers: ReminderAnswers, *, call_timeout: float = 2.0, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._answers = answers
        self._timeout = call_timeout
        self._conn: Any = None  # jeepney.io.blocking.DBusConnection while connected
        self._reader: QSocketNotifier | None = None
        self._current_id = 0
        self._answered = False
        self._markup: bool | None = None  # does the daemon read markup in the body?
        icon = app_icon_path()
        self._icon = str(icon) if icon else APP_NAME

    def show(self, title: str, body: str) -> None:
        """Send Notify (replacing our previous reminder); raise NotifierError on any failure."""
        try:
            from jeepney import DBusAddress, new_method_call  # noqa: PLC0415 - Linux only
            from jeepney.low_level import MessageType  # noqa: PLC0415
        except ImportError as exc:
            raise NotifierError("jeepney is not installed") from exc
        try:
            conn = self._connection()
            address = DBusAddress(_OBJECT_PATH, bus_name=_BUS_NAME, interface=_BUS_NAME)
            if self._markup is None:
                self._markup = self._reads_markup(conn, address)
            if self._markup:
                # Phrases are plain words: "<b>" must not turn bold, "<a>" must not become a
                # link, and "Tea & toast" must not vanish as broken markup.
                body = html.escape(body, quote=False)
            hints = {
                "desktop-entry": ("s", DESKTOP_ENTRY),
                "urgency": ("y", 1),
            }
            message = new_method_call(
                address,
                "Notify",
                "susssasa{sv}i",
                (
                    APP_NAME,
                    self._current_id,
                    self._icon,
                    title,
                    body,
                    [_ACTION_START, START_LABEL, _ACTION_LATER, LATER_LABEL],
                    hints,
                    -1,
                ),
            )
            reply = conn.send_and_get_reply(message, timeout=self._timeout)
        except (OSError, ValueError, KeyError, TimeoutError) as exc:
            self._disconnect()
            raise NotifierError(f"no notification service on the session bus: {exc}") from exc
        finally:
            self._dispatch_pending()
        if reply.header.message_type == MessageType.error:
            detail = reply.body[0] if reply.body else "error"
            raise NotifierError(f"the notification service refused the reminder: {detail}")
        self._current_id = int(reply.body[0])
        self._answered = False

    def _reads_markup(self, conn: Any, address: Any) -> bool:
        from jeepney import new_method_call  # noqa: PLC0415
        from jeepney.low_level import MessageType  # noqa: PLC0415

        reply = conn.send_and_get_reply(
            new_method_call(address, "GetCapabilities"), timeout=self._timeout
        )
        if reply.header.message_type == MessageType.error or not reply.body:
            return True  # most daemons read markup: escaping is the safer guess
        # dunst reads markup without saying "body-markup"; it does say "body-hyperlinks".
        return bool({"body-markup", "body-hyperlinks"} & set(reply.body[0]))

    def withdraw(self) -> None:
        """Close our notification if it is still shown."""
        if self._conn is None or not self._current_id:
            return
        try:
            from jeepney import DBusAddress, new_method_call  # noqa: PLC0415

            address = DBusAddress(_OBJECT_PATH, bus_name=_BUS_NAME, interface=_BUS_NAME)
            self._answered = True  # closing it ourselves is not the user dismissing it
            self._conn.send(new_method_call(address, "CloseNotification", "u", (self._current_id,)))
        except OSError:
            self._disconnect()

    def shutdown(self) -> None:
        """Close the bus connection."""
        self._disconnect()

    def _connection(self) -> Any:
        if self._conn is not None:
            return self._conn
        from jeepney import MatchRule  # noqa: PLC0415
        from jeepney.bus_messages import message_bus  # noqa: PLC0415
        from jeepney.io.blocking import open_dbus_connection  # noqa: PLC0415

        conn = open_dbus_connection(bus="SESSION", auth_timeout=self._timeout)
        rule = MatchRule(type="signal", interface=_BUS_NAME, path=_OBJECT_PATH)
        conn.send_and_get_reply(message_bus.AddMatch(rule), timeout=self._timeout)
        self._conn = conn
        self._reader = QSocketNotifier(conn.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._reader.activated.connect(self._dispatch_pending)
        return conn

    def _disconnect(self) -> None:
        if self._reader is not None:
            self._reader.setEnabled(False)
            self._reader.deleteLater()
            self._reader = None
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.close()
            self._conn = None
        self._markup = None  # the next daemon may differ

    def _dispatch_pending(self) -> None:
        """Handle every message already received, without blocking."""
        while self._conn is not None:
            try:
                message = self._conn.receive(timeout=0)
            except TimeoutError:
                return
            except (OSError, ValueError):  # the bus went away; reconnect on the next reminder
                log.info("session bus connection closed")
                self._disconnect()
                return
            self._handle(message)

    def _handle(self, message: Any) -> None:
        from jeepney.low_level import HeaderFields, MessageType  # noqa: PLC0415

        header = message.header
        if header.message_type != MessageType.signal:
            return
        member = header.fields.get(HeaderFields.member)
        body = message.body
        if not body or int(body[0]) != self._current_id or not self._current_id:
            return
        if member == "ActionInvoked":
            self._answered = True
            if body[1] == _ACTION_LATER:
                self._answers.later.emit()
            else:
                self._answers.start_break.emit()
        elif member == "NotificationClosed":
            if int(body[1]) == _CLOSED_BY_USER and not self._answered:
                self._answers.dismissed.emit()
            self._answered = True


# -- 2. the tray's own message balloon ---------------------------------------------------------


class TrayMessageNotifier:
    """QSystemTrayIcon.showMessage; a click on the message opens a break."""

    name = "tray-message"

    def __init__(self, tray: QSystemTrayIcon, answers: ReminderAnswers) -> None:
        self._tray = tray
        tray.messageClicked.connect(answers.start_break)

    def show(self, title: str, body: str) -> None:
        """Show the balloon; raise NotifierError if there is no tray that can show one."""
        problem = tray_message_problem(self._tray)
        if problem is not None:
            raise NotifierError(problem)
        self._tray.showMessage(title, body, self._tray.icon(), 20_000)

    def withdraw(self) -> None:
        """Qt offers no way to take a balloon back; it times out by itself."""


def tray_message_problem(tray: QSystemTrayIcon | None) -> str | None:
    """Why the tray cannot show a message balloon now, or None if it can."""
    if tray is None:
        return "kindtray has no tray icon"
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return "the desktop shows no system tray"
    if not QSystemTrayIcon.supportsMessages():
        return "the system tray does not show messages"
    if not tray.isVisible():
        return "the tray icon is not shown"
    return None


# -- 3. plyer (Windows, macOS) -----------------------------------------------------------------


def plyer_problem(platform: str) -> str | None:
    """Why plyer is not used on ``platform`` (a ``sys.platform`` value), or None."""
    if platform.startswith("linux"):
        return "plyer on Linux cannot report failure; not used"
    return None


class PlyerNotifier:
    """plyer's notification, where it is the platform's native way."""

    name = "plyer"

    def show(self, title: str, body: str) -> None:
        """Show the notification; raise NotifierError if plyer cannot."""
        problem = plyer_problem(sys.platform)
        if problem is not None:
            raise NotifierError(problem)
        try:
            from plyer import notification  # noqa: PLC0415

            icon = app_icon_path()
            notification.notify(
                title=title, message=body, app_name=APP_NAME, app_icon=str(icon or ""), timeout=20
            )
        except Exception as exc:  # plyer raises anything from NotImplementedError to OSError
            raise NotifierError(f"plyer could not notify: {exc}") from exc

    def withdraw(self) -> None:
        """Nothing to do: plyer cannot take a notification back."""


# -- 4. our own small window -------------------------------------------------------------------


class ReminderWindow(QWidget):
    """A small, quiet window with the reminder text and the two answers."""

    def __init__(self, answers: ReminderAnswers) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle("kindtray reminder")
        self.setObjectName("kindtray-reminder")
        self._answers = answers
        self._answered = False
        self.body = QLabel()
        self.body.setTextFormat(Qt.TextFormat.PlainText)  # a phrase is words, never markup
        self.body.setWordWrap(True)
        self.start_button = QPushButton(START_LABEL)
        self.later_button = QPushButton(LATER_LABEL)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(lambda: self._answer(answers.start_break))
        self.later_button.clicked.connect(lambda: self._answer(answers.later))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(self.body)
        layout.addLayout(buttons)
        self.setMinimumWidth(320)

    def present(self, body: str) -> None:
        """Show the reminder text in the bottom-right corner of the screen."""
        self._answered = False
        self.body.setText(body)
        self.adjustSize()
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(area.right() - self.width() - 24, area.bottom() - self.height() - 24)
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

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Closing the window is dismissing the reminder."""
        if not self._answered:
            self._answered = True
            self._answers.dismissed.emit()
        super().closeEvent(event)


class WindowNotifier:
    """Shows the reminder in a ReminderWindow; always works while there is a display."""

    name = "window"

    def __init__(self, answers: ReminderAnswers) -> None:
        self._answers = answers
        self.window: ReminderWindow | None = None

    def show(self, title: str, body: str) -> None:
        """Show (or replace) the reminder window."""
        if self.window is None:
            self.window = ReminderWindow(self._answers)
        self.window.present(body)

    def withdraw(self) -> None:
        """Hide the window if it is shown."""
        if self.window is not None and self.window.isVisible():
            self.window.withdraw()


# -- the chain ---------------------------------------------------------------------------------


class NotifierChain:
    """Tries each backend in order; exactly one shows each reminder."""

    def __init__(self, backends: Sequence[Notifier]) -> None:
        self.backends = list(backends)
        self.last_used: str | None = None
        self._last: Notifier | None = None

    def show(self, body: str, title: str = TITLE) -> str | None:
        """Show the reminder with the first backend that works; return that backend's name."""
        for backend in self.backends:
            try:
                backend.show(title, body)
            except NotifierError as exc:
                log.warning("reminder not shown by %s: %s", backend.name, exc)
                continue
            if self._last is not None and self._last is not backend:
                self._last.withdraw()  # never two reminders on screen
            self._last = backend
            self.last_used = backend.name
            log.info("reminder shown by %s", backend.name)
            return backend.name
        log.error("no way to show the reminder worked")
        return None

    def withdraw(self) -> None:
        """Take the current reminder off the screen (a break started some other way)."""
        if self._last is not None:
            self._last.withdraw()


ROUTE_WHY = {
    "freedesktop": "the desktop's notification service (org.freedesktop.Notifications), "
    "with Start break and Later buttons",
    "tray-message": "a message balloon from the tray icon; a click on it starts a break",
    "plyer": "the system's own notifications, through plyer",
    "window": "a small window of kindtray's own; it works wherever there is a display",
}


def route_order(platform: str, has_tray: bool) -> tuple[str, ...]:
    """Name the ways to show a reminder on ``platform`` (``sys.platform``), best first.

    Pure: ``default_chain`` builds exactly these backends, and ``kindtray doctor`` checks
    them in this order, so both always agree on which route is tried when.
    """
    order: list[str] = []
    if platform.startswith("linux") or "bsd" in platform:
        order.append("freedesktop")
    if has_tray:
        order.append("tray-message")
    if not platform.startswith("linux"):
        order.append("plyer")
    order.append("window")
    return tuple(order)


def first_usable(order: Sequence[str], problems: dict[str, str | None]) -> str | None:
    """Return the first route in ``order`` with no problem (``problems[name]`` is None)."""
    for name in order:
        if problems.get(name, "not checked") is None:
            return name
    return None


def default_chain(answers: ReminderAnswers, tray: QSystemTrayIcon | None) -> NotifierChain:
    """Return the backends for this platform, best first (see ``route_order``)."""
    backends: list[Notifier] = []
    for name in route_order(sys.platform, tray is not None):
        if name == "freedesktop":
            backends.append(FreedesktopNotifier(answers))
        elif name == "tray-message" and tray is not None:
            backends.append(TrayMessageNotifier(tray, answers))
        elif name == "plyer":
            backends.append(PlyerNotifier())
        elif name == "window":
            backends.append(WindowNotifier(answers))
    log.info("reminder routes, best first: %s", ", ".join(b.name for b in backends))
    return NotifierChain(backends)
