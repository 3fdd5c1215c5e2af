"""The practice history as data: one record per break, and the gentle summary of it in words.

Owns: what a break record is (and what it may hold: phrase ids, never phrase texts), what a
summary over a window of days holds, and how a summary is said. Pure: the SQLite file that
stores the records is ``kindtray.storage.history``.

Summaries never count against the user: a snoozed or dismissed reminder is stored (so the
export is complete) but does not appear in a summary at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

__all__ = [
    "MOOD_LEVELS",
    "TAKEN",
    "BreakRecord",
    "Outcome",
    "Practice",
    "Summary",
    "Trigger",
    "mood_change_words",
    "summary_text",
]

MOOD_LEVELS = range(1, 6)


class Outcome(StrEnum):
    """How a break (or the reminder inviting to it) ended."""

    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"
    GROUNDED = "grounded"
    SNOOZED = "snoozed"
    DISMISSED = "dismissed"


class Practice(StrEnum):
    """Which practice a break was. Records from before practices were kept are ``MINUTE``."""

    MINUTE = "minute"
    HARD_MOMENT = "hard-moment"
    WIND_DOWN = "wind-down"
    LOVING_KINDNESS = "loving-kindness"


class Trigger(StrEnum):
    """What opened the break: a reminder, or the user asking for one."""

    REMINDER = "reminder"
    REQUEST = "request"


# Breaks the user actually opened: any of them is time taken for yourself.
TAKEN = (Outcome.COMPLETED, Outcome.ENDED_EARLY)


@dataclass(frozen=True)
class BreakRecord:
    """One break as stored: when, how long it was meant to be, how it ended, moods, phrases.

    ``started`` and ``ended`` are aware datetimes (for a snoozed or dismissed reminder: when it
    was shown and when the user answered). Moods are 1 (heavy) .. 5 (light) or None when the
    user skipped the mood tap. ``phrase_ids`` are library ids, never phrase texts.
    """

    started: datetime
    ended: datetime
    planned_seconds: int
    outcome: Outcome
    trigger: Trigger
    mood_before: int | None = None
    mood_after: int | None = None
    phrase_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.started.tzinfo is None or self.ended.tzinfo is None:
            raise ValueError("started and ended must be aware datetimes (with a time zone)")
        if isinstance(self.planned_seconds, bool) or not isinstance(self.planned_seconds, int):
            raise ValueError("planned_seconds must be a whole number of seconds")
        if self.planned_seconds <= 0:
            raise ValueError("planned_seconds must be positive")
        object.__setattr__(self, "outcome", Outcome(self.outcome))
        object.__setattr__(self, "trigger", Trigger(self.trigger))
        for name in ("mood_before", "mood_after"):
            mood = getattr(self, name)
            if mood is not None and (
                isinstance(mood, bool) or not isinstance(mood, int) or mood not in MOOD_LEVELS
            ):
                raise ValueError(f"{name} must be 1..5 or None, not {mood!r}")
        ids = tuple(self.phrase_ids)
        for phrase_id in ids:
            # Ids are short tokens; anything with spaces is most likely a phrase text by mistake.
            if (
                not isinstance(phrase_id, str)
                or not phrase_id
                or any(c.isspace() for c in phrase_id)
            ):
                raise ValueError(f"phrase ids must be short tokens without spaces: {phrase_id!r}")
        object.__setattr__(self, "phrase_ids", ids)


@dataclass(frozen=True)
class Summary:
    """What the user's practice looked like over a window of days (or all time).

    ``since`` is the start of the window (local midnight ``days - 1`` days before today), or
    None for all time. Only breaks the user opened are counted; reminders that were snoozed or
    dismissed are not part of a summary.
    """

    days: int | None
    since: datetime | None
    breaks_taken: int
    seconds_for_yourself: float
    breaks_with_mood: int
    average_mood_change: float | None

    @property
    def minutes_for_yourself(self) -> float:
        """Time spent in breaks, in minutes."""
        return self.seconds_for_yourself / 60


# -- words for a summary ------------------------------------------------------------------------


def mood_change_words(change: float) -> str:
    """Say in words how mood moved on average from before a break to after it.

    Args:
        change: average of (mood after - mood before), on the 1..5 scale.
    """
    if change >= 1.0:
        return "clearly lighter afterwards"
    if change >= 0.25:
        return "a little lighter afterwards"
    if change > -0.25:
        return "about the same before and after"
    if change > -1.0:
        return "a little heavier afterwards"
    return "heavier afterwards"


def summary_text(summary: Summary) -> str:
    """Return a gentle summary in plain words: time taken for yourself, and mood if noted.

    Nothing here counts what did not happen: no streaks, no skipped breaks.
    """
    if summary.days is None:
        when, nothing = "Since you started,", "No breaks yet."
    elif summary.days == 1:
        when, nothing = "Today", "No break yet today."
    else:
        when, nothing = (
            f"In the last {summary.days} days",
            f"No breaks in the last {summary.days} days.",
        )
    if summary.breaks_taken == 0:
        return f"{nothing} Whenever you like, a minute for yourself is here."
    breaks = _plural(summary.breaks_taken, "break")
    lines = [
        f"{when} you took {_duration(summary.seconds_for_yourself)} for yourself over {breaks}."
    ]
    if summary.breaks_with_mood and summary.average_mood_change is not None:
        times = {1: "once", 2: "twice"}.get(summary.breaks_with_mood)
        times = times or f"{summary.breaks_with_mood} times"
        words = mood_change_words(summary.average_mood_change)
        lines.append(f"When you noted your mood ({times}), it was on average {words}.")
        if summary.average_mood_change <= -0.25:
            lines.append("Some moments are heavy; meeting them kindly still counts.")
    return " ".join(lines)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _duration(seconds: float) -> str:
    if seconds < 60:
        return "less than a minute"
    minutes = round(seconds / 60)
    if minutes < 120:
        return _plural(minutes, "minute")
    half_hours = round(seconds / 1800)
    hours = f"{half_hours // 2}" if half_hours % 2 == 0 else f"{half_hours / 2:.1f}"
    return f"about {hours} hours"
