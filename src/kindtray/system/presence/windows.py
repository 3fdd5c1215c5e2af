"""Windows: locked, fullscreen, Quiet time and idle time, from documented Win32 calls.

Owns the Windows sources, written from Microsoft's documentation and tested with fakes only
(kindtray has not been tried on a real Windows desktop):
``SHQueryUserNotificationState`` (shell32) says 1 (not present: locked or screensaver),
2 (busy: a fullscreen app), 3 (Direct3D fullscreen), 4 (presentation mode), 6 (quiet time);
``GetLastInputInfo`` (user32) against ``GetTickCount`` gives the idle time; the capability
access store in the registry (``LastUsedTimeStop`` of 0) says the microphone or the camera is
in use. All polled every POLL_SECONDS. Must not import Qt.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable, Iterator
from typing import Any

from kindtray.core.presence import HoldReason
from kindtray.system.presence.base import ReadIdle, Source

NOT_PRESENT, BUSY, D3D_FULLSCREEN, PRESENTATION, QUIET_TIME = 1, 2, 3, 4, 6
#: Which notification states mean which reason.
STATES: dict[HoldReason, tuple[int, ...]] = {
    HoldReason.SCREEN_LOCKED: (NOT_PRESENT,),
    HoldReason.FULLSCREEN: (BUSY, D3D_FULLSCREEN, PRESENTATION),
    HoldReason.DO_NOT_DISTURB: (QUIET_TIME,),
}
CONSENT_STORE = r"Software\Microsoft\Windows\CurrentVersion\CapabilityAccessManager\ConsentStore"


def notification_state() -> int | None:
    """``SHQueryUserNotificationState``, or None when it cannot be asked."""
    if sys.platform != "win32":
        return None
    state = ctypes.c_int(0)
    result = ctypes.windll.shell32.SHQueryUserNotificationState(ctypes.byref(state))
    return state.value if result == 0 else None


def idle_seconds() -> float | None:
    """Seconds since the last input (``GetLastInputInfo``), or None when it cannot be asked."""
    if sys.platform != "win32":
        return None

    class LastInputInfo(ctypes.Structure):
        _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint)]

    info = LastInputInfo()
    info.cbSize = ctypes.sizeof(info)
    if not ctypes.windll.user32.GetLastInputInfo(ctypes.byref(info)):
        return None
    now = ctypes.windll.kernel32.GetTickCount() & 0xFFFFFFFF
    return ((now - info.dwTime) & 0xFFFFFFFF) / 1000  # the tick count wraps after 49 days


def capability_stops(kind: str) -> Iterator[int]:
    """Every ``LastUsedTimeStop`` under the consent store for ``kind`` (microphone, webcam)."""
    if sys.platform != "win32":
        return
    import winreg

    def walk(key: Any) -> Iterator[int]:
        index = 0
        while True:
            try:
                name = winreg.EnumKey(key, index)
            except OSError:
                return
            index += 1
            with winreg.OpenKey(key, name) as child:
                try:
                    yield int(winreg.QueryValueEx(child, "LastUsedTimeStop")[0])
                except OSError:
                    yield from walk(child)  # "NonPackaged" holds one key per program

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, f"{CONSENT_STORE}\\{kind}") as root:
            yield from walk(root)
    except OSError:
        return


class NotificationState(Source):
    """One reason read from ``SHQueryUserNotificationState`` (polled)."""

    polls = True

    def __init__(self, reason: HoldReason, state: Callable[[], int | None] = notification_state):
        super().__init__()
        self.reason = reason
        self.name = {
            HoldReason.SCREEN_LOCKED: "Locked screen (Windows)",
            HoldReason.FULLSCREEN: "Fullscreen or presentation (Windows)",
            HoldReason.DO_NOT_DISTURB: "Quiet time (Windows)",
        }[reason]
        self._state = state

    cannot_tell = "Windows did not say its notification state"

    def poll(self) -> None:
        """Ask Windows."""
        state = self._state()
        self.value = None if state is None else state in STATES[self.reason]


class WindowsIdle(ReadIdle):
    """Windows: ``GetLastInputInfo`` (polled)."""

    name = "Time away (Windows)"
    cannot_tell = "Windows did not say the idle time"

    def __init__(self, away_after: float, read: Callable[[], float | None] = idle_seconds):
        super().__init__(away_after, read)


class WindowsMicOrCamera(Source):
    """Windows: a program uses the microphone or the camera right now (polled)."""

    name = "Microphone or camera (Windows)"
    reason = HoldReason.MIC_OR_CAMERA
    polls = True

    def __init__(self, stops: Callable[[str], Iterator[int]] = capability_stops) -> None:
        super().__init__()
        self._stops = stops

    cannot_tell = "the capability access store cannot be read"

    def poll(self) -> None:
        """A stop time of 0 means still in use."""
        seen = [stop for kind in ("microphone", "webcam") for stop in self._stops(kind)]
        self.value = (0 in seen) if seen else None
