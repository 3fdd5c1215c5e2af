"""Where kindtray keeps its files: config, state, data and the runtime socket.

Paths come from platformdirs (so XDG_* variables are honoured on Linux), or all live under
one directory given with ``--config-dir`` (portable use and tests). Nothing here creates a
directory; writers create what they need, with private permissions.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

APP_NAME = "kindtray"


class _File:
    """A file's place: a name in one of the ``Paths`` folders (read as ``paths.settings_file``)."""

    def __init__(self, folder: str, name: str) -> None:
        self.folder = folder
        self.name = name

    def __get__(self, paths: Paths, owner: type[Paths] | None = None) -> Path:
        folder: Path = getattr(paths, self.folder)
        return folder / self.name


class _Folders(NamedTuple):
    # A NamedTuple, not a frozen dataclass: ``kindtray status`` builds Paths, and dataclasses
    # import inspect, a noticeable part of a short command's time.
    config_dir: Path
    state_dir: Path
    data_dir: Path
    runtime_dir: Path


class Paths(_Folders):
    """Every file location kindtray uses: four folders, and the files in them."""

    __slots__ = ()

    settings_file = _File("config_dir", "settings.toml")  # the user's preferences
    phrases_file = _File("config_dir", "phrases.toml")  # the user's own phrases
    state_file = _File("state_dir", "state.toml")  # runtime state: pause, snooze, last reminder
    # Which phrases were shown in the current round, so none repeats after a restart.
    phrases_rotation_file = _File("state_dir", "phrases-rotation.toml")
    history_file = _File("data_dir", "history.sqlite3")  # the private practice history
    # Breaks that could not be written to the history yet (read-only, damaged, locked).
    pending_breaks_file = _File("state_dir", "pending-breaks.toml")
    log_file = _File("state_dir", "kindtray.log")  # the rotating log

    @property
    def first_start(self) -> bool:
        """True when kindtray was never set up here: no settings file and no history."""
        return not self.settings_file.exists() and not self.history_file.exists()

    @property
    def socket_name(self) -> str:
        """Full path of the local socket the running instance listens on."""
        return str(self.runtime_dir / "kindtray.sock")


def default_paths(config_dir: Path | None = None) -> Paths:
    """Return the paths in use: under ``config_dir`` if given, else the platform's dirs."""
    if config_dir is not None:
        base = config_dir.expanduser().absolute()
        return Paths(base, base / "state", base / "data", base / "run")
    import platformdirs  # not needed with --config-dir

    state_dir = Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))
    return Paths(
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        state_dir=state_dir,
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        runtime_dir=_runtime_dir(state_dir),
    )


def _runtime_dir(state_dir: Path) -> Path:
    # XDG_RUNTIME_DIR is per-user and private. Without it (root shells, some containers)
    # use a folder in the user's own state dir: a fixed name in /tmp could be created first
    # by another user, who would then own the socket the command line talks to.
    if os.environ.get("XDG_RUNTIME_DIR"):
        import platformdirs

        return Path(platformdirs.user_runtime_dir(APP_NAME, appauthor=False))
    return state_dir / "run"
