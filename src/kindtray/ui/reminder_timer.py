"""The only bridge between Qt's timers and the scheduler core.

Owns one single-shot QTimer, armed to the Decision's ``wake_at`` and re-armed after every
event: the timer firing, a command (pause, snooze, resume...), a settings change, a wake from
sleep. The core caps ``wake_at`` at five minutes ahead, because Qt's timers run on a clock that
stops during suspend; the core compares wall and monotonic time on each check to notice sleep
and clock jumps. Where logind is on the system bus, its PrepareForSleep signal makes the check
happen right at wake-up. No polling loop, no other timer, and no decisions here: what is due
is the core's business.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer, Signal, Slot

from kindtray.core.clock import Clock
from kindtray.core.schedule import Decision, Scheduler
from kindtray.core.state import State
from kindtray.storage.files import SaveError

if TYPE_CHECKING:
    from kindtray.system.presence.dbus import BusLike

log = logging.getLogger(__name__)

MAX_WAIT_MS = 5 * 60 * 1000  # the core promises this; enforced again so a bug cannot oversleep


class ReminderTimer(QObject):
    """Asks the scheduler what to do, saves its state and arms the timer for the next check.

    ``decided`` carries each Decision to the app (show a reminder, update the tray).
    """

    decided = Signal(object)

    def __init__(
        self,
        scheduler: Scheduler,
        clock: Clock,
        save_state: Callable[[State], None],
    ) -> None:
        super().__init__()  # the app takes it as its child
        self.scheduler = scheduler
        self._clock = clock
        self._save_state = save_state
        self._save_problem = ""  # the last save failure told to the user
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        # Precise: a coarse timer may fire up to 5 % early, which would cost an extra wake-up.
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.check)
        self.last_decision: Decision | None = None

    def start(self) -> Decision:
        """Handle the time that passed while kindtray was not running, then arm the timer."""
        return self.perform(lambda s: s.start())

    @Slot()
    def check(self) -> Decision:
        """The timer fired: ask the core whether anything is due."""
        return self.perform(lambda s: s.check())

    @Slot()
    def notice_wake(self) -> Decision:
        """The machine woke up: let the core catch up right away."""
        return self.perform(lambda s: s.notice_wake())

    def perform(self, action: Callable[[Scheduler], Decision]) -> Decision:
        """Run one scheduler call, save the state, re-arm the timer and announce the Decision."""
        decision = action(self.scheduler)
        for event in decision.events:
            log.info("%s", event)
        try:
            self._save_state(self.scheduler.state)
        except SaveError as exc:  # keep reminding from memory; say so once, not at every save
            if str(exc) != self._save_problem:
                log.warning("%s; reminders go on from memory", exc)
            self._save_problem = str(exc)
        else:
            if self._save_problem:
                log.info("the state file can be saved again")
            self._save_problem = ""
        self._arm(decision)
        self.last_decision = decision
        self.decided.emit(decision)
        return decision

    def stop(self) -> None:
        """Stop the timer (quitting)."""
        self.timer.stop()

    @property
    def interval_ms(self) -> int:
        """Milliseconds the timer was last armed for (-1 when stopped)."""
        return self.timer.interval() if self.timer.isActive() else -1

    def _arm(self, decision: Decision) -> None:
        now = self._clock.now()
        seconds = decision.wait_seconds(now)
        if decision.paused_until is not None:
            # Look again right when a pause ends, so the icon and tooltip change on time.
            seconds = min(seconds, max(0.0, decision.paused_until.timestamp() - now.timestamp()))
        self.timer.start(min(MAX_WAIT_MS, math.ceil(seconds * 1000)))


LOGIND = "org.freedesktop.login1"
BUS_DAEMON = ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus")


def _system_bus() -> BusLike:
    from kindtray.system.presence.dbus import Bus

    return Bus("SYSTEM")


class SleepWatcher(QObject):
    """Emits ``woke`` when logind says the machine has resumed from sleep.

    Without a system bus (containers, CI, non-systemd systems) or without logind on it, it
    stays silent: the capped timer and the core's clock comparison still notice the sleep, a
    few minutes later at most. After ``listen()``, ``system_bus`` and ``listening`` say which
    case this is: ``kindtray doctor`` reports exactly what the app found.

    The system bus is a jeepney connection (already loaded for the presence sources and the
    notifications; QtDBus would cost its own module for one signal), watched by a
    QSocketNotifier: the event loop reads only what has arrived, it never waits on the bus.
    """

    woke = Signal()

    def __init__(
        self, parent: QObject | None = None, bus: Callable[[], BusLike] = _system_bus
    ) -> None:
        super().__init__(parent)
        self._open = bus
        self._bus: BusLike | None = None
        self._notifier: QSocketNotifier | None = None
        self.system_bus = False
        self.listening = False

    def listen(self) -> bool:
        """Subscribe to logind's PrepareForSleep; return whether logind is there to send it."""
        from kindtray.system.presence.base import Unavailable

        self.stop()  # listening again starts afresh
        self.system_bus = False
        try:
            bus = self._open()
        except Unavailable as exc:  # no bus, or no jeepney (not Linux)
            log.info("%s: no sleep signal; the timer notices sleep within 5 minutes", exc)
            return False
        self.system_bus = True
        try:
            # Subscribing succeeds on any bus (it only adds a match rule): whether a signal
            # can come depends on logind owning its name.
            (registered,) = bus.call(*BUS_DAEMON, "NameHasOwner", "s", LOGIND)
            if registered:
                bus.on_signal(
                    self._prepare_for_sleep,
                    iface="org.freedesktop.login1.Manager",
                    member="PrepareForSleep",
                    path="/org/freedesktop/login1",
                    sender=LOGIND,
                )
        except Unavailable:
            registered = False
        fd = bus.fileno() if registered else None
        if fd is None:
            bus.close()
            log.info("no logind on the system bus: the timer notices sleep within 5 minutes")
            return False
        self._bus = bus
        self._notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._dispatch)
        self.listening = True
        log.info("logind sleep signal connected")
        return True

    def stop(self) -> None:
        """Let go of the system bus."""
        if self._notifier is not None:
            # At once, not later: the descriptor is closed below.
            self._notifier.setEnabled(False)
            shiboken6.delete(self._notifier)
            self._notifier = None
        if self._bus is not None:
            self._bus.close()
            self._bus = None
        self.listening = False

    @Slot()
    def _dispatch(self) -> None:
        from kindtray.system.presence.base import Unavailable

        if self._bus is None:
            return
        try:
            self._bus.dispatch()
        except Unavailable:  # the system bus went away; the capped timer carries on
            log.info("the system bus closed: no sleep signal any more")
            assert self._notifier is not None
            self._notifier.setEnabled(False)  # its descriptor stays readable until closed
            self._notifier.deleteLater()  # not at once: its own signal is being handled
            self._notifier = None
            self._bus.close()
            self._bus = None
            self.listening = False

    def _prepare_for_sleep(self, body: tuple[Any, ...]) -> None:
        """Handle logind's signal: True before sleeping, False after waking."""
        if body and not body[0]:
            self.woke.emit()
