"""Memory of the running kindtray over many control connections (issue: about 1 KB each).

Starts the real app offscreen with a private ``--config-dir``, warms it up with 2,000 ``status``
calls, then makes ``--count`` more connections (``status`` calls, or with ``--idle``
connections that send nothing) and prints the app's resident memory before and after. The
promise (docs/reliability.md): within 1 MB over 20,000 connections. A measurement, not a timed test:

    .venv/bin/python bench/control_connections.py --count 20000
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WARM_UP = 2000
START_UP_CHECKS = 6.0  # seconds: the app's one-time checks after start (tray, notifications)


def rss_kib(pid: int) -> int:
    """Resident memory of ``pid`` in KiB (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def connect(path: str, idle: bool) -> None:
    """One client: a status request and its answer, or just connect and leave."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(10)
        for _ in range(1000):
            try:
                client.connect(path)
                break
            except BlockingIOError:  # the app's queue of waiting clients is full: let it catch up
                time.sleep(0.001)
        if idle:
            return
        client.sendall(b'{"command":"status"}\n')
        answer = b""
        while not answer.endswith(b"\n"):
            chunk = client.recv(4096)
            if not chunk:
                break
            answer += chunk
        if b'"exit":0' not in answer:
            raise RuntimeError(f"unexpected answer: {answer[:200]!r}")


def wait_for(path: str, app: subprocess.Popen[bytes], timeout: float = 30) -> None:
    """Wait until the app answers on its socket (it may take seconds to start)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.poll() is not None:
            raise RuntimeError(f"kindtray ended with {app.returncode} before it listened")
        try:
            connect(path, idle=False)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("kindtray did not listen in time")


def settle(pid: int) -> int:
    """RSS once the app is past its start-up (a one-time check for a tray runs a few seconds
    after start and allocates about 1.5 MB once): the reading after it stopped changing."""
    last = rss_kib(pid)
    for _ in range(30):
        time.sleep(1)
        now = rss_kib(pid)
        if now == last:
            return now
        last = now
    return last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--idle", action="store_true", help="connect and send nothing")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kt-bench-") as base:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": base}
        app = subprocess.Popen(
            [sys.executable, "-m", "kindtray", "--config-dir", base],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        path = str(Path(base) / "run" / "kindtray.sock")
        try:
            wait_for(path, app)
            time.sleep(START_UP_CHECKS)
            for _ in range(WARM_UP):
                connect(path, idle=args.idle)
            before = settle(app.pid)
            started = time.monotonic()
            for _ in range(args.count):
                connect(path, idle=args.idle)
            took = time.monotonic() - started
            connect(path, idle=False)  # the app still answers
            after = settle(app.pid)
        finally:
            app.terminate()
            app.wait(10)
    kind = "idle connections" if args.idle else "status calls"
    print(
        f"{args.count} {kind} in {took:.1f} s: RSS {before} KiB before, {after} KiB after, "
        f"growth {after - before} KiB ({(after - before) * 1024 / max(1, args.count):.0f} "
        "bytes per connection)"
    )
    return 0 if after - before <= 1024 else 1


if __name__ == "__main__":
    sys.exit(main())
