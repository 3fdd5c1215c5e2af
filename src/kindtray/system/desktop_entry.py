"""The desktop entry and icon that let the desktop name kindtray and show its icon.

A desktop matches a window to an app through a desktop entry named after the app id
(``io.github.kindtray.Kindtray.desktop``): without one, GNOME's top bar shows the raw id and
no icon. The archive's install.sh and distribution packages install an entry; ``make run``,
``pip install`` and a folder run where it was unpacked do not. So at each start of the tray
app, ``ensure_desktop_entry`` puts a user-level entry into ``$XDG_DATA_HOME/applications``
and the scalable icon into ``$XDG_DATA_HOME/icons/hicolor``, pointing at how this kindtray was
started, when there is none yet or when the one it wrote itself is outdated.

Owns only files it wrote: each entry it writes carries ``X-Kindtray-Generated`` with a checksum of
the rest of the file. An entry without that mark (install.sh's, or the user's own) or one the
user has edited since is left as it is, and so is its icon; an entry in a system data
directory (a package) means nothing is written. Writes are atomic and private (0600, new
folders 0700) and never land outside the user's data directory. It must not run on systems
without XDG desktops (Windows, macOS), and never raises: a failure is only logged.
"""

from __future__ import annotations

import logging
import os
import sys
import zlib
from collections.abc import Mapping, Sequence
from enum import Enum
from pathlib import Path

from kindtray.storage.files import atomic_write
from kindtray.system.autostart import exec_value, launch_command

log = logging.getLogger(__name__)

APP_ID = "io.github.kindtray.Kindtray"
MARK = "X-Kindtray-Generated"
XDG_PLATFORMS = ("linux", "freebsd", "openbsd", "netbsd")


class Outcome(Enum):
    """What ``DesktopEntry.ensure`` did, and why."""

    WRITTEN = "written"  # none was there: entry (and icon) installed
    UPDATED = "updated"  # ours, outdated (kindtray moved or changed): rewritten
    CURRENT = "current"  # ours and up to date: nothing to do
    NOT_OURS = "not ours"  # install.sh's, the user's, or ours edited by the user: left alone
    SYSTEM = "system"  # a package installed one for everybody: nothing to add
    OUTSIDE = "outside"  # the target resolves outside the data directory: refused


def data_home(environ: Mapping[str, str], home: Path) -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset, empty or relative (per spec)."""
    value = environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else home / ".local" / "share"


def data_dirs(environ: Mapping[str, str]) -> list[Path]:
    """$XDG_DATA_DIRS (absolute entries only), or the spec's default."""
    value = environ.get("XDG_DATA_DIRS", "") or "/usr/local/share:/usr/share"
    return [Path(d) for d in value.split(":") if d and Path(d).is_absolute()]


class DesktopEntry:
    """kindtray's user-level desktop entry and icon under one data directory."""

    def __init__(
        self,
        data_home: Path,
        system_dirs: Sequence[Path],
        command: Sequence[str],
        icon: Path,
    ) -> None:
        self.data_home = data_home
        self.system_dirs = list(system_dirs)
        self.command = list(command)
        self.icon_source = icon
        self.path = data_home / "applications" / f"{APP_ID}.desktop"
        self.icon_path = data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"

    def entry_text(self) -> str:
        """The entry this writes, its mark included (the packaged entry's keys, our Exec)."""
        body = (
            "[Desktop Entry]\n"
            "Type=Application\n"
            "Name=kindtray\n"
            "GenericName=Self-compassion breaks\n"
            "Comment=A calm tray app that invites you to a one-minute self-compassion break\n"
            f"Icon={APP_ID}\n"
            f"Exec={exec_value(self.command)}\n"
            f"TryExec={self.command[0].replace(chr(92), chr(92) * 2)}\n"
            "Terminal=false\n"
            "StartupNotify=false\n"
            "Categories=Utility;\n"
            "Keywords=break;pause;breathe;breathing;kindness;mindfulness;self-compassion;"
            "wellbeing;\n"
            "X-GNOME-UsesNotifications=true\n"
            "Actions=Break;\n"
            "\n"
            "[Desktop Action Break]\n"
            "Name=Take a break now\n"
            f"Exec={exec_value([*self.command, 'break'])}\n"
        )
        return _with_mark(body)

    def ensure(self) -> Outcome:
        """Install or refresh the entry and icon where that is ours to do; say what was done.

        Raises OSError when a write fails (``ensure_desktop_entry`` logs it).
        """
        if not self._inside(self.path) or not self._inside(self.icon_path):
            return Outcome.OUTSIDE
        existing = _read(self.path)
        if existing is None and any(
            (d / "applications" / self.path.name).exists() for d in self.system_dirs
        ):
            return Outcome.SYSTEM
        if existing is not None and (self.path.is_symlink() or not _is_ours(existing)):
            return Outcome.NOT_OURS
        wanted = self.entry_text()
        icon = self.icon_source.read_bytes()
        icon_now = None if self.icon_path.is_symlink() else _read_bytes(self.icon_path)
        if existing == wanted and icon_now == icon:
            return Outcome.CURRENT
        # The icon first, so the entry never names an icon that is not there yet. A different
        # icon beside no entry of ours is someone else's: it stays.
        if icon_now != icon and (existing is not None or icon_now is None):
            atomic_write(self.icon_path, icon)
        if existing != wanted:
            atomic_write(self.path, wanted.encode("utf-8"))
        return Outcome.WRITTEN if existing is None else Outcome.UPDATED

    def _inside(self, path: Path) -> bool:
        # resolve() follows every symlink that exists on the way (a linked applications/
        # folder included), so this is where a write would really land.
        return path.resolve().is_relative_to(self.data_home.resolve())


def _with_mark(body: str) -> str:
    """``body`` with the mark line appended to its main group."""
    # A checksum, not a hash: it only tells an edit from our own text (and hashlib would load
    # OpenSSL, which the bundle leaves out).
    digest = f"{zlib.crc32(body.encode('utf-8')):08x}"
    head, sep, actions = body.partition("\n\n")
    return f"{head}\n{MARK}={digest}{sep}{actions}"


def _is_ours(text: str) -> bool:
    """Whether ``text`` was written by us and not edited since: its mark matches the rest."""
    lines = text.split("\n")
    marks = [line for line in lines if line.startswith(f"{MARK}=")]
    if len(marks) != 1:
        return False
    body = "\n".join(line for line in lines if line != marks[0])
    return _with_mark(body) == text


def _read(path: Path) -> str | None:
    data = _read_bytes(path)
    return None if data is None else data.decode("utf-8", errors="replace")


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def ensure_desktop_entry(
    icon: Path, environ: Mapping[str, str] | None = None, platform: str | None = None
) -> Outcome | None:
    """Install or refresh this kindtray's entry (and ``icon``, the app's SVG) on XDG desktops.

    Returns None elsewhere or on error.
    """
    platform = sys.platform if platform is None else platform
    if not platform.startswith(XDG_PLATFORMS):
        return None
    environ = os.environ if environ is None else environ
    try:
        entry = DesktopEntry(
            data_home(environ, Path.home()),
            data_dirs(environ),
            launch_command(),
            icon,
        )
        outcome = entry.ensure()
    except OSError as exc:
        log.warning("could not install the desktop entry (the desktop may show no name): %s", exc)
        return None
    log.info("desktop entry %s: %s", entry.path, outcome.value)
    return outcome
