"""``kindtray doctor``: what kindtray finds on this desktop, and what it will do, in plain words.

Owns the checks and their two forms: a text for people and a stable JSON object for bug
reports (tests/test_doctor.py pins the keys; docs/troubleshooting.md documents them). It
lives in ui/ with the routes because it asks them and Qt: it builds the app's own route chain
(``default_chain``) and reports each route's ``probe()``, so it never repeats a route's
checks, and ``--send-test`` sends through that very chain. It needs a QApplication (to ask
about the tray); with no display at all it says so and goes on with Qt's offscreen platform.
The CLI imports it only for ``kindtray doctor``, so the offline commands stay free of Qt.

Exit status: 0 when some route can show a reminder, 1 when none can (the reason comes first).

The text speaks the person's language; ``--json`` is in English, keys and texts, so that a bug
report reads the same for everyone.
"""

from __future__ import annotations

import json
import os
import platform as platform_module
import shlex
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kindtray import __version__
from kindtray.i18n import ENGLISH, N_, _, pgettext, use_language
from kindtray.paths import Paths
from kindtray.ui.notify.window import HEADLESS_PLATFORMS

if TYPE_CHECKING:
    from kindtray.ui.notify.chain import RouteChain

SCHEMA = 1
TEST_TITLE = "kindtray"
TEST_BODY = N_("This is a test from kindtray doctor. Reminders will look like this.")
GNOME_TRAY_ADVICE = N_(
    "On GNOME, install and enable the “AppIndicator and KStatusNotifierItem Support” "
    "extension (package gnome-shell-extension-appindicator on Debian and Ubuntu), then log "
    "out and in. Other desktops: add a system tray (notification area) to the panel."
)

FILE_KEYS = ("path", "exists", "valid", "messages")


@dataclass(frozen=True)
class DoctorOptions:
    """What the user asked for on the command line."""

    send_test: bool = False
    test_window_ms: int = 4000  # how long a test reminder in our own window stays up


def has_display(environ: dict[str, str] | os._Environ[str], platform: str) -> bool:
    """Return whether Qt can open a real window here, judging by the environment."""
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if chosen:
        return chosen not in HEADLESS_PLATFORMS
    if platform.startswith("linux") or "bsd" in platform:
        return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))
    return True  # Windows and macOS always have their window system


# -- the checks ---------------------------------------------------------------------------------


def sleep_signal() -> dict[str, Any]:
    """Whether logind's sleep signal reaches kindtray, found the way the app finds it."""
    from kindtray.ui.reminder_timer import SleepWatcher

    # The app's own watcher decides, so this report and the app's log cannot disagree.
    watcher = SleepWatcher()
    subscribed = watcher.listen()
    watcher.stop()
    watcher.deleteLater()
    if not watcher.system_bus:
        detail = _("no system bus: kindtray notices sleep within 5 minutes instead of at once")
    elif subscribed:
        # Translators: PrepareForSleep is the name of logind's signal.
        detail = _("logind's PrepareForSleep signal: kindtray notices a wake-up at once")
    else:
        detail = _("no logind on the system bus: kindtray notices sleep within 5 minutes")
    return {"system_bus": watcher.system_bus, "logind": subscribed, "detail": detail}


def autostart_check() -> dict[str, Any]:
    """Is the start-at-login entry there, and does it point at a program that exists?"""
    from kindtray.system.autostart import default_autostart

    entry = default_autostart()
    path = getattr(entry, "path", None)
    result: dict[str, Any] = {
        "supported": entry.supported,
        "enabled": False,
        "entry": str(path) if path is not None else None,
        "valid": None,
        "detail": "",
    }
    if not entry.supported:
        result["detail"] = _("starting at login is not supported on this system")
        return result
    result["enabled"] = entry.is_enabled()
    if not result["enabled"]:
        result["detail"] = _("off: kindtray does not start at login (Settings can turn it on)")
        return result
    if path is None:
        result["valid"] = True
        result["detail"] = pgettext("start at login", "on")
        return result
    program = _exec_program(Path(path))
    result["valid"] = bool(program and _runnable(program))
    if result["valid"]:
        # Translators: {program} is the path of the program started at login.
        result["detail"] = _("on: starts {program}").format(program=program)
    elif program:
        result["detail"] = _(
            "on, but the program it starts ({program}) is missing: turn start at login off "
            "and on again in Settings"
        ).format(program=program)
    else:
        result["detail"] = _(
            "on, but it names no program to start: turn start at login off and on again in Settings"
        )
    return result


def _exec_program(entry: Path) -> str | None:
    try:
        text = entry.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("Exec="):
            value = line[len("Exec=") :].replace("\\\\", "\\")
            try:
                words = shlex.split(value)
            except ValueError:
                return None
            return words[0] if words else None
    return None


def _runnable(program: str) -> bool:
    path = Path(program)
    return path.is_file() and os.access(path, os.X_OK)


def presence_check(paths: Paths) -> list[dict[str, Any]]:
    """Every source that tells whether the person is busy or away: does it work here?"""
    from kindtray.core.clock import SystemClock
    from kindtray.storage.settings_store import SettingsStore
    from kindtray.system.presence.monitor import report

    settings = SettingsStore(paths.settings_file, SystemClock()).load(keep_backup=False).settings
    return report(settings.waiting)


def files_check(paths: Paths) -> dict[str, Any]:
    """Read the settings and state files the way the app does, without changing them."""
    from kindtray.core.clock import SystemClock
    from kindtray.storage.settings_store import SettingsStore
    from kindtray.storage.state_store import StateStore

    clock = SystemClock()
    loaded = SettingsStore(paths.settings_file, clock).load(keep_backup=False)
    state_store = StateStore(paths.state_file, clock)
    state_store.load(keep_backup=False)
    return {
        "settings": {
            "path": str(paths.settings_file),
            "exists": paths.settings_file.exists(),
            "valid": not loaded.messages,
            "messages": list(loaded.messages),
        },
        "state": {
            "path": str(paths.state_file),
            "exists": paths.state_file.exists(),
            "valid": not state_store.messages,
            "messages": list(state_store.messages),
        },
    }


def sound_check() -> dict[str, Any]:
    """Which player would play the chime (no Qt Multimedia needed), or that none was found."""
    from kindtray.system.sound import candidates, find_player

    player = find_player()
    if player is None:
        looked = candidates()
        if "pw-play" in looked:
            # Translators: {players} is a list of program names, such as pw-play, paplay, aplay.
            text = _(
                "no player found (looked for {players}, where pw-play and paplay need their "
                "sound server running): the chime stays silent"
            )
        else:
            text = _("no player found (looked for {players}): the chime stays silent")
        return {"player": None, "program": None, "detail": text.format(players=", ".join(looked))}
    program = player.argv[0] if player.argv else None
    where = f" ({program})" if program else ""
    return {"player": player.name, "program": program, "detail": f"{player.name}{where}"}


def versions() -> dict[str, str]:
    """Versions of kindtray and what it runs on."""
    import PySide6
    from PySide6.QtCore import qVersion

    return {
        "kindtray": __version__,
        "python": platform_module.python_version(),
        "qt": qVersion(),
        "pyside6": PySide6.__version__,
        "os": f"{platform_module.system()} {platform_module.release()}".strip(),
    }


# -- putting it together ------------------------------------------------------------------------


def collect(paths: Paths, options: DoctorOptions | None = None) -> dict[str, Any]:
    """Run every check and return the report (the ``--json`` object)."""
    options = options or DoctorOptions()
    display = has_display(os.environ, sys.platform)
    if not display and not os.environ.get("QT_QPA_PLATFORM"):
        # Without a display Qt would abort the process; offscreen lets the other checks run.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    from kindtray.ui.notify.base import ReminderAnswers
    from kindtray.ui.notify.chain import default_chain, first_usable
    from kindtray.ui.notify.freedesktop import (
        SERVICE,
        SERVICE_KEYS,
        FreedesktopRoute,
    )

    if QApplication.instance() is None:
        app = QApplication([sys.argv[0] if sys.argv else "kindtray"])
        app.setApplicationName("kindtray")
    qt_platform = QGuiApplication.platformName()
    display = display and qt_platform not in HEADLESS_PLATFORMS

    tray_available = QSystemTrayIcon.isSystemTrayAvailable()
    icon: QSystemTrayIcon | None = None
    if tray_available:
        from kindtray.ui.tray import icon_resource

        icon = QSystemTrayIcon(icon_resource("kindtray"))
        icon.show()  # only a shown icon can carry a message balloon
    tray = {
        "available": tray_available,
        "supports_messages": tray_available and QSystemTrayIcon.supportsMessages(),
        "advice": None if tray_available else _(GNOME_TRAY_ADVICE),
    }

    # The app's own chain: each route says whether it can work here (no checks repeated here).
    chain = default_chain(ReminderAnswers(), icon)
    problems = chain.probe()
    order = [r.name for r in chain.routes]
    route = first_usable(order, problems)
    service = next(
        (r.service for r in chain.routes if isinstance(r, FreedesktopRoute) and r.service),
        dict.fromkeys(SERVICE_KEYS) | {"name": SERVICE, "available": False},
    )
    why = {r.name: r.why for r in chain.routes}

    test = _send_test(chain, options) if options.send_test and route is not None else None
    chain.shutdown()
    if icon is not None:
        icon.hide()
        icon.deleteLater()

    report: dict[str, Any] = {
        "schema": SCHEMA,
        "can_remind": route is not None,
        "reason": "",
        "versions": versions(),
        "display": {
            "available": display,
            "qt_platform": qt_platform,
            "session_type": os.environ.get("XDG_SESSION_TYPE") or None,
            "desktop": os.environ.get("XDG_CURRENT_DESKTOP") or None,
        },
        "tray": tray,
        "notifications": {
            "route": route,
            "route_why": why[route] if route else None,
            "routes": [
                {"name": name, "usable": problems[name] is None, "problem": problems[name]}
                for name in order
            ],
            "service": service,
            "test": test,
        },
        "sleep_signal": sleep_signal(),
        "sound": sound_check(),
        "presence": presence_check(paths),
        "autostart": autostart_check(),
        "files": files_check(paths),
        "paths": {
            "settings": str(paths.settings_file),
            "phrases": str(paths.phrases_file),
            "state": str(paths.state_file),
            "history": str(paths.history_file),
            "log": str(paths.log_file),
        },
    }
    report["reason"] = reason(report)
    return report


def _send_test(chain: RouteChain, options: DoctorOptions) -> dict[str, Any]:
    """Send a test reminder through the app's own route chain; say which route took it."""
    from PySide6.QtCore import QEventLoop, QTimer

    via = chain.notify(_(TEST_BODY), TEST_TITLE)
    if via == "window":
        # Our own window lives only as long as this process: keep it up for a moment.
        loop = QEventLoop()
        QTimer.singleShot(options.test_window_ms, loop.quit)
        loop.exec()
        chain.withdraw()
    details = {
        "freedesktop": N_("the notification service took it (it should be on screen now)"),
        "tray-message": N_("handed to the tray as a message balloon (Qt cannot confirm it showed)"),
        "plyer": N_("handed to the system's notifications through plyer"),
        "window": N_("shown in kindtray's own window for a few seconds"),
        None: N_("no route could show it"),
    }
    return {"sent": via is not None, "via": via, "detail": _(details[via])}


def reason(report: dict[str, Any]) -> str:
    """The first line: can kindtray remind here, and how or why not."""
    notifications = report["notifications"]
    route = notifications["route"]
    if route is None:
        if not report["display"]["available"]:
            return _(
                "kindtray cannot remind you here: there is no display (no DISPLAY or "
                "WAYLAND_DISPLAY) and no notification service on the session bus."
            )
        return _("kindtray cannot remind you here: no way to show a reminder worked.")
    service = notifications["service"]
    if route == "freedesktop":
        server = service["server"] or {}
        name = server.get("name")
        if service["actions"]:
            # Translators: "Start break" and "Later" are the reminder's buttons.
            text = (
                _(
                    "kindtray can remind you: through the desktop's notifications ({server}), "
                    "with Start break and Later buttons."
                )
                if name
                else _(
                    "kindtray can remind you: through the desktop's notifications, with Start "
                    "break and Later buttons."
                )
            )
        else:
            text = (
                _(
                    "kindtray can remind you: through the desktop's notifications ({server}), "
                    "without buttons."
                )
                if name
                else _(
                    "kindtray can remind you: through the desktop's notifications, without buttons."
                )
            )
        return text.format(server=name)
    if route == "tray-message":
        return _(
            "kindtray can remind you: as a message from its tray icon (no notification service)."
        )
    if route == "plyer":
        return _("kindtray can remind you: through the system's notifications.")
    return _(
        "kindtray can remind you, but only with a small window of its own: no notification "
        "service was found."
    )


def render_text(report: dict[str, Any]) -> str:
    """The report in plain words, reason first."""
    rows: list[tuple[str, str, bool]] = []

    def row(label: str, text: str, *, wrap: bool = True) -> None:
        rows.append((label, text, wrap))

    display = report["display"]
    where = display["session_type"] or ""
    platform = display["qt_platform"]
    if not display["available"]:
        # Translators: {platform} is the name of Qt's platform plugin, such as offscreen.
        text = _('none: checked with Qt\'s "{platform}" platform').format(platform=platform)
    elif where:
        # Translators: {platform} is Qt's platform plugin (xcb, wayland), {session} x11 or wayland.
        text = _('Qt platform "{platform}" ({session})').format(platform=platform, session=where)
    else:
        text = _('Qt platform "{platform}"').format(platform=platform)
    row(_("Display"), text)
    tray = report["tray"]
    if tray["available"]:
        row(_("Tray"), _("available: kindtray's icon shows in the panel"))
    else:
        row(_("Tray"), _("not available: kindtray runs without an icon.") + "\n" + tray["advice"])

    notes = report["notifications"]
    service = notes["service"]
    if service["available"]:
        server = service["server"]
        # Translators: {service} is the D-Bus service, then the server's name, version, vendor
        # and the version of the notification specification it follows.
        text = _("{service}: {server} {version} by {vendor}, spec {spec}").format(
            service=service["name"],
            server=server["name"],
            version=server["version"],
            vendor=server["vendor"],
            spec=server["spec"],
        )
        caps = ", ".join(service["capabilities"])
        if caps:
            # Translators: {capabilities} are the server's own names for what it can do.
            text += "\n" + _("capabilities: {capabilities}").format(capabilities=caps)
        else:
            text += "\n" + _("capabilities: none")
        if not service["actions"]:
            text += "\n" + _("no actions: reminders come without buttons")
        row(_("Notifications"), text)
    elif service["error"]:
        # Translators: {service} is the D-Bus service's name; {error} what D-Bus said.
        text = _("{service}: not available ({error})")
        row(_("Notifications"), text.format(service=service["name"], error=service["error"]))
    else:
        text = _("{service}: not available (off)").format(service=service["name"])
        row(_("Notifications"), text)
    chosen = notes["route"]
    route_lines = []
    for item in notes["routes"]:
        mark = "->" if item["name"] == chosen else "  "
        if item["usable"]:
            # Translators: {route} is a route's name: freedesktop, tray-message, plyer, window.
            state = _("{route}: usable").format(route=item["name"])
        else:
            # Translators: {problem} says why the route cannot show a reminder here.
            text = _("{route}: not usable: {problem}")
            state = text.format(route=item["name"], problem=item["problem"])
        route_lines.append(f"{mark} {state}")
    row(_("Routes"), "\n".join(route_lines))
    if notes["test"] is not None:
        test = notes["test"]
        text = test["detail"]
        if test["sent"]:
            # Translators: {route} is the route's name, {detail} what became of the reminder.
            text = _("sent via {route}: {detail}").format(route=test["via"], detail=text)
        row(_("Test"), text)

    row(_("Sleep signal"), report["sleep_signal"]["detail"])
    row(_("Sound"), report["sound"]["detail"])
    row(_("Waiting"), "\n".join(_presence_line(item) for item in report["presence"]))
    auto = report["autostart"]
    row(_("Start at login"), auto["detail"] + (f"\n{auto['entry']}" if auto["entry"] else ""))
    for key, label in (("settings", _("Settings")), ("state", _("State"))):
        info = report["files"][key]
        if not info["exists"]:
            text = _("not written yet (defaults are used)")
        elif info["valid"]:
            text = pgettext("a file", "valid")
        else:
            text = "\n".join((_("problems:"), *info["messages"]))
        row(label, text)
    # Paths whole, one a line, so they can be copied; their names are the --json keys.
    row(_("Paths"), "\n".join(f"{k}: {v}" for k, v in report["paths"].items()), wrap=False)
    v = report["versions"]
    row(
        _("Versions"),
        f"kindtray {v['kindtray']}, Python {v['python']}, Qt {v['qt']}, "
        f"PySide6 {v['pyside6']}, {v['os']}",
    )
    # The labels' column as wide as the longest label (German ones are longer); each given
    # line wrapped to fit 100 columns, continuing under the first.
    width = max(15, *(len(label) + 1 for label, _text, _wrap in rows))
    lines = [report["reason"], ""]
    for label, text, wrap in rows:
        texts = [
            part
            for line in text.split("\n")
            for part in (
                textwrap.wrap(
                    line,
                    100 - width,
                    subsequent_indent="  ",
                    break_long_words=False,  # paths stay whole, to copy them
                    break_on_hyphens=False,
                )
                if wrap
                else [line]
            )
            or [""]
        ]
        lines.append(f"{label:<{width}}{texts[0]}")
        lines.extend(f"{'':<{width}}{more}" for more in texts[1:])
    return "\n".join(lines)


def _presence_line(item: dict[str, Any]) -> str:
    if not item["works"]:
        # Translators: {source} is a source's name, e.g. "Locked screen (logind)"; {why} why not.
        return "   " + _("{source}: not here ({why})").format(
            source=item["name"], why=item["why_not"]
        )
    now = {
        True: pgettext("busy now", "yes"),
        False: pgettext("busy now", "no"),
        None: _("cannot tell yet"),
    }[item["now"]]
    if item["switched_on"]:
        # Translators: whether the source says the person is busy or away right now.
        text = _("{source}: works; now: {now}")
    else:
        text = _("{source}: works; now: {now} (switched off in Settings)")
    return "ok " + text.format(source=item["name"], now=now)


def run(paths: Paths, *, as_json: bool = False, send_test: bool = False) -> int:
    """Print the report; return 0 when kindtray can remind here, else 1."""
    if as_json:
        use_language(ENGLISH)  # a bug report in one language for everyone
    report = collect(paths, DoctorOptions(send_test=send_test))
    if as_json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(render_text(report))
    return 0 if report["can_remind"] else 1
