"""No break is lost when the history cannot be written: it is kept and written later.

The history file read-only, damaged while kindtray runs, or locked by another process used to
drop the break without a word (and the app waited 5 s on the lock, so `status` stalled).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kindtray.core.clock import FakeClock
from kindtray.core.history import BreakRecord, Outcome, Practice, Trigger
from kindtray.storage.history import APP_BUSY_TIMEOUT_SECONDS, History
from kindtray.storage.pending_breaks import HistoryWriter, PendingBreaks

START = datetime(2026, 12, 1, 10, tzinfo=UTC)


def a_break(minute: int, mood: int | None = None) -> BreakRecord:
    started = START + timedelta(minutes=minute)
    return BreakRecord(
        started, started + timedelta(seconds=60), 60, Outcome.COMPLETED, Trigger.REQUEST,
        mood_before=mood, mood_after=mood, phrase_ids=("warmth-1",),
    )  # fmt: skip


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


def writer_for(tmp_path: Path, clock: FakeClock) -> HistoryWriter:
    history = tmp_path / "data" / "history.sqlite3"
    return HistoryWriter(
        lambda: History(history, clock, APP_BUSY_TIMEOUT_SECONDS),
        PendingBreaks(tmp_path / "state" / "pending-breaks.toml", clock),
    )


def stored(tmp_path: Path, clock: FakeClock) -> int:
    with History(tmp_path / "data" / "history.sqlite3", clock) as history:
        return history.count()


def test_a_break_is_written_when_the_history_is_fine(tmp_path: Path, clock: FakeClock) -> None:
    writer = writer_for(tmp_path, clock)
    assert writer.record(a_break(0))
    writer.close()
    assert stored(tmp_path, clock) == 1
    assert not (tmp_path / "state" / "pending-breaks.toml").exists()


def test_a_locked_history_keeps_the_break_and_writes_it_later(
    tmp_path: Path, clock: FakeClock
) -> None:
    writer = writer_for(tmp_path, clock)
    assert writer.record(a_break(0))
    other = sqlite3.connect(tmp_path / "data" / "history.sqlite3", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another process holds the lock
    try:
        assert not writer.record(a_break(5, mood=3))
        assert writer.retry() == 1
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert writer.retry() == 0
    writer.close()
    with History(tmp_path / "data" / "history.sqlite3", clock) as history:
        assert history.count() == 2
        assert history.summary(None).breaks_with_mood == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file modes")
def test_a_read_only_history_keeps_the_break(tmp_path: Path, clock: FakeClock) -> None:
    writer = writer_for(tmp_path, clock)
    assert writer.record(a_break(0))
    writer.close()
    (tmp_path / "data" / "history.sqlite3").chmod(0o400)
    assert not writer.record(a_break(5))
    (tmp_path / "data" / "history.sqlite3").chmod(0o600)
    assert writer.retry() == 0
    writer.close()
    assert stored(tmp_path, clock) == 2


def test_a_history_damaged_while_running_keeps_the_break(tmp_path: Path, clock: FakeClock) -> None:
    writer = writer_for(tmp_path, clock)
    assert writer.record(a_break(0))
    database = tmp_path / "data" / "history.sqlite3"
    writer.close()
    database.write_bytes(b"this is not a database at all" * 200)
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    # The damaged file is kept aside by the history and a fresh one takes the break.
    assert writer.record(a_break(5))
    writer.close()
    assert stored(tmp_path, clock) == 1
    assert list(database.parent.glob("history.sqlite3.corrupt-*"))


def test_kept_breaks_survive_a_restart(tmp_path: Path, clock: FakeClock) -> None:
    pending = PendingBreaks(tmp_path / "state" / "pending-breaks.toml", clock)
    pending.save([a_break(0, mood=4), a_break(7)])
    assert pending.load() == [a_break(0, mood=4), a_break(7)]
    assert writer_for(tmp_path, clock).retry() == 0
    assert stored(tmp_path, clock) == 2
    assert pending.load() == []


def test_a_kept_break_keeps_its_practice_seconds_and_shown_phrases(
    tmp_path: Path, clock: FakeClock
) -> None:
    pending = PendingBreaks(tmp_path / "state" / "pending-breaks.toml", clock)
    grounded = replace(
        a_break(3),
        outcome=Outcome.GROUNDED,
        practice=Practice.HARD_MOMENT,
        practice_seconds=84.5,
        phrase_ids=("ground-2",),
    )
    pending.save([grounded])
    assert pending.load() == [grounded]
    assert writer_for(tmp_path, clock).retry() == 0
    with History(tmp_path / "data" / "history.sqlite3", clock) as history:
        assert history.records() == [grounded]


def test_a_break_kept_by_the_previous_version_keeps_its_meaning(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "state" / "pending-breaks.toml"
    path.parent.mkdir()
    path.write_text(
        "schema = 1\n\n[[breaks]]\nstarted = 2026-12-01T10:00:00Z\nended = 2026-12-01T10:01:50Z\n"
        'planned_seconds = 60\noutcome = "completed"\ntrigger = "reminder"\n'
        'phrase_ids = ["arrive-1", "kind-2"]\nmood_before = 2\n'
    )
    [kept] = PendingBreaks(path, clock).load()
    # Schema 1 kept every phrase chosen, shown or not; the time was never measured.
    assert (kept.phrase_ids, kept.planned_phrase_ids) == ((), ("arrive-1", "kind-2"))
    assert (kept.practice, kept.practice_seconds, kept.mood_before) == (Practice.MINUTE, None, 2)
    assert kept.counted_seconds == 60
