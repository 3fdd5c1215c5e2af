"""The microphone or the camera is in use (opt-in): recording streams and video devices.

Owns one polling source (every POLL_SECONDS; there is no cheap signal for either): a
recording stream that is not a monitor of an output (``pactl``), or another process holding a
video device open (its ``/proc/<pid>/fd`` links; only the user's own processes are readable).
Only "in use or not" is kept: never which app, never any sound. Must not import Qt.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from kindtray.core.presence import HoldReason
from kindtray.system.presence.base import Run, Source, run


def microphone_in_use(run: Run = run) -> bool | None:
    """Whether any recording stream reads a real source (not an output's monitor).

    The streams name their source by number only, so the sources' names are asked too, but
    only when there is a stream: most of the time one command answers.
    """
    outputs = run(["pactl", "-f", "json", "list", "source-outputs"])
    if outputs is None:
        return None
    try:
        streams = json.loads(outputs)
        if not streams:
            return False
        sources = run(["pactl", "-f", "json", "list", "short", "sources"])
        if sources is None:
            return None
        names = {int(s["index"]): str(s.get("name", "")) for s in json.loads(sources)}
        return any(
            not names.get(int(s.get("source", -1)), "").endswith(".monitor") for s in streams
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def camera_in_use(
    proc: Path = Path("/proc"), me: int | None = None, dev: Path = Path("/dev")
) -> bool | None:
    """Whether another process holds a ``/dev/video*`` device open (None: no /proc).

    Without any video device there is nothing to look for: the processes are not scanned.
    """
    if not proc.is_dir():
        return None
    # A plain listing: Path.glob builds a pattern matcher on every call, every POLL_SECONDS.
    try:
        if not any(name.startswith("video") for name in os.listdir(dev)):
            return False
    except OSError:
        return False
    me = os.getpid() if me is None else me
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == me:
            continue
        try:
            for fd in (entry / "fd").iterdir():
                if os.readlink(fd).startswith("/dev/video"):
                    return True
        except OSError:  # another user's process, or gone meanwhile
            continue
    return False


class MicOrCamera(Source):
    """Microphone or camera in use: held only if the person switched this on."""

    name = "Microphone or camera"
    reason = HoldReason.MIC_OR_CAMERA
    polls = True

    def __init__(
        self,
        mic: Callable[[], bool | None] = microphone_in_use,
        camera: Callable[[], bool | None] = camera_in_use,
    ) -> None:
        super().__init__()
        self._mic = mic
        self._camera = camera

    cannot_tell = "neither pactl nor /proc can tell here"

    def poll(self) -> None:
        """Ask both; in use if either is, unknown only if neither can tell."""
        answers = [self._mic(), self._camera()]
        if True in answers:
            self.value = True
        else:
            self.value = None if answers == [None, None] else False
