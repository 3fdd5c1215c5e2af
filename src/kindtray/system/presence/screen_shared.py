"""The screen is being shared: a running screencast stream in PipeWire.

Owns one polling source (every POLL_SECONDS, with ``pw-dump``): a PipeWire node of class
``Video/Source`` that is running and is not a camera (cameras carry a ``device.api``).
Screencasts through the desktop portal (GNOME, KDE, wlroots) appear so. Not yet tested on a
real desktop: without PipeWire, or when ``pw-dump`` is missing, the answer is unknown, and
unknown never holds a reminder. Must not import Qt.
"""

from __future__ import annotations

import json
from typing import Any

from kindtray.core.presence import HoldReason
from kindtray.system.presence.base import CommandSource


def screencast_running(dump: list[dict[str, Any]]) -> bool:
    """Whether ``pw-dump``'s objects include a running screencast source."""
    for item in dump:
        info = item.get("info") or {}
        props = info.get("props") or {}
        if (
            props.get("media.class") == "Video/Source"
            and info.get("state") == "running"
            and "device.api" not in props
        ):
            return True
    return False


class ScreenShared(CommandSource):
    """A screencast is running (PipeWire)."""

    name = "Screen sharing (PipeWire)"
    reason = HoldReason.SCREEN_SHARED
    command = ("pw-dump", "--no-colors")
    cannot_tell = "PipeWire cannot be asked here (no pw-dump)"

    def answer(self, out: str) -> bool | None:
        """Read pw-dump's objects (not a JSON list: unknown)."""
        try:
            dump = json.loads(out)
        except ValueError:
            return None
        return screencast_running(dump) if isinstance(dump, list) else None
