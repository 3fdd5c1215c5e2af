"""The tray process: builds the objects and wires their signals. No logic a core test could cover.

Owns the QApplication and the process's life (start, SIGTERM/SIGINT, session logout, quit),
and connects: the reminder timer's Decisions to the tray and the reminder routes; the user's
answers and the tray menu to the scheduler and the break; commands from ``kindtray <command>``
to the same actions. When to remind is the core's business; how a reminder is shown is ui/notify's.

The pieces other modules provide are reached through small adapters here (``open_break``,
``reminder_text``, ``open_settings``, ``record_history``), so each can be swapped in with a few
lines.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QSocketNotifier, QTimer
from PySide6.QtGui import QGuiApplication, QPixmapCache, QSessionManager
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
    QSystemTrayIcon,
    QWidget,
)

from kindtray import __version__
from kindtray.control import EXIT_OK, EXIT_USAGE, InstanceLock, Reply
from kindtray.core.clock import Clock, SystemClock
from kindtray.core.files import atomic_write
from kindtray.core.schedule import Decision, Scheduler
from kindtray.core.settings import Settings
from kindtray.core.settings_store import SettingsStore
from kindtray.core.state import StateStore
from kindtray.logs import setup_logging
from kindtray.paths import Paths
from kindtray.ui.notify.base import DESKTOP_ENTRY, ReminderAnswers
from kindtray.ui.notify.chain import RouteChain, default_chain
from kindtray.ui.reminder_timer import ReminderTimer, SleepWatcher
from kindtray.ui.single_instance import CommandServer
from kindtray.ui.tray import Tray, format_clock, icon_resource, status_line

if TYPE_CHECKING:  # the windows, history and phrases load on first use: a quicker, smaller start
    from kindtray.core.history import History
    from kindtray.core.phrases import PhrasePicker
    from kindtray.ui.break_window import BreakResult, BreakWindow
    from kindtray.ui.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)

NO_TRAY_MARKER = "no-tray-notice-shown"
NO_TRAY_CHECK_MS = 5000  # a tray host starting with the session may appear a moment after us
NO_TRAY_TEXT = (
    "kindtray is running, but your desktop shows no tray icons, so you will not see its icon. "
    "Reminders still come as notifications.\n\n"
    "To get the icon on GNOME, install the “AppIndicator and KStatusNotifierItem Support” "
    "extension. Without it, these commands work from a terminal or a keyboard shortcut:\n\n"
    "    kindtray break      a break now\n"
    "    kindtray pause 1h   no reminders for an hour\n"
    "    kindtray settings   preferences\n"
    "    kindtray quit       stop kindtray"
)
BUILT_IN_REMINDERS = (
    "A minute for yourself?",
    "Time for a slow breath and a kind word to yourself?",
    "You have been at it a while. A gentle minute?",
    "How about a short pause, just for you?",
)


def release_memory() -> None:
    """Give back what a closed window or a reminder left behind, so months cost nothing.

    Each break window has its own palette, so Qt's style caches its pixmaps under new keys
    every time, up to QPixmapCache's 10 MB; nothing else in a tray app needs that cache.
    Then glibc is asked to return freed heap pages to the system (elsewhere: nothing to do).
    """
    QPixmapCache.clear()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)


class KindtrayApp(QObject):
    """Everything the running tray process is made of, wired together."""

    def __init__(self, app: QApplication, paths: Paths, clock: Clock) -> None:
        super().__init__()
        self.qapp = app
        self.paths = paths
        self.clock = clock
        self.settings_store = SettingsStore(paths.settings_file, clock)
        loaded = self.settings_store.load()
        for message in loaded.messages:
            log.warning("%s", message)
        self.state_store = StateStore(paths.state_file, clock)
        state = self.state_store.load()
        for message in self.state_store.messages:
            log.warning("%s", message)
        self.scheduler = Scheduler(loaded.settings, state, clock)
        self._settings_signature = _file_signature(paths.settings_file)

        self.tray = Tray(self)
        self.answers = ReminderAnswers(self)
        self.routes: RouteChain = default_chain(self.answers, self.tray.icon)
        self.timer = ReminderTimer(self.scheduler, clock, self.state_store.save, self)
        self.sleep_watcher = SleepWatcher(self)
        self.server = CommandServer(paths.socket_name, self.handle_command, self)
        self.break_window: BreakWindow | None = None
        self.settings_window: SettingsDialog | None = None
        self._reminder_shown_at: datetime | None = None
        self._reminder_index = 0
        self._picker: PhrasePicker | None = None
        self._phrases_signature: tuple[int, int, int] | None = None
        self._history: History | None = None
        self.no_tray_notice: QMessageBox | None = None
        self.welcome_window: QWidget | None = None
        self.about_box: QMessageBox | None = None
        self._planned: datetime | None = None

        # inotify, not polling: a hand-edited settings file takes effect when it is saved.
        self.settings_watcher = QFileSystemWatcher(self)
        self.settings_watcher.fileChanged.connect(self._settings_file_changed)
        self.settings_watcher.directoryChanged.connect(self._settings_file_changed)
        self.timer.decided.connect(self._on_decision)
        self.sleep_watcher.woke.connect(self.timer.notice_wake)
        self.answers.start_break.connect(lambda: self.open_break(on_request=False))
        self.answers.later.connect(self.snooze)
        self.answers.dismissed.connect(self._reminder_dismissed)
        self.tray.break_requested.connect(lambda: self.open_break(on_request=True))
        self.tray.pause_requested.connect(self.pause_for)
        self.tray.pause_until_tomorrow_requested.connect(self.pause_until_tomorrow)
        self.tray.resume_requested.connect(self.resume)
        self.tray.settings_requested.connect(self.open_settings)
        self.tray.about_requested.connect(self.show_about)
        self.tray.quit_requested.connect(self.qapp.quit)

    # -- life ------------------------------------------------------------------------------

    def start(self) -> None:
        """Listen for commands, show the icon and arm the first check."""
        self._watch_settings()
        self.server.listen()
        self.tray.show()
        self.sleep_watcher.listen()
        self.timer.start()
        QTimer.singleShot(NO_TRAY_CHECK_MS, self._tell_about_missing_tray_once)

    def shutdown(self) -> None:
        """Save and let go of everything; called once when the event loop ends."""
        self.timer.stop()
        with contextlib.suppress(OSError):
            self.state_store.save(self.scheduler.state)
        self.routes.withdraw()
        self.routes.shutdown()
        self.server.close()
        self.tray.hide()
        if self._history is not None:
            self._history.close()
        log.info("kindtray stopped; state saved")

    # -- what the core decided -------------------------------------------------------------

    def _on_decision(self, decision: Decision) -> None:
        if decision.next_reminder != self._planned:  # times only: the log stays private
            self._planned = decision.next_reminder
            log.info(
                "next reminder planned for %s",
                format_clock(decision.next_reminder, self.clock.now())
                if decision.next_reminder
                else "nothing (no active days or hours ahead)",
            )
        self.tray.show_decision(decision, self.clock.now())
        if decision.remind:
            if self.break_window is not None and self.break_window.isVisible():
                # The user is taking a break right now: inviting them to one would jar.
                log.info("a reminder fell due during a break; not shown")
                return
            self.show_reminder()

    def show_reminder(self) -> str | None:
        """Show the reminder notification; return the route that showed it."""
        self._reminder_shown_at = self.clock.now()
        via = self.routes.notify(self.reminder_text())
        # A reminder comes a few times a day: return its garbage to the system afterwards
        # rather than let the heap grow in a process that runs for months.
        QTimer.singleShot(0, release_memory)
        return via

    # -- actions (menu, notification answers, commands) ------------------------------------

    def snooze(self) -> Decision:
        """The user said "Later"."""
        self._record_reminder_answer("snoozed")
        return self.timer.perform(lambda s: s.snooze())

    def pause_for(self, minutes: int) -> Decision:
        """No reminders for ``minutes``."""
        return self.timer.perform(lambda s: s.pause_for(minutes))

    def pause_until_tomorrow(self) -> Decision:
        """No reminders until tomorrow's active hours."""
        return self.timer.perform(lambda s: s.pause_until_tomorrow())

    def resume(self) -> Decision:
        """End a pause."""
        return self.timer.perform(lambda s: s.resume())

    def apply_settings(self, settings: Settings) -> Decision:
        """New settings (from the settings dialog): re-plan at once."""
        # A first start had no config folder to watch; the save that led here created it.
        self._watch_settings()
        return self.timer.perform(lambda s: s.update_settings(settings))

    def _watch_settings(self) -> None:
        # The directory too: an atomic save replaces the file, which ends a watch on it.
        for path in (self.paths.config_dir, self.paths.settings_file):
            if path.exists() and str(path) not in self.settings_watcher.files() + (
                self.settings_watcher.directories()
            ):
                self.settings_watcher.addPath(str(path))

    def _settings_file_changed(self, _path: str = "") -> None:
        self._watch_settings()
        # The folder's other files (a corrupt copy made by the load below, phrases.toml, an
        # editor's swap file) change the folder too; reading again for them would copy a
        # broken settings file aside over and over.
        signature = _file_signature(self.paths.settings_file)
        if signature == self._settings_signature:
            return
        self._settings_signature = signature
        loaded = self.settings_store.load()
        if loaded.settings == self.scheduler.settings:
            return  # another file in the folder, or our own dialog's save (already applied)
        for message in loaded.messages:
            log.warning("%s", message)
        log.info("settings file changed; re-planning")
        self.apply_settings(loaded.settings)

    def show_about(self) -> QMessageBox:
        """A short, friendly About box (not modal), with a way back to the welcome window."""
        box = QMessageBox(
            QMessageBox.Icon.NoIcon,
            "About kindtray",
            f"kindtray {__version__}\n\nA calm tray app for one-minute self-compassion "
            "breaks. Everything stays on your computer.",
            QMessageBox.StandardButton.Close,
        )
        box.setIconPixmap(icon_resource("kindtray.svg").pixmap(64, 64))
        again = box.addButton("Show &welcome again", QMessageBox.ButtonRole.ActionRole)
        again.clicked.connect(self.show_welcome)
        box.setModal(False)
        box.show()
        self.about_box = box  # Python owns it: keep it alive while it is shown
        return box

    def welcome_if_first_start(self) -> bool:
        """Show the welcome window if kindtray was never set up here; return whether it did."""
        if not self.paths.first_start:  # most starts: the welcome module is not even loaded
            return False
        log.info("first start: showing the welcome window")
        self.show_welcome()
        return True

    def show_welcome(self) -> QWidget:
        """Show the welcome window (first start, About, or ``kindtray welcome``)."""
        from kindtray.system.autostart import default_autostart
        from kindtray.ui.welcome import show_welcome

        self.welcome_window = show_welcome(
            self.settings_store,
            default_autostart(),
            lambda: self.open_break(on_request=True),
            self.apply_settings,
        )
        return self.welcome_window

    # -- adapters to the parts other modules provide ---------------------------------------

    def reminder_text(self) -> str:
        """The reminder's gentle line: from the phrase library, or a built-in one."""
        try:
            return self._phrase_picker().reminder_text()
        except Exception:  # words are never worth missing a reminder
            log.exception("phrase library failed; using a built-in reminder text")
        text = BUILT_IN_REMINDERS[self._reminder_index % len(BUILT_IN_REMINDERS)]
        self._reminder_index += 1
        return text

    def open_break(self, on_request: bool) -> BreakWindow:
        """Open the guided break (or bring the open one to the front)."""
        self.routes.withdraw()
        if self.break_window is not None and self.break_window.isVisible():
            self.break_window.raise_()
            self.break_window.activateWindow()
            return self.break_window
        from kindtray.ui.break_window import BreakWindow

        settings = self.scheduler.settings
        texts = self._phrase_picker().break_texts(settings.phrases, self.clock.now())
        window = BreakWindow(texts, settings.break_, self.clock, on_request=on_request)
        window.finished.connect(lambda result: self._break_finished(window, result, on_request))
        window.start()
        self.break_window = window
        return window

    def open_settings(self) -> QWidget:
        """Open the settings dialog (or raise the open one); saved settings re-plan at once."""
        from kindtray.system.autostart import default_autostart
        from kindtray.ui.settings_dialog import show_settings_dialog

        dialog = show_settings_dialog(
            self.settings_store,
            self.paths,
            self.clock,
            lambda: self.scheduler.state,
            default_autostart(),
        )
        if dialog is not self.settings_window:
            dialog.applied.connect(self.apply_settings)
            dialog.destroyed.connect(self._forget_settings_window)
            self.settings_window = dialog
        return dialog

    def _forget_settings_window(self) -> None:
        self.settings_window = None

    def _phrase_picker(self) -> PhrasePicker:
        # The user's phrases file may be created or edited while kindtray runs ("Open my
        # phrases file" in Settings): a cheap stat before each use picks up the change.
        from kindtray.core.phrases import PhrasePicker, load_library

        signature = _file_signature(self.paths.phrases_file)
        if self._picker is None or signature != self._phrases_signature:
            library, messages = load_library(self.paths.phrases_file)
            for message in messages:
                log.warning("%s", message)
            if self._picker is None:
                self._picker = PhrasePicker(library, self.paths.phrases_rotation_file)
            else:
                self._picker.library = library  # the rotation carries on
            self._phrases_signature = signature
        return self._picker

    def record_history(self, **entry: Any) -> None:
        """Add one entry (BreakRecord's fields) to the history; a failure is only logged."""
        from kindtray.core.history import BreakRecord, History

        try:
            if self._history is None:
                self._history = History(self.paths.history_file, self.clock)
            self._history.record(BreakRecord(**entry))
        except Exception:  # a history problem must never disturb a reminder or a break
            log.exception("could not record the break in the history")

    def _record_reminder_answer(self, outcome: str) -> None:
        now = self.clock.now()
        self.record_history(
            started=self._reminder_shown_at or now,
            ended=now,
            planned_seconds=self.scheduler.settings.break_.length_seconds,
            outcome=outcome,
            trigger="reminder",
        )

    def _reminder_dismissed(self) -> None:
        self._record_reminder_answer("dismissed")

    def _break_finished(self, window: BreakWindow, result: BreakResult, on_request: bool) -> None:
        if self.break_window is window:
            self.break_window = None
        # A tray app lives for months: a closed break must not stay in memory.
        window.destroyed.connect(release_memory)
        window.deleteLater()
        # The user just had their minute: the next reminder is one gap from now.
        self.timer.perform(lambda scheduler: scheduler.break_taken())
        self.record_history(
            started=result.started,
            ended=result.ended,
            planned_seconds=result.planned_seconds,
            outcome=result.outcome,
            trigger="request" if on_request else "reminder",
            mood_before=result.mood_before,
            mood_after=result.mood_after,
            phrase_ids=tuple(result.phrase_ids),
        )

    # -- commands from `kindtray <command>` ------------------------------------------------

    def handle_command(self, request: dict[str, Any]) -> Reply:
        """Answer one command from the command line (see kindtray.cli)."""
        command = request.get("command")
        now = self.clock.now
        if command == "hello":
            return Reply(EXIT_OK, "kindtray is already running")
        if command == "break":
            self.open_break(on_request=True)
            return Reply(EXIT_OK, "Opening a break")
        if command == "remind":
            decision = self.timer.perform(lambda s: s.reminder_shown())
            via = self.show_reminder() if not decision.remind else self.routes.last_used
            return Reply(EXIT_OK, f"Reminder shown ({via or 'nowhere: see the log'})")
        if command == "pause":
            minutes = request.get("minutes")
            if request.get("until") == "tomorrow":
                decision = self.pause_until_tomorrow()
            elif isinstance(minutes, int) and not isinstance(minutes, bool) and minutes > 0:
                decision = self.pause_for(minutes)
            else:
                return Reply(EXIT_USAGE, "pause needs minutes or until=tomorrow")
            return Reply(EXIT_OK, status_line(decision, now()))
        if command == "resume":
            return Reply(EXIT_OK, status_line(self.resume(), now()))
        if command == "status":
            return Reply(EXIT_OK, self.status_line(), self.status())
        if command == "settings":
            self.open_settings()
            return Reply(EXIT_OK, "Opening settings")
        if command == "welcome":
            self.show_welcome()
            return Reply(EXIT_OK, "Opening the welcome window")
        if command == "quit":
            QTimer.singleShot(0, self.qapp.quit)
            return Reply(EXIT_OK, "kindtray is quitting")
        return Reply(EXIT_USAGE, f"unknown command: {command!r}")

    def status_line(self) -> str:
        """What kindtray will do next, in one line."""
        decision = self.timer.last_decision
        return status_line(decision, self.clock.now()) if decision else "Starting"

    def status(self) -> dict[str, Any]:
        """The state of the running instance, for ``kindtray status --json``."""
        decision = self.timer.last_decision

        def iso(value: datetime | None) -> str | None:
            return value.isoformat(timespec="seconds") if value else None

        return {
            "running": True,
            "pid": os.getpid(),
            "version": __version__,
            "paused": bool(decision and decision.paused_until),
            "paused_until": iso(decision.paused_until) if decision else None,
            "next_reminder": iso(decision.next_reminder) if decision else None,
            "next_check": iso(decision.wake_at) if decision else None,
            "tray_available": QSystemTrayIcon.isSystemTrayAvailable(),
            "last_reminder_via": self.routes.last_used,
        }

    # -- no tray ---------------------------------------------------------------------------

    def _tell_about_missing_tray_once(self) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            return
        log.warning("no system tray on this desktop; reminders still come as notifications")
        marker = self.paths.state_dir / NO_TRAY_MARKER
        if marker.exists():
            return
        box = QMessageBox(QMessageBox.Icon.Information, "kindtray has no tray icon", NO_TRAY_TEXT)
        box.setModal(False)
        box.show()
        self.no_tray_notice = box
        try:
            atomic_write(marker, b"The no-tray notice was shown once.\n")  # 0600, like all ours
        except OSError as exc:
            log.warning("could not remember that the no-tray notice was shown: %s", exc)


def _file_signature(path: Path) -> tuple[int, int, int] | None:
    """Return what changes when a file is saved (inode, size, mtime), or None if missing."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


# -- process setup ---------------------------------------------------------------------------


def create_application(argv: list[str]) -> QApplication:
    """The QApplication with kindtray's name, desktop file and icon; it outlives its windows."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName("kindtray")
    app.setApplicationDisplayName("kindtray")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ENTRY)
    app.setWindowIcon(icon_resource("kindtray.svg"))
    app.setQuitOnLastWindowClosed(False)  # closing a break or the settings must not quit
    return app


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
    app = create_application(sys.argv[:1])
    kindtray = KindtrayApp(app, paths, SystemClock())
    bridge = SignalBridge(lambda signum: app.quit(), kindtray)

    def commit_data(manager: QSessionManager) -> None:
        # The session is ending: save now, and leave without waiting to be killed.
        log.info("session is ending")
        with contextlib.suppress(OSError):
            kindtray.state_store.save(kindtray.scheduler.state)
        QTimer.singleShot(0, app.quit)

    QGuiApplication.instance().commitDataRequest.connect(commit_data)  # type: ignore[union-attr]
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
    kindtray.shutdown()
    bridge.close()
    lock.release()
    return status
