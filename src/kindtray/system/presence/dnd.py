"""Do Not Disturb, from whichever notification daemon runs: dunst, Plasma, GNOME or mako.

Owns reading each daemon's own switch: dunst's ``paused`` property, Plasma's ``Inhibited``
property (both with PropertiesChanged), GNOME's ``show-banners`` setting (re-read when dconf
says it changed), mako's modes (asked every POLL_SECONDS: mako sends no signal).
``for_server`` picks the one that matches the daemon that owns the notification name. Must
not import Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kindtray.core.presence import HoldReason
from kindtray.system.presence.base import CommandSource, Run, Source, Unavailable, run
from kindtray.system.presence.dbus import Bus, BusLike, BusSource

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
PROPERTIES = "org.freedesktop.DBus.Properties"
#: mako has no Do Not Disturb of its own; by convention a mode of one of these names is it.
MAKO_DND_MODES = ("do-not-disturb", "dnd")


class _BusSource(BusSource):
    reason = HoldReason.DO_NOT_DISTURB

    def _watch_property(self, iface: str, name: str, path: str = NOTIFICATIONS_PATH) -> BusLike:
        bus = self._bus = self._open()
        self.value = bool(bus.get(NOTIFICATIONS, path, iface, name))

        def changed(body: tuple[Any, ...]) -> None:
            changed_iface, values = body[0], body[1]
            if changed_iface == iface and name in values:
                self.value = bool(values[name][1])

        bus.on_signal(changed, iface=PROPERTIES, member="PropertiesChanged", path=path)
        return bus


class DunstPaused(_BusSource):
    """dunst's pause (``dunstctl set-paused true``): notifications wait, so do we."""

    name = "Do Not Disturb (dunst)"

    def start(self) -> None:
        """Read ``paused`` and watch it."""
        self._watch_property("org.dunstproject.cmd0", "paused")


class PlasmaInhibited(_BusSource):
    """KDE Plasma's Do Not Disturb: the ``Inhibited`` property of the notification service.

    Plasma 6.4 and later also turn it on for fullscreen windows and screen sharing.
    """

    name = "Do Not Disturb (KDE Plasma)"

    def start(self) -> None:
        """Read ``Inhibited`` and watch it."""
        self._watch_property(NOTIFICATIONS, "Inhibited")


class GnomeBanners(_BusSource):
    """GNOME's Do Not Disturb: ``org.gnome.desktop.notifications show-banners`` is false.

    Read with ``gsettings`` at start and again whenever dconf announces a change under
    ``/org/gnome/desktop/notifications/`` (no polling).
    """

    name = "Do Not Disturb (GNOME)"
    KEY = ("org.gnome.desktop.notifications", "show-banners")
    DCONF_PATH = "/org/gnome/desktop/notifications/"

    def __init__(self, bus: Callable[[], BusLike] = Bus, run: Run = run) -> None:
        super().__init__(bus)
        self._run = run

    def start(self) -> None:
        """Read the setting, then listen for dconf's change notices."""
        self.value = self._read()
        if self.value is None:
            raise Unavailable("the GNOME notification setting cannot be read here")
        bus = self._bus = self._open()

        def changed(body: tuple[Any, ...]) -> None:
            prefix, keys = str(body[0]), body[1]
            paths = [prefix + str(k) for k in keys] or [prefix]
            if any(p.startswith(self.DCONF_PATH) or self.DCONF_PATH.startswith(p) for p in paths):
                self.value = self._read()

        bus.on_signal(changed, iface="ca.desrt.dconf.Writer", member="Notify")

    def _read(self) -> bool | None:
        out = self._run(["gsettings", "get", *self.KEY])
        if out is None or out.strip() not in ("true", "false"):
            return None
        return out.strip() == "false"


class MakoMode(CommandSource):
    """mako: a mode named "do-not-disturb" (or "dnd") is on. Asked every POLL_SECONDS."""

    name = "Do Not Disturb (mako)"
    reason = HoldReason.DO_NOT_DISTURB
    command = ("makoctl", "mode")
    cannot_tell = "makoctl does not answer"

    def answer(self, out: str) -> bool:
        """Whether one of the modes that are on is Do Not Disturb."""
        return any(m in MAKO_DND_MODES for m in out.split())


def server_name(bus: BusLike) -> str:
    """The notification daemon's name ("dunst", "Plasma", "gnome-shell", "mako"), or ""."""
    try:
        info = bus.call(NOTIFICATIONS, NOTIFICATIONS_PATH, NOTIFICATIONS, "GetServerInformation")
    except Unavailable:
        return ""
    return str(info[0]) if info else ""


def for_server(name: str) -> Source | None:
    """The Do Not Disturb source for a notification daemon, or None if it has none we know."""
    known: dict[str, Callable[[], Source]] = {
        "dunst": DunstPaused,
        "plasma": PlasmaInhibited,
        "gnome-shell": GnomeBanners,
        "mako": MakoMode,
    }
    make = known.get(name.lower())
    return make() if make else None
