"""A stand-in D-Bus connection (system/presence/dbus.py's BusLike) for the sources' and the
sleep watcher's tests: answers calls from a table, records what was subscribed, and delivers
the signals a test sends."""

from __future__ import annotations

import socket
from typing import Any

from kindtray.system.presence.base import Unavailable


class FakeBus:
    """Answers calls from a table and lets the test send signals."""

    def __init__(self, answers: dict[str, Any] | None = None) -> None:
        self.answers = answers or {}
        self.calls: list[tuple[Any, ...]] = []
        self.handlers: list[tuple[dict[str, str | None], Any]] = []
        self.closed = False
        self._sockets: tuple[socket.socket, socket.socket] | None = None

    def call(self, dest: str, path: str, iface: str, method: str, *args: Any) -> tuple[Any, ...]:
        self.calls.append((method, *args))
        answer = self.answers.get(method)
        if answer is None or isinstance(answer, Exception):
            raise Unavailable(f"{dest} answered an error")
        return tuple(answer() if callable(answer) else answer)

    def get(self, dest: str, path: str, iface: str, name: str) -> Any:
        return self.answers[name]

    def on_signal(
        self,
        handler: Any,
        *,
        iface: str,
        member: str,
        path: str | None = None,
        sender: str | None = None,
    ) -> None:
        match = {"iface": iface, "member": member, "path": path, "sender": sender}
        self.handlers.append((match, handler))

    def emit(self, iface: str, member: str, *body: Any, sender: str | None = None) -> None:
        """Deliver a signal; with ``sender``, only to those who asked for that sender's."""
        for match, handler in self.handlers:
            if (match["iface"], match["member"]) != (iface, member):
                continue
            if sender is None or match["sender"] == sender:
                handler(body)

    def fileno(self) -> int:
        # A real descriptor, made on first use: a QSocketNotifier may watch it.
        if self._sockets is None:
            self._sockets = socket.socketpair()
        return self._sockets[0].fileno()

    def dispatch(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True
        if self._sockets is not None:
            for end in self._sockets:
                end.close()
