"""The Qt side of the presence sources: wake on their signals, ask the others every 30 s.

Owns the event-loop plumbing only: a QSocketNotifier per source descriptor (D-Bus, X11,
sway), and one timer at POLL_SECONDS when some source has no signal. When what the sources
add up to changes (held or not, why, away or not), ``changed`` carries the new Presence. What
the sources are lives in ``kindtray.system.presence``; what a Presence means, in the core.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer, Signal

from kindtray.core.clock import Clock
from kindtray.core.presence import Presence
from kindtray.core.settings import WaitingSettings
from kindtray.system.presence.base import POLL_SECONDS, Source
from kindtray.system.presence.monitor import PresenceMonitor

log = logging.getLogger(__name__)

MonitorFactory = Callable[[WaitingSettings], PresenceMonitor]


class PresenceWatch(QObject):
    """Runs a PresenceMonitor inside the Qt event loop."""

    changed = Signal(object)  # Presence

    def __init__(
        self,
        waiting: WaitingSettings,
        clock: Clock,
        factory: MonitorFactory = PresenceMonitor,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._factory = factory
        self._waiting = waiting
        self.monitor: PresenceMonitor | None = None
        self._notifiers: list[QSocketNotifier] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # Precise: a coarse timer may fire 5 % early (14 s of a 280 s wait), before the source
        # it was armed for is due; that would cost a wake-up that asks nothing.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._poll)
        self.presence = Presence()

    def start(self) -> None:
        """Start the sources, watch their descriptors, and announce the first answer."""
        monitor = self.monitor = self._factory(self._waiting)
        try:
            monitor.start()
        except Exception:  # a desktop oddity must never stop reminders: nothing is held
            log.exception("presence sources could not start; reminders are never held")
            return
        for source in monitor.sources():
            state = "works" if not source.why_not else f"not here ({source.why_not})"
            log.info("presence source %s: %s", source.name, state)
        for fd, source in monitor.watched():
            notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            notifier.activated.connect(lambda *_, s=source: self._dispatch(s))
            self._notifiers.append(notifier)
        self._arm()
        self._announce(force=True)

    def restart(self, waiting: WaitingSettings) -> None:
        """New settings: the switched-on sources may differ."""
        if waiting == self._waiting and self.monitor is not None:
            return
        self.stop()
        self._waiting = waiting
        self.start()

    def stop(self) -> None:
        """Let go of every source."""
        self._timer.stop()
        for notifier in self._notifiers:
            # At once, not later: the descriptor may be closed before the next loop turn.
            notifier.setEnabled(False)
            shiboken6.delete(notifier)
        self._notifiers.clear()
        if self.monitor is not None:
            self.monitor.close()
            self.monitor = None

    def _dispatch(self, source: Source) -> None:
        try:
            source.dispatch()
        except Exception:  # same rule: a broken source holds nothing
            log.exception("presence source %s failed; it no longer holds reminders", source.name)
            self._forget(source)
        self._announce()

    def _forget(self, source: Source) -> None:
        fd = source.fileno()
        for notifier in [n for n in self._notifiers if n.socket() == fd]:
            notifier.setEnabled(False)  # disabled first: the descriptor closes below
            self._notifiers.remove(notifier)
            notifier.deleteLater()  # not at once: its own signal is being handled
        source.close()

    def _poll(self) -> None:
        if self.monitor is not None:
            self.monitor.poll()
            self._announce()
            self._arm()

    def _arm(self) -> None:
        # One timer for every source that has no signal, never sooner than POLL_SECONDS.
        if self.monitor is not None and self.monitor.needs_polling():
            self._timer.start(int(max(POLL_SECONDS, self.monitor.next_poll()) * 1000))

    def _announce(self, force: bool = False) -> None:
        if self.monitor is None:
            return
        presence = self.monitor.presence(self._clock.now())
        before = self.presence
        self.presence = presence
        same = before.held == presence.held and (before.away_since is None) == (
            presence.away_since is None
        )
        if force or not same:
            self.changed.emit(presence)
