"""The break's soft chime: played by a small system player at the set volume, never blocking.

Owns starting the player that ``kindtray.system.sound`` chooses (detached, so a slow or stuck
player never holds the break), the scaled sound file for each volume (made once, on first
use), and saying once in the log when this system has no player. No Qt Multimedia.
"""

from __future__ import annotations

import atexit
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QProcess

from kindtray.assets import find_resource
from kindtray.system.sound import (
    WINSOUND,
    Player,
    SoundFile,
    candidates,
    find_player,
    no_player_text,
    play_with_winsound,
)

__all__ = ["Chime"]

log = logging.getLogger(__name__)

Start = Callable[[str, Sequence[str]], object]

_sound_files: dict[int, SoundFile] = {}
_told_no_player = False


def _start_detached(program: str, arguments: Sequence[str]) -> object:
    return QProcess.startDetached(program, list(arguments))


def _sound_file(volume_percent: int) -> Path:
    """The chime at this volume, written once per process and deleted at exit."""
    sound = _sound_files.get(volume_percent)
    if sound is None:
        if not _sound_files:
            atexit.register(_forget_sound_files)
        sound = _sound_files[volume_percent] = SoundFile(
            find_resource("sounds", "chime.wav"), volume_percent
        )
    return sound.path


def _forget_sound_files() -> None:
    for sound in _sound_files.values():
        sound.close()
    _sound_files.clear()


class Chime:
    """A soft chime at ``volume_percent`` (0 is silence) through the system's player."""

    def __init__(
        self,
        volume_percent: int,
        *,
        find: Callable[[], Player | None] | None = None,
        start: Start | None = None,
        winsound: Callable[[Path], None] | None = None,
    ) -> None:
        """``find``, ``start`` and ``winsound`` stand in for the system's, in tests."""
        self.volume_percent = volume_percent
        self.player = (find or find_player)()
        self._start = start or _start_detached
        self._winsound = winsound or play_with_winsound

    def play(self) -> None:
        """Start the chime and return at once; silence when muted or nothing can play it."""
        global _told_no_player
        if self.volume_percent <= 0:
            return
        if self.player is None:
            if not _told_no_player:
                _told_no_player = True
                log.info("%s", no_player_text(candidates()))
            return
        try:
            path = _sound_file(self.volume_percent)
            if self.player.name == WINSOUND:
                self._winsound(path)
            else:
                program, *arguments = self.player.command(path)
                self._start(program, arguments)
        except (OSError, ValueError, RuntimeError):  # a missing sound is never worth a break
            log.exception("could not play the chime")
