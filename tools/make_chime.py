"""Synthesise the soft chime played at the start and end of a break (when sound is on).

Writes resources/sounds/chime.wav: a quiet, bell-like tone with a slow fade, made
from a few sine partials, so the sound is our own and reproducible. Run once; commit the file.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 16_000
SECONDS = 1.8
# (frequency in Hz, loudness, decay time in s): a warm fundamental, two soft overtones.
PARTIALS = ((528.0, 1.0, 0.9), (1056.0, 0.25, 0.5), (1457.0, 0.12, 0.3))
PEAK = 0.30  # of full scale: a chime, not an alarm


def samples() -> list[int]:
    """Return the chime as signed 16-bit samples."""
    out = []
    for n in range(int(RATE * SECONDS)):
        t = n / RATE
        attack = min(1.0, t / 0.02)  # 20 ms fade-in, no click
        tail = min(1.0, (SECONDS - t) / 0.2)  # fade to silence at the very end
        value = sum(a * math.exp(-t / d) * math.sin(2 * math.pi * f * t) for f, a, d in PARTIALS)
        total = sum(a for _, a, _ in PARTIALS)
        out.append(round(32767 * PEAK * attack * tail * value / total))
    return out


def main() -> int:
    """Write the WAV file."""
    target = Path(__file__).resolve().parent.parent / "resources/sounds/chime.wav"
    target.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(target), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(RATE)
        handle.writeframes(b"".join(struct.pack("<h", s) for s in samples()))
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
