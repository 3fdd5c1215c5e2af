"""`kindtray history` and `kindtray stats` on a history written by the previous kindtray.

The history's schema 3 rebuilt the table; a person's file from schema 2 must still export
every break, with the new columns, and count its minutes as before.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kindtray.cli import main
from kindtray.paths import default_paths
from kindtray.storage.history import CSV_COLUMNS
from tests.storage.test_history import V1_SQL, V2_STEPS


def make_schema_2_history(config_dir: Path) -> Path:
    """Two breaks and a snoozed reminder, as kindtray's schema 2 wrote them."""
    path = default_paths(config_dir).history_file
    path.parent.mkdir(parents=True)
    now = datetime.now().astimezone().replace(microsecond=0)
    rows = [
        (now - timedelta(hours=3), 110, "completed", 2, 4, '["arrive-1", "kind-2"]'),
        (now - timedelta(hours=2), 20, "ended_early", None, None, '["arrive-3"]'),
        (now - timedelta(hours=1), 4, "snoozed", None, None, "[]"),
    ]
    conn = sqlite3.connect(path)
    conn.executescript(V1_SQL.replace("PRAGMA user_version = 1;", ""))
    conn.executemany(
        "INSERT INTO breaks (started, started_utc, ended, planned_seconds, outcome, trigger,"
        " mood_before, mood_after, phrase_ids) VALUES (?, ?, ?, 60, ?, 'reminder', ?, ?, ?)",
        [
            (start.isoformat(), start.timestamp(), (start + timedelta(seconds=s)).isoformat())
            + (outcome, before, after, ids)
            for start, s, outcome, before, after, ids in rows
        ],
    )
    conn.executescript(V2_STEPS)
    conn.executemany(
        "UPDATE breaks SET ended_utc = ? WHERE started_utc = ?",
        [((start + timedelta(seconds=s)).timestamp(), start.timestamp()) for start, s, *_ in rows],
    )
    conn.commit()
    conn.close()
    return path


def test_history_export_reads_a_schema_2_file_and_adds_the_new_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_schema_2_history(tmp_path)

    assert main(["--config-dir", str(tmp_path), "history", "--csv", "-"]) == 0

    out = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out.out)))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [(r["outcome"], r["practice"], r["practice_seconds"]) for r in rows] == [
        ("completed", "minute", ""),
        ("ended_early", "minute", ""),
        ("snoozed", "minute", ""),
    ]
    # Schema 2 kept the phrases chosen for a break; which of them showed was never known.
    assert [(r["phrase_ids"], r["planned_phrase_ids"]) for r in rows] == [
        ("", "arrive-1;kind-2"),
        ("", "arrive-3"),
        ("", ""),
    ]
    assert "Saved 3 entries" in out.err


def test_stats_on_a_schema_2_file_count_no_more_than_the_planned_minute(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_schema_2_history(tmp_path)
    assert main(["--config-dir", str(tmp_path), "stats", "--all"]) == 0
    # 110 s open (mood questions waited on) counts as the planned 60 s; 20 s as 20 s.
    assert capsys.readouterr().out.startswith(
        "Since you started, you took 1 minute for yourself over 2 breaks."
    )
