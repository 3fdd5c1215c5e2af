"""The real app with its files on a full disk or a read-only file system.

kindtray must start, remind and answer commands from memory, tell the user once per problem
(not once per save), and leave the files that were there exactly as they were. The config dir
is a private tmpfs (root is needed to mount it; elsewhere the test is skipped with the
reason); the runtime dir inside it is a separate writable tmpfs, as XDG_RUNTIME_DIR would be.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from kindtray.core.clock import SystemClock
from kindtray.core.settings import Settings
from kindtray.core.state import State
from kindtray.storage.settings_store import SettingsStore
from kindtray.storage.state_store import StateStore
from tests.desktop.conftest import Desktop, wait_until

pytestmark = pytest.mark.desktop


def mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        reason = f"mount {' '.join(args)} was refused: {result.stderr.strip()}"
        print(reason)
        pytest.skip(reason)


@pytest.fixture
def mounts() -> Iterator[list[Path]]:
    if shutil.which("mount") is None or os.geteuid() != 0:
        reason = "mounting a tmpfs needs root and the mount command"
        print(reason)
        pytest.skip(reason)
    mounted: list[Path] = []
    try:
        yield mounted
    finally:
        for point in reversed(mounted):
            subprocess.run(["umount", str(point)], check=False)


def prepare(config: Path, mounted: list[Path], size: str) -> dict[Path, bytes]:
    """A config dir on its own tmpfs with settings, state and history; return the files."""
    config.mkdir()
    mount("-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(config))
    mounted.append(config)
    clock = SystemClock()
    store = SettingsStore(config / "settings.toml", clock)
    store.save(Settings().with_value("reminders.interval_minutes", 120), write_all=True)
    StateStore(config / "state" / "state.toml", clock).save(State(seed=5))
    (config / "run").mkdir(mode=0o700)
    (config / "data").mkdir(mode=0o700)
    return {p: p.read_bytes() for p in config.rglob("*") if p.is_file()}


def fill(directory: Path) -> None:
    with open(directory / "filler", "wb", buffering=0) as handle:
        for size in (4096, 512, 1):
            while True:
                try:
                    handle.write(b"\0" * size)
                except OSError:
                    break


def run_the_app(desktop: Desktop, stderr: Path) -> None:
    with open(stderr, "wb") as errors:
        app = subprocess.Popen(
            desktop.kindtray_args(), env=desktop.env, stdout=subprocess.DEVNULL, stderr=errors
        )
    desktop.processes.append(app)
    wait_until(lambda: desktop.status() or app.poll() is not None, 30, "kindtray to answer")
    assert app.poll() is None, stderr.read_text()
    assert desktop.kindtray("remind").returncode == 0
    wait_until(lambda: "kindtray" in desktop.dunst_printed(), 10, "the reminder in dunst")
    for command in (("pause", "30m"), ("resume",), ("remind",), ("pause", "1h"), ("resume",)):
        result = desktop.kindtray(*command)
        assert result.returncode == 0, result.stdout + result.stderr
    assert desktop.kindtray("quit").returncode == 0
    app.wait(timeout=30)


@pytest.mark.parametrize("disk", ["read-only", "full"])
def test_the_app_starts_reminds_and_warns_once(desktop: Desktop, mounts, disk) -> None:
    desktop.start()
    before = prepare(desktop.config, mounts, "256k")
    if disk == "full":
        fill(desktop.config)
        before[desktop.config / "filler"] = (desktop.config / "filler").read_bytes()
    else:
        mount("-o", "remount,ro", str(desktop.config))
    # The runtime dir stays writable, as XDG_RUNTIME_DIR would be.
    mount("-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", str(desktop.config / "run"))
    mounts.append(desktop.config / "run")

    stderr = desktop.base / "stderr.txt"
    run_the_app(desktop, stderr)

    said = stderr.read_text()
    print(said)
    assert "Traceback" not in said
    problems = [line for line in said.splitlines() if "state.toml" in line]
    assert len(problems) == 1, f"one warning about the state file, not {len(problems)}"
    reason = "read-only" if disk == "read-only" else "the disk is full"
    assert reason in problems[0]
    for path, content in before.items():
        assert path.read_bytes() == content, f"{path} changed"
