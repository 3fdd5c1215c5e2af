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
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QSessionManager
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from kindtray import __version__
from kindtray.assets import find_resource
from kindtray.control import InstanceLock, bind_command_socket
from kindtray.paths import Paths
from kindtray.start import use_language_setting
from kindtray.ui.decoration import VARIABLE as DECORATION_VARIABLE
from kindtray.ui.decoration import choose_decoration
from kindtray.ui.display_loss import on_display_lost
from kindtray.ui.notify.base import DESKTOP_ENTRY
from kindtray.ui.tray import Tray, icon_resource

if TYPE_CHECKING:
    from kindtray.ui.app import KindtrayApp
    from kindtray.ui.signal_bridge import SignalBridge

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
    if getattr(sys, "frozen", False):
        # The stand-alone folder points Qt at its plugins through the environment, which
        # every program kindtray starts would inherit (a file manager built on another Qt
        # would load ours): keep the paths in the application, then take them out.
        app.setLibraryPaths(app.libraryPaths())
        for variable in ("QT_PLUGIN_PATH", "QML2_IMPORT_PATH"):
            os.environ.pop(variable, None)
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

    The icon first: it goes to the panel as soon as Qt runs, in the language the settings
    file names, saying "Starting…". The rest (the core, the settings, the timer, the log)
    loads and starts in the event loop's first turn, a few hundredths of a second later. A
    click on the icon meanwhile waits in Qt's queue, and a command in the socket's, which is
    bound before the icon shows.
    """

    def set_up_the_log() -> None:
        from kindtray.logs import setup_logging  # here: the log file can wait for the icon

        setup_logging(paths, debug=debug)

    bound: int | None = None
    if sys.platform != "win32":  # Windows' named pipe is Qt's, opened with the rest
        # Before the icon: a command sent as soon as the icon is there waits in the socket's
        # queue until the app answers it, instead of finding no socket.
        try:
            bound = bind_command_socket(paths.socket_name)
        except OSError as exc:
            set_up_the_log()
            log.error("%s", exc)
            lock.release()
            return 1
    app = create_application(sys.argv[:1])
    use_language_setting(paths)  # read without a TOML parser; the full load follows
    tray = Tray()
    tray.show()
    running: list[Running] = []

    def start() -> None:
        set_up_the_log()
        try:
            started = start_kindtray(app, paths, lock, tray, first_request, bound)
        except Exception:  # a bug: say so and end, rather than an icon that does nothing
            log.exception("kindtray could not start")
            started = None
        if started is None:
            app.exit(1)
        else:
            running.append(started)

    QTimer.singleShot(0, start)
    status = app.exec()
    for started in running:
        started.forget_display_loss()
        started.kindtray.shutdown()
        started.bridge.close()
    if bound is not None:
        os.close(bound)  # the server listens on its own copy
        if not running:  # nothing started to remove it; the lock says it is ours
            with contextlib.suppress(OSError):
                os.unlink(paths.socket_name)
    if not running:
        tray.hide()  # a kindtray that started hides its icon as it shuts down
    lock.release()
    return status


class Running(NamedTuple):
    """A started kindtray, and what its end must undo."""

    kindtray: KindtrayApp
    bridge: SignalBridge
    forget_display_loss: Callable[[], None]


def start_kindtray(
    app: QApplication,
    paths: Paths,
    lock: InstanceLock,
    tray: Tray,
    first_request: dict[str, Any] | None,
    bound: int | None = None,
) -> Running | None:
    """Load and start everything behind the icon; None when it cannot start (logged)."""
    from kindtray.core.clock import SystemClock
    from kindtray.system.desktop_entry import ensure_desktop_entry
    from kindtray.ui.app import build_kindtray
    from kindtray.ui.signal_bridge import SignalBridge

    log.debug("Wayland title bars: %s", os.environ.get(DECORATION_VARIABLE) or "Qt's choice")
    # Before any window opens: the desktop names a window's app from the entry it finds then.
    ensure_desktop_entry(find_resource("icons", "kindtray.svg"))
    kindtray = build_kindtray(app, paths, SystemClock(), tray=tray)
    tray.retranslate()  # the settings file may name another language than it seemed to
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
        kindtray.start(None if bound is None else os.dup(bound))
    except OSError as exc:
        log.error("%s", exc)
        forget_display_loss()
        bridge.close()
        return None
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
    return Running(kindtray, bridge, forget_display_loss)
