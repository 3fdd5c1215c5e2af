"""`kindtray stats` says its summaries in the environment's language, plurals right (issue 17)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kindtray.core.clock import SystemClock
from kindtray.core.history import BreakRecord, Outcome, Trigger
from kindtray.paths import default_paths
from kindtray.storage.history import History
from tools import translations


@pytest.fixture(scope="module", autouse=True)
def catalogs() -> None:
    translations.compile_all()


def with_breaks(config_dir: Path, count: int) -> Path:
    # The command reads the real clock: the breaks are placed relative to it.
    now = datetime.now().astimezone()
    with History(default_paths(config_dir).history_file, SystemClock()) as history:
        for n in range(count):
            started = now - timedelta(minutes=5 + n)
            history.record(
                BreakRecord(
                    started,
                    started + timedelta(seconds=60),
                    60,
                    Outcome.COMPLETED,
                    Trigger.REMINDER,
                    None,
                    None,
                    practice_seconds=60.0,
                )
            )
    return config_dir


def stats(config_dir: Path, language: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "kindtray", "--config-dir", str(config_dir), "stats", "--days", "7"],
        capture_output=True,
        text=True,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANGUAGE": language},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        (
            "de",
            "In den letzten 7 Tagen hast du dir 1 Minute für dich genommen, in 1 Pause.",
            "In den letzten 7 Tagen hast du dir 2 Minuten für dich genommen, in 2 Pausen.",
        ),
        (
            "es",
            "En los últimos 7 días te has dado 1 minuto en 1 pausa.",
            "En los últimos 7 días te has dado 2 minutos en 2 pausas.",
        ),
    ],
)
def test_stats_speak_the_language_with_plurals(tmp_path: Path, language, one, two):
    assert stats(with_breaks(tmp_path / "one", 1), language) == one
    assert stats(with_breaks(tmp_path / "two", 2), language) == two


def test_stats_before_any_break_speak_the_language(tmp_path: Path):
    assert stats(tmp_path, "de") == (
        "Keine Pausen in den letzten 7 Tagen. Wann immer du magst, ist hier eine Minute für dich."
    )
    assert stats(tmp_path, "es").startswith("Ninguna pausa en los últimos 7 días.")
