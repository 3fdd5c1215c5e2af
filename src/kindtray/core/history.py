"""The practice history as data: one record per break, and what a summary of it holds.

Owns: what a break record is (and what it may hold: phrase ids, never phrase texts), which
practices and outcomes there are, how much time a record counts for, what a summary over a
window of days holds. Pure: the SQLite file that stores the records is
``kindtray.storage.history``; how a summary is said, in the person's language, is
``kindtray.session.summary_words``.

A record says no more than happened: the ids of the phrases that were on screen (not all those
chosen), the seconds spent in the guided steps (not the wait on a mood question), and
"completed" only for a break the person stayed with (see ``session.break_flow``).

Summaries never count against the user: a snoozed or dismissed reminder is stored (so the
export is complete) but does not appear in a summary at all.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

__all__ = [
    "MIN_BREAKS_FOR_WORDS",
    "MOOD_LEVELS",
    "TAKEN",
    "BreakRecord",
    "MoodPicture",
    "Outcome",
    "Practice",
    "Summary",
    "Trigger",
    "mood_picture",
]

MOOD_LEVELS = range(1, 6)
#: Below this many breaks with a mood both before and after, a summary gives plain counts
#: only: an average of one or two breaks says nothing honest about anyone.
MIN_BREAKS_FOR_WORDS = 5


class Outcome(StrEnum):
    """How a break (or the reminder inviting to it) ended.

    ``COMPLETED``: the break ran to its end and the person stayed with most of it.
    ``ENDED_EARLY``: "Not now", Esc, the window closed, or the end reached by skipping most
    of the steps. ``GROUNDED``: the hard-moment practice ended by its "Ground me" way out.
    ``SNOOZED`` and ``DISMISSED`` are answers to a reminder: no break was opened.
    """

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
TAKEN = (Outcome.COMPLETED, Outcome.ENDED_EARLY, Outcome.GROUNDED)


@dataclass(frozen=True)
class BreakRecord:
    """One break as stored: when, which practice, how long, how it ended, moods, phrases.

    ``started`` and ``ended`` are aware datetimes (for a snoozed or dismissed reminder: when it
    was shown and when the user answered). Moods are 1 (heavy) .. 5 (light) or None when the
    user skipped the mood tap. ``phrase_ids`` are the library ids of the phrases shown, in the
    order shown; never phrase texts. ``practice_seconds`` is the time spent in the guided steps
    (mood questions and the farewell not counted); None when not measured: a reminder that was
    only answered, or a break recorded before kindtray measured it.

    ``planned_phrase_ids`` only comes from histories written before the shown phrases were
    kept: then the ids of every phrase chosen for the break, shown or not (new records leave
    it empty and their ``phrase_ids`` empty means none was shown).
    """

    started: datetime
    ended: datetime
    planned_seconds: int
    outcome: Outcome
    trigger: Trigger
    mood_before: int | None = None
    mood_after: int | None = None
    phrase_ids: tuple[str, ...] = ()
    practice: Practice = Practice.MINUTE
    practice_seconds: float | None = None
    planned_phrase_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.started.tzinfo is None or self.ended.tzinfo is None:
            raise ValueError("started and ended must be aware datetimes (with a time zone)")
        if isinstance(self.planned_seconds, bool) or not isinstance(self.planned_seconds, int):
            raise ValueError("planned_seconds must be a whole number of seconds")
        if self.planned_seconds <= 0:
            raise ValueError("planned_seconds must be positive")
        object.__setattr__(self, "outcome", Outcome(self.outcome))
        object.__setattr__(self, "trigger", Trigger(self.trigger))
        object.__setattr__(self, "practice", Practice(self.practice))
        seconds = self.practice_seconds
        if seconds is not None and (
            isinstance(seconds, bool)
            or not isinstance(seconds, int | float)
            or not math.isfinite(seconds)
            or seconds < 0
        ):
            raise ValueError(f"practice_seconds must be 0 or more, or None, not {seconds!r}")
        for name in ("mood_before", "mood_after"):
            mood = getattr(self, name)
            if mood is not None and (
                isinstance(mood, bool) or not isinstance(mood, int) or mood not in MOOD_LEVELS
            ):
                raise ValueError(f"{name} must be 1..5 or None, not {mood!r}")
        for name in ("phrase_ids", "planned_phrase_ids"):
            object.__setattr__(self, name, _phrase_ids(getattr(self, name)))

    @property
    def counted_seconds(self) -> float:
        """The time this break counts for in a summary (0 for a reminder only answered).

        The measured time in the practice; for a break recorded before it was measured, the
        time the window was open, at most the planned length (that time held the mood taps).
        """
        if self.outcome not in TAKEN:
            return 0.0
        if self.practice_seconds is not None:
            return float(self.practice_seconds)
        open_seconds = (self.ended - self.started).total_seconds()
        return float(min(max(open_seconds, 0.0), self.planned_seconds))


def _phrase_ids(value: tuple[str, ...]) -> tuple[str, ...]:
    ids = tuple(value)
    for phrase_id in ids:
        # Ids are short tokens; anything with spaces is most likely a phrase text by mistake.
        if not isinstance(phrase_id, str) or not phrase_id or any(c.isspace() for c in phrase_id):
            raise ValueError(f"phrase ids must be short tokens without spaces: {phrase_id!r}")
    return ids


@dataclass(frozen=True)
class Summary:
    """What the user's practice looked like over a window of days (or all time).

    ``since`` is the start of the window (local midnight ``days - 1`` days before today), or
    None for all time. Only breaks the user opened are counted; reminders that were snoozed or
    dismissed are not part of a summary. ``seconds_for_yourself`` sums each break's
    ``BreakRecord.counted_seconds``: time in the practice, not time the window was open.
    """

    days: int | None
    since: datetime | None
    breaks_taken: int
    seconds_for_yourself: float
    breaks_with_mood: int
    average_mood_change: float | None
    # Of the breaks with both moods: how many ended lighter, the same, heavier.
    mood_lighter: int = 0
    mood_same: int = 0
    mood_heavier: int = 0

    @property
    def minutes_for_yourself(self) -> float:
        """Time spent in the practice, in minutes."""
        return self.seconds_for_yourself / 60


@dataclass(frozen=True)
class MoodPicture:
    """How often each mood was noted at the start and at the end of breaks with both moods.

    ``before[i]`` and ``after[i]`` count mood ``i + 1`` (1 heavy .. 5 light). Only breaks with
    both moods count, so both rows add up to the same number.
    """

    before: tuple[int, ...]
    after: tuple[int, ...]

    @property
    def breaks(self) -> int:
        """How many breaks the picture is drawn from."""
        return sum(self.before)


def mood_picture(pairs: Iterable[tuple[int, int]]) -> MoodPicture:
    """Count (mood before, mood after) pairs per mood level for a picture of them."""
    before = [0] * len(MOOD_LEVELS)
    after = [0] * len(MOOD_LEVELS)
    for start, end in pairs:
        before[start - MOOD_LEVELS.start] += 1
        after[end - MOOD_LEVELS.start] += 1
    return MoodPicture(tuple(before), tuple(after))
