"""Unix signals (SIGTERM, SIGINT, SIGHUP) into the Qt event loop, without a polling timer.

Owns only the delivery of a signal to a callback; what a signal means (quit) is ui/app.py's.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier


class SignalBridge(QObject):
    """Turns SIGTERM, SIGINT and SIGHUP into a clean quit, without a polling timer.

    Python runs signal handlers only when the interpreter gets control, which a sleeping Qt
    event loop never gives it. ``signal.set_wakeup_fd`` writes each signal's number to a
    socket that a QSocketNotifier watches, so the event loop wakes up exactly when a signal
    arrives, and at no other time.
    """

    SIGNALS = tuple(
        getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
    )

    def __init__(self, on_signal: Callable[[int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_signal = on_signal
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        for signum in self.SIGNALS:
            signal.signal(signum, lambda *_: None)  # the real work happens in _drain
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        try:
            data = self._reader.recv(64)
        except BlockingIOError:
            return
        for signum in data:
            self._on_signal(signum)

    def close(self) -> None:
        """Restore the default signal handling."""
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for signum in self.SIGNALS:
            signal.signal(signum, signal.SIG_DFL)
        self._reader.close()
        self._writer.close()
