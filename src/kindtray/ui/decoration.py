"""Which title bars Qt draws on Wayland: GNOME's look (libadwaita plugin) on GNOME.

GNOME has no server-side decorations, so Qt draws each window's title bar with a plugin from
``plugins/wayland-decoration-client``. Its own plugin, "bradient", is a grey bar with square
buttons that looks foreign on GNOME; the PySide6 wheels (6.8 and later) and kindtray's bundle
also ship "adwaita", which draws GNOME's header bar. Qt 6.11 picks it by itself when
XDG_CURRENT_DESKTOP names GNOME; kindtray asks for it explicitly there, so the choice does
not rest on one Qt version's heuristics. A user's own QT_WAYLAND_DECORATION always wins.

Owns only that choice, made before the QApplication exists. It must not create windows.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, MutableMapping
from pathlib import Path

VARIABLE = "QT_WAYLAND_DECORATION"
ADWAITA = "adwaita"


def on_gnome(environ: Mapping[str, str]) -> bool:
    """Whether the session is GNOME (XDG_CURRENT_DESKTOP is a list such as ``ubuntu:GNOME``)."""
    desktops = environ.get("XDG_CURRENT_DESKTOP", "").upper().split(":")
    return "GNOME" in desktops


def wayland_decoration(environ: Mapping[str, str], plugins: Path) -> str | None:
    """The decoration plugin to ask Qt for, or None to leave Qt's choice (or the user's)."""
    if environ.get(VARIABLE) or not on_gnome(environ):
        return None
    found = any((plugins / "wayland-decoration-client").glob(f"*{ADWAITA}.*"))
    return ADWAITA if found else None


def choose_decoration(environ: MutableMapping[str, str] | None = None) -> str | None:
    """Set QT_WAYLAND_DECORATION for the QApplication about to start; return what was set."""
    from PySide6.QtCore import QLibraryInfo

    environ = os.environ if environ is None else environ
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    choice = wayland_decoration(environ, plugins)
    if choice is not None:
        environ[VARIABLE] = choice  # logged by ui/process.py once the log is set up
    return choice
