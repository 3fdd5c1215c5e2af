"""The freedesktop route: org.freedesktop.Notifications on the session bus, through jeepney.

Owns the Notify call (with "Start break" and "Later" actions and ``replaces_id``, so
reminders never stack), reading the daemon's answers back (each notification is answered at
most once, however many signals the daemon sends, and closed once answered), and
``service_info``: who the daemon is and what it can do, which ``probe()`` and ``kindtray
doctor`` report. jeepney is used because QtDBus from Python sends the wrong argument types.
Signals are read on the Qt event loop through a QSocketNotifier on the bus socket: no
thread, no polling.
It must not decide what an answer means (ui/app.py does).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier

from kindtray.i18n import _
from kindtray.ui.notify.base import (
    APP_NAME,
    DESKTOP_ENTRY,
    SNOOZE_LABEL,
    START_LABEL,
    ReminderAnswers,
    RouteError,
    app_icon_path,
)

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
SERVICE_KEYS = ("name", "available", "server", "capabilities", "actions", "error")

_BUS_NAME = SERVICE
_OBJECT_PATH = "/org/freedesktop/Notifications"
_ACTION_DEFAULT = "default"  # a click on the notification's body; GNOME and Plasma draw no button
_ACTION_START = "start"  # the "Start break" button where "default" has none
_ACTION_SNOOZE = "later"  # the action key daemons send back (kept: scripts may match it)
_CLOSED_BY_USER = 2
# Servers that list the "default" action with its label among the others (dunst's context
# menu; mako's action list and menu): a separate "start" action would show "Start break"
# twice there. The spec does not say whether "default" is shown as a choice, and no
# capability tells, so this is decided by the server's name (GetServerInformation).
_LISTS_DEFAULT_ACTION = frozenset({"dunst", "mako"})


def reminder_actions(server_name: str | None) -> list[str]:
    """The Notify actions (key, label, ...) that show one "Start break" and one "Later".

    Both "default" (a click on the body) and "start" mean start; "start" is left out where
    the server already shows "default" as a choice. Unknown servers get both.
    """
    start = _(START_LABEL)
    actions = [_ACTION_DEFAULT, start]
    if server_name not in _LISTS_DEFAULT_ACTION:
        actions += [_ACTION_START, start]
    return [*actions, _ACTION_SNOOZE, _(SNOOZE_LABEL)]


class FreedesktopRoute(QObject):
    """Notify on the session bus with "Start break" and "Later" actions."""

    name = "freedesktop"
    why = (
        "the desktop's notification service (org.freedesktop.Notifications), "
        "with Start break and Later buttons"
    )

    def __init__(
        self, answers: ReminderAnswers, *, call_timeout: float = 2.0, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._answers = answers
        self._timeout = call_timeout
        self._conn: Any = None  # jeepney.io.blocking.DBusConnection while connected
        self._reader: QSocketNotifier | None = None
        self._current_id = 0
        # The current notification: answered (each is answered at most once, however many
        # signals the server sends: GNOME sends every action twice, Plasma "closed" twice)
        # and still on screen as far as we know (closed once, by us or by the server).
        self._answered = False
        self._open = False
        self._markup: bool | None = None  # does the daemon read markup in the body?
        self._server_name: str | None = None  # GetServerInformation's name, asked once
        icon = app_icon_path()
        self._icon = str(icon) if icon else APP_NAME
        self.service: dict[str, Any] | None = None  # what the last probe() found

    def probe(self) -> str | None:
        """Ask the daemon who it is (kept in ``service``); None if it answers, else why not."""
        self.service = service_info(self._timeout)
        return None if self.service["available"] else str(self.service["error"])

    def notify(self, title: str, body: str) -> None:
        """Send Notify (replacing our previous reminder); raise RouteError on any failure."""
        try:
            from jeepney import DBusAddress, new_method_call
            from jeepney.low_level import MessageType
        except ImportError as exc:
            raise RouteError("jeepney is not installed") from exc
        try:
            conn = self._connection()
            address = DBusAddress(_OBJECT_PATH, bus_name=_BUS_NAME, interface=_BUS_NAME)
            if self._markup is None:
                self._markup = self._reads_markup(conn, address)
                self._server_name = self._ask_server_name(conn, address)
            if self._markup:
                # Phrases are plain words: "<b>" must not turn bold, "<a>" must not become a
                # link, and "Tea & toast" must not vanish as broken markup.
                import html  # with its table of entities: only for a server that wants markup

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
                    reminder_actions(self._server_name),
                    hints,
                    -1,
                ),
            )
            reply = conn.send_and_get_reply(message, timeout=self._timeout)
        except (OSError, ValueError, KeyError, TimeoutError) as exc:
            self._disconnect()
            raise RouteError(f"no notification service on the session bus: {exc}") from exc
        finally:
            self._dispatch_pending()
        if reply.header.message_type == MessageType.error:
            detail = reply.body[0] if reply.body else "error"
            raise RouteError(f"the notification service refused the reminder: {detail}")
        self._current_id = int(reply.body[0])
        self._answered = False
        self._open = True

    def _reads_markup(self, conn: Any, address: Any) -> bool:
        from jeepney import new_method_call
        from jeepney.low_level import MessageType

        reply = conn.send_and_get_reply(
            new_method_call(address, "GetCapabilities"), timeout=self._timeout
        )
        if reply.header.message_type == MessageType.error or not reply.body:
            return True  # most daemons read markup: escaping is the safer guess
        # dunst reads markup without saying "body-markup"; it does say "body-hyperlinks".
        return bool({"body-markup", "body-hyperlinks"} & set(reply.body[0]))

    def _ask_server_name(self, conn: Any, address: Any) -> str | None:
        from jeepney import new_method_call
        from jeepney.low_level import MessageType

        reply = conn.send_and_get_reply(
            new_method_call(address, "GetServerInformation"), timeout=self._timeout
        )
        if reply.header.message_type == MessageType.error or not reply.body:
            return None
        return str(reply.body[0])

    def withdraw(self) -> None:
        """Close our notification if it is still shown (once: a second call sends nothing)."""
        self._answered = True  # closing it ourselves is not the user dismissing it
        if self._conn is None or not self._current_id or not self._open:
            return
        self._open = False
        try:
            from jeepney import DBusAddress, new_method_call

            address = DBusAddress(_OBJECT_PATH, bus_name=_BUS_NAME, interface=_BUS_NAME)
            self._conn.send(new_method_call(address, "CloseNotification", "u", (self._current_id,)))
        except OSError:
            self._disconnect()

    def shutdown(self) -> None:
        """Close the bus connection."""
        self._disconnect()

    def _connection(self) -> Any:
        if self._conn is not None:
            return self._conn
        from jeepney import MatchRule
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

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
        from jeepney.low_level import HeaderFields, MessageType

        header = message.header
        if header.message_type != MessageType.signal:
            return
        member = header.fields.get(HeaderFields.member)
        body = message.body
        if not body or int(body[0]) != self._current_id or not self._current_id:
            return
        if member == "ActionInvoked":
            if self._answered or body[1] not in (_ACTION_DEFAULT, _ACTION_START, _ACTION_SNOOZE):
                return  # a copy (GNOME sends two), or a click on an answered notification
            # Answered: it goes from the screen (mako leaves it there otherwise), once.
            self.withdraw()
            if body[1] == _ACTION_SNOOZE:
                self._answers.snooze.emit()
            else:
                self._answers.start_break.emit()
        elif member == "NotificationClosed":
            self._open = False
            if int(body[1]) == _CLOSED_BY_USER and not self._answered:
                self._answers.dismissed.emit()
            self._answered = True


def service_info(timeout: float = 2.0) -> dict[str, Any]:
    """Ask org.freedesktop.Notifications on the session bus who it is and what it can do.

    Returns the keys of ``SERVICE_KEYS``; ``available`` is False and ``error`` says why when
    there is no bus or no daemon. Never raises.
    """
    result: dict[str, Any] = dict.fromkeys(SERVICE_KEYS)
    result.update(name=SERVICE, available=False, capabilities=[], actions=False)
    try:
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection
        from jeepney.low_level import MessageType
    except ImportError:
        result["error"] = "jeepney is not installed"
        return result
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") and not sys.platform.startswith("linux"):
        result["error"] = "no D-Bus session bus on this system"
        return result
    address = DBusAddress(_OBJECT_PATH, bus_name=SERVICE, interface=SERVICE)
    try:
        conn = open_dbus_connection(bus="SESSION", auth_timeout=timeout)
    except KeyError:
        result["error"] = "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)"
        return result
    except Exception as exc:  # any failure here is a finding, not a crash
        result["error"] = f"no D-Bus session bus ({exc or type(exc).__name__})"
        return result
    try:
        info = conn.send_and_get_reply(
            new_method_call(address, "GetServerInformation"), timeout=timeout
        )
        if info.header.message_type == MessageType.error:
            detail = info.body[0] if info.body else "error"
            result["error"] = f"no notification daemon answers ({detail})"
            return result
        name, vendor, version, spec = (str(v) for v in info.body)
        result["server"] = {"name": name, "vendor": vendor, "version": version, "spec": spec}
        caps = conn.send_and_get_reply(new_method_call(address, "GetCapabilities"), timeout=timeout)
        if caps.header.message_type != MessageType.error and caps.body:
            result["capabilities"] = sorted(str(c) for c in caps.body[0])
        result["actions"] = "actions" in result["capabilities"]
        result["available"] = True
    except Exception as exc:
        result["error"] = f"{SERVICE} did not answer ({exc or type(exc).__name__})"
    finally:
        conn.close()
    return result
