"""What a screen reader finds in kindtray: every control has a name, every window a title.

The real app on the X11 stack with the accessibility bus running (at-spi2-core's launcher,
switched on as a screen reader does), read over D-Bus the way Orca reads it. Each window is
opened as a person would: the control commands, the tray menu (a right click on the XEmbed
icon), and the buttons inside the windows pressed through AT-SPI's Action interface; every
settings page (a click where AT-SPI places its side-list item) and every step of a break and
of "A hard moment" is walked. Checked are the objects showing: hidden pages are looked at when
they are chosen.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial

import pytest

from desktopstack.atspi import (
    Atspi,
    Control,
    StateChanges,
    launcher,
    start_accessibility,
    unnamed_controls,
)
from desktopstack.base import DesktopError
from desktopstack.bus import BusError
from tests.desktop.conftest import Desktop, wait_until

pytestmark = pytest.mark.desktop

#: The buttons that move a break on, in the order they are tried at each step.
MOVE_ON = ("Next", "Done", "Rather not say")


class Reader:
    """kindtray's accessible tree, and what was found wanting in it."""

    def __init__(self, atspi: Atspi, desktop: Desktop, pid: int) -> None:
        self.atspi = atspi
        self.desktop = desktop
        self.app = wait_until(lambda: atspi.application_of(pid), 20, "kindtray on the a11y bus")
        self.problems: list[str] = []
        self.checked: list[str] = []

    def windows(self) -> list[Control]:
        try:
            return self.atspi.windows(self.app)
        except BusError:  # a window closed while we looked
            return []

    def controls(self, window: Control) -> list[Control]:
        try:
            return list(self.atspi.walk(window.node))
        except BusError:
            return []

    def open(self, how: Callable[[], object], what: str) -> Control:
        """Do ``how`` and wait for the window it opens (one not showing before)."""
        before = {w.node for w in self.windows()}
        how()
        window: Control = wait_until(
            lambda: next((w for w in self.windows() if w.node not in before), None), 15, what
        )
        return window

    def check(self, window: Control, where: str) -> list[Control]:
        """Look at everything showing in ``window``; note what has no name. Returns it all."""
        controls = self.controls(window)
        if not window.name.strip():
            self.problems.append(f"{where}: the window has no title ({window.role})")
        for control in unnamed_controls(controls):
            self.problems.append(f"{where}: no name: {control.describe()}")
        self.checked.append(where)
        return controls

    @staticmethod
    def find(controls: list[Control], name: str, role: str = "push button") -> Control | None:
        """The showing control called ``name``."""
        return next(
            (c for c in controls if c.role == role and c.name == name and "showing" in c.states),
            None,
        )

    def press(self, controls: list[Control], name: str, role: str = "push button") -> None:
        """Press (or choose) the showing control called ``name``, through AT-SPI."""
        found = self.find(controls, name, role)
        assert found is not None, f"no {role} {name!r} in: " + ", ".join(
            c.describe() for c in controls if c.role == role
        )
        self.atspi.do_action(found.node)


def test_every_control_has_a_name_for_a_screen_reader(desktop: Desktop) -> None:
    if launcher() is None:
        reason = "at-spi2-core is not installed (no at-spi-bus-launcher)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (CI=true: the desktop tests must run)")
        print(reason)
        pytest.skip(reason)
    desktop.start(notifications=False)
    address = start_accessibility(desktop.x11)
    with Atspi(address) as atspi:
        changes = atspi.listen_to_state_changes()
        app = desktop.start_app()
        reader = Reader(atspi, desktop, app.pid)

        # The welcome, and "Why this helps" from its button.
        welcome = reader.open(partial(desktop.kindtray, "welcome"), "the welcome window")
        controls = reader.check(welcome, "welcome")
        why = reader.open(partial(reader.press, controls, "Why this helps"), "'Why this helps'")
        reader.check(why, "why this helps")

        # Settings: every page, chosen in the side list with a click where AT-SPI says the
        # item is. (Its AT-SPI action, "Toggle", selects the item but leaves the page as it
        # was: the page follows the list's current row. And without a window manager, Qt
        # takes no keys from xdotool in the settings.)
        settings = reader.open(partial(desktop.kindtray, "settings"), "the settings")
        controls = reader.check(settings, "settings")
        pages = [c for c in controls if c.role == "list item" and c.trail[-1] == "list 'Pages'"]
        assert len(pages) >= 5, [c.describe() for c in controls]
        for page in pages[1:]:
            before = snapshot(reader.controls(settings))
            x, y, width, height = atspi.extents(page.node)
            desktop.run(["xdotool", "mousemove", str(x + width // 2), str(y + height // 2)])
            desktop.run(["xdotool", "click", "1"])
            wait_until(partial(has_state, atspi, page, "selected"), 10, f"page {page.name}")
            wait_until(partial(moved_on, reader, settings, before), 10, f"page {page.name}")
            reader.check(settings, f"settings page {page.name!r}")

        # A break and "A hard moment", step by step, with the buttons a person would press.
        for command, what in (("break", "break"), ("sos", "a hard moment")):
            window = reader.open(partial(desktop.kindtray, command), what)
            pressed = walk_through(reader, window, what)
            assert "Done" in pressed, f"{what} never reached its last step: {pressed}"

        # About and "Your practice": only the tray menu opens them. Qt leaves popup menus out
        # of the application's children; a screen reader learns of one as it shows.
        for item, what in (("About", "about"), ("Your practice", "your practice")):
            menu = open_tray_menu(desktop, app.pid, changes)
            controls = reader.check(menu, "tray menu")
            window = reader.open(
                partial(reader.press, controls, item, "menu item"), f"the {what} window"
            )
            reader.check(window, what)

    print("checked: " + ", ".join(reader.checked))
    if reader.problems:
        pytest.fail("\n".join(reader.problems), pytrace=False)


def walk_through(reader: Reader, window: Control, what: str) -> list[str]:
    """Check each step of a break, moving on with its buttons until none is left.

    Returns the names of the buttons pressed, in order.
    """
    pressed: list[str] = []
    for step in range(40):
        controls = reader.check(window, f"{what}, step {step + 1}")
        showing = snapshot(controls)
        button = next(filter(None, (reader.find(controls, name) for name in MOVE_ON)), None)
        if button is None:
            # The farewell closes by itself; the tray icon under it can be clicked again then.
            wait_until(partial(closed, reader, window), 15, f"{what} to close")
            return pressed
        reader.atspi.do_action(button.node)
        pressed.append(button.name)
        wait_until(
            partial(moved_on, reader, window, showing),
            10,
            f"{what} to move on from step {step + 1}",
        )
    pytest.fail(f"{what} did not end after 40 steps")


def moved_on(reader: Reader, window: Control, before: tuple[tuple[str, str], ...]) -> bool:
    return snapshot(reader.controls(window)) != before


def closed(reader: Reader, window: Control) -> bool:
    return window.node not in {w.node for w in reader.windows()}


def has_state(atspi: Atspi, control: Control, state: str) -> bool:
    return state in atspi.states(control.node)


def snapshot(controls: list[Control]) -> tuple[tuple[str, str], ...]:
    return tuple((c.role, c.name) for c in controls if "showing" in c.states)


def open_tray_menu(desktop: Desktop, pid: int, changes: StateChanges) -> Control:
    """Right-click kindtray's icon in trayer's panel (XEmbed: Qt draws the menu); the menu."""
    icon = wait_until(lambda: desktop.x11.tray_icons(pid), 10, "kindtray's tray icon")[0]
    seen = []
    for _attempt in range(3):
        changes.clear()
        # Away first, then onto the icon, so each click comes with an enter event.
        desktop.run(["xdotool", "mousemove", "0", "799"])
        desktop.run(["xdotool", "mousemove", "--window", icon, "5", "5", "click", "3"])
        try:
            return changes.wait("showing", "popup menu", timeout=5)
        except DesktopError as error:
            # Measured: now and then the menu shows and hides again within the one click
            # (xdotool's press and release come a moment apart on a busy machine); a person
            # would click again.
            seen.append(str(error))
    pytest.fail("the tray menu did not open after 3 right clicks: " + "; ".join(seen))
