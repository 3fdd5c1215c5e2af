"""A break record and a summary as data, and the words a summary is said in (no file)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from kindtray.core.history import (
    MIN_BREAKS_FOR_WORDS,
    BreakRecord,
    MoodPicture,
    Outcome,
    Practice,
    Summary,
    Trigger,
    mood_picture,
)
from kindtray.session.summary_words import (
    mood_change_words,
    mood_words,
    practice_counts_text,
    summary_text,
)

NOW = datetime(2026, 11, 29, 15, 0, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (2.0, "a little lighter afterwards"),
        (0.5, "a little lighter afterwards"),
        (0.0, "about the same before and after"),
        (-0.5, "a little heavier afterwards"),
        (-1.5, "a little heavier afterwards"),
    ],
)
def test_mood_change_has_words(change, words):
    assert mood_change_words(change) == words


def test_a_heavier_mood_is_met_kindly():
    summary = Summary(7, None, 5, 300.0, 5, -1.0, 0, 1, 4)
    text = summary_text(summary)
    assert "a little heavier afterwards" in text
    assert "meeting them kindly still counts" in text


# Issue 15: one break that went okay -> calm was "on average clearly lighter".
def test_one_break_is_a_plain_count_never_an_average():
    summary = Summary(None, None, 1, 60.0, 1, 1.0, mood_lighter=1)
    text = summary_text(summary)
    assert text == (
        "Since you started, you took 1 minute for yourself over 1 break. "
        "You noted your mood at the start and the end once: lighter afterwards once."
    )
    assert mood_words(summary) is None


@pytest.mark.parametrize("with_mood", range(1, MIN_BREAKS_FOR_WORDS))
def test_below_the_minimum_no_average_nor_trend_words(with_mood):
    lighter = with_mood - 1
    summary = Summary(30, None, with_mood, 60.0 * with_mood, with_mood, 2.0, lighter, 1, 0)
    text = summary_text(summary)
    for overstatement in ("average", "clearly", "a little", "trend"):
        assert overstatement not in text
    assert "the same once" in text


def test_enough_breaks_get_soft_words_only():
    summary = Summary(30, None, 6, 360.0, 6, 2.0, 6, 0, 0)
    text = summary_text(summary)
    assert text.endswith(
        "When you noted your mood at the start and the end (6 times), "
        "it was a little lighter afterwards, on average."
    )
    assert "clearly" not in text


def test_a_mood_picture_counts_each_level_at_the_start_and_the_end():
    picture = mood_picture([(3, 4), (3, 3), (1, 5)])
    assert picture == MoodPicture(before=(1, 0, 2, 0, 0), after=(0, 0, 1, 1, 1))
    assert picture.breaks == 3


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
        {"practice": "yoga"},
        {"practice_seconds": -1.0},
        {"practice_seconds": float("nan")},
        {"practice_seconds": True},
        {"planned_phrase_ids": ("Be kind",)},
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


@pytest.mark.parametrize(
    ("outcome", "open_seconds", "practice_seconds", "counted"),
    [
        (Outcome.COMPLETED, 115, 60.0, 60.0),  # the mood questions' wait is not counted
        (Outcome.ENDED_EARLY, 32, 2.5, 2.5),  # every step skipped
        (Outcome.GROUNDED, 150, 140.0, 140.0),
        (Outcome.COMPLETED, 115, None, 60.0),  # not measured (older record): at most planned
        (Outcome.ENDED_EARLY, 20, None, 20.0),
        (Outcome.COMPLETED, -30, None, 0.0),  # the clock set back mid-break
        (Outcome.SNOOZED, 5, None, 0.0),  # only a reminder answered: no break taken
    ],
)
def test_a_record_counts_its_time_in_the_practice(outcome, open_seconds, practice_seconds, counted):
    record = BreakRecord(
        NOW,
        NOW + timedelta(seconds=open_seconds),
        60,
        outcome,
        Trigger.REMINDER,
        practice_seconds=practice_seconds,
    )
    assert record.counted_seconds == counted


def test_a_record_is_the_minute_unless_it_says_otherwise():
    # As read back from a file: plain words, checked and made into their kinds.
    stored: dict[str, Any] = {
        "outcome": "grounded",
        "trigger": "request",
        "practice": "hard-moment",
    }
    record = BreakRecord(NOW, NOW, 60, **stored)
    assert (record.outcome, record.practice) == (Outcome.GROUNDED, Practice.HARD_MOMENT)
    assert BreakRecord(NOW, NOW, 60, Outcome.COMPLETED, Trigger.REQUEST).practice is Practice.MINUTE


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({}, None),
        ({Practice.MINUTE: 4}, None),
        ({Practice.HARD_MOMENT: 1}, "1 hard moment"),
        (
            {Practice.WIND_DOWN: 2, Practice.MINUTE: 5, Practice.LOVING_KINDNESS: 1},
            "5 one-minute breaks, 2 evening wind-downs and 1 loving-kindness minute",
        ),
    ],
)
def test_practices_are_counted_by_kind_only_when_there_is_more_than_the_minute(counts, expected):
    assert practice_counts_text(counts) == expected
