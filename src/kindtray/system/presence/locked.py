"""The screen is locked: logind's LockedHint, or the screensaver services' ActiveChanged.

Owns the lock sources. logind (system bus): the session's ``LockedHint`` property, with
PropertiesChanged; most lockers set it. org.freedesktop.ScreenSaver (KDE, others) and
org.gnome.ScreenSaver (GNOME): ``GetActive`` and the ``ActiveChanged`` signal. A locked screen
also means the person is away (the monitor counts the absence from the moment it locked).
Must not import Qt.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from kindtray.core.presence import HoldReason
from kindtray.system.presence.base import Unavailable
from kindtray.system.presence.dbus import Bus, BusLike, BusSource

LOGIN = "org.freedesktop.login1"


def _system_bus() -> BusLike:
    return Bus("SYSTEM")


class _Locked(BusSource):
    reason = HoldReason.SCREEN_LOCKED


class LogindLocked(_Locked):
    """logind's ``LockedHint`` for this session (no system bus: unavailable, not an error)."""

    name = "Locked screen (logind)"
    SESSION = "org.freedesktop.login1.Session"

    def __init__(self, bus: Callable[[], BusLike] = _system_bus) -> None:
        super().__init__(bus)

    def start(self) -> None:
        """Find this session, read LockedHint and watch it."""
        bus = self._bus = self._open()
        manager = ("/org/freedesktop/login1", "org.freedesktop.login1.Manager")
        session_id = os.environ.get("XDG_SESSION_ID")
        if session_id:
            (path,) = bus.call(LOGIN, *manager, "GetSession", "s", session_id)
        else:
            (path,) = bus.call(LOGIN, *manager, "GetSessionByPID", "u", os.getpid())
        self.value = bool(bus.get(LOGIN, path, self.SESSION, "LockedHint"))

        def changed(body: tuple[Any, ...]) -> None:
            if body[0] == self.SESSION and "LockedHint" in body[1]:
                self.value = bool(body[1]["LockedHint"][1])

        bus.on_signal(
            changed,
            iface="org.freedesktop.DBus.Properties",
            member="PropertiesChanged",
            path=str(path),
        )


class ScreenSaverLocked(_Locked):
    """A screensaver service's ``ActiveChanged`` (GNOME's or the freedesktop one)."""

    def __init__(self, service: str, path: str, bus: Callable[[], BusLike] = Bus) -> None:
        super().__init__(bus)
        self._service = service
        self._path = path
        desktop = "GNOME" if "gnome" in service else "screensaver"
        self.name = f"Locked screen ({desktop})"

    def start(self) -> None:
        """Read GetActive and watch ActiveChanged."""
        bus = self._bus = self._open()
        (active,) = bus.call(self._service, self._path, self._service, "GetActive")
        self.value = bool(active)

        def changed(body: tuple[Any, ...]) -> None:
            self.value = bool(body[0])

        bus.on_signal(changed, iface=self._service, member="ActiveChanged")


def gnome() -> ScreenSaverLocked:
    """GNOME Shell's screensaver."""
    return ScreenSaverLocked("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver")


def freedesktop() -> ScreenSaverLocked:
    """KDE's (and others') screensaver."""
    return ScreenSaverLocked("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver")


__all__ = ["LogindLocked", "ScreenSaverLocked", "Unavailable", "freedesktop", "gnome"]
