"""The four desktops kindtray is tested on: X11, GNOME Shell, KDE Plasma and sway.

Owns how each desktop is started, when it counts as ready and how a test looks at it (who has
the keyboard focus, a screenshot). Each runs headless with no GPU, no systemd and no real input,
as root if need be. It must not know about kindtray.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any, ClassVar

from desktopstack.base import Desktop, DesktopError, wait_until
from desktopstack.bus import Bus, BusError

WIDTH, HEIGHT = 1280, 800
WATCHER = "org.kde.StatusNotifierWatcher"
NOTIFICATIONS = "org.freedesktop.Notifications"


class BusesOnly(Desktop):
    """Only the private session bus: for checks that need a real bus and no screen."""

    name = "buses"
    tools = ("dbus-daemon",)

    def _start(self) -> None:
        pass


class X11(Desktop):
    """Xvfb, trayer (the XEmbed tray) and dunst; no window manager."""

    name = "x11"
    tools = ("Xvfb", "dbus-daemon", "trayer", "dunst", "dunstctl", "xwininfo", "xdotool", "import")
    tray = "xembed"

    def __init__(
        self,
        *,
        tray: bool = True,
        notifications: bool = True,
        timeout: int = 2,
        markup: str | None = None,
        dark_panel: bool = False,
        scale: int = 1,
    ) -> None:
        super().__init__()
        self.dark_panel = dark_panel
        self.scale = scale  # a screen this many times larger, for QT_SCALE_FACTOR=scale
        self.with_tray = tray
        self.with_notifications = notifications
        self.timeout = timeout
        self.markup = markup  # dunst's "markup" setting; None: dunst's default

    def _start(self) -> None:
        read, write = os.pipe()
        self.spawn(
            (
                f"Xvfb -displayfd {write} -screen 0 {WIDTH * self.scale}x{HEIGHT * self.scale}x24"
                " -nolisten tcp -noreset"
            ).split(),
            pass_fds=(write,),
        )
        os.close(write)
        with os.fdopen(read, "rb") as pipe:
            number = pipe.readline().strip().decode()
        if not number:
            raise DesktopError("Xvfb did not report its display")
        self.set_env(DISPLAY=f":{number}")
        wait_until(lambda: self.ok("xwininfo", "-root"), 10, "the X server")
        if self.with_tray:
            self.spawn(
                ["trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel"]
                + ["--width", "240", "--height", "32", "--SetDockType", "true"]
                + ["--SetPartialStrut", "true", "--expand", "false"]
                + (
                    ["--transparent", "true", "--alpha", "0", "--tint", "0x202020"]
                    if self.dark_panel
                    else ["--transparent", "false"]
                )
            )
            wait_until(lambda: '"trayer"' in self.tree(), 10, "trayer's window")
        if self.with_notifications:
            rc = self.base / "dunstrc"
            rc.write_text(self.dunstrc())
            self.spawn(["dunst", "-config", str(rc), "-print"], log="dunst.log")
            wait_until(lambda: self.ok("dunstctl", "is-paused"), 10, "dunst on the session bus")

    def dunstrc(self) -> str:
        # idle_threshold 0: Xvfb has no input, so dunst would think the user away and hold
        # notifications. dmenu is what "dunstctl context" asks to pick an action: here a
        # script that picks the action named in the file "pick".
        picker = self.base / "bin" / "pick-action"
        picker.parent.mkdir(exist_ok=True)
        picker.write_text(f'#!/bin/sh\ngrep -m1 -F -- "$(cat {self.base}/pick)"\n')
        picker.chmod(0o755)
        urgencies = "".join(
            f"[urgency_{u}]\ntimeout = {self.timeout}\n" for u in ("low", "normal", "critical")
        )
        markup = f"markup = {self.markup}\n" if self.markup else ""
        return (
            f"[global]\nidle_threshold = 0\nhistory_length = 100\ndmenu = {picker}\n{markup}"
            + urgencies
        )

    def dunst_pick(self, label: str) -> None:
        """Choose the action labelled ``label`` from dunst's context menu, as a user would."""
        (self.base / "pick").write_text(label)
        self.run("dunstctl", "context")

    def tree(self) -> str:
        return self.run("xwininfo", "-root", "-tree").stdout

    def tray_icons(self, pid: int) -> list[str]:
        """Windows of process ``pid`` embedded in trayer's panel (XEmbed tray icons)."""
        mine = {
            hex(int(w)) for w in self.run("xdotool", "search", "--pid", str(pid)).stdout.split()
        }
        icons, trayer_depth = [], None
        for line in self.tree().splitlines():
            depth = len(line) - len(line.lstrip())
            if trayer_depth is not None and depth <= trayer_depth:
                trayer_depth = None
            if '"trayer"' in line and trayer_depth is None:
                trayer_depth = depth
            elif trayer_depth is not None and line.strip().split(" ")[0] in mine:
                icons.append(line.strip().split(" ")[0])
        return icons

    def has_window(self, pid: int, app_id: str) -> bool:
        """Does process ``pid`` show a window (not a tray icon, at least 200 px wide)?"""
        found = self.run("xdotool", "search", "--onlyvisible", "--pid", str(pid)).stdout.split()
        for window in found:
            info = self.run("xwininfo", "-id", window).stdout
            if any(
                line.strip().startswith("Width:") and int(line.split(":")[1]) >= 200
                for line in info.splitlines()
            ):
                return True
        return False

    def focused_window(self) -> dict[str, Any]:
        result = self.run("xdotool", "getwindowfocus", "getwindowpid")
        return {"pid": int(result.stdout)} if result.stdout.strip().isdigit() else {}

    def screenshot(self, path: Path) -> None:
        self.run("import", "-window", "root", str(path), check=True)


class Sway(Desktop):
    """sway headless; swaybar is the StatusNotifierItem host, mako the notification daemon."""

    name = "sway"
    tools = ("sway", "swaybar", "swaymsg", "mako", "makoctl", "grim", "unshare", "dbus-daemon")
    tray = "sni"
    qt_platform = "wayland"

    def __init__(self, *, dark_bar: bool = False) -> None:
        super().__init__()
        self.dark_bar = dark_bar

    def _start(self) -> None:
        bar = self.pid_recording_wrapper("swaybar", shutil.which("swaybar") or "swaybar")
        colours = "#202020 #202020 #ffffff" if self.dark_bar else "#f0f0f0 #f0f0f0 #202020"
        background, _, text = colours.split()
        conf = self.base / "sway.conf"
        conf.write_text(
            "xwayland disable\n"
            f"output HEADLESS-1 resolution {WIDTH}x{HEIGHT}\n"
            "bar {\n"
            f"  swaybar_command {bar}\n"
            "  position top\n  tray_output *\n  tray_padding 4\n"
            f"  colors {{\n    background {background}\n    statusline {text}\n  }}\n"
            "}\n"
        )
        env = {
            "WLR_BACKENDS": "headless",
            "WLR_LIBINPUT_NO_DEVICES": "1",
            "WLR_RENDERER": "pixman",
        }
        self.env.update(env)
        # sway will not run as root ("Unable to drop root"); in a user namespace it is not root.
        sway = self.spawn(["unshare", "--user", "sway", "-c", str(conf)], log="sway.log")
        socket = wait_until(self.wayland_socket, 10, "sway's Wayland socket")
        self.set_env(WAYLAND_DISPLAY=socket)
        ipc = wait_until(
            lambda: next(iter(self.runtime.glob(f"sway-ipc.*.{sway.pid}.sock")), None),
            10,
            "sway's IPC socket",
        )
        self.env["SWAYSOCK"] = str(ipc)
        with Bus(self.session_bus) as bus:
            wait_until(lambda: bus.owner(WATCHER), 10, "swaybar as the tray's watcher")
            self.spawn(["mako"], log="mako.log")
            wait_until(lambda: bus.owner(NOTIFICATIONS), 10, "mako on the session bus")

    def tree(self) -> dict[str, Any]:
        return dict(json.loads(self.run("swaymsg", "-t", "get_tree").stdout))

    def windows(self) -> list[dict[str, Any]]:
        found = []
        stack = [self.tree()]
        while stack:
            node = stack.pop()
            if node.get("pid") and node.get("type") in ("con", "floating_con"):
                found.append(node)
            stack.extend(node.get("nodes", []) + node.get("floating_nodes", []))
        return found

    def has_window(self, pid: int, app_id: str) -> bool:
        return any(node["pid"] == pid for node in self.windows())

    def focused_window(self) -> dict[str, Any]:
        for node in self.windows():
            if node.get("focused"):
                return {"pid": node["pid"], "app_id": node.get("app_id")}
        return {}

    def notifications(self) -> list[dict[str, Any]]:
        """Mako's open notifications, as ``makoctl list`` gives them."""
        data = json.loads(self.run("makoctl", "list").stdout or "{}")
        return list(data.get("data", [[]])[0])

    def screenshot(self, path: Path) -> None:
        self.run("grim", str(path), check=True)


class Gnome(Desktop):
    """GNOME Shell 43 headless on Wayland, with or without the AppIndicator extension."""

    tools = ("gnome-shell", "gjs", "gsettings", "dbus-daemon")
    services: ClassVar[tuple[str, ...]] = (
        "ca.desrt.dconf.service",
        "org.gnome.Shell.Notifications.service",
    )
    system_bus = True  # GNOME takes its logind path and dies without any system bus
    qt_platform = "wayland"
    default_action_button = False
    APPINDICATOR = "ubuntu-appindicators@ubuntu.com"

    def __init__(
        self, *, appindicator: bool = True, dark: bool = False, notifications: bool = True
    ) -> None:
        self.appindicator = appindicator
        if not notifications:  # the shell's helper owns org.freedesktop.Notifications
            self.services = ("ca.desrt.dconf.service",)  # type: ignore[misc]
        self.name = "gnome" if appindicator else "gnome-noappindicator"  # type: ignore[misc]
        self.tray = "sni" if appindicator else ""  # type: ignore[misc]
        super().__init__()
        self.dark = dark

    @classmethod
    def missing(cls) -> list[str]:
        absent = super().missing()
        extension = Path("/usr/share/gnome-shell/extensions") / cls.APPINDICATOR
        return absent + ([] if extension.exists() else [str(extension)])

    def gsettings(self, schema: str, key: str, value: str) -> None:
        self.run("gsettings", "set", schema, key, value, check=True)

    def _start(self) -> None:
        shell = "org.gnome.shell"
        self.gsettings(shell, "welcome-dialog-last-shown-version", "'999'")
        if self.appindicator:
            self.gsettings(shell, "disable-user-extensions", "false")
            self.gsettings(shell, "enabled-extensions", f"['{self.APPINDICATOR}']")
        if self.dark:
            self.gsettings("org.gnome.desktop.interface", "color-scheme", "'prefer-dark'")
        # As root, GNOME warns "Logged in as a privileged user" at start and later banners
        # queue behind it; this file says the warning was shown already.
        marker = self.home / "data" / "gnome-shell" / "lock-warning-shown"
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
        self.env["XDG_SESSION_TYPE"] = "wayland"
        self.env["XDG_CURRENT_DESKTOP"] = "GNOME"
        self.spawn(
            [
                "gnome-shell",
                "--headless",
                "--wayland",
                "--no-x11",
                "--virtual-monitor",
                f"{WIDTH}x{HEIGHT}",
            ],
            log="gnome-shell.log",
        )
        self.set_env(WAYLAND_DISPLAY=wait_until(self.wayland_socket, 30, "GNOME's socket"))
        with Bus(self.session_bus) as bus:
            wait_until(lambda: bus.owner("org.gnome.Shell"), 30, "org.gnome.Shell")
            if self.appindicator:
                wait_until(lambda: bus.owner(WATCHER), 20, "AppIndicator's watcher")

            def overview_closed() -> bool:
                try:
                    bus.set(
                        "org.gnome.Shell",
                        "/org/gnome/Shell",
                        "org.gnome.Shell",
                        "OverviewActive",
                        "b",
                        False,
                    )
                except BusError:
                    return False
                return True

            wait_until(overview_closed, 10, "the overview to close")
            self.move_pointer(bus)

    def move_pointer(self, bus: Bus) -> None:
        """Make input once (GNOME thinks a user with no input is away; banners then wait)."""
        mutter = "org.gnome.Mutter.RemoteDesktop"
        (session,) = bus.call(mutter, "/org/gnome/Mutter/RemoteDesktop", mutter, "CreateSession")
        iface = mutter + ".Session"
        bus.call(mutter, session, iface, "Start")
        bus.call(mutter, session, iface, "NotifyPointerMotionRelative", "dd", (-2000.0, -2000.0))
        bus.call(mutter, session, iface, "NotifyPointerMotionRelative", "dd", (600.0, 400.0))
        bus.call(mutter, session, iface, "Stop")

    def _shell_call(self, service: str, member: str, signature: str = "", *args: Any) -> Any:
        """Call ``org.gnome.Shell.<service>`` as a client GNOME lets see windows and shoot.

        GNOME answers those only to connections owning an allow-listed name; it learns of a
        new owner asynchronously, so the first tries may be refused.
        """
        name = f"org.gnome.Shell.{service}"
        path = "/" + name.replace(".", "/")
        with Bus(self.session_bus) as bus:
            for allowed in ("org.gnome.Screenshot", "org.freedesktop.impl.portal.desktop.gnome"):
                bus.request_name(allowed)

            def attempt() -> tuple[Any] | None:
                try:
                    return (bus.call(name, path, name, member, signature or None, args)[0],)
                except BusError as error:
                    if "AccessDenied" not in str(error):
                        raise
                    return None

            return wait_until(attempt, 5, "GNOME Shell to allow our client")[0]

    def windows(self) -> list[dict[str, Any]]:
        windows = self._shell_call("Introspect", "GetWindows")
        return [{key: value[1] for key, value in props.items()} for props in windows.values()]

    def has_window(self, pid: int, app_id: str) -> bool:
        return any(w.get("wm-class") == app_id for w in self.windows())

    def focused_window(self) -> dict[str, Any]:
        for window in self.windows():
            if window.get("has-focus"):
                return {"app_id": window.get("wm-class"), "title": window.get("title")}
        return {}

    def screenshot(self, path: Path) -> None:
        if not self._shell_call("Screenshot", "Screenshot", "bbs", False, False, str(path)):
            raise DesktopError("GNOME Shell refused the screenshot")


class Plasma(Desktop):
    """KDE Plasma 5.27: kwin_wayland (virtual), kded5 (the tray's watcher), plasmashell."""

    name = "plasma"
    tools = ("kwin_wayland", "kded5", "plasmashell", "dbus-daemon")
    qt_platform = "wayland"
    tray = "sni"
    default_action_button = False

    def __init__(self) -> None:
        super().__init__()
        # dunst, mako and GNOME's helper also offer org.freedesktop.Notifications: KDE only.
        services = Path("/usr/share/dbus-1/services")
        self.services = tuple(  # type: ignore[misc]
            p.name for p in sorted(services.glob("org.kde.*.service")) if "kded5" not in p.name
        )

    def _start(self) -> None:
        # The installed kwin_wayland carries a file capability that cannot be used here; a
        # plain copy of the binary runs.
        kwin = self.base / "bin" / "kwin_wayland"
        kwin.parent.mkdir(exist_ok=True)
        shutil.copy(shutil.which("kwin_wayland") or "kwin_wayland", kwin)
        self.env.update(
            KWIN_SCREENSHOT_NO_PERMISSION_CHECKS="1",
            KWIN_WAYLAND_NO_PERMISSION_CHECKS="1",
            XDG_CURRENT_DESKTOP="KDE",
            XDG_SESSION_TYPE="wayland",
            KDE_FULL_SESSION="true",
        )
        self.spawn(
            [
                str(kwin),
                "--virtual",
                "--width",
                str(WIDTH),
                "--height",
                str(HEIGHT),
                "--socket",
                "wayland-kt",
                "--no-lockscreen",
            ],
            log="kwin.log",
        )
        wait_until(lambda: (self.runtime / "wayland-kt").is_socket(), 30, "kwin's socket")
        self.set_env(WAYLAND_DISPLAY="wayland-kt")
        # kded5 runs kconf_update at start, whose helpers hang here and outlive it.
        (self.home / "config" / "kded5rc").write_text("[General]\nCheckUpdates=false\n")
        self.spawn(["kded5"], log="kded5.log")
        self.spawn(["plasmashell", "--no-respawn"], log="plasmashell.log")
        with Bus(self.session_bus) as bus:
            wait_until(lambda: bus.owner("org.kde.kded5"), 30, "kded5")
            # kded5 loads its modules late (or never, without a full session): ask for the one.
            bus.call(
                "org.kde.kded5",
                "/kded",
                "org.kde.kded5",
                "loadModule",
                "s",
                ("statusnotifierwatcher",),
                timeout=20,
            )
            wait_until(lambda: bus.owner(WATCHER), 30, "kded5's watcher")
            wait_until(lambda: bus.owner(NOTIFICATIONS), 30, "plasmashell's notifications")

            def host_registered() -> bool:
                try:
                    return bool(
                        bus.get(
                            WATCHER,
                            "/StatusNotifierWatcher",
                            WATCHER,
                            "IsStatusNotifierHostRegistered",
                        )
                    )
                except BusError:
                    return False

            wait_until(host_registered, 30, "plasmashell's tray host")

    def kwin_script(self, source: str) -> str:
        """Run a KWin script; return what it printed (KWin writes it to its log)."""
        marker = f"kt-{os.urandom(4).hex()}"
        script = self.base / f"{marker}.js"
        script.write_text(source.replace("print(", f'print("{marker}", '))
        with Bus(self.session_bus) as bus:
            (number,) = bus.call(
                "org.kde.KWin",
                "/Scripting",
                "org.kde.kwin.Scripting",
                "loadScript",
                "ss",
                (str(script), marker),
            )
            try:  # the object's path changed within Plasma 5
                bus.call("org.kde.KWin", f"/Scripting/Script{number}", "org.kde.kwin.Script", "run")
            except BusError:
                bus.call("org.kde.KWin", f"/{number}", "org.kde.kwin.Script", "run")
            lines = wait_until(
                lambda: [ln for ln in self.log("kwin.log").splitlines() if marker in ln],
                5,
                "the KWin script's output",
            )
            bus.call(
                "org.kde.KWin",
                "/Scripting",
                "org.kde.kwin.Scripting",
                "unloadScript",
                "s",
                (marker,),
            )
        return "\n".join(line.split(marker, 1)[1].strip() for line in lines)

    def has_window(self, pid: int, app_id: str) -> bool:
        out = self.kwin_script(
            "print(JSON.stringify(workspace.clientList().map(function (c) { return c.pid; })));"
        )
        return pid in json.loads(out.splitlines()[-1])

    def focused_window(self) -> dict[str, Any]:
        out = self.kwin_script(
            "var c = workspace.activeClient;"
            "print(c ? JSON.stringify({pid: c.pid, app_id: c.resourceClass}) : '{}');"
        )
        return dict(json.loads(out.splitlines()[-1]))

    def screenshot(self, path: Path) -> None:
        # KWin's ScreenShot2 writes raw pixels into a pipe we pass; it exists only with OpenGL
        # compositing (software GL here).
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection
        from PySide6.QtGui import QImage

        read, write = os.pipe()
        conn = open_dbus_connection(bus=self.session_bus, enable_fds=True)
        try:
            address = DBusAddress(
                "/org/kde/KWin/ScreenShot2",
                bus_name="org.kde.KWin",
                interface="org.kde.KWin.ScreenShot2",
            )
            reply = conn.send_and_get_reply(
                new_method_call(address, "CaptureWorkspace", "a{sv}h", ({}, write)), timeout=10
            )
            os.close(write)
            write = -1
            if not reply.body or not isinstance(reply.body[0], dict):
                raise DesktopError(f"KWin refused the screenshot: {reply.body}")
            info = {key: value[1] for key, value in reply.body[0].items()}
            with os.fdopen(read, "rb") as pipe:
                read = -1
                data = pipe.read()
        finally:
            conn.close()
            for fd in (read, write):
                if fd >= 0:
                    os.close(fd)
        image = QImage(
            data, info["width"], info["height"], info["stride"], QImage.Format(info["format"])
        )
        if not image.save(str(path)):
            raise DesktopError("could not save KWin's screenshot")


DESKTOPS: dict[str, Any] = {
    "buses": BusesOnly,
    "x11": X11,
    "sway": Sway,
    "gnome": lambda: Gnome(appindicator=True),
    "gnome-noappindicator": lambda: Gnome(appindicator=False),
    "plasma": Plasma,
}
