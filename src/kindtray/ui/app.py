"""The tray app: builds the objects and wires their signals. No logic a core test could cover.

``build_kindtray`` builds the collaborators; ``KindtrayApp`` gets them passed in and connects:
the reminder timer's Decisions, the reminder answers and the tray menu to the Qt-free
``ReminderFlow`` (session/reminder_flow.py) as events, and commands from ``kindtray
<command>`` to the command table (session/commands.py). It renders what the flow asks for:
the tray's look, the reminder notification (ui/notify/) and the windows. The process's
life (the QApplication, signals, logout, display loss) is ui/process.py's; recording breaks is
ui/history_recorder.py's; following a hand-edited settings file is ui/settings_watch.py's.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from kindtray.control import Reply
from kindtray.core.clock import Clock
from kindtray.core.history import Practice, Trigger
from kindtray.core.schedule import Decision, Scheduler
from kindtray.core.settings import Settings
from kindtray.i18n import _, current_language
from kindtray.paths import Paths
from kindtray.session.commands import dispatch
from kindtray.session.reminder_flow import (
    Answer,
    BreakFinished,
    PlanChanged,
    ReminderAnswered,
    ReminderFlow,
)
from kindtray.session.wording import ReminderTexts, no_tray_log
from kindtray.storage.files import atomic_write
from kindtray.storage.settings_store import SettingsStore
from kindtray.storage.state_store import StateStore
from kindtray.ui.history_recorder import HistoryRecorder
from kindtray.ui.memory import release_memory
from kindtray.ui.notify.base import ReminderAnswers
from kindtray.ui.notify.chain import RouteChain, default_chain, first_usable
from kindtray.ui.presence_watch import PresenceWatch
from kindtray.ui.reminder_timer import ReminderTimer, SleepWatcher
from kindtray.ui.screen import AppScreen
from kindtray.ui.settings_watch import SettingsWatch, file_signature
from kindtray.ui.single_instance import CommandServer
from kindtray.ui.translations import install_translations
from kindtray.ui.tray import Tray

if TYPE_CHECKING:  # the windows, history and phrases load on first use: a quicker, smaller start
    from kindtray.core.break_script import BreakScript
    from kindtray.core.phrases import PhrasePicker
    from kindtray.system.autostart import Autostart
    from kindtray.ui.break_window import BreakResult, BreakWindow
    from kindtray.ui.notices import AboutWindow, NoTrayWindow
    from kindtray.ui.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)

NO_TRAY_MARKER = "no-tray-notice-shown"
NO_TRAY_CHECK_MS = 5000  # a tray host starting with the session may appear a moment after us
#: Routes that show a reminder as the desktop's notification (the rest: kindtray's window).
NOTIFICATION_ROUTES = ("freedesktop", "plyer", "tray-message")
PRESENCE_START_MS = 1000
#: When the start's imports are done (the presence sources' too): what they left is given back.
SETTLED_MS = 3000


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
    tray: Tray | None = None,
) -> KindtrayApp:
    """Load the settings and state and build every collaborator.

    ``tray``: the icon already shown (ui/process.py shows it first). Tests pass their own
    ``routes`` and ``autostart``.
    """
    settings_store = SettingsStore(paths.settings_file, clock)
    loaded = settings_store.load()
    for message in loaded.messages:
        log.warning("%s", message)
    install_translations(app, loaded.settings.system.language)
    state_store = StateStore(paths.state_file, clock)
    state = state_store.load()
    for message in state_store.messages:
        log.warning("%s", message)
    scheduler = Scheduler(loaded.settings, state, clock)
    tray = tray if tray is not None else Tray()
    answers = ReminderAnswers()
    parts = Parts(
        settings_store=settings_store,
        state_store=state_store,
        scheduler=scheduler,
        tray=tray,
        answers=answers,
        routes=routes
        if routes is not None
        else default_chain(answers, tray.icon, lambda: scheduler.settings.break_.theme),
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
        self.server = CommandServer(paths.socket_name, self.handle_command, self)
        self.break_window: BreakWindow | None = None
        self.settings_window: SettingsDialog | None = None
        self._picker: PhrasePicker | None = None
        self._phrases_signature: tuple[int, int, int] | None = None
        self._phrases_language: str | None = None
        self.history = HistoryRecorder(paths, clock, self.tray.icon, self)
        self.no_tray_notice: NoTrayWindow | None = None
        self.welcome_window: QWidget | None = None
        self.about_box: AboutWindow | None = None
        self.practice_window: QWidget | None = None
        self.why_window: QWidget | None = None
        self.reminder_texts = ReminderTexts(lambda: self._phrase_picker().reminder_text())
        self.flow = ReminderFlow(
            self.scheduler,
            self.timer,
            AppScreen(self),
            clock,
            record=self.history.record,
            reminder_text=self.reminder_texts.next,
            practice_reminder_text=self._practice_reminder_text,
        )

        self.settings_watch = SettingsWatch(
            paths, self.settings_store, lambda: self.scheduler.settings, self.apply_settings, self
        )
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
        self.tray.hard_moment_requested.connect(self.flow.open_hard_moment)
        self.tray.pause_requested.connect(self.flow.pause_for)
        self.tray.pause_until_tomorrow_requested.connect(self.flow.pause_until_tomorrow)
        self.tray.resume_requested.connect(self.flow.resume)
        self.tray.remind_anyway_requested.connect(self.flow.remind_anyway)
        self.presence.changed.connect(self.flow.presence_changed)
        self.tray.settings_requested.connect(self.open_settings)
        self.tray.about_requested.connect(self.show_about)
        self.tray.practice_requested.connect(self.show_practice)
        self.tray.quit_requested.connect(self.qapp.quit)

    # -- life ------------------------------------------------------------------------------

    def start(self, bound: int | None = None) -> None:
        """Listen for commands, show the icon and arm the first check.

        ``bound``: the command socket ui/process.py bound already (its descriptor), if any.
        """
        self.settings_watch.watch()
        self.server.listen(bound)
        self.tray.show()
        self.timer.start()
        # A moment later: the icon first; asking the desktop (buses, a helper program) can wait,
        # and until then nothing holds a reminder. The same for logind's sleep signal (two
        # calls on the system bus): the timer notices a sleep without it too.
        # The timer is the app's child: it goes with the app if the app goes first.
        self._presence_start = QTimer(self)
        self._presence_start.setSingleShot(True)
        self._presence_start.timeout.connect(self.presence.start)
        self._presence_start.timeout.connect(self.sleep_watcher.listen)
        self._presence_start.start(PRESENCE_START_MS)
        # Also the app's child, so that shutdown can stop it: an app that has ended shows
        # no note.
        self._no_tray_check = QTimer(self)
        self._no_tray_check.setSingleShot(True)
        self._no_tray_check.timeout.connect(self._tell_about_missing_tray_once)
        self._no_tray_check.start(NO_TRAY_CHECK_MS)
        QTimer.singleShot(SETTLED_MS, release_memory)

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
        self.history.close()

    def shutdown(self) -> None:
        """Save and let go of everything; called once when the event loop ends."""
        if hasattr(self, "_no_tray_check"):
            self._no_tray_check.stop()
        if hasattr(self, "_presence_start"):
            # An app that has ended starts no presence sources: their first answer would
            # re-plan and reach a tray whose menu is already gone.
            self._presence_start.stop()
        self.timer.stop()
        self.presence.stop()
        self.sleep_watcher.stop()
        with contextlib.suppress(OSError):
            self.state_store.save(self.scheduler.state)
        self.routes.withdraw()
        self.routes.shutdown()
        self.server.close()
        self.tray.hide()
        self.history.close()
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

    def open_break(
        self,
        trigger: Trigger,
        activation_token: str | None = None,
        practice: Practice = Practice.MINUTE,
    ) -> BreakWindow:
        """Open ``practice`` (or bring the open break to the front) with the keyboard focus.

        A hard moment asked for while another break is open takes that break's place.

        Every break is opened by the person: a click on "Start break" in a reminder, the menu
        or a command. So it takes the focus whatever the ``trigger``, which only tells the
        history what led to it; ``activation_token`` is the desktop's permission to take
        the focus, when the request carried one.
        """
        self.routes.withdraw()
        open_window = self.break_window
        if open_window is not None and open_window.isVisible():
            if practice is Practice.HARD_MOMENT and (
                open_window.flow.script.practice is not Practice.HARD_MOMENT
            ):
                # A hard moment does not wait behind a calmer break: that one ends (as ended
                # early, which is fine) and the hard moment opens in its place.
                open_window.close()
            else:
                from kindtray.ui.activation import bring_forward  # ctypes and xcb: on first use

                bring_forward(open_window, activation_token)
                return open_window
        from kindtray.core.practice_words import practice_script
        from kindtray.ui.break_window import BreakWindow

        settings = self.scheduler.settings
        picker, now = self._phrase_picker(), self.clock.now()

        def prepare(chosen: Practice) -> BreakScript:
            return practice_script(picker, chosen, settings, now)

        window = BreakWindow(
            prepare(practice),
            settings.break_,
            self.clock,
            trigger=trigger,
            take_focus=True,
            practices=prepare,
        )
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
        self.settings_watch.watch()
        install_translations(self.qapp, settings.system.language)  # for windows opened from now
        self.tray.retranslate()  # the menu stays open for the app's whole life
        self.presence.restart(settings.waiting)
        return self.flow.apply_settings(settings)

    def show_about(self) -> AboutWindow:
        """The About window (not modal), with ways to the welcome and to "Why this helps"."""
        from kindtray.ui.notices import AboutWindow
        from kindtray.ui.windows import show_one

        theme = self.scheduler.settings.break_.theme
        self.about_box = show_one(
            AboutWindow, lambda: AboutWindow(self.show_welcome, theme, show_why=self.show_why)
        )
        return self.about_box

    def show_practice(self) -> QWidget:
        """Show "Your practice" (or raise it), read from the history as it is now."""
        from kindtray.session.practice import export_practice, read_practice
        from kindtray.ui.practice_window import show_practice

        history_file, clock = self.paths.history_file, self.clock
        self.practice_window = show_practice(
            lambda: read_practice(history_file, clock),
            lambda target: export_practice(history_file, clock, target),
            self.show_why,
            self.scheduler.settings.break_.theme,
        )
        return self.practice_window  # Python owns it: kept alive while it is shown

    def show_why(self) -> QWidget:
        """Show the "Why this helps" page (from the welcome, About or "Your practice")."""
        from kindtray.ui.why_window import show_why

        self.why_window = show_why(self.scheduler.settings.break_.theme)
        return self.why_window

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

        has_tray = QSystemTrayIcon.isSystemTrayAvailable()
        self.welcome_window = show_welcome(
            self.settings_store,
            self.autostart(),
            self.flow.open_break,
            self.apply_settings,
            self.show_why,
            has_tray=has_tray,
            # Asking the routes may ask the session bus: only when the words depend on it.
            route="notifications" if has_tray else self.how_reminders_come(),
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

    def _practice_reminder_text(self, practice: Practice) -> str | None:
        """The reminder's words when it offers another practice; None: the usual words."""
        from kindtray.core.practice_words import reminder_line

        try:
            return reminder_line(self._phrase_picker(), practice, _)
        except Exception:  # words are never worth missing a reminder
            log.exception("phrase library failed; using the usual reminder text")
            return None

    def _phrase_picker(self) -> PhrasePicker:
        # The user's phrases file may be created or edited while kindtray runs ("Open my
        # phrases file" in Settings): a cheap stat before each use picks up the change. The
        # shipped phrases are in the language kindtray speaks, so a change of the language
        # setting reloads them too; the ids, and so the rotation, stay the same.
        from kindtray.core.phrases import PhrasePicker
        from kindtray.storage.phrase_languages import in_language
        from kindtray.storage.phrase_store import RotationFile, load_library

        signature = file_signature(self.paths.phrases_file)
        language = current_language()
        if (
            self._picker is None
            or signature != self._phrases_signature
            or language != self._phrases_language
        ):
            english, messages = load_library(self.paths.phrases_file)
            for message in messages:
                log.warning("%s", message)
            library, fallbacks = in_language(english, language)
            if fallbacks:
                log.info("%d phrases are not in %s yet; shown in English", fallbacks, language)
            if self._picker is None:
                self._picker = PhrasePicker(library, RotationFile(self.paths.phrases_rotation_file))
            else:
                self._picker.library = library  # the rotation carries on
            self._phrases_signature = signature
            self._phrases_language = language
        return self._picker

    # -- no tray ---------------------------------------------------------------------------

    def how_reminders_come(self) -> str:
        """How reminders reach the person without a tray: "notifications", "window" or "none".

        Asks every route (the notification service on the session bus among them), so it is
        for the rare moments that need it: the no-tray note and the welcome without a tray.
        """
        problems = self.routes.probe()
        problems.pop("tray-message", None)  # no tray, no tray balloon
        route = first_usable([r.name for r in self.routes.routes], problems)
        if route is None:
            return "none"
        return "notifications" if route in NOTIFICATION_ROUTES else "window"

    def _tell_about_missing_tray_once(self) -> None:
        if QSystemTrayIcon.isSystemTrayAvailable():
            return
        route = self.how_reminders_come()
        log.warning("%s", no_tray_log(route))
        marker = self.paths.state_dir / NO_TRAY_MARKER
        if marker.exists():
            return
        for window in (self.welcome_window, self.break_window):
            if window is not None and shiboken6.isValid(window) and window.isVisible():
                # One window at a time, and never over a break: the note follows once the
                # welcome (or the break it opened) is gone.
                window.destroyed.connect(self._tell_about_missing_tray_once)
                return
        self.show_no_tray_notice(route)
        try:
            atomic_write(marker, b"The no-tray notice was shown once.\n")  # 0600, like all ours
        except OSError as exc:
            log.warning("could not remember that the no-tray notice was shown: %s", exc)

    def show_no_tray_notice(self, route: str) -> NoTrayWindow:
        """The note that there is no tray icon: how reminders come, and the commands."""
        from kindtray.ui.notices import NoTrayWindow
        from kindtray.ui.windows import show_one

        theme = self.scheduler.settings.break_.theme
        self.no_tray_notice = show_one(NoTrayWindow, lambda: NoTrayWindow(route, theme))
        return self.no_tray_notice
