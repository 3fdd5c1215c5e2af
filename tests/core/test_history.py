"""A break record and a summary as data, and the words a summary is said in (no file)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kindtray.core.history import (
    BreakRecord,
    Outcome,
    Summary,
    Trigger,
    mood_change_words,
    summary_text,
)

NOW = datetime(2026, 11, 29, 15, 0, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (2.0, "clearly lighter afterwards"),
        (0.5, "a little lighter afterwards"),
        (0.0, "about the same before and after"),
        (-0.5, "a little heavier afterwards"),
        (-1.5, "heavier afterwards"),
    ],
)
def test_mood_change_has_words(change, words):
    assert mood_change_words(change) == words


def test_a_heavier_mood_is_met_kindly():
    summary = Summary(7, None, 3, 180.0, 3, -1.0)
    text = summary_text(summary)
    assert "heavier afterwards" in text
    assert "meeting them kindly still counts" in text


@pytest.mark.parametrize(
    ("seconds", "count", "expected"),
    [
        (30, 1, "Since you started, you took less than a minute for yourself over 1 break."),
        (540, 9, "Since you started, you took 9 minutes for yourself over 9 breaks."),
        (5 * 3600, 300, "Since you started, you took about 5 hours for yourself over 300 breaks."),
        (9000, 150, "Since you started, you took about 2.5 hours for yourself over 150 breaks."),
    ],
)
def test_time_for_yourself_reads_naturally(seconds, count, expected):
    assert summary_text(Summary(None, None, count, seconds, 0, None)) == expected


# -- what a record may hold -------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"started": datetime(2026, 1, 1, 12, 0)},
        {"mood_before": 0},
        {"mood_after": 6},
        {"mood_after": True},
        {"planned_seconds": 0},
        {"outcome": "forgotten"},
        {"phrase_ids": ("May I be kind to myself",)},  # a text, not an id
    ],
)
def test_a_record_that_makes_no_sense_is_refused(change):
    fields = {
        "started": NOW,
        "ended": NOW + timedelta(minutes=1),
        "planned_seconds": 60,
        "outcome": Outcome.COMPLETED,
        "trigger": Trigger.REQUEST,
    } | change
    with pytest.raises(ValueError):
        BreakRecord(**fields)
