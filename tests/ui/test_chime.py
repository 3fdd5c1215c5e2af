"""The break's chime: started through the chosen player at the set volume, silent without one."""

from __future__ import annotations

import io
import logging
import wave
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

import kindtray.ui.chime as chime_module
from kindtray.core.break_script import BreakTexts
from kindtray.core.clock import FakeClock
from kindtray.core.history import Trigger
from kindtray.core.settings import BreakSettings, Settings, validate_value
from kindtray.system.sound import Player
from kindtray.ui.break_window import BreakWindow
from kindtray.ui.chime import Chime

APLAY = Player("aplay", ("/usr/bin/aplay", "-q"))
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
TEXTS = BreakTexts(
    arrive="Pause for a moment.",
    notice="This is a hard moment.",
    not_alone="Everyone struggles sometimes.",
    kindness="May I be kind to myself.",
    touch="You might rest a hand on your heart.",
    closing="Thank you for this minute.",
)


@pytest.fixture(autouse=True)
def fresh_state(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chime_module, "_told_no_player", False)
    monkeypatch.setattr(chime_module, "_sound_files", {})


class Started:
    def __init__(self) -> None:
        self.calls: list[tuple[str, list[str]]] = []

    def __call__(self, program: str, arguments: Sequence[str]) -> bool:
        self.calls.append((program, list(arguments)))
        return True


def peak(path: Path) -> int:
    with wave.open(io.BytesIO(path.read_bytes())) as source:
        frames = source.readframes(source.getnframes())
    return max(
        abs(int.from_bytes(frames[i : i + 2], "little", signed=True))
        for i in range(0, len(frames), 2)
    )


def test_the_chime_starts_the_player_with_a_file_at_the_set_volume():
    started = Started()
    Chime(100, find=lambda: APLAY, start=started).play()
    Chime(30, find=lambda: APLAY, start=started).play()
    (program, loud_args), (_, quiet_args) = started.calls
    assert program == "/usr/bin/aplay" and loud_args[0] == "-q"
    loud, quiet = Path(loud_args[-1]), Path(quiet_args[-1])
    assert peak(quiet) == pytest.approx(peak(loud) * 0.3, abs=1)


def test_each_volume_is_written_once():
    started = Started()
    chime = Chime(50, find=lambda: APLAY, start=started)
    chime.play()
    chime.play()
    assert started.calls[0] == started.calls[1]
    assert list(chime_module._sound_files) == [50]


def test_volume_zero_is_silence():
    started = Started()
    Chime(0, find=lambda: APLAY, start=started).play()
    assert started.calls == []


def test_without_a_player_the_chime_is_silent_and_logged_once(caplog: pytest.LogCaptureFixture):
    started = Started()
    with caplog.at_level(logging.INFO, logger="kindtray.ui.chime"):
        for _ in range(3):
            Chime(60, find=lambda: None, start=started).play()
    assert started.calls == []
    assert [r.getMessage() for r in caplog.records] == [
        "no player found (looked for pw-play, paplay, aplay, where pw-play and paplay need "
        "their sound server running): the chime stays silent"
    ]


def test_windows_plays_through_winsound():
    played: list[Path] = []
    Chime(60, find=lambda: Player("winsound"), winsound=played.append).play()
    assert played and played[0].name == "chime.wav"


def test_a_failing_player_never_disturbs_the_break(caplog: pytest.LogCaptureFixture):
    def broken(program: str, arguments: Sequence[str]) -> bool:
        raise OSError("no such file")

    Chime(60, find=lambda: APLAY, start=broken).play()  # does not raise
    assert "could not play the chime" in caplog.text


def test_the_volume_is_a_setting_from_0_to_100():
    settings = Settings()
    assert settings.break_.volume_percent == 60
    assert settings.with_value("break.volume_percent", 0).break_.volume_percent == 0
    assert validate_value("break.volume_percent", 101) is not None
    assert validate_value("break.volume_percent", 100) is None


def test_the_break_window_chimes_at_the_volume_of_its_settings(qtbot, monkeypatch):
    started = Started()
    monkeypatch.setattr(chime_module, "find_player", lambda: APLAY)
    monkeypatch.setattr(chime_module, "_start_detached", started)
    settings = BreakSettings(sound=True, volume_percent=25)
    window = BreakWindow(TEXTS, settings, FakeClock(NOW), trigger=Trigger.REQUEST)
    qtbot.addWidget(window)
    window.start()
    assert started.calls, "the break's start chimes"
    assert list(chime_module._sound_files) == [25]
