"""The sleep signal on a real, private system bus with and without a (fake) logind.

Qt keeps its first system-bus connection for the life of the process, so each case runs in
its own Python process. The app's log and ``kindtray doctor`` must say the same thing, and it
must be true: "connected" only where logind is there to send PrepareForSleep.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktopstack import BusesOnly
from desktopstack.bus import Bus
from tests.desktop.conftest import require

ROOT = Path(__file__).resolve().parent.parent.parent
LOGIND = "org.freedesktop.login1"
CHILD = """\
import json, logging, sys
from PySide6.QtCore import QCoreApplication, QTimer
app = QCoreApplication([])
logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(message)s")
from kindtray.ui.doctor import sleep_signal
from kindtray.ui.reminder_timer import SleepWatcher
watcher = SleepWatcher()
listening = watcher.listen()
print(json.dumps({"listening": listening, "doctor": sleep_signal()}), flush=True)
if listening:
    watcher.woke.connect(lambda: (print("woke", flush=True), app.quit()))
    QTimer.singleShot(10000, app.quit)
    app.exec()
"""


class PrivateSystemBus(BusesOnly):
    """A private session bus and a private, empty system bus."""

    system_bus = True


@pytest.fixture
def system_bus() -> Iterator[str]:
    require(PrivateSystemBus)
    with PrivateSystemBus() as buses:
        yield buses.env["DBUS_SYSTEM_BUS_ADDRESS"]


def start_child(address: str) -> subprocess.Popen[str]:
    env = dict(os.environ, DBUS_SYSTEM_BUS_ADDRESS=address)
    return subprocess.Popen(
        [sys.executable, "-c", CHILD],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def first_report(child: subprocess.Popen[str]) -> dict[str, Any]:
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line, child.communicate(timeout=10)[1]
    return dict(json.loads(line))


def test_a_system_bus_without_logind_gives_no_sleep_signal_and_both_say_so(
    system_bus: str,
) -> None:
    child = start_child(system_bus)
    report = first_report(child)
    _out, log = child.communicate(timeout=20)
    assert report["listening"] is False
    assert report["doctor"]["system_bus"] is True
    assert report["doctor"]["logind"] is False
    assert report["doctor"]["detail"].startswith("no logind on the system bus")
    assert "no logind on the system bus" in log
    assert "logind sleep signal connected" not in log


def test_with_logind_the_signal_is_connected_both_say_so_and_a_wake_arrives(
    system_bus: str,
) -> None:
    with Bus(system_bus) as logind:
        logind.request_name(LOGIND)
        child = start_child(system_bus)
        try:
            report = first_report(child)
            assert report["listening"] is True
            assert report["doctor"] == {
                "system_bus": True,
                "logind": True,
                "detail": "logind's PrepareForSleep signal: kindtray notices a wake-up at once",
            }
            logind.emit(
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager",
                "PrepareForSleep",
                "b",
                (False,),
            )
            out, log = child.communicate(timeout=20)
        finally:
            if child.poll() is None:
                child.kill()
                child.communicate()
    assert out.strip() == "woke"
    assert "logind sleep signal connected" in log
    assert "no logind" not in log
