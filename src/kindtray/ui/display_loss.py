"""When the display goes away (the X server is killed), kindtray still says goodbye properly.

Qt's xcb platform logs "The X11 connection broke ..." and then calls ``exit(1)`` at once: no
event loop return, no ``aboutToQuit``, no Python cleanup. This module owns noticing that
message (a Qt message handler, chained to the one installed before it) and running the
caller's last words first: record the open break, save the state, remove the socket. It knows
nothing about what those words are.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger(__name__)

#: How Qt's xcb platform starts the message it logs just before it ends the process.
X_CONNECTION_LOST = "The X11 connection broke"

MessageHandler = Callable[[QtMsgType, QMessageLogContext, str], None]


def on_display_lost(last_words: Callable[[], None]) -> Callable[[], None]:
    """Run ``last_words`` once if the display connection breaks; return a function to undo."""
    said = False
    previous: MessageHandler | None = None

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        nonlocal said
        if message.startswith(X_CONNECTION_LOST) and not said:
            said = True
            log.error("the display went away (%s); saving and cleaning up before Qt exits", message)
            try:
                last_words()
            except Exception:  # Qt ends the process next whatever happens; say what failed
                log.exception("could not finish cleaning up after the display went away")
        if previous is not None:
            previous(kind, context, message)

    previous = qInstallMessageHandler(handler)

    def undo() -> None:
        qInstallMessageHandler(previous)

    return undo
