"""A small D-Bus client for looking at a test desktop: calls, properties, signals, a monitor.

Owns the test side's D-Bus traffic (jeepney, blocking). It must not start or stop processes;
the desktops in this package do that.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass
from typing import Any

from jeepney import DBusAddress, MatchRule, new_method_call, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from jeepney.low_level import HeaderFields, Message, MessageType

TIMEOUT = 5.0


class BusError(Exception):
    """A D-Bus call came back with an error."""


class Bus:
    """One connection to a bus given by its address."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.conn: DBusConnection = open_dbus_connection(bus=address)

    @property
    def unique_name(self) -> str:
        return str(self.conn.unique_name)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.close()

    def __enter__(self) -> Bus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def call(
        self,
        destination: str,
        path: str,
        interface: str,
        member: str,
        signature: str | None = None,
        body: tuple[Any, ...] = (),
        timeout: float = TIMEOUT,
    ) -> tuple[Any, ...]:
        """Call a method and return the reply's body; raise BusError on an error reply."""
        address = DBusAddress(path, bus_name=destination, interface=interface)
        reply = self.conn.send_and_get_reply(
            new_method_call(address, member, signature, body), timeout=timeout
        )
        if reply.header.message_type == MessageType.error:
            name = reply.header.fields.get(HeaderFields.error_name, "error")
            raise BusError(f"{interface}.{member}: {name} {reply.body}")
        return tuple(reply.body)

    def owner(self, name: str) -> str | None:
        """The unique name owning ``name``, or None."""
        try:
            return str(self.call(*_DBUS, "GetNameOwner", "s", (name,))[0])
        except BusError:
            return None

    def pid_of(self, name: str) -> int:
        return int(self.call(*_DBUS, "GetConnectionUnixProcessID", "s", (name,))[0])

    def request_name(self, name: str) -> None:
        self.call(*_DBUS, "RequestName", "su", (name, 4))

    def get(self, destination: str, path: str, interface: str, prop: str) -> Any:
        """A property's value (the variant unpacked)."""
        body = self.call(
            destination, path, "org.freedesktop.DBus.Properties", "Get", "ss", (interface, prop)
        )
        return body[0][1]

    def set(
        self, destination: str, path: str, interface: str, prop: str, sig: str, value: Any
    ) -> None:
        self.call(
            destination,
            path,
            "org.freedesktop.DBus.Properties",
            "Set",
            "ssv",
            (interface, prop, (sig, value)),
        )

    def emit(
        self, path: str, interface: str, member: str, signature: str, body: tuple[Any, ...]
    ) -> None:
        """Broadcast a signal from this connection."""
        self.conn.send(new_signal(DBusAddress(path, interface=interface), member, signature, body))


_DBUS = ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus")


@dataclass(frozen=True)
class Seen:
    """One message a Monitor saw."""

    kind: str  # "call", "signal", "reply" or "error"
    sender: str
    destination: str
    interface: str
    member: str
    body: tuple[Any, ...]
    serial: int
    reply_serial: int


_KINDS = {
    MessageType.method_call: "call",
    MessageType.signal: "signal",
    MessageType.method_return: "reply",
    MessageType.error: "error",
}


class Monitor:
    """Records every message on the bus (org.freedesktop.DBus.Monitoring) in a thread."""

    def __init__(self, address: str, rules: list[str] | None = None) -> None:
        self._conn = open_dbus_connection(bus=address)
        self._conn.send_and_get_reply(
            new_method_call(
                DBusAddress(
                    "/org/freedesktop/DBus",
                    bus_name="org.freedesktop.DBus",
                    interface="org.freedesktop.DBus.Monitoring",
                ),
                "BecomeMonitor",
                "asu",
                (rules or [], 0),
            ),
            timeout=TIMEOUT,
        )
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while True:
            try:
                message: Message = self._conn.receive()
            except (OSError, ValueError):
                return
            fields = message.header.fields
            seen = Seen(
                _KINDS.get(message.header.message_type, "?"),
                str(fields.get(HeaderFields.sender, "")),
                str(fields.get(HeaderFields.destination, "")),
                str(fields.get(HeaderFields.interface, "")),
                str(fields.get(HeaderFields.member, "")),
                tuple(message.body),
                message.header.serial,
                int(fields.get(HeaderFields.reply_serial, 0)),
            )
            with self._lock:
                self.seen.append(seen)

    def messages(self, member: str | None = None, kind: str | None = None) -> list[Seen]:
        with self._lock:
            return [
                m
                for m in self.seen
                if (member is None or m.member == member) and (kind is None or m.kind == kind)
            ]

    def reply_to(self, call: Seen) -> Seen | None:
        """The reply to ``call``, once seen."""
        with self._lock:
            for m in self.seen:
                answers = m.kind in ("reply", "error") and m.reply_serial == call.serial
                if answers and m.destination == call.sender:
                    return m
        return None

    def clear(self) -> None:
        with self._lock:
            self.seen.clear()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._conn.sock.shutdown(2)
        with contextlib.suppress(OSError):
            self._conn.close()
        self._thread.join(timeout=2)


def match_signals(conn: DBusConnection, interface: str) -> None:
    """Ask the bus to route ``interface``'s signals to ``conn``."""
    rule = MatchRule(type="signal", interface=interface)
    conn.send_and_get_reply(message_bus.AddMatch(rule), timeout=TIMEOUT)


def menu_labels(layout: tuple[Any, ...]) -> list[str]:
    """Every label in a com.canonical.dbusmenu layout ``(id, props, children)``, depth first."""
    _id, props, children = layout
    labels = []
    if "label" in props:
        labels.append(str(props["label"][1]))
    for _sig, child in children:
        labels.extend(menu_labels(child))
    return labels
