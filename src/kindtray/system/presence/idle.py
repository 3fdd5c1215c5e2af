"""How long since the last keyboard or pointer input: GNOME, KDE and X11.

Owns the idle-time sources. GNOME: Mutter's IdleMonitor, event-driven (an idle watch at the
away time, then a user-active watch for the return). KDE: ``GetSessionIdleTime`` of
org.freedesktop.ScreenSaver, asked every POLL_SECONDS. X11: the MIT-SCREEN-SAVER extension
through python-xlib, asked every POLL_SECONDS. sway's ext-idle-notify needs a Wayland client
library kindtray does not carry, so there "away" comes from a locked screen only. Must not
import Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kindtray.system.presence.base import IdleSource, Unavailable
from kindtray.system.presence.dbus import Bus, BusLike, OnBus, WithBus

MUTTER = "org.gnome.Mutter.IdleMonitor"
MUTTER_PATH = "/org/gnome/Mutter/IdleMonitor/Core"
SCREENSAVER = "org.freedesktop.ScreenSaver"


class MutterIdle(OnBus, IdleSource):
    """GNOME Shell: Mutter says when the idle time reaches the away time, and when input comes.

    Closing the source closes the bus, and Mutter drops our watches with the connection.
    """

    name = "Time away (GNOME)"

    def __init__(self, away_after: float, bus: Callable[[], BusLike] = Bus) -> None:
        super().__init__(away_after)
        self._open = bus
        self._idle_watch = 0
        self._active_watch = 0

    def start(self) -> None:
        """Read the idle time and set the first watch."""
        bus = self._bus = self._open()
        idle = self.idle_seconds()
        if idle is None:
            raise Unavailable("GNOME's idle monitor does not answer")
        bus.on_signal(self._fired, iface=MUTTER, member="WatchFired", path=MUTTER_PATH)
        self._idle_watch = self._add("AddIdleWatch", "t", int(self.away_after * 1000))
        self.value = idle >= self.away_after
        if self.value:
            self._active_watch = self._add("AddUserActiveWatch")

    def idle_seconds(self) -> float | None:
        """Mutter's idle time."""
        if self._bus is None:
            return None
        try:
            (ms,) = self._bus.call(MUTTER, MUTTER_PATH, MUTTER, "GetIdletime")
        except Unavailable:
            return None
        return float(ms) / 1000

    def poll(self) -> None:
        """Nothing to ask: Mutter tells (WatchFired)."""

    def _add(self, method: str, *args: Any) -> int:
        assert self._bus is not None
        (watch,) = self._bus.call(MUTTER, MUTTER_PATH, MUTTER, method, *args)
        return int(watch)

    def _fired(self, body: tuple[Any, ...]) -> None:
        watch = int(body[0])
        if watch == self._idle_watch:
            self.value = True
            self._active_watch = self._add("AddUserActiveWatch")  # fires once, on input
        elif watch == self._active_watch:
            self.value = False
            self._active_watch = 0


class ScreenSaverIdle(WithBus, IdleSource):
    """KDE Plasma: ``GetSessionIdleTime`` (milliseconds), asked every POLL_SECONDS."""

    name = "Time away (KDE Plasma)"
    polls = True

    def __init__(self, away_after: float, bus: Callable[[], BusLike] = Bus) -> None:
        super().__init__(away_after)
        self._open = bus

    def start(self) -> None:
        """Ask once; unavailable if the desktop does not answer."""
        self._bus = self._open()
        self.poll()
        if self.value is None:
            raise Unavailable("the desktop does not tell the idle time")

    def idle_seconds(self) -> float | None:
        """The session's idle time."""
        if self._bus is None:
            return None
        for path in ("/ScreenSaver", "/org/freedesktop/ScreenSaver"):
            try:
                (ms,) = self._bus.call(SCREENSAVER, path, SCREENSAVER, "GetSessionIdleTime")
            except Unavailable:
                continue
            return float(ms) / 1000
        return None


class X11Idle(IdleSource):
    """X11: the MIT-SCREEN-SAVER extension's idle time, asked every POLL_SECONDS."""

    name = "Time away (X11)"
    polls = True

    def __init__(self, away_after: float, display_name: str | None = None) -> None:
        super().__init__(away_after)
        self._name = display_name
        self._display: Any = None

    def start(self) -> None:
        """Open the display and check for the extension."""
        from kindtray.system.presence.fullscreen import open_display

        self._display = open_display(self._name)
        if not self._display.has_extension("MIT-SCREEN-SAVER"):
            self.close()
            raise Unavailable("the X server has no MIT-SCREEN-SAVER extension")
        self.poll()

    def idle_seconds(self) -> float | None:
        """Milliseconds since the last input, as seconds."""
        if self._display is None:
            return None
        from Xlib import error

        try:
            info = self._display.screen().root.screensaver_query_info()
        except error.XError:
            return None
        return float(info.idle) / 1000

    def close(self) -> None:
        """Close the display connection."""
        if self._display is not None:
            self._display.close()
            self._display = None
        super().close()
