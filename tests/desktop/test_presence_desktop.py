"""Presence sources against a real X server and a real dunst on a private session bus.

The X server has no window manager, so the test does the window manager's part of EWMH: it
names the active window on the root and sets that window's ``_NET_WM_STATE``. The source
sees both through the X server's own PropertyNotify events, as it would under any EWMH
window manager.
"""

from __future__ import annotations

import json
import select
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from kindtray.system.presence.base import Source
from kindtray.system.presence.dbus import Bus
from kindtray.system.presence.dnd import DunstPaused, server_name
from kindtray.system.presence.fullscreen import X11Fullscreen, open_display
from kindtray.system.presence.idle import X11Idle
from tests.desktop.conftest import Desktop, wait_until

pytestmark = pytest.mark.desktop


@pytest.fixture
def x_desktop(desktop: Desktop, monkeypatch: pytest.MonkeyPatch) -> Iterator[Desktop]:
    desktop.start(tray=False, notifications=True)
    for name in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        monkeypatch.setenv(name, desktop.env[name])
    yield desktop


def answered(source: Source, expected: bool) -> bool:
    """Let the source handle what arrived on its descriptor; True once it says ``expected``."""
    fd = source.fileno()
    assert fd is not None, "an event-driven source has a descriptor"
    if select.select([fd], [], [], 0.2)[0]:
        source.dispatch()
    return source.value is expected


def test_dunst_pause_holds_through_its_property_signal(x_desktop: Desktop) -> None:
    bus = Bus()
    assert server_name(bus) == "dunst"
    bus.close()
    source = DunstPaused()
    assert source.try_start(), source.why_not
    try:
        assert source.value is False
        x_desktop.run(["dunstctl", "set-paused", "true"])
        wait_until(lambda: answered(source, True), 10, "the source to see dunst paused")
        x_desktop.run(["dunstctl", "set-paused", "false"])
        wait_until(lambda: answered(source, False), 10, "the source to see dunst resumed")
    finally:
        source.close()


class FakeWindowManager:
    """Does what an EWMH window manager does when a window asks to be fullscreen."""

    def __init__(self, display_name: str) -> None:
        from Xlib import X, Xatom, display

        self.X, self.Xatom = X, Xatom
        self.display = display.Display(display_name)
        self.root = self.display.screen().root
        self.atom = self.display.intern_atom

    def open_window(self) -> Any:
        window = self.root.create_window(0, 0, 640, 480, 0, self.display.screen().root_depth)
        window.map()
        self.display.sync()
        return window

    def activate(self, window: Any) -> None:
        self.root.change_property(
            self.atom("_NET_ACTIVE_WINDOW"), self.Xatom.WINDOW, 32, [window.id]
        )
        self.display.sync()

    def fullscreen(self, window: Any, on: bool) -> None:
        states = [self.atom("_NET_WM_STATE_FULLSCREEN")] if on else []
        window.change_property(self.atom("_NET_WM_STATE"), self.Xatom.ATOM, 32, states)
        self.display.sync()


def test_x11_fullscreen_follows_the_active_window(x_desktop: Desktop) -> None:
    source = X11Fullscreen()
    assert source.try_start(), source.why_not
    wm = FakeWindowManager(x_desktop.env["DISPLAY"])
    try:
        assert source.value is None  # no window manager has named an active window yet
        video, editor = wm.open_window(), wm.open_window()
        wm.activate(video)
        wait_until(lambda: answered(source, False), 10, "a normal active window")
        wm.fullscreen(video, True)
        wait_until(lambda: answered(source, True), 10, "the active window going fullscreen")
        wm.activate(editor)  # another window takes the focus: the video stays fullscreen
        wait_until(lambda: answered(source, False), 10, "focus leaving the fullscreen window")
        wm.activate(video)
        wait_until(lambda: answered(source, True), 10, "focus back on the fullscreen window")
        wm.fullscreen(video, False)
        wait_until(lambda: answered(source, False), 10, "the window leaving fullscreen")
    finally:
        source.close()
        wm.display.close()


def test_x11_idle_time_comes_from_the_server_and_input_resets_it(x_desktop: Desktop) -> None:
    source = X11Idle(away_after=0.5)
    assert source.try_start(), source.why_not
    try:

        def away() -> bool:
            source.poll()
            return source.value is True

        wait_until(away, 10, "half a second idle")
        subprocess.run(
            ["xdotool", "mousemove", "100", "100", "mousemove", "200", "200"],
            env=x_desktop.env,
            check=True,
            timeout=10,
        )
        idle = source.idle_seconds()
        assert idle is not None and idle < 0.5
        source.poll()
        assert source.value is False
    finally:
        source.close()


def test_the_x11_sources_know_only_the_extensions_they_use(x_desktop: Desktop) -> None:
    from Xlib import XK, ext

    before = list(ext.__extensions__)
    display = open_display(None)
    try:
        assert len(display.list_extensions()) > 5  # Xvfb has many: RANDR, XTEST, ...
        assert display.extensions == ["MIT-SCREEN-SAVER"]
        assert ext.__extensions__ == before  # python-xlib elsewhere still sees them all
        assert display.keysym_to_keycode(XK.XK_a) == 0  # no source reads keys: no keymap kept
    finally:
        display.close()


def test_the_running_app_says_it_holds_while_dunst_is_paused(desktop: Desktop) -> None:
    desktop.start(tray=True, notifications=True)
    desktop.start_app()

    def held() -> Any:
        status = desktop.status()
        return status is not None and status["held"]

    assert desktop.status()["held"] is None  # type: ignore[index]
    desktop.run(["dunstctl", "set-paused", "true"])
    hold = wait_until(held, 10, "kindtray to hold reminders while dunst is paused")
    assert hold["reason"] == "do-not-disturb" and hold["since"]
    line = desktop.kindtray("status").stdout
    assert "it waits while Do Not Disturb is on" in line
    desktop.run(["dunstctl", "set-paused", "false"])
    wait_until(lambda: desktop.status() and not held(), 10, "the hold to end")
    doctor = json.loads(desktop.kindtray("doctor", "--json", timeout=30).stdout)
    rows = {row["name"]: row for row in doctor["presence"]}
    assert rows["Do Not Disturb (dunst)"]["works"] is True
    assert rows["Fullscreen window (X11)"]["works"] is True
