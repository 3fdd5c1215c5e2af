"""The user-level desktop entry and icon: written when missing, refreshed when ours, else left."""

from __future__ import annotations

import logging
import os
import shutil
import stat
import subprocess
from configparser import ConfigParser
from pathlib import Path

import pytest

from kindtray.assets import find_resource
from kindtray.system.desktop_entry import (
    APP_ID,
    MARK,
    DesktopEntry,
    Outcome,
    data_dirs,
    data_home,
    ensure_desktop_entry,
)

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGED = ROOT / "packaging" / "linux" / f"{APP_ID}.desktop"
ICON = find_resource("icons", "kindtray.svg")
COMMAND = ["/opt/kindtray env/bin/kindtray"]


def make(tmp_path: Path, command: list[str] = COMMAND) -> DesktopEntry:
    return DesktopEntry(tmp_path / "data", [tmp_path / "system"], command, ICON)


def parse(text: str) -> ConfigParser:
    parser = ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(text)
    return parser


def test_a_first_start_installs_the_entry_and_the_icon_privately(tmp_path: Path) -> None:
    entry = make(tmp_path)
    assert entry.ensure() is Outcome.WRITTEN
    assert entry.path == tmp_path / "data" / "applications" / f"{APP_ID}.desktop"
    assert entry.icon_path.read_bytes() == ICON.read_bytes()
    assert entry.icon_path.parent == tmp_path / "data/icons/hicolor/scalable/apps"
    main = parse(entry.path.read_text())["Desktop Entry"]
    assert main["Exec"] == '"/opt/kindtray env/bin/kindtray"'
    assert main["TryExec"] == COMMAND[0]
    assert main["Icon"] == APP_ID and main["Name"] == "kindtray"
    for path in (entry.path, entry.icon_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(entry.path.parent.stat().st_mode) == 0o700


def test_the_entry_passes_desktop_file_validate(tmp_path: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        reason = "desktop-file-validate is not installed (apt-get install desktop-file-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; CI=true needs it")
        print(reason)
        pytest.skip(reason)
    entry = make(tmp_path, ["/usr/bin/python3", "-m", "kindtray"])
    entry.ensure()
    result = subprocess.run([tool, str(entry.path)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_it_says_what_the_packaged_entry_says_but_where_this_kindtray_is(tmp_path: Path) -> None:
    # install.sh (the archive) and a run from a checkout or a pip install show the same app.
    ours = parse(make(tmp_path).entry_text())
    packaged = parse(PACKAGED.read_text())
    assert ours.sections() == packaged.sections()
    own = {"Exec", "TryExec", MARK}
    for section in packaged.sections():
        mine = {k: v for k, v in ours[section].items() if k not in own}
        theirs = {k: v for k, v in packaged[section].items() if k not in own}
        assert mine == theirs, section
    assert ours["Desktop Action Break"]["Exec"] == '"/opt/kindtray env/bin/kindtray" break'


def test_a_second_start_changes_nothing(tmp_path: Path) -> None:
    entry = make(tmp_path)
    entry.ensure()
    before = (entry.path.stat().st_ino, entry.icon_path.stat().st_ino)
    assert make(tmp_path).ensure() is Outcome.CURRENT
    assert (entry.path.stat().st_ino, entry.icon_path.stat().st_ino) == before


def test_our_outdated_entry_and_icon_are_refreshed(tmp_path: Path) -> None:
    make(tmp_path, ["/old/place/kindtray"]).ensure()
    entry = make(tmp_path)
    entry.icon_path.write_bytes(b"<svg>an older icon of ours</svg>")
    assert entry.ensure() is Outcome.UPDATED
    assert "/opt/kindtray env/bin/kindtray" in entry.path.read_text()
    assert entry.icon_path.read_bytes() == ICON.read_bytes()


def test_an_entry_the_user_edited_is_left_alone(tmp_path: Path) -> None:
    entry = make(tmp_path, ["/old/place/kindtray"])
    entry.ensure()
    edited = entry.path.read_text().replace("Name=kindtray", "Name=My breaks")
    entry.path.write_text(edited)
    assert make(tmp_path).ensure() is Outcome.NOT_OURS
    assert entry.path.read_text() == edited


def test_install_sh_s_entry_and_icon_are_left_alone(tmp_path: Path) -> None:
    entry = make(tmp_path)
    installed = PACKAGED.read_text().replace("Exec=kindtray", 'Exec="/home/u/.local/lib/x"')
    entry.path.parent.mkdir(parents=True)
    entry.path.write_text(installed)
    entry.icon_path.parent.mkdir(parents=True)
    entry.icon_path.write_bytes(b"<svg>install.sh's copy</svg>")
    assert entry.ensure() is Outcome.NOT_OURS
    assert entry.path.read_text() == installed
    assert entry.icon_path.read_bytes() == b"<svg>install.sh's copy</svg>"


def test_someone_else_s_icon_stays_beside_a_new_entry(tmp_path: Path) -> None:
    entry = make(tmp_path)
    entry.icon_path.parent.mkdir(parents=True)
    entry.icon_path.write_bytes(b"<svg>the user's own</svg>")
    assert entry.ensure() is Outcome.WRITTEN
    assert entry.icon_path.read_bytes() == b"<svg>the user's own</svg>"


def test_a_system_wide_entry_means_nothing_is_written(tmp_path: Path) -> None:
    system = tmp_path / "system" / "applications"
    system.mkdir(parents=True)
    (system / f"{APP_ID}.desktop").write_text(PACKAGED.read_text())
    entry = make(tmp_path)
    assert entry.ensure() is Outcome.SYSTEM
    assert not (tmp_path / "data").exists()


def test_nothing_is_written_outside_the_data_directory(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "applications").symlink_to(elsewhere)
    assert make(tmp_path).ensure() is Outcome.OUTSIDE
    assert list(elsewhere.iterdir()) == []
    assert not (tmp_path / "data" / "icons").exists()


def test_a_symlinked_entry_is_not_ours(tmp_path: Path) -> None:
    entry = make(tmp_path)
    mine = entry.path.parent / "mine.desktop"
    mine.parent.mkdir(parents=True)
    mine.write_text(make(tmp_path).entry_text())
    entry.path.symlink_to(mine)
    assert entry.ensure() is Outcome.NOT_OURS


def test_the_data_directories_follow_the_xdg_spec(tmp_path: Path) -> None:
    home = tmp_path
    assert data_home({}, home) == home / ".local" / "share"
    assert data_home({"XDG_DATA_HOME": "relative/dir"}, home) == home / ".local" / "share"
    assert data_home({"XDG_DATA_HOME": "/x/data"}, home) == Path("/x/data")
    assert data_dirs({}) == [Path("/usr/local/share"), Path("/usr/share")]
    assert data_dirs({"XDG_DATA_DIRS": "/a:rel:/b"}) == [Path("/a"), Path("/b")]


def test_only_xdg_systems_get_an_entry(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_DATA_DIRS": str(tmp_path / "sys")}
    assert ensure_desktop_entry(ICON, env, "win32") is None
    assert ensure_desktop_entry(ICON, env, "darwin") is None
    assert not (tmp_path / "data").exists()
    assert ensure_desktop_entry(ICON, env, "linux") is Outcome.WRITTEN
    assert (tmp_path / "data" / "applications" / f"{APP_ID}.desktop").exists()


def test_a_failed_write_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o500)
    if os.access(data, os.W_OK):  # root writes anyway: a file where the folder must go
        data.chmod(0o700)
        (data / "applications").write_text("not a folder")
    env = {"XDG_DATA_HOME": str(data), "XDG_DATA_DIRS": str(tmp_path / "sys")}
    with caplog.at_level(logging.WARNING):
        assert ensure_desktop_entry(ICON, env, "linux") is None
    assert "could not install the desktop entry" in caplog.text
