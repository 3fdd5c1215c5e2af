"""The offline command line: schedule, check-config, paths, --version, bad arguments."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from kindtray import __version__
from kindtray.cli import main

MONDAY_8 = "2026-11-30T08:00:00+01:00"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kindtray", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"TZ": "Europe/Berlin", "PATH": "/usr/bin:/bin", "HOME": str(cwd or Path.home())},
    )


@pytest.fixture
def config(tmp_path: Path) -> Path:
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "state.toml").write_text("schema = 1\nseed = 4242\n")
    return tmp_path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"kindtray {__version__}"


def test_python_dash_m_works_and_a_bad_argument_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run("schedule", "--days", "many", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "--days" in result.stderr and "Traceback" not in result.stderr
    result = run("no-such-command", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1


def test_schedule_json_lists_reminders_in_local_time(config: Path) -> None:
    result = run(
        "--config-dir", str(config), "schedule", "--from", MONDAY_8, "--json", "--days", "2"
    )
    assert result.returncode == 0, result.stderr
    times = [datetime.fromisoformat(t) for t in json.loads(result.stdout)]
    # Default settings: about five a day (90 minutes ± 10 % between 09:00 and 18:00).
    assert 9 <= len(times) <= 12
    assert all(t.utcoffset() is not None and 9 <= t.hour < 18 for t in times)
    assert all(t.second == 0 for t in times)
    assert {t.day for t in times} == {30, 1}
    assert times == sorted(times)
    # Stable: the seed in the state file makes the same plan every time.
    again = run(
        "--config-dir", str(config), "schedule", "--from", MONDAY_8, "--json", "--days", "2"
    )
    assert again.stdout == result.stdout


def test_schedule_text_follows_the_settings_file(config: Path) -> None:
    (config / "settings.toml").write_text(
        '[reminders]\ninterval_minutes = 120\nrandomness_percent = 0\nactive_days = ["mon"]\n'
    )
    result = run("--config-dir", str(config), "schedule", "--from", MONDAY_8, "--days", "7")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Upcoming reminders (4 in the next 7 days):",
        "  Mon 30 Nov   11:00  13:00  15:00  17:00",
    ]


def test_schedule_says_when_there_are_none(config: Path) -> None:
    (config / "settings.toml").write_text("[reminders]\nactive_days = []\n")
    result = run("--config-dir", str(config), "schedule")
    assert result.returncode == 0
    assert "No reminders" in result.stdout


def test_schedule_shows_a_pause(config: Path) -> None:
    (config / "state" / "state.toml").write_text(
        "seed = 1\nanchor = 2026-11-30T08:00:00+01:00\npause_until = 2026-11-30T14:00:00+01:00\n"
    )
    result = run("--config-dir", str(config), "schedule", "--from", MONDAY_8)
    assert result.stdout.startswith("Paused until Mon 30 Nov 14:00.")


def test_check_config_fine_missing_and_broken(config: Path) -> None:
    missing = run("--config-dir", str(config), "check-config")
    assert missing.returncode == 0 and "defaults" in missing.stdout
    (config / "settings.toml").write_text("[reminders]\ninterval_minutes = 60\n")
    assert run("--config-dir", str(config), "check-config").returncode == 0
    (config / "settings.toml").write_text(
        "[reminders]\ninterval_minutes = 5\nsnooze = 3\n[break]\ntheme = 'blue'\n"
    )
    broken = run("--config-dir", str(config), "check-config")
    assert broken.returncode == 1
    lines = broken.stdout.splitlines()
    assert len(lines) == 3
    assert "reminders.interval_minutes" in lines[0] and "10 to 480" in lines[0]
    assert "break.theme" in lines[1] and '"system", "light", "dark"' in lines[1]
    assert "reminders.snooze" in lines[2]


def test_check_config_never_changes_or_copies_a_corrupt_file(config: Path) -> None:
    (config / "settings.toml").write_bytes(b"[reminders\n")
    result = run("--config-dir", str(config), "check-config")
    assert result.returncode == 1
    assert "not valid TOML" in result.stdout
    assert sorted(p.name for p in config.iterdir()) == ["settings.toml", "state"]


def test_paths_follow_config_dir(config: Path) -> None:
    result = run("--config-dir", str(config), "paths")
    assert result.returncode == 0
    assert f"settings: {config}/settings.toml" in result.stdout
    assert f"history:  {config}/data/history.sqlite3" in result.stdout


def test_paths_honour_xdg_variables(tmp_path: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "XDG_STATE_HOME": str(tmp_path / "st"),
        "XDG_DATA_HOME": str(tmp_path / "dat"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "kindtray", "paths"], capture_output=True, text=True, env=env
    )
    assert f"settings: {tmp_path}/cfg/kindtray/settings.toml" in result.stdout
    assert f"state:    {tmp_path}/st/kindtray/state.toml" in result.stdout
    assert f"history:  {tmp_path}/dat/kindtray/history.sqlite3" in result.stdout


def test_without_a_runtime_dir_the_socket_lives_in_the_users_own_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kindtray.paths import default_paths

    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert default_paths().socket_name == f"{tmp_path}/state/kindtray/run/kindtray.sock"
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    assert default_paths().socket_name == f"{tmp_path}/run/kindtray/kindtray.sock"
