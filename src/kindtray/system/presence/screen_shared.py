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
from kindtray.system.presence.base import Source
from kindtray.system.presence.dnd import Run, run


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


class ScreenShared(Source):
    """A screencast is running (PipeWire)."""

    name = "Screen sharing (PipeWire)"
    reason = HoldReason.SCREEN_SHARED
    polls = True

    def __init__(self, run: Run = run) -> None:
        super().__init__()
        self._run = run

    cannot_tell = "PipeWire cannot be asked here (no pw-dump)"

    def poll(self) -> None:
        """Read pw-dump's objects."""
        out = self._run(["pw-dump", "--no-colors"])
        if out is None:
            self.value = None
            return
        try:
            dump = json.loads(out)
        except ValueError:
            self.value = None
            return
        self.value = screencast_running(dump) if isinstance(dump, list) else None
