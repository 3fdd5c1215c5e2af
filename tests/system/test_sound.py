"""The chime without Qt Multimedia: which player plays it, and the volume scaled in the samples."""

from __future__ import annotations

import array
import io
import stat
import sys
import wave
from pathlib import Path

import pytest

from kindtray.assets import find_resource
from kindtray.system.sound import (
    Player,
    SoundFile,
    candidates,
    find_player,
    play_with_winsound,
    scale_wav,
)


def wav(samples: list[int], width: int = 2) -> bytes:
    code = {1: "B", 2: "h", 4: "i"}[width]
    data = array.array(code, samples)
    if sys.byteorder == "big" and width > 1:
        data.byteswap()
    out = io.BytesIO()
    with wave.open(out, "wb") as target:
        target.setnchannels(1)
        target.setsampwidth(width)
        target.setframerate(8000)
        target.writeframes(data.tobytes())
    return out.getvalue()


def samples_of(data: bytes) -> list[int]:
    with wave.open(io.BytesIO(data), "rb") as source:
        width = source.getsampwidth()
        frames = source.readframes(source.getnframes())
    values = array.array({1: "B", 2: "h", 4: "i"}[width])
    values.frombytes(frames)
    if sys.byteorder == "big" and width > 1:
        values.byteswap()
    return values.tolist()


def fake_which(*present: str):
    return lambda name: f"/usr/bin/{name}" if name in present else None


# -- choosing a player -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("present", "expected"),
    [
        (("pw-play", "paplay", "aplay"), Player("pw-play", ("/usr/bin/pw-play",))),
        (("paplay", "aplay"), Player("paplay", ("/usr/bin/paplay",))),
        (("aplay",), Player("aplay", ("/usr/bin/aplay", "-q"))),
        ((), None),
    ],
)
def test_linux_prefers_pipewire_then_pulseaudio_then_alsa(present, expected, tmp_path):
    (tmp_path / "pulse").mkdir()
    (tmp_path / "pulse" / "native").touch()
    (tmp_path / "pipewire-0").touch()
    assert find_player("linux", fake_which(*present), str(tmp_path)) == expected


def name_of(player: Player | None) -> str:
    assert player is not None
    return player.name


def test_a_servers_player_counts_only_while_its_server_runs(tmp_path):
    everything = fake_which("pw-play", "paplay", "aplay")
    # No sound server at all: ALSA's aplay, which needs none.
    assert name_of(find_player("linux", everything, str(tmp_path))) == "aplay"
    assert name_of(find_player("linux", everything, "")) == "aplay"
    # pw-play installed beside a PulseAudio that does the playing.
    (tmp_path / "pulse").mkdir()
    (tmp_path / "pulse" / "native").touch()
    assert name_of(find_player("linux", everything, str(tmp_path))) == "paplay"


def test_macos_uses_afplay_and_windows_winsound():
    assert find_player("darwin", fake_which("afplay", "aplay")) == Player(
        "afplay", ("/usr/bin/afplay",)
    )
    assert find_player("darwin", fake_which("aplay")) is None
    assert find_player("win32", fake_which()) == Player("winsound")
    assert candidates("freebsd14") == ("pw-play", "paplay", "aplay")


def test_a_players_command_ends_with_the_file(tmp_path):
    path = tmp_path / "chime.wav"
    assert Player("aplay", ("/usr/bin/aplay", "-q")).command(path) == [
        "/usr/bin/aplay",
        "-q",
        str(path),
    ]
    assert Player("winsound").command(path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="checks the refusal off Windows")
def test_winsound_off_windows_is_an_error_not_a_crash(tmp_path):
    with pytest.raises(OSError):
        play_with_winsound(tmp_path / "chime.wav")


# -- volume --------------------------------------------------------------------------------------


def test_volume_scales_every_16_bit_sample():
    data = wav([0, 1000, -1000, 32767, -32768])
    assert samples_of(scale_wav(data, 0.5)) == [0, 500, -500, 16384, -16384]
    assert samples_of(scale_wav(data, 1.0)) == [0, 1000, -1000, 32767, -32768]
    assert samples_of(scale_wav(data, 0.0)) == [0, 0, 0, 0, 0]


def test_volume_is_kept_within_zero_and_one_and_8_bit_stays_around_its_middle():
    assert samples_of(scale_wav(wav([1000]), 3.0)) == [1000]  # never louder than recorded
    assert samples_of(scale_wav(wav([128, 228, 28], width=1), 0.5)) == [128, 178, 78]


def test_the_scaled_chime_keeps_its_format_and_length():
    data = find_resource("sounds", "chime.wav").read_bytes()
    quiet = scale_wav(data, 0.3)
    with wave.open(io.BytesIO(data)) as before, wave.open(io.BytesIO(quiet)) as after:
        assert before.getparams() == after.getparams()
    loud = max(abs(s) for s in samples_of(data))
    assert max(abs(s) for s in samples_of(quiet)) == pytest.approx(loud * 0.3, abs=1)


def test_24_bit_or_broken_sound_is_refused_with_a_value_error():
    out = io.BytesIO()
    with wave.open(out, "wb") as target:
        target.setnchannels(1)
        target.setsampwidth(3)
        target.setframerate(8000)
        target.writeframes(bytes(9))
    with pytest.raises(ValueError, match="8, 16 or 32 bits"):
        scale_wav(out.getvalue(), 0.5)
    with pytest.raises(ValueError):
        scale_wav(b"not a sound", 0.5)


def test_the_sound_file_is_private_and_goes_with_close(tmp_path: Path):
    source = tmp_path / "in.wav"
    source.write_bytes(wav([0, 2000, -2000]))
    sound = SoundFile(source, 25)
    assert samples_of(sound.path.read_bytes()) == [0, 500, -500]
    if sys.platform != "win32":
        assert stat.S_IMODE(sound.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(sound.path.parent.stat().st_mode) == 0o700
    sound.close()
    assert not sound.path.parent.exists()
