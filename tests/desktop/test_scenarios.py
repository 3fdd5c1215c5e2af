"""The same user scenarios on every desktop: X11, sway, GNOME Shell (with and without the
AppIndicator extension) and KDE Plasma.

Each desktop starts once per session (a parametrized session fixture, so pytest runs all
scenarios of one desktop before starting the next); each scenario starts its own
``python -m kindtray`` with a fresh config. A D-Bus monitor on the desktop's private session
bus records what kindtray sends. Notification actions are invoked the way each desktop does:
dunst's context menu on X11, ``makoctl invoke`` on sway; GNOME and Plasma are driven by the
signals their daemons send (GNOME: ``ActionInvoked`` twice, from the shell and from its gjs
helper; Plasma: ``NotificationClosed`` again after kindtray's own ``CloseNotification``).

"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktopstack import DESKTOPS, X11, Desktop, Gnome, Plasma, Sway
from desktopstack.bus import Bus, BusError, Monitor, Seen, menu_labels
from tests.desktop.conftest import require, wait_until

pytestmark = pytest.mark.desktop

APP_ID = "io.github.kindtray.Kindtray"
WATCHER = "org.kde.StatusNotifierWatcher"
NOTIFICATIONS = ("/org/freedesktop/Notifications", "org.freedesktop.Notifications")
MENU_ENTRIES = ["Take a break now", "Pause", "Settings…", "About", "Quit"]
# No reminder falls due by itself during a scenario, and a snooze is a snooze at any hour.
SETTINGS = """\
schema = 1
[reminders]
interval_minutes = 480
active_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
active_start = "00:00"
active_end = "23:59"
"""

NAMES = ["x11", "sway", "gnome", "gnome-noappindicator", "plasma"]


@pytest.fixture(scope="session", params=NAMES)
def stack(request: pytest.FixtureRequest) -> Iterator[Desktop]:
    desktop: Desktop = DESKTOPS[request.param]()
    try:
        require(type(desktop))
        desktop.start()
    except BaseException:
        desktop.stop()
        raise
    yield desktop
    desktop.stop()


class App:
    """One ``python -m kindtray`` on the desktop, a monitor of its bus, and its CLI."""

    def __init__(self, stack: Desktop) -> None:
        self.stack = stack
        self.config = Path(stack.base) / f"cfg-{len(list(stack.base.glob('cfg-*')))}"
        self.config.mkdir()
        (self.config / "settings.toml").write_text(SETTINGS)
        self.monitor = Monitor(stack.session_bus)
        self._pids: dict[str, int | None] = {}
        self.process = subprocess.Popen(
            self.argv(),
            env=stack.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: self.status() or self.process.poll() is not None, 20, "kindtray")
        assert self.process.poll() is None, f"kindtray exited: {self.log()}"

    def argv(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "kindtray", "--config-dir", str(self.config), *args]

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.argv(*args), env=self.stack.env, capture_output=True, text=True, timeout=20
        )

    def status(self) -> dict[str, Any] | None:
        result = self.cli("status", "--json")
        return json.loads(result.stdout) if result.returncode == 0 else None

    def log(self) -> str:
        path = self.config / "state" / "kindtray.log"
        return path.read_text() if path.exists() else "(no log)"

    def history(self, outcome: str) -> list[dict[str, str]]:
        export = self.config / "history.csv"
        result = self.cli("history", "--csv", str(export))
        assert result.returncode == 0, result.stderr
        rows = csv.DictReader(io.StringIO(export.read_text()))
        return [row for row in rows if row["outcome"] == outcome]

    def sent(self, member: str) -> list[Seen]:
        """Method calls ``member`` that kindtray's process sent (not a daemon's forwarded copy)."""
        return [m for m in self.monitor.messages(member, "call") if self.is_ours(m.sender)]

    def is_ours(self, sender: str) -> bool:
        if sender not in self._pids:
            with Bus(self.stack.session_bus) as bus:
                self._pids[sender] = _pid_or_none(bus, sender)
        return self._pids[sender] == self.process.pid

    def notifies(self) -> list[Seen]:
        return self.sent("Notify")

    def remind(self) -> int:
        """``kindtray remind``; the id the daemon gave the notification.

        Plasma refuses a notification identical to the one it accepted less than a second
        before (ExcessNotificationGeneration), and every scenario's fresh kindtray starts
        with the same phrase: a refused reminder is asked for again.
        """

        def attempt() -> int | None:
            before = len(self.notifies())
            assert self.cli("remind").returncode == 0
            call = wait_until(lambda: self.notifies()[before:], 10, "kindtray's Notify")[0]
            reply = wait_until(lambda: self.monitor.reply_to(call), 10, "the daemon's reply")
            if isinstance(self.stack, Plasma) and "quick succession" in str(reply.body):
                return None
            assert reply.kind == "reply", reply.body
            return int(reply.body[0])

        return int(wait_until(attempt, 10, "the daemon to accept the reminder"))

    def accepted_notifies(self) -> list[Seen]:
        """kindtray's Notify calls that the daemon accepted (it showed them)."""
        return [
            call
            for call in self.notifies()
            if (reply := self.monitor.reply_to(call)) is not None and reply.kind == "reply"
        ]

    def close_calls(self) -> list[Seen]:
        return self.sent("CloseNotification")

    def has_window(self) -> bool:
        return self.stack.has_window(self.process.pid, APP_ID)

    def focused(self) -> bool:
        window = self.stack.focused_window()
        return window.get("pid") == self.process.pid or window.get("app_id") == APP_ID

    def quit(self) -> None:
        if self.process.poll() is None:
            self.cli("quit")
        Desktop.end(self.process)
        self.monitor.close()


def _pid_or_none(bus: Bus, name: str) -> int | None:
    try:
        return bus.pid_of(name)
    except BusError:
        return None


@pytest.fixture
def app(stack: Desktop) -> Iterator[App]:
    running = App(stack)
    yield running
    running.quit()
    # What the scenario left on screen goes, so the next one starts clean.
    if isinstance(stack, Sway):
        stack.run("makoctl", "dismiss", "--all")
    elif isinstance(stack, X11):
        stack.run("dunstctl", "close-all")


_CAN_FOCUS: dict[str, bool] = {}


def require_focus(stack: Desktop) -> None:
    """Skip, saying why, where no new window gets the keyboard focus (a plain Qt one checked)."""
    if stack.name not in _CAN_FOCUS:
        thief = FocusThief(stack)
        try:
            _CAN_FOCUS[stack.name] = bool(_poll(thief.focused, 10))
        finally:
            thief.stop()
    if not _CAN_FOCUS[stack.name]:
        reason = f"{stack.name}: not even a plain new Qt window gets keyboard focus here"
        print(reason)
        pytest.skip(reason)


def _poll(condition: Any, timeout: float) -> Any:
    try:
        return wait_until(condition, timeout, "")
    except pytest.fail.Exception:
        return None


def answer(stack: Desktop, app: App, notification: int, action: str, label: str) -> None:
    """Click the action ``action`` (labelled ``label``) of the notification, as the desktop does."""
    if isinstance(stack, X11):
        # dunst's menu and actions work on the notifications it displays.
        wait_until(lambda: notification_open(stack, notification), 10, "dunst to show it")
        if action == "default":
            stack.run("dunstctl", "action", "0", check=True)
        else:
            stack.dunst_pick(label)
    elif isinstance(stack, Sway):
        stack.run("makoctl", "invoke", "-n", str(notification), action, check=True)
    elif isinstance(stack, Gnome):
        # The shell broadcasts the action and closes the banner; its gjs helper, which owns
        # org.freedesktop.Notifications, forwards a copy of each signal.
        with Bus(stack.session_bus) as shell, Bus(stack.session_bus) as helper:
            for sender in (shell, helper):
                sender.emit(*NOTIFICATIONS, "ActionInvoked", "us", (notification, action))
            for sender in (shell, helper):
                sender.emit(*NOTIFICATIONS, "NotificationClosed", "uu", (notification, 2))
    elif isinstance(stack, Plasma):
        # Plasma sends the action once and NotificationClosed (dismissed) after the click;
        # plasmashell itself sends NotificationClosed again when kindtray closes it.
        with Bus(stack.session_bus) as plasma:
            plasma.emit(*NOTIFICATIONS, "ActionInvoked", "us", (notification, action))
            plasma.emit(*NOTIFICATIONS, "NotificationClosed", "uu", (notification, 2))
    else:
        raise AssertionError(f"no way to answer on {stack.name}")


def notification_open(stack: Desktop, notification: int) -> bool | None:
    """Is the notification still shown? None where the desktop cannot tell."""
    if isinstance(stack, Sway):
        return any(n["id"]["data"] == notification for n in stack.notifications())
    if isinstance(stack, X11):
        return stack.run("dunstctl", "count", "displayed").stdout.strip() != "0"
    return None


def sni_items(stack: Desktop) -> list[tuple[str, str]]:
    """(service, object path) of each item registered with the StatusNotifierWatcher."""
    with Bus(stack.session_bus) as bus:
        entries = bus.get(
            WATCHER, "/StatusNotifierWatcher", WATCHER, "RegisteredStatusNotifierItems"
        )
    items = []
    for entry in entries:
        service, _, path = entry.partition("/")
        # GNOME's AppIndicator extension writes ":1.14@/StatusNotifierItem".
        items.append((service.rstrip("@"), "/" + path if path else "/StatusNotifierItem"))
    return items


def our_sni_item(stack: Desktop, app: App) -> tuple[str, str] | None:
    with Bus(stack.session_bus) as bus:
        for service, path in sni_items(stack):
            if _pid_or_none(bus, service) == app.process.pid:
                return service, path
    return None


# -- the scenarios -------------------------------------------------------------------------


def test_the_icon_registers_with_the_tray_or_its_absence_is_reported(
    stack: Desktop, app: App
) -> None:
    if stack.tray == "xembed":
        assert isinstance(stack, X11)
        wait_until(lambda: stack.tray_icons(app.process.pid), 10, "the icon in trayer's panel")
    elif stack.tray == "sni":
        wait_until(lambda: our_sni_item(stack, app), 10, "kindtray's item at the watcher")
    else:
        wait_until(lambda: "no system tray on this desktop" in app.log(), 10, "the log's note")
    status = app.status()
    assert status is not None and status["tray_available"] is bool(stack.tray)


def test_the_menu_has_its_entries(stack: Desktop, app: App) -> None:
    if not stack.tray:
        reason = f"{stack.name} has no tray, so no tray menu (reported by the test above)"
        print(reason)
        pytest.skip(reason)
    if stack.tray == "xembed":
        # XEmbed menus are plain X windows: a right click must open one of kindtray's.
        assert isinstance(stack, X11)
        icon = wait_until(lambda: stack.tray_icons(app.process.pid), 10, "the icon")[0]
        before = set(
            stack.run(
                "xdotool", "search", "--onlyvisible", "--pid", str(app.process.pid)
            ).stdout.split()
        )
        stack.run("xdotool", "mousemove", "--window", icon, "5", "5", "click", "3")
        wait_until(
            lambda: (
                set(
                    stack.run(
                        "xdotool", "search", "--onlyvisible", "--pid", str(app.process.pid)
                    ).stdout.split()
                )
                - before
            ),
            10,
            "the menu window",
        )
        stack.run("xdotool", "key", "Escape")
        return
    service, path = wait_until(lambda: our_sni_item(stack, app), 10, "kindtray's item")
    with Bus(stack.session_bus) as bus:
        menu = bus.get(service, path, "org.kde.StatusNotifierItem", "Menu")
        bus.call(service, menu, "com.canonical.dbusmenu", "AboutToShow", "i", (0,))
        _revision, layout = bus.call(
            service, menu, "com.canonical.dbusmenu", "GetLayout", "iias", (0, -1, [])
        )
    labels = [label.replace("&", "") for label in menu_labels(layout)]
    for entry in MENU_ENTRIES:
        assert entry in labels, labels


def test_remind_shows_one_notification_with_both_actions_visible(stack: Desktop, app: App) -> None:
    notification = app.remind()
    (notify,) = app.accepted_notifies()
    actions = notify.body[5]
    if isinstance(stack, Sway):
        (shown,) = [n for n in stack.notifications() if n["id"]["data"] == notification]
        assert sorted(shown["actions"]["data"].values()) == ["Later", "Start break"]
    if isinstance(stack, X11):
        assert stack.run("dunstctl", "count", "displayed").stdout.strip() == "1"
    # dunst's context menu and mako list every action, "default" included; GNOME and Plasma
    # draw a button for every action but "default". Each label must be there exactly once.
    visible = [
        label
        for key, label in zip(actions[::2], actions[1::2], strict=True)
        if stack.default_action_button or key != "default"
    ]
    assert sorted(visible) == ["Later", "Start break"]


def test_start_break_opens_the_break_window_with_keyboard_focus(stack: Desktop, app: App) -> None:
    require_focus(stack)
    notification = app.remind()
    # Where "default" has no button, the person clicks the "Start break" button.
    action = "default" if stack.default_action_button else "start"
    answer(stack, app, notification, action, "Start break")
    wait_until(app.has_window, 10, "the break window")
    wait_until(app.focused, 10, "the break window with keyboard focus")


def test_later_snoozes_once_closes_the_notification_and_writes_one_row(
    stack: Desktop, app: App
) -> None:
    notification = app.remind()
    answer(stack, app, notification, "later", "Later")
    wait_until(lambda: app.history("snoozed"), 10, "a 'snoozed' history row")
    # Everything the desktop sent has arrived once kindtray answers a later command.
    assert app.status() is not None
    assert len(app.history("snoozed")) == 1
    assert not app.history("dismissed")  # Plasma's second NotificationClosed is no answer
    assert len(app.close_calls()) <= 1
    if notification_open(stack, notification) is not None:
        wait_until(
            lambda: not notification_open(stack, notification), 5, "the notification to close"
        )
    if isinstance(stack, Sway):
        # A second click on it (mako's list is already without it: the signal as mako sends it).
        with Bus(stack.session_bus) as mako:
            mako.emit(*NOTIFICATIONS, "ActionInvoked", "us", (notification, "later"))
        assert app.status() is not None
        assert len(app.history("snoozed")) == 1


def test_status_tells_the_truth_while_snoozed_and_while_paused(stack: Desktop, app: App) -> None:
    notification = app.remind()
    answer(stack, app, notification, "later", "Later")
    wait_until(lambda: app.history("snoozed"), 10, "the snooze")
    status = app.status()
    assert status is not None and status["paused"] is False
    due = datetime.fromisoformat(status["next_reminder"]) - datetime.now().astimezone()
    assert timedelta(minutes=9) <= due <= timedelta(minutes=10, seconds=5), due
    assert app.cli("status").stdout.startswith("Next reminder")

    assert app.cli("pause", "1h").returncode == 0
    status = app.status()
    assert status is not None and status["paused"] is True
    until = datetime.fromisoformat(status["paused_until"]) - datetime.now().astimezone()
    assert timedelta(minutes=59) <= until <= timedelta(hours=1), until
    assert app.cli("status").stdout.startswith("Paused until")


def test_a_second_break_brings_the_window_forward(stack: Desktop, app: App) -> None:
    """X11 brings it forward; sway and Plasma do what docs/desktops.md's table says.

    The command here runs with no activation token (no launcher gave it one), as from a
    terminal. sway 1.7 then marks the window urgent (its default
    ``focus_on_window_activation urgent``) and focuses it with ``focus``; KWin refuses the
    focus without a token and marks the window as demanding attention.
    """
    require_focus(stack)
    assert app.cli("break").returncode == 0
    wait_until(app.focused, 10, "the break window with keyboard focus")
    thief = FocusThief(stack)
    try:
        wait_until(lambda: not app.focused(), 10, "another window to take the focus")
        assert app.cli("break").returncode == 0
        if isinstance(stack, Sway):
            wait_until(lambda: _sway_window(stack, app).get("urgent"), 5, "sway's urgent mark")
            stack.run("swaymsg", "focus_on_window_activation", "focus", check=True)
            try:
                assert app.cli("break").returncode == 0
                wait_until(app.focused, 5, "the break window to come forward")
            finally:
                stack.run("swaymsg", "focus_on_window_activation", "urgent", check=True)
        elif isinstance(stack, Plasma):
            wait_until(lambda: _kwin_demands_attention(stack, app), 5, "KWin's attention mark")
            print("plasma: without an activation token KWin marks the window, as documented")
        else:
            wait_until(app.focused, 5, "the break window to come forward")
    finally:
        thief.stop()


def _sway_window(stack: Sway, app: App) -> dict[str, Any]:
    found = [w for w in stack.windows() if w["pid"] == app.process.pid]
    return found[0] if found else {}


def _kwin_demands_attention(stack: Plasma, app: App) -> bool:
    out = stack.kwin_script(
        "print(JSON.stringify(workspace.clientList().filter(function (c) {"
        f" return c.pid == {app.process.pid}; }}).map(function (c) {{"
        " return c.demandsAttention; })));"
    )
    return any(json.loads(out.splitlines()[-1]))


def test_quit_ends_the_process(stack: Desktop, app: App) -> None:
    assert app.cli("quit").returncode == 0
    assert app.process.wait(timeout=5) == 0


def test_the_desktop_names_the_app_of_the_break_window(stack: Desktop, app: App) -> None:
    if not isinstance(stack, Gnome):
        reason = f"{stack.name}: only GNOME names the app of a window in its top bar"
        print(reason)
        pytest.skip(reason)
    assert app.cli("break").returncode == 0

    def ours() -> list[dict[str, Any]]:
        return [w for w in stack.windows() if w.get("wm-class") == APP_ID]

    wait_until(ours, 10, "the window")
    # "window:N" is GNOME's app for a window it matched to no desktop entry: the top bar
    # then shows the raw id and no icon. GNOME reads an entry written at kindtray's first
    # start within seconds, and then names the windows already open.
    wait_until(
        lambda: all(w["app-id"] == APP_ID + ".desktop" for w in ours()),
        15,
        "GNOME to name kindtray's windows from its desktop entry",
    )


PANELS: dict[str, Callable[[], Desktop]] = {
    "x11-light": lambda: X11(notifications=False),
    "x11-dark": lambda: X11(notifications=False, dark_panel=True),
    "sway-light": lambda: Sway(dark_bar=False),
    "sway-dark": lambda: Sway(dark_bar=True),
}
# Pixels of the icon that must stand out clearly (lightness differs by at least STANDS_OUT
# from the panel's): a 22 px icon has about 380; a dark heart on a dark panel has none.
STANDS_OUT, ENOUGH_PIXELS = 96, 60


@pytest.mark.parametrize("name", PANELS)
def test_the_icon_reads_well_on_light_and_dark_panels_active_and_paused(
    name: str, tmp_path: Path
) -> None:
    desktop = PANELS[name]()
    require(type(desktop))
    with desktop:
        app = App(desktop)
        try:
            if isinstance(desktop, X11):
                wait_until(lambda: desktop.tray_icons(app.process.pid), 10, "the icon")
            else:
                wait_until(lambda: our_sni_item(desktop, app), 10, "the icon")
            shot = tmp_path / "panel.png"
            # The panel draws the icon a moment after it registers (and after each change).
            active = wait_until(
                lambda: _standing_out(desktop, shot) >= ENOUGH_PIXELS and _corner(shot),
                5,
                "an active icon that stands out",
            )
            assert app.cli("pause", "1h").returncode == 0
            wait_until(
                lambda: _standing_out(desktop, shot) >= ENOUGH_PIXELS and _corner(shot) != active,
                5,
                "a paused icon, different from the active one, that stands out",
            )
        finally:
            app.quit()


def _corner(shot: Path) -> list[int]:
    """Lightness of each pixel in the screenshot's top-right corner, where the tray is."""
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(shot))
    return [
        QColor(image.pixel(x, y)).lightness()
        for x in range(image.width() - 70, image.width())
        for y in range(30)
    ]


def _standing_out(desktop: Desktop, shot: Path) -> int:
    """How many pixels in the tray's corner differ clearly from the panel's colour."""
    from collections import Counter

    desktop.screenshot(shot)
    corner = _corner(shot)
    panel = Counter(corner).most_common(1)[0][0]
    return sum(abs(value - panel) >= STANDS_OUT for value in corner)


class FocusThief:
    """Another app's window that takes the keyboard focus, as a user switching away would."""

    APP_ID = "kt.focus.thief"
    SOURCE = (
        "from PySide6.QtWidgets import QApplication, QLineEdit\n"
        f"app = QApplication([]); app.setDesktopFileName('{APP_ID}')\n"
        "w = QLineEdit(); w.setWindowTitle('thief'); w.show(); w.activateWindow()\n"
        "app.exec()\n"
    )

    def __init__(self, stack: Desktop) -> None:
        self.stack = stack
        self.process = subprocess.Popen(
            [sys.executable, "-c", self.SOURCE],
            env=stack.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def focused(self) -> bool:
        window = self.stack.focused_window()
        return window.get("pid") == self.process.pid or window.get("app_id") == self.APP_ID

    def stop(self) -> None:
        Desktop.end(self.process)
