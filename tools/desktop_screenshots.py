"""kindtray on real desktops, into docs/screenshots/: the panel with its icon, and its windows.

Starts each desktop of the ``desktopstack`` package and runs ``python -m kindtray`` on it.

- Panels (light and dark where the desktop has both): once the icon is in the tray, a
  screenshot taken the desktop's own way, cut to the strip with the tray (active, then
  paused): docs/screenshots/desktop-<name>-panel.png and desktop-<name>-paused-panel.png.
- Windows on GNOME (Wayland, with its title bars) and X11 (Xvfb, no window manager, so no
  title bars), light and dark: the break, the settings, the welcome, About, "Your practice"
  (over a sample month of breaks) and "Why this helps", each alone:
  docs/screenshots/desktop-<desktop>-<theme>-<window>.png (names: windows-<desktop>-<theme>).
  On GNOME also the settings' other pages (settings-quiet-times ... settings-system); on X11
  light the tray menu (opened by a right click on the icon; GNOME's shell draws its own).
  Bare X11 tells Qt nothing of dark: there kindtray's break.theme setting makes it dark.
- At 200 % (QT_SCALE_FACTOR=2, on an X11 screen twice as large): the break, the settings and
  "Your practice" (names: windows-x11-<theme>@2x; files end in "@2x.png").
- Without a tray (X11 with neither a tray nor a notification service; GNOME without the
  AppIndicator extension): the welcome of a first start and the no-tray note
  (names: notray-<desktop>-<theme>); the same file pattern, windows "welcome-no-tray"
  and "no-tray", and on X11 the fallback reminder window ("reminder"). GNOME with neither a
  tray nor a notification service: that reminder window (names: nonotify-gnome-<theme>).
  A hard moment (``kindtray sos``) the same way, light and dark on both:
  docs/screenshots/desktop-<desktop>-<theme>-sos.png (names: hard-moment-<desktop>-<theme>).
  The dark GNOME desktop is told to Qt the way a real session does: the settings portal (a
  stand-in here that only says "prefer dark") and GTK's theme name in GSettings.

    python tools/desktop_screenshots.py [NAME ...]      (names: see SHOTS and WINDOW_SHOTS;
                                                         windows-x11-dark:settings,why: those alone)
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jeepney import MessageType, new_error, new_method_return  # noqa: E402
from jeepney.bus_messages import message_bus  # noqa: E402
from jeepney.io.blocking import open_dbus_connection  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402

from desktopstack import X11, Desktop, Gnome, Plasma, Sway, wait_until  # noqa: E402
from desktopstack.bus import Bus, BusError  # noqa: E402
from desktopstack.desktops import HEIGHT, WIDTH  # noqa: E402
from kindtray.core.clock import FakeClock  # noqa: E402
from kindtray.ui.app import NO_TRAY_MARKER  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
WATCHER = "org.kde.StatusNotifierWatcher"
WATCHER_ITEMS = "RegisteredStatusNotifierItems"
SNI = "org.kde.StatusNotifierItem"
DBUSMENU = "com.canonical.dbusmenu"
SETTINGS = "schema = 1\n[reminders]\ninterval_minutes = 480\n"

# name: (desktop, where the panel is: "top" or "bottom")
SHOTS: dict[str, tuple[Callable[[], Desktop], str]] = {
    "x11-light": (lambda: X11(notifications=False), "top"),
    "x11-dark": (lambda: X11(notifications=False, dark_panel=True), "top"),
    "sway-light": (Sway, "top"),
    "sway-dark": (lambda: Sway(dark_bar=True), "top"),
    "gnome": (lambda: Gnome(appindicator=True), "top"),
    "plasma": (Plasma, "bottom"),
}


def icon_is_in(desktop: Desktop, pid: int) -> bool:
    """Is process ``pid``'s icon in the desktop's tray?"""
    if isinstance(desktop, X11):
        return bool(desktop.tray_icons(pid))
    with Bus(desktop.session_bus) as bus:
        items = bus.get(WATCHER, "/StatusNotifierWatcher", WATCHER, WATCHER_ITEMS)
        return bool(items)


def shoot(name: str) -> Path:
    """Start the desktop ``name`` and kindtray on it; save the panel; return the file."""
    make, edge = SHOTS[name]
    with make() as desktop, tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch)
        (config / "settings.toml").write_text(SETTINGS)
        app = start_kindtray(desktop, config)
        try:
            wait_until(lambda: icon_is_in(desktop, app.pid), 20, "kindtray's icon in the tray")
            whole = config / "whole.png"
            # The panel draws the icon a moment after it registers: take the second of two.
            for _ in range(2):
                wait_until(lambda: desktop.screenshot(whole) or whole.exists(), 10, "a shot")
            target = OUT / f"desktop-{name}-panel.png"
            _strip(whole, edge, target)
            run_kindtray(desktop, config, "pause", "1h")
            paused = OUT / f"desktop-{name}-paused-panel.png"
            time.sleep(1)  # the panel redraws the icon a moment after it changes
            desktop.screenshot(whole)
            _strip(whole, edge, paused)
            return target
        finally:
            run_kindtray(desktop, config, "quit")
            Desktop.end(app)


def _strip(whole: Path, edge: str, target: Path) -> None:
    """Keep the right half of the panel's edge of the screenshot ``whole``."""
    image = QImage(str(whole))
    width, height = image.width() // 2, 48
    top = 0 if edge == "top" else image.height() - height
    image.copy(image.width() - width, top, width, height).save(str(target))


def start_kindtray(desktop: Desktop, config: Path) -> subprocess.Popen[bytes]:
    """Start the tray app on ``desktop`` with the config folder ``config``."""
    return subprocess.Popen(
        [sys.executable, "-m", "kindtray", "--config-dir", str(config)],
        env=desktop.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def run_kindtray(desktop: Desktop, config: Path, *args: str) -> None:
    """Run one kindtray command against the instance using ``config``."""
    subprocess.run(
        [sys.executable, "-m", "kindtray", "--config-dir", str(config), *args],
        env=desktop.env,
        capture_output=True,
        timeout=20,
    )


# -- windows -------------------------------------------------------------------------------

APP_ID = "io.github.kindtray.Kindtray"
WINDOWS = ("break", "settings", "welcome", "about", "practice", "why")
X11_WINDOWS = ("tray-menu",)  # light only: see window_shots
# The settings' other pages: how many steps down the list of pages each is from the first.
SETTINGS_PAGES = {
    "settings-quiet-times": 1,
    "settings-break": 2,
    "settings-phrases": 3,
    "settings-my-words": 4,
    "settings-system": 5,
}
SCALED_WINDOWS = ("break", "settings", "practice")  # the "@2x" names: 200 %
# Tray menu entries from the bottom (Up from nothing picks the last): Quit, About, ...
FROM_MENU_BOTTOM = {"about": 2, "why": 2, "practice": 4}
NO_TRAY_WINDOWS = ("welcome-no-tray", "no-tray")
FIRST_START = ("welcome", "welcome-no-tray")  # no settings file: the welcome opens
WINDOW_SHOTS = (
    "windows-gnome-light",
    "windows-gnome-dark",
    "windows-x11-light",
    "windows-x11-dark",
    "windows-x11-light@2x",
    "windows-x11-dark@2x",
    "notray-gnome-light",
    "notray-gnome-dark",
    "notray-x11-light",
    "notray-x11-dark",
    "nonotify-gnome-light",
    "nonotify-gnome-dark",
)
HARD_MOMENT_SHOTS = (
    "hard-moment-gnome-light",
    "hard-moment-gnome-dark",
    "hard-moment-x11-light",
    "hard-moment-x11-dark",
)


class SettingsPortal:
    """A stand-in for xdg-desktop-portal's Settings: the desktop prefers dark (or light).

    Qt (and its adwaita title bars) read the colour scheme from the portal, as in a real
    GNOME session; the headless desktop has no portal of its own.
    """

    NAME = "org.freedesktop.portal.Desktop"

    def __init__(self, address: str, dark: bool) -> None:
        self.scheme = ("u", 1 if dark else 2)  # 1 prefer dark, 2 prefer light
        self.conn = open_dbus_connection(bus=address)
        reply = self.conn.send_and_get_reply(message_bus.RequestName(self.NAME, 4))
        if reply.body != (1,):  # 1: we are the primary owner now
            raise RuntimeError(f"could not own {self.NAME}: {reply.body}")
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _answer(self, member: str, body: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]] | None:
        dark = self.scheme[1] == 1
        appearance = {"color-scheme": self.scheme}
        # GTK (and Qt's GTK theme through it) reads the theme name rather than the scheme.
        interface = {
            "gtk-theme": ("s", "Adwaita-dark" if dark else "Adwaita"),
            "color-scheme": ("s", "prefer-dark" if dark else "default"),
        }
        if member == "ReadOne" and body == ("org.freedesktop.appearance", "color-scheme"):
            return "v", (self.scheme,)
        if member == "Read" and body == ("org.freedesktop.appearance", "color-scheme"):
            return "v", (("v", self.scheme),)
        if member == "ReadAll":
            wanted = body[0]
            found = {
                "org.freedesktop.appearance": appearance,
                "org.gnome.desktop.interface": interface,
            }
            return "a{sa{sv}}", ({k: v for k, v in found.items() if not wanted or k in wanted},)
        if member == "Get" and body[1:] == ("version",):
            return "v", (("u", 2),)
        return None

    def _serve(self) -> None:
        while True:
            try:
                message = self.conn.receive()
            except (OSError, ValueError):
                return
            if message.header.message_type != MessageType.method_call:
                continue
            member = str(message.header.fields.get(3, ""))  # 3: the member header field
            answer = self._answer(member, tuple(message.body))
            if answer is None:
                reply = new_error(message, "org.freedesktop.DBus.Error.UnknownMethod")
            else:
                reply = new_method_return(message, *answer)
            with contextlib.suppress(OSError):
                self.conn.send(reply)

    def close(self) -> None:
        """Stop answering and leave the bus."""
        with contextlib.suppress(OSError):
            self.conn.sock.shutdown(2)
        self.conn.close()


def window_shots(name: str, only: str = "") -> list[Path]:
    """The windows on the desktop ``name`` (or ``only`` one of them).

    "windows-gnome-dark" and the like: break, settings (every page on GNOME), welcome, About,
    "Your practice" and "Why this helps" (and on X11 light the tray menu); "...@2x": the
    break, the settings and "Your practice" at 200 %, on a screen twice as large;
    "notray-x11-light" and the like: the no-tray windows; "nonotify-gnome-light" and the like:
    GNOME with neither a tray nor a notification service, so kindtray's own reminder window;
    "hard-moment-x11-light" and the like: a hard moment alone.
    """
    kind, desktop_name, theme = name.split("-")[0], *name.split("-")[-2:]
    theme, _, at = theme.partition("@")
    scale = 2 if at == "2x" else 1
    only_sos = name.startswith("hard-moment-")
    dark = theme == "dark"
    tray = kind not in ("notray", "nonotify")
    desktop: Desktop = (
        Gnome(appindicator=tray, dark=dark, notifications=kind != "nonotify")
        if desktop_name == "gnome"
        else X11(tray=tray, notifications=False, dark_panel=dark, scale=scale)
    )
    written = []
    with desktop, tempfile.TemporaryDirectory() as scratch:
        if scale != 1:  # kindtray's processes only: the desktop's own parts stay at 100 %
            desktop.env["QT_SCALE_FACTOR"] = str(scale)
        portal = SettingsPortal(desktop.session_bus, dark)
        if isinstance(desktop, Gnome) and dark:
            # Qt's GTK theme follows GTK, which reads the theme's name from GSettings.
            desktop.gsettings("org.gnome.desktop.interface", "gtk-theme", "'Adwaita-dark'")
        try:
            # Bare X11 has no desktop-wide dark setting for Qt to follow: kindtray's windows
            # follow its break.theme setting there; the tray menu follows the desktop (light).
            if only:
                windows: tuple[str, ...] = tuple(only.split(","))
            elif only_sos:
                windows = ("sos",)
            elif kind == "nonotify":
                windows = ("reminder",)
            elif not tray:
                windows = NO_TRAY_WINDOWS
                if isinstance(desktop, X11):  # no notification service: kindtray's window
                    windows = (*windows, "reminder")
            elif scale != 1:
                windows = SCALED_WINDOWS
            elif isinstance(desktop, Gnome):
                windows = (*WINDOWS, *SETTINGS_PAGES)
            else:
                windows = WINDOWS if dark else (*WINDOWS, *X11_WINDOWS)
            suffix = f"@{scale}x" if scale != 1 else ""
            for window in windows:
                target = OUT / f"desktop-{desktop_name}-{theme}-{window}{suffix}.png"
                shoot_window(desktop, Path(scratch) / window, window, theme, target)
                written.append(target)
        finally:
            portal.close()
    return written


def shoot_window(desktop: Desktop, config: Path, window: str, theme: str, target: Path) -> None:
    """Start kindtray, open ``window`` alone, save it as ``target``."""
    config.mkdir()
    # Only the break.theme setting tells kindtray "dark" on bare X11, and a settings file means
    # "set up before": there the dark welcome is the one `kindtray welcome` opens.
    first_start = window in FIRST_START and not (isinstance(desktop, X11) and theme == "dark")
    if not first_start:  # the defaults but for the theme: no reminder comes in a few seconds
        (config / "settings.toml").write_text(f'schema = 1\n[break]\ntheme = "{theme}"\n')
    if (window in FIRST_START and not first_start) or window == "reminder":
        # The no-tray note would cover the welcome, or be the window GNOME shoots.
        (config / "state").mkdir()
        (config / "state" / NO_TRAY_MARKER).write_text("shown\n")
    if window == "practice":  # a month of breaks to sum up
        from tools.practice_screenshots import sample_history

        now = datetime.now().astimezone()
        (config / "data").mkdir()
        sample_history(config / "data", FakeClock(now, now.tzinfo or "UTC"), now=now)
    app = start_kindtray(desktop, config)
    child: subprocess.Popen[bytes] | None = None
    try:
        wait_until(lambda: (config / "run" / "kindtray.sock").exists(), 20, "kindtray")
        if isinstance(desktop, Gnome) and window in (*SETTINGS_PAGES, "why"):
            # No reliable keyboard into a Wayland window here: the child shows it alone.
            child = show_alone(desktop, config, window)
        elif window in ("break", "settings", "sos"):
            run_kindtray(desktop, config, window)
        elif window in SETTINGS_PAGES:  # the focus starts on the list of pages
            run_kindtray(desktop, config, "settings")
            assert isinstance(desktop, X11)
            press(desktop, app.pid, ["Down"] * SETTINGS_PAGES[window])
        elif window == "reminder":  # no notification service: kindtray's own window
            run_kindtray(desktop, config, "remind")
        elif window in FIRST_START and not first_start:
            run_kindtray(desktop, config, "welcome")
        elif window in FROM_MENU_BOTTOM and isinstance(desktop, Gnome):
            click_menu_entry(desktop, app.pid, "Your practice" if window == "practice" else "About")
        elif window in ("tray-menu", *FROM_MENU_BOTTOM):
            assert isinstance(desktop, X11)
            open_tray_menu(desktop, app.pid)
            if window != "tray-menu":
                # From the bottom of the menu (Quit, About, ...); Return opens the entry.
                ups = ["Up"] * FROM_MENU_BOTTOM[window]
                desktop.run("xdotool", "key", "--delay", "150", *ups, "Return")
                time.sleep(1)  # the menu closes, the window opens
        if window == "why" and isinstance(desktop, X11):  # About's "Why this &helps"
            press(desktop, app.pid, ["alt+h"])
        # "no-tray": the note comes by itself, a few seconds after the start.
        if isinstance(desktop, Gnome):
            gnome_window_shot(desktop, target)
        else:
            assert isinstance(desktop, X11)
            if window != "tray-menu":  # the pointer away in a corner: nothing under it lit
                desktop.run("xdotool", "mousemove", "0", "0")
            x11_window_shot(desktop, app.pid, target, min_width=150)
    finally:
        if child is not None:
            Desktop.end(child)
        run_kindtray(desktop, config, "quit")
        Desktop.end(app)


def show_alone(desktop: Desktop, config: Path, window: str) -> subprocess.Popen[bytes]:
    """Start a child showing ``window`` (a settings page, "why") as kindtray would."""
    return subprocess.Popen(
        [sys.executable, __file__, "--show", window, str(config)],
        env=desktop.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def shown_alone(window: str, config: Path) -> int:
    """The ``--show`` child: one window, in kindtray's own application, with ``config``."""
    from PySide6.QtWidgets import QWidget

    from kindtray.core.clock import SystemClock
    from kindtray.paths import default_paths
    from kindtray.storage.settings_store import SettingsStore
    from kindtray.storage.state_store import StateStore
    from kindtray.system.autostart import default_autostart
    from kindtray.ui.process import create_application
    from kindtray.ui.settings_dialog import SettingsDialog
    from kindtray.ui.why_window import WhyWindow

    app = create_application(sys.argv[:1])
    paths, clock = default_paths(config), SystemClock()
    store = SettingsStore(paths.settings_file, clock)
    shown: QWidget
    if window == "why":
        shown = WhyWindow(theme=store.load().settings.break_.theme)
    else:
        states = StateStore(paths.state_file, clock)
        dialog = SettingsDialog(store, paths, clock, states.load, default_autostart())
        dialog._tabs.setCurrentIndex(SETTINGS_PAGES[window])
        shown = dialog
    shown.show()
    return int(app.exec())


def gnome_window_shot(desktop: Gnome, target: Path) -> None:
    """Save the focused window (kindtray's, once GNOME knows it) with its title bar."""
    # GNOME names a window from the desktop entry kindtray writes at its first start.
    wait_until(lambda: gnome_named(desktop), 20, "GNOME to show kindtray's window, named")
    with Bus(desktop.session_bus) as bus:
        shell = ("org.gnome.Shell", "/org/gnome/Shell", "org.gnome.Shell")
        bus.set(*shell, "OverviewActive", "b", False)
    time.sleep(1.5)  # the overview's closing animation and the window's first frames
    ours = [w for w in desktop.windows() if w.get("wm-class") == APP_ID]
    if not any(w["has-focus"] for w in ours):  # a window of a child (show_alone)
        mutter = "org.gnome.Mutter.RemoteDesktop"
        with Bus(desktop.session_bus) as bus:
            path = "/org/gnome/Mutter/RemoteDesktop"
            (session,) = bus.call(mutter, path, mutter, "CreateSession")
            bus.call(mutter, session, mutter + ".Session", "Start")
            gnome_focus(desktop, bus, session)
            bus.call(mutter, session, mutter + ".Session", "Stop")
        time.sleep(1)
    if not desktop._shell_call(
        "Screenshot", "ScreenshotWindow", "bbbs", True, False, False, str(target)
    ):
        raise RuntimeError("GNOME Shell refused the window screenshot")


def gnome_focus(desktop: Gnome, bus: Bus, session: str) -> None:
    """Click kindtray's largest window's title bar (RemoteDesktop ``session``, started).

    A window opened without the user's input does not get the focus on GNOME (focus
    stealing prevention), and GNOME shoots only the focused window: a click gives it.
    """
    shell = ("org.gnome.Shell", "/org/gnome/Shell", "org.gnome.Shell")
    bus.set(*shell, "OverviewActive", "b", False)  # the overview would take the click
    # The pointer's way passes the top-left corner, which would open the overview.
    desktop.gsettings("org.gnome.desktop.interface", "enable-hot-corners", "false")
    time.sleep(1.5)  # the overview's closing animation and the window's first frames
    ours = [w for w in desktop.windows() if w.get("wm-class") == APP_ID]
    height = max(ours, key=lambda w: w["width"] * w["height"])["height"]
    # GNOME centres a new window below its top bar (32 pixels).
    title_bar = (WIDTH / 2, 32 + (HEIGHT - 32 - height) / 2 + 16)
    iface = "org.gnome.Mutter.RemoteDesktop.Session"
    mutter = "org.gnome.Mutter.RemoteDesktop"
    time.sleep(0.5)  # the session's virtual devices appear a moment after Start
    # The pointer is clamped at 0,0: far up-left first, then to the title bar.
    bus.call(mutter, session, iface, "NotifyPointerMotionRelative", "dd", (-4000.0, -4000.0))
    bus.call(mutter, session, iface, "NotifyPointerMotionRelative", "dd", title_bar)
    for pressed in (True, False):
        bus.call(mutter, session, iface, "NotifyPointerButton", "ib", (0x110, pressed))


def gnome_named(desktop: Gnome) -> bool:
    """Does GNOME show a window of kindtray's, every one named from its desktop entry?"""
    ours = [w for w in desktop.windows() if w.get("wm-class") == APP_ID]
    return bool(ours) and all(w["app-id"] == APP_ID + ".desktop" for w in ours)


def click_menu_entry(desktop: Desktop, pid: int, label: str) -> None:
    """Click the tray menu's entry ``label`` the way a StatusNotifierItem host does (dbusmenu)."""

    def our_menu() -> tuple[str, str] | None:
        with Bus(desktop.session_bus) as bus:
            entries = bus.get(WATCHER, "/StatusNotifierWatcher", WATCHER, WATCHER_ITEMS)
            for entry in entries:
                service, _, path = entry.partition("/")
                service = service.rstrip("@")  # GNOME's extension writes ":1.14@/Path"
                try:
                    if bus.pid_of(service) == pid:
                        item = "/" + path if path else "/StatusNotifierItem"
                        return service, bus.get(service, item, SNI, "Menu")
                except BusError:
                    continue
        return None

    service, menu = wait_until(our_menu, 20, "kindtray's item at the watcher")
    with Bus(desktop.session_bus) as bus:
        bus.call(service, menu, DBUSMENU, "AboutToShow", "i", (0,))
        _revision, layout = bus.call(service, menu, DBUSMENU, "GetLayout", "iias", (0, -1, []))
        (entry,) = [i for i, text in menu_entries(layout) if text.replace("&", "") == label]
        bus.call(service, menu, DBUSMENU, "Event", "isvu", (entry, "clicked", ("s", ""), 0))


def menu_entries(layout: tuple[Any, ...]) -> list[tuple[int, str]]:
    """(id, label) of every entry in a dbusmenu layout ``(id, props, children)``."""
    entry, props, children = layout
    found = [(int(entry), str(props["label"][1]))] if "label" in props else []
    for _signature, child in children:
        found.extend(menu_entries(child))
    return found


def open_tray_menu(desktop: X11, pid: int) -> None:
    """Right-click kindtray's icon in trayer's panel, so its menu opens."""
    icons = wait_until(lambda: desktop.tray_icons(pid), 20, "kindtray's icon in the tray")
    time.sleep(0.5)  # the icon's first frame
    desktop.run("xdotool", "mousemove", "--window", icons[0], "8", "8", "click", "3")


def largest_window(desktop: X11, pid: int, min_width: int = 200) -> str | None:
    """Process ``pid``'s largest shown window at least ``min_width`` wide (None: none yet)."""
    found = desktop.run("xdotool", "search", "--onlyvisible", "--pid", str(pid)).stdout
    sized = []
    for window in found.split():
        info = desktop.run("xwininfo", "-id", window).stdout
        values = dict(line.strip().split(":", 1) for line in info.splitlines() if ":" in line)
        width = int(values.get("Width", "0"))
        if width >= min_width:
            sized.append((width * int(values.get("Height", "0")), window))
    return max(sized)[1] if sized else None


def x11_window_shot(desktop: X11, pid: int, target: Path, min_width: int = 200) -> None:
    """Save process ``pid``'s largest window (no window manager: no title bar)."""
    window = wait_until(lambda: largest_window(desktop, pid, min_width), 20, "kindtray's window")
    time.sleep(1)  # its first frames
    desktop.run("import", "-window", window, str(target), check=True)


def press(desktop: X11, pid: int, keys: list[str]) -> None:
    """Type ``keys`` ("Down", "alt+h") into process ``pid``'s window once it is shown."""
    # No window manager: nothing gives the new window the keyboard but us.
    window = wait_until(lambda: largest_window(desktop, pid), 20, "kindtray's window")
    time.sleep(1)
    desktop.run("xdotool", "windowfocus", "--sync", window)
    desktop.run("xdotool", "key", "--delay", "200", *keys)
    time.sleep(1)


def main(names: list[str]) -> int:
    """Take the shots named (all without names)."""
    if names[:1] == ["--show"]:
        return shown_alone(names[1], Path(names[2]))
    for name in names or [*SHOTS, *WINDOW_SHOTS]:
        name, _, only = name.partition(":")
        if name in WINDOW_SHOTS or name in HARD_MOMENT_SHOTS:
            for path in window_shots(name, only):
                print(path.relative_to(ROOT))
        else:
            print(shoot(name).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
