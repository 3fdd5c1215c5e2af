"""Every command is quiet when its reader is gone (``kindtray phrases | head -1``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXIT_CLOSED_PIPE = 128 + 13  # as if SIGPIPE ended it

COMMANDS = [
    ["phrases"],
    ["schedule", "--days", "7"],
    ["paths"],
    ["check-config"],
    ["stats"],
    ["status"],
    ["--help"],
    ["--version"],
]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGPIPE and closed pipes are POSIX")
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path, command: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    try:
        done = subprocess.run(
            [sys.executable, "-m", "kindtray", "--config-dir", str(tmp_path), *command],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode in (0, EXIT_CLOSED_PIPE)
