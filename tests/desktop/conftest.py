"""A real X desktop for the desktop tests: Xvfb, a private session bus, trayer and dunst.

Each test starts the parts it needs (``desktop.start(tray=..., notifications=...)``, built by
the shared ``desktopstack`` package) and the installed ``kindtray`` script of this environment,
with its own config and runtime dirs. Every process is stopped by the PID recorded when it was
started. Where a part is missing, the tests are skipped with the reason, except under CI=true,
where that is a failure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desktopstack import X11, DesktopError
from desktopstack import Desktop as StackDesktop
from desktopstack import wait_until as _wait_until

KINDTRAY = Path(sys.executable).parent / "kindtray"
TOOLS = X11.tools


def wait_until(condition: Callable[[], Any], timeout: float, what: str) -> Any:
    """Poll ``condition`` until it returns something truthy; fail the test naming ``what``."""
    try:
        return _wait_until(condition, timeout, what)
    except DesktopError as error:
        pytest.fail(str(error))


class Desktop:
    """One test's X desktop and the kindtray processes started on it."""

    def __init__(self) -> None:
        self.x11 = X11(timeout=5)
        self.base = self.x11.base
        self.env = self.x11.env
        self.config = self.base / "cfg"
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(
        self, *, tray: bool = True, notifications: bool = True, markup: str | None = None
    ) -> Desktop:
        """Start the X server and the session bus, then the tray host and dunst if asked."""
        self.x11.with_tray = tray
        self.x11.with_notifications = notifications
        self.x11.markup = markup
        self.x11.start()
        return self

    def stop(self) -> None:
        """Stop the kindtray processes (by PID), then the desktop."""
        for process in reversed(self.processes):
            StackDesktop.end(process)
        self.x11.stop()

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
        return self.x11.run(*command, check=check, timeout=10)

    def tree(self) -> str:
        return self.x11.tree()

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
        return self.x11.log("dunst.log")


def require(desktop: type[StackDesktop]) -> None:
    """Skip (or, under CI=true, fail) when a part of ``desktop`` is not installed."""
    missing = desktop.missing()
    if missing:
        reason = f"{desktop.__name__} desktop not installed: missing " + ", ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (CI=true: the desktop tests must run)")
        print(reason)
        pytest.skip(reason)
    if not KINDTRAY.exists():
        pytest.fail(f"the kindtray script is not installed at {KINDTRAY}")


@pytest.fixture
def desktop() -> Iterator[Desktop]:
    require(X11)
    desk = Desktop()
    try:
        yield desk
    finally:
        desk.stop()
