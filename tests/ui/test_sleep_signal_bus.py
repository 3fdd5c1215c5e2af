"""The sleep signal on a real, private system bus with and without a (fake) logind.

The app's log and ``kindtray doctor`` must say the same thing, and it must be true:
"connected" only where logind is there to send PrepareForSleep. Those cases run in a process
of their own, as the app does (its environment names the bus). The signal itself reaches the
timer through the event loop: a jeepney connection watched by a QSocketNotifier, never QtDBus.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktopstack import BusesOnly
from desktopstack.bus import Bus
from kindtray.core.clock import FakeClock
from kindtray.core.schedule import Scheduler
from kindtray.core.settings import Settings
from kindtray.core.state import State
from kindtray.system.presence.dbus import Bus as PresenceBus
from kindtray.ui.reminder_timer import ReminderTimer, SleepWatcher
from tests.desktop.conftest import require

ROOT = Path(__file__).resolve().parent.parent.parent
LOGIND = "org.freedesktop.login1"
PREPARE_FOR_SLEEP = ("/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep")
CHILD = """\
import json, logging, sys
from PySide6.QtCore import QCoreApplication, QTimer
app = QCoreApplication([])
logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(message)s")
from kindtray.ui.doctor import sleep_signal
from kindtray.ui.reminder_timer import SleepWatcher
watcher = SleepWatcher()
listening = watcher.listen()
qtdbus = "PySide6.QtDBus" in sys.modules
print(json.dumps({"listening": listening, "doctor": sleep_signal(), "qtdbus": qtdbus}), flush=True)
if listening:
    watcher.woke.connect(lambda: (print("woke", flush=True), app.quit()))
    QTimer.singleShot(10000, app.quit)
    app.exec()
"""


class PrivateSystemBus(BusesOnly):
    """A private session bus and a private, empty system bus."""

    system_bus = True


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 30, 10, tzinfo=UTC))


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
    assert report["qtdbus"] is False
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
            assert report["qtdbus"] is False  # jeepney carries the signal, not QtDBus
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


# -- in this process: the signal through the event loop ---------------------------------------


def test_a_wake_from_logind_makes_the_timer_check_at_once(
    qtbot: QtBot, system_bus: str, clock: FakeClock
) -> None:
    timer = ReminderTimer(Scheduler(Settings(), State(seed=7), clock), clock, lambda state: None)
    timer.start()
    with Bus(system_bus) as logind:
        logind.request_name(LOGIND)
        watcher = SleepWatcher(bus=lambda: PresenceBus(system_bus))
        try:
            assert watcher.listen()
            watcher.woke.connect(timer.notice_wake)
            clock.suspend(timedelta(hours=2))
            with qtbot.waitSignal(timer.decided, timeout=10_000) as blocker:
                logind.emit(*PREPARE_FOR_SLEEP, "b", (False,))
        finally:
            watcher.stop()
    assert any("sleep" in event for event in blocker.args[0].events)


def test_a_system_bus_that_ends_is_no_longer_watched(qtbot: QtBot, clock: FakeClock) -> None:
    # Its socket would stay readable: the loop would wake at every turn if it kept watching.
    require(PrivateSystemBus)
    with PrivateSystemBus() as buses, Bus(buses.env["DBUS_SYSTEM_BUS_ADDRESS"]) as logind:
        logind.request_name(LOGIND)
        watcher = SleepWatcher(bus=lambda: PresenceBus(buses.env["DBUS_SYSTEM_BUS_ADDRESS"]))
        assert watcher.listen()
        system_daemon = buses.processes[1]  # started after the session bus's
        buses.end(system_daemon)
        qtbot.waitUntil(lambda: not watcher.listening, timeout=10_000)
        watcher.stop()
