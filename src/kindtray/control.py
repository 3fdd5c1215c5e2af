"""Talking to the running kindtray: the one-line JSON protocol, the client and the instance lock.

Qt-free on purpose: ``kindtray pause 1h`` from a keyboard shortcut must answer in the time a
small Python script takes, without importing Qt (about 0.2 s). The server side, which lives in
the Qt event loop, is ``kindtray.ui.single_instance``; both ends use the functions here.

The protocol: the client connects to ``Paths.socket_name``, writes one JSON object and a
newline (``{"command": "pause", "minutes": 30}``), and reads one JSON line back
(``{"exit": 0, "message": "Paused until 15:00", "status": {...}}``).

Who runs: whoever holds the instance lock (``flock`` on a file next to the socket). The kernel
drops the lock when its holder dies, so a crash never leaves a stale lock, and the holder
removes any stale socket file before it listens. This module owns none of the app's behaviour.
Its error messages are translated when raised (the command line prints them).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, NamedTuple

from kindtray import cli_live
from kindtray.cli_live import ask
from kindtray.i18n import _
from kindtray.storage.files import FILE_MODE, check_own_socket, secure_private_dir

# Exit statuses of live commands, as documented in the README.
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_NOT_RUNNING = 3

MAX_LINE = cli_live.MAX_LINE
_SUN_PATH_MAX = 107  # sockaddr_un.sun_path is 108 bytes on Linux, including the NUL


class Reply(NamedTuple):
    """What the running instance answered (a NamedTuple: dataclasses would import inspect)."""

    exit: int
    message: str = ""
    status: dict[str, Any] | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reply:
        """Build a Reply from a decoded JSON object, tolerating missing fields."""
        code = data.get("exit", EXIT_FAILED)
        status = data.get("status")
        return cls(
            exit=code if isinstance(code, int) else EXIT_FAILED,
            message=str(data.get("message", "")),
            status=status if isinstance(status, dict) else None,
        )

    def to_json(self) -> dict[str, Any]:
        """Return the JSON object for this reply."""
        data: dict[str, Any] = {"exit": self.exit, "message": self.message}
        if self.status is not None:
            data["status"] = self.status
        return data


def encode(obj: dict[str, Any]) -> bytes:
    """Encode one protocol message as a JSON line."""
    return json.dumps(obj, separators=(",", ":")).encode() + b"\n"


def decode(line: bytes) -> dict[str, Any]:
    """Decode one JSON line; raise ValueError if it is not a JSON object."""
    data = json.loads(line.decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError(_("expected a JSON object"))
    return data


def check_socket_path(socket_name: str) -> None:
    """Raise OSError with a clear message if the socket path is too long for the system."""
    if sys.platform != "win32" and len(os.fsencode(socket_name)) > _SUN_PATH_MAX:
        text = _("the socket path is too long ({size} bytes): {path}")
        raise OSError(text.format(size=len(socket_name), path=socket_name))


def bind_command_socket(socket_name: str) -> int:
    """Listen on the control socket; return its file descriptor (POSIX; hold the lock first).

    A socket file that is still there belongs to a process that is gone (the caller holds
    the lock), so it is removed first. Bound before the tray icon shows, so that a command
    sent as soon as the icon is there waits in the socket's queue until the app answers it.
    Raises OSError if listening fails.
    """
    from _socket import AF_UNIX, SOCK_STREAM
    from _socket import socket as new_socket

    secure_private_dir(Path(socket_name).parent)
    check_socket_path(socket_name)
    _remove_stale_socket(socket_name)
    listener = new_socket(AF_UNIX, SOCK_STREAM)
    try:
        listener.bind(socket_name)
        os.chmod(socket_name, FILE_MODE)  # only this user may talk to us
        listener.listen(128)
        listener.setblocking(False)
    except OSError as exc:
        listener.close()
        raise OSError(f"cannot listen on {socket_name}: {exc.strerror}") from exc
    return int(listener.detach())


def _remove_stale_socket(path: str) -> None:
    """Remove what a crashed instance left at ``path``; never follow a link, never a folder."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode):
        raise OSError(
            errno.EISDIR, f"cannot listen on {path}: a folder is in the way; please remove it"
        )
    os.unlink(path)  # a socket, or something planted there: unlink removes the name only


def send_command(socket_name: str, request: dict[str, Any], timeout: float = 5.0) -> Reply | None:
    """Send ``request`` to the running instance; return its reply, or None if none listens.

    Raises OSError (or TimeoutError) if an instance listens but does not answer in time.
    """
    if sys.platform == "win32":  # QLocalServer uses named pipes there, not AF_UNIX
        return _send_with_qt(socket_name, request, timeout)
    check_socket_path(socket_name)
    check_own_socket(Path(socket_name))
    answer = ask(socket_name, request, timeout)  # the command line's quick path's client
    return None if answer is None else Reply.from_json(answer)


def _send_with_qt(socket_name: str, request: dict[str, Any], timeout: float) -> Reply | None:
    from PySide6.QtNetwork import QLocalSocket  # Windows only

    client = QLocalSocket()
    client.connectToServer(socket_name)
    if not client.waitForConnected(int(timeout * 1000)):
        return None
    client.write(encode(request))
    client.waitForBytesWritten(int(timeout * 1000))
    data = b""
    while b"\n" not in data and client.waitForReadyRead(int(timeout * 1000)):
        data += bytes(client.readAll().data())
    client.disconnectFromServer()
    if not data:
        raise ConnectionError(_("the running kindtray closed the connection without an answer"))
    return Reply.from_json(decode(data.split(b"\n", 1)[0]))


class InstanceLock:
    """The lock that makes one process per user the running kindtray.

    Held for the whole life of the tray process. ``flock`` (``msvcrt.locking`` on Windows)
    is released by the kernel when the process ends in any way, so a crash cannot leave a
    lock behind that blocks the next start.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._handle is not None

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; never wait. Return whether it is held now."""
        if self._handle is not None:
            return True
        secure_private_dir(self.path.parent)
        # Private like every file kindtray keeps (open() would use the umask, usually 0644).
        # Never through a symlink, and only a regular file of our own: a planted link would
        # make the truncate below empty a file of the user's.
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(self.path, flags | getattr(os, "O_NONBLOCK", 0), FILE_MODE)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                text = _("kindtray will not use {path}: it is a symbolic link")
                raise OSError(exc.errno, text.format(path=self.path)) from exc
            raise
        info = os.fstat(fd)
        if os.name == "posix" and (not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid()):
            os.close(fd)
            text = _("kindtray will not use {path}: it is not a file of your own")
            raise OSError(errno.EPERM, text.format(path=self.path))
        handle = open(fd, "a+b")  # noqa: SIM115 - kept open while the lock is held
        try:
            _lock_nonblocking(handle)
        except OSError:
            handle.close()
            return False
        with contextlib.suppress(OSError):
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n".encode())
            handle.flush()
        self._handle = handle
        return True

    def release(self) -> None:
        """Give the lock up (also happens when the process ends)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def _lock_nonblocking(handle: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def lock_holder(socket_name: str) -> int | None:
    """Return the process id of a running kindtray holding the lock, or None if none runs.

    Lets a command tell "not running" from "running, but its socket is gone". Never creates
    anything. 0 means held, but the holder's process id could not be read.
    """
    if sys.platform == "win32":
        return None
    import fcntl

    path = lock_path(socket_name)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            text = os.read(fd, 32).decode("ascii", "replace").strip()
            return int(text) if text.isdigit() else 0
        return None
    finally:
        os.close(fd)


def lock_path(socket_name: str) -> Path:
    """Return the instance lock file that belongs to a socket path."""
    return Path(socket_name).with_suffix(".lock")


def become_primary_or_forward(
    socket_name: str,
    request: dict[str, Any],
    *,
    timeout: float = 20.0,
    poll: float = 0.05,
    sleep: Callable[[float], None] = time.sleep,
    monotonic: Callable[[], float] = time.monotonic,
) -> InstanceLock | Reply:
    """Either take the instance lock (return it: the caller runs the app) or forward.

    Loops until one of the two works: a running instance answers ``request`` (its Reply is
    returned), or the lock is free (a crash left at most a stale socket; the caller removes it
    and listens). Waiting covers the moment another process holds the lock but is still
    starting up, and the moment a quitting instance has closed its socket but not yet exited.
    Raises TimeoutError if neither works within ``timeout`` seconds.
    """
    lock = InstanceLock(lock_path(socket_name))
    deadline = monotonic() + timeout
    while True:
        reply = send_command(socket_name, request)
        if reply is not None:
            return reply
        if lock.try_acquire():
            return lock
        if monotonic() > deadline:
            holder = lock_holder(socket_name)
            if holder:
                # Translators: {process} is a process id; `kill {process}` a command to type.
                text = _(
                    "kindtray is running (process {process}) but does not answer on "
                    "{socket}; it may be stuck. Stop it (kill {process}) and start again"
                )
                raise TimeoutError(text.format(process=holder, socket=socket_name))
            raise TimeoutError(
                _("another kindtray is starting or stopping and did not answer in time")
            )
        sleep(poll)
