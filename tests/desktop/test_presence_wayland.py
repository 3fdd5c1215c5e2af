"""Presence sources against real GNOME Shell, KDE Plasma and sway desktops (desktopstack).

Each test runs the source in this process, pointed at the desktop's private session bus, and
makes the desktop change the way a person would (a setting, an inhibition, a window going
fullscreen, input after idling). Where a desktop is not installed the test is skipped with the
reason, except under CI=true, where that is a failure.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from desktopstack import Desktop, Gnome, Plasma, Sway
from desktopstack.bus import Bus as DesktopBus
from kindtray.system.presence.base import Source
from kindtray.system.presence.dnd import GnomeBanners, MakoMode, PlasmaInhibited
from kindtray.system.presence.fullscreen import SwayFullscreen
from kindtray.system.presence.idle import MutterIdle
from tests.desktop.conftest import wait_until

pytestmark = pytest.mark.desktop


def started(kind: type[Desktop], monkeypatch: pytest.MonkeyPatch, **options: Any) -> Iterator[Any]:
    missing = kind.missing()
    if missing:
        reason = f"{kind.__name__} not installed: missing " + ", ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (CI=true: the desktop tests must run)")
        print(reason)
        pytest.skip(reason)
    desktop = kind(**options)
    desktop.start()
    try:
        for name, value in desktop.env.items():  # the sources run here, in this process
            monkeypatch.setenv(name, value)
        yield desktop
    finally:
        desktop.stop()


@pytest.fixture
def gnome(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gnome]:
    yield from started(Gnome, monkeypatch, appindicator=False)


@pytest.fixture
def plasma(monkeypatch: pytest.MonkeyPatch) -> Iterator[Plasma]:
    yield from started(Plasma, monkeypatch)


@pytest.fixture
def sway(monkeypatch: pytest.MonkeyPatch) -> Iterator[Sway]:
    yield from started(Sway, monkeypatch)


def says(source: Source, expected: bool) -> bool:
    """Handle what arrived on the source's descriptor; True once it says ``expected``."""
    fd = source.fileno()
    assert fd is not None, "an event-driven source has a descriptor"
    if select.select([fd], [], [], 0.2)[0]:
        source.dispatch()
    return source.value is expected


def test_gnome_do_not_disturb_is_the_banner_setting(gnome: Gnome) -> None:
    source = GnomeBanners()
    assert source.try_start(), source.why_not
    try:
        assert source.value is False
        gnome.gsettings("org.gnome.desktop.notifications", "show-banners", "false")
        wait_until(lambda: says(source, True), 10, "GNOME's Do Not Disturb to be seen")
        gnome.gsettings("org.gnome.desktop.notifications", "show-banners", "true")
        wait_until(lambda: says(source, False), 10, "GNOME's Do Not Disturb to end")
    finally:
        source.close()


def test_gnome_idle_monitor_says_away_and_back(gnome: Gnome) -> None:
    source = MutterIdle(away_after=1.0)
    # A freshly started shell on a busy machine may take a while to answer its first call;
    # a failed start closes its connection, so asking again is clean.
    wait_until(source.try_start, 30, "Mutter's idle monitor to answer")
    try:
        wait_until(lambda: says(source, True), 10, "Mutter's idle watch to fire")
        idle = source.idle_seconds()
        assert idle is not None and idle >= 1.0
        with DesktopBus(gnome.session_bus) as bus:
            gnome.move_pointer(bus)
        wait_until(lambda: says(source, False), 10, "Mutter's user-active watch to fire")
    finally:
        source.close()


def test_plasma_do_not_disturb_is_the_inhibited_property(plasma: Plasma) -> None:
    source = PlasmaInhibited()
    assert source.try_start(), source.why_not
    try:
        assert source.value is False
        # Another program asks for quiet (as a presentation app does); it ends when it leaves.
        inhibitor = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys, jeepney\n"
                "from jeepney.io.blocking import open_dbus_connection\n"
                "c = open_dbus_connection('SESSION')\n"
                "a = jeepney.DBusAddress('/org/freedesktop/Notifications',"
                " 'org.freedesktop.Notifications', 'org.freedesktop.Notifications')\n"
                "c.send_and_get_reply(jeepney.new_method_call(a, 'Inhibit', 'ssa{sv}',"
                " ('test', 'presenting', {})))\n"
                "print('inhibited', flush=True)\n"
                "sys.stdin.read()\n",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        try:
            assert inhibitor.stdout is not None
            assert inhibitor.stdout.readline().strip() == b"inhibited"
            wait_until(lambda: says(source, True), 10, "Plasma's Inhibited to turn on")
        finally:
            assert inhibitor.stdin is not None
            inhibitor.stdin.close()
            inhibitor.wait(timeout=10)
            assert inhibitor.stdout is not None
            inhibitor.stdout.close()
        wait_until(lambda: says(source, False), 10, "Plasma's Inhibited to turn off")
    finally:
        source.close()


def test_sway_fullscreen_follows_the_focused_window(sway: Sway) -> None:
    source = SwayFullscreen()
    assert source.try_start(), source.why_not
    window = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from PySide6.QtWidgets import QApplication, QWidget\n"
            "app = QApplication([])\n"
            "w = QWidget(); w.setWindowTitle('kt-video'); w.show()\n"
            "app.exec()\n",
        ],
        env=sway.env,
    )
    try:
        wait_until(lambda: sway.has_window(window.pid, ""), 20, "the window on sway")
        wait_until(lambda: says(source, False), 10, "a focused normal window")
        sway.run("swaymsg", f"[pid={window.pid}] fullscreen enable", check=True)
        wait_until(lambda: says(source, True), 10, "the window going fullscreen")
        sway.run("swaymsg", f"[pid={window.pid}] fullscreen disable", check=True)
        wait_until(lambda: says(source, False), 10, "the window leaving fullscreen")
    finally:
        Desktop.end(window)
        source.close()


def test_mako_do_not_disturb_is_a_mode(sway: Sway) -> None:
    source = MakoMode()
    assert source.try_start(), source.why_not
    assert source.value is False
    sway.run("makoctl", "mode", "-a", "do-not-disturb", check=True)
    source.poll()
    assert source.value is True
    sway.run("makoctl", "mode", "-r", "do-not-disturb", check=True)
    source.poll()
    assert source.value is False
