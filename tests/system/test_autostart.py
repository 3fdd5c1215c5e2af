"""Start at login: each platform's entry is written, read back and removed, only ours."""

from __future__ import annotations

import os
import plistlib
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kindtray.system.autostart import (
    ENTRY_NAME,
    RUN_KEY,
    AutostartError,
    MacAutostart,
    NoAutostart,
    WindowsAutostart,
    XdgAutostart,
    default_autostart,
    exec_value,
    launch_command,
    xdg_config_home,
)


def desktop_file_validate(path: Path) -> None:
    """Run desktop-file-validate on ``path``; skip (with the reason) when it is missing."""
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "desktop-file-validate is needed in CI (apt-get install desktop-file-utils)"
            )
        pytest.skip("desktop-file-validate not installed (apt-get install desktop-file-utils)")
    result = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout


# -- the command --------------------------------------------------------------------------


def test_frozen_bundle_starts_itself(tmp_path: Path) -> None:
    exe = tmp_path / "kindtray.exe"
    assert launch_command("whatever", str(exe), frozen=True) == [str(exe)]


def test_installed_script_is_used_by_absolute_path(tmp_path: Path) -> None:
    script = tmp_path / "bin" / "kindtray"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n")
    assert launch_command(str(script), "/usr/bin/python3", frozen=False) == [str(script)]


def test_python_dash_m_falls_back_to_this_interpreter() -> None:
    command = launch_command("/x/src/kindtray/__main__.py", "/opt/py/bin/python3", frozen=False)
    assert command == ["/opt/py/bin/python3", "-m", "kindtray"]


# -- Linux / XDG ----------------------------------------------------------------------------


def test_xdg_config_home_honours_the_variable_and_ignores_relative_paths(tmp_path: Path) -> None:
    assert xdg_config_home({"XDG_CONFIG_HOME": str(tmp_path)}, Path("/h")) == tmp_path
    assert xdg_config_home({"XDG_CONFIG_HOME": "rel/dir"}, Path("/h")) == Path("/h/.config")
    assert xdg_config_home({}, Path("/h")) == Path("/h/.config")


def test_exec_quotes_reserved_characters_per_the_spec() -> None:
    assert exec_value(["/usr/bin/kindtray"]) == "/usr/bin/kindtray"
    # A space needs quotes; inside quotes $ and " get a backslash, which the string
    # escaping of the file doubles; % is doubled because it starts a field code.
    assert exec_value(["/home/a b/py", "-m", "kindtray"]) == '"/home/a b/py" -m kindtray'
    assert exec_value(['/o$d/"q"']) == '"/o\\\\$d/\\\\"q\\\\""'
    assert exec_value(["/100%/py"]) == "/100%%/py"


def test_enable_writes_a_valid_entry_and_disable_removes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    entry = XdgAutostart(xdg_config_home(), ["/opt/my apps/python3", "-m", "kindtray"])
    path = tmp_path / "cfg" / "autostart" / "kindtray.desktop"
    assert not entry.is_enabled()

    entry.enable()
    assert path.is_file()
    assert entry.is_enabled()
    assert 'Exec="/opt/my apps/python3" -m kindtray\n' in path.read_text()
    desktop_file_validate(path)

    entry.disable()
    assert not path.exists()
    assert not entry.is_enabled()
    entry.disable()  # already off: nothing to do, no error


def test_entry_for_this_process_validates(tmp_path: Path) -> None:
    entry = XdgAutostart(tmp_path, launch_command())
    entry.enable()
    desktop_file_validate(entry.path)


def test_disable_leaves_other_autostart_entries_alone(tmp_path: Path) -> None:
    other = tmp_path / "autostart" / "other.desktop"
    other.parent.mkdir()
    other.write_text("[Desktop Entry]\nType=Application\nName=other\nExec=other\n")
    entry = XdgAutostart(tmp_path, ["/usr/bin/kindtray"])
    entry.enable()
    entry.disable()
    assert other.read_text().startswith("[Desktop Entry]")


def test_an_entry_the_desktop_switched_off_reads_as_off(tmp_path: Path) -> None:
    entry = XdgAutostart(tmp_path, ["/usr/bin/kindtray"])
    entry.enable()
    entry.path.write_text(entry.entry_text().replace("enabled=true", "enabled=false"))
    assert not entry.is_enabled()
    entry.path.write_text(entry.entry_text() + "Hidden=true\n")
    assert not entry.is_enabled()


def test_enable_failure_is_a_plain_autostart_error(tmp_path: Path) -> None:
    blocker = tmp_path / "autostart"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(AutostartError, match="could not save"):
        XdgAutostart(tmp_path, ["/usr/bin/kindtray"]).enable()


# -- Windows (a fake winreg) --------------------------------------------------------------


class FakeKey:
    def __init__(self, values: dict[str, tuple[int, str]]) -> None:
        self.values = values

    def __enter__(self) -> FakeKey:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class FakeWinreg:
    """The few winreg functions the Run key needs, over a dict of key path -> values."""

    HKEY_CURRENT_USER = "HKCU"
    KEY_READ = 1
    KEY_SET_VALUE = 2
    REG_SZ = 1

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, tuple[int, str]]] = {}

    def OpenKey(self, root: str, sub: str, reserved: int, access: int) -> FakeKey:
        if f"{root}\\{sub}" not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return FakeKey(self.keys[f"{root}\\{sub}"])

    def CreateKeyEx(self, root: str, sub: str, reserved: int, access: int) -> FakeKey:
        return FakeKey(self.keys.setdefault(f"{root}\\{sub}", {}))

    def QueryValueEx(self, key: FakeKey, name: str) -> tuple[str, int]:
        if name not in key.values:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        kind, value = key.values[name]
        return value, kind

    def SetValueEx(self, key: FakeKey, name: str, reserved: int, kind: int, value: Any) -> None:
        key.values[name] = (kind, value)

    def DeleteValue(self, key: FakeKey, name: str) -> None:
        if name not in key.values:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        del key.values[name]


def test_windows_run_value_on_and_off_keeps_other_programs() -> None:
    registry = FakeWinreg()
    registry.keys[f"HKCU\\{RUN_KEY}"] = {"OneDrive": (1, "onedrive.exe /background")}
    entry = WindowsAutostart([r"C:\Program Files\kindtray\kindtray.exe"], registry)
    assert not entry.is_enabled()

    entry.enable()
    assert entry.is_enabled()
    run = registry.keys[f"HKCU\\{RUN_KEY}"]
    assert run[ENTRY_NAME] == (1, '"C:\\Program Files\\kindtray\\kindtray.exe"')

    entry.disable()
    assert not entry.is_enabled()
    assert run == {"OneDrive": (1, "onedrive.exe /background")}
    entry.disable()  # already off


def test_windows_without_a_run_key_yet() -> None:
    registry = FakeWinreg()
    entry = WindowsAutostart(["C:\\kt\\kindtray.exe"], registry)
    assert not entry.is_enabled()
    entry.disable()
    entry.enable()
    assert registry.keys[f"HKCU\\{RUN_KEY}"][ENTRY_NAME] == (1, "C:\\kt\\kindtray.exe")


# -- macOS --------------------------------------------------------------------------------


def test_mac_launch_agent_on_and_off(tmp_path: Path) -> None:
    agents = tmp_path / "Library" / "LaunchAgents"
    entry = MacAutostart(agents, ["/Applications/kindtray.app/Contents/MacOS/kindtray"])
    assert not entry.is_enabled()

    entry.enable()
    plist = plistlib.loads(entry.path.read_bytes())
    assert plist["ProgramArguments"] == ["/Applications/kindtray.app/Contents/MacOS/kindtray"]
    assert plist["RunAtLoad"] is True
    assert plist["Label"] == entry.path.stem
    assert entry.is_enabled()

    other = agents / "com.example.other.plist"
    other.write_bytes(plistlib.dumps({"Label": "com.example.other"}))
    entry.disable()
    assert not entry.path.exists()
    assert other.exists()
    assert not entry.is_enabled()


def test_mac_unreadable_plist_reads_as_off(tmp_path: Path) -> None:
    entry = MacAutostart(tmp_path, ["/x/kindtray"])
    entry.path.write_bytes(b"not a plist")
    assert not entry.is_enabled()


# -- choosing ------------------------------------------------------------------------------


def test_each_platform_gets_its_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    linux = default_autostart("linux")
    assert isinstance(linux, XdgAutostart)
    assert linux.path == tmp_path / "autostart" / "kindtray.desktop"
    assert isinstance(default_autostart("darwin"), MacAutostart)
    if sys.platform != "win32":  # no winreg here: the safe fallback
        assert isinstance(default_autostart("win32"), NoAutostart)
    assert isinstance(default_autostart("plan9"), NoAutostart)


def test_fallback_is_off_and_says_why() -> None:
    entry = NoAutostart()
    assert not entry.supported
    assert not entry.is_enabled()
    entry.disable()
    with pytest.raises(AutostartError, match="not supported"):
        entry.enable()
