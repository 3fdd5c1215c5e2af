"""The tray process's life: its QApplication, its start, and every way it ends.

Owns creating the QApplication (name, desktop file, icon), running the event loop, and the
ends: Quit, SIGTERM/SIGINT (through the signal bridge), the session's logout, and the display
going away. What the process is made of and how its parts are wired is ``ui.app``'s.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QSessionManager
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from kindtray import __version__
from kindtray.assets import find_resource
from kindtray.control import InstanceLock
from kindtray.core.clock import SystemClock
from kindtray.logs import setup_logging
from kindtray.paths import Paths
from kindtray.system.desktop_entry import ensure_desktop_entry
from kindtray.ui.app import build_kindtray
from kindtray.ui.decoration import choose_decoration
from kindtray.ui.display_loss import on_display_lost
from kindtray.ui.notify.base import DESKTOP_ENTRY
from kindtray.ui.signal_bridge import SignalBridge
from kindtray.ui.tray import icon_resource

log = logging.getLogger(__name__)


def create_application(argv: list[str]) -> QApplication:
    """The QApplication with kindtray's name, desktop file and icon; it outlives its windows."""
    existing = QApplication.instance()
    if existing is None:
        choose_decoration()  # read by Qt's Wayland plugin as the application starts
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName("kindtray")
    # No display name: Qt would append " — kindtray" to every window title that does not end
    # with it ("A minute for you — kindtray"); each window's own title says enough.
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ENTRY)
    app.setWindowIcon(icon_resource("kindtray"))
    app.setQuitOnLastWindowClosed(False)  # closing a break or the settings must not quit
    return app


def run_app(
    paths: Paths,
    lock: InstanceLock,
    first_request: dict[str, Any] | None = None,
    *,
    debug: bool = False,
) -> int:
    """Run the tray process until Quit, a signal or logout; return the exit status.

    The caller holds the instance lock; ``first_request`` is a command to run once started
    (``kindtray break`` when no kindtray was running); ``debug`` is ``--debug``.
    """
    setup_logging(paths, debug=debug)
    # Before any window opens: the desktop names a window's app from the entry it finds then.
    ensure_desktop_entry(find_resource("icons", "kindtray.svg"))
    app = create_application(sys.argv[:1])
    kindtray = build_kindtray(app, paths, SystemClock())
    bridge = SignalBridge(lambda signum: app.quit(), kindtray)

    def commit_data(manager: QSessionManager) -> None:
        # The session is ending: save now, and leave without waiting to be killed.
        log.info("session is ending")
        with contextlib.suppress(OSError):
            kindtray.state_store.save(kindtray.scheduler.state)
        QTimer.singleShot(0, app.quit)

    QGuiApplication.instance().commitDataRequest.connect(commit_data)  # type: ignore[union-attr]

    def last_words() -> None:
        kindtray.leave_without_display()
        lock.release()
        logging.shutdown()

    forget_display_loss = on_display_lost(last_words)
    try:
        kindtray.start()
    except OSError as exc:
        log.error("%s", exc)
        return 1
    log.info(
        "kindtray %s started (pid %d, Qt platform %s, system tray %s)",
        __version__,
        os.getpid(),
        QGuiApplication.platformName(),
        "available" if QSystemTrayIcon.isSystemTrayAvailable() else "not available",
    )
    kindtray.welcome_if_first_start()
    if first_request is not None:
        reply = kindtray.handle_command(first_request)
        if reply.message:
            print(reply.message)
    status = app.exec()
    forget_display_loss()
    kindtray.shutdown()
    bridge.close()
    lock.release()
    return status
