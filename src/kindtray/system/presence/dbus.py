"""A small D-Bus connection for presence sources: method calls, properties and signals.

Owns one jeepney connection that never blocks the caller for long: calls wait at most a
couple of seconds, and ``dispatch`` only handles what has already arrived (the app calls it
when the socket is readable). Signals that arrive while a call waits are not lost: they go
to the handlers too. Must not import Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from kindtray.system.presence.base import Source, Unavailable

CALL_TIMEOUT = 2.0

Handler = Callable[[tuple[Any, ...]], None]


class BusLike(Protocol):
    """What sources need from a bus (the real one below, or a fake in tests)."""

    def call(self, dest: str, path: str, iface: str, method: str, *args: Any) -> tuple[Any, ...]:
        """Call a method (``args`` start with the signature) and return the reply's body."""

    def get(self, dest: str, path: str, iface: str, name: str) -> Any:
        """Read one property."""

    def on_signal(
        self,
        handler: Handler,
        *,
        iface: str,
        member: str,
        path: str | None = None,
        sender: str | None = None,
    ) -> None:
        """Pass each matching signal's body to ``handler`` (only ``sender``'s, if given)."""

    def fileno(self) -> int | None:
        """The socket to watch."""

    def dispatch(self) -> None:
        """Handle what arrived."""

    def close(self) -> None:
        """Close the connection."""


class Bus:
    """The session or system bus through jeepney. Raises Unavailable when there is none."""

    def __init__(self, which: str = "SESSION") -> None:
        try:
            from jeepney.io.blocking import open_dbus_connection
        except ImportError as exc:  # not on Linux, or a build without jeepney
            raise Unavailable("D-Bus is not available here") from exc
        try:
            self._conn = open_dbus_connection(which)
        except (OSError, KeyError, ValueError, TimeoutError) as exc:
            raise Unavailable(f"no {which.lower()} bus") from exc
        self._handlers: list[tuple[Any, Handler]] = []

    def call(self, dest: str, path: str, iface: str, method: str, *args: Any) -> tuple[Any, ...]:
        """Call a method and return the reply's body; raise Unavailable on an error reply.

        ``args`` is the D-Bus signature followed by the arguments: ``("ss", "a", "b")``.
        """
        sig, body = (args[0], tuple(args[1:])) if args else ("", ())
        from jeepney import DBusAddress, MessageType, new_method_call
        from jeepney.low_level import HeaderFields

        message = new_method_call(DBusAddress(path, dest, iface), method, sig or None, body)
        serial = next(self._conn.outgoing_serial)
        try:
            self._conn.send(message, serial=serial)
            while True:
                reply = self._conn.receive(timeout=CALL_TIMEOUT)
                if reply.header.fields.get(HeaderFields.reply_serial) == serial:
                    break
                self._route(reply)
        except (OSError, TimeoutError) as exc:
            raise Unavailable(f"{dest} did not answer") from exc
        if reply.header.message_type is MessageType.error:
            name = reply.header.fields.get(HeaderFields.error_name, "an error")
            raise Unavailable(f"{dest} answered {name}")
        return tuple(reply.body)

    def get(self, dest: str, path: str, iface: str, name: str) -> Any:
        """Read one property."""
        (variant,) = self.call(
            dest, path, "org.freedesktop.DBus.Properties", "Get", "ss", iface, name
        )
        return variant[1]

    def on_signal(
        self,
        handler: Handler,
        *,
        iface: str,
        member: str,
        path: str | None = None,
        sender: str | None = None,
    ) -> None:
        """Ask the bus for a signal and pass each one's body to ``handler``.

        With ``sender`` (a well-known name), the bus sends only the signals of that name's
        owner.
        """
        from jeepney import MatchRule

        rule = MatchRule(type="signal", interface=iface, member=member, path=path)
        wanted = MatchRule(type="signal", interface=iface, member=member, path=path, sender=sender)
        self.call(
            "org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus",
            "AddMatch",
            "s",
            wanted.serialise(),
        )
        # Matched here without the sender: a message names its sender by the owner's unique
        # name, and the bus has already left out everyone else's.
        self._handlers.append((rule, handler))

    def fileno(self) -> int | None:
        """The socket to watch: readable means a signal may have arrived."""
        return int(self._conn.sock.fileno())

    def dispatch(self) -> None:
        """Handle every message that has already arrived; never waits.

        Raises Unavailable when the bus has closed the connection: its socket would stay
        readable, and whoever watches it must stop.
        """
        while True:
            try:
                message = self._conn.receive(timeout=0)
            except TimeoutError:
                return
            except OSError as exc:
                raise Unavailable("the bus closed the connection") from exc
            self._route(message)

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def _route(self, message: Any) -> None:
        for rule, handler in self._handlers:
            if rule.matches(message):
                handler(tuple(message.body))


class WithBus(Source):
    """A source that asks one bus: ``_open`` (set by the subclass) opens it in ``start``.

    Closing the source closes the bus.
    """

    _open: Callable[[], BusLike]
    _bus: BusLike | None = None

    def close(self) -> None:
        """Close the bus."""
        if self._bus:
            self._bus.close()
            self._bus = None
        super().close()


class OnBus(WithBus):
    """A source that listens on its bus: the bus's socket is the descriptor to watch."""

    def fileno(self) -> int | None:
        """The bus."""
        return self._bus.fileno() if self._bus else None

    def dispatch(self) -> None:
        """Handle the signals that arrived."""
        if self._bus:
            self._bus.dispatch()


class BusSource(OnBus):
    """A source that listens on one bus, opened with ``bus``."""

    def __init__(self, bus: Callable[[], BusLike] = Bus) -> None:
        super().__init__()
        self._open = bus
