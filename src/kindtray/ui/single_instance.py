"""The running instance's end of the command socket: it answers JSON lines, whatever comes at it.

Owns listening on ``Paths.socket_name`` (after removing a stale socket left by a crash),
reading one request per connection, handing it to a handler and writing the reply. It does not
decide who the running instance is (that is the lock in ``kindtray.control``) and knows nothing
about what commands mean (the handler, given by ``ui/app.py``, does).

What it promises, whatever clients do:
- memory stays flat over any number of connections (nothing is kept once one is answered);
- at most ``MAX_CONNECTIONS`` are open at once: when full, the oldest unanswered one is closed
  so a new command still gets in, and one that sends nothing is closed after ``IDLE_MS``;
- running out of file descriptors (EMFILE, ENFILE) pauses accepting for a moment and is
  logged; the socket file stays while the instance lives, and only its own socket is removed
  when it stops.

On Linux and macOS this is a plain AF_UNIX socket watched by QSocketNotifier: QLocalServer
closes and removes its socket when ``accept`` fails once (as it does at the descriptor limit).
Windows has no such sockets; there QLocalServer's named pipe is used.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Slot

from kindtray.control import (
    EXIT_FAILED,
    EXIT_USAGE,
    MAX_LINE,
    Reply,
    bind_command_socket,
    decode,
    encode,
)
from kindtray.storage.files import secure_private_dir

if TYPE_CHECKING:  # QtNetwork is loaded on Windows only: elsewhere it is 2-3 MiB for nothing
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], Reply]

#: Connections open at once; far below the usual limit of 1024 descriptors.
MAX_CONNECTIONS = 64
#: A connection that has not sent its line by then is closed (a command sends it at once).
IDLE_MS = 5000
#: After running out of descriptors, wait this long before accepting again.
ACCEPT_RETRY_MS = 250
#: Replies are small; a client that does not read its reply is not waited for longer.
SEND_TIMEOUT = 1.0
_OUT_OF_DESCRIPTORS = {errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM}


@dataclass
class _Connection:
    sock: socket.socket
    notifier: QSocketNotifier
    opened: float
    buffer: bytes = field(default=b"")


class CommandServer(QObject):
    """Listens for commands from ``kindtray <command>`` and answers each with a Reply."""

    def __init__(self, socket_name: str, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.socket_name = socket_name
        self._handler = handler
        self._listener: socket.socket | None = None
        self._accepting: QSocketNotifier | None = None
        self._identity: tuple[int, int] | None = None
        self._connections: dict[int, _Connection] = {}
        # The notifier (or Windows socket) closed last; deleted when the next one closes.
        self._retired: list[QObject] = []
        self._short_of_descriptors = False
        self._resume = QTimer(self)
        self._resume.setSingleShot(True)
        self._resume.timeout.connect(self._resume_accepting)
        # Runs only while a connection is open: a tray app at rest must not wake every 2.5 s.
        self._sweeper = QTimer(self)
        self._sweeper.setInterval(IDLE_MS // 2)
        self._sweeper.timeout.connect(self._close_idle)
        self._qt_server: QLocalServer | None = None
        self._qt_buffers: dict[QLocalSocket, bytes] = {}

    @property
    def open_connections(self) -> int:
        """How many client connections are open right now."""
        return len(self._connections) + len(self._qt_buffers)

    def listen(self, bound: int | None = None) -> None:
        """Listen on the socket; call only while holding the instance lock.

        ``bound``: the descriptor of the socket ``kindtray.control.bind_command_socket``
        already bound (ui/process.py binds it before the icon shows); else it is bound here.
        Raises OSError if listening fails.
        """
        if sys.platform == "win32":
            secure_private_dir(Path(self.socket_name).parent)
            self._listen_with_qt()
            return
        if bound is None:
            bound = bind_command_socket(self.socket_name)
        listener = socket.socket(fileno=bound)
        try:
            info = os.lstat(self.socket_name)
        except OSError as exc:
            listener.close()
            raise OSError(f"cannot listen on {self.socket_name}: {exc.strerror}") from exc
        self._listener = listener
        self._identity = (info.st_dev, info.st_ino)
        self._accepting = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._accepting.activated.connect(self._accept)
        log.info("listening for commands on %s", self.socket_name)

    def close(self) -> None:
        """Stop listening and remove the socket file (only if it is still ours)."""
        self._sweeper.stop()
        self._resume.stop()
        for fd in list(self._connections):
            self._close(fd)
        if self._accepting is not None:
            self._accepting.setEnabled(False)
            self._accepting = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
            with contextlib.suppress(OSError):
                info = os.lstat(self.socket_name)
                if (info.st_dev, info.st_ino) == self._identity:
                    os.unlink(self.socket_name)
        if self._qt_server is not None:
            self._qt_server.close()

    # -- accepting ---------------------------------------------------------------------------

    def _accept(self) -> None:
        listener = self._listener
        if listener is None:
            return
        while True:
            if len(self._connections) >= MAX_CONNECTIONS:
                self._close(min(self._connections, key=lambda fd: self._connections[fd].opened))
            try:
                sock, _ = listener.accept()
            except (BlockingIOError, InterruptedError):
                break
            except OSError as exc:
                self._accept_failed(exc)
                return
            sock.setblocking(False)
            notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read)
            notifier.activated.connect(self._readable)
            self._connections[sock.fileno()] = _Connection(sock, notifier, time.monotonic())
            if not self._sweeper.isActive():
                self._sweeper.start()
            self._readable_fd(sock.fileno())
        if self._short_of_descriptors:
            self._short_of_descriptors = False
            log.warning("accepting commands again")

    def _accept_failed(self, exc: OSError) -> None:
        # Keep listening whatever happens: the socket file must stay while we live. At the
        # descriptor limit the kernel keeps the waiting clients queued; try again shortly.
        if self._accepting is not None:
            self._accepting.setEnabled(False)
        self._resume.start(ACCEPT_RETRY_MS)
        if not self._short_of_descriptors:
            self._short_of_descriptors = True
            why = (
                "kindtray has too many files open"
                if exc.errno in _OUT_OF_DESCRIPTORS
                else exc.strerror
            )
            log.warning(
                "could not accept a command (%s); waiting clients are answered shortly", why
            )

    def _resume_accepting(self) -> None:
        if self._accepting is not None:
            self._accepting.setEnabled(True)

    # -- one connection ----------------------------------------------------------------------

    @Slot()
    def _readable(self) -> None:
        notifier = self.sender()
        if isinstance(notifier, QSocketNotifier):
            self._readable_fd(int(notifier.socket()))

    def _readable_fd(self, fd: int) -> None:
        connection = self._connections.get(fd)
        if connection is None:
            return
        try:
            chunk = connection.sock.recv(MAX_LINE + 1)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._close(fd)
            return
        if not chunk:  # the client left without a whole request
            self._close(fd)
            return
        data = connection.buffer + chunk
        if b"\n" not in data and len(data) <= MAX_LINE:
            connection.buffer = data
            return
        connection.buffer = b""
        reply = self._answer(data.split(b"\n", 1)[0])
        # The handler may have stopped the server (quit); the socket is still ours to answer.
        with contextlib.suppress(OSError):
            connection.sock.settimeout(SEND_TIMEOUT)
            connection.sock.sendall(encode(reply.to_json()))
        self._close(fd)

    def _close(self, fd: int) -> None:
        connection = self._connections.pop(fd, None)
        if connection is None:
            return
        connection.notifier.setEnabled(False)
        connection.sock.close()
        self._retire(connection.notifier)
        if not self._connections:
            self._sweeper.stop()

    def _retire(self, notifier: QObject) -> None:
        # Delete the notifiers closed earlier (none of them is signalling now), and keep this
        # one until the next time: it may be the one whose signal we are in. deleteLater
        # plus a dropped wrapper leaves about 2 KB behind per connection in PySide.
        for earlier in self._retired:
            if shiboken6.isValid(earlier):
                shiboken6.delete(earlier)
        self._retired = [notifier]

    def _close_idle(self) -> None:
        too_old = time.monotonic() - IDLE_MS / 1000
        for fd in [fd for fd, c in self._connections.items() if c.opened < too_old]:
            self._close(fd)

    def _answer(self, line: bytes) -> Reply:
        try:
            request = decode(line)
        except (ValueError, UnicodeDecodeError) as exc:
            return Reply(EXIT_USAGE, f"not a kindtray command: {exc}")
        except RecursionError:
            return Reply(EXIT_USAGE, "not a kindtray command: it is nested too deeply")
        try:
            return self._handler(request)
        except Exception:  # one bad command must never take the tray down
            log.exception("command %s failed", _shorten(request))
            return Reply(EXIT_FAILED, "kindtray could not do that; see its log for details")

    # -- Windows: QLocalServer's named pipe ---------------------------------------------------

    def _listen_with_qt(self) -> None:
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._qt_accept)
        QLocalServer.removeServer(self.socket_name)
        if not server.listen(self.socket_name):
            raise OSError(f"cannot listen on {self.socket_name}: {server.errorString()}")
        self._qt_server = server
        log.info("listening for commands on %s", self.socket_name)

    def _qt_accept(self) -> None:
        server = self._qt_server
        while server is not None and server.hasPendingConnections():
            client = server.nextPendingConnection()
            if client is None:
                break
            # PySide keeps a wrapper for every child of the server for as long as the server
            # lives, even after Qt deleted the socket; without a parent it goes when dropped.
            client.setParent(None)
            self._qt_buffers[client] = b""
            client.readyRead.connect(self._qt_ready)
            client.disconnected.connect(self._qt_gone)
            if client.bytesAvailable():
                self._qt_read(client)

    def _qt_ready(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        client = self.sender()
        if isinstance(client, QLocalSocket):
            self._qt_read(client)

    def _qt_read(self, client: QLocalSocket) -> None:
        if client not in self._qt_buffers:
            return
        data = self._qt_buffers[client] + bytes(client.readAll().data())
        if b"\n" not in data and len(data) <= MAX_LINE:
            self._qt_buffers[client] = data
            return
        reply = self._answer(data.split(b"\n", 1)[0])
        client.write(encode(reply.to_json()))
        client.flush()
        client.disconnectFromServer()

    def _qt_gone(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        client = self.sender()
        if isinstance(client, QLocalSocket):
            self._qt_buffers.pop(client, None)
            client.abort()
            self._retire(client)


def _shorten(request: dict[str, Any]) -> str:
    try:
        return json.dumps(request)[:200]
    except (ValueError, RecursionError):
        return "(unprintable request)"
