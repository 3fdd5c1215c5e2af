"""Playing the short chime without Qt Multimedia: a small system player, at the set volume.

Owns choosing a player this system already has (PipeWire's ``pw-play``, PulseAudio's
``paplay`` or ALSA's ``aplay`` on Linux and the BSDs, ``afplay`` on macOS, the standard
library's ``winsound`` on Windows) and the volume: the samples of the WAV are scaled here, so
every player plays the same loudness without its own volume option. Qt Multimedia (in the
500 MB PySide6-Addons) is not needed for a one-second sound. No Qt: the ui starts the command.
"""

from __future__ import annotations

import array
import contextlib
import io
import os
import shutil
import sys
import tempfile
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "LINUX_PLAYERS",
    "WINSOUND",
    "Player",
    "SoundFile",
    "candidates",
    "find_player",
    "no_player_text",
    "play_with_winsound",
    "scale_wav",
]

#: Tried in order: PipeWire first (today's desktops), then PulseAudio, then bare ALSA.
LINUX_PLAYERS: tuple[str, ...] = ("pw-play", "paplay", "aplay")
# A sound server's socket in XDG_RUNTIME_DIR: its player is only worth starting when it runs
# (pw-play is often installed beside a PulseAudio that does the playing). aplay needs none.
_SERVER_SOCKETS: dict[str, str] = {"pw-play": "pipewire-0", "paplay": "pulse/native"}
WINSOUND = "winsound"
# Options that keep a player quiet on its own output and read a file: (program, options).
_OPTIONS: dict[str, tuple[str, ...]] = {"aplay": ("-q",)}
# Sample widths the scaling understands: bytes per sample -> array type code (signed, but 8 bit).
_TYPECODES = {1: "B", 2: "h", 4: "i"}


@dataclass(frozen=True)
class Player:
    """A way to play a WAV file here: a command (``argv`` then the file) or winsound."""

    name: str
    argv: tuple[str, ...] = ()

    def command(self, path: Path) -> list[str]:
        """The command line that plays ``path`` (empty for winsound, which needs none)."""
        return [*self.argv, str(path)] if self.argv else []


def candidates(platform: str | None = None) -> tuple[str, ...]:
    """The players looked for on ``platform`` (default: this one), in order of preference."""
    platform = platform or sys.platform
    if platform == "win32":
        return (WINSOUND,)
    return ("afplay",) if platform == "darwin" else LINUX_PLAYERS


def no_player_text(looked: tuple[str, ...]) -> str:
    """Say that no player can play here, and what the sound servers' players need."""
    need = (
        ", where pw-play and paplay need their sound server running" if "pw-play" in looked else ""
    )
    return f"no player found (looked for {', '.join(looked)}{need}): the chime stays silent"


def find_player(
    platform: str | None = None,
    which: Callable[[str], str | None] | None = None,
    runtime_dir: str | None = None,
) -> Player | None:
    """The player this system offers for a short WAV, or None when it has none.

    A sound server's player counts only while its server's socket is there.

    Args:
        platform: ``sys.platform`` when None (given in tests).
        which: looks a program up on PATH; ``shutil.which`` when None (given in tests).
        runtime_dir: where the servers' sockets are; ``$XDG_RUNTIME_DIR`` when None.
    """
    platform = platform or sys.platform
    which = which or shutil.which
    if platform == "win32":
        return Player(WINSOUND)
    runtime = runtime_dir if runtime_dir is not None else os.environ.get("XDG_RUNTIME_DIR", "")
    for name in candidates(platform):
        found = which(name)
        socket = _SERVER_SOCKETS.get(name)
        if socket is not None and not (runtime and Path(runtime, socket).exists()):
            continue
        if found:
            return Player(name, (found, *_OPTIONS.get(name, ())))
    return None


def scale_wav(data: bytes, volume: float) -> bytes:
    """Return the WAV ``data`` with every sample scaled by ``volume`` (0.0 .. 1.0).

    PCM with 8, 16 or 32-bit samples; anything else (or no WAV at all) raises ValueError.
    """
    volume = min(max(volume, 0.0), 1.0)
    try:
        with wave.open(io.BytesIO(data), "rb") as source:
            params = source.getparams()
            frames = source.readframes(params.nframes)
    except (wave.Error, EOFError) as exc:
        raise ValueError(f"not a WAV sound kindtray can read: {exc}") from exc
    code = _TYPECODES.get(params.sampwidth)
    if code is None or params.comptype != "NONE":
        raise ValueError(f"only plain PCM of 8, 16 or 32 bits can be scaled, not {params}")
    samples = array.array(code)
    samples.frombytes(frames)
    if sys.byteorder == "big" and params.sampwidth > 1:
        samples.byteswap()  # WAV is little-endian
    if code == "B":  # 8-bit WAV is unsigned around 128
        scaled = array.array(code, (round(128 + (s - 128) * volume) for s in samples))
    else:
        scaled = array.array(code, (round(s * volume) for s in samples))
    if sys.byteorder == "big" and params.sampwidth > 1:
        scaled.byteswap()
    out = io.BytesIO()
    with wave.open(out, "wb") as target:
        target.setparams(params)
        target.writeframes(scaled.tobytes())
    return out.getvalue()


class SoundFile:
    """The chime at one volume, written once to a private temporary file for the player.

    The file lives in a folder only this user can read, and goes with ``close``.
    """

    def __init__(self, source: Path, volume_percent: int) -> None:
        self.volume_percent = volume_percent
        self._folder = Path(tempfile.mkdtemp(prefix="kindtray-sound-"))
        self.path = self._folder / "chime.wav"
        scaled = scale_wav(source.read_bytes(), volume_percent / 100)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(scaled)

    def close(self) -> None:
        """Delete the file and its folder."""
        with contextlib.suppress(OSError):
            self.path.unlink()
            self._folder.rmdir()


def play_with_winsound(path: Path) -> None:
    """Start playing ``path`` through winsound and return at once (Windows only)."""
    if sys.platform != "win32":
        raise OSError("winsound plays sounds only on Windows")
    import winsound

    winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)
