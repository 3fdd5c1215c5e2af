"""What every test desktop shares: private dirs, private buses, processes stopped by PID.

Owns the life of one desktop's processes. It must not know about kindtray: the tests and the
benchmarks run kindtray themselves in ``Desktop.env``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar, TypeVar

T = TypeVar("T")

BUS_CONFIG = """\
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>{kind}</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <servicedir>{services}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
    <allow user="*"/>
  </policy>
</busconfig>
"""

# The outer session's variables: none of them may reach a test desktop.
_OUTER = (
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "SWAYSOCK",
    "DBUS_SESSION_BUS_ADDRESS",
    "DBUS_SYSTEM_BUS_ADDRESS",
    "QT_QPA_PLATFORM",
    "XDG_CURRENT_DESKTOP",
    "XDG_SESSION_TYPE",
    "XDG_SESSION_DESKTOP",
    "DESKTOP_SESSION",
    "GNOME_SETUP_DISPLAY",
)


class DesktopError(RuntimeError):
    """A part of the desktop did not start or did not answer."""


def wait_until(condition: Callable[[], T | None], timeout: float, what: str) -> T:
    """Poll ``condition`` until it returns something truthy; raise DesktopError naming ``what``."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise DesktopError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


class Desktop:
    """One private desktop. ``start()`` it (or use it as a context manager); ``stop()`` it."""

    name: ClassVar[str] = ""
    #: executables that must be on PATH
    tools: ClassVar[tuple[str, ...]] = ()
    #: D-Bus service files (names under /usr/share/dbus-1/services) the session bus may start
    services: ClassVar[tuple[str, ...]] = ()
    #: start a private, empty system bus (otherwise point at one that does not exist)
    system_bus: ClassVar[bool] = False
    #: how the tray works: "xembed", "sni" (StatusNotifierItem) or "" (no tray)
    tray: ClassVar[str] = ""
    #: does the notification daemon draw a button for the spec's "default" action?
    default_action_button: ClassVar[bool] = True
    #: Qt platform plugin for apps on this desktop
    qt_platform: ClassVar[str] = "xcb"

    def __init__(self) -> None:
        # A short base path: unix socket paths must fit in 107 bytes.
        self.base = Path(tempfile.mkdtemp(prefix=f"kt{self.name[:2]}-"))
        self.processes: list[subprocess.Popen[bytes]] = []
        self._pid_file = self.base / "activated.pids"
        self.env = {k: v for k, v in os.environ.items() if k not in _OUTER}
        home = self.base / "home"
        runtime = self.base / "run"
        runtime.mkdir(mode=0o700)
        runtime.chmod(0o700)
        for sub in ("config", "data", "cache", "state"):
            (home / sub).mkdir(parents=True)
        self.runtime = runtime
        self.home = home
        self.env.update(
            # Every process of this desktop inherits this mark, the ones its parts fork too.
            KINDTRAY_TEST_DESKTOP=str(self.base),
            HOME=str(home),
            XDG_RUNTIME_DIR=str(runtime),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_CACHE_HOME=str(home / "cache"),
            XDG_STATE_HOME=str(home / "state"),
            QT_QPA_PLATFORM=self.qt_platform,
            # An address nothing listens on, unless the desktop gets a private system bus.
            DBUS_SYSTEM_BUS_ADDRESS=f"unix:path={self.base}/no-system-bus",
        )

    @classmethod
    def missing(cls) -> list[str]:
        """The tools this desktop needs that are not installed."""
        absent = [tool for tool in cls.tools if shutil.which(tool) is None]
        services = Path("/usr/share/dbus-1/services")
        absent += [s for s in cls.services if not (services / s).exists()]
        return absent

    # -- life ----------------------------------------------------------------------------

    def start(self) -> Desktop:
        try:
            self._start_bus("session")
            if self.system_bus:
                self._start_bus("system")
            self._start()
        except Exception as error:
            # The logs go with the base directory: say what they said before it goes.
            logs = "".join(
                f"\n--- {path.name} (end) ---\n{path.read_text(errors='replace')[-1500:]}"
                for path in sorted(self.base.glob("*.log"))
            )
            self.stop()
            raise DesktopError(f"{self.name} did not start: {error}{logs}") from error
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        """Start the desktop's own parts (the buses are up)."""
        raise NotImplementedError

    def __enter__(self) -> Desktop:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop every process started here (newest first) and bus-activated, by PID; clean up."""
        self._before_stop()
        pids = self._activated_pids()
        for pid in reversed(pids):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        for process in reversed(self.processes):
            self.end(process)
        for pid in pids + self.strays():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.processes.clear()
        # The directory goes once nothing of this desktop can write into it any more.
        with contextlib.suppress(DesktopError):
            wait_until(lambda: not self.strays(), 3, "the desktop's processes to end")
        shutil.rmtree(self.base, ignore_errors=True)

    def _before_stop(self) -> None:
        """Hook: stop what needs the desktop still running."""

    @staticmethod
    def end(process: subprocess.Popen[bytes]) -> None:
        """Stop one process by its PID: TERM, then KILL after 3 s."""
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()

    def strays(self) -> list[int]:
        """Processes still alive that carry this desktop's mark (forked by its parts)."""
        mark = f"KINDTRAY_TEST_DESKTOP={self.base}".encode()
        found = []
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit() or int(proc.name) == os.getpid():
                continue
            try:
                if mark in (proc / "environ").read_bytes().split(b"\0"):
                    found.append(int(proc.name))
            except OSError:
                continue
        return found

    def _activated_pids(self) -> list[int]:
        if not self._pid_file.exists():
            return []
        return [int(line) for line in self._pid_file.read_text().split() if line.isdigit()]

    # -- parts ---------------------------------------------------------------------------

    def spawn(
        self, argv: Sequence[str], *, log: str | None = None, **kwargs: Any
    ) -> subprocess.Popen[bytes]:
        """Start a process in this desktop's environment and record it; output to ``log``."""
        if log is not None:
            with open(self.base / log, "ab") as out:
                kwargs.setdefault("stdout", out)
                kwargs.setdefault("stderr", subprocess.STDOUT)
                process = subprocess.Popen(list(argv), env=self.env, **kwargs)
        else:
            kwargs.setdefault("stdout", subprocess.DEVNULL)
            kwargs.setdefault("stderr", subprocess.DEVNULL)
            process = subprocess.Popen(list(argv), env=self.env, **kwargs)
        self.processes.append(process)
        return process

    def log(self, name: str) -> str:
        path = self.base / name
        return path.read_text(errors="replace") if path.exists() else ""

    def pid_recording_wrapper(self, name: str, command: str) -> Path:
        """A script that records its PID, then becomes ``command`` (for processes we don't fork)."""
        script = self.base / "bin" / name
        script.parent.mkdir(exist_ok=True)
        script.write_text(f'#!/bin/sh\necho $$ >> {self._pid_file}\nexec {command} "$@"\n')
        script.chmod(0o755)
        return script

    def _start_bus(self, kind: str) -> None:
        services = self.base / f"{kind}-services"
        services.mkdir()
        if kind == "session":
            # Only this desktop's services, each through a wrapper that records its PID: the
            # standard configuration would start whichever notification daemon it finds first.
            for name in self.services:
                text = (Path("/usr/share/dbus-1/services") / name).read_text()
                lines = []
                for line in text.splitlines():
                    if line.startswith("Exec="):
                        line = "Exec=" + str(self.pid_recording_wrapper(name, line[5:]))
                    lines.append(line)
                (services / name).write_text("\n".join(lines) + "\n")
        socket = self.base / f"{kind}-bus"
        config = self.base / f"{kind}-bus.conf"
        config.write_text(BUS_CONFIG.format(kind=kind, socket=socket, services=services))
        process = self.spawn(
            ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
        )
        assert process.stdout is not None
        address = process.stdout.readline().decode().strip()
        if not address:
            raise DesktopError(f"the {kind} dbus-daemon did not print its address")
        self.env["DBUS_SESSION_BUS_ADDRESS" if kind == "session" else "DBUS_SYSTEM_BUS_ADDRESS"] = (
            address
        )

    @property
    def session_bus(self) -> str:
        return self.env["DBUS_SESSION_BUS_ADDRESS"]

    def run(
        self, *command: str, check: bool = False, timeout: float = 20
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command, env=self.env, capture_output=True, text=True, check=check, timeout=timeout
        )

    def ok(self, *command: str) -> bool:
        return self.run(*command).returncode == 0

    def set_env(self, **variables: str) -> None:
        """Set variables here and in what the session bus gives the services it starts."""
        from desktopstack.bus import Bus

        self.env.update(variables)
        with Bus(self.session_bus) as bus:
            bus.call(
                "org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus",
                "UpdateActivationEnvironment",
                "a{ss}",
                (variables,),
            )

    def wayland_socket(self) -> str | None:
        sockets = [
            p.name
            for p in self.runtime.glob("wayland-*")
            if not p.name.endswith(".lock") and p.is_socket()
        ]
        return sorted(sockets)[0] if sockets else None

    # -- what a test needs to know -----------------------------------------------------------

    def screenshot(self, path: Path) -> None:
        """Save the whole screen as PNG."""
        raise NotImplementedError

    def has_window(self, pid: int, app_id: str) -> bool:
        """Does process ``pid`` (Wayland app id ``app_id``) show a window?"""
        raise NotImplementedError

    def focused_window(self) -> dict[str, Any]:
        """The window with keyboard focus: its "pid" and/or "app_id", as far as known."""
        raise NotImplementedError
