r"""Start at login: one small entry per platform that starts kindtray with the user's session.

This module owns kindtray's own autostart entry and nothing else:

- Linux and other XDG desktops: ``$XDG_CONFIG_HOME/autostart/kindtray.desktop``;
- Windows: the value ``kindtray`` under ``HKCU\Software\Microsoft\Windows\CurrentVersion\Run``;
- macOS: ``~/Library/LaunchAgents/<label>.plist``.

``is_enabled()`` always reads the real entry (a user who removed it by hand sees it off), and
``disable()`` removes only our entry. The registry and the file system are injected so every
implementation is tested on any OS. It must not touch settings files; the settings dialog
keeps ``system.start_at_login`` in step with what this reports.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from kindtray.storage.files import atomic_write

ENTRY_NAME = "kindtray"
MAC_LABEL = "org.kindtray.kindtray"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


class AutostartError(OSError):
    """The entry could not be written or removed; the message says why in plain words."""


def _failure(exc: OSError, message: str) -> AutostartError:
    return AutostartError(exc.errno or 0, message)


class Autostart(Protocol):
    """Whether kindtray starts with the user's session, read from and written to the system."""

    supported: bool

    def is_enabled(self) -> bool:
        """Return True if our entry exists and is switched on."""
        ...

    def enable(self) -> None:
        """Create or refresh our entry; raise AutostartError on failure."""
        ...

    def disable(self) -> None:
        """Remove our entry (only ours); raise AutostartError on failure."""
        ...


def switch(autostart: Autostart, on: bool) -> None:
    """Switch start at login on or off; raise AutostartError (an OSError) if it cannot."""
    if on:
        autostart.enable()
    else:
        autostart.disable()


def launch_command(
    argv0: str | None = None,
    executable: str | None = None,
    frozen: bool | None = None,
) -> list[str]:
    """Return the command that started this process, to start it again at login.

    A PyInstaller bundle (``sys.frozen``) is its own executable; an installed ``kindtray``
    script is used by its absolute path; anything else (``python -m kindtray``, a test run)
    becomes ``<this python> -m kindtray``. The arguments default to this process's values.
    """
    argv0 = sys.argv[0] if argv0 is None else argv0
    executable = sys.executable if executable is None else executable
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    if frozen:
        return [str(Path(executable).absolute())]
    script = Path(argv0)
    if script.stem == ENTRY_NAME and script.is_file():
        return [str(script.absolute())]
    return [str(Path(executable).absolute()), "-m", ENTRY_NAME]


# -- Linux / XDG -----------------------------------------------------------------------------

# Desktop Entry spec, "The Exec key": an argument containing one of these must be quoted.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def quote_exec_argument(argument: str) -> str:
    r"""Quote one argument for a desktop entry's Exec value (before string escaping).

    Inside double quotes, ``"``, `````, ``$`` and ``\`` are escaped with a backslash; ``%``
    is doubled because it starts a field code.
    """
    argument = argument.replace("%", "%%")
    if argument and not _RESERVED.intersection(argument):
        return argument
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    return f'"{escaped}"'


def exec_value(command: Sequence[str]) -> str:
    """Return the Exec line's value as written in the file (quoted, then string-escaped)."""
    quoted = " ".join(quote_exec_argument(a) for a in command)
    # Values of type string escape a backslash as \\ (spec, "Possible value types").
    return quoted.replace("\\", "\\\\")


def xdg_config_home(environ: Mapping[str, str] | None = None, home: Path | None = None) -> Path:
    """Return $XDG_CONFIG_HOME, or ~/.config when it is unset, empty or relative (per spec)."""
    environ = os.environ if environ is None else environ
    value = environ.get("XDG_CONFIG_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return (home or Path.home()) / ".config"


class _OneFile:
    """Start at login by one file of ours: written whole to switch on, removed to switch off."""

    supported = True
    path: Path

    def content(self) -> bytes:
        """Return the file's bytes."""
        raise NotImplementedError

    def enable(self) -> None:
        """Write the file (atomically), replacing an older one of ours."""
        try:
            atomic_write(self.path, self.content())
        except OSError as exc:
            raise _failure(exc, str(exc)) from exc

    def disable(self) -> None:
        """Remove our file only; a missing file is already off."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            raise _failure(exc, f"could not remove {self.path}: {exc.strerror or exc}") from exc


class XdgAutostart(_OneFile):
    """An XDG autostart desktop entry in the user's config directory."""

    def __init__(self, config_home: Path, command: Sequence[str]) -> None:
        self.path = config_home / "autostart" / f"{ENTRY_NAME}.desktop"
        self._command = list(command)

    def entry_text(self) -> str:
        """Return the desktop entry this writes."""
        return (
            "[Desktop Entry]\n"
            "Type=Application\n"
            "Name=kindtray\n"
            "Comment=A calm tray app for one-minute self-compassion breaks\n"
            f"Exec={exec_value(self._command)}\n"
            "Icon=io.github.kindtray.Kindtray\n"  # the icon the desktop files install
            "Terminal=false\n"
            "Categories=Utility;\n"
            "X-GNOME-Autostart-enabled=true\n"
        )

    def is_enabled(self) -> bool:
        """Return True if the entry exists and is not hidden or switched off by the desktop."""
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
        values = _desktop_entry_values(text)
        hidden = values.get("Hidden", "false").strip().lower() == "true"
        off = values.get("X-GNOME-Autostart-enabled", "true").strip().lower() == "false"
        return not hidden and not off

    def content(self) -> bytes:
        """Return the file's bytes."""
        return self.entry_text().encode("utf-8")


def _desktop_entry_values(text: str) -> dict[str, str]:
    values: dict[str, str] = {}
    in_main_group = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            in_main_group = stripped == "[Desktop Entry]"
        elif in_main_group and "=" in stripped and not stripped.startswith("#"):
            key, _, value = stripped.partition("=")
            values[key.strip()] = value
    return values


# -- Windows ---------------------------------------------------------------------------------


class WindowsAutostart:
    """A value named ``kindtray`` under the current user's Run key.

    ``registry`` is the ``winreg`` module, or a fake with the same functions in tests.
    """

    supported = True

    def __init__(self, command: Sequence[str], registry: Any = None) -> None:
        if registry is None:
            import winreg as registry  # type: ignore[import-not-found,no-redef,unused-ignore]
        self._winreg = registry
        import subprocess  # here, not at the top: the tray starts without it elsewhere

        self.command_line = subprocess.list2cmdline(list(command))

    def _run_key(self, access: int, *, create: bool = False) -> Any:
        """The current user's Run key, opened (or created) for ``access``."""
        reg = self._winreg
        open_key = reg.CreateKeyEx if create else reg.OpenKey
        return open_key(reg.HKEY_CURRENT_USER, RUN_KEY, 0, access)

    def is_enabled(self) -> bool:
        """Return True if our Run value exists."""
        try:
            with self._run_key(self._winreg.KEY_READ) as key:
                self._winreg.QueryValueEx(key, ENTRY_NAME)
        except OSError:
            return False
        return True

    def enable(self) -> None:
        """Set our Run value to this process's command line."""
        reg = self._winreg
        try:
            with self._run_key(reg.KEY_SET_VALUE, create=True) as key:
                reg.SetValueEx(key, ENTRY_NAME, 0, reg.REG_SZ, self.command_line)
        except OSError as exc:
            raise _failure(exc, f"could not add kindtray to the Run key: {exc}") from exc

    def disable(self) -> None:
        """Delete our Run value only; other programs' values stay."""
        try:
            with self._run_key(self._winreg.KEY_SET_VALUE) as key:
                self._winreg.DeleteValue(key, ENTRY_NAME)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise _failure(exc, f"could not remove kindtray from the Run key: {exc}") from exc


# -- macOS -----------------------------------------------------------------------------------


class MacAutostart(_OneFile):
    """A LaunchAgent plist that launchd runs at login."""

    def __init__(self, agents_dir: Path, command: Sequence[str]) -> None:
        self.path = agents_dir / f"{MAC_LABEL}.plist"
        self._command = list(command)

    def plist_bytes(self) -> bytes:
        """Return the LaunchAgent this writes."""
        import plistlib  # macOS only; the tray elsewhere loads this module at every start

        agent = {
            "Label": MAC_LABEL,
            "ProgramArguments": self._command,
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        }
        return plistlib.dumps(agent)

    def is_enabled(self) -> bool:
        """Return True if the plist exists and is not marked Disabled."""
        import plistlib

        try:
            agent = plistlib.loads(self.path.read_bytes())
        except (OSError, plistlib.InvalidFileException, ValueError):
            return False
        return isinstance(agent, dict) and agent.get("Disabled") is not True

    def content(self) -> bytes:
        """Return the file's bytes."""
        return self.plist_bytes()


# -- fallback --------------------------------------------------------------------------------


class NoAutostart:
    """For systems kindtray cannot register with: always off, and says so."""

    supported = False

    def is_enabled(self) -> bool:
        """Return False: nothing is registered."""
        return False

    def enable(self) -> None:
        """Refuse with a plain reason."""
        raise AutostartError(0, "starting at login is not supported on this system")

    def disable(self) -> None:
        """Nothing to remove."""


def default_autostart(platform: str | None = None) -> Autostart:
    """Return the autostart entry for this platform, starting this process's command."""
    platform = sys.platform if platform is None else platform
    command = launch_command()
    if platform == "win32":
        with contextlib.suppress(ImportError):
            return WindowsAutostart(command)
        return NoAutostart()
    if platform == "darwin":
        return MacAutostart(Path.home() / "Library" / "LaunchAgents", command)
    if platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return XdgAutostart(xdg_config_home(), command)
    return NoAutostart()
