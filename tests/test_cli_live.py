"""Live commands from the terminal: what they send, what they print, how they exit."""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kindtray.cli import main
from kindtray.control import decode, encode
from kindtray.paths import default_paths
from kindtray.session.commands import parse_pause


@pytest.mark.parametrize(
    ("text", "request_"),
    [
        ("30m", {"minutes": 30}),
        ("1h", {"minutes": 60}),
        ("2h", {"minutes": 120}),
        ("45", {"minutes": 45}),
        ("90 min", {"minutes": 90}),
        ("tomorrow", {"until": "tomorrow"}),
        ("Tomorrow", {"until": "tomorrow"}),
    ],
)
def test_pause_lengths(text: str, request_: dict[str, object]) -> None:
    assert parse_pause(text) == request_


@pytest.mark.parametrize("text", ["", "0m", "25h", "soon", "-5m", "1d"])
def test_bad_pause_lengths(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="30m, 1h, 2h or tomorrow"):
        parse_pause(text)


def test_bad_pause_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--config-dir", str(tmp_path), "pause", "soon"])
    assert exit_info.value.code == 2
    assert "tomorrow" in capsys.readouterr().err


def test_status_when_not_running(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config-dir", str(tmp_path), "status"]) == 3
    assert capsys.readouterr().out == "not running\n"
    assert main(["--config-dir", str(tmp_path), "status", "--json"]) == 3
    assert json.loads(capsys.readouterr().out) == {"running": False}


def test_quit_when_not_running_is_fine(tmp_path: Path) -> None:
    assert main(["--config-dir", str(tmp_path), "quit"]) == 0


@pytest.mark.parametrize("command", [["resume"], ["pause", "1h"]])
def test_commands_that_need_a_running_kindtray(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config-dir", str(tmp_path), *command]) == 3
    assert "not running" in capsys.readouterr().err


class FakeInstance:
    """A stand-in for the running tray: answers one request per connection."""

    def __init__(self, socket_name: str, reply: dict[str, Any]) -> None:
        Path(socket_name).parent.mkdir(parents=True, exist_ok=True)
        self.server = socket.socket(socket.AF_UNIX)
        self.server.bind(socket_name)
        self.server.listen()
        self.reply = reply
        self.requests: list[dict[str, Any]] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            with client:
                self.requests.append(decode(client.recv(4096).split(b"\n")[0]))
                client.sendall(encode(self.reply))

    def close(self) -> None:
        self.server.close()


@pytest.fixture
def instance(tmp_path: Path) -> Iterator[FakeInstance]:
    fake = FakeInstance(
        default_paths(tmp_path).socket_name,
        {"exit": 0, "message": "Paused until 15:00", "status": {"paused": True}},
    )
    yield fake
    fake.close()


def test_pause_is_forwarded(
    tmp_path: Path, instance: FakeInstance, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config-dir", str(tmp_path), "pause", "1h"]) == 0
    assert instance.requests == [{"command": "pause", "minutes": 60}]
    assert capsys.readouterr().out == "Paused until 15:00\n"


def test_status_json_prints_the_instances_status(
    tmp_path: Path, instance: FakeInstance, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config-dir", str(tmp_path), "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"paused": True}


def test_a_second_start_only_forwards(
    tmp_path: Path, instance: FakeInstance, capsys: pytest.CaptureFixture[str]
) -> None:
    instance.reply = {"exit": 0, "message": "kindtray is already running"}
    assert main(["--config-dir", str(tmp_path)]) == 0
    assert instance.requests == [{"command": "hello"}]
    assert "already running" in capsys.readouterr().out


def test_live_commands_do_not_import_qt(tmp_path: Path) -> None:
    code = (
        "import sys; from kindtray.cli import main; "
        f"main(['--config-dir', {str(tmp_path)!r}, 'status']); "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "False"


@pytest.mark.skipif(sys.platform == "win32", reason="the lock is only asked on POSIX")
@pytest.mark.parametrize("command", [["status"], ["quit"], ["pause", "1h"], ["status", "--json"]])
def test_a_running_kindtray_whose_socket_is_gone_is_not_called_not_running(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    from kindtray.control import InstanceLock, lock_path

    socket_name = default_paths(tmp_path).socket_name
    running = InstanceLock(lock_path(socket_name))  # the instance lives; its socket was removed
    assert running.try_acquire()
    try:
        assert main(["--config-dir", str(tmp_path), *command]) == 1
    finally:
        running.release()
    said = capsys.readouterr()
    assert "not running" not in said.out
    assert f"kindtray is running (process {os.getpid()}), but its control socket" in said.err


def test_break_forwards_the_activation_token_it_was_given(
    tmp_path: Path, instance: FakeInstance, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A launcher or keyboard shortcut gives the command the desktop's permission to take the
    # focus; the running kindtray shows the window, so the token goes with the request.
    monkeypatch.setenv("XDG_ACTIVATION_TOKEN", "launcher-token")
    assert main(["--config-dir", str(tmp_path), "break"]) == 0
    assert main(["--config-dir", str(tmp_path), "pause", "1h"]) == 0
    assert instance.requests == [
        {"command": "break", "activation_token": "launcher-token"},
        {"command": "pause", "minutes": 60},
    ]
