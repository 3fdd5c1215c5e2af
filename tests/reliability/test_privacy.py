"""Privacy: the running app opens no network socket and keeps every file private.

The real app (the installed script, and the PyInstaller build when dist/kindtray exists) runs
under the desktop stack while commands drive it through a reminder, a break, a pause, a resume
and quit. Two independent watchers look for IPv4/IPv6 sockets:
- strace records every socket() and connect() of the process and all its threads and children
  (it sees even a socket that lives for a microsecond);
- a sampler compares the socket inodes in /proc/PID/fd of the process tree with the kernel's
  tables /proc/PID/net/{tcp,tcp6,udp,udp6,raw,raw6} every 20 ms.
Afterwards every directory kindtray made is 0700 and every file in it 0600.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.desktop.conftest import Desktop, wait_until

pytestmark = pytest.mark.desktop

ROOT = Path(__file__).resolve().parents[2]
# `make package` builds into dist/; the packaging tests (which run earlier in the same session)
# build into build/test-bundle/dist/.
BUNDLES = (
    ROOT / "dist" / "kindtray" / "kindtray",
    ROOT / "build" / "test-bundle" / "dist" / "kindtray" / "kindtray",
)
INET_TABLES = ("tcp", "tcp6", "udp", "udp6", "raw", "raw6")


def process_tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                text = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(text[text.rindex(")") + 2 :].split()[1]), []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def socket_inodes(pid: int) -> set[str]:
    found: set[str] = set()
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return found
    for fd in fds:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            found.add(target[8:-1])
    return found


def inet_inodes(pid: int) -> set[str]:
    found: set[str] = set()
    for table in INET_TABLES:
        try:
            lines = Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        found.update(line.split()[9] for line in lines if len(line.split()) > 9)
    return found


class SocketSampler(threading.Thread):
    """Every 20 ms: does any process of the tree hold a socket the kernel lists as inet?"""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.samples = 0
        self.sockets_seen = 0
        self.inet: list[str] = []
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            for member in process_tree(self.pid):
                mine = socket_inodes(member)
                self.sockets_seen = max(self.sockets_seen, len(mine))
                bad = mine & inet_inodes(member)
                if bad:
                    self.inet.append(f"pid {member}: inet socket inodes {sorted(bad)}")
            self.samples += 1
            self.done.wait(0.02)


def launchers() -> list[object]:
    params: list[object] = [
        pytest.param([str(Path(sys.executable).parent / "kindtray")], id="script")
    ]
    # The build is looked for when the test runs: it may be made earlier in this session.
    params.append(pytest.param(["<pyinstaller-build>"], id="pyinstaller-build"))
    return params


@pytest.mark.parametrize("launcher", launchers())
def test_the_running_app_opens_no_network_socket_and_keeps_files_private(
    desktop: Desktop, launcher: list[str]
) -> None:
    if launcher == ["<pyinstaller-build>"]:
        built = next((path for path in BUNDLES if path.exists()), None)
        if built is None:
            reason = f"no PyInstaller build at {' or '.join(map(str, BUNDLES))}"
            print(reason)
            pytest.skip(reason)
        launcher = [str(built)]
    desktop.start()
    trace = desktop.base / "strace.log"
    app_args = [*launcher, "--config-dir", str(desktop.config)]
    command = app_args
    if shutil.which("strace"):
        command = ["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace), *app_args]
    else:
        print("strace is not installed: only the /proc sampler watches for sockets")
    outer = subprocess.Popen(
        command, env=desktop.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    desktop.processes.append(outer)
    sampler = SocketSampler(outer.pid)
    sampler.start()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*app_args, *args], env=desktop.env, capture_output=True, text=True, timeout=30
        )

    try:
        wait_until(lambda: run("status").returncode == 0, 30, "kindtray to answer")
        assert run("remind").returncode == 0
        wait_until(lambda: "kindtray" in desktop.dunst_printed(), 10, "the reminder in dunst")
        assert run("break").returncode == 0
        assert run("pause", "30m").returncode == 0
        assert run("resume").returncode == 0
        assert run("status").returncode == 0
        time.sleep(1)  # a moment of plain running, for the sampler
        assert run("quit").returncode == 0
        outer.wait(timeout=30)
    finally:
        sampler.done.set()
        sampler.join()

    assert sampler.samples > 20 and sampler.sockets_seen > 0, "the sampler saw nothing at all"
    assert sampler.inet == []
    if trace.exists():
        calls = trace.read_text()
        assert "AF_UNIX" in calls, "strace recorded nothing; the check would be empty"
        inet = [line for line in calls.splitlines() if re.search(r"AF_INET6?\b", line)]
        assert inet == [], "\n".join(inet)

    made = sorted(desktop.config.rglob("*"))
    assert any(p.name == "state.toml" for p in made) and any(p.suffix == ".log" for p in made)
    for path in [desktop.config, *made]:
        mode = path.lstat().st_mode
        if stat.S_ISDIR(mode):
            assert stat.S_IMODE(mode) == 0o700, f"{path} is {oct(stat.S_IMODE(mode))}"
        elif stat.S_ISREG(mode):
            assert stat.S_IMODE(mode) == 0o600, f"{path} is {oct(stat.S_IMODE(mode))}"
