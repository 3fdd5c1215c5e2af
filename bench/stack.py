"""The desktop the benchmarks run on: Xvfb, a private session bus, trayer and dunst.

Every part is started here and stopped by the PID recorded at its start, newest first.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

TOOLS = ("Xvfb", "dbus-daemon", "trayer", "dunst", "xdotool")

DUNSTRC = """\
[global]
idle_threshold = 0
history_length = 100
[urgency_low]
timeout = 2
[urgency_normal]
timeout = 2
[urgency_critical]
timeout = 2
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


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


class Stack:
    """One private desktop; use as a context manager."""

    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="ktb-"))
        self.env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        runtime = self.base / "run"
        runtime.mkdir(mode=0o700)
        self.env["XDG_RUNTIME_DIR"] = str(runtime)
        self._processes: list[subprocess.Popen[bytes]] = []

    def __enter__(self) -> Stack:
        try:
            self._start_x()
            self._start_bus()
            self._spawn(
                "trayer --edge top --align right --widthtype pixel --width 240 --height 32 "
                "--SetDockType true --SetPartialStrut true --transparent false --expand false"
            )
            self._wait(lambda: b'"trayer"' in self.run("xwininfo", "-root", "-tree"), "trayer")
            (self.base / "dunstrc").write_text(DUNSTRC)
            self._spawn(f"dunst -config {self.base / 'dunstrc'}")
            self._wait(lambda: self._ok("dunstctl", "is-paused"), "dunst")
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _start_x(self) -> None:
        read, write = os.pipe()
        self._spawn(
            f"Xvfb -displayfd {write} -screen 0 1280x800x24 -nolisten tcp -noreset",
            pass_fds=(write,),
        )
        os.close(write)
        with os.fdopen(read, "rb") as pipe:
            number = pipe.readline().strip().decode()
        if not number:
            raise RuntimeError("Xvfb did not start")
        self.env["DISPLAY"] = f":{number}"

    def _start_bus(self) -> None:
        config = self.base / "bus.conf"
        config.write_text(BUS_CONFIG.format(dir=self.base))
        bus = self._spawn(
            f"dbus-daemon --config-file={config} --nofork --print-address=1",
            stdout=subprocess.PIPE,
        )
        assert bus.stdout is not None
        self.env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().decode().strip()

    def _spawn(self, command: str, **kwargs: object) -> subprocess.Popen[bytes]:
        kwargs.setdefault("stdout", subprocess.DEVNULL)
        process = subprocess.Popen(
            command.split(),
            env=self.env,
            stderr=subprocess.DEVNULL,
            **kwargs,  # type: ignore[call-overload]
        )
        self._processes.append(process)
        return process

    def run(self, *command: str) -> bytes:
        result = subprocess.run(command, env=self.env, capture_output=True, timeout=20)
        return result.stdout

    def _ok(self, *command: str) -> bool:
        return subprocess.run(command, env=self.env, capture_output=True).returncode == 0

    @staticmethod
    def _wait(condition: object, what: str, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while not condition():  # type: ignore[operator]
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        for process in reversed(self._processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=3)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            if process.stdout is not None:
                process.stdout.close()
        self._processes.clear()
        shutil.rmtree(self.base, ignore_errors=True)
