"""Breaks that could not be written to the history yet, and the writer that never loses one.

Owns ``<state dir>/pending-breaks.toml`` (schema-checked like every kindtray file) and
``HistoryWriter``, which the running app uses instead of writing to the history directly: a
break that cannot go into the database (read-only, damaged, locked by another process) is
kept in the pending file and written, oldest first, the next time a write works. It does not
decide how the user is told; ``record`` says whether this failure is new.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from kindtray.core.clock import Clock
from kindtray.core.history import BreakRecord, Practice
from kindtray.storage.files import SaveError
from kindtray.storage.history import History, HistoryError
from kindtray.storage.schema import SCHEMA_KEY, Migration, upgrade
from kindtray.storage.tomlfile import read_toml, write_toml

log = logging.getLogger(__name__)


def _shown_phrases_kept(document: dict[str, Any]) -> None:
    """Schema 1 to 2: a break's ``phrase_ids`` were every phrase chosen for it, shown or not."""
    for entry in document.get("breaks", []):
        if isinstance(entry, dict) and "phrase_ids" in entry:
            entry["planned_phrase_ids"] = entry.pop("phrase_ids")


# 2: the practice, its measured seconds and the phrases shown (as in the history's schema 3).
SCHEMA: Final = 2
MIGRATIONS: Final[tuple[Migration, ...]] = (_shown_phrases_kept,)
HEADER: Final = (
    "Breaks kindtray could not write to your history yet; they are added when it can.\n"
    "Please leave this file alone."
)


class PendingBreaks:
    """The pending file: a list of breaks, read and written whole (it holds a few at most)."""

    def __init__(self, path: Path, clock: Clock) -> None:
        self.path = path
        self._clock = clock
        self.newer_schema = False

    def load(self) -> list[BreakRecord]:
        """Return the breaks kept; an unusable entry is logged and left out."""
        read = read_toml(self.path, self._clock)
        for message in read.messages:
            log.warning("%s", message)
        if read.document is None:
            return []
        versioned = upgrade(read.document, SCHEMA, MIGRATIONS)
        self.newer_schema = versioned.newer
        if versioned.document is None:
            log.warning("%s: %s; its breaks are not read", self.path, versioned.problem)
            return []
        records: list[BreakRecord] = []
        entries = versioned.document.get("breaks", [])
        for number, entry in enumerate(entries if isinstance(entries, list) else [], start=1):
            try:
                records.append(_record(entry))
            except (TypeError, ValueError, KeyError) as exc:
                log.warning("%s: break %d cannot be read (%s); left out", self.path, number, exc)
        return records

    def save(self, records: list[BreakRecord]) -> None:
        """Keep exactly ``records`` (none: the file is removed). Raises SaveError."""
        if self.newer_schema:
            raise SaveError(
                0,
                f"{self.path} was not changed: it is from a newer kindtray, and saving "
                "would lose what is in it",
            )
        if not records:
            try:
                self.path.unlink(missing_ok=True)
            except OSError as exc:
                raise SaveError(exc.errno or 0, f"could not remove {self.path}") from exc
            return
        document = {SCHEMA_KEY: SCHEMA, "breaks": [_entry(r) for r in records]}
        write_toml(self.path, document, HEADER)


@dataclass
class HistoryWriter:
    """Writes breaks to the history, keeping any it cannot write in the pending file."""

    open_history: Callable[[], History]
    pending: PendingBreaks
    _history: History | None = None

    def record(self, entry: BreakRecord) -> bool:
        """Write ``entry`` (and any kept before it); return False if it had to be kept."""
        waiting = self.pending.load()
        waiting.append(entry)
        left = self._write(waiting)
        if left:
            self.pending.save(left)  # SaveError: the caller says the break is lost
        elif len(waiting) > 1:
            self.pending.save([])
        return not left

    def retry(self) -> int:
        """Write the breaks kept earlier; return how many are still waiting."""
        waiting = self.pending.load()
        if not waiting:
            return 0
        left = self._write(waiting)
        self.pending.save(left)
        return len(left)

    def close(self) -> None:
        """Close the database (at shutdown)."""
        if self._history is not None:
            self._history.close()
            self._history = None

    def _write(self, records: list[BreakRecord]) -> list[BreakRecord]:
        for at, record in enumerate(records):
            try:
                history = self._open()
                history.record(record)
            except (SaveError, HistoryError, OSError) as exc:
                log.warning("could not write a break to the history (%s); it is kept", exc)
                self.close()  # open afresh next time: the file may be repaired or replaced
                return records[at:]
        return []

    def _open(self) -> History:
        if self._history is None:
            history = self.open_history()
            if not history.persistent:
                # Opened in memory (locked, read-only, newer): a break written there would be
                # lost at exit, so it stays pending instead.
                history.close()
                raise HistoryError(" ".join(history.messages) or "the history cannot be opened")
            self._history = history
        return self._history


def _entry(record: BreakRecord) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "started": record.started,
        "ended": record.ended,
        "planned_seconds": record.planned_seconds,
        "outcome": record.outcome.value,
        "trigger": record.trigger.value,
        "practice": record.practice.value,
        "phrase_ids": list(record.phrase_ids),
    }
    for name in ("mood_before", "mood_after", "practice_seconds"):
        if (value := getattr(record, name)) is not None:
            entry[name] = value
    if record.planned_phrase_ids:
        entry["planned_phrase_ids"] = list(record.planned_phrase_ids)
    return entry


def _record(entry: object) -> BreakRecord:
    if not isinstance(entry, dict):
        raise TypeError("not a table")
    started, ended = entry["started"], entry["ended"]
    if not isinstance(started, datetime) or not isinstance(ended, datetime):
        raise ValueError("started and ended must be dates with times")
    phrase_ids, planned_ids = (_ids(entry, name) for name in ("phrase_ids", "planned_phrase_ids"))
    return BreakRecord(
        started=started,
        ended=ended,
        planned_seconds=entry["planned_seconds"],
        outcome=entry["outcome"],
        trigger=entry["trigger"],
        mood_before=entry.get("mood_before"),
        mood_after=entry.get("mood_after"),
        phrase_ids=phrase_ids,
        practice=entry.get("practice", Practice.MINUTE),
        practice_seconds=entry.get("practice_seconds"),
        planned_phrase_ids=planned_ids,
    )


def _ids(entry: dict[str, Any], name: str) -> tuple[str, ...]:
    ids = entry.get(name, [])
    if not isinstance(ids, list) or not all(isinstance(p, str) for p in ids):
        raise ValueError(f"{name} must be a list of ids")
    return tuple(ids)
