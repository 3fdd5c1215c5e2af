"""The running instance's end of the command socket: a QLocalServer that answers JSON lines.

Owns listening on ``Paths.socket_name`` (after removing a stale socket left by a crash),
reading one request per connection, handing it to a handler and writing the reply. It does not
decide who the running instance is (that is the lock in ``kindtray.control``) and knows nothing
about what commands mean (the handler, given by ``ui/app.py``, does).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from kindtray.control import EXIT_FAILED, EXIT_USAGE, MAX_LINE, Reply, decode, encode
from kindtray.storage.files import ensure_private_dir

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], Reply]


class CommandServer(QObject):
    """Listens for commands from ``kindtray <command>`` and answers each with a Reply."""

    def __init__(self, socket_name: str, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.socket_name = socket_name
        self._handler = handler
        self._server = QLocalServer(self)
        # Only this user may talk to us (the runtime dir is private too).
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> None:
        """Listen on the socket; call only while holding the instance lock.

        A socket file that is still there belongs to a process that is gone (we hold the
        lock), so it is removed first. Raises OSError if listening fails.
        """
        ensure_private_dir(Path(self.socket_name).parent)
        QLocalServer.removeServer(self.socket_name)
        if not self._server.listen(self.socket_name):
            raise OSError(f"cannot listen on {self.socket_name}: {self._server.errorString()}")
        log.info("listening for commands on %s", self.socket_name)

    def close(self) -> None:
        """Stop listening and remove the socket file."""
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            client = self._server.nextPendingConnection()
            if client is None:
                break
            self._buffers[client] = b""
            client.readyRead.connect(lambda c=client: self._read(c))
            client.disconnected.connect(lambda c=client: self._forget(c))
            if client.bytesAvailable():
                self._read(client)

    def _read(self, client: QLocalSocket) -> None:
        if client not in self._buffers:
            return
        data = self._buffers[client] + bytes(client.readAll().data())
        if b"\n" not in data and len(data) <= MAX_LINE:
            self._buffers[client] = data
            return
        line = data.split(b"\n", 1)[0]
        del self._buffers[client]
        reply = self._answer(line)
        client.write(encode(reply.to_json()))
        client.flush()
        client.disconnectFromServer()

    def _answer(self, line: bytes) -> Reply:
        try:
            request = decode(line)
        except (ValueError, UnicodeDecodeError) as exc:
            return Reply(EXIT_USAGE, f"not a kindtray command: {exc}")
        try:
            return self._handler(request)
        except Exception:  # one bad command must never take the tray down
            log.exception("command %s failed", json.dumps(request)[:200])
            return Reply(EXIT_FAILED, "kindtray could not do that; see its log for details")

    def _forget(self, client: QLocalSocket) -> None:
        self._buffers.pop(client, None)
        client.deleteLater()
