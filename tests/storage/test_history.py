"""The practice history: what is stored, what a summary says, and that no file is ever lost."""

from __future__ import annotations

import csv
import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import kindtray
from kindtray.core.clock import FakeClock
from kindtray.core.history import (
    BreakRecord,
    Outcome,
    Practice,
    Trigger,
)
from kindtray.session.summary_words import summary_text
from kindtray.storage.files import SaveError
from kindtray.storage.history import CSV_COLUMNS, SCHEMA_VERSION, History

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 29, 15, 0, tzinfo=BERLIN)

# The first schema exactly as version 1 of kindtray created it; never edit (migrations start
# from what users have on disk).
V1_SQL = """
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
);
PRAGMA user_version = 1;
"""


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW, BERLIN)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite3"


@pytest.fixture
def history(path: Path, clock: FakeClock) -> Iterator[History]:
    opened = History(path, clock)
    yield opened
    opened.close()


def a_break(
    started: datetime,
    seconds: float = 60,
    outcome: Outcome = Outcome.COMPLETED,
    *,
    planned: int = 60,
    trigger: Trigger = Trigger.REMINDER,
    before: int | None = None,
    after: int | None = None,
    phrases: tuple[str, ...] = ("calm-01",),
) -> BreakRecord:
    return BreakRecord(
        started=started,
        ended=started + timedelta(seconds=seconds),
        planned_seconds=planned,
        outcome=outcome,
        trigger=trigger,
        mood_before=before,
        mood_after=after,
        phrase_ids=phrases,
    )


def exported(history: History, tmp_path: Path) -> list[dict[str, str]]:
    target = tmp_path / "export.csv"
    history.export_csv(target)
    with target.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# -- what a summary counts --------------------------------------------------------------------


def test_breaks_the_user_opened_count_and_skipped_reminders_do_not(history, tmp_path):
    history.record(a_break(NOW - timedelta(hours=4), 60, Outcome.COMPLETED))
    history.record(a_break(NOW - timedelta(hours=3), 20, Outcome.ENDED_EARLY))
    history.record(a_break(NOW - timedelta(hours=2), 5, Outcome.SNOOZED))
    history.record(a_break(NOW - timedelta(hours=1), 3, Outcome.DISMISSED))

    summary = history.summary(None)

    assert summary.breaks_taken == 2  # an early end is still time for yourself
    assert summary.seconds_for_yourself == 80
    assert [row["outcome"] for row in exported(history, tmp_path)] == [
        "completed",
        "ended_early",
        "snoozed",
        "dismissed",
    ]
    text = summary_text(summary)
    assert "2 breaks" in text
    assert "snooz" not in text and "skip" not in text and "miss" not in text


def test_only_snoozed_reminders_give_the_kind_no_history_line(history):
    history.record(a_break(NOW, 2, Outcome.SNOOZED))
    assert history.summary(7).breaks_taken == 0
    assert summary_text(history.summary(7)) == (
        "No breaks in the last 7 days. Whenever you like, a minute for yourself is here."
    )


def test_window_is_calendar_days_in_the_users_zone(history):
    today_morning = datetime(2026, 11, 29, 0, 5, tzinfo=BERLIN)
    history.record(a_break(today_morning))
    history.record(a_break(datetime(2026, 11, 28, 23, 55, tzinfo=BERLIN)))
    history.record(a_break(datetime(2026, 11, 23, 0, 0, tzinfo=BERLIN)))  # 7th day back
    history.record(a_break(datetime(2026, 11, 22, 23, 59, tzinfo=BERLIN)))  # 8th day back
    history.record(a_break(datetime(2016, 1, 1, 12, 0, tzinfo=BERLIN)))

    assert history.summary(1).breaks_taken == 1
    assert history.summary(1).since == datetime(2026, 11, 29, 0, 0, tzinfo=BERLIN)
    assert history.summary(2).breaks_taken == 2
    assert history.summary(7).breaks_taken == 3
    assert history.summary(None).breaks_taken == 5
    assert history.summary(None).since is None


def test_a_break_recorded_in_another_zone_keeps_its_offset_and_lands_in_the_right_day(
    history, clock, tmp_path
):
    new_york = datetime(2026, 11, 28, 17, 30, tzinfo=ZoneInfo("America/New_York"))  # 23:30 Berlin
    history.record(a_break(new_york))
    assert exported(history, tmp_path)[0]["started"] == "2026-11-28T17:30:00-05:00"
    assert history.summary(1).breaks_taken == 0
    assert history.summary(2).breaks_taken == 1


def test_days_below_one_is_refused(history):
    with pytest.raises(ValueError):
        history.summary(0)


def test_mood_change_averages_only_breaks_with_both_moods(history):
    history.record(a_break(NOW - timedelta(hours=5), before=2, after=4))
    history.record(a_break(NOW - timedelta(hours=4), before=3, after=3))
    history.record(a_break(NOW - timedelta(hours=3), before=None, after=5))
    history.record(a_break(NOW - timedelta(hours=2), before=1, after=None))
    history.record(a_break(NOW - timedelta(hours=1)))

    summary = history.summary(None)

    assert summary.breaks_with_mood == 2
    assert summary.average_mood_change == 1.0
    assert (summary.mood_lighter, summary.mood_same, summary.mood_heavier) == (1, 1, 0)
    # Two breaks are too few for an average: plain counts (issue 15).
    assert (
        "You noted your mood at the start and the end twice: "
        "lighter afterwards once, the same once."
    ) in summary_text(summary)
    assert history.mood_pairs(None) == [(2, 4), (3, 3)]


def test_one_okay_to_calm_break_is_not_clearly_lighter_on_average(history):
    history.record(a_break(NOW - timedelta(hours=1), before=3, after=4))  # okay -> calm
    text = summary_text(history.summary(7))
    assert "average" not in text and "clearly" not in text
    assert text.endswith("once: lighter afterwards once.")


def test_mood_pairs_keep_to_the_window_and_to_breaks_taken(history):
    history.record(a_break(NOW - timedelta(days=10), before=1, after=2))
    history.record(a_break(NOW - timedelta(hours=1), before=4, after=5))
    history.record(a_break(NOW - timedelta(hours=2), before=2, after=2, outcome=Outcome.SNOOZED))
    assert history.mood_pairs(7) == [(4, 5)]
    assert history.mood_pairs(30) == [(1, 2), (4, 5)]


def test_no_moods_means_no_mood_sentence(history):
    history.record(a_break(NOW - timedelta(hours=1)))
    summary = history.summary(None)
    assert summary.breaks_with_mood == 0
    assert summary.average_mood_change is None
    assert "mood" not in summary_text(summary)


def test_clock_jumps_and_suspends_do_not_distort_the_minutes(history):
    history.record(a_break(NOW - timedelta(hours=2), seconds=-3600))  # clock set back mid-break
    history.record(a_break(NOW - timedelta(hours=1), seconds=3 * 3600))  # laptop slept mid-break
    # Not measured (as in a row from before schema 3): at most the planned minute each.
    assert history.summary(None).seconds_for_yourself == 60


def test_minutes_are_the_time_in_the_practice_not_the_wait_on_mood_questions(history):
    # A one-minute break whose window was open 110 s: 50 s went to the two mood questions.
    history.record(replace(a_break(NOW - timedelta(hours=1), seconds=110), practice_seconds=60.0))
    history.record(replace(a_break(NOW, seconds=40), practice_seconds=12.5))

    summary = history.summary(1)

    assert summary.seconds_for_yourself == 72.5
    assert "you took 1 minute for yourself over 2 breaks" in summary_text(summary)


def test_a_break_with_every_step_skipped_is_kept_as_ended_early_with_its_seconds(history):
    history.record(
        replace(a_break(NOW, seconds=32, outcome=Outcome.ENDED_EARLY), practice_seconds=1.5)
    )
    [stored] = history.records()
    assert (stored.outcome, stored.practice_seconds) == (Outcome.ENDED_EARLY, 1.5)
    assert history.summary(None).seconds_for_yourself == 1.5


def test_the_practice_and_a_grounded_end_are_kept_and_counted(history, tmp_path):
    history.record(
        replace(
            a_break(
                NOW - timedelta(minutes=10),
                seconds=150,
                outcome=Outcome.GROUNDED,
                planned=180,
                phrases=("ground-1", "need-4"),
            ),
            practice=Practice.HARD_MOMENT,
            practice_seconds=95.0,
        )
    )
    history.record(a_break(NOW, seconds=4, outcome=Outcome.SNOOZED, phrases=()))

    records = history.records()
    taken = history.records(history.window_start(1), taken_only=True)

    assert [r.practice for r in records] == [Practice.HARD_MOMENT, Practice.MINUTE]
    assert taken == records[:1]
    assert taken[0].phrase_ids == ("ground-1", "need-4")
    assert (history.summary(1).breaks_taken, history.summary(1).seconds_for_yourself) == (1, 95)
    row = exported(history, tmp_path)[0]
    assert (row["outcome"], row["practice"], row["practice_seconds"]) == (
        "grounded",
        "hard-moment",
        "95.0",
    )


# -- a history that lasts ------------------------------------------------------------------


def test_breaks_survive_closing_and_reopening(path, clock):
    with History(path, clock) as history:
        history.record(a_break(NOW, 45, Outcome.ENDED_EARLY, before=2, after=3))
    with History(path, clock) as reopened:
        assert reopened.messages == ()
        summary = reopened.summary(None)
    assert (summary.breaks_taken, summary.seconds_for_yourself) == (1, 45)


def test_the_tray_app_and_a_command_can_write_at_the_same_time(path, clock):
    with History(path, clock) as app, History(path, clock) as command:
        app.record(a_break(NOW - timedelta(minutes=2)))
        command.record(a_break(NOW - timedelta(minutes=1)))
        app.record(a_break(NOW))
        assert command.summary(None).breaks_taken == 3


# -- privacy -------------------------------------------------------------------------------


def test_history_is_private_to_the_user(history, path):
    history.record(a_break(NOW))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    wal = path.with_name(path.name + "-wal")
    assert wal.exists()
    assert stat.S_IMODE(wal.stat().st_mode) == 0o600


def test_an_existing_readable_file_is_made_private(path, clock):
    path.parent.mkdir(parents=True)
    sqlite3.connect(path).close()
    path.chmod(0o644)
    History(path, clock).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_only_phrase_ids_are_stored(history, path):
    history.record(a_break(NOW, phrases=("calm-03", "warmth-11")))
    history.close()
    rows = sqlite3.connect(path).execute("SELECT phrase_ids FROM breaks").fetchall()
    assert rows == [('["calm-03", "warmth-11"]',)]


# -- export and forget ------------------------------------------------------------------------


def test_export_writes_every_entry_as_csv(history, tmp_path):
    history.record(
        a_break(
            datetime(2026, 11, 28, 9, 0, tzinfo=BERLIN),
            45,
            Outcome.ENDED_EARLY,
            trigger=Trigger.REQUEST,
            before=2,
            after=4,
            phrases=("calm-03", "warmth-11"),
        )
    )
    history.record(a_break(datetime(2026, 11, 28, 14, 0, tzinfo=BERLIN), 4, Outcome.SNOOZED))
    target = tmp_path / "out" / "practice.csv"
    target.parent.mkdir()  # an export never creates a folder: a typo should be an error

    assert history.export_csv(target) == 2

    assert target.read_text(encoding="utf-8") == (
        ",".join(CSV_COLUMNS) + "\n"
        "2026-11-28T09:00:00+01:00,2026-11-28T09:00:45+01:00,60,ended_early,request,2,4,"
        "calm-03;warmth-11,minute,,\n"
        "2026-11-28T14:00:00+01:00,2026-11-28T14:00:04+01:00,60,snoozed,reminder,,,calm-01,"
        "minute,,\n"
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_of_an_empty_history_is_just_the_header(history, tmp_path):
    target = tmp_path / "empty.csv"
    assert history.export_csv(target) == 0
    assert target.read_text(encoding="utf-8") == ",".join(CSV_COLUMNS) + "\n"


def test_export_to_an_impossible_place_says_so(history, tmp_path):
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(SaveError, match="could not save"):
        history.export_csv(tmp_path / "a-file" / "out.csv")


def test_forget_deletes_everything_and_leaves_no_trace_on_disk(path, clock, tmp_path):
    path.parent.mkdir(parents=True)
    old_copy = path.with_name(path.name + ".corrupt-20250101T000000")
    old_copy.write_bytes(b"an old damaged copy of the history")
    history = History(path, clock)
    for hour in range(1, 40):
        history.record(a_break(NOW - timedelta(hours=hour), phrases=("secret-phrase-id",)))

    history.forget()

    assert history.summary(None).breaks_taken == 0
    assert history.export_csv(tmp_path / "after.csv") == 0
    assert not old_copy.exists()
    history.record(a_break(NOW))  # life goes on
    assert history.summary(None).breaks_taken == 1
    history.close()
    on_disk = b"".join(
        p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name)
    )
    assert b"secret-phrase-id" not in on_disk


# -- migrations -------------------------------------------------------------------------------


def make_v1_database(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(V1_SQL)
    conn.executemany(
        "INSERT INTO breaks (started, started_utc, ended, planned_seconds, outcome, trigger,"
        " mood_before, mood_after, phrase_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                "2026-11-28T09:00:00+01:00",
                datetime(2026, 11, 28, 9, 0, tzinfo=BERLIN).timestamp(),
                "2026-11-28T09:01:30+01:00",
                120,
                "completed",
                "reminder",
                2,
                3,
                '["calm-01"]',
            ),
            (
                "2026-11-29T10:00:00+01:00",
                datetime(2026, 11, 29, 10, 0, tzinfo=BERLIN).timestamp(),
                "2026-11-29T10:00:30+01:00",
                60,
                "ended_early",
                "request",
                None,
                None,
                "[]",
            ),
        ],
    )
    conn.commit()
    conn.close()


def test_a_version_1_history_is_upgraded_and_keeps_every_break(path, clock, tmp_path):
    make_v1_database(path)

    with History(path, clock) as history:
        assert history.messages == ()
        summary = history.summary(None)
        rows = exported(history, tmp_path)
        history.record(a_break(NOW))

    assert (summary.breaks_taken, summary.seconds_for_yourself) == (2, 120)
    assert summary.average_mood_change == 1.0
    # Version 1 kept the ids of every phrase chosen; which of them showed is not known.
    assert [(row["phrase_ids"], row["planned_phrase_ids"]) for row in rows] == [
        ("", "calm-01"),
        ("", ""),
    ]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    indexes = {row[1] for row in conn.execute("PRAGMA index_list(breaks)")}
    assert "breaks_by_start" in indexes
    conn.close()


# Version 2 exactly as kindtray wrote it before practices, measured seconds and shown phrases.
V2_STEPS = (
    "ALTER TABLE breaks ADD COLUMN ended_utc REAL;"
    "CREATE INDEX breaks_by_start ON breaks (started_utc);"
    "UPDATE breaks SET ended_utc = started_utc + 90;"
    "PRAGMA user_version = 2;"
)


def make_v2_database(path: Path) -> None:
    make_v1_database(path)
    conn = sqlite3.connect(path)
    conn.executescript(V2_STEPS)
    conn.execute(
        "INSERT INTO breaks (started, started_utc, ended, ended_utc, planned_seconds, outcome,"
        " trigger, mood_before, mood_after, phrase_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            "2026-11-29T11:00:00+01:00",
            datetime(2026, 11, 29, 11, 0, tzinfo=BERLIN).timestamp(),
            "2026-11-29T11:00:05+01:00",
            datetime(2026, 11, 29, 11, 0, 5, tzinfo=BERLIN).timestamp(),
            60,
            "snoozed",
            "reminder",
            None,
            None,
            "[]",
        ),
    )
    conn.commit()
    conn.close()


def test_a_version_2_history_keeps_every_row_and_its_meaning(path, clock, tmp_path):
    make_v2_database(path)
    before = sqlite3.connect(path).execute("SELECT * FROM breaks ORDER BY id").fetchall()

    with History(path, clock) as history:
        assert history.messages == ()
        records = history.records()
        summary = history.summary(None)
        rows = exported(history, tmp_path)
        history.record(
            replace(a_break(NOW, outcome=Outcome.GROUNDED), practice=Practice.HARD_MOMENT)
        )
        assert history.count() == 4

    # Every old row is there, with its own values, as the practice it was: the minute.
    assert [
        (r.started.isoformat(), r.ended.isoformat(), r.planned_seconds, r.outcome, r.trigger)
        + (r.mood_before, r.mood_after)
        for r in records
    ] == [(row[1], row[3], row[4], row[5], row[6], row[7], row[8]) for row in before]
    assert {r.practice for r in records} == {Practice.MINUTE}
    assert [r.practice_seconds for r in records] == [None, None, None]  # never measured
    assert [(r.phrase_ids, r.planned_phrase_ids) for r in records] == [
        ((), ("calm-01",)),
        ((), ()),
        ((), ()),
    ]
    # Not measured: the open window counts, at most the planned length (as before, bar the cap).
    assert (summary.breaks_taken, summary.seconds_for_yourself) == (2, 150)
    assert [row["outcome"] for row in rows] == ["completed", "ended_early", "snoozed"]
    assert [row["practice"] for row in rows] == ["minute"] * 3
    assert list(rows[0]) == list(CSV_COLUMNS)


def test_a_migration_that_fails_half_way_leaves_the_version_2_file_as_it_was(
    path, clock, monkeypatch
):
    import kindtray.storage.history as storage

    make_v2_database(path)
    before = sqlite3.connect(path).execute("SELECT * FROM breaks ORDER BY id").fetchall()
    broken = storage.MIGRATIONS[2]
    statements = (*broken.statements[:3], "ALTER TABLE no_such_table RENAME TO x")
    monkeypatch.setattr(
        storage, "MIGRATIONS", (*storage.MIGRATIONS[:2], replace(broken, statements=statements))
    )
    with pytest.raises(storage._Unusable):
        storage._migrate(sqlite3.connect(path, isolation_level=None))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert conn.execute("SELECT * FROM breaks ORDER BY id").fetchall() == before
    conn.close()


def test_an_up_to_date_history_is_not_migrated_again(path, clock):
    make_v1_database(path)
    History(path, clock).close()
    with History(path, clock) as again:
        assert again.messages == ()
        assert again.summary(None).breaks_taken == 2


def test_a_history_from_a_newer_kindtray_is_left_untouched(path, clock):
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE breaks_v9 (x); PRAGMA user_version = 9;")
    conn.close()
    before = path.read_bytes()

    with History(path, clock) as history:
        assert "newer version of kindtray" in history.messages[0]
        assert not history.persistent
        history.record(a_break(NOW))  # the break still works, kept in memory
        assert history.summary(None).breaks_taken == 1

    assert path.read_bytes() == before
    assert list(path.parent.glob("*.corrupt-*")) == []


def test_forget_never_claims_to_delete_a_file_it_could_not_open(path, clock):
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE breaks_v9 (x); PRAGMA user_version = 9;")
    conn.close()
    with History(path, clock) as history, pytest.raises(SaveError, match="not deleted"):
        history.forget()
    assert path.exists()


# -- damaged files ----------------------------------------------------------------------------


def assert_kept_aside_and_fresh(history: History, path: Path, original: bytes) -> None:
    assert len(history.messages) == 1
    assert history.backup is not None
    assert history.backup.name == "history.sqlite3.corrupt-20261129T150000"
    assert str(history.backup) in history.messages[0]
    assert history.backup.read_bytes() == original
    assert history.persistent
    history.record(a_break(NOW))
    assert history.summary(None).breaks_taken == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all\n" * 200, b"SQLite format 3\x00" + b"\xff" * 5000],
    ids=["text", "bad-header"],
)
def test_a_damaged_file_is_kept_aside_and_a_fresh_history_starts(path, clock, content):
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with History(path, clock) as history:
        assert "damaged or not a database" in history.messages[0]
        assert_kept_aside_and_fresh(history, path, content)


def test_a_truncated_history_is_kept_aside(path, clock):
    with History(path, clock) as history:
        for day in range(300):
            history.record(a_break(NOW - timedelta(days=day), phrases=("x" * 200,)))
    data = path.read_bytes()
    cut = data[: len(data) // 2]
    path.write_bytes(cut)
    with History(path, clock) as history:
        assert_kept_aside_and_fresh(history, path, cut)


def test_someone_elses_database_is_kept_aside(path, clock):
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    original = path.read_bytes()
    with History(path, clock) as history:
        assert "not a kindtray history" in history.messages[0]
        assert_kept_aside_and_fresh(history, path, original)


def test_a_history_locked_by_another_program_is_not_mistaken_for_damage(path, clock, monkeypatch):
    monkeypatch.setattr("kindtray.storage.history.BUSY_TIMEOUT_SECONDS", 0.05)
    make_v1_database(path)
    before = path.read_bytes()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with History(path, clock) as history:
            assert "could not be opened" in history.messages[0]
            assert history.backup is None
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert path.read_bytes() == before
    assert list(path.parent.glob("*.corrupt-*")) == []
    with History(path, clock) as later:  # once the other program is done, all is there
        assert later.messages == ()
        assert later.summary(None).breaks_taken == 2


def test_an_empty_file_simply_becomes_a_history(path, clock):
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    with History(path, clock) as history:
        assert history.messages == ()
        assert history.persistent


def test_a_history_that_cannot_be_created_does_not_stop_kindtray(tmp_path, clock):
    (tmp_path / "data").write_text("a file where the folder should be")
    with History(tmp_path / "data" / "history.sqlite3", clock) as history:
        assert "could not be opened" in history.messages[0]
        assert "not saved" in history.messages[0]
        history.record(a_break(NOW))
        assert history.summary(None).breaks_taken == 1


# -- a kill at any moment --------------------------------------------------------------------

WRITER = """
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from kindtray.core.clock import FakeClock
from kindtray.core.history import BreakRecord, Outcome, Trigger
from kindtray.storage.history import History

start = datetime(2026, 1, 1, tzinfo=timezone.utc)
print("opening", flush=True)
history = History(Path(sys.argv[1]), FakeClock(start))
if history.messages:
    print("problem", history.messages, flush=True)
    sys.exit(3)
k = history.count()
while True:
    t = start + timedelta(minutes=k)
    history.record(BreakRecord(t, t + timedelta(seconds=30 + k % 270), 30 + k % 270,
                   Outcome.COMPLETED, Trigger.REQUEST, 1 + k % 5, 1 + (k + 1) % 5,
                   (f"calm-{k}",)))
    k += 1
    print(k, flush=True)
"""


def test_a_kill_at_any_moment_leaves_an_intact_history(path, clock, tmp_path):
    # A bare interpreter (-S) keeps each writer's start quick; it finds kindtray via PYTHONPATH.
    env = os.environ | {"PYTHONPATH": str(Path(kindtray.__file__).parent.parent)}
    rng = random.Random(20261129)
    # Start from a version 1 file big enough that the first kills land inside its migration.
    committed = 3000
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path)
    conn.executescript(V1_SQL)
    start = datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC"))
    conn.executemany(
        "INSERT INTO breaks (started, started_utc, ended, planned_seconds, outcome, trigger,"
        " mood_before, mood_after, phrase_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                (start + timedelta(minutes=k)).isoformat(),
                (start + timedelta(minutes=k)).timestamp(),
                (start + timedelta(minutes=k, seconds=30 + k % 270)).isoformat(),
                30 + k % 270,
                "completed",
                "request",
                1 + k % 5,
                1 + (k + 1) % 5,
                f'["calm-{k}"]',
            )
            for k in range(committed)
        ],
    )
    conn.commit()
    conn.close()
    for attempt in range(20):
        writer = subprocess.Popen(
            [sys.executable, "-S", "-c", WRITER, str(path)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert writer.stdout is not None
        # Kill while opening, or after some number of committed rows, mid-way into the next.
        lines_before_kill = 1 if attempt < 5 else rng.choice([1, 1, 2, 5, 20, 60])
        last = ""
        for _ in range(lines_before_kill):
            last = writer.stdout.readline().strip()
        # A chosen moment, not a wait for anything: the first kills step through the opening
        # (0-12 ms after "opening": the WAL switch, the v1 -> v3 migrations); later ones at random.
        time.sleep(attempt * 0.003 if attempt < 5 else rng.uniform(0, 0.002))
        writer.send_signal(signal.SIGKILL)
        rest = writer.communicate()[0].split()
        assert writer.returncode == -signal.SIGKILL, rest
        numbers = [int(n) for n in [last, *rest] if n.isdigit()]
        committed = max([committed, *numbers])

        with History(path, clock) as history:
            assert history.messages == ()
            rows = exported(history, tmp_path)
            spent = history.summary(None).seconds_for_yourself
        assert len(rows) >= committed
        assert spent == sum(30 + k % 270 for k in range(len(rows)))  # migrated rows add up too
        for k, row in enumerate(rows):
            # Rows from the version 1 file keep their chosen phrases as chosen, not as shown.
            assert row["planned_phrase_ids" if k < 3000 else "phrase_ids"] == f"calm-{k}"
            assert row["ended"] == (start + timedelta(minutes=k, seconds=30 + k % 270)).isoformat()
            assert row["planned_seconds"] == str(30 + k % 270)
            assert row["mood_before"] == str(1 + k % 5)
            assert row["mood_after"] == str(1 + (k + 1) % 5)
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.close()
    assert committed > 3020


# -- ten years of daily use -------------------------------------------------------------------


def test_ten_years_of_breaks_stay_instant(path, clock):
    History(path, clock).close()
    rng = random.Random(7)
    rows = []
    for i in range(50_000):
        started = NOW - timedelta(minutes=i * 105)  # about 14 a day for ten years
        rows.append(
            (
                started.isoformat(),
                started.timestamp(),
                started.isoformat(),
                started.timestamp() + 60,
                60,
                rng.choice(["completed", "ended_early", "snoozed", "dismissed"]),
                "reminder",
                rng.choice([None, 1, 2, 3, 4, 5]),
                rng.choice([None, 1, 2, 3, 4, 5]),
                '["calm-01"]',
            )
        )
    conn = sqlite3.connect(path)
    conn.executemany(
        "INSERT INTO breaks (started, started_utc, ended, ended_utc, planned_seconds, outcome,"
        " trigger, mood_before, mood_after, phrase_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.commit()
    conn.close()

    with History(path, clock) as history:
        statements: list[str] = []
        history._conn.set_trace_callback(statements.append)
        began = time.perf_counter()
        month = history.summary(30)
        month_seconds = time.perf_counter() - began
        history._conn.set_trace_callback(None)
        plans = [
            " ".join(str(row[-1]) for row in history._conn.execute("EXPLAIN QUERY PLAN " + sql))
            for sql in statements
            if sql.lstrip().upper().startswith("SELECT")
        ]
        began = time.perf_counter()
        everything = history.summary(None)
        everything_seconds = time.perf_counter() - began

    assert 0 < month.breaks_taken < everything.breaks_taken < 50_000
    # The figures are for the closing notes, never a timed assertion (a busy machine is slow):
    # what keeps a month's summary instant however long the history grows is that it reads
    # only the month, through the index on the start time, instead of scanning every row.
    print(
        f"summary(30) {month_seconds * 1e3:.2f} ms, summary(None) {everything_seconds * 1e3:.2f} ms"
    )
    assert plans, "the summary ran no query"
    assert all("breaks_by_start" in plan for plan in plans), plans


def test_practices_are_counted_by_kind_within_the_window(history):
    history.record(a_break(NOW - timedelta(hours=1)))
    for ago in (timedelta(hours=2), timedelta(days=9)):
        history.record(replace(a_break(NOW - ago), practice=Practice.HARD_MOMENT))
    history.record(a_break(NOW - timedelta(hours=3), outcome=Outcome.DISMISSED))
    assert history.practice_counts(7) == {Practice.MINUTE: 1, Practice.HARD_MOMENT: 1}
    assert history.practice_counts(None) == {Practice.MINUTE: 1, Practice.HARD_MOMENT: 2}
