"""The tray process: builds the objects and wires their signals. No logic a core test could cover.

Owns the QApplication and the process's life (start, SIGTERM/SIGINT, session logout, quit).
``build_kindtray`` builds the collaborators; ``KindtrayApp`` gets them passed in and connects:
the reminder timer's Decisions, the reminder answers and the tray menu to the Qt-free
``ReminderFlow`` (session/reminder_flow.py) as events, and commands from ``kindtray
<command>`` to the command table (session/commands.py). It renders what the flow asks for:
the tray's look, the reminder notification (ui/notify/) and the windows.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QPixmapCache, QSessionManager
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon, QWidget

from kindtray import __version__
from kindtray.assets import find_resource
from kindtray.control import InstanceLock, Reply
from kindtray.core.clock import Clock, SystemClock
from kindtray.core.history import Trigger
from kindtray.core.schedule import Decision, Scheduler
from kindtray.core.settings import Settings
from kindtray.logs import setup_logging
from kindtray.paths import Paths
from kindtray.session.commands import dispatch
from kindtray.session.reminder_flow import (
    Answer,
    BreakFinished,
    PlanChanged,
    ReminderAnswered,
    ReminderFlow,
)
from kindtray.session.wording import ABOUT_TEXT, NO_TRAY_TEXT, NO_TRAY_TITLE, ReminderTexts
from kindtray.storage.files import atomic_write
from kindtray.storage.settings_store import SettingsStore
from kindtray.storage.state_store import StateStore
from kindtray.system.desktop_entry import ensure_desktop_entry
from kindtray.ui.activation import bring_forward
from kindtray.ui.decoration import choose_decoration
from kindtray.ui.display_loss import on_display_lost
from kindtray.ui.notify.base import DESKTOP_ENTRY, ReminderAnswers
from kindtray.ui.notify.chain import RouteChain, default_chain
from kindtray.ui.presence_watch import PresenceWatch
from kindtray.ui.reminder_timer import ReminderTimer, SleepWatcher
from kindtray.ui.screen import AppScreen
from kindtray.ui.signal_bridge import SignalBridge
from kindtray.ui.single_instance import CommandServer
from kindtray.ui.tray import Tray, icon_resource

if TYPE_CHECKING:  # the windows, history and phrases load on first use: a quicker, smaller start
    from kindtray.core.phrases import PhrasePicker
    from kindtray.storage.pending_breaks import HistoryWriter
    from kindtray.system.autostart import Autostart
    from kindtray.ui.break_window import BreakResult, BreakWindow
    from kindtray.ui.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)

NO_TRAY_MARKER = "no-tray-notice-shown"
HISTORY_RETRY_MS = 60_000
SETTINGS_SETTLE_MS = 300  # a hand-edited settings file is read once saving pauses this long
HISTORY_TROUBLE_TITLE = "Your break is safe"
HISTORY_TROUBLE_TEXT = (
    "kindtray could not write your break to {history} just now. It is kept, and will be "
    "added to your history as soon as the file can be written again."
)
NO_TRAY_CHECK_MS = 5000  # a tray host starting with the session may appear a moment after us
PRESENCE_START_MS = 1000


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


@dataclass
class Parts:
    """The collaborators a running kindtray is made of (``build_kindtray`` makes them)."""

    settings_store: SettingsStore
    state_store: StateStore
    scheduler: Scheduler
    tray: Tray
    answers: ReminderAnswers
    routes: RouteChain
    timer: ReminderTimer
    sleep_watcher: SleepWatcher
    presence: PresenceWatch
    #: Start at login; None: this platform's, looked up when the welcome or Settings opens.
    autostart: Autostart | None = None


def build_kindtray(
    app: QApplication,
    paths: Paths,
    clock: Clock,
    *,
    routes: RouteChain | None = None,
    autostart: Autostart | None = None,
) -> KindtrayApp:
    """Load the settings and state and build every collaborator.

    Tests pass their own ``routes`` and ``autostart``.
    """
    settings_store = SettingsStore(paths.settings_file, clock)
    loaded = settings_store.load()
    for message in loaded.messages:
        log.warning("%s", message)
    state_store = StateStore(paths.state_file, clock)
    state = state_store.load()
    for message in state_store.messages:
        log.warning("%s", message)
    scheduler = Scheduler(loaded.settings, state, clock)
    tray = Tray()
    answers = ReminderAnswers()
    parts = Parts(
        settings_store=settings_store,
        state_store=state_store,
        scheduler=scheduler,
        tray=tray,
        answers=answers,
        routes=routes if routes is not None else default_chain(answers, tray.icon),
        timer=ReminderTimer(scheduler, clock, state_store.save),
        sleep_watcher=SleepWatcher(),
        autostart=autostart,
        presence=PresenceWatch(loaded.settings.waiting, clock),
    )
    return KindtrayApp(app, paths, clock, parts)


class KindtrayApp(QObject):
    """Everything the running tray process is made of, wired together."""

    def __init__(self, app: QApplication, paths: Paths, clock: Clock, parts: Parts) -> None:
        super().__init__()
        self.qapp = app
        self.paths = paths
        self.clock = clock
        self.settings_store = parts.settings_store
        self.state_store = parts.state_store
        self.scheduler = parts.scheduler
        self.tray = parts.tray
        self.answers = parts.answers
        self.routes = parts.routes
        self.timer = parts.timer
        self.sleep_watcher = parts.sleep_watcher
        self.presence = parts.presence
        self._autostart = parts.autostart
        for child in (self.tray, self.answers, self.timer, self.sleep_watcher, self.presence):
            child.setParent(self)  # Qt owns them with the app, as if built here
        self._settings_signature = _file_signature(paths.settings_file)
        self.server = CommandServer(paths.socket_name, self.handle_command, self)
        self.break_window: BreakWindow | None = None
        self.settings_window: SettingsDialog | None = None
        self._picker: PhrasePicker | None = None
        self._phrases_signature: tuple[int, int, int] | None = None
        self._history_writer: HistoryWriter | None = None
        self._history_trouble_told = False
        # A break the history could not take is kept and written by this timer later.
        self._history_retry = QTimer(self)
        self._history_retry.setInterval(HISTORY_RETRY_MS)
        self._history_retry.timeout.connect(self._retry_history)
        self.no_tray_notice: QMessageBox | None = None
        self.welcome_window: QWidget | None = None
        self.about_box: QMessageBox | None = None
        self.reminder_texts = ReminderTexts(lambda: self._phrase_picker().reminder_text())
        self.flow = ReminderFlow(
            self.scheduler,
            self.timer,
            AppScreen(self),
            clock,
            record=self.record_history,
            reminder_text=self.reminder_texts.next,
        )

        # inotify, not polling: a hand-edited settings file takes effect when it is saved.
        self.settings_watcher = QFileSystemWatcher(self)
        # An editor saving many times a second (or a script) is read once it pauses: without
        # this, 20 s of rapid invalid edits cost 92 % of a core and 869 corrupt copies.
        self._settings_settle = QTimer(self)
        self._settings_settle.setSingleShot(True)
        self._settings_settle.setInterval(SETTINGS_SETTLE_MS)
        self._settings_settle.timeout.connect(self._settings_file_changed)
        self.settings_watcher.fileChanged.connect(self._settings_settle.start)
        self.settings_watcher.directoryChanged.connect(self._settings_settle.start)
        handle = self.flow.handle
        self.timer.decided.connect(lambda decision: handle(PlanChanged(decision)))
        self.sleep_watcher.woke.connect(self.timer.notice_wake)
        for signal_, answer in (
            (self.answers.start_break, Answer.START_BREAK),
            (self.answers.snooze, Answer.SNOOZE),
            (self.answers.dismissed, Answer.DISMISS),
        ):
            signal_.connect(lambda answer=answer: handle(ReminderAnswered(answer)))
        self.tray.break_requested.connect(self.flow.open_break)
        self.tray.pause_requested.connect(self.flow.pause_for)
        self.tray.pause_until_tomorrow_requested.connect(self.flow.pause_until_tomorrow)
        self.tray.resume_requested.connect(self.flow.resume)
        self.tray.remind_anyway_requested.connect(self.flow.remind_anyway)
        self.presence.changed.connect(self.flow.presence_changed)
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
        # A moment later: the icon first; asking the desktop (buses, a helper program) can wait,
        # and until then nothing holds a reminder.
        # The timer is the app's child: it goes with the app if the app goes first.
        self._presence_start = QTimer(self)
        self._presence_start.setSingleShot(True)
        self._presence_start.timeout.connect(self.presence.start)
        self._presence_start.start(PRESENCE_START_MS)
        QTimer.singleShot(NO_TRAY_CHECK_MS, self._tell_about_missing_tray_once)

    def leave_without_display(self) -> None:
        """The display is gone and Qt is about to end the process: keep what can be kept.

        The open break is recorded as ended early, the state saved and the socket removed;
        nothing here may need the display.
        """
        window = self.break_window
        if window is not None:
            window.close()  # ends the break early; its result is recorded like any other
        self.timer.stop()
        with contextlib.suppress(OSError):
            self.state_store.save(self.scheduler.state)
        self.server.close()
        if self._history_writer is not None:
            self._history_writer.close()

    def shutdown(self) -> None:
        """Save and let go of everything; called once when the event loop ends."""
        self.timer.stop()
        self.presence.stop()
        with contextlib.suppress(OSError):
            self.state_store.save(self.scheduler.state)
        self.routes.withdraw()
        self.routes.shutdown()
        self.server.close()
        self.tray.hide()
        if self._history_writer is not None:
            self._history_writer.close()
        log.info("kindtray stopped; state saved")

    def handle_command(self, request: dict[str, Any]) -> Reply:
        """Answer one command from the command line (see session/commands.py)."""
        return dispatch(self.flow, request)

    # -- what the flow shows ---------------------------------------------------------------

    def show_reminder(self, text: str) -> str | None:
        """Show the reminder notification; return the route that showed it."""
        via = self.routes.notify(text)
        # A reminder comes a few times a day: return its garbage to the system afterwards
        # rather than let the heap grow in a process that runs for months.
        QTimer.singleShot(0, release_memory)
        return via

    def open_break(self, trigger: Trigger, activation_token: str | None = None) -> BreakWindow:
        """Open the guided break (or bring the open one to the front) with the keyboard focus.

        Every break is opened by the person: a click on "Start break" in a reminder, the menu
        or a command. So it takes the focus whatever the ``trigger``, which only tells the
        history what led to it; ``activation_token`` is the desktop's permission to take
        the focus, when the request carried one.
        """
        self.routes.withdraw()
        if self.break_window is not None and self.break_window.isVisible():
            bring_forward(self.break_window, activation_token)
            return self.break_window
        from kindtray.ui.break_window import BreakWindow

        settings = self.scheduler.settings
        texts = self._phrase_picker().break_texts(settings.phrases, self.clock.now())
        window = BreakWindow(texts, settings.break_, self.clock, trigger=trigger, take_focus=True)
        window.finished.connect(lambda result: self._break_finished(window, result, trigger))
        window.start(activation_token)
        self.break_window = window
        return window

    def _break_finished(self, window: BreakWindow, result: BreakResult, trigger: Trigger) -> None:
        if self.break_window is window:
            self.break_window = None
        # A tray app lives for months: a closed break must not stay in memory.
        window.destroyed.connect(release_memory)
        window.deleteLater()
        self.flow.handle(BreakFinished(result, trigger))

    # -- settings --------------------------------------------------------------------------

    def apply_settings(self, settings: Settings) -> Decision:
        """New settings (from the settings dialog): re-plan at once."""
        # A first start had no config folder to watch; the save that led here created it.
        self._watch_settings()
        self.presence.restart(settings.waiting)
        return self.flow.apply_settings(settings)

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
            f"kindtray {__version__}\n\n{ABOUT_TEXT}",
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

    def autostart(self) -> Autostart:
        """Start at login for this platform (looked up when first needed)."""
        if self._autostart is None:
            from kindtray.system.autostart import default_autostart

            self._autostart = default_autostart()
        return self._autostart

    def show_welcome(self) -> QWidget:
        """Show the welcome window (first start, About, or ``kindtray welcome``)."""
        from kindtray.ui.welcome import show_welcome

        self.welcome_window = show_welcome(
            self.settings_store,
            self.autostart(),
            self.flow.open_break,
            self.apply_settings,
        )
        return self.welcome_window

    def open_settings(self) -> QWidget:
        """Open the settings dialog (or raise the open one); saved settings re-plan at once."""
        from kindtray.ui.settings_dialog import SettingsDialog, show_settings_dialog

        dialog = show_settings_dialog(
            lambda: SettingsDialog(
                self.settings_store,
                self.paths,
                self.clock,
                lambda: self.scheduler.state,
                self.autostart(),
            )
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
        from kindtray.core.phrases import PhrasePicker
        from kindtray.storage.phrase_store import RotationFile, load_library

        signature = _file_signature(self.paths.phrases_file)
        if self._picker is None or signature != self._phrases_signature:
            library, messages = load_library(self.paths.phrases_file)
            for message in messages:
                log.warning("%s", message)
            if self._picker is None:
                self._picker = PhrasePicker(library, RotationFile(self.paths.phrases_rotation_file))
            else:
                self._picker.library = library  # the rotation carries on
            self._phrases_signature = signature
        return self._picker

    def record_history(self, **entry: Any) -> None:
        """Add one entry (BreakRecord's fields) to the history; never disturbs the break.

        A break the history cannot take now (read-only, damaged, locked by another process)
        is kept in the pending file and written later; the person is told once.
        """
        from kindtray.core.history import BreakRecord

        try:
            written = self._writer().record(BreakRecord(**entry))
        except Exception:  # a history problem must never disturb a reminder or a break
            log.exception("could not record the break in the history, nor keep it for later")
            written = False
        if not written:
            self._history_retry.start()
            self._tell_history_trouble_once()

    def _writer(self) -> HistoryWriter:
        from kindtray.storage.history import APP_BUSY_TIMEOUT_SECONDS, History
        from kindtray.storage.pending_breaks import HistoryWriter, PendingBreaks

        if self._history_writer is None:
            paths, clock = self.paths, self.clock
            self._history_writer = HistoryWriter(
                lambda: History(paths.history_file, clock, APP_BUSY_TIMEOUT_SECONDS),
                PendingBreaks(paths.pending_breaks_file, clock),
            )
        return self._history_writer

    def _retry_history(self) -> None:
        try:
            left = self._writer().retry()
        except Exception:
            log.exception("could not write the kept breaks to the history")
            return
        if left == 0:
            self._history_retry.stop()
            if self._history_trouble_told:
                log.warning("the kept breaks are in your history now")
            self._history_trouble_told = False

    def _tell_history_trouble_once(self) -> None:
        if self._history_trouble_told:
            return
        self._history_trouble_told = True
        text = HISTORY_TROUBLE_TEXT.format(history=self.paths.history_file)
        log.warning("%s", text)
        if self.tray.icon.isVisible() and QSystemTrayIcon.supportsMessages():
            self.tray.icon.showMessage(HISTORY_TROUBLE_TITLE, text, self.tray.icon.icon(), 20_000)

    # -- no tray ---------------------------------------------------------------------------

    def _tell_about_missing_tray_once(self) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            return
        log.warning("no system tray on this desktop; reminders still come as notifications")
        marker = self.paths.state_dir / NO_TRAY_MARKER
        if marker.exists():
            return
        box = QMessageBox(QMessageBox.Icon.Information, NO_TRAY_TITLE, NO_TRAY_TEXT)
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
    if existing is None:
        choose_decoration()  # read by Qt's Wayland plugin as the application starts
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName("kindtray")
    # No display name: Qt would append " — kindtray" to every window title that does not end
    # with it ("A minute for you — kindtray"); each window's own title says enough.
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ENTRY)
    app.setWindowIcon(icon_resource("kindtray.svg"))
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
