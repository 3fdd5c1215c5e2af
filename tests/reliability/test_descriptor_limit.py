"""At the descriptor limit the running kindtray keeps its socket and answers again afterwards.

Qt's QLocalServer closed (and removed) the socket the first time ``accept`` failed, so after a
burst of connections at ``ulimit -n`` every command said "not running" while kindtray lived on.
Here a real server process runs with a small descriptor limit and is flooded.
"""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kindtray.control import Reply, send_command

HOST = """
import logging, resource, sys
from PySide6.QtCore import QCoreApplication
from kindtray.control import Reply
from kindtray.ui.single_instance import CommandServer
logging.basicConfig(level=logging.INFO)
app = QCoreApplication([])
server = CommandServer(sys.argv[1], lambda request: Reply(0, "alive"))
server.listen()
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (40, hard))
print("listening", flush=True)
app.exec()
"""


def answer(socket_name: str, within: float) -> Reply | None:
    """Ask for status until the server answers or ``within`` seconds passed."""
    deadline = time.monotonic() + within
    while True:
        try:
            reply = send_command(socket_name, {"command": "status"}, timeout=2)
        except OSError:
            reply = None
        if reply is not None or time.monotonic() > deadline:
            return reply
        time.sleep(0.05)  # polling a separate process; nothing to wait on instead


@pytest.mark.skipif(sys.platform == "win32", reason="descriptor limits are a POSIX matter")
def test_a_burst_at_the_descriptor_limit_leaves_the_socket_working(tmp_path: Path) -> None:
    socket_name = str(tmp_path / "run" / "kindtray.sock")
    host = subprocess.Popen(
        [sys.executable, "-c", HOST, socket_name],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert host.stdout is not None
        assert host.stdout.readline().strip() == "listening"
        flood: list[socket.socket] = []
        for _ in range(120):
            client = socket.socket(socket.AF_UNIX)
            client.setblocking(False)
            try:
                client.connect(socket_name)
            except BlockingIOError:  # the server's queue is full: that is the point
                client.close()
                continue
            flood.append(client)
        try:
            assert said(host, "too many files open", within=20)
        finally:
            for client in flood:
                client.close()
        reply = answer(socket_name, within=10)
        assert Path(socket_name).exists(), "the running server's socket was removed"
        assert reply is not None and reply.message == "alive"
        assert host.poll() is None
    finally:
        host.terminate()
        host.communicate(timeout=10)


def said(host: subprocess.Popen[str], words: str, within: float) -> bool:
    """Whether the host logs ``words`` within ``within`` seconds.

    Reads the pipe's descriptor directly: a buffered readline could hold the line we wait
    for while select() waits for more.
    """
    assert host.stderr is not None
    fd = host.stderr.fileno()
    seen = b""
    deadline = time.monotonic() + within
    while (left := deadline - time.monotonic()) > 0:
        if not select.select([fd], [], [], left)[0]:
            return False
        chunk = os.read(fd, 65536)
        if not chunk:
            return False
        seen += chunk
        if words.encode() in seen:
            return True
    return False
