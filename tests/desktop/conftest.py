"""A real desktop for the desktop tests: Xvfb, a private session bus, trayer and dunst.

Each test starts the parts it needs (``desktop.start(tray=..., notifications=...)``) and the
installed ``kindtray`` script of this environment, with its own config and runtime dirs.
Every process is stopped by the PID recorded when it was started. Where a part is missing,
the tests are skipped with the reason, except under CI=true, where that is a failure.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

TOOLS = ("Xvfb", "dbus-daemon", "trayer", "dunst", "dunstctl", "xwininfo", "xdotool")
KINDTRAY = Path(sys.executable).parent / "kindtray"

DUNSTRC = """\
[global]
idle_threshold = 0
history_length = 100
[urgency_low]
timeout = 5
[urgency_normal]
timeout = 5
[urgency_critical]
timeout = 5
"""

BUS_CONFIG = """\
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def wait_until(condition: Callable[[], Any], timeout: float, what: str) -> Any:
    """Poll ``condition`` until it returns something truthy; fail naming ``what``."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


class Desktop:
    """The parts of one test's desktop, and helpers to look at it."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM",)}
        self.runtime = base / "xdg-run"
        self.runtime.mkdir(mode=0o700)
        self.config = base / "cfg"
        self.env["XDG_RUNTIME_DIR"] = str(self.runtime)
        self.processes: list[subprocess.Popen[bytes]] = []
        self.dunst_log = base / "dunst.log"

    # -- the parts ---------------------------------------------------------------------

    def start(self, *, tray: bool = True, notifications: bool = True) -> Desktop:
        """Start the X server and the session bus, then the tray host and dunst if asked."""
        self._start_x()
        self._start_bus()
        if tray:
            self._spawn(
                "trayer --edge top --align right --widthtype pixel --width 240 --height 32 "
                "--SetDockType true --SetPartialStrut true --transparent false --expand false"
            )
            wait_until(lambda: '"trayer"' in self.tree(), 10, "trayer's window")
        if notifications:
            (self.base / "dunstrc").write_text(DUNSTRC)
            log = open(self.dunst_log, "wb")  # noqa: SIM115 - dunst keeps writing to it
            self._spawn(f"dunst -config {self.base / 'dunstrc'} -print", stdout=log)
            log.close()
            wait_until(
                lambda: self.run(["dunstctl", "is-paused"], check=False).returncode == 0,
                10,
                "dunst on the session bus",
            )
        return self

    def _start_x(self) -> None:
        read, write = os.pipe()
        self._spawn(
            f"Xvfb -displayfd {write} -screen 0 1280x800x24 -nolisten tcp -noreset",
            pass_fds=(write,),
        )
        os.close(write)
        with os.fdopen(read, "rb") as pipe:
            number = pipe.readline().strip().decode()
        assert number, "Xvfb did not report its display"
        self.env["DISPLAY"] = f":{number}"
        wait_until(
            lambda: (
                self.run(["xdpyinfo"], check=False).returncode == 0
                if shutil.which("xdpyinfo")
                else True
            ),
            10,
            "the X server",
        )

    def _start_bus(self) -> None:
        # Our own bus configuration: the standard session one would D-Bus-activate the
        # system's notification daemon on the first Notify, so "no daemon" could not be
        # tested, and the activated daemon would not be ours to stop by PID.
        config = self.base / "session-bus.conf"
        config.write_text(BUS_CONFIG.format(dir=self.base))
        process = self._spawn(
            f"dbus-daemon --config-file={config} --nofork --print-address=1",
            stdout=subprocess.PIPE,
        )
        assert process.stdout is not None
        address = process.stdout.readline().decode().strip()
        assert address, "dbus-daemon did not print its address"
        self.env["DBUS_SESSION_BUS_ADDRESS"] = address

    def _spawn(self, command: str, **kwargs: Any) -> subprocess.Popen[bytes]:
        kwargs.setdefault("stdout", subprocess.DEVNULL)
        process = subprocess.Popen(
            command.split(), env=self.env, stderr=subprocess.DEVNULL, **kwargs
        )
        self.processes.append(process)
        return process

    def stop(self) -> None:
        """Stop everything this desktop started, newest first, each by its PID."""
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=3)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            if process.stdout is not None:
                process.stdout.close()

    # -- kindtray ----------------------------------------------------------------------

    def kindtray_args(self, *args: str) -> list[str]:
        return [str(KINDTRAY), "--config-dir", str(self.config), *args]

    def launch(self, *args: str, first_start: bool = False) -> subprocess.Popen[bytes]:
        """Start ``kindtray`` (the tray app, or a command that may become it).

        Unless ``first_start``, as a user who has set kindtray up before (a settings file
        exists), so the first-start welcome window does not open.
        """
        settings = self.config / "settings.toml"
        if not first_start and not settings.exists():
            self.config.mkdir(parents=True, exist_ok=True)
            settings.write_text("schema = 1\n")
        process = subprocess.Popen(
            self.kindtray_args(*args),
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.processes.append(process)
        return process

    def kindtray(self, *args: str, timeout: float = 10) -> subprocess.CompletedProcess[str]:
        """Run a kindtray command to its end."""
        return subprocess.run(
            self.kindtray_args(*args),
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def status(self) -> dict[str, Any] | None:
        result = self.kindtray("status", "--json")
        return json.loads(result.stdout) if result.returncode == 0 else None

    def start_app(self) -> subprocess.Popen[bytes]:
        """Start the tray app and wait until it answers commands."""
        app = self.launch()
        wait_until(lambda: self.status() or app.poll() is not None, 20, "kindtray to answer")
        assert app.poll() is None, f"kindtray exited with {app.returncode}; see {self.log()}"
        return app

    def log(self) -> str:
        path = self.config / "state" / "kindtray.log"
        return path.read_text() if path.exists() else "(no log)"

    # -- looking at the screen ---------------------------------------------------------

    def run(self, command: list[str], check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command, env=self.env, capture_output=True, text=True, check=check, timeout=10
        )

    def tree(self) -> str:
        return self.run(["xwininfo", "-root", "-tree"], check=False).stdout

    def windows_of(self, pid: int, *, visible: bool = True) -> list[str]:
        """Window ids whose _NET_WM_PID is ``pid``."""
        command = ["xdotool", "search", "--pid", str(pid)]
        if visible:
            command.insert(2, "--onlyvisible")
        result = self.run(command, check=False)
        return [hex(int(w)) for w in result.stdout.split()]

    def ancestors(self, window: str) -> list[str]:
        """The lines of ``xwininfo -root -tree`` for each ancestor of ``window``."""
        lines = self.tree().splitlines()
        for index, line in enumerate(lines):
            if line.strip().startswith(window + " "):
                depth = len(line) - len(line.lstrip())
                found = []
                for above in reversed(lines[:index]):
                    indent = len(above) - len(above.lstrip())
                    if above.strip().startswith("0x") and indent < depth:
                        found.append(above.strip())
                        depth = indent
                return found
        return []

    def size(self, window: str) -> tuple[int, int]:
        info = self.run(["xwininfo", "-id", window], check=False).stdout
        values = dict(
            line.strip().split(":", 1)
            for line in info.splitlines()
            if line.strip()[:5] in ("Width", "Heigh")
        )
        return int(values.get("Width", 0)), int(values.get("Height", 0))

    def position(self, window: str) -> tuple[int, int]:
        info = self.run(["xwininfo", "-id", window], check=False).stdout
        values = {
            key.strip(): value.strip()
            for key, _, value in (line.partition(":") for line in info.splitlines())
        }
        return int(values["Absolute upper-left X"]), int(values["Absolute upper-left Y"])

    def dunst_printed(self) -> str:
        return self.dunst_log.read_text(errors="replace") if self.dunst_log.exists() else ""


@pytest.fixture
def desktop() -> Iterator[Desktop]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        reason = "desktop stack not installed: missing " + ", ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (CI=true: the desktop tests must run)")
        print(reason)
        pytest.skip(reason)
    if not KINDTRAY.exists():
        pytest.fail(f"the kindtray script is not installed at {KINDTRAY}")
    # A short base path: the socket path must fit in 107 bytes.
    base = Path(tempfile.mkdtemp(prefix="kt-"))
    desk = Desktop(base)
    try:
        yield desk
    finally:
        desk.stop()
        with contextlib.suppress(OSError):
            shutil.rmtree(base)
