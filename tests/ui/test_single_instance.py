"""One process per user: commands reach the running instance; a crash's leftovers are recovered."""

from __future__ import annotations

import errno
import gc
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kindtray.control import InstanceLock, Reply, become_primary_or_forward, send_command
from kindtray.ui.single_instance import MAX_CONNECTIONS, CommandServer


@pytest.fixture
def socket_name(tmp_path: Path) -> str:
    return str(tmp_path / "run" / "kindtray.sock")


class Received:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []

    def __call__(self, request: dict[str, Any]) -> Reply:
        self.requests.append(request)
        if request.get("command") == "boom":
            raise RuntimeError("a bug in a command handler")
        return Reply(0, f"did {request.get('command')}", {"paused": False})


@pytest.fixture
def server(qtbot: QtBot, socket_name: str) -> Iterator[tuple[CommandServer, Received]]:
    received = Received()
    server = CommandServer(socket_name, received)
    server.listen()
    yield server, received
    server.close()


def in_thread(qtbot: QtBot, call: Callable[[], object]) -> object:
    """Run a blocking client call while the Qt event loop serves it."""
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(call()), daemon=True)
    thread.start()
    qtbot.waitUntil(lambda: bool(result), timeout=5000)
    thread.join()
    return result[0]


def test_a_command_is_forwarded_and_answered(
    qtbot: QtBot, server: tuple[CommandServer, Received], socket_name: str
) -> None:
    _, received = server
    reply = in_thread(qtbot, lambda: send_command(socket_name, {"command": "pause", "minutes": 30}))
    assert reply == Reply(0, "did pause", {"paused": False})
    assert received.requests == [{"command": "pause", "minutes": 30}]


def test_many_clients_one_after_another(
    qtbot: QtBot, server: tuple[CommandServer, Received], socket_name: str
) -> None:
    for n in range(5):
        request = {"command": f"c{n}"}
        reply = in_thread(qtbot, lambda: send_command(socket_name, request))  # noqa: B023
        assert isinstance(reply, Reply)
        assert reply.message == f"did c{n}"


def test_a_failing_command_is_answered_and_the_server_keeps_going(
    qtbot: QtBot, server: tuple[CommandServer, Received], socket_name: str
) -> None:
    reply = in_thread(qtbot, lambda: send_command(socket_name, {"command": "boom"}))
    assert isinstance(reply, Reply)
    assert reply.exit == 1
    reply = in_thread(qtbot, lambda: send_command(socket_name, {"command": "status"}))
    assert isinstance(reply, Reply)
    assert reply.exit == 0


def test_garbage_gets_a_usage_error(
    qtbot: QtBot, server: tuple[CommandServer, Received], socket_name: str
) -> None:
    def raw() -> bytes:
        with socket.socket(socket.AF_UNIX) as client:
            client.settimeout(5)
            client.connect(socket_name)
            client.sendall(b"not json\n")
            return client.recv(4096)

    answer = in_thread(qtbot, raw)
    assert isinstance(answer, bytes)
    assert b'"exit":2' in answer


def test_nobody_listening_means_not_running(socket_name: str) -> None:
    assert send_command(socket_name, {"command": "status"}) is None


def make_stale_socket(path: str) -> None:
    """What a crashed kindtray leaves: a socket file that nobody listens on."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    dead = socket.socket(socket.AF_UNIX)
    dead.bind(path)
    dead.close()


def test_a_stale_socket_from_a_crash_is_recovered(qtbot: QtBot, socket_name: str) -> None:
    make_stale_socket(socket_name)
    assert send_command(socket_name, {"command": "status"}) is None  # refused, not an error
    outcome = become_primary_or_forward(socket_name, {"command": "hello"}, timeout=1)
    assert isinstance(outcome, InstanceLock)
    received = Received()
    server = CommandServer(socket_name, received)
    server.listen()
    reply = in_thread(qtbot, lambda: send_command(socket_name, {"command": "status"}))
    assert isinstance(reply, Reply)
    assert reply.message == "did status"
    server.close()
    outcome.release()


def test_a_second_start_forwards_to_the_running_one(
    qtbot: QtBot, server: tuple[CommandServer, Received], socket_name: str
) -> None:
    running = InstanceLock(Path(socket_name).with_suffix(".lock"))
    assert running.try_acquire()
    outcome = in_thread(
        qtbot, lambda: become_primary_or_forward(socket_name, {"command": "hello"}, timeout=2)
    )
    assert isinstance(outcome, Reply)
    assert outcome.message == "did hello"
    running.release()


def raw_exchange(socket_name: str, data: bytes) -> bytes:
    with socket.socket(socket.AF_UNIX) as client:
        client.settimeout(5)
        client.connect(socket_name)
        client.sendall(data)
        with client.makefile("rb") as replies:
            return replies.readline()


def test_deeply_nested_json_is_answered_with_an_error(
    qtbot: QtBot, server: tuple[CommandServer, Received], socket_name: str
) -> None:
    answer = in_thread(qtbot, lambda: raw_exchange(socket_name, b"[" * 60_000 + b"\n"))
    assert isinstance(answer, bytes)
    assert b'"exit":2' in answer
    assert b"nested too deeply" in answer


def live_wrappers() -> int:
    """Python wrappers of sockets and notifiers still alive (each one holds about 1 KB)."""
    gc.collect()
    return sum(type(o).__name__ in {"QLocalSocket", "QSocketNotifier"} for o in gc.get_objects())


def test_nothing_is_kept_per_connection(
    qtbot: QtBot, server: tuple[CommandServer, Received], socket_name: str
) -> None:
    def many() -> bool:
        for n in range(300):
            if n % 2:
                raw_exchange(socket_name, b'{"command": "status"}\n')
            else:
                with socket.socket(socket.AF_UNIX) as idle:  # connects and says nothing
                    idle.connect(socket_name)
        return True

    before = live_wrappers()
    in_thread(qtbot, many)
    qtbot.waitUntil(lambda: server[0].open_connections == 0)
    assert live_wrappers() - before <= 2  # the one closed last is deleted with the next


def test_idle_connections_cannot_crowd_out_a_command(
    qtbot: QtBot, server: tuple[CommandServer, Received], socket_name: str
) -> None:
    idle = []
    for _ in range(MAX_CONNECTIONS + 20):
        client = socket.socket(socket.AF_UNIX)
        client.connect(socket_name)
        idle.append(client)
    try:
        reply = in_thread(qtbot, lambda: send_command(socket_name, {"command": "status"}))
        assert isinstance(reply, Reply)
        assert reply.message == "did status"
        assert server[0].open_connections <= MAX_CONNECTIONS
    finally:
        for client in idle:
            client.close()


def test_the_socket_stays_when_accepting_fails(
    qtbot: QtBot,
    server: tuple[CommandServer, Received],
    socket_name: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # What happens at the descriptor limit: accept() fails with EMFILE, maybe many times.
    real = server[0]._listener
    assert real is not None
    listener: socket.socket = real
    failures = iter(range(3))

    class Exhausted:
        def __getattr__(self, name: str) -> Any:
            return getattr(listener, name)

        def accept(self) -> Any:
            if next(failures, None) is not None:
                raise OSError(errno.EMFILE, "Too many open files")
            return listener.accept()

    monkeypatch.setattr(server[0], "_listener", Exhausted())
    reply = in_thread(qtbot, lambda: send_command(socket_name, {"command": "status"}))
    assert isinstance(reply, Reply)
    assert reply.message == "did status"
    assert Path(socket_name).exists()
    assert [r for r in caplog.records if "too many files open" in r.getMessage()]


def test_closing_removes_only_its_own_socket(socket_name: str, qtbot: QtBot) -> None:
    first = CommandServer(socket_name, Received())
    first.listen()
    second = CommandServer(socket_name, Received())  # a later instance took over the name
    second.listen()
    first.close()
    assert Path(socket_name).exists()
    second.close()
    assert not Path(socket_name).exists()


def test_a_server_at_rest_runs_no_timer(
    qtbot: QtBot, server: tuple[CommandServer, Received], socket_name: str
) -> None:
    # A tray app waits for hours between commands: nothing may wake it while none is open.
    from PySide6.QtCore import QTimer

    command_server, _ = server

    def running() -> list[QTimer]:
        return [t for t in command_server.findChildren(QTimer) if t.isActive()]

    assert running() == []
    with socket.socket(socket.AF_UNIX) as silent:  # connects and says nothing (yet)
        silent.connect(socket_name)
        qtbot.waitUntil(lambda: command_server.open_connections == 1, timeout=5000)
        assert running() != []  # closes it if it never speaks
    qtbot.waitUntil(lambda: command_server.open_connections == 0, timeout=5000)
    in_thread(qtbot, lambda: send_command(socket_name, {"command": "status"}))
    assert running() == []
