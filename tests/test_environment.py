"""The suite controls its environment: an outer session or system bus never reaches a test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktopstack import BusesOnly
from tests.conftest import OUTER_BUS_BLOCKED

ROOT = Path(__file__).resolve().parent.parent


def test_qt_reaches_neither_bus() -> None:
    from PySide6.QtDBus import QDBusConnection

    assert os.environ["DBUS_SYSTEM_BUS_ADDRESS"] == OUTER_BUS_BLOCKED
    assert not QDBusConnection.systemBus().isConnected()
    assert not QDBusConnection.sessionBus().isConnected()


@pytest.fixture
def outer_bus() -> Iterator[str]:
    """A real dbus-daemon, as a desktop session would have (it stands in for both buses)."""
    if shutil.which("dbus-daemon") is None:
        reason = "dbus-daemon is not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (CI=true)")
        print(reason)
        pytest.skip(reason)
    with BusesOnly() as buses:
        yield buses.session_bus


def test_the_suite_ignores_an_outer_session_and_system_bus(outer_bus: str) -> None:
    env = dict(os.environ)
    env.update(DBUS_SYSTEM_BUS_ADDRESS=outer_bus, DBUS_SESSION_BUS_ADDRESS=outer_bus)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_environment.py::test_qt_reaches_neither_bus",
            "tests/ui/test_reminder_timer.py::test_no_system_bus_means_no_sleep_signal_not_an_error",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "2 passed" in result.stdout
