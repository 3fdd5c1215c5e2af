"""`kindtray schedule` wraps each day's times at the terminal's width, aligned under the first."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kindtray.session.wording import describe_schedule

MONDAY_8 = "2026-11-30T08:00:00+01:00"
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def every_half_hour(tmp_path: Path) -> Path:
    """Seventeen reminders a day (09:30 .. 17:30), the same on every run."""
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "state.toml").write_text("schema = 1\nseed = 4242\n")
    (tmp_path / "settings.toml").write_text(
        "[reminders]\ninterval_minutes = 30\nrandomness_percent = 0\n"
    )
    return tmp_path


def schedule(config: Path, columns: str | None) -> list[str]:
    env = {"TZ": "Europe/Berlin", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    if columns is not None:
        env["COLUMNS"] = columns
    result = subprocess.run(
        [sys.executable, "-m", "kindtray", "--config-dir", str(config), "schedule"]
        + ["--from", MONDAY_8, "--days", "2"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return result.stdout.splitlines()


def test_a_day_wraps_at_the_terminal_width_under_its_first_time(every_half_hour: Path) -> None:
    lines = schedule(every_half_hour, "50")
    assert lines == [
        "Upcoming reminders (34 in the next 2 days):",
        "  Mon 30 Nov   09:30  10:00  10:30  11:00  11:30",
        "               12:00  12:30  13:00  13:30  14:00",
        "               14:30  15:00  15:30  16:00  16:30",
        "               17:00  17:30",
        "  Tue 01 Dec   09:30  10:00  10:30  11:00  11:30",
        "               12:00  12:30  13:00  13:30  14:00",
        "               14:30  15:00  15:30  16:00  16:30",
        "               17:00  17:30",
    ]


@pytest.mark.parametrize("columns", ["30", "64", None])
def test_every_width_keeps_every_time_in_order_and_within_the_width(
    every_half_hour: Path, columns: str | None
) -> None:
    lines = schedule(every_half_hour, columns)
    width = int(columns or 80)  # a pipe without COLUMNS: 80, as for a file
    assert all(len(line) < width for line in lines[1:])  # the heading is a sentence
    days = [line for line in lines[1:] if not line.startswith("     ")]
    assert [day[:15] for day in days] == ["  Mon 30 Nov   ", "  Tue 01 Dec   "]
    times = " ".join(line[15:] for line in lines[1:]).split()
    half_hours = [f"{9 + (m + 1) // 2:02d}:{30 * ((m + 1) % 2):02d}" for m in range(17)]
    assert times == half_hours * 2
    assert len(lines) - 1 == {"30": 18, "64": 6, None: 4}[columns]


def test_a_terminal_too_narrow_for_two_times_gets_one_per_line() -> None:
    start = datetime(2026, 11, 30, 8, tzinfo=BERLIN)
    times = [start + timedelta(hours=h) for h in (1, 2, 3)]
    assert describe_schedule(times, start, 1, None, width=10).splitlines()[1:] == [
        "  Mon 30 Nov   09:00",
        "               10:00",
        "               11:00",
    ]
    assert describe_schedule(times, start, 1, None).splitlines()[1:] == [
        "  Mon 30 Nov   09:00  10:00  11:00"
    ]
