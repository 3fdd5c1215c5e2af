"""macOS: the locked screen and the idle time, from documented Quartz calls.

Owns the macOS sources, written from Apple's documentation and tested with fakes only
(kindtray has not been tried on a real Mac): ``CGSessionCopyCurrentDictionary`` has
``CGSSessionScreenIsLocked`` while the screen is locked (through pyobjc's Quartz, an optional
extra), and ``CGEventSourceSecondsSinceLastEventType`` (CoreGraphics, through ctypes) gives
the idle time. macOS has no public way to ask about Focus (Do Not Disturb) or a fullscreen
window: those stay unknown. Both polled every POLL_SECONDS. Must not import Qt.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from collections.abc import Callable
from typing import Any

from kindtray.core.presence import HoldReason
from kindtray.system.presence.base import ReadIdle, Source

COMBINED_SESSION_STATE = 0
ANY_INPUT_EVENT = 0xFFFFFFFF


def session_dictionary() -> dict[str, Any] | None:
    """The current session's dictionary (pyobjc's Quartz), or None when it cannot be asked."""
    if sys.platform != "darwin":
        return None
    try:
        import Quartz  # type: ignore[import-not-found]
    except ImportError:
        return None
    session = Quartz.CGSessionCopyCurrentDictionary()
    return dict(session) if session is not None else None


def idle_seconds() -> float | None:
    """Seconds since any input, or None when CoreGraphics cannot be loaded."""
    if sys.platform != "darwin":
        return None
    path = ctypes.util.find_library("CoreGraphics")
    if path is None:
        return None
    graphics = ctypes.CDLL(path)
    since = graphics.CGEventSourceSecondsSinceLastEventType
    since.restype = ctypes.c_double
    since.argtypes = [ctypes.c_int32, ctypes.c_uint32]
    return float(since(COMBINED_SESSION_STATE, ANY_INPUT_EVENT))


class MacLocked(Source):
    """macOS: ``CGSSessionScreenIsLocked`` in the session dictionary (polled)."""

    name = "Locked screen (macOS)"
    reason = HoldReason.SCREEN_LOCKED
    polls = True

    def __init__(self, read: Callable[[], dict[str, Any] | None] = session_dictionary) -> None:
        super().__init__()
        self._read = read

    cannot_tell = "needs pyobjc's Quartz to ask (pip install pyobjc-framework-Quartz)"

    def poll(self) -> None:
        """Read the session dictionary; the key is absent while unlocked."""
        session = self._read()
        self.value = None if session is None else bool(session.get("CGSSessionScreenIsLocked"))


class MacIdle(ReadIdle):
    """macOS: ``CGEventSourceSecondsSinceLastEventType`` (polled)."""

    name = "Time away (macOS)"
    cannot_tell = "CoreGraphics cannot be asked here"

    def __init__(self, away_after: float, read: Callable[[], float | None] = idle_seconds):
        super().__init__(away_after, read)
