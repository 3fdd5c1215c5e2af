"""A hand-edited settings file takes effect when it is saved, without a restart.

Owns watching the config folder and the settings file (inotify, not polling), waiting until a
burst of saves pauses, and telling a save of the file apart from the folder's other changes.
It must not decide what the settings mean: it hands what the store loaded to ``apply``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from kindtray.core.settings import Settings
from kindtray.paths import Paths
from kindtray.storage.settings_store import SettingsStore

log = logging.getLogger(__name__)

SETTINGS_SETTLE_MS = 300  # a hand-edited settings file is read once saving pauses this long


def file_signature(path: Path) -> tuple[int, int, int] | None:
    """Return what changes when a file is saved (inode, size, mtime), or None if missing."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


class SettingsWatch(QObject):
    """Reads the settings file again once a save settles, and applies what changed."""

    def __init__(
        self,
        paths: Paths,
        store: SettingsStore,
        current: Callable[[], Settings],
        apply: Callable[[Settings], object],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._paths = paths
        self._store = store
        self._current = current
        self._apply = apply
        self._signature = file_signature(paths.settings_file)
        self.watcher = QFileSystemWatcher(self)
        # An editor saving many times a second (or a script) is read once it pauses: without
        # this, 20 s of rapid invalid edits cost 92 % of a core and 869 corrupt copies.
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTINGS_SETTLE_MS)
        self._settle.timeout.connect(self.file_changed)
        self.watcher.fileChanged.connect(self._settle.start)
        self.watcher.directoryChanged.connect(self._settle.start)

    def watch(self) -> None:
        """Watch what exists now (a first start has no config folder until a save)."""
        # The directory too: an atomic save replaces the file, which ends a watch on it.
        for path in (self._paths.config_dir, self._paths.settings_file):
            if path.exists() and str(path) not in self.watcher.files() + (
                self.watcher.directories()
            ):
                self.watcher.addPath(str(path))

    def file_changed(self, _path: str = "") -> None:
        """Read the settings again if the file changed (what the settled watcher calls)."""
        self.watch()
        # The folder's other files (a corrupt copy made by the load below, phrases.toml, an
        # editor's swap file) change the folder too; reading again for them would copy a
        # broken settings file aside over and over.
        signature = file_signature(self._paths.settings_file)
        if signature == self._signature:
            return
        self._signature = signature
        loaded = self._store.load()
        if loaded.settings == self._current():
            return  # another file in the folder, or our own dialog's save (already applied)
        for message in loaded.messages:
            log.warning("%s", message)
        log.info("settings file changed; re-planning")
        self._apply(loaded.settings)
