"""A full disk or a read-only config dir: a clear SaveError, and the old files stay as they were.

Two ways in: errors injected at each step of a save (creating the temporary file, writing,
syncing, renaming), and, when the tests run as root, a real 16 KiB tmpfs that is filled up
and then remounted read-only. Running as root, chmod cannot make a directory read-only, so a
mount is the honest test of "read-only"; without permission to mount those cases are skipped
with the reason printed.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kindtray.core.clock import FakeClock
from kindtray.core.settings import Settings
from kindtray.core.state import State
from kindtray.storage.files import SaveError
from kindtray.storage.history import History
from kindtray.storage.settings_store import SettingsStore
from kindtray.storage.state_store import StateStore
from tests.reliability import killer

CLOCK = FakeClock(datetime(2026, 11, 29, 10, 0, tzinfo=UTC))
REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
}
STEPS = ("create", "write", "sync", "rename")


class Target:
    """One of kindtray's TOML files, saved through its real store."""

    def __init__(self, kind: str, directory: Path) -> None:
        self.kind = kind
        self.path = directory / f"{kind}.toml"

    def save(self, version: int) -> None:
        if self.kind == "settings":
            store = SettingsStore(self.path, CLOCK)
            store.load()
            store.save(killer.settings_version(version))
        else:
            StateStore(self.path, CLOCK).save(killer.state_version(version))

    def load(self) -> Settings | State:
        if self.kind == "settings":
            loaded = SettingsStore(self.path, CLOCK).load()
            assert loaded.problems == ()
            return loaded.settings
        store = StateStore(self.path, CLOCK)
        state = store.load()
        assert store.messages == ()
        return state

    def version(self, k: int) -> Settings | State:
        return killer.settings_version(k) if self.kind == "settings" else killer.state_version(k)


def inject(monkeypatch: pytest.MonkeyPatch, step: str, code: int) -> None:
    """Make one step of every save fail with ``code`` (as a full or read-only disk would)."""

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code))

    if step == "create":
        monkeypatch.setattr("tempfile.mkstemp", fail)
    elif step == "sync":
        monkeypatch.setattr(os, "fsync", fail)
    elif step == "rename":
        monkeypatch.setattr(os, "replace", fail)
    else:
        real_fdopen = os.fdopen

        class FailingWrite:
            def __init__(self, handle: Any) -> None:
                self.handle = handle

            def __enter__(self) -> FailingWrite:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def fileno(self) -> int:
                return int(self.handle.fileno())

            def write(self, data: bytes) -> int:
                raise OSError(code, os.strerror(code))

        monkeypatch.setattr(os, "fdopen", lambda *a, **k: FailingWrite(real_fdopen(*a, **k)))


def only_the_file(directory: Path, target: Target) -> None:
    assert sorted(p.name for p in directory.iterdir()) == [target.path.name]


@pytest.mark.parametrize("code", sorted(REASONS), ids=errno.errorcode.get)
@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("kind", ["settings", "state"])
def test_a_failed_save_says_why_and_keeps_the_old_file(kind, step, code, tmp_path, monkeypatch):
    target = Target(kind, tmp_path)
    target.save(1)
    before = target.path.read_bytes()
    with monkeypatch.context() as patch:
        inject(patch, step, code)
        with pytest.raises(SaveError) as raised:
            target.save(2)
    message = str(raised.value)
    assert str(target.path) in message
    assert REASONS[code] in message
    assert target.path.read_bytes() == before
    only_the_file(tmp_path, target)
    assert target.load() == target.version(1)
    target.save(2)  # once the disk has room again, saving simply works
    assert target.load() == target.version(2)


# -- a real tiny file system -----------------------------------------------------------------


def _mount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True, check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """Mounts a private tmpfs of a given size; skipped (with the reason) where that is denied."""
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        mount_point = tmp_path / f"disk-{size}"
        mount_point.mkdir()
        reason = None
        if shutil.which("mount") is None:
            reason = "no mount command"
        elif os.geteuid() != 0:
            reason = "mounting a tmpfs needs root"
        else:
            result = _mount(
                "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(mount_point)
            )
            if result.returncode != 0:
                reason = f"mount -t tmpfs was refused: {result.stderr.strip()}"
        if reason is not None:
            print(f"skipping the real-disk variant: {reason}")
            pytest.skip(reason)
        mounted.append(mount_point)
        return mount_point

    try:
        yield mount
    finally:
        for mount_point in mounted:
            subprocess.run(["umount", str(mount_point)], check=True)


@pytest.fixture
def tiny_disk(small_disk: Callable[[str], Path]) -> Path:
    """16 KiB: room for kindtray's TOML files and little else."""
    return small_disk("16k")


@pytest.fixture
def history_disk(small_disk: Callable[[str], Path]) -> Path:
    """256 KiB: SQLite's WAL and shared-memory files need a little more room to open at all."""
    return small_disk("256k")


def fill(directory: Path) -> Path:
    """Fill the file system under ``directory`` to the last byte; return the filler file."""
    filler = directory / "filler"
    with open(filler, "wb", buffering=0) as handle:
        for size in (4096, 512, 64, 1):
            while True:
                try:
                    handle.write(b"\0" * size)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break
    return filler


@pytest.mark.parametrize("kind", ["settings", "state"])
def test_a_full_disk_leaves_the_old_file_and_no_debris(kind, tiny_disk):
    target = Target(kind, tiny_disk)
    target.save(1)
    before = target.path.read_bytes()
    filler = fill(tiny_disk)
    with pytest.raises(SaveError, match="the disk is full"):
        target.save(2)
    assert target.path.read_bytes() == before
    filler.unlink()
    only_the_file(tiny_disk, target)
    target.save(2)
    assert target.load() == target.version(2)


@pytest.mark.parametrize("kind", ["settings", "state"])
def test_a_read_only_config_dir_leaves_the_old_file(kind, tiny_disk):
    target = Target(kind, tiny_disk)
    target.save(1)
    before = target.path.read_bytes()
    result = _mount("-o", "remount,ro", str(tiny_disk))
    assert result.returncode == 0, result.stderr
    with pytest.raises(SaveError, match="the file system is read-only"):
        target.save(2)
    assert target.path.read_bytes() == before
    assert target.load() == target.version(1)  # and reading still works


def test_a_disk_that_fills_up_keeps_every_break_already_in_the_history(history_disk):
    path = history_disk / "history.sqlite3"
    with History(path, CLOCK) as history:
        assert history.messages == ()
        for k in range(5):
            history.record(killer.history_row(k))
        filler = fill(history_disk)  # while kindtray runs
        failed_at = None
        for k in range(5, 2000):  # until the WAL has no room left for one more break
            try:
                history.record(killer.history_row(k))
            except SaveError as exc:
                assert str(path) in str(exc)
                failed_at = k
                break
        assert failed_at is not None, "the disk never filled up"
    filler.unlink()
    with History(path, CLOCK) as history:
        assert history.messages == ()
        assert history.count() == failed_at
        history.record(killer.history_row(failed_at))
        assert history.count() == failed_at + 1


def test_opening_the_history_on_a_full_disk_says_so_and_keeps_the_file(history_disk):
    path = history_disk / "history.sqlite3"
    with History(path, CLOCK) as history:
        for k in range(5):
            history.record(killer.history_row(k))
    filler = fill(history_disk)
    with History(path, CLOCK) as history:
        if not history.persistent:  # SQLite could not make its shared-memory file
            assert "breaks from this session are not saved" in history.messages[0]
            history.record(killer.history_row(5))  # the session goes on, in memory
        else:
            assert history.count() == 5
    filler.unlink()
    with History(path, CLOCK) as history:
        assert history.messages == ()
        assert history.count() == 5  # the in-memory break of that session was never written
        assert history.backup is None


def test_the_history_on_a_read_only_disk_is_read_and_left_alone(history_disk):
    path = history_disk / "history.sqlite3"
    with History(path, CLOCK) as history:
        for k in range(3):
            history.record(killer.history_row(k))
    before = {p.name: p.read_bytes() for p in history_disk.iterdir()}
    assert _mount("-o", "remount,ro", str(history_disk)).returncode == 0
    with History(path, CLOCK) as history:
        if history.persistent:
            assert history.count() == 3
            with pytest.raises(SaveError):
                history.record(killer.history_row(3))
        else:
            assert "could not be opened" in history.messages[0]
    assert {p.name: p.read_bytes() for p in history_disk.iterdir()} == before
