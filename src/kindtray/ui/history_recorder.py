"""The running app's side of the practice history: record each break, never lose one.

Owns the lazily opened ``HistoryWriter``, the timer that retries the breaks kept in the
pending file, and telling the person once that a break is kept. It must not decide what a
break's record says (the reminder flow does) nor touch the database itself (storage does).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QSystemTrayIcon

from kindtray.core.clock import Clock
from kindtray.i18n import N_, _
from kindtray.paths import Paths

if TYPE_CHECKING:  # the history (sqlite3) loads on the first break: a quicker start
    from kindtray.storage.pending_breaks import HistoryWriter

log = logging.getLogger(__name__)

HISTORY_RETRY_MS = 60_000
# Marked for the catalog; the tray message says them translated, the log in English.
HISTORY_TROUBLE_TITLE = N_("Your break is safe")
HISTORY_TROUBLE_TEXT = N_(
    "kindtray could not write your break to {history} just now. It is kept, and will be "
    "added to your history as soon as the file can be written again."
)


class HistoryRecorder(QObject):
    """Writes each break to the history, or keeps it and writes it later; tells once."""

    def __init__(self, paths: Paths, clock: Clock, icon: QSystemTrayIcon, parent: QObject) -> None:
        super().__init__(parent)
        self._paths = paths
        self._clock = clock
        self._icon = icon  # where the person is told, when the tray shows messages
        self._writer: HistoryWriter | None = None
        self._trouble_told = False
        # A break the history could not take is kept and written by this timer later.
        self._retry = QTimer(self)
        self._retry.setInterval(HISTORY_RETRY_MS)
        self._retry.timeout.connect(self.retry)

    def record(self, **entry: Any) -> None:
        """Add one entry (BreakRecord's fields) to the history; never disturbs the break.

        A break the history cannot take now (read-only, damaged, locked by another process)
        is kept in the pending file and written later; the person is told once.
        """
        from kindtray.core.history import BreakRecord

        try:
            written = self._history_writer().record(BreakRecord(**entry))
        except Exception:  # a history problem must never disturb a reminder or a break
            log.exception("could not record the break in the history, nor keep it for later")
            written = False
        if not written:
            self._retry.start()
            self._tell_trouble_once()

    def retry(self) -> None:
        """Write the breaks kept earlier (what the retry timer does)."""
        try:
            left = self._history_writer().retry()
        except Exception:
            log.exception("could not write the kept breaks to the history")
            return
        if left == 0:
            self._retry.stop()
            if self._trouble_told:
                log.warning("the kept breaks are in your history now")
            self._trouble_told = False

    def close(self) -> None:
        """Close the database, if a break opened it."""
        if self._writer is not None:
            self._writer.close()

    def _history_writer(self) -> HistoryWriter:
        from kindtray.storage.history import APP_BUSY_TIMEOUT_SECONDS, History
        from kindtray.storage.pending_breaks import HistoryWriter, PendingBreaks

        if self._writer is None:
            paths, clock = self._paths, self._clock
            self._writer = HistoryWriter(
                lambda: History(paths.history_file, clock, APP_BUSY_TIMEOUT_SECONDS),
                PendingBreaks(paths.pending_breaks_file, clock),
            )
        return self._writer

    def _tell_trouble_once(self) -> None:
        if self._trouble_told:
            return
        self._trouble_told = True
        history = self._paths.history_file
        log.warning("%s", HISTORY_TROUBLE_TEXT.format(history=history))
        if self._icon.isVisible() and QSystemTrayIcon.supportsMessages():
            text = _(HISTORY_TROUBLE_TEXT).format(history=history)
            self._icon.showMessage(_(HISTORY_TROUBLE_TITLE), text, self._icon.icon(), 20_000)
