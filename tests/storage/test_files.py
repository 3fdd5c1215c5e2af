import os
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kindtray.core.clock import FakeClock
from kindtray.storage.files import (
    MAX_COPIES_ASIDE,
    atomic_write,
    copy_aside,
    ensure_private_dir,
    remove_stale_temp_files,
)
from kindtray.storage.tomlfile import read_toml


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_folder_kindtray_creates_is_private(tmp_path: Path) -> None:
    (tmp_path / "existing").mkdir(mode=0o755)
    ensure_private_dir(tmp_path / "existing" / "config" / "state")
    assert mode(tmp_path / "existing") == 0o755  # not ours: untouched
    assert mode(tmp_path / "existing" / "config") == 0o700
    assert mode(tmp_path / "existing" / "config" / "state") == 0o700


def test_atomic_write_creates_private_file_and_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "file.toml"
    atomic_write(target, b"x = 1\n")
    assert target.read_bytes() == b"x = 1\n"
    assert mode(target) == 0o600
    assert mode(tmp_path / "a") == 0o700 and mode(tmp_path / "a" / "b") == 0o700
    atomic_write(target, b"x = 2\n")
    assert target.read_bytes() == b"x = 2\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["file.toml"]


# -- temporary files a killed writer left behind ---------------------------------------------


@pytest.fixture
def dead_pid():
    # A process that has ended: its pid names a writer that can never finish its save.
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_a_temp_file_left_by_a_killed_writer_is_removed_by_the_next_save(tmp_path, dead_pid):
    target = tmp_path / "settings.toml"
    target.write_bytes(b"old")
    (tmp_path / f".settings.toml.{dead_pid}.abc123_x.tmp").write_bytes(b"half a fi")
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert leftovers(tmp_path) == []


def test_a_save_in_progress_in_a_live_process_is_left_alone(tmp_path):
    target = tmp_path / "settings.toml"
    # pid 1 always exists; our own pid is a save of this process.
    live = [".settings.toml.1.k2j3h4g5.tmp", f".settings.toml.{os.getpid()}.a1b2c3d4.tmp"]
    for name in live:
        (tmp_path / name).write_bytes(b"writing")
    atomic_write(target, b"new")
    assert leftovers(tmp_path) == sorted(live)


def test_only_files_named_like_our_temp_files_are_touched(tmp_path, dead_pid):
    target = tmp_path / "settings.toml"
    others = [
        f".state.toml.{dead_pid}.abcd1234.tmp",  # another file's writer: its own save cleans it
        ".settings.toml.notapid.abcd1234.tmp",
        f"settings.toml.{dead_pid}.abcd1234.tmp",
        f".settings.toml.{dead_pid}.abcd1234.tmp.mine",
    ]
    for name in others:
        (tmp_path / name).write_bytes(b"keep me")
    assert remove_stale_temp_files(target) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(others)


def test_loading_removes_leftovers_but_a_read_only_check_does_not(tmp_path, dead_pid):
    clock = FakeClock(datetime(2026, 11, 29, 10, 0, tzinfo=UTC))
    target = tmp_path / "settings.toml"
    target.write_text("schema = 1\n")
    stale = tmp_path / f".settings.toml.{dead_pid}.zzzzzzzz.tmp"
    stale.write_bytes(b"")
    read_toml(target, clock, keep_backup=False)
    assert stale.exists()
    assert read_toml(target, clock).document == {"schema": 1}
    assert not stale.exists()


def test_housekeeping_never_stops_a_save(tmp_path, monkeypatch):
    target = tmp_path / "sub" / "settings.toml"

    def unreadable_dir(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(tmp_path), "iterdir", unreadable_dir)
    atomic_write(target, b"fine")
    assert target.read_bytes() == b"fine"


def test_only_the_newest_copies_aside_are_kept(tmp_path: Path) -> None:
    broken = tmp_path / "settings.toml"
    for n in range(MAX_COPIES_ASIDE + 15):
        broken.write_text(f"broken {n} = [\n")
        newest = copy_aside(broken, f".corrupt-2026120{n:03d}")
    copies = sorted(tmp_path.glob("settings.toml.corrupt-*"))
    assert len(copies) == MAX_COPIES_ASIDE
    assert newest in copies and newest.read_text() == broken.read_text()
