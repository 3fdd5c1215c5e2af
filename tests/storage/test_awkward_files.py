"""Awkward things in the settings and phrases paths: pipes, devices, huge files, a BOM.

A FIFO once made kindtray, check-config, schedule and doctor hang before doing anything; a
symlink to /dev/zero ate gigabytes; a 50 MB file took seconds. Now only regular files are
read, without blocking and up to 1 MB, and the message names the file.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kindtray.core.clock import FakeClock
from kindtray.storage.files import MAX_READ_BYTES
from kindtray.storage.phrase_store import load_library
from kindtray.storage.tomlfile import read_toml

CLOCK = FakeClock(datetime(2026, 12, 1, 9, tzinfo=UTC))
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")


def kindtray(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    def small_memory() -> None:  # a reader that follows /dev/zero must fail, not eat the machine
        resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))

    return subprocess.run(
        [sys.executable, "-m", "kindtray", "--config-dir", str(config), *args],
        capture_output=True,
        text=True,
        timeout=20,
        preexec_fn=small_memory,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


@pytest.mark.parametrize("name", ["settings.toml", "phrases.toml"])
@pytest.mark.parametrize("command", ["check-config", "schedule", "phrases"])
def test_a_fifo_does_not_hang_kindtray(tmp_path: Path, name: str, command: str) -> None:
    os.mkfifo(tmp_path / name)
    done = kindtray(tmp_path, command)  # on a blocking open this never returns
    said = done.stdout + done.stderr
    if name == "settings.toml" and command != "phrases":
        assert f"{tmp_path / name}: could not be read (it is a pipe or a device" in said
    if name == "phrases.toml" and command == "phrases":
        assert f"{tmp_path / name}" in said and "pipe or a device" in said


def test_a_link_to_dev_zero_is_refused_without_eating_memory(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").symlink_to("/dev/zero")
    done = kindtray(tmp_path, "check-config")
    assert "Traceback" not in done.stderr
    assert "pipe or a device, not a regular file" in done.stdout + done.stderr


def test_a_file_over_the_limit_is_refused_with_its_name(tmp_path: Path) -> None:
    big = tmp_path / "settings.toml"
    big.write_bytes(b"# " + b"x" * MAX_READ_BYTES + b"\n")
    read = read_toml(big, CLOCK, keep_backup=False)
    assert read.document is None and not read.writable
    assert read.messages[0].startswith(f"{big}: could not be read (it is larger than 1 MB")


def test_a_phrases_file_over_the_limit_is_refused_with_its_name(tmp_path: Path) -> None:
    big = tmp_path / "phrases.toml"
    big.write_bytes(b"# " + b"x" * MAX_READ_BYTES + b"\n")
    _, problems = load_library(big)
    assert any(str(big) in p and "larger than 1 MB" in p for p in problems)


def test_a_byte_order_mark_in_settings_is_accepted(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_bytes(b"\xef\xbb\xbf[reminders]\ninterval_minutes = 45\n")
    read = read_toml(settings, CLOCK, keep_backup=False)
    assert read.document == {"reminders": {"interval_minutes": 45}}
