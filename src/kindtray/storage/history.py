"""The private practice history on disk: one SQLite row per break.

Owns the file ``<user data dir>/history.sqlite3``: its schema (SQLite's ``user_version``) and
migrations, writing one row per break, reading rows back as records, summing a window of days
into a Summary, CSV export and forgetting everything. It must not import Qt, read the system
clock (a Clock is passed in) or store phrase texts (only ids). What a record and a summary
are, and the words of a summary, live in ``kindtray.core.history``.

Durability: WAL journal with ``synchronous=FULL``. Each write is one short transaction, so a
kill at any moment leaves either the old or the new database, and a committed break survives
even a power cut (breaks are a few a day, so the extra fsync per commit costs nothing).

A file that is not a usable kindtray history (corrupt, truncated, someone else's database) is
copied aside as ``history.sqlite3.corrupt-<timestamp>``, reported in ``messages`` and replaced
by a fresh one. A history written by a *newer* kindtray is left untouched; breaks are then kept
in memory for this session only. Nothing here ever raises on open.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from kindtray.core.clock import Clock
from kindtray.core.history import TAKEN, BreakRecord, Practice, Summary
from kindtray.storage.files import (
    FILE_MODE,
    SaveError,
    copy_aside,
    describe_os_error,
    ensure_private_dir,
    write_export,
)

__all__ = [
    "CSV_COLUMNS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "History",
    "HistoryError",
]

# New columns go at the end, so a spreadsheet made from an older export still lines up.
CSV_COLUMNS = (
    "started",
    "ended",
    "planned_seconds",
    "outcome",
    "trigger",
    "mood_before",
    "mood_after",
    "phrase_ids",
    "practice",
    "practice_seconds",
    "planned_phrase_ids",
)
# SQLite result codes (low byte of the extended code) that mean "this file is damaged".
_SQLITE_ERROR = 1
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
# How long to wait for another kindtray process (the tray app, a command) to finish a write.
BUSY_TIMEOUT_SECONDS = 5.0
#: The running app waits no longer than this: it must never freeze on a lock another process
#: holds (a break that cannot be written is kept and written later, see pending_breaks).
APP_BUSY_TIMEOUT_SECONDS = 0.2
# Breaks the user opened, as SQL: snoozed and dismissed reminders are never summed.
_TAKEN_SQL = "outcome IN (" + ", ".join(f"'{o.value}'" for o in TAKEN) + ")"


class HistoryError(Exception):
    """The history could not be read or written; the message says why, in plain words."""


@dataclass(frozen=True)
class _Migration:
    version: int
    statements: tuple[str, ...]
    backfill: Callable[[sqlite3.Connection], None] | None = None


def _backfill_ended_utc(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT id, ended FROM breaks WHERE ended_utc IS NULL").fetchall()
    conn.executemany(
        "UPDATE breaks SET ended_utc = ? WHERE id = ?",
        [(datetime.fromisoformat(ended).timestamp(), row_id) for row_id, ended in rows],
    )


_V1_SQL = """
CREATE TABLE breaks (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    started_utc REAL NOT NULL,
    ended TEXT NOT NULL,
    planned_seconds INTEGER NOT NULL CHECK (planned_seconds > 0),
    outcome TEXT NOT NULL
        CHECK (outcome IN ('completed', 'ended_early', 'snoozed', 'dismissed')),
    trigger TEXT NOT NULL CHECK (trigger IN ('reminder', 'request')),
    mood_before INTEGER CHECK (mood_before BETWEEN 1 AND 5),
    mood_after INTEGER CHECK (mood_after BETWEEN 1 AND 5),
    phrase_ids TEXT NOT NULL DEFAULT '[]'
)
"""

# v3 widens the outcome CHECK (SQLite cannot alter one), so the table is built anew and the
# rows copied with their meaning kept: an old row's phrase ids were every phrase *chosen* for
# the break, so they move to planned_phrase_ids and its shown phrase ids are unknown (NULL);
# its time in the practice was never measured (NULL); every old break was the minute.
_V3_SQL = """
CREATE TABLE breaks_v3 (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    started_utc REAL NOT NULL,
    ended TEXT NOT NULL,
    ended_utc REAL NOT NULL,
    planned_seconds INTEGER NOT NULL CHECK (planned_seconds > 0),
    outcome TEXT NOT NULL CHECK (outcome IN
        ('completed', 'ended_early', 'grounded', 'snoozed', 'dismissed')),
    trigger TEXT NOT NULL CHECK (trigger IN ('reminder', 'request')),
    mood_before INTEGER CHECK (mood_before BETWEEN 1 AND 5),
    mood_after INTEGER CHECK (mood_after BETWEEN 1 AND 5),
    phrase_ids TEXT,
    practice TEXT NOT NULL DEFAULT 'minute'
        CHECK (practice IN ('minute', 'hard-moment', 'wind-down', 'loving-kindness')),
    practice_seconds REAL CHECK (practice_seconds >= 0),
    planned_phrase_ids TEXT
)
"""
_V3_COPY = """
INSERT INTO breaks_v3 (id, started, started_utc, ended, ended_utc, planned_seconds, outcome,
    trigger, mood_before, mood_after, phrase_ids, practice, practice_seconds,
    planned_phrase_ids)
SELECT id, started, started_utc, ended, ended_utc, planned_seconds, outcome, trigger,
    mood_before, mood_after,
    CASE WHEN outcome IN ('snoozed', 'dismissed') THEN '[]' END,
    'minute', NULL,
    CASE WHEN outcome IN ('snoozed', 'dismissed') THEN NULL ELSE phrase_ids END
FROM breaks
"""

# Version n of the schema is reached by applying migrations 1..n in order, each in one
# transaction together with the new user_version, so a kill mid-migration changes nothing.
MIGRATIONS: tuple[_Migration, ...] = (
    _Migration(1, (_V1_SQL,)),
    # v2: time spent is summed in SQL without parsing text, and windows are an index range.
    _Migration(
        2,
        (
            "ALTER TABLE breaks ADD COLUMN ended_utc REAL",
            "CREATE INDEX breaks_by_start ON breaks (started_utc)",
        ),
        backfill=_backfill_ended_utc,
    ),
    # v3: the practice taken, its measured seconds, the phrases shown, the outcome "grounded".
    _Migration(
        3,
        (
            _V3_SQL,
            _V3_COPY,
            "DROP TABLE breaks",
            "ALTER TABLE breaks_v3 RENAME TO breaks",
            "CREATE INDEX breaks_by_start ON breaks (started_utc)",
        ),
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1].version
_COLUMNS = frozenset(
    {"id", "started", "started_utc", "ended", "ended_utc", "planned_seconds", "outcome"}
    | {"trigger", "mood_before", "mood_after", "phrase_ids"}
    | {"practice", "practice_seconds", "planned_phrase_ids"}
)
# The time a break counts for, as BreakRecord.counted_seconds says it in Python: measured
# time in the practice, or for an older row the time the window was open, at most the planned
# length (a window left open across a suspend does not count as hours).
_COUNTED_SECONDS_SQL = (
    "COALESCE(practice_seconds, MIN(MAX(ended_utc - started_utc, 0), planned_seconds))"
)
# A record's fields are the export's columns, in the same order.
_SELECT_RECORD = f"SELECT {', '.join(CSV_COLUMNS)} FROM breaks"


class _Unusable(Exception):
    """The file is not a usable kindtray history; the message says why."""


class _NewerSchema(Exception):
    """The file was written by a newer kindtray."""


class History:
    """The practice history in one SQLite file; see the module docstring for guarantees."""

    def __init__(
        self, path: Path, clock: Clock, busy_timeout: float = BUSY_TIMEOUT_SECONDS
    ) -> None:
        self.path = path
        self._clock = clock
        self._busy_timeout = busy_timeout
        self._messages: list[str] = []
        self.backup: Path | None = None
        self.persistent = True
        self._conn = self._open()
        self.messages: tuple[str, ...] = tuple(self._messages)

    # -- public API -------------------------------------------------------------------------

    def record(self, entry: BreakRecord) -> None:
        """Store one break in its own transaction; raise SaveError if it cannot be written."""
        values = (
            entry.started.isoformat(timespec="seconds"),
            entry.started.timestamp(),
            entry.ended.isoformat(timespec="seconds"),
            entry.ended.timestamp(),
            entry.planned_seconds,
            entry.outcome.value,
            entry.trigger.value,
            entry.mood_before,
            entry.mood_after,
            json.dumps(list(entry.phrase_ids)),
            entry.practice.value,
            entry.practice_seconds,
            json.dumps(list(entry.planned_phrase_ids)) if entry.planned_phrase_ids else None,
        )
        try:
            with self._transaction():
                self._conn.execute(
                    "INSERT INTO breaks (started, started_utc, ended, ended_utc, planned_seconds,"
                    " outcome, trigger, mood_before, mood_after, phrase_ids, practice,"
                    " practice_seconds, planned_phrase_ids)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values,
                )
        except sqlite3.Error as exc:
            raise SaveError(0, f"could not save this break to {self.path}: {exc}") from exc

    def summary(self, days: int | None) -> Summary:
        """Summarise the breaks taken in the last ``days`` calendar days (today included).

        Args:
            days: 1 means today (since local midnight), 7 the last seven days; None = all time.

        Raises:
            ValueError: ``days`` is less than 1.
            HistoryError: the database could not be read.
        """
        since = self.window_start(days)
        query = (
            f"SELECT COUNT(*), TOTAL({_COUNTED_SECONDS_SQL}),"
            " COUNT(mood_after - mood_before), AVG(mood_after - mood_before),"
            " TOTAL(mood_after > mood_before), TOTAL(mood_after = mood_before),"
            " TOTAL(mood_after < mood_before)"
            f" FROM breaks WHERE {_TAKEN_SQL}"
        )
        row = self._read(query, (), since)[0]
        count, seconds, with_mood, mood_change, lighter, same, heavier = row
        return Summary(
            days=days,
            since=since,
            breaks_taken=int(count),
            seconds_for_yourself=float(seconds),
            breaks_with_mood=int(with_mood),
            average_mood_change=None if mood_change is None else float(mood_change),
            mood_lighter=int(lighter),
            mood_same=int(same),
            mood_heavier=int(heavier),
        )

    def mood_pairs(self, days: int | None) -> list[tuple[int, int]]:
        """Return (mood before, mood after) of each break taken in the window with both moods.

        ``days`` (and what is raised) as for ``summary``; oldest first.
        """
        since = self.window_start(days)
        query = (
            "SELECT mood_before, mood_after FROM breaks"
            f" WHERE {_TAKEN_SQL} AND mood_before IS NOT NULL AND mood_after IS NOT NULL"
        )
        rows = self._read(query, (), since, " ORDER BY started_utc, id")
        return [(int(before), int(after)) for before, after in rows]

    def practice_counts(self, days: int | None) -> dict[Practice, int]:
        """Return how many of each practice were taken in the window (``days`` as for summary)."""
        query = f"SELECT practice, COUNT(*) FROM breaks WHERE {_TAKEN_SQL}"
        rows = self._read(query, (), self.window_start(days), " GROUP BY practice")
        return {Practice(practice): int(count) for practice, count in rows}

    def _read(
        self, query: str, params: tuple[float, ...], since: datetime | None, tail: str = ""
    ) -> list[tuple[Any, ...]]:
        """Run ``query`` over the breaks since ``since`` (all when None); HistoryError if not."""
        if since is not None:
            query += " AND started_utc >= ?"
            params += (since.timestamp(),)
        try:
            return self._conn.execute(query + tail, params).fetchall()
        except sqlite3.Error as exc:
            raise HistoryError(f"could not read your history in {self.path}: {exc}") from exc

    def window_start(self, days: int | None) -> datetime | None:
        """Return local midnight ``days - 1`` days before today (None for all time).

        Raises:
            ValueError: ``days`` is less than 1.
        """
        if days is None:
            return None
        if days < 1:
            raise ValueError("days must be at least 1")
        now = self._clock.now()
        return datetime.combine(now.date() - timedelta(days=days - 1), time(), now.tzinfo)

    def records(
        self, since: datetime | None = None, *, taken_only: bool = False
    ) -> list[BreakRecord]:
        """Return the stored breaks that started at ``since`` or later, oldest first.

        Args:
            since: an aware datetime (e.g. ``window_start(7)``); None = every break.
            taken_only: leave out reminders that were only snoozed or dismissed.

        A row from before shown phrases were kept has empty ``phrase_ids`` and its chosen
        ids in ``planned_phrase_ids``; one from before time was measured has
        ``practice_seconds`` None (``counted_seconds`` still says what it counts for).

        Raises:
            HistoryError: the database could not be read (or holds a row that makes no sense).
        """
        query = _SELECT_RECORD + " WHERE 1"
        params: tuple[float, ...] = ()
        if since is not None:
            query += " AND started_utc >= ?"
            params += (since.timestamp(),)
        if taken_only:
            query += " AND outcome IN (" + ", ".join(f"'{o.value}'" for o in TAKEN) + ")"
        query += " ORDER BY started_utc, id"
        try:
            return [_record_of(row) for row in self._conn.execute(query, params)]
        except (sqlite3.Error, ValueError, TypeError) as exc:
            raise HistoryError(f"could not read your history in {self.path}: {exc}") from exc

    def count(self) -> int:
        """Return how many rows the history holds (every outcome)."""
        try:
            return int(self._conn.execute("SELECT COUNT(*) FROM breaks").fetchone()[0])
        except sqlite3.Error as exc:
            raise HistoryError(f"could not read your history in {self.path}: {exc}") from exc

    def export_csv(self, target: Path) -> int:
        """Write every stored break to ``target`` as CSV (atomically, mode 0600).

        Columns are ``CSV_COLUMNS``; times keep their offset; phrase ids are joined with ``;``;
        a skipped mood, or a value an older kindtray did not record, is an empty cell. Returns
        the number of rows written. The target's folder must exist, and a device, pipe, folder
        or symlink there is never replaced.

        Raises:
            SaveError: ``target`` could not be written.
            HistoryError: the database could not be read.
        """
        text, rows = self.csv_text()
        write_export(target, text.encode("utf-8"))
        return rows

    def csv_text(self) -> tuple[str, int]:
        """Return every stored break as CSV text (see ``export_csv``) and the number of rows."""
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        rows = 0
        try:
            cursor = self._conn.execute(_SELECT_RECORD + " ORDER BY started_utc, id")
            for row in cursor:
                record = dict(zip(CSV_COLUMNS, row, strict=True))
                for name in ("phrase_ids", "planned_phrase_ids"):
                    ids = record[name]
                    record[name] = None if ids is None else ";".join(json.loads(ids))
                writer.writerow(["" if record[c] is None else record[c] for c in CSV_COLUMNS])
                rows += 1
        except (sqlite3.Error, ValueError) as exc:
            raise HistoryError(f"could not read your history in {self.path}: {exc}") from exc
        return buffer.getvalue(), rows

    def forget(self) -> None:
        """Delete every stored break, and backup copies of this history, for good.

        Deleted content is overwritten (``secure_delete``), the journal is emptied and the file
        shrunk, so nothing of the old history stays readable on disk.

        Raises:
            SaveError: the history could not be deleted (also when its file could not be
                opened: this session's breaks are forgotten, the file is not touched).
        """
        try:
            with self._transaction():
                self._conn.execute("DELETE FROM breaks")
            if not self.persistent and self.path.exists():
                raise SaveError(
                    0,
                    f"{self.path} could not be opened, so it was not deleted; "
                    "you can delete the file yourself",
                )
            self._conn.execute("VACUUM")
            # Empties the WAL, which still holds pages of the old rows. Another kindtray process
            # reading at this moment can keep it from finishing; the rows are deleted anyway.
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.Error as exc:
            raise SaveError(0, f"could not delete your history in {self.path}: {exc}") from exc
        for copy in self.path.parent.glob(f"{self.path.name}.corrupt-*"):
            try:
                copy.unlink()
            except OSError as exc:
                raise SaveError(
                    exc.errno or 0, f"could not delete {copy}: {describe_os_error(exc)}"
                ) from exc

    def close(self) -> None:
        """Close the database (writing the journal back into the main file)."""
        self._conn.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- opening ----------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            return self._open_file()
        except _NewerSchema:
            self._messages.append(
                f"{self.path}: your practice history was written by a newer version of "
                "kindtray, so it is left untouched. Breaks from this session are not saved."
            )
        except _Unusable as exc:
            return self._replace_unusable(str(exc))
        except sqlite3.Error as exc:
            self._messages.append(
                f"{self.path}: your practice history could not be opened ({exc}); breaks "
                "from this session are not saved."
            )
        except OSError as exc:
            self._messages.append(
                f"{self.path}: your practice history could not be opened "
                f"({describe_os_error(exc)}); breaks from this session are not saved."
            )
        return self._open_memory()

    def _open_file(self) -> sqlite3.Connection:
        ensure_private_dir(self.path.parent)
        # SQLite creates files with the umask's mode and gives -wal/-shm the database's mode,
        # so the file is made private before SQLite ever opens it.
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        os.close(fd)
        with contextlib.suppress(OSError):
            os.chmod(self.path, FILE_MODE)
        conn = _connect(str(self.path), self._busy_timeout)
        try:
            # Look before touching: switching to WAL rewrites the header of someone else's file.
            _inspect(conn)
            _configure(conn, self.path)
            _migrate(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            if (exc.sqlite_errorcode & 0xFF) in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
                raise _Unusable("the file is damaged or not a database") from exc
            raise
        except BaseException:
            conn.close()
            raise
        return conn

    def _replace_unusable(self, reason: str) -> sqlite3.Connection:
        stamp = self._clock.now().strftime("%Y%m%dT%H%M%S")
        wal = self.path.with_name(self.path.name + "-wal")
        try:
            backup = copy_aside(self.path, f".corrupt-{stamp}")
            if wal.exists():
                # Kept next to the copy under the name SQLite looks for, so the copy opens whole.
                wal_copy = backup.with_name(backup.name + "-wal")
                shutil.copy2(wal, wal_copy)
                os.chmod(wal_copy, FILE_MODE)
        except OSError as exc:
            self._messages.append(
                f"{self.path}: your practice history could not be read because {reason}, and "
                f"no backup copy could be made ({describe_os_error(exc)}). The file is left "
                "alone; breaks from this session are not saved."
            )
            return self._open_memory()
        self.backup = backup
        self._messages.append(
            f"{self.path}: your practice history could not be read because {reason}. "
            f"It was kept as {backup}; a fresh history starts now."
        )
        try:
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    self.path.with_name(self.path.name + suffix).unlink()
            return self._open_file()
        except (sqlite3.Error, OSError, _Unusable, _NewerSchema) as exc:
            self._messages.append(
                f"{self.path}: a fresh history could not be started ({exc}); breaks from this "
                "session are not saved."
            )
            return self._open_memory()

    def _open_memory(self) -> sqlite3.Connection:
        self.persistent = False
        conn = _connect(":memory:", self._busy_timeout)
        _migrate(conn)
        return conn

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        _begin(self._conn)
        try:
            yield
        except BaseException:
            _rollback(self._conn)
            raise
        self._conn.execute("COMMIT")


def _record_of(row: tuple[Any, ...]) -> BreakRecord:
    """One row of ``_SELECT_RECORD`` as a record (BreakRecord checks every value)."""
    fields = dict(zip(CSV_COLUMNS, row, strict=True))
    for name in ("phrase_ids", "planned_phrase_ids"):
        fields[name] = () if fields[name] is None else tuple(json.loads(fields[name]))
    for name in ("started", "ended"):
        fields[name] = datetime.fromisoformat(fields[name])
    return BreakRecord(**fields)


def _connect(database: str, busy_timeout: float) -> sqlite3.Connection:
    # Autocommit at the driver level: transactions are explicit (BEGIN IMMEDIATE ... COMMIT).
    conn = sqlite3.connect(database, isolation_level=None, timeout=busy_timeout)
    conn.execute("PRAGMA secure_delete = ON")
    return conn


def _begin(conn: sqlite3.Connection) -> None:
    # IMMEDIATE takes the write lock up front, so two processes (the tray app and a CLI
    # command) queue for it instead of failing half-way through.
    conn.execute("BEGIN IMMEDIATE")


def _rollback(conn: sqlite3.Connection) -> None:
    # SQLite rolls back by itself on some errors (a full disk); a second ROLLBACK would fail.
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def _inspect(conn: sqlite3.Connection) -> None:
    """Raise unless the file is (or can become) our history; reads only."""
    version = _user_version(conn)
    if version > SCHEMA_VERSION:
        raise _NewerSchema
    if version == 0:
        tables = conn.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]
        if tables:
            raise _Unusable("it is not a kindtray history (it holds other tables)")
    # Finding damage now, before a write lands in a broken file, keeps the backup whole.
    result = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
    if result != ["ok"]:
        raise _Unusable("the file is damaged (" + "; ".join(map(str, result[:3])) + ")")


def _configure(conn: sqlite3.Connection, path: Path) -> None:
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise sqlite3.OperationalError(f"could not switch {path} to WAL mode (got {mode})")
    conn.execute("PRAGMA synchronous = FULL")


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _migrate(conn: sqlite3.Connection) -> None:
    version = _user_version(conn)
    for migration in MIGRATIONS:
        if migration.version <= version:
            continue
        _begin(conn)
        try:
            # Another process may have migrated between our read and our lock.
            if _user_version(conn) >= migration.version:
                _rollback(conn)
                continue
            for statement in migration.statements:
                conn.execute(statement)
            if migration.backfill is not None:
                migration.backfill(conn)
            conn.execute(f"PRAGMA user_version = {migration.version}")
        except sqlite3.Error as exc:
            _rollback(conn)
            if (exc.sqlite_errorcode & 0xFF) != _SQLITE_ERROR:
                raise  # locked, read-only, disk full...: the file itself may be fine
            # A table or column that clashes with ours: not our file after all.
            raise _Unusable(f"its tables do not match a kindtray history ({exc})") from exc
        except ValueError as exc:
            _rollback(conn)
            raise _Unusable(f"its contents could not be upgraded ({exc})") from exc
        conn.execute("COMMIT")
    columns = {row[1] for row in conn.execute("PRAGMA table_info(breaks)")}
    if not _COLUMNS.issubset(columns):
        raise _Unusable("its tables do not match a kindtray history")
