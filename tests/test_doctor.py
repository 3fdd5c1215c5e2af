"""``kindtray doctor`` without a desktop: stable JSON, honest exit status, files checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kindtray.cli import main
from kindtray.paths import default_paths
from kindtray.ui.doctor import collect, has_display, render_text, sound_check
from kindtray.ui.notify.chain import first_usable, route_order

KINDTRAY = Path(sys.executable).parent / "kindtray"

# Pinned here, not imported: a bug report tool must not change its keys by accident.
TOP_KEYS = [
    "schema",
    "can_remind",
    "reason",
    "versions",
    "display",
    "tray",
    "notifications",
    "sleep_signal",
    "sound",
    "presence",
    "autostart",
    "files",
    "paths",
]
SECTION_KEYS = {
    "versions": ["kindtray", "python", "qt", "pyside6", "os"],
    "display": ["available", "qt_platform", "session_type", "desktop"],
    "tray": ["available", "supports_messages", "advice"],
    "notifications": ["route", "route_why", "routes", "service", "test"],
    "sleep_signal": ["system_bus", "logind", "detail"],
    "sound": ["player", "program", "detail"],
    "autostart": ["supported", "enabled", "entry", "valid", "detail"],
    "files": ["settings", "state"],
    "paths": ["settings", "phrases", "state", "history", "log"],
}
SERVICE_KEYS = ["name", "available", "server", "capabilities", "actions", "error"]
FILE_KEYS = ["path", "exists", "valid", "messages"]
ROUTE_KEYS = ["name", "usable", "problem"]
PRESENCE_KEYS = ["name", "reason", "works", "why_not", "now", "switched_on"]


@pytest.fixture
def no_session_bus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)


def test_json_keys_are_stable(qapp: QApplication, tmp_path: Path, no_session_bus: None) -> None:
    report = collect(default_paths(tmp_path))
    assert list(report) == TOP_KEYS
    for section, keys in SECTION_KEYS.items():
        assert list(report[section]) == keys, section
    assert list(report["notifications"]["service"]) == SERVICE_KEYS
    for item in report["notifications"]["routes"]:
        assert list(item) == ROUTE_KEYS
    for name in ("settings", "state"):
        assert list(report["files"][name]) == FILE_KEYS
    assert report["presence"], "doctor lists the presence sources"
    for item in report["presence"]:
        assert list(item) == PRESENCE_KEYS
    assert report["schema"] == 1
    json.dumps(report)  # everything in it is plain JSON


def test_offscreen_without_a_bus_cannot_remind_and_says_why_first(
    qapp: QApplication, tmp_path: Path, no_session_bus: None, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--config-dir", str(tmp_path), "doctor"])
    out = capsys.readouterr().out
    assert status == 1
    first = out.splitlines()[0]
    assert first.startswith("kindtray cannot remind you here: there is no display")
    assert "AppIndicator" in out  # how to get a tray on GNOME
    assert "DBUS_SESSION_BUS_ADDRESS is not set" in " ".join(out.split())
    assert f"log: {tmp_path / 'state' / 'kindtray.log'}" in out


def test_json_for_a_bug_report(
    qapp: QApplication, tmp_path: Path, no_session_bus: None, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--config-dir", str(tmp_path), "doctor", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert status == 1
    assert report["can_remind"] is False
    assert report["notifications"]["route"] is None
    assert [r["name"] for r in report["notifications"]["routes"]] == ["freedesktop", "window"]
    assert report["display"] == {
        "available": False,
        "qt_platform": "offscreen",
        "session_type": os.environ.get("XDG_SESSION_TYPE") or None,
        "desktop": os.environ.get("XDG_CURRENT_DESKTOP") or None,
    }


def test_settings_and_state_problems_are_reported_with_their_messages(
    qapp: QApplication, tmp_path: Path, no_session_bus: None
) -> None:
    paths = default_paths(tmp_path)
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text("[reminders]\ninterval_minutes = 3\n")
    before = paths.settings_file.read_bytes()
    report = collect(paths)
    settings = report["files"]["settings"]
    assert settings["exists"] is True and settings["valid"] is False
    assert "interval_minutes" in settings["messages"][0]
    assert "a whole number from 10 to 480" in settings["messages"][0]
    assert report["files"]["state"] == {
        "path": str(paths.state_file),
        "exists": False,
        "valid": True,
        "messages": [],
    }
    assert "interval_minutes" in render_text(report)
    assert paths.settings_file.read_bytes() == before  # a check never rewrites the file
    assert not paths.state_file.exists()


def test_no_display_at_all_is_reported_not_a_crash(tmp_path: Path) -> None:
    # Without DISPLAY and QT_QPA_PLATFORM, Qt would abort the process; doctor goes offscreen.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "DBUS_SESSION_BUS_ADDRESS")
    }
    result = subprocess.run(
        [str(KINDTRAY), "--config-dir", str(tmp_path), "doctor"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("kindtray cannot remind you here: there is no display")
    assert "Traceback" not in result.stderr


def test_route_order_is_the_chains_order_on_each_platform() -> None:
    assert route_order("linux", True) == ("freedesktop", "tray-message", "window")
    assert route_order("linux", False) == ("freedesktop", "window")
    assert route_order("win32", True) == ("tray-message", "plyer", "window")
    assert route_order("darwin", False) == ("plyer", "window")
    assert route_order("freebsd14", False) == ("freedesktop", "plyer", "window")


def test_first_usable_route_wins() -> None:
    order = ("freedesktop", "tray-message", "window")
    assert first_usable(order, {"freedesktop": "no bus", "tray-message": None}) == "tray-message"
    assert first_usable(order, {"freedesktop": "no bus", "window": None}) == "window"
    assert first_usable(order, {n: "broken" for n in order}) is None


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb:offscreen"}, "linux", True),
        ({}, "win32", True),
    ],
)
def test_has_display(environ: dict[str, str], platform: str, expected: bool) -> None:
    assert has_display(environ, platform) is expected


def test_doctor_names_the_chimes_player_or_says_there_is_none(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    found = {"paplay": "/usr/bin/paplay", "aplay": "/usr/bin/aplay"}
    monkeypatch.setattr("shutil.which", found.get)
    monkeypatch.setattr("sys.platform", "linux")
    (tmp_path / "pulse").mkdir()
    (tmp_path / "pulse" / "native").touch()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert sound_check() == {
        "player": "paplay",
        "program": "/usr/bin/paplay",
        "detail": "paplay (/usr/bin/paplay)",
    }
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert sound_check()["detail"] == (
        "no player found (looked for pw-play, paplay, aplay, where pw-play and paplay need "
        "their sound server running): the chime stays silent"
    )
